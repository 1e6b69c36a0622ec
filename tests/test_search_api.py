"""The JSON search endpoint: the search page's results in the page's order, and clear 400s."""

import re

import pytest

from tests.factories import make_condition
from tests.html_text import elements

URL = "/api/v1/search/"


@pytest.fixture
def guidance(db):
    make_condition(title="A page about cramps", lead="Sometimes a spasm comes at night.")
    make_condition(
        title="Blepharospasm",
        slug="blepharospasm",
        also_called="Eyelid spasm",
        sections=[("symptoms", "Spasms of the eyelids", "Blinking that will not stop. It tires.")],
    )
    make_condition(title="Spasm", lead="About them.")


def test_results_and_order_are_the_search_pages(client, guidance):
    body = client.get(URL, {"q": "spasms"}).json()
    html = client.get("/search/", {"q": "spasms"}).content.decode()

    page_titles = [
        attrs["href"] for tag, attrs in elements(html) if tag == "a" and "#" not in attrs["href"]
    ]
    assert [r["url"] for r in body["results"]] == [
        href for href in page_titles if href.startswith("/conditions/")
    ]
    assert [r["title"] for r in body["results"]] == [
        "Spasm",
        "Blepharospasm",
        "A page about cramps",
    ]
    assert body["count"] == 3
    assert body["did_you_mean"] == ""


def test_a_result_says_why_with_the_sentence_and_its_section(client, guidance):
    body = client.get(URL, {"q": "blinking"}).json()

    [result] = body["results"]
    assert result["slug"] == "blepharospasm"
    assert result["also_called"] == ["Eyelid spasm"]
    assert result["api_url"] == "/api/v1/conditions/blepharospasm/"
    assert result["sentence_html"] == "<mark>Blinking</mark> that will not stop."
    assert result["section"]["heading"] == "Spasms of the eyelids"
    assert result["section"]["url"] == f"/conditions/blepharospasm/#{result['section']['anchor']}"


def test_a_typo_is_corrected_and_said(client, guidance):
    body = client.get(URL, {"q": "blinkng"}).json()
    assert body["did_you_mean"] == "blinking"
    assert [r["slug"] for r in body["results"]] == ["blepharospasm"]


def test_only_names_matching_gives_no_sentence(client, guidance):
    [result] = client.get(URL, {"q": "blepharospasm"}).json()["results"]
    assert result["sentence_html"] is None
    assert result["section"] is None


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({}, "Give the words to search for, as ?q=words."),
        ({"q": ""}, "Give the words to search for, as ?q=words."),
        ({"q": "   "}, "Give the words to search for, as ?q=words."),
        ({"q": "a" * 201}, "Please search for at most 200 characters."),
        ({"q": "spasm\x00"}, "the search has a control character in it"),
        ({"q": "spasm\nnight"}, "the search has a control character in it"),
    ],
)
def test_bad_queries_get_a_400_naming_the_problem(client, guidance, params, problem):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert problem in response.json()["detail"]


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(spasm night)", "-spasm", "q:spasm", "<script>", "a" * 200, "') --"]
)
def test_query_syntax_is_read_as_words_never_an_error(client, guidance, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    for result in response.json()["results"]:
        markup = result["sentence_html"] or ""
        assert set(re.findall(r"</?(\w+)", markup)) <= {"mark"}


def test_the_endpoint_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"][URL]["get"]
    parameter, typing = sorted(operation["parameters"], key=lambda p: p["name"] != "q")
    assert (parameter["name"], parameter["required"]) == ("q", True)
    assert (typing["name"], typing.get("required", False)) == ("typing", False)
    assert parameter["schema"]["maxLength"] == 200
    assert {"200", "400"} <= set(operation["responses"])
