import itertools
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import ValidationError
from asn_competency import strategies as acst
from asn_competency.domain.records import Education, Sanction, TrainingKind, TrainingRecord
from asn_competency.errors import InvalidNipError
from asn_competency.evaluation.professionalism import IpAsnResult, ip_asn_index, summarise_ip_asn
from asn_competency.policies.ip_asn import IP_ASN_PERMENPANRB_38_2018, IpAsnBand

NIP = "199001012015031001"


def _score(**kwargs: Any) -> IpAsnResult:
    base: dict[str, Any] = {
        "qualification": "s1_d4",
        "training": [],
        "performance_score": 80,
        "discipline": "tidak_ada",
    }
    return ip_asn_index(**{**base, **kwargs})


def test_worked_case_administrator() -> None:
    """S2 20 + (leadership 15 + technical 30 JP 15 + seminar 5 = 35) + SKP 92: 30 + none 5 = 90."""
    r = _score(
        qualification=Education.S2,
        training=[
            TrainingRecord(kind="kepemimpinan", jp=180, title="PKA"),
            TrainingRecord(kind="teknis", jp=18),
            TrainingRecord(kind="teknis", jp=12),
            TrainingRecord(kind="seminar", jp=4),
        ],
        performance_score=92,
        nip=NIP,
        group="Dukcapil",
    )
    assert (r.qualification, r.competency, r.performance, r.discipline) == (20, 35, 30, 5)
    assert r.total == 90.0
    assert r.band == "Tinggi"
    assert r.nip == NIP
    assert r.group == "Dukcapil"
    assert r.explain().endswith("= 90 (Tinggi)")


def test_worked_case_front_office_clerk() -> None:
    """SMA (5) + nothing (0) + SKP 70 (15) + light sanction (3) = 23, Sangat Rendah."""
    r = _score(qualification="d1_d2_sma", performance_score=70, discipline="ringan")
    assert (r.qualification, r.competency, r.performance, r.discipline) == (5, 0, 15, 3)
    assert (r.total, r.band) == (23.0, "Sangat Rendah")


@pytest.mark.parametrize(
    ("education", "points"),
    [("s3", 25), ("s2", 20), ("s1_d4", 15), ("d3", 10), ("d1_d2_sma", 5), ("sd_smp", 1)],
)
def test_qualification_points(education: str, points: float) -> None:
    """The qualification table of the default policy."""
    assert _score(qualification=education).qualification == points


@pytest.mark.parametrize(
    ("score", "points"),
    [(0, 1), (50, 1), (50.9, 1), (51, 5), (60, 5), (61, 15), (75, 15), (76, 25), (90, 25),
     (90.5, 25), (91, 30), (100, 30)],
)  # fmt: skip
def test_performance_steps(score: float, points: float) -> None:
    """SKP steps; a score between printed steps takes the lower one."""
    assert _score(performance_score=score).performance == points


@pytest.mark.parametrize(
    ("sanction", "points"), [("berat", 1), ("sedang", 2), ("ringan", 3), (Sanction.TIDAK_ADA, 5)]
)
def test_discipline_points(sanction: str, points: float) -> None:
    """The discipline table of the default policy."""
    assert _score(discipline=sanction).discipline == points


@pytest.mark.parametrize(
    ("records", "points"),
    [
        ([], 0),
        ([TrainingRecord(kind="kepemimpinan", jp=100, fits_position=False)], 0),
        ([TrainingRecord(kind="kepemimpinan", jp=100)], 15),
        ([TrainingRecord(kind="kepemimpinan"), TrainingRecord(kind="kepemimpinan")], 15),
        ([TrainingRecord(kind="fungsional", jp=40)], 15),
        ([TrainingRecord(kind="fungsional", fits_position=False)], 0),
        ([TrainingRecord(kind="teknis", jp=19)], 0),
        ([TrainingRecord(kind="teknis", jp=10), TrainingRecord(kind="teknis", jp=10)], 15),
        ([TrainingRecord(kind="workshop"), TrainingRecord(kind="magang")], 5),
        ([TrainingRecord(kind="kursus")], 5),
        # 15 + 15 + 15 + 5 = 50, capped at 40
        (
            [
                TrainingRecord(kind="kepemimpinan"),
                TrainingRecord(kind="fungsional"),
                TrainingRecord(kind="teknis", jp=20),
                TrainingRecord(kind="seminar"),
            ],
            40,
        ),
    ],
)
def test_competency_points(records: list[TrainingRecord], points: float) -> None:
    """Each kind counts once, as documented, and the sum is capped at 40."""
    assert _score(training=records).competency == points


