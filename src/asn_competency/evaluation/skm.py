"""The public-satisfaction index (Survei Kepuasan Masyarakat, SKM / IKM).

A service unit asks the people it served to rate each element (*unsur*) of the
service on a scale of 1 to 4. The mean answer of an element is its *nilai
rata-rata* (NRR); the index is the weighted sum of the NRRs, on 1-4, and the
converted index multiplies it by 25, giving 25-100 and a grade A-D.

Published reports round at different points (weights of exactly 1/9 or the
printed 0.111 or 0.11, NRRs to 2-4 decimals, the weighted sum to 3 decimals
before multiplying by 25), so the same answers can print as 100.00 or as
99.90. :class:`SkmPolicy` names each of these choices; :func:`skm_index`
computes with exact fractions and rounds half up (as the reports do, never to
even) only where the policy says, so every variant is reproducible to the digit.

Examples:
    >>> from asn_competency.policies.skm import SKM_PERMENPANRB_14_2017_PRINTED
    >>> r = skm_index([[4] * 9])
    >>> r.converted, r.grade, r.label
    (100.0, 'A', 'Sangat Baik')
    >>> skm_index([[4] * 9], policy=SKM_PERMENPANRB_14_2017_PRINTED).converted
    99.9
    >>> r = skm_index(totals=[300] * 9, respondents=100)
    >>> r.index, r.converted, r.grade
    (3.0, 75.0, 'C')
"""

from __future__ import annotations

