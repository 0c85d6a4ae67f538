from django.urls import path

from . import views

app_name = "nutrients"

urlpatterns = [
    path("", views.home, name="home"),
    path("nutrients/", views.nutrient_list, name="nutrient_list"),
    path("nutrients/<slug:slug>/", views.nutrient_detail, name="nutrient"),
    path("symptoms/", views.symptom_list, name="symptom_list"),
    path("symptoms/<slug:slug>/", views.symptom_detail, name="symptom"),
    path("foods/", views.food_list, name="food_list"),
    path("foods/<slug:slug>/", views.food_detail, name="food"),
    path("relief/", views.relief, name="relief"),
    path("about/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
]
