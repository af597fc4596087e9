import datetime as dt
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    Assessment,
    Employee,
    PositionStandard,
    Requirement,
    UnknownIdError,
    ValidationError,
    combine_assessments,
)
from asn_competency.domain.employee import group_key
from asn_competency.gaps.columnar import GapColumns
from asn_competency.gaps.individual import GapReport, analyse_population
from asn_competency.gaps.summary import GapSummary, KeyPersonRisk, summarise_columns, summarise_gaps
from asn_competency.policies import CombinationPolicy
from asn_competency.policies.suppression import SUPPRESSION_DEFAULT, SuppressionPolicy

DAY = dt.date(2024, 3, 1)
COMPS = ("MJ.INT", "MJ.KOM", "MJ.PP")


def _nip(i: int) -> str:
    return f"199001012015031{i + 1:03d}"


FO = PositionStandard(
    position_id="FO",
    framework_id="asn-national",
    requirements=[
        Requirement(competency_id="MJ.PP", level=3),
        Requirement(competency_id="MJ.KOM", level=2),
    ],
)
KASI = PositionStandard(
    position_id="KASI",
    framework_id="asn-national",
    requirements=[
        Requirement(competency_id="MJ.PP", level=3),
        Requirement(competency_id="MJ.INT", level=3),
    ],
)
STANDARDS = {"FO": FO, "KASI": KASI}


def _population(
    rows: list[tuple[str, str, dict[str, int]]],
) -> tuple[list[Employee], list[Assessment]]:
    people = []
    levels: list[Assessment] = []
    for i, (unit, position, lv) in enumerate(rows):
        nip = _nip(i)
        people.append(
            Employee(
                nip=nip,
                name=f"P{i}",
                agency="Disdukcapil",
                unit=unit,
                region="Kota Kendari",
                position_id=position,
                tier="pelaksana" if position == "FO" else "pengawas",
            )
        )
        levels.extend(
            Assessment(nip=nip, competency_id=c, level=v, assessed_on=DAY) for c, v in lv.items()
        )
    return people, levels


# Pelayanan: six front-office staff; Arsip: three (a small group).
ROWS: list[tuple[str, str, dict[str, int]]] = [
    ("Pelayanan", "FO", {"MJ.PP": 3, "MJ.KOM": 2}),
    ("Pelayanan", "FO", {"MJ.PP": 2, "MJ.KOM": 1}),
    ("Pelayanan", "FO", {"MJ.PP": 1, "MJ.KOM": 3}),
    ("Pelayanan", "FO", {"MJ.PP": 2, "MJ.KOM": 2}),
    ("Pelayanan", "FO", {"MJ.PP": 4}),
    ("Pelayanan", "FO", {"MJ.PP": 2, "MJ.KOM": 1}),
    ("Arsip", "KASI", {"MJ.PP": 1, "MJ.INT": 1}),
    ("Arsip", "FO", {"MJ.PP": 1, "MJ.KOM": 1}),
    ("Arsip", "FO", {"MJ.PP": 1, "MJ.KOM": 1}),
]
PEOPLE, LEVELS = _population(ROWS)


def _summary(by: object = "unit", policy: SuppressionPolicy = SUPPRESSION_DEFAULT) -> GapSummary:
    reports = analyse_population(PEOPLE, LEVELS, STANDARDS)
    return summarise_gaps(reports, employees=PEOPLE, by=by, policy=policy)  # type: ignore[arg-type]


def test_worked_unit_summary() -> None:
    """Pelayanan's cells, checked by hand; Arsip (3 people) is suppressed."""
    s = _summary()
    assert [g.key for g in s.groups] == [("Pelayanan",)]
    assert s.suppressed_groups == 1
    g = s.group("Pelayanan")
    assert g.people == 6
    assert [c.competency_id for c in g.cells] == ["MJ.KOM", "MJ.PP"]
    pp = g.cell("MJ.PP")
    # PP levels 3, 2, 1, 2, 4, 2 against 3: gaps 0, 1, 2, 1, -1, 1 -> mean 4/6.
    assert (pp.required_of, pp.assessed, pp.not_assessed) == (6, 6, 0)
    assert pp.mean_gap == round(4 / 6, 6)
    assert pp.share_below == round(4 / 6, 6)
    assert pp.meeting == 2
    assert pp.risk is KeyPersonRisk.COVERED
    assert pp.levels == ((1.0, 1), (2.0, 3), (3.0, 1), (4.0, 1))
    assert not pp.suppressed
    kom = g.cell("MJ.KOM")
    # KOM: five assessed (2, 1, 3, 2, 1 against 2): gaps 0, 1, -1, 0, 1 -> mean 0.2; one missing.
    assert (kom.assessed, kom.not_assessed) == (5, 1)
    assert kom.mean_gap == 0.2
    assert kom.share_below == 0.4
    assert kom.meeting == 3


