"""Competency frameworks: a versioned, checked set of competencies.

Examples:
    >>> from asn_competency import national_framework
    >>> fw = national_framework()
    >>> fw["MJ.INT"].name_id
    'Integritas'
    >>> len(fw)
    9
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.competency import Competency, CompetencyType
from asn_competency.errors import FrameworkError, UnknownIdError, ValidationError

__all__ = ["CompetencyFramework", "FrameworkStatus"]


class FrameworkStatus(str, enum.Enum):
    """Publication status of a framework."""

    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


def _sorted_competencies(value: Iterable[Any]) -> tuple[Competency, ...]:
    return tuple(sorted(_validate.instances("competencies", value, Competency), key=lambda c: c.id))


def _problems(competencies: tuple[Competency, ...]) -> list[str]:
    problems: list[str] = []
    ids: dict[str, Competency] = {}
    repeated: set[str] = set()
    for c in competencies:
        if c.id in ids and c.id not in repeated:
            repeated.add(c.id)
            problems.append(f"competency id {c.id!r} appears more than once")
        ids[c.id] = c
    for c in competencies:
        if c.parent_id is not None and c.parent_id not in ids:
            problems.append(
                f"competency {c.id!r} names parent {c.parent_id!r}, which does not exist"
            )
        problems.extend(
            f"competency {c.id!r} names related id {r!r}, which does not exist"
            for r in c.related_ids
            if r not in ids
        )
    # Cycles along parent links.
    reported: set[str] = set()
    for start in sorted(ids):
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in ids and node not in seen:
            seen.append(node)
            node = ids[node].parent_id
        if node is not None and node in seen:
            cycle = seen[seen.index(node) :]
            key = min(cycle)
            if key not in reported:
                reported.add(key)
                loop = " -> ".join([*cycle, node])
                problems.append(f"parent links form a cycle: {loop}")
    return problems


def _to_framework_status(value: object) -> FrameworkStatus:
    return _validate.to_enum(FrameworkStatus, "status")(value)


@attrs.frozen(kw_only=True)
class CompetencyFramework:
    """A named, versioned collection of competencies.

    Competencies are kept sorted by id. The constructor checks that ids are
    unique, that every parent and related id exists and that parent links form
    no cycle; every problem is reported at once.

    Args:
        id: Stable id of the framework.
        version: Version text, for example ``"2017.1"``.
        title: Human-readable title.
        status: Draft, active or retired.
        competencies: The competencies.

    Raises:
        FrameworkError: If the competencies are inconsistent.
    """

    id: str = attrs.field(validator=_validate.identifier)
    version: str = attrs.field(validator=_validate.non_empty)
    title: str = attrs.field(validator=_validate.non_empty)
    status: FrameworkStatus = attrs.field(
        default=FrameworkStatus.ACTIVE, converter=_to_framework_status
    )
    competencies: tuple[Competency, ...] = attrs.field(converter=_sorted_competencies)
    _index: Mapping[str, Competency] = attrs.field(init=False, repr=False, eq=False, alias="_index")

    def __attrs_post_init__(self) -> None:
        problems = _problems(self.competencies)
        if problems:
            raise FrameworkError(problems)
        object.__setattr__(self, "_index", {c.id: c for c in self.competencies})

    def __getitem__(self, competency_id: str) -> Competency:
        """Return the competency with this id.

        Raises:
            UnknownIdError: If the framework has no such competency.
        """
        try:
            return self._index[competency_id]
        except (KeyError, TypeError):  # TypeError: an unhashable key, never an id
            raise UnknownIdError("competency", competency_id, f"framework {self.id!r}") from None

    def __contains__(self, competency_id: object) -> bool:
        return isinstance(competency_id, str) and competency_id in self._index

    def __iter__(self) -> Iterator[Competency]:
        return iter(self.competencies)

    def __len__(self) -> int:
        return len(self.competencies)

    @property
    def ids(self) -> tuple[str, ...]:
        """All competency ids, sorted."""
        return tuple(c.id for c in self.competencies)

    def get(self, competency_id: str) -> Competency | None:
        """Return the competency with this id, or ``None``."""
        return self._index.get(competency_id) if isinstance(competency_id, str) else None

    def of_type(self, competency_type: CompetencyType) -> tuple[Competency, ...]:
        """Return the competencies of one type, sorted by id."""
        return tuple(c for c in self.competencies if c.type is competency_type)

    def roots(self) -> tuple[Competency, ...]:
        """Return the competencies without a parent, sorted by id."""
        return tuple(c for c in self.competencies if c.parent_id is None)

    def children(self, competency_id: str) -> tuple[Competency, ...]:
        """Return the direct children of a competency, sorted by id.

        Raises:
            UnknownIdError: If the framework has no such competency.
        """
        self[competency_id]
        return tuple(c for c in self.competencies if c.parent_id == competency_id)

    def ancestors(self, competency_id: str) -> tuple[Competency, ...]:
        """Return the parent, grandparent, ... of a competency, nearest first."""
        out: list[Competency] = []
        parent = self[competency_id].parent_id
        while parent is not None:
            comp = self._index[parent]
            out.append(comp)
            parent = comp.parent_id
        return tuple(out)

    def tree(self) -> dict[str, tuple[str, ...]]:
        """Return the hierarchy as ``{id: child ids}`` for every competency.

        Examples:
            >>> from asn_competency import Competency, CompetencyFramework
            >>> fw = CompetencyFramework(id="tk", version="1", title="Teknis", competencies=[
            ...     Competency(id="A", name_id="Arsip", type="teknis"),
            ...     Competency(id="A.1", name_id="Arsip digital", type="teknis", parent_id="A"),
            ... ])
            >>> fw.tree()
            {'A': ('A.1',), 'A.1': ()}
        """
        children: dict[str, list[str]] = {c.id: [] for c in self.competencies}
        for c in self.competencies:
            if c.parent_id is not None:
                children[c.parent_id].append(c.id)
        return {k: tuple(v) for k, v in children.items()}

    def merge(self, other: CompetencyFramework, *, id: str | None = None) -> CompetencyFramework:
        """Return a framework holding the competencies of both (ids must not clash).

        Raises:
            FrameworkError: If an id appears in both frameworks.
            ValidationError: If ``other`` is not a framework.
        """
        if not isinstance(other, CompetencyFramework):
            raise ValidationError("other", "a CompetencyFramework", other)
        return CompetencyFramework(
            id=id or f"{self.id}.{other.id}",
            version=f"{self.version}+{other.version}",
            title=f"{self.title} + {other.title}",
            status=self.status,
            competencies=self.competencies + other.competencies,
        )
