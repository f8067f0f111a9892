"""Times Evidently's DataDriftPreset on the CSV pair written by bench/drift.bench.ts (peer, benchmark only).

Usage: .venv-bench/bin/python bench/drift_evidently.py <reference.csv|.parquet> <current.csv|.parquet>
Prints one JSON object: readSeconds (pandas.read_csv / read_parquet of both), reportSeconds (Report([DataDriftPreset()]).run),
peakRssMiB (resource.getrusage ru_maxrss) and per-column verdicts {column: {method, threshold, value, drifted}}.
Evidently 0.7 rule: drift when the value is >= threshold for distances, < threshold for p-values.
"""
import json
import re
import resource
import sys
import time

import pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset

reference_path, current_path = sys.argv[1], sys.argv[2]
started = time.perf_counter()
read = pd.read_parquet if reference_path.endswith(".parquet") else pd.read_csv
reference = read(reference_path)
current = read(current_path)
read_seconds = time.perf_counter() - started

started = time.perf_counter()
snapshot = Report([DataDriftPreset()]).run(current, reference)
result = snapshot.dict()
report_seconds = time.perf_counter() - started

P_VALUE_METHODS = ("p_value", "test")  # K-S p_value, chi-square p_value, Z-test p_value
columns = {}
for metric in result["metrics"]:
    config = metric["config"]
    if config.get("type") != "evidently:metric_v2:ValueDrift":
        continue
    method = config["method"]
    threshold = config["threshold"]
    value = metric["value"]
    is_p_value = bool(re.search(r"p_value|p-value", method, re.I))
    columns[config["column"]] = {
        "method": method,
        "threshold": threshold,
        "value": value,
        "drifted": bool(value < threshold) if is_p_value else bool(value >= threshold),
    }

print(
    json.dumps(
        {
            "tool": "evidently",
            "readSeconds": read_seconds,
            "reportSeconds": report_seconds,
            "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "columns": columns,
        }
    )
)
