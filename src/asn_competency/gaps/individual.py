"""Competency gaps of one person against a position standard, and Job Person Match.

:func:`analyse_gaps` compares a person's current levels with the requirements
of a :class:`~asn_competency.domain.position.PositionStandard`: each requirement
is met, exceeded, below, or *not assessed* (never read as level 0, never as
met). The :class:`GapReport` carries the importance-weighted gap and the Job
Person Match under a :class:`~asn_competency.policies.jpm.JpmPolicy`.
:func:`analyse_population` does the same for many people.

Examples:
    >>> import datetime as dt
    >>> from asn_competency.domain.assessment import Assessment
    >>> from asn_competency.domain.position import PositionStandard, Requirement
    >>> std = PositionStandard(position_id="KASI", framework_id="asn-national",
    ...     requirements=[Requirement(competency_id="MJ.KOM", level=3),
    ...                   Requirement(competency_id="MJ.PP", level=3)])
    >>> nip = "199107202019031004"
    >>> report = analyse_gaps([Assessment(nip=nip, competency_id="MJ.KOM", level=2,
    ...                                   assessed_on=dt.date(2024, 3, 1))], std, nip=nip)
    >>> [(i.competency_id, i.status.value) for i in report.items]
    [('MJ.KOM', 'below'), ('MJ.PP', 'not_assessed')]
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from asn_competency import _validate
from asn_competency.domain.assessment import Assessment, CurrentLevel
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.employee import Employee, employees_by_nip, parse_nip
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.domain.position import PositionStandard, PositionTier, Requirement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.levels import (
    LevelsInput,
    _check_current,
    _check_key,
    _check_levels,
    _current_levels,
    combine_assessments,
)
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.jpm import (
    JPM_MAPPING_BKN,
    JPM_SELECTION_BKN,
    JpmPolicy,
    JpmWeightingPolicy,
    weighted_jpm,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GapItem",
    "GapReport",
    "GapStatus",
    "StandardsInput",
    "analyse_gaps",
    "analyse_population",
]


class GapStatus(str, enum.Enum):
    """How a current level compares with the required level."""

    NOT_ASSESSED = "not_assessed"
    """No assessment of the competency: neither a shortfall nor met."""
    BELOW = "below"
    """The current level is under the required level."""
    MEETS = "meets"
    """The current level equals the required level."""
    EXCEEDS = "exceeds"
    """The current level is above the required level."""


def _status(level: float | None, required: int) -> GapStatus:
    if level is None:
        return GapStatus.NOT_ASSESSED
    if level < required:
        return GapStatus.BELOW
    if level > required:
        return GapStatus.EXCEEDS
    return GapStatus.MEETS


def _to_gap_status(value: object) -> GapStatus:
    if isinstance(value, GapStatus):  # the common case, kept cheap for national runs
        return value
    return _validate.to_enum(GapStatus, "status")(value)


_IDS: set[str] = set()
"""Competency ids already checked (bounded): reports name the same few again and again."""

_SEEN_LIMIT = 65_536
"""Ids remembered at most; a full memory is emptied."""


def _competency_id(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if type(value) is str and value in _IDS:
        return
    _validate.identifier(inst, attribute, value)
    if type(value) is str:
        if len(_IDS) >= _SEEN_LIMIT:
            _IDS.clear()
        _IDS.add(value)


def _required(inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is int and value >= 1:
        return
    _validate.positive_int(inst, attribute, value)


def _importance(inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    # Weights are mostly small floats or ints: check those without the general test.
    kind = type(value)
    if (kind is float and 0 <= value < math.inf) or (kind is int and 0 <= value < 2**1000):
        return
    _validate.non_negative(inst, attribute, value)


@attrs.frozen(kw_only=True)
class GapItem:
    """One requirement of a standard, for one person.

    Args:
        competency_id: The competency the requirement names.
        required: The level the standard requires.
        importance: The requirement's weight (from its
            :class:`~asn_competency.domain.position.Requirement`).
        current: The person's combined current level with its provenance;
            ``None`` when the competency was not assessed.
        status: Not assessed, below, meets or exceeds; must agree with
            ``current`` and ``required``.

    Raises:
        ValidationError: If a field is out of range or the status disagrees
            with the levels.

    Examples:
        >>> item = GapItem(competency_id="MJ.PP", required=3, importance=1.0,
        ...                current=None, status="not_assessed")
        >>> item.level, item.gap, item.shortfall
        (None, None, None)
    """

    competency_id: str = attrs.field(validator=_competency_id)
    required: int = attrs.field(validator=_required)
    importance: float = attrs.field(validator=_importance)
    current: CurrentLevel | None
    status: GapStatus = attrs.field(converter=_to_gap_status)

    def __attrs_post_init__(self) -> None:
        cur = self.current
        if cur is not None and cur.competency_id != self.competency_id:
            raise ValidationError(
                "current.competency_id", repr(self.competency_id), cur.competency_id
            )
        expected = _status(None if cur is None else cur.level, self.required)
        if self.status is not expected:
            raise ValidationError("status", repr(expected.value), self.status.value)

    @property
    def level(self) -> float | None:
        """The current level, or ``None`` when not assessed."""
        return None if self.current is None else self.current.level

    @property
    def gap(self) -> float | None:
        """``required - level``: positive is a shortfall; ``None`` when not assessed."""
        return None if self.current is None else float(self.required - self.current.level)

    @property
    def shortfall(self) -> float | None:
        """``max(gap, 0)``; ``None`` when not assessed."""
        gap = self.gap
        return None if gap is None else max(gap, 0.0)


def _to_tier(value: object) -> PositionTier | None:
    return None if value is None else _validate.to_enum(PositionTier, "tier")(value)


def _items(value: Iterable[GapItem]) -> tuple[GapItem, ...]:
    return tuple(sorted(value, key=lambda i: i.competency_id))


@attrs.frozen(kw_only=True)
class GapReport:
    """The gaps of one person against one position standard.

    Build it with :func:`analyse_gaps`.

    Args:
        nip: The person.
        position_id: The position of the standard.
        framework_id: The framework the standard names.
        items: One item per requirement, sorted by competency id.
        weighted_gap: Importance-weighted mean shortfall over the assessed
            items; ``None`` when none is assessed.
        jpm: Job Person Match in 0..100; ``None`` unless every requirement is assessed.
        jpm_mapping: The JPM's category under ``mapping_policy``.
        jpm_selection: The JPM's category under ``selection_policy``.
        target: The same analysis against a target position, if one was asked for.
        mapping_policy: The policy that set ``jpm_mapping``.
        selection_policy: The policy that set ``jpm_selection``.
        tier: The tier of the standard's position, when the JPM was weighted.
        weighting: The policy that weighed technical against the other
            competencies in ``jpm``; ``None`` for the plain JPM.
    """

    nip: str
    position_id: str
    framework_id: str
    items: tuple[GapItem, ...] = attrs.field(converter=_items)
    weighted_gap: float | None
    jpm: float | None
    jpm_mapping: str | None
    jpm_selection: str | None
    target: GapReport | None = None
    mapping_policy: JpmPolicy = JPM_MAPPING_BKN
    selection_policy: JpmPolicy = JPM_SELECTION_BKN
    tier: PositionTier | None = attrs.field(default=None, converter=_to_tier)
    weighting: JpmWeightingPolicy | None = None

    def item(self, competency_id: str) -> GapItem:
        """Return the item of one competency.

        Raises:
            UnknownIdError: If the standard does not name the competency.
        """
        for i in self.items:
            if i.competency_id == competency_id:
                return i
        raise UnknownIdError("competency", competency_id, f"gap report of {self.nip}")

    def below(self) -> tuple[GapItem, ...]:
        """Return the items below the required level, sorted by competency id."""
        return tuple(i for i in self.items if i.status is GapStatus.BELOW)

    def not_assessed(self) -> tuple[GapItem, ...]:
        """Return the items without an assessment, sorted by competency id."""
        return tuple(i for i in self.items if i.status is GapStatus.NOT_ASSESSED)

    def explain(self) -> str:
        """Return a short text saying how the JPM and its categories came about.

        Examples:
            >>> r = analyse_gaps({}, _example_standard(), nip="199107202019031004")
            >>> r.explain()
            'JPM not computed: not assessed in MJ.KOM, MJ.PP'
        """
        missing = self.not_assessed()
        if self.jpm is None:
            ids = ", ".join(i.competency_id for i in missing)
            return f"JPM not computed: not assessed in {ids}"
        got = sum(min(i.level or 0.0, i.required) for i in self.items)
        need = sum(i.required for i in self.items)
        below = ", ".join(i.competency_id for i in self.below()) or "none"
        formula = f"100 * {got:g} / {need}"
        if self.weighting is not None and self.tier is not None:
            share_t, share_o = self.weighting.shares_for(self.tier)
            formula = (
                f"{share_t:g} % of the technical match + {share_o:g} % of the managerial "
                f"and socio-cultural match ({self.tier.value}, {self.weighting.name})"
            )
        return (
            f"JPM {self.jpm:.2f} = {formula}; "
            f"{self.jpm_mapping} under {self.mapping_policy.name}, "
            f"{self.jpm_selection} under {self.selection_policy.name}; below standard: {below}"
        )

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per item (and per target item, with ``against='target'``).

        Examples:
            >>> r = analyse_gaps({}, _example_standard(), nip="199107202019031004")
            >>> r.to_dataframe()[["competency_id", "required", "status"]].values.tolist()
            [['MJ.KOM', 2, 'not_assessed'], ['MJ.PP', 3, 'not_assessed']]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns = [
            "nip",
            "against",
            "position_id",
            "competency_id",
            "required",
            "importance",
            "level",
            "gap",
            "shortfall",
            "status",
            "rule",
            "assessed_on",
        ]
        rows: list[dict[str, object]] = []
        parts: list[tuple[str, GapReport]] = [("current", self)]
        if self.target is not None:
            parts.append(("target", self.target))
        for against, report in parts:
            for i in report.items:
                cur = i.current
                rows.append(
                    {
                        "nip": report.nip,
                        "against": against,
                        "position_id": report.position_id,
                        "competency_id": i.competency_id,
                        "required": i.required,
                        "importance": i.importance,
                        "level": i.level,
                        "gap": i.gap,
                        "shortfall": i.shortfall,
                        "status": i.status.value,
                        "rule": None if cur is None else cur.rule.value,
                        "assessed_on": None if cur is None else cur.assessed_on,
                    }
                )
        return pd.DataFrame(rows, columns=columns)


def _example_standard() -> PositionStandard:
    """Return the two-requirement front-office standard used in doctests."""
    return PositionStandard(
        position_id="DUKCAPIL.FO",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id="MJ.PP", level=3, importance=2),
            Requirement(competency_id="MJ.KOM", level=2),
        ],
    )


StandardsInput: TypeAlias = Mapping[str, PositionStandard] | Callable[[Employee], PositionStandard]
"""Standards by position id, or a function giving an employee's standard."""


