"""Staff admin for reviews: read them, hide or publish them (moderation).

Reviews are changed only through `reviews.services`, so the rating
summaries stay exact: the admin shows every field read only, adds and
deletes nothing, and moderates with actions that call the services.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from emporium.core.admin_actions import apply_to_each
from emporium.reviews import services
from emporium.reviews.models import Review, ReviewStatusEvent

MODERATED_BY_STAFF = "Moderated in the admin."


class ReviewStatusEventInline(admin.TabularInline):
    model = ReviewStatusEvent
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


class SubjectFilter(admin.SimpleListFilter):
    title = "about"
    parameter_name = "about"

    def lookups(self, request, model_admin):
        return [("product", "Products"), ("shop", "Shops")]

    def queryset(self, request, queryset):
        if self.value() == "product":
            return queryset.filter(product__isnull=False)
        if self.value() == "shop":
            return queryset.filter(shop__isnull=False)
        return queryset


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "rating",
        "title",
        "product",
        "shop",
        "author",
        "status",
        "is_verified_purchase",
        "created_at",
    ]
    list_filter = ["status", SubjectFilter, "rating", "is_verified_purchase"]
    search_fields = ["title", "body", "author__email", "product__title", "shop__name"]
    list_select_related = ["product", "shop", "author"]
    readonly_fields = [
        "product",
        "shop",
        "author",
        "rating",
        "title",
        "body",
        "status",
        "is_verified_purchase",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields
    inlines = [ReviewStatusEventInline]
    actions = ["hide_reviews", "publish_reviews"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description="Hide the selected reviews", permissions=["change"])
    def hide_reviews(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda pk: services.hide_review(
                review_id=pk, actor=request.user, reason=MODERATED_BY_STAFF
            ),
            done="review(s) hidden",
        )

    @admin.action(description="Publish the selected reviews", permissions=["change"])
    def publish_reviews(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        apply_to_each(
            self,
            request,
            queryset.values_list("pk", flat=True),
            lambda pk: services.publish_review(
                review_id=pk, actor=request.user, reason=MODERATED_BY_STAFF
            ),
            done="review(s) published",
        )
