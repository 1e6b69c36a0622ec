"""The publish page shows what changes as patients will see it: rendered HTML, removed blocks in
<del> and added ones in <ins>, never raw Markdown and never the editor's HTML
(conditions/page_diff.py)."""

import re

from conditions.models import Condition
from conditions.page_diff import html_blocks
from tests.factories import make_condition
from tests.workflow import change_form, change_url


def page_diff_html(client, condition: Condition) -> str:
    page = client.get(f"/admin/conditions/condition/{condition.pk}/publish/").content.decode()
    found = re.search(r'<div class="page-diff".*?\n</div>', page, re.DOTALL)
    assert found, "The publish page shows no changes"
    return re.sub(r"\s*\n\s*", "", found.group(0))


def test_html_is_cut_into_blocks_each_list_item_in_its_list():
    markup = '<p>A <em>b</em> &amp; c</p>\n<ol start="3">\n<li>x<ul><li>y</li></ul></li>\n</ol>\n'
    assert html_blocks(markup) == [
        "<p>A <em>b</em> &amp; c</p>",
        '<ol start="3"><li>x<ul><li>y</li></ul></li></ol>',
    ]


def test_the_publish_page_marks_what_is_removed_and_added_as_patients_will_see_it(
    editor_client, reviewer_client
):
    condition = make_condition(
        title="Spasms", sections=[("symptoms", "Symptoms", "You may notice:\n\n- Cramp\n- Pain")]
    )
    data = change_form(editor_client, condition)
    data["sections-0-body"] = (
        "You may notice:\n\n- Cramp\n- **Sharp** pain\n\n<script>alert(1)</script>"
    )
    assert editor_client.post(change_url(condition), data).status_code == 302

    shown = page_diff_html(reviewer_client, condition)

    assert '<div class="page-diff-same"><ul><li>Cramp</li></ul></div>' in shown
    assert '<span class="visually-hidden">Removed: </span><del><ul><li>Pain</li></ul></del>' in (
        shown
    )
    assert (
        '<span class="visually-hidden">Added: </span><ins><ul><li><strong>Sharp</strong> pain'
        "</li></ul></ins>"
    ) in shown
    assert "<ins><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></ins>" in shown
    assert "**" not in shown and "<script" not in shown
    assert "Spasms" not in shown  # the title did not change and is too far to be context


def test_a_first_publication_shows_the_whole_page_as_added(editor_client, reviewer_client):
    condition = make_condition(
        title="Blepharospasm",
        status=Condition.Status.DRAFT,
        sections=[("causes", "Causes", "Often *unknown*.")],
    )

    shown = page_diff_html(reviewer_client, condition)

    assert "<del>" not in shown and "page-diff-same" not in shown
    for block in ("<h1>Blepharospasm</h1>", "<h2>Causes</h2>", "<p>Often <em>unknown</em>.</p>"):
        assert f"<ins>{block}</ins>" in shown
