"""A report people look at: one self-contained HTML page for an office.

The page is made of :class:`Section` objects, each with a figure (embedded as
a data URI, so the file needs no network and no other file), a table, the
policy its figures follow, and notes. The section builders turn the
library's results into sections in Indonesian or English:

- :func:`gap_section`: the gap heatmap by unit and competency
  (:class:`~asn_competency.gaps.summary.GapSummary`);
- :func:`talent_section`: the nine-box distribution
  (:class:`~asn_competency.talent.nine_box.TalentSummary`);
- :func:`skm_section`: the public-satisfaction index with its elements
  (:class:`~asn_competency.evaluation.skm.SkmResult`);
- :func:`scorecard_section`: a programme's Kirkpatrick scorecard
  (:class:`~asn_competency.evaluation.scorecard.Scorecard`).

A new kind of section is a function returning a :class:`Section`; the page
renders whatever sections it is given, in order. Aggregates come in already
suppressed (groups below the suppression policy's minimum are neither in the
figures nor in the tables) and the page says how many groups were withheld.

Examples:
    >>> from asn_competency.evaluation.skm import skm_index
    >>> page = render_report([skm_section(skm_index([[4] * 9, [3] * 9]), lang="en")],
    ...                      title="Disdukcapil", lang="en")
    >>> page.startswith("<!DOCTYPE html>"), "Public satisfaction (SKM)" in page
    (True, True)
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from asn_competency.errors import ValidationError

if TYPE_CHECKING:
    from asn_competency.evaluation.scorecard import Scorecard
    from asn_competency.evaluation.skm import SkmResult
    from asn_competency.gaps.summary import GapSummary
    from asn_competency.policies.nine_box import NineBoxPolicy, PoolLevel, TalentPoolPolicy
    from asn_competency.talent.nine_box import TalentSummary

__all__ = [
    "LANGUAGES",
    "Figure",
    "Section",
    "gap_section",
    "render_report",
    "scorecard_section",
    "skm_section",
    "talent_section",
]

LANGUAGES = ("id", "en")
"""The languages a report is written in: Indonesian and English."""


_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "generated": "Dibuat",
        "contents": "Isi",
        "policy": "Kebijakan yang dipakai",
        "notes": "Catatan",
        "suppressed": "disembunyikan",
        "no_rows": "Tidak ada baris yang dapat ditampilkan.",
        "gaps": "Kesenjangan kompetensi per unit",
        "gaps_intro": (
            "Rata-rata kesenjangan (tingkat standar dikurangi tingkat saat ini; positif berarti "
            "di bawah standar) dan porsi pegawai di bawah standar, per unit dan kompetensi."
        ),
        "gaps_hidden": "{n} kelompok dengan kurang dari {k} orang tidak ditampilkan.",
        "group": "Kelompok",
        "people": "Orang",
        "competency": "Kompetensi",
        "required_of": "Diwajibkan",
        "assessed": "Dinilai",
        "meeting": "Memenuhi",
        "mean_gap": "Rata-rata kesenjangan",
        "share_below": "Porsi di bawah standar",
        "talent": "Sebaran talenta (nine-box)",
        "talent_intro": (
            "Jumlah pegawai di setiap kotak: kinerja (di bawah, sesuai, di atas ekspektasi) "
            "terhadap potensial (rendah, menengah, tinggi)."
        ),
        "box": "Kotak",
        "performance": "Kinerja",
        "potential": "Potensial",
        "share": "Porsi",
        "recommendation": "Rekomendasi",
        "pool": "Talent pool",
        "pool_summary": (
            "Talent pool {level} (kotak {boxes}): {n} dari {total} pegawai ({share})."
        ),
        "skm": "Survei Kepuasan Masyarakat (SKM)",
        "skm_intro": (
            "Nilai rata-rata (NRR) setiap unsur pelayanan, indeks (1-4), nilai konversi "
            "(25-100) dan mutu pelayanan."
        ),
        "skm_summary": "IKM {index} (konversi {converted}): mutu {grade}, {label}; {n} responden.",
        "code": "Kode",
        "element": "Unsur",
        "answers": "Jawaban",
        "nrr": "NRR",
        "weight": "Bobot",
        "weighted": "NRR tertimbang",
        "scorecard": "Kartu skor program",
        "scorecard_intro": (
            "Evaluasi program menurut level Kirkpatrick 1-5; level tanpa data tidak dihitung "
            "sebagai nol."
        ),
        "scorecard_summary": (
            "Program {id}: nilai gabungan {composite} dari 100, {band}; data tersedia untuk "
            "{confidence} bobot."
        ),
        "level": "Level",
        "name": "Nama",
        "available": "Ada data",
        "score": "Skor",
        "contribution": "Kontribusi",
        "detail": "Rincian",
        "missing": "Tanpa data",
        "yes": "ya",
        "no": "tidak",
        "low": "rendah",
        "middle": "menengah",
        "high": "tinggi",
        "below": "di bawah ekspektasi",
        "meets": "sesuai ekspektasi",
        "above": "di atas ekspektasi",
    },
    "en": {
        "generated": "Generated",
        "contents": "Contents",
        "policy": "Policy used",
        "notes": "Notes",
        "suppressed": "suppressed",
        "no_rows": "No row can be shown.",
        "gaps": "Competency gaps by unit",
        "gaps_intro": (
            "Mean gap (required level minus current level; positive is below standard) and "
            "the share of people below standard, by unit and competency."
        ),
        "gaps_hidden": "{n} group(s) of fewer than {k} people are not shown.",
        "group": "Group",
        "people": "People",
        "competency": "Competency",
        "required_of": "Required of",
        "assessed": "Assessed",
        "meeting": "Meeting",
        "mean_gap": "Mean gap",
        "share_below": "Share below",
        "talent": "Talent distribution (nine-box)",
        "talent_intro": (
            "People in each box: performance (below, meets, above expectation) against "
            "potential (low, middle, high)."
        ),
        "box": "Box",
        "performance": "Performance",
        "potential": "Potential",
        "share": "Share",
        "recommendation": "Recommendation",
        "pool": "Talent pool",
        "pool_summary": "Talent pool {level} (boxes {boxes}): {n} of {total} people ({share}).",
        "skm": "Public satisfaction (SKM)",
        "skm_intro": (
            "The mean answer (NRR) of each service element, the index (1-4), the converted "
            "index (25-100) and the service grade."
        ),
        "skm_summary": (
            "IKM {index} (converted {converted}): grade {grade}, {label}; {n} respondents."
        ),
        "code": "Code",
        "element": "Element",
        "answers": "Answers",
        "nrr": "NRR",
        "weight": "Weight",
        "weighted": "Weighted NRR",
        "scorecard": "Programme scorecard",
        "scorecard_intro": (
            "The programme evaluated over Kirkpatrick levels 1-5; a level without data is "
            "not counted as zero."
        ),
        "scorecard_summary": (
            "Programme {id}: composite {composite} of 100, {band}; data for {confidence} of "
            "the weight."
        ),
        "level": "Level",
        "name": "Name",
        "available": "Data",
        "score": "Score",
        "contribution": "Contribution",
        "detail": "Detail",
        "missing": "Without data",
        "yes": "yes",
        "no": "no",
        "low": "low",
        "middle": "middle",
        "high": "high",
        "below": "below expectation",
        "meets": "meets expectation",
        "above": "above expectation",
    },
}


def _lang(lang: str) -> dict[str, str]:
    if lang not in _TEXT:
        raise ValidationError("lang", f"one of {', '.join(LANGUAGES)}", lang)
    return _TEXT[lang]


def _number(value: float, lang: str, decimals: int = 2) -> str:
    """A number with the language's separators: 1.234,56 in Indonesian, 1,234.56 in English."""
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.4g}" if abs(value) >= 1e15 else f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _cell(value: float | None, lang: str) -> str:
    return "-" if value is None else _number(value, lang)


