"""Small factories for the data a code test needs that the frozen test content lacks."""

from nutrients.models import (
    Nutrient,
    RiskFactor,
    RiskFactorLink,
    RiskFactorLinkCitation,
    Source,
    WarningSign,
)


def questionnaire_rows() -> None:
    """The rows the questionnaire's rules rely on that the frozen test content predates: the
    follow-up "Do you take a statin?" after dark urine with muscle pain, the B6 sign by its
    role, and zinc taken, which raises copper (with a source)."""
    WarningSign.objects.filter(slug="rhabdomyolysis").update(follow_up="Do you take a statin?")
    WarningSign.objects.filter(slug="vitamin-b6-too-much").update(role=WarningSign.Role.B6_TOO_MUCH)
    zinc = RiskFactor.objects.create(
        slug="zinc-supplements",
        name="Zinc supplements",
        kind=RiskFactor.Kind.SUPPLEMENT,
        role=RiskFactor.Role.ZINC,
        question="I take zinc",
        description="Zinc gets in the way of absorbing copper.",
    )
    link = RiskFactorLink.objects.create(
        nutrient=Nutrient.objects.get(slug="copper"),
        risk_factor=zinc,
        why="High intakes of zinc interfere with copper absorption.",
    )
    RiskFactorLinkCitation.objects.create(claim=link, source=Source.objects.get(slug="ods-copper-professional"))
