"""The public shape of a condition: what its page, the API and the offline app show.

Publishing runs ConditionDetailSerializer once and stores its output; public reads serve that
stored copy and never run these serializers. They also document the API schema.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import content
from .markdown import render_markdown
from .models import Author, Condition, Section, Source


class SectionSerializer(serializers.ModelSerializer):
    anchor = serializers.CharField(read_only=True)
    html = serializers.SerializerMethodField(help_text="The body as sanitized HTML.")

    class Meta:
        model = Section
        fields = ["kind", "urgency", "heading", "anchor", "html"]

    def get_html(self, section: Section) -> str:
        return str(render_markdown(section.body))


class AuthorSerializer(serializers.ModelSerializer):
    short_name = serializers.CharField(source="display_short_name", read_only=True)

    class Meta:
        model = Author
        fields = ["name", "short_name", "credentials", "bio", "bio_language"]


class ReviewerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["name", "credentials"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["title", "publisher", "year", "url"]


class RelatedConditionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()


# A payload's keys besides the text fields, in the order of the page (after the head's text, the
# sections and people, then the trust fields, then the rest).
BODY_KEYS = ("sections", "author", "reviewer")
END_KEYS = ("last_reviewed", "next_review_due", "related", "sources", "page_url")
SERVED_KEYS = ("revision", "updated_at")  # set when a copy is published
DETAIL_KEYS = BODY_KEYS + END_KEYS + SERVED_KEYS
PAYLOAD_KEYS = content.payload_order(between=BODY_KEYS, after=END_KEYS + SERVED_KEYS)


class ConditionDetailSerializer(serializers.ModelSerializer):
    """A condition as patients are sent it; its text fields come from `content.CONTENT_FIELDS`."""

    sections = SectionSerializer(many=True, read_only=True)
    author = AuthorSerializer(read_only=True, allow_null=True)
    reviewer = ReviewerSerializer(
        source="reviewed_by",
        read_only=True,
        allow_null=True,
        help_text="The clinical reviewer who last published this page.",
    )
    related = serializers.SerializerMethodField()
    sources = SourceSerializer(many=True, read_only=True)
    page_url = serializers.SerializerMethodField(help_text="Address of the patient page.")
    revision = serializers.CharField(
        read_only=True, help_text="Changes when, and only when, the published content changes."
    )
    updated_at = serializers.DateTimeField(
        read_only=True, help_text="When the published content last changed."
    )

    class Meta:
        model = Condition
        # Plain text fields are described by the model; the others are added by get_fields.
        fields = [
            *(field.name for field in content.CONTENT_FIELDS if field.form is content.Form.TEXT),
            *DETAIL_KEYS,
        ]

    def get_fields(self):
        fields = super().get_fields()
        for field in content.CONTENT_FIELDS:
            if field.form is not content.Form.TEXT:
                fields[field.payload_key] = field.api_field()
        return {key: fields[key] for key in PAYLOAD_KEYS}

    @extend_schema_field(RelatedConditionSerializer(many=True))
    def get_related(self, condition: Condition) -> list[dict]:
        """Related conditions patients can open, by their published title."""
        return related_links(other.publication for other in condition.related.all())

    def get_page_url(self, condition: Condition) -> str:
        return condition.get_absolute_url()  # in the condition's language (/de/… in German)


def related_links(publications) -> list[dict]:
    links = [{"slug": p.slug, "title": p.title} for p in publications]
    return sorted(links, key=lambda link: (link["title"], link["slug"]))


class ConditionSummarySerializer(serializers.Serializer):
    """One entry of the paginated list; every field comes from the published copy."""

    updated_at = serializers.DateTimeField()
    revision = serializers.CharField()
    url = serializers.CharField(help_text="Address of this condition in the API.")

    def get_fields(self):
        listed = {
            field.payload_key: serializers.ListField(child=serializers.CharField())
            if field.form is content.Form.NAMES
            else serializers.CharField()
            for field in content.CONTENT_FIELDS
            if field.listed
        }
        return {**listed, **super().get_fields()}
