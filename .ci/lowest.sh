#!/usr/bin/env bash
# CI: the declared lower bounds work. For each Python given (default: python3.10 and
# the newest python3.x found), a fresh virtual environment gets the lowest versions
# that pyproject.toml allows of every direct dependency (uv's lowest-direct
# resolution), then the test suite runs once, quickly (Hypothesis's "lowest" profile
# of ten examples, no doctests: their printed reprs follow the newest releases).
#
# Usage: bash .ci/lowest.sh [3.10 3.13 ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never

# The interpreter of a Python version: on PATH, or installed by pyenv (whose shims
# refuse versions that are not selected).
interpreter() {
  if "python$1" -c "" > /dev/null 2>&1; then
    command -v "python$1"
    return
  fi
  if command -v pyenv > /dev/null; then
    for found in "$(pyenv root)/versions/$1".*/bin/"python$1"; do
      if [ -x "$found" ]; then echo "$found"; return; fi
    done
  fi
  return 1
}

if [ "$#" -eq 0 ]; then
  newest=""
  for v in 3.14 3.13 3.12 3.11; do
    if interpreter "$v" > /dev/null; then newest="$v"; break; fi
  done
  set -- 3.10 ${newest:+"$newest"}
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/tools"
"$work/tools/bin/python" -m pip install --quiet uv

for version in "$@"; do
  python="$(interpreter "$version")" || { echo "no Python $version here"; exit 1; }
  echo "== lowest direct versions on Python $version ($python)"
  venv="$work/$version"
  "$work/tools/bin/uv" venv --quiet --python "$python" "$venv"
  VIRTUAL_ENV="$venv" "$work/tools/bin/uv" pip install --quiet \
    --resolution lowest-direct -e ".[test]"
  VIRTUAL_ENV="$venv" "$work/tools/bin/uv" pip freeze \
    | grep -i -E '^(attrs|cattrs|networkx|numpy|scipy|pandas|hypothesis|matplotlib|python-calamine|openpyxl|pyarrow|starlette|httpx|pytest)=' \
    | tr '\n' ' '
  echo
  # ruff at its lowest version formats differently: the generated files are checked by CI.
  HYPOTHESIS_PROFILE=lowest "$venv/bin/python" -m pytest -q -x -p no:cacheprovider -o addopts="" \
    --deselect tests/test_public_api.py::test_generated_init_files_are_current \
    -W error -W "ignore::DeprecationWarning" tests
done
echo "lowest versions passed"
