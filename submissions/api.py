"""POST endpoints for what readers send. Each call carries an Idempotency-Key header: sending the
same key again returns the first answer and stores nothing new."""

import uuid

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from . import messages
from .kinds import COMMENT, FEEDBACK, QUESTION, Kind
from .limits import body_refusal, throttle_wait
from .parsers import SubmissionJSONParser
from .serializers import (
    CommentSubmissionSerializer,
    ErrorSerializer,
    FeedbackSubmissionSerializer,
    QuestionSubmissionSerializer,
    ReceiptSerializer,
)
from .services import KeyReused, request_fingerprint, submission_replay

KEY_HEADER = "Idempotency-Key"


class BodyRefused(exceptions.APIException):
    """A body refused before it is read: 411 without a length, 413 when too large."""

    def __init__(self, status_code: int, detail: str):
        self.status_code = status_code
        super().__init__(detail)


def receipt(kind: Kind, submission) -> dict:
    return {
        "id": str(submission.idempotency_key),
        "kind": kind.name,
        "received_at": submission.created_at.isoformat(),
        "message": messages.THANKS[kind.name],
    }


def _schema(serializer, summary: str):
    field_errors = OpenApiResponse(
        description="A field (named in the body) was refused; nothing was stored."
    )
    return extend_schema(
        summary=summary,
        request=serializer,
        parameters=[
            OpenApiParameter(
                KEY_HEADER,
                OpenApiTypes.UUID,
                OpenApiParameter.HEADER,
                required=True,
                description="A new UUID for each submission, the same on every retry of it.",
            )
        ],
        responses={
            201: ReceiptSerializer,
            400: field_errors,
            411: OpenApiResponse(
                ErrorSerializer, description="The body was sent without a Content-Length."
            ),
            413: OpenApiResponse(ErrorSerializer, description="The body is too large."),
            415: OpenApiResponse(ErrorSerializer, description="The body is not JSON."),
            422: OpenApiResponse(description="The key was already used for other content."),
            429: OpenApiResponse(
                ErrorSerializer, description="Too many submissions; see Retry-After."
            ),
        },
    )


class SubmissionView(APIView):
    kind: Kind
    serializer_class = None
    # Throttling is checked by hand in `post`: a retry of something already stored never counts.
    throttle_classes = []
    parser_classes = [SubmissionJSONParser]

    def dispatch(self, request, *args, **kwargs):
        """Answers (receipts, refusals) in the language the client asks for in Accept-Language,
        as the app's outbox does for the page a message was written on; English otherwise."""
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            response["Content-Language"] = language
            # Rendered here, while the language is active (DRF renders lazily otherwise).
            return response.render() if hasattr(response, "render") else response

    def post(self, request):
        refusal = body_refusal(request)
        if refusal is not None:
            raise BodyRefused(*refusal)
        key = self._key(request)
        if not isinstance(request.data, dict):
            raise exceptions.ParseError("Send a JSON object.")
        fingerprint = request_fingerprint(request.data)
        try:
            stored = submission_replay(self.kind.model, key=key, fingerprint=fingerprint)
            if stored is not None:
                return self._receipt(stored, replayed=True)
            wait = throttle_wait(request)
            if wait is not None:
                raise exceptions.Throttled(wait=wait, detail=messages.rate_limited(wait))
            serializer = self.serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            # A question records the language of the answer above (Accept-Language).
            data = {**serializer.validated_data, "language": translation.get_language()}
            submission, created = self.kind.submit(key=key, fingerprint=fingerprint, data=data)
        except KeyReused:
            return Response(
                {KEY_HEADER: [messages.KEY_REUSED]}, status=status.HTTP_422_UNPROCESSABLE_ENTITY
            )
        return self._receipt(submission, replayed=not created)

    def _key(self, request) -> uuid.UUID:
        try:
            return uuid.UUID(request.headers.get(KEY_HEADER, ""))
        except ValueError:
            raise exceptions.ValidationError({KEY_HEADER: [messages.KEY_INVALID]}) from None

    def _receipt(self, submission, *, replayed: bool) -> Response:
        response = Response(receipt(self.kind, submission), status=status.HTTP_201_CREATED)
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class QuestionSubmitView(SubmissionView):
    kind = QUESTION
    serializer_class = QuestionSubmissionSerializer

    @_schema(QuestionSubmissionSerializer, "Send the team a question")
    def post(self, request):
        return super().post(request)


class FeedbackSubmitView(SubmissionView):
    kind = FEEDBACK
    serializer_class = FeedbackSubmissionSerializer

    @_schema(FeedbackSubmissionSerializer, "Say whether a condition page was helpful")
    def post(self, request):
        return super().post(request)


class CommentSubmitView(SubmissionView):
    kind = COMMENT
    serializer_class = CommentSubmissionSerializer

    @_schema(CommentSubmissionSerializer, "Leave a comment, shown once the team approves it")
    def post(self, request):
        return super().post(request)
