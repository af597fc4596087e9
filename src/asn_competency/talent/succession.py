"""Succession for key positions: who could succeed, how ready they are, and what remains.

:func:`plan_succession` takes the key positions (a list of
:class:`~asn_competency.domain.position.Position`), everyone who might succeed
to them, their current levels, the key positions' standards and the nine-box
placements, and returns a :class:`SuccessionTable`: for each key position the
eligible candidates ranked by readiness (ready now, in 1-2 years, not ready),
then by Job Person Match against the key position's standard, then by box; the
gaps each candidate still has; and everyone considered but excluded, with the
rules they fail and why (:mod:`~asn_competency.talent.eligibility`). The table
says which key positions have no ready successor. The table names people:
share it as a personnel record; :func:`~asn_competency.talent.bench.summarise_succession`
gives the per-unit aggregate, with small groups suppressed.

Examples:
    >>> table = _example_table()
    >>> [(k.position.id, k.ready_now, k.ready_1_2_years, k.not_ready) for k in table.positions]
    [('KABID.DAFDUK', 1, 0, 1), ('KABID.PIAK', 0, 0, 1)]
    >>> table.without_ready_successor()
    ('KABID.PIAK',)
    >>> table.position("KABID.DAFDUK").candidates[0].explain()
    'ready_now: JPM 100.00 (Memenuhi Syarat), box 9, promotion, no gap'
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.assessment import CurrentLevel
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.employee import Employee, employees_by_nip, parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import Position, PositionStandard, PositionTier
from asn_competency.domain.records import Sanction
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.levels import LevelTable, combine_assessments
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.jpm import (
    JPM_SELECTION_BKN,
    JpmPolicy,
    JpmWeightingPolicy,
    weighted_jpm,
)
from asn_competency.policies.succession import SUCCESSION_DEFAULT, Readiness, SuccessionPolicy
from asn_competency.talent.eligibility import (
    RuleBook,
    SuccessionRule,
    check_rules,
    person_facts,
)
from asn_competency.talent.nine_box import TalentBox

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Exclusion",
    "KeySuccession",
    "Move",
    "RemainingGap",
    "StandardsByPosition",
    "SuccessionCandidate",
    "SuccessionTable",
    "plan_succession",
]


class Move(str, enum.Enum):
    """How a candidate would reach the key position."""

    PROMOTION = "promotion"
    """From another tier (the tier below, or a functional tier paired with it)."""
    ROTATION = "rotation"
    """From the same tier: a move across positions of one level."""


def _to_move(value: object) -> Move:
    return value if type(value) is Move else _validate.to_enum(Move, "move")(value)


def _to_readiness(value: object) -> Readiness:
    if type(value) is Readiness:  # the common case, kept cheap for national runs
        return value
    return _validate.to_enum(Readiness, "readiness")(value)


def _to_tier(value: object) -> PositionTier | None:
    if value is None or type(value) is PositionTier:
        return value
    return _validate.to_enum(PositionTier, "tier")(value)


@attrs.frozen(kw_only=True)
class RemainingGap:
    """One requirement of the key position's standard a candidate does not yet meet.

    Args:
        competency_id: The competency.
        required: The level the key position requires.
        level: The candidate's current level; ``None`` when not assessed.
    """

    competency_id: str
    required: int
    level: float | None

    @property
    def shortfall(self) -> float | None:
        """Levels still to gain; ``None`` when not assessed."""
        return None if self.level is None else max(self.required - self.level, 0.0)


@attrs.frozen(kw_only=True)
class SuccessionCandidate:
    """One eligible candidate for one key position.

    Args:
        nip: The candidate.
        name: Their name.
        unit: Their work unit.
        tier: Their current tier.
        move: Promotion or rotation.
        readiness: Ready now, in 1-2 years, or not ready.
        jpm: Job Person Match against the key position's standard; ``None`` unless
            every requirement is assessed.
        jpm_category: The JPM's category under the table's selection policy.
        box: Their nine-box box, if placed.
        gaps: The requirements below standard or not assessed, by competency id.
    """

    nip: str
    name: str
    unit: str
    tier: PositionTier | None = attrs.field(converter=_to_tier)
    move: Move = attrs.field(converter=_to_move)
    readiness: Readiness = attrs.field(converter=_to_readiness)
    jpm: float | None
    jpm_category: str | None
    box: int | None
    gaps: tuple[RemainingGap, ...]

    @property
    def largest_shortfall(self) -> float:
        """The largest shortfall over the assessed requirements (0 when none falls short)."""
        return max((g.shortfall for g in self.gaps if g.shortfall is not None), default=0.0)

    @property
    def not_assessed(self) -> tuple[str, ...]:
        """The key position's competencies without an assessment of the candidate."""
        return tuple(g.competency_id for g in self.gaps if g.level is None)

    def explain(self) -> str:
        """Return one line on the candidate's readiness and what remains."""
        jpm = (
            "JPM not computed" if self.jpm is None else f"JPM {self.jpm:.2f} ({self.jpm_category})"
        )
        box = "no box" if self.box is None else f"box {self.box}"
        gaps = ", ".join(
            f"{g.competency_id} not assessed"
            if g.level is None
            else f"{g.competency_id} {g.shortfall:g} level(s)"
            for g in self.gaps
        )
        return f"{self.readiness.value}: {jpm}, {box}, {self.move.value}, {gaps or 'no gap'}"