@pytest.mark.parametrize(
    ("total", "band"),
    [(100, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.5, "Tinggi"), (81, "Tinggi"),
     (80.99, "Sedang"), (71, "Sedang"), (70, "Rendah"), (61, "Rendah"), (60.5, "Sangat Rendah"),
     (60, "Sangat Rendah"), (0, "Sangat Rendah")],
)  # fmt: skip
def test_bands(total: float, band: str) -> None:
    """Fractional totals between printed bands go to the lower band."""
    assert IP_ASN_PERMENPANRB_38_2018.band_for(total) == band


def test_custom_policy() -> None:
    """A region may set other values through its own policy."""
    regional = attrs.evolve(
        IP_ASN_PERMENPANRB_38_2018,
        name="regional",
        version="1",
        technical_points=5,
        qualification_points={**IP_ASN_PERMENPANRB_38_2018.qualification_points, "s1_d4": 16},
    )
    r = _score(training=[TrainingRecord(kind="teknis", jp=24)], policy=regional)
    assert (r.qualification, r.competency) == (16, 5)
    assert r.policy.name == "regional"


@pytest.mark.parametrize("score", [-1, 100.5, 101, float("nan"), float("inf"), True, "80", None])
def test_skp_outside_range(score: object) -> None:
    """The SKP score must be a number 0-100; the message names the field and value."""
    with pytest.raises(ValidationError, match="'performance_score' must be a number 0-100"):
        _score(performance_score=score)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"qualification": "s4"}, "qualification"),
        ({"discipline": "severe"}, "discipline"),
        ({"training": ["PKA"]}, r"training\[0\]"),
        ({"group": 3}, "group"),
        ({"training": None}, "'training' must be a collection of TrainingRecord"),
        ({"training": "PKA"}, "'training' must be a collection of TrainingRecord"),
    ],
)
def test_bad_inputs(kwargs: dict[str, object], field: str) -> None:
    """Unknown enum values and wrong records are named."""
    with pytest.raises(ValidationError, match=field):
        _score(**kwargs)


def test_bad_nip() -> None:
    """A malformed NIP is refused."""
    with pytest.raises(InvalidNipError):
        _score(nip="123")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"kind": "retreat"}, "kind"), ({"jp": -1}, "jp"), ({"jp": float("nan")}, "jp")],
)
def test_bad_training_records(kwargs: dict[str, object], field: str) -> None:
    """Bad training fields are named."""
    with pytest.raises(ValidationError, match=f"'{field}'"):
        TrainingRecord(**{"kind": "teknis", **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"qualification_points": {"s3": 25}}, "qualification_points"),
        ({"qualification_points": {**{e.value: 1 for e in Education}, "s3": -1}}, "qualification"),
        ({"discipline_points": {"tidak_ada": 5}}, "discipline_points"),
        ({"discipline_points": {"tidak_ada": 5, "awful": 0}}, "discipline"),
        ({"performance_steps": ()}, "performance_steps"),
        ({"performance_steps": ((0, 1, 2),)}, r"performance_steps\[0\]"),
        ({"performance_steps": ((120, 1),)}, "threshold"),
        ({"performance_steps": ((0, -1),)}, "points"),
        ({"performance_steps": ((51, 5), (91, 30))}, "a first step at score 0"),
        ({"bands": ()}, "bands"),
        ({"bands": ("Tinggi",)}, r"bands\[0\]"),
        ({"competency_max": -5}, "competency_max"),
        ({"technical_min_jp": float("nan")}, "technical_min_jp"),
    ],
)
def test_bad_policies(changes: dict[str, Any], field: str) -> None:
    """Every bad policy field is named."""
    with pytest.raises(ValidationError, match=field):
        attrs.evolve(IP_ASN_PERMENPANRB_38_2018, **changes)


