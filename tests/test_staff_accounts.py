"""`manage.py create_staff_account` gives editors and reviewers a login in the right group, and a
reviewer the author entry patients see; anything wrong is refused by name and creates nothing."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from conditions.models import Author, Condition
from conditions.services import reviewer_profile
from tests.factories import make_condition
from tests.workflow import publish

PASSWORD = "a-long-staff-password-7"
REVIEWER = [
    "--role", "reviewer", "--username", "rui", "--email", "rui@clinic.example",
    "--name", "Dr Rui Reviewer", "--credentials", "MD, Consultant Neurologist",
    "--password-from-env", "STAFF_PASSWORD",
]  # fmt: skip
EDITOR = [
    "--role", "editor", "--username", "edith", "--email", "edith@example.org",
    "--name", "Edith Editor", "--password-from-env", "STAFF_PASSWORD",
]  # fmt: skip


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)


def create(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("create_staff_account", *args, stdout=out)
    return out.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        create(*args)
    return str(error.value)


def replaced(args: list[str], option: str, value: str) -> list[str]:
    at = args.index(option) + 1
    return [*args[:at], value, *args[at + 1 :]]


def signs_in(username: str) -> bool:
    """Signs in on the admin's login page, as the new colleague will."""
    response = Client().post(
        "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}
    )
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_a_reviewer_gets_a_login_their_group_and_the_author_entry_patients_see(db):
    assert create(*REVIEWER) == "Created the login “rui” in the group “Clinical reviewer”.\n"

    user = User.objects.get(username="rui")
    assert user.is_staff and not user.is_superuser
    assert [g.name for g in user.groups.all()] == ["Clinical reviewer"]
    assert user.get_full_name() == "Dr Rui Reviewer" and user.email == "rui@clinic.example"
    profile = reviewer_profile(user)
    assert (profile.name, profile.credentials) == ("Dr Rui Reviewer", "MD, Consultant Neurologist")
    assert signs_in("rui")
    publish(make_condition(status=Condition.Status.IN_REVIEW), by=user)  # may publish at once


def test_an_editor_gets_a_login_in_the_editor_group_and_no_author_entry(db):
    create(*EDITOR)

    user = User.objects.get(username="edith")
    assert [g.name for g in user.groups.all()] == ["Editor"]
    assert not user.has_perm("conditions.publish_condition")
    assert user.has_perm("conditions.change_condition")
    assert Author.objects.count() == 0
    assert signs_in("edith")


def test_running_it_twice_refuses_the_second_and_changes_nothing(db, monkeypatch):
    create(*REVIEWER)
    monkeypatch.setenv("STAFF_PASSWORD", "another-long-password-9")

    message = refused(*REVIEWER)

    assert message == "A login named “rui” already exists. Nothing was changed."
    assert User.objects.count() == 1 and Author.objects.count() == 1
    assert signs_in("rui")  # still the first password


def test_a_username_differing_only_in_case_is_a_duplicate(db):
    create(*EDITOR)
    assert "A login named “Edith” already exists." in refused(
        *replaced(EDITOR, "--username", "Edith")
    )


@pytest.mark.parametrize("missing", ["--credentials", "--name"])
def test_a_reviewer_without_name_or_credentials_is_refused(db, missing):
    args = list(REVIEWER)
    del args[args.index(missing) : args.index(missing) + 2]

    message = refused(*args)

    assert message.startswith("A clinical reviewer needs --name and --credentials")
    assert User.objects.count() == 0 and Author.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--email": "not an address"}, "--email: Enter a valid email address."),
        ({"--username": "rui reviewer"}, "--username: Enter a valid username."),
    ],
)
def test_invalid_details_are_refused_by_name(db, change, message):
    [(option, value)] = change.items()
    assert message in refused(*replaced(REVIEWER, option, value))
    assert User.objects.count() == 0 and Author.objects.count() == 0


def test_a_weak_password_is_refused_with_the_reasons(db, monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "12345678")
    assert refused(*REVIEWER).startswith("Password: This password is too common.")
    assert User.objects.count() == 0


def test_an_unset_password_variable_is_refused(db, monkeypatch):
    monkeypatch.delenv("STAFF_PASSWORD")
    assert refused(*REVIEWER) == "The environment variable STAFF_PASSWORD is not set or is empty."
    assert User.objects.count() == 0


def test_an_imported_reviewer_entry_is_linked_rather_than_copied(db):
    Author.objects.create(name="Dr Rui Reviewer", credentials="MD")

    create(*REVIEWER)

    author = Author.objects.get()
    assert author.user.username == "rui"
    assert author.credentials == "MD, Consultant Neurologist"


def test_an_author_entry_linked_to_someone_else_is_refused(db):
    create(*REVIEWER)
    message = refused(*replaced(REVIEWER, "--username", "rui2"))

    assert message == (
        "The author entry “Dr Rui Reviewer” is already linked to the login “rui”. "
        "Nothing was changed."
    )
    assert User.objects.count() == 1
