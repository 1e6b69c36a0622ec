"""gunicorn settings for `make serve` (and the browser tests), overridable from the environment.

gunicorn reads WEB_CONCURRENCY (worker processes) and GUNICORN_CMD_ARGS itself.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Each worker answers one request at a time; reads are fast (one query, or none), so a few
# per core keep a small server busy without crowding its memory.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# A phone on a bad connection is never left holding a worker for long.
timeout = 30
graceful_timeout = 10
accesslog = "-"
# The usual combined log, plus how long each request took and which worker answered it.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %(p)s'
errorlog = "-"
# gunicorn believes no proxy's X-Forwarded-* headers: Django decides, from DJANGO_NUM_PROXIES,
# how far to trust them, so a missing setting shows as a redirect loop rather than passing
# silently with every reader counted as the proxy's address.
forwarded_allow_ips = ""
# Nothing uses gunicorn's control socket, and several servers on one machine would share its path.
control_socket_disable = True
