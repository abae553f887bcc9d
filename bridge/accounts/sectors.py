from django.utils.translation import gettext_lazy as _

SECTORS: list[tuple[str, object]] = [
    ("games", _("Games")),
    ("film", _("Film")),
    ("animation", _("Animation")),
    ("design", _("Design")),
    ("fashion", _("Fashion")),
    ("materials-supply", _("Materials supply")),
    ("crafts", _("Crafts")),
    ("music", _("Music")),
    ("digital-it", _("Digital and IT")),
    ("other", _("Other")),
]


def sector_label(code: str) -> object:
    return dict(SECTORS).get(code, code)
