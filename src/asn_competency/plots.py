"""Plots of gaps, talent, mentoring and programme effect (needs the ``plots`` extra).

Each function draws on a fresh :class:`matplotlib.figure.Figure` (or on an axes
you pass) and returns the figure. No function touches :mod:`matplotlib.pyplot`
or its global state, so the plots are safe in web servers, worker threads and
tests; save them with :func:`save_figure`. matplotlib (and networkx, for the
network) is imported only inside the functions.

- :func:`gap_heatmap`: unit x competency matrix of the mean gap or of the share
  of people below standard; suppressed groups are hatched, never drawn as zero;
- :func:`nine_box_grid`: the 3 x 3 talent grid (performance across, potential
  up) with the count and share of people in each box, and the talent pool's
  boxes outlined;
- :func:`mentoring_network`: mentors and mentees as a directed graph, in a
  layout fixed by a seed, coloured by unit;
- :func:`before_after`: indicator values before and after a programme, each
  change labelled better or worse according to the indicator's direction.

Examples:
    >>> fig = nine_box_grid({1: 2, 5: 10, 9: 3})
    >>> [round(v) for v in fig.get_size_inches()]
    [6, 6]
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from asn_competency.domain.employee import Employee
from asn_competency.domain.indicators import Direction, Indicator
from asn_competency.domain.mentoring import MentoringGraph
from asn_competency.errors import UnknownIdError, ValidationError
from asn_competency.policies.nine_box import (
    NINE_BOX_PERMENPANRB_3_2020,
    TALENT_POOL_PERMENPANRB_3_2020,
    NineBoxPolicy,
    Performance,
    PoolLevel,
    Potential,
)
from asn_competency.talent.nine_box import TalentGroup, TalentSummary
from asn_competency.talent.pools import TalentPool

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from asn_competency.evaluation.results import IndicatorAnalysis, IndicatorResult
    from asn_competency.evaluation.scorecard import Scorecard
    from asn_competency.gaps.summary import GapSummary
    from asn_competency.matching.match import MatchingResult

__all__ = [
    "before_after",
    "gap_heatmap",
    "mentoring_network",
    "nine_box_grid",
    "save_figure",
]

HeatmapValue = Literal["gap", "share_below"]

_LARGEST_GAP = 1000.0  # levels; far beyond any scale, small enough for the colour bar
_LARGEST_VALUE = 1e15  # an indicator value (rupiah included); larger ones overflow the axes
_SMALLEST_BASE = 1e-9  # the slope chart divides by the before value
_FORMATS = frozenset({"png", "svg", "pdf", "jpg", "jpeg"})
_NO_RECORD = "(no record)"


def _new_figure(figsize: tuple[float, float], dpi: float) -> Figure:
    from matplotlib.figure import Figure  # noqa: PLC0415 - keep `import asn_competency` light

    _check_size(figsize, dpi)
    return Figure(figsize=figsize, dpi=dpi, layout="constrained")


def _check_size(figsize: object, dpi: object) -> None:
    if (
        not isinstance(figsize, tuple)
        or len(figsize) != 2
        or not all(_is_number(v) and 0 < v < 1000 for v in figsize)
    ):
        raise ValidationError("figsize", "(width, height) in inches, each in (0, 1000)", figsize)
    if not _is_number(dpi) or not 0 < dpi <= 1200:  # type: ignore[operator]
        raise ValidationError("dpi", "a number in (0, 1200]", dpi)


def _is_number(value: object) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(float(value))
    )


def _figure_and_axes(
    ax: Axes | None, figsize: tuple[float, float], dpi: float
) -> tuple[Figure, Axes]:
    from matplotlib.axes import Axes  # noqa: PLC0415 - keep `import asn_competency` light
    from matplotlib.figure import Figure  # noqa: PLC0415

    if ax is None:
        fig = _new_figure(figsize, dpi)
        return fig, fig.add_subplot()
    if not isinstance(ax, Axes):
        raise ValidationError("ax", "a matplotlib Axes or None", ax)
    # The root figure, also when the axes sits on a subfigure (``get_figure(root=True)``
    # needs matplotlib 3.10; the extra supports 3.7).
    parent = ax.figure
    root = getattr(parent, "figure", parent)
    if not isinstance(root, Figure):  # pragma: no cover - an Axes always belongs to a figure
        raise ValidationError("ax", "an Axes placed on a figure", ax)
    return root, ax


def _order(
    given: Sequence[str] | None, present: set[str], kind: str, field: str
) -> tuple[str, ...]:
    if given is None:
        return tuple(sorted(present))
    if isinstance(given, str) or not isinstance(given, Sequence):
        raise ValidationError(field, f"a sequence of {kind} names", given)
    for name in given:
        if name not in present:
            raise UnknownIdError(kind, str(name), "the heatmap data")
    if len(set(given)) != len(given):
        raise ValidationError(field, f"distinct {kind} names", list(given))
    if not given:
        raise ValidationError(field, f"at least one {kind}", list(given))
    return tuple(given)


def _summary_cells(
    summary: GapSummary, value: HeatmapValue
) -> tuple[dict[tuple[str, str], float | None], str]:
    """Read the cells of a gap summary and a note on its suppressed groups."""
    out: dict[tuple[str, str], float | None] = {}
    for group in summary.groups:
        unit = " / ".join(group.key)
        for c in group.cells:
            figure = c.mean_gap if value == "gap" else c.share_below
            if c.assessed == 0:  # nobody assessed: no data, left blank
                continue
            out[unit, c.competency_id] = None if c.suppressed else figure
    if not out:
        raise ValidationError(
            "data", "a gap summary with at least one shown group", summary.suppressed_groups
        )
    hidden = summary.suppressed_groups
    note = (
        f"{hidden} group{'s' if hidden != 1 else ''} of fewer than "
        f"{summary.policy.min_group_size} people not shown"
        if hidden
        else ""
    )
    return out, note


def _heatmap_cells(data: object) -> dict[tuple[str, str], float | None]:
    """Read ``{(unit, competency_id): value or None}`` from a mapping."""
    if not isinstance(data, Mapping):
        raise ValidationError(
            "data", "a mapping {(unit, competency_id): value} or a GapSummary", data
        )
    if not data:
        raise ValidationError("data", "at least one (unit, competency_id) cell", {})
    out: dict[tuple[str, str], float | None] = {}
    for key, value in data.items():
        if (
            not isinstance(key, tuple)
            or len(key) != 2
            or not all(isinstance(k, str) and k for k in key)
        ):
            raise ValidationError("data", "keys (unit, competency_id) of two texts", key)
        if value is not None and not (_is_number(value) and abs(value) <= _LARGEST_GAP):
            raise ValidationError(
                f"data[{key[0]}, {key[1]}]",
                f"a number in -{_LARGEST_GAP:g}..{_LARGEST_GAP:g} or None (suppressed)",
                value,
            )
        out[key] = None if value is None else float(value)
    return out


def gap_heatmap(
    data: Mapping[tuple[str, str], float | None] | GapSummary,
    *,
    value: HeatmapValue = "gap",
    units: Sequence[str] | None = None,
    competencies: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    annotate: bool = True,
    figsize: tuple[float, float] | None = None,
    dpi: float = 100,
) -> Figure:
    """Draw a unit x competency matrix of gaps.

    Args:
        data: ``{(unit, competency_id): value}``, where ``None`` marks a cell
            suppressed for privacy (too few people), or a
            :class:`~asn_competency.gaps.summary.GapSummary`: its shown groups
            become the rows (a key of several fields is joined with " / "),
            its suppressed cells are hatched, cells where nobody was assessed
            are blank, and the number of groups not shown is noted. Cells
            missing from the mapping are drawn blank.
        value: ``"gap"`` (mean gap in levels: positive is a shortfall; drawn on
            a scale centred on 0) or ``"share_below"`` (share of people below
            the standard, 0..1, drawn as a percentage).
        units: The rows to draw, in order (default: every unit, sorted).
        competencies: The columns to draw, in order (default: every
            competency, sorted).
        ax: An axes to draw on; by default a new figure is made.
        title: The title (default names the value drawn).
        annotate: Whether to print each cell's value.
        figsize: Figure size in inches (default grows with the matrix); only
            used when ``ax`` is not given.
        dpi: Dots per inch of a new figure.

    Returns:
        The figure drawn on.

    Raises:
        ValidationError: If ``data`` is empty, has a key that is not a pair of
            texts or a value that is neither a number in -1000..1000 nor
            ``None``; if a share lies outside 0..1; if ``value`` is unknown;
            if ``units`` or ``competencies`` is empty or repeats a name.
        UnknownIdError: If ``units`` or ``competencies`` names something the
            data does not hold.

    Examples:
        >>> fig = gap_heatmap({("Pelayanan", "MJ.PP"): 0.5, ("Pelayanan", "MJ.KOM"): -0.25,
        ...                    ("Sekretariat", "MJ.PP"): None}, figsize=(4, 3))
        >>> ax = fig.axes[0]
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['Pelayanan', 'Sekretariat']
        >>> sorted(t.get_text() for t in ax.texts)
        ['+0.50', '-0.25', 'suppressed']
        >>> ax.get_xlabel().splitlines()[1]
        'hatched: suppressed (too few people); blank: no data'
    """
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    from asn_competency.gaps.summary import GapSummary  # noqa: PLC0415 - only when drawing

    if value not in ("gap", "share_below"):
        raise ValidationError("value", "'gap' or 'share_below'", value)
    hidden = ""
    if isinstance(data, GapSummary):
        cells, hidden = _summary_cells(data, value)
    else:
        cells = _heatmap_cells(data)
    if value == "share_below":
        for key, v in cells.items():
            if v is not None and not 0.0 <= v <= 1.0:
                raise ValidationError(f"data[{key[0]}, {key[1]}]", "a share in 0..1", v)
    rows = _order(units, {u for u, _ in cells}, "unit", "units")
    cols = _order(competencies, {c for _, c in cells}, "competency", "competencies")
    size = figsize or (max(4.0, 2.2 + 0.8 * len(cols)), max(3.0, 1.6 + 0.45 * len(rows)))
    fig, axes = _figure_and_axes(ax, size, dpi)

    grid, suppressed, missing = _grid(cells, rows, cols)
    cmap, norm, label = _scale(value, grid)
    image = axes.imshow(np.ma.masked_invalid(grid), cmap=cmap, norm=norm, aspect="auto")
    fig.colorbar(image, ax=axes, label=label)
    for i, j in suppressed:
        axes.add_patch(_hatched_cell(i, j))
    if annotate:
        for (i, j), text in _cell_texts(grid, suppressed, value):
            # White on the darkest colours (both ends of the gap scale, the top of the share).
            shade = 0.5 if text == "suppressed" else float(norm(grid[i, j]))
            dark = shade > 0.8 or (value == "gap" and shade < 0.2)
            axes.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7 if text == "suppressed" else 8,
                color="white" if dark else "black",
            )
    axes.set_xticks(range(len(cols)), labels=list(cols), rotation=45, ha="right")
    axes.set_yticks(range(len(rows)), labels=list(rows))
    notes = [
        *(
            ["hatched: suppressed (too few people); blank: no data"]
            if suppressed or missing
            else []
        ),
        *([hidden] if hidden else []),
    ]
    axes.set_xlabel("\n".join(["competency", *notes]))
    axes.set_ylabel("unit")
    axes.set_title(title if title is not None else label)
    return fig


def _grid(
    cells: Mapping[tuple[str, str], float | None], rows: Sequence[str], cols: Sequence[str]
) -> tuple[Any, list[tuple[int, int]], int]:
    """Return the value matrix (NaN where not drawn), the suppressed cells and the missing count."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    grid = np.full((len(rows), len(cols)), np.nan)
    suppressed: list[tuple[int, int]] = []
    missing = 0
    for i, unit in enumerate(rows):
        for j, cid in enumerate(cols):
            if (unit, cid) not in cells:
                missing += 1
            elif (v := cells[unit, cid]) is None:
                suppressed.append((i, j))
            else:
                grid[i, j] = v
    return grid, suppressed, missing


