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
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
# One JSON object per request, with the id our middleware put on the response.
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "name": "gunicorn.access", '
    '"method": "%(m)s", "path": "%(U)s", "query": "%(q)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_ms": %(M)s, "remote": "%(h)s", '
    '"user_agent": "%(a)s", "request_id": "%({x-request-id}o)s"}'
)
