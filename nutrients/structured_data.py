"""schema.org data about a page, for search engines: built here, serialised by the ld_json filter."""

from django.urls import reverse
from django.utils.text import Truncator

from .models import Condition, Food, Medicine, Nutrient, Symptom

SCHEMA = "https://schema.org"
SITE_NAME = "Legwell"

# Per kind of page: the list it sits in (for the breadcrumb) and what schema.org calls its subject.
SECTIONS = {
    Nutrient: ("Nutrients", "nutrients:nutrient_list", "Substance"),
    Symptom: ("Symptoms", "nutrients:symptom_list", "MedicalSignOrSymptom"),
    Food: ("Foods", "nutrients:food_list", "Thing"),
    Medicine: ("Medicines", "nutrients:medicine_list", "Drug"),
    Condition: ("Conditions", "nutrients:condition_list", "MedicalCondition"),
}


def website(*, origin: str) -> dict:
    """The site, with its search, for the home page."""
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": origin + reverse("nutrients:home"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": origin + reverse("nutrients:search") + "?q={query}"},
            "query-input": "required name=query",
        },
    }


def trail(
    page: Nutrient | Symptom | Food | Medicine | Condition | None = None, *, title: str = ""
) -> list[tuple[str, str]]:
    """The breadcrumb trail to a content page, or to a page with this title just
    below Home, as (name, path) pairs: the page shows it and the JSON-LD lists it."""
    if page is None:
        return [("Home", reverse("nutrients:home")), (title, "")]
    section, list_url, _ = SECTIONS[type(page)]
    return [
        ("Home", reverse("nutrients:home")),
        (section, reverse(list_url)),
        (page.name, page.get_absolute_url()),
    ]


def breadcrumbs(*, origin: str, trail: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": origin + path}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def medical_web_page(*, page: Nutrient | Symptom | Food | Medicine | Condition, origin: str) -> dict:
    """A content page: what it is about, when and by whom it was last reviewed."""
    subject_type = SECTIONS[type(page)][2]
    summary = (
        getattr(page, "summary", "")
        or getattr(page, "purpose", "")
        or Truncator(getattr(page, "description", "")).chars(300)
    )
    subject = {"@type": subject_type, "name": page.name}
    if page.other_names:
        subject["alternateName"] = [name.strip() for name in page.other_names.split(",") if name.strip()]
    data = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "name": page.name,
        "url": origin + page.get_absolute_url(),
        "about": subject,
        "audience": {"@type": "Audience", "audienceType": "general public"},
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": origin + reverse("nutrients:home")},
        "breadcrumb": breadcrumbs(origin=origin, trail=trail(page)),
    }
    if summary:
        data["description"] = summary
    if page.reviewed_on:
        data["lastReviewed"] = page.reviewed_on
        data["reviewedBy"] = {"@type": "Person", "name": page.reviewer_name, "jobTitle": page.reviewer_role}
    return data