def _scale(value: HeatmapValue, grid: Any) -> tuple[str, Any, str]:
    """Return the colour map, the norm and the colour-bar label."""
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light
    from matplotlib import colors  # noqa: PLC0415

    if value == "share_below":
        return "Reds", colors.Normalize(vmin=0.0, vmax=1.0), "share below standard"
    shown = grid[~np.isnan(grid)]
    top = float(np.max(np.abs(shown))) if shown.size else 0.0
    if top < 1e-6:  # all (near) zero: a scale of one level either way
        top = 1.0
    norm = colors.TwoSlopeNorm(vmin=-top, vcenter=0.0, vmax=top)
    return "RdYlGn_r", norm, "mean gap (+ is short)"


def _cell_texts(
    grid: Any, suppressed: list[tuple[int, int]], value: HeatmapValue
) -> list[tuple[tuple[int, int], str]]:
    import numpy as np  # noqa: PLC0415 - keep `import asn_competency` light

    out: list[tuple[tuple[int, int], str]] = [(cell, "suppressed") for cell in suppressed]
    for i, j in zip(*np.nonzero(~np.isnan(grid)), strict=True):
        v = float(grid[i, j])
        out.append(((int(i), int(j)), f"{v:.0%}" if value == "share_below" else f"{v:+.2f}"))
    return sorted(out)


