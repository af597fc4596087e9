"""Gap summaries across rounds: changes, the noise band and suppression."""

from __future__ import annotations

import datetime as dt
import math

import attrs
import pytest

from asn_competency.domain.assessment import Assessment
from asn_competency.domain.employee import Employee
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.gaps.individual import analyse_population
from asn_competency.gaps.summary import GapSummary, summarise_gaps
from asn_competency.policies.trends import TRENDS_DEFAULT
from asn_competency.trends.gaps import TrendDirection, _example, track_gaps

STD = {
    "FO": PositionStandard(
        position_id="FO",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.PP", level=3)],
    )
}


def _summary(levels: list[int], year: int, by: str = "unit") -> GapSummary:
    nips = [f"1990010120150310{i:02d}" for i in range(1, len(levels) + 1)]
    staff = [Employee(nip=n, name="X", unit="Pelayanan", position_id="FO") for n in nips]
    marks = [
        Assessment(nip=n, competency_id="MJ.PP", level=v, assessed_on=dt.date(year, 3, 1))
        for n, v in zip(nips, levels, strict=True)
    ]
    return summarise_gaps(analyse_population(staff, marks, STD), employees=staff, by=by)


def test_changes_and_noise_checked_by_hand() -> None:
    """Mean gap 1 -> 0.5 among 8 people: noise 1.96 x 0.5 x sqrt(1/8 + 1/8) = 0.49."""
    s = _example().series_of(("Pelayanan",), "MJ.PP")
    first = s.steps[0]
    assert first.change == -0.5
    assert first.noise == pytest.approx(TRENDS_DEFAULT.z * 0.5 * math.sqrt(0.25))
    assert first.direction is TrendDirection.IMPROVED
    assert first.share_change == -0.5
    assert s.steps[1].direction is TrendDirection.WITHIN_NOISE


def test_a_wider_gap_beyond_noise_is_worse() -> None:
    """A mean gap rising by a level among 10 people is worse; beyond_noise lists it."""
    trend = track_gaps({"2024": _summary([3] * 10, 2024), "2025": _summary([2] * 10, 2025)})
    [(series, step)] = trend.beyond_noise()
    assert (series.competency_id, step.change, step.direction) == (
        "MJ.PP",
        1.0,
        TrendDirection.WORSENED,
    )
    row = trend.to_dataframe().values.tolist()[0]
    assert row[:4] == ["Pelayanan", "MJ.PP", "2024", "2025"]


def test_suppressed_rounds_break_the_chain() -> None:
    """A round where the group is too small shows no point and no change across it."""
    trend = track_gaps(
        [
            (2023, _summary([2] * 6, 2023)),
            (2024, _summary([2] * 3, 2024)),
            (2025, _summary([3] * 6, 2025)),
        ]
    )
    s = trend.series[0]
    assert [p.round for p in s.points] == ["2023", "2025"]
    assert [st.direction for st in s.steps] == [None, None]
    assert trend.rounds == ("2023", "2024", "2025")


def test_suppressed_cells_give_no_change() -> None:
    """A shown group whose cell is suppressed keeps the point without figures."""
    small = attrs.evolve(_summary([2] * 6, 2024))
    cell = attrs.evolve(small.groups[0].cells[0], mean_gap=None, share_below=None, suppressed=True)
    small = attrs.evolve(small, groups=(attrs.evolve(small.groups[0], cells=(cell,)),))
    trend = track_gaps({"2024": small, "2025": _summary([3] * 6, 2025)})
    assert trend.series[0].steps[0].change is None


def test_rounds_sort_by_date_or_as_texts() -> None:
    """Period labels sort by date (2024-S2 before 2025); other labels sort as texts."""
    a, b = _summary([2] * 5, 2024), _summary([3] * 5, 2025)
    assert track_gaps({"2025": b, "2024-S2": a}).rounds == ("2024-S2", "2025")
    assert track_gaps({"ronde B": b, "ronde A": a}).rounds == ("ronde A", "ronde B")


def test_bad_rounds() -> None:
    """A round given twice, a summary of the wrong kind or grouping, or bad pairs are named."""
    a = _summary([2] * 5, 2024)
    with pytest.raises(ValidationError, match="each period once"):
        track_gaps([("2024", a), (2024, a)])
    with pytest.raises(ValidationError, match="must be a GapSummary"):
        track_gaps({"2024": 3})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'rounds\[2025\].by' must be the grouping"):
        track_gaps({"2024": a, "2025": _summary([2] * 5, 2025, by="agency")})
    with pytest.raises(ValidationError, match="'rounds' must be a mapping"):
        track_gaps("2024")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'rounds' must be \\(period, data\\) pairs"):
        track_gaps([a])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="'rounds period' must be a period"):
        track_gaps([(None, a)])
    with pytest.raises(ValidationError, match="'policy' must be a TrendPolicy"):
        track_gaps({}, policy=None)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError, match="series"):
        _example().series_of(("Arsip",), "MJ.PP")
    assert track_gaps({}).series == ()


def test_periods_as_keys_and_a_missing_share() -> None:
    """Rounds may be Periods; a change of the mean without shares has no share change."""
    from asn_competency.domain.period import Period  # noqa: PLC0415

    a = _summary([2] * 6, 2024)
    cell = attrs.evolve(a.groups[0].cells[0], share_below=None)
    a = attrs.evolve(a, groups=(attrs.evolve(a.groups[0], cells=(cell,)),))
    trend = track_gaps({Period.year(2024): a, Period.year(2025): _summary([3] * 6, 2025)})
    assert trend.rounds == ("2024", "2025")
    assert trend.series[0].steps[0].share_change is None
