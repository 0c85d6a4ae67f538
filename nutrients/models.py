"""Legwell's content: nutrients, symptoms, foods and the links between them.

Every model has a natural key (a slug, or the slugs of what a link joins)
backed by a unique constraint, so fixtures load and export by meaning rather
than by database id. Nothing here points to a user account: a reviewer is a
name and a role, kept as text.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from . import units
from .editors import REVIEW_INTERVAL

NOT_NEGATIVE = [MinValueValidator(Decimal(0))]

# Help text that several fields share.
SLUG_HELP = "The last part of the page's address, made from the name. Changing it breaks links to the page."
NAME_HELP = "The name readers see, as on the page's heading."
UNIT_HELP = "The unit the nutrient uses (IU only where the nutrient has an IU conversion)."
NOTE_HELP = "Anything a reader should know about this number."
SEARCH_WORDS_HELP = (
    "Comma-separated words that should find this page but are not other names for it, so the page never "
    "shows them: related words ('anaemia' for iron), misspellings, words for a group ('plant milk'). "
    "Words that mean the same for every page (numb, numbness) belong in Synonyms instead."
)


def search_words_field():
    """Words that find a page in search and are never shown on it (unlike other names)."""
    return models.CharField("search-only words", max_length=300, blank=True, default="", help_text=SEARCH_WORDS_HELP)


def role_field(roles, help_text):
    """The role of a row the site's code relies on: blank for most rows (see one_per_role)."""
    return models.CharField(max_length=20, choices=roles, blank=True, default=roles.NONE, help_text=help_text)


def one_per_role(name):
    """At most one row has each role; name is the model's, as editors read it."""
    return models.UniqueConstraint(
        fields=["role"],
        condition=~Q(role=""),
        name=f"one_{name.replace(' ', '_')}_per_role",
        violation_error_message=f"Another {name} already has this role.",
    )


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugKeyed(models.Model):
    """A model whose natural key is its slug (each model declares its own slug field)."""

    objects = SlugManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class PublishedManager(SlugManager.from_queryset(PublishedQuerySet)):
    pass


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


class Unit(models.TextChoices):
    MG = "mg", "mg"
    MCG = "mcg", "mcg"
    MCG_DFE = "mcg DFE", "mcg DFE"
    IU = "IU", "IU"


class Source(SlugKeyed):
    """A publication that supports a fact on the site."""

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    title = models.CharField(max_length=200, help_text="The title as the publication gives it.")
    publisher = models.CharField(
        max_length=120, help_text="Who published it, for example 'NIH Office of Dietary Supplements'."
    )
    url = models.URLField("address", max_length=300, unique=True, help_text="Where readers can read it.")

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class Reviewed(SlugKeyed):
    """A reader's page: its publication status and review record, its name in
    lists and its address (each model declares its name field and URL_NAME)."""

    # Fields whose change alters medical meaning: an edit to one waits for a clinical reviewer.
    MEDICAL_FIELDS: frozenset[str] = frozenset({"status"})
    # The URL pattern of the page, which takes the slug.
    URL_NAME: str

    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text="Drafts are hidden from readers until published.",
    )
    reviewed_on = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        help_text="When someone last checked this page against its sources. A published page needs one.",
    )
    reviewer_name = models.CharField(max_length=100, blank=True, help_text="Who last reviewed this page.")
    reviewer_role = models.CharField(
        max_length=100, blank=True, help_text="Their role, for example 'Registered dietitian'."
    )
    review_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="A short public note of what changed in the last review.",
    )

    objects = PublishedManager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(self.URL_NAME, args=[self.slug])

    @property
    def next_review_on(self):
        """When the page is due for its next review."""
        return self.reviewed_on + REVIEW_INTERVAL if self.reviewed_on else None

    def clean(self):
        if self.status == Status.PUBLISHED and not self.reviewed_on:
            raise ValidationError({"reviewed_on": "A published page needs the date it was last reviewed."})
        if self.reviewed_on and not (self.reviewer_name and self.reviewer_role):
            raise ValidationError({"reviewer_name": "Say who reviewed it (a name and a role)."})


