import datetime as dt
import enum
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.figure import Figure

from asn_competency import (
    Assessment,
    Employee,
    Indicator,
    MentoringGraph,
    MentoringRelationship,
    UnknownIdError,
    ValidationError,
)
from asn_competency.domain.development import Programme
from asn_competency.domain.indicators import Measurement
from asn_competency.domain.mentoring import MenteeNeed
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.evaluation.results import analyse_indicators
from asn_competency.evaluation.scorecard import evaluate_programme
from asn_competency.gaps.individual import analyse_gaps, analyse_population
from asn_competency.gaps.summary import GapSummary, summarise_gaps
from asn_competency.matching.match import match_mentors
from asn_competency.plots import (
    before_after,
    gap_heatmap,
    mentoring_network,
    nine_box_grid,
    save_figure,
)
from asn_competency.policies.nine_box import NINE_BOX_PERMENPANRB_3_2020, PoolLevel
from asn_competency.strategies import mentoring_graphs
from asn_competency.talent.nine_box import TalentBox, summarise_talent, talent_box
from asn_competency.talent.pools import talent_pools

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MENTOR = "198001012005011001"
MENTOR2 = "197805102003121001"
MENTEES = [f"19990101202302100{k}" for k in range(1, 5)]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (bytes 16..24)."""
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def image(ax: Axes) -> Any:
    """The masked array behind the axes' first image."""
    return ax.images[0].get_array()


def offsets(c: Collection) -> list[list[float]]:
    """The positions of a collection's markers as plain lists."""
    out: list[list[float]] = np.asarray(c.get_offsets()).tolist()
    return out


def nodes_of(ax: Axes) -> list[Collection]:
    """The node collections (those with markers) in drawing order."""
    return [c for c in ax.collections if offsets(c)]


def hatched(ax: Axes) -> list[Any]:
    return [p for p in ax.patches if p.get_hatch() == "///"]


def cells() -> dict[tuple[str, str], float | None]:
    return {
        ("Pelayanan", "MJ.PP"): 0.5,
        ("Pelayanan", "MJ.KOM"): -0.25,
        ("Sekretariat", "MJ.PP"): None,
        ("Sekretariat", "MJ.KOM"): 1.0,
    }


def graph() -> MentoringGraph:
    return MentoringGraph(
        [
            MentoringRelationship(mentor=MENTOR if k % 2 else MENTOR2, mentee=m)
            for k, m in enumerate(MENTEES)
        ]
    )


# --- gap_heatmap ---------------------------------------------------------------------------


def test_heatmap_png_has_the_figure_size(tmp_path: Path) -> None:
    """A 5 x 3 inch heatmap at 80 dpi saves as a 400 x 240 PNG."""
    out = save_figure(gap_heatmap(cells(), figsize=(5, 3), dpi=80), tmp_path / "h.png")
    assert out == tmp_path / "h.png"
    assert png_size(out) == (400, 240)


def test_heatmap_suppressed_cell_is_hatched_not_zero() -> None:
    """A None value is masked in the image, hatched, labelled and explained in a note."""
    fig = gap_heatmap(cells())
    ax = fig.axes[0]
    values = image(ax)
    # Rows sorted (Pelayanan, Sekretariat); columns sorted (MJ.KOM, MJ.PP).
    assert values.mask[1, 1]
    assert not values.mask[0, 0]
    assert float(values[0, 0]) == -0.25
    assert [p.get_xy() for p in hatched(ax)] == [(0.5, 0.5)]
    assert "suppressed" in [t.get_text() for t in ax.texts]
    assert "hatched: suppressed" in ax.get_xlabel()


def test_heatmap_missing_cell_is_blank_with_a_note() -> None:
    """A cell absent from the mapping is masked, not hatched, and the note says blank = no data."""
    fig = gap_heatmap({("A", "X"): 0.2, ("B", "Y"): 0.1})
    ax = fig.axes[0]
    assert image(ax).mask.tolist() == [[False, True], [True, False]]
    assert not hatched(ax)
    assert "blank: no data" in ax.get_xlabel()


def test_heatmap_full_data_has_no_note() -> None:
    """With every cell present and none suppressed there is no note."""
    fig = gap_heatmap({("A", "X"): 0.2})
    assert fig.axes[0].get_xlabel() == "competency"


def test_heatmap_gap_scale_is_centred_on_zero() -> None:
    """The colour scale is symmetric about 0, up to the largest absolute gap (here 1.0)."""
    norm = gap_heatmap(cells()).axes[0].images[0].norm
    assert (norm.vmin, norm.vmax) == (-1.0, 1.0)
    assert np.asarray(norm(np.array([0.0]))).tolist() == pytest.approx([0.5])


def test_heatmap_all_zero_or_all_suppressed_still_draws() -> None:
    """Zeros, suppressed cells or a tiny gap get the scale -1..1, and the colour bar draws."""
    for data in ({("A", "X"): 0.0}, {("A", "X"): None}, {("A", "X"): 2.2250738585e-313}):
        fig = gap_heatmap(data)
        fig.canvas.draw()
        norm = fig.axes[0].images[0].norm
        assert (norm.vmin, norm.vmax) == (-1.0, 1.0)


