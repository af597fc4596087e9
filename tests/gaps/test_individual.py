import datetime as dt
import decimal
import math
import random

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    Assessment,
    Competency,
    CompetencyFramework,
    Employee,
    InvalidNipError,
    PositionStandard,
    PositionTier,
    ProficiencyLevel,
    ProficiencyScale,
    Requirement,
    UnknownIdError,
    ValidationError,
    combine_assessments,
    national_framework,
)
from asn_competency import strategies as acst
from asn_competency.domain.assessment import CurrentLevel
from asn_competency.gaps.columnar import GapColumns, analyse_columns
from asn_competency.gaps.individual import (
    GapItem,
    GapReport,
    GapStatus,
    analyse_gaps,
    analyse_population,
)
from asn_competency.policies import CombinationPolicy
from asn_competency.policies.jpm import (
    JPM_KKP_39_2023_OTHERS,
    JPM_KKP_39_2023_SENIOR,
    JPM_MAPPING_BKN,
    JPM_SELECTION_BKN,
    JPM_WEIGHTING_JFKK_2020,
    JpmPolicy,
)

W = JPM_WEIGHTING_JFKK_2020
NIP = "199107202019031004"
OTHER = "199503112020122005"
DAY = dt.date(2024, 3, 1)
FW = national_framework()


def _a(
    cid: str, level: int, nip: str = NIP, day: dt.date = DAY, source: str = "test"
) -> Assessment:
    return Assessment(nip=nip, competency_id=cid, level=level, assessed_on=day, source=source)


def _std(*reqs: tuple[str, int, float], position_id: str = "DUKCAPIL.FO") -> PositionStandard:
    return PositionStandard(
        position_id=position_id,
        framework_id=FW.id,
        requirements=[Requirement(competency_id=c, level=lv, importance=w) for c, lv, w in reqs],
    )


FRONT_OFFICE = _std(("MJ.PP", 3, 2.0), ("MJ.KOM", 2, 1.0), ("MJ.INT", 2, 1.0))


# --- worked cases -------------------------------------------------------------------------


def test_worked_case_with_one_competency_not_assessed() -> None:
    """PP 2 of 3 (importance 2), KOM 3 of 2, INT not assessed: numbers checked by hand."""
    r = analyse_gaps([_a("MJ.PP", 2), _a("MJ.KOM", 3)], FRONT_OFFICE, nip=NIP)
    assert [i.competency_id for i in r.items] == ["MJ.INT", "MJ.KOM", "MJ.PP"]
    assert [i.status for i in r.items] == [
        GapStatus.NOT_ASSESSED,
        GapStatus.EXCEEDS,
        GapStatus.BELOW,
    ]
    assert [i.gap for i in r.items] == [None, -1.0, 1.0]
    assert [i.shortfall for i in r.items] == [None, 0.0, 1.0]
    # Weighted gap over the two assessed items only: (2 * 1 + 1 * 0) / (2 + 1).
    assert r.weighted_gap == pytest.approx(2 / 3)
    # INT is not assessed, so there is no JPM and no category.
    assert (r.jpm, r.jpm_mapping, r.jpm_selection) == (None, None, None)
    assert r.not_assessed() == (r.item("MJ.INT"),)
    assert r.below() == (r.item("MJ.PP"),)
    assert r.item("MJ.PP").level == 2.0
    current = r.item("MJ.PP").current
    assert current is not None
    assert current.decisive[0].source.value == "test"
    assert r.item("MJ.INT").level is None
    assert (r.nip, r.position_id, r.framework_id) == (NIP, "DUKCAPIL.FO", FW.id)
    assert r.explain() == "JPM not computed: not assessed in MJ.INT"


def test_worked_case_all_assessed_gives_jpm_and_categories() -> None:
    """JPM = 100 * (min(2,3) + min(3,2) + min(2,2)) / (3 + 2 + 2) = 600 / 7 = 85.714..."""
    r = analyse_gaps([_a("MJ.PP", 2), _a("MJ.KOM", 3), _a("MJ.INT", 2)], FRONT_OFFICE, nip=NIP)
    assert r.jpm == pytest.approx(600 / 7)
    assert r.jpm_mapping == "Cukup Optimal"  # 78 <= 85.7 < 90
    assert r.jpm_selection == "Memenuhi Syarat"  # >= 80
    assert r.item("MJ.INT").status is GapStatus.MEETS
    # (2 * 1 + 1 * 0 + 1 * 0) / 4
    assert r.weighted_gap == pytest.approx(0.5)
    assert r.explain().startswith("JPM 85.71 = 100 * 6 / 7; Cukup Optimal under JPM-mapping-BKN")
    assert r.explain().endswith("below standard: MJ.PP")
    assert r.mapping_policy is JPM_MAPPING_BKN
    assert r.selection_policy is JPM_SELECTION_BKN


def test_surplus_does_not_raise_jpm_above_100() -> None:
    """Levels above the standard count as the standard: JPM caps at 100."""
    r = analyse_gaps([_a("MJ.PP", 5), _a("MJ.KOM", 5), _a("MJ.INT", 5)], FRONT_OFFICE, nip=NIP)
    assert r.jpm == 100.0
    assert r.weighted_gap == 0.0
    assert r.jpm_mapping == "Optimal"
    assert r.explain().endswith("below standard: none")


def test_target_position_gives_readiness() -> None:
    """The target analysis uses the same current levels against the target standard."""
    kasi = _std(("MJ.PP", 4, 1.0), ("MJ.KOM", 3, 1.0), position_id="DUKCAPIL.KASI")
    r = analyse_gaps([_a("MJ.PP", 3), _a("MJ.KOM", 3)], FRONT_OFFICE, nip=NIP, target=kasi)
    assert r.target is not None
    assert r.target.position_id == "DUKCAPIL.KASI"
    assert r.target.target is None
    # 100 * (3 + 3) / (4 + 3)
    assert r.target.jpm == pytest.approx(600 / 7)
    assert [i.status for i in r.target.items] == [GapStatus.MEETS, GapStatus.BELOW]
    # The current standard still misses MJ.INT.
    assert r.jpm is None