@attrs.frozen(kw_only=True)
class Exclusion:
    """One person considered for a key position but not eligible.

    Args:
        nip: The person.
        failed: The rules failed, in the order checked.
        reasons: Why each failed, in the same order.
    """

    nip: str
    failed: tuple[str, ...]
    reasons: tuple[str, ...]


def _ranked(value: Iterable[SuccessionCandidate]) -> tuple[SuccessionCandidate, ...]:
    return tuple(sorted(value, key=_rank_key))


def _rank_key(c: SuccessionCandidate) -> tuple[int, float, int, str]:
    # Readier first, then the higher JPM, then the higher box; the NIP breaks ties.
    return (c.readiness.order, -(-1.0 if c.jpm is None else c.jpm), -(c.box or 0), c.nip)


def _by_nip(value: Iterable[Exclusion]) -> tuple[Exclusion, ...]:
    return tuple(sorted(value, key=lambda x: x.nip))


@attrs.frozen(kw_only=True)
class KeySuccession:
    """The succession of one key position.

    Args:
        position: The key position.
        standard: Its competency standard.
        incumbents: The people who hold it now (their ``position_id`` is its id).
        candidates: The eligible candidates, ranked: readier first, then higher
            JPM, then higher box, then NIP.
        excluded: The people considered (in scope, of a feeder tier) who fail a
            rule, by NIP.
    """

    position: Position
    standard: PositionStandard
    incumbents: tuple[str, ...]
    candidates: tuple[SuccessionCandidate, ...] = attrs.field(converter=_ranked)
    excluded: tuple[Exclusion, ...] = attrs.field(converter=_by_nip)

    def count(self, readiness: Readiness | str) -> int:
        """Return the number of candidates of one readiness.

        Raises:
            ValidationError: If ``readiness`` is not a readiness.
        """
        wanted = _validate.to_enum(Readiness, "readiness")(readiness)
        return sum(1 for c in self.candidates if c.readiness is wanted)

    @property
    def ready_now(self) -> int:
        """Candidates ready now."""
        return self.count(Readiness.READY_NOW)

    @property
    def ready_1_2_years(self) -> int:
        """Candidates ready in one to two years."""
        return self.count(Readiness.READY_1_2_YEARS)

    @property
    def not_ready(self) -> int:
        """Eligible candidates not yet ready."""
        return self.count(Readiness.NOT_READY)

    @property
    def has_ready_successor(self) -> bool:
        """True when at least one candidate is ready now."""
        return self.ready_now > 0

    def candidate(self, nip: str) -> SuccessionCandidate:
        """Return one candidate.

        Raises:
            UnknownIdError: If the person is not a candidate for this position.
        """
        for c in self.candidates:
            if c.nip == nip:
                return c
        raise UnknownIdError("candidate", nip, f"key position {self.position.id!r}")

    def exclusion(self, nip: str) -> Exclusion:
        """Return why one person was excluded.

        Raises:
            UnknownIdError: If the person was not considered and excluded.
        """
        for x in self.excluded:
            if x.nip == nip:
                return x
        raise UnknownIdError("excluded person", nip, f"key position {self.position.id!r}")


def _sorted_positions(value: Iterable[KeySuccession]) -> tuple[KeySuccession, ...]:
    return tuple(sorted(value, key=lambda k: k.position.id))