class Nutrient(Reviewed):
    URL_NAME = "nutrients:nutrient"
    MEDICAL_FIELDS = frozenset(
        {
            "status",
            "unit",
            "iu_per_unit",
            "supplement_notes",
            "evidence_level",
            "evidence_note",
            "best_evidence",
            "evidence_checked_on",
            "blood_test",
            "signs_of_too_much",
            "interactions",
        }
    )

    class Kind(models.TextChoices):
        VITAMIN = "vitamin", "Vitamin"
        MINERAL = "mineral", "Mineral"

    class Evidence(models.TextChoices):
        """What trials show for supplements in people without a proven shortage (the About page's rubric)."""

        HELPS = "helps", "Shown to help"
        MIXED = "mixed", "Mixed"
        NO_HELP = "no-help", "Shown not to help"
        NOT_STUDIED = "unstudied", "Not studied"

    name = models.CharField(max_length=60, unique=True, help_text=NAME_HELP)
    slug = models.SlugField(max_length=60, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(max_length=10, choices=Kind, help_text="Vitamin or mineral.")
    other_names = models.CharField(
        max_length=200,
        blank=True,
        help_text="Comma-separated other names, shown on the page as 'Also called', for example 'cobalamin, B12'.",
    )
    search_words = search_words_field()
    family = models.CharField(max_length=60, blank=True, help_text="A family it belongs to, for example 'B vitamins'.")
    summary = models.CharField(max_length=200, help_text="One line shown in lists and the comparison table.")
    leg_function = models.CharField(
        "what it does for legs",
        max_length=200,
        help_text="Short, for the comparison table: 'Muscle relaxation and nerve signals'.",
    )
    key_role = models.CharField(max_length=200, help_text="Its key role in one sentence.")
    role_in_legs = models.TextField(
        "how it works in the legs",
        help_text="Plain text for the nutrient page: a blank line starts a new paragraph.",
    )
    how_shortage_shows = models.TextField(
        "how a shortage causes symptoms",
        help_text="From the shortage to the leg symptoms. A blank line starts a new paragraph.",
    )
    deficiency_name = models.CharField(
        max_length=100, blank=True, help_text="The medical name, for example 'hypokalemia'."
    )
    unit = models.CharField(max_length=10, choices=Unit, help_text="The unit its intakes and food amounts use.")
    iu_per_unit = models.DecimalField(
        "IU per unit",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text="Only where food labels use IU: for vitamin D, 1 mcg is 40 IU.",
    )
    supplement_notes = models.TextField(blank=True, help_text="Forms (glycinate, citrate), topical use, B-complex.")
    evidence_level = models.CharField(
        "supplement evidence",
        max_length=10,
        choices=Evidence,
        help_text=(
            "What trials show for supplements in people without a proven shortage, by the rubric on the About "
            "page: the same basis for every nutrient (treating a proven shortage works for all of them)."
        ),
    )
    evidence_note = models.CharField(max_length=300, help_text="What the evidence says, in a sentence.")
    # Blank is allowed so an older copy of the content still loads; the content tests require both.
    best_evidence = models.CharField(
        max_length=120,
        blank=True,
        help_text=(
            "The best evidence behind the grade, as readers see it beside it: 'Cochrane review, 2020, 11 trials', "
            "'one randomised trial, 2024', or 'no trial found'. Cite it under the evidence's sources."
        ),
    )
    evidence_checked_on = models.DateField(
        "evidence last checked",
        null=True,
        blank=True,
        help_text="When an editor last searched for trials and checked the grade against them.",
    )
    who_might_benefit = models.CharField(max_length=300, help_text="Short, for the comparison table.")
    blood_test = models.CharField(
        max_length=200,
        blank=True,
        help_text="The test a doctor may use. Leave empty where no source names one.",
    )
    signs_of_too_much = models.TextField(
        blank=True, help_text="From the NIH fact sheet. Leave empty where no source says."
    )
    interactions = models.TextField(
        "medicine interactions",
        blank=True,
        help_text="Those that matter, from the NIH fact sheet. Leave empty where none do.",
    )
    sources = models.ManyToManyField(
        Source, related_name="nutrients", help_text="Every publication the page's facts come from."
    )

    def clean(self):
        super().clean()
        if self.iu_per_unit and self.unit != Unit.MCG:
            raise ValidationError({"iu_per_unit": "IU conversion applies only to a nutrient measured in mcg."})


class Symptom(Reviewed):
    URL_NAME = "nutrients:symptom"
    MEDICAL_FIELDS = frozenset({"status", "warning_signs"})

    class Category(models.TextChoices):
        MUSCLE = "muscle", "Muscle"
        NERVE = "nerve", "Nerve"
        BONE = "bone", "Bone"
        ENERGY = "energy", "Energy and circulation"

    name = models.CharField(max_length=80, unique=True, help_text=NAME_HELP)
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    category = models.CharField(max_length=10, choices=Category, help_text="The group the symptom list shows it under.")
    other_names = models.CharField(
        max_length=200, blank=True, help_text="Comma-separated, for example 'pins and needles'."
    )
    search_words = search_words_field()
    description = models.TextField(help_text="What it feels like, in plain words.")
    relief_strategies = models.ManyToManyField(
        "ReliefStrategy",
        blank=True,
        related_name="symptoms",
        help_text="What may help, listed on the symptom page.",
    )
    warning_signs = models.ManyToManyField(
        "WarningSign",
        blank=True,
        related_name="symptoms",
        help_text="Shown in a boxed callout on the symptom page.",
    )


class Food(Reviewed):
    URL_NAME = "nutrients:food"

    class Category(models.TextChoices):
        VEGETABLES = "vegetables", "Vegetables"
        FRUIT = "fruit", "Fruit"
        LEGUMES = "legumes", "Beans, lentils and soy"
        NUTS_SEEDS = "nuts-seeds", "Nuts and seeds"
        GRAINS = "grains", "Grains"
        DAIRY = "dairy", "Milk and dairy"
        EGGS = "eggs", "Eggs"
        FISH = "fish", "Fish and seafood"
        MEAT = "meat", "Meat and poultry"
        FORTIFIED = "fortified", "Fortified foods"

    name = models.CharField(
        max_length=80, unique=True, help_text="One per real food: 'Spinach', not 'Spinach, cooked'."
    )
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    category = models.CharField(max_length=12, choices=Category, help_text="The group the food list shows it under.")
    other_names = models.CharField(
        max_length=200, blank=True, help_text="Comma-separated, for example 'garbanzo beans'."
    )
    search_words = search_words_field()
    description = models.CharField(max_length=300, blank=True, help_text="An optional line shown under the name.")
    is_vegan = models.BooleanField(
        "vegan", default=False, help_text="No animal product at all. A vegan food is also vegetarian."
    )
    is_vegetarian = models.BooleanField("vegetarian", default=False, help_text="No meat or fish.")

    class Meta(Reviewed.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(is_vegan=False) | Q(is_vegetarian=True),
                name="food_vegan_is_vegetarian",
                violation_error_message="A vegan food is also vegetarian.",
            ),
        ]


