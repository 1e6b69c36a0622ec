from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import api
from .search.api import SearchView
from .search.entries import OfflineSearchEntryView, OfflineSearchNamesView

app_name = "api"

urlpatterns = [
    path("conditions/", api.ConditionListView.as_view(), name="condition-list"),
    path("conditions/<slug:slug>/", api.ConditionDetailView.as_view(), name="condition-detail"),
    path("search/", SearchView.as_view(), name="search"),
    path(
        "offline-search/conditions/<slug:slug>/",
        OfflineSearchEntryView.as_view(),
        name="offline-search-entry",
    ),
    path("offline-search/names/", OfflineSearchNamesView.as_view(), name="offline-search-names"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # Swagger UI's stylesheet draws its icons from data: URLs; no other page needs them.
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="conditions/swagger_ui.html"
            )
        ),
        name="docs",
    ),
]
