"""JP compliance by unit, agency, region, tier or position, with small groups suppressed.

:func:`summarise_jp` groups a :class:`~asn_competency.compliance.jp.JpCompliance`
by employee fields and gives per group: how many people, how many have a
target and how many met it (and the share), how many are short or have no
record, the mean and median JP, how many fall in each JP band, and who is short.
:func:`summarise_jp_columns` does the same for the columnar result.

A group with fewer people than the
:class:`~asn_competency.policies.suppression.SuppressionPolicy` threshold (5 by
default) is not shown at all, in any output: only how many groups were
suppressed. Shown figures are rounded to the policy's decimals.

Examples:
    >>> from asn_competency.compliance.summary import _example
    >>> s = _example()
    >>> [(g.key, g.people, g.met, g.share_met) for g in s.groups], s.suppressed_groups
    ([(('Pelayanan',), 5, 3, 0.6)], 1)
    >>> s.groups[0].short_nips
    ('199203042019032002', '199203042019032005')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from asn_competency.compliance.columnar import (
    STATUSES,
    ColumnarJp,
    JpStatus,
)
from asn_competency.compliance.jp import JpCompliance
from asn_competency.domain.employee import (
    Employee,
    employees_by_nip,
    group_key,
    grouping_fields,
)
from asn_competency.domain.period import Period
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.compliance import JpCompliancePolicy
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["JpGroup", "JpSummary", "summarise_jp", "summarise_jp_columns"]


@attrs.frozen(kw_only=True)
class JpGroup:
    """JP compliance of one shown group.

    Args:
        key: The group's values of the grouping fields, such as ``("Pelayanan",)``.
        people: People in the group.
        with_target: Of those, people whose status has a minimum.
        met: People who met it.
        short: People short of it with something recorded.
        no_record: People with nothing recorded in the period.
        no_target: People whose status has no minimum.
        above_maximum: People above their status's maximum.
        share_met: ``met / with_target``; ``None`` when nobody has a target.
        mean_jp: Mean JP counted over the group.
        median_jp: Median JP counted over the group.
        bands: ``(band label, people)`` for every JP band of the policy, lowest first.
        short_nips: NIPs of the people short or with no record, sorted.
    """

    key: tuple[str, ...]
    people: int
    with_target: int
    met: int
    short: int
    no_record: int
    no_target: int
    above_maximum: int
    share_met: float | None
    mean_jp: float
    median_jp: float
    bands: tuple[tuple[str, int], ...]
    short_nips: tuple[str, ...]


@attrs.frozen(kw_only=True)
class JpSummary:
    """JP compliance by group, small groups suppressed.

    Args:
        by: The grouping fields.
        period: The period counted.
        groups: The shown groups, sorted by key.
        suppressed_groups: How many groups were too small to show.
        policy: The compliance policy of the count.
        suppression: The suppression policy applied.
    """

    by: tuple[str, ...]
    period: Period
    groups: tuple[JpGroup, ...]
    suppressed_groups: int
    policy: JpCompliancePolicy
    suppression: SuppressionPolicy

    def group(self, *key: str) -> JpGroup:
        """Return a shown group by its key.

        Raises:
            UnknownIdError: If no shown group has that key (it may be suppressed).
        """
        for g in self.groups:
            if g.key == key:
                return g
        raise UnknownIdError("group", repr(key), "the shown groups")

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per shown group, with a column per JP band.

        Examples:
            >>> df = _example().to_dataframe()
            >>> df[["unit", "people", "met", ">=20"]].values.tolist()
            [['Pelayanan', 5, 3, 3]]
        """
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        labels = list(self.policy.band_labels())
        columns = [
            *self.by,
            "people",
            "with_target",
            "met",
            "short",
            "no_record",
            "no_target",
            "above_maximum",
            "share_met",
            "mean_jp",
            "median_jp",
            *labels,
            "short_nips",
        ]
        rows = [
            [
                *g.key,
                g.people,
                g.with_target,
                g.met,
                g.short,
                g.no_record,
                g.no_target,
                g.above_maximum,
                g.share_met,
                g.mean_jp,
                g.median_jp,
                *(n for _, n in g.bands),
                " ".join(g.short_nips),
            ]
            for g in self.groups
        ]
        return pd.DataFrame(rows, columns=columns)


def _check_suppression(policy: object) -> SuppressionPolicy:
    if not isinstance(policy, SuppressionPolicy):
        raise ValidationError("policy", "a SuppressionPolicy", policy)
    return policy