class RiskFactor(SlugKeyed):
    """A circumstance that makes a shortage more likely (who might benefit)."""

    class Kind(models.TextChoices):
        DIET = "diet", "Diet"
        AGE = "age", "Age"
        LIFE = "life", "Life stage and lifestyle"
        HEALTH = "health", "Health condition"
        MEDICINE = "medicine", "Medicine (the questionnaire asks about medicines from the medicine list instead)"
        SUPPLEMENT = "supplement", "Supplement (the questionnaire asks which supplements are already taken instead)"

    class Role(models.TextChoices):
        """What the questionnaire's rules rely on a risk factor for. Code finds it by its role, never by its slug."""

        NONE = "", "None"
        VEGAN = "vegan", "A vegan diet (the questionnaire shows vegan foods)"
        VEGETARIAN = "vegetarian", "A vegetarian diet (the questionnaire shows vegetarian foods)"
        PREGNANCY = "pregnancy", "Pregnancy (asked only of women under 51)"
        HEAVY_PERIODS = "heavy-periods", "Heavy periods (offered only to women)"
        DIABETES = "diabetes", "Diabetes (diabetic neuropathy comes before a shortage)"
        VITAMIN_B6 = "vitamin-b6", "Vitamin B6 supplements (asked with the supplements already taken)"
        ZINC = "zinc", "Zinc supplements (asked with the supplements already taken)"

    name = models.CharField(max_length=80, unique=True, help_text=NAME_HELP)
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(max_length=10, choices=Kind, help_text="Groups the questionnaire's questions.")
    question = models.CharField(
        max_length=150,
        help_text="How the questionnaire asks it, for example 'I get little sun'.",
    )
    description = models.CharField(max_length=300, help_text="Why it makes a shortage more likely, in a sentence.")
    role = role_field(Role, "Only for a risk factor the questionnaire's rules rely on. At most one has each role.")

    class Meta:
        ordering = ["kind", "name"]
        constraints = [one_per_role("risk factor")]

    def __str__(self):
        return self.name


class ReliefStrategy(SlugKeyed):
    MEDICAL_FIELDS = frozenset({"caution"})

    name = models.CharField(max_length=80, unique=True, help_text=NAME_HELP)
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    rank = models.PositiveSmallIntegerField(
        "order",
        default=100,
        help_text="Where it comes in lists: 1 is what to try first (stretching for a cramp). Lower comes first.",
    )
    summary = models.CharField(max_length=200, help_text="One line shown in lists.")
    how_to = models.TextField(help_text="How to do it, in plain steps. A blank line starts a new paragraph.")
    caution = models.CharField(
        max_length=300, blank=True, help_text="When to take care or not do it. Leave empty where none."
    )

    class Meta:
        ordering = ["rank", "name"]
        verbose_name_plural = "relief strategies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("nutrients:relief") + f"#{self.slug}"


class WarningSign(SlugKeyed):
    """A sign that needs a doctor rather than a diet change.

    `sign` is one short sentence with its main feature first, so the
    questionnaire can ask it as a single yes-or-no; `detail` holds the rest.
    """

    MEDICAL_FIELDS = frozenset(
        {
            "sign",
            "detail",
            "condition",
            "why_it_matters",
            "what_to_do",
            "urgency",
            "role",
            "question",
            "follow_up",
            "unsafe_relief",
        }
    )

    class Urgency(models.TextChoices):
        EMERGENCY = "emergency", "Emergency: call your local emergency number"
        TODAY = "today", "See a doctor today"
        SOON = "soon", "See a doctor soon"

    class Role(models.TextChoices):
        """What the code relies on a sign for. Code finds a sign by its role, never by its slug."""

        NONE = "", "None"
        B6_TOO_MUCH = "b6-too-much", "Nerve damage from vitamin B6 supplements (the questionnaire's likelier cause)"

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    sign = models.CharField(
        max_length=300,
        help_text="One short sentence a worried person would recognise, its main feature first.",
    )
    detail = models.TextField(
        blank=True, help_text="The other features, below the sign. Leave empty where the sign says it all."
    )
    condition = models.CharField(
        max_length=100, blank=True, help_text="What it may point to, for example 'a blood clot'."
    )
    why_it_matters = models.CharField(max_length=300, help_text="Why it needs a doctor, in a sentence.")
    what_to_do = models.CharField(max_length=300, help_text="Say 'your local emergency number', not one country's.")
    urgency = models.CharField(max_length=10, choices=Urgency, help_text="How soon to get help.")
    role = role_field(Role, "Only for a sign the site's code relies on. At most one sign has each role.")
    question = models.CharField(
        max_length=150,
        blank=True,
        help_text=(
            "How the questionnaire asks about it: a short yes-or-no question with one main feature, for example "
            "'Is one leg suddenly swollen, warm and painful?'. Needed for emergency and same-day signs."
        ),
    )
    follow_up = models.CharField(
        max_length=150,
        blank=True,
        help_text=(
            "Only where a medicine changes what to say: one yes-or-no question the questionnaire asks after a yes "
            "to this sign, about the medicines that list it, for example 'Do you take a statin?'. A yes counts as "
            "taking them."
        ),
    )
    unsafe_relief = models.ManyToManyField(
        ReliefStrategy,
        blank=True,
        related_name="unsafe_with",
        help_text="Self-care that could harm someone with this sign: the questionnaire never offers it with the sign.",
    )

    class Meta:
        ordering = ["slug"]
        constraints = [one_per_role("warning sign")]

    def __str__(self):
        return self.sign

    def clean(self):
        super().clean()
        if self.urgency in (self.Urgency.EMERGENCY, self.Urgency.TODAY) and not self.question.strip():
            raise ValidationError({"question": "Write the question the questionnaire asks for an urgent sign."})
        if self.follow_up.strip() and not self.question.strip():
            raise ValidationError({"follow_up": "Only a sign the questionnaire asks about can have a follow-up."})


