"""gunicorn settings for `make serve` (and the browser tests), overridable from the environment.

gunicorn reads WEB_CONCURRENCY (worker processes) and GUNICORN_CMD_ARGS itself.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# A few worker processes per core, each answering with several threads. Threads, not one request
# per process: a phone sending its request slowly, or a write waiting for the database, holds one
# thread while the others keep serving, and gunicorn's threaded worker hands a connection that
# has sent nothing yet back to its poller instead of letting it hold a thread at all.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "gthread"
# The app caps writes in progress one below this (settings.SERVER_THREADS, the same variable).
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
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


def post_fork(server, worker):
    """Before the worker loads the app: the app caps writes one below the threads this worker
    really has (settings.SERVER_THREADS), whether they came from here, --threads or
    GUNICORN_CMD_ARGS."""
    os.environ["GUNICORN_THREADS"] = str(worker.cfg.threads)
