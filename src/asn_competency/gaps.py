"""Competency gaps of one person against a position standard, and Job Person Match (JPM).

For every requirement of a :class:`~asn_competency.position.PositionStandard`
the analysis sets the person's current level (a
:class:`~asn_competency.assessment.CurrentLevel`, which keeps the assessments it
came from) beside the required level:

* ``gap = required - level``: positive is a shortfall, negative a surplus;
* ``status``: *not assessed*, *below*, *meets* or *exceeds* the requirement;
* the importance-weighted gap
  ``sum(importance * max(gap, 0)) / sum(importance)`` over the assessed
  requirements (equal weights if every assessed requirement has importance 0);
* the Job Person Match
  ``JPM = 100 * sum(min(level, required)) / sum(required)``, capped at 100, and
  its category under a mapping and a selection :class:`JpmPolicy`.

A requirement nobody assessed is reported as *not assessed*: it is never read as
level 0 nor as met. An assessment at level 0 ("not applicable", on scales that
have such a level) gives no level either and is left out before combining. The
weighted gap uses the assessed requirements only, and the JPM is only given when
every requirement is assessed. Assessments and levels of other people than the
one analysed are ignored, so that one collection can serve a whole unit.

Examples:
    >>> import datetime as dt
    >>> from asn_competency import Assessment, PositionStandard, Requirement
    >>> std = PositionStandard(position_id="DUKCAPIL.FO", framework_id="asn-national",
    ...     requirements=[Requirement(competency_id="MJ.PP", level=3, importance=2),
    ...                   Requirement(competency_id="MJ.KOM", level=2)])
    >>> nip = "199107202019031004"
    >>> levels = [
    ...     Assessment(nip=nip, competency_id="MJ.PP", level=2, assessed_on=dt.date(2024, 3, 1)),
    ...     Assessment(nip=nip, competency_id="MJ.KOM", level=3, assessed_on=dt.date(2024, 3, 1)),
    ... ]
    >>> report = analyse_gaps(levels, std, nip=nip)
    >>> [(i.competency_id, i.gap, i.status.value) for i in report.items]
    [('MJ.KOM', -1.0, 'exceeds'), ('MJ.PP', 1.0, 'below')]
    >>> round(report.weighted_gap, 4), report.jpm, report.jpm_mapping
    (0.6667, 80.0, 'Cukup Optimal')
"""

from __future__ import annotations

import decimal
import enum
import math
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from asn_competency import _validate
from asn_competency.assessment import (
    Assessment,
    CombinationPolicy,
    CurrentLevel,
    combine_assessments,
)
from asn_competency.employee import Employee, employees_by_nip, parse_nip
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.framework import CompetencyFramework
from asn_competency.position import PositionStandard, Requirement

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    _IntArray: TypeAlias = npt.NDArray[np.int64]
    _FloatArray: TypeAlias = npt.NDArray[np.float64]
else:
    # NumPy loads only when the columnar path runs; at run time the hints stay readable.
    _IntArray = _FloatArray = Any

