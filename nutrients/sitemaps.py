"""sitemap.xml: every published page, with the date it was last reviewed (its last change)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors

# Pages with no object behind them (the questionnaire's first page only: its later steps are POSTs).
STATIC_PAGES = [
    "nutrients:home",
    "nutrients:nutrient_list",
    "nutrients:symptom_list",
    "nutrients:food_list",
    "nutrients:medicine_list",
    "nutrients:condition_list",
    "nutrients:compare",
    "nutrients:questionnaire",
    "nutrients:relief",
    "nutrients:about",
]


class StaticPages(Sitemap):
    def items(self):
        return STATIC_PAGES

    def location(self, item):
        return reverse(item)


class PublishedPages(Sitemap):
    def __init__(self, published):
        self.published = published

    def items(self):
        return self.published().only("slug", "reviewed_on")

    def lastmod(self, item):
        return item.reviewed_on


SITEMAPS = {
    "pages": StaticPages(),
    "nutrients": PublishedPages(selectors.published_nutrients),
    "symptoms": PublishedPages(selectors.published_symptoms),
    "foods": PublishedPages(selectors.published_foods),
    "medicines": PublishedPages(selectors.published_medicines),
    "conditions": PublishedPages(selectors.published_conditions),
}
