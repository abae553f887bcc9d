"""Uzbek Cyrillic date formats: Django's Uzbek ones with their Latin words in Cyrillic
(25-октябр, 2006-йил). Everything else is Django's Uzbek."""

from django.conf.locale.uz.formats import *  # noqa: F403

DATE_FORMAT = r"j-E, Y-\й\и\л"
DATETIME_FORMAT = r"j-E, Y-\й\и\л G:i"
YEAR_MONTH_FORMAT = r"F Y-\й\и\л"
DATE_INPUT_FORMATS = ["%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M:%S.%f", "%d.%m.%Y %H:%M"]
