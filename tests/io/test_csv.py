import datetime as dt
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from asn_competency import (
    Assessment,
    AssessmentSource,
    Competency,
    CompetencyFramework,
    Employee,
    Programme,
    national_framework,
)
from asn_competency import strategies as acst
from asn_competency.errors import DocumentError, ValidationError
from asn_competency.io import csv as tabular
from asn_competency.io.csv import (
    CsvError,
    CsvProblem,
    check_csv,
    guess_kind,
    iter_assessments,
    read_activities,
    read_assessments,
    read_csv_rows,
    read_employees,
    read_enrolments,
    read_framework,
    read_programme,
    read_skm_responses,
    read_standards,
    write_assessments,
    write_csv_rows,
    write_employees,
    write_framework,
    write_programme,
    write_skm_responses,
    write_standards,
)
from asn_competency.io.frames import assessments_to_dataframe, employees_to_dataframe

NIP = "199001012015031001"
NIP2 = "198602142010012003"
HEADER = "nip,competency_id,level,assessed_on\n"


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _problems(exc: pytest.ExceptionInfo[CsvError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# --- round trips ---------------------------------------------------------------------------

NUL_WRITABLE = sys.version_info >= (3, 11)

FORMATS = st.fixed_dictionaries(
    {
        "headers": st.sampled_from(["en", "id"]),
        "sep": st.sampled_from([",", ";"]),
        "bom": st.booleans(),
    }
)


@given(st.lists(acst.assessments(), max_size=8), FORMATS)
def test_assessments_round_trip(assessments: list[Assessment], fmt: dict[str, Any]) -> None:
    """Writing assessments and reading them back gives the same objects, in any format."""
    # Python 3.10's csv module cannot write a NUL (a test below checks the error).
    assume(NUL_WRITABLE or not any("\x00" in a.assessor + a.evidence for a in assessments))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "a.csv"
        assert write_assessments(assessments, path, **fmt) == len(assessments)
        assert read_assessments(path) == tuple(assessments)
        assert tuple(iter_assessments(path)) == tuple(assessments)


@given(st.lists(acst.employees(), max_size=6, unique_by=lambda e: e.nip), FORMATS)
def test_employees_round_trip(employees: list[Employee], fmt: dict[str, Any]) -> None:
    """Employees survive a CSV round trip, free text kept exactly as written."""
    texts = "".join(e.name + e.agency + e.unit + e.region + e.position_id for e in employees)
    assume(NUL_WRITABLE or "\x00" not in texts)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "e.csv"
        write_employees(employees, path, **fmt)
        assert read_employees(path) == tuple(employees)


@given(acst.frameworks(), FORMATS, st.data())
def test_framework_and_standards_round_trip(
    fw: CompetencyFramework, fmt: dict[str, Any], data: st.DataObject
) -> None:
    """A framework (flattened, one row per level) and its standards survive a round trip."""
    standards = data.draw(
        st.lists(acst.standards(fw), max_size=3, unique_by=lambda s: s.position_id)
    )
    with tempfile.TemporaryDirectory() as d:
        fw_path = Path(d) / "fw.csv"
        write_framework(fw, fw_path, **fmt)
        assert read_framework(fw_path) == fw
        std_path = Path(d) / "std.csv"
        write_standards(standards, std_path, **fmt)
        got = read_standards(std_path, framework=fw)
        assert got == tuple(sorted(standards, key=lambda s: s.position_id))


@given(acst.programmes(), FORMATS)
def test_programme_round_trip(programme: Programme, fmt: dict[str, Any]) -> None:
    """Activities and enrolments round-trip; the programme's own fields are passed back in."""
    with tempfile.TemporaryDirectory() as d:
        acts, enrols = Path(d) / "act.csv", Path(d) / "enr.csv"
        counts = write_programme(programme, acts, enrols, **fmt)
        assert counts == (len(programme.activities), len(programme.enrolments))
        back = read_programme(
            acts,
            enrols,
            id=programme.id,
            title=programme.title,
            owner=programme.owner,
            start=programme.start,
            end=programme.end,
            budget=programme.budget,
        )
        assert back == programme


# --- worked examples -------------------------------------------------------------------------


def test_indonesian_headers_semicolons_bom_and_local_formats(folder: Path) -> None:
    """A spreadsheet export: BOM, ';', Indonesian headers, DD/MM/YYYY dates, Indonesian sources."""
    path = folder / "penilaian.csv"
    text = (
        "No;NIP;Kode Kompetensi;Tingkat;Tanggal Penilaian;Sumber;Penilai\n"
        f"1;{NIP};MJ.KOM;3;01/05/2024;atasan;Kepala Bidang\n"
        f"2;{NIP};MJ.PP;2;2024-05-02;Diri Sendiri;\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    got = read_assessments(path)
    assert [(a.competency_id, a.level, a.assessed_on, a.source, a.assessor) for a in got] == [
        ("MJ.KOM", 3, dt.date(2024, 5, 1), AssessmentSource.SUPERVISOR, "Kepala Bidang"),
        ("MJ.PP", 2, dt.date(2024, 5, 2), AssessmentSource.SELF, ""),
    ]
    assert guess_kind(path) == "assessments"


def test_standards_with_decimal_comma_and_framework_column(folder: Path) -> None:
    """Semicolon files may write importance with a decimal comma; standards group by position."""
    path = _write(
        folder / "standar.csv",
        "id_jabatan;kompetensi;tingkat;bobot;id_kerangka\n"
        "KASI;MJ.PP;3;1,5;asn-national\nFO;MJ.PP;2;;asn-national\nKASI;MJ.KOM;3;2;asn-national\n",
    )
    fo, kasi = read_standards(path, framework=national_framework())
    assert (fo.position_id, fo.framework_id, fo.requirements[0].importance) == (
        "FO",
        "asn-national",
        1.0,
    )
    # importance 1,5 is 1.5; requirements are sorted by competency id.
    assert [(r.competency_id, r.importance) for r in kasi.requirements] == [
        ("MJ.KOM", 2.0),
        ("MJ.PP", 1.5),
    ]


def test_framework_with_default_scale_and_not_applicable_level(folder: Path) -> None:
    """An empty level cell gives the generic scale; level 0 is the not-applicable level."""
    path = _write(
        folder / "teknis.csv",
        "kompetensi,nama,jenis,induk,terkait,skala,tingkat,label_tingkat\n"
        "TK,Kearsipan,teknis,,,arsip-5,,\n"
        "TK.1,Arsip digital,Teknis,TK,TK,s2,0,Tidak relevan\n"
        "TK.1,Arsip digital,Teknis,TK,TK,s2,1,Dasar\n",
    )
    fw = read_framework(path, title="Teknis")
    assert fw.id == "teknis"
    assert (fw["TK"].scale.maximum, fw["TK"].scale.id) == (5, "arsip-5")
    assert fw["TK.1"].scale.not_applicable is not None
    assert fw["TK.1"].parent_id == "TK"
    assert fw["TK.1"].related_ids == ("TK",)


def test_read_programme_and_enrolments(folder: Path) -> None:
    """Targets are 'id:uplift' pairs; completion accepts ya/tidak."""
    acts = _write(
        folder / "kegiatan.csv",
        "id_kegiatan,judul,jalur,sasaran,jp,biaya,kapasitas\n"
        "PP-01,Pelayanan prima,workshop,MJ.PP:1|MJ.KOM:0.5,24,3500000,1\n"
        "KOM,Menulis,e_learning,MJ.KOM,3,0,\n",
    )
    enrols = _write(
        folder / "peserta.csv",
        f"nip,id_kegiatan,kehadiran,lulus\n{NIP},PP-01,0.9,ya\n{NIP},KOM,1,tidak\n",
    )
    prog = read_programme(acts, enrols, id="P", title="Program")
    assert prog.activity("PP-01").uplift("MJ.KOM") == 0.5
    assert prog.activity("KOM").uplift("MJ.KOM") == 1.0
    assert prog.jp_by_person() == {NIP: 24.0}
    assert len(read_enrolments(enrols)) == 2


def test_programme_capacity_error_names_the_file(folder: Path) -> None:
    """An enrolment beyond an activity's capacity is one error naming the enrolment file."""
    acts = _write(
        folder / "k.csv", "activity_id,title,route,targets,jp,capacity\nA,T,workshop,X,1,1\n"
    )
    enrols = _write(folder / "e.csv", f"nip,activity_id\n{NIP},A\n{NIP2},A\n")
    with pytest.raises(CsvError) as exc:
        read_programme(acts, enrols, id="P", title="T")
    assert exc.value.source == str(enrols)
    assert "capacity" in str(exc.value)


def test_dataframes() -> None:
    """The pandas helpers give one row per record with typed columns."""
    a = Assessment(nip=NIP, competency_id="MJ.KOM", level=3, assessed_on=dt.date(2024, 5, 1))
    df = assessments_to_dataframe([a, a])
    assert list(df.columns) == [c.name for c in tabular._ASSESSMENT_COLUMNS]
    assert len(df) == 2
    assert df["source"].tolist() == ["assessment_centre"] * 2
    e = Employee(nip=NIP, name="Budi", golongan="III/a", hired_on=dt.date(2015, 3, 1))
    edf = employees_to_dataframe([e])
    assert edf.loc[0, "golongan"] == "III/a"
    assert str(edf["hired_on"].dtype) == "datetime64[ns]"
    assert edf["position_since"].isna().all()


def test_skm_responses(folder: Path) -> None:
    """SKM columns are found by code in any order; empty cells are missing answers."""
    path = _write(
        folder / "skm.csv",
        "u9;u8;u7;u6;u5;u4;u3;u2;u1;tanggal\n1;2;3;4;4;3;2;1;4;2024-01-02\n;4;4;4;4;4;4;4;4;\n",
    )
    rows = read_skm_responses(path)
    assert rows == ((4, 1, 2, 3, 4, 4, 3, 2, 1), (4, 4, 4, 4, 4, 4, 4, 4, None))
    out = folder / "out.csv"
    assert write_skm_responses(rows, out) == 2
    assert read_skm_responses(out) == rows
    _write(path, "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,x,4,4,4,4,4,4\n")
    with pytest.raises(CsvError) as exc:
        read_skm_responses(path)
    assert _problems(exc) == ["line 2, column 'U3': expected a whole number (got 'x')"]


# --- bad files -------------------------------------------------------------------------------


def test_missing_column_names_every_accepted_header(folder: Path) -> None:
    """A missing required column is one problem on line 1 naming the accepted headers."""
    path = _write(folder / "a.csv", f"nip,kompetensi,tanggal\n{NIP},MJ.KOM,2024-01-02\n")
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    [problem] = exc.value.problems
    assert isinstance(problem, CsvProblem)
    assert problem.line == 1
    assert "'level', 'tingkat'" in problem.expected
    assert problem.got == "nip, kompetensi, tanggal"


def test_wrong_type_in_row_50000_loads_nothing(folder: Path) -> None:
    """One bad cell in data row 50,000 (line 50,001) is reported with file, line and column."""
    path = folder / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for i in range(1, 60_001):
            level = "tiga" if i == 50_000 else str(1 + i % 5)
            f.write(f"{NIP},MJ.KOM,{level},2024-01-02\n")
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    assert exc.value.source == str(path)
    [problem] = exc.value.problems
    assert isinstance(problem, CsvProblem)
    assert (problem.line, problem.column, problem.expected, problem.got) == (
        50_001,
        "level",
        "a whole number",
        "tiga",
    )
    assert str(exc.value).startswith(f"{path}: 1 problem\n  line 50001, column 'level'")


def test_every_bad_row_is_listed(folder: Path) -> None:
    """All problems of a file come in one error, in line order, several per row if need be."""
    path = _write(
        folder / "a.csv",
        HEADER
        + f"{NIP},MJ.KOM,3,2024-01-02\n"
        + f"{NIP},MJ.KOM,x,2024-13-01\n"
        + f"{NIP},,3,2024-01-02\n"
        + f"{NIP},MJ KOM,3,2024-01-02\n"
        + f"{NIP},MJ.KOM,3\n"
        + "\n"
        + f"{NIP},MJ.KOM,3,2024-01-02,,\n",
    )
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    got = _problems(exc)
    assert got[0] == "line 3, column 'level': expected a whole number (got 'x')"
    assert got[1] == (
        "line 3, column 'assessed_on': expected a date YYYY-MM-DD or DD/MM/YYYY (got '2024-13-01')"
    )
    assert got[2] == "line 4, column 'competency_id': expected a value (got '')"
    assert got[3].startswith("line 5, column 'competency_id': expected an id of letters")
    assert got[4] == "line 6: expected 4 fields (got '3 fields')"
    assert len(got) == 5


def test_nip_and_future_date_problems(folder: Path) -> None:
    """Domain validation errors become row problems naming the column."""
    path = _write(
        folder / "a.csv", HEADER + "123,MJ.KOM,3,2024-01-02\n" + f"{NIP},MJ.KOM,3,2999-01-01\n"
    )
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    got = _problems(exc)
    assert got[0] == "line 2, column 'nip': expected 18 digits (got '123')"
    assert got[1].startswith("line 3, column 'assessed_on': expected a date not after today")


def test_unknown_competency_and_level_off_scale_with_framework(folder: Path) -> None:
    """With a framework, unknown competencies and levels off the scale are row problems."""
    path = _write(
        folder / "a.csv", HEADER + f"{NIP},MJ.XX,3,2024-01-02\n{NIP},MJ.KOM,6,2024-01-02\n"
    )
    with pytest.raises(CsvError) as exc:
        read_assessments(path, framework=national_framework())
    assert _problems(exc) == [
        "line 2, column 'competency_id': expected a known competency of framework "
        "'asn-national' (got 'MJ.XX')",
        "line 3, column 'level': expected a level in 1..5 (got 6)",
    ]


def test_unknown_nip(folder: Path) -> None:
    """With a list of NIPs, an assessment of someone else is a problem."""
    path = _write(folder / "a.csv", HEADER + f"{NIP},MJ.KOM,3,2024-01-02\n")
    with pytest.raises(CsvError) as exc:
        read_assessments(path, nips=[NIP2])
    assert _problems(exc) == [
        f"line 2, column 'nip': expected a known employee of the employee list (got '{NIP}')"
    ]


def test_mixed_separators_in_header(folder: Path) -> None:
    """A header that mixes ',' and ';' is an error on line 1."""
    path = _write(
        folder / "a.csv", f"nip,competency_id;level,assessed_on\n{NIP},MJ.KOM,3,2024-01-02\n"
    )
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    [problem] = exc.value.problems
    assert str(problem).startswith("line 1: expected one separator, ',' or ';' (mixed separators)")


def test_mixed_separators_in_a_row(folder: Path) -> None:
    """A row that uses the other separator is named by its line."""
    path = _write(
        folder / "a.csv",
        "nip;competency_id;level;assessed_on\n"
        f"{NIP};MJ.KOM;3;2024-01-02\n{NIP},MJ.PP,3,2024-01-02\n",
    )
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    assert _problems(exc) == [
        "line 3: expected fields separated by ';' as in the header (mixed separators) "
        f"(got '{NIP},MJ.PP,3,2024-01-02')"
    ]


def test_quoted_separator_in_header_is_not_mixed(folder: Path) -> None:
    """A ';' inside a quoted header is text, not a separator."""
    path = _write(
        folder / "a.csv", f'nip,competency_id,level,assessed_on,"note;x"\n{NIP},A,1,2024-01-02,\n'
    )
    assert len(read_assessments(path)) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "line 1: expected a header line (got '')"),
        (b"nip,competency_id\xff\n", "line 1: expected UTF-8 text (got 'undecodable bytes')"),
        (
            HEADER.encode() + f"{NIP},A,1,2024-01-02\n".encode() + b"\xff\xfe\n",
            "line 3: expected UTF-8 text (got 'undecodable bytes')",
        ),
        (
            HEADER.encode() + b'"unterminated,A,1,2024-01-02\n',
            "line 2: expected well-formed CSV",
        ),
    ],
)
def test_unreadable_files(folder: Path, content: bytes, expected: str) -> None:
    """Empty, non-UTF-8 and malformed files give one clear problem on the right line."""
    path = folder / "a.csv"
    path.write_bytes(content)
    with pytest.raises(CsvError) as exc:
        read_assessments(path)
    assert _problems(exc)[0].startswith(expected)


