"""The public record of medical changes: the site's Changes page and its Atom feed."""

from django.contrib.syndication.views import Feed
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from legwell.cache import cached_page

from .. import selectors


@require_safe
@cached_page
def changes(request):
    return TemplateResponse(request, "nutrients/changes.html", {"changes": selectors.published_changes()})


class ChangesFeed(Feed):
    """Each published medical change: when, what changed in a sentence, on which page, who reviewed it."""

    feed_type = Atom1Feed
    title = "Legwell: changes to medical facts"
    subtitle = "Every published change to a number, warning sign or claim, with the clinical reviewer who approved it."

    def link(self):
        return reverse("nutrients:changes")

    def items(self):
        return selectors.published_changes(limit=50)

    def item_title(self, item):
        return f"{item.page_name or item.object_repr}: {item.summary}"

    def item_description(self, item):
        return f"{item.summary} Reviewed by {item.reviewer.name}, {item.reviewer.qualification}."

    def item_link(self, item):
        return f"{reverse('nutrients:changes')}#change-{item.pk}"

    def item_pubdate(self, item):
        return item.reviewed_at

    def item_updateddate(self, item):
        return item.reviewed_at
