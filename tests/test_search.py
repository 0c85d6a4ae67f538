"""Search: the rules that turn readers' words into a query and order the hits, the
index kept current on every edit, and what /search/ answers for good and weird
queries. The table of readers' queries is in test_search_queries.py."""

import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from nutrients.models import Condition, Food, Nutrient, SymptomLink, Synonym
from nutrients.search import (
    Kind,
    Term,
    Tier,
    answer_for,
    closest,
    did_you_mean,
    edit_distance,
    fold,
    fold_unicode,
    food_request,
    kind_counts,
    normalise,
    plan,
    query_words,
    ranked,
    synonym_groups,
    tier,
    urgent_signs,
    us_spelling,
)
from search.index import rebuild
from search.models import Document
from search.results import find
from tests import factories

# The rules, without a database


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
        ("mag\u200bnesium", "magnesium"),  # a zero-width space pasted inside a word
        ("magne\u00adsium", "magnesium"),  # a soft hyphen
        ("\ufeffiron\u200f", "iron"),  # a byte-order mark and a right-to-left mark
    ],
)
def test_fold_ignores_case_accents_punctuation_and_spacing(text, folded):
    assert fold(text) == folded


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_plain_ascii_takes_a_shortcut_to_the_same_result(text):
    assert fold(text) == fold_unicode(text)


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("anaemia", "anemia"),
        ("haemoglobin", "hemoglobin"),
        ("oedema", "edema"),
        ("hypokalaemia", "hypokalemia"),
        ("diarrhoea", "diarrhea"),
        ("fibre", "fiber"),
        ("yoghurt", "yogurt"),
        ("sulphate", "sulfate"),
        ("recognised", "recognized"),
        ("rise", "rise"),  # too short to be a British -ise
        ("magnesium", "magnesium"),
    ],
)
def test_british_spellings_are_written_the_us_way_on_both_sides(british, american):
    assert us_spelling(british) == american


def test_a_query_keeps_its_meaningful_words_in_us_spelling():
    assert query_words("Cramps at night in my LEGS") == ["cramps", "night", "legs"]
    assert query_words("Anaemia & fibre") == ["anemia", "fiber"]
    assert normalise("Café-Crème, anaemia") == "cafe creme anemia"


def test_synonym_rows_become_groups_of_phrases_with_their_stop_words():
    groups = synonym_groups(["numb, numbness", "tingly, pins and needles", "lonely", "B-12, B12"])
    assert groups == [(("numb",), ("numbness",)), (("tingly",), ("pins", "and", "needles")), (("b", "12"), ("b12",))]


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [("magnesum", "magnesium", 1), ("potasium", "potassium", 1), ("crmap", "cramp", 1), ("iron", "iron", 0)],
)
def test_edit_distance_counts_letters_added_removed_changed_or_swapped(first, second, distance):
    assert edit_distance(first, second) == distance


def test_only_words_of_five_letters_or_more_are_corrected_within_two_letters():
    vocabulary = {"magnesium", "iron", "tingling", "potassium"}
    assert closest(word="magnesum", vocabulary=vocabulary) == "magnesium"
    assert closest(word="magnesiumxx", vocabulary=vocabulary) == "magnesium"
    assert closest(word="magnxxiumxx", vocabulary=vocabulary) is None  # three letters off
    assert closest(word="irom", vocabulary=vocabulary) is None  # too short to correct by itself


def test_a_plan_adds_synonyms_corrections_and_the_prefix_of_the_last_word():
    synonyms = synonym_groups(["numb, numbness", "swollen, swelling"])
    result = plan(words=["swollen", "magnesum", "numb"], synonyms=synonyms, vocabulary={"magnesium"}, as_you_type=True)
    assert result.needs == [
        (Term(("swollen",)), Term(("swelling",))),
        (Term(("magnesum",)), Term(("magnesium",))),
        (Term(("numb",)), Term(("numbness",))),
    ]
    assert result.corrected == {"magnesum": "magnesium"}
    typing = plan(words=["magn"], synonyms=[], vocabulary=set(), as_you_type=True)
    assert typing.needs == [(Term(("magn",)), Term(("magn",), prefix=True))]


