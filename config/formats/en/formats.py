"""English dates and numbers as written in Britain (Django's "en" is American)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