# The order of urgency, most urgent first: pages list signs and show their tiers in this order.
URGENCY_ORDER = [WarningSign.Urgency.EMERGENCY, WarningSign.Urgency.TODAY, WarningSign.Urgency.SOON]


def by_urgency(signs):
    """Warning signs, emergency first, then today, then soon."""
    return sorted(signs, key=lambda sign: (URGENCY_ORDER.index(sign.urgency), sign.slug))


class Medicine(Reviewed):
    """A medicine or a class of medicines that can lower, raise or interact with a
    nutrient, or cause a leg symptom by itself."""

    URL_NAME = "nutrients:medicine"

    class Role(models.TextChoices):
        """What the questionnaire's rules rely on a medicine for. Code finds it by its role, never by its slug."""

        NONE = "", "None"
        STATIN = "statin", "Statins (muscle symptoms come before a shortage)"
        NITROUS_OXIDE = "nitrous-oxide", "Nitrous oxide (nerve symptoms need urgent B12 treatment)"

    MEDICAL_FIELDS = frozenset({"status", "warning_signs"})

    name = models.CharField(
        max_length=80, unique=True, help_text="The everyday or generic name, for example 'Statins'."
    )
    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    other_names = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated: generic names in the class, everyday names, brand names if useful.",
    )
    search_words = search_words_field()
    purpose = models.CharField(max_length=200, help_text="What it is for, in one line.")
    warning_signs = models.ManyToManyField(
        WarningSign,
        blank=True,
        related_name="medicines",
        help_text="Warning signs that concern people who take it.",
    )
    role = role_field(Role, "Only for a medicine the questionnaire's rules rely on. At most one has each role.")

    class Meta(Reviewed.Meta):
        constraints = [one_per_role("medicine")]


class Condition(Reviewed):
    """A condition to rule out: it can cause leg symptoms that look like a nutrient shortage."""

    URL_NAME = "nutrients:condition"

    class Role(models.TextChoices):
        """Which likelier cause the questionnaire shows it as. Code finds it by its role, never by its slug."""

        NONE = "", "None"
        STATIN_MUSCLE = "statin-muscle", "Muscle symptoms on a statin"
        DIABETIC_NEUROPATHY = "diabetic-neuropathy", "Numb or burning feet with diabetes"
        SCIATICA = "sciatica", "Pain running down one leg from the back"
        ARTERY_DISEASE = "artery-disease", "Pain on walking that eases with rest"

    MEDICAL_FIELDS = frozenset(
        {
            "status",
            "differs_from_shortage",
            "what_doctor_checks",
            "nutrients_not_involved",
            "symptoms",
            "warning_signs",
            "medicines",
        }
    )

    name = models.CharField(max_length=100, unique=True, help_text=NAME_HELP)
    slug = models.SlugField(max_length=100, unique=True, help_text=SLUG_HELP)
    other_names = models.CharField(max_length=200, blank=True, help_text="Comma-separated, for example 'DVT'.")
    search_words = search_words_field()
    summary = models.CharField(max_length=200, help_text="One line shown in lists.")
    description = models.TextField(help_text="What it is, in plain words. A blank line starts a new paragraph.")
    differs_from_shortage = models.TextField(
        "how it differs from a nutrient shortage", help_text="What tells the two apart, in plain words."
    )
    who_is_at_risk = models.TextField(help_text="Who is more likely to get it.")
    what_doctor_checks = models.TextField(
        "what a doctor will check", help_text="The questions, examination and tests a doctor may use."
    )
    nutrients_not_involved = models.TextField(
        blank=True,
        help_text="Which nutrients it is not about, or that no shortage causes it. Leave empty where no source says.",
    )
    symptoms = models.ManyToManyField(
        Symptom, blank=True, related_name="conditions", help_text="Leg symptoms it can cause."
    )
    warning_signs = models.ManyToManyField(
        WarningSign, blank=True, related_name="conditions", help_text="Its warning signs, shown by urgency."
    )
    medicines = models.ManyToManyField(
        Medicine, blank=True, related_name="conditions", help_text="Medicines that can cause it or make it more likely."
    )
    sources = models.ManyToManyField(
        Source, related_name="conditions", help_text="Every publication the page's facts come from."
    )
    role = role_field(
        Role, "Only for a condition the questionnaire puts first when the answers point to it. One per role."
    )

    class Meta(Reviewed.Meta):
        constraints = [one_per_role("condition")]