@attrs.frozen(kw_only=True)
class SuccessionTable:
    """Succession for a set of key positions.

    Build it with :func:`plan_succession`.

    Args:
        as_of: The day years in position were counted to.
        positions: One entry per key position, by position id.
        policy: The eligibility and readiness policy.
        rules: Every rule applied, built-in then your own, in the order checked.
        selection_policy: The policy that set the candidates' JPM categories.
        weighting: The JPM weighting by competency type, if one was used (it
            applies to the key positions of the tiers it covers).
    """

    as_of: dt.date
    positions: tuple[KeySuccession, ...] = attrs.field(converter=_sorted_positions)
    policy: SuccessionPolicy
    rules: tuple[str, ...]
    selection_policy: JpmPolicy = JPM_SELECTION_BKN
    weighting: JpmWeightingPolicy | None = None

    def position(self, position_id: str) -> KeySuccession:
        """Return the succession of one key position.

        Raises:
            UnknownIdError: If the position is not in the table.
        """
        for k in self.positions:
            if k.position.id == position_id:
                return k
        raise UnknownIdError("key position", position_id, "the succession table")

    def without_ready_successor(self) -> tuple[str, ...]:
        """Return the ids of the key positions with no candidate ready now."""
        return tuple(k.position.id for k in self.positions if not k.has_ready_successor)

    def without_candidates(self) -> tuple[str, ...]:
        """Return the ids of the key positions with no eligible candidate at all."""
        return tuple(k.position.id for k in self.positions if not k.candidates)

    def coverage_table(self) -> tuple[list[str], list[list[object]]]:
        """Return the column names and one row per key position, as plain values.

        The rows of :meth:`coverage_dataframe`: candidates by readiness, exclusions
        and the first ready successor (``None`` when there is none).

        Examples:
            >>> columns, rows = _example_table().coverage_table()
            >>> columns[0], columns[-1], [row[-1] is None for row in rows]
            ('position_id', 'successor', [False, True])
        """
        columns = [
            "position_id",
            "title",
            "tier",
            "agency",
            "unit",
            "incumbents",
            "candidates",
            "ready_now",
            "ready_1_2_years",
            "not_ready",
            "excluded",
            "successor",
        ]
        rows: list[list[object]] = [
            [
                k.position.id,
                k.position.title,
                k.position.tier.value,
                k.position.agency,
                k.position.unit,
                len(k.incumbents),
                len(k.candidates),
                k.ready_now,
                k.ready_1_2_years,
                k.not_ready,
                len(k.excluded),
                k.candidates[0].nip if k.has_ready_successor else None,
            ]
            for k in self.positions
        ]
        return columns, rows

    def coverage_dataframe(self) -> pd.DataFrame:
        """Return one row per key position: its candidates by readiness and its first successor.

        Examples:
            >>> df = _example_table().coverage_dataframe()
            >>> df[["position_id", "ready_now", "not_ready"]].values.tolist()
            [['KABID.DAFDUK', 1, 1], ['KABID.PIAK', 0, 1]]
            >>> df["successor"].isna().tolist()
            [False, True]
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns, rows = self.coverage_table()
        return pd.DataFrame(rows, columns=columns)

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per key position and candidate, in rank order.

        ``gaps`` lists ``competency:shortfall`` (``n/a`` when not assessed),
        joined by ``|``.

        Examples:
            >>> df = _example_table().to_dataframe()
            >>> df[["position_id", "rank", "nip", "readiness", "gaps"]].values.tolist()[1]
            ['KABID.DAFDUK', 2, '199202282017011014', 'not_ready', 'MJ.KOM:1|MJ.PP:2']
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [
            "position_id",
            "rank",
            "nip",
            "name",
            "unit",
            "tier",
            "move",
            "readiness",
            "jpm",
            "jpm_category",
            "box",
            "largest_shortfall",
            "gaps",
        ]
        rows = [
            [
                k.position.id,
                rank,
                c.nip,
                c.name,
                c.unit,
                None if c.tier is None else c.tier.value,
                c.move.value,
                c.readiness.value,
                c.jpm,
                c.jpm_category,
                c.box,
                c.largest_shortfall,
                "|".join(
                    f"{g.competency_id}:{'n/a' if g.shortfall is None else f'{g.shortfall:g}'}"
                    for g in c.gaps
                ),
            ]
            for k in self.positions
            for rank, c in enumerate(k.candidates, start=1)
        ]
        return pd.DataFrame(rows, columns=columns)

    def exclusions_dataframe(self) -> pd.DataFrame:
        """Return one row per key position, person excluded and rule failed.

        Examples:
            >>> _example_table().exclusions_dataframe()[["nip", "rule"]].values.tolist()[0]
            ['199410102019032015', 'talent_pool']
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = [
            [k.position.id, x.nip, rule, reason]
            for k in self.positions
            for x in k.excluded
            for rule, reason in zip(x.failed, x.reasons, strict=True)
        ]
        return pd.DataFrame(rows, columns=["position_id", "nip", "rule", "reason"])