def test_missing_file(folder: Path) -> None:
    """A file that cannot be opened is a CsvError, also a DocumentError."""
    with pytest.raises(DocumentError, match="a readable file") as exc:
        read_employees(folder / "nope.csv")
    # The whole file is at fault, not a line of it.
    assert str(exc.value).splitlines()[1].strip().startswith("file: expected a readable file")


def test_duplicate_header(folder: Path) -> None:
    """Two headers for one field (English and Indonesian) are a line-1 problem."""
    path = _write(folder / "e.csv", f"nip,name,nama\n{NIP},A,B\n")
    with pytest.raises(CsvError) as exc:
        read_employees(path)
    assert _problems(exc) == [
        "line 1, column 'nama': expected one column for 'name' ('name' is one) (got 'nama')"
    ]


def test_employee_problems(folder: Path) -> None:
    """Bad tiers, golongan, dates and repeated NIPs are each named."""
    path = _write(
        folder / "e.csv",
        "nip,nama,jenjang,golongan,tmt_pengangkatan,tmt_jabatan\n"
        f"{NIP},A,,III/a,,\n"
        f"{NIP2},B,kepala,,,\n"
        f"{NIP2},B,,X/z,,\n"
        f"{NIP2},C,,,2020-01-01,2019-01-01\n"
        f"{NIP},D,,,31-12-2020,\n",
    )
    with pytest.raises(CsvError) as exc:
        read_employees(path)
    got = _problems(exc)
    assert got[0].startswith("line 3, column 'jenjang': expected one of 'jpt_utama'")
    assert got[1].startswith("line 4, column 'golongan': expected a PNS rank")
    assert got[2] == (
        "line 5, column 'tmt_jabatan': expected a date on or after the start 2020-01-01 "
        "(got datetime.date(2019, 1, 1))"
    )
    assert got[3] == f"line 6, column 'nip': expected a NIP not already on line 2 (got '{NIP}')"
    assert len(got) == 4


