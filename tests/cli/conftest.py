from pathlib import Path

import pytest

from asn_competency.cli.demo import write_sample_files
from tests.cli.helpers import OFFICE


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small Disdukcapil office written as CSV files."""
    for name, text in OFFICE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample office of ``asn-competency demo --files``."""
    folder = tmp_path / "contoh"
    folder.mkdir()
    write_sample_files(folder)
    return folder
