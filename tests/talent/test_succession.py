"""Succession for key positions: a small office worked by hand, oracles and bad inputs."""

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    Assessment,
    Competency,
    CompetencyFramework,
    Employee,
    Position,
    PositionStandard,
    Requirement,
    UnknownIdError,
    ValidationError,
    national_framework,
)
from asn_competency import strategies as acst
from asn_competency.domain.records import Sanction
from asn_competency.gaps.individual import analyse_gaps
from asn_competency.gaps.levels import combine_assessments
from asn_competency.policies.jpm import JPM_WEIGHTING_JFKK_2020
from asn_competency.policies.succession import SUCCESSION_DEFAULT, Readiness, SuccessionPolicy
from asn_competency.talent.eligibility import SuccessionRule, check_candidate
from asn_competency.talent.nine_box import TalentBox, talent_box
from asn_competency.talent.succession import (
    Move,
    RemainingGap,
    SuccessionTable,
    plan_succession,
)

AS_OF = dt.date(2025, 7, 1)
AGENCY = "Disdukcapil"
AGUS, RINA, BAMBANG, DEWI, FAJAR, INTAN, SARI = (
    "197805102003121001",
    "198602142010012003",
    "198011112006041012",
    "198907072014022013",
    "199202282017011014",
    "199410102019032015",
    "199503112020122005",
)


def _person(
    nip: str, name: str, tier: str, golongan: str, since: int, *, position_id: str = ""
) -> Employee:
    return Employee(
        nip=nip,
        name=name,
        agency=AGENCY,
        unit="PIAK" if nip in (RINA, DEWI) else "Pendaftaran",
        tier=tier,
        golongan=golongan,
        position_since=dt.date(since, 1, 2),
        position_id=position_id,
    )


STAFF = [
    _person(AGUS, "Agus Santoso", "administrator", "IV/a", 2015, position_id="KABID.DAFDUK"),
    _person(RINA, "Rina Marlina", "pengawas", "III/d", 2019),
    _person(BAMBANG, "Bambang Setiawan", "pengawas", "III/c", 2018),
    _person(DEWI, "Dewi Lestari", "pengawas", "III/b", 2017),
    _person(FAJAR, "Fajar Nugroho", "pelaksana", "III/b", 2016),
    _person(INTAN, "Intan Permata", "pelaksana", "III/b", 2019),
    _person(SARI, "Sari Wulandari", "pelaksana", "III/b", 2020),
]
BOXES = {
    AGUS: talent_box("above", "high"),  # 9
    RINA: talent_box("above", "high"),  # 9
    BAMBANG: talent_box("meets", "high"),  # 8
    DEWI: talent_box("above", "high"),  # 9
    FAJAR: talent_box("above", "middle"),  # 7
    INTAN: talent_box("meets", "middle"),  # 5
    SARI: talent_box("meets", "high"),  # 8
}
SANCTIONS = {SARI: Sanction.SEDANG}
LEVELS: dict[tuple[str, str], float] = {
    (nip, cid): float(level)
    for nip, row in {
        AGUS: {"MJ.KOM": 4, "MJ.PP": 4, "MJ.INT": 4},
        RINA: {"MJ.KOM": 3, "MJ.PP": 3, "MJ.INT": 3, "MJ.PK": 1},
        BAMBANG: {"MJ.KOM": 3, "MJ.PP": 2, "MJ.INT": 3, "MJ.PK": 2},
        DEWI: {"MJ.KOM": 2, "MJ.PP": 2},
        FAJAR: {"MJ.KOM": 2, "MJ.PP": 1},
        INTAN: {"MJ.KOM": 3, "MJ.PP": 3},
        SARI: {"MJ.KOM": 3, "MJ.PP": 3},
    }.items()
    for cid, level in row.items()
}


def _std(pid: str, **levels: int) -> PositionStandard:
    return PositionStandard(
        position_id=pid,
        framework_id="asn-national",
        requirements=[Requirement(competency_id=f"MJ.{c}", level=lv) for c, lv in levels.items()],
    )


