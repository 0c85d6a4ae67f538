"""The questionnaire: its questions, the order of its pages, and the form that
carries every answer from page to page.

Answers live only in the form: each page posts all earlier answers back as
hidden fields, and every post checks them all again. A value that no page
offers (unknown, repeated, two answers to a one-answer question, a
contradiction an earlier page would have refused) means the form was altered,
and raises Tampered; the view answers 400.
"""

from dataclasses import dataclass
from itertools import groupby

from django import forms

from .. import ranking
from ..models import RiskFactor, Symptom, WarningSign

NONE = "none"
QUESTIONS = ("signs", "symptoms", "timing", "diet", "age", "circumstances")
# The pages in order. "urgent" comes after "signs" only when a warning sign was chosen.
FLOW = ("signs", "symptoms", "timing", "diet", "age", "circumstances", "check", "result")
PAGES = ("signs", "urgent", *FLOW[1:])
WALKING = "walking"
TIMINGS = {
    "night": "At night or in bed",
    "exercise": "During or after exercise",
    "rest": "When I am sitting or resting",
    WALKING: "When I walk, easing off when I stop and rest",
}
DIETS = {
    "omnivore": "I eat meat or fish",
    "vegetarian": "Vegetarian: no meat or fish",
    "vegan": "Vegan: no animal foods at all",
}


@dataclass(frozen=True)
class Question:
    heading: str
    summary: str  # its row on the check-your-answers page
    hint: str
    choose: str  # what the errors ask for: "Select {choose}"
    none_label: str = "None of these"
    multiple: bool = True

    @property
    def required(self) -> str:
        if not self.none_label:
            return f"Select {self.choose}"
        return f"Select {self.choose}, or select '{self.none_label}'"

    @property
    def exclusive(self) -> str:
        return f"Select {self.choose}, or '{self.none_label}', but not both"


QUESTION = {
    "signs": Question(
        heading="Do you have any of these warning signs?",
        summary="Warning signs",
        hint="Select all that apply. These need a doctor, not a change of diet.",
        choose="the warning signs you have",
    ),
    "symptoms": Question(
        heading="Which leg symptoms do you have?",
        summary="Symptoms",
        hint="Select all that apply.",
        choose="the leg symptoms you have",
    ),
    "timing": Question(
        heading="When do your leg symptoms happen?",
        summary="When they happen",
        hint="Select all that apply.",
        choose="when your symptoms happen",
        none_label="None of these, or I am not sure",
    ),
    "diet": Question(
        heading="Which best describes what you eat?",
        summary="What you eat",
        hint="Some nutrients come mostly from animal foods.",
        choose="what you eat",
        none_label="",
        multiple=False,
    ),
    "age": Question(
        heading="How old are you?",
        summary="Age",
        hint="Some shortages are more common with age.",
        choose="your age",
        none_label="Younger, or I would rather not say",
        multiple=False,
    ),
    "circumstances": Question(
        heading="Do any of these apply to you?",
        summary="Circumstances",
        hint="Select all that apply. They can make a shortage more likely.",
        choose="what applies to you",
    ),
}


class Tampered(Exception):
    """The form holds something no page offers: it was altered on the way."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""


Groups = list[tuple[str, list[Option]]]  # (heading, options); "" for options without a heading


class AnswerField(forms.MultipleChoiceField):
    """One question's answers as a list: known values, each once, and at most one for a one-answer question."""

    def __init__(self, *, groups: Groups = (), multiple: bool = True, **kwargs):
        super().__init__(required=False, **kwargs)
        self.groups = list(groups)
        self.multiple = multiple
        if groups:
            self.choices = [(option.value, option.label) for _, options in self.groups for option in options]

    def validate(self, value):
        super().validate(value)
        if len(set(value)) != len(value) or (len(value) > 1 and not self.multiple):
            raise forms.ValidationError("An answer is repeated.", code="repeated")


@dataclass(frozen=True)
class Route:
    """Where a posted form leads: the page to show, an error on it, and whether the
    visitor came from the check-your-answers page to change an answer."""

    page: str
    error: str = ""
    checking: bool = False


def navigate(*, step: str, goto: str, checking: bool, warned: bool) -> tuple[str, bool]:
    """The next page and the new "checking" state, from the page posted and the button pressed.

    goto is "next" (Continue), "back", or a question's name (a Change button).
    warned says whether a warning sign was chosen, which brings the urgent page.
    """
    if goto in QUESTIONS:
        return goto, True
    if goto == "back":
        if checking or step == "result":
            return "check", False
        if step == "urgent":
            return "signs", False
        if step == "symptoms" and warned:
            return "urgent", False
        return FLOW[max(FLOW.index(step) - 1, 0)], False
    if step == "signs" and warned:
        return "urgent", checking
    if checking:
        return "check", False
    if step == "urgent":
        return "symptoms", False
    return FLOW[min(FLOW.index(step) + 1, len(FLOW) - 1)], False


def questions_before(page: str) -> tuple[str, ...]:
    """The questions a page needs answered: all those before it."""
    position = PAGES.index(page)
    return tuple(question for question in QUESTIONS if PAGES.index(question) < position)


def grouped(items, *, choices, key: str, option) -> Groups:
    """Options under the headings of a model's choices, in the choices' order."""
    labels = dict(choices)
    items = sorted(items, key=lambda item: list(labels).index(getattr(item, key)))
    return [
        (labels[heading], [option(item) for item in group])
        for heading, group in groupby(items, key=lambda item: getattr(item, key))
    ]


