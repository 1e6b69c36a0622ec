"""Which static files `collectstatic` gathers: everything the app serves, and nothing it never
does. Compressing each file with Brotli and gzip is most of a first start, so leaving out
Django REST framework's browsable-API files (this API speaks JSON only), the ReDoc bundle (the
docs page is Swagger UI) and source maps saves most of that time.

And how they are stored: as whitenoise serves them (hashed names, compressed copies), with the
patient app's ES modules importing each other by their hashed names."""

from django.contrib.staticfiles.apps import StaticFilesConfig
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Django rewrites `import … from "./x.js"` only when asked to (support_js_module_import_
# aggregation), and then in every .js file, the admin's and the API docs' bundles included: here
# in the app's own modules only: the patient app's and the admin change form's.
APP_MODULES = ("frontend/js/*.js", "conditions/js/*.js")


class GuideStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "rest_framework",
        "redoc",
        "*.LICENSE.txt",
        "oauth2-redirect.*",
    ]


class GuideStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = (
        *CompressedManifestStaticFilesStorage.patterns,
        *(
            (modules, ManifestStaticFilesStorage._js_module_import_aggregation_patterns[1])
            for modules in APP_MODULES
        ),
    )
