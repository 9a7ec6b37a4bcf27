"""Dashboard pages of this part, included by `dashboard/urls.py`: the shop
profile, the team and branches."""

from django.urls import path

from emporium.dashboard.shop import views

urlpatterns = [
    path("shop/", views.shop_profile, name="shop-profile"),
    path("team/", views.team, name="team"),
    path("team/invite/", views.team_invite, name="team-invite"),
    path(
        "team/invitations/<int:id>/revoke/",
        views.team_invitation_revoke,
        name="team-invitation-revoke",
    ),
    path(
        "team/members/<int:id>/remove/",
        views.team_member_remove,
        name="team-member-remove",
    ),
    path("branches/", views.branches, name="branches"),
    path("branches/new/", views.branch_create, name="branch-create"),
    path("branches/<int:id>/", views.branch_edit, name="branch-edit"),
    path("branches/<int:id>/delete/", views.branch_delete, name="branch-delete"),
]
