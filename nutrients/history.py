"""What changed between two saved versions of a page, field by field.

A revision of a nutrient, symptom or food holds the page and its link rows
(django-reversion follows them), so comparing two revisions also shows link
rows added, removed or changed. Values are plain text; the template escapes them.
"""

from dataclasses import dataclass

from django.db import models
from reversion.models import Revision, Version

EMPTY = "(empty)"
# The comment on the copy of a page taken just before its first edit in admin.
FIRST_VERSION = "As it was before its first change in admin."
# What readers saw, saved just before a change that may be held for clinical review (governance).
SNAPSHOT = "As published before this change."


@dataclass(frozen=True)
class Change:
    what: str  # the row, as its name reads ("Magnesium", "Spinach, cooked: Magnesium")
    field: str  # the field's label; empty for a row added or removed whole
    before: str
    after: str
    medical: bool = False  # a change to medical meaning (the model's MEDICAL_FIELDS): needs a clinical reviewer
    row: tuple[int, str] | None = None  # the changed row: its content type's id and its primary key


def revision_changes(*, older: Revision | None, newer: Revision | None) -> list[Change]:
    """Every difference from the older revision (None: nothing before) to the newer (None: nothing after)."""
    before = versions_by_object(older)
    after = versions_by_object(newer)
    changes = []
    for key, version in after.items():
        if key not in before:
            medical = is_medical_model(version._model)
            changes.append(Change(version.object_repr, "", "", "added", medical=medical, row=key))
        else:
            changes.extend(field_changes(before[key], version))
    changes.extend(
        Change(version.object_repr, "", "", "removed", medical=is_medical_model(version._model), row=key)
        for key, version in before.items()
        if key not in after
    )
    return changes


def versions_by_object(revision: Revision | None) -> dict[tuple[int, str], Version]:
    if revision is None:
        return {}
    versions = revision.version_set.select_related("content_type").order_by("pk")
    return {(version.content_type_id, version.object_id): version for version in versions}


def field_changes(older: Version, newer: Version) -> list[Change]:
    model = newer._model
    fields = {field.attname: field for field in [*model._meta.concrete_fields, *model._meta.many_to_many]}
    medical = getattr(model, "MEDICAL_FIELDS", frozenset())
    changes = []
    for name, field in fields.items():
        old, new = comparable(field, older.field_dict.get(name)), comparable(field, newer.field_dict.get(name))
        if old != new:
            label, before, after = str(field.verbose_name), as_text(field, old), as_text(field, new)
            row = (newer.content_type_id, newer.object_id)
            changes.append(Change(newer.object_repr, label, before, after, medical=field.name in medical, row=row))
    return changes


def is_medical_model(model) -> bool:
    """A row of this model (a link with a number or a strength, a warning sign) means something medical."""
    return bool(getattr(model, "MEDICAL_FIELDS", frozenset()) - {"status"})


def comparable(field: models.Field, value):
    # The order in which a many-to-many field's ids were stored means nothing.
    return sorted(value, key=str) if field.many_to_many and value else value


def as_text(field: models.Field, value) -> str:
    """A stored value as an editor would read it: choice labels, names of linked rows."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    if field.is_relation:
        ids = value if field.many_to_many else [value]
        names = sorted(str(row) for row in field.related_model._base_manager.filter(pk__in=ids))
        return ", ".join(names) or f"a deleted {field.related_model._meta.verbose_name}"
    return str(value)


def latest_revision(obj) -> Revision | None:
    """The last revision saved with obj in it, leaving out the copies taken just
    before an edit (which changed nothing)."""
    versions = Version.objects.get_for_object(obj).exclude(revision__comment__in=[FIRST_VERSION, SNAPSHOT])
    version = versions.select_related("revision__user").order_by("-pk").first()
    return version.revision if version else None


def opened_revision(obj, revision_id: int | None) -> Revision | None:
    """The page as an editor opened it: that revision, or, when it had none
    yet, the copy taken before its first edit."""
    versions = Version.objects.get_for_object(obj).select_related("revision")
    version = versions.filter(revision_id=revision_id).first() if revision_id else versions.order_by("pk").first()
    return version.revision if version else None
