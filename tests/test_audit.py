"""The audit trail: each kind of event, made the way staff make it (the admin's real pages and
forms, the second-factor pages, the publish page), recorded with who, when and from where, and
never with a password or a code; read-only for administrators; deleted after its retention."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp_webauthn.models import WebAuthnCredential

from conditions.models import Condition
from conditions.terms.services import term_publish
from security.models import AuditEvent
from tests.factories import make_term
from tests.forms import form_data
from tests.html_text import visible_text
from tests.passkey_authenticator import Authenticator
from tests.staff import next_code, staff_client
from tests.test_passkeys import METHODS, add_passkey, sign_in_with
from tests.test_second_factor import PASSWORD, enrol, enter, password_only, wait_over, with_app

Kind = AuditEvent.Kind
FROM = {"REMOTE_ADDR": "198.51.100.7"}


def events(kind=None) -> list[tuple]:
    rows = AuditEvent.objects.order_by("pk")
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.values_list("kind", "actor_name", "subject", "detail", "address"))


def setup_forgotten() -> None:
    """The events the test's own set-up made (accounts created, signed in), out of the way."""
    AuditEvent.objects.all().delete()


def nothing_secret_stored(*secrets: str) -> bool:
    stored = " ".join(" ".join(map(str, row)) for row in events())
    return not any(secret and secret in stored for secret in secrets)


@pytest.fixture
def ola(db):
    return User.objects.create_user("ola", password=PASSWORD, is_staff=True)


@pytest.fixture
def administrator(db):
    return staff_client(User.objects.create_superuser("ada", "ada@example.org", PASSWORD))


def test_a_sign_in_and_a_sign_out_are_recorded_with_the_address(ola):
    setup_forgotten()
    client = Client(**FROM)
    client.post("/admin/login/", {"username": "ola", "password": PASSWORD})
    client.post("/admin/logout/")

    assert events() == [
        (Kind.SIGNED_IN, "ola", "ola", "", "198.51.100.7"),
        (Kind.SIGNED_OUT, "ola", "ola", "", "198.51.100.7"),
    ]
    recorded = AuditEvent.objects.first()
    assert recorded.actor == ola
    assert timezone.now() - recorded.at < datetime.timedelta(minutes=1)


def test_a_wrong_password_is_recorded_without_the_password(ola):
    setup_forgotten()
    Client(**FROM).post("/admin/login/", {"username": "ola", "password": "my-s3cret-guess"})
    Client(**FROM).post("/admin/login/", {"username": "nobody", "password": "another-guess"})

    assert events() == [
        (Kind.SIGN_IN_FAILED, "ola", "ola", "", "198.51.100.7"),
        (Kind.SIGN_IN_FAILED, "nobody", "nobody", "", "198.51.100.7"),
    ]
    assert AuditEvent.objects.first().actor is None
    assert nothing_secret_stored("my-s3cret-guess", "another-guess")


def test_a_lockout_is_recorded_and_so_is_each_try_while_it_lasts(ola):
    setup_forgotten()
    client = Client(**FROM)
    for n in range(5):
        client.post("/admin/login/", {"username": "ola", "password": f"wrong-{n}"})
    client.post("/admin/login/", {"username": "ola", "password": PASSWORD})
    Client(REMOTE_ADDR="192.0.2.1").post("/admin/login/", {"username": "ola", "password": PASSWORD})

    paused = (
        Kind.LOCKED_OUT,
        "ola",
        "ola",
        "Signing in is paused for this username from this address.",
        "198.51.100.7",
    )
    assert events() == [
        *[(Kind.SIGN_IN_FAILED, "ola", "ola", "", "198.51.100.7")] * 4,
        paused,  # the fifth wrong password
        paused,  # the right one, from the same address
        (Kind.SIGNED_IN, "ola", "ola", "", "192.0.2.1"),
    ]
    assert nothing_secret_stored(PASSWORD, "wrong-0")


