"""Kirkpatrick level 3, behaviour: competency levels before and after a programme.

:func:`analyse_behaviour` compares each participant's combined competency level
before and after a programme, per person and per competency. People without an
after-assessment are *missing*, never "no change".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.assessment import Assessment
from asn_competency.domain.development import Programme
from asn_competency.domain.employee import parse_nip
from asn_competency.errors import ValidationError
from asn_competency.gaps.levels import combine_assessments
from asn_competency.policies.combination import COMBINATION_DEFAULT, CombinationPolicy

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "BehaviourChange",
    "BehaviourResult",
    "CompetencyChange",
    "PersonBehaviour",
    "analyse_behaviour",
]


_mean = _validate.fsum_mean


# --------------------------------------------------------------------------- level 3


@attrs.frozen(kw_only=True)
class BehaviourChange:
    """One person's change in one competency across a programme.

    Args:
        nip: The person.
        competency_id: The competency.
        before: Combined level from assessments up to the programme start.
        after: Combined level from assessments after the programme end.
        status: ``"improved"``, ``"unchanged"``, ``"declined"``, ``"missing_after"``,
            ``"missing_before"`` or ``"missing_both"``.
    """

    nip: str
    competency_id: str
    before: float | None
    after: float | None
    status: str

    @property
    def change(self) -> float | None:
        """``after - before``; ``None`` unless both sides were assessed."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@attrs.frozen(kw_only=True)
class CompetencyChange:
    """Summary of one competency across the people evaluated.

    Args:
        competency_id: The competency.
        assessed_both: People assessed before and after.
        missing_after: People assessed before only.
        missing_before: People assessed after only (or neither).
        mean_change: Mean change over people assessed on both sides.
        share_improved: Share of those people whose level rose.
    """

    competency_id: str
    assessed_both: int
    missing_after: int
    missing_before: int
    mean_change: float | None
    share_improved: float | None


@attrs.frozen(kw_only=True)
class PersonBehaviour:
    """Summary of one person across the competencies evaluated.

    Args:
        nip: The person.
        assessed_both: Competencies assessed before and after.
        missing_after: Competencies assessed before only.
        mean_change: Mean change over the competencies assessed on both sides.
        improved: Competencies whose level rose.
    """

    nip: str
    assessed_both: int
    missing_after: int
    mean_change: float | None
    improved: int


