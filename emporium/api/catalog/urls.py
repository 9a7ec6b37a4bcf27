"""Catalog routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.api.catalog import branches, views

urlpatterns = [
    path("categories/", views.CategoryTreeApi.as_view(), name="category-list"),
    path(
        "categories/<slug:slug>/",
        views.CategoryDetailApi.as_view(),
        name="category-detail",
    ),
    path("products/", views.ProductListApi.as_view(), name="product-list"),
    path(
        "products/<slug:slug>/", views.ProductDetailApi.as_view(), name="product-detail"
    ),
    path("search/suggest/", views.SearchSuggestApi.as_view(), name="search-suggest"),
    path("shops/", views.ShopListApi.as_view(), name="shop-list"),
    path("shops/<slug:slug>/", views.ShopDetailApi.as_view(), name="shop-detail"),
    path(
        "shops/<slug:slug>/branches/",
        branches.ShopBranchListApi.as_view(),
        name="shop-branch-list",
    ),
]