KEYS = [
    Position(
        id="KABID.DAFDUK",
        title="Kepala Bidang Pendaftaran Penduduk",
        tier="administrator",
        agency=AGENCY,
        unit="Pendaftaran",
    ),
    Position(
        id="KABID.PIAK",
        title="Kepala Bidang Pengelolaan Informasi",
        tier="administrator",
        agency=AGENCY,
        unit="PIAK",
    ),
    Position(
        id="KASI.DATA", title="Kepala Seksi Data", tier="pengawas", agency=AGENCY, unit="PIAK"
    ),
]
STANDARDS = {
    "KABID.DAFDUK": _std("KABID.DAFDUK", KOM=3, PP=3, INT=3),
    "KABID.PIAK": _std("KABID.PIAK", KOM=3, PP=3, PK=4),
    "KASI.DATA": _std("KASI.DATA", KOM=2, PP=2),
}


def _table(**kwargs: Any) -> SuccessionTable:
    options: dict[str, Any] = {
        "standards": STANDARDS,
        "as_of": AS_OF,
        "placements": BOXES,
        "sanctions": SANCTIONS,
        **kwargs,
    }
    return plan_succession(KEYS, STAFF, LEVELS, **options)


def _ranked(table: SuccessionTable, pid: str) -> list[tuple[str, str, float | None]]:
    return [(c.nip, c.readiness.value, c.jpm) for c in table.position(pid).candidates]


# --- the small office, by hand ----------------------------------------------------------------


def test_head_of_registration_has_two_ready_successors() -> None:
    """KABID.DAFDUK (KOM 3, PP 3, INT 3; administrator; feeders administrator, pengawas).

    Agus holds it (excluded); Dewi's rank III/b is under III/c (excluded).
    Rina: (3 + 3 + 3) / 9 = 100, ready now. Bambang: (3 + 2 + 3) / 9 = 88.89, one level
    short in PP: ready now (>= 80, gap <= 1).
    """
    k = _table().position("KABID.DAFDUK")
    assert _ranked(_table(), "KABID.DAFDUK") == [
        (RINA, "ready_now", 100.0),
        (BAMBANG, "ready_now", 800 / 9),
    ]
    assert [(x.nip, x.failed) for x in k.excluded] == [
        (AGUS, ("not_incumbent",)),
        (DEWI, ("rank",)),
    ]
    assert k.exclusion(DEWI).reasons == ("rank III/b is below the minimum III/c for administrator",)
    assert k.incumbents == (AGUS,)
    assert (k.ready_now, k.ready_1_2_years, k.not_ready, k.has_ready_successor) == (2, 0, 0, True)
    bambang = k.candidate(BAMBANG)
    assert (bambang.move, bambang.box, bambang.jpm_category) == (
        Move.PROMOTION,
        8,
        "Memenuhi Syarat",
    )
    assert bambang.gaps == (RemainingGap(competency_id="MJ.PP", required=3, level=2.0),)
    assert bambang.largest_shortfall == 1.0


def test_head_of_information_has_no_ready_successor() -> None:
    """KABID.PIAK (KOM 3, PP 3, PK 4): nobody is ready now.

    Bambang: (3 + 2 + 2) / 10 = 70, gaps 1 and 2: ready in 1-2 years.
    Rina: (3 + 3 + 1) / 10 = 70, a gap of 3 in PK: not ready.
    Agus (a rotation; he holds another position): PK not assessed: not ready, last.
    """
    table = _table()
    assert _ranked(table, "KABID.PIAK") == [
        (BAMBANG, "ready_1_2_years", 70.0),
        (RINA, "not_ready", 70.0),
        (AGUS, "not_ready", None),
    ]
    k = table.position("KABID.PIAK")
    assert (k.ready_now, k.ready_1_2_years, k.not_ready) == (0, 1, 2)
    agus = k.candidate(AGUS)
    assert (agus.move, agus.not_assessed, agus.jpm_category) == (Move.ROTATION, ("MJ.PK",), None)
    assert table.without_ready_successor() == ("KABID.PIAK",)
    assert table.without_candidates() == ()


