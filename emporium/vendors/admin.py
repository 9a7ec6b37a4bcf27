"""Staff admin for shops: profile edits, status history, approval actions."""

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from emporium.core.admin_actions import apply_to_each
from emporium.core.errors import DomainError
from emporium.core.html import sanitize_html
from emporium.vendors.constants import MAX_REASON_LENGTH
from emporium.vendors.models import (
    Shop,
    ShopBranch,
    ShopInvitation,
    ShopMember,
    ShopStatusEvent,
)
from emporium.vendors.services import (
    approve_shop,
    clean_social_links,
    reinstate_shop,
    reject_shop,
    suspend_shop,
)


class ShopStatusEventInline(admin.TabularInline):
    model = ShopStatusEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ShopMemberInline(admin.TabularInline):
    model = ShopMember
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]


class ShopInvitationInline(admin.TabularInline):
    model = ShopInvitation
    extra = 0
    can_delete = False
    fields = [
        "email",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invited_by")


class ShopBranchInline(admin.StackedInline):
    # Read here; vendors edit branches through the services (dashboard, API),
    # which check the opening hours and coordinates.
    model = ShopBranch
    extra = 0
    fields = [
        "name",
        ("line1", "line2"),
        ("postal_code", "city", "country"),
        "phone",
        ("latitude", "longitude"),
        "opening_hours",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ShopAdminForm(forms.ModelForm):
    class Meta:
        model = Shop
        fields = [
            "name",
            "slug",
            "owner",
            "logo",
            "description",
            "commission_rate",
            "prices_include_tax",
            "default_currency",
            "contact_email",
            "contact_phone",
            "returns_policy",
            "shipping_policy",
            "social_links",
        ]

    def clean_description(self) -> str:
        return sanitize_html(self.cleaned_data["description"])

    def clean_social_links(self) -> dict:
        try:
            return clean_social_links(self.cleaned_data["social_links"] or {})
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=MAX_REASON_LENGTH,
        help_text="The owner reads this in the email we send them.",
    )


def _decision_action(decide, label: str, *, done: str, needs_reason: bool = False):
    """An admin action calling one `services.decisions` function per shop.

    With `needs_reason`, the first click shows a page asking why (the same
    reason goes to every selected shop's owner); its submit runs the action.
    """

    def action(modeladmin, request: HttpRequest, queryset: QuerySet[Shop]):
        reason = ""
        if needs_reason:
            form = ReasonForm(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return TemplateResponse(
                    request,
                    "vendors/admin/shop_reason.html",
                    {
                        **modeladmin.admin_site.each_context(request),
                        "title": label,
                        "form": form,
                        "shops": queryset,
                        "action": request.POST["action"],
                        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
                        "opts": modeladmin.model._meta,
                    },
                )
            reason = form.cleaned_data["reason"]
        apply_to_each(
            modeladmin,
            request,
            queryset.values_list("pk", flat=True),
            lambda shop_id: decide(shop_id=shop_id, actor=request.user, reason=reason),
            done=f"shop(s) {done}",
        )
        return None

    action.__name__ = decide.__name__
    return admin.action(description=label)(action)


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    form = ShopAdminForm
    list_display = ["name", "slug", "status", "owner", "commission_rate", "created_at"]
    list_filter = ["status", "prices_include_tax"]
    search_fields = ["name", "slug", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "commission_accepted_at", "created_at", "updated_at"]
    inlines = [
        ShopMemberInline,
        ShopInvitationInline,
        ShopBranchInline,
        ShopStatusEventInline,
    ]
    actions = [
        _decision_action(approve_shop, "Approve selected shops", done="approved"),
        _decision_action(
            reject_shop, "Reject selected shops…", done="rejected", needs_reason=True
        ),
        _decision_action(
            suspend_shop, "Suspend selected shops…", done="suspended", needs_reason=True
        ),
        _decision_action(
            reinstate_shop, "Reinstate selected suspended shops", done="reinstated"
        ),
    ]
