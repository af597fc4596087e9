"""Tables that are not CSV text: rows of cells from a DataFrame or a spreadsheet (private).

The CSV readers read any :class:`RowSource` with the same column sets, aliases
and checks as a CSV file; the source says how to name a position in it (a
DataFrame's row label, a sheet's row and column).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator

import attrs

from asn_competency.errors import DocumentError, Problem


@attrs.frozen
class CsvProblem(Problem):
    """One problem in a CSV file: the line, the column, what was expected and what came.

    Args:
        line: The line number in the file (the header is line 1); 0 for the
            whole file (one that cannot be opened).
        column: The column's header as written in the file, or ``None`` for the whole line.
        expected: What the cell (or line) should have held.
        got: What it held.
        where: A position in a DataFrame or a sheet, named by its reader; by
            default the line and column.

    Examples:
        >>> str(CsvProblem(3, "level", "a whole number >= 0", "-1"))
        "line 3, column 'level': expected a whole number >= 0 (got '-1')"
    """

    line: int
    column: str | None
    expected: str
    got: object = attrs.field(eq=False)  # shown in the message, which is compared
    where: str = attrs.field(default="", kw_only=True, eq=False, repr=False)
    path: str = attrs.field(init=False)
    message: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        where = self.where
        if where:
            pass  # a position in a DataFrame or a sheet, named by its reader
        elif self.line == 0:
            where = "file"
        elif self.column is None:
            where = f"line {self.line}"
        else:
            where = f"line {self.line}, column {self.column!r}"
        object.__setattr__(self, "path", where)
        object.__setattr__(self, "message", f"expected {self.expected} (got {self.got!r})")


class CsvError(DocumentError):
    """A CSV file could not be loaded; lists every bad row (as :class:`CsvProblem`)."""


# Public in asn_competency.io.csv, defined here so that every table reader can raise them.
CsvProblem.__module__ = CsvError.__module__ = "asn_competency.io.csv"


class RowSource:
    """A header and rows of text cells, with a way to name a position.

    Args:
        source: The name errors give (a file name, ``"<DataFrame>"``).
        header: The column headers.
        rows: ``(line, cells)`` pairs; ``line`` numbers the row for :attr:`locate`.
        locate: ``locate(line, header)`` names a row (``header`` ``None``) or a cell.
        note: Said once about the whole table (which row held the header).
        bad: Problems found while reading cells, by line: ``(header, expected, got)``;
            the reader reports them and skips the row.
    """

    def __init__(
        self,
        source: str,
        header: list[str],
        rows: Iterable[tuple[int, list[str]]],
        locate: Callable[[int, str | None], str],
        *,
        note: str = "",
        bad: dict[int, list[tuple[str, str, object]]] | None = None,
    ) -> None:
        self.source = source
        self.header = header
        self.rows: Iterator[tuple[int, list[str]]] = iter(rows)
        self.locate = locate
        self.note = note
        self.bad: dict[int, list[tuple[str, str, object]]] = {} if bad is None else bad


def cell_text(value: object) -> str:  # noqa: PLR0911 - one return per kind of value
    """A typed cell as the text a CSV file would hold: numbers plainly, dates ISO, gaps empty.

    Examples:
        >>> import datetime as dt
        >>> [cell_text(v) for v in (None, 3, 3.0, 2.5, float("nan"), dt.date(2024, 3, 1), True)]
        ['', '3', '3', '2.5', '', '2024-03-01', 'true']
        >>> cell_text(dt.datetime(2024, 3, 1)), cell_text(dt.datetime(2024, 3, 1, 9, 30))
        ('2024-03-01', '2024-03-01T09:30:00')
    """
    from asn_competency._validate import plain  # noqa: PLC0415 - a module of the layer below

    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
