from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from frontend import pwa

admin.site.site_header = "Spasm & Dystonia Guide: editors"
admin.site.site_title = "Guide editors"
admin.site.index_title = "Guidance content"

urlpatterns = [
    path("admin/second-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("conditions.api_urls")),
    path("api/v1/", include("submissions.api_urls")),
    path("api/v1/", include("frontend.api_urls")),
    path("security/", include("security.urls")),
    # One worker for every language: at the root, it controls every page.
    path("sw.js", pwa.service_worker, name="service_worker"),
]
# Readers' pages: the first of LANGUAGES at today's addresses, each other under /<code>/.
urlpatterns += i18n_patterns(path("", include("frontend.urls")), prefix_default_language=False)

handler400 = "frontend.views.bad_request"
handler403 = "frontend.views.forbidden"
handler404 = "frontend.views.not_found"
handler500 = "frontend.views.server_error"