def test_standard_problems(folder: Path) -> None:
    """Repeated requirements, two frameworks for one position and a missing framework id."""
    path = _write(
        folder / "s.csv",
        "position_id,competency_id,level,framework_id\nP,A,1,f\nP,A,2,f\nP,B,1,g\nQ,A,0,f\nR,A,1,\n",
    )
    with pytest.raises(CsvError) as exc:
        read_standards(path)
    assert _problems(exc) == [
        "line 5, column 'level': expected a whole number >= 1 (got 0)",
        "line 6, column 'framework_id': expected a framework id (column or framework_id=) (got '')",
        "line 3, column 'competency_id': expected a competency not already required of 'P' "
        "on line 2 (got 'A')",
        "line 4, column 'framework_id': expected the framework 'f' of 'P' on line 2 (got 'g')",
    ]


def test_standard_level_off_the_framework_scale(folder: Path) -> None:
    """With a framework, standards name known competencies at levels on their scale."""
    path = _write(folder / "s.csv", "position_id,competency_id,level\nP,MJ.KOM,6\nP,X,1\n")
    with pytest.raises(CsvError) as exc:
        read_standards(path, framework=national_framework())
    assert _problems(exc) == [
        "line 2, column 'level': expected a level in 1..5 (got 6)",
        "line 3, column 'competency_id': expected a known competency of framework "
        "'asn-national' (got 'X')",
    ]


