"""Writes of shops, by idea: `shops` (opening, applying, the profile),
`decisions` (staff approve, reject, suspend, reinstate), `team` (members
and invitations), `branches`. Status changes themselves live in
`states.transition_shop`.

Callers import from here.
"""

from emporium.vendors.services.branches import (
    BranchData,
    clean_opening_hours,
    create_branch,
    delete_branch,
    update_branch,
)
from emporium.vendors.services.decisions import (
    approve_shop,
    reinstate_shop,
    reject_shop,
    suspend_shop,
)
from emporium.vendors.services.shops import (
    ShopProfile,
    apply_for_shop,
    clean_social_links,
    create_shop,
    resubmit_shop_application,
    update_shop_profile,
)
from emporium.vendors.services.team import (
    accept_shop_invitation,
    add_shop_member,
    check_shop_invitation,
    invite_shop_staff,
    issue_invitation_token,
    remove_shop_member,
    revoke_shop_invitation,
)

__all__ = [
    "BranchData",
    "ShopProfile",
    "accept_shop_invitation",
    "add_shop_member",
    "apply_for_shop",
    "approve_shop",
    "check_shop_invitation",
    "clean_opening_hours",
    "clean_social_links",
    "create_branch",
    "create_shop",
    "delete_branch",
    "invite_shop_staff",
    "issue_invitation_token",
    "reinstate_shop",
    "reject_shop",
    "remove_shop_member",
    "resubmit_shop_application",
    "revoke_shop_invitation",
    "suspend_shop",
    "update_branch",
    "update_shop_profile",
]