def test_section_head_ranks_ties_by_box_then_nip() -> None:
    """KASI.DATA (KOM 2, PP 2; pengawas; feeders pengawas, pelaksana, ahli_pertama).

    Rina, Dewi and Bambang meet it (JPM 100, rotations): box 9, 9, 8, so Rina and Dewi
    first (by NIP), then Bambang. Fajar: (2 + 1) / 4 = 75, one level short: ready in 1-2
    years. Intan is in box 5 and Sari has a moderate sanction: both excluded.
    """
    table = _table()
    assert _ranked(table, "KASI.DATA") == [
        (RINA, "ready_now", 100.0),
        (DEWI, "ready_now", 100.0),
        (BAMBANG, "ready_now", 100.0),
        (FAJAR, "ready_1_2_years", 75.0),
    ]
    k = table.position("KASI.DATA")
    assert [(x.nip, x.failed) for x in k.excluded] == [
        (INTAN, ("talent_pool",)),
        (SARI, ("sanction",)),
    ]
    assert k.candidate(FAJAR).move is Move.PROMOTION
    assert k.candidate(DEWI).move is Move.ROTATION


def test_table_records_what_it_was_computed_under() -> None:
    """The table keeps its day, policy, rules and the categories used."""
    table = _table()
    assert table.as_of == AS_OF
    assert table.policy is SUCCESSION_DEFAULT
    assert table.rules == SUCCESSION_DEFAULT.rules
    assert table.selection_policy.name == "JPM-selection-BKN"
    assert table.weighting is None
    assert [k.position.id for k in table.positions] == ["KABID.DAFDUK", "KABID.PIAK", "KASI.DATA"]


def test_dataframes() -> None:
    """Candidates in rank order, coverage per key position, exclusions per rule."""
    table = _table()
    df = table.to_dataframe()
    assert df[["position_id", "rank", "nip"]].values.tolist()[:3] == [
        ["KABID.DAFDUK", 1, RINA],
        ["KABID.DAFDUK", 2, BAMBANG],
        ["KABID.PIAK", 1, BAMBANG],
    ]
    assert df["gaps"].tolist()[4] == "MJ.PK:n/a"
    cov = table.coverage_dataframe()
    assert cov[
        ["position_id", "candidates", "ready_now", "ready_1_2_years", "not_ready"]
    ].values.tolist() == [
        ["KABID.DAFDUK", 2, 2, 0, 0],
        ["KABID.PIAK", 3, 0, 1, 2],
        ["KASI.DATA", 4, 3, 1, 0],
    ]
    assert cov["successor"].tolist()[0] == RINA
    ex = table.exclusions_dataframe()
    assert ex.values.tolist()[0] == [
        "KABID.DAFDUK",
        AGUS,
        "not_incumbent",
        "holds the key position",
    ]


def test_explain_a_candidate() -> None:
    """One line: readiness, JPM and category, box, move, gaps."""
    table = _table()
    assert table.position("KABID.PIAK").candidate(BAMBANG).explain() == (
        "ready_1_2_years: JPM 70.00 (Masih Memenuhi Syarat), box 8, promotion, "
        "MJ.PK 2 level(s), MJ.PP 1 level(s)"
    )
    assert table.position("KABID.PIAK").candidate(AGUS).explain() == (
        "not_ready: JPM not computed, box 9, rotation, MJ.PK not assessed"
    )


def test_lookups_of_unknown_ids() -> None:
    """Unknown positions, candidates and exclusions are unknown-id errors."""
    table = _table()
    with pytest.raises(UnknownIdError, match="unknown key position 'KADIS'"):
        table.position("KADIS")
    with pytest.raises(UnknownIdError, match="unknown candidate"):
        table.position("KASI.DATA").candidate(AGUS)
    with pytest.raises(UnknownIdError, match="unknown excluded person"):
        table.position("KASI.DATA").exclusion(RINA)
    with pytest.raises(ValidationError, match="'readiness' must be one of"):
        table.position("KASI.DATA").count("soon")


# --- options -----------------------------------------------------------------------------