def test_framework_problems(folder: Path) -> None:
    """Rows of one competency must agree; levels must be numbered 1..n; parents must exist."""
    path = _write(
        folder / "f.csv",
        "competency_id,name_id,type,parent_id,level,level_label,framework_title\n"
        "A,Arsip,teknis,,1,Dasar,T\n"
        "A,Arsip lain,teknis,,2,Mahir,U\n"
        "B,Berkas,teknis,,1,Dasar,T\n"
        "B,Berkas,teknis,,3,Ahli,T\n"
        "C,Cetak,teknis,,,,T\n"
        "C,Cetak,teknis,,1,Dasar,T\n"
        "D,Data,teknis,Z,1,Dasar,T\n"
        "E,Ekspor,jenis,,1,Dasar,T\n",
    )
    with pytest.raises(CsvError) as exc:
        read_framework(path)
    got = _problems(exc)
    assert "line 3, column 'framework_title': expected 'T' as on line 2 (got 'U')" in got
    assert (
        "line 3, column 'name_id': expected 'Arsip' as on line 2 for 'A' (got 'Arsip lain')" in got
    )
    assert (
        "line 4, column 'levels[1].number': expected 2 (levels are numbered 1..n in order) (got 3)"
        in got
    )
    assert (
        "line 6, column 'level': expected a level number on every row of a competency (got '')"
        in got
    )
    assert any(p.startswith("line 9, column 'type': expected one of") for p in got)


def test_framework_missing_parent(folder: Path) -> None:
    """Framework-wide problems (a parent that does not exist) are reported too."""
    path = _write(folder / "f.csv", "competency_id,name_id,type,parent_id\nD,Data,teknis,Z\n")
    with pytest.raises(CsvError) as exc:
        read_framework(path)
    assert _problems(exc) == ["$: competency 'D' names parent 'Z', which does not exist"]


