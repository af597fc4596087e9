"""Competency gaps of a whole population held in arrays.

:class:`GapColumns` holds one row per person and requirement in NumPy arrays;
:func:`analyse_columns` computes every person's weighted gap and Job Person
Match at once, with the same rounding as the object path
(:func:`asn_competency.gaps.individual.analyse_gaps`). Use it at national
scale; NumPy is imported only here.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from asn_competency import _validate
from asn_competency.domain.competency import CompetencyType
from asn_competency.domain.position import PositionTier
from asn_competency.errors import ValidationError
from asn_competency.gaps.individual import GapReport, _check_policy
from asn_competency.policies.jpm import (
    JPM_MAPPING_BKN,
    JPM_SELECTION_BKN,
    JpmPolicy,
    JpmWeightingPolicy,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    _IntArray: TypeAlias = npt.NDArray[np.int64]
    _FloatArray: TypeAlias = npt.NDArray[np.float64]
else:
    # NumPy loads only when the columnar path runs; at run time the hints stay readable.
    _IntArray = _FloatArray = Any

__all__ = ["ColumnarGaps", "GapColumns", "analyse_columns"]


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
            :func:`asn_competency.gaps.summary.summarise_columns`.
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
            >>> from asn_competency.gaps.individual import _example_standard, analyse_gaps
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
        weighting: The policy that weighed the JPM of the people with a tier, or ``None``.
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
    weighting: JpmWeightingPolicy | None = None

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


def _listed(value: object) -> tuple[object, ...] | None:
    """``value`` as a tuple, or ``None`` for no collection (a text is none)."""
    if value is None or isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return None
    return tuple(value)


def _weighted(
    columns: GapColumns,
    weighting: object,
    competency_types: Sequence[CompetencyType | str] | None,
    tiers: Sequence[PositionTier | str | None] | None,
) -> tuple[_FloatArray, _FloatArray, npt.NDArray[np.bool_]]:
    """Each person's two shares (NaN without a tier) and which rows are technical."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    if not isinstance(weighting, JpmWeightingPolicy):
        raise ValidationError("weighting", "a JpmWeightingPolicy or None", weighting)
    types = _listed(competency_types)
    if types is None or len(types) != len(columns.competency_ids):
        expected = f"one competency type per competency id ({len(columns.competency_ids)})"
        raise ValidationError("competency_types", expected, competency_types)
    people = _listed(tiers)
    if people is None or len(people) != columns.people:
        raise ValidationError("tiers", f"one tier or None per person ({columns.people})", tiers)
    to_type = _validate.to_enum(CompetencyType, "competency_types")
    technical = np.array([to_type(t) is CompetencyType.TEKNIS for t in types], dtype=bool)
    to_tier = _validate.to_enum(PositionTier, "tiers")
    checked = [None if t is None else to_tier(t) for t in people]
    shares: dict[PositionTier | None, tuple[float, float]] = {None: (np.nan, np.nan)}
    for t in set(checked) - {None}:
        shares[t] = weighting.shares_for(t)  # type: ignore[arg-type]
    pairs = np.array([shares[t] for t in checked], dtype=np.float64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1], technical[columns.competency]


def analyse_columns(
    columns: GapColumns,
    *,
    mapping_policy: JpmPolicy = JPM_MAPPING_BKN,
    selection_policy: JpmPolicy = JPM_SELECTION_BKN,
    weighting: JpmWeightingPolicy | None = None,
    competency_types: Sequence[CompetencyType | str] | None = None,
    tiers: Sequence[PositionTier | str | None] | None = None,
) -> ColumnarGaps:
    """Compute weighted gap, JPM and categories for every person of ``columns`` at once.

    Gives the numbers :func:`analyse_gaps` gives for each person (same formulas,
    same treatment of not-assessed requirements), as arrays.

    Args:
        columns: The requirements and levels.
        mapping_policy: The JPM categories for competency mapping.
        selection_policy: The JPM categories for selection.
        weighting: Weigh technical against managerial and socio-cultural
            competencies in the JPM, as :func:`analyse_gaps` does with a weighting.
        competency_types: With ``weighting``: the type of each competency, in
            the order of ``columns.competency_ids``.
        tiers: With ``weighting``: each person's position tier, in the order of
            ``columns.nips``; ``None`` keeps that person's plain JPM.

    Returns:
        Per-person arrays in the order of ``columns.nips``.

    Raises:
        ValidationError: For a policy of the wrong kind, or with ``weighting``:
            types or tiers missing, of the wrong length, or not types or tiers.
        UnknownIdError: With ``weighting``: a tier the policy does not weigh.

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
    if weighting is not None:
        share_t, share_o, technical = _weighted(columns, weighting, competency_types, tiers)
        reached = np.where(has, np.minimum(lv0, req), 0.0)
        sums = [
            np.bincount(p, weights=np.where(rows, values, 0.0), minlength=n)
            for rows in (technical, ~technical)
            for values in (reached, req)
        ]
        with np.errstate(divide="ignore", invalid="ignore"):
            both = JpmWeightingPolicy.combine(share_t, sums[0], sums[1], share_o, sums[2], sums[3])
            one = np.where(sums[1] > 0, sums[0] * 100.0 / sums[1], sums[2] * 100.0 / sums[3])
        value = np.minimum(np.where((sums[1] > 0) & (sums[3] > 0), both, one), 100.0)
        jpm = np.where(np.isnan(share_t), jpm, value)
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
        weighting=weighting,
    )
