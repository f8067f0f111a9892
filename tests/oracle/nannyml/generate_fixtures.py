"""Regenerate (default) or --check the NannyML oracle fixtures: runs each tests/oracle/nannyml/gen_*.py in the
NannyML venv (.venv-nannyml, made by tests/oracle/nannyml/setup.sh) and writes tests/oracle/fixtures/<name>.json.

Same fixture format and check rule as tests/oracle/generate.py, which does the work: each gen_*.py defines FIXTURE
and cases() -> [{"id", "call", "inputs", "expected"}]; --check fails when a committed fixture differs from what
NannyML computes now in anything but float rounding.
"""
import os
import pathlib
import sys

os.environ["NML_DISABLE_USAGE_LOGGING"] = "1"  # NannyML phones home on every fit/estimate unless told not to

import nannyml  # noqa: E402
import numpy  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (tests/oracle/generate.py)

if __name__ == "__main__":
    sys.exit(generate.main(HERE, lambda: {"nannyml": nannyml.__version__, "numpy": numpy.__version__}))