def test_ranking_uses_shown_cells_only() -> None:
    """The ranking equals the shown group's figures: Arsip's people are left out."""
    s = _summary()
    assert [(r.competency_id, r.assessed, r.below) for r in s.ranking] == [
        ("MJ.PP", 6, 4),
        ("MJ.KOM", 5, 2),
    ]
    assert s.ranking[0].share_below == round(4 / 6, 6)
    assert s.ranking[1].mean_gap == 0.2


def test_small_group_figures_never_appear() -> None:
    """No figure names or counts the suppressed group; its people are in no total."""
    s = _summary()
    df = s.to_dataframe()
    assert set(df["unit"]) == {"Pelayanan"}
    assert sum(g.people for g in s.groups) == 6
    assert "MJ.INT" not in {r.competency_id for r in s.ranking}


def test_cells_with_few_assessed_show_counts_only() -> None:
    """With a threshold of 6, KOM (5 assessed) shows counts but no mean, share or levels."""
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=6)
    s = _summary(policy=policy)
    kom = s.group("Pelayanan").cell("MJ.KOM")
    assert kom.suppressed
    assert (kom.assessed, kom.not_assessed, kom.meeting) == (5, 1, 3)
    assert (kom.mean_gap, kom.share_below, kom.levels) == (None, None, ())
    assert [r.competency_id for r in s.ranking] == ["MJ.PP"]


def test_key_person_risk_flags() -> None:
    """With no suppression, Arsip's KASI needs INT 3 and nobody meets it; PP is met by nobody."""
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=1)
    s = _summary(policy=policy)
    arsip = s.group("Arsip")
    assert arsip.cell("MJ.INT").risk is KeyPersonRisk.NONE
    assert arsip.cell("MJ.KOM").risk is KeyPersonRisk.NONE
    assert arsip.cell("MJ.PP").meeting == 0
    risks = {(k, c.competency_id): c.risk for k, c in s.key_person_risks()}
    assert risks == {
        (("Arsip",), "MJ.INT"): KeyPersonRisk.NONE,
        (("Arsip",), "MJ.KOM"): KeyPersonRisk.NONE,
        (("Arsip",), "MJ.PP"): KeyPersonRisk.NONE,
    }


def test_single_key_person() -> None:
    """Exactly one person meeting the standard is flagged 'single'."""
    people, levels = _population(
        [("U", "FO", {"MJ.PP": 3 if i == 0 else 1, "MJ.KOM": 2}) for i in range(5)]
    )
    s = summarise_gaps(analyse_population(people, levels, STANDARDS), employees=people)
    assert s.group("U").cell("MJ.PP").risk is KeyPersonRisk.SINGLE
    assert s.group("U").cell("MJ.KOM").risk is KeyPersonRisk.COVERED


@pytest.mark.parametrize(
    ("by", "keys"),
    [
        (("agency", "unit"), [("Disdukcapil", "Pelayanan")]),
        ("agency", [("Disdukcapil",)]),
        ("region", [("Kota Kendari",)]),
        ("tier", [("pelaksana",)]),
        ("position", [("FO",)]),
    ],
)
def test_grouping_fields(by: object, keys: list[tuple[str, ...]]) -> None:
    """Any grouping field or combination groups people by its values."""
    assert [g.key for g in _summary(by=by).groups] == keys


def test_group_key_of_unset_tier_is_empty() -> None:
    """A missing tier groups under the empty text."""
    e = Employee(nip=_nip(0), name="A")
    assert group_key(e, ("tier", "unit")) == ("", "")


