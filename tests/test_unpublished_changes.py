"""“Unpublished changes” says which: the fields, sections and links of a draft that differ from
what patients see, with links made on another page dated (conditions/unpublished.py)."""

import re

from django.utils import timezone

from conditions.models import Condition
from tests.factories import make_condition
from tests.html_text import visible_text
from tests.workflow import change_form, change_url, publish


def changes_listed(client, condition: Condition) -> list[str]:
    page = client.get(change_url(condition)).content.decode()
    listed = re.search(r'<ul class="unpublished-changes".*?</ul>', page, re.DOTALL)
    if listed is None:
        return []
    return [visible_text(item) for item in re.findall(r"<li>.*?</li>", listed.group(0))]


def test_the_form_lists_what_patients_would_see_change(editor_client):
    spasms = make_condition(
        title="Spasms",
        sections=[("causes", "Causes", "Stress."), ("symptoms", "Symptoms", "- Cramp")],
    )
    dystonia = make_condition(title="Dystonia")
    assert changes_listed(editor_client, spasms) == []

    data = change_form(editor_client, spasms)
    data.update(
        {
            "summary": "New summary.",
            "sections-0-body": "Stress and tiredness.",
            "sections-1-DELETE": "on",
            "sections-TOTAL_FORMS": "3",
            "sections-2-position": "3",
            "sections-2-kind": "other",
            "sections-2-urgency": "",
            "sections-2-heading": "Living with it",
            "sections-2-body": "Rest.",
        }
    )
    assert editor_client.post(change_url(spasms), data).status_code == 302
    data = change_form(editor_client, dystonia)
    data["related"] = [str(spasms.pk)]
    assert editor_client.post(change_url(dystonia), data).status_code == 302

    today = f"{timezone.localdate():%-d %B}"
    assert changes_listed(editor_client, spasms) == [
        "Summary",
        "Section “Causes”",
        "Section “Living with it” (new)",
        "Section “Symptoms” (removed)",
        f"Linked from Dystonia on {today}",
    ]
    assert changes_listed(editor_client, dystonia) == ["Linked to Spasms"]


def test_after_publishing_nothing_is_listed(editor_client, reviewer):
    condition = make_condition(sections=[("causes", "Causes", "Stress."), ("other", "B", "b")])
    data = change_form(editor_client, condition)
    data.update({"sections-0-position": "2", "sections-1-position": "1"})
    assert editor_client.post(change_url(condition), data).status_code == 302
    assert changes_listed(editor_client, condition) == ["Order of the sections"]

    publish(condition, by=reviewer)

    assert changes_listed(editor_client, condition) == []