def test_codes_accepted_and_refused_are_recorded_without_the_code(ola):
    device = with_app(ola)
    client = password_only(ola)
    setup_forgotten()
    enter(client, "000000")
    wrong = AuditEvent.objects.count()
    wait_over(type(device).objects.filter(pk=device.pk))
    code = next_code(device)
    enter(client, code)

    assert events()[wrong - 1][:3] == (Kind.CODE_REFUSED, "ola", "ola")
    assert events()[-1] == (Kind.CODE_ACCEPTED, "ola", "ola", "", "127.0.0.1")
    assert nothing_secret_stored(code, "000000")


def test_setting_up_an_app_a_recovery_code_and_a_new_app_are_recorded(ola):
    setup_forgotten()
    codes = enrol(password_only(ola))
    client = password_only(ola)
    enter(client, codes[0])
    enrol(client)  # a new phone, after passing the old factor

    kinds = [row[0] for row in events() if row[0] not in (Kind.SIGNED_IN,)]
    assert kinds == [
        Kind.FACTOR_SET_UP,
        Kind.RECOVERY_CODE_USED,
        Kind.FACTOR_REMOVED,
        Kind.FACTOR_SET_UP,
    ]
    assert events(Kind.RECOVERY_CODE_USED)[0][3] == "9 recovery codes left."
    assert "Replaced by a new app" in events(Kind.FACTOR_REMOVED)[0][3]
    assert all(row[1] == "ola" for row in events())
    new_codes = list(StaticToken.objects.values_list("token", flat=True))
    assert nothing_secret_stored(*codes, *new_codes)


def test_a_reset_by_an_administrator_is_recorded_with_who_did_it(ola, administrator):
    with_app(ola)
    setup_forgotten()
    administrator.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [ola.pk]},
        REMOTE_ADDR="203.0.113.5",
    )

    assert events(Kind.FACTOR_RESET) == [
        (
            Kind.FACTOR_RESET,
            "ada",
            "ola",
            "The authenticator app, passkeys and recovery codes were removed.",
            "203.0.113.5",
        )
    ]


def test_groups_and_rights_changed_in_the_admins_user_form_are_recorded(ola, administrator):
    url = f"/admin/auth/user/{ola.pk}/change/"
    data = form_data(administrator.get(url).content.decode(), "user_form")
    publish = Permission.objects.get(codename="publish_condition")
    data.update(
        groups=[str(Group.objects.get(name="Editor").pk)],
        user_permissions=[str(publish.pk)],
        is_superuser="on",
    )
    setup_forgotten()

    saved = administrator.post(url, data, REMOTE_ADDR="203.0.113.5")

    assert saved.status_code == 302
    assert events() == [
        (Kind.ACCOUNT_RIGHTS, "ada", "ola", "superuser: yes", "203.0.113.5"),
        (Kind.GROUPS, "ada", "ola", "Added: Editor", "203.0.113.5"),
        (Kind.USER_PERMISSIONS, "ada", "ola", "Added: conditions.publish_condition", "203.0.113.5"),
    ]


def test_a_groups_permissions_changed_in_the_admin_are_recorded(administrator):
    editor = Group.objects.get(name="Editor")
    url = f"/admin/auth/group/{editor.pk}/change/"
    data = form_data(administrator.get(url).content.decode(), "group_form")
    publish = Permission.objects.get(codename="publish_condition")
    data["permissions"] = [*data.get("permissions", []), str(publish.pk)]
    setup_forgotten()

    administrator.post(url, data, REMOTE_ADDR="203.0.113.5")

    assert events() == [
        (
            Kind.GROUP_PERMISSIONS,
            "ada",
            "Editor",
            "Added: conditions.publish_condition",
            "203.0.113.5",
        )
    ]


def test_changes_from_either_side_and_outside_a_request_are_recorded_too(ola):
    setup_forgotten()
    editor = Group.objects.get(name="Editor")
    editor.user_set.add(ola)
    ola.groups.clear()
    User.objects.create_user("rui", password=PASSWORD, is_staff=True)
    User.objects.create_user("reader", password=PASSWORD)

    assert events() == [
        (Kind.GROUPS, "", "ola", "Added: Editor", ""),
        (Kind.GROUPS, "", "ola", "Removed: Editor", ""),
        (Kind.ACCOUNT_RIGHTS, "", "rui", "New account. active: yes, staff: yes", ""),
    ]


