"""JP compliance of a national ledger held in arrays.

:class:`LedgerColumns` holds one row per ledger entry in NumPy arrays (people,
titles and routes as indexes into tuples); :func:`analyse_jp_columns` counts
every person's JP for a period under the same rules, and with the same code, as
:func:`asn_competency.compliance.jp.analyse_jp`, and returns
:class:`ColumnarJp` arrays. Use it for millions of rows; NumPy is imported only
here.

Examples:
    >>> import numpy as np
    >>> cols = LedgerColumns(
    ...     person=[0, 0, 1], title=[0, 1, 0], route=[0, 0, 1],
    ...     start=np.array(["2025-03-03", "2025-08-11", "2025-05-02"], dtype="datetime64[D]"),
    ...     end=np.array(["2025-03-05", "2025-08-11", "2025-05-02"], dtype="datetime64[D]"),
    ...     jp=[16, 4, np.nan], hours=[np.nan, np.nan, np.nan],
    ...     nips=["199001012015031001", "199203042019032002"],
    ...     titles=["bimtek siak", "seminar adminduk"], routes=["bimbingan_teknis", "e_learning"])
    >>> res = analyse_jp_columns(cols, period=2025)
    >>> res.counted.tolist(), [s.value for s in res.statuses()]
    ([20.0, 3.0], ['met', 'short'])
"""

from __future__ import annotations

import datetime as dt
import enum
import numbers
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from asn_competency import _validate
from asn_competency.compliance._core import MODES, RowCounts, clean, count
from asn_competency.domain.development import Route
from asn_competency.domain.employee import EmploymentStatus, parse_nip
from asn_competency.domain.period import Period
from asn_competency.errors import ValidationError
from asn_competency.policies.compliance import JP_COMPLIANCE_DEFAULT, JpCompliancePolicy

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    _IntArray: TypeAlias = npt.NDArray[np.int64]
    _FloatArray: TypeAlias = npt.NDArray[np.float64]
    _BoolArray: TypeAlias = npt.NDArray[np.bool_]
else:
    # NumPy loads only when the columnar path runs; at run time the hints stay readable.
    _IntArray = _FloatArray = _BoolArray = Any

__all__ = ["ColumnarJp", "JpStatus", "LedgerColumns", "PeriodInput", "analyse_jp_columns"]


class JpStatus(str, enum.Enum):
    """Where a person stands against their yearly JP target."""

    MET = "met"
    """Counted JP reach the target."""
    SHORT = "short"
    """Some development is recorded in the period, but less than the target."""
    NO_RECORD = "no_record"
    """Nothing is recorded in the period at all."""
    NO_TARGET = "no_target"
    """The policy sets no minimum for the person's status (PPPK by default)."""


STATUSES = tuple(JpStatus)


PeriodInput: TypeAlias = Period | int | str
"""A period, a year (``2025``) or a period label (``"2025-S1"``)."""


_EPOCH = dt.date(1970, 1, 1)


def to_period(value: object) -> Period:
    """Return ``value`` as a :class:`Period`: a period, a year or a label.

    Raises:
        ValidationError: For anything else.
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value)
    if isinstance(value, str):
        return Period.parse(value)
    raise ValidationError("period", "a Period, a year or a label such as '2025-S1'", value)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01, as NumPy's ``datetime64[D]`` counts them."""
    return (day - _EPOCH).days


def _array(value: object, field: str) -> Any:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    try:
        arr = np.asarray(value).reshape(-1)
    except (TypeError, ValueError, OverflowError):  # ragged or otherwise not a column
        raise ValidationError(field, "a column of values", value) from None
    return arr


def _whole(value: object, field: str) -> _IntArray:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = _array(value, field)
    out: _IntArray
    if arr.dtype.kind in "iu":
        if arr.dtype.kind == "u" and len(arr) and int(arr.max()) >= 2**63:
            raise ValidationError(field, "whole numbers within 64 bits", int(arr.max()))
        out = arr.astype(np.int64, copy=False)
        return out
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr) | (np.floor(arr) != arr) | (np.abs(arr) >= 2.0**62)
        if bad.any():
            raise ValidationError(field, "whole numbers", arr[bad][0].item())
        out = arr.astype(np.int64)
        return out
    got = arr[0].item() if len(arr) else value
    raise ValidationError(field, "whole numbers", got)