def test_empty_population_gives_empty_summary() -> None:
    """No reports: no groups, no ranking, nothing suppressed."""
    s = summarise_gaps([], employees={}, by=("agency", "unit"))
    assert (s.groups, s.ranking, s.suppressed_groups) == ((), (), 0)
    assert s.by == ("agency", "unit")
    assert s.to_dataframe().empty


def test_to_dataframe_rows() -> None:
    """One row per shown group and competency, with the risk as text."""
    df = _summary().to_dataframe()
    assert list(df["competency_id"]) == ["MJ.KOM", "MJ.PP"]
    assert list(df["risk"]) == ["covered", "covered"]
    assert df["levels"].iloc[1] == {1.0: 1, 2.0: 3, 3.0: 1, 4.0: 1}


@pytest.mark.parametrize(
    ("by", "shown"),
    [("grade", "'grade'"), ((), "()"), (("unit", "unit"), "'unit' appears twice")],
)
def test_bad_grouping(by: object, shown: str) -> None:
    """An unknown, empty or repeated grouping field is named."""
    with pytest.raises(ValidationError, match="'by' must be") as exc:
        _summary(by=by)
    assert shown in str(exc.value)


def test_bad_reports_and_employees() -> None:
    """Unknown people, repeated reports and wrong types are rejected with their names."""
    reports = list(analyse_population(PEOPLE, LEVELS, STANDARDS))
    with pytest.raises(UnknownIdError, match=_nip(0)):
        summarise_gaps(reports, employees=PEOPLE[1:])
    with pytest.raises(ValidationError, match="appears twice"):
        summarise_gaps([reports[0], reports[0]], employees=PEOPLE)
    with pytest.raises(ValidationError, match=r"'reports\[0\]' must be a GapReport"):
        summarise_gaps(["x"], employees=PEOPLE)  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"'employees\[0\]' must be an Employee"):
        summarise_gaps([], employees=["x"])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'policy' must be a SuppressionPolicy"):
        summarise_gaps([], employees=[], policy=5)  # type: ignore[arg-type]


def test_bad_suppression_policy() -> None:
    """A threshold below 1 is named."""
    with pytest.raises(ValidationError, match=r"'min_group_size'.*got 0"):
        SuppressionPolicy(name="p", version="1", min_group_size=0)


# --- columnar path ---------------------------------------------------------------------------


def _columns_of(reports: list[GapReport], people: list[Employee], by: object) -> GapColumns:
    index = {e.nip: e for e in people}
    return GapColumns.from_reports(reports, group_of=lambda n: group_key(index[n], by))  # type: ignore[arg-type]


def test_columnar_summary_equals_object_summary() -> None:
    """The NumPy path gives the same summary as the report path on the worked case."""
    reports = list(analyse_population(PEOPLE, LEVELS, STANDARDS))
    for by in ("unit", ("agency", "unit"), "position"):
        expected = summarise_gaps(reports, employees=PEOPLE, by=by)
        cols = _columns_of(reports, PEOPLE, by)
        assert summarise_columns([cols], by=by) == expected


def test_columnar_summary_needs_groups() -> None:
    """Columns without a group index, or other objects, are rejected."""
    reports = list(analyse_population(PEOPLE, LEVELS, STANDARDS))
    with pytest.raises(ValidationError, match=r"'columns\[0\]\.group'"):
        summarise_columns([GapColumns.from_reports(reports)])
    with pytest.raises(ValidationError, match=r"'columns\[0\]' must be a GapColumns"):
        summarise_columns([reports])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'policy'"):
        summarise_columns([], policy=None)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------

LEVEL = st.none() | st.integers(1, 5)
ROW = st.tuples(
    st.sampled_from(["A", "B", "C", "D"]),
    st.sampled_from(["FO", "KASI"]),
    st.fixed_dictionaries(dict.fromkeys(COMPS, LEVEL)),
)


def _population_from(
    rows: list[tuple[str, str, dict[str, int | None]]],
) -> tuple[list[Employee], list[Assessment]]:
    clean = [(u, p, {c: v for c, v in lv.items() if v is not None}) for u, p, lv in rows]
    return _population(clean)