def _summarise(
    *,
    nips: Sequence[str],
    counted: Any,
    status: Any,
    above: Any,
    group: Any,
    keys: Sequence[tuple[str, ...]],
    by: tuple[str, ...],
    period: Period,
    policy: JpCompliancePolicy,
    suppression: SuppressionPolicy,
) -> JpSummary:
    """The summary from per-person arrays (shared by both paths)."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    ngroups = len(keys)
    size = np.bincount(group, minlength=ngroups)
    code = {s: STATUSES.index(s) for s in JpStatus}
    tally = {
        s: np.bincount(group, weights=status == code[s], minlength=ngroups).astype(int)
        for s in JpStatus
    }
    over = np.bincount(group, weights=above, minlength=ngroups).astype(int)
    sums = np.bincount(group, weights=counted, minlength=ngroups)
    band = np.searchsorted(np.asarray(policy.bins, dtype=np.float64), counted, side="right")
    nbands = len(policy.bins) + 1
    band_counts = np.bincount(group * nbands + band, minlength=ngroups * nbands).reshape(
        ngroups, nbands
    )
    order = np.lexsort((counted, group))
    starts = np.concatenate(([0], np.cumsum(size)[:-1])) if ngroups else np.array([], dtype=int)
    sorted_jp = counted[order]
    below = np.flatnonzero((status == code[JpStatus.SHORT]) | (status == code[JpStatus.NO_RECORD]))
    by_group = below[np.argsort(group[below], kind="stable")]
    cuts = np.searchsorted(group[by_group], np.arange(ngroups + 1))
    short_of = {
        g: [nips[i] for i in by_group[cuts[g] : cuts[g + 1]].tolist()]
        for g in range(ngroups)
        if cuts[g + 1] > cuts[g]
    }
    digits = suppression.decimals
    labels = policy.band_labels()
    shown: list[JpGroup] = []
    hidden = 0
    for g in sorted(range(ngroups), key=lambda k: keys[k]):
        n = int(size[g])
        if n == 0:
            continue
        if n < suppression.min_group_size:
            hidden += 1
            continue
        with_target = n - int(tally[JpStatus.NO_TARGET][g])
        met = int(tally[JpStatus.MET][g])
        lo = int(starts[g])
        mid = sorted_jp[lo : lo + n]
        median = float(mid[n // 2]) if n % 2 else float((mid[n // 2 - 1] + mid[n // 2]) / 2)
        shown.append(
            JpGroup(
                key=tuple(keys[g]),
                people=n,
                with_target=with_target,
                met=met,
                short=int(tally[JpStatus.SHORT][g]),
                no_record=int(tally[JpStatus.NO_RECORD][g]),
                no_target=int(tally[JpStatus.NO_TARGET][g]),
                above_maximum=int(over[g]),
                share_met=round(met / with_target, digits) if with_target else None,
                mean_jp=round(float(sums[g]) / n, digits),
                median_jp=round(median, digits),
                bands=tuple(zip(labels, band_counts[g].tolist(), strict=True)),
                short_nips=tuple(sorted(short_of.get(g, []))),
            )
        )
    return JpSummary(
        by=by,
        period=period,
        groups=tuple(shown),
        suppressed_groups=hidden,
        policy=policy,
        suppression=suppression,
    )


def summarise_jp(
    compliance: JpCompliance,
    *,
    employees: Iterable[Employee] | Mapping[str, Employee],
    by: str | Iterable[str] = "unit",
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> JpSummary:
    """Summarise JP compliance by group, suppressing small groups.

    Args:
        compliance: The result of :func:`~asn_competency.compliance.jp.analyse_jp`.
        employees: The people, to know their groups; everyone in ``compliance``
            must be among them.
        by: One grouping field or several: ``agency``, ``unit``, ``region``,
            ``tier``, ``position``.
        policy: The suppression threshold and rounding.

    Returns:
        The summary; groups sorted by key.

    Raises:
        UnknownIdError: If a person in ``compliance`` is not among ``employees``.
        ValidationError: For an unknown grouping field or an argument of the wrong kind.
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if not isinstance(compliance, JpCompliance):
        raise ValidationError("compliance", "a JpCompliance from analyse_jp", compliance)
    fields = grouping_fields(by)
    suppression = _check_suppression(policy)
    staff = employees_by_nip(employees)
    keys: dict[tuple[str, ...], int] = {}
    group: list[int] = []
    for p in compliance.people:
        e = staff.get(p.nip)
        if e is None:
            raise UnknownIdError("employee", p.nip, "employees")
        group.append(keys.setdefault(group_key(e, fields), len(keys)))
    people = compliance.people
    return _summarise(
        nips=[p.nip for p in people],
        counted=np.array([p.counted_jp for p in people], dtype=np.float64),
        status=np.array([STATUSES.index(p.status) for p in people], dtype=np.int64),
        above=np.array([p.above_maximum for p in people], dtype=bool),
        group=np.array(group, dtype=np.int64),
        keys=list(keys),
        by=fields,
        period=compliance.period,
        policy=compliance.policy,
        suppression=suppression,
    )