def test_rules_of_your_own_apply_per_position() -> None:
    """A rule of your own excludes with its reason, for the positions it fails on only."""
    keep = SuccessionRule(
        name="kept_in_piak",
        reason="kept for the PIAK unit",
        check=lambda e, p: not (e.nip == RINA and p.unit == "Pendaftaran"),
    )
    table = _table(rules=[keep])
    assert [c.nip for c in table.position("KABID.DAFDUK").candidates] == [BAMBANG]
    assert table.position("KABID.DAFDUK").exclusion(RINA).reasons == ("kept for the PIAK unit",)
    assert RINA in [c.nip for c in table.position("KASI.DATA").candidates]
    assert table.rules[-1] == "kept_in_piak"
    agus = table.position("KABID.DAFDUK").exclusion(AGUS)
    assert agus.failed == ("not_incumbent",)


def test_the_national_pool_reaches_other_agencies() -> None:
    """At the national level a pengawas of another agency in box 9 is a candidate."""
    outsider = Employee(
        nip="198505052010011001",
        name="Yusuf",
        agency="Bappeda",
        tier="pengawas",
        golongan="III/d",
        position_since=dt.date(2015, 1, 2),
    )
    staff = [*STAFF, outsider]
    boxes = {**BOXES, outsider.nip: talent_box("above", "high")}
    levels = {**LEVELS, (outsider.nip, "MJ.KOM"): 3.0, (outsider.nip, "MJ.PP"): 3.0}
    agency = plan_succession(KEYS, staff, levels, STANDARDS, as_of=AS_OF, placements=boxes)
    assert outsider.nip not in [c.nip for c in agency.position("KASI.DATA").candidates]
    national = attrs.evolve(SUCCESSION_DEFAULT, level="nasional")
    table = plan_succession(
        KEYS, staff, levels, STANDARDS, as_of=AS_OF, placements=boxes, policy=national
    )
    assert [c.nip for c in table.position("KASI.DATA").candidates] == [
        outsider.nip,  # box 9, same JPM 100 as Rina and Dewi; lower NIP
        RINA,
        DEWI,
    ]  # box 8 and 7 are outside the national pool


def test_rules_switched_off_widen_the_field() -> None:
    """Without the tier and pool rules everyone in the agency is considered, in any box."""
    policy = attrs.evolve(SUCCESSION_DEFAULT, rules=["same_agency", "not_incumbent"])
    table = _table(policy=policy)
    assert {c.nip for c in table.position("KASI.DATA").candidates} == {
        AGUS,
        RINA,
        BAMBANG,
        DEWI,
        FAJAR,
        INTAN,
        SARI,
    }


def test_assessments_are_combined_as_the_gap_analysis_combines_them() -> None:
    """Assessments give the same table as their combined levels."""
    assessments = [
        Assessment(nip=nip, competency_id=cid, level=int(level), assessed_on=dt.date(2024, 5, 2))
        for (nip, cid), level in LEVELS.items()
    ]
    assert _table() == plan_succession(
        KEYS, STAFF, assessments, STANDARDS, as_of=AS_OF, placements=BOXES, sanctions=SANCTIONS
    )
    combined = combine_assessments(assessments)
    assert _table() == plan_succession(
        KEYS, STAFF, combined, STANDARDS, as_of=AS_OF, placements=BOXES, sanctions=SANCTIONS
    )


def test_standards_from_a_function_and_pairs_of_placements() -> None:
    """Standards may come from a function and placements as (employee, box) pairs."""
    pairs = [(e, BOXES[e.nip]) for e in STAFF]
    table = plan_succession(
        KEYS,
        STAFF,
        LEVELS,
        lambda p: STANDARDS[p.id],
        as_of=AS_OF,
        placements=pairs,
        sanctions={SARI: "sedang"},
    )
    assert table == _table()


FW_T = national_framework().merge(
    CompetencyFramework(
        id="teknis",
        version="1",
        title="Teknis",
        competencies=[Competency(id="TK.ADM", name_id="Administrasi kependudukan", type="teknis")],
    ),
    id="dukcapil",
)


