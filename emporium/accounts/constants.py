"""Account events and limits."""

USER_REGISTERED = "user.registered"
EMAIL_VERIFICATION_REQUESTED = "user.email_verification_requested"
EMAIL_VERIFIED = "user.email_verified"
PASSWORD_RESET_REQUESTED = "user.password_reset_requested"  # noqa: S105
PASSWORD_RESET_COMPLETED = "user.password_reset_completed"  # noqa: S105
PASSWORD_CHANGED = "user.password_changed"  # noqa: S105

MAX_ADDRESSES_PER_USER = 50

# What a customer may set on an address (the storefront form, the API and
# the services all use this list).
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "line1",
    "line2",
    "city",
    "region",
    "postal_code",
    "country",
    "phone",
    "is_default_shipping",
    "is_default_billing",
)