def test_combination_policy_is_used() -> None:
    """Highest-ever versus latest assessment give different current levels."""
    history = [_a("MJ.PP", 4, day=dt.date(2022, 1, 1)), _a("MJ.PP", 2, day=dt.date(2024, 1, 1))]
    std = _std(("MJ.PP", 3, 1.0))
    latest = analyse_gaps(history, std, nip=NIP)
    highest = analyse_gaps(history, std, nip=NIP, combination=CombinationPolicy(rule="highest"))
    assert latest.item("MJ.PP").status is GapStatus.BELOW
    assert highest.item("MJ.PP").status is GapStatus.EXCEEDS
    assert len(highest.item("MJ.PP").current.based_on) == 2  # type: ignore[union-attr]


def test_not_applicable_level_is_not_a_level() -> None:
    """An assessment at level 0 ('not applicable') leaves the competency not assessed."""
    scale = ProficiencyScale(
        levels=[ProficiencyLevel(number=n, label=f"L{n}") for n in (1, 2, 3)],
        not_applicable=ProficiencyLevel(number=0, label="n/a"),
    )
    fw = CompetencyFramework(
        id="tk",
        version="1",
        title="Teknis",
        competencies=[Competency(id="TK.ARSIP", name_id="Arsip", type="teknis", scale=scale)],
    )
    std = PositionStandard(
        position_id="ARSIP",
        framework_id="tk",
        requirements=[Requirement(competency_id="TK.ARSIP", level=2)],
    )
    r = analyse_gaps([_a("TK.ARSIP", 0)], std, nip=NIP, framework=fw)
    assert r.item("TK.ARSIP").status is GapStatus.NOT_ASSESSED
    assert r.weighted_gap is None
    people = [Employee(nip=NIP, name="Dedi", position_id="ARSIP")]
    (p,) = analyse_population(people, [_a("TK.ARSIP", 0)], {"ARSIP": std}, framework=fw)
    assert p == r


def test_zero_importance_everywhere_weighs_equally() -> None:
    """When every assessed requirement has importance 0 the weighted gap is the plain mean."""
    std = _std(("MJ.PP", 3, 0.0), ("MJ.KOM", 3, 0.0))
    r = analyse_gaps([_a("MJ.PP", 1), _a("MJ.KOM", 3)], std, nip=NIP)
    assert r.weighted_gap == 1.0  # (2 + 0) / 2


def test_zero_importance_item_does_not_count_when_others_weigh() -> None:
    """An importance-0 shortfall adds nothing when other requirements carry weight."""
    std = _std(("MJ.PP", 3, 0.0), ("MJ.KOM", 3, 1.0))
    r = analyse_gaps([_a("MJ.PP", 1), _a("MJ.KOM", 3)], std, nip=NIP)
    assert r.weighted_gap == 0.0


def test_other_peoples_assessments_are_ignored() -> None:
    """Assessments of another NIP neither fill nor change the person's report."""
    mine = [_a("MJ.PP", 2)]
    theirs = [_a("MJ.PP", 5, nip=OTHER), _a("MJ.KOM", 5, nip=OTHER)]
    alone = analyse_gaps(mine, FRONT_OFFICE, nip=NIP)
    assert analyse_gaps(mine + theirs, FRONT_OFFICE, nip=NIP) == alone
    assert alone.item("MJ.KOM").status is GapStatus.NOT_ASSESSED


def test_mapping_of_current_levels_gives_same_report() -> None:
    """Already-combined levels give the same report as the assessments."""
    raw = [_a("MJ.PP", 2), _a("MJ.KOM", 3), _a("MJ.PP", 5, nip=OTHER)]
    combined = combine_assessments(raw)
    by_assessments = analyse_gaps(raw, FRONT_OFFICE, nip=NIP, framework=FW)
    assert analyse_gaps(combined, FRONT_OFFICE, nip=NIP) == by_assessments
    assert analyse_gaps(combined, FRONT_OFFICE, nip=NIP, framework=FW) == by_assessments


def test_nip_is_normalised() -> None:
    """A NIP written with spaces finds the person's assessments."""
    r = analyse_gaps([_a("MJ.PP", 2)], FRONT_OFFICE, nip="19910720 201903 1 004")
    assert r.nip == NIP
    assert r.item("MJ.PP").level == 2.0


def test_to_dataframe_has_current_and_target_rows() -> None:
    """One row per item, then one per target item."""
    kasi = _std(("MJ.PP", 4, 1.0), position_id="KASI")
    r = analyse_gaps([_a("MJ.PP", 3)], FRONT_OFFICE, nip=NIP, target=kasi)
    df = r.to_dataframe()
    assert list(df["against"]) == ["current"] * 3 + ["target"]
    assert list(df["competency_id"]) == ["MJ.INT", "MJ.KOM", "MJ.PP", "MJ.PP"]
    assert list(df["status"]) == ["not_assessed", "not_assessed", "meets", "below"]
    assert df["rule"].iloc[2] == "latest"
    assert df["assessed_on"].iloc[2] == DAY


# --- JPM policies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "jpm", "label"),
    [
        (JPM_MAPPING_BKN, 100, "Optimal"),
        (JPM_MAPPING_BKN, 90, "Optimal"),
        (JPM_MAPPING_BKN, 89.99, "Cukup Optimal"),
        (JPM_MAPPING_BKN, 78, "Cukup Optimal"),
        (JPM_MAPPING_BKN, 77.99, "Kurang Optimal"),
        (JPM_MAPPING_BKN, 0, "Kurang Optimal"),
        (JPM_SELECTION_BKN, 80, "Memenuhi Syarat"),
        (JPM_SELECTION_BKN, 79.99, "Masih Memenuhi Syarat"),
        (JPM_SELECTION_BKN, 68, "Masih Memenuhi Syarat"),
        (JPM_SELECTION_BKN, 67.99, "Kurang Memenuhi Syarat"),
        (JPM_KKP_39_2023_SENIOR, 91, "Optimal"),
        (JPM_KKP_39_2023_SENIOR, 90.5, "Cukup Optimal"),
        (JPM_KKP_39_2023_SENIOR, 85, "Cukup Optimal"),
        (JPM_KKP_39_2023_SENIOR, 84.9, "Kurang Optimal"),
        (JPM_KKP_39_2023_OTHERS, 85, "Optimal"),
        (JPM_KKP_39_2023_OTHERS, 84.5, "Cukup Optimal"),
        (JPM_KKP_39_2023_OTHERS, 75, "Cukup Optimal"),
        (JPM_KKP_39_2023_OTHERS, 74.99, "Kurang Optimal"),
    ],
)
def test_jpm_categories_at_the_cut_offs(policy: JpmPolicy, jpm: float, label: str) -> None:
    """Each band includes its minimum; values between printed ranges fall to the lower band."""
    assert policy.category(jpm) == label