def test_jfkk_weighting_for_functional_key_positions() -> None:
    """An Ahli Madya key position weighs technical 40 against managerial 60.

    Candidate (Ahli Muda): TK.ADM 2 of 4, MJ.KOM 4 of 4: plain 75 (Masih Memenuhi
    Syarat), JFKK 40 x 2/4 + 60 x 4/4 = 80 (Memenuhi Syarat), as analyse_gaps computes
    it with the same weighting and tier. The 2-level gap keeps both ready in 1-2 years.
    """
    key = Position(
        id="JF.MADYA",
        title="Administrator Database Kependudukan Ahli Madya",
        tier="ahli_madya",
        agency=AGENCY,
    )
    std = PositionStandard(
        position_id="JF.MADYA",
        framework_id="dukcapil",
        requirements=[
            Requirement(competency_id="TK.ADM", level=4),
            Requirement(competency_id="MJ.KOM", level=4),
        ],
    )
    e = Employee(nip=DEWI, name="Dewi", agency=AGENCY, tier="ahli_muda", golongan="III/d")
    levels = {(DEWI, "TK.ADM"): 2.0, (DEWI, "MJ.KOM"): 4.0}
    kwargs: dict[str, Any] = {"as_of": AS_OF, "placements": {DEWI: BOXES[DEWI]}}
    plain = plan_succession([key], [e], levels, {"JF.MADYA": std}, **kwargs)
    assert _ranked(plain, "JF.MADYA") == [(DEWI, "ready_1_2_years", 75.0)]
    assert plain.position("JF.MADYA").candidates[0].jpm_category == "Masih Memenuhi Syarat"
    table = plan_succession(
        [key],
        [e],
        levels,
        {"JF.MADYA": std},
        framework=FW_T,
        weighting=JPM_WEIGHTING_JFKK_2020,
        **kwargs,
    )
    assert table.weighting is JPM_WEIGHTING_JFKK_2020
    candidate = table.position("JF.MADYA").candidates[0]
    report = analyse_gaps(
        {
            k: combine_assessments(
                [
                    Assessment(
                        nip=DEWI, competency_id=k[1], level=int(v), assessed_on=dt.date(2024, 1, 2)
                    )
                ]
            )[k]
            for k, v in levels.items()
        },
        std,
        nip=DEWI,
        framework=FW_T,
        weighting=JPM_WEIGHTING_JFKK_2020,
        tier="ahli_madya",
    )
    assert candidate.jpm == report.jpm == 80.0
    assert candidate.jpm_category == "Memenuhi Syarat"
    assert candidate.readiness is Readiness.READY_1_2_YEARS  # 80, but a 2-level gap
    with pytest.raises(ValidationError, match="'framework' must be a framework"):
        plan_succession(
            [key], [e], levels, {"JF.MADYA": std}, weighting=JPM_WEIGHTING_JFKK_2020, **kwargs
        )


def test_the_weighting_leaves_other_tiers_plain() -> None:
    """Key positions of tiers the weighting does not cover keep the plain JPM."""
    table = _table(weighting=JPM_WEIGHTING_JFKK_2020, framework=national_framework())
    assert _ranked(table, "KABID.DAFDUK") == _ranked(_table(), "KABID.DAFDUK")