StandardsByPosition: TypeAlias = (
    Mapping[str, PositionStandard] | Callable[[Position], PositionStandard]
)
"""Standards by key position id, or a function from a key position to its standard."""


class _Levels:
    """Current levels read on demand; each value is checked when read."""

    def __init__(self, levels: object, combination: CombinationPolicy | None) -> None:
        if isinstance(levels, (str, bytes)) or not isinstance(levels, Iterable):
            raise ValidationError("levels", "{(nip, competency_id): level} or assessments", levels)
        if combination is not None and not isinstance(combination, CombinationPolicy):
            raise ValidationError("combination", "a CombinationPolicy or None", combination)
        if isinstance(levels, Mapping):
            self.data: Mapping[Any, Any] = levels
        else:
            self.data = combine_assessments(levels, policy=combination)

    def get(self, nip: str, competency_id: str) -> float | None:
        value = self.data.get((nip, competency_id))
        if value is None:
            return None
        if type(value) is float and 0.0 <= value < _INF:  # the common case, checked cheaply
            return value
        level = value.level if isinstance(value, CurrentLevel) else value
        if not _validate.is_finite_real(level) or float(level) < 0:
            raise ValidationError(f"levels[{nip}, {competency_id}]", "a finite level >= 0", level)
        return float(level)


_INF = float("inf")


def _key_positions(positions: object) -> tuple[Position, ...]:
    items = _validate.instances("positions", positions, Position)
    _validate.unique_ids("positions", [p.id for p in items])
    return tuple(sorted(items, key=lambda p: p.id))


def _by_known_nip(
    field: str, value: Mapping[Any, Any], people: Mapping[str, Employee]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        # A key that is an employee's NIP as written needs no parsing (the common case).
        known = type(key) is str and key in people
        nip = key if known else parse_nip(key, field=f"{field}[{key}]").value
        if nip not in people:
            raise UnknownIdError("employee", nip, field)
        if nip in out:
            raise ValidationError(field, "one entry per NIP", f"{nip!r} appears twice")
        out[nip] = item
    return out


def _placements(value: object, people: Mapping[str, Employee]) -> dict[str, int]:
    if isinstance(value, Mapping):
        items = _by_known_nip("placements", value, people)
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError(
            "placements", "{nip: TalentBox} or (Employee, TalentBox) pairs", value
        )
    else:
        pairs: dict[str, Any] = {}
        for i, pair in enumerate(value):
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], Employee)):
                raise ValidationError(f"placements[{i}]", "a pair (Employee, TalentBox)", pair)
            pairs[pair[0].nip] = pair[1]
            if len(pairs) != i + 1:
                raise ValidationError("placements", "one placement per person", pair[0].nip)
        items = _by_known_nip("placements", pairs, people)
    out: dict[str, int] = {}
    for nip, box in items.items():
        if not isinstance(box, TalentBox):
            raise ValidationError(f"placements[{nip}]", "a TalentBox", box)
        out[nip] = box.number
    return out


def _sanctions(value: object, people: Mapping[str, Employee]) -> dict[str, Sanction]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError("sanctions", "{nip: sanction} or None", value)
    convert = _validate.to_enum(Sanction, "sanctions")
    return {nip: convert(s) for nip, s in _by_known_nip("sanctions", value, people).items()}


def _standards(
    keys: tuple[Position, ...],
    standards: object,
    framework: CompetencyFramework | None,
) -> list[PositionStandard]:
    if not isinstance(standards, Mapping) and not callable(standards):
        raise ValidationError("standards", "{position_id: standard} or a function", standards)
    out: list[PositionStandard] = []
    checked: set[int] = set()
    for p in keys:
        if isinstance(standards, Mapping):
            if p.id not in standards:
                raise UnknownIdError("position", p.id, "standards")
            std = standards[p.id]
        else:
            std = standards(p)
        if not isinstance(std, PositionStandard):
            raise ValidationError(f"standards[{p.id!r}]", "a PositionStandard", std)
        if framework is not None and id(std) not in checked:
            std.check_against(framework)
            checked.add(id(std))
        out.append(std)
    return out


def _types(
    keys: tuple[Position, ...],
    stds: list[PositionStandard],
    framework: CompetencyFramework | None,
    weighting: JpmWeightingPolicy | None,
) -> dict[str, CompetencyType]:
    """The type of each competency of the standards a weighting applies to."""
    weighed = [s for p, s in zip(keys, stds, strict=True) if weighting and weighting.covers(p.tier)]
    if not weighed:
        return {}
    if framework is None:
        raise ValidationError("framework", "a framework (the competency types) to weigh", None)
    return {cid: framework[cid].type for s in weighed for cid in s.competency_ids}


