"""The questionnaire's content in an existing database: each urgent warning
sign's yes-or-no question and the self-care it rules out, the roles the rules
rely on, and the risk factors and links the new questions need. The last time
anything finds these rows by slug: from now on, by their role. A fresh
database gets the same from fixtures/content.json."""

from django.db import migrations

EVERYTHING_PHYSICAL = ["heat", "epsom-salt-baths", "exercise", "stretching"]
ALL_SELF_CARE = [*EVERYTHING_PHYSICAL, "hydration", "safe-sun", "balanced-diet"]

# slug: (question, the relief strategies that must not be offered with it)
SIGNS = {
    "pulmonary-embolism": (
        "Are you breathless, or do you have chest pain, as well as a painful or swollen leg?",
        EVERYTHING_PHYSICAL,
    ),
    "leg-swelling-chest-pain": (
        "Is your leg swollen, and have you fainted, felt very dizzy or coughed up blood?",
        EVERYTHING_PHYSICAL,
    ),
    "acute-limb-ischemia": ("Has a leg suddenly become very painful, pale or cold?", EVERYTHING_PHYSICAL),
    "compartment-syndrome": (
        "After an injury or a cast, is the leg pain far worse than expected, with a tight, swollen calf?",
        EVERYTHING_PHYSICAL,
    ),
    "rhabdomyolysis": ("Is your urine dark brown or red, with muscle pain or weakness?", EVERYTHING_PHYSICAL),
    "cellulitis-sepsis": (
        "Is red, hot, swollen skin on your leg spreading quickly, with a fever or feeling very unwell?",
        EVERYTHING_PHYSICAL,
    ),
    "saddle-numbness": ("Do you feel numb between your legs or around your bottom?", EVERYTHING_PHYSICAL),
    "cauda-equina": (
        "Do you have new trouble starting or controlling peeing or pooing, with back or leg pain?",
        EVERYTHING_PHYSICAL,
    ),
    "stroke-numbness": (
        "Did numbness or weakness start suddenly on one side of your body, or with trouble speaking or seeing?",
        EVERYTHING_PHYSICAL,
    ),
    "wernicke-encephalopathy": (
        "Do you drink heavily or have you had weight-loss surgery, and are you now confused, unsteady or seeing double?",
        EVERYTHING_PHYSICAL,
    ),
    "severe-low-calcium": (
        "Do you have tingling around your mouth, with cramps or spasms in your hands or feet?",
        EVERYTHING_PHYSICAL,
    ),
    "high-potassium": (
        "Do you have kidney disease or take a medicine that raises potassium, and feel your heart racing, "
        "pounding or skipping, or sudden weakness?",
        [*EVERYTHING_PHYSICAL, "hydration", "balanced-diet"],
    ),
    "severe-low-potassium": (
        "Are your muscles so weak you can hardly move, after long bouts of diarrhea or vomiting, or water pills?",
        EVERYTHING_PHYSICAL,
    ),
    "magnesium-extremes": (
        "Have you had a seizure, or an irregular heartbeat after high doses of magnesium?",
        EVERYTHING_PHYSICAL,
    ),
    "vitamin-d-too-much-emergency": (
        "Have you become confused, fainted, or had an irregular heartbeat after taking high-dose vitamin D?",
        [*EVERYTHING_PHYSICAL, "safe-sun"],
    ),
    "refeeding-syndrome": (
        "Have you started eating again after a long time eating very little, and now feel weak, swollen or "
        "breathless?",
        ALL_SELF_CARE,
    ),
    "child-swallowed-iron": ("Has a child swallowed iron tablets or vitamins that contain iron?", ALL_SELF_CARE),
    "dvt-one-leg": ("Is one leg suddenly swollen, warm and painful?", EVERYTHING_PHYSICAL),
    "sudden-leg-swelling": (
        "Has a leg swollen suddenly for no clear reason, or after a fall or injury?",
        EVERYTHING_PHYSICAL,
    ),
    "sudden-leg-pain-injury": (
        "After an injury, are you unable to put weight on the leg, or is a joint swollen?",
        EVERYTHING_PHYSICAL,
    ),
    "guillain-barre": (
        "Is weakness or tingling spreading up your legs over hours or days?",
        EVERYTHING_PHYSICAL,
    ),
    "statin-muscle-symptoms": (
        "Do you take a statin and have new muscle pain, tenderness or weakness you cannot explain?",
        ["exercise", "stretching"],
    ),
    "nitrous-oxide-nerve-damage": (
        "Have you used nitrous oxide (laughing gas) and now have numbness, tingling or trouble walking?",
        ["heat", "epsom-salt-baths", "exercise"],
    ),
    "diabetic-foot": (
        "Do you have diabetes or numb feet, and a sore or ulcer, or a red, hot, swollen foot?",
        ["heat", "epsom-salt-baths", "exercise"],
    ),
    "cramp-lasting-long": (
        "Does a cramp last longer than 10 minutes without easing when you stretch?",
        ["heat", "epsom-salt-baths", "exercise"],
    ),
    "vitamin-d-too-much": (
        "Do you feel sick, very thirsty or pee much more than usual after taking high-dose vitamin D?",
        ["safe-sun"],
    ),
    # Not asked as red flags (see a doctor soon), but self-care that could harm them is never offered.
    "claudication": ("", ["heat", "epsom-salt-baths"]),
    "diabetes-nerve-damage": ("", ["heat", "epsom-salt-baths"]),
}
MEDICINE_ROLES = {"statins": "statin", "nitrous-oxide": "nitrous-oxide"}
CONDITION_ROLES = {
    "statin-muscle-symptoms": "statin-muscle",
    "diabetic-neuropathy": "diabetic-neuropathy",
    "sciatica-and-cauda-equina": "sciatica",
    "peripheral-artery-disease": "artery-disease",
}
RISK_FACTOR_ROLES = {
    "vegan": "vegan",
    "vegetarian": "vegetarian",
    "pregnancy": "pregnancy",
    "heavy-periods": "heavy-periods",
}
RISK_FACTOR_KINDS = {
    "heavy-alcohol-use": "health",
    "metformin-or-acid-reducers": "medicine",
    "diuretics-or-laxatives": "medicine",
}
# slug: (name, question, description, role)
NEW_RISK_FACTORS = {
    "diabetes": (
        "Diabetes",
        "I have diabetes",
        "Diabetes can damage the nerves in the feet, and metformin, often taken for it, lowers vitamin B12.",
        "diabetes",
    ),
    "kidney-disease": (
        "Kidney disease",
        "I have kidney disease",
        "Kidneys that work less well keep potassium, magnesium and phosphorus in the blood, and kidney disease "
        "often comes with low iron.",
        "",
    ),
    "neck-surgery": (
        "Thyroid or neck surgery",
        "I have had surgery on my thyroid or elsewhere in my neck",
        "Neck surgery can harm the glands that keep blood calcium up.",
        "",
    ),
    "eating-again": (
        "An eating disorder, or eating again after very little",
        "I have an eating disorder, or have recently started eating again after a long time eating very little",
        "A long time eating very little runs down stores of thiamine and minerals.",
        "",
    ),
    "weight-loss-surgery": (
        "Weight-loss surgery",
        "I have had weight-loss surgery",
        "Weight-loss surgery reduces how much of several vitamins and minerals the body can absorb.",
        "",
    ),
}
# (risk factor, nutrient): (why, effect, sex)
NEW_LINKS = {
    ("kidney-disease", "potassium"): (
        "Kidneys that work less well can let potassium build up: take no potassium supplement or salt substitute "
        "without your kidney doctor.",
        "caution",
        "",
    ),
    ("kidney-disease", "magnesium"): (
        "Kidneys that work less well can let magnesium build up: take no magnesium supplement, antacid or laxative "
        "without your kidney doctor.",
        "caution",
        "",
    ),
    ("kidney-disease", "phosphorus"): (
        "Kidneys that work less well let phosphorus build up, so people with kidney disease are often asked to eat "
        "less of it.",
        "caution",
        "",
    ),
    ("kidney-disease", "iron"): (
        "Kidney failure and low iron are both known causes of restless legs: a doctor checks iron first.",
        "raises",
        "",
    ),
    ("neck-surgery", "calcium"): (
        "Surgery on the thyroid or neck can harm the glands that keep blood calcium up.",
        "raises",
        "",
    ),
    ("eating-again", "thiamine"): (
        "A long time eating very little runs down thiamine, which the body stores little of.",
        "raises",
        "",
    ),
    ("weight-loss-surgery", "vitamin-b12"): (
        "Weight-loss surgery reduces how much B12 the stomach and gut can absorb.",
        "raises",
        "",
    ),
    ("weight-loss-surgery", "thiamine"): ("Weight-loss surgery can lead to low thiamine.", "raises", ""),
}
# Whom an existing link's why fits.
LINK_SEX = {("age-51-70", "calcium"): "female"}


