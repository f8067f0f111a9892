#!/usr/bin/env bash
# Creates .venv-bench with the Python peers the benchmarks compare against (scipy, scikit-learn, LightGBM,
# Evidently). Benchmarks print "not available" columns when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-bench
.venv-bench/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
echo "bench peers installed in .venv-bench"
# NannyML (bench:estimate's peer) needs lightgbm < 4.6: its own venv, shared with its test oracle.
bash tests/oracle/nannyml/setup.sh
