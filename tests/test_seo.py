"""Findability: sitemap.xml, robots.txt, canonical links, titles and descriptions,
Open Graph tags, JSON-LD, the manifest and icons, and related links."""

import json
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import RequestFactory

from nutrients.models import Condition, Food, Medicine, Nutrient, Symptom
from nutrients.templatetags.seo import ld_json

CONTENT_PAGES = (Nutrient, Symptom, Food, Medicine, Condition)
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
STATIC_PAGES = [
    "/",
    "/nutrients/",
    "/symptoms/",
    "/foods/",
    "/medicines/",
    "/conditions/",
    "/compare/",
    "/questionnaire/",
    "/relief/",
    "/about/",
]
PAGE_TYPES = {
    "home": "/",
    "nutrient list": "/nutrients/",
    "nutrient": "/nutrients/magnesium/",
    "symptom list": "/symptoms/",
    "symptom": "/symptoms/tingling/",
    "food list": "/foods/",
    "food": "/foods/bananas/",
    "medicine list": "/medicines/",
    "medicine": "/medicines/statins/",
    "condition list": "/conditions/",
    "condition": "/conditions/deep-vein-thrombosis/",
    "relief": "/relief/",
    "about": "/about/",
    "search": "/search/",
}


def meta(page, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page.text)
    return unescape(found.group(1)) if found else None


def title(page):
    return unescape(re.search(r"<title>([^<]*)</title>", page.text).group(1))


def canonical(page):
    return re.search(r'<link rel="canonical" href="([^"]+)">', page.text).group(1)


def json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.text, re.DOTALL)
    return [json.loads(block) for block in blocks]


def published_detail_urls():
    return [page.get_absolute_url() for model in CONTENT_PAGES for page in model.objects.published()]


# sitemap.xml and robots.txt


