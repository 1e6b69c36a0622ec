"""The editors' status table: every original by every language, each cell one state linked to
its page, or a Translate button for an editor allowed the language; a constant number of
queries whatever the number of conditions."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition
from conditions.services import condition_submit_for_review
from tests.bulk import make_conditions
from tests.factories import make_condition
from tests.html_text import visible_text
from tests.staff import staff_client
from tests.translations import change_original, make_original, make_translation
from tests.workflow import change_url

STATUS = "/admin/conditions/condition/translations/"


def cells(html: str) -> dict[str, list[str]]:
    """Each row's heading with the visible text of its cells."""
    start = html.index('id="translation-status"')
    table = html[start : html.index("</table>", start)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S)
        if heading:
            texts = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
            rows[heading.group(1).strip()] = [visible_text(text).strip() for text in texts]
    return rows


def test_each_cell_says_where_the_page_in_that_language_stands(reviewer, reviewer_client):
    published = make_translation(make_original(), by=reviewer)
    changed_original = make_original(title="Neck pain", slug="neck-pain")
    make_translation(changed_original, by=reviewer, slug="nackenschmerzen")
    change_original(changed_original, by=reviewer, lead="Changed since.")
    drafted = make_translation(
        make_original(title="Writer's cramp", slug="writers-cramp"),
        by=reviewer,
        published=False,
        slug="schreibkrampf",
    )
    waiting = make_translation(
        make_original(title="Tics", slug="tics"), by=reviewer, published=False, slug="tics"
    )
    condition_submit_for_review(condition=waiting, by=reviewer)
    make_condition(title="Blepharospasm", slug="blepharospasm")
    make_condition(title="A draft original", slug="draft", status=Condition.Status.DRAFT)

    html = reviewer_client.get(STATUS).content.decode()

    assert cells(html) == {
        "A draft original": ["draft", "missing"],
        "Blepharospasm": ["published", "missing Translate"],
        "Leg cramps": ["published", "published"],
        "Neck pain": ["published", "original changed"],
        "Tics": ["published", "waiting for review"],
        "Writer&#x27;s cramp": ["published", "draft"],
    }
    assert f'href="{change_url(published)}">published</a>' in html
    assert f'href="{change_url(drafted)}">draft</a>' in html
    listing = reviewer_client.get("/admin/conditions/condition/").content.decode()
    assert f'href="{STATUS}" class="translation-status-link"' in listing


def test_translate_from_the_table_makes_one_draft(editor_client):
    original = make_condition(title="Blepharospasm", slug="blepharospasm")
    html = editor_client.get(STATUS).content.decode()
    assert 'name="language" value="de"' in html

    first = editor_client.post(
        f"/admin/conditions/condition/{original.pk}/translate/", {"language": "de"}
    )
    second = editor_client.post(
        f"/admin/conditions/condition/{original.pk}/translate/", {"language": "de"}
    )

    translation = Condition.objects.get(original=original)
    assert first["Location"] == second["Location"] == change_url(translation)
    assert cells(editor_client.get(STATUS).content.decode()) == {
        "Blepharospasm": ["published", "draft"]
    }


def test_only_the_languages_an_editor_may_write_offer_translate(editor, editor_client):
    make_condition(title="Blepharospasm", slug="blepharospasm")
    editor.groups.get().permissions.remove(Permission.objects.get(codename="edit_language_de"))
    editor = User.objects.get(pk=editor.pk)

    html = staff_client(editor).get(STATUS).content.decode()

    assert cells(html) == {"Blepharospasm": ["published", "missing"]}
    assert "translate-button" not in html


def test_staff_who_may_not_view_conditions_are_refused(db):
    outsider = User.objects.create_user("otto", password="not-used", is_staff=True)

    assert staff_client(outsider).get(STATUS).status_code == 403


@pytest.mark.parametrize("count", [1, 50])
def test_the_table_costs_the_same_queries_for_1_and_50_conditions(reviewer_client, count):
    originals = make_conditions(count)
    Condition.objects.bulk_create(
        Condition(title=f"Übersetzung {o.pk}", slug=o.slug, lead="Text.", language="de", original=o)
        for o in originals[::2]
    )
    reviewer_client.get(STATUS)  # the session and permissions, read once as on any page

    with CaptureQueriesContext(connection) as queries:
        html = reviewer_client.get(STATUS).content.decode()

    assert len(cells(html)) == count
    assert len(queries) == QUERIES


QUERIES = 11  # the admin's own (session, user, second factor, permissions) and the page's
