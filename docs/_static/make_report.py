"""Regenerate report.png, the screenshot of the sample office's report in docs/cli.md.

Run from the repository root with Debian's chromium installed:
``python docs/_static/make_report.py``. The report is built from the files of
``asn-competency demo --files``; headless Chromium draws the top of the page.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import tempfile

from asn_competency.cli.app import main

HERE = pathlib.Path(__file__).resolve().parent


def build() -> None:
    """Write the report of the sample office and screenshot its top."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        assert main(["demo", "--files", str(folder)]) == 0
        page = folder / "laporan.html"
        args = ["report", "--employees", str(folder / "pegawai.csv")]
        args += ["--assessments", str(folder / "penilaian-2025.csv")]
        args += ["--standards", str(folder / "standar.csv")]
        args += ["--scores", str(folder / "kinerja.csv")]
        args += ["--survey", str(folder / "survei.csv"), "--date", "2025-12-01"]
        args += ["--title", "Disdukcapil Kabupaten Batanghari", "-o", str(page)]
        assert main(args) == 0
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={folder / 'profile'}",
                "--hide-scrollbars",
                "--window-size=900,1250",
                f"--screenshot={HERE / 'report.png'}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


if __name__ == "__main__":
    build()