def _hatched_cell(i: int, j: int) -> Any:
    from matplotlib.patches import Rectangle  # noqa: PLC0415 - keep `import asn_competency` light

    return Rectangle(
        (j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="0.5", linewidth=0
    )


def _box_counts(counts: object) -> tuple[dict[int, int], str]:
    """Read ``{box: count}`` for boxes 1..9 and a note for the title."""
    note = ""
    if isinstance(counts, TalentSummary):
        hidden = counts.suppressed_groups
        if hidden:
            note = f"; {hidden} small group{'s' if hidden != 1 else ''} not shown"
        counts = dict(enumerate(counts.totals, start=1))
    elif isinstance(counts, TalentGroup):
        note = f"; {' / '.join(counts.key)}" if counts.key else ""
        counts = dict(enumerate(counts.counts, start=1))
    elif not isinstance(counts, Mapping):
        raise ValidationError(
            "counts", "a mapping {box: count}, a TalentSummary or a TalentGroup", counts
        )
    out = dict.fromkeys(range(1, 10), 0)
    for box, n in counts.items():
        b = getattr(box, "value", box)
        if isinstance(b, bool) or not isinstance(b, int):
            raise ValidationError("counts", "box numbers 1..9 as keys", box)
        if b not in out:
            raise UnknownIdError("box", str(b), "the 9-box grid (1..9)")
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValidationError(f"counts[{b}]", "a whole number >= 0", n)
        out[b] += n
    if not sum(out.values()):
        raise ValidationError("counts", "at least one person placed", dict(counts))
    return out, note


_POOL_EDGE = "#1c4587"


def _pool_boxes(pool: object) -> tuple[tuple[int, ...], str]:
    """The boxes to outline and the legend's text."""
    if isinstance(pool, TalentPool):
        return pool.boxes, f"talent pool ({pool.level.value})"
    if isinstance(pool, (str, PoolLevel)):
        level = _validate_level(pool)
        return TALENT_POOL_PERMENPANRB_3_2020.boxes_for(level), f"talent pool ({level.value})"
    if not isinstance(pool, Iterable):
        raise ValidationError("pool", "box numbers, a TalentPool or a pool level", pool)
    boxes = tuple(pool)
    for b in boxes:
        if isinstance(b, bool) or not isinstance(b, int) or not 1 <= b <= 9:
            raise ValidationError("pool", "box numbers 1..9", b)
    return tuple(sorted(set(boxes), reverse=True)), "talent pool"


def _validate_level(value: str | PoolLevel) -> PoolLevel:
    try:
        return PoolLevel(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in PoolLevel)
        raise ValidationError("pool", f"box numbers or a pool level ({choices})", value) from None


def nine_box_grid(
    counts: Mapping[int, int] | TalentSummary | TalentGroup,
    *,
    pool: Iterable[int] | TalentPool | PoolLevel | str | None = None,
    policy: NineBoxPolicy = NINE_BOX_PERMENPANRB_3_2020,
    ax: Axes | None = None,
    title: str | None = "Talent 9-box",
    labels: Mapping[int, str] | None = None,
    figsize: tuple[float, float] = (6.0, 6.0),
    dpi: float = 100,
) -> Figure:
    """Draw the 3 x 3 talent grid with the number of people in each box.

    Performance (*kinerja*: below, meets, above expectation) runs along the
    x axis and potential (*potensial*: low, middle, high) up the y axis, as
    PermenPAN-RB 3/2020 sets the axes; the policy's grid numbers the boxes
    (box 1 bottom left, box 9 top right in the national numbering). Each box
    shows its number, its count and its share of everyone placed.

    Args:
        counts: ``{box number 1..9: people}`` (boxes left out hold 0 people;
            keys may be enum members whose value is the number), a
            :class:`~asn_competency.talent.nine_box.TalentSummary` (its totals over
            the shown groups; the number of groups not shown goes in the title)
            or one :class:`~asn_competency.talent.nine_box.TalentGroup`.
        pool: Boxes to outline as the talent pool: box numbers, a
            :class:`~asn_competency.talent.pools.TalentPool` (its boxes), or a
            pool level (``"instansi"``: 7, 8, 9; ``"nasional"``: 9, under
            :data:`~asn_competency.policies.nine_box.TALENT_POOL_PERMENPANRB_3_2020`);
            ``None`` outlines nothing. A legend names the outline.
        policy: The nine-box numbering.
        ax: An axes to draw on; by default a new figure is made.
        title: The title, or ``None`` for none.
        labels: ``{box: short text}`` printed under the count (for instance a
            summary of the recommendation).
        figsize: Size in inches of a new figure.
        dpi: Dots per inch of a new figure.

    Returns:
        The figure drawn on.

    Raises:
        ValidationError: If nobody is placed (empty ``counts`` or all zero), a
            key is not a whole number, a count is negative or not whole, or
            ``policy`` is not a :class:`~asn_competency.policies.nine_box.NineBoxPolicy`,
            or ``pool`` holds something other than boxes 1..9 or a pool level.
        UnknownIdError: If a key or a ``labels`` key is not a box 1..9.

    Examples:
        >>> fig = nine_box_grid({1: 1, 5: 6, 9: 3})
        >>> texts = [t.get_text() for t in fig.axes[0].texts]
        >>> texts[:2]
        ['1', '1 (10%)']
        >>> fig = nine_box_grid({5: 6, 9: 3}, pool="instansi")
        >>> fig.axes[0].get_legend().get_texts()[0].get_text()
        'talent pool (instansi): boxes 9, 8, 7'
    """
    from matplotlib.patches import Rectangle  # noqa: PLC0415 - keep `import asn_competency` light

    if not isinstance(policy, NineBoxPolicy):
        raise ValidationError("policy", "a NineBoxPolicy", policy)
    boxes, note = _box_counts(counts)
    outlined, legend = ((), "") if pool is None else _pool_boxes(pool)
    notes = dict(labels or {})
    for box in notes:
        if box not in boxes:
            raise UnknownIdError("box", str(box), "the 9-box grid (1..9)")
    fig, axes = _figure_and_axes(ax, figsize, dpi)
    total = sum(boxes.values())
    performance = (Performance.BELOW, Performance.MEETS, Performance.ABOVE)
    potential = (Potential.LOW, Potential.MIDDLE, Potential.HIGH)
    # Shade the boxes by how strong a position they are: diagonal bands.
    shades = {0: "#f4cccc", 1: "#fde9c9", 2: "#fff2cc", 3: "#d9ead3", 4: "#b6d7a8"}
    for (perf, pot), box in sorted(policy.grid.items(), key=lambda kv: kv[1]):
        x, y = performance.index(perf), potential.index(pot)
        axes.add_patch(
            Rectangle((x, y), 1, 1, facecolor=shades[x + y], edgecolor="white", linewidth=3)
        )
        axes.text(x + 0.08, y + 0.88, str(box), fontsize=9, va="top", color="0.35")
        axes.text(
            x + 0.5,
            y + 0.5,
            f"{boxes[box]} ({boxes[box] / total:.0%})",
            ha="center",
            va="center",
            fontsize=13,
        )
        if box in notes:
            axes.text(x + 0.5, y + 0.2, notes[box], ha="center", va="center", fontsize=7, wrap=True)
        if box in outlined:
            axes.add_patch(
                Rectangle(
                    (x + 0.04, y + 0.04),
                    0.92,
                    0.92,
                    fill=False,
                    edgecolor=_POOL_EDGE,
                    linewidth=2.5,
                    label=None,
                )
            )
    if outlined:
        from matplotlib.patches import Patch  # noqa: PLC0415 - keep `import asn_competency` light

        boxes_text = ", ".join(map(str, outlined))
        handle = Patch(fill=False, edgecolor=_POOL_EDGE, linewidth=2.5)
        axes.legend(
            [handle],
            [f"{legend}: boxes {boxes_text}"],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.14),
            frameon=False,
            fontsize=8,
        )
    axes.set_xlim(0, 3)
    axes.set_ylim(0, 3)
    axes.set_aspect("equal")
    axes.set_xticks([0.5, 1.5, 2.5], labels=["below", "meets", "above"])
    axes.set_yticks([0.5, 1.5, 2.5], labels=["low", "middle", "high"])
    axes.set_xlabel("performance (kinerja) against expectation")
    axes.set_ylabel("potential (potensial)")
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    if title is not None:
        axes.set_title(f"{title} (n = {total}{note})")
    return fig


