from django.urls import path

from . import api

app_name = "submissions-api"

urlpatterns = [
    path("questions/", api.QuestionSubmitView.as_view(), name="questions"),
    path("feedback/", api.FeedbackSubmitView.as_view(), name="feedback"),
    path("comments/", api.CommentSubmitView.as_view(), name="comments"),
]