def test_framework_bad_id(folder: Path) -> None:
    """A bad framework id is reported on the framework_id column."""
    path = _write(
        folder / "f.csv", "competency_id,name_id,type,framework_id\nA,Arsip,teknis,bad id\n"
    )
    with pytest.raises(CsvError) as exc:
        read_framework(path)
    assert _problems(exc)[0].startswith("line 1, column 'framework_id': expected an id")


def test_activity_problems(folder: Path) -> None:
    """Bad targets, routes, numbers and periods are each named."""
    acts = _write(
        folder / "k.csv",
        "activity_id,title,route,targets,jp,cost,end,start\n"
        "A,T,workshop,X:abc,1,0,,\n"
        "B,T,jalan,X,1,0,,\n"
        "C,T,workshop,X,inf,0,,\n"
        "D,T,workshop,X,1,0,2020-01-01,2021-01-01\n",
    )
    with pytest.raises(CsvError) as exc:
        read_activities(acts)
    got = _problems(exc)
    assert got[0] == (
        "line 2, column 'targets': expected targets such as 'MJ.PP:1|MJ.KOM:0.5' (got 'X:abc')"
    )
    assert got[1].startswith("line 3, column 'route': expected one of")
    assert got[2] == "line 4, column 'jp': expected a finite number (got 'inf')"
    assert got[3].startswith("line 5, column 'end': expected a date on or after the start")


def test_enrolment_problems(folder: Path) -> None:
    """Attendance must be a number and completion a yes/no word."""
    enrols = _write(folder / "e.csv", f"nip,activity_id,completed,attendance\n{NIP},A,mungkin,x\n")
    with pytest.raises(CsvError) as exc:
        read_enrolments(enrols)
    assert _problems(exc) == [
        "line 2, column 'attendance': expected a number (got 'x')",
        "line 2, column 'completed': expected true/false (or ya/tidak, 1/0) (got 'mungkin')",
    ]


def test_repeated_activity_id(folder: Path) -> None:
    """An activity id used twice is named on its second line."""
    acts = _write(
        folder / "k.csv", "activity_id,title,route,targets,jp\nA,T,workshop,X,1\nA,T,workshop,X,1\n"
    )
    with pytest.raises(CsvError) as exc:
        read_activities(acts)
    assert _problems(exc) == [
        "line 3, column 'activity_id': expected an id not already on line 2 (got 'A')"
    ]


# --- streaming and checking ---------------------------------------------------------------


def test_iter_assessments_stops_at_the_first_bad_row(folder: Path) -> None:
    """Streaming yields the good rows before the first bad one, then raises naming it."""
    path = _write(
        folder / "a.csv",
        HEADER + f"{NIP},A,1,2024-01-02\n{NIP},B,x,2024-01-02\n{NIP},C,y,2024-01-02\n",
    )
    stream = iter_assessments(path)
    assert next(stream).competency_id == "A"
    with pytest.raises(CsvError) as exc:
        next(stream)
    assert _problems(exc) == ["line 3, column 'level': expected a whole number (got 'x')"]


def test_progress_is_reported(folder: Path) -> None:
    """The progress callback receives row counts, ending with the total."""
    path = folder / "a.csv"
    write_csv_rows(path, HEADER.strip().split(","), [[NIP, "A", 1, dt.date(2024, 1, 2)]] * 25_000)
    counts: list[int] = []
    assert len(read_assessments(path, progress=counts.append)) == 25_000
    assert counts == [10_000, 20_000, 25_000]


def test_check_csv_lists_every_problem_of_each_kind(folder: Path) -> None:
    """check_csv guesses the kind and returns the problems instead of raising."""
    a = _write(folder / "a.csv", HEADER + "1,A,1,2024-01-02\n2,A,1,2024-01-02\n")
    problems = check_csv(a)
    assert [p.line for p in problems if isinstance(p, CsvProblem)] == [2, 3]
    good = folder / "fw.csv"
    write_framework(national_framework(), good)
    assert check_csv(good) == []
    assert guess_kind(good) == "framework"
    s = _write(folder / "s.csv", "position_id,competency_id,level\nP,MJ.XX,1\n")
    assert len(check_csv(s, framework=national_framework())) == 1
    e = _write(folder / "e.csv", "nip,name\n1,A\n")
    assert len(check_csv(e, "employees")) == 1
    other = _write(folder / "o.csv", "x,y\n1,2\n")
    assert guess_kind(other) is None
    assert [str(p) for p in check_csv(other)] == [
        "line 1: expected the header of one of: activities, assessments, employees, enrolments, "
        "framework, standards (got 'another header')"
    ]
    assert len(check_csv(folder / "missing.csv")) == 1


def test_skm_kind_is_checked(folder: Path) -> None:
    """SKM answer files are recognised and checked too."""
    path = _write(folder / "skm.csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,x\n")
    assert guess_kind(path) == "skm"
    assert [str(p) for p in check_csv(path)] == [
        "line 2, column 'U9': expected a whole number (got 'x')"
    ]


# --- writing -----------------------------------------------------------------------------


def test_write_options_are_checked(folder: Path) -> None:
    """Separators and header languages outside the documented ones are refused."""
    with pytest.raises(ValueError, match="'sep' must be ',' or ';'"):
        write_csv_rows(folder / "x.csv", ["a"], [], sep="\t")
    with pytest.raises(ValueError, match="'headers' must be 'en' or 'id'"):
        write_employees([], folder / "x.csv", headers="fr")
    assert not (folder / "x.csv").exists()