def _mentoring_graph(graph: object) -> MentoringGraph:
    if isinstance(graph, MentoringGraph):
        return graph
    inner = getattr(graph, "graph", None)
    if isinstance(inner, MentoringGraph):
        return inner
    raise ValidationError("graph", "a MentoringGraph or a matching result", graph)


def mentoring_network(
    graph: MentoringGraph | MatchingResult,
    *,
    employees: Iterable[Employee] | None = None,
    ax: Axes | None = None,
    seed: int = 7,
    labels: bool = True,
    title: str | None = "Mentoring network",
    figsize: tuple[float, float] = (7.0, 6.0),
    dpi: float = 100,
) -> Figure:
    """Draw mentors and mentees as a directed graph (arrows from mentor to mentee).

    The layout is networkx's spring layout with a fixed ``seed`` over nodes in
    NIP order, so the same graph always gives the same picture. Mentors are
    drawn as squares and mentees as circles; with ``employees`` the nodes are
    coloured by unit (people without a record are grey) and labelled by name.

    Args:
        graph: A :class:`~asn_competency.domain.mentoring.MentoringGraph`, or a
            matching result whose ``graph`` is one.
        employees: Records used for the colour (unit) and the label (name).
            Records of people outside the graph are ignored.
        ax: An axes to draw on; by default a new figure is made.
        seed: Seed of the layout.
        labels: Whether to label the nodes (name, or NIP without a record).
        title: The title, or ``None`` for none.
        figsize: Size in inches of a new figure.
        dpi: Dots per inch of a new figure.

    Returns:
        The figure drawn on.

    Raises:
        ValidationError: If the graph holds no relationship, ``graph`` is
            neither a mentoring graph nor a matching result, an employee is not
            an :class:`~asn_competency.domain.employee.Employee` or ``seed`` is not a
            whole number.

    Examples:
        >>> from asn_competency import MentoringRelationship
        >>> g = MentoringGraph([MentoringRelationship(mentor="198001012005011001",
        ...                                           mentee="199901012023021001")])
        >>> fig = mentoring_network(g, labels=False)
        >>> fig.axes[0].get_title()
        'Mentoring network (1 mentor, 1 mentee)'
    """
    import networkx as nx  # noqa: PLC0415 - keep `import asn_competency` light

    mg = _mentoring_graph(graph)
    if len(mg) == 0:
        raise ValidationError("graph", "at least one mentoring relationship", mg)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("seed", "a whole number", seed)
    people: dict[str, Employee] = {}
    for e in employees or ():
        if not isinstance(e, Employee):
            raise ValidationError("employees", "Employee records", e)
        people[e.nip] = e
    g = mg.to_networkx()
    nodes = sorted(g.nodes)
    ordered: nx.DiGraph[str] = nx.DiGraph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(g.edges))
    pos = nx.spring_layout(ordered, seed=seed)
    fig, axes = _figure_and_axes(ax, figsize, dpi)

    def unit_of(nip: str) -> str:
        e = people.get(nip)
        return (e.unit or "(no unit)") if e is not None else _NO_RECORD

    unit_names = sorted({unit_of(n) for n in nodes} - {_NO_RECORD})
    palette = _palette(len(unit_names))
    colour = {u: palette[k] for k, u in enumerate(unit_names)}
    colour[_NO_RECORD] = "#bbbbbb"
    mentors = set(mg.mentors)
    for shape, members in (
        ("s", [n for n in nodes if n in mentors]),
        ("o", [n for n in nodes if n not in mentors]),
    ):
        if members:
            nx.draw_networkx_nodes(
                ordered,
                pos,
                nodelist=members,
                node_shape=shape,
                node_color=[colour[unit_of(n)] for n in members],
                node_size=320,
                edgecolors="0.3",
                ax=axes,
            )
    nx.draw_networkx_edges(ordered, pos, arrows=True, arrowsize=12, node_size=320, ax=axes)
    if labels:
        names = {n: people[n].name if n in people else n for n in nodes}
        nx.draw_networkx_labels(ordered, pos, labels=names, font_size=7, ax=axes)
    if people:
        from matplotlib.lines import Line2D  # noqa: PLC0415

        handles = [
            Line2D([], [], marker="o", linestyle="", color=colour[u], label=u)
            for u in [*unit_names, _NO_RECORD]
            if u in {unit_of(n) for n in nodes}
        ]
        # A fixed corner: "best" is slow on big graphs and warns about it.
        axes.legend(handles=handles, title="unit", fontsize=7, loc="upper right")
    axes.set_axis_off()
    if title is not None:
        axes.set_title(
            f"{title} ({_count(len(mentors), 'mentor')}, {_count(len(mg.mentees), 'mentee')})"
        )
    return fig


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _palette(n: int) -> list[Any]:
    from matplotlib import colormaps  # noqa: PLC0415 - keep `import asn_competency` light

    cmap = colormaps["tab20" if n > 10 else "tab10"]
    return [cmap(k % cmap.N) for k in range(n)]


