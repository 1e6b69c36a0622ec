"""What the OpenAPI schema says of the submission fields: exactly what the serializers accept, so
that a client generated from it, or schemathesis, never meets a refusal the schema did not
announce."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from .text import written_text_pattern


class WrittenTextSchema(OpenApiSerializerFieldExtension):
    target_class = "submissions.serializers.WrittenText"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        schema = {"type": "string", "pattern": "^[^\\x00]*$"}
        if not field.allow_blank:
            pattern = written_text_pattern(format_characters_count=field.format_characters_count)
            schema.update(minLength=1, pattern=pattern)
        return schema


class AgreementSchema(OpenApiSerializerFieldExtension):
    target_class = "submissions.serializers.Agreement"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "boolean"}


class ConsentSchema(OpenApiSerializerFieldExtension):
    target_class = "submissions.serializers.Consent"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "boolean", "enum": [True]}


class HoneypotSchema(OpenApiSerializerFieldExtension):
    target_class = "submissions.serializers.Honeypot"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "maxLength": 0}
