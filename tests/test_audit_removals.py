"""The audit trail records a condition or a term deleted while it was on the site, as a reviewer
deletes it in the admin (the delete page's confirmation, or the list's bulk action), with who,
when and from where; deleting a draft that was never on the site records nothing."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conditions.drafts import conditions_delete
from conditions.models import Condition, Publication
from conditions.terms.models import Term
from security.models import AuditEvent
from tests.factories import make_condition, make_term
from tests.forms import form_data
from tests.test_audit import events, setup_forgotten
from tests.translations import make_original, make_translation

Kind = AuditEvent.Kind
FROM = {"REMOTE_ADDR": "203.0.113.9"}
CONDITIONS = "/admin/conditions/condition/"
TERMS = "/admin/conditions/term/"


def confirmed(client, page) -> dict:
    """The admin's "Yes, I'm sure" form as it rendered it, sent back from the same address."""
    assert page.status_code == 200
    (form,) = [
        "<form" + form
        for form in page.content.decode().split("<form")[1:]
        if 'name="post" value="yes"' in form
    ]
    return client.post(page.request["PATH_INFO"], form_data(form), **FROM)


def delete_one(client, admin_list: str, pk: int):
    return confirmed(client, client.get(f"{admin_list}{pk}/delete/"))


def delete_selected(client, admin_list: str, *pks: int):
    action = {"action": "delete_selected", "_selected_action": list(pks), "index": 0}
    return confirmed(client, client.post(admin_list, action, **FROM))


def test_deleting_a_live_condition_records_it_and_a_draft_records_nothing(
    reviewer_client, reviewer, db
):
    live = make_condition(title="Writer's cramp", slug="writers-cramp")
    draft = make_condition(title="Never shown", status=Condition.Status.DRAFT)
    setup_forgotten()

    assert delete_one(reviewer_client, CONDITIONS, draft.pk).status_code == 302
    assert events() == []
    assert delete_one(reviewer_client, CONDITIONS, live.pk).status_code == 302

    assert not Condition.objects.filter(pk__in=[live.pk, draft.pk]).exists()
    assert not Publication.objects.exists()
    assert events() == [
        (Kind.CONDITION_DELETED, "rui", "Writer's cramp (writers-cramp, en)", "", "203.0.113.9")
    ]
    recorded = AuditEvent.objects.get()
    assert recorded.actor == reviewer
    assert timezone.now() - recorded.at < datetime.timedelta(minutes=1)
    assert recorded.get_kind_display() == "Condition deleted from the site"


def test_the_bulk_delete_records_each_live_condition_it_deletes(reviewer_client, db):
    first = make_condition(title="First", slug="first")
    second = make_condition(title="Second", slug="second")
    draft = make_condition(title="Draft", slug="draft", status=Condition.Status.DRAFT)
    setup_forgotten()

    response = delete_selected(reviewer_client, CONDITIONS, first.pk, draft.pk, second.pk)

    assert response.status_code == 302
    assert not Condition.objects.exists()
    assert sorted(events()) == [
        (Kind.CONDITION_DELETED, "rui", "First (first, en)", "", "203.0.113.9"),
        (Kind.CONDITION_DELETED, "rui", "Second (second, en)", "", "203.0.113.9"),
    ]


def test_an_editor_may_not_delete_a_condition_and_nothing_is_recorded(editor_client, db):
    live = make_condition()
    setup_forgotten()

    assert editor_client.get(f"{CONDITIONS}{live.pk}/delete/").status_code == 403
    editor_client.post(
        CONDITIONS,
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes", "index": 0},
    )

    assert Condition.objects.filter(pk=live.pk, publication__isnull=False).exists()
    assert events() == []


def test_deleting_a_live_term_records_it_and_a_draft_term_records_nothing(reviewer_client, db):
    live = make_term("tremor")
    draft = make_term("tic", published=False)
    setup_forgotten()

    assert delete_one(reviewer_client, TERMS, draft.pk).status_code == 302
    assert events() == []
    assert delete_one(reviewer_client, TERMS, live.pk).status_code == 302

    assert not Term.objects.exists()
    assert events() == [(Kind.TERM_DELETED, "rui", "tremor (en)", "", "203.0.113.9")]


def test_the_bulk_delete_of_terms_records_each_live_one(reviewer_client, db):
    terms = [make_term("tremor"), make_term("tic", published=False), make_term("spasm")]
    setup_forgotten()

    response = delete_selected(reviewer_client, TERMS, *(term.pk for term in terms))

    assert response.status_code == 302
    assert not Term.objects.exists()
    assert sorted(events()) == [
        (Kind.TERM_DELETED, "rui", "spasm (en)", "", "203.0.113.9"),
        (Kind.TERM_DELETED, "rui", "tremor (en)", "", "203.0.113.9"),
    ]


def test_deleting_pages_in_a_language_not_allowed_deletes_none_and_records_nothing(reviewer):
    """The service the admin's deletions go through refuses a mixed call whole, even one the
    admin's own check would have stopped first."""
    original = make_original()
    translation = make_translation(original, by=reviewer)
    reviewer.groups.get().permissions.remove(
        Permission.objects.get(codename="publish_condition_de")
    )
    reviewer = User.objects.get(pk=reviewer.pk)  # its permissions read afresh
    setup_forgotten()

    with pytest.raises(PermissionDenied, match=re.escape(str(translation))):
        conditions_delete(conditions=[original, translation], by=reviewer)

    assert Condition.objects.filter(pk__in=[original.pk, translation.pk]).count() == 2
    assert Publication.objects.filter(condition__in=[original, translation]).count() == 2
    assert events() == []
