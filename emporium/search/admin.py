from django.contrib import admin

from emporium.search.models import SearchQueryLog


class ZeroResultsFilter(admin.SimpleListFilter):
    title = "results"
    parameter_name = "results"

    def lookups(self, request, model_admin):
        return [("zero", "Zero results"), ("some", "Some results")]

    def queryset(self, request, queryset):
        if self.value() == "zero":
            return queryset.filter(result_count=0)
        if self.value() == "some":
            return queryset.filter(result_count__gt=0)
        return queryset


@admin.register(SearchQueryLog)
class SearchQueryLogAdmin(admin.ModelAdmin):
    list_display = ["query", "normalized_query", "result_count", "created_at"]
    list_filter = [ZeroResultsFilter, "created_at"]
    search_fields = ["normalized_query"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "query",
        "normalized_query",
        "filters",
        "result_count",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