def _items(data: object) -> tuple[list[tuple[object, object]], list[str]]:
    """Return ``(key, (before, after))`` items and the names of unmeasured indicators."""
    from asn_competency.evaluation.results import IndicatorAnalysis, IndicatorResult  # noqa: PLC0415 - only when drawing
    from asn_competency.evaluation.scorecard import Scorecard  # noqa: PLC0415 - only when drawing

    if isinstance(data, Mapping):
        if not data:
            raise ValidationError("data", "at least one indicator", {})
        return list(data.items()), []
    if isinstance(data, IndicatorAnalysis):
        results: list[object] = list(data.results)
    elif isinstance(data, Scorecard):
        results = list(data.indicators)
    elif isinstance(data, Iterable) and not isinstance(data, (str, bytes)):
        results = list(data)
    else:
        raise ValidationError(
            "data", "a mapping {name: (before, after)} or indicator results", data
        )
    items: list[tuple[object, object]] = []
    unmeasured: list[str] = []
    for r in results:
        if not isinstance(r, IndicatorResult):
            raise ValidationError("data", "IndicatorResult objects", r)
        if r.before is None or r.value is None:
            unmeasured.append(r.name)
            continue
        indicator = Indicator(
            id=r.indicator_id, name=r.name, level=r.level, unit=r.unit, direction=r.direction
        )
        items.append((indicator, (r.before, r.value)))
    if not items:
        raise ValidationError(
            "data", "at least one indicator measured before and after", unmeasured
        )
    return items, sorted(unmeasured)