class Caveat(SlugKeyed):
    """A warning for the readers a suggestion can harm (potassium-rich foods with kidney disease,
    vitamin K-rich foods with warfarin), kept here once: every page that makes the suggestion shows it."""

    MEDICAL_FIELDS = frozenset({"applies_to", "text", "foods", "nutrients", "relief_strategies", "medicines"})

    slug = models.SlugField(max_length=80, unique=True, help_text=SLUG_HELP)
    applies_to = models.CharField(
        "who it is for",
        max_length=150,
        help_text="A short heading naming who must take care, for example 'If you take warfarin'.",
    )
    text = models.CharField(
        max_length=500,
        help_text="What they should do instead, in plain words. Say 'your local emergency number', not one country's.",
    )
    foods = models.ManyToManyField(
        Food,
        blank=True,
        related_name="caveats",
        help_text="Foods it concerns: shown on the food's page and wherever the food is listed.",
    )
    nutrients = models.ManyToManyField(
        Nutrient,
        blank=True,
        related_name="caveats",
        help_text="Nutrients whose supplements it concerns: shown on the nutrient's page and wherever it is suggested.",
    )
    relief_strategies = models.ManyToManyField(
        ReliefStrategy, blank=True, related_name="caveats", help_text="Relief strategies it concerns."
    )
    medicines = models.ManyToManyField(
        Medicine,
        blank=True,
        related_name="caveats",
        help_text="Medicines whose users it concerns: shown on the medicine's page.",
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.applies_to


# Link models. Each one's natural key is made of the slugs it joins (and
# whatever else tells two links apart), listed as lookups in NATURAL_KEY.


class LinkManager(models.Manager):
    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.NATURAL_KEY, key, strict=True)))


class Link(models.Model):
    # The reader page a row shows on (a field name), and its medical fields (see Reviewed).
    PAGE_FIELD = ""
    MEDICAL_FIELDS: frozenset[str] = frozenset()

    NATURAL_KEY: tuple[str, ...] = ()

    objects = LinkManager()

    class Meta:
        abstract = True

    def natural_key(self):
        key = []
        for lookup in self.NATURAL_KEY:
            value = self
            for attribute in lookup.split("__"):
                value = getattr(value, attribute)
            key.append(value)
        return tuple(key)


def check_range(low, high):
    if high is not None and low is not None and high <= low:
        raise ValidationError({"amount_high": "The top of a range must be more than its bottom."})


def check_unit(link):
    """Refuse an amount in a unit the linked nutrient does not use."""
    if link.nutrient_id and link.unit and link.unit not in units.compatible_units(link.nutrient):
        allowed = " or ".join(units.compatible_units(link.nutrient))
        raise ValidationError({"unit": f"{link.nutrient} is measured in {allowed}, not {link.unit}."})


class SymptomLink(Link):
    """How strongly a nutrient's shortage is tied to a symptom (rubric on the About page)."""

    PAGE_FIELD = "nutrient"
    MEDICAL_FIELDS = frozenset({"nutrient", "symptom", "strength"})

    class Strength(models.IntegerChoices):
        STRONG = 3, "Strong"
        MODERATE = 2, "Moderate"
        POSSIBLE = 1, "Possible"

    NATURAL_KEY = ("nutrient__slug", "symptom__slug")
    nutrient = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="symptom_links",
        help_text="The nutrient whose shortage can cause it.",
    )
    symptom = models.ForeignKey(
        Symptom,
        on_delete=models.CASCADE,
        related_name="nutrient_links",
        help_text="The symptom a shortage can cause.",
    )
    strength = models.PositiveSmallIntegerField(choices=Strength, help_text="By the rubric on the About page.")
    why = models.CharField(max_length=250, help_text="One line: why a shortage can cause this symptom.")

    class Meta:
        ordering = ["-strength", "nutrient__name"]
        constraints = [
            models.UniqueConstraint(fields=["nutrient", "symptom"], name="unique_symptom_link"),
            models.CheckConstraint(condition=Q(strength__in=[1, 2, 3]), name="symptom_link_strength_valid"),
        ]

    def __str__(self):
        return f"{self.nutrient} – {self.symptom}"


# What an amount needs besides the number, and how to ask for it.
AMOUNT_NEEDS = {
    "serving": "Say which serving this amount is for, for example '125 mL (1/2 cup)'.",
    "unit": "Choose the unit this amount is in.",
    "source_id": "Where does this number come from? Choose its source, or leave the amount empty.",
}


