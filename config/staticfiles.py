"""Which static files `collectstatic` gathers: everything the app serves, and nothing it never
does. Compressing each file with Brotli and gzip is most of a first start, so leaving out
Django REST framework's browsable-API files (this API speaks JSON only), the ReDoc bundle (the
docs page is Swagger UI) and source maps saves most of that time."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class GuideStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "rest_framework",
        "redoc",
        "*.LICENSE.txt",
        "oauth2-redirect.*",
    ]