# --- bad inputs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"positions": ["KABID"]}, ValidationError, r"'positions\[0\]' must be a Position"),
        ({"positions": KEYS + KEYS[:1]}, ValidationError, "'positions' must be unique ids"),
        ({"employees": STAFF + STAFF[:1]}, ValidationError, "one record per NIP"),
        ({"levels": "levels.csv"}, ValidationError, "'levels' must be"),
        (
            {"levels": {(RINA, "MJ.KOM"): -1.0}},
            ValidationError,
            "'levels.*MJ.KOM.*' must be a finite",
        ),
        ({"levels": {(RINA, "MJ.KOM"): "3"}}, ValidationError, "must be a finite level"),
        ({"standards": ["std"]}, ValidationError, "'standards' must be"),
        ({"standards": {}}, UnknownIdError, "unknown position 'KABID.DAFDUK' in standards"),
        (
            {"standards": dict.fromkeys(STANDARDS, "std")},
            ValidationError,
            "must be a PositionStandard",
        ),
        ({"as_of": "2025-07-01"}, ValidationError, "'as_of' must be a date"),
        ({"placements": {"199001012015031001": BOXES[RINA]}}, UnknownIdError, "unknown employee"),
        ({"placements": {RINA: 9}}, ValidationError, r"'placements\[.*\]' must be a TalentBox"),
        ({"placements": "boxes"}, ValidationError, "'placements' must be"),
        (
            {"placements": [(RINA, BOXES[RINA])]},
            ValidationError,
            r"'placements\[0\]' must be a pair",
        ),
        (
            {"placements": [(STAFF[1], BOXES[RINA])] * 2},
            ValidationError,
            "one placement per person",
        ),
        (
            {"placements": {RINA: BOXES[RINA], RINA[:8] + " " + RINA[8:]: BOXES[RINA]}},
            ValidationError,
            "one entry per NIP",
        ),
        ({"sanctions": [SARI]}, ValidationError, "'sanctions' must be"),
        ({"sanctions": {SARI: "teguran"}}, ValidationError, "'sanctions' must be one of"),
        ({"sanctions": {"12": "berat"}}, ValidationError, "'sanctions"),
        ({"policy": "default"}, ValidationError, "'policy' must be a SuccessionPolicy"),
        ({"framework": "asn"}, ValidationError, "'framework' must be a CompetencyFramework"),
        ({"weighting": "jfkk"}, ValidationError, "'weighting' must be a JpmWeightingPolicy"),
        ({"selection_policy": None}, ValidationError, "'selection_policy' must be a JpmPolicy"),
        ({"combination": "latest"}, ValidationError, "'combination' must be a CombinationPolicy"),
        ({"rules": [lambda e, p: True]}, ValidationError, r"'rules\[0\]' must be a SuccessionRule"),
    ],
)
def test_bad_inputs_are_named(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    """Each bad argument is named; nothing is computed."""
    options: dict[str, Any] = {
        "positions": KEYS,
        "employees": STAFF,
        "levels": LEVELS,
        "standards": STANDARDS,
        "as_of": AS_OF,
        "placements": BOXES,
        **kwargs,
    }
    with pytest.raises(error, match=message):
        plan_succession(**options)


def test_framework_checks_the_standards() -> None:
    """With a framework, a standard naming an unknown competency is named."""
    bad = {**STANDARDS, "KASI.DATA": _std("KASI.DATA", XX=2)}
    with pytest.raises(UnknownIdError, match=r"unknown competency 'MJ\.XX'"):
        plan_succession(
            KEYS, STAFF, LEVELS, bad, as_of=AS_OF, placements=BOXES, framework=national_framework()
        )


def test_inputs_are_not_changed() -> None:
    """The analysis reads its inputs without changing them."""
    levels = dict(LEVELS)
    boxes = dict(BOXES)
    _table()
    assert levels == LEVELS
    assert boxes == BOXES


# --- properties ------------------------------------------------------------------------------


@given(st.permutations(STAFF), st.permutations(KEYS), st.permutations(sorted(BOXES.items())))
def test_same_inputs_in_any_order_give_the_same_table(
    staff: list[Employee], keys: list[Position], boxes: list[tuple[str, TalentBox]]
) -> None:
    """Employees, key positions and placements in any order give one table."""
    table = plan_succession(
        keys, staff, LEVELS, STANDARDS, as_of=AS_OF, placements=dict(boxes), sanctions=SANCTIONS
    )
    assert table == _table()


@st.composite
def offices(draw: st.DrawFn) -> dict[str, Any]:
    """Small drawn offices: staff, key positions, standards, levels, boxes, sanctions."""
    fw = draw(acst.frameworks(max_size=4))
    tiers = ["administrator", "pengawas", "pelaksana", "ahli_muda", "jpt_pratama", None]
    people = draw(st.lists(acst.employees(), min_size=1, max_size=8, unique_by=lambda e: e.nip))
    people = [
        attrs.evolve(e, agency=draw(st.sampled_from("AB")), tier=draw(st.sampled_from(tiers)))
        for e in people
    ]
    keys = draw(st.lists(acst.positions(), min_size=1, max_size=3, unique_by=lambda p: p.id))
    keys = [
        attrs.evolve(p, agency=draw(st.sampled_from("AB")), tier=draw(st.sampled_from(tiers[:-1])))
        for p in keys
    ]
    if draw(st.booleans()):  # someone holds a key position
        people[0] = attrs.evolve(people[0], position_id=keys[0].id)
    return {
        "positions": keys,
        "employees": people,
        "levels": {
            (e.nip, c.id): float(draw(st.integers(0, c.scale.maximum)))
            for e in people
            for c in fw.competencies
            if draw(st.booleans())
        },
        "standards": {p.id: draw(acst.standards(fw)) for p in keys},
        "placements": {e.nip: draw(acst.talent_boxes()) for e in people if draw(st.booleans())},
        "sanctions": {
            e.nip: draw(st.sampled_from(Sanction)) for e in people if draw(st.booleans())
        },
        "policy": draw(st.just(SUCCESSION_DEFAULT) | acst.succession_policies()),
        "as_of": draw(st.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 1))),
    }


