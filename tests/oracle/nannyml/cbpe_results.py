"""What both CBPE generators read out of NannyML: the metrics, the per-chunk fields, plain JSON values."""
import numpy as np

METRICS = ["roc_auc", "accuracy", "precision", "recall", "f1", "specificity"]
FIELDS = ["value", "sampling_error", "realized", "upper_confidence_boundary", "lower_confidence_boundary",
          "upper_threshold", "lower_threshold", "alert"]


def uniform(seed, n, loc=0.0, scale=1.0):
    return {"kind": "uniform", "seed": seed, "n": n, "loc": loc, "scale": scale}


def plain(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return float(value)


def chunk_records(result_frame):
    """One record per chunk of `CBPE.estimate(...).to_df()`: period, row span and every field of every metric."""
    return [{
        "period": row[("chunk", "period")],
        "start": int(row[("chunk", "start_index")]),
        "end": int(row[("chunk", "end_index")]),
        "metrics": {m: {f: plain(row[(m, f)]) for f in FIELDS} for m in METRICS},
    } for _, row in result_frame.iterrows()]
