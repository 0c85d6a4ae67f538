from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .sitemaps import SITEMAPS
from .views import changes, compare, preview, questionnaire, reader, report, search

app_name = "nutrients"

urlpatterns = [
    path("", reader.home, name="home"),
    path("nutrients/", reader.nutrient_list, name="nutrient_list"),
    path("nutrients/<slug:slug>/", reader.nutrient_detail, name="nutrient"),
    path("symptoms/", reader.symptom_list, name="symptom_list"),
    path("symptoms/<slug:slug>/", reader.symptom_detail, name="symptom"),
    path("foods/", reader.food_list, name="food_list"),
    path("foods/<slug:slug>/", reader.food_detail, name="food"),
    path("medicines/", reader.medicine_list, name="medicine_list"),
    path("medicines/<slug:slug>/", reader.medicine_detail, name="medicine"),
    path("conditions/", reader.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", reader.condition_detail, name="condition"),
    path("compare/", compare.compare, name="compare"),
    path("compare/table.csv", compare.compare_csv, name="compare_csv"),
    path("questionnaire/", questionnaire.questionnaire, name="questionnaire"),
    path("relief/", reader.relief, name="relief"),
    path("about/", reader.about, name="about"),
    path("search/", search.search_page, name="search"),
    path("changes/", changes.changes, name="changes"),
    path("changes/feed/", changes.ChangesFeed(), name="changes_feed"),
    path("report/", report.report, name="report"),
    path("report/sent/", report.report_sent, name="report_sent"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Editors' previews of drafts: never cached, never indexed.
    path("preview/nutrients/<slug:slug>/", preview.page, {"kind": "nutrient"}, name="preview_nutrient"),
    path("preview/symptoms/<slug:slug>/", preview.page, {"kind": "symptom"}, name="preview_symptom"),
    path("preview/foods/<slug:slug>/", preview.page, {"kind": "food"}, name="preview_food"),
    path("preview/medicines/<slug:slug>/", preview.page, {"kind": "medicine"}, name="preview_medicine"),
    path("preview/conditions/<slug:slug>/", preview.page, {"kind": "condition"}, name="preview_condition"),
]
