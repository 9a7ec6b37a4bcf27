"""Shapes of the accounts API: what comes in (types, lengths) and what goes out.

No business rule lives here: password strength, duplicate emails, ownership
and address defaults are decided by `emporium.accounts.services`.
"""

from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.exceptions import TokenError

from emporium.accounts.models import User

# Long enough for any real passphrase, short enough to keep hashing cheap.
PASSWORD_MAX_LENGTH = 128
# A JWT of ours is ~300 characters; anything far longer is not one of ours.
JWT_MAX_LENGTH = 2048


def password_field() -> serializers.CharField:
    # Spaces are part of a password: never trim them.
    return serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH,
        trim_whitespace=False,
        write_only=True,
        style={"input_type": "password"},
    )


# The schema states the format instead of listing ~250 codes (and their names)
# in every address component.
@extend_schema_field(
    {"type": "string", "pattern": "^[A-Z]{2}$", "minLength": 2, "maxLength": 2}
)
class CountryCodeField(serializers.ChoiceField):
    """An ISO 3166-1 alpha-2 code known to django-countries, upper-case."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "ISO 3166-1 alpha-2 country code, e.g. `DE`.")
        super().__init__(choices=countries, **kwargs)


def name_field() -> serializers.CharField:
    return serializers.CharField(max_length=150, required=False, allow_blank=True)


# --- Output -----------------------------------------------------------------


class UserSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    email = serializers.EmailField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    is_email_verified = serializers.BooleanField(read_only=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class VerifyEmailResultSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)
    user = UserSerializer(read_only=True)


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(read_only=True, help_text="Short-lived JWT.")
    refresh = serializers.CharField(
        read_only=True, help_text="Long-lived JWT; single use (rotated on refresh)."
    )


# --- Authentication ---------------------------------------------------------


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = password_field()
    first_name = name_field()
    last_name = name_field()


class VerifyEmailSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=1024)


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class TokenObtainSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = password_field()


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """simplejwt's refresh: rotates the token and blacklists the one given.

    Every token failure surfaces as a `TokenError`, which the view answers
    with 401 `token_not_valid`; simplejwt's own lookup would let a deleted
    account's token through as a server error.
    """

    refresh = serializers.CharField(max_length=JWT_MAX_LENGTH, write_only=True)
    access = serializers.CharField(read_only=True)

    def validate(self, attrs: dict[str, str]) -> dict[str, str]:
        try:
            return super().validate(attrs)
        except User.DoesNotExist as exc:  # the token outlived its account
            raise TokenError("Token is invalid") from exc


class RefreshTokenSerializer(serializers.Serializer):
    refresh = serializers.CharField(max_length=JWT_MAX_LENGTH, write_only=True)


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = password_field()


# --- Profile and addresses --------------------------------------------------


class MeSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    email = serializers.EmailField(read_only=True)
    first_name = name_field()
    last_name = name_field()
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    is_email_verified = serializers.BooleanField(read_only=True)
    date_joined = serializers.DateTimeField(read_only=True)


class AddressSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    company = serializers.CharField(max_length=200, required=False, allow_blank=True)
    line1 = serializers.CharField(max_length=255)
    line2 = serializers.CharField(max_length=255, required=False, allow_blank=True)
    city = serializers.CharField(max_length=120)
    region = serializers.CharField(max_length=120, required=False, allow_blank=True)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    country = CountryCodeField()
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    is_default_shipping = serializers.BooleanField(required=False)
    is_default_billing = serializers.BooleanField(required=False)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
