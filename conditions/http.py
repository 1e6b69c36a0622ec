"""Answers browsers and CDNs may keep: conditional responses with strong validators, and each
body compressed once per worker. Used by the content API and by the patient app's pages.
"""

import json

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from .encodings import encoded_body, preferred_encoding

# Browsers and CDNs may keep a copy, but must ask (cheaply, with the ETag) before reusing it.
CACHE_CONTROL = "public, no-cache"


def json_bytes(value) -> bytes:
    """`value` as the API sends it: UTF-8, no spaces, keys in the order they were built."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def conditional_response(
    request,
    *,
    etag: str,
    last_modified,
    build_content,
    content_type: str,
    cache_key: str | None = None,
) -> HttpResponse:
    """A response browsers and CDNs may keep, or 304 when the client's copy is current.

    With a `cache_key` (which must change whenever the content does), each worker keeps the body
    and its Brotli and gzip encodings, so a phone is sent the smallest and nothing is compressed
    twice.
    """
    encoding = preferred_encoding(request) if cache_key else "identity"
    # An encoded body is a different representation of the same content: weak, as Django's
    # GZipMiddleware makes it (a weak ETag still matches If-None-Match).
    etag = f'"{etag}"' if encoding == "identity" else f'W/"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is not None:
        response = not_modified
    elif cache_key:
        response = HttpResponse(
            encoded_body(cache_key, encoding, build_content), content_type=content_type
        )
        if encoding != "identity":
            response["Content-Encoding"] = encoding
    else:
        response = HttpResponse(build_content(), content_type=content_type)
    if cache_key:
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def conditional_json(
    request, *, etag: str, last_modified, build_body, cache_key: str | None = None
) -> HttpResponse:
    return conditional_response(
        request,
        etag=etag,
        last_modified=last_modified,
        build_content=lambda: json_bytes(build_body()),
        content_type="application/json",
        cache_key=cache_key,
    )
