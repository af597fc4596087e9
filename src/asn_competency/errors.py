"""The exceptions that asn-competency raises.

Every error derives from :class:`AsnCompetencyError`; the ones caused by a bad
value also derive from :class:`ValueError`, and the ones caused by an unknown
id from :class:`LookupError`, so callers can catch them the way they already
catch the built-in errors.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "AsnCompetencyError",
    "DocumentError",
    "FrameworkError",
    "InvalidNipError",
    "MissingExtraError",
    "Problem",
    "UnknownIdError",
    "ValidationError",
]


class AsnCompetencyError(Exception):
    """Base class of every error raised by asn-competency."""


class ValidationError(AsnCompetencyError, ValueError):
    """A value breaks a rule of the domain model.

    Args:
        field: Name of the offending field, for example ``"level"``.
        expected: What the field should have held.
        got: What it held instead.
    """

    def __init__(self, field: str, expected: str, got: object) -> None:
        self.field = field
        self.expected = expected
        self.got = got
        super().__init__(f"{field!r} must be {expected} (got {got!r})")


class InvalidNipError(ValidationError):
    """A NIP (civil-servant number) is malformed."""


class MissingExtraError(AsnCompetencyError, ModuleNotFoundError):
    """An optional dependency is not installed; the message names the extra that installs it.

    Args:
        module: The module that could not be imported, for example ``"pandas"``.
        extra: The extra of asn-competency that installs it, for example ``"pandas"``.

    Examples:
        >>> print(MissingExtraError("pyarrow", "arrow"))
        pyarrow is not installed: pip install "asn-competency[arrow]"
    """

    def __init__(self, module: str, extra: str) -> None:
        self.extra = extra
        super().__init__(
            f'{module} is not installed: pip install "asn-competency[{extra}]"', name=module
        )


class UnknownIdError(AsnCompetencyError, LookupError):
    """An id refers to something that does not exist.

    Args:
        kind: What was looked up, for example ``"competency"``.
        identifier: The id that was not found.
        where: Where it was looked up, for example a framework id.
    """

    def __init__(self, kind: str, identifier: str, where: str = "") -> None:
        self.kind = kind
        self.identifier = identifier
        self.where = where
        place = f" in {where}" if where else ""
        super().__init__(f"unknown {kind} {identifier!r}{place}")

    def __str__(self) -> str:
        # LookupError's str() would quote the whole message; keep it readable.
        return str(self.args[0])


class FrameworkError(AsnCompetencyError, ValueError):
    """A competency framework is inconsistent (duplicate ids, missing parents, cycles).

    Args:
        problems: Every problem found, each a readable sentence.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@attrs.frozen
class Problem:
    """One problem in a document: where it is and what is wrong.

    Args:
        path: A JSON path such as ``$.competencies[3].scale.levels[0].number``.
        message: What was expected and what came.

    Examples:
        >>> str(Problem("$.nip", "expected 18 digits (got '123')"))
        "$.nip: expected 18 digits (got '123')"
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentError(AsnCompetencyError, ValueError):
    """A document (JSON text or data) could not be loaded; lists every problem.

    Args:
        problems: Every problem found, each with its path.
        source: The file name or a description of the document.
    """

    def __init__(self, problems: Sequence[Problem], source: str = "<data>") -> None:
        self.problems = tuple(problems)
        self.source = source
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}\n{lines}")