@given(offices())
def test_candidates_and_exclusions_agree_with_check_candidate(office: dict[str, Any]) -> None:
    """Oracle: every candidate passes check_candidate; every exclusion fails the same rules.

    Everyone not listed for a key position fails its agency or tier rule.
    """
    table = plan_succession(**office)
    people = {e.nip: e for e in office["employees"]}
    policy: SuccessionPolicy = office["policy"]
    for k in table.positions:
        listed = set()
        for nip in [c.nip for c in k.candidates] + [x.nip for x in k.excluded]:
            listed.add(nip)
        for nip, e in people.items():
            check = check_candidate(
                e,
                k.position,
                as_of=office["as_of"],
                placement=office["placements"].get(nip),
                sanction=office["sanctions"].get(nip),
                policy=policy,
            )
            if nip not in listed:
                assert {"same_agency", "tier"} & set(check.failed), (nip, check)
            elif nip in {c.nip for c in k.candidates}:
                assert check.eligible, check
            else:
                x = k.exclusion(nip)
                assert (x.failed, x.reasons) == (check.failed, tuple(r for _, r in check.reasons))


@given(offices())
def test_candidate_jpm_is_the_gap_analysis_jpm(office: dict[str, Any]) -> None:
    """Oracle: each candidate's JPM, gaps and readiness follow analyse_gaps' report."""
    table = plan_succession(**office)
    levels = office["levels"]
    for k in table.positions:
        for c in k.candidates:
            mine = {
                key: combine_assessments(
                    [
                        Assessment(
                            nip=c.nip,
                            competency_id=key[1],
                            level=int(v),
                            assessed_on=dt.date(2024, 1, 2),
                        )
                    ]
                )[key]
                for key, v in levels.items()
                if key[0] == c.nip and v > 0
            }
            report = analyse_gaps(mine, k.standard, nip=c.nip)
            zero = [cid for (nip, cid), v in levels.items() if nip == c.nip and v == 0]
            if any(i.competency_id in zero for i in report.items):
                continue  # a level 0 is a level here, and "not applicable" in assessments
            assert c.jpm == report.jpm
            below = [
                i.competency_id for i in report.items if i.status.value in ("below", "not_assessed")
            ]
            assert [g.competency_id for g in c.gaps] == below
            largest = max((i.shortfall or 0.0 for i in report.items), default=0.0)
            assert c.readiness is office["policy"].readiness(report.jpm, largest)


@given(acst.succession_tables())
def test_drawn_tables_are_ranked_and_consistent(table: SuccessionTable) -> None:
    """Candidates are ranked readier first, then higher JPM, box, NIP; counts add up."""
    for k in table.positions:
        keys = [
            (c.readiness.order, -(-1.0 if c.jpm is None else c.jpm), -(c.box or 0), c.nip)
            for c in k.candidates
        ]
        assert keys == sorted(keys)
        assert k.ready_now + k.ready_1_2_years + k.not_ready == len(k.candidates)
        assert not {c.nip for c in k.candidates} & {x.nip for x in k.excluded}
        for c in k.candidates:
            assert c.jpm is None or 0 <= c.jpm <= 100
            assert all(g.level is None or g.level < g.required for g in c.gaps)


def test_a_standard_without_requirements_readies_nobody() -> None:
    """A key position whose standard asks nothing has candidates without a JPM, not ready."""
    empty = PositionStandard(position_id="KASI.DATA", framework_id="asn-national", requirements=[])
    table = _table(standards={**STANDARDS, "KASI.DATA": empty})
    k = table.position("KASI.DATA")
    first = k.candidates[0]
    assert (first.jpm, first.readiness, first.gaps) == (None, Readiness.NOT_READY, ())