__all__ = [
    "JPM_KKP_39_2023_OTHERS",
    "JPM_KKP_39_2023_SENIOR",
    "JPM_MAPPING_BKN",
    "JPM_SELECTION_BKN",
    "ColumnarGaps",
    "GapColumns",
    "GapItem",
    "GapReport",
    "GapStatus",
    "JpmPolicy",
    "LevelsInput",
    "StandardsInput",
    "analyse_columns",
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


@attrs.frozen(kw_only=True)
class GapItem:
    """One requirement of a standard, for one person.

    Args:
        competency_id: The competency the requirement names.
        required: The level the standard requires.
        importance: The requirement's weight (from :class:`~asn_competency.position.Requirement`).
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

    competency_id: str = attrs.field(validator=_validate.identifier)
    required: int = attrs.field(validator=_validate.positive_int)
    importance: float = attrs.field(validator=_validate.non_negative)
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


def _bands(value: Iterable[Any]) -> tuple[tuple[str, float], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("bands", "(label, minimum) pairs", value)
    out: list[tuple[str, float]] = []
    for i, band in enumerate(value):
        try:
            label, minimum = band
        except (TypeError, ValueError):
            raise ValidationError(f"bands[{i}]", "a pair (label, minimum)", band) from None
        if not isinstance(label, str) or not label.strip():
            raise ValidationError(f"bands[{i}].label", "a non-empty text", label)
        if not _validate.is_finite_number(minimum):
            raise ValidationError(f"bands[{i}].minimum", "a finite number", minimum)
        out.append((label, float(minimum)))
    return tuple(sorted(out, key=lambda b: -b[1]))


@attrs.frozen(kw_only=True)
class JpmPolicy:
    """Categories of the Job Person Match: ordered bands, each with a lower bound.

    A JPM falls in the first band (highest minimum first) whose minimum it
    reaches. A value between two printed ranges (90.5 under "85-90 / >= 91") thus
    falls in the lower band, unless ``decimals`` rounds it first. Rounding is
    half up on the value as it prints, as reports round: with ``decimals=0``
    90.5 becomes 91, and with ``decimals=1`` 69.35 becomes 69.4.

    Args:
        name: Policy name.
        version: Policy version.
        bands: ``(label, minimum)`` pairs; kept sorted from the highest minimum.
            Labels and minimums are unique and the lowest minimum is 0, so that
            every JPM in ``0..cap`` has a category.
        cap: The largest JPM (100); a finite number.
        decimals: Round the JPM half up to this many decimals before comparing
            it with the minimums; ``None`` compares the exact value.
        source: The regulation or practice it follows and how sure we are.

    Raises:
        ValidationError: If the bands are empty, repeat a label or a minimum,
            or do not start at 0.

    Examples:
        >>> JPM_MAPPING_BKN.category(89.9), JPM_MAPPING_BKN.category(90)
        ('Cukup Optimal', 'Optimal')
        >>> JPM_SELECTION_BKN.category(67.99)
        'Kurang Memenuhi Syarat'
        >>> attrs.evolve(JPM_KKP_39_2023_SENIOR, decimals=0).category(90.5)
        'Optimal'
    """

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    bands: tuple[tuple[str, float], ...] = attrs.field(converter=_bands)
    cap: float = attrs.field(default=100.0)
    decimals: int | None = attrs.field(default=None)
    source: str = ""

    @bands.validator
    def _check_bands(
        self, attribute: attrs.Attribute[object], value: tuple[tuple[str, float], ...]
    ) -> None:
        if not value:
            raise ValidationError("bands", "at least one (label, minimum) pair", value)
        _validate.unique_ids("bands", [label for label, _ in value])
        minimums = [m for _, m in value]
        if len(set(minimums)) != len(minimums):
            raise ValidationError("bands", "a different minimum for each band", minimums)
        if minimums[-1] != 0:
            raise ValidationError("bands", "a lowest minimum of 0", minimums[-1])

    @cap.validator
    def _check_cap(self, attribute: attrs.Attribute[float], value: float) -> None:
        if not _validate.is_finite_number(value) or not value > 0:
            raise ValidationError("cap", "a finite number > 0", value)
        if value < self.bands[0][1]:
            raise ValidationError("cap", f"at least the highest minimum {self.bands[0][1]}", value)

    @decimals.validator
    def _check_decimals(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError("decimals", "None or a whole number", value)
        if value is not None and value < 0:
            raise ValidationError("decimals", "None or a whole number >= 0", value)

    @property
    def labels(self) -> tuple[str, ...]:
        """The category labels, best first."""
        return tuple(label for label, _ in self.bands)

    def category(self, jpm: float) -> str:
        """Return the category of a JPM.

        Raises:
            ValidationError: If ``jpm`` is not a number in ``0..cap``.
        """
        if not _validate.is_finite_number(jpm) or not 0 <= jpm <= self.cap:
            raise ValidationError("jpm", f"a number in 0..{self.cap:g}", jpm)
        value = jpm if self.decimals is None else _validate.round_as_printed(jpm, self.decimals)
        for label, minimum in self.bands:
            if value >= minimum:
                return label
        raise AssertionError("unreachable: the lowest band starts at 0")  # pragma: no cover


JPM_MAPPING_BKN = JpmPolicy(
    name="JPM-mapping-BKN",
    version="2023.1",
    bands=(("Optimal", 90), ("Cukup Optimal", 78), ("Kurang Optimal", 0)),
    source=(
        "Competency-mapping categories of BKN assessment-centre practice (seen consistently in "
        "government software); Peraturan BRIN 3/2023 sets the same cut-offs (checked)."
    ),
)
"""JPM categories for competency mapping: Optimal >= 90, Cukup Optimal 78 to < 90, else Kurang."""

JPM_SELECTION_BKN = JpmPolicy(
    name="JPM-selection-BKN",
    version="2020.1",
    bands=(
        ("Memenuhi Syarat", 80),
        ("Masih Memenuhi Syarat", 68),
        ("Kurang Memenuhi Syarat", 0),
    ),
    source=(
        "Selection categories of BKN assessment-centre practice (seen consistently in government "
        "software); a 2020 rule for functional positions (JFKK) sets the same cut-offs (checked)."
    ),
)
"""JPM categories for selection: Memenuhi Syarat >= 80, Masih Memenuhi 68 to < 80, else Kurang."""

JPM_KKP_39_2023_SENIOR = JpmPolicy(
    name="JPM-PermenKKP-39-2023-JPT-AhliUtama",
    version="2023.1",
    bands=(("Optimal", 91), ("Cukup Optimal", 85), ("Kurang Optimal", 0)),
    source=(
        "PermenKKP 39/2023 cut-offs for JPT and Ahli Utama positions: >= 91, 85-90, < 85 "
        "(cut-offs checked; the labels are the mapping ones, assumed). A JPM between 90 and 91 "
        "falls in the middle band."
    ),
)
"""PermenKKP 39/2023 cut-offs for JPT and Ahli Utama: >= 91 / 85 to < 91 / < 85."""

JPM_KKP_39_2023_OTHERS = JpmPolicy(
    name="JPM-PermenKKP-39-2023-others",
    version="2023.1",
    bands=(("Optimal", 85), ("Cukup Optimal", 75), ("Kurang Optimal", 0)),
    source=(
        "PermenKKP 39/2023 cut-offs for positions other than JPT and Ahli Utama: >= 85, 75-84, "
        "< 75 (cut-offs checked; the labels are the mapping ones, assumed). A JPM between 84 and "
        "85 falls in the middle band."
    ),
)
"""PermenKKP 39/2023 cut-offs for other positions: >= 85 / 75 to < 85 / < 75."""


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
        return (
            f"JPM {self.jpm:.2f} = 100 * {got:g} / {need}; "
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


LevelsInput: TypeAlias = Iterable[Assessment] | Mapping[tuple[str, str], CurrentLevel]
"""Assessments (combined on the fly) or current levels keyed ``(nip, competency_id)``."""

StandardsInput: TypeAlias = Mapping[str, PositionStandard] | Callable[[Employee], PositionStandard]
"""Standards by position id, or a function giving an employee's standard."""


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


def _build_report(
    nip: str,
    current: Mapping[str, CurrentLevel],
    standard: PositionStandard,
    policies: tuple[JpmPolicy, JpmPolicy],
    target: GapReport | None = None,
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
) -> GapReport:
    """Compare one person's current levels with a position standard.

    Args:
        levels: The person's assessments (combined with
            :func:`~asn_competency.assessment.combine_assessments` under
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

    Returns:
        The report; its items are sorted by competency id.

    Raises:
        InvalidNipError: If ``nip`` is malformed.
        UnknownIdError: With ``framework``: if the standard, the target or an
            assessment of the person names a competency the framework lacks.
        ValidationError: With ``framework``: if a required or assessed level is
            off the competency's scale. Always: if ``levels`` holds something
            other than assessments or current levels.

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
    current = _current_levels(levels, nip, sorted(wanted), framework, combination)
    target_report = None if target is None else _build_report(nip, current, target, policies)
    return _build_report(nip, current, standard, policies, target_report)


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


# --- columnar path ----------------------------------------------------------------------------


def _numbers(value: object, field: str) -> npt.NDArray[Any]:
    """Return ``value`` as a flat integer or float array, or name the first non-number."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    try:
        arr = np.asarray(value).reshape(-1)
    except (TypeError, ValueError, OverflowError):  # ragged or otherwise not a column
        raise ValidationError(field, "a column of numbers", value) from None
    if arr.dtype.kind in "iuf":
        return arr
    if arr.dtype.kind == "O":
        items = arr.tolist()
        for item in items:
            if isinstance(item, bool) or not isinstance(item, numbers.Real):
                raise ValidationError(field, "numbers", item)
        return np.asarray(items)
    # Booleans, texts, dates: never read as numbers ("1" or True are not a level).
    raise ValidationError(field, "numbers", arr[0].item() if len(arr) else value)


def _whole(value: object, field: str) -> _IntArray:
    """Return ``value`` as int64, refusing fractions, NaN and values beyond int64."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = _numbers(value, field)
    if arr.dtype.kind == "O":  # Python ints too large for NumPy
        raise ValidationError(field, "whole numbers within 64 bits", max(arr.tolist(), key=abs))
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr) | (np.floor(arr) != arr) | (np.abs(arr) >= 2.0**63)
        if bad.any():
            raise ValidationError(field, "whole numbers", _first(arr, bad))
    elif arr.dtype.kind == "u" and len(arr) and int(arr.max()) >= 2**63:
        raise ValidationError(field, "whole numbers within 64 bits", int(arr.max()))
    return arr.astype(np.int64, copy=False)


def _real(value: object, field: str) -> _FloatArray:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = _numbers(value, field)
    if arr.dtype.kind == "O":  # Python ints too large for NumPy (and a float)
        raise ValidationError(field, "numbers within the float range", max(arr.tolist(), key=abs))
    return arr.astype(np.float64, copy=False)


def _person(value: object) -> _IntArray:
    return _whole(value, "person")


def _competency(value: object) -> _IntArray:
    return _whole(value, "competency")


def _required(value: object) -> _IntArray:
    return _whole(value, "required")


def _importance(value: object) -> _FloatArray:
    return _real(value, "importance")


def _level(value: object) -> _FloatArray:
    return _real(value, "level")


def _group(value: object) -> _IntArray | None:
    return None if value is None else _whole(value, "group")


def _texts(value: Iterable[str], field: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(field, "a sequence of texts", value)
    items = tuple(value)
    if not {str}.issuperset(map(type, items)):  # one C-level pass for a national list
        for item in items:
            if not isinstance(item, str):
                raise ValidationError(field, "texts", item)
    return items


def _unique_texts(value: Iterable[str], field: str) -> tuple[str, ...]:
    items = _texts(value, field)
    if len(set(items)) != len(items):  # one index per id: else counted twice
        _validate.unique_ids(field, items)  # names the repeated id
    return items


def _nips(value: Iterable[str]) -> tuple[str, ...]:
    return _unique_texts(value, "nips")


def _competency_ids(value: Iterable[str]) -> tuple[str, ...]:
    return _unique_texts(value, "competency_ids")


def _group_keys(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("group_keys", "a sequence of keys (tuples of texts)", value)
    keys: list[tuple[str, ...]] = []
    for key in value:
        if isinstance(key, str) or not isinstance(key, Iterable):
            # ("Pelayanan",), not "Pelayanan" (which would become nine one-letter fields)
            raise ValidationError("group_keys", "tuples of texts", key)
        keys.append(_texts(key, "group_keys"))
    return tuple(keys)


@attrs.frozen(kw_only=True, eq=False)
class GapColumns:
    """The requirements of many people as parallel arrays, one row per person and requirement.

    The columnar twin of a list of :class:`GapReport` objects: it computes the
    same numbers (see :func:`analyse_columns`) with NumPy, for national runs.

    Args:
        person: Row's person, an index into ``nips``.
        competency: Row's competency, an index into ``competency_ids``.
        required: Required level (a whole number >= 1).
        importance: Importance (a finite number >= 0).
        level: Current level; NaN when not assessed (write NaN, not 0, for
            "not applicable": a 0 counts as an assessed level 0).
        nips: The people, in the order ``person`` indexes them.
        competency_ids: The competencies, in the order ``competency`` indexes them.
        group: Optional group index of each person (into ``group_keys``), for
            :func:`asn_competency.organisation.summarise_columns`.
        group_keys: The groups' keys, such as ``("Disdukcapil", "Pelayanan")``.

    Raises:
        ValidationError: If the arrays differ in length, a column holds
            something other than numbers (texts, booleans, fractions where whole
            numbers go), an index is out of range, a NIP or competency id
            repeats, a person has the same competency twice, or a value is out
            of range.

    Examples:
        >>> cols = GapColumns(person=[0, 0], competency=[0, 1], required=[3, 2],
        ...                   importance=[2, 1], level=[2, float("nan")],
        ...                   nips=["199107202019031004"], competency_ids=["MJ.PP", "MJ.KOM"])
        >>> cols.rows, cols.people
        (2, 1)
    """

    person: _IntArray = attrs.field(converter=_person)
    competency: _IntArray = attrs.field(converter=_competency)
    required: _IntArray = attrs.field(converter=_required)
    importance: _FloatArray = attrs.field(converter=_importance)
    level: _FloatArray = attrs.field(converter=_level)
    nips: tuple[str, ...] = attrs.field(converter=_nips)
    competency_ids: tuple[str, ...] = attrs.field(converter=_competency_ids)
    group: _IntArray | None = attrs.field(default=None, converter=_group)
    group_keys: tuple[tuple[str, ...], ...] = attrs.field(default=(), converter=_group_keys)

    def __attrs_post_init__(self) -> None:
        import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

        n = len(self.person)
        for name in ("competency", "required", "importance", "level"):
            if len(getattr(self, name)) != n:
                raise ValidationError(
                    name, f"an array of {n} rows like 'person'", len(getattr(self, name))
                )
        if n and (self.person.min() < 0 or self.person.max() >= len(self.nips)):
            raise ValidationError(
                "person",
                f"indexes in 0..{len(self.nips) - 1}",
                _bad(self.person, 0, len(self.nips)),
            )
        ncomp = len(self.competency_ids)
        if n and (self.competency.min() < 0 or self.competency.max() >= ncomp):
            raise ValidationError(
                "competency", f"indexes in 0..{ncomp - 1}", _bad(self.competency, 0, ncomp)
            )
        if n and self.required.min() < 1:
            raise ValidationError("required", "levels >= 1", int(self.required.min()))
        if n and not (np.isfinite(self.importance).all() and self.importance.min() >= 0):
            raise ValidationError(
                "importance",
                "finite numbers >= 0",
                _first(self.importance, ~(np.isfinite(self.importance) & (self.importance >= 0))),
            )
        lv = self.level
        bad_level = ~np.isnan(lv) & ~(np.isfinite(lv) & (lv >= 0))
        if bad_level.any():
            raise ValidationError(
                "level", "NaN (not assessed) or a finite number >= 0", _first(lv, bad_level)
            )
        pairs = self.person * max(ncomp, 1) + self.competency
        # Rows sorted by person and competency need no sort to prove them unique.
        if not (np.diff(pairs) > 0).all() and (np.diff(np.sort(pairs)) == 0).any():
            raise ValidationError("rows", "one row per person and competency", "a repeated pair")
        if self.group is not None:
            if len(self.group) != len(self.nips):
                raise ValidationError(
                    "group", f"one group index per person ({len(self.nips)})", len(self.group)
                )
            if len(self.group) and (
                self.group.min() < 0 or self.group.max() >= len(self.group_keys)
            ):
                raise ValidationError(
                    "group",
                    f"indexes in 0..{len(self.group_keys) - 1}",
                    _bad(self.group, 0, len(self.group_keys)),
                )

    @property
    def rows(self) -> int:
        """The number of (person, requirement) rows."""
        return len(self.person)

    @property
    def people(self) -> int:
        """The number of people."""
        return len(self.nips)

    @classmethod
    def from_reports(
        cls,
        reports: Iterable[GapReport],
        *,
        group_of: Callable[[str], tuple[str, ...]] | None = None,
    ) -> GapColumns:
        """Build columns from gap reports (their current standard, not the target).

        Args:
            reports: The reports, one per person.
            group_of: A function from a NIP to its group key, to fill ``group``.

        Examples:
            >>> r = analyse_gaps({}, _example_standard(), nip="199107202019031004")
            >>> cols = GapColumns.from_reports([r])
            >>> cols.competency_ids, cols.required.tolist()
            (('MJ.KOM', 'MJ.PP'), [2, 3])
        """
        person: list[int] = []
        comp_ids: dict[str, int] = {}
        comp: list[int] = []
        required: list[int] = []
        importance: list[float] = []
        level: list[float] = []
        nips: list[str] = []
        keys: dict[tuple[str, ...], int] = {}
        group: list[int] = []
        items = [(r.nip, r.items) for r in reports]
        all_ids = sorted({i.competency_id for _, its in items for i in its})
        comp_ids = {c: k for k, c in enumerate(all_ids)}
        for p, (nip, its) in enumerate(items):
            nips.append(nip)
            if group_of is not None:
                key = group_of(nip)
                if isinstance(key, str) or not isinstance(key, Iterable):
                    raise ValidationError(f"group_of({nip})", "a key (a tuple of texts)", key)
                group.append(keys.setdefault(tuple(key), len(keys)))
            for i in its:
                person.append(p)
                comp.append(comp_ids[i.competency_id])
                required.append(i.required)
                importance.append(i.importance)
                lv = i.level
                level.append(float("nan") if lv is None else lv)
        return cls(
            person=person,
            competency=comp,
            required=required,
            importance=importance,
            level=level,
            nips=nips,
            competency_ids=all_ids,
            group=group if group_of is not None else None,
            group_keys=list(keys),
        )


def _bad(values: _IntArray, low: int, high: int) -> int:
    return int(_first(values, (values < low) | (values >= high)))


def _first(values: npt.NDArray[Any], mask: npt.NDArray[np.bool_]) -> Any:
    return values[mask][0].item()


@attrs.frozen(kw_only=True, eq=False)
class ColumnarGaps:
    """Per-person results of :func:`analyse_columns`, as arrays in the order of ``nips``.

    Args:
        nips: The people.
        weighted_gap: Importance-weighted mean shortfall; NaN when none assessed.
        jpm: Job Person Match; NaN unless every requirement is assessed.
        assessed: Number of assessed requirements.
        not_assessed: Number of requirements without a level.
        below: Number of requirements below the required level.
        mapping: Index of the JPM's label in ``mapping_policy.labels``; -1 without a JPM.
        selection: Index of the JPM's label in ``selection_policy.labels``; -1 without a JPM.
        mapping_policy: The mapping policy used.
        selection_policy: The selection policy used.
    """

    nips: tuple[str, ...]
    weighted_gap: _FloatArray
    jpm: _FloatArray
    assessed: _IntArray
    not_assessed: _IntArray
    below: _IntArray
    mapping: _IntArray
    selection: _IntArray
    mapping_policy: JpmPolicy
    selection_policy: JpmPolicy

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person, with category labels.

        Examples:
            >>> cols = GapColumns(person=[0], competency=[0], required=[3], importance=[1],
            ...                   level=[3], nips=["199107202019031004"], competency_ids=["MJ.PP"])
            >>> analyse_columns(cols).to_dataframe()[["jpm", "jpm_mapping"]].values.tolist()
            [[100.0, 'Optimal']]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        def labels(codes: _IntArray, policy: JpmPolicy) -> list[str | None]:
            return [None if c < 0 else policy.labels[c] for c in codes.tolist()]

        return pd.DataFrame(
            {
                "nip": list(self.nips),
                "weighted_gap": self.weighted_gap,
                "jpm": self.jpm,
                "assessed": self.assessed,
                "not_assessed": self.not_assessed,
                "below": self.below,
                "jpm_mapping": labels(self.mapping, self.mapping_policy),
                "jpm_selection": labels(self.selection, self.selection_policy),
            }
        )


def _category_codes(jpm: _FloatArray, policy: JpmPolicy) -> _IntArray:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    value = jpm
    if policy.decimals is not None:
        # Round each distinct JPM as JpmPolicy.category does (np.round multiplies in
        # binary and rounds halves to even, so it could disagree with the object path).
        known = ~np.isnan(jpm)
        distinct, where = np.unique(jpm[known], return_inverse=True)
        rounded = [_validate.round_as_printed(v, policy.decimals) for v in distinct.tolist()]
        value = jpm.copy()
        value[known] = np.asarray(rounded, dtype=np.float64)[where]
    minimums = np.array([m for _, m in policy.bands])
    reached = value[:, None] >= minimums[None, :]
    codes: _IntArray = np.argmax(reached, axis=1).astype(np.int64)
    codes[np.isnan(jpm)] = -1
    return codes


def analyse_columns(
    columns: GapColumns,
    *,
    mapping_policy: JpmPolicy = JPM_MAPPING_BKN,
    selection_policy: JpmPolicy = JPM_SELECTION_BKN,
) -> ColumnarGaps:
    """Compute weighted gap, JPM and categories for every person of ``columns`` at once.

    Gives the numbers :func:`analyse_gaps` gives for each person (same formulas,
    same treatment of not-assessed requirements), as arrays.

    Args:
        columns: The requirements and levels.
        mapping_policy: The JPM categories for competency mapping.
        selection_policy: The JPM categories for selection.

    Returns:
        Per-person arrays in the order of ``columns.nips``.

    Notes:
        Runs in O(rows + people) with NumPy.

    Examples:
        >>> cols = GapColumns(person=[0, 0], competency=[0, 1], required=[3, 2],
        ...                   importance=[2, 1], level=[2, 3],
        ...                   nips=["199107202019031004"], competency_ids=["MJ.PP", "MJ.KOM"])
        >>> res = analyse_columns(cols)
        >>> round(float(res.weighted_gap[0]), 4), float(res.jpm[0])
        (0.6667, 80.0)
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    _check_policy(mapping_policy, "mapping_policy")
    _check_policy(selection_policy, "selection_policy")
    n = columns.people
    p = columns.person
    lv = columns.level
    req = columns.required.astype(np.float64)
    has = ~np.isnan(lv)
    w = columns.importance
    if len(w) and (w.max() > 2.0**500 or np.min(w, where=w > 0, initial=1.0) < 2.0**-500):
        # Importances near the float limits: scale each person's by a power of two
        # (exact), as the object path does, so that sums neither overflow nor vanish.
        w = np.where(has, w, 0.0)  # rows not assessed weigh nothing
        top = np.zeros(n, dtype=np.float64)
        np.maximum.at(top, p[has], w[has])
        w[has] = np.ldexp(w[has], -np.frexp(top)[1][p[has]])
    lv0 = np.where(has, lv, 0.0)
    short = np.where(has, np.maximum(req - lv0, 0.0), 0.0)
    assessed = np.bincount(p, weights=has, minlength=n)
    total = np.bincount(p, minlength=n)
    weight_sum = np.bincount(p, weights=np.where(has, w, 0.0), minlength=n)
    weighted = np.bincount(p, weights=w * short, minlength=n)
    plain = np.bincount(p, weights=short, minlength=n)
    got = np.bincount(p, weights=np.where(has, np.minimum(lv0, req), 0.0), minlength=n)
    need = np.bincount(p, weights=req, minlength=n)
    below = np.bincount(p, weights=has & (lv0 < req), minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        wg = np.where(weight_sum > 0, weighted / weight_sum, plain / assessed)
        jpm = np.minimum(got * 100.0 / need, 100.0)
    wg[assessed == 0] = np.nan
    complete = (assessed == total) & (total > 0)
    jpm[~complete] = np.nan
    return ColumnarGaps(
        nips=columns.nips,
        weighted_gap=wg,
        jpm=jpm,
        assessed=assessed.astype(np.int64),
        not_assessed=(total - assessed).astype(np.int64),
        below=below.astype(np.int64),
        mapping=_category_codes(jpm, mapping_policy),
        selection=_category_codes(jpm, selection_policy),
        mapping_policy=mapping_policy,
        selection_policy=selection_policy,
    )
