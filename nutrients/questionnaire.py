"""The questionnaire's rules: its questions and their wording, the order of its
pages and which ones a visitor skips, how urgent the answers are, and which
likelier cause comes before any nutrient.

Plain functions with keyword arguments, testable without HTTP. Answers arrive
as a mapping of question name to the values chosen (the form checks them
first); rows arrive already loaded. Code finds the rows it relies on by their
role, never by an editable slug.

The order of the pages:

    emergency -> today -> followup -> urgent -> symptoms -> legs -> onset -> walking
    -> sex -> age -> pregnancy -> diet -> medicines -> conditions -> supplements
    -> circumstances -> check -> result

"today" is skipped after an emergency sign (the emergency number comes first);
"followup" is asked only after a sign that has one (dark urine with muscle pain:
"Do you take a statin?"); "urgent" shows only after a warning sign; without a symptom there is nothing to
rank, so every question after "symptoms" is skipped; "walking" is asked only
with a muscle or tiredness symptom; "pregnancy" only of a woman under 51 (or
who would rather not give her age).
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.text import capfirst

from .models import URGENCY_ORDER, Condition, Medicine, ReliefStrategy, RiskFactor, Source, Symptom, WarningSign

NONE = "none"
NOT_SURE = "not-sure"
RATHER_NOT = "rather-not-say"
# Answers that are not a choice: "none of these", "not sure", "I'd rather not say".
NO_CHOICE = (NONE, NOT_SURE, RATHER_NOT)

SIGN_QUESTIONS = ("emergency", "today")
FOLLOW_UP = "followup"
QUESTIONS = (
    *SIGN_QUESTIONS,
    FOLLOW_UP,
    "symptoms",
    "legs",
    "onset",
    "walking",
    "sex",
    "age",
    "pregnancy",
    "diet",
    "medicines",
    "conditions",
    "supplements",
    "circumstances",
)
PAGES = (*SIGN_QUESTIONS, FOLLOW_UP, "urgent", *QUESTIONS[3:], "check", "result")
URGENCY_OF = {"emergency": WarningSign.Urgency.EMERGENCY, "today": WarningSign.Urgency.TODAY}

Answers = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Question:
    heading: str
    summary: str  # its row on the check-your-answers page
    hint: str
    choose: str  # what the errors ask for: "Select {choose}"
    none_label: str = "None of these"
    multiple: bool = True
    extra: tuple[tuple[str, str], ...] = ()  # fixed answers besides the content's rows, (value, label)
    none_value: str = NONE
    also: tuple[tuple[str, str], ...] = ()  # a second answer that is not a choice: "I'm not sure"

    @property
    def no_choice(self) -> list[tuple[str, str]]:
        """The answers that are not a choice, (value, label): "None of these", then "I'm not sure" or similar."""
        return [(self.none_value, self.none_label), *self.also]

    @property
    def required(self) -> str:
        return f"Select {self.choose}, or select '{self.none_label}'"

    @property
    def exclusive(self) -> str:
        return f"Select {self.choose}, or '{self.none_label}', but not both"


RATHER_NOT_LABEL = "I'd rather not say"

QUESTION = {
    "emergency": Question(
        heading="Do any of these apply to you right now?",
        summary="Emergency warning signs",
        hint="Select each one where the answer is yes. They need help straight away, not a change of diet.",
        choose="each one that applies",
        none_label="No, none of these",
    ),
    "today": Question(
        heading="Do any of these apply to you today?",
        summary="Same-day warning signs",
        hint="Select each one where the answer is yes. They need a doctor today.",
        choose="each one that applies",
        none_label="No, none of these",
    ),
    # The heading is the follow-up question of the sign that needs it, such as "Do you take a statin?".
    FOLLOW_UP: Question(
        heading="Do you take this medicine?",
        summary="Medicine",
        hint="It changes what to tell the doctor about the warning sign you chose.",
        choose="yes or no",
        none_label="I'm not sure",
        none_value=NOT_SURE,
        multiple=False,
        extra=(("yes", "Yes"), ("no", "No")),
    ),
    "symptoms": Question(
        heading="Which leg symptoms do you have?",
        summary="Symptoms",
        hint="Select all that apply.",
        choose="the leg symptoms you have",
    ),
    "legs": Question(
        heading="Is it in one leg or both?",
        summary="Where",
        hint="A shortage usually affects both legs the same way.",
        choose="where you have it",
        none_label="I'm not sure",
        none_value=NOT_SURE,
        multiple=False,
        extra=(
            ("both", "Both legs"),
            ("one", "One leg"),
            ("back", "One leg, running down from my lower back or buttock"),
        ),
    ),
    "onset": Question(
        heading="How did it start?",
        summary="How it started",
        hint="A shortage builds up slowly, over weeks or months.",
        choose="how it started",
        none_label="I'm not sure",
        none_value=NOT_SURE,
        multiple=False,
        extra=(("sudden", "Suddenly, within hours"), ("days", "Over a few days"), ("weeks", "Over weeks or longer")),
    ),
    "walking": Question(
        heading="Does it come on when you walk, and ease when you stop and rest?",
        summary="Comes on when walking",
        hint="For example, a cramp in the calf after walking a certain distance that goes within minutes of stopping.",
        choose="yes or no",
        none_label="I'm not sure",
        none_value=NOT_SURE,
        multiple=False,
        extra=(("yes", "Yes"), ("no", "No")),
    ),
    "sex": Question(
        heading="What is your sex?",
        summary="Sex",
        hint="Some shortages are more common in women, and some advice is only for pregnancy.",
        choose="your sex",
        none_label=RATHER_NOT_LABEL,
        none_value=RATHER_NOT,
        multiple=False,
        extra=(("female", "Female"), ("male", "Male")),
    ),
    "age": Question(
        heading="How old are you?",
        summary="Age",
        hint="Some shortages are more common with age.",
        choose="your age",
        none_label=RATHER_NOT_LABEL,
        none_value=RATHER_NOT,
        multiple=False,
        extra=(("under-51", "I am under 51"),),
    ),
    "pregnancy": Question(
        heading="Are you pregnant?",
        summary="Pregnant",
        hint="Pregnancy raises the need for iron and folate.",
        choose="yes or no",
        none_label=RATHER_NOT_LABEL,
        none_value=RATHER_NOT,
        multiple=False,
        extra=(("yes", "Yes"), ("no", "No")),
    ),
    "diet": Question(
        heading="Which best describes what you eat?",
        summary="What you eat",
        hint="Some nutrients come mostly from animal foods.",
        choose="what you eat",
        none_label=RATHER_NOT_LABEL,
        none_value=RATHER_NOT,
        multiple=False,
        extra=(("omnivore", "I eat meat or fish"),),
    ),
    "medicines": Question(
        heading="Do you take any of these medicines?",
        summary="Medicines",
        hint="Select all that apply. Some medicines lower a nutrient, and some cause leg symptoms themselves.",
        choose="the medicines you take",
        also=((NOT_SURE, "I'm not sure which medicines I take"),),
    ),
    "conditions": Question(
        heading="Do you have any of these conditions?",
        summary="Conditions",
        hint="Select all that apply.",
        choose="the conditions you have",
        also=((RATHER_NOT, RATHER_NOT_LABEL),),
    ),
    "supplements": Question(
        heading="Do you already take any of these supplements?",
        summary="Supplements",
        hint="Select all that apply, including multivitamins and products that mix them.",
        choose="the supplements you take",
        extra=(
            ("b6", "Vitamin B6, or a B-complex or magnesium product that contains it"),
            ("zinc", "Zinc, or a product that contains it"),
            ("magnesium", "Magnesium"),
            ("potassium", "Potassium"),
        ),
        also=((RATHER_NOT, RATHER_NOT_LABEL),),
    ),
    "circumstances": Question(
        heading="Do any of these apply to you?",
        summary="Circumstances",
        hint="Select all that apply. They can make a shortage more likely.",
        choose="what applies to you",
        also=((RATHER_NOT, RATHER_NOT_LABEL),),
    ),
}
# The value of the "not a choice" answer each question offers (its none_label).
NONE_VALUE = {
    name: (
        RATHER_NOT if question.none_label == RATHER_NOT_LABEL else NOT_SURE if "sure" in question.none_label else NONE
    )
    for name, question in QUESTION.items()
}


# Which pages a visitor sees


def chosen(answers: Answers, name: str) -> list[str]:
    """The real choices among a question's answers: not "none", "not sure" or "rather not say"."""
    return [value for value in answers.get(name, ()) if value not in NO_CHOICE]


