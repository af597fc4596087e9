"""The JP count of a ledger for one period, on arrays (package-private).

One implementation serves both the object path (:func:`.jp.analyse_jp`) and the
columnar path (:func:`.columnar.analyse_jp_columns`), so that they cannot
disagree. Rows are processed in the order of their duplicate key (person, title,
first day, last day), so that sums never depend on the order of the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.domain.development import Route
from asn_competency.policies.compliance import JpCompliancePolicy, SplitRule
from asn_competency.policies.development import CreditBasis
from asn_competency.policies.routes import LearningMode

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__: list[str] = []


MODES = tuple(LearningMode)
"""The blend's parts, in the order of the mode columns."""


def clean(values: Any) -> Any:
    """Round JP to 9 decimals (+0.0 turns -0.0 into 0.0): 24 x 5/6 + 4 x 1/6 prints as 20."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    return np.round(values, 9) + 0.0


@attrs.frozen(kw_only=True, eq=False)
class RowCounts:
    """What the count found for each row and each person (arrays).

    Args:
        base: JP each row gets before caps and the period split (0 when none).
        credited: Whether the row states JP or hours or its route has a credit.
        kept: False for a duplicate that another row of its key stands for.
        in_period: Whether the row falls in the period under the split rule.
        counted: JP the row adds to the period (after every rule).
        capped: JP the daily caps took from the row in the period.
        total: JP counted per person.
        by_mode: JP per person and blend part (people x 3).
        entries: Rows of each person in the period (duplicates and routes that do not
            count included): none means no record.
        dropped: Duplicate rows dropped per person in the period.
        uncredited: Rows per person in the period with no JP to count.
        capped_total: JP the daily caps took per person.
    """

    base: npt.NDArray[np.float64]
    credited: npt.NDArray[np.bool_]
    kept: npt.NDArray[np.bool_]
    in_period: npt.NDArray[np.bool_]
    counted: npt.NDArray[np.float64]
    capped: npt.NDArray[np.float64]
    total: npt.NDArray[np.float64]
    by_mode: npt.NDArray[np.float64]
    entries: npt.NDArray[np.int64]
    dropped: npt.NDArray[np.int64]
    uncredited: npt.NDArray[np.int64]
    capped_total: npt.NDArray[np.float64]


def route_tables(
    routes: tuple[Route, ...], policy: JpCompliancePolicy
) -> tuple[Any, Any, Any, Any]:
    """Per route code: table credit (NaN if none), daily cap (inf if none), counts, mode."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    credits = policy.credits
    credit = np.array([credits.credits.get(r, np.nan) for r in routes], dtype=np.float64)
    cap = np.array([credits.daily_caps.get(r, np.inf) for r in routes], dtype=np.float64)
    counts = np.array([r in policy.counted_routes for r in routes], dtype=bool)
    mode = np.array([MODES.index(policy.routes.mode(r)) for r in routes], dtype=np.int64)
    return credit, cap, counts, mode


def base_jp(
    route: Any, jp: Any, hours: Any, *, credit: Any, policy: JpCompliancePolicy
) -> tuple[Any, Any]:
    """JP each row gets before caps and split, and whether it gets any (see JpCreditPolicy)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    stated = np.where(np.isnan(jp), hours * 60.0 / policy.hours.minutes_per_jp, jp)
    table = credit[route]
    if policy.credits.basis is CreditBasis.STATED_FIRST:
        value = np.where(np.isnan(stated), table, stated)
    else:
        value = np.where(np.isnan(table), stated, table)
    credited = ~np.isnan(value)
    return np.where(credited, value, 0.0), credited


def key_order(person: Any, title: Any, start: Any, end: Any, titles: int) -> tuple[Any, Any]:
    """Row order by duplicate key (person, title, start, end), and where keys repeat.

    Returns the order and, in that order, whether each row after the first has the
    key of the row before it. When the four fit in 62 bits (a national ledger does),
    they are packed into one integer and sorted once; otherwise sorted as four keys.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if len(person) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    pt = person * max(titles, 1) + title
    first = int(start.min())
    offset = start - first
    span = end - start
    bits = [int(x.max()).bit_length() for x in (pt, offset, span)]
    if sum(bits) <= 62:
        packed = ((pt << bits[1]) | offset) << bits[2] | span
        # Not a stable sort: rows with one key are duplicates, of which one counts.
        order = np.argsort(packed)
        key = packed[order]
        return order, key[1:] == key[:-1]
    order = np.lexsort((end, start, pt))
    p, t, s, e = person[order], title[order], start[order], end[order]
    return order, (p[1:] == p[:-1]) & (t[1:] == t[:-1]) & (s[1:] == s[:-1]) & (e[1:] == e[:-1])


