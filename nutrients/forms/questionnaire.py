"""The form that carries every questionnaire answer from page to page, and checks them.

Answers live only in the form: each page posts all earlier answers back as
hidden fields, and every post checks them all again. A value that no page
offers (unknown, repeated, two answers to a one-answer question, a
contradiction an earlier page would have refused, a page this visitor is
never shown) means the form was altered, and raises Tampered; the view
answers 400. What the questions are, their order and what the answers mean
live in nutrients/questionnaire.py.
"""

from dataclasses import dataclass, replace
from itertools import groupby

from django import forms

from .. import questionnaire as rules
from .. import ranking
from ..models import Medicine, RiskFactor, Symptom, WarningSign
from ..questionnaire import FOLLOW_UP, NO_CHOICE, PAGES, QUESTION, QUESTIONS


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


def grouped(items, *, choices, key: str, option) -> Groups:
    """Options under the headings of a model's choices, in the choices' order."""
    labels = dict(choices)
    items = sorted(items, key=lambda item: list(labels).index(getattr(item, key)))
    return [
        (labels[heading], [option(item) for item in group])
        for heading, group in groupby(items, key=lambda item: getattr(item, key))
    ]


def plain(options) -> Groups:
    return [("", [Option(value, label) for value, label in options])]


def content_groups(
    *, signs: list[WarningSign], symptoms: list[Symptom], risk_factors: list[RiskFactor], medicines: list[Medicine]
) -> dict[str, Groups]:
    """Each question's options from the content's rows, before the fixed ones and "none of these"."""
    factors = {kind: [factor for factor in risk_factors if factor.kind == kind] for kind in RiskFactor.Kind.values}
    circumstances = [factor for factor in factors["life"] if factor.role != RiskFactor.Role.PREGNANCY]
    return {
        "emergency": [
            ("", [Option(sign.slug, sign.question) for sign in signs if sign.urgency == "emergency" and sign.question])
        ],
        "today": [
            ("", [Option(sign.slug, sign.question) for sign in signs if sign.urgency == "today" and sign.question])
        ],
        "symptoms": grouped(
            symptoms,
            choices=Symptom.Category.choices,
            key="category",
            option=lambda symptom: Option(
                symptom.slug, symptom.name, symptom.other_names and f"Also called {symptom.other_names}"
            ),
        ),
        "age": plain((factor.slug, factor.question) for factor in factors["age"]),
        "diet": plain((factor.slug, factor.question) for factor in factors["diet"]),
        "medicines": [("", [Option(medicine.slug, medicine.name, medicine.other_names) for medicine in medicines])],
        "conditions": plain((factor.slug, factor.question) for factor in factors["health"]),
        "circumstances": plain((factor.slug, factor.question) for factor in circumstances),
    }