def one(answers: Answers, name: str) -> str:
    """A one-answer question's choice, or "" for none, not sure or rather not say."""
    return next(iter(chosen(answers, name)), "")


def signs_chosen(answers: Answers) -> list[str]:
    """The warning signs chosen on the sign pages this visitor sees (no same-day page after an emergency)."""
    emergency = chosen(answers, "emergency")
    return emergency or chosen(answers, "today")


def is_asked(
    *, name: str, answers: Answers, muscle_symptoms: Iterable[str] = (), follow_ups: Collection[str] = ()
) -> bool:
    """Whether the question can change the result for this visitor, from the answers before it.

    muscle_symptoms are the slugs of the symptoms that walking pain may explain;
    follow_ups the slugs of the warning signs that have a follow-up question.
    """
    if name in ("emergency", "symptoms"):
        return True
    if name == "today":
        return not chosen(answers, "emergency")
    if name == FOLLOW_UP:
        return bool(set(signs_chosen(answers)) & set(follow_ups))
    if not chosen(answers, "symptoms"):
        return False
    if name == "walking":
        return bool(set(chosen(answers, "symptoms")) & set(muscle_symptoms))
    if name == "pregnancy":
        return one(answers, "sex") == "female" and one(answers, "age") in ("", "under-51")
    return True