@attrs.frozen(kw_only=True)
class BehaviourResult:
    """Level 3: change in assessed competency levels across a programme.

    Args:
        start: Assessments on or before this day count as *before*.
        end: Assessments after this day count as *after*.
        policy_name: The combination policy used on each side.
        changes: One entry per person and competency, sorted by (NIP, competency).
        by_competency: One summary per competency, sorted by id.
        ignored_during: Assessments dated inside the programme (after ``start``,
            on or before ``end``), which count on neither side.
    """

    start: dt.date
    end: dt.date
    policy_name: str
    changes: tuple[BehaviourChange, ...]
    by_competency: tuple[CompetencyChange, ...]
    ignored_during: int

    @property
    def paired(self) -> tuple[BehaviourChange, ...]:
        """The changes with both sides assessed."""
        return tuple(c for c in self.changes if c.change is not None)

    @property
    def by_person(self) -> tuple[PersonBehaviour, ...]:
        """One summary per person, sorted by NIP."""
        groups: dict[str, list[BehaviourChange]] = {}
        for c in self.changes:
            groups.setdefault(c.nip, []).append(c)
        out: list[PersonBehaviour] = []
        for nip in sorted(groups):
            group = groups[nip]
            diffs = [c.change for c in group if c.change is not None]
            out.append(
                PersonBehaviour(
                    nip=nip,
                    assessed_both=len(diffs),
                    missing_after=sum(c.status == "missing_after" for c in group),
                    mean_change=_mean(diffs) if diffs else None,
                    improved=sum(d > 0 for d in diffs),
                )
            )
        return tuple(out)

    @property
    def people_assessed_both(self) -> int:
        """People with at least one competency assessed before and after."""
        return len({c.nip for c in self.paired})

    @property
    def missing_after(self) -> tuple[str, ...]:
        """People with a competency assessed before but not after, sorted."""
        return tuple(sorted({c.nip for c in self.changes if c.status == "missing_after"}))

    @property
    def mean_change(self) -> float | None:
        """Mean change over every (person, competency) assessed on both sides."""
        paired = self.paired
        return _mean([c.change for c in paired if c.change is not None]) if paired else None

    @property
    def share_improved(self) -> float | None:
        """Share of the paired (person, competency) whose level rose."""
        paired = self.paired
        if not paired:
            return None
        return sum(c.status == "improved" for c in paired) / len(paired)

    @property
    def points_gained(self) -> float:
        """Sum of the level rises (declines not netted): a proxy for gap points closed."""
        return math.fsum(max(c.change or 0.0, 0.0) for c in self.changes)

    @property
    def score(self) -> float | None:
        """The share improved on 0-100 (for a scorecard)."""
        share = self.share_improved
        return None if share is None else share * 100.0

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person and competency.

        Examples:
            >>> import datetime as dt
            >>> from asn_competency.domain.assessment import Assessment
            >>> nip = "199001012015031001"
            >>> a = [Assessment(nip=nip, competency_id="MJ.PP", level=2,
            ...                 assessed_on=dt.date(2024, 1, 5)),
            ...      Assessment(nip=nip, competency_id="MJ.PP", level=3,
            ...                 assessed_on=dt.date(2024, 9, 1))]
            >>> df = analyse_behaviour(a, start=dt.date(2024, 3, 1)).to_dataframe()
            >>> df[["before", "after", "change", "status"]].values.tolist()
            [[2.0, 3.0, 1.0, 'improved']]
        """
        _lazy.require("pandas")

        columns = ["nip", "competency_id", "before", "after", "change", "status"]
        rows = [
            {
                "nip": c.nip,
                "competency_id": c.competency_id,
                "before": c.before,
                "after": c.after,
                "change": c.change,
                "status": c.status,
            }
            for c in self.changes
        ]
        frame: pd.DataFrame = _validate.typed_frame(rows, columns)
        return frame


def _status(before: float | None, after: float | None) -> str:
    if before is None:
        return "missing_both" if after is None else "missing_before"
    if after is None:
        return "missing_after"
    if after > before:
        return "improved"
    return "declined" if after < before else "unchanged"


def _split_by_date(
    assessments: Iterable[Assessment], start: dt.date, end: dt.date
) -> tuple[list[Assessment], list[Assessment], int]:
    """Assessments on or before ``start``, those after ``end``, and the count in between."""
    before: list[Assessment] = []
    after: list[Assessment] = []
    during = 0
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        if a.assessed_on <= start:
            before.append(a)
        elif a.assessed_on > end:
            after.append(a)
        else:
            during += 1
    return before, after, during


def _by_competency(changes: Sequence[BehaviourChange]) -> tuple[CompetencyChange, ...]:
    groups: dict[str, list[BehaviourChange]] = {}
    for c in changes:
        groups.setdefault(c.competency_id, []).append(c)
    by_comp: list[CompetencyChange] = []
    for comp in sorted(groups):
        group = groups[comp]
        diffs = [c.change for c in group if c.change is not None]
        by_comp.append(
            CompetencyChange(
                competency_id=comp,
                assessed_both=len(diffs),
                missing_after=sum(c.status == "missing_after" for c in group),
                missing_before=sum(c.status in ("missing_before", "missing_both") for c in group),
                mean_change=_mean(diffs) if diffs else None,
                share_improved=sum(d > 0 for d in diffs) / len(diffs) if diffs else None,
            )
        )
    return tuple(by_comp)


def _check_behaviour_inputs(nips: object, competency_ids: object, programme: object) -> None:
    for field, ids in (("nips", nips), ("competency_ids", competency_ids)):
        # One text is an iterable of letters: 'MJ.PP' would read as 'M', 'J', '.', 'P'.
        if isinstance(ids, str):
            raise ValidationError(field, "a collection of ids, not one text", ids)
    if programme is not None and not isinstance(programme, Programme):
        raise ValidationError("programme", "a Programme", programme)


def _check_combination(combination: object) -> None:
    if combination is not None and not isinstance(combination, CombinationPolicy):
        raise ValidationError("combination", "a CombinationPolicy or none", combination)


def analyse_behaviour(
    assessments: Iterable[Assessment],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    nips: Iterable[str] | None = None,
    competency_ids: Iterable[str] | None = None,
    programme: Programme | None = None,
    combination: CombinationPolicy | None = None,
) -> BehaviourResult:
    """Compare competency levels assessed before and after a programme (level 3).

    Args:
        assessments: Assessments of any people, in any order.
        start: First day of the programme; assessments on or before it are *before*.
        end: Last day of the programme; assessments after it are *after*
            (default: ``start``). Assessments in between are ignored and counted.
        nips: The people to evaluate (usually the participants); people without
            any assessment are reported as missing. Default: everyone assessed.
        competency_ids: The competencies to evaluate (usually the programme's
            targets). Default: every competency assessed for the person, and
            for a person never assessed every competency assessed for anyone.
        programme: Supplies what is not passed: ``start`` and ``end`` from its
            period, ``nips`` from its participants, ``competency_ids`` from the
            competencies its activities target (when there are any).
        combination: How several assessments on one side combine into one level
            (:func:`~asn_competency.gaps.levels.combine_assessments`; latest wins
            by default).

    Returns:
        A :class:`BehaviourResult`, independent of the order of the assessments.

    Raises:
        ValidationError: For no start date (neither given nor in the programme),
            an end before the start, a bad NIP or competency id.

    Examples:
        >>> import datetime as dt
        >>> from asn_competency.domain.assessment import Assessment
        >>> a, b = "199001012015031001", "199202022016042002"
        >>> data = [
        ...     Assessment(nip=a, competency_id="MJ.PP", level=2, assessed_on=dt.date(2024, 1, 5)),
        ...     Assessment(nip=a, competency_id="MJ.PP", level=3, assessed_on=dt.date(2024, 9, 1)),
        ...     Assessment(nip=b, competency_id="MJ.PP", level=2, assessed_on=dt.date(2024, 1, 5)),
        ... ]
        >>> r = analyse_behaviour(data, start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 5))
        >>> r.people_assessed_both, r.mean_change, r.share_improved, r.missing_after
        (1, 1.0, 1.0, ('199202022016042002',))

        A programme supplies its period, participants and targeted competencies:

        >>> from asn_competency.domain.development import Activity, Enrolment, Programme, Target
        >>> act = Activity(id="PP", title="Pelayanan prima", route="workshop", jp=24,
        ...                targets=[Target(competency_id="MJ.PP")])
        >>> prog = Programme(id="P", title="Pelayanan prima", activities=[act],
        ...                  start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 5),
        ...                  enrolments=[Enrolment(nip=a, activity_id="PP")])
        >>> [c.status for c in analyse_behaviour(data, programme=prog).changes]
        ['improved']
    """
    _check_behaviour_inputs(nips, competency_ids, programme)
    _check_combination(combination)
    if programme is not None:
        start = start if start is not None else programme.start
        end = end if end is not None else programme.end
        nips = nips if nips is not None else programme.participants
        targeted = sorted({c for a in programme.activities for c in a.competency_ids})
        if competency_ids is None and targeted:
            competency_ids = targeted
    if start is None:
        raise ValidationError("start", "a date, or a programme with a start date", None)
    if end is None:
        end = start
    for field, day in (("start", start), ("end", end)):
        # A datetime is a date too, but cannot be compared with the assessment dates.
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ValidationError(field, "a date (datetime.date)", day)
    _validate.end_not_before_start(start, end)
    before_side, after_side, during = _split_by_date(assessments, start, end)
    policy = combination or COMBINATION_DEFAULT
    before = combine_assessments(before_side, policy=policy)
    after = combine_assessments(after_side, policy=policy)
    comps: tuple[str, ...] | None = None
    if competency_ids is not None:
        comps = tuple(sorted(set(competency_ids)))
        for c in comps:
            if not _validate.is_identifier(c):
                raise ValidationError("competency_ids", "competency ids", c)
    seen: dict[str, set[str]] = {}
    for nip, comp in (*before, *after):
        seen.setdefault(nip, set()).add(comp)
    people = sorted(seen) if nips is None else sorted({parse_nip(n).value for n in nips})
    # A person never assessed is missing in every competency of the data, not left out.
    anyone = sorted({comp for assessed in seen.values() for comp in assessed})
    changes: list[BehaviourChange] = []
    for nip in people:
        for comp in comps if comps is not None else sorted(seen.get(nip, anyone)):
            b = before.get((nip, comp))
            f = after.get((nip, comp))
            lb = None if b is None else b.level
            la = None if f is None else f.level
            changes.append(
                BehaviourChange(
                    nip=nip, competency_id=comp, before=lb, after=la, status=_status(lb, la)
                )
            )
    return BehaviourResult(
        start=start,
        end=end,
        policy_name=policy.name,
        changes=tuple(changes),
        by_competency=_by_competency(changes),
        ignored_during=during,
    )
