"""Expected values of src/drift/estimation (binary CBPE) from NannyML 0.13.1.

Every case: a labelled reference stream and an analysis stream (tests/oracle/nannyml/estimation_data.py), then
  est = nannyml.CBPE(y_pred_proba="p", y_pred="y_pred", y_true="y", problem_type="classification_binary",
                     metrics=METRICS, chunk_size=CHUNK); est.fit(reference); res = est.estimate(analysis)
with the analysis labels present so that NannyML also reports the realized metrics. Per chunk of both periods
(res.to_df()): value, sampling_error, lower/upper_confidence_boundary, lower/upper_threshold, alert, realized.
Plus est.needs_calibration and, when NannyML calibrates, the isotonic knots est.calibrator._regressor.X_thresholds_ /
y_thresholds_ (scikit-learn IsotonicRegression(out_of_bounds="clip", increasing=True)).
"""
import warnings

import nannyml
import numpy as np
import pandas as pd

from cbpe_results import METRICS, chunk_records, uniform
from estimation_data import stream

FIXTURE = "nannyml_cbpe"
CALL = (f"nannyml {nannyml.__version__}: est = nannyml.CBPE(y_pred_proba='p', y_pred='y_pred', y_true='y', "
        "problem_type='classification_binary', metrics=METRICS, chunk_size=CHUNK); est.fit(reference); "
        "res = est.estimate(analysis).to_df() — columns (metric, field) per chunk; est.needs_calibration; "
        "est.calibrator._regressor.X_thresholds_, y_thresholds_")



def frame(segments):
    scores, labels, predictions = stream(segments)
    return pd.DataFrame({"p": np.asarray(scores), "y_pred": np.asarray(predictions), "y": np.asarray(labels)})



def case(case_id, reference, analysis, chunk):
    ref, ana = frame(reference), frame(analysis)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est = nannyml.CBPE(y_pred_proba="p", y_pred="y_pred", y_true="y", problem_type="classification_binary",
                           metrics=METRICS, chunk_size=chunk)
        est.fit(ref)
        res = est.estimate(ana).to_df()
    chunks = chunk_records(res)
    expected = {"needsCalibration": bool(est.needs_calibration), "chunks": chunks}
    if est.needs_calibration:
        expected["knots"] = {"scores": est.calibrator._regressor.X_thresholds_,
                             "probabilities": est.calibrator._regressor.y_thresholds_}
    return {"id": case_id, "call": CALL.replace("METRICS", repr(METRICS)).replace("CHUNK", str(chunk)),
            "inputs": {"reference": reference, "analysis": analysis, "chunkSize": chunk}, "expected": expected}


def cases():
    tied = {"kind": "integers", "k": 100, "scale": 0.01}
    return [
        case("square-truth-calibration-needed-partial-chunk",
             [{"scores": uniform(11, 12000), "noise": uniform(12, 12000), "truth": "square"}],
             [{"scores": uniform(13, 5000), "noise": uniform(14, 5000), "truth": "square"},
              {"scores": uniform(15, 5500, 0.3, 0.7), "noise": uniform(16, 5500), "truth": "square"}],
             2000),
        case("calibrated-scores-concept-shift",
             [{"scores": uniform(21, 10000), "noise": uniform(22, 10000), "truth": "identity"}],
             [{"scores": uniform(23, 4000), "noise": uniform(24, 4000), "truth": "identity"},
              {"scores": uniform(25, 4000), "noise": uniform(26, 4000), "truth": "affine"}],
             2000),
        case("under-confident-scores",
             [{"scores": uniform(31, 8000), "noise": uniform(32, 8000), "truth": "affine"}],
             [{"scores": uniform(33, 6000, 0.0, 0.8), "noise": uniform(34, 6000), "truth": "affine"}],
             1500),
        case("majority-positive-tied-scores",
             [{"scores": {**tied, "seed": 41, "n": 9000}, "noise": uniform(42, 9000), "truth": "lifted"}],
             [{"scores": {**tied, "seed": 43, "n": 7001}, "noise": uniform(44, 7001), "truth": "lifted"}],
             2500),
    ]