def asked(*, answers: Answers, **known) -> tuple[str, ...]:
    """The questions this visitor is asked, in order (known: what is_asked needs from the content)."""
    return tuple(name for name in QUESTIONS if is_asked(name=name, answers=answers, **known))


def warned(answers: Answers) -> bool:
    return any(chosen(answers, name) for name in SIGN_QUESTIONS)


def pages(*, answers: Answers, **known) -> tuple[str, ...]:
    """Every page this visitor sees, in order: the questions asked, "urgent" after a warning sign, check, result."""
    questions = asked(answers=answers, **known)
    urgent = ("urgent",) if warned(answers) else ()
    signs = tuple(name for name in questions if name in (*SIGN_QUESTIONS, FOLLOW_UP))
    return (*signs, *urgent, *questions[len(signs) :], "check", "result")


def navigate(*, step: str, goto: str, checking: bool, answers: Answers, **known) -> tuple[str, bool]:
    """The next page and the new "checking" state, from the page posted and the button pressed.

    goto is "next" (Continue), "back", or a question's name (a Change button on
    the check page). After a change, Continue goes to the next question that
    the change brought in and is unanswered, or to the urgent page when a
    warning sign is still ahead, or back to the check page.
    """
    route = pages(answers=answers, **known)
    if goto in QUESTIONS:
        return goto, True
    if goto == "back" and not checking:
        if step == "result":
            return "check", False
        return route[max(route.index(step) - 1, 0)] if step in route else route[0], False
    if step == "result":
        return "result", False
    position = route.index(step) if step in route else 0
    if checking:  # Continue or Back after a change: on to any question the change brought in, else check
        ahead = [
            page for page in route[position + 1 :] if page == "urgent" or page in QUESTIONS and not answers.get(page)
        ]
        return (ahead[0], True) if ahead else ("check", False)
    return route[min(position + 1, len(route) - 1)], False


def questions_before(*, page: str, answers: Answers, **known) -> tuple[str, ...]:
    """The questions this visitor must have answered to reach a page: those asked before it."""
    route = pages(answers=answers, **known)
    if page not in route:
        return tuple(name for name in route if name in QUESTIONS)
    return tuple(name for name in route[: route.index(page)] if name in QUESTIONS)


def progress(*, page: str, answers: Answers, **known) -> tuple[int, int]:
    """(this question's number, how many questions this visitor is asked), for "Question 3 of 9".

    Before the symptoms are answered, the count assumes a symptom will be chosen, as most visitors do.
    """
    if not answers.get("symptoms"):
        answers = {**answers, "symptoms": ["a symptom"]}
    questions = asked(answers=answers, **known)
    return (questions.index(page) + 1 if page in questions else 0), len(questions)


