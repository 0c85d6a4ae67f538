"""The editors' admin: every content model with its history (who, when, what
changed), restore, recover deleted, and drafts previewed before publishing."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion import add_to_revision, create_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import editors, history, models

admin.site.site_header = "Legwell editors"
admin.site.site_title = "Legwell editors"
admin.site.index_title = "Content"


class ContentAdmin(VersionAdmin):
    """A content screen with history: django-reversion saves a version on every
    save (a page's version includes its inline link rows), lists deleted items
    to recover, and restores an earlier version; "What changed" diffs two."""

    history_latest_first = True
    object_history_template = "admin/nutrients/object_history.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        changes = path(
            "<path:object_id>/history/<int:revision_id>/changes/",
            self.admin_site.admin_view(self.changes_view),
            name="%s_%s_changes" % info,
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
                set_comment("As it was before its first change in admin.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and (obj := self.get_object(request, unquote(object_id))):
            self.save_first_version(obj)
        return super().change_view(request, object_id, form_url, extra_context)

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

    def view_on_site(self, obj):
        # A draft is not on the site yet: "View on site" opens its preview instead.
        if obj.status == models.Status.DRAFT:
            return reverse(f"nutrients:preview_{self.opts.model_name}", args=[obj.slug])
        return obj.get_absolute_url()


class IntakeReferenceForm(forms.ModelForm):
    class Meta:
        model = models.IntakeReference
        fields = "__all__"
        error_messages = {"source": {"required": "Where does this number come from? Choose its source."}}


class LinkInline(admin.TabularInline):
    extra = 0


class SymptomLinkInline(LinkInline):
    model = models.SymptomLink
    autocomplete_fields = ["symptom"]


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


class RelatedNutrientInline(LinkInline):
    model = models.RelatedNutrient
    fk_name = "nutrient"
    autocomplete_fields = ["related"]


class SymptomNutrientInline(LinkInline):
    model = models.SymptomLink
    autocomplete_fields = ["nutrient"]


class FoodNutrientInline(LinkInline):
    model = models.FoodSource
    autocomplete_fields = ["nutrient", "source"]


class RiskFactorNutrientInline(LinkInline):
    model = models.RiskFactorLink
    autocomplete_fields = ["nutrient"]


@admin.register(models.Nutrient)
class NutrientAdmin(ReviewedAdmin):
    list_display = ["name", "kind", "family", "evidence_level", "status", "reviewed_on"]
    list_filter = [*REVIEW_FILTERS, "kind", "evidence_level", "family"]
    search_fields = ["name", "other_names", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "family", "other_names", "summary"]}),
        ("Legs", {"fields": ["leg_function", "key_role", "role_in_legs", "how_shortage_shows", "deficiency_name"]}),
        ("Supplements and safety", {"fields": [
            "unit", "iu_per_unit", "supplement_notes", "evidence_level", "evidence_note",
            "who_might_benefit", "blood_test", "signs_of_too_much", "interactions",
        ]}),
        ("Sources", {"fields": ["sources"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [SymptomLinkInline, FoodSourceInline, IntakeReferenceInline, RiskFactorLinkInline, RelatedNutrientInline]


@admin.register(models.Symptom)
class SymptomAdmin(ReviewedAdmin):
    list_display = ["name", "category", "status", "reviewed_on"]
    list_filter = [*REVIEW_FILTERS, "category"]
    search_fields = ["name", "other_names", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["relief_strategies", "warning_signs"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "other_names", "description"]}),
        ("Related", {"fields": ["relief_strategies", "warning_signs"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [SymptomNutrientInline]


@admin.register(models.Food)
class FoodAdmin(ReviewedAdmin):
    list_display = ["name", "category", "is_vegan", "is_vegetarian", "status", "reviewed_on"]
    list_filter = [*REVIEW_FILTERS, "category", "is_vegan", "is_vegetarian"]
    search_fields = ["name", "other_names"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "other_names", "description", "is_vegan", "is_vegetarian"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [FoodNutrientInline]


@admin.register(models.RiskFactor)
class RiskFactorAdmin(ContentAdmin):
    list_display = ["name", "kind", "question"]
    list_filter = ["kind"]
    search_fields = ["name", "question", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RiskFactorNutrientInline]


@admin.register(models.ReliefStrategy)
class ReliefStrategyAdmin(ContentAdmin):
    list_display = ["name", "summary"]
    search_fields = ["name", "summary", "how_to"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]


@admin.register(models.WarningSign)
class WarningSignAdmin(ContentAdmin):
    list_display = ["sign", "urgency", "condition", "is_condition_to_rule_out"]
    list_filter = ["urgency", "is_condition_to_rule_out"]
    search_fields = ["sign", "condition", "why_it_matters"]
    prepopulated_fields = {"slug": ["condition"]}
    autocomplete_fields = ["source"]


@admin.register(models.Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publisher", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.SymptomLink)
class SymptomLinkAdmin(ContentAdmin):
    list_display = ["nutrient", "symptom", "strength", "why"]
    list_filter = ["strength", "nutrient"]
    search_fields = ["nutrient__name", "symptom__name", "why"]
    autocomplete_fields = ["nutrient", "symptom"]
    list_select_related = ["nutrient", "symptom"]


@admin.register(models.FoodSource)
class FoodSourceAdmin(ContentAdmin):
    list_display = ["food", "preparation", "nutrient", "serving", "amount", "amount_high", "unit", "verified"]
    list_filter = ["nutrient", "verified", "unit"]
    search_fields = ["food__name", "nutrient__name", "preparation"]
    autocomplete_fields = ["nutrient", "food", "source"]
    list_select_related = ["nutrient", "food"]


@admin.register(models.IntakeReference)
class IntakeReferenceAdmin(ContentAdmin):
    form = IntakeReferenceForm
    list_display = ["nutrient", "kind", "group", "amount", "amount_high", "unit", "supplements_only", "verified"]
    list_filter = ["kind", "nutrient", "verified"]
    search_fields = ["nutrient__name", "group"]
    autocomplete_fields = ["nutrient", "source"]
    list_select_related = ["nutrient"]


@admin.register(models.RiskFactorLink)
class RiskFactorLinkAdmin(ContentAdmin):
    list_display = ["nutrient", "risk_factor", "why"]
    list_filter = ["nutrient", "risk_factor"]
    search_fields = ["nutrient__name", "risk_factor__name", "why"]
    autocomplete_fields = ["nutrient", "risk_factor"]
    list_select_related = ["nutrient", "risk_factor"]


@admin.register(models.RelatedNutrient)
class RelatedNutrientAdmin(ContentAdmin):
    list_display = ["nutrient", "related", "why"]
    search_fields = ["nutrient__name", "related__name", "why"]
    autocomplete_fields = ["nutrient", "related"]
    list_select_related = ["nutrient", "related"]
