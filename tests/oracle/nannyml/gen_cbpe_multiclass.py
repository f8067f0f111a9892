"""Expected values of src/drift/estimation/multiclass-performance-estimator.ts from NannyML 0.13.1.

Streams from tests/oracle/nannyml/estimation_data.py (multiclass_stream), classes a, b, c, then
  est = nannyml.CBPE(y_pred_proba={"a": "pa", "b": "pb", "c": "pc"}, y_pred="y_pred", y_true="y",
                     problem_type="classification_multiclass", metrics=METRICS, chunk_size=CHUNK)
  est.fit(reference); res = est.estimate(analysis).to_df()
with the analysis labels present (realized values). Per chunk of both periods: value, sampling_error,
lower/upper_confidence_boundary, lower/upper_threshold, alert, realized; and which classes NannyML calibrates
(type of est._calibrators[class]).
"""
import warnings

import nannyml
import numpy as np
import pandas as pd

from cbpe_results import METRICS, chunk_records, uniform
from estimation_data import CLASSES, multiclass_stream

FIXTURE = "nannyml_cbpe_multiclass"
CALL = (f"nannyml {nannyml.__version__}: est = nannyml.CBPE(y_pred_proba={{'a': 'pa', 'b': 'pb', 'c': 'pc'}}, "
        "y_pred='y_pred', y_true='y', problem_type='classification_multiclass', metrics=METRICS, chunk_size=CHUNK); "
        "est.fit(reference); est.estimate(analysis).to_df() — columns (metric, field) per chunk; "
        "type(est._calibrators[class]).__name__")



def frame(segments):
    scores, labels, predictions = multiclass_stream(segments)
    data = {f"p{c}": np.asarray(scores[k]) for k, c in enumerate(CLASSES)}
    data["y_pred"] = [CLASSES[k] for k in predictions]
    data["y"] = [CLASSES[k] for k in labels]
    return pd.DataFrame(data)



def case(case_id, reference, analysis, chunk):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = nannyml.CBPE(y_pred_proba={c: f"p{c}" for c in CLASSES}, y_pred="y_pred", y_true="y",
                           problem_type="classification_multiclass", metrics=METRICS, chunk_size=chunk)
        est.fit(frame(reference))
        res = est.estimate(frame(analysis)).to_df()
    chunks = chunk_records(res)
    calibrated = [type(est._calibrators[c]).__name__ == "IsotonicCalibrator" for c in CLASSES]
    return {"id": case_id, "call": CALL.replace("METRICS", repr(METRICS)).replace("CHUNK", str(chunk)),
            "inputs": {"reference": reference, "analysis": analysis, "chunkSize": chunk},
            "expected": {"calibrated": calibrated, "chunks": chunks}}


def segment(seed, n, loc=0.0):
    # seeds far apart: the LCG streams of neighbouring seeds are correlated enough to tie normalized scores
    return {"scores": [uniform(seed, n, loc), uniform(seed * 7919 + 101, n), uniform(seed * 104729 + 211, n)],
            "noise": uniform(seed * 1299709 + 307, n)}


def cases():
    return [
        case("three-classes-under-confident-covariate-shift", [segment(71, 9000)], [segment(81, 4000), segment(91, 4500, 0.5)], 2000),
    ]