def test_publishing_and_unpublishing_are_recorded(reviewer_client, reviewer, seeded):
    from conditions.models import Condition

    condition = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    base = f"/admin/conditions/condition/{condition.pk}"
    setup_forgotten()
    reviewer_client.post(f"{base}/unpublish/", REMOTE_ADDR="203.0.113.9")
    publish_page = reviewer_client.get(f"{base}/publish/").content.decode()
    data = form_data(publish_page, "publish-form")
    data["reading_age_reason"] = "Medical terms are explained on the page."
    reviewer_client.post(f"{base}/publish/", data, REMOTE_ADDR="203.0.113.9")

    subject = f"{condition.title} ({condition.slug})"
    assert events() == [
        (Kind.UNPUBLISHED, "rui", subject, "", "203.0.113.9"),
        (Kind.PUBLISHED, "rui", subject, "", "203.0.113.9"),
    ]


def listed(client, query: str = "") -> list[dict[str, str]]:
    """The audit trail's rows in the admin, as an administrator reads them: column to text."""
    page = client.get(f"/admin/security/auditevent/{query}").content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>", 1)[1], re.S)
    cell = r'<(?:td|th) class="field-([a-z_]+)[^"]*"[^>]*>(.*?)</(?:td|th)>'
    return [
        {name: visible_text(html) for name, html in re.findall(cell, row, re.S)} for row in rows
    ]


def test_publishing_and_unpublishing_a_term_are_recorded(editor_client, reviewer_client):
    term = make_term("tremor", published=False)
    action = {"_selected_action": [term.pk], "index": 0}
    setup_forgotten()
    editor_client.post("/admin/conditions/term/", {**action, "action": "publish"})
    for step in ("publish", "unpublish", "unpublish"):  # the second unpublish is refused
        reviewer_client.post(
            "/admin/conditions/term/", {**action, "action": step}, REMOTE_ADDR="203.0.113.9"
        )

    assert events() == [
        (Kind.TERM_PUBLISHED, "rui", "tremor (en)", "", "203.0.113.9"),
        (Kind.TERM_UNPUBLISHED, "rui", "tremor (en)", "", "203.0.113.9"),
    ]
    assert AuditEvent.objects.filter(actor__username="rui").count() == 2


def document_file(tmp_path, *, published=(), drafts=()):
    """An import file of copies of the first seed condition, named by slug."""
    from tests.test_transfer import seed_document

    document = seed_document()
    first = document["conditions"][0]
    document["conditions"] = [
        {**first, "slug": slug, "title": slug.replace("-", " ").capitalize(), "related": [],
         "status": status}
        for status, slugs in (("published", published), ("draft", drafts))
        for slug in slugs
    ]  # fmt: skip
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_the_admin_shows_term_and_import_events_readably(reviewer, administrator, db, tmp_path):
    term_publish(term=make_term("tremor", published=False), by=reviewer)
    call_command("import_conditions", document_file(tmp_path, published=["copy-1"]), verbosity=0)

    rows = listed(administrator)[:2]

    assert [(row["kind"], row["actor_name"], row["subject"], row["detail"]) for row in rows] == [
        (
            "Condition published",
            "-",
            "Copy 1 (copy-1)",
            "Imported from a file, which put 1 condition on the site.",
        ),
        ("Term published", "rui", "tremor (en)", "-"),
    ]
    filtered = listed(administrator, "?kind=term_published")
    assert [row["subject"] for row in filtered] == ["tremor (en)"]