_Weighted: TypeAlias = tuple[JpmWeightingPolicy, PositionTier, Mapping[str, CompetencyType]]
"""A weighting, the standard's tier and each competency's type."""


def _weighted_jpm(items: list[GapItem], weighted: _Weighted) -> float | None:
    """The JPM under a weighting: each group's levels summed, then weighed by the tier."""
    policy, tier, types = weighted
    sums = [0.0, 0.0, 0.0, 0.0]  # reached and required, technical then the others
    for i in items:
        group = 0 if types[i.competency_id] is CompetencyType.TEKNIS else 2
        sums[group] += min(i.level or 0.0, i.required)
        sums[group + 1] += i.required
    return weighted_jpm(policy.shares_for(tier), *sums)


def _build_report(
    nip: str,
    current: Mapping[str, CurrentLevel],
    standard: PositionStandard,
    policies: tuple[JpmPolicy, JpmPolicy],
    target: GapReport | None = None,
    *,
    weighted: _Weighted | None = None,
) -> GapReport:
    mapping_policy, selection_policy = policies
    items: list[GapItem] = []
    shortfalls: list[tuple[float, float]] = []  # (importance, shortfall) of the assessed
    got = 0.0
    need = 0
    for req in standard.requirements:
        cur = current.get(req.competency_id)
        level = None if cur is None else cur.level
        items.append(
            GapItem(
                competency_id=req.competency_id,
                required=req.level,
                importance=req.importance,
                current=cur,
                status=_status(level, req.level),
            )
        )
        need += req.level
        if level is not None:
            shortfalls.append((req.importance, max(req.level - level, 0.0)))
            got += min(level, req.level)
    assessed = len(shortfalls)
    weighted_gap: float | None = None
    if assessed:
        weighted_gap = _weighted_mean(shortfalls)
    jpm = mapping = selection = None
    if assessed == len(standard.requirements) and need > 0:  # an empty standard has no JPM
        jpm = float(min(got * 100.0 / need, 100.0))
        if weighted is not None:
            value = _weighted_jpm(items, weighted)
            jpm = jpm if value is None else value  # never None here: need > 0
        mapping = mapping_policy.category(min(jpm, mapping_policy.cap))
        selection = selection_policy.category(min(jpm, selection_policy.cap))
    return GapReport(
        nip=nip,
        position_id=standard.position_id,
        framework_id=standard.framework_id,
        items=items,
        weighted_gap=weighted_gap,
        jpm=jpm,
        jpm_mapping=mapping,
        jpm_selection=selection,
        target=target,
        mapping_policy=mapping_policy,
        selection_policy=selection_policy,
        tier=None if weighted is None else weighted[1],
        weighting=None if weighted is None else weighted[0],
    )