# What the answers mean


def most_urgent(signs: Iterable[WarningSign]) -> str:
    """ "emergency" if any sign needs the emergency number, "today" if any needs a doctor today, else ""."""
    urgencies = {sign.urgency for sign in signs}
    return next(
        (urgency for urgency in (WarningSign.Urgency.EMERGENCY, WarningSign.Urgency.TODAY) if urgency in urgencies), ""
    )


def safe_relief(*, strategies: Iterable[ReliefStrategy], signs: Iterable[WarningSign]) -> list[ReliefStrategy]:
    """The self-care that no chosen warning sign rules out (each sign lists what it rules out)."""
    unsafe = {strategy.pk for sign in signs for strategy in sign.unsafe_relief.all()}
    return [strategy for strategy in strategies if strategy.pk not in unsafe]


@dataclass(frozen=True)
class Visitor:
    """What the rules need from the answers, with the rows the visitor chose."""

    signs: tuple[WarningSign, ...] = ()
    symptoms: tuple[Symptom, ...] = ()
    legs: str = ""  # "both", "one", "back" (one leg, from the back), or "" for not sure
    onset: str = ""  # "sudden", "days", "weeks", or ""
    walking: bool = False
    sex: str = ""  # "female", "male", or "" for rather not say
    medicines: tuple[Medicine, ...] = ()  # those chosen, and those a follow-up question was answered yes to
    medicines_unsure: bool = False
    not_taken: tuple[Medicine, ...] = ()  # those a follow-up question was answered no to
    risk_factors: tuple[RiskFactor, ...] = ()  # age, pregnancy, diet, conditions and circumstances chosen
    supplements: frozenset[str] = frozenset()
    diet: str = "omnivore"  # "omnivore", "vegetarian" or "vegan": which foods fit

    def has_symptom(self, *, slugs: Iterable[str] = (), category: str = "") -> list[Symptom]:
        slugs = set(slugs)
        return [symptom for symptom in self.symptoms if symptom.slug in slugs or symptom.category == category]

    @property
    def risk_roles(self) -> set[str]:
        return {factor.role for factor in self.risk_factors if factor.role}

    @property
    def medicine_roles(self) -> set[str]:
        return {medicine.role for medicine in self.medicines if medicine.role}


def follow_up_sign(signs: Iterable[WarningSign]) -> WarningSign | None:
    """The chosen sign whose follow-up question is asked: the first that has one (one follow-up at most)."""
    return next((sign for sign in signs if sign.follow_up), None)


# The supplements already taken that bring in a risk factor: zinc raises copper; B6 taken
# is a caution against suggesting more.
SUPPLEMENT_ROLES = {"b6": RiskFactor.Role.VITAMIN_B6, "zinc": RiskFactor.Role.ZINC}


def answered_roles(answers: Answers) -> set[str]:
    """The roles of the risk factors that questions other than their own bring in: pregnancy, supplements taken."""
    roles = {SUPPLEMENT_ROLES[value] for value in chosen(answers, "supplements") if value in SUPPLEMENT_ROLES}
    return roles | ({RiskFactor.Role.PREGNANCY} if one(answers, "pregnancy") == "yes" else set())


@dataclass(frozen=True)
class Told:
    """A warning sign on the urgent page, with the medicines it concerns: those the
    visitor takes (say so), and those they may take (say too if you take them)."""

    sign: WarningSign
    taken: tuple[Medicine, ...] = ()
    maybe: tuple[Medicine, ...] = ()


def told(visitor: "Visitor") -> list[Told]:
    """What to tell the doctor about each warning sign chosen: a medicine answered no to is left out."""
    taken, not_taken = {medicine.pk for medicine in visitor.medicines}, {medicine.pk for medicine in visitor.not_taken}
    rows = []
    for sign in visitor.signs:
        medicines = list(sign.medicines.all())
        rows.append(
            Told(
                sign=sign,
                taken=tuple(medicine for medicine in medicines if medicine.pk in taken),
                maybe=tuple(medicine for medicine in medicines if medicine.pk not in taken | not_taken),
            )
        )
    return rows


