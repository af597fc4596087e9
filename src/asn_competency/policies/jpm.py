"""Job Person Match (JPM) categories: how a JPM percentage is read.

:class:`JpmPolicy` names the categories and their cut-offs: the BKN mapping
(:data:`JPM_MAPPING_BKN`: Optimal >= 90, Cukup Optimal >= 78) and selection
(:data:`JPM_SELECTION_BKN`: Memenuhi Syarat >= 80, Masih Memenuhi Syarat >= 68)
categories, and those of PermenKKP 39/2023.

Examples:
    >>> JPM_MAPPING_BKN.category(85.0), JPM_SELECTION_BKN.category(85.0)
    ('Cukup Optimal', 'Memenuhi Syarat')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.errors import ValidationError

__all__ = [
    "JPM_KKP_39_2023_OTHERS",
    "JPM_KKP_39_2023_SENIOR",
    "JPM_MAPPING_BKN",
    "JPM_SELECTION_BKN",
    "JpmPolicy",
]


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


@attrs.frozen(kw_only=True, repr=False)
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

    __repr__ = _validate.policy_repr

    name: str = attrs.field(validator=_validate.non_empty)
    version: str = attrs.field(validator=_validate.non_empty)
    bands: tuple[tuple[str, float], ...] = attrs.field(converter=_bands)
    cap: float = attrs.field(default=100.0)
    decimals: int | None = attrs.field(default=None)
    source: str = attrs.field(default="", repr=False)

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
