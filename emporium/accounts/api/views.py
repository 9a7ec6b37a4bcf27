"""REST endpoints of accounts (/api/v1/): sign-up, tokens, profile, addresses.

Each handler validates with a serializer, calls one service or selector of
`emporium.accounts` and renders. `DomainError`s are left to the API
exception handler, which answers `{"code", "detail", "fields"}`.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from emporium.accounts import selectors, services
from emporium.accounts.api import serializers as s
from emporium.accounts.errors import WeakPassword
from emporium.core.api.serializers import ErrorSerializer

AUTH_TAGS = ["auth"]
PROFILE_TAGS = ["profile"]
ADDRESS_TAGS = ["addresses"]


def errors(spec: dict[int, str]) -> dict[int, OpenApiResponse]:
    """Schema responses for the error statuses of an operation and their codes."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=f"Error codes: {codes}.")
        for code, codes in spec.items()
    }


NOT_AUTHENTICATED = {401: "`not_authenticated`, `token_not_valid`"}


def token_not_valid(exc: TokenError) -> AuthenticationFailed:
    """A refused JWT, with the code clients react to (sign in again)."""
    return AuthenticationFailed(str(exc), code="token_not_valid")


class PublicApi(APIView):
    # Anyone may call these; any credential needed is in the body. No
    # authentication runs, so a stale `Authorization` header cannot block a
    # sign-in or a refresh (and no CSRF check applies); a 401 still carries
    # the Bearer challenge. (A comment, not a docstring: the schema would
    # show a docstring as every subclass's description.)
    authentication_classes = ()
    permission_classes = (AllowAny,)

    def get_authenticate_header(self, request: Request) -> str:
        return f'{jwt_settings.AUTH_HEADER_TYPES[0]} realm="api"'


# --- Sign-up and email verification ------------------------------------------


