"""Small factories for rows the frozen test content (tests/fixtures/content.json) does not hold,
so each test states the data it needs."""

from nutrients.models import Caveat, CaveatCitation, Source


def caveat(*, slug="test-caveat", applies_to="If you take a test medicine", text="Ask your doctor first.", **links):
    """A caveat citing the first source, linked to the foods, nutrients, relief_strategies or medicines given."""
    row = Caveat.objects.create(slug=slug, applies_to=applies_to, text=text)
    CaveatCitation.objects.create(claim=row, source=Source.objects.first())
    for field, rows in links.items():
        getattr(row, field).set(rows)
    return row