def fill(apps, schema_editor):
    WarningSign = apps.get_model("nutrients", "WarningSign")
    ReliefStrategy = apps.get_model("nutrients", "ReliefStrategy")
    for slug, (question, unsafe) in SIGNS.items():
        for sign in WarningSign.objects.filter(slug=slug):
            sign.question = question
            sign.save(update_fields=["question"])
            sign.unsafe_relief.set(ReliefStrategy.objects.filter(slug__in=unsafe))
    for model, roles in (("Medicine", MEDICINE_ROLES), ("Condition", CONDITION_ROLES), ("RiskFactor", RISK_FACTOR_ROLES)):
        for slug, role in roles.items():
            apps.get_model("nutrients", model).objects.filter(slug=slug).update(role=role)
    RiskFactor = apps.get_model("nutrients", "RiskFactor")
    for slug, kind in RISK_FACTOR_KINDS.items():
        RiskFactor.objects.filter(slug=slug).update(kind=kind)
    if not RiskFactor.objects.exists():
        return  # an empty database: load_content brings everything
    for slug, (name, question, description, role) in NEW_RISK_FACTORS.items():
        RiskFactor.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": "health", "question": question, "description": description, "role": role},
        )
    Link = apps.get_model("nutrients", "RiskFactorLink")
    Nutrient = apps.get_model("nutrients", "Nutrient")
    for (factor, nutrient), (why, effect, sex) in NEW_LINKS.items():
        for row in Nutrient.objects.filter(slug=nutrient):
            Link.objects.get_or_create(
                risk_factor=RiskFactor.objects.get(slug=factor),
                nutrient=row,
                defaults={"why": why, "effect": effect, "sex": sex},
            )
    for (factor, nutrient), sex in LINK_SEX.items():
        Link.objects.filter(risk_factor__slug=factor, nutrient__slug=nutrient).update(sex=sex)


class Migration(migrations.Migration):
    dependencies = [("nutrients", "0014_questionnaire_roles_questions_and_unsafe_relief")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