class FoodSource(Link):
    """A food that provides a nutrient and, where a source gives one, how much a serving holds.

    A food the articles name without an amount (thiamine in whole grains) has
    no amount, serving, unit or source: the page says no amount is recorded.
    """

    PAGE_FIELD = "nutrient"
    MEDICAL_FIELDS = frozenset(
        {
            "nutrient",
            "food",
            "serving",
            "amount",
            "amount_high",
            "unit",
            "printed_percent_dv",
            "source",
            "verified",
            "note",
        }
    )

    NATURAL_KEY = ("nutrient__slug", "food__slug", "preparation")
    nutrient = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="food_sources",
        help_text="The nutrient the food provides.",
    )
    food = models.ForeignKey(
        Food,
        on_delete=models.CASCADE,
        related_name="nutrient_amounts",
        help_text="The food; say how it is prepared under Preparation.",
    )
    preparation = models.CharField(max_length=80, blank=True, help_text="For example 'cooked' or 'dry roasted'.")
    serving = models.CharField(max_length=80, blank=True, help_text="For example '125 mL (1/2 cup)'.")
    amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text="Leave empty where no source gives an amount: never estimate one.",
    )
    amount_high = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text="Only for a range: the top of it.",
    )
    unit = models.CharField(max_length=10, choices=Unit, blank=True, help_text=UNIT_HELP)
    printed_percent_dv = models.PositiveSmallIntegerField(
        "% DV as printed",
        null=True,
        blank=True,
        help_text="Only where the source printed it; otherwise it is calculated.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="food_amounts",
        help_text="Where the amount comes from. Required with an amount.",
    )
    verified = models.BooleanField(
        default=True, help_text="Untick where the source is uncertain: the site shows a caveat."
    )
    note = models.CharField(max_length=300, blank=True, help_text=NOTE_HELP)

    class Meta:
        ordering = ["nutrient__name", "-amount"]
        constraints = [
            models.UniqueConstraint(fields=["nutrient", "food", "preparation"], name="unique_food_source"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="food_source_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True, amount_high__isnull=True, printed_percent_dv__isnull=True)
                | (Q(amount__isnull=False, source__isnull=False) & ~Q(unit="") & ~Q(serving="")),
                name="food_source_amount_has_unit_serving_source",
            ),
            models.CheckConstraint(
                condition=Q(amount_high__isnull=True) | Q(amount_high__gt=models.F("amount")),
                name="food_source_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.food}{f', {self.preparation}' if self.preparation else ''}: {self.nutrient}"

    def clean(self):
        if self.amount is None:
            if self.amount_high is not None or self.printed_percent_dv is not None:
                raise ValidationError({"amount": "Give the amount, or leave the range and % DV empty too."})
            return
        missing = {
            field.removesuffix("_id"): message for field, message in AMOUNT_NEEDS.items() if not getattr(self, field)
        }
        if missing:
            raise ValidationError(missing)
        check_range(self.amount, self.amount_high)
        check_unit(self)


class RiskFactorLink(Link):
    class Effect(models.TextChoices):
        RAISES = "raises", "Makes a shortage more likely"
        CAUTION = "caution", "A caution: never suggest the nutrient, show why instead"

    class Sex(models.TextChoices):
        ANYONE = "", "Anyone"
        FEMALE = "female", "Women only"
        MALE = "male", "Men only"

    PAGE_FIELD = "nutrient"
    MEDICAL_FIELDS = frozenset({"nutrient", "risk_factor", "why", "effect", "sex"})

    NATURAL_KEY = ("nutrient__slug", "risk_factor__slug")
    nutrient = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="risk_links",
        help_text="The nutrient a shortage of is more likely.",
    )
    risk_factor = models.ForeignKey(
        RiskFactor,
        on_delete=models.CASCADE,
        related_name="nutrient_links",
        help_text="The circumstance, for example a vegan diet.",
    )
    why = models.CharField(max_length=250, help_text="One line: why it makes a shortage more likely.")
    effect = models.CharField(
        max_length=10,
        choices=Effect,
        default=Effect.RAISES,
        help_text="Whether it makes a shortage more likely, or means the nutrient must not be suggested.",
    )
    sex = models.CharField(
        max_length=10,
        choices=Sex,
        blank=True,
        default=Sex.ANYONE,
        help_text="Whom the why fits: the questionnaire leaves it out for anyone else.",
    )

    class Meta:
        ordering = ["nutrient__name", "risk_factor__name"]
        constraints = [models.UniqueConstraint(fields=["nutrient", "risk_factor"], name="unique_risk_factor_link")]

    def __str__(self):
        return f"{self.nutrient} – {self.risk_factor}"


class RelatedNutrient(Link):
    """One nutrient that works with another (vitamin D helps calcium absorption)."""

    PAGE_FIELD = "nutrient"

    NATURAL_KEY = ("nutrient__slug", "related__slug")
    nutrient = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="related_links",
        help_text="The nutrient whose page lists the other.",
    )
    related = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The nutrient it works with.",
    )
    why = models.CharField(
        max_length=250, help_text="One line: how they work together, for example 'helps absorb calcium'."
    )

    class Meta:
        ordering = ["nutrient__name", "related__name"]
        constraints = [
            models.UniqueConstraint(fields=["nutrient", "related"], name="unique_related_nutrient"),
            models.CheckConstraint(condition=~Q(nutrient=models.F("related")), name="related_nutrient_not_self"),
        ]

    def __str__(self):
        return f"{self.nutrient} – {self.related}"

    def clean(self):
        if self.nutrient_id and self.nutrient_id == self.related_id:
            raise ValidationError({"related": "A nutrient cannot be related to itself."})