class QuestionnaireForm(forms.Form):
    step = AnswerField(choices=[(page, page) for page in PAGES], multiple=False)
    goto = AnswerField(choices=[(goto, goto) for goto in ("next", "back", *QUESTIONS)], multiple=False)
    checking = AnswerField(choices=[("yes", "yes")], multiple=False)

    def __init__(self, data=None, *, signs: list[WarningSign], symptoms: list[Symptom], risk_factors: list[RiskFactor]):
        super().__init__(data)
        self.signs = {sign.slug: sign for sign in signs}
        ages = [factor for factor in risk_factors if factor.kind == RiskFactor.Kind.AGE]
        others = [factor for factor in risk_factors if factor.kind != RiskFactor.Kind.AGE]
        groups = {
            "signs": [("", [Option(sign.slug, sign.sign) for sign in signs])],
            "symptoms": grouped(
                symptoms,
                choices=Symptom.Category.choices,
                key="category",
                option=lambda symptom: Option(
                    symptom.slug, symptom.name, symptom.other_names and f"Also called {symptom.other_names}"
                ),
            ),
            "timing": [("", [Option(value, label) for value, label in TIMINGS.items()])],
            "diet": [("", [Option(value, label) for value, label in DIETS.items()])],
            "age": [("", [Option(factor.slug, factor.question) for factor in ages])],
            "circumstances": grouped(
                others,
                choices=RiskFactor.Kind.choices,
                key="kind",
                option=lambda factor: Option(factor.slug, factor.question),
            ),
        }
        for name, question in QUESTION.items():
            if question.none_label:
                groups[name].append(("", [Option(NONE, question.none_label)]))
            self.fields[name] = AnswerField(
                groups=[group for group in groups[name] if group[1]], multiple=question.multiple
            )

    def answer(self, name: str) -> list[str]:
        return self.cleaned_data.get(name, []) if self.is_bound else []

    def problem(self, name: str, *, required: bool) -> str:
        """What is wrong with a question's answer as the visitor left it, or ''."""
        chosen = self.answer(name)
        if required and not chosen:
            return QUESTION[name].required
        if NONE in chosen and len(chosen) > 1:
            return QUESTION[name].exclusive
        return ""

    def route(self) -> Route:
        """The page this post leads to; raises Tampered when the form was altered."""
        if not self.is_valid() or not self.answer("step"):
            raise Tampered
        step, goto = self.answer("step")[0], (self.answer("goto") or ["next"])[0]
        checking = bool(self.answer("checking"))
        if not all(self.answer(name) for name in questions_before(step)):
            raise Tampered
        if any(self.problem(name, required=False) for name in QUESTIONS if name != step):
            raise Tampered
        if step in QUESTIONS and goto in ("next", "back"):
            if error := self.problem(step, required=goto == "next" or checking):
                return Route(page=step, error=error, checking=checking)
        page, checking = navigate(step=step, goto=goto, checking=checking, warned=bool(self.chosen_signs()))
        if not all(self.answer(name) for name in questions_before(page)):
            raise Tampered
        return Route(page=page, checking=checking)

    # What the templates and the result need.

    def chosen(self, name: str) -> list[str]:
        return [value for value in self.answer(name) if value != NONE]

    def chosen_signs(self) -> list[WarningSign]:
        return [self.signs[slug] for slug in self.chosen("signs")]

    def most_urgent(self) -> str:
        """ "emergency" if any chosen sign needs the emergency number, else "today" (or "" with none)."""
        urgencies = {sign.urgency for sign in self.chosen_signs()}
        return next((urgency for urgency in WarningSign.Urgency.values if urgency in urgencies), "")

    def walking_pain(self) -> bool:
        return WALKING in self.answer("timing")

    def diet(self) -> str:
        return (self.answer("diet") or ["omnivore"])[0]

    def for_ranking(self) -> ranking.Answers:
        diet = [self.diet()] if self.diet() != "omnivore" else []
        return ranking.Answers(
            symptoms=frozenset(self.chosen("symptoms")),
            risk_factors=frozenset([*diet, *self.chosen("age"), *self.chosen("circumstances")]),
        )

    def carried(self, *, page: str, checking: bool) -> list[tuple[str, str]]:
        """(name, value) of the hidden fields that carry the answers not asked on this page."""
        fields = [("checking", "yes")] if checking else []
        return fields + [(name, value) for name in QUESTIONS if name != page for value in self.answer(name)]

    def question(self, *, page: str, error: str = "") -> "QuestionPage":
        field = self.fields[page]
        return QuestionPage(
            name=page,
            text=QUESTION[page],
            groups=field.groups,
            chosen=self.answer(page),
            error=error,
            input_type="checkbox" if field.multiple else "radio",
        )

    def summary(self) -> list[tuple[str, str, list[str]]]:
        """(question, its short name, the labels of the answers) for the check-your-answers page."""
        rows = []
        for name in QUESTIONS:
            labels = dict(self.fields[name].choices)
            rows.append((name, QUESTION[name].summary, [labels[value] for value in self.answer(name)]))
        return rows


@dataclass(frozen=True)
class QuestionPage:
    name: str
    text: Question
    groups: Groups
    chosen: list[str]
    error: str
    input_type: str

    @property
    def first_id(self) -> str:
        """The id the error summary links to: the first choice's."""
        return f"{self.name}-{self.groups[0][1][0].value}"