def test_heatmap_text_is_white_on_dark_cells() -> None:
    """Values at the ends of the gap scale (|gap| near the largest) print in white."""
    ax = gap_heatmap({("A", "X"): 1.0, ("A", "Y"): -1.0, ("A", "Z"): 0.1}).axes[0]
    colours = {t.get_text(): t.get_color() for t in ax.texts}
    assert colours == {"+1.00": "white", "-1.00": "white", "+0.10": "black"}


def test_heatmap_share_below_prints_percentages() -> None:
    """Shares are drawn 0..1 on a sequential scale and printed as percentages."""
    fig = gap_heatmap({("A", "X"): 0.25, ("B", "X"): 1.0}, value="share_below")
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["100%", "25%"]
    assert (ax.images[0].norm.vmin, ax.images[0].norm.vmax) == (0.0, 1.0)
    assert ax.get_title() == "share below standard"


def test_heatmap_orders_and_restricts_rows_and_columns() -> None:
    """``units`` and ``competencies`` choose and order the rows and columns."""
    fig = gap_heatmap(
        cells(), units=["Sekretariat"], competencies=["MJ.PP", "MJ.KOM"], annotate=False
    )
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Sekretariat"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["MJ.PP", "MJ.KOM"]
    assert len(ax.texts) == 0
    assert ax.get_title() == "mean gap (+ is short)"


def test_heatmap_draws_on_a_given_axes() -> None:
    """With ``ax`` the heatmap goes on that axes and its figure is returned."""
    fig = Figure()
    ax = fig.add_subplot()
    assert gap_heatmap(cells(), ax=ax, title="Dukcapil") is fig
    assert ax.get_title() == "Dukcapil"


def summary() -> GapSummary:
    """Pelayanan (5 people) shown, Arsip (2) suppressed; MJ.KOM assessed for 3 only.

    MJ.PP levels 1, 2, 3, 1, 2 against 2: gaps 1, 0, -1, 1, 0, mean 0.2, 2 of 5 below.
    """
    std = PositionStandard(
        position_id="FO",
        framework_id="asn-national",
        requirements=[Requirement(competency_id=c, level=2) for c in ("MJ.PP", "MJ.KOM", "MJ.INT")],
    )
    nips = [f"19900101201503100{i}" for i in range(1, 8)]
    people = [
        Employee(nip=n, name="X", unit="Pelayanan" if i < 5 else "Arsip", position_id="FO")
        for i, n in enumerate(nips)
    ]
    day = dt.date(2024, 1, 1)
    levels = [
        Assessment(nip=n, competency_id="MJ.PP", level=1 + i % 3, assessed_on=day)
        for i, n in enumerate(nips)
    ] + [Assessment(nip=n, competency_id="MJ.KOM", level=3, assessed_on=day) for n in nips[:3]]
    reports = analyse_population(people, levels, {"FO": std})
    return summarise_gaps(reports, employees=people, by="unit")


def test_heatmap_of_a_gap_summary() -> None:
    """Shown cells are drawn, small cells hatched, unassessed cells blank, hidden groups noted."""
    ax = gap_heatmap(summary()).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Pelayanan"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["MJ.KOM", "MJ.PP"]
    assert sorted(t.get_text() for t in ax.texts) == ["+0.20", "suppressed"]
    assert ax.get_xlabel().splitlines()[1:] == [
        "hatched: suppressed (too few people); blank: no data",
        "1 group of fewer than 5 people not shown",
    ]


def test_heatmap_of_a_gap_summary_share_below() -> None:
    """With value='share_below' the summary's share (2 of 5) is drawn."""
    ax = gap_heatmap(summary(), value="share_below").axes[0]
    assert "40%" in [t.get_text() for t in ax.texts]


def test_heatmap_of_a_summary_with_nothing_shown() -> None:
    """A summary whose every group is suppressed cannot be drawn."""
    empty = attrs.evolve(summary(), groups=())
    with pytest.raises(ValidationError, match="'data' must be a gap summary with at least one"):
        gap_heatmap(empty)


def test_heatmap_on_a_subfigure_returns_the_root_figure() -> None:
    """An axes on a subfigure draws there; the figure returned is the one to save."""
    fig = Figure()
    left = fig.subfigures(1, 2, squeeze=False)[0, 0]
    ax = left.add_subplot()
    assert gap_heatmap(cells(), ax=ax) is fig


def test_heatmap_does_not_change_its_input() -> None:
    """The mapping passed in is left as it was."""
    data = cells()
    gap_heatmap(data)
    assert data == cells()


@pytest.mark.parametrize(
    ("data", "field", "shown"),
    [
        ({}, "'data'", "{}"),
        ([1, 2], "'data'", "[1, 2]"),
        ({("A",): 1.0}, "'data'", "('A',)"),
        ({("A", ""): 1.0}, "'data'", "('A', '')"),
        ({("A", "X"): float("nan")}, "'data[A, X]'", "nan"),
        ({("A", "X"): "high"}, "'data[A, X]'", "'high'"),
        ({("A", "X"): True}, "'data[A, X]'", "True"),
        ({("A", "X"): 1e300}, "'data[A, X]' must be a number in -1000..1000", "1e+300"),
    ],
)
def test_heatmap_rejects_bad_data(data: object, field: str, shown: str) -> None:
    """Empty data, bad keys and non-numeric values are rejected naming the field and value."""
    with pytest.raises(ValidationError) as info:
        gap_heatmap(data)  # type: ignore[arg-type]
    assert field in str(info.value)
    assert shown in str(info.value)


