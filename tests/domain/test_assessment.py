import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import (
    Assessment,
    AssessmentSource,
    UnknownIdError,
    ValidationError,
    combine_assessments,
    national_framework,
)
from asn_competency import strategies as acst
from asn_competency.domain import CombinationRule, check_assessments
from asn_competency.policies import CombinationPolicy

NIP = "199001012015031001"


def _a(level: int, day: dt.date, source: str = "assessment_centre") -> Assessment:
    return Assessment(nip=NIP, competency_id="MJ.PP", level=level, assessed_on=day, source=source)


HISTORY = [
    _a(2, dt.date(2022, 1, 1), "assessment_centre"),
    _a(4, dt.date(2023, 1, 1), "self"),
    _a(3, dt.date(2024, 1, 1), "supervisor"),
]


@pytest.mark.parametrize(
    ("rule", "level", "decisive_level"),
    [("latest", 3.0, 3), ("highest", 4.0, 4), ("source_priority", 2.0, 2)],
)
def test_rules_pick_the_named_assessment(rule: str, level: float, decisive_level: int) -> None:
    """Each single-pick rule chooses as documented and records it."""
    cur = combine_assessments(HISTORY, policy=CombinationPolicy(rule=rule))[(NIP, "MJ.PP")]
    assert cur.level == level
    assert cur.rule is CombinationRule(rule)
    assert [a.level for a in cur.decisive] == [decisive_level]
    assert len(cur.based_on) == 3
    assert cur.policy_name == "default"


def test_recency_weighted_mean() -> None:
    """Weights are source weight times 0.5 ** (age / half-life)."""
    policy = CombinationPolicy(
        rule="recency_weighted", half_life_days=365, as_of=dt.date(2024, 1, 1)
    )
    cur = combine_assessments(HISTORY, policy=policy)[(NIP, "MJ.PP")]
    w = [1.0 * 0.5 ** (730 / 365), 0.3 * 0.5 ** (365 / 365), 0.7]
    expected = (2 * w[0] + 4 * w[1] + 3 * w[2]) / sum(w)
    assert cur.level == pytest.approx(expected, abs=1e-6)
    assert cur.assessed_on == dt.date(2024, 1, 1)
    assert "recency_weighted" in cur.explain()


def test_same_day_tie_goes_to_trusted_source() -> None:
    """Two assessments on one day: the higher-priority source wins under 'latest'."""
    day = dt.date(2024, 1, 1)
    cur = combine_assessments([_a(4, day, "self"), _a(2, day, "test")])[(NIP, "MJ.PP")]
    assert cur.level == 2.0


@given(
    st.lists(acst.assessments(nip=st.just(NIP)), min_size=1, max_size=8),
    acst.combination_policies(),
    st.randoms(),
)
def test_combination_ignores_input_order(
    items: list[Assessment], policy: CombinationPolicy, rnd: object
) -> None:
    """The same assessments in any order give the same result."""
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert combine_assessments(items, policy=policy) == combine_assessments(shuffled, policy=policy)
    for cur in combine_assessments(items, policy=policy).values():
        levels = [a.level for a in cur.based_on]
        assert min(levels) <= cur.level <= max(levels)


def test_future_date_and_bad_level_rejected() -> None:
    """Assessments dated in the future or with a negative level are refused."""
    with pytest.raises(ValidationError, match="'assessed_on' must be a date not after today"):
        _a(2, dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="'level' must be a whole number >= 0"):
        _a(-1, dt.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="'source' must be one of"):
        _a(1, dt.date(2024, 1, 1), "boss")


def test_policy_checks() -> None:
    """The policy must rank every source and weigh each positively."""
    with pytest.raises(ValidationError, match="every assessment source exactly once"):
        CombinationPolicy(source_priority=["self"])
    with pytest.raises(ValidationError, match="a weight for every source"):
        CombinationPolicy(source_weights={"self": 1.0})
    weights = dict.fromkeys(AssessmentSource, 1.0) | {AssessmentSource.SELF: 0.0}
    with pytest.raises(ValidationError, match=r"'source_weights\[self\]'"):
        CombinationPolicy(source_weights=weights)
    with pytest.raises(ValidationError, match="'half_life_days' must be a number > 0"):
        CombinationPolicy(half_life_days=0)


