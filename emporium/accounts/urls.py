"""Storefront account pages under /account/."""

from django.urls import path

from emporium.accounts import views

app_name = "accounts"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register-done"),
    path("verify/resend/", views.resend_verification, name="resend-verification"),
    path("verify/<str:token>/", views.verify_email, name="verify-email"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/done/", views.password_reset_done, name="password-reset-done"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
    path("", views.profile, name="profile"),
    path("password/", views.password_change, name="password-change"),
    path("addresses/", views.address_list, name="address-list"),
    path("addresses/new/", views.address_create, name="address-create"),
    path("addresses/<int:pk>/", views.address_update, name="address-update"),
    path("addresses/<int:pk>/delete/", views.address_delete, name="address-delete"),
]