@given(st.lists(ROW, max_size=40), st.integers(1, 8), st.randoms(use_true_random=False))
def test_suppression_never_reveals_a_small_group(
    rows: list[tuple[str, str, dict[str, int | None]]], threshold: int, rnd: random.Random
) -> None:
    """Shown groups have >= threshold people; every shown total adds up from shown cells."""
    people, levels = _population_from(rows)
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=threshold)
    reports = list(analyse_population(people, levels, STANDARDS))
    s = summarise_gaps(reports, employees=people, policy=policy)
    sizes: dict[str, int] = {}
    for e in people:
        sizes[e.unit] = sizes.get(e.unit, 0) + 1
    small = {u for u, n in sizes.items() if n < threshold}
    assert s.suppressed_groups == len(small)
    assert all(g.people >= threshold and g.key[0] not in small for g in s.groups)
    for rank in s.ranking:
        cells = [c for g in s.groups for c in g.cells if c.competency_id == rank.competency_id]
        shown = [c for c in cells if not c.suppressed]
        assert rank.assessed == sum(c.assessed for c in shown)
        for c in shown:
            assert c.assessed >= threshold
            assert sum(n for _, n in c.levels) == c.assessed
    for g in s.groups:
        for c in g.cells:
            assert c.assessed + c.not_assessed == c.required_of <= g.people
            if c.suppressed:
                assert (c.mean_gap, c.share_below, c.levels) == (None, None, ())
    # Order invariance: the same reports shuffled give the same summary.
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert summarise_gaps(shuffled, employees=people, policy=policy) == s


@given(st.lists(ROW, max_size=30), st.integers(1, 6), st.integers(0, 30))
def test_columnar_and_object_summaries_agree(
    rows: list[tuple[str, str, dict[str, int | None]]], threshold: int, cut: int
) -> None:
    """Both paths, the columnar one in two chunks, give equal summaries."""
    people, levels = _population_from(rows)
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=threshold)
    reports = list(analyse_population(people, levels, STANDARDS))
    expected = summarise_gaps(reports, employees=people, by=("agency", "unit"), policy=policy)
    by = ("agency", "unit")
    chunks = [_columns_of(reports[:cut], people, by), _columns_of(reports[cut:], people, by)]
    assert summarise_columns(chunks, by=by, policy=policy) == expected


def test_columnar_summary_with_fractional_levels() -> None:
    """Recency-weighted (non-whole) levels give the same summary up to rounding."""
    extra = [
        Assessment(nip=e.nip, competency_id="MJ.PP", level=5, assessed_on=dt.date(2020, 1, 1))
        for e in PEOPLE
    ]
    policy = CombinationPolicy(rule="recency_weighted", as_of=DAY)
    reports = list(analyse_population(PEOPLE, LEVELS + extra, STANDARDS, combination=policy))
    loose = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=1)
    expected = summarise_gaps(reports, employees=PEOPLE, policy=loose)
    got = summarise_columns([_columns_of(reports, PEOPLE, "unit")], policy=loose)
    assert got == expected


def test_unknown_group_or_cell() -> None:
    """Asking for a suppressed group or a competency nobody needs names it."""
    s = _summary()
    with pytest.raises(UnknownIdError, match="Arsip"):
        s.group("Arsip")
    with pytest.raises(UnknownIdError, match=r"MJ\.INT"):
        s.group("Pelayanan").cell("MJ.INT")


# --- regressions -----------------------------------------------------------------------------


def test_two_employees_with_one_nip_are_refused() -> None:
    """The group used to come from whichever record came last, so the order decided it."""
    reports = [r for r in analyse_population(PEOPLE, LEVELS, STANDARDS) if r.nip == _nip(0)]
    twin = attrs.evolve(PEOPLE[0], unit="Arsip")
    for employees in ([PEOPLE[0], twin], [twin, PEOPLE[0]]):
        with pytest.raises(ValidationError, match=f"'{_nip(0)}' appears twice"):
            summarise_gaps(reports, employees=employees)