def summarise_jp_columns(
    result: ColumnarJp,
    *,
    group: Sequence[int] | Any,
    group_keys: Sequence[tuple[str, ...]],
    by: str | Iterable[str] = "unit",
    policy: SuppressionPolicy = SUPPRESSION_DEFAULT,
) -> JpSummary:
    """Summarise a columnar JP result: the same summary as :func:`summarise_jp`, with NumPy.

    Args:
        result: The result of
            :func:`~asn_competency.compliance.columnar.analyse_jp_columns`.
        group: Each person's group, an index into ``group_keys``, in the order
            of ``result.nips``.
        group_keys: The groups' keys, such as ``("Disdukcapil", "Pelayanan")``.
        by: The names of the fields the keys hold (for the result).
        policy: The suppression threshold and rounding.

    Raises:
        ValidationError: For a group index out of range or of the wrong length,
            keys that are not tuples of texts, or arguments of the wrong kind.

    Examples:
        >>> import numpy as np
        >>> from asn_competency.compliance.columnar import LedgerColumns, analyse_jp_columns
        >>> nips = [f"19900101201503100{i}" for i in range(1, 6)]
        >>> cols = LedgerColumns(person=[0], title=[0], route=[0],
        ...     start=np.array(["2025-02-03"], dtype="datetime64[D]"),
        ...     end=np.array(["2025-02-05"], dtype="datetime64[D]"), jp=[24], hours=[np.nan],
        ...     nips=nips, titles=["diklat"], routes=["pelatihan_teknis"])
        >>> res = analyse_jp_columns(cols, period=2025)
        >>> s = summarise_jp_columns(res, group=[0] * 5, group_keys=[("Arsip",)])
        >>> s.groups[0].met, s.groups[0].no_record
        (1, 4)
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if not isinstance(result, ColumnarJp):
        raise ValidationError("result", "a ColumnarJp from analyse_jp_columns", result)
    fields = grouping_fields(by)
    suppression = _check_suppression(policy)
    keys = _keys(group_keys)
    try:
        index = np.asarray(group).reshape(-1)
    except (TypeError, ValueError):
        raise ValidationError("group", "one group index per person", group) from None
    if index.dtype.kind not in "iu" or len(index) != len(result.nips):
        raise ValidationError(
            "group", f"one whole group index per person ({len(result.nips)})", group
        )
    if len(index) and (index.min() < 0 or index.max() >= len(keys)):
        bad = index[(index < 0) | (index >= len(keys))][0].item()
        raise ValidationError("group", f"indexes in 0..{len(keys) - 1}", bad)
    return _summarise(
        nips=result.nips,
        counted=result.counted,
        status=result.status,
        above=result.above_maximum,
        group=index.astype(np.int64),
        keys=keys,
        by=fields,
        period=result.period,
        policy=result.policy,
        suppression=suppression,
    )


def _keys(value: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError("group_keys", "a sequence of keys (tuples of texts)", value)
    out: list[tuple[str, ...]] = []
    for key in value:
        if isinstance(key, str) or not isinstance(key, Iterable):
            raise ValidationError("group_keys", "tuples of texts", key)
        items = tuple(key)
        for item in items:
            if not isinstance(item, str):
                raise ValidationError("group_keys", "tuples of texts", key)
        out.append(items)
    return out


def _example() -> JpSummary:
    """Seven people in two units for the doctests (the unit of two is suppressed)."""
    import datetime as dt  # noqa: PLC0415

    from asn_competency.compliance.jp import analyse_jp  # noqa: PLC0415
    from asn_competency.domain.ledger import Ledger, LedgerEntry  # noqa: PLC0415

    nips = [f"19920304201903200{i}" for i in range(1, 8)]
    staff = [
        Employee(nip=n, name=f"Pegawai {i}", unit="Pelayanan" if i < 5 else "Arsip")
        for i, n in enumerate(nips)
    ]
    jp = [24, 10, 20, 32, 0, 20, 8]
    led = Ledger(
        LedgerEntry(
            nip=n, title="Pelatihan", route="pelatihan_teknis", start=dt.date(2025, 5, 5), jp=j
        )
        for n, j in zip(nips, jp, strict=True)
        if j
    )
    return summarise_jp(analyse_jp(led, period=2025, employees=staff), employees=staff)
