"""Vendor API routes of this part, included by `api/vendor/urls.py`:
applications, the shop profile, the team and branches."""

from django.urls import path

from emporium.api.vendor import shop

urlpatterns = [
    path(
        "shop-applications/",
        shop.ShopApplicationListApi.as_view(),
        name="vendor-shop-application-list",
    ),
    path(
        "shop-applications/<slug:slug>/resubmit/",
        shop.ShopApplicationResubmitApi.as_view(),
        name="vendor-shop-application-resubmit",
    ),
    path("shop/", shop.VendorShopApi.as_view(), name="vendor-shop"),
    path("team/", shop.TeamApi.as_view(), name="vendor-team"),
    path(
        "team/invitations/",
        shop.InvitationListApi.as_view(),
        name="vendor-invitation-list",
    ),
    path(
        "team/invitations/<int:id>/",
        shop.InvitationDetailApi.as_view(),
        name="vendor-invitation-detail",
    ),
    path(
        "team/members/<int:id>/",
        shop.MemberDetailApi.as_view(),
        name="vendor-member-detail",
    ),
    path("branches/", shop.BranchListApi.as_view(), name="vendor-branch-list"),
    path(
        "branches/<int:id>/",
        shop.BranchDetailApi.as_view(),
        name="vendor-branch-detail",
    ),
]
