"""Serializers of the vendor shop API: applications, the profile, the team
and branches. Input serializers check shape and types only; the rules are
the vendors services'. Output serializers shape what selectors loaded and
never query.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from emporium.vendors.constants import SOCIAL_NETWORKS, ShopMemberRole, ShopStatus

SOCIAL_LINKS_HELP = (
    f"Links by network ({', '.join(f'`{n}`' for n in SOCIAL_NETWORKS)}), each an "
    "http(s) URL; an empty value removes the link."
)


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class LogoUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, shop) -> str | None:
        return shop.logo.url if shop.logo else None


# --- Applications ---------------------------------------------------------------


class ShopApplicationSerializer(serializers.Serializer):
    """An application to open a shop (JSON, or multipart with a logo)."""

    name = serializers.CharField(max_length=150)
    description = serializers.CharField(required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True
    )
    logo = serializers.FileField(
        required=False,
        help_text="JPEG, PNG or WebP, at most 2 MB and 4096 pixels a side "
        "(multipart/form-data).",
    )
    accept_commission = serializers.BooleanField(
        default=False,
        help_text="Must be true: the applicant accepts the platform's commission "
        "rate (`commission_rate` in the answer).",
    )


class ShopResubmitSerializer(ShopApplicationSerializer):
    name = serializers.CharField(max_length=150, required=False)


class ShopApplicationStatusSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=ShopStatus.choices)
    status_reason = serializers.CharField(
        allow_null=True,
        help_text="Why the shop is in this status (staff's reason for a "
        "rejection or suspension).",
    )
    status_changed_at = serializers.DateTimeField(allow_null=True)
    description = serializers.CharField()
    contact_email = serializers.EmailField()
    contact_phone = serializers.CharField()
    logo = LogoUrlField()
    commission_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    commission_accepted_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


# --- Profile --------------------------------------------------------------------


class VendorShopSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    is_name_editable = serializers.SerializerMethodField(
        help_text="False once the shop is approved: staff rename it."
    )
    status = serializers.ChoiceField(choices=ShopStatus.choices)
    description = serializers.CharField()
    logo = LogoUrlField()
    contact_email = serializers.EmailField()
    contact_phone = serializers.CharField()
    returns_policy = serializers.CharField()
    shipping_policy = serializers.CharField()
    social_links = serializers.DictField(
        child=serializers.URLField(), help_text=SOCIAL_LINKS_HELP
    )
    commission_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    default_currency = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_is_name_editable(self, shop) -> bool:
        return shop.status in (ShopStatus.PENDING, ShopStatus.REJECTED)


class VendorShopUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(allow_blank=True)
    contact_email = serializers.EmailField(allow_blank=True)
    contact_phone = serializers.CharField(max_length=32, allow_blank=True)
    returns_policy = serializers.CharField(allow_blank=True)
    shipping_policy = serializers.CharField(allow_blank=True)
    social_links = serializers.DictField(
        child=serializers.CharField(allow_blank=True), help_text=SOCIAL_LINKS_HELP
    )
    logo = serializers.FileField(
        allow_null=True,
        help_text="A new logo (multipart/form-data), or null to remove it.",
    )

    def profile_changes(self) -> dict:
        data = dict(self.validated_data)
        if "logo" in data and data["logo"] is None:
            del data["logo"]
            data["remove_logo"] = True
        return data


# --- Team -----------------------------------------------------------------------


class TeamUserSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    name = serializers.CharField(source="get_full_name")


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user = TeamUserSerializer()
    role = serializers.ChoiceField(choices=ShopMemberRole.choices)
    created_at = serializers.DateTimeField()


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    invited_by = serializers.EmailField(source="invited_by.email", allow_null=True)
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


class TeamSerializer(serializers.Serializer):
    members = MemberSerializer(many=True)
    invitations = InvitationSerializer(
        many=True, help_text="Invitations still waiting for an answer."
    )


class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
