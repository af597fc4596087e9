"""The columnar intake: the same numbers as the object path, errors by line and column."""

import math
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_competency import strategies as acst
from asn_competency.domain.assessment import Assessment
from asn_competency.domain.position import PositionStandard, Requirement
from asn_competency.errors import ValidationError
from asn_competency.evaluation.skm import skm_index
from asn_competency.gaps.columnar import analyse_columns
from asn_competency.gaps.individual import analyse_gaps
from asn_competency.io.arrow import read_gap_columns, read_skm_table
from asn_competency.io.csv import CsvError, write_assessments
from asn_competency.policies.combination import CombinationPolicy
from asn_competency.policies.national import national_framework

NIP = "199001012015031001"
STD = PositionStandard(
    position_id="FO",
    framework_id="asn-national",
    requirements=[
        Requirement(competency_id="MJ.KOM", level=3, importance=2),
        Requirement(competency_id="MJ.PP", level=4),
    ],
)
FW = national_framework()


@given(st.lists(acst.assessments(FW), max_size=25), st.data())
def test_the_columnar_path_gives_the_object_paths_numbers(
    seen: list[Assessment], data: st.DataObject
) -> None:
    """Weighted gap and JPM per person equal analyse_gaps' under the latest rule."""
    std = data.draw(acst.standards(FW))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        write_assessments(seen, path)
        result = analyse_columns(read_gap_columns(path, std))
    assert set(result.nips) == {a.nip for a in seen}
    for i, nip in enumerate(result.nips):
        report = analyse_gaps(seen, std, nip=nip)
        for got, want in (
            (result.weighted_gap[i], report.weighted_gap),
            (result.jpm[i], report.jpm),
        ):
            if want is None:
                assert math.isnan(got)
            else:
                assert got == pytest.approx(want, rel=1e-12, abs=1e-12)


def test_latest_wins_and_same_day_ties_go_to_the_trusted_source(tmp_path: Path) -> None:
    """Per person and competency the latest level counts; on one day the higher-priority source."""
    path = tmp_path / "a.csv"
    path.write_text(
        "nip;kompetensi;tingkat;tanggal;sumber\n"
        f"{NIP};MJ.KOM;1;2023-01-01;assessment_centre\n"
        f"{NIP};MJ.KOM;4;2024-01-01;self\n"
        f"{NIP};MJ.KOM;2;2024-01-01;pusat_penilaian\n"
        f"{NIP};MJ.INT;5;2024-01-01;\n",
        encoding="utf-8",
    )
    cols = read_gap_columns(path, STD)
    assert cols.nips == (NIP,)
    assert cols.competency_ids == ("MJ.KOM", "MJ.PP")
    assert cols.level[0] == 2.0
    assert math.isnan(cols.level[1])


def test_parquet_and_columns(tmp_path: Path) -> None:
    """A Parquet file, headers of one's own, a NIP written with spaces."""
    path = tmp_path / "a.parquet"
    table = pa.table(
        {
            "NIP Baru": ["19900101 201503 1 001"],
            "Kode": ["MJ.PP"],
            "Nilai": [3],
            "Tgl": ["01/05/2024"],
        }
    )
    pq.write_table(table, path)
    names = {"NIP Baru": "nip", "Kode": "competency_id", "Nilai": "level", "Tgl": "assessed_on"}
    cols = read_gap_columns(path, STD, columns=names)
    assert cols.nips == (NIP,)
    assert cols.level.tolist()[1] == 3.0


