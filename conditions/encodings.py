"""Compressed bodies for the responses read most: each encoding made once per worker and kept.

Whitenoise does the same for static files at collectstatic time; these bodies change with the
published content, so they are compressed the first time a reader asks for them.
"""

import gzip

import brotli
from django.core.cache import caches

# Best first: Brotli is smaller than gzip for text; both are what every phone browser accepts.
ENCODINGS = ("br", "gzip")


def preferred_encoding(request) -> str:
    accepted = set()
    for item in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, parameters = item.strip().partition(";")
        quality = parameters.strip().removeprefix("q=")
        if name and not (parameters and quality.replace(".", "").strip("0") == ""):
            accepted.add(name.strip().lower())
    return next((name for name in ENCODINGS if name in accepted), "identity")


def _compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT)
    return gzip.compress(content, compresslevel=9, mtime=0)


def encoded_body(cache_key: str, encoding: str, build_content) -> bytes:
    """The body in this encoding, from this worker's cache or made (and kept) now."""
    cache = caches["pages"]
    body = cache.get(f"{cache_key}:{encoding}")
    if body is None:
        plain = cache.get(f"{cache_key}:identity")
        if plain is None:
            plain = build_content()
            plain = plain.encode() if isinstance(plain, str) else plain
            cache.set(f"{cache_key}:identity", plain)
        body = plain if encoding == "identity" else _compress(plain, encoding)
        cache.set(f"{cache_key}:{encoding}", body)
    return body
