"""The search box in every page's header: a combobox whose suggestion list htmx
fills as one types, and a plain GET form without JavaScript."""

import re

import pytest


def test_htmx_from_the_header_box_gets_the_suggestion_list(client, content):
    headers = {"HX-Request": "true", "HX-Target": "header-suggestions"}
    page = client.get("/search/", {"q": "magn"}, headers=headers)
    assert page.context["results"].hits[0].url == "/nutrients/magnesium/"
    assert page.text.lstrip().startswith('<ul id="header-suggestions" class="search-suggestions" role="listbox"')
    assert re.search(
        r'<li role="option" id="suggestion-1" aria-selected="false" data-href="/nutrients/magnesium/">', page.text
    )
    assert '<span id="header-suggestions-status" hx-swap-oob="innerHTML">' in page.text
    assert "suggestion" in page.text and "private" in page["Cache-Control"]
    empty = client.get("/search/", {"q": "zzzzqq"}, headers=headers)
    assert empty.context["results"].hits == []
    assert 'role="listbox" aria-label="Suggestions" hidden>' in empty.text


@pytest.mark.parametrize("url", ["/nutrients/", "/nutrients/magnesium/", "/symptoms/tingling/", "/about/"])
def test_every_page_has_a_labelled_search_combobox_in_its_header(client, content, url):
    page = client.get(url)
    header = page.text.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert '<form class="header-search" role="search" action="/search/" method="get" novalidate>' in header
    assert '<label class="visually-hidden" for="header-search-q">Search Legwell</label>' in header
    assert re.search(
        r'<input type="text" inputmode="search" enterkeyhint="search" id="header-search-q" name="q"[^>]*'
        r' role="combobox" aria-autocomplete="list"'
        r' aria-expanded="false" aria-controls="header-suggestions"[^>]* hx-sync="this:replace"'
        r' hx-target="#header-suggestions"',
        header,
    )
    listbox = '<ul id="header-suggestions" class="search-suggestions" role="listbox" aria-label="Suggestions" hidden>'
    assert listbox + "</ul>" in header
    assert '<button type="submit">Search</button>' in header


def test_the_search_page_has_one_search_form_its_own(client, content):
    page = client.get("/search/")
    assert page.text.count('role="search"') == 1


def test_the_home_page_has_one_search_form_its_own_after_the_questionnaire(client, content):
    text = client.get("/").text
    assert text.count('role="search"') == 1
    assert 'id="header-search-q"' not in text
    assert text.index('href="/questionnaire/"', text.index("<main")) < text.index(
        '<form class="search-form" role="search"'
    )
