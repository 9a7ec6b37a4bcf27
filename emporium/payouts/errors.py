"""Payout errors, each with a stable code (part of the API contract)."""

from emporium.core.errors import Conflict, NotFound


class PayoutNotFound(NotFound):
    default_code = "payout_not_found"


class InvalidPayoutTransition(Conflict):
    """The requested status change of a payout is not an allowed move."""

    default_code = "invalid_transition"


class SettlementConflict(Conflict):
    """Another run settled some of these entries first; nothing was written."""

    default_code = "settlement_conflict"
