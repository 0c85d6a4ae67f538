"""The site's navigation: the main menu and the breadcrumb trail."""

from django import template

from .. import structured_data

register = template.Library()

# The main menu: label, URL name, and the pages (URL names) it is current for.
MAIN_MENU = [
    ("Nutrients", "nutrient_list", {"nutrient_list", "nutrient"}),
    ("Symptoms", "symptom_list", {"symptom_list", "symptom"}),
    ("Foods", "food_list", {"food_list", "food"}),
    ("Compare", "compare", {"compare"}),
    ("Questionnaire", "questionnaire", {"questionnaire"}),
    ("Relief", "relief", {"relief"}),
    ("About", "about", {"about"}),
]


@register.inclusion_tag("nutrients/_main_menu.html", takes_context=True)
def main_menu(context):
    match = context["request"].resolver_match
    current = match.url_name if match else None
    return {
        "items": [
            {"label": label, "url_name": f"nutrients:{name}", "current": current in pages}
            for label, name, pages in MAIN_MENU
        ]
    }


@register.inclusion_tag("nutrients/_breadcrumbs.html")
def breadcrumbs(page=None, title=""):
    """{% breadcrumbs nutrient %} for a content page, {% breadcrumbs title="..." %} for another."""
    *links, (current, _) = structured_data.trail(page, title=title)
    return {"links": links, "current": current}
