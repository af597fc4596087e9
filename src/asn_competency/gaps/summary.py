"""Competency gaps of a whole organisation, by unit, agency, region, tier or position.

:func:`summarise_gaps` reads gap reports one at a time (so a national run can
stream them from :func:`~asn_competency.gaps.individual.analyse_population`) and counts,
per group and competency:

* how many people the competency is required of, how many were assessed and
  how many were not;
* the mean gap and the share below standard among the assessed;
* the distribution of current levels;
* coverage: how many meet (or exceed) the standard, with a key-person risk
  flag where exactly one person does and where nobody does.

It also ranks the competencies most below standard over the groups it shows.

Small groups are suppressed under a :class:`SuppressionPolicy` (by default
groups of fewer than 5 people): nothing about them is shown, only how many groups
were suppressed. The same threshold applies to each cell: a mean gap, a share
below standard or a level distribution is shown only when at least that many
people were assessed. Every figure shown, the ranking included, is computed from
the shown cells only, so no suppressed figure can be recovered by subtracting
shown figures from a shown total. (Comparing two summaries of the same people
grouped differently is not protected: publish one grouping.)

Examples:
    >>> import datetime as dt
    >>> from asn_competency import Assessment, Employee, PositionStandard, Requirement
    >>> from asn_competency.gaps.individual import analyse_population
    >>> std = PositionStandard(position_id="FO", framework_id="asn-national",
    ...     requirements=[Requirement(competency_id="MJ.PP", level=2)])
    >>> nips = [f"19900101201503100{i}" for i in range(1, 7)]
    >>> people = [Employee(nip=n, name="X", unit="Pelayanan" if i < 5 else "Arsip",
    ...                    position_id="FO") for i, n in enumerate(nips)]
    >>> levels = [Assessment(nip=n, competency_id="MJ.PP", level=1 + i % 3,
    ...                      assessed_on=dt.date(2024, 1, 1)) for i, n in enumerate(nips)]
    >>> summary = summarise_gaps(analyse_population(people, levels, {"FO": std}),
    ...                          employees=people, by="unit")
    >>> [g.key for g in summary.groups], summary.suppressed_groups
    ([('Pelayanan',)], 1)
    >>> cell = summary.groups[0].cell("MJ.PP")
    >>> cell.assessed, cell.meeting, cell.share_below, cell.levels
    (5, 3, 0.4, ((1.0, 2), (2.0, 2), (3.0, 1)))
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.employee import Employee, employees_by_nip, group_key, grouping_fields
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.columnar import GapColumns
from asn_competency.gaps.individual import GapReport, GapStatus
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CompetencyCell",
    "CompetencyRank",
    "GapSummary",
    "GroupSummary",
    "KeyPersonRisk",
    "summarise_columns",
    "summarise_gaps",
]


class KeyPersonRisk(str, enum.Enum):
    """Whether a group depends on one person, or nobody, for a competency."""

    COVERED = "covered"
    """Two or more people meet the standard."""
    SINGLE = "single"
    """Exactly one person meets the standard."""
    NONE = "none"
    """Nobody meets the standard."""


@attrs.frozen(kw_only=True)
class CompetencyCell:
    """Figures of one competency in one group.

    Args:
        competency_id: The competency.
        required_of: People whose standard names the competency.
        assessed: Of those, people with a current level.
        not_assessed: People without one.
        meeting: People at or above their required level.
        mean_gap: Mean of ``required - level`` over the assessed; ``None`` when
            suppressed or nobody is assessed.
        share_below: Share of the assessed below standard; ``None`` likewise.
        levels: ``(level, count)`` pairs of the assessed, by level; empty when suppressed.
        suppressed: Whether the figures were withheld for too few assessed people.
    """

    competency_id: str
    required_of: int
    assessed: int
    not_assessed: int
    meeting: int
    mean_gap: float | None
    share_below: float | None
    levels: tuple[tuple[float, int], ...]
    suppressed: bool

    @property
    def risk(self) -> KeyPersonRisk:
        """The key-person risk: nobody, exactly one or several meet the standard."""
        if self.meeting == 0:
            return KeyPersonRisk.NONE
        if self.meeting == 1:
            return KeyPersonRisk.SINGLE
        return KeyPersonRisk.COVERED


@attrs.frozen(kw_only=True)
class GroupSummary:
    """The cells of one shown group.

    Args:
        key: The group's values of the grouping fields, for example ``("Pelayanan",)``.
        people: People in the group with a report.
        cells: One cell per competency required of someone in the group, by id.
    """

    key: tuple[str, ...]
    people: int
    cells: tuple[CompetencyCell, ...]

    def cell(self, competency_id: str) -> CompetencyCell:
        """Return the cell of one competency.

        Raises:
            UnknownIdError: If nobody in the group is required to have it.
        """
        for c in self.cells:
            if c.competency_id == competency_id:
                return c
        raise UnknownIdError("competency", competency_id, f"group {self.key!r}")


@attrs.frozen(kw_only=True)
class CompetencyRank:
    """One competency in the ranking of the most below standard (over shown cells).

    Args:
        competency_id: The competency.
        assessed: Assessed people in the shown cells.
        below: Of those, people below standard.
        share_below: ``below / assessed``.
        mean_gap: Mean gap over the assessed in the shown cells.
    """

    competency_id: str
    assessed: int
    below: int
    share_below: float
    mean_gap: float


@attrs.frozen(kw_only=True)
class GapSummary:
    """Gap figures by group, with small groups suppressed.

    Args:
        by: The grouping fields.
        groups: The shown groups, sorted by key.
        suppressed_groups: How many groups were too small to show.
        ranking: Competencies from the most below standard (share below, then
            mean gap, then id), over the shown cells.
        policy: The suppression policy used.
    """

    __repr__ = _validate.brief_repr("by", "suppressed_groups", counts=("groups", "ranking"))
    _repr_html_ = _validate.html_summary(
        "by",
        "suppressed_groups",
        table="ranking",
        columns=("competency_id", "assessed", "below", "share_below", "mean_gap"),
    )

    by: tuple[str, ...]
    groups: tuple[GroupSummary, ...]
    suppressed_groups: int
    ranking: tuple[CompetencyRank, ...]
    policy: SuppressionPolicy

    def group(self, *key: str) -> GroupSummary:
        """Return a shown group by its key.

        Raises:
            UnknownIdError: If no shown group has that key (it may be suppressed).
        """
        for g in self.groups:
            if g.key == key:
                return g
        raise UnknownIdError("group", repr(key), "the shown groups")

    def key_person_risks(self) -> tuple[tuple[tuple[str, ...], CompetencyCell], ...]:
        """Return ``(group key, cell)`` wherever one person or nobody meets the standard."""
        return tuple(
            (g.key, c) for g in self.groups for c in g.cells if c.risk is not KeyPersonRisk.COVERED
        )

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per shown group and competency.

        Examples:
            >>> empty = summarise_gaps([], employees=[])
            >>> list(empty.to_dataframe().columns)[:3]
            ['unit', 'people', 'competency_id']
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [
            *self.by,
            "people",
            "competency_id",
            "required_of",
            "assessed",
            "not_assessed",
            "meeting",
            "risk",
            "mean_gap",
            "share_below",
            "levels",
            "suppressed",
        ]
        rows: list[list[object]] = [
            [
                *g.key,
                g.people,
                c.competency_id,
                c.required_of,
                c.assessed,
                c.not_assessed,
                c.meeting,
                c.risk.value,
                c.mean_gap,
                c.share_below,
                dict(c.levels),
                c.suppressed,
            ]
            for g in self.groups
            for c in g.cells
        ]
        return pd.DataFrame(rows, columns=columns)


class _Tally:
    """Running counts of one group and competency (private)."""

    __slots__ = ("assessed", "below", "levels", "meeting", "not_assessed", "required_sum")

    def __init__(self) -> None:
        self.assessed = 0
        self.not_assessed = 0
        self.below = 0
        self.meeting = 0
        self.required_sum = 0  # of the assessed; with ``levels`` it gives the exact gap sum
        self.levels: dict[float, int] = {}

    def gap_sum(self) -> tuple[int, int]:
        """Return the exact sum of ``required - level`` over the assessed.

        As ``(numerator, denominator)``, the denominator a power of two (every float
        is a whole number over a power of two). A running float sum would depend on
        the order of the people (0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1), and so
        could a mean rounded to ``decimals``.
        """
        return _minus(self.required_sum, self.levels)


def _minus(required_sum: int, levels: Mapping[float, int]) -> tuple[int, int]:
    """Return ``required_sum - sum(level * count)`` exactly, as ``(numerator, power of two)``."""
    num, den = 0, 1
    for level, k in levels.items():
        n, d = float(level).as_integer_ratio()
        if d <= den:  # whole levels (d == 1) take this branch only
            num += n * k * (den // d)
        else:
            num = num * (d // den) + n * k
            den = d
    return required_sum * den - num, den


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """Add two exact sums whose denominators are powers of two."""
    den = max(a[1], b[1])
    return a[0] * (den // a[1]) + b[0] * (den // b[1]), den


def _mean(total: tuple[int, int], count: int) -> float:
    """Return ``total / count`` as the nearest float (int division rounds correctly)."""
    return total[0] / (total[1] * count)


def _check_policy(policy: object) -> SuppressionPolicy:
    if not isinstance(policy, SuppressionPolicy):
        raise ValidationError("policy", "a SuppressionPolicy", policy)
    return policy


def summarise_gaps(
    reports: Iterable[GapReport],
    *,
    employees: Iterable[Employee] | Mapping[str, Employee],
    by: str | Iterable[str] = "unit",
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> GapSummary:
    """Summarise gap reports by group, suppressing small groups and cells.

    Args:
        reports: One report per person (their current standard; targets are
            not counted). Read once, one at a time.
        employees: The people, as a list or ``{nip: Employee}``; every report's
            NIP must be among them. People without a report are not counted.
        by: One grouping field or several: ``agency``, ``unit``, ``region``,
            ``tier``, ``position``.
        policy: Suppression threshold and rounding.

    Returns:
        The summary. An empty population gives an empty summary.

    Raises:
        UnknownIdError: If a report's NIP is not among ``employees``.
        ValidationError: For an unknown grouping field, two reports of one
            person, a report that is not a :class:`~asn_competency.gaps.individual.GapReport`,
            two employees with one NIP (their groups could differ), or a mapping
            entry that is not the :class:`~asn_competency.domain.employee.Employee` of its NIP.

    Notes:
        O(n) time for n report items; memory O(people + groups x competencies x levels).

    Examples:
        >>> summarise_gaps([], employees=[]).groups
        ()
    """
    fields = grouping_fields(by)
    policy = _check_policy(policy)
    people = _people(employees)
    if not isinstance(reports, Iterable):
        raise ValidationError("reports", "an iterable of GapReport", reports)
    tallies: dict[tuple[tuple[str, ...], str], _Tally] = {}
    sizes: dict[tuple[str, ...], int] = {}
    seen: set[str] = set()
    for i, r in enumerate(reports):
        if not isinstance(r, GapReport):
            raise ValidationError(f"reports[{i}]", "a GapReport", r)
        if r.nip in seen:
            raise ValidationError("reports", "one report per person", f"{r.nip} appears twice")
        seen.add(r.nip)
        e = people.get(r.nip)
        if e is None:
            raise UnknownIdError("employee", r.nip, f"reports[{i}]")
        if not isinstance(e, Employee) or e.nip != r.nip:
            raise ValidationError(f"employees[{r.nip}]", f"the Employee of {r.nip}", e)
        key = group_key(e, fields)
        sizes[key] = sizes.get(key, 0) + 1
        for item in r.items:
            t = tallies.get((key, item.competency_id))
            if t is None:
                t = tallies[(key, item.competency_id)] = _Tally()
            level = item.level
            if level is None:
                t.not_assessed += 1
                continue
            t.assessed += 1
            t.required_sum += item.required
            if item.status is GapStatus.BELOW:
                t.below += 1
            else:
                t.meeting += 1
            t.levels[level] = t.levels.get(level, 0) + 1
    return _finish(fields, sizes, tallies, policy)


def _people(employees: Iterable[Employee] | Mapping[str, Employee]) -> Mapping[str, Employee]:
    if isinstance(employees, Mapping):
        return employees  # entries are checked as reports look them up
    return employees_by_nip(employees)


def _finish(
    fields: tuple[str, ...],
    sizes: Mapping[tuple[str, ...], int],
    tallies: Mapping[tuple[tuple[str, ...], str], _Tally],
    policy: SuppressionPolicy,
) -> GapSummary:
    """Turn counts into a summary: suppress, round, rank (shared by both paths)."""
    threshold = policy.min_group_size
    digits = policy.decimals
    shown = {k for k, n in sizes.items() if n >= threshold}
    cells: dict[tuple[str, ...], list[CompetencyCell]] = {k: [] for k in shown}
    overall: dict[str, list[Any]] = {}
    for (key, cid), t in sorted(tallies.items()):
        if key not in shown:
            continue
        small = t.assessed < threshold
        gap_sum = (0, 1) if small else t.gap_sum()
        cells[key].append(
            CompetencyCell(
                competency_id=cid,
                required_of=t.assessed + t.not_assessed,
                assessed=t.assessed,
                not_assessed=t.not_assessed,
                meeting=t.meeting,
                mean_gap=None if small else round(_mean(gap_sum, t.assessed), digits),
                share_below=None if small else round(t.below / t.assessed, digits),
                levels=() if small else tuple(sorted(t.levels.items())),
                suppressed=small,
            )
        )
        if not small:
            acc = overall.setdefault(cid, [0, 0, (0, 1)])
            acc[0] += t.assessed
            acc[1] += t.below
            acc[2] = _add(acc[2], gap_sum)
    ranking = [
        CompetencyRank(
            competency_id=cid,
            assessed=int(a),
            below=int(b),
            share_below=round(b / a, digits),
            mean_gap=round(_mean(g, a), digits),
        )
        for cid, (a, b, g) in overall.items()
    ]
    ranking.sort(key=lambda r: (-r.share_below, -r.mean_gap, r.competency_id))
    return GapSummary(
        by=fields,
        groups=tuple(
            GroupSummary(key=k, people=sizes[k], cells=tuple(cells[k])) for k in sorted(shown)
        ),
        suppressed_groups=len(sizes) - len(shown),
        ranking=tuple(ranking),
        policy=policy,
    )


def summarise_columns(
    columns: Iterable[GapColumns],
    *,
    by: str | Iterable[str] = "unit",
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> GapSummary:
    """Summarise columnar gaps: the same summary as :func:`summarise_gaps`, with NumPy.

    Args:
        columns: One or more chunks of people (each person in one chunk only),
            each with ``group`` and ``group_keys`` set; chunks are read one at a
            time, so a national run needs memory for one chunk.
        by: The names of the fields the group keys hold (for the result).
        policy: Suppression threshold and rounding.

    Returns:
        The summary: equal to :func:`summarise_gaps` on the same people.

    Raises:
        ValidationError: If ``columns`` is not an iterable of chunks (a single
            :class:`~asn_competency.gaps.columnar.GapColumns` goes in a list) or a chunk has
            no group index.

    Examples:
        >>> from asn_competency.gaps.columnar import GapColumns
        >>> cols = GapColumns(person=list(range(5)), competency=[0] * 5, required=[2] * 5,
        ...     importance=[1] * 5, level=[1, 2, 2, 3, float("nan")],
        ...     nips=[f"19900101201503100{i}" for i in range(1, 6)], competency_ids=["MJ.PP"],
        ...     group=[0] * 5, group_keys=[("Pelayanan",)])
        >>> cell = summarise_columns([cols]).groups[0].cell("MJ.PP")
        >>> cell.assessed, cell.not_assessed, cell.suppressed
        (4, 1, True)
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    fields = grouping_fields(by)
    policy = _check_policy(policy)
    if isinstance(columns, GapColumns) or not isinstance(columns, Iterable):
        raise ValidationError("columns", "an iterable of GapColumns chunks", columns)
    tallies: dict[tuple[tuple[str, ...], str], _Tally] = {}
    sizes: dict[tuple[str, ...], int] = {}
    for n, cols in enumerate(columns):
        if not isinstance(cols, GapColumns):
            raise ValidationError(f"columns[{n}]", "a GapColumns", cols)
        if cols.group is None:
            raise ValidationError(f"columns[{n}].group", "a group index per person", None)
        ngroups = len(cols.group_keys)
        ncomp = len(cols.competency_ids)
        for g, count in enumerate(np.bincount(cols.group, minlength=ngroups).tolist()):
            if count:
                key = cols.group_keys[g]
                sizes[key] = sizes.get(key, 0) + count
        lv = cols.level
        has = ~np.isnan(lv)
        req = cols.required
        cell = cols.group[cols.person] * ncomp + cols.competency
        size = ngroups * ncomp
        counts: Any = [
            np.bincount(cell, weights=has, minlength=size).tolist(),
            np.bincount(cell, weights=~has, minlength=size).tolist(),
            np.bincount(cell, weights=has & (lv < req), minlength=size).tolist(),
            np.bincount(cell, weights=has & (lv >= req), minlength=size).tolist(),
            _required_sums(cell, np.where(has, req, 0), size),
        ]
        touched = np.flatnonzero(np.bincount(cell, minlength=size)).tolist()
        found: dict[int, _Tally] = {}
        for c in touched:
            where = (cols.group_keys[c // ncomp], cols.competency_ids[c % ncomp])
            t = tallies.get(where)
            if t is None:
                t = tallies[where] = _Tally()
            t.assessed += int(counts[0][c])
            t.not_assessed += int(counts[1][c])
            t.below += int(counts[2][c])
            t.meeting += int(counts[3][c])
            t.required_sum += counts[4][c]
            found[c] = t
        if has.any():
            for c, level, k in _level_counts(cell[has], lv[has]):
                levels = found[c].levels
                levels[level] = levels.get(level, 0) + k
    return _finish(fields, sizes, tallies, policy)


def _required_sums(cell: Any, required: Any, size: int) -> list[int]:
    """Sum whole required levels per cell, exactly (float weights lose digits past 2**53)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if len(required) == 0 or int(required.max()) * len(required) < 2**53:
        sums = np.bincount(cell, weights=required, minlength=size)
        return [int(x) for x in sums.tolist()]
    exact = np.zeros(size, dtype=object)
    np.add.at(exact, cell, required.astype(object))
    return [int(x) for x in exact.tolist()]


def _level_counts(cell: Any, level: Any) -> Iterable[tuple[int, float, int]]:
    """Count rows per (cell, level): by one bincount for whole levels, else by sorting."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    top = int(level.max()) + 1
    if (level == np.floor(level)).all() and top <= 64:
        codes = cell * top + level.astype(np.int64)
        freq = np.bincount(codes)
        found = np.flatnonzero(freq)
        return zip(
            (found // top).tolist(),
            (found % top).astype(np.float64).tolist(),
            freq[found].tolist(),
            strict=True,
        )
    pairs, counts = np.unique(
        np.stack([cell.astype(np.float64), level]), axis=1, return_counts=True
    )
    return zip(pairs[0].astype(np.int64).tolist(), pairs[1].tolist(), counts.tolist(), strict=True)
