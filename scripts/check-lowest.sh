#!/usr/bin/env bash
# CI: the lower bounds in pyproject.toml are true. Installs every runtime dependency at the
# lowest version its bound allows (">=X" becomes "==X") in a fresh venv, with the package
# and pytest, and runs the tests that need no browser and no wheel build.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" - >"$work/lowest.txt" <<'PY'
import re, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
for dep in deps:
    name = re.match(r"[A-Za-z0-9_.\-]+", dep).group(0)
    low = re.search(r">=\s*([0-9][^,;\s]*)", dep)
    print(f"{name}=={low.group(1)}" if low else name)
PY
echo "check-lowest: $(tr '\n' ' ' <"$work/lowest.txt")" >&2
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check \
  -r "$work/lowest.txt" "pytest>=8" "packaging>=23" "SPARQLWrapper>=2.0" "oxigraph>=0.4" \
  >"$work/install.log" 2>&1 \
  || { tail -30 "$work/install.log" >&2; exit 1; }
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e . \
  >>"$work/install.log" 2>&1 || { tail -30 "$work/install.log" >&2; exit 1; }
KGENESIS_CACHE="$work/cache" "$work/venv/bin/python" -m pytest -q -p no:cacheprovider \
  -m "not slow and not browser"
