"""Attribute values in `attr:` cells, both ways, so export and import agree.

A cell is read into a comparable value: text as `str`, a number as
`Decimal`, yes/no as `bool`, a choice attribute as a frozenset of choice
slugs (several separated by `|`). A product's stored values are turned into
the same form, so an unchanged cell compares equal and writes nothing.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from emporium.catalog.constants import AttributeType
from emporium.catalog.models import Attribute, AttributeChoice, AttributeValue
from emporium.catalog.services import AttributeInput
from emporium.catalog_io import csv_format as fmt

NUMBER_RE = re.compile(r"-?\d{1,10}(\.\d{1,4})?")  # AttributeValue: 14 digits, 4 dp
MAX_TEXT = 255

Value = str | Decimal | bool | frozenset


def read_attribute_cell(
    attribute: Attribute, raw: str, choices: Mapping[str, AttributeChoice]
) -> Value:
    """The value a non-blank cell gives `attribute`.

    Raises:
        ValueError: the cell does not fit the attribute's type (the message
            says what would).
    """
    match attribute.type:
        case AttributeType.CHOICE:
            wanted = [part.strip() for part in raw.split(fmt.CHOICE_SEPARATOR)]
            found = [choices.get(part.casefold()) for part in wanted if part]
            if not found or None in found:
                names = sorted({choice.slug for choice in choices.values()})
                raise ValueError(f'"{raw}" is not among: {", ".join(names)}')
            return frozenset(choice.slug for choice in found)
        case AttributeType.NUMBER:
            if not NUMBER_RE.fullmatch(raw):
                raise ValueError(
                    f'"{raw}" is not a number (up to 10 digits and 4 decimals)'
                )
            return Decimal(raw)
        case AttributeType.BOOL:
            word = raw.casefold()
            if word not in fmt.TRUE_WORDS | fmt.FALSE_WORDS:
                raise ValueError(f'"{raw}" is not yes or no')
            return word in fmt.TRUE_WORDS
    if len(raw) > MAX_TEXT:
        raise ValueError(f"longer than {MAX_TEXT} characters")
    return raw


def stored_values(values: Iterable[AttributeValue]) -> dict[str, Value]:
    """A product's attribute values by code, in the form cells are read into.

    Expects `attribute` and `choice` loaded with the values (no query here).
    """
    result: dict[str, Any] = {}
    for value in values:
        attribute = value.attribute
        if attribute.type == AttributeType.CHOICE:
            slugs = result.get(attribute.code, frozenset())
            result[attribute.code] = slugs | {value.choice.slug}
        elif attribute.type == AttributeType.NUMBER:
            result[attribute.code] = value.value_number
        elif attribute.type == AttributeType.BOOL:
            result[attribute.code] = value.value_bool
        else:
            result[attribute.code] = value.value_text
    return result


def attribute_inputs(values: Mapping[str, Value]) -> list[AttributeInput]:
    """What `set_product_attributes` takes for these values."""
    inputs = []
    for code, value in sorted(values.items()):
        if isinstance(value, frozenset):
            inputs.append(AttributeInput(code=code, value=sorted(value)))
        elif isinstance(value, Decimal):
            inputs.append(AttributeInput(code=code, value=str(value)))
        else:
            inputs.append(AttributeInput(code=code, value=value))
    return inputs


def attribute_cells(values: Iterable[AttributeValue]) -> dict[str, str]:
    """A product's attribute values as cells, by attribute code (export).

    Choices are listed in their attribute's order (position, then value).
    """
    choices: dict[str, list[AttributeChoice]] = {}
    cells = {}
    for value in values:
        attribute = value.attribute
        if attribute.type == AttributeType.CHOICE:
            choices.setdefault(attribute.code, []).append(value.choice)
        elif attribute.type == AttributeType.NUMBER:
            cells[attribute.code] = fmt.format_number(value.value_number)
        elif attribute.type == AttributeType.BOOL:
            cells[attribute.code] = fmt.format_bool(value.value_bool)
        else:
            cells[attribute.code] = value.value_text
    for code, picked in choices.items():
        ordered = sorted(picked, key=lambda choice: (choice.position, choice.value))
        cells[code] = fmt.CHOICE_SEPARATOR.join(choice.slug for choice in ordered)
    return cells
