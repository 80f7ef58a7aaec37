#!/usr/bin/env sh
# Packaging check (issue 11): `pip install .` into a fresh venv made with Python's bundled pip, NOT upgraded
# (Python 3.11 ships pip 23.x, which does not resolve extras such as lxml[html_clean] the way newer pips do),
# then `veille ingest --json` on one demo page. A missing direct dependency crashes here, not in a user's hands.
set -eu
PYTHON="${PYTHON:-python3}"
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip --version
"$work/venv/bin/python" -m pip install --quiet .
page="app/demo/pages/androidemag/chatgpt-erreurs-lenteurs-depuis-ce-matin.html"
out="$(cd "$work" && VEILLE_DATA_DIR="$work/data" "$work/venv/bin/veille" ingest --json "$OLDPWD/$page")"
echo "$out"
echo "$out" | "$work/venv/bin/python" -c 'import json, sys; line = json.loads(sys.stdin.readline()); sys.exit(0 if line["status"] == "stored" else 1)'
echo "check-install: ok"
