from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_organisation_search_text")]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("ru", "Russian"),
                    ("uz", "Uzbek"),
                    ("uz-cyrl", "Uzbek (Cyrillic)"),
                    ("en", "English"),
                ],
                default="",
                max_length=8,
                verbose_name="language",
            ),
        ),
    ]
