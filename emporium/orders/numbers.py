"""Order numbers buyers can read out on the phone: "EM-7K3QX9".

Random, not sequential, so a number tells nothing about sales volume and
cannot be guessed from another one (access still needs the owner or a
signed link). Six characters of an alphabet without look-alikes give 729
million numbers; `place_order` retries the rare collision, which the
unique constraint on `Order.number` detects.
"""

import secrets

from emporium.orders.constants import (
    ORDER_NUMBER_ALPHABET,
    ORDER_NUMBER_LENGTH,
    ORDER_NUMBER_PREFIX,
)


def new_order_number() -> str:
    body = "".join(
        secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(ORDER_NUMBER_LENGTH)
    )
    return f"{ORDER_NUMBER_PREFIX}{body}"


def normalize_order_number(number: str) -> str:
    """The stored form of a number typed in any case, with spaces trimmed."""
    return (number or "").strip().upper()