def test_decimals_round_before_comparing() -> None:
    """With decimals=0, 89.6 rounds to 90 and is Optimal."""
    rounded = attrs.evolve(JPM_MAPPING_BKN, decimals=0)
    assert JPM_MAPPING_BKN.category(89.6) == "Cukup Optimal"
    assert rounded.category(89.6) == "Optimal"


def test_bands_are_sorted_and_labels_listed() -> None:
    """Bands given in any order are kept from the highest minimum."""
    p = JpmPolicy(name="p", version="1", bands=[("low", 0), ("high", 50)])
    assert p.bands == (("high", 50.0), ("low", 0.0))
    assert p.labels == ("high", "low")


def test_replaced_policies_are_used_and_recorded() -> None:
    """Passing other policies changes the categories and is recorded in the report."""
    levels = [_a("MJ.PP", 3), _a("MJ.KOM", 2), _a("MJ.INT", 1)]  # JPM = 600/7 = 85.71
    r = analyse_gaps(
        levels,
        FRONT_OFFICE,
        nip=NIP,
        mapping_policy=JPM_KKP_39_2023_SENIOR,
        selection_policy=JPM_KKP_39_2023_OTHERS,
    )
    assert (r.jpm_mapping, r.jpm_selection) == ("Cukup Optimal", "Optimal")
    assert r.mapping_policy is JPM_KKP_39_2023_SENIOR


@pytest.mark.parametrize(
    ("kwargs", "field", "shown"),
    [
        ({"bands": []}, "bands", "()"),
        ({"bands": [("a", 0), ("a", 10)]}, "bands", "'a' appears twice"),
        ({"bands": [("a", 0), ("b", 0)]}, "bands", "[0.0, 0.0]"),
        ({"bands": [("a", 10)]}, "bands", "10.0"),
        ({"bands": [("a",)]}, "bands[0]", "('a',)"),
        ({"bands": [7]}, "bands[0]", "7"),
        ({"bands": [(" ", 0)]}, "bands[0].label", "' '"),
        ({"bands": [("a", "0")]}, "bands[0].minimum", "'0'"),
        ({"bands": [("a", float("nan"))]}, "bands[0].minimum", "nan"),
        ({"bands": [("a", 0)], "cap": 0}, "cap", "0"),
        ({"bands": [("a", 0), ("b", 90)], "cap": 50}, "cap", "50"),
        ({"bands": [("a", 0)], "decimals": 1.5}, "decimals", "1.5"),
        ({"bands": [("a", 0)], "decimals": -1}, "decimals", "-1"),
        ({"bands": [("a", 0)], "name": ""}, "name", "''"),
        ({"bands": None}, "bands", "None"),
        ({"bands": [("a", 0), ("b", 10**400)]}, "bands[1].minimum", "1000"),
        ({"bands": [("a", 0)], "cap": float("inf")}, "cap", "inf"),
    ],
)
def test_bad_jpm_policy_is_rejected(kwargs: dict[str, object], field: str, shown: str) -> None:
    """A policy with bad bands, cap or rounding names the field and the value."""
    args: dict[str, object] = {"name": "p", "version": "1", **kwargs}
    with pytest.raises(ValidationError) as exc:
        JpmPolicy(**args)  # type: ignore[arg-type]
    assert exc.value.field == field
    assert shown in str(exc.value)


@pytest.mark.parametrize("jpm", [-0.1, 100.01, float("nan"), "90", True])
def test_category_of_a_bad_jpm_is_rejected(jpm: object) -> None:
    """A JPM outside 0..100 or not a number is named in the error."""
    with pytest.raises(ValidationError, match=r"'jpm' must be a number in 0\.\.100"):
        JPM_MAPPING_BKN.category(jpm)  # type: ignore[arg-type]


# --- bad input --------------------------------------------------------------------------------


def test_standard_naming_unknown_competency() -> None:
    """With a framework, a standard naming a missing competency is an UnknownIdError naming it."""
    std = _std(("MJ.NOPE", 2, 1.0))
    with pytest.raises(UnknownIdError, match=r"MJ\.NOPE"):
        analyse_gaps([], std, nip=NIP, framework=FW)


def test_target_naming_unknown_competency() -> None:
    """The target standard is checked too."""
    with pytest.raises(UnknownIdError, match=r"MJ\.NOPE"):
        analyse_gaps([], FRONT_OFFICE, nip=NIP, framework=FW, target=_std(("MJ.NOPE", 2, 1.0)))


def test_required_level_off_the_scale() -> None:
    """A required level above the scale names the requirement's level field."""
    with pytest.raises(ValidationError, match=r"'requirements\[0\]\.level'.*\(got 6\)"):
        analyse_gaps([], _std(("MJ.PP", 6, 1.0)), nip=NIP, framework=FW)


def test_assessment_of_unknown_competency() -> None:
    """An assessment of a competency the framework lacks is an UnknownIdError naming it."""
    with pytest.raises(UnknownIdError, match=r"TK\.UNKNOWN"):
        analyse_gaps([_a("TK.UNKNOWN", 2)], FRONT_OFFICE, nip=NIP, framework=FW)


