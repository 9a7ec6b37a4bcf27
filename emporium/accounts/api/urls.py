"""Accounts routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.accounts.api import views

urlpatterns = [
    path("auth/register/", views.RegisterApi.as_view(), name="auth-register"),
    path("auth/verify-email/", views.VerifyEmailApi.as_view(), name="auth-verify"),
    path(
        "auth/verify-email/resend/",
        views.VerifyEmailResendApi.as_view(),
        name="auth-verify-resend",
    ),
    path("auth/token/", views.TokenObtainApi.as_view(), name="auth-token"),
    path(
        "auth/token/refresh/",
        views.TokenRefreshApi.as_view(),
        name="auth-token-refresh",
    ),
    path("auth/logout/", views.LogoutApi.as_view(), name="auth-logout"),
    path(
        "auth/password-reset/",
        views.PasswordResetApi.as_view(),
        name="auth-password-reset",
    ),
    path(
        "auth/password-reset/confirm/",
        views.PasswordResetConfirmApi.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("me/", views.MeApi.as_view(), name="me"),
    path("me/addresses/", views.AddressListApi.as_view(), name="address-list"),
    path(
        "me/addresses/<int:id>/",
        views.AddressDetailApi.as_view(),
        name="address-detail",
    ),
]
