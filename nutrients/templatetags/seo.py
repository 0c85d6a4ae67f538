"""What search engines and link previews read: the canonical address, the page
title reused in Open Graph tags, and JSON-LD data blocks."""

import json

from django import template
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from .. import structured_data

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can end the <script> element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data) -> str:
    """`data` as a JSON-LD block. A data block, not a script: the CSP does not apply to it.
    Only this function's own escaped output is marked safe."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def origin(request) -> str:
    try:
        return request.build_absolute_uri("/").removesuffix("/")
    except DisallowedHost:
        # The 400 page for a Host header not in ALLOWED_HOSTS: no address to name.
        return ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str = "") -> str:
    """This page's address (or `path`'s) with scheme and host, without the query string."""
    request = context["request"]
    return origin(request) + (path or request.path)


@register.simple_tag(takes_context=True)
def page_jsonld(context, page=None) -> str:
    """A content page's MedicalWebPage data, or, with no page, the site and its search."""
    base = origin(context["request"])
    if page is None:
        return ld_json(structured_data.website(origin=base))
    return ld_json(structured_data.medical_web_page(page=page, origin=base))


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The output is already escaped; quotes are escaped too, so it fits in an attribute.
        context[self.name] = mark_safe(self.nodelist.render(context).strip().replace('"', "&quot;"))
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}...{% endcapture %} renders once into a variable, so a block
    (the page title) can appear twice: in <title> and in og:title."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