def _directions(directions: Mapping[str, Direction | str] | None) -> dict[str, Direction]:
    out: dict[str, Direction] = {}
    for name, d in (directions or {}).items():
        try:
            out[name] = Direction(d)
        except ValueError:
            raise ValidationError(f"directions[{name}]", "'higher' or 'lower'", d) from None
    return out


def _pairs(
    data: object, directions: Mapping[str, Direction | str] | None
) -> tuple[list[tuple[str, float, float, Direction, str]], list[str]]:
    """Read ``(name, before, after, direction, unit)`` rows (by name) and unmeasured names."""
    items, unmeasured = _items(data)
    dirs = _directions(directions)
    rows: list[tuple[str, float, float, Direction, str]] = []
    for key, pair in items:
        if isinstance(key, Indicator):
            name, direction, unit = key.name, key.direction, key.unit
        elif isinstance(key, str) and key:
            name, direction, unit = key, Direction.HIGHER, ""
        else:
            raise ValidationError("data", "indicator names or Indicator objects as keys", key)
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not all(_is_number(v) and abs(v) <= _LARGEST_VALUE for v in pair)
        ):
            raise ValidationError(
                f"data[{name}]",
                f"a pair (before, after) of numbers within +-{_LARGEST_VALUE:g}",
                pair,
            )
        rows.append((name, float(pair[0]), float(pair[1]), dirs.get(name, direction), unit))
    names = [r[0] for r in rows]
    if len(set(names)) != len(names):
        raise ValidationError("data", "distinct indicator names", names)
    for name in dirs:
        if name not in names:
            raise UnknownIdError("indicator", name, "the before/after data")
    return sorted(rows), unmeasured