def test_check_against_framework_and_people() -> None:
    """Unknown competencies, people and off-scale levels are named."""
    fw = national_framework()
    check_assessments(HISTORY, fw, known_nips=[NIP])
    with pytest.raises(UnknownIdError, match="unknown employee '199001012015031001'"):
        check_assessments(HISTORY, fw, known_nips=[])
    odd = Assessment(nip=NIP, competency_id="XX", level=1, assessed_on=dt.date(2024, 1, 1))
    with pytest.raises(UnknownIdError, match="unknown competency 'XX'"):
        check_assessments([odd], fw)


@pytest.mark.parametrize("day", [dt.datetime(2024, 1, 1, 9, 30), "2024-01-01", None])
def test_assessment_date_must_be_a_date(day: object) -> None:
    """A datetime, a text or nothing as the assessment date is named, not a comparison crash."""
    with pytest.raises(ValidationError, match="'assessed_on' must be a date"):
        _a(2, day)  # type: ignore[arg-type]


def test_level_beyond_float_range_refused() -> None:
    """A level no float can hold is refused where it is made, not when levels are combined."""
    with pytest.raises(ValidationError, match="'level' must be a whole number >= 0 that a float"):
        _a(10**400, dt.date(2024, 1, 1))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"source_priority": "self"}, "'source_priority' must be a sequence of assessment"),
        ({"source_priority": None}, "'source_priority' must be a sequence of assessment"),
        ({"source_priority": ["boss"]}, "'source_priority' must be one of"),
        ({"source_weights": [1.0]}, "'source_weights' must be a mapping"),
        ({"source_weights": {"boss": 1.0}}, "'source_weights' must be one of"),
        ({"source_weights": dict.fromkeys(AssessmentSource, "1")}, "must be a finite weight > 0"),
        ({"source_weights": dict.fromkeys(AssessmentSource, True)}, "must be a finite weight > 0"),
        ({"source_weights": dict.fromkeys(AssessmentSource, 10**400)}, "a finite weight > 0"),
        ({"as_of": dt.datetime(2024, 1, 1, 12)}, "'as_of' must be a date"),
        ({"as_of": "2024-01-01"}, "'as_of' must be a date"),
        ({"name": 3}, "'name' must be a non-empty text"),
        ({"version": ""}, "'version' must be a non-empty text"),
    ],
)
def test_policy_options_of_the_wrong_kind(options: dict[str, object], message: str) -> None:
    """Wrong-kind policy options are named, not raw ValueError, TypeError or OverflowError."""
    with pytest.raises(ValidationError, match=message):
        CombinationPolicy(**options)  # type: ignore[arg-type]


