"""NannyML peer of bench/estimate.bench.ts: CBPE on the same files and chunks as `driftguard estimate`.

usage: python estimate_nannyml.py --reference FILE --current FILE --score COL --prediction COL --target COL
                                  --chunk-size N [--metrics roc_auc,accuracy,...]
Runs nannyml.CBPE(y_pred_proba=score, y_pred=prediction, y_true=target, problem_type="classification_binary",
metrics=..., chunk_size=N) — fit on the reference, estimate on the current file (its target column dropped first,
so nothing can leak) — and prints one JSON object: per analysis chunk the estimated value of each metric, plus
read / fit / estimate seconds and the versions.
"""
import argparse
import json
import os
import time
import warnings

os.environ["NML_DISABLE_USAGE_LOGGING"] = "1"  # NannyML phones home on every fit/estimate unless told not to

import nannyml  # noqa: E402
import pandas as pd  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    for name in ("reference", "current", "score", "prediction", "target"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--chunk-size", type=int, required=True)
    parser.add_argument("--metrics", default="roc_auc,accuracy,precision,recall,f1,specificity")
    args = parser.parse_args()
    metrics = args.metrics.split(",")
    t0 = time.perf_counter()
    reference = pd.read_csv(args.reference)
    current = pd.read_csv(args.current)
    current = current.drop(columns=[args.target], errors="ignore")
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator = nannyml.CBPE(y_pred_proba=args.score, y_pred=args.prediction, y_true=args.target,
                                 problem_type="classification_binary", metrics=metrics, chunk_size=args.chunk_size)
        estimator.fit(reference)
        t2 = time.perf_counter()
        result = estimator.estimate(current).filter(period="analysis").to_df()
        t3 = time.perf_counter()
    chunks = []
    for _, row in result.iterrows():
        chunks.append({
            "start": int(row[("chunk", "start_index")]),
            "end": int(row[("chunk", "end_index")]),
            "estimated": {m: float(row[(m, "value")]) for m in metrics},
            "alert": {m: bool(row[(m, "alert")]) for m in metrics},
        })
    print(json.dumps({
        "chunks": chunks,
        "needsCalibration": bool(estimator.needs_calibration),
        "seconds": {"read": t1 - t0, "fit": t2 - t1, "estimate": t3 - t2},
        "versions": {"nannyml": nannyml.__version__, "pandas": pd.__version__},
    }))


if __name__ == "__main__":
    main()
