"""NannyML 0.13.1's direct loss estimation (DLE) on regression streams, for src/drift/estimation/direct-loss-estimator.ts.

  est = nannyml.DLE(feature_column_names=["x1", "x2"], y_pred="y_pred", y_true="y", metrics=["mae", "rmse"],
                    chunk_size=CHUNK); est.fit(reference); res = est.estimate(analysis).to_df()
(streams: tests/oracle/nannyml/estimation_data.py regression_stream; the analysis labels present, so NannyML also
reports realized values). DLE fits LightGBM models of the absolute and squared error; driftguard fits its own gbdt,
so estimates agree closely, not exactly — the test states the tolerance. Sampling errors, thresholds and realized
values are closed-form and must agree up to rounding.
"""
import warnings

import nannyml
import pandas as pd

from cbpe_results import plain, uniform
from estimation_data import regression_stream

FIXTURE = "nannyml_dle"
METRICS = ["mae", "rmse"]
FIELDS = ["value", "sampling_error", "realized", "upper_confidence_boundary", "lower_confidence_boundary",
          "upper_threshold", "lower_threshold", "alert"]
CALL = (f"nannyml {nannyml.__version__} (lightgbm defaults): est = nannyml.DLE(feature_column_names=['x1', 'x2'], "
        "y_pred='y_pred', y_true='y', metrics=['mae', 'rmse'], chunk_size=CHUNK); est.fit(reference); "
        "est.estimate(analysis).to_df() — columns (metric, field) per chunk")


def frame(segments):
    x1, x2, predictions, targets = regression_stream(segments)
    return pd.DataFrame({"x1": x1, "x2": x2, "y_pred": predictions, "y": targets})


def segment(seed, n, x1_loc=0.0):
    return {"x1": uniform(seed, n, x1_loc), "x2": uniform(seed * 7919 + 101, n), "noise": uniform(seed * 104729 + 211, n)}


def case(case_id, reference, analysis, chunk):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = nannyml.DLE(feature_column_names=["x1", "x2"], y_pred="y_pred", y_true="y", metrics=METRICS,
                          chunk_size=chunk)
        est.fit(frame(reference))
        res = est.estimate(frame(analysis)).to_df()
    chunks = [{
        "period": row[("chunk", "period")],
        "start": int(row[("chunk", "start_index")]),
        "end": int(row[("chunk", "end_index")]),
        "metrics": {m: {f: plain(row[(m, f)]) for f in FIELDS} for m in METRICS},
    } for _, row in res.iterrows()]
    return {"id": case_id, "call": CALL.replace("CHUNK", str(chunk)),
            "inputs": {"reference": reference, "analysis": analysis, "chunkSize": chunk}, "expected": {"chunks": chunks}}


def cases():
    return [case("heteroscedastic-noise-covariate-shift", [segment(5, 12000)], [segment(6, 4500), segment(7, 4500, 0.6)], 1500)]