def test_a_multi_word_synonym_is_matched_as_one_phrase():
    synonyms = synonym_groups(["dvt, blood clot, deep vein thrombosis"])
    result = plan(words=["blood", "clot", "leg"], synonyms=synonyms, vocabulary={"leg"}, as_you_type=False)
    assert result.needs[0] == (Term(("dvt",)), Term(("blood", "clot")), Term(("deep", "vein", "thrombosis")))
    assert result.needs[1] == (Term(("leg",)),)


def test_did_you_mean_suggests_the_nearest_words_only_when_there_are_some():
    assert did_you_mean(words=["irom"], vocabulary={"iron"}) == "iron"
    assert did_you_mean(words=["pottasiumm", "leg"], vocabulary={"potassium", "leg"}) == "potassium leg"
    assert did_you_mean(words=["zzzz"], vocabulary={"iron"}) is None
    assert did_you_mean(words=["creme"], vocabulary={"cream"}, tried={"creme"}) is None


@pytest.mark.parametrize(
    ("query", "nutrient"),
    [
        ("foods high in magnesium", "magnesium"),
        ("Foods rich in vitamin D", "vitamin d"),
        ("sources of iron", "iron"),
        ("potassium rich foods", "potassium"),
        ("magnesium foods", "magnesium"),
        ("leg cramps", None),
        ("foods", None),
    ],
)
def test_a_request_for_foods_names_its_nutrient(query, nutrient):
    assert food_request(query) == nutrient


def hit(title, kind=Kind.NUTRIENT, aliases="", score=1.0, urgency=""):
    return SimpleNamespace(
        title=title, name_text=normalise(title), alias_text=aliases, score=score, kind=kind, urgency=urgency
    )


def needs_for(query):
    return plan(words=query_words(query), synonyms=[], vocabulary=set(query_words(query)), as_you_type=False).needs


def test_an_exact_name_beats_a_name_with_the_words_which_beats_a_mention_whatever_the_score():
    hits = [hit("Leg pain", score=9), hit("Statins", score=1), hit("Statin muscle symptoms", score=5)]
    assert [each.title for each in ranked(hits=hits, needs=needs_for("statin"))] == [
        "Statins",
        "Statin muscle symptoms",
        "Leg pain",
    ]
    assert tier(name="iron", aliases="fe, anemia", needs=needs_for("anaemia")) == Tier.EXACT_NAME


def test_urgent_signs_lead_unless_the_query_names_a_nutrient_food_or_medicine():
    needs = needs_for("swollen leg")
    signs = [
        hit("Leg pain that starts suddenly with a swollen joint", Kind.WARNING, urgency="today"),
        hit("Swollen leg with chest pain", Kind.WARNING, urgency="emergency"),
        hit("Swollen leg that is a little stiff", Kind.WARNING, urgency="soon"),
    ]
    for sign in signs:
        sign.tier = tier(name=sign.name_text, aliases="", needs=needs)
    pages = ranked(hits=[hit("Deep vein thrombosis", Kind.CONDITION)], needs=needs)
    shown = urgent_signs(hits=pages, warnings=signs, needs=needs)
    assert [sign.urgency for sign in shown] == ["emergency", "today"]  # emergency first; "soon" never

    magnesium = ranked(hits=[hit("Magnesium")], needs=needs_for("magnesium"))
    assert urgent_signs(hits=magnesium, warnings=signs, needs=needs) == []


def test_a_symptom_or_medicine_named_by_the_query_brings_its_answer():
    symptom = ranked(hits=[hit("Leg cramps", Kind.SYMPTOM)], needs=needs_for("leg cramps"))
    assert answer_for(hits=symptom, foods=False).title == "Leg cramps"
    mention = ranked(hits=[hit("Leg cramps", Kind.SYMPTOM)], needs=needs_for("tired"))
    assert answer_for(hits=mention, foods=False) is None
    foods = [hit("Bananas", Kind.FOOD), hit("Potassium")]
    assert answer_for(hits=foods, foods=True).title == "Potassium"


def test_counts_per_kind_leave_out_warning_signs_and_follow_the_kinds_order():
    hits = [SimpleNamespace(kind=Kind.FOOD, kind_count=3), SimpleNamespace(kind=Kind.NUTRIENT, kind_count=2)]
    assert kind_counts(hits=hits) == {Kind.NUTRIENT: 2, Kind.FOOD: 3}


# The index


