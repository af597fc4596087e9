import datetime as dt
import json

import pytest

from asn_competency import demo
from asn_competency.errors import ValidationError
from asn_competency.evaluation.skm import skm_index
from asn_competency.gaps.individual import analyse_population
from asn_competency.gaps.summary import GapSummary, summarise_gaps
from asn_competency.policies.nine_box import NINE_BOX_PERMENPANRB_3_2020
from asn_competency.report import (
    Figure,
    Section,
    gap_section,
    render_report,
    scorecard_section,
    skm_section,
    talent_section,
)
from asn_competency.talent.nine_box import summarise_talent, talent_box

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 8


def _summary() -> GapSummary:
    office = demo.sample_office()
    reports = analyse_population(office, demo.sample_office_assessments(), demo.sample_standard)
    return summarise_gaps(reports, employees=office, by="unit")


def test_numbers_follow_the_language() -> None:
    """Indonesian pages write 1.234,56; English pages 1,234.56."""
    result = skm_index([[4] * 9, [3] * 9, [3] * 9])
    id_rows = skm_section(result, lang="id").rows
    en_rows = skm_section(result, lang="en").rows
    assert id_rows[0][3] == "3,333"
    assert en_rows[0][3] == "3.333"


def test_gap_section_keeps_suppression() -> None:
    """Only shown groups are in the table; the withheld ones are counted in a note."""
    section = gap_section(_summary(), lang="en", standards="standards: sample")
    assert {row[0] for row in section.rows} == {"Pelayanan", "Pendaftaran"}
    assert section.notes == ("1 group(s) of fewer than 5 people are not shown.",)
    assert section.policy[0] == "standards: sample"
    assert section.policy[1].startswith("small-group-suppression 1: ")


def test_talent_section_lists_every_box() -> None:
    """Nine rows, box 9 first, with the policy's recommendation."""
    office = demo.sample_office()
    placed = [(e, talent_box("meets", "middle")) for e in office]
    section = talent_section(summarise_talent(placed), NINE_BOX_PERMENPANRB_3_2020, lang="id")
    assert [row[0] for row in section.rows] == [str(b) for b in range(9, 0, -1)]
    five = section.rows[4]
    assert five[:5] == ("5", "sesuai ekspektasi", "menengah", "16", "100 %")
    assert section.policy == (section.policy[0],)


def test_talent_section_counts_the_pool() -> None:
    """With a pool level, a column marks the pool's boxes and the summary counts its people.

    The sample office of 16, placed in boxes 9, 8, 7 and 5 (four each): the agency
    pool holds 12 (75 %), the national pool 4 (25 %).
    """
    from asn_competency.policies.nine_box import TALENT_POOL_PERMENPANRB_3_2020  # noqa: PLC0415

    office = demo.sample_office()
    ranks = [("above", "high"), ("meets", "high"), ("above", "middle"), ("meets", "middle")]
    placed = [(e, talent_box(*ranks[i % 4])) for i, e in enumerate(office)]
    summary = summarise_talent(placed)
    section = talent_section(summary, NINE_BOX_PERMENPANRB_3_2020, lang="id", pool="instansi")
    assert section.summary == "Talent pool instansi (kotak 9, 8, 7): 12 dari 16 pegawai (75 %)."
    assert section.columns[5] == "Talent pool"
    assert [row[5] for row in section.rows] == ["ya"] * 3 + ["tidak"] * 6
    assert section.policy[1].startswith(TALENT_POOL_PERMENPANRB_3_2020.name)
    national = talent_section(summary, NINE_BOX_PERMENPANRB_3_2020, lang="en", pool="nasional")
    assert national.summary == "Talent pool nasional (boxes 9): 4 of 16 people (25 %)."


def test_talent_section_refuses_a_bad_pool() -> None:
    """An unknown pool level or a pool policy of the wrong kind is named."""
    summary = summarise_talent([])
    with pytest.raises(ValidationError, match="'pool' must be one of"):
        talent_section(summary, NINE_BOX_PERMENPANRB_3_2020, pool="kota")
    with pytest.raises(ValidationError, match="'pool_policy' must be a TalentPoolPolicy"):
        talent_section(
            summary,
            NINE_BOX_PERMENPANRB_3_2020,
            pool="instansi",
            pool_policy=NINE_BOX_PERMENPANRB_3_2020,  # type: ignore[arg-type]
        )
    empty = talent_section(summary, NINE_BOX_PERMENPANRB_3_2020, pool="instansi")
    assert empty.summary == ""  # nobody placed: nothing to count


