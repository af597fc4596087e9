import argparse
from pathlib import Path

import pytest

from asn_competency.cli import _inputs
from asn_competency.io.csv import CsvError, read_standards
from asn_competency.io.json import dump
from tests.cli.helpers import DEDI


def test_kinds_of_json_documents(tmp_path: Path) -> None:
    """A list of unknown records has no kind; one standard reads as a list of standards."""
    assert _inputs.guess_json_kind([{"x": 1}]) is None
    assert _inputs.guess_json_kind([{"mentor": "1"}]) == "relationships"
    assert _inputs.guess_json_kind([{"activity_id": "A"}]) == "enrolments"


def test_one_standard_and_enrolments(data: Path) -> None:
    """A single standard in JSON is a list of one; enrolments read from CSV."""
    [fo] = [s for s in read_standards(data / "standar.csv") if s.position_id == "FO"]
    dump(fo, data / "fo.json")
    assert _inputs.load_json(data / "fo.json", "standards") == [fo]
    [first, _] = _inputs.load_list(data / "peserta.csv", "enrolments")
    assert first.nip == DEDI


def test_places_and_columns(tmp_path: Path) -> None:
    """Records are placed by line in CSV, by path in JSON, by row when lines cannot be told."""
    csv = tmp_path / "a.csv"
    csv.write_text("nip;nama\n\n1;A\n2;B\n", encoding="utf-8")
    assert _inputs.places(csv, 2) == ["line 3", "line 4"]
    assert _inputs.places(csv, 3) == ["row 1", "row 2", "row 3"]
    assert _inputs.places(tmp_path / "a.json", 2) == ["$[0]", "$[1]"]
    twice = tmp_path / "b.csv"
    twice.write_text("nip;x;x\n1;2;3\n", encoding="utf-8")
    assert _inputs.places(twice, 1) == ["row 1"]
    assert _inputs.column_of(twice, "employees", "tier") == "tier"
    assert _inputs.column_of(tmp_path / "a.json", "employees", "tier") == "tier"
    assert _inputs.column_of(csv, "employees", "name") == "nama"


def test_problems_at_a_json_path() -> None:
    """A problem in a JSON record is named by its path and field."""
    p = _inputs.problem(Path("a.json"), "$[2]", "tier", "a tier", "")
    assert str(p) == "$[2].tier: expected a tier (got '')"
    assert str(_inputs.problem(Path("a.json"), "$[2]", None, "x", 1)) == "$[2]: expected x (got 1)"


def test_small_tables(tmp_path: Path) -> None:
    """A table with a header alone has no rows; a required column is named when missing."""
    only = tmp_path / "h.csv"
    only.write_text("nip;pre;post\n", encoding="utf-8")
    rows, col = _inputs.read_columns(only, [("nip", (), True), ("post", ("sesudah",), True)])
    assert rows == []
    assert col == {"nip": "nip", "post": "post"}
    with pytest.raises(CsvError, match="a column 'x'"):
        _inputs.read_columns(only, [("x", (), True)])
    with pytest.raises(ValueError, match="inf"):
        _inputs.number_cell("inf")
    assert _inputs.number_cell("2,5") == 2.5


def test_a_population_without_assessments(data: Path) -> None:
    """Without assessments, everyone has their standard and no level."""
    args = argparse.Namespace(
        employees=data / "pegawai.csv",
        assessments=None,
        standards=data / "standar.csv",
        framework=None,
        skip_unknown=False,
        tier_default=False,
    )
    population = _inputs.load_population(args)
    assert population.assessments == []
    assert [r.jpm for r in population.reports("latest")] == [None] * 4