def test_band_minimum_validated() -> None:
    """Band minima are numbers >= 0."""
    with pytest.raises(ValidationError, match="minimum"):
        IpAsnBand(label="x", minimum=-1)


def test_policy_is_hashable_and_read_only() -> None:
    """The point tables cannot be changed in place; the policy can be hashed."""
    hash(IP_ASN_PERMENPANRB_38_2018)
    with pytest.raises(TypeError):
        IP_ASN_PERMENPANRB_38_2018.qualification_points[Education.S3] = 0  # type: ignore[index]
    assert "38/2018" in IP_ASN_PERMENPANRB_38_2018.source


# --- summary ------------------------------------------------------------------------------------


def _people() -> list[IpAsnResult]:
    # totals: A: 60 (s3 25 + 0 + 30 + 5), 45 (s1 15 + 0 + 25 + 5); B: 16 (d3 10 + 0 + 1 + 5)
    return [
        _score(qualification="s3", performance_score=95, group="A"),
        _score(qualification="s1_d4", performance_score=80, group="A"),
        _score(qualification="d3", performance_score=40, group="B"),
    ]


def test_summary_by_group() -> None:
    """Mean and band counts per group, sorted by group."""
    s = summarise_ip_asn(reversed(_people()))
    assert [(g.group, g.count, g.mean) for g in s.groups] == [("A", 2, 52.5), ("B", 1, 16.0)]
    assert s.groups[0].bands[0] == ("Sangat Tinggi", 0)
    assert dict(s.groups[0].bands)["Sangat Rendah"] == 2
    assert s.by == "group"


def test_summary_by_attribute_and_function() -> None:
    """Group by an enum attribute or by a function."""
    s = summarise_ip_asn(_people(), by="education")
    assert [g.group for g in s.groups] == ["d3", "s1_d4", "s3"]

    def high_skp(r: IpAsnResult) -> str:
        return "high" if r.performance >= 25 else "low"

    s = summarise_ip_asn(_people(), by=high_skp)
    assert [(g.group, g.count) for g in s.groups] == [("high", 2), ("low", 1)]
    assert s.by == "high_skp"


def test_summary_bad_by_and_empty() -> None:
    """An unknown attribute is named; no results give no groups."""
    with pytest.raises(ValidationError, match="'by'"):
        summarise_ip_asn(_people(), by="salary")
    with pytest.raises(ValidationError, match="'by'"):
        summarise_ip_asn(_people(), by="policy")
    empty = summarise_ip_asn([])
    assert empty.groups == ()
    assert list(empty.to_dataframe().columns) == ["group", "count", "mean"]


def test_summary_dataframe() -> None:
    """One row per group and a column per band."""
    df = summarise_ip_asn(_people()).to_dataframe()
    assert df["group"].tolist() == ["A", "B"]
    assert df["Sangat Rendah"].tolist() == [2, 1]


# --- properties ---------------------------------------------------------------------------------

_inputs: dict[str, st.SearchStrategy[Any]] = {
    "qualification": st.sampled_from(Education),
    "training": st.lists(acst.training_records(), max_size=6),
    "performance_score": st.floats(0, 100),
    "discipline": st.sampled_from(Sanction),
}


@given(**_inputs)
def test_total_within_bounds(
    qualification: Education,
    training: list[TrainingRecord],
    performance_score: float,
    discipline: Sanction,
) -> None:
    """Each dimension stays within its maximum and the total within 0-100."""
    r = ip_asn_index(
        qualification=qualification,
        training=training,
        performance_score=performance_score,
        discipline=discipline,
    )
    assert 0 < r.qualification <= 25
    assert 0 <= r.competency <= 40
    assert 0 < r.performance <= 30
    assert 0 < r.discipline <= 5
    assert 0 < r.total <= 100
    assert r.total == r.qualification + r.competency + r.performance + r.discipline
    assert r.band == IP_ASN_PERMENPANRB_38_2018.band_for(r.total)


