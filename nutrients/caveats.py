"""The caveats on a reader page, numbered once each, as plain functions.

A caveat (potassium-rich foods with kidney disease, vitamin K-rich foods with
warfarin) lives once in the content and shows wherever what it concerns is
suggested. A page lists its caveats once, numbered, in a "Take care" box; each
food, nutrient or suggestion they concern carries marks that link to them.
"""

from collections.abc import Iterable

from .models import Caveat


def number_caveats(pairs: Iterable[tuple[object, Iterable[Caveat]]]) -> list[Caveat]:
    """For each (holder, its caveats), give the holder caveat_refs: its caveats, numbered once per
    page in order of first mention (caveat.number). Returns the page's caveats in number order."""
    numbered: dict[int, Caveat] = {}
    for holder, caveats in pairs:
        refs = []
        for caveat in caveats:
            if caveat.pk not in numbered:
                caveat.number = len(numbered) + 1
                numbered[caveat.pk] = caveat
            refs.append(numbered[caveat.pk])
        holder.caveat_refs = refs
    return list(numbered.values())


def of_foods(rows: Iterable) -> list[tuple[object, Iterable[Caveat]]]:
    """(row, its food's caveats) for food rows (a FoodSource) or foods, their caveats prefetched."""
    return [(row, getattr(row, "food", row).caveats.all()) for row in rows]
