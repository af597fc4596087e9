"""Current levels: from assessments to one level per person and competency.

:func:`combine_assessments` applies a
:class:`~asn_competency.policies.combination.CombinationPolicy` (latest, highest,
source priority or recency-weighted) to every person's assessments of every
competency; :func:`normalise_levels` accepts either assessments or already
combined levels, as every analysis that reads levels does.

Examples:
    >>> import datetime as dt
    >>> from asn_competency.domain.assessment import Assessment
    >>> nip = "199107202019031004"
    >>> seen = [Assessment(nip=nip, competency_id="MJ.KOM", level=2,
    ...                    assessed_on=dt.date(2023, 5, 1)),
    ...         Assessment(nip=nip, competency_id="MJ.KOM", level=3,
    ...                    assessed_on=dt.date(2024, 5, 1))]
    >>> combine_assessments(seen)[(nip, "MJ.KOM")].level
    3.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from typing import TypeAlias

from asn_competency import _validate
from asn_competency.domain.assessment import Assessment, CombinationRule, CurrentLevel
from asn_competency.domain.framework import CompetencyFramework
from asn_competency.errors import ValidationError
from asn_competency.policies.combination import COMBINATION_DEFAULT, CombinationPolicy

__all__ = ["LevelTable", "LevelsInput", "combine_assessments", "normalise_levels"]

LevelsInput: TypeAlias = Iterable[Assessment] | Mapping[tuple[str, str], CurrentLevel]
"""What gap analysis reads: assessments (combined by a policy), or current levels
keyed by ``(nip, competency_id)`` that keep their provenance."""

LevelTable: TypeAlias = LevelsInput | Mapping[tuple[str, str], float]
"""What matching reads: a :data:`LevelsInput`, or plain levels keyed by
``(nip, competency_id)`` (for instance from a spreadsheet)."""


def _order_key(
    policy: CombinationPolicy,
) -> Callable[[Assessment], tuple[dt.date, int, int, str, str]]:
    def key(a: Assessment) -> tuple[dt.date, int, int, str, str]:
        # Newer, then more trusted source, then higher level, then assessor, evidence.
        return (a.assessed_on, -policy.priority(a.source), a.level, a.assessor, a.evidence)

    return key


def _combine_one(group: list[Assessment], policy: CombinationPolicy) -> CurrentLevel:
    rule = policy.rule
    if len(group) == 1 and rule is not CombinationRule.RECENCY_WEIGHTED:
        # One assessment: every rule but the weighted one takes it as it is.
        (only,) = group
        return CurrentLevel(
            nip=only.nip,
            competency_id=only.competency_id,
            level=float(only.level),
            rule=rule,
            policy_name=policy.name,
            based_on=(only,),
            decisive=(only,),
        )
    key = _order_key(policy)
    ordered = sorted(group, key=key)
    rule = policy.rule
    decisive: tuple[Assessment, ...]
    if rule is CombinationRule.LATEST:
        decisive = (ordered[-1],)
        level = float(ordered[-1].level)
    elif rule is CombinationRule.HIGHEST:
        best = max(ordered, key=lambda a: (a.level, key(a)))
        decisive = (best,)
        level = float(best.level)
    elif rule is CombinationRule.SOURCE_PRIORITY:
        top = min(policy.priority(a.source) for a in ordered)
        chosen = [a for a in ordered if policy.priority(a.source) == top][-1]
        decisive = (chosen,)
        level = float(chosen.level)
    else:
        as_of = policy.as_of or ordered[-1].assessed_on
        ages = [max((as_of - a.assessed_on).days, 0) for a in ordered]
        # Decay relative to the youngest assessment: the common factor cancels in the
        # mean and the weights cannot all underflow to zero.
        youngest = min(ages)
        raw = [
            policy.source_weights[a.source] * 0.5 ** ((age - youngest) / policy.half_life_days)
            for a, age in zip(ordered, ages, strict=True)
        ]
        # Weights relative to the largest and shares of their sum: large weights or
        # levels cannot overflow, and the mean stays between the lowest and highest level.
        top = max(raw)
        weight_sum = math.fsum(w / top for w in raw)
        mean = math.fsum(w / top / weight_sum * a.level for w, a in zip(raw, ordered, strict=True))
        levels = [a.level for a in ordered]
        level = round(min(max(mean, float(min(levels))), float(max(levels))), 6)
        decisive = tuple(ordered)
    first = ordered[0]
    return CurrentLevel(
        nip=first.nip,
        competency_id=first.competency_id,
        level=level,
        rule=rule,
        policy_name=policy.name,
        based_on=tuple(ordered),
        decisive=decisive,
    )


def combine_assessments(
    assessments: Iterable[Assessment],
    *,
    policy: CombinationPolicy | None = None,
) -> dict[tuple[str, str], CurrentLevel]:
    """Combine assessments into one current level per person and competency.

    Args:
        assessments: Assessments of any number of people, in any order.
        policy: The combination policy; latest-assessment-wins by default.

    Returns:
        ``{(nip, competency_id): CurrentLevel}``, with keys in sorted order. The
        result does not depend on the order of ``assessments``.

    Raises:
        ValidationError: If an item is not an :class:`Assessment` (or its assessor
            or evidence is not a text), or ``policy`` is not a :class:`CombinationPolicy`.

    Notes:
        Runs in O(n log n) for n assessments.
    """
    if policy is None:
        policy = COMBINATION_DEFAULT
    elif not isinstance(policy, CombinationPolicy):
        raise ValidationError("policy", "a CombinationPolicy or none", policy)
    groups: dict[tuple[str, str], list[Assessment]] = {}
    for i, a in enumerate(assessments):
        if not isinstance(a, Assessment):
            raise ValidationError(f"assessments[{i}]", "an Assessment", a)
        if type(a.assessor) is str and type(a.evidence) is str:  # the common case
            groups.setdefault((a.nip, a.competency_id), []).append(a)
            continue
        for name in ("assessor", "evidence"):
            # Ties are broken by these texts, so another kind of value cannot be ordered.
            if not isinstance(getattr(a, name), str):
                raise ValidationError(f"assessments[{i}].{name}", "a text", getattr(a, name))
        groups.setdefault(a.key, []).append(a)
    return {k: _combine_one(groups[k], policy) for k in sorted(groups)}


# --- Level and people preparation (shared by check_pair and the matchers) -------------


def normalise_levels(levels: LevelTable) -> dict[tuple[str, str], float]:
    """Return ``{(nip, competency_id): level}`` from assessments, current levels or numbers.

    Raises:
        ValidationError: If a level is not a finite number >= 0.
    """
    if isinstance(levels, Mapping):
        out: dict[tuple[str, str], float] = {}
        for key, value in levels.items():
            level = value.level if isinstance(value, CurrentLevel) else value
            where = ", ".join(map(str, key)) if isinstance(key, tuple) else str(key)
            # NumPy scalars count; bools, texts and huge ints do not.
            if not _validate.is_finite_real(level) or float(level) < 0:
                raise ValidationError(f"levels[{where}]", "a finite level >= 0", level)
            number = float(level)
            if isinstance(value, CurrentLevel) and (value.nip, value.competency_id) != key:
                # Filed under another person or competency: which one is meant is unclear.
                raise ValidationError(
                    f"levels[{where}]",
                    "the CurrentLevel of its key",
                    f"{value.nip}, {value.competency_id}",
                )
            out[key] = number
        return out
    if isinstance(levels, (str, bytes)) or not isinstance(levels, Iterable):
        raise ValidationError("levels", "{(nip, competency_id): level} or assessments", levels)
    return {k: c.level for k, c in combine_assessments(levels).items()}


"""Assessments (combined on the fly) or current levels keyed ``(nip, competency_id)``."""


def _check_levels(levels: object, field: str) -> None:
    if isinstance(levels, (str, bytes)) or not isinstance(levels, Iterable):
        raise ValidationError(field, "assessments or {(nip, competency_id): CurrentLevel}", levels)


def _check_key(key: object, where: str = "levels") -> None:
    if not (isinstance(key, tuple) and len(key) == 2):
        raise ValidationError(where, "keys (nip, competency_id)", key)


def _check_current(
    key: tuple[str, str],
    cur: object,
    framework: CompetencyFramework | None,
    where: str = "levels",
) -> CurrentLevel:
    field = f"{where}[{key[0]}, {key[1]}]"
    if not isinstance(cur, CurrentLevel):
        raise ValidationError(field, "a CurrentLevel", cur)
    if (cur.nip, cur.competency_id) != key:
        raise ValidationError(f"{field}.competency_id", f"the key's {key!r}", cur.competency_id)
    level = cur.level
    ok = not isinstance(level, bool) and isinstance(level, (int, float)) and math.isfinite(level)
    if not ok or level < 0:
        raise ValidationError(f"{field}.level", "a finite number >= 0", level)
    if framework is not None:
        scale = framework[cur.competency_id].scale
        if not scale.minimum <= level <= scale.maximum:
            raise ValidationError(
                f"{field}.level", f"a level in {scale.minimum}..{scale.maximum}", level
            )
    return cur


def _current_levels(
    levels: LevelsInput,
    nip: str,
    wanted: Iterable[str],
    framework: CompetencyFramework | None,
    combination: CombinationPolicy | None,
) -> dict[str, CurrentLevel]:
    """Return ``{competency_id: CurrentLevel}`` of ``nip``; other people are ignored."""
    if isinstance(levels, Mapping):
        out: dict[str, CurrentLevel] = {}
        if framework is None:
            for cid in wanted:
                cur = levels.get((nip, cid))
                if cur is not None:
                    out[cid] = _check_current((nip, cid), cur, None)
        else:
            for key, cur in levels.items():
                _check_key(key)
                if key[0] == nip:
                    out[key[1]] = _check_current(key, cur, framework)
        return out
    mine: list[Assessment] = []
    for i, a in enumerate(levels):
        if not isinstance(a, Assessment):
            raise ValidationError(f"levels[{i}]", "an Assessment", a)
        if a.nip != nip:
            continue
        if framework is not None:
            scale = framework[a.competency_id].scale
            scale.validate_level(a.level, field=f"levels[{i}].level", allow_na=True)
        if a.level > 0:
            mine.append(a)
    combined = combine_assessments(mine, policy=combination)
    return {cid: cur for (_, cid), cur in combined.items()}
