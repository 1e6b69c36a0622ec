"""What counts as something written in the text readers send.

A name made of format characters alone (zero-width spaces, right-to-left overrides) is no name,
and such characters could reverse what follows a name on the page, so names lose them. Longer
texts keep them (emoji sequences need the zero-width joiner) and are isolated on the page instead.
"""

import functools
import unicodedata


def is_format_character(character: str) -> bool:
    return unicodedata.category(character) == "Cf"


def without_format_characters(value: str) -> str:
    return "".join(character for character in value if not is_format_character(character))


@functools.cache
def written_text_pattern(*, format_characters_count: bool) -> str:
    """A regular expression, read alike by Python and JSON Schema, for a value that holds at
    least one character that is neither white space (as str.strip() sees it) nor, unless
    `format_characters_count`, a format character; and no NUL, which the API refuses.

    Only the Basic Multilingual Plane is listed: tools that rewrite patterns (schemathesis)
    escape characters beyond it in Python's way, which JSON Schema's regular expressions refuse.
    A name of astral format characters alone (tag characters) is still refused, by the API.
    """
    unseen = []
    for code in range(0x10000):
        character = chr(code)
        if character.isspace() or (not format_characters_count and is_format_character(character)):
            unseen.append("\\" + character if character in "\\]^-[" else character)
    return f"^[^\\x00]*[^\\x00{''.join(unseen)}][^\\x00]*$"