@given(st.fixed_dictionaries(_inputs), acst.training_records(), st.floats(0, 100))
def test_more_training_or_skp_never_lowers(
    kwargs: dict[str, Any], extra: TrainingRecord, more: float
) -> None:
    """Adding a training record or raising the SKP score never lowers the total."""
    base = ip_asn_index(**kwargs)
    trained = ip_asn_index(**{**kwargs, "training": [*kwargs["training"], extra]})
    better = ip_asn_index(**{**kwargs, "performance_score": max(kwargs["performance_score"], more)})
    assert trained.total >= base.total
    assert better.total >= base.total


@given(st.lists(acst.training_records(), max_size=6), st.randoms(use_true_random=False))
def test_training_order_does_not_matter(training: list[TrainingRecord], rnd: Any) -> None:
    """The competency dimension ignores the order of records."""
    shuffled = list(training)
    rnd.shuffle(shuffled)
    assert IP_ASN_PERMENPANRB_38_2018.competency_points(
        shuffled
    ) == IP_ASN_PERMENPANRB_38_2018.competency_points(training)


def test_training_kinds_cover_the_regulation() -> None:
    """All seven kinds named by the rule exist."""
    assert {k.value for k in TrainingKind} == {
        "kepemimpinan",
        "fungsional",
        "teknis",
        "seminar",
        "workshop",
        "magang",
        "kursus",
    }


def test_numpy_scores_are_numbers() -> None:
    """An SKP score read from a DataFrame (a NumPy scalar) is accepted."""
    assert _score(performance_score=np.int64(92)).performance == 30
    assert _score(performance_score=np.float64(50.5)).performance == 1


@given(
    st.lists(
        st.tuples(
            st.sampled_from(Education),
            st.integers(0, 100),
            st.sampled_from(["Capil", "Dafduk", "PIAK"]),
        ),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_summary_ignores_result_order(people: list[tuple[Education, int, str]], rnd: Any) -> None:
    """The summary is the same whatever order the results come in; counts add up."""
    results = [_score(qualification=q, performance_score=s, group=g) for q, s, g in people]
    shuffled = list(results)
    rnd.shuffle(shuffled)
    summary = summarise_ip_asn(results)
    assert summarise_ip_asn(shuffled) == summary
    assert sum(g.count for g in summary.groups) == len(results)
    for g in summary.groups:
        assert sum(n for _, n in g.bands) == g.count


# --- regressions: inputs that used to crash, depend on order or count wrongly ---------------


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_integers_beyond_the_float_range_are_named(value: int) -> None:
    """A huge integer score or JP is out of range, not an OverflowError."""
    with pytest.raises(ValidationError, match="'performance_score' must be a number 0-100"):
        _score(performance_score=value)
    with pytest.raises(ValidationError, match="'jp' must be a number >= 0"):
        TrainingRecord(kind="teknis", jp=value)


def test_fits_position_must_be_a_bool() -> None:
    """The text "no" used to count as fitting leadership training (15 points): now refused."""
    with pytest.raises(ValidationError, match="'fits_position' must be True or False"):
        TrainingRecord(kind="kepemimpinan", fits_position="no")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'year'"):
        TrainingRecord(kind="kepemimpinan", year="2024")  # type: ignore[arg-type]
    assert TrainingRecord(kind="kepemimpinan", year=2024).year == 2024


_LOW = IpAsnBand(label="Rendah", minimum=0)
_B = IpAsnBand(label="B", minimum=50)
_C = IpAsnBand(label="C", minimum=50)


def test_band_table_is_independent_of_input_order() -> None:
    """Two bands from one minimum made a total of 60 'C' or 'B' by input order: now refused."""
    for bands in ([_LOW, _B, _C], [_LOW, _C, _B]):
        with pytest.raises(ValidationError, match="a different minimum for each band"):
            attrs.evolve(IP_ASN_PERMENPANRB_38_2018, bands=bands)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"bands": [_LOW, attrs.evolve(_B, label="Rendah")]}, "'Rendah' appears twice"),
        # A total of 5 used to get band 'B' although it is below B's minimum of 50.
        ({"bands": [_B]}, "a lowest band starting at 0"),
        ({"bands": None}, "a sequence of IpAsnBand"),
        ({"qualification_points": None}, "'qualification_points' must be a mapping"),
        ({"discipline_points": ["none"]}, "'discipline_points' must be a mapping"),
        ({"performance_steps": None}, "'performance_steps' must be a sequence"),
    ],
)
def test_malformed_policy_tables_are_named(changes: dict[str, Any], message: str) -> None:
    """Wrong band tables and non-mapping point tables raise ValidationError, not a crash."""
    with pytest.raises(ValidationError, match=message):
        attrs.evolve(IP_ASN_PERMENPANRB_38_2018, **changes)


