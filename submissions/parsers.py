"""Reading a submission's JSON body without letting its shape hurt the server."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from . import messages

# A submission is one object of strings and booleans. A few levels leave room for a client that
# wraps a value, and refuse a body nested thousands deep before anything walks it.
MAX_NESTING = 8


def nesting_depth(value, *, limit: int) -> int:
    """How deeply lists and objects nest in `value`, counted without recursion and up to
    `limit + 1` only, so a hostile body costs no more than its size to check."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)
    return deepest


class SubmissionJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(messages.too_deep(MAX_NESTING)) from None
        if nesting_depth(data, limit=MAX_NESTING) > MAX_NESTING:
            raise ParseError(messages.too_deep(MAX_NESTING))
        return data
