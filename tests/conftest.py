import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def collected_static(django_db_blocker):
    """Pages reference hashed static files, as in production, so collect them once per run."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def seeded(db):
    """The two seed documents, loaded the way `make run` loads them."""
    call_command("load_seed_content", verbosity=0)
