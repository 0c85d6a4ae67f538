"""Readers' own words: each query, typed as a reader would, finds the page it must
within the first five results. CI runs this table on SQLite (FTS5) and on
PostgreSQL (full-text search and pg_trgm), so both engines behave the same."""

import pytest

from search.results import find

QUERIES = [
    # everyday phrasing
    ("cramps", "Leg cramps"),
    ("cramping", "Leg cramps"),
    ("muscle cramps", "Leg cramps"),
    ("charley horse", "Leg cramps"),
    ("cramps at night", "Night cramps"),
    ("cramps in bed", "Night cramps"),
    ("numb", "Numbness"),
    ("numbness", "Numbness"),
    ("numb feet", "Diabetic neuropathy"),
    ("tingly", "Tingling"),
    ("pins and needles", "Tingling"),
    ("burning feet", "Shooting nerve pain"),
    ("heavy legs", "Fatigue and tired legs"),
    ("weak legs", "Muscle weakness"),
    ("twitching", "Muscle twitches"),
    ("restless legs", "Restless legs"),
    ("RLS", "Restless legs"),
    ("calf pain when walking", "Peripheral artery disease (claudication)"),
    ("stretch", "Stretching"),
    ("epsom salt", "Epsom salt baths"),
    # warning words
    ("swollen leg", "Deep vein thrombosis (DVT)"),
    ("DVT", "Deep vein thrombosis (DVT)"),
    ("blood clot", "Deep vein thrombosis (DVT)"),
    ("deep vein thrombosis", "Deep vein thrombosis (DVT)"),
    ("sciatica", "Sciatica and cauda equina syndrome"),
    ("dark urine muscle pain", "Statin muscle symptoms and rhabdomyolysis"),
    # medicines
    ("statin", "Statins"),
    ("atorvastatin", "Statins"),
    ("metformin", "Metformin"),
    ("water pills", "Loop water pills (loop diuretics)"),
    ("diuretics", "Thiazide water pills (thiazide diuretics)"),
    ("omeprazole", "Proton-pump inhibitors and other acid reducers"),
    ("laughing gas", "Recreational nitrous oxide"),
    # nutrients, by other names, in British spelling, with accents and capitals
    ("magnesium", "Magnesium"),
    ("MAGNÉSIUM", "Magnesium"),
    ("anaemia", "Iron"),
    ("anemia", "Iron"),
    ("haemoglobin", "Iron"),
    ("hypokalaemia", "Potassium"),
    ("B-12", "Vitamin B12"),
    ("b12", "Vitamin B12"),
    ("cobalamin", "Vitamin B12"),
    ("sunshine vitamin", "Vitamin D"),
    ("folic acid", "Folate (B9)"),
    # misspellings
    ("magnesum", "Magnesium"),
    ("potasium", "Potassium"),
    ("magnessium", "Magnesium"),
    ("vitamen d", "Vitamin D"),
    ("tingeling", "Tingling"),
    ("phosphorous", "Phosphorus"),
    ("metforman", "Metformin"),
    # foods
    ("foods high in magnesium", "Magnesium"),
    ("bananas", "Bananas"),
    ("banana", "Bananas"),
    ("yoghurt", "Yogurt"),
    ("plant milk", "Soy milk"),
    ("spinach", "Spinach"),
]


@pytest.mark.parametrize(("query", "page"), QUERIES, ids=[query for query, _ in QUERIES])
def test_a_reader_finds_the_page_in_the_first_five_results(content, query, page):
    titles = [hit.title for hit in find(q=query).hits[:5]]
    assert page in titles


def test_the_table_has_at_least_forty_queries():
    assert len(QUERIES) >= 40