def test_an_imports_publications_are_recorded_one_for_each_condition(db, tmp_path):
    path = document_file(tmp_path, published=["copy-1", "copy-2"], drafts=["copy-3"])

    call_command("import_conditions", path, verbosity=0)

    detail = "Imported from a file, which put 2 conditions on the site."
    assert events(Kind.PUBLISHED) == [
        (Kind.PUBLISHED, "", "Copy 1 (copy-1)", detail, ""),
        (Kind.PUBLISHED, "", "Copy 2 (copy-2)", detail, ""),
    ]
    assert not events(Kind.UNPUBLISHED)
    assert AuditEvent.objects.filter(kind=Kind.PUBLISHED, actor__isnull=False).count() == 0


def test_a_replacing_import_records_what_it_took_off_the_site(db, tmp_path):
    call_command(
        "import_conditions", document_file(tmp_path, published=["a", "b", "c"]), verbosity=0
    )
    setup_forgotten()
    path = document_file(tmp_path, published=["a"], drafts=["b", "c", "new-draft"])
    Condition.objects.filter(slug="c").update(status=Condition.Status.DRAFT)
    Condition.objects.get(slug="c").publication.delete()  # already off the site

    call_command("import_conditions", path, "--replace", verbosity=0)

    detail = "Imported from a file, which put 1 condition on the site and took 1 condition off it."
    assert events() == [
        (Kind.PUBLISHED, "", "A (a)", detail, ""),
        (Kind.UNPUBLISHED, "", "B (b)", detail, ""),
    ]


def test_a_refused_or_skipped_import_records_nothing(seeded, tmp_path):
    setup_forgotten()
    call_command("load_seed_content", verbosity=0)  # every seed condition and term is there
    path = document_file(tmp_path, published=["copy-1", "copy-1"])
    with pytest.raises(CommandError):
        call_command("import_conditions", path, verbosity=0)

    assert events() == []


def test_only_administrators_read_the_trail_and_nobody_changes_it(ola, administrator):
    setup_forgotten()
    Client(**FROM).post("/admin/login/", {"username": "ola", "password": "wrong"})
    event = AuditEvent.objects.get()
    editor = staff_client(ola)

    listing = administrator.get("/admin/security/auditevent/")

    assert listing.status_code == 200
    assert "198.51.100.7" in listing.content.decode()
    assert administrator.get("/admin/security/auditevent/add/").status_code == 403
    assert administrator.get(f"/admin/security/auditevent/{event.pk}/delete/").status_code == 403
    assert (
        'name="kind"'
        not in administrator.get(f"/admin/security/auditevent/{event.pk}/change/").content.decode()
    )
    assert editor.get("/admin/security/auditevent/").status_code == 403


def test_events_older_than_the_retention_period_are_deleted(ola, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    setup_forgotten()
    Client().post("/admin/login/", {"username": "ola", "password": "wrong"})
    Client().post("/admin/login/", {"username": "ola", "password": "wrong again"})
    AuditEvent.objects.filter(pk=AuditEvent.objects.first().pk).update(
        at=timezone.now() - datetime.timedelta(days=366)
    )

    call_command("delete_old_security_records", "--dry-run", verbosity=0)
    assert AuditEvent.objects.count() == 2
    call_command("delete_old_security_records", verbosity=0)

    assert AuditEvent.objects.count() == 1


def test_a_passkey_added_used_and_removed_is_recorded_without_its_key(ola):
    authenticator = Authenticator()
    add_passkey(password_only(ola), authenticator)
    add_passkey(staff_client(ola), authenticator, next_url=METHODS)
    first = WebAuthnCredential.objects.filter(user=ola).order_by("pk").first()
    setup_forgotten()

    here = password_only(ola)
    assert sign_in_with(here, authenticator).status_code == 200
    here.post(f"/admin/second-factor/passkeys/{first.pk}/remove/")

    assert events() == [
        (Kind.SIGNED_IN, "ola", "ola", "", "127.0.0.1"),
        (Kind.PASSKEY_USED, "ola", "ola", "", "127.0.0.1"),
        (Kind.FACTOR_REMOVED, "ola", "ola", "The passkey “Passkey 1”.", "127.0.0.1"),
    ]
    assert nothing_secret_stored(first.credential_id.hex(), first.public_key.hex())
