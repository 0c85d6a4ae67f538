"""Search: the folding and ranking rules, and what /search/ answers for good and weird queries."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrients.models import Nutrient
from nutrients.search import Entry, Tier, find, fold, fold_unicode, rank, variants

# The rules, without HTTP


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("MAGNESIUM", "magnesium"),
        ("Magnésium", "magnesium"),
        ("Crème brûlée", "creme brulee"),
        ("ﬁber", "fiber"),  # a ligature, folded by compatibility decomposition
        ("Straße", "strasse"),
        ("Willis-Ekbom disease", "willis ekbom disease"),
        ("cow's milk", "cows milk"),
        ("  pins   and\tneedles ", "pins and needles"),
        ("Магний", "магнии"),  # other scripts are kept, and folded the same way on both sides
        ("%$#!", ""),
        ("", ""),
    ],
)
def test_fold_ignores_case_accents_punctuation_and_spacing(text, folded):
    assert fold(text) == folded


def test_a_plural_falls_back_to_its_singular():
    assert variants("bananas") == ["bananas", "banana"]
    assert variants("berries") == ["berries", "berry", "berri", "berrie"]
    assert "tomato" in variants("tomatoes")
    assert variants("gas") == ["gas"]  # too short to strip


def entry(name, other_names="", summary="", text=""):
    return Entry(
        name=name, url=f"/{fold(name).replace(' ', '-')}/", summary=summary, other_names=other_names, text=text
    )


def names(hits):
    return [hit.entry.name for hit in hits]


def test_exact_name_then_name_prefix_then_name_word_then_other_names_then_description():
    entries = [
        entry("Oranges", summary="Help the body absorb iron."),
        entry("Anaemia helper", other_names="iron deficiency"),
        entry("Cast iron pans"),
        entry("Ironwood"),
        entry("Iron"),
    ]
    hits = rank(query="iron", entries=entries)
    assert names(hits) == ["Iron", "Ironwood", "Cast iron pans", "Anaemia helper", "Oranges"]
    assert [hit.tier for hit in hits] == [
        Tier.EXACT_NAME,
        Tier.NAME_PREFIX,
        Tier.NAME_WORD,
        Tier.OTHER_NAME,
        Tier.DESCRIPTION,
    ]


def test_matching_ignores_case_and_accents_on_both_sides():
    assert names(rank(query="CAFÉ", entries=[entry("Cafe au lait"), entry("Tea")])) == ["Cafe au lait"]
    assert names(rank(query="cafe", entries=[entry("Café au lait")])) == ["Café au lait"]


def test_other_names_match_british_spellings_and_everyday_words():
    iron = entry("Iron", other_names="Fe, haemoglobin, anaemia")
    tingling = entry("Tingling", other_names="pins and needles, paresthesia")
    assert names(rank(query="Anaemia", entries=[iron, tingling])) == ["Iron"]
    assert names(rank(query="pins and needles", entries=[iron, tingling])) == ["Tingling"]


def test_words_match_only_at_the_start_of_a_word():
    assert rank(query="iron", entries=[entry("Environment")]) == []
    assert names(rank(query="cramp", entries=[entry("Leg cramps")])) == ["Leg cramps"]


def test_a_plural_query_finds_a_singular_name():
    assert names(rank(query="bananas", entries=[entry("Banana")])) == ["Banana"]


def test_a_query_without_letters_or_digits_matches_nothing():
    assert rank(query="%%% !!", entries=[entry("Iron"), entry("Magnesium")]) == []


def test_results_are_grouped_by_type_with_the_best_match_first():
    sections = [
        ("Nutrients", [entry("Potassium", summary="An electrolyte found in bananas.")]),
        ("Symptoms", [entry("Leg cramps")]),
        ("Foods", [entry("Bananas"), entry("Plantain", summary="Like bananas, but starchy.")]),
    ]
    results = find(query="bananas", sections=sections)
    assert [(group.label, names(group.hits)) for group in results.groups] == [
        ("Foods", ["Bananas", "Plantain"]),
        ("Nutrients", ["Potassium"]),
    ]
    assert results.total == 3
    assert results.groups[0].slug == "foods"


def test_words_in_another_order_match_only_when_the_phrase_matches_nothing():
    night = entry("Night cramps", other_names="nocturnal leg cramps")
    calf = entry("Calf cramps at night")
    assert names(find(query="cramps at night", sections=[("Symptoms", [night, calf])]).groups[0].hits) == [
        "Calf cramps at night"
    ]
    loose = find(query="cramp at night", sections=[("Symptoms", [night])]).groups[0].hits
    assert [(hit.entry.name, hit.tier) for hit in loose] == [("Night cramps", Tier.ALL_WORDS)]


# The page


def result_names(page, group=None):
    """The linked names in the results, in order, optionally in one group only."""
    html = page.text.split('id="results"', 1)[1]
    if group:
        html = html.split(f'id="results-{group}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li>\s*<a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("query", "group", "first"),
    [
        ("cobalamin", "nutrients", "Vitamin B12"),
        ("pins and needles", "symptoms", "Tingling"),
        ("night cramps", "symptoms", "Night cramps"),
        ("Night Cramps", "symptoms", "Night cramps"),
        ("bananas", "foods", "Bananas"),
        ("banana", "foods", "Bananas"),
        ("anaemia", "nutrients", "Iron"),
        ("haemoglobin", "nutrients", "Iron"),
        ("magnésium", "nutrients", "Magnesium"),
        ("MAGNESIUM", "nutrients", "Magnesium"),
        ("iron", "nutrients", "Iron"),
    ],
)
def test_readers_find_pages_by_the_words_they_know(client, content, query, group, first):
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    assert result_names(page, group)[0] == first


def test_results_are_grouped_under_headings_with_counts(client, content):
    page = client.get("/search/", {"q": "potassium"})
    assert re.search(r'<h3 id="results-nutrients">Nutrients <span class="muted">\(1\)</span></h3>', page.text)
    assert re.search(r'<h3 id="results-foods">Foods <span class="muted">\(\d+\)</span></h3>', page.text)
    assert page.text.index("results-nutrients") < page.text.index("results-foods")  # the exact name match leads
    assert re.search(r"\d+ results for “potassium”", page.text)


def test_drafts_are_never_found(client, content):
    Nutrient.objects.filter(slug="magnesium").update(status="draft")
    page = client.get("/search/", {"q": "magnesium"})
    assert "Magnesium" not in result_names(page)


def test_search_runs_five_queries_then_none_until_the_content_changes(
    client, content, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_num_queries(5):
        client.get("/search/", {"q": "magnesium"})
    for query in ("cramps", "zzz"):  # the folded entries come from the cache
        with django_assert_num_queries(0):
            client.get("/search/", {"q": query})

    with django_capture_on_commit_callbacks(execute=True):
        Nutrient.objects.filter(slug="magnesium").get().save()
    with django_assert_num_queries(5):
        client.get("/search/", {"q": "calcium"})


def test_a_renamed_page_is_found_by_its_new_name_at_once(client, content, django_capture_on_commit_callbacks):
    assert "Magnesium" in client.get("/search/", {"q": "magnesium"}).text
    with django_capture_on_commit_callbacks(execute=True):
        magnesium = Nutrient.objects.get(slug="magnesium")
        magnesium.name = "Magnesium salts"
        magnesium.save()
    assert "Magnesium salts" in client.get("/search/", {"q": "salts"}).text


def test_an_empty_search_suggests_popular_topics_without_querying(client, content, django_assert_num_queries):
    for params in ({}, {"q": ""}, {"q": "   "}):
        with django_assert_num_queries(0):
            page = client.get("/search/", params)
        assert page.status_code == 200
        assert "Popular topics" in page.text
        assert 'href="/search/?q=pins+and+needles"' in page.text


def test_no_results_says_so_and_suggests_what_to_try(client, content):
    page = client.get("/search/", {"q": "unobtainium"})
    assert page.status_code == 200
    assert "No results for “unobtainium”" in page.text
    assert "Popular topics" in page.text


def test_htmx_gets_only_the_results_and_the_status_line(client, content):
    page = client.get("/search/", {"q": "cobalamin"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert "<html" not in page.text
    assert page.text.lstrip().startswith('<p id="search-status" hx-swap-oob="innerHTML">1 result for “cobalamin”</p>')
    assert result_names(page) == ["Vitamin B12"]


def test_a_history_restore_gets_the_full_page(client, content):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = client.get("/search/", {"q": "cobalamin"}, headers=headers)
    assert "<html" in page.text
    assert result_names(page) == ["Vitamin B12"]


def test_the_page_and_its_partial_vary_on_the_htmx_headers(client, content):
    page = client.get("/search/", {"q": "iron"})
    vary = {header.strip() for header in page["Vary"].split(",")}
    assert {"HX-Request", "HX-History-Restore-Request"} <= vary


def test_a_plain_submit_gets_the_full_page_with_the_query_in_the_box(client, content):
    page = client.get("/search/", {"q": "pins and needles"})
    assert "<html" in page.text
    assert 'type="search" name="q" value="pins and needles"' in page.text
    assert 'hx-get="/search/" hx-trigger="input changed delay:300ms, search" hx-target="#results"' in page.text
    assert 'hx-push-url="true"' in page.text
    assert not page.cookies


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 101, "Search for at most 100 characters"),
        ("magnesium\x00", "characters we cannot read"),
        ("%%% !!! ***", "Search with letters or numbers"),
    ],
    ids=["too long", "NUL byte", "symbols only"],
)
def test_weird_input_gets_a_400_page_that_says_what_to_do(client, content, query, message):
    page = client.get("/search/", {"q": query})
    assert page.status_code == 400
    assert "There is a problem" in page.text
    assert message in page.text
    assert "Popular topics" in page.text


def test_weird_input_under_htmx_shows_the_message_in_place(client, content):
    page = client.get("/search/", {"q": "x" * 101}, headers={"HX-Request": "true"})
    assert page.status_code == 400
    assert "<html" not in page.text
    assert "Search for at most 100 characters" in page.text


def test_bytes_that_are_not_utf8_get_a_400_not_a_500(client, content):
    page = client.get("/search/?q=%ff%fe%00")
    assert page.status_code == 400


def test_other_scripts_are_searched_and_simply_find_nothing(client, content):
    for query in ("магний", "マグネシウム", "镁"):
        page = client.get("/search/", {"q": query})
        assert page.status_code == 200
        assert f"No results for “{query}”" in page.text


def test_emoji_alone_are_symbols_and_get_the_400_page(client, content):
    page = client.get("/search/", {"q": "🦵🦵"})
    assert page.status_code == 400
    assert "Search with letters or numbers" in page.text


def test_a_repeated_query_uses_the_last_value(client, content):
    page = client.get("/search/?q=zzz&q=cobalamin")
    assert result_names(page) == ["Vitamin B12"]


def test_search_answers_get_and_head_only(client, content):
    assert client.head("/search/", {"q": "iron"}).status_code == 200
    assert client.post("/search/", {"q": "iron"}).status_code == 405


# The header search box


@pytest.mark.parametrize("url", ["/", "/nutrients/", "/nutrients/magnesium/", "/symptoms/tingling/", "/about/"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, content, url):
    page = client.get(url)
    header = page.text.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert '<form class="header-search" role="search" action="/search/" method="get" novalidate>' in header
    assert '<label class="visually-hidden" for="header-search-q">Search Legwell</label>' in header
    assert '<input type="search" id="header-search-q" name="q"' in header
    assert '<button type="submit">Search</button>' in header


def test_the_search_page_has_one_search_form_its_own(client, content):
    page = client.get("/search/")
    assert page.text.count('role="search"') == 1
    assert '<label for="id_q">Search nutrients, symptoms and foods</label>' in page.text


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_plain_ascii_takes_a_shortcut_to_the_same_result(text):
    assert fold(text) == fold_unicode(text)
