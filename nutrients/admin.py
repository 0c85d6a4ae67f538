"""The editors' admin: every content model with its history (who, when, what
changed), restore, recover deleted, and drafts previewed before publishing."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models as db_models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion import add_to_revision, create_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from governance import review
from governance.holding import HeldForReviewMixin

from . import editors, history, models


class PlainTextField(forms.CharField):
    """A text area's text with the line breaks browsers send (CRLF) stored as
    the fixture has them (LF), so a field saved untouched is not recorded as
    changed, and export_content writes no CRLF."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


PLAIN_TEXT = {db_models.TextField: {"form_class": PlainTextField}}


class ContentForm(forms.ModelForm):
    """A page's edit form that never silently overwrites a save made since it
    was opened: it carries the revision it opened (rendered by
    admin/nutrients/change_form.html), and when a newer one has been saved it
    shows who changed what and saves only when the editor saves again.
    Restoring an earlier version (django-reversion's own form, which does not
    carry it) is a deliberate overwrite and is not checked."""

    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            latest = history.latest_revision(self.instance)
            self.fields["opened_revision"].initial = latest.pk if latest else 0  # 0: none yet

    def clean(self):
        cleaned_data = super().clean()
        name = self.add_prefix("opened_revision")
        latest = history.latest_revision(self.instance) if self.instance.pk and name in self.data else None
        if latest is not None and latest.pk != cleaned_data.get("opened_revision"):
            self.data = self.data.copy()
            self.data[name] = latest.pk  # so saving again confirms
            raise forms.ValidationError(self.changed_since(latest))
        return cleaned_data

    def changed_since(self, latest) -> list[str]:
        who = (latest.user.get_full_name() or latest.user.get_username()) if latest.user else "someone"
        when = timezone.localtime(latest.date_created)
        opened = history.opened_revision(self.instance, self.cleaned_data.get("opened_revision"))
        changes = [
            f"{change.what}, {change.field}: was “{change.before}”, now “{change.after}”."
            if change.field
            else f"{change.what}: {change.after}."
            for change in history.revision_changes(older=opened, newer=latest)
        ]
        return [
            f"This {self._meta.model._meta.verbose_name} was changed by {who} at {when:%H:%M} on "
            f"{when.day} {when:%B %Y} since you opened it:",
            *changes,
            "Your changes are not saved yet. Save again to put yours in place of theirs, "
            "or reload the page to start again from theirs.",
        ]


