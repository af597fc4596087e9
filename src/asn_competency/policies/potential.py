"""How potential (the nine-box's *potensial* axis) is reached from evidence.

PermenPAN-RB 3/2020 places a person's potential from three kinds of evidence:
the competency assessment, a potential assessment and the track record. The
regulation gives no weights or cut-offs; :class:`PotentialPolicy` names them,
and :data:`POTENTIAL_DEFAULT` is the library's reading.

Each kind of evidence becomes points on 0-100:

* ``competency``: the Job Person Match against the standard of the level the
  person is considered for (the JPM is already on 0-100);
* ``assessment``: the mean of the potential-assessment scores (learning
  agility, cognitive tests, ...), each on 0-100;
* ``track_record``: the weighted mean of its parts, each on 0-100:
  ``years_in_grade`` (``100 x min(years / full_years, 1)``), ``performance``
  (the mean of the performance scores of past years) and ``development``
  (``100 x min(JP in the last year / full_jp, 1)``).

The potential score is the weighted mean of the points of the evidence present
(weights renormalised over it); at least ``min_evidence`` kinds must be present.

Examples:
    >>> POTENTIAL_DEFAULT.weights["competency"], POTENTIAL_DEFAULT.cutoffs
    (40.0, (68.0, 80.0))
    >>> POTENTIAL_DEFAULT.rank(77.67).value
    'middle'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError
from asn_competency.policies.nine_box import Potential

__all__ = ["EVIDENCE_KINDS", "POTENTIAL_DEFAULT", "TRACK_RECORD_PARTS", "PotentialPolicy"]

EVIDENCE_KINDS = ("competency", "assessment", "track_record")
"""The kinds of evidence potential is placed from, in the order results list them."""

TRACK_RECORD_PARTS = ("years_in_grade", "performance", "development")
"""The parts of the track record, in the order results list them."""


def _weights(field: str, known: tuple[str, ...], value: object) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError(field, f"a mapping {{name: weight}} of {', '.join(known)}", value)
    out: dict[str, float] = {}
    for key, weight in value.items():
        if key not in known:
            raise ValidationError(field, f"names among {', '.join(known)}", key)
        if not _validate.is_finite_number(weight) or weight < 0:
            raise ValidationError(f"{field}[{key}]", "a finite weight >= 0", weight)
        out[key] = float(weight)
    if not any(out.values()):
        raise ValidationError(field, "at least one weight above 0", value)
    # Every name present, in the documented order; a name left out weighs 0.
    return _validate.FrozenMapping({k: out.get(k, 0.0) for k in known})


def _kind_weights(value: Mapping[str, float]) -> Mapping[str, float]:
    return _weights("weights", EVIDENCE_KINDS, value)


def _track_weights(value: Mapping[str, float]) -> Mapping[str, float]:
    return _weights("track_weights", TRACK_RECORD_PARTS, value)


def _cutoffs(value: Iterable[float]) -> tuple[float, float]:
    try:
        items = tuple(value)
    except TypeError:
        raise ValidationError("cutoffs", "two increasing scores in 0..100", value) from None
    ok = len(items) == 2 and all(_validate.is_finite_number(v) for v in items)
    if not ok or not 0 < float(items[0]) < float(items[1]) <= 100:
        raise ValidationError("cutoffs", "two increasing scores in 0..100 (above 0)", items)
    return (float(items[0]), float(items[1]))


def _positive(_inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    if not _validate.is_finite_number(value) or not value > 0:  # type: ignore[operator]
        raise ValidationError(attribute.name, "a finite number > 0", value)


def _min_evidence(_inst: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
        raise ValidationError(attribute.name, "a whole number 1-3", value)


def _decimals(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9:
        raise ValidationError(attribute.name, "None or a whole number 0-9", value)


@attrs.frozen(kw_only=True, repr=False)
class PotentialPolicy:
    """Weights, scales and cut-offs that turn evidence into low, middle or high potential.

    Args:
        name: Policy name.
        version: Policy version.
        weights: ``{kind: weight}`` for ``competency``, ``assessment`` and
            ``track_record`` (a kind left out weighs 0); at least one above 0.
        track_weights: ``{part: weight}`` for the track record's
            ``years_in_grade``, ``performance`` and ``development``.
        full_years: Years in grade that earn full points.
        full_jp: JP of development in the last year that earn full points.
        cutoffs: ``(middle from, high from)`` on the 0-100 potential score; each
            bound belongs to the upper rank.
        min_evidence: How many kinds of evidence (of those weighing above 0)
            must be present to place a person.
        decimals: The score is rounded half up to this many decimals (as a report
            prints it) before it is compared with the cut-offs; ``None`` compares
            the exact value.
        source: Where the numbers come from and how sure we are.

    Raises:
        ValidationError: For an unknown kind or part, a negative or non-finite
            weight, all weights 0, cut-offs that do not increase inside 0..100,
            or a scale that is not a number above 0.

    Examples:
        >>> POTENTIAL_DEFAULT.rank(80).value, POTENTIAL_DEFAULT.rank(79.995).value
        ('high', 'high')
    """

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    weights: Mapping[str, float] = attrs.field(converter=_kind_weights, hash=False)
    track_weights: Mapping[str, float] = attrs.field(converter=_track_weights, hash=False)
    full_years: float = attrs.field(default=4.0, validator=_positive)
    full_jp: float = attrs.field(default=20.0, validator=_positive)
    cutoffs: tuple[float, float] = attrs.field(default=(68.0, 80.0), converter=_cutoffs)
    min_evidence: int = attrs.field(default=2, validator=_min_evidence)
    decimals: int | None = attrs.field(default=2, validator=_decimals)
    source: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        weighed = sum(1 for w in self.weights.values() if w > 0)
        if self.min_evidence > weighed:
            raise ValidationError(
                "min_evidence", f"at most the {weighed} kind(s) weighing above 0", self.min_evidence
            )

    def rank(self, score: float) -> Potential:
        """Return the potential rank of a score on 0-100 (rounded as ``decimals`` says).

        Raises:
            ValidationError: If ``score`` is not a number in 0..100.
        """
        value = _validate.number_in_range("score", score, low=0, high=100)
        if self.decimals is not None:
            value = _validate.round_as_printed(value, self.decimals)
        middle, high = self.cutoffs
        if value >= high:
            return Potential.HIGH
        return Potential.MIDDLE if value >= middle else Potential.LOW


POTENTIAL_DEFAULT = PotentialPolicy(
    name="potential-evidence-default",
    version="2026.1",
    weights={"competency": 40, "assessment": 40, "track_record": 20},
    track_weights={"years_in_grade": 1, "performance": 1, "development": 1},
    full_years=4,
    full_jp=20,
    cutoffs=(68, 80),
    min_evidence=2,
    decimals=2,
    source=(
        "The three kinds of evidence (competency assessment, potential assessment, track "
        "record): PermenPAN-RB 3/2020 as amended by PermenPAN-RB 20/2025 (checked). The "
        "regulation sets no numbers; every number here is our reading: weights 40/40/20, the "
        "track record's parts equal, full points at 4 years in grade (the usual interval "
        "between regular rank promotions) and at 20 JP a year (the PP 11/2017 minimum, "
        "checked), cut-offs 68 and 80 (the JPM selection cut-offs, as the nine-box default), "
        "at least two kinds of evidence, scores rounded to 2 decimals."
    ),
)
"""The library's reading: weights 40/40/20, cut-offs 68 and 80, at least two kinds of evidence."""