def test_write_is_atomic(folder: Path) -> None:
    """A write that fails half-way leaves the previous file untouched and no temporary file."""
    path = _write(folder / "x.csv", "old\n")

    def rows() -> Iterator[list[object]]:
        yield ["a"]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_csv_rows(path, ["h"], rows())
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in folder.iterdir()) == ["x.csv"]


def test_cell_formats(folder: Path) -> None:
    """Whole floats lose their '.0', others keep full precision; bools and None are spelled out."""
    path = folder / "x.csv"
    write_csv_rows(path, ["a", "b", "c", "d", "e"], [[1.0, 0.1, True, None, ("X", "Y")]])
    assert path.read_text(encoding="utf-8").splitlines()[1] == "1,0.1,true,,X|Y"


@given(
    st.lists(
        st.lists(st.none() | st.integers(1, 4), min_size=9, max_size=9).map(tuple), max_size=6
    ),
    st.sampled_from([",", ";"]),
)
def test_skm_round_trip(rows: list[tuple[int | None, ...]], sep: str) -> None:
    """SKM answers, missing ones included, survive a round trip."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "skm.csv"
        write_skm_responses(rows, path, sep=sep)
        assert read_skm_responses(path) == tuple(rows)


def test_windows_line_endings_and_quoted_newlines(folder: Path) -> None:
    """CRLF files read as well; a quoted cell may span lines and the line numbers stay right."""
    path = folder / "e.csv"
    path.write_bytes(
        b"nip,name,unit\r\n"
        + f'{NIP},"Budi\r\nSantoso",Pelayanan\r\n'.encode()
        + b"123,Ani,Umum\r\n"
    )
    with pytest.raises(CsvError) as exc:
        read_employees(path)
    # The quoted name spans lines 2-3, so the bad NIP is on line 4.
    assert _problems(exc) == ["line 4, column 'nip': expected 18 digits (got '123')"]
    path.write_bytes(b"nip,name,unit\r\n" + f'{NIP},"Budi\r\nSantoso",Pelayanan\r\n'.encode())
    assert read_employees(path)[0].name == "Budi\r\nSantoso"


def test_streaming_does_not_hold_the_file(folder: Path) -> None:
    """Streaming a file keeps far less than the file's size in memory (tracemalloc)."""
    import tracemalloc  # noqa: PLC0415

    path = folder / "a.csv"
    rows = ([NIP, f"K{i % 9}", 1 + i % 5, dt.date(2024, 1, 1 + i % 28)] for i in range(30_000))
    write_csv_rows(path, HEADER.strip().split(","), rows)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_assessments(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 30_000
    assert peak < size / 4, (peak, size)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # Classic Mac line ends: the whole file reads as one header line.
        (
            HEADER.rstrip("\n").encode() + f"\r{NIP},A,1,2024-01-02\r".encode(),
            "line 1: expected lines that end in LF or CR LF (got 'lines that end in CR alone')",
        ),
        (
            b'"nip\n,competency_id,level,assessed_on\n',
            "line 1: expected a well-formed CSV header line (got 'unexpected end of data')",
        ),
        (
            b"nip,competency_id,level,assessed_on," + b"x" * 200_000 + b"\n",
            "line 1: expected a well-formed CSV header line (got 'field larger than field limit",
        ),
    ],
)
def test_bad_header_lines_are_csv_errors(folder: Path, content: bytes, expected: str) -> None:
    """A header line the csv module cannot parse is a CsvError on line 1, not a csv.Error."""
    path = folder / "a.csv"
    path.write_bytes(content)
    for read in (read_assessments, read_csv_rows, guess_kind):
        with pytest.raises(CsvError) as exc:
            read(path)
        assert _problems(exc) == [expected] or _problems(exc)[0].startswith(expected)
    assert next(str(p) for p in check_csv(path)).startswith(expected)


def test_read_csv_rows_refuses_a_header_used_twice(folder: Path) -> None:
    """'a,b,a' would put two cells under one key and silently drop the first one."""
    path = _write(folder / "x.csv", "a,b,a\n1,2,3\n")
    with pytest.raises(CsvError) as exc:
        read_csv_rows(path)
    assert _problems(exc) == [
        "line 1, column 'a': expected one column named 'a' (column 1 is one) (got 'a')"
    ]
    # Empty headers, as spreadsheets add them for empty columns at the end, stay accepted.
    assert read_csv_rows(_write(folder / "y.csv", "a,,\n1,,\n")) == ((2, {"a": "1", "": ""}),)


def test_known_nips_in_any_spelling(folder: Path) -> None:
    """'19900101 201503 1 001' is the NIP 199001012015031001: its rows are known, not refused."""
    path = _write(folder / "a.csv", HEADER + f"{NIP},MJ.KOM,3,2024-05-01\n")
    spaced = f"{NIP[:8]} {NIP[8:14]} {NIP[14]} {NIP[15:]}"
    assert [a.nip for a in read_assessments(path, nips=[spaced])] == [NIP]
    assert [a.nip for a in iter_assessments(path, nips=[spaced])] == [NIP]
    # One text is not a list of NIPs: its characters would all be unknown employees.
    with pytest.raises(ValidationError, match="'nips' must be a collection of NIPs"):
        read_assessments(path, nips=NIP)


