"""Bench strength by unit, with small groups suppressed."""

import attrs
import pytest

from asn_competency import UnknownIdError, ValidationError
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT
from asn_competency.talent.bench import summarise_succession
from tests.talent.test_succession import _table


def test_bench_strength_by_unit_worked_by_hand() -> None:
    """PIAK unit: KABID.PIAK and KASI.DATA.

    Candidates: PIAK Bambang (1-2 years), Rina and Agus (not ready); KASI Rina, Dewi,
    Bambang (ready now), Fajar (1-2 years). Five distinct people: shown. One of two key
    positions has a ready successor (coverage 0.5); 3 ready-now candidacies over 2
    positions (bench strength 1.5). Pendaftaran (KABID.DAFDUK) has two candidates:
    suppressed under the default minimum of 5.
    """
    summary = summarise_succession(_table())
    assert summary.by == ("agency", "unit")
    assert summary.suppressed_groups == 1
    g = summary.group("Disdukcapil", "PIAK")
    assert attrs.asdict(g) == {
        "key": ("Disdukcapil", "PIAK"),
        "key_positions": 2,
        "with_ready_successor": 1,
        "ready_now": 3,
        "ready_1_2_years": 2,
        "not_ready": 2,
        "people": 5,
        "coverage": 0.5,
        "bench_strength": 1.5,
    }
    assert g.without_ready_successor == 1
    with pytest.raises(UnknownIdError, match="unknown group"):
        summary.group("Disdukcapil", "Pendaftaran")


def test_a_lower_minimum_shows_small_groups() -> None:
    """With a minimum of 2 the Pendaftaran unit is shown too."""
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=2)
    summary = summarise_succession(_table(), by="unit", policy=policy)
    assert [g.key for g in summary.groups] == [("PIAK",), ("Pendaftaran",)]
    assert summary.group("Pendaftaran").coverage == 1.0
    df = summary.to_dataframe()
    assert df.columns.tolist()[:3] == ["unit", "key_positions", "with_ready_successor"]
    assert df["people"].tolist() == [5, 2]


def test_by_tier() -> None:
    """Grouping by the key positions' tier."""
    summary = summarise_succession(
        _table(), by=["tier"], policy=attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=1)
    )
    assert [(g.key, g.key_positions) for g in summary.groups] == [
        (("administrator",), 2),
        (("pengawas",), 1),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"table": "table"}, "'table' must be a SuccessionTable"),
        ({"policy": "default"}, "'policy' must be a SuppressionPolicy"),
        ({"by": "region"}, "'by' must be one or more of agency, unit, tier"),
        ({"by": []}, "'by' must be one or more of"),
        ({"by": 3}, "'by' must be one or more of"),
        ({"by": ["unit", "unit"]}, "'by' must be each field once"),
    ],
)
def test_bad_arguments(args: dict[str, object], message: str) -> None:
    """Wrong kinds and unknown or repeated fields are named."""
    options: dict[str, object] = {"table": _table(), **args}
    with pytest.raises(ValidationError, match=message):
        summarise_succession(**options)  # type: ignore[arg-type]
