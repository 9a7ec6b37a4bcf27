"""Storefront review pages: the reviews of a product or a shop, page by page,
and writing, editing and deleting one's own review.

The product and shop pages (cached for everyone) show the rating and the
first reviews, and for a signed-in visitor load the review form from here
by htmx after the page: the form is the visitor's own, never cached. Every
page also works without JavaScript (plain links and forms, then a
redirect). Thin edges: a form, one service or selector, a render.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emporium.catalog.errors import ProductNotFound
from emporium.catalog.models import Product
from emporium.core.errors import DomainError, InvalidInput
from emporium.reviews import selectors, services
from emporium.reviews.constants import ReviewStatus, ReviewSubject
from emporium.reviews.errors import ReviewNotFound
from emporium.reviews.forms import ReviewForm
from emporium.reviews.models import Review
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.models import Shop

# Sent with every change, so the page's review section reloads itself.
REVIEWS_CHANGED_EVENT = "reviews-changed"
DONE_MESSAGES = {
    ReviewStatus.PUBLISHED: "Thank you: your review is published.",
    ReviewStatus.PENDING: "Thank you: your review will show once our team has "
    "checked it.",
    ReviewStatus.HIDDEN: "Your review is saved. Our moderators have hidden it, "
    "so it does not show.",
}


@dataclass(frozen=True, slots=True)
class Subject:
    """What is reviewed (a product or a shop), with its names and pages."""

    kind: ReviewSubject
    item: Product | Shop

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def slug(self) -> str:
        return self.item.slug

    @property
    def name(self) -> str:
        return self.item.title if self.kind == ReviewSubject.PRODUCT else self.item.name

    @property
    def ids(self) -> dict[str, int]:
        return {f"{self.kind.value}_id": self.pk}

    @property
    def page_url(self) -> str:
        name = (
            "storefront:product"
            if self.kind == ReviewSubject.PRODUCT
            else "storefront:shop"
        )
        return reverse(name, args=[self.slug])

    @property
    def list_url(self) -> str:
        return reverse(f"reviews:{self.kind.value}-list", args=[self.slug])

    @property
    def form_url(self) -> str:
        return reverse(f"reviews:{self.kind.value}-form", args=[self.slug])


def _product(slug: str) -> Subject:
    try:
        product = selectors.get_reviewable_product(slug=slug)
    except ProductNotFound as exc:
        raise Http404(exc.message) from exc
    return Subject(ReviewSubject.PRODUCT, product)


def _shop(slug: str) -> Subject:
    try:
        shop = selectors.get_reviewable_shop(slug=slug)
    except ShopNotFound as exc:
        raise Http404(exc.message) from exc
    return Subject(ReviewSubject.SHOP, shop)


def _subject_of(review: Review) -> Subject:
    if review.product_id:
        return Subject(ReviewSubject.PRODUCT, review.product)
    return Subject(ReviewSubject.SHOP, review.shop)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in first, then back: htmx is told to load the sign-in page in
    the window (not into the fragment), coming back to the page it is on."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if _is_htmx(request):
            back = request.headers.get("HX-Current-URL", "") or "/"
            query = urlencode({"next": back})
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{reverse(settings.LOGIN_URL)}?{query}"
            return response
        return redirect_to_login(request.get_full_path())

    return wrapper


# --- Reading ------------------------------------------------------------------


@require_GET
def product_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    return _list(request, _product(slug))


@require_GET
def shop_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    return _list(request, _shop(slug))


def _list(request: HttpRequest, subject: Subject) -> HttpResponse:
    """A page of the subject's reviews: the section alone for htmx (pages
    and reloads after a change), else a page of its own."""
    section = selectors.get_review_section(
        **{subject.kind.value: subject.item}, page=request.GET.get("page")
    )
    context = {"subject": subject, "section": section}
    if _is_htmx(request):
        return render(request, "reviews/_section.html", context)
    return render(request, "reviews/review_list.html", context)


# --- Writing ------------------------------------------------------------------


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def product_review_form(request: HttpRequest, slug: str) -> HttpResponse:
    return _write(request, _product(slug))


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def shop_review_form(request: HttpRequest, slug: str) -> HttpResponse:
    return _write(request, _shop(slug))


def _write(request: HttpRequest, subject: Subject) -> HttpResponse:
    """The visitor's review form: a new review, or theirs to edit."""
    own = selectors.find_own_review(author=request.user, **subject.ids)
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                review = services.create_review(
                    author=request.user, **subject.ids, **form.cleaned_data
                )
            except DomainError as exc:
                _add_errors(form, exc)
            else:
                return _done(request, subject, review)
    else:
        form = ReviewForm.for_review(own)
    return _render_form(request, subject, form, own)


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def edit_review(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _own(request, review_id)
    subject = _subject_of(review)
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                review = services.update_review(
                    review_id=review.pk, author=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                _add_errors(form, exc)
            else:
                return _done(request, subject, review)
    else:
        form = ReviewForm.for_review(review)
    return _render_form(request, subject, form, review)


@never_cache
@signed_in
@require_POST
def delete_review(request: HttpRequest, review_id: int) -> HttpResponse:
    subject = _subject_of(_own(request, review_id))
    try:
        services.delete_review(review_id=review_id, author=request.user)
    except ReviewNotFound as exc:
        raise Http404(exc.message) from exc
    if _is_htmx(request):
        response = _render_form(request, subject, ReviewForm(), None)
        response["HX-Trigger"] = REVIEWS_CHANGED_EVENT
        return response
    messages.success(request, "Your review is deleted.")
    return redirect(f"{subject.page_url}#reviews")


def _own(request: HttpRequest, review_id: int) -> Review:
    try:
        return selectors.get_own_review(review_id=review_id, author=request.user)
    except ReviewNotFound as exc:
        raise Http404(exc.message) from exc


def _render_form(
    request: HttpRequest, subject: Subject, form: ReviewForm, review: Review | None
) -> HttpResponse:
    action = reverse("reviews:edit", args=[review.pk]) if review else subject.form_url
    context = {"subject": subject, "form": form, "review": review, "action": action}
    template = "reviews/_form.html" if _is_htmx(request) else "reviews/review_form.html"
    return render(request, template, context)


def _done(request: HttpRequest, subject: Subject, review: Review) -> HttpResponse:
    """After a change: htmx gets the note in place of the form (and the
    section reloads); a plain form goes back to the page with the note."""
    note = DONE_MESSAGES[ReviewStatus(review.status)]
    if _is_htmx(request):
        context = {"subject": subject, "review": review, "note": note}
        response = render(request, "reviews/_form_done.html", context)
        response["HX-Trigger"] = REVIEWS_CHANGED_EVENT
        return response
    messages.success(request, note)
    return redirect(f"{subject.page_url}#reviews")


def _add_errors(form: ReviewForm, exc: DomainError) -> None:
    """A service's refusal as form errors: on its fields, else the form."""
    fields = exc.fields if isinstance(exc, InvalidInput) else {}
    for name, errors in fields.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)
    if not fields:
        form.add_error(None, exc.message)