def test_heatmap_rejects_share_outside_0_1() -> None:
    """A share of 1.5 is not a share."""
    with pytest.raises(
        ValidationError, match=r"'data\[A, X\]' must be a share in 0..1 \(got 1.5\)"
    ):
        gap_heatmap({("A", "X"): 1.5}, value="share_below")


def test_heatmap_rejects_unknown_value_kind() -> None:
    """``value`` must be 'gap' or 'share_below'."""
    with pytest.raises(ValidationError, match=r"'value' must be .*\(got 'mean'\)"):
        gap_heatmap(cells(), value="mean")  # type: ignore[arg-type]


def test_heatmap_rejects_unknown_unit_and_competency() -> None:
    """Rows or columns the data does not hold are unknown ids."""
    with pytest.raises(UnknownIdError, match="unknown unit 'Keuangan' in the heatmap data"):
        gap_heatmap(cells(), units=["Keuangan"])
    with pytest.raises(UnknownIdError, match=r"unknown competency 'MJ\.INT'"):
        gap_heatmap(cells(), competencies=["MJ.PP", "MJ.INT"])


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ([], "'units' must be at least one unit"),
        (["Pelayanan", "Pelayanan"], "'units' must be distinct unit names"),
        ("Pelayanan", "'units' must be a sequence of unit names"),
    ],
)
def test_heatmap_rejects_bad_unit_lists(units: object, message: str) -> None:
    """An empty, repeating or plain-text ``units`` is rejected."""
    with pytest.raises(ValidationError, match=message):
        gap_heatmap(cells(), units=units)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"figsize": (0, 3)}, "'figsize'"),
        ({"figsize": (4,)}, "'figsize'"),
        ({"figsize": [4, 3]}, "'figsize'"),
        ({"dpi": 0}, "'dpi'"),
        ({"dpi": "high"}, "'dpi'"),
        ({"ax": "left"}, "'ax'"),
    ],
)
def test_heatmap_rejects_bad_figure_options(kwargs: dict[str, object], field: str) -> None:
    """Bad figure sizes, resolutions and axes name the option."""
    with pytest.raises(ValidationError, match=field):
        gap_heatmap(cells(), **kwargs)  # type: ignore[arg-type]


finite_gaps = st.one_of(st.none(), st.floats(-4, 4, allow_nan=False))


@given(
    st.dictionaries(
        st.tuples(st.sampled_from("ABCDE"), st.sampled_from(["MJ.INT", "MJ.KOM", "MJ.PP"])),
        finite_gaps,
        min_size=1,
    )
)
def test_heatmap_of_random_data_renders_at_its_size(
    data: dict[tuple[str, str], float | None],
) -> None:
    """Any finite data renders; the image is units x competencies; the canvas is figsize x dpi."""
    fig = gap_heatmap(data, figsize=(4, 3), dpi=50)
    fig.canvas.draw()
    rows = len({u for u, _ in data})
    cols = len({c for _, c in data})
    assert image(fig.axes[0]).shape == (rows, cols)
    width, height = fig.canvas.get_width_height()
    assert (width, height) == (200, 150)
    assert len(hatched(fig.axes[0])) == sum(v is None for v in data.values())


# --- nine_box_grid -------------------------------------------------------------------------


