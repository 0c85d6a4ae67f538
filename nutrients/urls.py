from django.urls import path

from .views import compare, reader

app_name = "nutrients"

urlpatterns = [
    path("", reader.home, name="home"),
    path("nutrients/", reader.nutrient_list, name="nutrient_list"),
    path("nutrients/<slug:slug>/", reader.nutrient_detail, name="nutrient"),
    path("symptoms/", reader.symptom_list, name="symptom_list"),
    path("symptoms/<slug:slug>/", reader.symptom_detail, name="symptom"),
    path("foods/", reader.food_list, name="food_list"),
    path("foods/<slug:slug>/", reader.food_detail, name="food"),
    path("compare/", compare.compare, name="compare"),
    path("compare/table.csv", compare.compare_csv, name="compare_csv"),
    path("relief/", reader.relief, name="relief"),
    path("about/", reader.about, name="about"),
    path("healthz", reader.healthz, name="healthz"),
]
