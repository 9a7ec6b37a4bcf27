"""Logging helpers: every record carries the request id (or "-")."""

import logging

from emporium.core.request_context import get_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs 4xx/5xx responses ("django.request") after the
            # middleware has left, but passes the request along.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", get_request_id())
        return True