def _check_options(
    as_of: object,
    policy: object,
    framework: object,
    weighting: object,
    selection_policy: object,
) -> None:
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise ValidationError("as_of", "a date (datetime.date)", as_of)
    if not isinstance(policy, SuccessionPolicy):
        raise ValidationError("policy", "a SuccessionPolicy", policy)
    if framework is not None and not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework or None", framework)
    if weighting is not None and not isinstance(weighting, JpmWeightingPolicy):
        raise ValidationError("weighting", "a JpmWeightingPolicy or None", weighting)
    if not isinstance(selection_policy, JpmPolicy):
        raise ValidationError("selection_policy", "a JpmPolicy", selection_policy)


def _first(pair: tuple[int, int]) -> int:
    return pair[0]


@attrs.frozen
class _Group:
    """Everyone considered for the key positions of one scope and tier."""

    members: frozenset[str]
    evaluated: tuple[tuple[str, Exclusion | None], ...]  # by NIP
    passing: tuple[str, ...]
    excluded: tuple[Exclusion, ...]


def _exclusion(nip: str, failed: list[tuple[str, str]]) -> Exclusion:
    return Exclusion(
        nip=nip, failed=tuple(r for r, _ in failed), reasons=tuple(t for _, t in failed)
    )


class _Planner:
    """The state of one :func:`plan_succession` run."""

    def __init__(
        self,
        people: dict[str, Employee],
        levels: _Levels,
        *,
        as_of: dt.date,
        boxes: dict[str, int],
        sanctions: dict[str, Sanction],
        policy: SuccessionPolicy,
        own: tuple[SuccessionRule, ...],
        types: Mapping[str, CompetencyType],
        weighting: JpmWeightingPolicy | None,
        selection_policy: JpmPolicy,
    ) -> None:
        self.people = people
        self.levels = levels
        self.as_of = as_of
        self.boxes = boxes
        self.sanctions = sanctions
        self.policy = policy
        self.own = own
        self.types = types
        self.weighting = weighting
        self.selection = selection_policy
        self.applied = policy.applied_rules
        self.by_field: dict[tuple[str | None, PositionTier | None], list[str]] = {}
        self.incumbents: dict[str, list[str]] = {}
        scoped = "same_agency" in self.applied
        for nip in sorted(people):
            e = people[nip]
            self.by_field.setdefault((e.agency if scoped else None, e.tier), []).append(nip)
            self.incumbents.setdefault(e.position_id, []).append(nip)
        self.tiers = {tier for _, tier in self.by_field}
        self.groups: dict[tuple[str | None, PositionTier], _Group] = {}
        self.candidates: dict[tuple[str, int, PositionTier], SuccessionCandidate] = {}
        self.std_index: dict[PositionStandard, int] = {}
        self.categories: dict[float, str] = {}
        self.gaps: dict[tuple[str, int, float | None], RemainingGap] = {}
        self.columns: dict[tuple[int, str], Any] = {}

    def _group(self, position: Position) -> _Group:
        """Everyone in the field of positions of this scope and tier, with their exclusion."""
        agency = position.agency if "same_agency" in self.applied else None
        key = (agency, position.tier)
        group = self.groups.get(key)
        if group is not None:
            return group
        book = RuleBook(self.policy, position.tier)
        tiers = book.feeders if "tier" in self.applied else self.tiers
        field = sorted(nip for t in tiers for nip in self.by_field.get((agency, t), ()))
        evaluated: list[tuple[str, Exclusion | None]] = []
        for nip in field:
            facts = person_facts(
                self.people[nip],
                as_of=self.as_of,
                sanction=self.sanctions.get(nip, Sanction.TIDAK_ADA),
                box=self.boxes.get(nip),
            )
            failed = book.person(facts)
            evaluated.append((nip, _exclusion(nip, failed) if failed else None))
        group = self.groups[key] = _Group(
            members=frozenset(field),
            evaluated=tuple(evaluated),
            passing=tuple(nip for nip, x in evaluated if x is None),
            excluded=tuple(x for _, x in evaluated if x is not None),
        )
        return group

    def key_succession(self, position: Position, standard: PositionStandard) -> KeySuccession:
        std = self.std_index.setdefault(standard, len(self.std_index))
        group = self._group(position)
        incumbents = tuple(self.incumbents.get(position.id, ()))
        held: set[str] = set()
        if "not_incumbent" in self.applied:
            held = {nip for nip in incumbents if nip in group.members}
        make = self._candidates(group, std, standard, position.tier)
        excluded: Iterable[Exclusion]
        if self.own:
            candidates, excluded = self._one_by_one(position, group, held, make)
        else:  # the common case: the group's lists, less the incumbents
            candidates = [make(i) for i, nip in enumerate(group.passing) if nip not in held]
            excluded = group.excluded
            if held:
                excluded = [x for x in group.excluded if x.nip not in held]
                excluded.extend(self._incumbent(nip, group) for nip in sorted(held))
        return KeySuccession(
            position=position,
            standard=standard,
            incumbents=incumbents,
            candidates=candidates,
            excluded=excluded,
        )

    def _incumbent(self, nip: str, group: _Group) -> Exclusion:
        """The exclusion of an incumbent: ``not_incumbent``, then what else they fail."""
        failed = [("not_incumbent", "holds the key position")]
        for other, exclusion in group.evaluated:
            if other == nip and exclusion is not None:
                failed.extend(zip(exclusion.failed, exclusion.reasons, strict=True))
        return _exclusion(nip, failed)

    def _one_by_one(
        self,
        position: Position,
        group: _Group,
        held: set[str],
        make: Callable[[int], SuccessionCandidate],
    ) -> tuple[list[SuccessionCandidate], list[Exclusion]]:
        """Candidates and exclusions when incumbents or rules of your own are in play."""
        candidates: list[SuccessionCandidate] = []
        excluded: list[Exclusion] = []
        passing = 0
        for nip, exclusion in group.evaluated:
            failed: list[tuple[str, str]] = []
            if nip in held:
                failed.append(("not_incumbent", "holds the key position"))
            if exclusion is not None:
                failed.extend(zip(exclusion.failed, exclusion.reasons, strict=True))
            for rule in self.own:
                if not rule.check(self.people[nip], position):
                    failed.append((rule.name, rule.reason_text()))
            if exclusion is None:
                passing += 1  # the index of the person in group.passing, plus one
            if not failed:
                candidates.append(make(passing - 1))
            elif exclusion is not None and len(failed) == len(exclusion.failed):
                excluded.append(exclusion)  # shared by every position of the group
            else:
                excluded.append(_exclusion(nip, failed))
        return candidates, excluded

    def _candidates(
        self, group: _Group, std: int, standard: PositionStandard, key_tier: PositionTier
    ) -> Callable[[int], SuccessionCandidate]:
        """A maker of the candidate object of the ``i``-th person of ``group.passing``."""
        jpms, largest, gaps = self._match(group, standard, key_tier)

        def make(i: int) -> SuccessionCandidate:
            nip = group.passing[i]
            cached = self.candidates.get((nip, std, key_tier))
            if cached is not None:
                return cached
            e = self.people[nip]
            jpm = jpms[i]
            candidate = SuccessionCandidate(
                nip=nip,
                name=e.name,
                unit=e.unit,
                tier=e.tier,
                move=Move.ROTATION if e.tier is key_tier else Move.PROMOTION,
                readiness=self.policy.readiness(jpm, largest[i]),
                jpm=jpm,
                jpm_category=None if jpm is None else self._category(jpm),
                box=self.boxes.get(nip),
                gaps=gaps[i],
            )
            self.candidates[(nip, std, key_tier)] = candidate
            return candidate

        return make

    def _category(self, jpm: float) -> str:
        category = self.categories.get(jpm)
        if category is None:
            category = self.selection.category(min(jpm, self.selection.cap))
            self.categories[jpm] = category
        return category

    def _gap(self, competency_id: str, required: int, level: float | None) -> RemainingGap:
        key = (competency_id, required, level)
        gap = self.gaps.get(key)
        if gap is None:
            gap = RemainingGap(competency_id=competency_id, required=required, level=level)
            self.gaps[key] = gap
        return gap

    def _column(self, group: _Group, competency_id: str) -> Any:
        """The levels of ``group.passing`` in one competency (NaN: not assessed)."""
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        key = (id(group), competency_id)
        column = self.columns.get(key)
        if column is None:
            read = self.levels.get
            values = [read(nip, competency_id) for nip in group.passing]
            column = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
            self.columns[key] = column
        return column

    def _match(
        self, group: _Group, standard: PositionStandard, key_tier: PositionTier
    ) -> tuple[list[float | None], list[float], list[tuple[RemainingGap, ...]]]:
        """JPM, largest shortfall and gaps of everyone in ``group.passing``.

        The sums run requirement by requirement in the standard's order, as
        :func:`~asn_competency.gaps.individual.analyse_gaps` adds them, so the JPM
        is the same to the last bit.
        """
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        n = len(group.passing)
        reqs = standard.requirements
        weighting = self.weighting
        weigh = weighting is not None and weighting.covers(key_tier)
        got = np.zeros(n)
        sums = [np.zeros(n) for _ in range(4)]
        largest = np.zeros(n)
        complete = np.ones(n, dtype=bool)
        flagged = np.zeros((n, len(reqs)), dtype=bool)
        need = 0
        columns = []
        for j, req in enumerate(reqs):
            column = self._column(group, req.competency_id)
            columns.append(column)
            required = req.level
            need += required
            known = ~np.isnan(column)
            complete &= known
            reached = np.where(known, np.minimum(column, required), 0.0)
            got = got + reached
            below = known & (column < required)
            largest = np.where(below, np.maximum(largest, required - column), largest)
            flagged[:, j] = below | ~known
            if weigh:
                g = 0 if self.types[req.competency_id] is CompetencyType.TEKNIS else 2
                sums[g] = sums[g] + reached
                sums[g + 1] = sums[g + 1] + np.where(known, float(required), 0.0)
        jpms: list[float | None] = [None] * n
        if need > 0:
            plain = np.minimum(got * 100.0 / need, 100.0).tolist()
            shares = weighting.shares_for(key_tier) if weigh else None  # type: ignore[union-attr]
            for i in np.flatnonzero(complete).tolist():
                value = None
                if shares is not None:
                    value = weighted_jpm(shares, *(float(s[i]) for s in sums))
                jpms[i] = float(plain[i]) if value is None else value
        gaps: list[tuple[RemainingGap, ...]] = [()] * n
        rows, cols = np.nonzero(flagged)  # row by row, each row's requirements in order
        for i, cells in itertools.groupby(
            zip(rows.tolist(), cols.tolist(), strict=True), key=_first
        ):
            gaps[i] = tuple(
                self._gap(
                    reqs[j].competency_id,
                    reqs[j].level,
                    None if math.isnan(level := float(columns[j][i])) else level,
                )
                for _, j in cells
            )
        return jpms, largest.tolist(), gaps