@dataclass(frozen=True)
class Cause:
    """A likelier cause than a shortage, with what to do about it."""

    name: str
    why: str  # why the answers point to it, in the visitor's own terms
    what_to_do: str
    urgency: str  # a WarningSign urgency: how soon to act
    url: str = ""
    sources: tuple[Source, ...] = ()
    sign: WarningSign | None = None  # the warning sign whose advice it gives, and whose unsafe self-care it rules out


def symptom_words(symptoms: Iterable[Symptom]) -> str:
    from .ranking import and_list  # the one place the sentence helpers live

    return and_list([symptom.name.lower() for symptom in symptoms])


def sign_for(signs: Iterable[WarningSign]) -> WarningSign | None:
    """The least urgent of a row's warning signs: the one for someone without a red flag."""
    return max(signs, key=lambda sign: URGENCY_ORDER.index(sign.urgency), default=None)


# Where the least urgent sign's advice is written for someone who does not yet know they
# have the condition, the rules say what fits someone who does, from all the condition's signs.
KNOWN_CONDITION_ADVICE = {
    Condition.Role.DIABETIC_NEUROPATHY: (
        "Tell your doctor or diabetes team soon and ask for a foot check. Look at your feet every day: a sore, "
        "ulcer, or a red, hot, swollen foot needs a doctor today."
    ),
}


def sign_sources(sign: WarningSign | None) -> tuple[Source, ...]:
    """The sources a warning sign cites (its citations are loaded with them)."""
    return tuple(citation.source for citation in sign.citations.all()) if sign else ()


def condition_cause(*, condition: Condition, why: str) -> Cause:
    """The condition as a likelier cause: the visitor's answers, then what tells it apart from a
    shortage (the condition's words and sources), and what to do (its most urgent sign's)."""
    signs = list(condition.warning_signs.all())
    sign = sign_for(signs)
    if advice := KNOWN_CONDITION_ADVICE.get(condition.role):
        cited = {source for each in signs for source in sign_sources(each)}
    else:
        advice = sign.what_to_do if sign else "Ask a doctor about it."
        cited = set(sign_sources(sign))
    sources = tuple(sorted(cited | set(condition.sources.all()), key=lambda source: source.title))
    return Cause(
        name=condition.name,
        why=f"{why} {condition.differs_from_shortage}".strip(),
        what_to_do=advice,
        urgency=sign.urgency if sign else WarningSign.Urgency.SOON,
        url=condition.get_absolute_url(),
        sources=sources,
        sign=sign,
    )


def why_condition(*, role: str, visitor: Visitor, symptoms: list[Symptom]) -> str:
    """The answers that point to a condition, in the visitor's terms, or "" when none do.
    What these answers mean comes from the condition's own row (condition_cause)."""
    words = symptom_words(symptoms)
    if not symptoms:
        return ""
    if role == Condition.Role.STATIN_MUSCLE and Medicine.Role.STATIN in visitor.medicine_roles:
        return f"You take a statin and have {words}."
    if (
        role == Condition.Role.DIABETIC_NEUROPATHY
        and RiskFactor.Role.DIABETES in visitor.risk_roles
        and visitor.legs not in ("one", "back")
    ):
        return f"You have diabetes and {words}."
    if role == Condition.Role.SCIATICA and visitor.legs == "back":
        return f"You have {words} in one leg, running down from your back."
    if role == Condition.Role.ARTERY_DISEASE and visitor.walking:
        return f"You have {words} that come on when you walk and ease when you rest."
    return ""


def sign_cause(*, name: str, why: str, sign: WarningSign, url: str = "") -> Cause:
    """A likelier cause whose advice, urgency and sources are a warning sign's."""
    return Cause(
        name=name,
        why=why,
        what_to_do=sign.what_to_do,
        urgency=sign.urgency,
        url=url,
        sources=sign_sources(sign),
        sign=sign,
    )