def test_assessed_level_off_the_scale() -> None:
    """An assessed level outside 1..5 is a ValidationError naming the field and value."""
    with pytest.raises(ValidationError, match=r"'levels\[1\]\.level' must be a level in 1\.\.5"):
        analyse_gaps([_a("MJ.PP", 2), _a("MJ.KOM", 7)], FRONT_OFFICE, nip=NIP, framework=FW)


def test_current_level_off_the_scale() -> None:
    """A combined level outside the scale is named by its key."""
    combined = combine_assessments([_a("MJ.PP", 7)])
    field = r"'levels\[199107202019031004, MJ\.PP\]\.level'"
    with pytest.raises(ValidationError, match=field + r" must be a level in 1\.\.5 \(got 7\.0\)"):
        analyse_gaps(combined, FRONT_OFFICE, nip=NIP, framework=FW)


@pytest.mark.parametrize("level", [float("nan"), -1.0, float("inf"), "2"])
def test_current_level_not_a_level_even_without_framework(level: object) -> None:
    """A NaN, negative, infinite or non-numeric combined level is rejected by its key."""
    cur = attrs.evolve(combine_assessments([_a("MJ.PP", 2)])[(NIP, "MJ.PP")], level=level)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"\.level' must be a finite number >= 0"):
        analyse_gaps({(NIP, "MJ.PP"): cur}, FRONT_OFFICE, nip=NIP)


def test_current_level_under_wrong_key() -> None:
    """A CurrentLevel filed under another competency's key is rejected."""
    cur = combine_assessments([_a("MJ.KOM", 2)])[(NIP, "MJ.KOM")]
    with pytest.raises(ValidationError, match="competency_id"):
        analyse_gaps({(NIP, "MJ.PP"): cur}, FRONT_OFFICE, nip=NIP)


@pytest.mark.parametrize(
    ("levels", "match"),
    [
        ({(NIP, "MJ.PP"): 3}, "a CurrentLevel"),
        ({"MJ.PP": None}, "keys \\(nip, competency_id\\)"),
    ],
)
def test_malformed_level_mapping(levels: object, match: str) -> None:
    """Mappings must hold CurrentLevel objects under (nip, competency_id) keys."""
    with pytest.raises(ValidationError, match=match):
        analyse_gaps(levels, FRONT_OFFICE, nip=NIP, framework=FW)  # type: ignore[arg-type]


def test_non_assessment_in_levels() -> None:
    """Something other than an Assessment in the list is named by its index."""
    with pytest.raises(ValidationError, match=r"'levels\[1\]' must be an Assessment"):
        analyse_gaps([_a("MJ.PP", 2), 3], FRONT_OFFICE, nip=NIP)  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"mapping_policy": "Optimal"}, "mapping_policy"),
        ({"selection_policy": None}, "selection_policy"),
        ({"target": "KASI"}, "target"),
    ],
)
def test_bad_options(kwargs: dict[str, object], field: str) -> None:
    """Wrong option types are named."""
    with pytest.raises(ValidationError, match=f"'{field}'"):
        analyse_gaps([], FRONT_OFFICE, nip=NIP, **kwargs)  # type: ignore[arg-type]


def test_bad_standard_and_nip() -> None:
    """A non-standard and a malformed NIP are rejected."""
    with pytest.raises(ValidationError, match="'standard' must be a PositionStandard"):
        analyse_gaps([], "DUKCAPIL.FO", nip=NIP)  # type: ignore[arg-type]
    with pytest.raises(InvalidNipError, match="'nip'"):
        analyse_gaps([], FRONT_OFFICE, nip="123")


def test_gap_item_checks_its_status() -> None:
    """A GapItem whose status disagrees with its levels is rejected."""
    cur = combine_assessments([_a("MJ.PP", 2)])[(NIP, "MJ.PP")]
    with pytest.raises(ValidationError, match="'status' must be 'below' \\(got 'meets'\\)"):
        GapItem(competency_id="MJ.PP", required=3, importance=1, current=cur, status="meets")
    with pytest.raises(ValidationError, match=r"current\.competency_id"):
        GapItem(competency_id="MJ.KOM", required=3, importance=1, current=cur, status="below")
    with pytest.raises(ValidationError, match="'status' must be one of"):
        GapItem(competency_id="MJ.PP", required=3, importance=1, current=None, status="gone")


def test_report_item_of_unknown_competency() -> None:
    """Asking a report for a competency outside the standard names it."""
    r = analyse_gaps([], FRONT_OFFICE, nip=NIP)
    with pytest.raises(UnknownIdError, match=r"MJ\.OP"):
        r.item("MJ.OP")


# --- population -------------------------------------------------------------------------------

PEOPLE = [
    Employee(nip=OTHER, name="Sari", position_id="DUKCAPIL.FO"),
    Employee(nip=NIP, name="Dedi", position_id="DUKCAPIL.FO"),
]


def test_population_streams_sorted_reports_equal_to_single_ones() -> None:
    """Reports come in NIP order and equal analyse_gaps for each person."""
    levels = [_a("MJ.PP", 2, nip=OTHER), _a("MJ.PP", 3), _a("MJ.KOM", 1, nip=OTHER)]
    reports = list(analyse_population(PEOPLE, levels, {"DUKCAPIL.FO": FRONT_OFFICE}, framework=FW))
    assert [r.nip for r in reports] == sorted([NIP, OTHER])
    for r in reports:
        assert r == analyse_gaps(levels, FRONT_OFFICE, nip=r.nip)


def test_population_from_current_levels_and_callables() -> None:
    """Combined levels, a standard function and a target function work together."""
    raw = [_a("MJ.PP", 2, nip=OTHER), _a("MJ.PP", 3)]
    kasi = _std(("MJ.PP", 4, 1.0), position_id="KASI")
    reports = list(
        analyse_population(
            PEOPLE,
            combine_assessments(raw),
            lambda e: FRONT_OFFICE,
            framework=FW,
            targets=lambda e: kasi if e.nip == NIP else None,
        )
    )
    assert reports[0].target is not None
    assert reports[0].target.position_id == "KASI"
    assert reports[1].target is None
    assert reports[0] == analyse_gaps(raw, FRONT_OFFICE, nip=NIP, target=kasi)


