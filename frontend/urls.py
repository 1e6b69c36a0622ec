from django.urls import path

from . import pwa, views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
    path("conditions/<slug:slug>/", views.condition_page, name="condition_detail"),
    path("conditions/<slug:slug>/feedback/", views.condition_feedback, name="feedback"),
    path(
        "conditions/<slug:slug>/feedback/sent/",
        views.submission_sent,
        {"kind": "feedback"},
        name="feedback_sent",
    ),
    path("conditions/<slug:slug>/comments/", views.condition_comment, name="comment"),
    path(
        "conditions/<slug:slug>/comments/sent/",
        views.submission_sent,
        {"kind": "comment"},
        name="comment_sent",
    ),
    path("search/", views.search, name="search"),
    path("terms/", views.terms, name="terms"),
    path("offline/", views.offline, name="offline"),
    path("ask/", views.ask, name="ask"),
    path("ask/sent/", views.ask_sent, name="ask_sent"),
    path("jsi18n/", pwa.javascript_catalogue, name="javascript_catalogue"),
    path("manifest.webmanifest", pwa.web_manifest, name="web_manifest"),
]