def _base64(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ValidationError(attribute.name, "the picture in base64", value)
    try:
        base64.b64decode(value, validate=True)
    except ValueError:
        raise ValidationError(attribute.name, "the picture in base64", value[:20]) from None


@attrs.frozen(kw_only=True)
class Figure:
    """A picture of a section, embedded in the page.

    Args:
        base64: The picture's bytes in base64 (see :meth:`from_bytes`).
        media_type: ``"image/png"`` or ``"image/svg+xml"``.
        alt: What it shows, for readers who cannot see it.

    Raises:
        ValidationError: For a media type other than PNG or SVG, or text that is
            not base64.

    Examples:
        >>> Figure.from_bytes(b"<svg/>", media_type="image/svg+xml").uri
        'data:image/svg+xml;base64,PHN2Zy8+'
    """

    base64: str = attrs.field(validator=_base64, repr=lambda d: f"<{len(d)} characters>")
    media_type: str = attrs.field(default="image/png")
    alt: str = ""

    def __attrs_post_init__(self) -> None:
        if self.media_type not in ("image/png", "image/svg+xml"):
            raise ValidationError("media_type", "'image/png' or 'image/svg+xml'", self.media_type)

    @classmethod
    def from_bytes(cls, data: bytes, *, media_type: str = "image/png", alt: str = "") -> Figure:
        """A figure of a picture's bytes.

        Raises:
            ValidationError: For no bytes, or as the class does.
        """
        if not isinstance(data, bytes) or not data:
            raise ValidationError("data", "the picture's bytes", data)
        return cls(base64=base64.b64encode(data).decode("ascii"), media_type=media_type, alt=alt)

    @property
    def uri(self) -> str:
        """The picture as a ``data:`` URI."""
        return f"data:{self.media_type};base64,{self.base64}"


@attrs.frozen(kw_only=True)
class Section:
    """One section of the report.

    Args:
        key: A stable id (``"gaps"``, ``"talent"``, ``"skm"``, ``"scorecard"``), used as the anchor.
        title: The heading.
        intro: A sentence on what the section shows.
        summary: The main finding in one line (may be empty).
        columns: The table's column headings.
        rows: The table's rows (values formatted for the language).
        policy: The policies the figures follow, with their source.
        notes: What was withheld or left out, and why.
        figure: The picture, if any.
    """

    key: str
    title: str
    intro: str
    summary: str = ""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    policy: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    figure: Figure | None = None


def _policy_line(policy: object) -> str:
    name = getattr(policy, "name", "")
    version = getattr(policy, "version", "")
    source = getattr(policy, "source", "")
    return f"{name} {version}".strip() + (f": {source}" if source else "")


def gap_section(
    summary: GapSummary,
    *,
    lang: str = "id",
    figure: Figure | None = None,
    standards: str = "",
    notes: Sequence[str] = (),
) -> Section:
    """The gap heatmap section: one row per shown group and competency.

    Args:
        summary: The summary (already suppressed).
        lang: ``"id"`` or ``"en"``.
        figure: The heatmap.
        standards: Where the standards came from, for the policy list.
        notes: Further notes (people skipped, defaults used).

    Raises:
        ValidationError: For an unknown language.
    """
    t = _lang(lang)
    rows = []
    for g in summary.groups:
        for c in g.cells:
            hidden = t["suppressed"] if c.suppressed else "-"
            rows.append(
                (
                    " / ".join(g.key),
                    str(g.people),
                    c.competency_id,
                    str(c.required_of),
                    str(c.assessed),
                    str(c.meeting),
                    _cell(c.mean_gap, lang) if c.mean_gap is not None else hidden,
                    _percent(c.share_below, lang) if c.share_below is not None else hidden,
                )
            )
    pol = summary.policy
    extra = []
    if summary.suppressed_groups:
        extra.append(t["gaps_hidden"].format(n=summary.suppressed_groups, k=pol.min_group_size))
    return Section(
        key="gaps",
        title=t["gaps"],
        intro=t["gaps_intro"],
        columns=(
            t["group"],
            t["people"],
            t["competency"],
            t["required_of"],
            t["assessed"],
            t["meeting"],
            t["mean_gap"],
            t["share_below"],
        ),
        rows=tuple(rows),
        policy=tuple(p for p in (standards, _policy_line(pol)) if p),
        notes=(*extra, *notes),
        figure=figure,
    )


def _percent(share: float, lang: str) -> str:
    return _number(100 * share, lang, 0) + " %"


def talent_section(
    summary: TalentSummary,
    policy: NineBoxPolicy,
    *,
    lang: str = "id",
    figure: Figure | None = None,
    notes: Sequence[str] = (),
    pool: PoolLevel | str | None = None,
    pool_policy: TalentPoolPolicy | None = None,
) -> Section:
    """The nine-box section: one row per box with its people and the recommendation.

    Args:
        summary: The distribution (already suppressed; its totals cover the shown groups).
        policy: The nine-box policy that placed the people.
        lang: ``"id"`` or ``"en"``.
        figure: The grid.
        notes: Further notes (people not placed, defaults used).
        pool: A talent-pool level (``"instansi"`` or ``"nasional"``): a column
            marks the boxes of its pool, and the summary says how many people
            are in it. The pool is counted, never listed by name.
        pool_policy: Which boxes make the pool at each level (default
            :data:`~asn_competency.policies.nine_box.TALENT_POOL_PERMENPANRB_3_2020`).

    Raises:
        ValidationError: For an unknown language or pool level.

    Examples:
        >>> from asn_competency import Employee
        >>> from asn_competency.policies.nine_box import NINE_BOX_PERMENPANRB_3_2020
        >>> from asn_competency.talent.nine_box import summarise_talent, talent_box
        >>> people = [Employee(nip=f"19900101201503100{i}", name=f"P{i}") for i in range(1, 5)]
        >>> placed = [(e, talent_box("above" if i else "meets", "high"))
        ...           for i, e in enumerate(people)]
        >>> section = talent_section(summarise_talent(placed), NINE_BOX_PERMENPANRB_3_2020,
        ...                          lang="en", pool="nasional")
        >>> section.summary
        'Talent pool nasional (boxes 9): 3 of 4 people (75 %).'
    """
    from asn_competency import _validate  # noqa: PLC0415
    from asn_competency.policies.nine_box import (  # noqa: PLC0415
        TALENT_POOL_PERMENPANRB_3_2020,
        PoolLevel,
        TalentPoolPolicy,
    )

    t = _lang(lang)
    total = sum(summary.totals)
    by_box = {number: cell for cell, number in policy.grid.items()}
    boxes: tuple[int, ...] = ()
    level = None
    pools = TALENT_POOL_PERMENPANRB_3_2020 if pool_policy is None else pool_policy
    if not isinstance(pools, TalentPoolPolicy):
        raise ValidationError("pool_policy", "a TalentPoolPolicy or None", pool_policy)
    if pool is not None:
        level = _validate.to_enum(PoolLevel, "pool")(pool)
        boxes = pools.boxes_for(level)
    rows = tuple(
        (
            str(box),
            t[by_box[box][0].value],
            t[by_box[box][1].value],
            str(summary.totals[box - 1]),
            _percent(summary.totals[box - 1] / total, lang) if total else "-",
            *((t["yes"] if box in boxes else t["no"],) if level is not None else ()),
            policy.recommendations[box],
        )
        for box in range(9, 0, -1)
    )
    extra = []
    if summary.suppressed_groups and summary.policy is not None:
        k = summary.policy.min_group_size
        extra.append(t["gaps_hidden"].format(n=summary.suppressed_groups, k=k))
    found = ""
    if level is not None and total:
        n = sum(summary.totals[b - 1] for b in boxes)
        found = t["pool_summary"].format(
            level=level.value,
            boxes=", ".join(str(b) for b in boxes),
            n=n,
            total=total,
            share=_percent(n / total, lang),
        )
    return Section(
        key="talent",
        title=t["talent"],
        intro=t["talent_intro"],
        summary=found,
        columns=(
            t["box"],
            t["performance"],
            t["potential"],
            t["people"],
            t["share"],
            *((t["pool"],) if level is not None else ()),
            t["recommendation"],
        ),
        rows=rows,
        policy=tuple(
            p
            for p in (
                _policy_line(policy),
                level is not None and _policy_line(pools),
                summary.policy and _policy_line(summary.policy),
            )
            if p
        ),
        notes=(*extra, *notes),
        figure=figure,
    )


def skm_section(
    result: SkmResult, *, lang: str = "id", figure: Figure | None = None, notes: Sequence[str] = ()
) -> Section:
    """The SKM section: one row per element, the index and the grade.

    Raises:
        ValidationError: For an unknown language.
    """
    t = _lang(lang)
    rows = tuple(
        (
            e.code,
            e.name,
            str(e.answers),
            _number(e.nrr, lang, 3),
            _number(float(e.weight), lang, 4),
            _number(e.weighted, lang, 4),
        )
        for e in result.elements
    )
    summary = t["skm_summary"].format(
        index=_number(result.index, lang, 3),
        converted=_number(result.converted, lang),
        grade=result.grade,
        label=result.label,
        n=result.respondents,
    )
    return Section(
        key="skm",
        title=t["skm"],
        intro=t["skm_intro"],
        summary=summary,
        columns=(t["code"], t["element"], t["answers"], t["nrr"], t["weight"], t["weighted"]),
        rows=rows,
        policy=(_policy_line(result.policy),),
        notes=tuple(notes),
        figure=figure,
    )


def scorecard_section(
    card: Scorecard, *, lang: str = "id", figure: Figure | None = None, notes: Sequence[str] = ()
) -> Section:
    """The programme scorecard section: one row per Kirkpatrick level.

    Raises:
        ValidationError: For an unknown language.
    """
    t = _lang(lang)
    rows = tuple(
        (
            str(int(lv.level)),
            lv.name,
            t["yes"] if lv.available else t["no"],
            _cell(lv.score, lang),
            _number(lv.effective_weight, lang, 3),
            _number(lv.contribution, lang),
            lv.detail,
        )
        for lv in card.levels
    )
    summary = t["scorecard_summary"].format(
        id=card.programme_id,
        composite="-" if card.composite is None else _number(card.composite, lang, 1),
        band=card.band or "-",
        confidence=_percent(card.confidence, lang),
    )
    return Section(
        key="scorecard",
        title=t["scorecard"],
        intro=t["scorecard_intro"],
        summary=summary,
        columns=(
            t["level"],
            t["name"],
            t["available"],
            t["score"],
            t["weight"],
            t["contribution"],
            t["detail"],
        ),
        rows=rows,
        policy=(_policy_line(card.policy),),
        notes=(*(f"{t['missing']}: {m}" for m in card.missing), *notes),
        figure=figure,
    )


_STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;
color:#222;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:2px solid #3d6b99;
padding-bottom:.2em;margin-top:2em}
.meta{color:#555;font-size:.9em}.summary{font-weight:bold}
figure{margin:1em 0;text-align:center}figure img{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#e8eef5}tr:nth-child(even) td{background:#f7f9fb}
.policy,.notes{font-size:.85em;color:#444}nav ul{columns:2}
@media print{h2{page-break-before:auto}figure{page-break-inside:avoid}}
"""


def _section_html(section: Section, lang: str) -> str:
    t = _TEXT[lang]
    e = html.escape
    parts = [f'<section id="{e(section.key)}">', f"<h2>{e(section.title)}</h2>"]
    parts.append(f"<p>{e(section.intro)}</p>")
    if section.summary:
        parts.append(f'<p class="summary">{e(section.summary)}</p>')
    if section.figure is not None:
        f = section.figure
        parts.append(
            f'<figure><img src="{f.uri}" alt="{e(f.alt or section.title)}">'
            f"<figcaption>{e(f.alt or section.title)}</figcaption></figure>"
        )
    if section.rows:
        head = "".join(f"<th>{e(c)}</th>" for c in section.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in section.rows
        )
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    else:
        parts.append(f"<p>{e(t['no_rows'])}</p>")
    if section.policy:
        items = "".join(f"<li>{e(p)}</li>" for p in section.policy)
        parts.append(f'<div class="policy"><strong>{e(t["policy"])}</strong><ul>{items}</ul></div>')
    if section.notes:
        items = "".join(f"<li>{e(n)}</li>" for n in section.notes)
        parts.append(f'<div class="notes"><strong>{e(t["notes"])}</strong><ul>{items}</ul></div>')
    parts.append("</section>")
    return "\n".join(parts)


def render_report(
    sections: Sequence[Section],
    *,
    title: str,
    lang: str = "id",
    subtitle: str = "",
    generated: dt.date | None = None,
) -> str:
    """Render sections into one self-contained HTML page (no script, no external file).

    Args:
        sections: The sections, in the order shown; their keys must differ.
        title: The page title (the office).
        lang: ``"id"`` or ``"en"``: the page's language.
        subtitle: A line under the title (period, data used).
        generated: The date printed as the report's date (default: today).

    Returns:
        The HTML text.

    Raises:
        ValidationError: For an unknown language, an empty title, a section that
            is not a :class:`Section` or two sections with one key.
    """
    t = _lang(lang)
    if not isinstance(title, str) or not title.strip():
        raise ValidationError("title", "a non-empty text", title)
    keys: set[str] = set()
    for i, s in enumerate(sections):
        if not isinstance(s, Section):
            raise ValidationError(f"sections[{i}]", "a Section", s)
        if s.key in keys:
            raise ValidationError(f"sections[{i}].key", "a key no other section has", s.key)
        keys.add(s.key)
    e = html.escape
    day = (generated or dt.date.today()).isoformat()
    contents = "".join(f'<li><a href="#{e(s.key)}">{e(s.title)}</a></li>' for s in sections)
    body = "\n".join(_section_html(s, lang) for s in sections)
    sub = f'<p class="meta">{e(subtitle)}</p>' if subtitle else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{e(title)}</h1>{sub}"
        f'<p class="meta">{e(t["generated"])}: {day}</p></header>\n'
        f"<nav><strong>{e(t['contents'])}</strong><ul>{contents}</ul></nav>\n"
        f"{body}\n</body>\n</html>\n"
    )