def test_summary_checks_its_results() -> None:
    """Non-results and non-text labels are named instead of raising AttributeError/TypeError."""
    r = _score(group="A")
    with pytest.raises(ValidationError, match=r"'results\[1\]' must be an IpAsnResult"):
        summarise_ip_asn([r, 1])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"'by\(results\[0\]\)' must be a text label"):
        summarise_ip_asn([r], by=lambda _: 1)  # type: ignore[arg-type,return-value]


def test_summary_refuses_results_of_different_band_tables() -> None:
    """The bands used to follow whichever result came first, so the order changed the summary."""
    other = attrs.evolve(IP_ASN_PERMENPANRB_38_2018, name="two-bands", bands=[_LOW, _B])
    a = _score(group="A")
    b = _score(group="B", policy=other)
    for results in ([a, b], [b, a]):
        with pytest.raises(ValidationError, match=r"'results\[1\]\.policy\.bands'"):
            summarise_ip_asn(results)


def test_summary_mean_of_huge_totals_stays_finite() -> None:
    """Totals whose sum overflows still have a mean (fsum used to raise OverflowError)."""
    big = attrs.evolve(_score(group="A"), total=1.5e308)
    (group,) = summarise_ip_asn([big, big]).groups
    assert group.mean == 1.5e308


def test_technical_hours_add_up_in_any_order() -> None:
    """10.6 + 9.2 + 0.2 JP is 20 JP: enough for the technical 15 points in every order.

    Added as floats in the order 10.6, 9.2, 0.2 they made 19.999999999999996, below 20.
    """
    hours = (10.6, 9.2, 0.2)
    for order in itertools.permutations(hours):
        records = [TrainingRecord(kind="teknis", jp=jp) for jp in order]
        assert IP_ASN_PERMENPANRB_38_2018.competency_points(records) == 15.0
    short = [TrainingRecord(kind="teknis", jp=jp) for jp in (10.6, 9.2, 0.1)]
    assert IP_ASN_PERMENPANRB_38_2018.competency_points(short) == 0.0  # 19.9 JP


def test_summary_of_nothing_iterable_is_named() -> None:
    """summarise_ip_asn(None) raised TypeError; it is named."""
    with pytest.raises(ValidationError, match="'results'"):
        summarise_ip_asn(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: IP_ASN_PERMENPANRB_38_2018.performance_points(None), "performance_score"),  # type: ignore[arg-type]
        (lambda: IP_ASN_PERMENPANRB_38_2018.performance_points(float("nan")), "performance_score"),
        (lambda: IP_ASN_PERMENPANRB_38_2018.band_for(float("nan")), "total"),  # was 'Sangat Rendah'
        (lambda: IP_ASN_PERMENPANRB_38_2018.band_for("90"), "total"),  # type: ignore[arg-type]
        (lambda: IP_ASN_PERMENPANRB_38_2018.competency_points(["PKA"]), "training[0]"),  # type: ignore[list-item]
        (lambda: IP_ASN_PERMENPANRB_38_2018.competency_points(None), "training"),  # type: ignore[arg-type]
    ],
)
def test_policy_methods_check_their_input(call: Any, field: str) -> None:
    """The policy's own methods name a bad score, total or record instead of crashing."""
    with pytest.raises(ValidationError) as exc:
        call()
    assert exc.value.field == field
