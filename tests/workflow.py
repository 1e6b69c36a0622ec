"""Steps of the editorial workflow, done through the admin the way staff do them."""

from django.test import Client

from conditions.models import Condition
from tests.forms import form_data
from tests.staff import staff_client

READING_AGE_REASON = "Reviewed as it is for a test."


def change_url(condition: Condition) -> str:
    return f"/admin/conditions/condition/{condition.pk}/change/"


def change_form(client: Client, condition: Condition) -> dict:
    """The change form as opened now, ready to be edited and posted."""
    response = client.get(change_url(condition))
    assert response.status_code == 200
    return form_data(response.content.decode(), "condition_form")


def publish(condition: Condition, *, by, next_review_due: str | None = None):
    """A reviewer opens the publish page and confirms it; returns the response."""
    client = staff_client(by)
    url = f"/admin/conditions/condition/{condition.pk}/publish/"
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = form_data(page.content.decode(), "publish-form")
    if next_review_due:
        data["next_review_due"] = next_review_due
    if "reading_age_reason" in data:  # asked when the page reads above the target
        data["reading_age_reason"] = READING_AGE_REASON
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return response
