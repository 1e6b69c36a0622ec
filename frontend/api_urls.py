from django.urls import path

from .offline import OfflineManifestView

app_name = "frontend-api"

urlpatterns = [
    path("offline-manifest/", OfflineManifestView.as_view(), name="offline-manifest"),
]