class QuestionnaireForm(forms.Form):
    step = AnswerField(choices=[(page, page) for page in PAGES], multiple=False)
    goto = AnswerField(choices=[(goto, goto) for goto in ("next", "back", *QUESTIONS)], multiple=False)
    checking = AnswerField(choices=[("yes", "yes")], multiple=False)

    def __init__(
        self,
        data=None,
        *,
        signs: list[WarningSign],
        symptoms: list[Symptom],
        risk_factors: list[RiskFactor],
        medicines: list[Medicine],
    ):
        super().__init__(data)
        self.rows = {
            "signs": {sign.slug: sign for sign in signs},
            "symptoms": {symptom.slug: symptom for symptom in symptoms},
            "risk_factors": {factor.slug: factor for factor in risk_factors},
            "medicines": {medicine.slug: medicine for medicine in medicines},
        }
        # The symptoms that pain on walking may explain: the muscle and tiredness ones.
        self.muscle_symptoms = [
            symptom.slug
            for symptom in symptoms
            if symptom.category in (Symptom.Category.MUSCLE, Symptom.Category.ENERGY)
        ]
        self.follow_ups = [sign.slug for sign in signs if sign.follow_up]
        groups = content_groups(signs=signs, symptoms=symptoms, risk_factors=risk_factors, medicines=medicines)
        for name, question in QUESTION.items():
            options = [*groups.get(name, []), *plain(question.extra)]
            options = [group for group in options if group[1]]
            options.append(("", [Option(value, label) for value, label in question.no_choice]))
            self.fields[name] = AnswerField(groups=options, multiple=question.multiple)

    # The answers, as the rules read them

    def answer(self, name: str) -> list[str]:
        return self.cleaned_data.get(name, []) if self.is_bound and hasattr(self, "cleaned_data") else []

    def all_answers(self) -> dict[str, list[str]]:
        return {name: self.answer(name) for name in QUESTIONS}

    def answers(self) -> dict[str, list[str]]:
        """The answers to the questions this visitor is asked; any other (left from a changed answer) is dropped."""
        given = self.all_answers()
        return {name: given[name] for name in rules.asked(answers=given, **self.known)}

    @property
    def known(self) -> dict:
        """What the flow needs from the content besides the answers."""
        return {"muscle_symptoms": self.muscle_symptoms, "follow_ups": self.follow_ups}

    def flow(self, function, **kwargs):
        """Call one of the rules' flow functions with these answers."""
        return function(answers=self.answers(), **self.known, **kwargs)

    def problem(self, name: str, *, required: bool) -> str:
        """What is wrong with a question's answer as the visitor left it, or ''."""
        chosen = self.answer(name)
        if required and not chosen:
            return QUESTION[name].required
        if any(value in NO_CHOICE for value in chosen) and len(chosen) > 1:
            return QUESTION[name].exclusive
        return ""

    def route(self) -> Route:
        """The page this post leads to; raises Tampered when the form was altered."""
        if not self.is_valid() or not self.answer("step"):
            raise Tampered
        step, goto = self.answer("step")[0], (self.answer("goto") or ["next"])[0]
        checking = bool(self.answer("checking"))
        answers = self.answers()
        if step not in self.flow(rules.pages) or (goto in QUESTIONS and goto not in answers):
            raise Tampered
        if not all(answers.get(name) for name in self.flow(rules.questions_before, page=step)):
            raise Tampered
        if any(self.problem(name, required=False) for name in answers if name != step):
            raise Tampered
        if step in QUESTIONS and goto in ("next", "back"):
            if error := self.problem(step, required=goto == "next" or checking):
                return Route(page=step, error=error, checking=checking)
        page, checking = self.flow(rules.navigate, step=step, goto=goto, checking=checking)
        if not all(self.answers().get(name) for name in self.flow(rules.questions_before, page=page)):
            raise Tampered
        return Route(page=page, checking=checking)

    # What the templates and the result need

    def follow_up_sign(self) -> WarningSign | None:
        return rules.follow_up_sign(self.rows["signs"][slug] for slug in rules.signs_chosen(self.answers()))

    def follow_up_medicines(self) -> list[Medicine]:
        """The medicines the follow-up question asks about: those that list its sign."""
        sign, rows = self.follow_up_sign(), self.rows["medicines"]
        return [rows[medicine.slug] for medicine in sign.medicines.all() if medicine.slug in rows] if sign else []

    def visitor(self) -> rules.Visitor:
        answers, rows = self.answers(), self.rows
        chosen = {name: rules.chosen(answers, name) for name in QUESTIONS}
        factors = [*chosen["age"], *chosen["diet"], *chosen["conditions"], *chosen["circumstances"]]
        factors = [rows["risk_factors"][slug] for slug in factors if slug in rows["risk_factors"]]
        roles = rules.answered_roles(answers)
        factors += [factor for factor in rows["risk_factors"].values() if factor.role in roles]
        diets = {factor.role for factor in factors if factor.kind == RiskFactor.Kind.DIET}
        medicines = [rows["medicines"][slug] for slug in chosen["medicines"]]
        follow_up = rules.one(answers, FOLLOW_UP)
        asked_about = self.follow_up_medicines()
        return rules.Visitor(
            signs=tuple(rows["signs"][slug] for slug in rules.signs_chosen(answers)),
            symptoms=tuple(rows["symptoms"][slug] for slug in chosen["symptoms"]),
            legs=rules.one(answers, "legs"),
            onset=rules.one(answers, "onset"),
            walking=rules.one(answers, "walking") == "yes",
            sex=rules.one(answers, "sex"),
            medicines=tuple(medicines + [row for row in asked_about if follow_up == "yes" and row not in medicines]),
            medicines_unsure=rules.NOT_SURE in answers.get("medicines", ()),
            not_taken=tuple(row for row in asked_about if follow_up == "no" and row not in medicines),
            risk_factors=tuple(factors),
            supplements=frozenset(chosen["supplements"]),
            diet=next((diet for diet in ("vegan", "vegetarian") if diet in diets), "omnivore"),
        )

    def for_ranking(self, visitor: rules.Visitor) -> ranking.Answers:
        return ranking.Answers(
            symptoms=frozenset(symptom.slug for symptom in visitor.symptoms),
            risk_factors=frozenset(factor.slug for factor in visitor.risk_factors),
            medicines=frozenset(medicine.slug for medicine in visitor.medicines),
            sex=visitor.sex,
        )

    def carried(self, *, page: str, checking: bool) -> list[tuple[str, str]]:
        """(name, value) of the hidden fields that carry the answers not asked on this page."""
        fields = [("checking", "yes")] if checking else []
        return fields + [(name, value) for name, values in self.answers().items() if name != page for value in values]

    def question(self, *, page: str, error: str = "") -> "QuestionPage":
        field = self.fields[page]
        groups = field.groups
        if page == "circumstances" and rules.one(self.answers(), "sex") != "female":
            periods = {slug for slug, factor in self.rows["risk_factors"].items() if factor.role == "heavy-periods"}
            groups = [(heading, [o for o in options if o.value not in periods]) for heading, options in groups]
        number, total = self.flow(rules.progress, page=page)
        return QuestionPage(
            name=page,
            text=self.text(page),
            groups=groups,
            chosen=self.answer(page),
            error=error,
            input_type="checkbox" if field.multiple else "radio",
            number=number,
            total=total,
        )

    def text(self, page: str) -> rules.Question:
        """A question's wording; the follow-up's heading is its sign's question, such as "Do you take a statin?"."""
        if page == FOLLOW_UP and (sign := self.follow_up_sign()):
            return replace(QUESTION[page], heading=sign.follow_up, summary=sign.follow_up)
        return QUESTION[page]

    def summary(self) -> list[tuple[str, str, list[str]]]:
        """(question, its short name, the labels of the answers) for the check-your-answers page."""
        rows = []
        for name, values in self.answers().items():
            labels = dict(self.fields[name].choices)
            rows.append((name, self.text(name).summary, [labels[value] for value in values]))
        return rows


@dataclass(frozen=True)
class QuestionPage:
    name: str
    text: rules.Question
    groups: Groups
    chosen: list[str]
    error: str
    input_type: str
    number: int = 0
    total: int = 0

    @property
    def first_id(self) -> str:
        """The id the error summary links to: the first choice's."""
        return f"{self.name}-{self.groups[0][1][0].value}"