def documents(kind):
    return set(Document.objects.filter(kind=kind).values_list("title", flat=True))


def test_the_index_holds_every_published_page_and_warning_sign(content):
    assert "Magnesium" in documents(Kind.NUTRIENT)
    assert "Leg cramps" in documents(Kind.SYMPTOM)
    assert "Bananas" in documents(Kind.FOOD)
    assert "Statins" in documents(Kind.MEDICINE)
    assert "Deep vein thrombosis (DVT)" in documents(Kind.CONDITION)
    assert "Stretching" in documents(Kind.RELIEF)
    assert Document.objects.filter(kind=Kind.WARNING, urgency="emergency").exists()


def test_the_rebuild_command_writes_the_index_again(content):
    Document.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert find(q="magnesium").hits[0].title == "Magnesium"


def test_an_edit_is_found_at_once(content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        magnesium = Nutrient.objects.get(slug="magnesium")
        magnesium.summary = "Also known from the sea as quintessalt."
        magnesium.save()
    assert [each.title for each in find(q="quintessalt").hits] == ["Magnesium"]


def test_a_renamed_page_is_found_by_its_new_name_and_its_neighbours_follow(content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        magnesium = Nutrient.objects.get(slug="magnesium")
        magnesium.name = "Magnesium salts"
        magnesium.save()
    assert find(q="magnesium salts").hits[0].title == "Magnesium salts"
    leg_cramps = Document.objects.get(kind=Kind.SYMPTOM, title="Leg cramps")
    assert "magnesium salts" in leg_cramps.link_text


def test_a_link_added_or_removed_changes_what_both_pages_are_found_by(content, django_capture_on_commit_callbacks):
    link = SymptomLink.objects.get(nutrient__slug="magnesium", symptom__slug="leg-cramps")
    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    assert "leg cramps" not in Document.objects.get(kind=Kind.NUTRIENT, title="Magnesium").link_text


def test_a_draft_or_deleted_page_leaves_the_index(content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Nutrient.objects.get(slug="magnesium").__class__.objects.filter(slug="magnesium").get().delete()
        condition = Condition.objects.get(slug="deep-vein-thrombosis")
        condition.status = "draft"
        condition.save()
    assert "Magnesium" not in documents(Kind.NUTRIENT)
    assert "Deep vein thrombosis (DVT)" not in documents(Kind.CONDITION)


def test_an_admin_edit_is_found_at_once(editor_client, content, django_capture_on_commit_callbacks):
    from tests.admin_pages import change_form_data

    condition = Condition.objects.get(slug="deep-vein-thrombosis")
    url = reverse("admin:nutrients_condition_change", args=[condition.pk])
    data = change_form_data(editor_client.get(url))
    data["search_words"] = "economy class syndrome"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)
    assert response.status_code == 302
    assert find(q="economy class syndrome").hits[0].title == "Deep vein thrombosis (DVT)"


def test_a_synonym_an_editor_adds_works_on_the_next_search(content, django_capture_on_commit_callbacks):
    assert not find(q="knackered").hits
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(words="knackered, tired")
    assert "Fatigue and tired legs" in [each.title for each in find(q="knackered").hits]


# The page


def titles(page):
    return [each.title for each in page.context["results"].hits]


def form_errors(page) -> list[str]:
    return [error for errors in page.context["form"].errors.values() for error in errors]


def test_results_are_one_ranked_list_with_the_kind_on_each_hit_and_counts_as_filters(client, content):
    page = client.get("/search/", {"q": "potassium"})
    assert titles(page)[0] == "Potassium"
    assert re.search(
        r'<a href="/nutrients/potassium/">Potassium</a> <span class="kind-label">Nutrient</span>', page.text
    )
    counts = page.context["results"].counts
    assert counts[Kind.NUTRIENT] >= 1 and counts[Kind.FOOD] >= 1
    assert f'href="?q=potassium&amp;kind=food">Foods ({counts[Kind.FOOD]})</a>' in page.text

    foods = client.get("/search/", {"q": "potassium", "kind": "food"})
    assert {hit.kind for hit in foods.context["results"].hits} == {Kind.FOOD}
    assert 'aria-current="page">Foods' in foods.text


def test_a_query_that_matches_a_warning_sign_leads_with_the_urgency_box(client, content):
    page = client.get("/search/", {"q": "swollen leg"})
    urgent = page.context["results"].urgent
    assert any("blood clot" in sign.detail for sign in urgent)
    assert "emergency" in {sign.urgency for sign in urgent}
    # The markup: the box comes before the list of pages.
    box = page.text.split('class="warning-callout search-urgent"', 1)[1].split("</section>", 1)[0]
    assert "blood clot" in box
    assert "Emergency:" in box and "call your local emergency number" in box.lower()
    assert page.text.index("search-urgent") < page.text.index('class="search-hits"')


def test_a_query_that_names_a_nutrient_has_no_urgency_box(client, content):
    page = client.get("/search/", {"q": "magnesium"})
    assert page.context["results"].urgent == []
    assert "search-urgent" not in page.text


def test_a_symptom_shows_its_nutrients_by_link_strength_and_conditions_to_rule_out(client, content):
    page = client.get("/search/", {"q": "leg cramps"})
    answer = page.context["results"].answer
    assert answer["kind"] == "symptom"
    strengths = [link.strength for link in answer["links"]]
    assert strengths == sorted(strengths, reverse=True)
    assert "Magnesium" in [link.nutrient.name for link in answer["links"]]
    assert answer["conditions"]
    assert "Conditions a doctor rules out first" in page.text


def test_a_medicine_shows_the_nutrients_it_affects(client, content):
    answer = client.get("/search/", {"q": "metformin"}).context["results"].answer
    assert answer["kind"] == "medicine"
    assert "Vitamin B12" in [link.nutrient.name for link in answer["links"]]


def test_foods_high_in_a_nutrient_shows_its_food_table(client, content):
    page = client.get("/search/", {"q": "foods high in potassium"})
    answer = page.context["results"].answer
    assert answer["kind"] == "foods" and answer["about"].title == "Potassium"
    assert "Foods high in potassium" in page.text
    assert len(answer["sources"]) >= 3


def test_a_misspelling_says_which_word_was_searched(client, content):
    page = client.get("/search/", {"q": "magnesum"})
    assert titles(page)[0] == "Magnesium"
    assert page.context["results"].corrected == {"magnesum": "magnesium"}
    assert "Including results for “magnesium”" in page.text


def test_no_results_says_so_and_suggests_the_nearest_words(client, content):
    page = client.get("/search/", {"q": "irom"})
    assert (page.context["results"].total, page.context["results"].did_you_mean) == (0, "iron")
    assert "No results for “irom”" in page.text
    assert 'Did you mean <a href="?q=iron">iron</a>?' in page.text
    nothing = client.get("/search/", {"q": "unobtainium"})
    assert (nothing.context["results"].total, nothing.context["results"].did_you_mean) == (0, None)
    assert "No results for “unobtainium”" in nothing.text and "Did you mean" not in nothing.text
    assert "Popular topics" in nothing.text


def test_search_only_words_find_a_page_but_are_never_shown_as_other_names(client, content):
    assert titles(client.get("/search/", {"q": "anaemia"}))[0] == "Iron"
    iron = client.get("/nutrients/iron/").text
    assert "anaemia" not in iron.split("Also called", 1)[1].split("</dd>", 1)[0]
    potassium = client.get("/nutrients/potassium/").text
    assert "Also called</dt><dd>electrolyte" not in potassium


def test_a_search_runs_a_few_queries_whatever_the_content_size(client, content, django_assert_max_num_queries):
    queries = ("foods high in magnesium", "leg cramps", "metformin", "swollen leg", "cramps at night zzz")
    for query in queries:
        with django_assert_max_num_queries(8):
            client.get("/search/", {"q": query})
    call_command("generate_content", times=5, verbosity=0)
    for query in queries:
        with django_assert_max_num_queries(8):
            page = client.get("/search/", {"q": query})
        assert page.status_code == 200
    assert page.context["results"].total > 0


def test_an_empty_search_suggests_topics_without_querying(client, content, django_assert_num_queries):
    for params in ({}, {"q": ""}, {"q": "   "}):
        with django_assert_num_queries(0):
            page = client.get("/search/", params)
        assert page.status_code == 200
        assert "Popular topics" in page.text


def test_a_reader_s_search_is_never_kept_in_a_shared_cache(client, content):
    page = client.get("/search/", {"q": "pins and needles"})
    assert "private" in page["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in page.text
    again = client.get("/search/", {"q": "pins and needles"})
    assert again.context is not None  # rendered again, not served from the page cache


def test_htmx_gets_only_the_results_and_the_status_line(client, content):
    page = client.get("/search/", {"q": "cobalamin"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert page.status_code == 200
    assert "<html" not in page.text
    assert page.text.lstrip().startswith('<p id="search-status" hx-swap-oob="innerHTML">')
    assert titles(page)[0] == "Vitamin B12"
    assert "Vitamin B12" in page.text


def test_a_history_restore_gets_the_full_page(client, content):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = client.get("/search/", {"q": "cobalamin"}, headers=headers)
    assert "<html" in page.text


def test_the_page_and_its_partials_vary_on_the_htmx_headers(client, content):
    vary = {header.strip() for header in client.get("/search/", {"q": "iron"})["Vary"].split(",")}
    assert {"HX-Request", "HX-History-Restore-Request", "HX-Target"} <= vary


def test_a_plain_submit_gets_the_full_page_with_the_query_in_the_box(client, content):
    page = client.get("/search/", {"q": "pins and needles"})
    assert 'type="search" name="q" value="pins and needles"' in page.text
    assert 'hx-trigger="input changed delay:300ms, search" hx-sync="this:replace" hx-target="#results"' in page.text
    assert not page.cookies


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 101}, "Search for at most 100 characters"),
        ({"q": "magnesium\x00"}, "characters we cannot read"),
        ({"q": "%%% !!! ***"}, "Search with letters or numbers"),
        ({"q": "🦵🦵"}, "Search with letters or numbers"),
        ({"q": "a" * 41}, "words of at most 40 letters"),
        ({"q": "iron", "kind": "spaceship"}, "Choose a kind of page"),
    ],
    ids=["too long", "NUL byte", "symbols only", "emoji only", "a junk word", "unknown kind"],
)
def test_junk_gets_a_400_page_that_says_what_to_do(client, content, params, message):
    page = client.get("/search/", params)
    assert page.status_code == 400
    assert page.context["results"] is None
    assert any(message in error for error in form_errors(page))
    assert "There is a problem" in page.text
    assert message in page.text


def test_junk_under_htmx_shows_the_message_in_place(client, content):
    page = client.get("/search/", {"q": "x" * 101}, headers={"HX-Request": "true"})
    assert page.status_code == 400
    assert any("Search for at most 100 characters" in error for error in form_errors(page))
    assert "<html" not in page.text
    assert "Search for at most 100 characters" in page.text


def test_bytes_that_are_not_utf8_get_a_400_not_a_500(client, content):
    assert client.get("/search/?q=%ff%fe%00").status_code == 400


@pytest.mark.parametrize(
    "query", ["магний", "マグネシウム", "镁", 'iron" OR "x', "NEAR(iron cramps)", "iron*", "a:b & !c"]
)
def test_other_scripts_and_query_syntax_are_searched_as_words(client, content, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_a_repeated_query_leads_to_the_address_of_the_last_value(client, content):
    page = client.get("/search/?q=zzz&q=cobalamin", follow=True)
    assert page.redirect_chain == [("/search/?q=cobalamin", 301)]
    assert titles(page)[0] == "Vitamin B12"


def test_search_answers_get_and_head_only(client, content):
    assert client.head("/search/", {"q": "iron"}).status_code == 200
    assert client.post("/search/", {"q": "iron"}).status_code == 405


def test_rebuild_after_bulk_changes(content):
    Nutrient.objects.filter(slug="magnesium").update(name="Magnesium renamed")  # no signals
    rebuild()
    assert find(q="renamed").hits[0].title == "Magnesium renamed"


def test_foods_high_in_a_nutrient_are_marked_with_their_caveats(client, content):
    spinach = Food.objects.get(slug="spinach")
    factories.caveat(applies_to="If you take warfarin", text="Keep the amount you eat steady.", foods=[spinach])
    page = client.get("/search/", {"q": "foods high in magnesium"}).text
    assert (
        '>Spinach</a>, cooked <span class="caveat-marks">' in page or '>Spinach</a> <span class="caveat-marks">' in page
    )
    assert "Keep the amount you eat steady." in page