class IntakeReference(Link):
    """A reference intake: adult RDA or AI for a group, upper limit, or label Daily Value."""

    PAGE_FIELD = "nutrient"
    MEDICAL_FIELDS = frozenset(
        {"nutrient", "kind", "group", "amount", "amount_high", "unit", "supplements_only", "note", "verified", "source"}
    )

    class Kind(models.TextChoices):
        RDA = "RDA", "Recommended Dietary Allowance"
        AI = "AI", "Adequate Intake"
        UL = "UL", "Tolerable upper intake level"
        DV = "DV", "Daily Value on food labels"

    nutrient = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="intakes",
        help_text="The nutrient this reference is for.",
    )
    kind = models.CharField(max_length=3, choices=Kind, help_text="Which kind of reference the source gives.")
    group = models.CharField(max_length=80, help_text="For example 'Women 19-50' or 'Adults and children 4+'.")
    amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=NOT_NEGATIVE,
        help_text="The amount a day, as the source gives it.",
    )
    amount_high = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text="Only where the source gives a range.",
    )
    unit = models.CharField(max_length=10, choices=Unit, help_text=UNIT_HELP)
    supplements_only = models.BooleanField(
        "applies to supplements only",
        default=False,
        help_text="Tick for an upper limit that covers supplements and fortified foods, not food.",
    )
    note = models.CharField(max_length=300, blank=True, help_text=NOTE_HELP)
    verified = models.BooleanField(
        default=True, help_text="Untick where the source is uncertain: the site shows a caveat."
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="intakes",
        help_text="Where the number comes from.",
    )

    NATURAL_KEY = ("nutrient__slug", "kind", "group")

    class Meta:
        ordering = ["nutrient__name", "kind", "group"]
        constraints = [
            models.UniqueConstraint(fields=["nutrient", "kind", "group"], name="unique_intake_reference"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="intake_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(amount_high__isnull=True) | Q(amount_high__gt=models.F("amount")),
                name="intake_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(supplements_only=False) | Q(kind="UL"), name="intake_supplements_only_is_ul"
            ),
        ]

    def __str__(self):
        return f"{self.nutrient} {self.kind}, {self.group}"

    def clean(self):
        check_range(self.amount, self.amount_high)
        check_unit(self)
        if self.supplements_only and self.kind != self.Kind.UL:
            raise ValidationError({"supplements_only": "Only an upper limit can apply to supplements only."})
        if self.supplements_only and not self.note.strip():
            # Pages show this note beside the amount: what it counts differs (medicines count for magnesium).
            raise ValidationError({"note": "Say what this limit counts: readers see it beside the amount."})


class LinkStrength(models.IntegerChoices):
    STRONG = 3, "Strong"
    MODERATE = 2, "Moderate"
    POSSIBLE = 1, "Possible"


class MedicineNutrientLink(Link):
    """A medicine that lowers, raises or interacts with a nutrient. The nutrient's page
    shows the same row: the text lives here only."""

    PAGE_FIELD = "medicine"
    MEDICAL_FIELDS = frozenset({"medicine", "nutrient", "effect", "why", "strength"})

    class Effect(models.TextChoices):
        LOWERS = "lowers", "Lowers"
        RAISES = "raises", "Raises"
        INTERACTS = "interacts", "Interacts with"

    NATURAL_KEY = ("medicine__slug", "nutrient__slug")
    medicine = models.ForeignKey(
        Medicine, on_delete=models.CASCADE, related_name="nutrient_links", help_text="The medicine."
    )
    nutrient = models.ForeignKey(
        Nutrient, on_delete=models.CASCADE, related_name="medicine_links", help_text="The nutrient it affects."
    )
    effect = models.CharField(
        max_length=10,
        choices=Effect,
        help_text="Lowers or raises the nutrient in the body, or interacts with it (for example, taken too close).",
    )
    why = models.CharField(max_length=250, help_text="One line: how, and what to do about it.")
    strength = models.PositiveSmallIntegerField(
        choices=LinkStrength, help_text="How well established it is, as the source puts it."
    )

    class Meta:
        ordering = ["medicine__name", "nutrient__name"]
        constraints = [
            models.UniqueConstraint(fields=["medicine", "nutrient"], name="unique_medicine_nutrient_link"),
            models.CheckConstraint(condition=Q(strength__in=[1, 2, 3]), name="medicine_nutrient_strength_valid"),
            models.CheckConstraint(
                condition=Q(effect__in=["lowers", "raises", "interacts"]), name="medicine_nutrient_effect_valid"
            ),
        ]

    def __str__(self):
        return f"{self.medicine} – {self.nutrient}"


class MedicineSymptomLink(Link):
    """A leg symptom a medicine can cause by itself: "this may be your medicine, not a shortage"."""

    PAGE_FIELD = "medicine"
    MEDICAL_FIELDS = frozenset({"medicine", "symptom", "why", "strength"})

    NATURAL_KEY = ("medicine__slug", "symptom__slug")
    medicine = models.ForeignKey(
        Medicine, on_delete=models.CASCADE, related_name="symptom_links", help_text="The medicine."
    )
    symptom = models.ForeignKey(
        Symptom, on_delete=models.CASCADE, related_name="medicine_links", help_text="The symptom it can cause."
    )
    why = models.CharField(max_length=250, help_text="One line: how often, and what it feels like.")
    strength = models.PositiveSmallIntegerField(
        choices=LinkStrength, help_text="How well established it is, as the source puts it."
    )

    class Meta:
        ordering = ["medicine__name", "symptom__name"]
        constraints = [
            models.UniqueConstraint(fields=["medicine", "symptom"], name="unique_medicine_symptom_link"),
            models.CheckConstraint(condition=Q(strength__in=[1, 2, 3]), name="medicine_symptom_strength_valid"),
        ]

    def __str__(self):
        return f"{self.medicine} – {self.symptom}"