def likelier_causes(
    *, visitor: Visitor, conditions: Iterable[Condition], signs: Iterable[WarningSign] = ()
) -> list[Cause]:
    """The conditions, medicines and supplements the answers point to before a shortage, most urgent first.

    conditions are the rows with a role, with their symptoms, warning signs and sources loaded;
    signs the "see a doctor soon" signs of the chosen symptoms, with their symptoms and sources loaded.
    """
    causes = []
    for condition in conditions:
        symptoms = visitor.has_symptom(slugs=[symptom.slug for symptom in condition.symptoms.all()])
        if why := why_condition(role=condition.role, visitor=visitor, symptoms=symptoms):
            causes.append(condition_cause(condition=condition, why=why))
    nerve = visitor.has_symptom(category=Symptom.Category.NERVE)
    for medicine in visitor.medicines:
        if medicine.role == Medicine.Role.NITROUS_OXIDE and nerve and (sign := sign_for(medicine.warning_signs.all())):
            why = f"You have used nitrous oxide and have {symptom_words(nerve)}. {sign.why_it_matters}"
            causes.append(sign_cause(name=medicine.name, why=why, sign=sign, url=medicine.get_absolute_url()))
    b6 = next((sign for sign in signs if sign.role == WarningSign.Role.B6_TOO_MUCH), None)
    if b6 and "b6" in visitor.supplements:
        if symptoms := visitor.has_symptom(slugs=[symptom.slug for symptom in b6.symptoms.all()]):
            why = f"You take vitamin B6 and have {symptom_words(symptoms)}. {b6.why_it_matters}"
            causes.append(sign_cause(name=capfirst(b6.condition), why=why, sign=b6))
    return sorted(causes, key=urgency_order)


def urgency_order(cause: Cause) -> int:
    return URGENCY_ORDER.index(cause.urgency)


@dataclass(frozen=True)
class Advice:
    """The answer to "what should I do": one plain sentence and how soon."""

    sentence: str
    urgency: str  # a WarningSign urgency, or "" when no doctor visit is pressing


def advice(*, visitor: Visitor, causes: Sequence[Cause], nutrients: Sequence[str]) -> Advice:
    """One plain sentence that opens the result: the most pressing thing to do."""
    urgency = most_urgent(visitor.signs)
    if urgency == WarningSign.Urgency.EMERGENCY:
        return Advice("Call your local emergency number now about the warning sign you told us about.", urgency)
    if urgency == WarningSign.Urgency.TODAY:
        return Advice("See a doctor today about the warning sign you told us about.", urgency)
    if visitor.onset == "sudden":
        return Advice(
            "See a doctor today: leg symptoms that start suddenly need a doctor, and a shortage does not cause them.",
            WarningSign.Urgency.TODAY,
        )
    if causes:
        first = causes[0]
        return Advice(
            f"Your answers point first to {lower_name(first.name)}, not a shortage: {lower_name(first.what_to_do)}",
            first.urgency,
        )
    if nutrients:
        return Advice(
            f"Ask a doctor whether to check your {nutrient_words(nutrients)}: a shortage is one possible cause "
            "among many, and a blood test can tell.",
            WarningSign.Urgency.SOON,
        )
    if visitor.symptoms:
        return Advice("No vitamin or mineral is linked to what you told us: a doctor can find the cause.", "soon")
    return Advice("You told us about no leg symptom, so there is nothing to suggest.", "")


def lower_name(name: str) -> str:
    """'Sciatica' -> 'sciatica', but 'Guillain-Barré syndrome' keeps its capital after the first word."""
    return name[:1].lower() + name[1:] if not name[1:2].isupper() else name


def nutrient_words(nutrients: Sequence[str]) -> str:
    from .ranking import and_list, lower_first

    words = [lower_first(name) for name in nutrients]
    return f"{and_list(words, serial_comma=False)} level{'s' if len(words) > 1 else ''}"


def supplement_words(supplements: Iterable[str]) -> str:
    """'vitamin B6 and magnesium': the supplements a visitor takes, in a sentence, or ""."""
    from .ranking import and_list

    names = {"b6": "vitamin B6", "zinc": "zinc", "magnesium": "magnesium", "potassium": "potassium"}
    return and_list([names[value] for value in sorted(supplements) if value in names])
