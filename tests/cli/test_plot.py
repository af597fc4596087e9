from pathlib import Path

import pytest

from asn_competency.cli.app import main
from tests.cli.helpers import gap_args, run_cli

PNG = b"\x89PNG\r\n\x1a\n"


def test_heatmap_as_a_user_draws_it(sample: Path) -> None:
    """plot heatmap writes a PNG of the gaps by unit."""
    target = sample / "heatmap.png"
    out = run_cli("plot", "heatmap", *gap_args(sample), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes()[:8] == PNG


@pytest.mark.parametrize(
    ("kind", "args", "suffix"),
    [
        ("ninebox", ["--scores", "kinerja.csv"], ".svg"),
        ("ninebox", ["--scores", "kinerja.csv", "--pool", "instansi"], ".png"),
        ("network", ["--relationships", "mentoring.csv"], ".png"),
        ("before-after", ["--indicators", "indikator.csv", "--style", "slope"], ".png"),
        ("heatmap", ["--by", "unit", "--value", "share_below"], ".svg"),
    ],
)
def test_every_figure(sample: Path, kind: str, args: list[str], suffix: str) -> None:
    """Each kind of figure is written as PNG or SVG."""
    files = [str(sample / a) if a.endswith(".csv") else a for a in args]
    target = sample / f"figure{suffix}"
    assert main(["plot", kind, *gap_args(sample), *files, "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data[:8] == PNG if suffix == ".png" else b"<svg" in data[:2000]


def test_problems(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing input, a wrong picture format and an all-suppressed figure are named."""
    assert main(["plot", "heatmap", "-o", str(sample / "h.png")]) == 2
    assert "argument --employees: expected a file for 'plot heatmap'" in capsys.readouterr().err
    assert main(["plot", "network", "-o", str(sample / "h.pdf")]) == 2
    assert "expected a file name ending in .png or .svg" in capsys.readouterr().err
    args = ["plot", "heatmap", *gap_args(sample), "--min-group", "100", "-o", str(sample / "h.png")]
    assert main(args) == 2
    assert "every group is suppressed" in capsys.readouterr().err
    args = ["plot", "ninebox", *gap_args(sample), "--scores", str(sample / "kinerja.csv")]
    assert main([*args, "--min-group", "100", "-o", str(sample / "n.png")]) == 2
    (sample / "indikator.csv").write_text("id,name,unit,after\nw,W,min,3\n", encoding="utf-8")
    args = ["plot", "before-after", "--indicators", str(sample / "indikator.csv")]
    assert main([*args, "-o", str(sample / "b.png")]) == 2
    assert "expected indicators measured before and after" in capsys.readouterr().err