def test_nine_box_layout_matches_the_talent_table() -> None:
    """Box 1 sits bottom left (below, low) and box 9 top right (above, high), as in the table."""
    fig = nine_box_grid({1: 1, 3: 1, 7: 1, 9: 1})
    ax = fig.axes[0]
    numbers = {t.get_text(): t.get_position() for t in ax.texts if t.get_text().isdigit()}
    # Box numbers sit near the top-left corner of their cell: (x + 0.08, y + 0.88).
    cell = {box: (int(x), int(y)) for box, (x, y) in numbers.items()}
    assert cell["1"] == (0, 0)
    assert cell["2"] == (1, 0)
    assert cell["3"] == (0, 1)
    assert cell["4"] == (2, 0)
    assert cell["5"] == (1, 1)
    assert cell["6"] == (0, 2)
    assert cell["7"] == (2, 1)
    assert cell["8"] == (1, 2)
    assert cell["9"] == (2, 2)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["below", "meets", "above"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["low", "middle", "high"]


def test_nine_box_counts_and_shares() -> None:
    """Counts print with their share of everyone: 1 of 4 is 25 %; absent boxes print 0 (0%)."""
    ax = nine_box_grid({1: 1, 9: 3}).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "1 (25%)" in texts
    assert "3 (75%)" in texts
    assert texts.count("0 (0%)") == 7
    assert ax.get_title() == "Talent 9-box (n = 4)"


def test_nine_box_labels_and_enum_keys() -> None:
    """Labels print in their box; enum keys count by their value."""

    class Box(enum.IntEnum):
        STAR = 9

    ax = nine_box_grid({Box.STAR: 2}, labels={9: "promote"}).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "promote" in texts
    assert "2 (100%)" in texts


def placements(n: int, unit: str, start: int) -> list[tuple[Employee, TalentBox]]:
    people = [
        Employee(nip=f"1990010120150310{k:02d}", name="X", unit=unit)
        for k in range(start, start + n)
    ]
    boxes = ["below", "meets", "above"]
    return [(e, talent_box(boxes[k % 3], "middle")) for k, e in enumerate(people)]


def test_nine_box_of_a_talent_distribution(tmp_path: Path) -> None:
    """A distribution's totals over shown groups are drawn; small groups are noted, not counted.

    Pelayanan: 6 people in boxes 3, 5, 7, 3, 5, 7; Arsip (2 people) is below 5 and hidden.
    """
    dist = summarise_talent(
        [*placements(6, "Pelayanan", 1), *placements(2, "Arsip", 20)], by="unit"
    )
    fig = nine_box_grid(dist, dpi=50)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("2 (33%)") == 3
    assert ax.get_title() == "Talent 9-box (n = 6; 1 small group not shown)"
    assert png_size(save_figure(fig, tmp_path / "box.png")) == (300, 300)


def test_nine_box_of_one_talent_group() -> None:
    """One group is drawn with its key in the title."""
    dist = summarise_talent(placements(6, "Pelayanan", 1), by="unit")
    ax = nine_box_grid(dist.group("Pelayanan")).axes[0]
    assert ax.get_title() == "Talent 9-box (n = 6; Pelayanan)"


def test_nine_box_follows_the_policy_numbering() -> None:
    """A policy that numbers the boxes differently moves the numbers, not the axes."""
    grid = {cell: 10 - box for cell, box in NINE_BOX_PERMENPANRB_3_2020.grid.items()}
    recs = {10 - b: r for b, r in NINE_BOX_PERMENPANRB_3_2020.recommendations.items()}
    mirrored = attrs.evolve(
        NINE_BOX_PERMENPANRB_3_2020, name="mirrored", grid=grid, recommendations=recs
    )
    ax = nine_box_grid({1: 1}, policy=mirrored).axes[0]
    where = {t.get_text(): t.get_position() for t in ax.texts if t.get_text().isdigit()}
    assert (int(where["1"][0]), int(where["1"][1])) == (2, 2)
    assert (int(where["9"][0]), int(where["9"][1])) == (0, 0)


def test_nine_box_rejects_a_foreign_policy() -> None:
    """The policy must be a NineBoxPolicy."""
    with pytest.raises(ValidationError, match="'policy' must be a NineBoxPolicy"):
        nine_box_grid({1: 1}, policy="national")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("counts", "error", "text"),
    [
        ({}, ValidationError, "'counts' must be at least one person placed"),
        ({5: 0}, ValidationError, "'counts' must be at least one person placed (got {5: 0})"),
        ({10: 1}, UnknownIdError, "unknown box '10' in the 9-box grid"),
        ({0: 1}, UnknownIdError, "unknown box '0'"),
        ({"5": 1}, ValidationError, "'counts' must be box numbers 1..9 as keys (got '5')"),
        ({5: -1}, ValidationError, "'counts[5]' must be a whole number >= 0 (got -1)"),
        ({5: 1.5}, ValidationError, "'counts[5]' must be a whole number >= 0 (got 1.5)"),
        ([(5, 1)], ValidationError, "'counts' must be a mapping {box: count}, a TalentSum"),
    ],
)
def test_nine_box_rejects_bad_counts(counts: object, error: type[Exception], text: str) -> None:
    """Empty counts, boxes outside 1..9 and bad counts are rejected naming them."""
    with pytest.raises(error) as info:
        nine_box_grid(counts)  # type: ignore[arg-type]
    assert text in str(info.value)


def test_nine_box_rejects_labels_for_unknown_boxes() -> None:
    """A label for box 12 is an unknown box."""
    with pytest.raises(UnknownIdError, match="unknown box '12'"):
        nine_box_grid({5: 1}, labels={12: "?"})


# --- mentoring_network ---------------------------------------------------------------------


def test_network_png_has_the_figure_size(tmp_path: Path) -> None:
    """A 7 x 6 inch network at 40 dpi saves as a 280 x 240 PNG."""
    out = save_figure(mentoring_network(graph(), dpi=40), tmp_path / "net.png")
    assert png_size(out) == (280, 240)


def test_network_layout_is_deterministic_and_order_free() -> None:
    """The same relationships in any order, with the same seed, give the same node positions."""

    def positions(g: MentoringGraph, seed: int = 7) -> list[list[list[float]]]:
        ax = mentoring_network(g, seed=seed, labels=False).axes[0]
        return [offsets(c) for c in nodes_of(ax)]

    shuffled = MentoringGraph(list(reversed(graph().relationships)))
    assert positions(graph()) == positions(shuffled)
    assert positions(graph()) != positions(graph(), seed=8)


