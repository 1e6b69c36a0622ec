from django.urls import path

from .offline import OfflineManifestView
from .page_parts import OfflinePartsView

app_name = "frontend-api"

urlpatterns = [
    path("offline-manifest/", OfflineManifestView.as_view(), name="offline-manifest"),
    path("offline-parts/", OfflinePartsView.as_view(), name="offline-parts"),
]
