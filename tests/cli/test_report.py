import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import gap_args, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _report(sample: Path, target: Path, *extra: str) -> list[str]:
    return [
        "report",
        *gap_args(sample),
        "--scores",
        str(sample / "kinerja.csv"),
        "--survey",
        str(sample / "survei.csv"),
        "--activities",
        str(sample / "program-kegiatan.csv"),
        "--enrolments",
        str(sample / "program-peserta.csv"),
        "--id",
        "DUKCAPIL-2025",
        "--owner",
        "Disdukcapil",
        "--reaction",
        str(sample / "umpan.csv"),
        "--indicators",
        str(sample / "indikator.csv"),
        "--benefits",
        str(sample / "manfaat.csv"),
        "--costs",
        str(sample / "biaya.csv"),
        "--title",
        "Disdukcapil Kabupaten Batanghari",
        "--date",
        "2025-12-01",
        "-o",
        str(target),
        *extra,
    ]


def test_the_report_on_the_demo_data(sample: Path) -> None:
    """One HTML file with every section, its figures embedded, and no network reference."""
    target = sample / "laporan.html"
    out = run_cli(*_report(sample, target))
    assert out.returncode == 0, out.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in page
    for key in ("gaps", "talent", "skm", "scorecard"):
        assert f'<section id="{key}">' in page
    assert page.count('src="data:image/png;base64,') == 3
    assert "http://" not in page
    assert "https://" not in page
    assert "<script" not in page
    assert "Kebijakan yang dipakai" in page
    # The two-person Sekretariat is not shown in the gap table.
    assert "<td>Sekretariat</td>" not in page
    assert "1 kelompok dengan kurang dari 5 orang tidak ditampilkan." in page


def test_english_and_the_same_bytes_every_run(sample: Path) -> None:
    """--lang en writes the report in English; the same inputs give the same file."""
    one, two = sample / "one.html", sample / "two.html"
    assert main(_report(sample, one, "--lang", "en")) == 0
    assert main(_report(sample, two, "--lang", "en")) == 0
    page = one.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "Competency gaps by unit" in page
    assert one.read_bytes() == two.read_bytes()


def test_sections_follow_the_data_given(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A survey alone makes a one-section report; no data at all is a usage error."""
    target = sample / "skm.html"
    args = ["report", "--employees", str(sample / "pegawai.csv"), "-o", str(target)]
    assert main([*args, "--survey", str(sample / "survei.csv")]) == 0
    assert target.read_text(encoding="utf-8").count("<section") == 1
    assert main(args) == 2
    assert "expected the data of at least one section" in capsys.readouterr().err


def test_problems_of_every_section_are_listed(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad survey and a bad scores file are both reported; nothing is written."""
    (sample / "survei.csv").write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n5,4,4,4,4,4,4,4,4\n")
    (sample / "kinerja.csv").write_text("nip,kinerja\n123,90\n", encoding="utf-8")
    target = sample / "laporan.html"
    assert main(_report(sample, target)) == 1
    err = capsys.readouterr().err
    assert "survei.csv: line 2, column 'U1': expected a whole answer 1-4" in err
    assert "kinerja.csv: line 2, column 'nip': expected 18 digits" in err
    assert not target.exists()
    assert main(_report(sample, sample / "laporan.pdf")) == 2
    (sample / "penilaian.csv").write_text("nip,competency_id,level,assessed_on\n1,X,1,2024-01-01\n")
    assert main(_report(sample, target)) == 1
    lines = capsys.readouterr().err.splitlines()
    assert sum("penilaian.csv: line 2, column 'nip'" in line for line in lines) == 1
    assert sum("kinerja.csv: line 2, column 'nip'" in line for line in lines) == 1


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


_PROBE = """<script>
window.addEventListener("load", () => {
  const images = Array.from(document.images);
  const drawn = images.filter((i) => i.complete && i.naturalWidth > 0).length;
  document.body.setAttribute("data-figures", drawn + "/" + images.length);
});
</script></body>"""


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install -y chromium)"
)
def test_the_report_in_a_real_browser(sample: Path, tmp_path: Path) -> None:
    """Headless Chromium loads the page without console messages, draws every figure, and
    takes a screenshot of the size asked for."""
    target = sample / "laporan.html"
    assert main(_report(sample, target)) == 0
    shot = tmp_path / "laporan.png"
    run = _chromium(
        tmp_path / "profile-1",
        "--hide-scrollbars",
        "--window-size=1200,3000",
        f"--screenshot={shot}",
        target.as_uri(),
    )
    assert run.returncode == 0, run.stderr
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line or "ERR_" in line]
    assert console == []
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 3000)
    assert len(png) > 50_000  # a page of figures and tables, not a blank one
    # Every figure is decoded and drawn: a copy of the page with a probe script says so.
    probe = tmp_path / "probe.html"
    probe.write_text(
        target.read_text(encoding="utf-8").replace("</body>", _PROBE), encoding="utf-8"
    )
    run = _chromium(
        tmp_path / "profile-2", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()
    )
    assert run.returncode == 0, run.stderr
    assert re.findall(r'data-figures="([^"]*)"', run.stdout) == ["3/3"]


def test_sections_without_figures(sample: Path) -> None:
    """Groups all below the minimum leave the heatmap and nine-box out; the tables say so."""
    target = sample / "kecil.html"
    args = ["report", *gap_args(sample), "--scores", str(sample / "kinerja.csv")]
    assert main([*args, "--min-group", "100", "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert "<img" not in page
    assert "Tidak ada baris yang dapat ditampilkan." in page
    only = sample / "program.html"
    args = ["report", "--employees", str(sample / "pegawai.csv"), "--scores"]
    args += [str(sample / "kinerja.csv"), "--assessments", str(sample / "penilaian.csv")]
    args += ["--activities", str(sample / "program-kegiatan.csv"), "--id", "P", "-o", str(only)]
    assert main(args) == 0
    page = only.read_text(encoding="utf-8")
    assert page.count("<img") == 1  # the heatmap: nobody has a JPM against the tier standards
    assert "level 3 needs the programme&#x27;s period" in page