def test_network_marks_mentors_and_colours_units() -> None:
    """Mentors are squares, mentees circles; units get colours, people without a record grey."""
    people = [
        Employee(nip=MENTOR, name="Budi", unit="Pelayanan"),
        Employee(nip=MENTOR2, name="Sari", unit="Sekretariat"),
        Employee(nip=MENTEES[0], name="Adi", unit="Pelayanan"),
        Employee(nip=MENTEES[1], name="Rina"),
        Employee(nip="199001012015011001", name="Elsewhere", unit="Keuangan"),
    ]
    ax = mentoring_network(graph(), employees=people).axes[0]
    nodes = nodes_of(ax)
    assert [len(offsets(c)) for c in nodes] == [2, 4]  # 2 mentors, then 4 mentees
    legend_box = ax.get_legend()
    assert legend_box is not None
    legend = [t.get_text() for t in legend_box.get_texts()]
    assert legend == ["(no unit)", "Pelayanan", "Sekretariat", "(no record)"]
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels == [MENTEES[2], MENTEES[3], "Adi", "Budi", "Rina", "Sari"]
    grey = np.asarray(nodes[1].get_facecolor())[-1].tolist()
    assert grey == pytest.approx([0xBB / 255] * 3 + [1.0])
    assert ax.get_title() == "Mentoring network (2 mentors, 4 mentees)"


def test_network_with_many_units_gives_each_its_colour() -> None:
    """Twelve units get twelve different colours; a one-pair title is in the singular."""
    mentors = [f"1980010120050110{k:02d}" for k in range(1, 13)]
    mentees = [f"1999010120230210{k:02d}" for k in range(1, 13)]
    g = MentoringGraph(
        [MentoringRelationship(mentor=a, mentee=b) for a, b in zip(mentors, mentees, strict=True)]
    )
    people = [
        Employee(nip=n, name=f"P{k}", unit=f"Unit {k % 12:02d}")
        for k, n in enumerate(mentors + mentees)
    ]
    ax = mentoring_network(g, employees=people, labels=False).axes[0]
    legend_box = ax.get_legend()
    assert legend_box is not None
    handles: list[Any] = list(legend_box.legend_handles)
    colours = {tuple(np.asarray(h.get_color()).tolist()) for h in handles}
    assert len(colours) == 12
    one = MentoringGraph([MentoringRelationship(mentor=mentors[0], mentee=mentees[0])])
    assert mentoring_network(one).axes[0].get_title() == "Mentoring network (1 mentor, 1 mentee)"


def test_network_without_employees_has_no_legend() -> None:
    """Without records there is no unit legend, and nodes are labelled by NIP."""
    ax = mentoring_network(graph(), title=None).axes[0]
    assert ax.get_legend() is None
    assert MENTOR in [t.get_text() for t in ax.texts]
    assert ax.get_title() == ""


def test_network_accepts_a_matching_result() -> None:
    """A matching result is drawn through its graph of planned relationships."""
    std = PositionStandard(
        position_id="FO",
        framework_id="asn-national",
        requirements=[Requirement(competency_id="MJ.PP", level=2)],
    )
    found = [
        Assessment(nip=m, competency_id="MJ.PP", level=1, assessed_on=dt.date(2024, 1, 8))
        for m in MENTEES
    ]
    needs = [MenteeNeed.from_report(analyse_gaps(found, std, nip=m)) for m in MENTEES]
    mentors = [
        Employee(nip=MENTOR, name="Budi", tier="pengawas"),
        Employee(nip=MENTOR2, name="Sari", tier="administrator"),
    ]
    mentees = [Employee(nip=m, name=f"N{k}", tier="pelaksana") for k, m in enumerate(MENTEES)]
    levels = {(MENTOR, "MJ.PP"): 3, (MENTOR2, "MJ.PP"): 3}
    result = match_mentors(needs, mentors, levels=levels, employees=mentees)
    assert len(result.pairs) == 4
    fig = mentoring_network(result, employees=[*mentors, *mentees])
    assert fig.axes[0].get_title().endswith("(2 mentors, 4 mentees)")


def test_network_has_one_arrow_per_pair() -> None:
    """Each mentor -> mentee pair is one arrow even when repeated in successive years."""
    again = graph().add(
        [MentoringRelationship(mentor=MENTOR, mentee=MENTEES[1], start=dt.date(2025, 1, 6))]
    )
    ax = mentoring_network(again, labels=False).axes[0]
    assert len(ax.patches) == len(MENTEES)


@pytest.mark.parametrize(
    ("graph_in", "kwargs", "text"),
    [
        (MentoringGraph(), {}, "'graph' must be at least one mentoring relationship"),
        ("G", {}, "'graph' must be a MentoringGraph or a matching result (got 'G')"),
        (None, {"seed": 1.5}, "'seed' must be a whole number (got 1.5)"),
        (None, {"seed": True}, "'seed' must be a whole number (got True)"),
        (None, {"employees": ["x"]}, "'employees' must be Employee records (got 'x')"),
    ],
)
def test_network_rejects_bad_input(graph_in: object, kwargs: dict[str, object], text: str) -> None:
    """An empty or foreign graph, a bad seed and non-employee records are rejected."""
    with pytest.raises(ValidationError) as info:
        mentoring_network(graph() if graph_in is None else graph_in, **kwargs)  # type: ignore[arg-type]
    assert text in str(info.value)