def _reals(value: object, field: str) -> _FloatArray:
    """Floats, NaN for "not stated"; texts, booleans and values beyond the float range refused."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = _array(value, field)
    if arr.dtype.kind == "O":
        items = arr.tolist()
        for item in items:
            if item is not None and (isinstance(item, bool) or not isinstance(item, numbers.Real)):
                raise ValidationError(field, "numbers (NaN or None when not stated)", item)
        try:
            arr = np.array([np.nan if i is None else float(i) for i in items], dtype=np.float64)
        except OverflowError:
            raise ValidationError(field, "numbers within the float range", value) from None
    if arr.dtype.kind not in "iuf":
        got = arr[0].item() if len(arr) else value
        raise ValidationError(field, "numbers (NaN or None when not stated)", got)
    out: _FloatArray = arr.astype(np.float64, copy=False)
    bad = np.isinf(out) | (out < 0)
    if bad.any():
        raise ValidationError(
            field, "finite numbers >= 0 (NaN when not stated)", out[bad][0].item()
        )
    return out


def _days(value: object, field: str) -> _IntArray:
    """Dates as day numbers: ``datetime64`` arrays or sequences of ``datetime.date``."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    arr = _array(value, field)
    if arr.dtype.kind == "O":
        items = arr.tolist()
        for item in items:
            if not isinstance(item, dt.date) or isinstance(item, dt.datetime):
                raise ValidationError(field, "dates (datetime64[D] or datetime.date)", item)
        return np.array([day_number(d) for d in items], dtype=np.int64)
    if arr.dtype.kind != "M":
        got = arr[0].item() if len(arr) else value
        raise ValidationError(field, "dates (datetime64[D] or datetime.date)", got)
    days = arr.astype("datetime64[D]")
    if np.isnat(days).any():
        raise ValidationError(field, "dates (NaT is none)", "NaT")
    out: _IntArray = days.astype(np.int64)
    return out


