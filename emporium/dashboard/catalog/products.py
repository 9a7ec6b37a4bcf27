"""Dashboard pages of the shop's own products: the list, create, the product
page (fields, attribute values, variants, images), archive.

Reads go through `catalog.shop_selectors`, writes through
`catalog.services.shop_catalog`, both scoped to `request.vendor_shop`:
another shop's product, variant or image is a 404 page. Every write is a
POST that redirects back (htmx requests swap the part they asked for).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from emporium.catalog import shop_selectors as selectors
from emporium.catalog.models import Product
from emporium.catalog.services import UNSET
from emporium.catalog.services import shop_catalog as services
from emporium.dashboard.access import vendor_required
from emporium.dashboard.catalog.common import (
    attempt,
    attempt_or_message,
    or_404,
    page_of,
)
from emporium.dashboard.catalog.forms import (
    AttributesForm,
    ImageForm,
    ImageUploadForm,
    ProductFilterForm,
    ProductForm,
    VariantForm,
)
from emporium.dashboard.pages import render_dashboard


def _product_form(request: HttpRequest, **kwargs) -> ProductForm:
    return ProductForm(
        request.POST if request.method == "POST" else None,
        categories=selectors.list_assignable_categories(),
        brands=selectors.list_brands(),
        **kwargs,
    )


def _attributes_form(request: HttpRequest, product: Product, *, bound: bool):
    return AttributesForm(
        request.POST if bound else None,
        attributes=list(selectors.list_attributes_with_choices()),
        product=product,
    )


def _render_product(request: HttpRequest, product: Product, **forms) -> HttpResponse:
    """The product page, with the forms given (bound, with errors) or fresh."""
    images = product.image_list
    context = {
        "product": product,
        "form": forms.get("form")
        or ProductForm(
            initial=ProductForm.initial_for(product),
            categories=selectors.list_assignable_categories(),
            brands=selectors.list_brands(),
        ),
        "attributes_form": forms.get("attributes_form")
        or _attributes_form(request, product, bound=False),
        "upload_form": forms.get("upload_form") or ImageUploadForm(),
        "image_forms": [
            (
                image,
                ImageForm(
                    initial={
                        "alt_text": image.alt_text,
                        "position": image.position,
                        "variant": image.variant_id,
                    },
                    variants=product.variant_list,
                    prefix=f"image-{image.pk}",
                ),
            )
            for image in images
        ],
    }
    return render_dashboard(request, "dashboard/catalog/product_detail.html", context)


def _back_to(product_id: int, anchor: str = "") -> HttpResponse:
    response = redirect("dashboard:product-detail", product_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- The list and create --------------------------------------------------------


@vendor_required
@require_GET
def product_list(request: HttpRequest) -> HttpResponse:
    form = ProductFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    products = selectors.list_shop_products(
        shop=request.vendor_shop,
        text=data.get("q", "").strip(),
        status=data.get("status", ""),
    )
    page = page_of(request, products)
    return render_dashboard(
        request,
        "dashboard/catalog/products.html",
        {"filter_form": form, "page_obj": page, "products": page.object_list},
    )


@vendor_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest) -> HttpResponse:
    form = _product_form(request)
    if request.method == "POST" and form.is_valid():
        product = attempt(
            form,
            lambda: services.create_shop_product(
                shop=request.vendor_shop, **form.cleaned_data
            ),
        )
        if product is not None:
            messages.success(
                request, f"“{product.title}” was created. Add its variants and images."
            )
            return _back_to(product.pk)
    return render_dashboard(
        request, "dashboard/catalog/product_new.html", {"form": form}
    )


# --- The product page -----------------------------------------------------------


@vendor_required
@require_http_methods(["GET", "POST"])
def product_detail(request: HttpRequest, product_id: int) -> HttpResponse:
    shop = request.vendor_shop
    product = or_404(
        lambda: selectors.get_shop_product(shop=shop, product_id=product_id)
    )
    if request.method == "GET":
        return _render_product(request, product)
    form = _product_form(request)
    if form.is_valid():
        done = attempt(
            form,
            lambda: services.update_shop_product(
                shop=shop, product_id=product_id, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "The product was saved.")
            return _back_to(product_id)
    return _render_product(request, product, form=form)


@vendor_required
@require_POST
def product_attributes(request: HttpRequest, product_id: int) -> HttpResponse:
    shop = request.vendor_shop
    product = or_404(
        lambda: selectors.get_shop_product(shop=shop, product_id=product_id)
    )
    form = _attributes_form(request, product, bound=True)
    if form.is_valid():
        done = attempt(
            form,
            lambda: services.set_shop_product_attributes(
                shop=shop, product_id=product_id, values=form.values()
            ),
        )
        if done is not None:
            messages.success(request, "The attributes were saved.")
            return _back_to(product_id, "attributes")
    return _render_product(request, product, attributes_form=form)


@vendor_required
@require_POST
def product_archive(request: HttpRequest, product_id: int) -> HttpResponse:
    shop = request.vendor_shop
    product = or_404(
        lambda: services.archive_shop_product(shop=shop, product_id=product_id)
    )
    messages.success(request, f"“{product.title}” is archived: it is off sale.")
    return _back_to(product_id)


# --- Variants -------------------------------------------------------------------


@vendor_required
@require_http_methods(["GET", "POST"])
def variant_create(request: HttpRequest, product_id: int) -> HttpResponse:
    shop = request.vendor_shop
    product = or_404(
        lambda: selectors.get_shop_product(shop=shop, product_id=product_id)
    )
    form = VariantForm(
        request.POST if request.method == "POST" else None,
        options=list(selectors.list_options()),
    )
    if request.method == "POST" and form.is_valid():
        variant = attempt(
            form,
            lambda: services.create_shop_variant(
                shop=shop,
                product_id=product_id,
                options=form.chosen_options(),
                **form.fields_data(),
            ),
        )
        if variant is not None:
            messages.success(request, "The variant was added.")
            return _back_to(product_id, "variants")
    return render_dashboard(
        request,
        "dashboard/catalog/variant_form.html",
        {"product": product, "form": form, "variant": None},
    )


@vendor_required
@require_http_methods(["GET", "POST"])
def variant_edit(request: HttpRequest, variant_id: int) -> HttpResponse:
    shop = request.vendor_shop
    variant = or_404(
        lambda: selectors.get_shop_variant(shop=shop, variant_id=variant_id)
    )
    form = VariantForm(
        request.POST if request.method == "POST" else None,
        options=list(selectors.list_options()),
        variant=variant,
    )
    if request.method == "POST" and form.is_valid():
        current = {v.option.code: v.value for v in variant.option_list}
        chosen = form.chosen_options()
        done = attempt(
            form,
            lambda: services.update_shop_variant(
                shop=shop,
                variant_id=variant_id,
                options=chosen if chosen != current else UNSET,
                **form.fields_data(),
            ),
        )
        if done is not None:
            messages.success(request, "The variant was saved.")
            return _back_to(variant.product_id, "variants")
    return render_dashboard(
        request,
        "dashboard/catalog/variant_form.html",
        {"product": variant.product, "form": form, "variant": variant},
    )


@vendor_required
@require_POST
def variant_activity(request: HttpRequest, variant_id: int) -> HttpResponse:
    """Archive (`active=0`) or restore (`active=1`) a variant."""
    shop = request.vendor_shop
    variant = or_404(
        lambda: selectors.get_shop_variant(shop=shop, variant_id=variant_id)
    )
    active = request.POST.get("active") == "1"
    done = attempt_or_message(
        request,
        lambda: services.update_shop_variant(
            shop=shop, variant_id=variant_id, is_active=active
        ),
    )
    if done is not None:
        state = "is back on sale" if active else "is archived"
        messages.success(request, f"The variant {state}.")
    return _back_to(variant.product_id, "variants")


# --- Images ---------------------------------------------------------------------


@vendor_required
@require_POST
def image_upload(request: HttpRequest, product_id: int) -> HttpResponse:
    shop = request.vendor_shop
    product = or_404(
        lambda: selectors.get_shop_product(shop=shop, product_id=product_id)
    )
    form = ImageUploadForm(request.POST, request.FILES)
    if form.is_valid():
        image = attempt(
            form,
            lambda: services.add_shop_product_image(
                shop=shop,
                product_id=product_id,
                file=form.cleaned_data["file"],
                alt_text=form.cleaned_data["alt_text"],
            ),
        )
        if image is not None:
            messages.success(request, "The image was added; its thumbnails follow.")
            return _back_to(product_id, "images")
    return _render_product(request, product, upload_form=form)


@vendor_required
@require_POST
def image_edit(request: HttpRequest, image_id: int) -> HttpResponse:
    shop = request.vendor_shop
    image = or_404(lambda: selectors.get_shop_image(shop=shop, image_id=image_id))
    product = selectors.get_shop_product(shop=shop, product_id=image.product_id)
    form = ImageForm(
        request.POST, variants=product.variant_list, prefix=f"image-{image_id}"
    )
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: services.update_shop_product_image(
                shop=shop,
                image_id=image_id,
                alt_text=data["alt_text"],
                position=data["position"],
                variant_id=data["variant"],
            ),
        )
        if done is not None:
            messages.success(request, "The image was saved.")
            return _back_to(image.product_id, "images")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _back_to(image.product_id, "images")


@vendor_required
@require_POST
def image_delete(request: HttpRequest, image_id: int) -> HttpResponse:
    shop = request.vendor_shop
    image = or_404(lambda: selectors.get_shop_image(shop=shop, image_id=image_id))
    or_404(lambda: services.remove_shop_product_image(shop=shop, image_id=image_id))
    messages.success(request, "The image was deleted.")
    return _back_to(image.product_id, "images")
