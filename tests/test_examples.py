"""Every script under ``examples/`` runs and prints its report."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# What each story must report: a phrase from each of its sections.
EXPECTED = {
    "batanghari_dukcapil_professionalism.py": ("20 JP", "IP ASN", "SKM", "waktu antrian", "2025"),
    "disdukcapil_front_office.py": ("JPM", "nine-box", "MJ.PP"),
    "jambi_ict_service_time.py": ("difference-in-differences", "BCR", "composite"),
    "kendari_dukcapil_evaluation.py": ("participation", "95% CI", "composite"),
    "lampung_new_staff_mentoring.py": ("Pairs (optimal", "manajemen waktu", "rules:"),
    "web_service.py": ("POST /gaps -> 200", "POST /skm -> 200", "-> 422"),
    "talent_succession.py": ("Nine-box", "talent pool", "without a ready successor: SEKDIS"),
}


def test_every_example_is_listed() -> None:
    """A new example gets its expectations here, so that it cannot go untested."""
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs(script: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The script runs as ``python examples/SCRIPT`` would and prints each section."""
    runpy.run_path(str(EXAMPLES / script), run_name="__main__")
    out = capsys.readouterr().out
    assert len(out.splitlines()) >= 10
    for phrase in EXPECTED[script]:
        assert phrase in out, phrase


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_output_is_deterministic(script: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Synthetic data comes from fixed seeds: two runs print the same report."""
    runpy.run_path(str(EXAMPLES / script), run_name="__main__")
    first = capsys.readouterr().out
    runpy.run_path(str(EXAMPLES / script), run_name="__main__")
    assert capsys.readouterr().out == first
