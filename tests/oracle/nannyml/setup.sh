#!/usr/bin/env bash
# Creates .venv-nannyml (NannyML 0.13.1 and its pinned numeric stack) for tests/oracle/nannyml/generate_fixtures.py and
# `npm run bench:estimate`. Idempotent: re-running only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ ! -x .venv-nannyml/bin/python ]; then python3 -m venv .venv-nannyml; fi
.venv-nannyml/bin/pip install --quiet --disable-pip-version-check -r tests/oracle/nannyml/requirements.txt
echo "NannyML installed in .venv-nannyml"
