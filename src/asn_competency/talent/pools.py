"""Talent pools: the people of the pool boxes, by agency or nationally.

:func:`talent_pools` gathers the people whose nine-box box enters the talent
pool of a :class:`~asn_competency.policies.nine_box.PoolLevel` (boxes 7, 8 and
9 for an agency's pool, box 9 for the national pool under
:data:`~asn_competency.policies.nine_box.TALENT_POOL_PERMENPANRB_3_2020`), each
with the recommendation of their box. A pool names people: share it as a
personnel record, not as a statistic.

Examples:
    >>> from asn_competency import Employee
    >>> from asn_competency.talent.nine_box import talent_box
    >>> a = Employee(nip="199001012015031001", name="Budi", agency="Disdukcapil")
    >>> b = Employee(nip="199203042016022002", name="Sari", agency="Disdukcapil")
    >>> pools = talent_pools([(a, talent_box("above", "high")), (b, talent_box("meets", "low"))])
    >>> [(p.agency, [m.nip for m in p.members]) for p in pools]
    [('Disdukcapil', ['199001012015031001'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

import attrs

from asn_competency import _lazy, _validate
from asn_competency.domain.employee import Employee
from asn_competency.domain.position import PositionTier
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.nine_box import (
    TALENT_POOL_PERMENPANRB_3_2020,
    Performance,
    PoolLevel,
    Potential,
    TalentPoolPolicy,
)
from asn_competency.talent.nine_box import TalentBox, _to_performance, _to_potential

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PoolMember", "TalentPool", "talent_pools"]


def _to_tier(value: object) -> PositionTier | None:
    return None if value is None else _validate.to_enum(PositionTier, "tier")(value)


def _to_level(value: object) -> PoolLevel:
    return _validate.to_enum(PoolLevel, "level")(value)


@attrs.frozen(kw_only=True)
class PoolMember:
    """One person in a talent pool.

    Args:
        nip: The person.
        name: Their name.
        agency: Their agency.
        unit: Their work unit.
        tier: Their position's tier, if known.
        box: Their nine-box box.
        performance: Their performance rank.
        potential: Their potential rank.
        recommendation: What the nine-box policy recommends for the box.
    """

    nip: str
    name: str
    agency: str
    unit: str
    tier: PositionTier | None = attrs.field(converter=_to_tier)
    box: int
    performance: Performance = attrs.field(converter=_to_performance)
    potential: Potential = attrs.field(converter=_to_potential)
    recommendation: str


def _members(value: Iterable[PoolMember]) -> tuple[PoolMember, ...]:
    # The strongest box first, then by NIP: the same pool in any input order.
    return tuple(sorted(value, key=lambda m: (-m.box, m.nip)))


@attrs.frozen(kw_only=True)
class TalentPool:
    """The members of one talent pool.

    Args:
        level: ``instansi`` (one agency's pool) or ``nasional``.
        agency: The agency of an agency pool; empty for the national pool.
        members: The members, highest box first, then by NIP.
        boxes: The boxes that entered the pool.
        policy: The pool policy used.
    """

    level: PoolLevel = attrs.field(converter=_to_level)
    agency: str
    COLUMNS: ClassVar[tuple[str, ...]] = (
        "level",
        "agency",
        "nip",
        "name",
        "unit",
        "tier",
        "box",
        "performance",
        "potential",
        "recommendation",
    )
    members: tuple[PoolMember, ...] = attrs.field(converter=_members)
    boxes: tuple[int, ...]
    policy: TalentPoolPolicy

    def member(self, nip: str) -> PoolMember:
        """Return one member.

        Raises:
            UnknownIdError: If the person is not in the pool.
        """
        for m in self.members:
            if m.nip == nip:
                return m
        raise UnknownIdError("pool member", nip, f"the {self.level.value} pool {self.agency!r}")

    def table(self) -> tuple[list[str], list[list[object]]]:
        """Return the column names and one row per member, as plain values.

        Examples:
            >>> columns, rows = talent_pools([], level="nasional")[0].table()
            >>> columns[-3:], rows
            (['performance', 'potential', 'recommendation'], [])
        """
        columns = list(self.COLUMNS)
        rows: list[list[object]] = [
            [
                self.level.value,
                self.agency,
                m.nip,
                m.name,
                m.unit,
                None if m.tier is None else m.tier.value,
                m.box,
                m.performance.value,
                m.potential.value,
                m.recommendation,
            ]
            for m in self.members
        ]
        return columns, rows

    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per member.

        Examples:
            >>> talent_pools([], level="nasional")[0].to_dataframe().columns.tolist()[:4]
            ['level', 'agency', 'nip', 'name']
        """
        _lazy.require("pandas")
        import pandas as pd  # noqa: PLC0415 - keep `import asn_competency` light

        columns, rows = self.table()
        return pd.DataFrame(rows, columns=columns)


def _pairs(placements: object) -> list[tuple[Employee, TalentBox]]:
    if isinstance(placements, (str, bytes)) or not isinstance(placements, Iterable):
        raise ValidationError("placements", "(Employee, TalentBox) pairs", placements)
    out: list[tuple[Employee, TalentBox]] = []
    seen: set[str] = set()
    for i, pair in enumerate(placements):
        try:
            e, box = pair
        except (TypeError, ValueError):
            raise ValidationError(
                f"placements[{i}]", "a pair (Employee, TalentBox)", pair
            ) from None
        if not isinstance(e, Employee) or not isinstance(box, TalentBox):
            raise ValidationError(f"placements[{i}]", "a pair (Employee, TalentBox)", pair)
        if e.nip in seen:
            raise ValidationError("placements", "one placement per person", f"{e.nip} twice")
        seen.add(e.nip)
        out.append((e, box))
    return out


def talent_pools(
    placements: Iterable[tuple[Employee, TalentBox]],
    *,
    level: PoolLevel | str = PoolLevel.INSTANSI,
    policy: TalentPoolPolicy = TALENT_POOL_PERMENPANRB_3_2020,
) -> tuple[TalentPool, ...]:
    """Gather the talent pools of one level from nine-box placements.

    Args:
        placements: ``(employee, box)`` pairs, one per person.
        level: ``instansi``: one pool per agency that has members, sorted by
            agency; ``nasional``: one pool of everyone in the national boxes
            (returned even when empty).
        policy: Which boxes enter the pool at each level.

    Returns:
        The pools; members carry their box's recommendation.

    Raises:
        ValidationError: For a person placed twice, a malformed pair, an unknown
            level or a policy of the wrong kind.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.talent.nine_box import talent_box
        >>> e = Employee(nip="199001012015031001", name="Budi", agency="Disdukcapil")
        >>> pool = talent_pools([(e, talent_box("above", "high"))], level="nasional")[0]
        >>> pool.members[0].recommendation[:17]
        'Promote and retai'
    """
    pool_level = _validate.to_enum(PoolLevel, "level")(level)
    if not isinstance(policy, TalentPoolPolicy):
        raise ValidationError("policy", "a TalentPoolPolicy", policy)
    boxes = policy.boxes_for(pool_level)
    groups: dict[str, list[PoolMember]] = {}
    if pool_level is PoolLevel.NASIONAL:
        groups[""] = []
    for e, box in _pairs(placements):
        if box.number not in boxes:
            continue
        agency = e.agency if pool_level is PoolLevel.INSTANSI else ""
        groups.setdefault(agency, []).append(
            PoolMember(
                nip=e.nip,
                name=e.name,
                agency=e.agency,
                unit=e.unit,
                tier=e.tier,
                box=box.number,
                performance=box.performance,
                potential=box.potential,
                recommendation=box.recommendation,
            )
        )
    return tuple(
        TalentPool(level=pool_level, agency=agency, members=members, boxes=boxes, policy=policy)
        for agency, members in sorted(groups.items())
    )