def _texts(value: Iterable[str], field: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(field, "a sequence of texts", value)
    items = tuple(value)
    if not {str}.issuperset(map(type, items)):  # one C-level pass for a national list
        for item in items:
            if not isinstance(item, str):
                raise ValidationError(field, "texts", item)
    if len(set(items)) != len(items):  # one index per id: else counted as two
        _validate.unique_ids(field, items)
    return items


def _routes(value: Iterable[object]) -> tuple[Route, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("routes", "a sequence of routes", value)
    items = tuple(_validate.to_enum(Route, "routes")(v) for v in value)
    _validate.unique_ids("routes", [r.value for r in items])
    return items


def _person(value: object) -> _IntArray:
    return _whole(value, "person")


def _title(value: object) -> _IntArray:
    return _whole(value, "title")


def _route(value: object) -> _IntArray:
    return _whole(value, "route")


def _start(value: object) -> _IntArray:
    return _days(value, "start")


def _end(value: object) -> _IntArray:
    return _days(value, "end")


def _jp(value: object) -> _FloatArray:
    return _reals(value, "jp")


def _hours(value: object) -> _FloatArray:
    return _reals(value, "hours")


def _nips(value: Iterable[str]) -> tuple[str, ...]:
    return _texts(value, "nips")


def _titles(value: Iterable[str]) -> tuple[str, ...]:
    return _texts(value, "titles")


def _check_index(values: _IntArray, size: int, field: str) -> None:
    if len(values) and (values.min() < 0 or values.max() >= size):
        bad = values[(values < 0) | (values >= size)][0].item()
        raise ValidationError(field, f"indexes in 0..{size - 1}", bad)


@attrs.frozen(kw_only=True, eq=False)
class LedgerColumns:
    """Ledger entries as parallel arrays, one row per entry.

    The columnar twin of a :class:`~asn_competency.domain.ledger.Ledger`: rows of
    one person with the same title code and dates are duplicates, counted once.

    Args:
        person: Row's person, an index into ``nips``.
        title: Row's title, an index into ``titles`` (give equal titles one index).
        route: Row's route, an index into ``routes``.
        start: First day (``datetime64`` or ``datetime.date`` values).
        end: Last day.
        jp: JP stated; NaN when none.
        hours: Clock hours stated; NaN when none (used when ``jp`` is NaN).
        nips: The people, in the order ``person`` indexes them; people without
            rows may be listed (they have no record).
        titles: The titles, in the order ``title`` indexes them.
        routes: The routes, in the order ``route`` indexes them.

    Raises:
        ValidationError: If the arrays differ in length, a column holds the
            wrong kind of value, an index is out of range, an id repeats, an end
            comes before its start, or JP or hours are negative or infinite.

    Examples:
        >>> from asn_competency.domain.ledger import Ledger, LedgerEntry
        >>> import datetime as dt
        >>> led = Ledger([LedgerEntry(nip="199001012015031001", title="Bimtek SIAK",
        ...                           route="bimbingan_teknis", start=dt.date(2025, 3, 3), jp=8)])
        >>> cols = LedgerColumns.from_ledger(led)
        >>> cols.rows, cols.people, cols.titles
        (1, 1, ('bimtek siak',))
    """

    person: _IntArray = attrs.field(converter=_person)
    title: _IntArray = attrs.field(converter=_title)
    route: _IntArray = attrs.field(converter=_route)
    start: _IntArray = attrs.field(converter=_start)
    end: _IntArray = attrs.field(converter=_end)
    jp: _FloatArray = attrs.field(converter=_jp)
    hours: _FloatArray = attrs.field(converter=_hours)
    nips: tuple[str, ...] = attrs.field(converter=_nips)
    titles: tuple[str, ...] = attrs.field(converter=_titles)
    routes: tuple[Route, ...] = attrs.field(converter=_routes)

    def __attrs_post_init__(self) -> None:
        n = len(self.person)
        for name in ("title", "route", "start", "end", "jp", "hours"):
            if len(getattr(self, name)) != n:
                raise ValidationError(
                    name, f"an array of {n} rows like 'person'", len(getattr(self, name))
                )
        _check_index(self.person, len(self.nips), "person")
        _check_index(self.title, len(self.titles), "title")
        _check_index(self.route, len(self.routes), "route")
        before = self.end < self.start
        if before.any():
            i = int(before.argmax())
            first = _EPOCH + dt.timedelta(days=int(self.start[i]))
            last = _EPOCH + dt.timedelta(days=int(self.end[i]))
            raise ValidationError(
                f"end[{i}]", f"a date on or after the start {first.isoformat()}", last
            )

    @property
    def rows(self) -> int:
        """The number of rows."""
        return len(self.person)

    @property
    def people(self) -> int:
        """The number of people listed."""
        return len(self.nips)

    @classmethod
    def from_ledger(
        cls, ledger: Iterable[Any], *, nips: Sequence[str] | None = None
    ) -> LedgerColumns:
        """Build columns from ledger entries (titles compared as duplicates are).

        Args:
            ledger: A :class:`~asn_competency.domain.ledger.Ledger` or its entries.
            nips: The people to list, in this order (entries of others are left
                out); by default everyone with an entry, sorted.

        Raises:
            ValidationError: If an item is not a LedgerEntry, or ``nips`` repeats one.
        """
        from asn_competency.domain.ledger import LedgerEntry  # noqa: PLC0415

        entries = _validate.instances("ledger", getattr(ledger, "entries", ledger), LedgerEntry)
        people = (
            tuple(sorted({e.nip for e in entries}))
            if nips is None
            else tuple(parse_nip(n, field="nips").value for n in nips)
        )
        return entry_columns(entries, people)[0]


def entry_columns(
    entries: Sequence[Any], people: tuple[str, ...]
) -> tuple[LedgerColumns, list[Any]]:
    """Columns of the entries of ``people`` (checked NIPs), and those entries in row order."""
    from asn_competency.domain.ledger import title_key  # noqa: PLC0415

    index = {n: i for i, n in enumerate(people)}
    mine = [e for e in entries if e.nip in index]
    own = [title_key(e.title) for e in mine]
    keys = sorted(set(own))
    title_of = {k: i for i, k in enumerate(keys)}
    route_list = tuple(Route)
    route_of = {r: i for i, r in enumerate(route_list)}
    nan = float("nan")
    columns = LedgerColumns(
        person=[index[e.nip] for e in mine],
        title=[title_of[k] for k in own],
        route=[route_of[e.route] for e in mine],
        start=_dates([e.start for e in mine]),
        end=_dates([e.end for e in mine]),
        jp=[nan if e.jp is None else e.jp for e in mine],
        hours=[nan if e.hours is None else e.hours for e in mine],
        nips=people,
        titles=keys,
        routes=route_list,
    )
    return columns, mine


def _dates(days: list[dt.date]) -> Any:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    return np.array([day_number(d) for d in days], dtype=np.int64).astype("datetime64[D]")


@attrs.frozen(kw_only=True, eq=False)
class ColumnarJp:
    """Per-person JP of :func:`analyse_jp_columns`, as arrays in the order of ``nips``.

    Args:
        nips: The people.
        period: The period counted.
        policy: The compliance policy used.
        pppk: Whether each person is PPPK (else PNS).
        target: The yearly minimum; NaN when the status has none.
        maximum: The yearly maximum; NaN when the status has none.
        counted: JP counted in the period.
        short_by: JP still missing to the target (0 when met or without a target).
        status: Index of each person's :class:`JpStatus` in ``tuple(JpStatus)``.
        above_maximum: Whether the counted JP exceed the maximum.
        entries: Records in the period (duplicates and routes that do not count included).
        duplicates: Duplicate records dropped.
        uncredited: Records with no JP stated and no credit for their route.
        capped: JP the daily caps took.
        by_mode: JP per blend part (people x 3, in the order of ``LearningMode``).
    """

    nips: tuple[str, ...]
    period: Period
    policy: JpCompliancePolicy
    pppk: _BoolArray
    target: _FloatArray
    maximum: _FloatArray
    counted: _FloatArray
    short_by: _FloatArray
    status: _IntArray
    above_maximum: _BoolArray
    entries: _IntArray
    duplicates: _IntArray
    uncredited: _IntArray
    capped: _FloatArray
    by_mode: _FloatArray

    def statuses(self) -> tuple[JpStatus, ...]:
        """Each person's status, in the order of ``nips``."""
        return tuple(STATUSES[s] for s in self.status.tolist())

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per person.

        Examples:
            >>> import numpy as np
            >>> cols = LedgerColumns(person=[], title=[], route=[],
            ...     start=np.array([], dtype="datetime64[D]"),
            ...     end=np.array([], dtype="datetime64[D]"), jp=[], hours=[],
            ...     nips=["199001012015031001"], titles=[], routes=[])
            >>> df = analyse_jp_columns(cols, period=2025).to_dataframe()
            >>> df[["nip", "counted_jp", "status"]].values.tolist()
            [['199001012015031001', 0.0, 'no_record']]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        data: dict[str, Any] = {
            "nip": list(self.nips),
            "employment": ["pppk" if p else "pns" for p in self.pppk.tolist()],
            "target_jp": self.target,
            "maximum_jp": self.maximum,
            "counted_jp": self.counted,
            "short_by": self.short_by,
            "status": [s.value for s in self.statuses()],
            "above_maximum": self.above_maximum,
            "entries": self.entries,
            "duplicates": self.duplicates,
            "uncredited": self.uncredited,
            "capped_jp": self.capped,
        }
        for k, mode in enumerate(MODES):
            data[f"{mode.value}_jp"] = self.by_mode[:, k]
        return pd.DataFrame(data)


def _pppk(status: Sequence[object] | None, nips: tuple[str, ...]) -> _BoolArray:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if status is None:
        kinds = [parse_nip(n, field="nips").kind for n in nips]
        return np.array([k is EmploymentStatus.PPPK for k in kinds], dtype=bool)
    if isinstance(status, (str, bytes)) or not isinstance(status, Iterable):
        raise ValidationError("status", "one status (pns or pppk) per person", status)
    items = list(status)
    if len(items) != len(nips):
        raise ValidationError("status", f"one status per person ({len(nips)})", len(items))
    convert = _validate.to_enum(EmploymentStatus, "status")
    try:
        known = {s: convert(s) for s in set(items)}  # each distinct value checked once
    except TypeError:  # an unhashable item, such as a list
        bad = next(s for s in items if not isinstance(s, (str, EmploymentStatus)))
        raise ValidationError("status", "pns or pppk for each person", bad) from None
    return np.array([known[s] is EmploymentStatus.PPPK for s in items], dtype=bool)


def _targets(policy: JpCompliancePolicy, pppk: _BoolArray) -> tuple[_FloatArray, _FloatArray]:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    def pick(values: tuple[float | None, float | None]) -> _FloatArray:
        pns, pk = (np.nan if v is None else v for v in values)
        return np.where(pppk, pk, pns)

    statuses = (EmploymentStatus.PNS, EmploymentStatus.PPPK)
    return (
        pick((policy.target(statuses[0]), policy.target(statuses[1]))),
        pick((policy.maximum(statuses[0]), policy.maximum(statuses[1]))),
    )


def check_policy(policy: object) -> JpCompliancePolicy:
    """Return ``policy`` if it is a JpCompliancePolicy, else name it."""
    if not isinstance(policy, JpCompliancePolicy):
        raise ValidationError("policy", "a JpCompliancePolicy", policy)
    return policy


def analyse_jp_columns(
    columns: LedgerColumns,
    *,
    period: PeriodInput,
    status: Sequence[EmploymentStatus | str] | None = None,
    policy: JpCompliancePolicy = JP_COMPLIANCE_DEFAULT,
) -> ColumnarJp:
    """Count every person's JP for a period and compare it with their target, on arrays.

    The rules, in order: each row gets the JP it states (or its clock hours in JP)
    or its route's credit, as ``policy.credits`` says; of duplicate rows (one
    person, title and dates) only the one with most JP counts; rows on routes that
    ``policy`` does not count add nothing; a row crossing the period's boundary
    adds its share under ``policy.split``; on a route with a daily cap no person
    gets more than the cap for it on one day.

    Args:
        columns: The ledger as arrays.
        period: A :class:`~asn_competency.domain.period.Period`, a year or a label.
        status: Each person's status (``"pns"`` or ``"pppk"``), in the order of
            ``columns.nips``; by default read from each NIP.
        policy: Targets, credits, caps, counted routes and the split rule.

    Returns:
        Per-person arrays in the order of ``columns.nips``.

    Raises:
        ValidationError: For a bad period or status, or a policy of the wrong kind;
            for a malformed NIP when ``status`` is not given.

    Notes:
        O(n log n) for n rows (one sort by duplicate key) plus, for capped routes,
        the days those rows span.
    """
    if not isinstance(columns, LedgerColumns):
        raise ValidationError("columns", "a LedgerColumns", columns)
    return analyse_rows(
        columns, period=to_period(period), status=status, policy=check_policy(policy)
    )[0]


def analyse_rows(
    columns: LedgerColumns,
    *,
    period: Period,
    status: Sequence[EmploymentStatus | str] | None,
    policy: JpCompliancePolicy,
) -> tuple[ColumnarJp, RowCounts]:
    """The count of :func:`analyse_jp_columns` with what it found for each row (checked inputs)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    span = period
    pppk = _pppk(status, columns.nips)
    rows = count(
        person=columns.person,
        title=columns.title,
        route=columns.route,
        start=columns.start,
        end=columns.end,
        jp=columns.jp,
        hours=columns.hours,
        people=columns.people,
        titles=len(columns.titles),
        routes=columns.routes,
        period=(day_number(span.start), day_number(span.end)),
        policy=policy,
    )
    target, maximum = _targets(policy, pppk)
    total = rows.total
    has_target = ~np.isnan(target)
    met = has_target & (total >= np.where(has_target, target, 0.0) - 1e-9)
    code = np.full(len(total), STATUSES.index(JpStatus.SHORT), dtype=np.int64)
    code[met] = STATUSES.index(JpStatus.MET)
    code[has_target & ~met & (rows.entries == 0)] = STATUSES.index(JpStatus.NO_RECORD)
    code[~has_target] = STATUSES.index(JpStatus.NO_TARGET)
    short = np.where(has_target & ~met, np.where(has_target, target, 0.0) - total, 0.0)
    above = ~np.isnan(maximum) & (total > np.where(np.isnan(maximum), np.inf, maximum) + 1e-9)
    result = ColumnarJp(
        nips=columns.nips,
        period=span,
        policy=policy,
        pppk=pppk,
        target=target,
        maximum=maximum,
        counted=total,
        short_by=clean(short),
        status=code,
        above_maximum=above,
        entries=rows.entries,
        duplicates=rows.dropped,
        uncredited=rows.uncredited,
        capped=rows.capped_total,
        by_mode=rows.by_mode,
    )
    return result, rows
