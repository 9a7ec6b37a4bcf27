"""The WSGI application: Django, behind the storefront's front cache when
`FRONT_CACHE` is on (the default; see docs/performance.md)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emporium.settings.production")

application = get_wsgi_application()

if settings.FRONT_CACHE:
    from emporium.storefront.frontcache import FrontCache

    application = FrontCache(application)
