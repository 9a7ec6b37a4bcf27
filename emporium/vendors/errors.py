"""Shop errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, Forbidden, InvalidInput, NotFound


class ShopNotFound(NotFound):
    default_code = "shop_not_found"


class InvalidTransition(Conflict):
    """The requested status change is not an allowed move."""

    default_code = "invalid_transition"


class NotShopMember(Forbidden):
    """The user runs no shop (vendor pages and endpoints need one)."""

    default_code = "not_a_vendor"


class ShopRequired(InvalidInput):
    """The user runs several shops and did not say which one."""

    default_code = "shop_required"


# --- Applications and profiles ------------------------------------------------


class ApplicationPending(Conflict):
    """The user already waits for a decision on another application."""

    default_code = "application_pending"


class CommissionNotAccepted(InvalidInput):
    default_code = "commission_not_accepted"


class InvalidLogo(InvalidInput):
    default_code = "invalid_logo"


class InvalidShopProfile(InvalidInput):
    default_code = "invalid_shop_profile"


class ShopNameLocked(Conflict):
    """An approved shop keeps the name staff approved (staff may rename it)."""

    default_code = "shop_name_locked"


class ReasonRequired(InvalidInput):
    """Rejecting or suspending a shop needs a reason for its owner."""

    default_code = "reason_required"


class NotShopOwner(Forbidden):
    """Only the shop's owners may do this (its staff may not)."""

    default_code = "permission_denied"


# --- Team -----------------------------------------------------------------------


class InvitationNotFound(NotFound):
    default_code = "invitation_not_found"


class InvitationExpired(Conflict):
    default_code = "invitation_expired"


class InvitationRevoked(Conflict):
    default_code = "invitation_revoked"


class InvitationUsed(Conflict):
    default_code = "invitation_used"


class InvitationWrongAccount(Forbidden):
    """Signed in with another address than the one invited."""

    default_code = "invitation_wrong_account"


class AlreadyMember(Conflict):
    default_code = "already_member"


class MemberNotFound(NotFound):
    default_code = "member_not_found"


class LastOwner(Conflict):
    """A shop always keeps at least one owner."""

    default_code = "last_owner"


# --- Branches -------------------------------------------------------------------


class BranchNotFound(NotFound):
    default_code = "branch_not_found"


class InvalidBranch(InvalidInput):
    default_code = "invalid_branch"


class BranchLimitReached(Conflict):
    default_code = "branch_limit_reached"