def test_combination_names_wrong_kind_inputs() -> None:
    """Items that are not assessments, texts that cannot be ordered and odd policies are named."""
    with pytest.raises(ValidationError, match=r"'assessments\[1\]' must be an Assessment"):
        combine_assessments([HISTORY[0], 1])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'policy' must be a CombinationPolicy"):
        combine_assessments(HISTORY, policy="latest")  # type: ignore[arg-type]
    day = dt.date(2024, 1, 1)
    odd = Assessment(nip=NIP, competency_id="MJ.PP", level=2, assessed_on=day, assessor=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'assessments\[1\].assessor' must be a text"):
        combine_assessments([_a(2, day), odd])
    with pytest.raises(ValidationError, match=r"'assessments\[0\]' must be an Assessment"):
        check_assessments(["x"], national_framework())  # type: ignore[list-item]


@given(
    st.lists(acst.assessments(nip=st.just(NIP)), min_size=1, max_size=6),
    st.floats(min_value=1e300, max_value=1.7e308),
)
def test_recency_weighted_with_huge_weights_stays_in_range(
    items: list[Assessment], weight: float
) -> None:
    """Weights near the float limit give a finite mean between the lowest and highest level."""
    policy = CombinationPolicy(
        rule="recency_weighted", source_weights=dict.fromkeys(AssessmentSource, weight)
    )
    for cur in combine_assessments(items, policy=policy).values():
        levels = [a.level for a in cur.based_on]
        assert min(levels) <= cur.level <= max(levels)
    plain = CombinationPolicy(
        rule="recency_weighted", source_weights=dict.fromkeys(AssessmentSource, 1.0)
    )
    assert [c.level for c in combine_assessments(items, policy=policy).values()] == [
        c.level for c in combine_assessments(items, policy=plain).values()
    ]


def test_known_nips_are_read_as_nips() -> None:
    """Known NIPs written with spaces match; a single text or a non-framework is named."""
    fw = national_framework()
    check_assessments(HISTORY, fw, known_nips=[f"{NIP[:8]} {NIP[8:14]} {NIP[14]} {NIP[15:]}"])
    with pytest.raises(ValidationError, match="'known_nips' must be a collection of NIPs"):
        check_assessments(HISTORY, fw, known_nips=NIP)
    with pytest.raises(ValidationError, match=r"'known_nips\[0\]' must be 18 digits"):
        check_assessments(HISTORY, fw, known_nips=["123"])
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        check_assessments(HISTORY, {"MJ.PP": None})  # type: ignore[arg-type]


@given(st.lists(acst.assessments(), min_size=1, max_size=5))
def test_factory_matches_the_constructor(assessments: list[Assessment]) -> None:
    """Assessment.factory makes exactly the objects the attrs constructor makes."""
    make = Assessment.factory()
    for a in [*assessments, *assessments]:  # the second pass comes from the caches
        got = make(
            a.nip, a.competency_id, a.level, a.assessed_on, a.source.value, a.assessor, a.evidence
        )
        assert got == a
        assert type(got) is Assessment
        assert hash(got) == hash(a)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("nip", "1991072020190310"),
        ("nip", 199107202019031004),
        ("competency_id", "MJ KOM"),
        ("level", True),
        ("level", 3.0),
        ("level", -1),
        ("assessed_on", dt.datetime(2024, 3, 1, 9, 0)),
        ("assessed_on", dt.date(2999, 1, 1)),
        ("source", "rumour"),
        ("source", ["self"]),
    ],
)
def test_factory_refuses_what_the_constructor_refuses(field: str, bad: object) -> None:
    """A bad value is refused with the constructor's message, also after a good one was cached."""
    good: dict[str, Any] = {
        "nip": "199107202019031004",
        "competency_id": "MJ.KOM",
        "level": 1,
        "assessed_on": dt.date(2024, 3, 1),
        "source": "self",
    }
    make = Assessment.factory()
    make(**good)
    with pytest.raises(ValidationError) as expected:
        Assessment(**{**good, field: bad})
    with pytest.raises(ValidationError) as got:
        make(**{**good, field: bad})
    assert str(got.value) == str(expected.value)


def test_factory_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full per-field cache is emptied, so memory stays bounded on huge files."""
    from asn_competency.domain import assessment  # noqa: PLC0415

    monkeypatch.setattr(assessment, "_CACHE_LIMIT", 2)
    make = Assessment.factory()
    for cid in ("A", "B", "C"):
        make("199107202019031004", cid, 1, dt.date(2024, 1, 2))
    assert len(make.caches[1]) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(("field", "value"), [("nip", 199107202019031004), ("competency_id", 7)])
def test_values_of_another_kind_take_the_full_check(field: str, value: object) -> None:
    """A NIP or competency id that is not a text is refused, naming the field."""
    kw: dict[str, object] = {
        "nip": "199107202019031004",
        "competency_id": "MJ.KOM",
        "level": 2,
        "assessed_on": dt.date(2024, 1, 2),
    }
    kw[field] = value
    with pytest.raises(ValidationError, match=f"'{field}'"):
        Assessment(**kw)  # type: ignore[arg-type]


def test_memories_of_checked_texts_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past their limit the memories of checked NIPs and ids are emptied; checks still hold."""
    from asn_competency.domain import assessment  # noqa: PLC0415

    monkeypatch.setattr(assessment, "_SEEN_LIMIT", 1)
    monkeypatch.setattr(assessment, "_NIPS", {})
    monkeypatch.setattr(assessment, "_IDS", set())
    day = dt.date(2024, 1, 2)
    for nip, cid in (("199107202019031004", "MJ.KOM"), ("198503122010012002", "MJ.PP")):
        a = Assessment(nip=nip, competency_id=cid, level=2, assessed_on=day)
        assert (a.nip, a.competency_id) == (nip, cid)
    assert len(assessment._NIPS) == 1
    assert len(assessment._IDS) == 1
