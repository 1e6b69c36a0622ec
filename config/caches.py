"""The two caches, read from URLs (settings.CACHES).

"default" holds what every worker and server must agree on: the submission rate-limit counters
and the lock around them. "pages" holds rendered bodies (condition pages, API answers, the
offline manifest, the service worker), each filed under a key that changes with its content:
by default each worker keeps its own in memory; it may be a shared Redis instead.
"""

import logging

import environ
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# django-environ lower-cases every option of a redis:// URL (as Django's RedisCache wants its
# OPTIONS), these too, where Django reads them upper-case: `?key_prefix=guide` would be ignored.
BASE_OPTIONS = ("KEY_PREFIX", "KEY_FUNCTION", "TIMEOUT", "VERSION")
# A Redis that stops answering must not hold a server thread for long: after this many seconds
# a submission is answered "busy, try again" and a page is rendered without its cache.
REDIS_SOCKET_SECONDS = 2


def cache_from_url(url: str) -> dict:
    """Django's cache settings for `url`: dbcache://TABLE, redis://HOST:PORT/DB,
    pymemcache://HOST:PORT, locmemcache://NAME; options as query parameters."""
    config = environ.Env.cache_url_config(url)
    for option in BASE_OPTIONS:
        if option.lower() in config:
            config[option] = config.pop(option.lower())
    kind = config["BACKEND"].rsplit(".", 2)[-2]
    if kind in {"db", "filebased", "locmem"}:
        # Django's default of 300 entries would start forgetting readers' counters, and so their
        # limits, once 300 addresses had sent something within the hour.
        config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)
    if kind == "redis":
        options = config.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", REDIS_SOCKET_SECONDS)
        options.setdefault("socket_timeout", REDIS_SOCKET_SECONDS)
    return config


def shared_cache(url: str) -> dict:
    return cache_from_url(url)


def pages_cache(url: str, *, release: str) -> dict:
    """Each worker's memory unless `url` names a shared cache. Bodies in a shared cache are kept a
    day, under a prefix naming the release: servers of two releases, side by side during a
    deploy, never serve each other's."""
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rendered-pages",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    config = cache_from_url(url)
    config.setdefault("TIMEOUT", 24 * 3600)
    config["KEY_PREFIX"] = ":".join(filter(None, [config.get("KEY_PREFIX"), "pages", release]))
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = "config.caches.PagesRedisCache"
    return config


class PagesRedisCache(RedisCache):
    """A cache of what can always be made again: while Redis cannot be reached, each body is
    rendered for the request at hand (a miss), never answered with an error."""

    def get(self, key, default=None, version=None):
        return self._forgiving(super().get, default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._forgiving(super().get_many, {}, keys, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forgiving(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgiving(super().set_many, [], data, timeout, version)

    def _forgiving(self, method, fallback, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            logger.warning("The pages cache could not be reached: %s", error)
            return fallback
