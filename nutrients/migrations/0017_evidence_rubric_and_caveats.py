"""One evidence rubric for every nutrient, and caveats kept in one place.

Supplement evidence is now graded by what trials show in people without a
proven shortage. The old "strong" meant that treating a shortage works, true
of every nutrient, so it becomes "helps" only until the content is regraded
(fixtures/content.json); "emerging" promised too much and becomes "mixed".
Editors get the same permissions on caveats as on every other content model.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from nutrients.editors import sync_editors_group

OLD_TO_NEW = {"strong": "helps", "emerging": "mixed"}


def regrade(apps, schema_editor):
    nutrient = apps.get_model("nutrients", "Nutrient")
    for old, new in OLD_TO_NEW.items():
        nutrient.objects.filter(evidence_level=old).update(evidence_level=new)


def update_editors_group(apps, schema_editor):
    app_config = apps.get_app_config("nutrients")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    sync_editors_group(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ('nutrients', '0016_warning_sign_follow_up_and_roles'),
    ]

    operations = [
        migrations.AddField(
            model_name='nutrient',
            name='best_evidence',
            field=models.CharField(blank=True, default='', help_text="The best evidence behind the grade, as readers see it beside it: 'Cochrane review, 2020, 11 trials', 'one randomised trial, 2024', or 'no trial found'. Cite it under the evidence's sources.", max_length=120),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='nutrient',
            name='evidence_checked_on',
            field=models.DateField(blank=True, help_text='When an editor last searched for trials and checked the grade against them.', null=True, verbose_name='evidence last checked'),
        ),
        migrations.AlterField(
            model_name='nutrient',
            name='evidence_level',
            field=models.CharField(choices=[('helps', 'Shown to help'), ('mixed', 'Mixed'), ('no-help', 'Shown not to help'), ('unstudied', 'Not studied')], help_text='What trials show for supplements in people without a proven shortage, by the rubric on the About page: the same basis for every nutrient (treating a proven shortage works for all of them).', max_length=10, verbose_name='supplement evidence'),
        ),
        migrations.CreateModel(
            name='Caveat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text="The last part of the page's address, made from the name. Changing it breaks links to the page.", max_length=80, unique=True)),
                ('applies_to', models.CharField(help_text="A short heading naming who must take care, for example 'If you take warfarin'.", max_length=150, verbose_name='who it is for')),
                ('text', models.CharField(help_text="What they should do instead, in plain words. Say 'your local emergency number', not one country's.", max_length=500)),
                ('foods', models.ManyToManyField(blank=True, help_text="Foods it concerns: shown on the food's page and wherever the food is listed.", related_name='caveats', to='nutrients.food')),
                ('medicines', models.ManyToManyField(blank=True, help_text="Medicines whose users it concerns: shown on the medicine's page.", related_name='caveats', to='nutrients.medicine')),
                ('nutrients', models.ManyToManyField(blank=True, help_text="Nutrients whose supplements it concerns: shown on the nutrient's page and wherever it is suggested.", related_name='caveats', to='nutrients.nutrient')),
                ('relief_strategies', models.ManyToManyField(blank=True, help_text='Relief strategies it concerns.', related_name='caveats', to='nutrients.reliefstrategy')),
            ],
            options={
                'ordering': ['slug'],
            },
        ),
        migrations.CreateModel(
            name='CaveatCitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('locator', models.CharField(blank=True, help_text="Optional: where in the source, for example 'Table 2' or 'section: Deficiency'.", max_length=120)),
                ('claim', models.ForeignKey(help_text='The caveat this source supports.', on_delete=django.db.models.deletion.CASCADE, related_name='citations', to='nutrients.caveat')),
                ('source', models.ForeignKey(help_text='The publication cited.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='nutrients.source')),
            ],
            options={
                'ordering': ['pk'],
                'constraints': [models.UniqueConstraint(fields=('claim', 'source'), name='unique_caveat_citation')],
            },
        ),
        migrations.RunPython(regrade, migrations.RunPython.noop),
        migrations.RunPython(update_editors_group, migrations.RunPython.noop),
    ]