def test_mapping_entries_must_be_the_employee_of_their_nip() -> None:
    """A mapping value that is not an Employee, or another person's, is named."""
    reports = [r for r in analyse_population(PEOPLE, LEVELS, STANDARDS) if r.nip == _nip(0)]
    with pytest.raises(ValidationError, match=rf"'employees\[{_nip(0)}\]'"):
        summarise_gaps(reports, employees={_nip(0): "x"})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=rf"'employees\[{_nip(0)}\]'"):
        summarise_gaps(reports, employees={_nip(0): PEOPLE[1]})


def test_wrong_containers_are_named() -> None:
    """None or a bare GapColumns raise ValidationError instead of TypeError."""
    reports = list(analyse_population(PEOPLE, LEVELS, STANDARDS))
    cols = _columns_of(reports, PEOPLE, "unit")
    with pytest.raises(ValidationError, match="'columns' must be an iterable of GapColumns"):
        summarise_columns(cols)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'reports'"):
        summarise_gaps(None, employees=PEOPLE)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'employees'"):
        summarise_gaps([], employees=None)  # type: ignore[arg-type]


def _reports_at(levels: list[float]) -> tuple[list[GapReport], list[Employee]]:
    """One MJ.PP requirement at level 3 per person, with the given (non-whole) levels."""
    std = PositionStandard(
        position_id="FO",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.PP", level=3)],
    )
    people = [
        Employee(nip=_nip(i), name=f"P{i}", unit="Pelayanan", position_id="FO")
        for i in range(len(levels))
    ]
    current = {}
    for e, level in zip(people, levels, strict=True):
        a = Assessment(nip=e.nip, competency_id="MJ.PP", level=1, assessed_on=DAY)
        combined = combine_assessments([a])[(e.nip, "MJ.PP")]
        current[(e.nip, "MJ.PP")] = attrs.evolve(combined, level=level)
    return list(analyse_population(people, current, {"FO": std})), people


def test_mean_gap_does_not_depend_on_the_order_of_people() -> None:
    """Gaps 2, 0.4, 1.8, 1.55 have the mean 1.4375, which rounds to 1.438 at 3 decimals.

    Summed as floats in the order 1.8, 2, 0.4, 1.55 they gave 1.4374999999999998 and so
    1.437; the sum is now exact, so every order (and the columnar path) gives 1.438.
    """
    reports, people = _reports_at([1, 2.6, 1.2, 1.45])
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=1, decimals=3)
    for order in ([0, 1, 2, 3], [2, 0, 1, 3], [3, 2, 1, 0]):
        chosen = [reports[k] for k in order]
        summary = summarise_gaps(chosen, employees=people, policy=policy)
        assert summary.groups[0].cell("MJ.PP").mean_gap == 1.438
        assert summary.ranking[0].mean_gap == 1.438
        assert summarise_columns([_columns_of(chosen, people, "unit")], policy=policy) == summary


def test_required_sums_stay_exact_beyond_float_precision() -> None:
    """Required levels whose sum passes 2**53 still give the exact mean gap."""
    big = 2**60 + 1  # not a float: a float sum would drop the final 1
    cols = GapColumns(
        person=[0, 1],
        competency=[0, 0],
        required=[big, big],
        importance=[1, 1],
        level=[0, 0],
        nips=[_nip(0), _nip(1)],
        competency_ids=["MJ.PP"],
        group=[0, 0],
        group_keys=[("Pelayanan",)],
    )
    policy = attrs.evolve(SUPPRESSION_DEFAULT, min_group_size=1)
    cell = summarise_columns([cols], policy=policy).groups[0].cell("MJ.PP")
    assert cell.mean_gap == float(big)


@pytest.mark.parametrize("by", [None, 5])
def test_grouping_that_is_not_a_field_list_is_named(by: object) -> None:
    """by=None or a number raised TypeError; they are named like an unknown field."""
    with pytest.raises(ValidationError, match="'by' must be one or more of"):
        summarise_gaps([], employees=[], by=by)  # type: ignore[arg-type]


def test_group_key_of_something_else_is_named() -> None:
    """group_key of a NIP text raised AttributeError; it is named."""
    with pytest.raises(ValidationError, match="'employee' must be an Employee"):
        group_key(_nip(0), "unit")  # type: ignore[arg-type]