def _weighted_mean(shortfalls: list[tuple[float, float]]) -> float:
    """Return the importance-weighted mean shortfall (plain mean if every weight is 0).

    The weights are first divided by a power of two, which is exact: the result is
    the same bit for bit, but weights near the float limit (1e308) no longer
    overflow to NaN and tiny ones (5e-324) no longer vanish in the products.
    """
    top = max(w for w, _ in shortfalls)
    if top == 0:
        return float(sum(short for _, short in shortfalls) / len(shortfalls))
    shift = math.frexp(top)[1]  # dividing by 2**shift brings the largest into [0.5, 1)
    weighted = 0.0
    weight_sum = 0.0
    for w, short in shortfalls:
        scaled = math.ldexp(w, -shift)
        weight_sum += scaled
        weighted += scaled * short
    return float(weighted / weight_sum)


def _check_policy(value: object, field: str) -> JpmPolicy:
    if not isinstance(value, JpmPolicy):
        raise ValidationError(field, "a JpmPolicy", value)
    return value


def analyse_gaps(
    levels: LevelsInput,
    standard: PositionStandard,
    *,
    nip: str,
    framework: CompetencyFramework | None = None,
    target: PositionStandard | None = None,
    combination: CombinationPolicy | None = None,
    mapping_policy: JpmPolicy = JPM_MAPPING_BKN,
    selection_policy: JpmPolicy = JPM_SELECTION_BKN,
    weighting: JpmWeightingPolicy | None = None,
    tier: PositionTier | str | None = None,
    target_tier: PositionTier | str | None = None,
) -> GapReport:
    """Compare one person's current levels with a position standard.

    Args:
        levels: The person's assessments (combined with
            :func:`~asn_competency.gaps.levels.combine_assessments` under
            ``combination``), or current levels keyed ``(nip, competency_id)``.
            Entries of other people are ignored, so the assessments or levels of
            a whole unit may be passed; competencies outside the standard are
            not reported.
        standard: The standard of the person's position.
        nip: The person.
        framework: When given, the standard, the target and the person's
            levels are checked against it.
        target: A second standard (a position the person might move to): the
            report's ``target`` then holds the same analysis against it.
        combination: How several assessments of one competency combine
            (latest wins by default).
        mapping_policy: The JPM categories for competency mapping.
        selection_policy: The JPM categories for selection.
        weighting: Weigh technical against managerial and socio-cultural
            competencies in the JPM by the position's tier (for instance
            :data:`~asn_competency.policies.jpm.JPM_WEIGHTING_JFKK_2020`); needs
            ``framework`` (for the competency types) and ``tier``.
        tier: With ``weighting``: the tier of the standard's position.
        target_tier: With ``weighting`` and ``target``: the tier of the target position.

    Returns:
        The report; its items are sorted by competency id.

    Raises:
        InvalidNipError: If ``nip`` is malformed.
        UnknownIdError: With ``framework``: if the standard, the target or an
            assessment of the person names a competency the framework lacks.
        ValidationError: With ``framework``: if a required or assessed level is
            off the competency's scale. Always: if ``levels`` holds something
            other than assessments or current levels. With ``weighting``: if
            ``framework``, ``tier`` or (with a target) ``target_tier`` is missing,
            or a tier is not one.
        UnknownIdError: With ``weighting``: if the policy does not weigh the tier.

    Notes:
        Runs in O(a + k log k) for ``a`` assessments and ``k`` requirements;
        with a mapping of levels and a framework, in O(len(levels)).

    Examples:
        >>> from asn_competency import national_framework
        >>> r = analyse_gaps({}, _example_standard(), nip="199107202019031004",
        ...                  framework=national_framework())
        >>> [i.status.value for i in r.items], r.weighted_gap, r.jpm
        (['not_assessed', 'not_assessed'], None, None)
    """
    nip = parse_nip(nip).value
    policies = (
        _check_policy(mapping_policy, "mapping_policy"),
        _check_policy(selection_policy, "selection_policy"),
    )
    if not isinstance(standard, PositionStandard):
        raise ValidationError("standard", "a PositionStandard", standard)
    if target is not None and not isinstance(target, PositionStandard):
        raise ValidationError("target", "a PositionStandard or None", target)
    if framework is not None:
        standard.check_against(framework)
        if target is not None:
            target.check_against(framework)
    _check_levels(levels, "levels")
    wanted = set(standard.competency_ids)
    if target is not None:
        wanted.update(target.competency_ids)
    weighted = _weighting(weighting, framework, tier, standard, "tier")
    weighted_target = None
    if target is not None:
        weighted_target = _weighting(weighting, framework, target_tier, target, "target_tier")
    current = _current_levels(levels, nip, sorted(wanted), framework, combination)
    target_report = None
    if target is not None:
        target_report = _build_report(nip, current, target, policies, weighted=weighted_target)
    return _build_report(nip, current, standard, policies, target_report, weighted=weighted)