def keep_one(order: Any, same: Any, *, base: Any, route: Any) -> Any:
    """Mark one row per duplicate key: the most JP, then the lowest route code.

    Rows that tie on both count alike, so the choice among them changes no figure.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    kept = np.ones(len(order), dtype=bool)
    if not same.any():
        return kept
    # Runs of equal keys (in key order): number them, keep only the rows of longer runs.
    run = np.concatenate(([0], np.cumsum(~same)))
    size = np.bincount(run)
    rows = order[size[run] > 1]
    runs = run[size[run] > 1]
    best = np.lexsort((rows, route[rows], -base[rows], runs))
    firsts = np.concatenate(([True], runs[best][1:] != runs[best][:-1]))
    kept[rows] = False
    kept[rows[best][firsts]] = True
    return kept


def count(
    *,
    person: Any,
    title: Any,
    route: Any,
    start: Any,
    end: Any,
    jp: Any,
    hours: Any,
    people: int,
    titles: int,
    routes: tuple[Route, ...],
    period: tuple[int, int],
    policy: JpCompliancePolicy,
) -> RowCounts:
    """Count every person's JP in ``period`` (day numbers, both ends included)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    ps, pe = period
    credit, cap, route_counts, mode = route_tables(routes, policy)
    base, credited = base_jp(route, jp, hours, credit=credit, policy=policy)
    order, same = key_order(person, title, start, end, titles)
    kept = keep_one(order, same, base=base, route=route)
    days = (end - start + 1).astype(np.float64)
    split = policy.split
    if split is SplitRule.PRO_RATA:
        overlap = np.maximum(np.minimum(end, pe) - np.maximum(start, ps) + 1, 0)
        in_period = overlap > 0
        share = overlap / days
    else:
        day = start if split is SplitRule.START else end
        in_period = (day >= ps) & (day <= pe)
        share = in_period.astype(np.float64)
    live = kept & route_counts[route] & in_period & (base > 0)
    capped_route = np.isfinite(cap[route])
    counted = np.where(live & ~capped_route, base * share, 0.0)
    capped = np.zeros(len(base), dtype=np.float64)
    if (live & capped_route).any():
        _apply_caps(
            counted,
            capped,
            rows=order[(kept & route_counts[route] & capped_route & (base > 0))[order]],
            live=live,
            person=person,
            route=route,
            start=start,
            end=end,
            base=base,
            cap=cap,
            period=period if split is SplitRule.PRO_RATA else None,
            routes=len(routes),
        )
    # Sums in key order: the same total whatever the order of the rows (rounded once, at the end).
    p_sorted = person[order]
    total = clean(np.bincount(p_sorted, weights=counted[order], minlength=people))
    cell = p_sorted * len(MODES) + mode[route[order]]
    by_mode = clean(
        np.bincount(cell, weights=counted[order], minlength=people * len(MODES)).reshape(
            people, len(MODES)
        )
    )
    entries = np.bincount(person, weights=in_period, minlength=people).astype(np.int64)
    dropped = np.bincount(person, weights=in_period & ~kept, minlength=people).astype(np.int64)
    missing = in_period & kept & ~credited
    uncredited = np.bincount(person, weights=missing, minlength=people).astype(np.int64)
    capped_total = clean(np.bincount(p_sorted, weights=capped[order], minlength=people))
    return RowCounts(
        base=base,
        credited=credited,
        kept=kept,
        in_period=in_period,
        counted=clean(counted),
        capped=clean(capped),
        total=total,
        by_mode=by_mode,
        entries=entries,
        dropped=dropped,
        uncredited=uncredited,
        capped_total=capped_total,
    )


def _apply_caps(
    counted: Any,
    capped: Any,
    *,
    rows: Any,
    live: Any,
    person: Any,
    route: Any,
    start: Any,
    end: Any,
    base: Any,
    cap: Any,
    period: tuple[int, int] | None,
    routes: int,
) -> None:
    """Cap each person's JP per capped route and day; fill ``counted`` and ``capped``.

    ``rows`` are every kept, counting row of a capped route with JP, in duplicate-key
    order (so that sums do not depend on the order of the input): a row outside
    the period still takes its share of a day it shares with a row inside it. A
    row's JP is spread evenly over its days. With ``period`` (the pro-rata rule)
    only the period's days are expanded and counted; otherwise the whole of each
    live row counts where its first or last day falls.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    lo, hi = (int(start[live].min()), int(end[live].max())) if period is None else period
    first = np.maximum(start[rows], lo)
    last = np.minimum(end[rows], hi)
    touch = last >= first
    rows, first, last = rows[touch], first[touch], last[touch]
    length = last - first + 1
    row_of = np.repeat(rows, length)
    offsets = np.repeat(np.cumsum(length) - length, length)
    day = np.repeat(first, length) + (np.arange(int(length.sum())) - offsets)
    per_day = base[row_of] / (end[row_of] - start[row_of] + 1)
    span = hi - lo + 1
    key = (person[row_of] * routes + route[row_of]) * span + (day - lo)
    # The rows come in duplicate-key order, so each cell sums in an order that does not
    # depend on the order of the input.
    _, inverse = np.unique(key, return_inverse=True)
    sums = np.bincount(inverse, weights=per_day)
    limit = cap[route[row_of]]
    with np.errstate(over="ignore", divide="ignore"):  # a cap over a tiny sum is no limit
        factor = np.minimum(1.0, limit / sums[inverse])
    kept_jp = per_day * factor
    mask = live[row_of]
    got = np.bincount(row_of[mask], weights=kept_jp[mask], minlength=len(counted))
    raw = np.bincount(row_of[mask], weights=per_day[mask], minlength=len(counted))
    counted += got
    capped += np.maximum(raw - got, 0.0)
