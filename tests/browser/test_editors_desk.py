"""The editors' desk and the preview's accessibility panel, in the real admin in chromium: a
reviewer signs in, reads what waits for whom, follows the links to the filtered lists, and
previews a draft whose sub-heading skips a level and whose link says "click here"."""

from playwright.sync_api import expect

from tests.browser.staff_steps import log_in_to_admin
from tests.browser.test_editorial import create_reviewer

# Made in the server's database: a draft with two accessibility problems, and what waits:
# 2 comments, 1 question, 1 page in review, 1 overdue, 2 due soon, 1 broken source link.
SETUP = """
import datetime
from django.utils import timezone
from conditions.models import Condition, SourceLink
from submissions.models import Comment, Question
from tests.factories import make_condition

today = timezone.localdate()
days = datetime.timedelta
body = "Cramp comes from the nerves.\\n\\n#### Nerves\\n\\nTo learn more, [click here](https://www.nhs.uk/)."
make_condition(title="Writer's cramp", slug="writers-cramp", status=Condition.Status.DRAFT,
               sections=[("causes", "Causes", body)])
page = Condition.objects.get(slug="dystonia-and-medical-cannabis")
Comment.objects.create(condition=page, name="Ann", text="This helped me.")
Comment.objects.create(condition=page, name="Bo", text="Thank you.")
Question.objects.create(text="Does a warm bath help?")
make_condition(title="Tremor", status=Condition.Status.IN_REVIEW)
make_condition(title="Blepharospasm", last_reviewed=today - days(400),
               next_review_due=today - days(2))
for title in ("Cramp", "Tics"):
    make_condition(title=title, last_reviewed=today - days(300),
                   next_review_due=today + days(10))
SourceLink.objects.create(url="https://example.org/gone", status=404, checked_at=timezone.now())
"""


def test_the_desk_and_the_previews_accessibility_panel(server_pages, app_server, monkeypatch):
    app_server.manage("shell", "-c", SETUP)
    create_reviewer(app_server, monkeypatch)
    page = server_pages
    log_in_to_admin(page, app_server)

    desk = page.locator("#desk")
    rows = [
        ("Comments to moderate", "2", "Editors"),
        ("Questions without an answer", "1", "Editors"),
        ("Conditions in review", "1", "Clinical reviewers"),
        ("Reviews overdue", "1", "Clinical reviewers"),
        ("Reviews due within 30 days", "2", "Clinical reviewers"),
        ("Broken source links", "1", "Editors"),
    ]
    for what, count, waits_for in rows:
        row = desk.locator("tbody tr", has=page.get_by_role("link", name=what, exact=True))
        expect(row.locator("td")).to_have_text([count, waits_for])

    # Each link leads to its list, showing exactly what was counted.
    lists = [
        ("Comments to moderate", "2 comments", ["This helped me.", "Thank you."]),
        ("Reviews overdue", "1 condition", ["Blepharospasm"]),
        ("Reviews due within 30 days", "2 conditions", ["Cramp", "Tics"]),
        ("Conditions in review", "1 condition", ["Tremor"]),
        ("Broken source links", "1 source link", ["https://example.org/gone"]),
    ]
    for what, counted, shown in lists:
        page.goto(app_server.url + "/admin/")
        desk.get_by_role("link", name=what, exact=True).click()
        expect(page.locator(".paginator")).to_contain_text(counted)
        for text in shown:
            expect(page.locator("#result_list")).to_contain_text(text)

    page.goto(app_server.url + "/admin/conditions/condition/?q=writers-cramp")
    page.click("#result_list tbody th a")
    page.goto(page.url.replace("/change/", "/preview/"))

    panel = page.get_by_role("region", name="Accessibility")
    expect(panel.locator(".accessibility-count")).to_have_text("2 problems to look at.")
    expect(panel.locator("tbody tr")).to_have_count(2)
    expect(panel.locator("tbody tr").nth(0)).to_contain_text(
        "Section “Causes”Heading level skipped: level 4 after level 2Nerves"
    )
    expect(panel.locator("tbody tr").nth(0)).to_contain_text("Start this line with ###")
    expect(panel.locator("tbody tr").nth(1)).to_contain_text(
        "Section “Causes”Link text does not say where it leadsclick here"
    )
    # The page's own "Click here to ask us …" is shown in the preview but never reported.
    frame = page.frame_locator("iframe.phone-preview")
    expect(frame.locator("main")).to_contain_text("Click here to ask us a specific question.")
    expect(panel).not_to_contain_text("ask us")
