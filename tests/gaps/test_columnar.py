"""The columnar JPM under a weighting by competency type agrees with the object path."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    CompetencyFramework,
    PositionStandard,
    PositionTier,
    Requirement,
    UnknownIdError,
    ValidationError,
)
from asn_competency import strategies as acst
from asn_competency.gaps.columnar import GapColumns, analyse_columns
from asn_competency.gaps.individual import GapReport, analyse_gaps
from asn_competency.policies.jpm import JPM_WEIGHTING_JFKK_2020, JpmWeightingPolicy

NIPS = ["199107202019031004", "199503112020122005", "198602142010012003"]


def _columns() -> GapColumns:
    # Person 0: TK 2/4, MJ 4/4; person 1 the same; person 2: MJ only, 2 of 3.
    return GapColumns(
        person=[0, 0, 1, 1, 2],
        competency=[0, 1, 0, 1, 1],
        required=[4, 4, 4, 4, 3],
        importance=[1, 1, 1, 1, 1],
        level=[2, 4, 2, 4, 2],
        nips=NIPS,
        competency_ids=["TK.ADM", "MJ.KOM"],
    )


def test_worked_case_by_tier() -> None:
    """Ahli Madya 80, no tier keeps the plain 75, a one-group standard keeps its plain JPM."""
    res = analyse_columns(
        _columns(),
        weighting=JPM_WEIGHTING_JFKK_2020,
        competency_types=["teknis", "manajerial"],
        tiers=["ahli_madya", None, "ahli_pertama"],
    )
    assert res.jpm[0] == 80.0
    assert res.jpm[1] == 75.0
    assert res.jpm[2] == pytest.approx(200 / 3)
    assert res.weighting is JPM_WEIGHTING_JFKK_2020
    labels = res.to_dataframe()["jpm_selection"].tolist()
    assert labels == ["Memenuhi Syarat", "Masih Memenuhi Syarat", "Kurang Memenuhi Syarat"]


def test_unassessed_person_has_no_weighted_jpm() -> None:
    """A person with a requirement not assessed has no JPM, weighted or not."""
    cols = GapColumns(
        person=[0, 0],
        competency=[0, 1],
        required=[4, 4],
        importance=[1, 1],
        level=[2, math.nan],
        nips=NIPS[:1],
        competency_ids=["TK.ADM", "MJ.KOM"],
    )
    res = analyse_columns(
        cols,
        weighting=JPM_WEIGHTING_JFKK_2020,
        competency_types=["teknis", "manajerial"],
        tiers=[PositionTier.AHLI_MADYA],
    )
    assert math.isnan(res.jpm[0])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weighting": "jfkk"}, ValidationError, "'weighting' must be a JpmWeightingPolicy"),
        ({"competency_types": None}, ValidationError, "'competency_types' must be one competency"),
        ({"competency_types": "teknis"}, ValidationError, "'competency_types' must be one"),
        ({"competency_types": ["teknis"]}, ValidationError, "'competency_types' must be one"),
        (
            {"competency_types": ["teknis", "x"]},
            ValidationError,
            "'competency_types' must be one of",
        ),
        ({"tiers": None}, ValidationError, "'tiers' must be one tier or None per person"),
        ({"tiers": [None]}, ValidationError, "'tiers' must be one tier or None per person"),
        ({"tiers": [None, None, "kepala"]}, ValidationError, "'tiers' must be one of"),
        ({"tiers": [None, None, "pelaksana"]}, UnknownIdError, "unknown tier 'pelaksana'"),
    ],
)
def test_weighting_inputs_are_checked(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """Types per competency and tiers per person, of the right length and kind."""
    options: dict[str, object] = {
        "weighting": JPM_WEIGHTING_JFKK_2020,
        "competency_types": ["teknis", "manajerial"],
        "tiers": [None, None, None],
        **kwargs,
    }
    with pytest.raises(error, match=message):
        analyse_columns(_columns(), **options)  # type: ignore[arg-type]


@given(
    acst.frameworks(max_size=5).flatmap(
        lambda fw: st.tuples(
            st.just(fw),
            st.lists(
                acst.gap_reports(fw, with_target=False), max_size=5, unique_by=lambda r: r.nip
            ),
        )
    ),
    acst.jpm_weighting_policies(),
    st.data(),
)
def test_columnar_weighting_agrees_with_reports(
    case: tuple[CompetencyFramework, list[GapReport]],
    policy: JpmWeightingPolicy,
    data: st.DataObject,
) -> None:
    """Per person, the columnar weighted JPM equals analyse_gaps' bit for bit (or both none)."""
    fw, plain = case
    tiers = [data.draw(st.none() | st.sampled_from(sorted(policy.shares))) for _ in plain]
    reports = []
    for r, tier in zip(plain, tiers, strict=True):
        levels = {(r.nip, i.competency_id): i.current for i in r.items if i.current}
        reports.append(
            analyse_gaps(
                levels,
                _standard_of(r, fw),
                nip=r.nip,
                framework=fw,
                weighting=None if tier is None else policy,
                tier=tier,
            )
        )
    cols = GapColumns.from_reports(reports)
    res = analyse_columns(
        cols,
        weighting=policy,
        competency_types=[fw[c].type for c in cols.competency_ids],
        tiers=tiers,
    )
    for k, r in enumerate(reports):
        if r.jpm is None:
            assert math.isnan(res.jpm[k])
        else:
            assert float(res.jpm[k]) == r.jpm


def _standard_of(report: GapReport, fw: CompetencyFramework) -> PositionStandard:
    return PositionStandard(
        position_id=report.position_id,
        framework_id=fw.id,
        requirements=[
            Requirement(competency_id=i.competency_id, level=i.required, importance=i.importance)
            for i in report.items
        ],
    )


def test_columns_refuse_unsigned_beyond_int64_and_non_text_ids() -> None:
    """Unsigned indexes past 2**63 and a NIP that is not a text are named."""
    import numpy as np  # noqa: PLC0415

    with pytest.raises(ValidationError, match="'person' must be whole numbers within 64 bits"):
        GapColumns(
            person=np.array([2**63], dtype=np.uint64),
            competency=[0],
            required=[1],
            importance=[1],
            level=[1],
            nips=NIPS[:1],
            competency_ids=["MJ.KOM"],
        )
    with pytest.raises(ValidationError, match="'nips' must be texts"):
        GapColumns(
            person=[0],
            competency=[0],
            required=[1],
            importance=[1],
            level=[1],
            nips=[199107202019031004],  # type: ignore[list-item]
            competency_ids=["MJ.KOM"],
        )


def test_ids_may_be_text_subclasses() -> None:
    """A NIP held in a subclass of str (an enum's value, say) is a text."""

    class Text(str):
        pass

    cols = GapColumns(
        person=[0],
        competency=[0],
        required=[1],
        importance=[1],
        level=[1],
        nips=[Text(NIPS[0])],
        competency_ids=["MJ.KOM"],
    )
    assert cols.nips == (NIPS[0],)