def test_bad_cells_are_named_by_line_and_column(tmp_path: Path) -> None:
    """Every kind of bad cell, each named; nothing is returned."""
    path = tmp_path / "a.csv"
    path.write_text(
        "nip,competency_id,level,assessed_on,source\n"
        f"123,MJ.KOM,3,2024-01-01,\n"
        f"{NIP},MJ KOM,3,2024-01-01,\n"
        f"{NIP},MJ.KOM,tiga,2024-01-01,\n"
        f"{NIP},MJ.KOM,3,2999-01-01,\n"
        f"{NIP},MJ.KOM,3,2024-01-01,rumour\n"
        f"{NIP},,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CsvError) as info:
        read_gap_columns(path, STD)
    lines = [str(p) for p in info.value.problems]
    assert "line 2, column 'nip': expected 18 digits (got '123')" in lines
    assert any(x.startswith("line 3, column 'competency_id': expected an id") for x in lines)
    assert "line 4, column 'level': expected a whole number (got 'tiga')" in lines
    assert any(
        x.startswith("line 5, column 'assessed_on': expected a date not after") for x in lines
    )
    assert any(x.startswith("line 6, column 'source': expected one of") for x in lines)
    assert "line 7, column 'level': expected a value (got '')" in lines


def test_negative_levels_and_missing_columns(tmp_path: Path) -> None:
    """A negative level (read as a number) and a missing required column."""
    path = tmp_path / "a.csv"
    path.write_text(f"nip,competency_id,level,assessed_on\n{NIP},MJ.KOM,-1,2024-01-01\n")
    with pytest.raises(CsvError, match=r"line 2, column 'level': expected a whole number >= 0"):
        read_gap_columns(path, STD)
    path.write_text(f"nip,level\n{NIP},1\n")
    with pytest.raises(CsvError, match="expected a column 'competency_id'"):
        read_gap_columns(path, STD)
    with pytest.raises(CsvError, match="expected a readable CSV or Parquet file"):
        read_gap_columns(tmp_path / "none.csv", STD)


def test_only_the_latest_rule(tmp_path: Path) -> None:
    """Other combination rules are the object path's."""
    path = tmp_path / "a.csv"
    path.write_text(f"nip,competency_id,level,assessed_on\n{NIP},MJ.KOM,1,2024-01-01\n")
    with pytest.raises(ValidationError, match="'combination' must be a policy with the 'latest'"):
        read_gap_columns(path, STD, combination=CombinationPolicy(name="h", rule="highest"))


def test_survey_answers_as_an_array(tmp_path: Path) -> None:
    """Survey answers in the policy's element order; blanks are NaN; skm_index takes the array."""
    path = tmp_path / "s.csv"
    path.write_text(
        "U9;U1;U2;U3;U4;U5;U6;U7;U8\n4;4;4;4;4;4;4;4;4\n;3;3;3;3;3;3;3;3\n", encoding="utf-8"
    )
    answers = read_skm_table(path)
    assert answers.shape == (2, 9)
    assert math.isnan(answers[1, 8])
    assert np.array_equal(answers[0], np.full(9, 4.0))
    assert skm_index(answers[:1]).converted == 100.0
    named = tmp_path / "n.csv"
    named.write_text("P;U2;U3;U4;U5;U6;U7;U8;U9\n4;4;4;4;4;4;4;4;4\n", encoding="utf-8")
    assert read_skm_table(named, columns={"P": "U1"}).shape == (1, 9)
    with pytest.raises(ValidationError, match=r"'columns\[P\]' must be an element code"):
        read_skm_table(named, columns={"P": "X1"})
    bad = tmp_path / "b.csv"
    bad.write_text("U1;U2;U3;U4;U5;U6;U7;U8\nempat;4;4;4;4;4;4;4\n", encoding="utf-8")
    with pytest.raises(CsvError) as info:
        read_skm_table(bad)
    assert [str(p) for p in info.value.problems] == [
        "line 1: expected a column 'U9' (got 'U1, U2, U3, U4, U5, U6, U7, U8')"
    ]
    bad.write_text("U1;U2;U3;U4;U5;U6;U7;U8;U9\nempat;4;4;4;4;4;4;4;4\n", encoding="utf-8")
    with pytest.raises(CsvError, match=r"line 2, column 'U1': expected a whole number"):
        read_skm_table(bad)


def test_parquet_with_numbers_and_missing_cells(tmp_path: Path) -> None:
    """A NIP column of integers is read exactly; missing cells are named as missing."""
    path = tmp_path / "a.parquet"
    table = pa.table(
        {
            "nip": pa.array([int(NIP), int(NIP)], pa.int64()),
            "competency_id": ["MJ.PP", "MJ.KOM"],
            "level": pa.array([3, None], pa.int64()),
            "assessed_on": ["2024-01-01", None],
        }
    )
    pq.write_table(table, path)
    with pytest.raises(CsvError) as info:
        read_gap_columns(path, STD)
    assert [str(p) for p in info.value.problems] == [
        "line 3, column 'level': expected a value (got '')",
        "line 3, column 'assessed_on': expected a value (got '')",
    ]