class ContentAdmin(HeldForReviewMixin, VersionAdmin):
    """A content screen with history: django-reversion saves a version on every
    save (a page's version includes its inline link rows), lists deleted items
    to recover, and restores an earlier version; "What changed" diffs two.
    A change to medical meaning waits for a clinical reviewer (governance)."""

    history_latest_first = True
    object_history_template = "admin/nutrients/object_history.html"
    form = ContentForm
    formfield_overrides = PLAIN_TEXT

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        changes = path(
            "<path:object_id>/history/<int:revision_id>/changes/",
            self.admin_site.admin_view(self.changes_view),
            name="{}_{}_changes".format(*info),
        )
        return [changes, *super().get_urls()]

    def changes_view(self, request, object_id, revision_id):
        """What one saved version changed, compared with the version before it."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with that ID.")
        versions = Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")
        newer = get_object_or_404(versions, revision_id=revision_id)
        older = versions.filter(pk__lt=newer.pk).first()
        older_revision = older.revision if older else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": f"What changed in {obj}",
            "revision": newer.revision,
            "older": older_revision,
            "changes": history.revision_changes(older=older_revision, newer=newer.revision),
            "restore_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision",
                args=[quote(obj.pk), newer.pk],
            ),
        }
        return TemplateResponse(request, "admin/nutrients/changes.html", context)

    def save_first_version(self, obj):
        """Content loaded from the fixture has no saved version yet: save it as it
        is, before its first edit or deletion, so it can be restored or recovered."""
        if not Version.objects.get_for_object(obj).exists():
            with create_revision():
                add_to_revision(obj)
                set_comment(history.FIRST_VERSION)

    def delete_model(self, request, obj):
        self.save_first_version(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.save_first_version(obj)
        super().delete_queryset(request, queryset)


class ReviewAgeFilter(admin.SimpleListFilter):
    title = "last review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review over a year old"), ("never", "Never reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(reviewed_on__lt=editors.review_overdue_before(today=timezone.localdate()))
        if self.value() == "never":
            return queryset.filter(reviewed_on__isnull=True)
        return queryset


REVIEW_FIELDSET = ("Review", {"fields": ["status", "reviewed_on", "reviewer_name", "reviewer_role", "review_note"]})
REVIEW_FILTERS = ["status", ReviewAgeFilter]


class ReviewedAdmin(ContentAdmin):
    """A reader page (nutrient, symptom, food): published or draft, and reviewed."""

    actions = ["record_clinical_review"]

    @admin.action(description="Record a clinical review today (checked, nothing to change)", permissions=["review"])
    def record_clinical_review(self, request, queryset):
        count = review.record_review(queryset, user=request.user)
        self.message_user(request, f"Recorded your review of {count} page{pluralize(count)}.")

    def has_review_permission(self, request):
        return review.is_reviewer(request.user)

    def view_on_site(self, obj):
        # A draft is not on the site yet: "View on site" opens its preview instead.
        if obj.status == models.Status.DRAFT:
            return reverse(f"nutrients:preview_{self.opts.model_name}", args=[obj.slug])
        return obj.get_absolute_url()


class RowAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names a row's chosen item from the row itself (fetched
    with the rows by LinkInline.get_queryset), not with a query of its own: a
    nutrient's page has dozens of rows, each with one or two of these."""

    chosen = None  # the row's item, set by LinkForm

    def optgroups(self, name, value, attr=None):
        chosen = self.chosen
        if chosen is None or value != [str(chosen.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(chosen)
        options.append(self.create_option(name, chosen.pk, label, True, len(options)))
        return [(None, options, 0)]


class LinkForm(forms.ModelForm):
    """An inline row: its autocompletes show the items the row already holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = self.instance
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside admin's related-widget wrapper
            if isinstance(widget, RowAutocompleteSelect) and row._meta.get_field(name).is_cached(row):
                widget.chosen = getattr(row, name)


class IntakeReferenceForm(LinkForm):
    class Meta:
        model = models.IntakeReference
        fields = [
            "nutrient",
            "kind",
            "group",
            "amount",
            "amount_high",
            "unit",
            "supplements_only",
            "note",
            "verified",
            "source",
        ]
        error_messages = {"source": {"required": "Where does this number come from? Choose its source."}}


class LinkInline(admin.TabularInline):
    """Link rows on a page's edit screen, in a fixed number of queries however many
    rows there are: each row comes with what it links to, for its autocompletes and
    its heading (the row's name, from both ends of the link)."""

    extra = 0
    form = LinkForm
    formfield_overrides = PLAIN_TEXT

    def get_queryset(self, request):
        linked = [field.name for field in self.model._meta.concrete_fields if field.many_to_one]
        return super().get_queryset(request).select_related(*linked)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CitationInline(LinkInline):
    """A claim's sources: at least one, each with an optional locator."""

    autocomplete_fields = ["source"]
    min_num = 1
    validate_min = True
    verbose_name = "source cited"
    verbose_name_plural = "sources cited (at least one)"


class SymptomLinkCitationInline(CitationInline):
    model = models.SymptomLinkCitation


class RiskFactorLinkCitationInline(CitationInline):
    model = models.RiskFactorLinkCitation


class ReliefStrategyCitationInline(CitationInline):
    model = models.ReliefStrategyCitation


class MedicineNutrientCitationInline(CitationInline):
    model = models.MedicineNutrientCitation


class MedicineSymptomCitationInline(CitationInline):
    model = models.MedicineSymptomCitation


class WarningSignCitationInline(CitationInline):
    model = models.WarningSignCitation


class EvidenceCitationInline(CitationInline):
    model = models.EvidenceCitation
    verbose_name_plural = "sources for the supplement evidence (at least one)"


class CaveatCitationInline(CitationInline):
    model = models.CaveatCitation


class SymptomLinkInline(LinkInline):
    model = models.SymptomLink
    autocomplete_fields = ["symptom"]
    show_change_link = True


class FoodSourceInline(LinkInline):
    model = models.FoodSource
    autocomplete_fields = ["food", "source"]


class IntakeReferenceInline(LinkInline):
    model = models.IntakeReference
    form = IntakeReferenceForm
    autocomplete_fields = ["source"]


class RiskFactorLinkInline(LinkInline):
    model = models.RiskFactorLink
    autocomplete_fields = ["risk_factor"]
    show_change_link = True


class RelatedNutrientInline(LinkInline):
    model = models.RelatedNutrient
    fk_name = "nutrient"
    autocomplete_fields = ["related"]


class SymptomNutrientInline(LinkInline):
    model = models.SymptomLink
    autocomplete_fields = ["nutrient"]
    show_change_link = True


class FoodNutrientInline(LinkInline):
    model = models.FoodSource
    autocomplete_fields = ["nutrient", "source"]


class MedicineNutrientInline(LinkInline):
    model = models.MedicineNutrientLink
    autocomplete_fields = ["nutrient"]
    show_change_link = True


class MedicineSymptomInline(LinkInline):
    model = models.MedicineSymptomLink
    autocomplete_fields = ["symptom"]
    show_change_link = True


class NutrientMedicineInline(LinkInline):
    model = models.MedicineNutrientLink
    autocomplete_fields = ["medicine"]
    show_change_link = True


class SymptomMedicineInline(LinkInline):
    model = models.MedicineSymptomLink
    autocomplete_fields = ["medicine"]
    show_change_link = True


class ConditionNutrientInline(LinkInline):
    model = models.ConditionNutrientLink
    autocomplete_fields = ["nutrient", "source"]


@admin.register(models.Nutrient)
class NutrientAdmin(ReviewedAdmin):
    list_display = ["name", "kind", "family", "evidence_level", "status", "reviewed_on"]
    list_filter = [*REVIEW_FILTERS, "kind", "evidence_level", "family"]
    search_fields = ["name", "other_names", "search_words", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "family", "other_names", "search_words", "summary"]}),
        ("Legs", {"fields": ["leg_function", "key_role", "role_in_legs", "how_shortage_shows", "deficiency_name"]}),
        (
            "Supplements and safety",
            {
                "fields": [
                    "unit",
                    "iu_per_unit",
                    "supplement_notes",
                    "evidence_level",
                    "best_evidence",
                    "evidence_checked_on",
                    "evidence_note",
                    "who_might_benefit",
                    "blood_test",
                    "signs_of_too_much",
                    "interactions",
                ]
            },
        ),
        ("Sources", {"fields": ["sources"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [
        SymptomLinkInline,
        FoodSourceInline,
        IntakeReferenceInline,
        RiskFactorLinkInline,
        RelatedNutrientInline,
        NutrientMedicineInline,
        EvidenceCitationInline,
    ]


@admin.register(models.Symptom)
class SymptomAdmin(ReviewedAdmin):
    list_display = ["name", "category", "status", "reviewed_on"]
    list_filter = [*REVIEW_FILTERS, "category"]
    search_fields = ["name", "other_names", "search_words", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["relief_strategies", "warning_signs"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "other_names", "search_words", "description"]}),
        ("Related", {"fields": ["relief_strategies", "warning_signs"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [SymptomNutrientInline, SymptomMedicineInline]


@admin.register(models.Food)
class FoodAdmin(ReviewedAdmin):
    list_display = ["name", "category", "is_vegan", "is_vegetarian", "status", "reviewed_on"]
    list_filter = [*REVIEW_FILTERS, "category", "is_vegan", "is_vegetarian"]
    search_fields = ["name", "other_names", "search_words"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "category",
                    "other_names",
                    "search_words",
                    "description",
                    "is_vegan",
                    "is_vegetarian",
                ]
            },
        ),
        REVIEW_FIELDSET,
    ]
    inlines = [FoodNutrientInline]


@admin.register(models.Medicine)
class MedicineAdmin(ReviewedAdmin):
    list_display = ["name", "purpose", "status", "reviewed_on"]
    list_filter = REVIEW_FILTERS
    search_fields = ["name", "other_names", "search_words", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["warning_signs"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "other_names", "search_words", "purpose"]}),
        ("Related", {"fields": ["warning_signs", "role"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [MedicineNutrientInline, MedicineSymptomInline]


@admin.register(models.Condition)
class ConditionAdmin(ReviewedAdmin):
    list_display = ["name", "summary", "status", "reviewed_on"]
    list_filter = REVIEW_FILTERS
    search_fields = ["name", "other_names", "search_words", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["symptoms", "warning_signs", "medicines", "sources"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "other_names", "search_words", "summary", "description"]}),
        (
            "Telling it apart",
            {"fields": ["differs_from_shortage", "who_is_at_risk", "what_doctor_checks", "nutrients_not_involved"]},
        ),
        ("Related", {"fields": ["symptoms", "warning_signs", "medicines", "role"]}),
        ("Sources", {"fields": ["sources"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [ConditionNutrientInline]


@admin.register(models.RiskFactor)
class RiskFactorAdmin(ContentAdmin):
    list_display = ["name", "kind", "question", "role"]
    list_filter = ["kind", "role"]
    search_fields = ["name", "question", "description"]
    prepopulated_fields = {"slug": ["name"]}
    # A risk factor can apply to any number of nutrients, so its links are not
    # rows on its page (which would grow with the content, past what a form can
    # post): the page links to the list of them, which is paged and searchable.
    readonly_fields = ["nutrient_links"]

    def reversion_register(self, model, **options):
        # With no inline, say outright that a version includes the risk factor's
        # links, so recovering a deleted risk factor brings them back too.
        super().reversion_register(model, **{**options, "follow": (*options.get("follow", ()), "nutrient_links")})

    @admin.display(description="Nutrients")
    def nutrient_links(self, obj):
        if obj.pk is None:
            return "Save the risk factor first, then link nutrients to it."
        count = obj.nutrient_links.count()
        return format_html(
            'Linked to {} nutrient{}. <a href="{}?risk_factor__id__exact={}">See and edit the links</a> or '
            '<a href="{}?risk_factor={}">link another nutrient</a>.',
            count,
            pluralize(count),
            reverse("admin:nutrients_riskfactorlink_changelist"),
            obj.pk,
            reverse("admin:nutrients_riskfactorlink_add"),
            obj.pk,
        )


@admin.register(models.ReliefStrategy)
class ReliefStrategyAdmin(ContentAdmin):
    list_display = ["name", "rank", "summary"]
    list_editable = ["rank"]
    search_fields = ["name", "summary", "how_to"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ReliefStrategyCitationInline]


@admin.register(models.WarningSign)
class WarningSignAdmin(ContentAdmin):
    list_display = ["sign", "urgency", "question", "role"]
    list_filter = ["urgency", "role"]
    search_fields = ["sign", "question", "detail", "condition", "why_it_matters"]
    prepopulated_fields = {"slug": ["condition"]}
    inlines = [WarningSignCitationInline]
    autocomplete_fields = ["unsafe_relief"]


@admin.register(models.Caveat)
class CaveatAdmin(ContentAdmin):
    """A warning kept once and shown wherever its foods, nutrients, strategies or medicines appear."""

    list_display = ["applies_to", "text"]
    search_fields = ["applies_to", "text"]
    prepopulated_fields = {"slug": ["applies_to"]}
    autocomplete_fields = ["foods", "nutrients", "relief_strategies", "medicines"]
    inlines = [CaveatCitationInline]


@admin.register(models.Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publisher", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"slug": ["title"]}


# The link lists filter by nutrient through search, not a sidebar filter, which
# would list every nutrient on every page of the list.


@admin.register(models.SymptomLink)
class SymptomLinkAdmin(ContentAdmin):
    list_display = ["nutrient", "symptom", "strength", "why"]
    list_filter = ["strength"]
    search_fields = ["nutrient__name", "symptom__name", "why"]
    search_help_text = "Search by nutrient or symptom name, or by words in the why."
    autocomplete_fields = ["nutrient", "symptom"]
    list_select_related = ["nutrient", "symptom"]
    inlines = [SymptomLinkCitationInline]


@admin.register(models.FoodSource)
class FoodSourceAdmin(ContentAdmin):
    list_display = ["food", "preparation", "nutrient", "serving", "amount", "amount_high", "unit", "verified"]
    list_filter = ["verified", "unit"]
    search_fields = ["food__name", "nutrient__name", "preparation"]
    search_help_text = "Search by food or nutrient name, or by preparation."
    autocomplete_fields = ["nutrient", "food", "source"]
    list_select_related = ["nutrient", "food"]


class IntakeReferenceAdminForm(ContentForm, IntakeReferenceForm):
    pass


@admin.register(models.IntakeReference)
class IntakeReferenceAdmin(ContentAdmin):
    form = IntakeReferenceAdminForm
    list_display = ["nutrient", "kind", "group", "amount", "amount_high", "unit", "supplements_only", "verified"]
    list_filter = ["kind", "verified"]
    search_fields = ["nutrient__name", "group"]
    search_help_text = "Search by nutrient name or group."
    autocomplete_fields = ["nutrient", "source"]
    list_select_related = ["nutrient"]


@admin.register(models.RiskFactorLink)
class RiskFactorLinkAdmin(ContentAdmin):
    list_display = ["nutrient", "risk_factor", "effect", "sex", "why"]
    list_filter = ["effect", "sex", "risk_factor"]
    search_fields = ["nutrient__name", "risk_factor__name", "why"]
    search_help_text = "Search by nutrient or risk factor name, or by words in the why."
    autocomplete_fields = ["nutrient", "risk_factor"]
    list_select_related = ["nutrient", "risk_factor"]
    inlines = [RiskFactorLinkCitationInline]


@admin.register(models.MedicineNutrientLink)
class MedicineNutrientLinkAdmin(ContentAdmin):
    list_display = ["medicine", "effect", "nutrient", "strength", "why"]
    list_filter = ["effect", "strength"]
    search_fields = ["medicine__name", "nutrient__name", "why"]
    search_help_text = "Search by medicine or nutrient name, or by words in the why."
    autocomplete_fields = ["medicine", "nutrient"]
    inlines = [MedicineNutrientCitationInline]
    list_select_related = ["medicine", "nutrient"]


@admin.register(models.MedicineSymptomLink)
class MedicineSymptomLinkAdmin(ContentAdmin):
    list_display = ["medicine", "symptom", "strength", "why"]
    list_filter = ["strength"]
    search_fields = ["medicine__name", "symptom__name", "why"]
    search_help_text = "Search by medicine or symptom name, or by words in the why."
    autocomplete_fields = ["medicine", "symptom"]
    inlines = [MedicineSymptomCitationInline]
    list_select_related = ["medicine", "symptom"]


@admin.register(models.ConditionNutrientLink)
class ConditionNutrientLinkAdmin(ContentAdmin):
    list_display = ["condition", "nutrient", "why"]
    search_fields = ["condition__name", "nutrient__name", "why"]
    search_help_text = "Search by condition or nutrient name, or by words in the why."
    autocomplete_fields = ["condition", "nutrient", "source"]
    list_select_related = ["condition", "nutrient"]


@admin.register(models.RelatedNutrient)
class RelatedNutrientAdmin(ContentAdmin):
    list_display = ["nutrient", "related", "why"]
    search_fields = ["nutrient__name", "related__name", "why"]
    autocomplete_fields = ["nutrient", "related"]
    list_select_related = ["nutrient", "related"]


class CitationAdmin(ContentAdmin):
    """Every citation of one kind, searchable by the source or the claim it supports."""

    list_display = ["claim", "source", "locator"]
    search_fields = ["source__title", "source__publisher", "locator"]
    autocomplete_fields = ["source"]
    list_select_related = ["source"]
    raw_id_fields = ["claim"]


for citation_model in (
    models.SymptomLinkCitation,
    models.RiskFactorLinkCitation,
    models.ReliefStrategyCitation,
    models.MedicineNutrientCitation,
    models.MedicineSymptomCitation,
    models.WarningSignCitation,
    models.EvidenceCitation,
    models.CaveatCitation,
):
    admin.site.register(citation_model, CitationAdmin)


@admin.register(models.Synonym)
class SynonymAdmin(ContentAdmin):
    """Words readers use interchangeably; search finds what any of them finds."""

    list_display = ["words", "note"]
    search_fields = ["words", "note"]
