"""One page of each type, as readers reach them. The benchmark, the screenshots
and the tests that visit every page type all take their pages from here."""

CONTENT_PAGES = {
    "home": "/",
    "nutrient list": "/nutrients/",
    "nutrient": "/nutrients/magnesium/",
    "symptom list": "/symptoms/",
    "symptom": "/symptoms/numbness/",
    "food list": "/foods/",
    "food": "/foods/spinach/",
    "medicine list": "/medicines/",
    "medicine": "/medicines/statins/",
    "condition list": "/conditions/",
    "condition": "/conditions/deep-vein-thrombosis/",
    "relief": "/relief/",
    "about": "/about/",
    "changes": "/changes/",
}
# With the pages whose content depends on a form.
READER_PAGES = {
    **CONTENT_PAGES,
    "compare": "/compare/",
    "questionnaire": "/questionnaire/",
    "search": "/search/?q=magnesium",
}
NOT_FOUND = "/nutrients/unobtainium/"