import decimal
import enum
import math
import numbers
import sys
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from fractions import Fraction
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency import _lazy, _validate
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.skm import (
    SKM_PERMENPANRB_14_2017,
    AnswerRule,
    GradeScale,
    SkmPolicy,
    round_half_up,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ElementScore", "ExcludedAnswer", "ExclusionReason", "SkmResult", "skm_index"]


class ExclusionReason(str, enum.Enum):
    """Why an answer was not counted."""

    MISSING = "missing"
    OUT_OF_RANGE = "out_of_range"


@attrs.frozen(kw_only=True)
class ElementScore:
    """The result for one element.

    Args:
        code: Element code.
        name: Element name.
        weight: The weight applied (after any rounding).
        total: Sum of the counted answers.
        answers: Number of counted answers.
        nrr: Mean answer (after any rounding).
        weighted: NRR x weight (after any rounding).
    """

    code: str
    name: str
    weight: float
    total: int
    answers: int
    nrr: float
    weighted: float


@attrs.frozen(kw_only=True)
class ExcludedAnswer:
    """An answer that was not counted, and why.

    Args:
        row: The respondent's row (0-based, in input order).
        element: The element code.
        value: The value found (``None`` when missing).
        reason: Missing or out of range.
    """

    row: int
    element: str
    value: object
    reason: ExclusionReason


@attrs.frozen(kw_only=True)
class SkmResult:
    """The index of one survey and how it was reached.

    Args:
        elements: One score per element, in questionnaire order.
        index: The index on 1-4.
        converted: The converted index (25-100 with exact weights).
        grade: The grade letter.
        label: The grade's label.
        in_band_gap: Whether the value fell outside every printed band: between two
            (placed by ``policy.gap_rule``) or, with printed weights summing below 1,
            under the table (24.975 for all answers 1 with weights 0.111; graded D).
        respondents: Respondents counted.
        excluded_respondents: Respondents left out under ``AnswerRule.EXCLUDE_RESPONDENT``.
        excluded: Every answer not counted (or that caused its respondent's exclusion).
        policy: The policy used.
    """

    __repr__ = _validate.brief_repr(
        "respondents", "index", "converted", "grade", "label", counts=("elements",)
    )
    _repr_html_ = _validate.html_summary(
        "respondents",
        "index",
        "converted",
        "grade",
        "label",
        table="elements",
        columns=("code", "name", "nrr", "weight", "weighted"),
    )

    elements: tuple[ElementScore, ...]
    index: float
    converted: float
    grade: str
    label: str
    in_band_gap: bool
    respondents: int
    excluded_respondents: int
    excluded: tuple[ExcludedAnswer, ...]
    policy: SkmPolicy = attrs.field(repr=lambda p: f"<SkmPolicy {p.name} {p.version}>")

    @property
    def excluded_answers(self) -> int:
        """Number of answers not counted."""
        return len(self.excluded)

    def nrr(self, code: str) -> float:
        """Return the NRR of one element.

        Raises:
            UnknownIdError: If the code is not an element of the survey.

        Examples:
            >>> skm_index(totals=[30] * 9, respondents=10).nrr("U3")
            3.0
        """
        for e in self.elements:
            if e.code == code:
                return e.nrr
        raise UnknownIdError("SKM element", code, f"policy {self.policy.name!r}")

    def explain(self) -> str:
        """Return one sentence with the index, the grade and what was left out.

        Examples:
            >>> skm_index(totals=[35] * 9, respondents=10).explain()
            'IKM 87.5 (index 3.5 on 1-4), grade B Baik, 10 respondents, 0 answers excluded, \
policy permenpanrb-14-2017 2017.1'
        """
        return (
            f"IKM {self.converted:g} (index {self.index:g} on 1-4), grade {self.grade} "
            f"{self.label}, {self.respondents} respondents, {self.excluded_answers} answers "
            f"excluded, policy {self.policy.name} {self.policy.version}"
        )

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per element, as a published SKM table.

        Examples:
            >>> df = skm_index(totals=[30] * 9, respondents=10).to_dataframe()
            >>> df[["code", "nrr"]].values.tolist()[:2]
            [['U1', 3.0], ['U2', 3.0]]
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        return pd.DataFrame(
            [attrs.asdict(e) for e in self.elements],
            columns=["code", "name", "weight", "total", "answers", "nrr", "weighted"],
        )


# --- computation -------------------------------------------------------------------------------


def _maybe_round(value: Fraction, decimals: int | None) -> Fraction:
    return value if decimals is None else round_half_up(value, decimals)


def _is_pandas_na(value: object) -> bool:
    """Return whether ``value`` is ``pandas.NA`` (nullable columns), without importing pandas."""
    pd = sys.modules.get("pandas")
    return pd is not None and value is getattr(pd, "NA", None)


def _classify(value: object, lo: int, hi: int) -> tuple[int | None, ExclusionReason | None]:
    """Return ``(answer, None)`` for a valid answer, else ``(None, reason)``."""
    if value is None:
        return None, ExclusionReason.MISSING
    if isinstance(value, decimal.Decimal):
        return _classify_decimal(value, lo, hi)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        missing = _is_pandas_na(value)
        return None, ExclusionReason.MISSING if missing else ExclusionReason.OUT_OF_RANGE
    answer = _whole_number(value)
    if answer is None and not isinstance(value, numbers.Rational) and math.isnan(value):
        return None, ExclusionReason.MISSING
    if answer is not None and lo <= answer <= hi:
        return answer, None
    return None, ExclusionReason.OUT_OF_RANGE


def _classify_decimal(
    value: decimal.Decimal, lo: int, hi: int
) -> tuple[int | None, ExclusionReason | None]:
    """Classify a Decimal answer (from a CSV reader or a database) like a float one."""
    if value.is_nan():
        return None, ExclusionReason.MISSING
    if value.is_finite() and value == value.to_integral_value() and lo <= value <= hi:
        return int(value), None
    return None, ExclusionReason.OUT_OF_RANGE


def _plain(value: object) -> object:
    """Return a plain Python value for the record of an excluded answer."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy" and getattr(value, "ndim", 0) == 0:
        value = item()
    if (isinstance(value, float) and math.isnan(value)) or _is_pandas_na(value):
        return None
    return value


def _reject(row: int, code: str, value: object, policy: SkmPolicy) -> ValidationError:
    return ValidationError(
        f"responses[{row}][{code}]",
        f"a whole answer {policy.scale_min}-{policy.scale_max}",
        _plain(value),
    )


def _wrong_width(row: int, got: int, policy: SkmPolicy) -> ValidationError:
    return ValidationError(
        f"responses[{row}]",
        f"{len(policy.elements)} answers, one per element {policy.codes[0]}..{policy.codes[-1]}",
        f"{got} answers",
    )


_Tally = tuple[list[int], list[int], int, int, list[ExcludedAnswer]]


_CHUNK = 65_536


def _is_row(row: object) -> bool:
    """Return whether ``row`` is an ordered sequence of answers (a list, tuple or 1-D array)."""
    if isinstance(row, (str, bytes, bytearray, Mapping, AbstractSet)):
        return False
    if hasattr(row, "__array__"):
        return getattr(row, "ndim", 1) == 1  # not a single 0-d value, nor a table
    return isinstance(row, Sequence)


class _Counter:
    """Running totals of a survey given as Python rows (private)."""

    def __init__(self, policy: SkmPolicy) -> None:
        self.policy = policy
        self.width = len(policy.elements)
        self.totals = [0] * self.width
        self.counts = [0] * self.width
        self.respondents = 0
        self.dropped = 0
        self.excluded: list[ExcludedAnswer] = []
        # Rows whose answers all hash like answers on the scale wait here; each chunk is then
        # type-checked in one pass (True and 3.0 hash like 1 and 3) and summed column-wise.
        self.waiting: list[Sequence[object]] = []
        self.waiting_at: list[int] = []

    def checked(self, r: int, row: Sequence[object]) -> None:
        """Count one row answer by answer, applying the policy's rule to bad answers."""
        p = self.policy
        values: list[int | None] = []
        bad: list[ExcludedAnswer] = []
        for code, value in zip(p.codes, row, strict=True):
            answer, reason = _classify(value, p.scale_min, p.scale_max)
            if reason is not None:
                if p.invalid_answers is AnswerRule.REJECT:
                    raise _reject(r, code, value, p)
                bad.append(ExcludedAnswer(row=r, element=code, value=_plain(value), reason=reason))
            values.append(answer)
        self.excluded.extend(bad)
        if bad and p.invalid_answers is AnswerRule.EXCLUDE_RESPONDENT:
            self.dropped += 1
            return
        self.respondents += 1
        for i, answer in enumerate(values):
            if answer is not None:
                self.totals[i] += answer
                self.counts[i] += 1

    def flush(self) -> None:
        """Sum the waiting rows if they hold only plain ints, else check them one by one."""
        waiting = self.waiting
        if frozenset({int}).issuperset(map(type, chain.from_iterable(waiting))):
            for i in range(self.width):
                self.totals[i] += sum(map(itemgetter(i), waiting))
                self.counts[i] += len(waiting)
            self.respondents += len(waiting)
        else:
            for r, row in zip(self.waiting_at, waiting, strict=True):
                self.checked(r, row)
        waiting.clear()
        self.waiting_at.clear()


def _tally_python(rows: Iterable[Sequence[object]], policy: SkmPolicy) -> _Tally:
    counter = _Counter(policy)
    allowed = frozenset(range(policy.scale_min, policy.scale_max + 1))
    for r, row in enumerate(rows):
        kind = type(row)
        if kind is not list and kind is not tuple and not _is_row(row):
            raise ValidationError(f"responses[{r}]", "a sequence of answers", row)
        if len(row) != counter.width:
            raise _wrong_width(r, len(row), policy)
        try:
            fast = allowed.issuperset(row)
        except TypeError:  # an unhashable answer, such as a list
            fast = False
        if fast:
            counter.waiting.append(row)
            counter.waiting_at.append(r)
            if len(counter.waiting) == _CHUNK:
                counter.flush()
        else:
            counter.flush()  # keeps row order for errors and exclusions
            counter.checked(r, row)
    counter.flush()
    return (
        counter.totals,
        counter.counts,
        counter.respondents,
        counter.dropped,
        counter.excluded,
    )


def _tally_numpy(data: Any, policy: SkmPolicy) -> _Tally:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = np.asarray(data)
    if arr.dtype.kind not in "iuf":
        return _tally_python(arr.tolist(), policy)
    width = len(policy.elements)
    if arr.ndim != 2:
        raise ValidationError("responses", "a 2-D table (respondents x elements)", arr.shape)
    if arr.shape[1] != width:
        raise _wrong_width(0, int(arr.shape[1]), policy)
    lo, hi = policy.scale_min, policy.scale_max
    if arr.dtype.kind == "f":
        missing = np.isnan(arr)
        with np.errstate(invalid="ignore"):
            valid = (arr >= lo) & (arr <= hi) & (np.floor(arr) == arr)
    else:
        missing = np.zeros(arr.shape, dtype=bool)
        valid = (arr >= lo) & (arr <= hi)
    n = int(arr.shape[0])
    excluded: list[ExcludedAnswer] = []
    dropped = 0
    if bool(valid.all()):
        totals = arr.sum(axis=0, dtype=np.int64)
        counts = np.full(width, n, dtype=np.int64)
        respondents = n
    else:
        bad = np.argwhere(~valid)  # row-major order, like the Python path
        rule = policy.invalid_answers
        if rule is AnswerRule.REJECT:
            r, c = (int(x) for x in bad[0])
            raise _reject(r, policy.codes[c], arr[r, c], policy)
        for r, c in bad.tolist():
            reason = ExclusionReason.MISSING if missing[r, c] else ExclusionReason.OUT_OF_RANGE
            excluded.append(
                ExcludedAnswer(
                    row=r, element=policy.codes[c], value=_plain(arr[r, c]), reason=reason
                )
            )
        if rule is AnswerRule.EXCLUDE_ANSWER:
            clean = np.where(valid, arr, 0).astype(np.int64)
            totals = clean.sum(axis=0)
            counts = valid.sum(axis=0)
            respondents = n
        else:
            keep = valid.all(axis=1)
            respondents = int(keep.sum())
            dropped = n - respondents
            totals = arr[keep].astype(np.int64).sum(axis=0)
            counts = np.full(width, respondents, dtype=np.int64)
    return (
        [int(t) for t in totals],
        [int(c) for c in counts],
        respondents,
        dropped,
        excluded,
    )


def _whole_number(value: object) -> int | None:
    """Return ``value`` as an int if it is a whole number (300 or 300.0), else ``None``.

    A pandas sum over a column with gaps is a float (300.0), as answers may be (4.0).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    try:
        f = float(value)
    except OverflowError:
        return None
    return int(f) if f.is_integer() else None


def _tally_totals(totals: object, respondents: object, policy: SkmPolicy) -> _Tally:
    n = _whole_number(respondents)
    if n is None or n < 1:
        raise ValidationError("respondents", "a whole number >= 1", respondents)
    width = len(policy.elements)
    if isinstance(totals, Mapping):
        for code in sorted(map(str, totals)):
            if code not in policy.codes:
                raise UnknownIdError("SKM element", code, f"policy {policy.name!r}")
        missing = [c for c in policy.codes if c not in totals]
        if missing:
            raise ValidationError("totals", "a total for every element", f"missing {missing}")
        values = [totals[c] for c in policy.codes]
    elif isinstance(totals, Iterable) and not isinstance(totals, (str, bytes)):
        values = list(totals)
        if len(values) != width:
            raise ValidationError(
                "totals",
                f"{width} totals, one per element {policy.codes[0]}..{policy.codes[-1]}",
                f"{len(values)} totals",
            )
    else:
        raise ValidationError("totals", "a sequence or a mapping of element totals", totals)
    out: list[int] = []
    lo, hi = n * policy.scale_min, n * policy.scale_max
    for code, value in zip(policy.codes, values, strict=True):
        total = _whole_number(value)
        if total is None or not lo <= total <= hi:
            raise ValidationError(
                f"totals[{code}]", f"a whole number {lo}-{hi} for {n} respondents", _plain(value)
            )
        out.append(total)
    return out, [n] * width, n, 0, []


def _finish(tally: _Tally, policy: SkmPolicy) -> SkmResult:
    totals, counts, respondents, dropped, excluded = tally
    if respondents == 0:
        raise ValidationError("responses", "at least one respondent with valid answers", 0)
    weights = policy.applied_weights()
    scores: list[ElementScore] = []
    index = Fraction(0)
    for element, weight, total, count in zip(policy.elements, weights, totals, counts, strict=True):
        if count == 0:
            raise ValidationError(
                f"responses[*][{element.code}]", "at least one valid answer", "none"
            )
        nrr = _maybe_round(Fraction(total, count), policy.nrr_decimals)
        weighted = _maybe_round(nrr * weight, policy.weighted_nrr_decimals)
        index += weighted
        scores.append(
            ElementScore(
                code=element.code,
                name=element.name,
                weight=float(weight),
                total=total,
                answers=count,
                nrr=float(nrr),
                weighted=float(weighted),
            )
        )
    index = _maybe_round(index, policy.index_decimals)
    converted = _maybe_round(index * policy.conversion_factor, policy.converted_decimals)
    graded = converted if policy.grade_on is GradeScale.CONVERTED else index
    band = policy.band_for(graded)
    if policy.grade_on is GradeScale.CONVERTED:
        in_gap = not any(b.minimum <= graded <= b.maximum for b in policy.bands)
    else:
        in_gap = not any(b.index_minimum <= graded <= b.index_maximum for b in policy.bands)
    return SkmResult(
        elements=tuple(scores),
        index=float(index),
        converted=float(converted),
        grade=band.grade,
        label=band.label,
        in_band_gap=in_gap,
        respondents=respondents,
        excluded_respondents=dropped,
        excluded=tuple(excluded),
        policy=policy,
    )


def _in_policy_order(responses: Any, policy: SkmPolicy) -> Any:
    """Put a DataFrame whose columns are the element codes in the policy's order.

    Columns named ``U9, U1, ..., U8`` would otherwise be read by position, giving
    U1 the answers to U9. Other column names are read by position, as before.
    """
    columns = getattr(responses, "columns", None)
    if columns is None or not callable(getattr(responses, "to_numpy", None)):
        return responses
    names = list(columns)
    if (
        names != list(policy.codes)
        and all(isinstance(n, str) for n in names)
        and sorted(names) == sorted(policy.codes)
    ):
        return responses[list(policy.codes)]
    return responses


def skm_index(
    responses: Iterable[Sequence[object]] | Any | None = None,
    *,
    totals: Sequence[int] | Mapping[str, int] | None = None,
    respondents: int | None = None,
    policy: SkmPolicy = SKM_PERMENPANRB_14_2017,
) -> SkmResult:
    """Compute the public-satisfaction index of one survey.

    Give either the answers (``responses``) or, as a summary table does, the
    total of the answers per element with the number of respondents.

    Args:
        responses: One row per respondent, one answer per element in the policy's
            order: an iterable of sequences, a 2-D NumPy array (computed vectorised)
            or a pandas DataFrame (whose columns, if they are the element codes, are
            read by name). ``None``, NaN or ``pandas.NA`` marks a missing answer.
        totals: Sum of the answers per element, in element order or as ``{code: total}``.
        respondents: Number of respondents behind ``totals``.
        policy: Elements, weights, rounding, bands and the rule for bad answers.

    Returns:
        The index, converted index, grade, per-element NRRs and what was excluded.

    Raises:
        ValidationError: If both or neither input is given; a row has the wrong
            number of answers; an answer is missing or outside the scale under
            ``AnswerRule.REJECT`` (the message names row, element and value); a
            total is impossible for the number of respondents; or no valid
            answer is left for an element.
        UnknownIdError: If ``totals`` names an element the policy does not have.

    Notes:
        O(respondents x elements). The final arithmetic is exact (fractions), so
        results do not depend on the order of respondents.

    Examples:
        A table of three respondents (each NRR checked by hand: U1 = (4+3+4)/3):

        >>> from asn_competency.policies.skm import SKM_PERMENPANRB_14_2017_PRINTED
        >>> rows = [[4, 3, 3, 4, 3, 3, 4, 3, 3],
        ...         [3, 3, 4, 4, 3, 3, 4, 3, 2],
        ...         [4, 3, 3, 4, 3, 4, 4, 3, 3]]
        >>> r = skm_index(rows)
        >>> round(r.nrr("U1"), 4), round(r.converted, 2), r.grade
        (3.6667, 83.33, 'B')
        >>> skm_index(rows, policy=SKM_PERMENPANRB_14_2017_PRINTED).converted
        83.25
        >>> skm_index([[4, 3, 3, 4, 3, 3, 4, 3, 5]])
        Traceback (most recent call last):
        ...
        asn_competency.errors.ValidationError: 'responses[0][U9]' must be a whole answer 1-4 (got 5)
    """
    if (responses is None) == (totals is None):
        raise ValidationError(
            "responses", "either responses or totals with respondents, not both", "both or neither"
        )
    if totals is not None:
        tally = _tally_totals(totals, respondents, policy)
    else:
        if respondents is not None:
            raise ValidationError("respondents", "given only with totals", respondents)
        responses = _in_policy_order(responses, policy)
        to_numpy = getattr(responses, "to_numpy", None)
        if callable(to_numpy):
            responses = to_numpy()
        if hasattr(responses, "dtype") and hasattr(responses, "shape"):
            tally = _tally_numpy(responses, policy)
        elif isinstance(responses, Iterable) and not isinstance(responses, (str, bytes)):
            tally = _tally_python(responses, policy)
        else:
            raise ValidationError("responses", "rows of answers", responses)
    return _finish(tally, policy)