def sitemap_entries(client):
    page = client.get("/sitemap.xml")
    assert page.status_code == 200
    assert page["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(page.content)
    return {
        url.find("s:loc", SITEMAP_NS).text.removeprefix("http://testserver"): getattr(
            url.find("s:lastmod", SITEMAP_NS), "text", None
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_every_published_page_with_its_review_date(client, content):
    entries = sitemap_entries(client)
    for model in CONTENT_PAGES:
        for page in model.objects.published():
            assert entries[page.get_absolute_url()] == page.reviewed_on.isoformat()
    for url in STATIC_PAGES:
        assert url in entries


def test_the_sitemap_leaves_out_drafts(client, content):
    Symptom.objects.filter(slug="tingling").update(status="draft")
    Food.objects.filter(slug="bananas").update(status="draft")
    entries = sitemap_entries(client)
    assert "/symptoms/tingling/" not in entries
    assert "/foods/bananas/" not in entries
    assert "/symptoms/numbness/" in entries


def test_the_sitemap_runs_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):  # a count and a page for each kind of content
        client.get("/sitemap.xml")


def test_robots_txt_allows_readers_pages_and_names_the_sitemap(client, content):
    page = client.get("/robots.txt")
    assert page.status_code == 200
    assert page["Content-Type"] == "text/plain; charset=utf-8"
    lines = page.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# What every page tells search engines and link previews


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_has_a_canonical_link_and_open_graph_tags(client, content, url):
    page = client.get(url)
    assert canonical(page) == f"http://testserver{url}"
    assert meta(page, "property", "og:url") == canonical(page)
    assert f"{meta(page, 'property', 'og:title')} | Legwell" == title(page)
    assert meta(page, "property", "og:description") == meta(page, "name", "description")
    assert meta(page, "property", "og:site_name") == "Legwell"
    assert meta(page, "property", "og:image").startswith("http://testserver/static/")


def test_a_search_page_is_canonical_with_its_query(client, content):
    page = client.get("/search/", {"q": "pins and needles", "utm_source": "x"}, follow=True)
    assert canonical(page) == "http://testserver/search/?q=pins%20and%20needles"


def test_titles_and_descriptions_are_unique_across_every_page(client, content):
    urls = dict.fromkeys([*PAGE_TYPES.values(), *published_detail_urls()])  # each page once
    pages = [client.get(url) for url in urls]
    titles = [title(page) for page in pages]
    descriptions = [meta(page, "name", "description") for page in pages]
    assert len(set(titles)) == len(titles), sorted(titles)
    assert len(set(descriptions)) == len(descriptions)
    assert all(descriptions)


def test_a_quote_in_a_title_cannot_break_out_of_the_og_title_attribute(client, content):
    Nutrient.objects.filter(slug="magnesium").update(name='Magnesium "Mg" <b>')
    page = client.get("/nutrients/magnesium/")
    assert meta(page, "property", "og:title") == 'Magnesium "Mg" <b> and your legs'
    assert "<b>" not in page.text.split("</head>")[0]


# JSON-LD


@pytest.mark.parametrize(
    ("url", "model", "subject"),
    [
        ("/nutrients/vitamin-b12/", Nutrient, "Substance"),
        ("/symptoms/tingling/", Symptom, "MedicalSignOrSymptom"),
        ("/foods/bananas/", Food, "Thing"),
    ],
)
def test_content_pages_describe_themselves_as_a_medical_web_page(client, content, url, model, subject):
    item = model.objects.get(slug=url.split("/")[2])
    [data] = json_ld(client.get(url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == item.reviewed_on.isoformat()
    assert data["reviewedBy"]["name"] == item.reviewer_name
    assert data["about"] == {
        "@type": subject,
        "name": item.name,
        **({"alternateName": [name.strip() for name in item.other_names.split(",")]} if item.other_names else {}),
    }
    assert data["url"] == f"http://testserver{url}"
    crumbs = data["breadcrumb"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert crumbs[-1] == {"@type": "ListItem", "position": 3, "name": item.name, "item": data["url"]}


@pytest.mark.parametrize(
    "url", ["/nutrients/vitamin-b12/", "/symptoms/tingling/", "/foods/bananas/", "/medicines/statins/"]
)
def test_the_breadcrumb_a_reader_sees_is_the_one_search_engines_read(client, content, url):
    page = client.get(url)
    trail = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', page.content.decode()).group(1)
    shown = [unescape(name) for name in re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", trail)]
    [data] = json_ld(page)
    assert shown == [crumb["name"] for crumb in data["breadcrumb"]["itemListElement"]]
    assert 'aria-current="page"' in trail.rsplit("<li", 1)[1]


def test_the_home_page_describes_the_site_and_its_search(client, content):
    [data] = json_ld(client.get("/"))
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={query}"


def test_json_ld_escapes_what_could_end_the_script_element():
    output = ld_json({"name": "</script><script>alert(1)</script> & more"})
    body = output.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & more"}


def test_json_ld_from_editor_text_stays_data(client, content):
    Symptom.objects.filter(slug="tingling").update(description="</script><script>alert(1)</script>")
    page = client.get("/symptoms/tingling/")
    assert "<script>alert(1)" not in page.text
    [data] = json_ld(page)
    assert data["description"] == "</script><script>alert(1)</script>"


def test_the_capture_tag_renders_once_and_reuses_the_output():
    template = Template('{% load seo %}{% capture as x %} {{ value }} "quoted" {% endcapture %}[{{ x }}][{{ x }}]')
    assert template.render(Context({"value": "<i>"})) == "[&lt;i&gt; &quot;quoted&quot;][&lt;i&gt; &quot;quoted&quot;]"


def test_absolute_addresses_follow_the_request_host_and_scheme():
    request = RequestFactory().get("/nutrients/iron/", secure=True, headers={"host": "legwell.example"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.ALLOWED_HOSTS", ["legwell.example"])
        rendered = Template("{% load seo %}{% absolute_url %}").render(Context({"request": request}))
    assert rendered == "https://legwell.example/nutrients/iron/"


# Icons, the manifest and related links


def test_the_manifest_names_the_site_and_icons_that_exist(client, content):
    page = client.get("/site.webmanifest")
    assert page.status_code == 200
    assert page["Content-Type"] == "application/manifest+json"
    manifest = json.loads(page.content)
    assert manifest["name"].startswith("Legwell")
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_page_links_the_icons_and_the_manifest(client, content):
    head = client.get("/").text.split("</head>")[0]
    for link in (
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
        '<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">',
        '<link rel="manifest" href="/site.webmanifest">',
    ):
        assert link in head
    assert finders.find("apple-touch-icon.png")


def test_a_symptom_page_links_the_other_symptoms_of_its_category(client, content):
    tingling = Symptom.objects.get(slug="tingling")
    page = client.get(tingling.get_absolute_url())
    related = page.text.split('id="related-heading"', 1)[1].split("</nav>", 1)[0]
    assert f"Other {tingling.get_category_display().lower()} symptoms" in related
    others = Symptom.objects.published().filter(category=tingling.category).exclude(pk=tingling.pk)
    assert others
    for other in others:
        assert f'href="{other.get_absolute_url()}"' in related
    assert f'href="{tingling.get_absolute_url()}"' not in related
    for unrelated in Symptom.objects.exclude(category=tingling.category):
        assert f'href="{unrelated.get_absolute_url()}"' not in related


def test_a_food_page_links_other_foods_of_its_category(client, content):
    bananas = Food.objects.get(slug="bananas")
    page = client.get(bananas.get_absolute_url())
    related = page.text.split('id="related-heading"', 1)[1].split("</nav>", 1)[0]
    for other in Food.objects.published().filter(category=bananas.category).exclude(pk=bananas.pk):
        assert f'href="{other.get_absolute_url()}"' in related