def test_population_rejects_assessment_of_unknown_person() -> None:
    """An assessment of someone not among the employees names the NIP, before any report."""
    stranger = "198001012005011001"
    with pytest.raises(UnknownIdError, match=stranger):
        analyse_population(PEOPLE, [_a("MJ.PP", 2, nip=stranger)], {"DUKCAPIL.FO": FRONT_OFFICE})
    levels = combine_assessments([_a("MJ.PP", 2, nip=stranger)])
    with pytest.raises(UnknownIdError, match=stranger):
        analyse_population(PEOPLE, levels, {"DUKCAPIL.FO": FRONT_OFFICE})


def test_population_bad_inputs() -> None:
    """Repeated NIPs, missing standards, non-standards and bad rows are named."""
    std = {"DUKCAPIL.FO": FRONT_OFFICE}
    with pytest.raises(ValidationError, match="appears twice"):
        analyse_population([*PEOPLE, PEOPLE[0]], [], std)
    with pytest.raises(ValidationError, match=r"'employees\[0\]' must be an Employee"):
        analyse_population(["x"], [], std)  # type: ignore[list-item]
    with pytest.raises(UnknownIdError, match=r"unknown position 'DUKCAPIL\.FO'"):
        analyse_population(PEOPLE, [], {})
    with pytest.raises(ValidationError, match=r"'standards\(199107202019031004\)'"):
        analyse_population(PEOPLE, [], lambda e: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(ValidationError, match=r"'assessments\[0\]' must be an Assessment"):
        analyse_population(PEOPLE, [None], std)  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"'assessments\[0\]\.level'"):
        analyse_population(PEOPLE, [_a("MJ.PP", 9)], std, framework=FW)
    with pytest.raises(UnknownIdError, match=r"MJ\.NOPE"):
        analyse_population(PEOPLE, [], {"DUKCAPIL.FO": _std(("MJ.NOPE", 1, 1))}, framework=FW)
    bad = combine_assessments([_a("MJ.PP", 9)])
    field = r"'assessments\[199107202019031004, MJ\.PP\]\.level'"
    with pytest.raises(ValidationError, match=field + r" must be a level in 1\.\.5"):
        analyse_population(PEOPLE, bad, std, framework=FW)
    with pytest.raises(ValidationError, match="'assessments' must be keys"):
        analyse_population(PEOPLE, {"x": None}, std)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'mapping_policy'"):
        analyse_population(PEOPLE, [], std, mapping_policy=None)  # type: ignore[arg-type]


def test_population_keyword_names() -> None:
    """The agreed keyword names work: employees, assessments, standards."""
    reports = analyse_population(
        employees=PEOPLE, assessments=[_a("MJ.PP", 3)], standards={"DUKCAPIL.FO": FRONT_OFFICE}
    )
    assert [r.nip for r in reports] == sorted([NIP, OTHER])


def test_population_of_nobody_is_empty() -> None:
    """No employees, no reports."""
    assert list(analyse_population([], [], {})) == []


# --- properties -------------------------------------------------------------------------------


@given(acst.frameworks(max_size=5).flatmap(lambda fw: st.tuples(st.just(fw), acst.gap_reports(fw))))
def test_gap_report_bounds(case: tuple[CompetencyFramework, GapReport]) -> None:
    """|gap| <= scale max - min; 0 <= JPM <= 100; weighted gap in 0..max - min; consistent."""
    fw, report = case
    for r in (report, report.target):
        if r is None:
            continue
        assert [i.competency_id for i in r.items] == sorted(i.competency_id for i in r.items)
        spread = 0
        for i in r.items:
            scale = fw[i.competency_id].scale
            spread = max(spread, scale.maximum - scale.minimum)
            if i.gap is None:
                assert i.status is GapStatus.NOT_ASSESSED
                assert i.shortfall is None
            else:
                assert abs(i.gap) <= scale.maximum - scale.minimum
                assert i.shortfall is not None
                assert 0 <= i.shortfall <= i.required - 1
        if r.weighted_gap is None:
            assert all(i.status is GapStatus.NOT_ASSESSED for i in r.items)
        else:
            assert 0.0 <= r.weighted_gap <= spread + 1e-9
            assert type(r.weighted_gap) is float
        if r.not_assessed():
            assert r.jpm is None
            assert r.jpm_mapping is None
        else:
            assert r.jpm is not None
            assert 0.0 <= r.jpm <= 100.0
            assert type(r.jpm) is float
            assert r.jpm_mapping in r.mapping_policy.labels
            assert r.jpm_selection in r.selection_policy.labels
            assert (r.jpm == 100.0) == (not r.below())


@given(
    acst.frameworks(max_size=5).flatmap(
        lambda fw: st.tuples(
            acst.standards(fw), st.lists(acst.assessments(fw, nip=st.just(NIP)), max_size=10)
        )
    ),
    st.randoms(use_true_random=False),
)
def test_order_does_not_matter(
    case: tuple[PositionStandard, list[Assessment]], rnd: random.Random
) -> None:
    """The same assessments in any order give the same report."""
    std, levels = case
    shuffled = list(levels)
    rnd.shuffle(shuffled)
    assert analyse_gaps(levels, std, nip=NIP) == analyse_gaps(shuffled, std, nip=NIP)


def _half_up(value: float, decimals: int) -> float:
    """Round as printed, halves up (the oracle for JpmPolicy.decimals)."""
    step = decimal.Decimal(1).scaleb(-decimals)
    return float(decimal.Decimal(repr(value)).quantize(step, rounding=decimal.ROUND_HALF_UP))


@given(acst.jpm_policies(), st.floats(0, 100))
def test_every_jpm_has_exactly_the_band_it_reaches(policy: JpmPolicy, jpm: float) -> None:
    """The category is the band with the largest minimum not above the (rounded) JPM."""
    label = policy.category(jpm)
    value = jpm if policy.decimals is None else _half_up(jpm, policy.decimals)
    reached = [m for _, m in policy.bands if value >= m]
    assert dict(policy.bands)[label] == max(reached)


# --- columnar path ----------------------------------------------------------------------------


