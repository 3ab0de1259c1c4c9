#!/usr/bin/env bash
# Set up kgenesis on a fresh Debian machine: a virtual environment in .venv with the
# package and its test tools, plus Debian's chromium and a CJK font for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

# Debian packages the tests use: chromium and a CJK font (browser tests), curl, roqet
# (rasqal-utils) and Virtuoso (the SPARQL clients and the second triple store of the tests
# of serve, push and query --endpoint). Virtuoso's installer asks for the dba password:
# preseeded with Virtuoso's own default, for the throw-away databases the tests make.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v roqet >/dev/null 2>&1 || need_apt+=(rasqal-utils)
command -v virtuoso-t >/dev/null 2>&1 || need_apt+=(virtuoso-opensource)
preseed='virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba'
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "$preseed" | debconf-set-selections
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "$preseed" | sudo debconf-set-selections
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: cannot install ${need_apt[*]} (not root, no sudo); the tests that need" \
      "them will be skipped" >&2
  fi
fi

"$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
echo "setup: ready (.venv/bin/kgenesis)" >&2