def _change_text(before: float, after: float, direction: Direction) -> tuple[str, str]:
    """Return the annotation and its colour: better green, worse red, unchanged grey."""
    change = after - before
    gain = change if direction is Direction.HIGHER else -change
    verdict = "better" if gain > 0 else "worse" if gain < 0 else "unchanged"
    rel = f"{change / abs(before):+.1%}" if before else f"{change:+g}"
    shade = {"better": "#2e7d32", "worse": "#c62828", "unchanged": "0.4"}[verdict]
    return f"{rel} ({verdict})", shade


def before_after(
    data: Mapping[str, tuple[float, float]]
    | Mapping[Indicator, tuple[float, float]]
    | IndicatorAnalysis
    | Scorecard
    | Iterable[IndicatorResult],
    *,
    style: Literal["bars", "slope"] = "bars",
    directions: Mapping[str, Direction | str] | None = None,
    before_label: str = "before",
    after_label: str = "after",
    title: str | None = "Before and after the programme",
    figsize: tuple[float, float] | None = None,
    dpi: float = 100,
) -> Figure:
    """Compare indicator values before and after a programme.

    Every change is labelled with its relative size and whether it is *better*
    or *worse*: for an indicator where lower is better (service time,
    complaints) a fall is an improvement.

    ``style="bars"`` draws one small panel per indicator with its own scale and
    unit; ``style="slope"`` draws every indicator on one axes as a line from
    before to after, indexed so that before = 100 (every before value must then
    be non-zero).

    Args:
        data: ``{name: (before, after)}`` (higher is better unless
            ``directions`` says otherwise), ``{Indicator: (before, after)}``
            (the indicator's name, direction and unit are used), or level-4
            results: an :class:`~asn_competency.evaluation.results.IndicatorAnalysis`,
            a :class:`~asn_competency.evaluation.scorecard.Scorecard` (its indicators) or
            :class:`~asn_competency.evaluation.results.IndicatorResult` objects, each
            drawn from its ``before`` and ``value``. Results missing either
            value are left out and named in a note under the figure.
        style: ``"bars"`` or ``"slope"``.
        directions: ``{name: "higher" or "lower"}`` overriding the direction of
            some indicators.
        before_label: Label of the first value.
        after_label: Label of the second value.
        title: The figure's title, or ``None`` for none.
        figsize: Size in inches (default grows with the number of indicators).
        dpi: Dots per inch.

    Returns:
        The figure drawn on, indicators in name order.

    Raises:
        ValidationError: If ``data`` is empty (or no result has both values),
            a value is not a pair of numbers within +-1e15, a name repeats, a
            direction or ``style`` is unknown, or (slope) a before value is 0
            (or smaller than 1e-9 in size).
        UnknownIdError: If ``directions`` names an indicator not in ``data``.

    Examples:
        >>> fig = before_after({"service time (min)": (60.0, 30.0), "IKM": (76.0, 83.5)},
        ...                    directions={"service time (min)": "lower"})
        >>> [ax.get_title() for ax in fig.axes]
        ['IKM', 'service time (min)']
        >>> fig.axes[1].texts[-1].get_text()
        '-50.0% (better)'
    """
    if style not in ("bars", "slope"):
        raise ValidationError("style", "'bars' or 'slope'", style)
    rows, unmeasured = _pairs(data, directions)
    note = f"not measured before and after: {', '.join(unmeasured)}" if unmeasured else ""
    if style == "slope":
        return _slope(
            rows,
            note=note,
            before_label=before_label,
            after_label=after_label,
            title=title,
            figsize=figsize,
            dpi=dpi,
        )
    n = len(rows)
    fig = _new_figure(figsize or (max(3.0, 2.6 * n), 3.6), dpi)
    panels = fig.subplots(1, n, squeeze=False)[0]
    for axes, (name, before, after, direction, unit) in zip(panels, rows, strict=True):
        text, shade = _change_text(before, after, direction)
        axes.bar([0, 1], [before, after], color=["0.7", shade], width=0.6)
        axes.set_xticks([0, 1], labels=[before_label, after_label])
        for x, v in ((0, before), (1, after)):
            axes.annotate(
                f"{v:g}",
                (x, v),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
            )
        axes.text(
            0.5,
            1.0,
            text,
            transform=axes.transAxes,
            ha="center",
            va="bottom",
            color=shade,
            fontsize=8,
        )
        axes.set_title(name, fontsize=9, pad=14)
        arrow = "lower is better" if direction is Direction.LOWER else "higher is better"
        axes.set_ylabel(f"{unit} ({arrow})" if unit else arrow, fontsize=8)
        axes.margins(y=0.15)
    if title is not None:
        fig.suptitle(title)
    if note:
        fig.supxlabel(note, fontsize=8)
    return fig


