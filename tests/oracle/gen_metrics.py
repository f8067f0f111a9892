"""Expected values of src/models/metrics from scikit-learn (version recorded in each case's `call`).

Binary cases: y_true in {0, 1}, scores = predicted probability of class 1. Threshold metrics use the predicted
class `scores > 0.5` (what sklearn classifiers' predict() returns for a binary predict_proba). Large inputs are
recipes (tests/oracle/recipes.py) rebuilt bit-identically by tests/support/oracle/recipes.ts.
"""
import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, f1_score, log_loss,
                             mean_absolute_error, precision_score, r2_score, recall_score, roc_auc_score,
                             root_mean_squared_error)

from recipes import build

FIXTURE = "metrics"
V = f"sklearn {sklearn.__version__}"


def arr(value):
    return np.asarray(build(value) if isinstance(value, dict) else value, dtype=np.float64)


def ece(y, p, n_bins=10):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p), minlength=n_bins)
    counts = counts[counts != 0]
    return float(np.sum(counts / len(p) * np.abs(prob_true - prob_pred)))


BINARY_CALL = (
    f"{V}: roc_auc_score(y, p); average_precision_score(y, p); yhat = (p > 0.5).astype(int); "
    "accuracy_score(y, yhat); precision_score(y, yhat, zero_division=Z); recall_score(y, yhat, zero_division=Z); "
    "f1_score(y, yhat, zero_division=Z); log_loss(y, p); brier_score_loss(y, p); "
    "ECE = sum(counts/n * |prob_true - prob_pred|) with prob_true, prob_pred = "
    "calibration_curve(y, p, n_bins=10, strategy='uniform') and counts = non-zero "
    "np.bincount(np.searchsorted(np.linspace(0, 1, 11)[1:-1], p))"
)


def binary_case(case_id, y_in, p_in, zero_division=0):
    y, p = arr(y_in), arr(p_in)
    yhat = (p > 0.5).astype(int)
    both = len(np.unique(y)) == 2
    expected = {
        "accuracy": accuracy_score(y, yhat),
        "precision": precision_score(y, yhat, zero_division=zero_division),
        "recall": recall_score(y, yhat, zero_division=zero_division),
        "f1": f1_score(y, yhat, zero_division=zero_division),
        "brier": brier_score_loss(y, p),
        "ece": ece(y, p),
    }
    if both:
        expected.update({"rocAuc": roc_auc_score(y, p), "prAuc": average_precision_score(y, p), "logLoss": log_loss(y, p)})
    return {"id": case_id, "call": BINARY_CALL.replace("Z", str(zero_division)),
            "inputs": {"yTrue": y_in, "scores": p_in, "zeroDivision": zero_division}, "expected": expected}


REGRESSION_CALL = f"{V}: root_mean_squared_error(y, yhat); mean_absolute_error(y, yhat); r2_score(y, yhat)"


def regression_case(case_id, y_in, yhat_in):
    y, yhat = arr(y_in), arr(yhat_in)
    return {"id": case_id, "call": REGRESSION_CALL, "inputs": {"yTrue": y_in, "yPred": yhat_in},
            "expected": {"rmse": root_mean_squared_error(y, yhat), "mae": mean_absolute_error(y, yhat),
                         "r2": r2_score(y, yhat)}}


def cases():
    out = [
        binary_case("small-distinct", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
        binary_case("sklearn-doc-brier", [0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]),
        binary_case("ties-across-classes", [0, 1, 0, 1, 1, 0, 1, 0], [0.5, 0.5, 0.2, 0.9, 0.2, 0.9, 0.7, 0.1]),
        binary_case("exact-half-is-negative", [1, 0, 1, 0], [0.5, 0.5, 0.6, 0.4]),
        binary_case("clipped-extremes", [0, 1, 1, 0, 1], [1.0, 0.0, 1.0, 0.0, 0.999999999999]),
        binary_case("all-tied", [0, 1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3]),
        binary_case("no-predicted-positive-z0", [0, 1, 1, 0], [0.1, 0.2, 0.3, 0.4], 0),
        binary_case("no-predicted-positive-z1", [0, 1, 1, 0], [0.1, 0.2, 0.3, 0.4], 1),
        binary_case("no-true-positive-z1", [0, 0, 0], [0.1, 0.6, 0.3], 1),
        binary_case("nothing-positive-z1", [0, 0, 0], [0.1, 0.2, 0.3], 1),
        binary_case("edges-on-bin-boundaries", [0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0],
                    [0.0, 0.1, 0.2, 0.30000000000000004, 0.3, 0.4, 0.5, 0.6000000000000001, 0.7, 0.9, 1.0]),
        binary_case("recipe-uniform-2000",
                    {"kind": "integers", "seed": 11, "n": 2000, "k": 2, "loc": 0.0, "scale": 1.0},
                    {"kind": "uniform", "seed": 12, "n": 2000, "loc": 0.0, "scale": 1.0}),
        binary_case("recipe-heavy-ties-5000",
                    {"kind": "integers", "seed": 21, "n": 5000, "k": 2, "loc": 0.0, "scale": 1.0},
                    {"kind": "integers", "seed": 22, "n": 5000, "k": 7, "loc": 0.0, "scale": 1.0 / 6.0}),
        regression_case("regression-small", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]),
        regression_case("regression-constant-truth-perfect", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0]),
        regression_case("regression-constant-truth-imperfect", [2.0, 2.0, 2.0], [2.0, 3.0, 2.0]),
        regression_case("regression-recipe-1000",
                        {"kind": "normalish", "seed": 31, "n": 1000, "loc": 5.0, "scale": 2.0},
                        {"kind": "normalish", "seed": 32, "n": 1000, "loc": 5.0, "scale": 2.5}),
    ]
    return out
