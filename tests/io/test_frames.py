"""DataFrames in: the CSV kinds, the same aliases, errors placed by row label and column."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from asn_competency import Assessment, Employee
from asn_competency.errors import ValidationError
from asn_competency.io.csv import CsvError
from asn_competency.io.frames import from_dataframe

NIP = "199001012015031001"


def test_typed_cells_read_as_the_csv_reader_reads_text() -> None:
    """NumPy numbers, Timestamps and missing values are read like their CSV text."""
    df = pd.DataFrame(
        {
            "NIP": [NIP, "199107202019031004"],
            "Nama": ["Budi", "Sari"],
            "Jenjang": ["pelaksana", None],
            "TMT CPNS": [pd.Timestamp("2015-03-01"), pd.NaT],
        }
    )
    got = from_dataframe("employees", df)
    assert [(e.name, e.hired_on) for e in got] == [("Budi", dt.date(2015, 3, 1)), ("Sari", None)]
    assert got[1].tier is None


def test_a_nip_column_of_whole_numbers_is_read_exactly() -> None:
    """An int64 NIP column keeps all 18 digits."""
    df = pd.DataFrame({"nip": np.array([int(NIP)], dtype=np.int64), "nama": ["Budi"]})
    assert from_dataframe("employees", df)[0].nip == NIP


def test_a_nip_column_of_floats_is_refused() -> None:
    """A float NIP column has lost digits: each row is named."""
    df = pd.DataFrame({"nip": [float(NIP)], "nama": ["Budi"]}, index=["a"])
    with pytest.raises(CsvError) as info:
        from_dataframe("employees", df)
    assert str(info.value.problems[0]).startswith(
        "row a, column 'nip': expected a NIP as text or a whole number"
    )


def test_errors_name_the_row_label_and_every_bad_row() -> None:
    """All or nothing: every bad row, by its index label."""
    df = pd.DataFrame(
        {
            "nip": [NIP, "123", NIP],
            "kompetensi": ["MJ.KOM", "MJ.PP", "MJ PP"],
            "tingkat": [3, 2, 1],
            "tanggal": ["2024-05-01"] * 3,
        },
        index=[10, 11, 12],
    )
    with pytest.raises(CsvError) as info:
        from_dataframe("assessments", df)
    assert [str(p) for p in info.value.problems] == [
        "row 11, column 'nip': expected 18 digits (got '123')",
        "row 12, column 'kompetensi': expected an id of letters, digits, '_', '.', ':' or '-' "
        "(got 'MJ PP')",
    ]


def test_a_whole_row_problem_is_named_by_its_label() -> None:
    """A problem of a row (a NIP given twice) names the row."""
    df = pd.DataFrame({"nip": [NIP, NIP], "nama": ["Budi", "Budi"]}, index=["x", "y"])
    with pytest.raises(CsvError, match=r"row y, column 'nip': expected a NIP not already"):
        from_dataframe("employees", df)


def test_every_kind_and_the_readers_options() -> None:
    """Standards with framework_id=, SKM answers with NaN as missing, and the other kinds."""
    std = pd.DataFrame({"jabatan": ["FO"], "kompetensi": ["MJ.KOM"], "tingkat": [np.int64(2)]})
    assert from_dataframe("standards", std, framework_id="f")[0].requirements[0].level == 2
    skm = pd.DataFrame({f"U{i}": [4.0, np.nan if i == 9 else 3.0] for i in range(1, 10)})
    assert from_dataframe("skm", skm) == ((4,) * 9, (3,) * 8 + (None,))
    acts = pd.DataFrame(
        {"id_kegiatan": ["K1"], "judul": ["Prima"], "jalur": ["workshop"], "sasaran": ["MJ.PP"]}
        | {"jp": [8]}
    )
    assert from_dataframe("activities", acts)[0].jp == 8.0
    enr = pd.DataFrame({"nip": [NIP], "id_kegiatan": ["K1"], "lulus": [True]})
    assert from_dataframe("enrolments", enr)[0].completed is True
    fw = pd.DataFrame({"kompetensi": ["TK.A"], "nama": ["Arsip"], "jenis": ["teknis"]})
    assert from_dataframe("framework", fw, id="tk").id == "tk"


def test_bad_arguments() -> None:
    """An unknown kind or something other than a DataFrame is the caller's error."""
    with pytest.raises(ValidationError, match="'kind' must be one of"):
        from_dataframe("people", pd.DataFrame())
    with pytest.raises(ValidationError, match="'df' must be a pandas DataFrame"):
        from_dataframe("employees", [{"nip": NIP}])  # type: ignore[arg-type]


def test_domain_objects_take_numpy_and_pandas_scalars() -> None:
    """np.int64 levels and NIPs, pd.Timestamp and datetime64 dates, NaT as missing."""
    a = Assessment(
        nip=np.int64(int(NIP)),  # type: ignore[arg-type]
        competency_id="MJ.KOM",
        level=np.int64(3),
        assessed_on=pd.Timestamp("2024-05-01"),
    )
    assert (a.nip, a.level, type(a.level), a.assessed_on) == (NIP, 3, int, dt.date(2024, 5, 1))
    e = Employee(
        nip=NIP,
        name="Budi",
        hired_on=np.datetime64("2015-03-01"),
        position_since=pd.NaT,
    )
    assert (e.hired_on, e.position_since) == (dt.date(2015, 3, 1), None)
    assert Employee(nip=np.int64(int(NIP)), name="Budi").nip == NIP  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'assessed_on' must be a date"):
        Assessment(
            nip=NIP,
            competency_id="MJ.KOM",
            level=3,
            assessed_on=pd.Timestamp("2024-05-01 09:30"),
        )