def _slope(
    rows: list[tuple[str, float, float, Direction, str]],
    *,
    note: str,
    before_label: str,
    after_label: str,
    title: str | None,
    figsize: tuple[float, float] | None,
    dpi: float,
) -> Figure:
    for name, before, *_ in rows:
        if abs(before) < _SMALLEST_BASE:
            raise ValidationError(
                f"data[{name}]",
                f"a before value of at least {_SMALLEST_BASE:g} in size (slope)",
                before,
            )
    fig = _new_figure(figsize or (6.0, 4.0 + 0.2 * len(rows)), dpi)
    axes = fig.add_subplot()
    for name, before, after, direction, _unit in rows:
        text, shade = _change_text(before, after, direction)
        end = 100.0 * after / before
        axes.plot([0, 1], [100.0, end], marker="o", color=shade)
        axes.annotate(
            f"{name}: {before:g} -> {after:g}, {text}",
            (1, end),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=shade,
        )
    axes.axhline(100.0, color="0.8", linewidth=0.8, zorder=0)
    axes.set_xticks([0, 1], labels=[before_label, after_label])
    axes.set_xlim(-0.1, 2.6)
    if note:
        axes.set_xlabel(note, fontsize=8)
    axes.set_ylabel(f"value, {before_label} = 100")
    if title is not None:
        axes.set_title(title)
    return fig


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: float | None = None) -> Path:
    r"""Write a figure to a file whose suffix names the format (png, svg, pdf, jpg).

    The picture keeps the figure's size: ``figsize x dpi`` pixels for a raster
    format.

    Args:
        fig: The figure.
        path: Where to write; the folder must exist.
        dpi: Dots per inch (default: the figure's own).

    Returns:
        The path written.

    Raises:
        ValidationError: If ``fig`` is not a figure or the suffix is not a
            supported format.

    Examples:
        >>> import tempfile, pathlib
        >>> out = save_figure(nine_box_grid({5: 1}), pathlib.Path(tempfile.mkdtemp()) / "g.png")
        >>> out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        True
    """
    from matplotlib.figure import Figure  # noqa: PLC0415 - keep `import asn_competency` light

    if not isinstance(fig, Figure):
        raise ValidationError("fig", "a matplotlib Figure", fig)
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in _FORMATS:
        raise ValidationError("path", f"a file name ending in one of {sorted(_FORMATS)}", str(path))
    if dpi is not None and (not _is_number(dpi) or not 0 < dpi <= 1200):
        raise ValidationError("dpi", "a number in (0, 1200]", dpi)
    fig.savefig(target, format=fmt, dpi=fig.dpi if dpi is None else dpi)
    return target
