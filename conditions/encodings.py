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


# Brotli's best quality takes seconds a megabyte (14 s for the offline manifest of 20,000
# conditions, 6 MB); a body larger than this is compressed at a quality that takes milliseconds
# (0.11 s for that manifest: 578 KB rather than 435 KB).
BEST_QUALITY_AT_MOST = 1_000_000
LARGE_BODY_QUALITY = 5


def _compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        large = len(content) > BEST_QUALITY_AT_MOST
        quality = LARGE_BODY_QUALITY if large else 11
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=quality)
    return gzip.compress(content, compresslevel=9, mtime=0)


class Unkept(bytes):
    """A body made for one answer only: compressed as any other, never kept (a better one will
    be made for the next)."""


def encoded_body(cache_key: str, encoding: str, build_content) -> bytes:
    """The body in this encoding, from this worker's cache or made (and kept) now."""
    cache = caches["pages"]
    body = cache.get(f"{cache_key}:{encoding}")
    if body is None:
        plain = cache.get(f"{cache_key}:identity")
        if plain is None:
            plain = build_content()
            plain = plain.encode() if isinstance(plain, str) else plain
            if isinstance(plain, Unkept):
                return plain if encoding == "identity" else _compress(plain, encoding)
            cache.set(f"{cache_key}:identity", plain)
        body = plain if encoding == "identity" else _compress(plain, encoding)
        cache.set(f"{cache_key}:{encoding}", body)
    return body