def plan_succession(
    positions: Iterable[Position],
    employees: Iterable[Employee] | Mapping[str, Employee],
    levels: LevelTable,
    standards: StandardsByPosition,
    *,
    as_of: dt.date,
    placements: Mapping[str, TalentBox] | Iterable[tuple[Employee, TalentBox]] = (),
    sanctions: Mapping[str, Sanction | str] | None = None,
    policy: SuccessionPolicy = SUCCESSION_DEFAULT,
    rules: Iterable[SuccessionRule] = (),
    framework: CompetencyFramework | None = None,
    weighting: JpmWeightingPolicy | None = None,
    combination: CombinationPolicy | None = None,
    selection_policy: JpmPolicy = JPM_SELECTION_BKN,
) -> SuccessionTable:
    """Find and rank the successors of each key position.

    For each key position, the people *considered* are those in its scope (its
    agency for an ``instansi`` policy, everyone for ``nasional``) whose tier is
    one of its feeder tiers. Each is checked against the policy's rules and your
    own (:func:`~asn_competency.talent.eligibility.check_candidate` states them
    one person at a time); those who pass are candidates, the others are
    recorded with every rule they fail. A candidate's JPM is computed against
    the key position's standard exactly as
    :func:`~asn_competency.gaps.individual.analyse_gaps` computes it (weighted by
    ``weighting`` for the tiers it covers), and their readiness follows the
    policy's thresholds.

    Args:
        positions: The key positions; ids unique.
        employees: Everyone who might succeed (and the incumbents); each NIP once.
        levels: Current levels ``{(nip, competency_id): level or CurrentLevel}``,
            or assessments (combined under ``combination``).
        standards: ``{position_id: standard}`` for every key position, or a
            function from a key position to its standard.
        as_of: The day years in position are counted to (no clock is read).
        placements: Nine-box boxes, ``{nip: TalentBox}`` or ``(Employee,
            TalentBox)`` pairs; a person without one fails the talent-pool rule.
        sanctions: ``{nip: heaviest sanction of the last five years}``; people
            left out have none on record.
        policy: Eligibility rules, pool level and readiness thresholds.
        rules: Rules of your own, checked after the built-in ones for everyone
            considered.
        framework: When given, every standard is checked against it; needed with
            ``weighting`` (for the competency types).
        weighting: Weigh technical against managerial and socio-cultural
            competencies for the key positions of the tiers it covers.
        combination: How several assessments of one competency combine.
        selection_policy: The categories given to the candidates' JPM.

    Returns:
        The table, one entry per key position in id order.

    Raises:
        ValidationError: For an argument of the wrong kind, a repeated position
            id, NIP or rule name, a level that is not a finite number >= 0, or,
            with ``weighting``, no framework.
        UnknownIdError: For a key position without a standard, a placement or
            sanction of a NIP not among ``employees``, or, with ``framework``, a
            competency it does not know.

    Notes:
        The rules that depend on the person and the key position's tier are
        checked once per agency and tier (once per tier nationally), and a
        candidate's match against one standard is computed once, however many
        key positions share it. For ``k`` key positions with ``f`` people
        considered each, a run takes O(n log n + k f) for ``n`` employees; 2,000
        key positions over 100,000 employees take a few seconds (see
        ``benchmarks/succession.py``).

    Examples:
        >>> table = _example_table()
        >>> [c.nip for c in table.position("KABID.DAFDUK").candidates]
        ['198011112006041012', '199202282017011014']
        >>> table.position("KABID.PIAK").exclusion("199410102019032015").reasons
        ('box 5 is not in the instansi pool (9, 8, 7)',)
    """
    _check_options(as_of, policy, framework, weighting, selection_policy)
    keys = _key_positions(positions)
    people = employees_by_nip(employees)
    boxes = _placements(placements, people)
    barred = _sanctions(sanctions, people)
    own = check_rules(rules)
    stds = _standards(keys, standards, framework)
    types = _types(keys, stds, framework, weighting)
    planner = _Planner(
        people,
        _Levels(levels, combination),
        as_of=as_of,
        boxes=boxes,
        sanctions=barred,
        policy=policy,
        own=own,
        types=types,
        weighting=weighting,
        selection_policy=selection_policy,
    )
    return SuccessionTable(
        as_of=as_of,
        positions=tuple(planner.key_succession(p, s) for p, s in zip(keys, stds, strict=True)),
        policy=policy,
        rules=(*policy.applied_rules, *(r.name for r in own)),
        selection_policy=selection_policy,
        weighting=weighting,
    )


