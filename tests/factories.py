"""Small factories for rows the frozen test content (tests/fixtures/content.json) does not hold,
so each test states the data it needs."""

from nutrients.models import (
    Caveat,
    CaveatCitation,
    Nutrient,
    RiskFactor,
    RiskFactorLink,
    RiskFactorLinkCitation,
    Source,
    Status,
    WarningSign,
)


def caveat(*, slug="test-caveat", applies_to="If you take a test medicine", text="Ask your doctor first.", **links):
    """A caveat citing the first source, linked to the foods, nutrients, relief_strategies or medicines given."""
    row = Caveat.objects.create(slug=slug, applies_to=applies_to, text=text)
    CaveatCitation.objects.create(claim=row, source=Source.objects.first())
    for field, rows in links.items():
        getattr(row, field).set(rows)
    return row


def questionnaire_rows() -> None:
    """The rows the questionnaire's rules rely on that the frozen test content predates: the
    follow-up "Do you take a statin?" after dark urine with muscle pain, the B6 sign by its
    role, and the supplements already taken that count (with sources): zinc raises copper,
    and B6 taken is a caution against suggesting more."""
    WarningSign.objects.filter(slug="rhabdomyolysis").update(follow_up="Do you take a statin?")
    WarningSign.objects.filter(slug="vitamin-b6-too-much").update(role=WarningSign.Role.B6_TOO_MUCH)
    supplement(
        "Zinc supplements",
        role=RiskFactor.Role.ZINC,
        nutrient="copper",
        why="High intakes of zinc interfere with copper absorption.",
        source="ods-copper-professional",
    )
    supplement(
        "Vitamin B6 supplements",
        role=RiskFactor.Role.VITAMIN_B6,
        nutrient="vitamin-b6",
        why="You already take it: ask a doctor before taking more.",
        source="hsa-vitamin-b6-neuropathy",
        effect=RiskFactorLink.Effect.CAUTION,
    )


def supplement(
    name: str, *, role: str, nutrient: str, why: str, source: str, effect=RiskFactorLink.Effect.RAISES
) -> RiskFactorLink:
    """A supplement already taken, as the risk factor of its role, linked to a nutrient with a source."""
    kind = RiskFactor.Kind.SUPPLEMENT
    factor = RiskFactor.objects.create(slug=role, name=name, kind=kind, role=role, question=name, description=name)
    link = RiskFactorLink.objects.create(nutrient=nutrient_page(nutrient), risk_factor=factor, why=why, effect=effect)
    RiskFactorLinkCitation.objects.create(claim=link, source=Source.objects.get(slug=source))
    return link


def nutrient_page(slug: str) -> Nutrient:
    """The nutrient with this slug; vitamin B6, which the small test content leaves out,
    as a published page with its name and no more."""
    names = {"vitamin-b6": "Vitamin B6"}
    defaults = {"name": names.get(slug, slug), "kind": Nutrient.Kind.VITAMIN, "status": Status.PUBLISHED}
    return Nutrient.objects.get_or_create(slug=slug, defaults=defaults)[0]
