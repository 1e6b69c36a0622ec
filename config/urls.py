from django.contrib import admin
from django.urls import include, path

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
    path("", include("frontend.urls")),
]

handler400 = "frontend.views.bad_request"
handler403 = "frontend.views.forbidden"
handler404 = "frontend.views.not_found"
handler500 = "frontend.views.server_error"
