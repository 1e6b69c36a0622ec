from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME, "retention_days": settings.SUBMISSION_RETENTION_DAYS}
