"""Numbered citations for a reader page, as plain functions.

Each claim on a page (a link row, a warning sign, a relief strategy, a
nutrient's supplement evidence) carries its sources. The page numbers every
source once, in the order the claims first cite it, so a claim shows [1] [3]
beside it and the page's source list holds 1, 2, 3... with an anchor each.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import CITED_CLAIMS, Source


@dataclass
class PageSource:
    number: int
    source: Source
    locators: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Ref:
    number: int
    locator: str


def citations_of(claim) -> list[tuple[Source, str]]:
    """(source, locator) for a claim: its citations (prefetched), or the single
    source of a link that has one field for it."""
    attribute = CITED_CLAIMS.get(type(claim))
    if attribute:
        return [(citation.source, citation.locator) for citation in getattr(claim, attribute).all()]
    source = getattr(claim, "source", None)
    return [(source, "")] if source else []


def number_sources(claims: Iterable, *, also: Iterable[Source] = ()) -> list[PageSource]:
    """Give each claim its refs (claim.refs) and return the page's numbered source list:
    the cited sources in order of first citation, then `also` (the page's other sources)."""
    numbered: dict[int, PageSource] = {}

    def number(source: Source) -> PageSource:
        if source.pk not in numbered:
            numbered[source.pk] = PageSource(number=len(numbered) + 1, source=source)
        return numbered[source.pk]

    for claim in claims:
        claim.refs = []
        for source, locator in citations_of(claim):
            page_source = number(source)
            if locator and locator not in page_source.locators:
                page_source.locators.append(locator)
            claim.refs.append(Ref(number=page_source.number, locator=locator))
    for source in also:
        number(source)
    return list(numbered.values())