def test_scorecard_section_names_missing_levels() -> None:
    """Levels without data are listed as notes."""
    card = demo.evaluate_sample(80.0)
    section = scorecard_section(card, lang="en")
    assert [row[0] for row in section.rows] == ["1", "2", "3", "4", "5"]
    assert section.notes[0].startswith("Without data: ")
    assert section.summary.startswith("Programme DUKCAPIL-2025: composite ")


def test_a_page_of_sections() -> None:
    """The page embeds figures as data URIs, escapes text and lists the sections."""
    fig = Figure.from_bytes(PNG, alt="<peta>")
    section = Section(
        key="x",
        title="A & B",
        intro="intro",
        columns=("a",),
        rows=(("<b>",),),
        notes=("n",),
        figure=fig,
    )
    empty = Section(key="y", title="Kosong", intro="", columns=("a",), rows=())
    page = render_report([section, empty], title="Kantor", lang="id", generated=dt.date(2025, 1, 2))
    assert 'src="data:image/png;base64,' in page
    assert "<td>&lt;b&gt;</td>" in page
    assert "A &amp; B" in page
    assert "Dibuat: 2025-01-02" in page
    assert "Tidak ada baris yang dapat ditampilkan." in page
    assert '<a href="#y">Kosong</a>' in page


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "T", "lang": "fr"}, "lang"),
        ({"title": " ", "lang": "id"}, "title"),
    ],
)
def test_bad_pages(kwargs: dict[str, str], field: str) -> None:
    """An unknown language or an empty title is refused, naming the field."""
    with pytest.raises(ValidationError) as e:
        render_report([], title=kwargs["title"], lang=kwargs["lang"])
    assert e.value.field == field


def test_sections_are_checked() -> None:
    """A page refuses a non-section and two sections with one key."""
    s = Section(key="x", title="X", intro="", columns=(), rows=())
    with pytest.raises(ValidationError, match=r"sections\[0\]"):
        render_report(["x"], title="T")  # type: ignore[list-item]
    with pytest.raises(ValidationError, match=r"sections\[1\]\.key"):
        render_report([s, s], title="T")


def test_figures_are_checked() -> None:
    """A figure needs bytes (as base64) and a PNG or SVG media type."""
    with pytest.raises(ValidationError, match="media_type"):
        Figure.from_bytes(PNG, media_type="image/gif")
    with pytest.raises(ValidationError, match="data"):
        Figure.from_bytes(b"")
    with pytest.raises(ValidationError, match="base64"):
        Figure(base64="not base64!")
    with pytest.raises(ValidationError, match="base64"):
        Figure(base64="")


def test_sections_go_to_json_and_back() -> None:
    """A section (with its figure) is a public object: JSON and back equal."""
    from asn_competency.io.json import from_data, loads, to_data  # noqa: PLC0415

    section = skm_section(skm_index([[4] * 9]), lang="en", figure=Figure.from_bytes(PNG))
    data = to_data(section)
    assert from_data(Section, data) == section
    assert loads(Section, json.dumps(data)) == section


def test_edges_of_numbers_and_suppression() -> None:
    """Infinite numbers print as such; a talent summary by group says what it withheld."""
    from asn_competency.report import _number  # noqa: PLC0415

    assert _number(float("inf"), "id") == "inf"
    assert _number(1e30, "en") == "1e+30"
    office = demo.sample_office()
    placed = [(e, talent_box("meets", "middle")) for e in office]
    summary = summarise_talent(placed, by="unit")
    section = talent_section(summary, NINE_BOX_PERMENPANRB_3_2020, lang="en")
    assert section.notes == ("1 group(s) of fewer than 5 people are not shown.",)
    full = summarise_gaps([], employees=office, by="unit")
    assert gap_section(full, lang="en").notes == ()