def _same(a: float | None, b: float) -> bool:
    return math.isnan(b) if a is None else b == pytest.approx(a, abs=1e-9)


@given(
    acst.frameworks(max_size=5).flatmap(
        lambda fw: st.lists(acst.gap_reports(fw, with_target=False), max_size=6)
    ),
    acst.jpm_policies(),
)
def test_columnar_path_agrees_with_reports(reports: list[GapReport], policy: JpmPolicy) -> None:
    """analyse_columns gives each report's weighted gap, JPM, counts and categories."""
    reports = [attrs.evolve(r, nip=f"199001012015031{k + 1:03d}") for k, r in enumerate(reports)]
    res = analyse_columns(GapColumns.from_reports(reports), mapping_policy=policy)
    assert res.nips == tuple(r.nip for r in reports)
    for k, r in enumerate(reports):
        assert _same(r.weighted_gap, float(res.weighted_gap[k]))
        assert _same(r.jpm, float(res.jpm[k]))
        assert int(res.assessed[k]) == len(r.items) - len(r.not_assessed())
        assert int(res.not_assessed[k]) == len(r.not_assessed())
        assert int(res.below[k]) == len(r.below())
        if r.jpm is None:
            assert int(res.mapping[k]) == int(res.selection[k]) == -1
        else:
            assert policy.labels[int(res.mapping[k])] == policy.category(r.jpm)
            assert JPM_SELECTION_BKN.labels[int(res.selection[k])] == r.jpm_selection


def test_columnar_worked_case_and_dataframe() -> None:
    """The worked case of the report path, in columns: JPM 600/7 and weighted gap 0.5."""
    r = analyse_gaps([_a("MJ.PP", 2), _a("MJ.KOM", 3), _a("MJ.INT", 2)], FRONT_OFFICE, nip=NIP)
    empty = analyse_gaps([], FRONT_OFFICE, nip=OTHER)
    res = analyse_columns(GapColumns.from_reports([r, empty]))
    df = res.to_dataframe()
    assert df["jpm"].iloc[0] == pytest.approx(600 / 7)
    assert df["weighted_gap"].iloc[0] == pytest.approx(0.5)
    assert df["jpm_mapping"].iloc[0] == "Cukup Optimal"
    assert df["jpm_selection"].iloc[0] == "Memenuhi Syarat"
    assert df["jpm_mapping"].isna().tolist() == [False, True]
    assert math.isnan(df["weighted_gap"].iloc[1])
    assert df["not_assessed"].tolist() == [0, 3]


def test_columns_of_nobody() -> None:
    """Empty columns give empty results."""
    res = analyse_columns(GapColumns.from_reports([]))
    assert res.nips == ()
    assert len(res.jpm) == 0


_COLS: dict[str, object] = {
    "person": [0, 0],
    "competency": [0, 1],
    "required": [3, 2],
    "importance": [1.0, 1.0],
    "level": [2.0, float("nan")],
    "nips": [NIP],
    "competency_ids": ["MJ.PP", "MJ.KOM"],
}


@pytest.mark.parametrize(
    ("change", "field", "shown"),
    [
        ({"required": [3]}, "required", "1"),
        ({"person": [0, 1]}, "person", "1"),
        ({"person": [-1, 0]}, "person", "-1"),
        ({"competency": [0, 2]}, "competency", "2"),
        ({"required": [0, 2]}, "required", "0"),
        ({"importance": [1.0, -1.0]}, "importance", "-1.0"),
        ({"importance": [1.0, float("inf")]}, "importance", "inf"),
        ({"level": [2.0, -1.0]}, "level", "-1.0"),
        ({"level": [float("inf"), 1.0]}, "level", "inf"),
        ({"competency": [0, 0]}, "rows", "a repeated pair"),
        ({"group": [0, 0], "group_keys": [("A",)]}, "group", "2"),
        ({"group": [1], "group_keys": [("A",)]}, "group", "1"),
    ],
)
def test_bad_columns(change: dict[str, object], field: str, shown: str) -> None:
    """Mismatched lengths, out-of-range indexes and values, and repeated rows are named."""
    with pytest.raises(ValidationError) as exc:
        GapColumns(**{**_COLS, **change})  # type: ignore[arg-type]
    assert exc.value.field == field
    assert shown in str(exc.value)


def test_analyse_columns_checks_policies() -> None:
    """A policy of the wrong type is named."""
    cols = GapColumns(**_COLS)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'selection_policy'"):
        analyse_columns(cols, selection_policy="x")  # type: ignore[arg-type]


@given(
    acst.frameworks(max_size=5).flatmap(
        lambda fw: st.tuples(
            acst.standards(fw),
            acst.standards(fw),
            st.lists(acst.assessments(fw, nip=st.just(NIP)), max_size=10),
        )
    )
)
def test_target_report_is_the_analysis_against_the_target(
    case: tuple[PositionStandard, PositionStandard, list[Assessment]],
) -> None:
    """Readiness equals a plain analysis against the target standard."""
    std, target, levels = case
    r = analyse_gaps(levels, std, nip=NIP, target=target)
    assert r.target == analyse_gaps(levels, target, nip=NIP)
    assert attrs.evolve(r, target=None) == analyse_gaps(levels, std, nip=NIP)


# --- regressions -----------------------------------------------------------------------------


def test_empty_standard_has_no_jpm() -> None:
    """A standard without requirements raised ZeroDivisionError; now no JPM, as in columns."""
    empty = PositionStandard(position_id="KOSONG", framework_id="asn-national", requirements=[])
    r = analyse_gaps([], empty, nip=NIP)
    assert (r.items, r.weighted_gap, r.jpm, r.jpm_mapping) == ((), None, None, None)
    res = analyse_columns(GapColumns.from_reports([r]))
    assert math.isnan(float(res.jpm[0]))


def _at(competency_id: str, level: float) -> CurrentLevel:
    """A current level of NIP, set to any (non-whole) value."""
    combined = combine_assessments([_a(competency_id, 1)])[(NIP, competency_id)]
    return attrs.evolve(combined, level=level)


