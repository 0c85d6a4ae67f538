from django.contrib import admin

from . import models


class NutrientInline(admin.TabularInline):
    extra = 0
    autocomplete_fields = ["nutrient"]


class SymptomLinkInline(admin.TabularInline):
    model = models.SymptomLink
    extra = 0
    autocomplete_fields = ["symptom"]


class FoodSourceInline(admin.TabularInline):
    model = models.FoodSource
    extra = 0
    autocomplete_fields = ["food", "source"]


class RiskFactorLinkInline(admin.TabularInline):
    model = models.RiskFactorLink
    extra = 0
    autocomplete_fields = ["risk_factor"]


class IntakeReferenceInline(admin.TabularInline):
    model = models.IntakeReference
    extra = 0
    autocomplete_fields = ["source"]


class RelatedNutrientInline(admin.TabularInline):
    model = models.RelatedNutrient
    fk_name = "nutrient"
    extra = 0
    autocomplete_fields = ["related"]


REVIEW_FIELDSET = ("Review", {"fields": ["status", "reviewed_on", "reviewer_name", "reviewer_role", "review_note"]})


@admin.register(models.Nutrient)
class NutrientAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "family", "evidence_level", "status", "reviewed_on"]
    list_filter = ["status", "kind", "evidence_level", "family"]
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
class SymptomAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "status", "reviewed_on"]
    list_filter = ["status", "category"]
    search_fields = ["name", "other_names", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["relief_strategies", "warning_signs"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "other_names", "description"]}),
        ("Related", {"fields": ["relief_strategies", "warning_signs"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [type("SymptomNutrientInline", (NutrientInline,), {"model": models.SymptomLink})]


@admin.register(models.Food)
class FoodAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "is_vegan", "is_vegetarian", "status"]
    list_filter = ["status", "category", "is_vegan", "is_vegetarian"]
    search_fields = ["name", "other_names"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "other_names", "description", "is_vegan", "is_vegetarian"]}),
        REVIEW_FIELDSET,
    ]
    inlines = [type("FoodNutrientInline", (NutrientInline,), {"model": models.FoodSource, "autocomplete_fields": ["nutrient", "source"]})]


@admin.register(models.RiskFactor)
class RiskFactorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "question"]
    list_filter = ["kind"]
    search_fields = ["name", "question", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [type("RiskFactorNutrientInline", (NutrientInline,), {"model": models.RiskFactorLink})]


@admin.register(models.ReliefStrategy)
class ReliefStrategyAdmin(admin.ModelAdmin):
    list_display = ["name", "summary"]
    search_fields = ["name", "summary", "how_to"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]


@admin.register(models.WarningSign)
class WarningSignAdmin(admin.ModelAdmin):
    list_display = ["sign", "urgency", "condition", "is_condition_to_rule_out"]
    list_filter = ["urgency", "is_condition_to_rule_out"]
    search_fields = ["sign", "condition", "why_it_matters"]
    prepopulated_fields = {"slug": ["condition"]}
    autocomplete_fields = ["source"]


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.SymptomLink)
class SymptomLinkAdmin(admin.ModelAdmin):
    list_display = ["nutrient", "symptom", "strength", "why"]
    list_filter = ["strength", "nutrient"]
    search_fields = ["nutrient__name", "symptom__name", "why"]
    autocomplete_fields = ["nutrient", "symptom"]
    list_select_related = ["nutrient", "symptom"]


@admin.register(models.FoodSource)
class FoodSourceAdmin(admin.ModelAdmin):
    list_display = ["food", "preparation", "nutrient", "serving", "amount", "amount_high", "unit", "verified"]
    list_filter = ["nutrient", "verified", "unit"]
    search_fields = ["food__name", "nutrient__name", "preparation"]
    autocomplete_fields = ["nutrient", "food", "source"]
    list_select_related = ["nutrient", "food"]


@admin.register(models.IntakeReference)
class IntakeReferenceAdmin(admin.ModelAdmin):
    list_display = ["nutrient", "kind", "group", "amount", "amount_high", "unit", "supplements_only", "verified"]
    list_filter = ["kind", "nutrient", "verified"]
    search_fields = ["nutrient__name", "group"]
    autocomplete_fields = ["nutrient", "source"]
    list_select_related = ["nutrient"]


@admin.register(models.RiskFactorLink)
class RiskFactorLinkAdmin(admin.ModelAdmin):
    list_display = ["nutrient", "risk_factor", "why"]
    list_filter = ["nutrient", "risk_factor"]
    search_fields = ["nutrient__name", "risk_factor__name", "why"]
    autocomplete_fields = ["nutrient", "risk_factor"]
    list_select_related = ["nutrient", "risk_factor"]


@admin.register(models.RelatedNutrient)
class RelatedNutrientAdmin(admin.ModelAdmin):
    list_display = ["nutrient", "related", "why"]
    search_fields = ["nutrient__name", "related__name", "why"]
    autocomplete_fields = ["nutrient", "related"]
    list_select_related = ["nutrient", "related"]
