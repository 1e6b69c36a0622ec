"""The app in English and German: addresses, the switch, hreflang, the offer, caches per
language, and message files with every message translated."""

import re
import shutil

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.html_text import visible_text

GERMAN_PAGES = {
    "/de/": "Rat bei Muskelkrämpfen und Dystonie",
    "/de/search/?q=dystonia": "Im Ratgeber suchen",
    "/de/ask/": "Stellen Sie uns eine Frage",
    "/de/offline/": "Diese Seite ist nicht auf Ihrem Handy gespeichert",
}
SEED_SLUG = "dystonia-and-medical-cannabis"


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(("url", "heading"), GERMAN_PAGES.items())
def test_german_pages_speak_german_and_say_so(client, seeded, url, heading):
    response = client.get(url)
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    assert '<html lang="de" dir="ltr">' in html
    assert heading in visible_text(html)
    assert "Zum Inhalt springen" in html and "Skip to content" not in html


def test_english_pages_stay_at_their_addresses_in_english(client, seeded):
    response = client.get("/search/?q=dystonia")

    assert response["Content-Language"] == "en"
    assert '<html lang="en" dir="ltr">' in response.content.decode()
    assert "Search the guidance" in visible_text(response.content.decode())


def test_guidance_not_yet_translated_has_no_german_page_and_the_home_says_so(client, seeded):
    """Each language reads its own guidance only (translations are their own records,
    tests/test_translations.py): the German home leads to the English guidance meanwhile."""
    home = client.get("/de/").content.decode()

    assert client.get(f"/de/conditions/{SEED_SLUG}/").status_code == 404
    assert "Es gibt noch keine Anleitungen in Ihrer Sprache." in visible_text(home)
    assert '<a href="/" hreflang="en">Die Anleitungen auf Englisch lesen</a>' in home
    assert client.get(f"/conditions/{SEED_SLUG}/").status_code == 200


@pytest.mark.parametrize("path", ["/", "/search/", "/search/?q=muscle+spasms", "/ask/"])
def test_every_page_links_to_itself_in_each_language_both_ways(client, seeded, path):
    english = client.get(path).content.decode()
    german = client.get(f"/de{path}").content.decode()
    links = {"en": f"http://127.0.0.1:8000{path}", "de": f"http://127.0.0.1:8000/de{path}"}

    for html in (english, german):
        assert hreflangs(html) == {**links, "x-default": links["en"]}
    assert f'class="language-switch" href="/de{path}" hreflang="de"' in english
    assert f'class="language-switch" href="{path}" hreflang="en"' in german


def test_a_german_browser_is_offered_german_on_the_home_page_not_sent_there(client, seeded):
    offered = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.8")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,de;q=0.5")

    assert offered.status_code == 200
    assert "Diese Anleitung gibt es auch auf Deutsch." in visible_text(offered.content.decode())
    assert 'lang="de"' in offered.content.decode()
    assert "auch auf Deutsch" not in english.content.decode()
    assert "Accept-Language" in offered["Vary"]
    assert "auch auf Deutsch" not in client.get("/de/", HTTP_ACCEPT_LANGUAGE="de").content.decode()


def test_the_page_cache_never_serves_one_language_for_another(client, seeded, reviewer):
    from conditions.models import Condition
    from tests.translations import make_translation

    # The translation keeps the original's address, so only the language tells them apart.
    original = Condition.objects.get(slug=SEED_SLUG)
    make_translation(original, by=reviewer, slug=SEED_SLUG)
    url = f"/conditions/{SEED_SLUG}/"
    english = client.get(url)
    german = client.get(f"/de{url}")
    english_again = client.get(url)
    german_with_english_etag = client.get(f"/de{url}", HTTP_IF_NONE_MATCH=english["ETag"])

    assert english["ETag"] != german["ETag"]
    assert "Auf dieser Seite" in german.content.decode()
    assert "On this page" in english_again.content.decode()
    assert "Auf dieser Seite" not in english_again.content.decode()
    assert german_with_english_etag.status_code == 200


def test_the_javascript_catalogue_is_served_per_language_and_revalidated(client):
    german = client.get("/de/jsi18n/")
    english = client.get("/jsi18n/")

    assert german["Content-Type"] == "text/javascript; charset=utf-8"
    assert "Jetzt aktualisieren" in german.content.decode()
    assert "Jetzt aktualisieren" not in english.content.decode()
    assert german["ETag"] != english["ETag"]
    assert client.get("/de/jsi18n/", HTTP_IF_NONE_MATCH=german["ETag"]).status_code == 304


