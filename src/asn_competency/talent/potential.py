"""Potential from evidence: the competency assessment, a potential assessment and the track record.

:class:`PotentialEvidence` holds what is known of one person;
:func:`analyse_potential` turns it into a score on 0-100 and a rank (low,
middle, high) under a :class:`~asn_competency.policies.potential.PotentialPolicy`,
and the :class:`PotentialResult` says which evidence placed the person and how
much each part counted. :func:`~asn_competency.talent.nine_box.talent_box`
accepts the evidence in place of a potential rank.

Examples:
    >>> evidence = PotentialEvidence(jpm=75, assessment={"learning_agility": 80, "cognitive": 70},
    ...                              years_in_grade=3, performance=(88, 92), development_jp=24)
    >>> result = analyse_potential(evidence)
    >>> result.score, result.rank.value
    (77.67, 'middle')
    >>> [(c.kind, c.points) for c in result.components]
    [('competency', 75.0), ('assessment', 75.0), ('track_record', 88.33)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _validate
from asn_competency.domain.employee import parse_nip
from asn_competency.errors import ValidationError
from asn_competency.policies.nine_box import Potential
from asn_competency.policies.potential import EVIDENCE_KINDS, POTENTIAL_DEFAULT, PotentialPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PotentialComponent", "PotentialEvidence", "PotentialResult", "analyse_potential"]


def _score(field: str, value: object) -> float:
    return _validate.number_in_range(field, value, low=0, high=100)


def _optional_score(value: object) -> float | None:
    return None if value is None else _score("jpm", value)


def _years(value: object) -> float | None:
    return None if value is None else _validate.number_in_range("years_in_grade", value, low=0)


def _jp(value: object) -> float | None:
    return None if value is None else _validate.number_in_range("development_jp", value, low=0)


def _tests(value: Mapping[Any, Any]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("assessment", "a mapping {test name: score 0-100}", value)
    out: dict[str, float] = {}
    for name, score in value.items():
        if not _validate.is_identifier(name):
            raise ValidationError("assessment", "test names of letters, digits, '_.:-'", name)
        out[name] = _score(f"assessment[{name}]", score)
    return _validate.FrozenMapping(dict(sorted(out.items())))


def _history(value: Iterable[Any]) -> tuple[float, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError("performance", "a sequence of scores 0-100", value)
    return tuple(_score(f"performance[{i}]", v) for i, v in enumerate(value))


def _optional_nip(value: object) -> str | None:
    return None if value is None else parse_nip(value).value  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class PotentialEvidence:
    """What is known of one person's potential; any part may be missing.

    Args:
        nip: The person, if the evidence is to be matched to a record.
        jpm: The Job Person Match (0-100) against the standard of the level the
            person is considered for (the competency assessment).
        assessment: Potential-assessment scores on 0-100 by test name (learning
            agility, cognitive tests, ...); empty when none was taken.
        years_in_grade: Years in the current rank or position.
        performance: Performance scores (SKP, 0-100) of past years, oldest first.
        development_jp: JP of competency development in the last year.

    Raises:
        ValidationError: For a score outside 0-100, a negative or non-finite
            number, or a test name that is not an id.

    Examples:
        >>> PotentialEvidence(jpm=82, years_in_grade=2).present_kinds()
        ('competency', 'track_record')
    """

    nip: str | None = attrs.field(default=None, converter=_optional_nip)
    jpm: float | None = attrs.field(default=None, converter=_optional_score)
    assessment: Mapping[str, float] = attrs.field(factory=dict, converter=_tests, hash=False)
    years_in_grade: float | None = attrs.field(default=None, converter=_years)
    performance: tuple[float, ...] = attrs.field(default=(), converter=_history)
    development_jp: float | None = attrs.field(default=None, converter=_jp)

    def present_kinds(self) -> tuple[str, ...]:
        """Return the kinds of evidence present, in the policy's order."""
        present = {
            "competency": self.jpm is not None,
            "assessment": bool(self.assessment),
            "track_record": self.years_in_grade is not None
            or bool(self.performance)
            or self.development_jp is not None,
        }
        return tuple(k for k in EVIDENCE_KINDS if present[k])


