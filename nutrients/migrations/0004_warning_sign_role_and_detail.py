"""Warning signs get a role (how the code finds the sign it relies on, instead of
its editable slug) and a detail below the one-sentence sign. The "condition to
rule out" flag goes: those texts now live on the condition pages."""

from django.db import migrations, models
from django.db.models import Q

CIRCULATION = "circulation"


def give_the_circulation_sign_its_role(apps, schema_editor):
    # The last time anything finds this sign by its slug: from now on, by its role.
    apps.get_model("nutrients", "WarningSign").objects.filter(slug="claudication").update(role=CIRCULATION)


class Migration(migrations.Migration):
    dependencies = [("nutrients", "0003_editors_group")]

    operations = [
        migrations.AddField(
            model_name="warningsign",
            name="detail",
            field=models.TextField(
                blank=True, help_text="The other features, below the sign. Leave empty where the sign says it all."
            ),
        ),
        migrations.AddField(
            model_name="warningsign",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "None"),
                    (CIRCULATION, "Pain on walking that eases with rest (the questionnaire's circulation warning)"),
                ],
                default="",
                help_text="Only for a sign the site's code relies on. At most one sign has each role.",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="warningsign",
            name="sign",
            field=models.CharField(
                help_text="One short sentence a worried person would recognise, its main feature first.",
                max_length=300,
            ),
        ),
        migrations.AddConstraint(
            model_name="warningsign",
            constraint=models.UniqueConstraint(
                condition=~Q(role=""),
                fields=("role",),
                name="one_warning_sign_per_role",
                violation_error_message="Another warning sign already has this role.",
            ),
        ),
        migrations.RunPython(give_the_circulation_sign_its_role, migrations.RunPython.noop),
        migrations.RemoveField(model_name="warningsign", name="is_condition_to_rule_out"),
    ]