def _weighting(
    weighting: object,
    framework: CompetencyFramework | None,
    tier: object,
    standard: PositionStandard,
    field: str,
) -> _Weighted | None:
    """Check the weighting options; return what the report needs to weigh its JPM."""
    if weighting is None:
        return None
    if not isinstance(weighting, JpmWeightingPolicy):
        raise ValidationError("weighting", "a JpmWeightingPolicy or None", weighting)
    if framework is None:
        raise ValidationError("framework", "a framework (the competency types) to weigh", None)
    if tier is None:
        raise ValidationError(field, "the position's tier to weigh the JPM by", None)
    checked = _validate.to_enum(PositionTier, field)(tier)
    weighting.shares_for(checked)  # names a tier the policy does not weigh
    types = {cid: framework[cid].type for cid in standard.competency_ids}
    return (weighting, checked, types)


def analyse_population(
    employees: Iterable[Employee],
    assessments: LevelsInput,
    standards: StandardsInput,
    *,
    framework: CompetencyFramework | None = None,
    targets: Callable[[Employee], PositionStandard | None] | None = None,
    combination: CombinationPolicy | None = None,
    mapping_policy: JpmPolicy = JPM_MAPPING_BKN,
    selection_policy: JpmPolicy = JPM_SELECTION_BKN,
) -> Iterator[GapReport]:
    """Stream one gap report per employee, in NIP order.

    Every input is checked before the first report is produced, so a bad
    record never leaves a half-finished run behind.

    Args:
        employees: The people; each NIP once.
        assessments: Their assessments, or current levels keyed ``(nip, competency_id)``.
        standards: ``{position_id: standard}`` (looked up by each employee's
            ``position_id``), or a function from an employee to their standard.
        framework: When given, every standard and level is checked against it.
        targets: A function giving an employee's target standard, or ``None``.
        combination: How several assessments of one competency combine.
        mapping_policy: The JPM categories for competency mapping.
        selection_policy: The JPM categories for selection.

    Yields:
        One :class:`GapReport` per employee, sorted by NIP.

    Raises:
        UnknownIdError: For an assessment of a person not in ``employees``
            (naming the NIP), an employee whose position has no standard, or,
            with ``framework``, an unknown competency.
        ValidationError: For a repeated NIP or, with ``framework``, a level off
            the scale.

    Notes:
        Holds the employees and their assessments grouped by person; builds one
        report at a time, so the reports themselves need not fit in memory.

    Examples:
        >>> from asn_competency import Employee
        >>> people = [Employee(nip="199107202019031004", name="Dedi", position_id="DUKCAPIL.FO")]
        >>> reports = analyse_population(people, [], {"DUKCAPIL.FO": _example_standard()})
        >>> [(r.nip, r.jpm) for r in reports]
        [('199107202019031004', None)]
    """
    policies = (
        _check_policy(mapping_policy, "mapping_policy"),
        _check_policy(selection_policy, "selection_policy"),
    )
    _check_levels(assessments, "assessments")
    if not isinstance(standards, Mapping) and not callable(standards):
        raise ValidationError("standards", "{position_id: standard} or a function", standards)
    people = employees_by_nip(employees)
    grouped = _group_levels(assessments, people, framework)
    plan = _plan(people, standards, targets, framework)
    return _stream(plan, grouped, isinstance(assessments, Mapping), combination, policies)


