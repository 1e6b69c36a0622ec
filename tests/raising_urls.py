"""The site's URLs plus one page that fails, to see what a reader gets from a server error."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def failing_view(request):
    raise RuntimeError("a bug the reader must never see")


urlpatterns = [*urlpatterns, path("failing/", failing_view), path("api/v1/failing/", failing_view)]