@pytest.mark.parametrize(
    ("importance", "levels", "expected"),
    [
        # Shortfalls 3 - 1 = 2 and 2 - 0.5 = 1.5, equal weights 1e308: mean 1.75.
        # The float sums overflowed to inf and the mean came out NaN.
        (1e308, {"MJ.PP": 1.0, "MJ.KOM": 0.5}, 1.75),
        # One shortfall of 0.5 with weight 5e-324: the product underflowed to 0.
        (5e-324, {"MJ.PP": 2.5}, 0.5),
    ],
)
def test_weighted_gap_with_extreme_importance(
    importance: float, levels: dict[str, float], expected: float
) -> None:
    """Importances near the float limits still give the weighted mean shortfall."""
    std = PositionStandard(
        position_id="X",
        framework_id="asn-national",
        requirements=[
            Requirement(competency_id=c, level=3 if c == "MJ.PP" else 2, importance=importance)
            for c in levels
        ],
    )
    current = {(NIP, c): _at(c, lv) for c, lv in levels.items()}
    r = analyse_gaps(current, std, nip=NIP)
    assert r.weighted_gap == expected
    res = analyse_columns(GapColumns.from_reports([r]))  # no overflow warning either
    assert float(res.weighted_gap[0]) == expected


def test_jpm_rounds_half_up_as_printed_on_both_paths() -> None:
    """JPM 1387/2000 = 69.35 rounds to 69.4 with decimals=1, in reports and in columns.

    ``round`` gave 69.3 (the float is 69.34999...) while ``np.round`` gave 69.4,
    so the two paths put the same person in different categories.
    """
    policy = JpmPolicy(name="p", version="1", bands=[("H", 69.4), ("L", 0)], decimals=1)
    assert 1387 * 100.0 / 2000 == 69.35
    assert policy.category(69.35) == "H"
    cols = GapColumns(
        person=[0],
        competency=[0],
        required=[2000],
        importance=[1],
        level=[1387],
        nips=[NIP],
        competency_ids=["MJ.PP"],
    )
    res = analyse_columns(cols, mapping_policy=policy)
    assert float(res.jpm[0]) == 69.35
    assert policy.labels[int(res.mapping[0])] == "H"
    # With decimals=0 a JPM of 90.5 reaches 91 (half to even kept it at 90).
    assert attrs.evolve(JPM_KKP_39_2023_SENIOR, decimals=0).category(90.5) == "Optimal"


@pytest.mark.parametrize(
    ("change", "field", "shown"),
    [
        ({"person": [0.5, 0]}, "person", "0.5"),  # was truncated to person 0
        ({"required": [2.7, 2]}, "required", "2.7"),  # was truncated to 2
        ({"required": [float("nan"), 2]}, "required", "nan"),
        ({"required": ["3", 2]}, "required", "'3'"),
        ({"required": [True, True]}, "required", "True"),
        ({"required": [2**70, 2]}, "required", str(2**70)),
        ({"level": [10**400, 1]}, "level", "within the float range"),
        ({"level": [None, 1]}, "level", "None"),
        ({"importance": ["x", 1]}, "importance", "'x'"),
        ({"person": [[0], [0, 1]]}, "person", "a column of numbers"),
        ({"nips": NIP}, "nips", "a sequence of texts"),
        ({"nips": [7]}, "nips", "7"),
        ({"group": [0], "group_keys": None}, "group_keys", "None"),
        ({"nips": [NIP, NIP], "person": [0, 1]}, "nips", "appears twice"),
        ({"competency_ids": ["MJ.PP", "MJ.PP"]}, "competency_ids", "appears twice"),
        ({"group": [0], "group_keys": ["Pelayanan"]}, "group_keys", "'Pelayanan'"),
    ],
)
def test_columns_refuse_what_is_not_a_number(
    change: dict[str, object], field: str, shown: str
) -> None:
    """Texts, booleans and fractions in whole-number columns, repeated NIPs are named."""
    with pytest.raises(ValidationError) as exc:
        GapColumns(**{**_COLS, **change})  # type: ignore[arg-type]
    assert exc.value.field == field
    assert shown in str(exc.value)


def test_whole_floats_and_unsigned_columns_are_accepted() -> None:
    """2.0 is a whole number, and unsigned NumPy columns are read as they are."""
    cols = GapColumns(**{**_COLS, "required": np.array([3, 2], dtype=np.uint8)})  # type: ignore[arg-type]
    assert cols.required.tolist() == [3, 2]
    assert GapColumns(**{**_COLS, "required": [3.0, 2.0]}).required.tolist() == [3, 2]  # type: ignore[arg-type]


def test_missing_levels_or_standards_are_named() -> None:
    """None for levels, or standards that are neither a mapping nor a function, are named."""
    with pytest.raises(ValidationError, match="'levels'"):
        analyse_gaps(None, FRONT_OFFICE, nip=NIP)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'assessments'"):
        analyse_population([], None, {})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'standards'"):
        analyse_population([], [], "FO")  # type: ignore[arg-type]


def test_group_keys_from_a_function() -> None:
    """A list key is used as a tuple (it raised 'unhashable'); a bare text is named."""
    r = analyse_gaps([], FRONT_OFFICE, nip=NIP)
    cols = GapColumns.from_reports([r], group_of=lambda n: ["Disdukcapil", "Pelayanan"])  # type: ignore[arg-type,return-value]
    assert cols.group_keys == (("Disdukcapil", "Pelayanan"),)
    with pytest.raises(ValidationError, match=rf"'group_of\({NIP}\)'"):
        GapColumns.from_reports([r], group_of=lambda n: "Pelayanan")  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(
    ("field", "value"),
    [("competency_id", 5), ("competency_id", "bad id"), ("required", True), ("importance", -1.0)],
)
def test_gap_item_fields_are_checked_on_every_path(field: str, value: object) -> None:
    """The quick checks of a gap item fall back to the full ones and name the field."""
    kw: dict[str, object] = {
        "competency_id": "MJ.KOM",
        "required": 3,
        "importance": 1.0,
        "current": None,
        "status": "not_assessed",
    }
    kw[field] = value
    with pytest.raises(ValidationError, match=f"'{field}'"):
        GapItem(**kw)  # type: ignore[arg-type]