class RegisterApi(PublicApi):
    @extend_schema(
        summary="Create a customer account",
        description="Sends the verification email. Sign-in needs a verified email.",
        tags=AUTH_TAGS,
        request=s.RegisterSerializer,
        responses={
            201: s.UserSerializer,
            **errors({400: "`invalid`, `weak_password`", 409: "`email_taken`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.register_user(**serializer.validated_data)
        return Response(s.UserSerializer(user).data, status=status.HTTP_201_CREATED)


class VerifyEmailApi(PublicApi):
    @extend_schema(
        summary="Verify an email address with the token from the link",
        tags=AUTH_TAGS,
        request=s.VerifyEmailSerializer,
        responses={
            200: s.VerifyEmailResultSerializer,
            **errors({400: "`invalid`, `invalid_token`, `token_expired`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.VerifyEmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.verify_email(token=serializer.validated_data["token"])
        result = {"detail": "Your email address is verified.", "user": user}
        return Response(s.VerifyEmailResultSerializer(result).data)


class VerifyEmailResendApi(PublicApi):
    @extend_schema(
        summary="Send a new verification link",
        description="Answers the same whether or not an unverified account exists.",
        tags=AUTH_TAGS,
        request=s.EmailSerializer,
        responses={202: s.DetailSerializer, **errors({400: "`invalid`"})},
    )
    def post(self, request: Request) -> Response:
        serializer = s.EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.request_email_verification(
            request=request, email=serializer.validated_data["email"]
        )
        detail = "If an unverified account uses this email, we sent it a new link."
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


# --- Tokens -------------------------------------------------------------------


class TokenObtainApi(PublicApi):
    @extend_schema(
        summary="Sign in: exchange email and password for a token pair",
        description="Repeated failures are throttled (429 with `Retry-After`).",
        tags=AUTH_TAGS,
        request=s.TokenObtainSerializer,
        responses={
            200: s.TokenPairSerializer,
            **errors(
                {
                    400: "`invalid`",
                    401: "`invalid_credentials`",
                    403: "`email_not_verified`",
                    429: "`too_many_attempts`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.TokenObtainSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.authenticate_user(request=request, **serializer.validated_data)
        return Response(
            s.TokenPairSerializer(services.issue_api_tokens(user=user)).data
        )


class TokenRefreshApi(PublicApi):
    @extend_schema(
        summary="Exchange a refresh token for a new token pair",
        description="The refresh token given is used up: only the new one works.",
        tags=AUTH_TAGS,
        request=s.TokenRefreshSerializer,
        responses={
            200: s.TokenPairSerializer,
            **errors({400: "`invalid`", 401: "`token_not_valid`, `no_active_account`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.TokenRefreshSerializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as exc:
            raise token_not_valid(exc) from exc
        return Response(s.TokenPairSerializer(serializer.validated_data).data)


class LogoutApi(PublicApi):
    @extend_schema(
        summary="Sign out: revoke a refresh token",
        tags=AUTH_TAGS,
        request=s.RefreshTokenSerializer,
        responses={
            204: None,
            **errors({400: "`invalid`", 401: "`token_not_valid`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.RefreshTokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.revoke_refresh_token(token=serializer.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Password reset -------------------------------------------------------------


class PasswordResetApi(PublicApi):
    @extend_schema(
        summary="Email a password reset link",
        description="Answers the same whether or not an account uses the email.",
        tags=AUTH_TAGS,
        request=s.EmailSerializer,
        responses={
            202: s.DetailSerializer,
            **errors({400: "`invalid`", 429: "`too_many_attempts`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.request_password_reset(
            request=request, email=serializer.validated_data["email"]
        )
        detail = "If an account uses this email, we sent it a password reset link."
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmApi(PublicApi):
    @extend_schema(
        summary="Set a new password with the uid and token from the reset link",
        description="Revokes every refresh token of the account.",
        tags=AUTH_TAGS,
        request=s.PasswordResetConfirmSerializer,
        responses={
            200: s.DetailSerializer,
            **errors({400: "`invalid`, `invalid_token`, `weak_password`"}),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.reset_password(
                uid=data["uid"], token=data["token"], new_password=data["new_password"]
            )
        except WeakPassword as exc:  # the service names the field `password`
            fields = {"new_password": exc.fields.get("password", [exc.message])}
            raise WeakPassword(exc.message, fields=fields) from exc
        return Response({"detail": "Your password has been changed."})


# --- Profile --------------------------------------------------------------------


class MeApi(APIView):
    @extend_schema(
        summary="The signed-in user's profile",
        tags=PROFILE_TAGS,
        responses={200: s.MeSerializer, **errors(NOT_AUTHENTICATED)},
    )
    def get(self, request: Request) -> Response:
        return Response(s.MeSerializer(request.user).data)

    @extend_schema(
        summary="Change the profile (names, phone)",
        tags=PROFILE_TAGS,
        request=s.MeSerializer,
        responses={
            200: s.MeSerializer,
            **errors({400: "`invalid`", **NOT_AUTHENTICATED}),
        },
    )
    def patch(self, request: Request) -> Response:
        serializer = s.MeSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = services.update_profile(user=request.user, **serializer.validated_data)
        return Response(s.MeSerializer(user).data)


# --- Address book ---------------------------------------------------------------


class AddressListApi(GenericAPIView):
    serializer_class = s.AddressSerializer  # also describes POST for OPTIONS
    filter_backends = ()

    @extend_schema(
        summary="The signed-in user's addresses, defaults first",
        tags=ADDRESS_TAGS,
        responses={200: s.AddressSerializer(many=True), **errors(NOT_AUTHENTICATED)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.list_addresses(user=request.user))
        return self.get_paginated_response(s.AddressSerializer(page, many=True).data)

    @extend_schema(
        summary="Add an address",
        description="The first address becomes the default for shipping and billing.",
        tags=ADDRESS_TAGS,
        request=s.AddressSerializer,
        responses={
            201: s.AddressSerializer,
            **errors(
                {
                    400: "`invalid`, `invalid_address`",
                    **NOT_AUTHENTICATED,
                    409: "`address_limit_reached`",
                }
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = s.AddressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = services.create_address(
            user=request.user, data=serializer.validated_data
        )
        return Response(
            s.AddressSerializer(address).data, status=status.HTTP_201_CREATED
        )


class AddressDetailApi(APIView):
    @extend_schema(
        summary="One of the signed-in user's addresses",
        tags=ADDRESS_TAGS,
        responses={
            200: s.AddressSerializer,
            **errors({**NOT_AUTHENTICATED, 404: "`address_not_found`"}),
        },
    )
    def get(self, request: Request, id: int) -> Response:
        address = selectors.get_address(user=request.user, address_id=id)
        return Response(s.AddressSerializer(address).data)

    @extend_schema(
        summary="Change an address",
        description="Making it a default unsets the previous default.",
        tags=ADDRESS_TAGS,
        request=s.AddressSerializer,
        responses={
            200: s.AddressSerializer,
            **errors(
                {
                    400: "`invalid`, `invalid_address`",
                    **NOT_AUTHENTICATED,
                    404: "`address_not_found`",
                }
            ),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        serializer = s.AddressSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        address = services.update_address(
            user=request.user, address_id=id, data=serializer.validated_data
        )
        return Response(s.AddressSerializer(address).data)

    @extend_schema(
        summary="Delete an address",
        description="A deleted default passes to the newest remaining address.",
        tags=ADDRESS_TAGS,
        responses={
            204: None,
            **errors({**NOT_AUTHENTICATED, 404: "`address_not_found`"}),
        },
    )
    def delete(self, request: Request, id: int) -> Response:
        services.delete_address(user=request.user, address_id=id)
        return Response(status=status.HTTP_204_NO_CONTENT)
