"""The talent pool policy: which boxes enter the pool at each level."""

import pytest

from asn_competency import ValidationError
from asn_competency.policies import policy_catalogue
from asn_competency.policies.nine_box import (
    TALENT_POOL_PERMENPANRB_3_2020,
    PoolLevel,
    TalentPoolPolicy,
)


def test_national_boxes() -> None:
    """The agency's pool takes boxes 7, 8, 9 and the national pool box 9, highest first."""
    assert TALENT_POOL_PERMENPANRB_3_2020.boxes_for("instansi") == (9, 8, 7)
    assert TALENT_POOL_PERMENPANRB_3_2020.boxes_for(PoolLevel.NASIONAL) == (9,)
    assert "our reading" in TALENT_POOL_PERMENPANRB_3_2020.source
    assert policy_catalogue()["TALENT_POOL_PERMENPANRB_3_2020"] is TALENT_POOL_PERMENPANRB_3_2020


def test_boxes_are_kept_unique_and_sorted() -> None:
    """Repeated boxes count once; the order given does not matter."""
    p = TalentPoolPolicy(name="n", version="1", boxes={"instansi": [7, 9, 9, 8], "nasional": [9]})
    assert p.boxes_for("instansi") == (9, 8, 7)


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        ([9], "'boxes' must be a mapping"),
        ({"instansi": [9]}, "'boxes' must be the boxes of both pool levels"),
        ({"instansi": [9], "nasional": [9], "provinsi": [9]}, "'boxes' must be one of"),
        ({"instansi": [10], "nasional": [9]}, r"'boxes\[instansi\]' must be box numbers 1-9"),
        ({"instansi": [True], "nasional": [9]}, "must be box numbers 1-9"),
        ({"instansi": "789", "nasional": [9]}, "must be box numbers 1-9"),
        ({"instansi": [], "nasional": [9]}, r"'boxes\[instansi\]' must be at least one box"),
    ],
)
def test_bad_pool_boxes_are_named(boxes: object, message: str) -> None:
    """Missing levels, unknown levels and boxes outside 1-9 are refused."""
    with pytest.raises(ValidationError, match=message):
        TalentPoolPolicy(name="n", version="1", boxes=boxes)  # type: ignore[arg-type]


def test_unknown_level_is_named() -> None:
    """boxes_for names a level it does not know."""
    with pytest.raises(ValidationError, match="'level' must be one of 'instansi', 'nasional'"):
        TALENT_POOL_PERMENPANRB_3_2020.boxes_for("provinsi")