@given(mentoring_graphs().filter(lambda g: len(g) > 0))
def test_network_of_any_graph_has_one_node_per_person(g: MentoringGraph) -> None:
    """Every person in a generated graph is drawn once."""
    ax = mentoring_network(g, labels=False, dpi=30).axes[0]
    drawn = sum(len(offsets(c)) for c in nodes_of(ax))
    assert drawn == len(set(g.mentors) | set(g.mentees))


# --- before_after --------------------------------------------------------------------------


def test_before_after_direction_decides_better() -> None:
    """Service time 60 -> 30 with lower better is -50.0% better; complaints 12 -> 15 are worse."""
    fig = before_after(
        {"service time": (60, 30), "complaints": (12, 15), "IKM": (80, 80)},
        directions={"service time": "lower", "complaints": "lower"},
    )
    notes = {ax.get_title(): ax.texts[-1].get_text() for ax in fig.axes}
    assert notes == {
        "IKM": "+0.0% (unchanged)",
        "complaints": "+25.0% (worse)",
        "service time": "-50.0% (better)",
    }
    assert fig.axes[2].get_ylabel() == "lower is better"


def test_before_after_uses_indicator_direction_and_unit() -> None:
    """An Indicator key brings its own name, direction and unit."""
    waktu = Indicator(id="waktu", name="Waktu KTP", level=4, unit="minutes", direction="lower")
    ax = before_after({waktu: (45.0, 50.0)}).axes[0]
    assert ax.get_title() == "Waktu KTP"
    assert ax.texts[-1].get_text() == "+11.1% (worse)"
    assert ax.get_ylabel() == "minutes (lower is better)"


def level4() -> list[Measurement]:
    """Jambi: document service 60 -> 30 minutes; IKM 76.0 -> 83.6; complaints after only."""
    rows = [("waktu", "2023", 60), ("waktu", "2024", 30), ("ikm", "2023", 76.0)]
    rows += [("ikm", "2024", 83.6), ("aduan", "2024", 4)]
    return [Measurement(indicator_id=i, subject="Jambi", period=p, value=v) for i, p, v in rows]


INDICATORS = [
    Indicator(id="waktu", name="Waktu layanan", level=4, unit="minutes", direction="lower"),
    Indicator(id="ikm", name="IKM", level=4, unit="index 25-100"),
    Indicator(id="aduan", name="Aduan", level=4, unit="complaints", direction="lower"),
]


def test_before_after_of_an_indicator_analysis() -> None:
    """Level-4 results are drawn from before and value; one without a before value is noted."""
    analysis = analyse_indicators(
        INDICATORS, level4(), subject="Jambi", before="2023", after="2024"
    )
    fig = before_after(analysis, title=None)
    notes = {ax.get_title(): ax.texts[-1].get_text() for ax in fig.axes}
    # 76.0 -> 83.6 is +10.0 %; 60 -> 30 minutes, lower better, is -50.0 % and better.
    assert notes == {"IKM": "+10.0% (better)", "Waktu layanan": "-50.0% (better)"}
    assert fig.axes[1].get_ylabel() == "minutes (lower is better)"
    assert fig.get_suptitle() == ""
    assert fig.get_supxlabel() == "not measured before and after: Aduan"
    slope = before_after(analysis.results, style="slope").axes[0]
    assert slope.get_xlabel() == "not measured before and after: Aduan"


def test_before_after_of_a_scorecard() -> None:
    """A scorecard's level-4 indicators are drawn."""
    analysis = analyse_indicators(
        INDICATORS, level4(), subject="Jambi", before="2023", after="2024"
    )
    programme = Programme(id="P1", title="Pelatihan layanan")
    card = evaluate_programme(programme, indicators=analysis)
    assert [ax.get_title() for ax in before_after(card).axes] == ["IKM", "Waktu layanan"]


def test_before_after_needs_a_measured_result() -> None:
    """Results without a before value cannot be drawn; the error names them."""
    analysis = analyse_indicators(INDICATORS, level4(), subject="Jambi", after="2024")
    with pytest.raises(ValidationError) as info:
        before_after(analysis)
    assert "at least one indicator measured before and after" in str(info.value)
    assert "'Aduan', 'IKM', 'Waktu layanan'" in str(info.value)


def test_before_after_from_zero_prints_the_absolute_change() -> None:
    """A change from 0 has no relative size; the absolute change is printed."""
    ax = before_after({"complaints": (0, 3)}, directions={"complaints": "lower"}).axes[0]
    assert ax.texts[-1].get_text() == "+3 (worse)"


def test_before_after_slope_indexes_to_100(tmp_path: Path) -> None:
    """The slope style draws before = 100 and after = 100 * after / before on one axes."""
    fig = before_after({"A": (50, 75), "B": (20, 10)}, style="slope", figsize=(5, 4), dpi=60)
    ax = fig.axes[0]
    ends = [np.asarray(line.get_ydata()).tolist() for line in ax.get_lines()]
    assert [100.0, 50.0] in ends
    assert [100.0, 150.0] in ends
    assert ax.texts[0].get_text() == "A: 50 -> 75, +50.0% (better)"
    assert png_size(save_figure(fig, tmp_path / "s.png")) == (300, 240)


