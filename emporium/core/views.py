"""Health endpoints and the site-wide error handlers (JSON under /api/)."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from emporium.core.api.exceptions import error_body
from emporium.core.health import run_readiness_checks


@never_cache
@require_GET
def health_live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def health_ready(request: HttpRequest) -> JsonResponse:
    checks = run_readiness_checks()
    failing = sorted(name for name, result in checks.items() if not result["ok"])
    if failing:
        body = {"status": "unavailable", "failing": failing, "checks": checks}
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ok", "checks": checks})


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("not_found", "Not found."), status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest):
    if _wants_json(request):
        body = error_body(
            "server_error", "Something went wrong on our side; it has been logged."
        )
        return JsonResponse(body, status=500)
    return render(request, "500.html", status=500)


def permission_denied(request: HttpRequest, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("permission_denied", "Forbidden."), status=403)
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, exception=None):
    if _wants_json(request):
        return JsonResponse(error_body("bad_request", "Bad request."), status=400)
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = ""):
    if _wants_json(request):
        body = error_body("csrf_failed", "CSRF verification failed.")
        return JsonResponse(body, status=403)
    return render(request, "403_csrf.html", status=403)
