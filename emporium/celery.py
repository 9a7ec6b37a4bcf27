"""The Celery application. Without a broker, tasks run in-process (eager)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emporium.settings.dev")

app = Celery("emporium")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