def test_each_language_has_its_own_offline_manifest_and_worker(client, seeded, reviewer):
    from conditions.models import Condition
    from tests.translations import GERMAN, make_translation

    make_translation(Condition.objects.get(slug=SEED_SLUG), by=reviewer)
    german = client.get("/api/v1/offline-manifest/?lang=de").json()
    english = client.get("/api/v1/offline-manifest/").json()
    unknown = client.get("/api/v1/offline-manifest/?lang=xx")
    urls = {entry["url"] for entry in german["entries"]}

    assert {"/de/", "/de/offline/", "/de/jsi18n/", f"/de/conditions/{GERMAN['slug']}/"} <= urls
    assert (
        not {"/", "/offline/", f"/conditions/{SEED_SLUG}/", f"/de/conditions/{SEED_SLUG}/"} & urls
    )
    assert f"/api/v1/offline-search/conditions/{GERMAN['slug']}/?lang=de" in urls
    assert not {url for url in urls if url.startswith("/api/v1/conditions/")}
    assert "/de/" not in {entry["url"] for entry in english["entries"]}
    assert unknown.status_code == 400
    assert "there are en, de" in unknown.json()["detail"]
    assert (
        '"manifestUrl": "/api/v1/offline-manifest/?lang=de"'
        in client.get("/sw.js?lang=de").content.decode()
    )
    assert 'data-service-worker="/sw.js?lang=de"' in client.get("/de/").content.decode()


def test_the_web_manifest_names_the_app_in_the_readers_language(client):
    german = client.get("/de/manifest.webmanifest").json()

    assert german["lang"] == "de"
    assert german["name"] == "Ratgeber Spasmen & Dystonie"
    assert german["start_url"] == "/de/"
    assert german["id"] == client.get("/manifest.webmanifest").json()["id"]


def test_a_german_form_refuses_in_german(client, seeded):
    response = client.post("/de/ask/", {"text": "", "consent": "on"})

    assert response.status_code == 400
    assert "Bitte schreiben Sie Ihre Frage." in visible_text(response.content.decode())


def test_the_submissions_api_answers_in_the_language_asked_for(client, seeded):
    response = client.post(
        "/api/v1/feedback/",
        {"condition": SEED_SLUG, "helpful": True},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="0b0e2a3c-0000-4000-8000-000000000001",
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 201
    assert response.json()["message"] == "Danke für Ihre Rückmeldung."
    assert response["Content-Language"] == "de"


def test_german_error_pages(client, db):
    response = client.get("/de/no-such-page/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in visible_text(response.content.decode())


def translations(po: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, its translations, whether fuzzy) of each message in a .po file's text."""
    found = []
    for entry in po.split("\n\n")[1:]:
        values, key = {}, None
        for line in entry.splitlines():
            if line.startswith(("msgid", "msgstr")):
                key, _, value = line.partition(" ")
                values[key] = value.strip('"')
            elif line.startswith('"') and key:
                values[key] += line.strip('"')
        strings = [value for key, value in values.items() if key.startswith("msgstr")]
        found.append((values["msgid"], strings, "#, fuzzy" in entry))
    return found


def test_every_message_in_the_app_is_translated(tmp_path, monkeypatch, settings):
    """What `make messages` finds in the templates, Python and scripts (run on a copy of them),
    against the committed message files: none missing, untranslated or fuzzy."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: `make test` installs Debian's gettext package.")
    for folder in ["config", "conditions", "submissions", "frontend", "locale"]:
        shutil.copytree(settings.BASE_DIR / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    ignored = ["conditions/admin", "conditions/templates", "submissions/templates/admin"]
    ignored += ["frontend/templates/admin", "config/templates/admin"]
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        for domain, more in [("django", []), ("djangojs", ["frontend/service_worker"])]:
            call_command(
                "makemessages",
                all=True,
                domain=domain,
                ignore_patterns=ignored + more,
                no_location=True,
                verbosity=0,
            )
    others = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    for code in others:
        for domain in ("django", "djangojs"):
            po = (tmp_path / "locale" / code / "LC_MESSAGES" / f"{domain}.po").read_text()
            found = translations(po)
            assert len(found) > 50
            assert [msgid for msgid, strings, _ in found if not all(strings)] == [], domain
            assert [msgid for msgid, _, fuzzy in found if fuzzy] == [], domain
