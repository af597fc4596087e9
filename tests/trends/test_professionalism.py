"""IP ASN by year: means, bands, changes and suppression."""

from __future__ import annotations

import attrs
import pytest

from asn_competency.domain.records import TrainingRecord
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.evaluation.professionalism import IpAsnResult, ip_asn_index
from asn_competency.policies.suppression import SuppressionPolicy
from asn_competency.trends.gaps import TrendDirection
from asn_competency.trends.professionalism import _example, track_ip_asn


def _year(n: int, group: str = "A", score: float = 80, jp: float = 0) -> list[IpAsnResult]:
    training = [TrainingRecord(kind="teknis", jp=jp)] if jp else []
    return [
        ip_asn_index(
            qualification="s1_d4",
            training=training,
            performance_score=score,
            discipline="tidak_ada",
            group=group,
        )
        for _ in range(n)
    ]


def test_means_and_changes_checked_by_hand() -> None:
    """15 + 0 + 25 + 5 = 45, then 15 more with 24 JP of technical training."""
    trend = _example()
    g = trend.group("Pelayanan")
    assert [(p.year, p.mean, p.competency) for p in g.points] == [
        ("2023", 45.0, 0.0),
        ("2024", 60.0, 15.0),
        ("2025", 60.0, 15.0),
    ]
    assert [s.direction for s in g.steps] == [TrendDirection.IMPROVED, TrendDirection.WITHIN_NOISE]
    assert dict(g.points[0].bands)["Sangat Rendah"] == 5
    assert trend.to_dataframe()["Sangat Rendah"].tolist() == [5, 5, 5]
    with pytest.raises(UnknownIdError):
        trend.group("Arsip")


def test_small_group_years_are_suppressed() -> None:
    """A group of four in a year is not shown; no change crosses it; a lower mean is worse."""
    trend = track_ip_asn({2023: _year(5, score=95), 2024: _year(4), 2025: _year(5)})
    g = trend.groups[0]
    assert [p.year for p in g.points] == ["2023", "2025"]
    assert [s.change for s in g.steps] == [None, None]
    assert trend.suppressed == 1
    fall = track_ip_asn({2024: _year(5, score=95), 2025: _year(5)})
    assert fall.groups[0].steps[0].direction is TrendDirection.WORSENED
    only_small = track_ip_asn({2025: _year(2)})
    assert (only_small.groups, only_small.suppressed) == ((), 1)


def test_grouping_by_attribute_or_function() -> None:
    """Group by another attribute (enums by value) or a function."""
    policy = SuppressionPolicy(name="n", version="1", min_group_size=1)
    by_band = track_ip_asn({2025: _year(2)}, by="education", policy=policy)
    assert by_band.groups[0].group == "s1_d4"
    by_fn = track_ip_asn({2025: _year(2)}, by=lambda r: "semua", policy=policy)
    assert by_fn.groups[0].group == "semua"
    assert by_fn.by == "<lambda>"


def test_bad_inputs() -> None:
    """Unknown attributes, labels that are not texts, mixed bands and wrong kinds are named."""
    with pytest.raises(ValidationError, match="'by' must be an attribute"):
        track_ip_asn({2025: _year(1)}, by="policy")
    with pytest.raises(ValidationError, match="a text label"):
        track_ip_asn({2025: _year(1)}, by=lambda r: 3)  # type: ignore[arg-type,return-value]
    with pytest.raises(ValidationError, match=r"'years\[2025\]\[0\]' must be an IpAsnResult"):
        track_ip_asn({2025: [1]})  # type: ignore[arg-type]
    mixed = _year(1)[0]
    bands = tuple(attrs.evolve(b, label=b.label + "*") for b in mixed.policy.bands)
    odd = attrs.evolve(mixed, policy=attrs.evolve(mixed.policy, bands=bands))
    with pytest.raises(ValidationError, match="the bands of the first result"):
        track_ip_asn({2024: [mixed], 2025: [odd]})
    with pytest.raises(ValidationError, match="'policy' must be a SuppressionPolicy"):
        track_ip_asn({}, policy=None)  # type: ignore[arg-type]
    assert track_ip_asn({}).groups == ()


def test_a_group_missing_in_a_year() -> None:
    """A group scored in one year only has one point and no change."""
    trend = track_ip_asn(
        {2024: _year(5, group="A") + _year(5, group="B"), 2025: _year(5, group="A")}
    )
    b = trend.group("B")
    assert ([p.year for p in b.points], b.steps[0].change, trend.suppressed) == (["2024"], None, 0)