def test_check_csv_names_an_unknown_kind(folder: Path) -> None:
    """A kind that is not one of CSV_KINDS or 'skm' used to raise KeyError."""
    path = _write(folder / "a.csv", HEADER)
    with pytest.raises(ValidationError, match="'kind' must be one of 'activities'"):
        check_csv(path, "assesments")


def test_arguments_of_the_wrong_kind_are_named(folder: Path) -> None:
    """A framework id instead of the framework, or foreign items to write, are named."""
    path = _write(folder / "a.csv", HEADER + f"{NIP},MJ.KOM,3,2024-05-01\n")
    bad: Any = "asn-national"
    for read in (read_assessments, read_standards, check_csv):
        with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
            read(path, framework=bad)
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        list(iter_assessments(path, framework=bad))
    with pytest.raises(ValidationError, match=r"'assessments\[0\]' must be an Assessment"):
        write_assessments([bad], folder / "w.csv")
    with pytest.raises(ValidationError, match=r"'employees\[0\]' must be an Employee"):
        write_employees([bad], folder / "w.csv")
    with pytest.raises(ValidationError, match=r"'standards\[0\]' must be a PositionStandard"):
        write_standards([bad], folder / "w.csv")
    with pytest.raises(ValidationError, match="'framework' must be a CompetencyFramework"):
        write_framework(bad, folder / "w.csv")
    with pytest.raises(ValidationError, match="'programme' must be a Programme"):
        write_programme(bad, folder / "w.csv")
    assert not (folder / "w.csv").exists()


def test_dataframes_name_a_date_pandas_cannot_hold() -> None:
    """A typo year such as 0202 loads from CSV but used to crash with OutOfBoundsDatetime."""
    old = dt.date(202, 5, 1)
    a = Assessment(nip=NIP, competency_id="MJ.KOM", level=3, assessed_on=old)
    with pytest.raises(ValidationError, match=r"'assessed_on\[0\]' must be a date from 1677-09-22"):
        assessments_to_dataframe([a])
    e = Employee(nip=NIP, name="Budi", tier="pelaksana", hired_on=old)
    with pytest.raises(ValidationError, match=r"'hired_on\[0\]' must be a date from 1677-09-22"):
        employees_to_dataframe([e])
    # The first day a datetime64[ns] column holds still converts.
    edge = Assessment(nip=NIP, competency_id="MJ.KOM", level=3, assessed_on=dt.date(1677, 9, 22))
    assert str(assessments_to_dataframe([edge])["assessed_on"].iloc[0])[:10] == "1677-09-22"


def test_read_programme_names_a_bad_keyword_not_the_file(folder: Path) -> None:
    """A bad id= used to come back as a CsvError about the enrolments file."""
    acts = _write(folder / "k.csv", "id_kegiatan,judul,jalur,sasaran,jp\nA,t,workshop,MJ.PP,1\n")
    with pytest.raises(ValidationError, match="'id' must be an id") as exc:
        read_programme(acts, id="P 1", title="t")
    assert not isinstance(exc.value, CsvError)
    bad_day: Any = "2024-01-01"
    with pytest.raises(ValidationError, match="'start' must be a date"):
        read_programme(acts, id="P1", title="t", start=bad_day)


def test_skm_policy_of_another_kind_is_named(folder: Path) -> None:
    """A policy name instead of the policy used to end in an AttributeError."""
    path = _write(folder / "skm.csv", "U1\n4\n")
    bad: Any = "skm-2017"
    with pytest.raises(ValidationError, match="'policy' must be an SkmPolicy or none"):
        read_skm_responses(path, policy=bad)
    with pytest.raises(ValidationError, match="'policy' must be an SkmPolicy or none"):
        write_skm_responses([], folder / "w.csv", policy=bad)


def test_writers_refuse_a_cell_the_readers_cannot_read(folder: Path) -> None:
    """A 200,000-character description was written, then refused by read_framework."""
    c = Competency(id="TK.X", name_id="Nama", type="teknis", description="x" * 200_000)
    fw = CompetencyFramework(id="f", version="1", title="T", competencies=[c])
    path = folder / "fw.csv"
    with pytest.raises(ValidationError, match=r"'rows\[0\]\[4\]' must be a cell of at most 131072"):
        write_framework(fw, path)
    assert not path.exists()


def test_a_nul_is_refused_where_the_csv_module_cannot_write_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Python 3.10 a NUL is a ValidationError naming the cell, not a raw _csv.Error."""
    monkeypatch.setattr(tabular, "_NO_NUL", True)
    with pytest.raises(ValidationError, match=r"'rows\[0\]\[1\]' must be a cell without NUL"):
        write_csv_rows(tmp_path / "x.csv", ["a", "b"], [["1", "x\x00y"]])
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("text", ["=1+1", "+62811", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_texts_are_written_as_text_and_read_back(tmp_path: Path, text: str) -> None:
    """A text a spreadsheet would run as a formula gets an apostrophe; the reader drops it."""
    a = Assessment(
        nip="199001012015031001",
        competency_id="MJ.KOM",
        level=3,
        assessed_on=dt.date(2024, 5, 1),
        evidence=text,
    )
    path = tmp_path / "a.csv"
    write_assessments([a], path)
    assert ("'" + text).encode() in path.read_bytes()
    assert read_assessments(path) == (a,)


def test_numbers_are_not_escaped(tmp_path: Path) -> None:
    """A negative number is a number, not a formula."""
    path = tmp_path / "n.csv"
    write_csv_rows(path, ["x"], [[-5], [-2.5]])
    assert path.read_text(encoding="utf-8").splitlines() == ["x", "-5", "-2.5"]


def test_columns_maps_headers_of_your_own(tmp_path: Path) -> None:
    """columns= names a file's own headers; errors still name the header as written."""
    path = tmp_path / "p.csv"
    path.write_text("NIP Baru;Nama Pegawai\n199001012015031001;Budi\n123;Sari\n", encoding="utf-8")
    with pytest.raises(CsvError) as info:
        read_employees(path, columns={"NIP Baru": "nip", "Nama Pegawai": "name"})
    assert [str(p) for p in info.value.problems] == [
        "line 3, column 'NIP Baru': expected 18 digits (got '123')"
    ]


