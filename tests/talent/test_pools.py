"""Talent pools by agency and nationally, from nine-box placements."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import Employee, UnknownIdError, ValidationError
from asn_competency import strategies as acst
from asn_competency.policies.nine_box import PoolLevel, TalentPoolPolicy
from asn_competency.talent.nine_box import TalentBox, talent_box
from asn_competency.talent.pools import talent_pools

A = Employee(nip="199001012015031001", name="Budi", agency="Disdukcapil", unit="Pelayanan")
B = Employee(nip="199203042016022002", name="Sari", agency="Disdukcapil", tier="pengawas")
C = Employee(nip="198507082010011003", name="Tono", agency="Bappeda")
D = Employee(nip="199111112017012004", name="Wati", agency="Bappeda")
PLACED = [
    (A, talent_box("above", "middle")),  # 7
    (B, talent_box("above", "high")),  # 9
    (C, talent_box("meets", "high")),  # 8
    (D, talent_box("meets", "middle")),  # 5
]


def test_agency_pools_take_boxes_7_8_9() -> None:
    """One pool per agency with members, highest box first; box 5 stays out."""
    pools = talent_pools(PLACED)
    assert [(p.agency, [(m.nip, m.box) for m in p.members]) for p in pools] == [
        ("Bappeda", [(C.nip, 8)]),
        ("Disdukcapil", [(B.nip, 9), (A.nip, 7)]),
    ]
    sari = pools[1].member(B.nip)
    assert (sari.name, sari.tier.value if sari.tier else None, sari.recommendation) == (
        "Sari",
        "pengawas",
        talent_box("above", "high").recommendation,
    )
    assert pools[1].boxes == (9, 8, 7)


def test_national_pool_takes_box_9_only() -> None:
    """The national pool is one pool of box 9 from every agency (returned even when empty)."""
    (pool,) = talent_pools(PLACED, level="nasional")
    assert (pool.level, pool.agency, [m.nip for m in pool.members]) == (
        PoolLevel.NASIONAL,
        "",
        [B.nip],
    )
    (empty,) = talent_pools([], level=PoolLevel.NASIONAL)
    assert empty.members == ()
    assert talent_pools([]) == ()


def test_another_pool_policy() -> None:
    """A policy of your own decides the boxes."""
    wide = TalentPoolPolicy(
        name="n", version="1", boxes={"instansi": [5, 7, 8, 9], "nasional": [9]}
    )
    pools = talent_pools(PLACED, policy=wide)
    assert [m.nip for p in pools for m in p.members] == [C.nip, D.nip, B.nip, A.nip]


def test_dataframe() -> None:
    """One row per member with level and agency."""
    df = talent_pools(PLACED)[1].to_dataframe()
    assert df[["level", "agency", "nip", "box"]].values.tolist() == [
        ["instansi", "Disdukcapil", B.nip, 9],
        ["instansi", "Disdukcapil", A.nip, 7],
    ]
    assert df["tier"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("placements", "kwargs", "message"),
    [
        ("A", {}, "'placements' must be"),
        ([A], {}, r"'placements\[0\]' must be a pair"),
        ([(A, 7)], {}, r"'placements\[0\]' must be a pair \(Employee, TalentBox\)"),
        ([PLACED[0], PLACED[0]], {}, "'placements' must be one placement per person"),
        (PLACED, {"level": "provinsi"}, "'level' must be one of"),
        (PLACED, {"policy": "default"}, "'policy' must be a TalentPoolPolicy"),
    ],
)
def test_bad_inputs_are_named(placements: object, kwargs: dict[str, object], message: str) -> None:
    """Malformed placements, unknown levels and wrong policies are named."""
    with pytest.raises(ValidationError, match=message):
        talent_pools(placements, **kwargs)  # type: ignore[arg-type]


def test_unknown_member() -> None:
    """Asking for someone outside the pool is an unknown-id error."""
    with pytest.raises(UnknownIdError, match="unknown pool member"):
        talent_pools(PLACED)[0].member(A.nip)


@given(
    st.lists(acst.employees(), max_size=8, unique_by=lambda e: e.nip).flatmap(
        lambda people: st.tuples(
            st.just(people),
            st.lists(acst.talent_boxes(), min_size=len(people), max_size=len(people)),
        )
    ),
)
def test_pools_do_not_depend_on_order(case: tuple[list[Employee], list[TalentBox]]) -> None:
    """The same placements in another order give the same pools."""
    people, boxes = case
    pairs = list(zip(people, boxes, strict=True))
    shuffled = list(reversed(pairs))
    assert talent_pools(pairs) == talent_pools(shuffled)
    members = {m.nip for p in talent_pools(pairs) for m in p.members}
    assert members == {e.nip for e, b in pairs if b.number in (7, 8, 9)}
