"""Regenerate every oracle fixture: runs each tests/oracle/gen_*.py and writes tests/oracle/fixtures/<name>.json.

Each gen_*.py defines FIXTURE (the file name) and cases() -> list of dicts
{ "id", "call" (the exact scipy call that produced the value), "inputs", "expected" }.
.ci/run re-runs this in a venv pinned by requirements.txt and fails when the committed fixtures differ.
"""
import importlib.util
import json
import math
import pathlib
import sys

import numpy
import scipy

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def clean(value):
    """numpy scalars/arrays to plain JSON; refuse NaN/Infinity so a fixture never hides a silent NaN."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, numpy.ndarray):
        return [clean(v) for v in value.tolist()]
    if isinstance(value, (numpy.integer,)):
        return int(value)
    if isinstance(value, (numpy.floating, float)):
        f = float(value)
        if not math.isfinite(f):
            raise ValueError(f"non-finite value in fixture: {f}")
        return f
    if isinstance(value, (numpy.bool_,)):
        return bool(value)
    return value


def main() -> None:
    out_dir = HERE / "fixtures"
    out_dir.mkdir(exist_ok=True)
    for path in sorted(HERE.glob("gen_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases = clean(module.cases())
        ids = [c["id"] for c in cases]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{path.name}: duplicate case ids")
        doc = {
            "generator": f"tests/oracle/{path.name}",
            "versions": {"scipy": scipy.__version__, "numpy": numpy.__version__},
            "cases": cases,
        }
        target = out_dir / f"{module.FIXTURE}.json"
        target.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
        print(f"{target.relative_to(HERE.parent.parent)}: {len(cases)} cases")


if __name__ == "__main__":
    main()