def test_columns_refuses_a_name_the_kind_lacks(tmp_path: Path) -> None:
    """A mapping to an unknown column name is the caller's error, named with the header."""
    path = tmp_path / "p.csv"
    path.write_text("nip,nama\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"'columns\[NIP Baru\]' must be one of the"):
        read_employees(path, columns={"NIP Baru": "nomor"})
    with pytest.raises(ValidationError, match="'columns' must be a mapping"):
        read_employees(path, columns=["nip"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'columns' must be texts"):
        read_employees(path, columns={1: "nip"})  # type: ignore[dict-item]


def test_every_reader_takes_columns(tmp_path: Path) -> None:
    """Assessments, standards, activities, enrolments, frameworks and SKM answers take columns=."""
    a = tmp_path / "a.csv"
    a.write_text("ID;K;L;T\n199001012015031001;MJ.KOM;3;2024-05-01\n", encoding="utf-8")
    names = {"ID": "nip", "K": "competency_id", "L": "level", "T": "assessed_on"}
    assert read_assessments(a, columns=names)[0].level == 3
    assert next(iter_assessments(a, columns=names)).level == 3
    s = tmp_path / "s.csv"
    s.write_text("Jab;K;Std\nFO;MJ.KOM;2\n", encoding="utf-8")
    std_names = {"Jab": "position_id", "K": "competency_id", "Std": "level"}
    assert read_standards(s, framework_id="f", columns=std_names)[0].position_id == "FO"
    k = tmp_path / "k.csv"
    k.write_text("Kode;Judul;Jalur;Sasaran;JP\nPP-1;Prima;workshop;MJ.PP;8\n", encoding="utf-8")
    act_names = {"Kode": "activity_id", "Judul": "title", "Jalur": "route", "Sasaran": "targets"}
    assert read_activities(k, columns=act_names)[0].id == "PP-1"
    e = tmp_path / "e.csv"
    e.write_text("NIP;Kode\n199001012015031001;PP-1\n", encoding="utf-8")
    assert read_enrolments(e, columns={"Kode": "activity_id"})[0].activity_id == "PP-1"
    f = tmp_path / "f.csv"
    f.write_text("Kode;Nama;Jenis\nTK.A;Arsip;teknis\n", encoding="utf-8")
    fw_names = {"Kode": "competency_id", "Nama": "name_id", "Jenis": "type"}
    assert read_framework(f, columns=fw_names).competencies[0].id == "TK.A"
    q = tmp_path / "q.csv"
    q.write_text("P1;U2;U3;U4;U5;U6;U7;U8;U9\n4;4;4;4;4;4;4;4;4\n", encoding="utf-8")
    assert read_skm_responses(q, columns={"P1": "U1"}) == ((4,) * 9,)


def test_level_and_date_caches_stay_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full cache of parsed levels and dates is emptied; the rows read the same."""
    monkeypatch.setattr(tabular, "_CACHE_LIMIT", 1)
    path = tmp_path / "a.csv"
    path.write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{NIP},MJ.KOM,1,2024-01-01\n{NIP},MJ.PP,2,2024-01-02\n{NIP},MJ.INT,3,2024-01-03\n",
        encoding="utf-8",
    )
    assert [(a.level, a.assessed_on.day) for a in read_assessments(path)] == [
        (1, 1),
        (2, 2),
        (3, 3),
    ]


def test_a_row_without_a_level_and_streaming_stops_at_it(tmp_path: Path) -> None:
    """An empty level is 'a value'; the stream yields the rows before it, then stops."""
    path = tmp_path / "a.csv"
    path.write_text(
        "nip,competency_id,level,assessed_on\n"
        f"{NIP},MJ.KOM,1,2024-01-01\n{NIP},MJ.PP,,2024-01-02\n{NIP},MJ.INT,3,2024-01-03\n",
        encoding="utf-8",
    )
    got: list[Assessment] = []
    with pytest.raises(CsvError) as info:
        got.extend(iter_assessments(path))
    assert [a.competency_id for a in got] == ["MJ.KOM"]
    assert [str(p) for p in info.value.problems] == [
        "line 3, column 'level': expected a value (got '')"
    ]


def test_a_framework_problem_of_a_sheet_keeps_its_path(tmp_path: Path) -> None:
    """A problem of the whole framework read from a sheet is listed after the header note."""
    from asn_competency.io.excel import write_table  # noqa: PLC0415 - the excel extra

    path = tmp_path / "f.xlsx"
    write_table(
        path,
        ["kompetensi", "nama", "jenis", "induk"],
        [["TK.A", "Arsip", "teknis", "TK.X"]],
    )
    with pytest.raises(CsvError) as info:
        read_framework(path)
    problems = [str(p) for p in info.value.problems]
    assert problems[0] == "note: sheet 'Sheet1': the header is row 1"
    assert problems[1].startswith("$: ")