def _example_table() -> SuccessionTable:
    """A small office: two key positions, one without a ready successor (for doctests)."""
    from asn_competency.domain.position import Requirement  # noqa: PLC0415
    from asn_competency.talent.nine_box import talent_box  # noqa: PLC0415

    def person(nip: str, name: str, tier: str, golongan: str, since: int) -> Employee:
        return Employee(
            nip=nip,
            name=name,
            agency="Disdukcapil",
            unit="Pendaftaran",
            tier=tier,
            golongan=golongan,
            position_since=dt.date(since, 1, 2),
        )

    staff = [
        person("198011112006041012", "Bambang Setiawan", "pengawas", "III/d", 2018),
        person("199202282017011014", "Fajar Nugroho", "pengawas", "III/c", 2020),
        person("199410102019032015", "Intan Permata", "pengawas", "III/c", 2020),
    ]
    boxes = {
        staff[0].nip: talent_box("above", "high"),
        staff[1].nip: talent_box("above", "middle"),
        staff[2].nip: talent_box("meets", "middle"),
    }
    levels = {
        (staff[0].nip, "MJ.KOM"): 3,
        (staff[0].nip, "MJ.PP"): 3,
        (staff[1].nip, "MJ.KOM"): 2,
        (staff[1].nip, "MJ.PP"): 1,
        (staff[2].nip, "MJ.KOM"): 3,
        (staff[2].nip, "MJ.PP"): 3,
    }
    std = PositionStandard(
        position_id="KABID",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id="MJ.KOM", level=3),
            Requirement(competency_id="MJ.PP", level=3),
        ],
    )
    keys = [
        Position(
            id="KABID.DAFDUK",
            title="Kepala Bidang Pendaftaran",
            tier="administrator",
            agency="Disdukcapil",
            unit="Pendaftaran",
        ),
        Position(
            id="KABID.PIAK",
            title="Kepala Bidang PIAK",
            tier="administrator",
            agency="Disdukcapil",
            unit="PIAK",
        ),
    ]
    own = SuccessionRule(
        name="not_piak_from_pendaftaran_senior",
        reason="kept for Pendaftaran",
        check=lambda e, p: not (p.id == "KABID.PIAK" and e.nip == "198011112006041012"),
    )
    return plan_succession(
        keys,
        staff,
        levels,
        {p.id: std for p in keys},
        as_of=dt.date(2025, 1, 2),
        placements=boxes,
        rules=[own],
    )