def test_before_after_bars_png_size(tmp_path: Path) -> None:
    """Two panels default to 5.2 x 3.6 inches: 520 x 360 pixels at 100 dpi."""
    fig = before_after({"A": (1, 2), "B": (2, 1)})
    assert png_size(save_figure(fig, tmp_path / "b.png")) == (520, 360)


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "text"),
    [
        ({}, {}, ValidationError, "'data' must be at least one indicator"),
        ([], {}, ValidationError, "'data' must be at least one indicator"),
        (5, {}, ValidationError, "'data' must be a mapping"),
        ([("A", 1, 2)], {}, ValidationError, "'data' must be IndicatorResult objects"),
        ({"A": (1,)}, {}, ValidationError, "'data[A]' must be a pair (before, after)"),
        ({"A": (1, 1e16)}, {}, ValidationError, "'data[A]' must be a pair (before, after) of numb"),
        ({"A": (1, None)}, {}, ValidationError, "'data[A]' must be a pair"),
        ({"A": [1, 2]}, {}, ValidationError, "'data[A]' must be a pair"),
        ({3: (1, 2)}, {}, ValidationError, "'data' must be indicator names"),
        ({"A": (1, 2)}, {"directions": {"B": "lower"}}, UnknownIdError, "unknown indicator 'B'"),
        (
            {"A": (1, 2)},
            {"directions": {"A": "down"}},
            ValidationError,
            "'directions[A]' must be 'higher' or 'lower' (got 'down')",
        ),
        ({"A": (1, 2)}, {"style": "pie"}, ValidationError, "'style' must be 'bars' or 'slope'"),
        ({"A": (0, 2)}, {"style": "slope"}, ValidationError, "a before value of at least 1e-09"),
    ],
)
def test_before_after_rejects_bad_input(
    data: object, kwargs: dict[str, object], error: type[Exception], text: str
) -> None:
    """Empty data, malformed pairs, unknown names and options are rejected naming them."""
    with pytest.raises(error) as info:
        before_after(data, **kwargs)  # type: ignore[arg-type]
    assert text in str(info.value)


def test_before_after_rejects_repeated_names() -> None:
    """Two indicators of the same name would share a panel: rejected."""
    a = Indicator(id="a", name="Waktu", level=4, unit="minutes")
    b = Indicator(id="b", name="Waktu", level=4, unit="hours")
    with pytest.raises(ValidationError, match="distinct indicator names"):
        before_after({a: (1.0, 2.0), b: (1.0, 2.0)})


values = st.floats(-1e15, 1e15)


@given(
    st.dictionaries(
        st.sampled_from(["IKM", "waktu", "aduan"]), st.tuples(values, values), min_size=1
    ),
    st.sampled_from(["bars", "slope"]),
    st.sets(st.sampled_from(["IKM", "waktu", "aduan"])),
)
def test_before_after_of_any_values_draws_or_says_why(
    data: dict[str, tuple[float, float]], style: str, lower: set[str]
) -> None:
    """Any values draw (one panel per indicator for bars), or slope refuses a base near 0."""
    directions = {name: "lower" for name in lower if name in data}
    if style == "slope" and any(abs(before) < 1e-9 for before, _ in data.values()):
        with pytest.raises(ValidationError, match="a before value of at least 1e-09"):
            before_after(data, style="slope", directions=directions)
        return
    fig = before_after(data, style=style, directions=directions, dpi=30)  # type: ignore[arg-type]
    fig.canvas.draw()
    assert len(fig.axes) == (len(data) if style == "bars" else 1)


# --- save_figure ---------------------------------------------------------------------------