class ConditionNutrientLink(Link):
    """A nutrient involved in a condition to rule out (thiamine in Wernicke encephalopathy)."""

    PAGE_FIELD = "condition"
    MEDICAL_FIELDS = frozenset({"condition", "nutrient", "source"})

    NATURAL_KEY = ("condition__slug", "nutrient__slug")
    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="nutrient_links", help_text="The condition."
    )
    nutrient = models.ForeignKey(
        Nutrient, on_delete=models.CASCADE, related_name="condition_links", help_text="The nutrient involved."
    )
    why = models.CharField(max_length=250, help_text="One line: how the nutrient is involved.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="condition_nutrient_links", help_text="Where this comes from."
    )

    class Meta:
        ordering = ["condition__name", "nutrient__name"]
        constraints = [models.UniqueConstraint(fields=["condition", "nutrient"], name="unique_condition_nutrient_link")]

    def __str__(self):
        return f"{self.condition} – {self.nutrient}"


# Citations: every claim (a symptom or risk-factor link, a relief strategy, a
# medicine link, a warning sign, a nutrient's supplement evidence, a caveat)
# cites one or more sources, each with an optional locator. Reader pages number them.

LOCATOR_HELP = "Optional: where in the source, for example 'Table 2' or 'section: Deficiency'."


class Citation(Link):
    MEDICAL_FIELDS = frozenset({"source", "locator"})

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+", help_text="The publication cited.")
    locator = models.CharField(max_length=120, blank=True, help_text=LOCATOR_HELP)

    class Meta:
        abstract = True
        ordering = ["pk"]
        # A claim cites each source once; "%(class)s" names the constraint after each model.
        constraints = [models.UniqueConstraint(fields=["claim", "source"], name="unique_%(class)s")]

    def __str__(self):
        return f"{self.source}{f' ({self.locator})' if self.locator else ''}"


class SymptomLinkCitation(Citation):
    NATURAL_KEY = ("claim__nutrient__slug", "claim__symptom__slug", "source__slug")
    claim = models.ForeignKey(
        SymptomLink, on_delete=models.CASCADE, related_name="citations", help_text="The link this source supports."
    )


class RiskFactorLinkCitation(Citation):
    NATURAL_KEY = ("claim__nutrient__slug", "claim__risk_factor__slug", "source__slug")
    claim = models.ForeignKey(
        RiskFactorLink, on_delete=models.CASCADE, related_name="citations", help_text="The link this source supports."
    )


class ReliefStrategyCitation(Citation):
    NATURAL_KEY = ("claim__slug", "source__slug")
    claim = models.ForeignKey(
        ReliefStrategy,
        on_delete=models.CASCADE,
        related_name="citations",
        help_text="The strategy (and its caution) this source supports.",
    )


class MedicineNutrientCitation(Citation):
    NATURAL_KEY = ("claim__medicine__slug", "claim__nutrient__slug", "source__slug")
    claim = models.ForeignKey(
        MedicineNutrientLink,
        on_delete=models.CASCADE,
        related_name="citations",
        help_text="The link this source supports.",
    )


class MedicineSymptomCitation(Citation):
    NATURAL_KEY = ("claim__medicine__slug", "claim__symptom__slug", "source__slug")
    claim = models.ForeignKey(
        MedicineSymptomLink,
        on_delete=models.CASCADE,
        related_name="citations",
        help_text="The link this source supports.",
    )


class WarningSignCitation(Citation):
    NATURAL_KEY = ("claim__slug", "source__slug")
    claim = models.ForeignKey(
        WarningSign, on_delete=models.CASCADE, related_name="citations", help_text="The sign this source supports."
    )


class EvidenceCitation(Citation):
    """A source for a nutrient's supplement evidence: its grade and note."""

    PAGE_FIELD = "claim"

    NATURAL_KEY = ("claim__slug", "source__slug")
    claim = models.ForeignKey(
        Nutrient,
        on_delete=models.CASCADE,
        related_name="evidence_citations",
        help_text="The nutrient whose supplement evidence this source supports.",
    )


class CaveatCitation(Citation):
    NATURAL_KEY = ("claim__slug", "source__slug")
    claim = models.ForeignKey(
        Caveat, on_delete=models.CASCADE, related_name="citations", help_text="The caveat this source supports."
    )


# Every model whose rows are claims, and the name of their citations: a claim without one is refused by the tests.
CITED_CLAIMS = {
    SymptomLink: "citations",
    RiskFactorLink: "citations",
    ReliefStrategy: "citations",
    MedicineNutrientLink: "citations",
    MedicineSymptomLink: "citations",
    WarningSign: "citations",
    Nutrient: "evidence_citations",
    Caveat: "citations",
}


class SynonymManager(models.Manager):
    def get_by_natural_key(self, words):
        return self.get(words=words)


class Synonym(models.Model):
    """Words and phrases that mean the same to a reader, for every page: a search for
    any of them finds what any other finds ("numb, numbness"; "DVT, blood clot,
    deep vein thrombosis"). Editors keep them; search reads them on every query."""

    words = models.CharField(
        max_length=300,
        unique=True,
        help_text="Comma-separated words or phrases that mean the same, for example 'water pills, diuretics'.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why they go together, for other editors.")

    objects = SynonymManager()

    class Meta:
        ordering = ["words"]

    def __str__(self):
        return self.words

    def natural_key(self):
        return (self.words,)

    def clean(self):
        if len(self.terms()) < 2:
            raise ValidationError({"words": "Give at least two words or phrases, separated by commas."})

    def terms(self) -> list[str]:
        return [term.strip() for term in self.words.split(",") if term.strip()]