def _group_levels(
    assessments: LevelsInput,
    people: Mapping[str, Employee],
    framework: CompetencyFramework | None,
) -> dict[str, list[Any]]:
    """Group assessments by person, checking each; an unknown person is an error."""
    grouped: dict[str, list[Any]] = {}
    if isinstance(assessments, Mapping):
        for key, cur in assessments.items():
            _check_key(key, "assessments")
            if key[0] not in people:
                raise UnknownIdError("employee", key[0], f"assessments[{key[0]}, {key[1]}]")
            checked = _check_current(key, cur, framework, "assessments")
            grouped.setdefault(key[0], []).append((key, checked))
        return grouped
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        if a.nip not in people:
            raise UnknownIdError("employee", a.nip, f"assessments[{i}]")
        if framework is not None:
            scale = framework[a.competency_id].scale
            scale.validate_level(a.level, field=f"assessments[{i}].level", allow_na=True)
        if a.level > 0:
            grouped.setdefault(a.nip, []).append(a)
    return grouped


def _plan(
    people: Mapping[str, Employee],
    standards: StandardsInput,
    targets: Callable[[Employee], PositionStandard | None] | None,
    framework: CompetencyFramework | None,
) -> list[tuple[str, PositionStandard, PositionStandard | None]]:
    """Resolve every standard up front, checking each distinct standard once."""
    checked: set[int] = set()

    def resolve(std: object, field: str) -> PositionStandard:
        if not isinstance(std, PositionStandard):
            raise ValidationError(field, "a PositionStandard", std)
        if framework is not None and id(std) not in checked:
            std.check_against(framework)
            checked.add(id(std))
        return std

    plan: list[tuple[str, PositionStandard, PositionStandard | None]] = []
    for nip in sorted(people):
        e = people[nip]
        if isinstance(standards, Mapping):
            if e.position_id not in standards:
                raise UnknownIdError("position", e.position_id, f"standards (employee {nip})")
            std = resolve(standards[e.position_id], f"standards[{e.position_id!r}]")
        else:
            std = resolve(standards(e), f"standards({nip})")
        tgt_raw = None if targets is None else targets(e)
        tgt = None if tgt_raw is None else resolve(tgt_raw, f"targets({nip})")
        plan.append((nip, std, tgt))
    return plan


def _stream(
    plan: list[tuple[str, PositionStandard, PositionStandard | None]],
    grouped: dict[str, list[Any]],
    as_mapping: bool,
    combination: CombinationPolicy | None,
    policies: tuple[JpmPolicy, JpmPolicy],
) -> Iterator[GapReport]:
    for nip, std, tgt in plan:
        entries = grouped.get(nip, [])
        if as_mapping:
            current = {key[1]: cur for key, cur in entries}
        else:
            current = {
                cid: cur
                for (_, cid), cur in combine_assessments(entries, policy=combination).items()
            }
        tgt_report = None if tgt is None else _build_report(nip, current, tgt, policies)
        yield _build_report(nip, current, std, policies, tgt_report)
