"""Card details as typed by a buyer, checked before any provider sees them.

Only the test provider takes raw card numbers (it has no network and no
money). A real card goes from the buyer's browser straight to the
provider (Stripe.js), so it never reaches this server.
"""

from dataclasses import dataclass
from datetime import date

from emporium.payments.errors import InvalidCard

NUMBER_LENGTHS = range(12, 20)


@dataclass(frozen=True, slots=True)
class CardDetails:
    """What the buyer typed; `number` may contain spaces or dashes."""

    number: str
    exp_month: int
    exp_year: int
    cvc: str

    def __repr__(self) -> str:  # never log a full card number
        return f"CardDetails(last4={self.last4!r})"

    @property
    def digits(self) -> str:
        return "".join(ch for ch in self.number if ch not in " -")

    @property
    def last4(self) -> str:
        return self.digits[-4:]


def luhn_valid(digits: str) -> bool:
    """Whether `digits` passes the Luhn checksum every card number carries."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def check_card(card: CardDetails | None, *, today: date) -> CardDetails:
    """Return the card with a clean number, or say what is wrong with it.

    Raises:
        InvalidCard: no card, or a number, expiry or CVC that cannot be
            right; `fields` names each ("card.number", "card.exp_month"...).
    """
    if card is None:
        raise InvalidCard(
            "Card details are required.", fields={"card": ["This field is required."]}
        )
    errors: dict[str, list[str]] = {}
    digits = card.digits
    if not (digits.isdigit() and len(digits) in NUMBER_LENGTHS and luhn_valid(digits)):
        errors["card.number"] = ["This is not a valid card number."]
    year = card.exp_year + 2000 if 0 <= card.exp_year < 100 else card.exp_year
    if not 1 <= card.exp_month <= 12:
        errors["card.exp_month"] = ["Enter a month from 1 to 12."]
    elif (year, card.exp_month) < (today.year, today.month):
        errors["card.exp_year"] = ["This card has expired."]
    elif year > today.year + 20:
        errors["card.exp_year"] = ["Enter the year printed on the card."]
    if not (card.cvc.isdigit() and len(card.cvc) in (3, 4)):
        errors["card.cvc"] = ["Enter the 3 or 4 digits on the back of the card."]
    if errors:
        raise InvalidCard("Please check the card details.", fields=errors)
    return CardDetails(
        number=digits, exp_month=card.exp_month, exp_year=year, cvc=card.cvc
    )