def test_save_figure_writes_svg_and_pdf(tmp_path: Path) -> None:
    """The suffix picks the format."""
    fig = nine_box_grid({5: 1})
    assert save_figure(fig, tmp_path / "g.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert save_figure(fig, str(tmp_path / "g.PDF")).read_bytes()[:4] == b"%PDF"


def test_save_figure_dpi_overrides_the_figure(tmp_path: Path) -> None:
    """Saving at 50 dpi a 6 x 6 inch figure gives 300 x 300 pixels."""
    out = save_figure(nine_box_grid({5: 1}), tmp_path / "g.png", dpi=50)
    assert png_size(out) == (300, 300)


@pytest.mark.parametrize(
    ("fig", "path", "kwargs", "text"),
    [
        ("fig", "g.png", {}, "'fig' must be a matplotlib Figure (got 'fig')"),
        (None, "g.bmp2", {}, "'path' must be a file name ending in one of"),
        (None, "g", {}, "'path' must be a file name ending in one of"),
        (None, "g.png", {"dpi": -1}, "'dpi' must be a number in (0, 1200] (got -1)"),
    ],
)
def test_save_figure_rejects_bad_input(
    tmp_path: Path, fig: object, path: str, kwargs: dict[str, object], text: str
) -> None:
    """A non-figure, an unknown format or a bad dpi is rejected; nothing is written."""
    figure = nine_box_grid({5: 1}) if fig is None else fig
    with pytest.raises(ValidationError) as info:
        save_figure(figure, tmp_path / path, **kwargs)  # type: ignore[arg-type]
    assert text in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_plots_do_not_touch_pyplot() -> None:
    """Drawing never creates pyplot figures (no global state)."""
    before = plt.get_fignums()
    nine_box_grid({5: 1})
    gap_heatmap(cells())
    before_after({"A": (1, 2)})
    mentoring_network(graph(), labels=False)
    assert plt.get_fignums() == before


def test_importing_plots_loads_no_heavy_library() -> None:
    """matplotlib, networkx and numpy load when a plot is drawn, not when the module is imported."""
    code = (
        "import sys, asn_competency.plots; "
        "heavy = ('matplotlib', 'networkx', 'numpy', 'pandas'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the talent pool on the nine-box ---------------------------------------------------------


def _outlined(fig: object) -> set[tuple[int, int]]:
    """Cells (column, row) outlined in the pool's colour."""
    from matplotlib.colors import to_hex  # noqa: PLC0415
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    ax = fig.axes[0]  # type: ignore[attr-defined]
    return {
        (int(p.get_x()), int(p.get_y()))
        for p in ax.patches
        if isinstance(p, Rectangle) and not p.get_fill() and to_hex(p.get_edgecolor()) == "#1c4587"
    }


@pytest.mark.parametrize(
    ("pool", "cells", "legend"),
    [
        ("instansi", {(2, 2), (1, 2), (2, 1)}, "talent pool (instansi): boxes 9, 8, 7"),
        (PoolLevel.NASIONAL, {(2, 2)}, "talent pool (nasional): boxes 9"),
        ([5, 9], {(1, 1), (2, 2)}, "talent pool: boxes 9, 5"),
    ],
)
def test_nine_box_marks_the_pool(pool: object, cells: set[tuple[int, int]], legend: str) -> None:
    """The pool's boxes are outlined (box 7 above/middle, 8 meets/high, 9 above/high)."""
    fig = nine_box_grid({5: 3, 9: 1}, pool=pool)  # type: ignore[arg-type]
    assert _outlined(fig) == cells
    box = fig.axes[0].get_legend()
    assert box is not None
    assert [t.get_text() for t in box.get_texts()] == [legend]


def test_nine_box_marks_the_boxes_of_a_talent_pool() -> None:
    """A TalentPool outlines its own boxes and names its level."""
    e = Employee(nip="199001012015031001", name="Budi", agency="Disdukcapil")
    (pool,) = talent_pools([(e, talent_box("above", "high"))], level="nasional")
    fig = nine_box_grid({9: 1}, pool=pool)
    assert _outlined(fig) == {(2, 2)}
    box = fig.axes[0].get_legend()
    assert box is not None
    assert box.get_texts()[0].get_text().startswith("talent pool (nasional)")


def test_nine_box_without_a_pool_has_no_outline() -> None:
    """By default nothing is outlined and there is no legend."""
    fig = nine_box_grid({5: 1})
    assert _outlined(fig) == set()
    assert fig.axes[0].get_legend() is None


@pytest.mark.parametrize(
    ("pool", "message"),
    [
        ("provinsi", "'pool' must be box numbers or a pool level"),
        ([10], "'pool' must be box numbers 1..9"),
        ([True], "'pool' must be box numbers 1..9"),
        (7, "'pool' must be box numbers, a TalentPool or a pool level"),
    ],
)
def test_nine_box_refuses_a_bad_pool(pool: object, message: str) -> None:
    """A pool that is not boxes 1..9, a TalentPool or a level is named."""
    with pytest.raises(ValidationError, match=message):
        nine_box_grid({5: 1}, pool=pool)  # type: ignore[arg-type]


def test_titles_can_be_left_out() -> None:
    """title=None draws no title on the nine-box and the slope chart."""
    assert nine_box_grid({5: 1}, title=None).axes[0].get_title() == ""
    slope = before_after({"IKM": (80, 88)}, style="slope", title=None)
    assert slope.axes[0].get_title() == ""


def test_mentoring_network_of_mutual_mentors() -> None:
    """Two people mentoring each other are both drawn as mentors (no mentee-only nodes)."""
    a, b = "197805102003121001", "198602142010012003"
    g = MentoringGraph(
        [
            MentoringRelationship(
                mentor=a, mentee=b, competency_ids=["MJ.KOM"], start=dt.date(2024, 1, 1)
            ),
            MentoringRelationship(
                mentor=b, mentee=a, competency_ids=["MJ.PP"], start=dt.date(2024, 1, 1)
            ),
        ]
    )
    ax = mentoring_network(g).axes[0]
    assert [type(c).__name__ for c in ax.collections] == ["PathCollection"]  # squares only


def test_nine_box_of_an_ungrouped_summary_has_no_note() -> None:
    """A summary with no group suppressed adds nothing to the title."""
    dist = summarise_talent(placements(3, "Pelayanan", 1))
    assert nine_box_grid(dist).axes[0].get_title() == "Talent 9-box (n = 3)"
