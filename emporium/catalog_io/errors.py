"""Errors of catalog import: every problem of a file, each with its line."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from emporium.core.errors import InvalidInput, NotFound


@dataclass(frozen=True)
class RowError:
    """One problem of a file: the line (header = 1), the column, what is wrong."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"line {self.line}, {self.column}: {self.message}"
        return f"line {self.line}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


class InvalidCatalogFile(InvalidInput):
    """The file has errors; nothing was imported. `errors` lists them all."""

    default_code = "invalid_catalog_file"

    def __init__(self, errors: Iterable[RowError]):
        self.errors = tuple(sorted(errors, key=lambda error: error.line))
        count = len(self.errors)
        super().__init__(
            f"The file has {count} error{'s' if count != 1 else ''}; "
            "nothing was imported.",
            extra={"errors": [error.as_dict() for error in self.errors]},
        )


class ImportNotFound(NotFound):
    default_code = "import_not_found"
