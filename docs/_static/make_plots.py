"""Regenerate the images of docs/plots.md by running that page's examples.

Run from the repository root: ``python docs/_static/make_plots.py``. The page
writes its figures into a temporary folder named ``out``; this script runs the
page as a doctest and copies every PNG from that folder next to itself.
"""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = HERE.parent / "plots.md"


def main() -> None:
    """Run the page's examples and copy the PNG files they wrote."""
    text = PAGE.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "plots.md", str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, clear_globs=False)
    if runner.failures:
        raise SystemExit(f"{runner.failures} example(s) of {PAGE.name} failed")
    out = Path(test.globs["out"])
    for png in sorted(out.glob("*.png")):
        shutil.copyfile(png, HERE / png.name)
        print(f"wrote {HERE / png.name}")


if __name__ == "__main__":
    main()