@attrs.frozen(kw_only=True)
class PotentialComponent:
    """One kind of evidence as it counted in a potential score.

    Args:
        kind: ``competency``, ``assessment`` or ``track_record``.
        points: Its points on 0-100 (rounded as the policy says).
        weight: Its share of the score in percent, after the weights were
            renormalised over the evidence present.
        parts: What made the points: the JPM, each test, or each part of the
            track record, as ``(name, points)``.
    """

    kind: str
    points: float
    weight: float
    parts: tuple[tuple[str, float], ...]


def _to_potential(value: object) -> Potential:
    return _validate.to_enum(Potential, "rank")(value)


@attrs.frozen(kw_only=True)
class PotentialResult:
    """A person's potential score and rank, and the evidence that placed them.

    Build it with :func:`analyse_potential`.

    Args:
        nip: The person, when the evidence named one.
        score: The potential score on 0-100 (rounded as the policy says).
        rank: Low, middle or high under the policy's cut-offs.
        components: The kinds of evidence used, in the policy's order.
        missing: The kinds of evidence the policy weighs that were not given.
        policy: The policy used.
    """

    nip: str | None
    score: float
    rank: Potential = attrs.field(converter=_to_potential)
    components: tuple[PotentialComponent, ...]
    missing: tuple[str, ...]
    policy: PotentialPolicy

    def component(self, kind: str) -> PotentialComponent | None:
        """Return the component of one kind of evidence, or ``None`` if it was not used."""
        for c in self.components:
            if c.kind == kind:
                return c
        return None

    def explain(self) -> str:
        """Return one sentence saying which evidence placed the person and how.

        Examples:
            >>> text = analyse_potential(PotentialEvidence(jpm=90, development_jp=10)).explain()
            >>> for part in text.split("; "):
            ...     print(part)
            potential middle: score 76.67 in 68 to < 80 from competency 90 x 66.67 %
            track record 50 x 33.33 %
            not given: assessment
        """
        middle, high = self.policy.cutoffs
        if self.rank is Potential.HIGH:
            bound = f">= {high:g}"
        elif self.rank is Potential.MIDDLE:
            bound = f"in {middle:g} to < {high:g}"
        else:
            bound = f"< {middle:g}"
        used = "; ".join(
            f"{c.kind.replace('_', ' ')} {c.points:g} x {c.weight:g} %" for c in self.components
        )
        text = f"potential {self.rank.value}: score {self.score:g} {bound} from {used}"
        if self.missing:
            text += f"; not given: {', '.join(m.replace('_', ' ') for m in self.missing)}"
        return text

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per part of each kind of evidence used.

        Examples:
            >>> df = analyse_potential(PotentialEvidence(jpm=90, development_jp=10)).to_dataframe()
            >>> df[["kind", "part", "points"]].values.tolist()
            [['competency', 'jpm', 90.0], ['track_record', 'development', 50.0]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        rows = [
            {
                "nip": self.nip,
                "kind": c.kind,
                "weight": c.weight,
                "kind_points": c.points,
                "part": part,
                "points": points,
            }
            for c in self.components
            for part, points in c.parts
        ]
        columns = ["nip", "kind", "weight", "kind_points", "part", "points"]
        return pd.DataFrame(rows, columns=columns)


def _round(value: float, policy: PotentialPolicy) -> float:
    if policy.decimals is None:
        return value
    return _validate.round_as_printed(value, policy.decimals)


def _weighted(pairs: list[tuple[float, float]]) -> float:
    """The weighted mean of ``(weight, points)`` pairs, kept inside the points' range."""
    total = math.fsum(w for w, _ in pairs)
    mean = math.fsum(w * p for w, p in pairs) / total
    return min(max(mean, min(p for _, p in pairs)), max(p for _, p in pairs))


def _track_parts(
    evidence: PotentialEvidence, policy: PotentialPolicy
) -> list[tuple[str, float, float]]:
    """The track record's parts present: ``(part, weight, points)``."""
    parts: list[tuple[str, float, float]] = []
    weights = policy.track_weights
    if evidence.years_in_grade is not None:
        points = 100.0 * min(evidence.years_in_grade / policy.full_years, 1.0)
        parts.append(("years_in_grade", weights["years_in_grade"], points))
    if evidence.performance:
        parts.append(
            ("performance", weights["performance"], _validate.fsum_mean(evidence.performance))
        )
    if evidence.development_jp is not None:
        points = 100.0 * min(evidence.development_jp / policy.full_jp, 1.0)
        parts.append(("development", weights["development"], points))
    return [p for p in parts if p[1] > 0]


def _kinds(
    evidence: PotentialEvidence, policy: PotentialPolicy
) -> dict[str, list[tuple[str, float, float]]]:
    """Each kind of evidence present, as its parts ``(name, weight, points)``."""
    kinds: dict[str, list[tuple[str, float, float]]] = {}
    if evidence.jpm is not None:
        kinds["competency"] = [("jpm", 1.0, evidence.jpm)]
    if evidence.assessment:
        kinds["assessment"] = [(name, 1.0, s) for name, s in evidence.assessment.items()]
    track = _track_parts(evidence, policy)
    if track:
        kinds["track_record"] = track
    return {k: v for k, v in kinds.items() if policy.weights[k] > 0}


def analyse_potential(
    evidence: PotentialEvidence, *, policy: PotentialPolicy = POTENTIAL_DEFAULT
) -> PotentialResult:
    """Place one person's potential from the evidence present.

    Each kind of evidence becomes points on 0-100 (see
    :mod:`asn_competency.policies.potential`); the score is the mean of those
    points weighted by the policy, renormalised over the kinds present, and the
    rank follows the policy's cut-offs. A kind the policy weighs at 0 is ignored,
    and a track-record part it weighs at 0 does not make the track record present.

    Args:
        evidence: What is known of the person.
        policy: Weights, scales and cut-offs.

    Returns:
        The score, the rank and the evidence that placed the person.

    Raises:
        ValidationError: If fewer kinds of evidence than the policy's
            ``min_evidence`` are present, or an argument has the wrong kind.

    Examples:
        >>> try:
        ...     analyse_potential(PotentialEvidence(jpm=60))
        ... except ValidationError as e:
        ...     print(e.expected, "|", e.got)
        at least 2 of competency, assessment, track_record | competency
    """
    if not isinstance(evidence, PotentialEvidence):
        raise ValidationError("evidence", "a PotentialEvidence", evidence)
    if not isinstance(policy, PotentialPolicy):
        raise ValidationError("policy", "a PotentialPolicy", policy)
    kinds = _kinds(evidence, policy)
    if len(kinds) < policy.min_evidence:
        weighed = ", ".join(k for k in EVIDENCE_KINDS if policy.weights[k] > 0)
        raise ValidationError(
            "evidence", f"at least {policy.min_evidence} of {weighed}", ", ".join(kinds) or None
        )
    total = math.fsum(policy.weights[k] for k in kinds)
    components: list[PotentialComponent] = []
    pairs: list[tuple[float, float]] = []
    for kind in EVIDENCE_KINDS:
        if kind not in kinds:
            continue
        parts = kinds[kind]
        points = _weighted([(w, p) for _, w, p in parts])
        pairs.append((policy.weights[kind], points))
        components.append(
            PotentialComponent(
                kind=kind,
                points=_round(points, policy),
                weight=_round(100.0 * policy.weights[kind] / total, policy),
                parts=tuple((name, _round(p, policy)) for name, _, p in parts),
            )
        )
    score = _round(_weighted(pairs), policy)
    missing = tuple(k for k in EVIDENCE_KINDS if policy.weights[k] > 0 and k not in kinds)
    return PotentialResult(
        nip=evidence.nip,
        score=score,
        rank=policy.rank(score),
        components=tuple(components),
        missing=missing,
        policy=policy,
    )
