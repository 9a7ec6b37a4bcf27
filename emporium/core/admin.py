from django.contrib import admin

from emporium.core.models import OutboxEvent


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at", "delivered_at", "attempts", "request_id"]
    list_filter = ["name", ("delivered_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "request_id"]
    readonly_fields = [f.name for f in OutboxEvent._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
