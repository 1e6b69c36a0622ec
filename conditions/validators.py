"""What an editor may type into a few fields, with messages that say what to type instead."""

from django.core.validators import RegexValidator, URLValidator

language_tag_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "Enter a language tag such as en, de or pt-BR.",
)

# Django's URLValidator also accepts ftp and ftps, which a phone cannot open from a page.
source_url_validator = URLValidator(
    schemes=["http", "https"],
    message="A source’s link must be a web address starting with http:// or https://, for "
    "example https://www.nhs.uk/conditions/dystonia/.",
    code="web_address",  # not "invalid", which a model form replaces with "Enter a valid URL."
)
