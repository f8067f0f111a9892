"""Regenerate every oracle fixture: runs each tests/oracle/gen_*.py and writes tests/oracle/fixtures/<name>.json.

Each gen_*.py defines FIXTURE (the file name) and cases() -> list of dicts
{ "id", "call" (the exact scipy call that produced the value), "inputs", "expected" }.
.ci/run re-runs this in a venv pinned by requirements.txt with --check: it fails when a committed fixture differs
from what the oracles compute now in anything but float rounding — same cases, calls, strings, integers and
booleans; floats within CHECK_RELATIVE_TOLERANCE. The last digits of a few scipy / numpy results (libm and SIMD
paths) differ between CPUs, so a byte-for-byte comparison would fail on one machine and pass on another.
"""
import argparse
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


CHECK_RELATIVE_TOLERANCE = 1e-12


def float_gap(a: float, b: float) -> float:
    """Relative difference of two floats (0 when equal; absolute below 1e-300 so subnormals compare sanely)."""
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def compare(committed, computed, where: str, problems: list, gaps: list) -> None:
    """Structural equality, floats up to rounding: appends mismatches to problems and float gaps to gaps."""
    if isinstance(committed, bool) or isinstance(computed, bool) or not (isinstance(committed, (int, float)) and isinstance(computed, (int, float))):
        if type(committed) is not type(computed):
            problems.append(f"{where}: {committed!r} became {computed!r}")
        elif isinstance(committed, dict):
            if set(committed) != set(computed):
                problems.append(f"{where}: keys {sorted(set(committed) ^ set(computed))} differ")
            for key in sorted(set(committed) & set(computed)):
                compare(committed[key], computed[key], f"{where}.{key}", problems, gaps)
        elif isinstance(committed, list):
            if len(committed) != len(computed):
                problems.append(f"{where}: length {len(committed)} became {len(computed)}")
            for i, (a, b) in enumerate(zip(committed, computed)):
                compare(a, b, f"{where}[{i}]", problems, gaps)
        elif committed != computed:
            problems.append(f"{where}: {committed!r} became {computed!r}")
        return
    if isinstance(committed, int) and isinstance(computed, int):
        if committed != computed:
            problems.append(f"{where}: {committed} became {computed}")
        return
    gap = float_gap(float(committed), float(computed))
    gaps.append(gap)
    if gap > CHECK_RELATIVE_TOLERANCE:
        problems.append(f"{where}: {committed!r} became {computed!r} (relative gap {gap:.2e})")


def scipy_versions() -> dict:
    return {"scipy": scipy.__version__, "numpy": numpy.__version__}


def fixture_documents(gen_dir: pathlib.Path = HERE, versions=scipy_versions):
    """(fixture name, document) of every gen_*.py in gen_dir; `versions()` names the oracle's library versions."""
    for path in sorted(gen_dir.glob("gen_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases = clean(module.cases())
        ids = [c["id"] for c in cases]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{path.name}: duplicate case ids")
        doc = {
            "generator": str(path.relative_to(HERE.parent.parent)),
            "versions": versions(),
            "cases": cases,
        }
        yield module.FIXTURE, clean(json.loads(json.dumps(doc, sort_keys=True)))


def main(gen_dir: pathlib.Path = HERE, versions=scipy_versions) -> int:
    parser = argparse.ArgumentParser(description="Regenerate (default) or check the oracle fixtures.")
    parser.add_argument("--check", action="store_true", help="compare with the committed fixtures instead of writing them")
    args = parser.parse_args()
    out_dir = HERE / "fixtures"
    out_dir.mkdir(exist_ok=True)
    failed = False
    for name, doc in fixture_documents(gen_dir, versions):
        target = out_dir / f"{name}.json"
        shown = target.relative_to(HERE.parent.parent)
        if not args.check:
            target.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
            print(f"{shown}: {len(doc['cases'])} cases")
            continue
        if not target.exists():
            print(f"{shown}: missing (run tests/oracle/generate.py)")
            failed = True
            continue
        problems: list = []
        gaps: list = []
        compare(json.loads(target.read_text()), doc, name, problems, gaps)
        worst = max(gaps, default=0.0)
        changed = sum(1 for g in gaps if g > 0)
        print(f"{shown}: {len(doc['cases'])} cases, {changed} floats differ in rounding, worst relative gap {worst:.1e}")
        for problem in problems[:20]:
            print(f"  {problem}")
        failed = failed or bool(problems)
    if failed:
        print("committed oracle fixtures differ from what the oracles compute now: re-run tests/oracle/generate.py", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
