"""Bench strength: succession coverage summarised by unit, with small groups suppressed.

:func:`summarise_succession` groups the key positions of a
:class:`~asn_competency.talent.succession.SuccessionTable` by agency and unit
(or tier) and counts, for each group, the key positions, those with a
successor ready now, and the candidacies by readiness. A group's figures are
about the people nominated for its key positions; a group with fewer distinct
candidates than the suppression policy's minimum is not shown, only counted, so
that the summary never discloses a small group's readiness.

Examples:
    >>> from asn_competency.talent.succession import _example_table
    >>> from asn_competency.policies.suppression import SUPPRESSION_DEFAULT
    >>> import attrs
    >>> policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=2)
    >>> summary = summarise_succession(_example_table(), by="agency", policy=policy)
    >>> g = summary.groups[0]
    >>> g.key, g.key_positions, g.with_ready_successor, g.people, g.coverage
    (('Disdukcapil',), 2, 1, 2, 0.5)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy
from asn_competency.domain.position import Position
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.succession import Readiness
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy
from asn_competency.talent.succession import KeySuccession, SuccessionTable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BENCH_FIELDS", "BenchGroup", "BenchStrength", "summarise_succession"]

BENCH_FIELDS = ("agency", "unit", "tier")
"""The key-position fields a bench-strength summary can group by."""


@attrs.frozen(kw_only=True)
class BenchGroup:
    """Succession coverage of the key positions of one shown group.

    Args:
        key: The group's values of the grouping fields.
        key_positions: Key positions in the group.
        with_ready_successor: Key positions with at least one candidate ready now.
        ready_now: Candidacies ready now (a person counts once per key position).
        ready_1_2_years: Candidacies ready in one to two years.
        not_ready: Candidacies not yet ready.
        people: Distinct candidates over the group's key positions.
        coverage: ``with_ready_successor / key_positions``, rounded.
        bench_strength: ``ready_now / key_positions``, rounded: ready-now
            candidacies per key position.
    """

    key: tuple[str, ...]
    key_positions: int
    with_ready_successor: int
    ready_now: int
    ready_1_2_years: int
    not_ready: int
    people: int
    coverage: float
    bench_strength: float

    @property
    def without_ready_successor(self) -> int:
        """Key positions with no candidate ready now."""
        return self.key_positions - self.with_ready_successor


@attrs.frozen(kw_only=True)
class BenchStrength:
    """Bench strength by group, small groups suppressed.

    Args:
        by: The grouping fields.
        groups: The shown groups, sorted by key.
        suppressed_groups: Groups not shown: fewer distinct candidates than
            ``policy.min_group_size``.
        policy: The suppression policy used.
    """

    by: tuple[str, ...]
    groups: tuple[BenchGroup, ...]
    suppressed_groups: int
    policy: SuppressionPolicy

    def group(self, *key: str) -> BenchGroup:
        """Return a shown group by its key.

        Raises:
            UnknownIdError: If no shown group has that key (it may be suppressed).
        """
        for g in self.groups:
            if g.key == key:
                return g
        raise UnknownIdError("group", repr(key), "the shown groups")

    def table(self) -> tuple[list[str], list[list[object]]]:
        """Return the column names and one row per shown group, as plain values.

        Examples:
            >>> from asn_competency.talent.succession import _example_table
            >>> columns, rows = summarise_succession(_example_table()).table()
            >>> columns[:3], len(columns), rows
            (['agency', 'unit', 'key_positions'], 11, [])
        """
        columns = [
            *self.by,
            "key_positions",
            "with_ready_successor",
            "without_ready_successor",
            "ready_now",
            "ready_1_2_years",
            "not_ready",
            "people",
            "coverage",
            "bench_strength",
        ]
        rows: list[list[object]] = [
            [
                *g.key,
                g.key_positions,
                g.with_ready_successor,
                g.without_ready_successor,
                g.ready_now,
                g.ready_1_2_years,
                g.not_ready,
                g.people,
                g.coverage,
                g.bench_strength,
            ]
            for g in self.groups
        ]
        return columns, rows

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per shown group.

        Examples:
            >>> from asn_competency.talent.succession import _example_table
            >>> summarise_succession(_example_table()).to_dataframe().shape
            (0, 11)
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns, rows = self.table()
        return pd.DataFrame(rows, columns=columns)


def _fields(by: object) -> tuple[str, ...]:
    expected = f"one or more of {', '.join(BENCH_FIELDS)}"
    if isinstance(by, str):
        fields: tuple[object, ...] = (by,)
    elif isinstance(by, Iterable):
        fields = tuple(by)
    else:
        raise ValidationError("by", expected, by)
    if not fields:
        raise ValidationError("by", expected, by)
    for f in fields:
        if f not in BENCH_FIELDS:
            raise ValidationError("by", expected, f)
    if len(set(fields)) != len(fields):
        raise ValidationError("by", "each field once", fields)
    return fields  # type: ignore[return-value]


def _key(position: Position, fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(position.tier.value if f == "tier" else getattr(position, f) for f in fields)


def summarise_succession(
    table: SuccessionTable,
    by: str | Iterable[str] = ("agency", "unit"),
    *,
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> BenchStrength:
    """Summarise succession coverage and bench strength by group of key positions.

    Args:
        table: The succession table.
        by: Key-position fields to group by: ``agency``, ``unit`` and ``tier``
            (a unit is named within its agency when both are given).
        policy: Groups with fewer distinct candidates than
            ``policy.min_group_size`` are not shown (a group with no candidate
            at all is not shown either); shares are rounded to ``policy.decimals``.

    Returns:
        The shown groups and how many were suppressed.

    Raises:
        ValidationError: For an unknown or repeated field, or an argument of the
            wrong kind.
    """
    if not isinstance(table, SuccessionTable):
        raise ValidationError("table", "a SuccessionTable", table)
    if not isinstance(policy, SuppressionPolicy):
        raise ValidationError("policy", "a SuppressionPolicy", policy)
    fields = _fields(by)
    grouped: dict[tuple[str, ...], list[KeySuccession]] = {}
    for k in table.positions:
        grouped.setdefault(_key(k.position, fields), []).append(k)
    shown: list[BenchGroup] = []
    suppressed = 0
    for key in sorted(grouped):
        keys = grouped[key]
        people = {c.nip for k in keys for c in k.candidates}
        if len(people) < policy.min_group_size:
            suppressed += 1
            continue
        counts = {r: sum(k.count(r) for k in keys) for r in Readiness}
        covered = sum(1 for k in keys if k.has_ready_successor)
        shown.append(
            BenchGroup(
                key=key,
                key_positions=len(keys),
                with_ready_successor=covered,
                ready_now=counts[Readiness.READY_NOW],
                ready_1_2_years=counts[Readiness.READY_1_2_YEARS],
                not_ready=counts[Readiness.NOT_READY],
                people=len(people),
                coverage=round(covered / len(keys), policy.decimals),
                bench_strength=round(counts[Readiness.READY_NOW] / len(keys), policy.decimals),
            )
        )
    return BenchStrength(
        by=fields, groups=tuple(shown), suppressed_groups=suppressed, policy=policy
    )