def test_assessor_of_a_text_subclass_is_combined_like_a_text() -> None:
    """An assessor given as a subclass of str takes the full check and is combined as usual."""

    class Name(str):
        pass

    nip = "199107202019031004"
    a = Assessment(
        nip=nip,
        competency_id="MJ.KOM",
        level=2,
        assessed_on=dt.date(2024, 1, 2),
        assessor=Name("A"),
    )
    assert combine_assessments([a])[(nip, "MJ.KOM")].level == 2.0


def test_memory_of_checked_ids_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its limit the memory of checked competency ids is emptied; the check still holds."""
    from asn_competency.gaps import individual  # noqa: PLC0415

    monkeypatch.setattr(individual, "_SEEN_LIMIT", 1)
    monkeypatch.setattr(individual, "_IDS", set())
    for cid in ("MJ.A1", "MJ.A2"):
        item = GapItem(
            competency_id=cid, required=3, importance=1.0, current=None, status="not_assessed"
        )
        assert item.competency_id == cid
    assert len(individual._IDS) == 1


# --- JPM weighted by competency type (JFKK) -------------------------------------------------


_TECHNICAL = CompetencyFramework(
    id="teknis",
    version="1",
    title="Teknis",
    competencies=[
        Competency(id="TK.ADM", name_id="Administrasi kependudukan", type="teknis"),
        Competency(id="TK.ARSIP", name_id="Kearsipan", type="teknis"),
    ],
)
FW_T = FW.merge(_TECHNICAL, id="dukcapil")
JF_STD = PositionStandard(
    position_id="JF.ADMINDUK",
    framework_id="dukcapil",
    requirements=[
        Requirement(competency_id="TK.ADM", level=4),
        Requirement(competency_id="MJ.KOM", level=4, importance=3),
    ],
)
JF_LEVELS = [_a("TK.ADM", 2), _a("MJ.KOM", 4)]


@pytest.mark.parametrize(
    ("tier", "jpm", "selection"),
    [
        ("ahli_pertama", 70.0, "Masih Memenuhi Syarat"),
        ("ahli_muda", 75.0, "Masih Memenuhi Syarat"),
        ("ahli_madya", 80.0, "Memenuhi Syarat"),
    ],
)
def test_jfkk_weighting_in_the_gap_report(tier: str, jpm: float, selection: str) -> None:
    """Technical 2 of 4 and managerial 4 of 4: plain JPM 75, JFKK 70 / 75 / 80 by level.

    The managerial requirement's importance (3) plays no part: the JPM counts levels.
    """
    plain = analyse_gaps(JF_LEVELS, JF_STD, nip=NIP, framework=FW_T)
    assert (plain.jpm, plain.weighting, plain.tier) == (75.0, None, None)
    r = analyse_gaps(JF_LEVELS, JF_STD, nip=NIP, framework=FW_T, weighting=W, tier=tier)
    assert (r.jpm, r.jpm_selection) == (jpm, selection)
    assert (r.weighting, r.tier) == (W, PositionTier(tier))
    assert r.weighted_gap == plain.weighted_gap  # the gap itself is not reweighted
    share_t, share_o = W.shares_for(tier)
    assert f"= {share_t:g} % of the technical match + {share_o:g} %" in r.explain()


def test_jfkk_weighting_of_the_target() -> None:
    """The target report is weighted by the target's tier."""
    r = analyse_gaps(
        JF_LEVELS,
        JF_STD,
        nip=NIP,
        framework=FW_T,
        target=JF_STD,
        weighting=W,
        tier="ahli_pertama",
        target_tier="ahli_madya",
    )
    assert r.jpm == 70.0
    assert r.target is not None
    assert (r.target.jpm, r.target.tier) == (80.0, PositionTier.AHLI_MADYA)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weighting": "jfkk", "tier": "ahli_madya"}, ValidationError, "'weighting' must be"),
        ({"weighting": W, "tier": "ahli_madya", "framework": None}, ValidationError, "'framework'"),
        ({"weighting": W}, ValidationError, "'tier' must be the position's tier"),
        ({"weighting": W, "tier": "kepala"}, ValidationError, "'tier' must be one of"),
        ({"weighting": W, "tier": "pelaksana"}, UnknownIdError, "unknown tier 'pelaksana'"),
        (
            {"weighting": W, "tier": "ahli_madya", "target": JF_STD},
            ValidationError,
            "'target_tier' must be",
        ),
    ],
)
def test_weighting_options_are_checked(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    """A weighting needs a framework and a tier it covers (and a target tier for a target)."""
    options: dict[str, object] = {"framework": FW_T, **kwargs}
    with pytest.raises(error, match=message):
        analyse_gaps(JF_LEVELS, JF_STD, nip=NIP, **options)  # type: ignore[arg-type]


@given(
    acst.frameworks(max_size=5).flatmap(
        lambda fw: st.tuples(st.just(fw), acst.gap_reports(fw, with_target=False))
    )
)
def test_weighted_jpm_is_the_policy_formula(case: tuple[CompetencyFramework, GapReport]) -> None:
    """The report's weighted JPM is JpmWeightingPolicy.jpm of its items, within 0..100."""
    fw, plain = case
    std = PositionStandard(
        position_id=plain.position_id,
        framework_id=fw.id,
        requirements=[
            Requirement(competency_id=i.competency_id, level=i.required) for i in plain.items
        ],
    )
    levels = {(plain.nip, i.competency_id): i.current for i in plain.items if i.current is not None}
    r = analyse_gaps(levels, std, nip=plain.nip, framework=fw, weighting=W, tier="ahli_muda")
    if plain.jpm is None:
        assert r.jpm is None
        return
    rows = [
        (fw[i.competency_id].type, min(i.level or 0.0, i.required), i.required) for i in r.items
    ]
    assert r.jpm == W.jpm("ahli_muda", rows)
    assert r.jpm is not None
    assert 0 <= r.jpm <= 100
