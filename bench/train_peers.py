"""Python peers of bench/train.bench.ts: fit scikit-learn and LightGBM on the SAME time-ordered split of the SAME
CSV file that driftguard trains on, and print one JSON object (fit seconds, test ROC AUC).

usage: python train_peers.py --csv FILE --target COL [--time-column COL] [--exclude a,b]
                             [--train 0.7] [--validation 0.15]
Split (same rule as src/models/evaluation/time-ordered-split.ts): rows ordered by the time column (stable; date
strings parsed as UTC) or file order; the first floor(n*train) rows train, the next floor(n*validation) validate,
the rest test. Features: every column except target, time column and --exclude; object columns are categorical,
True/False columns booleans (0/1), the rest numeric.
Peers (defaults aligned with driftguard's gbdt: 100 rounds, learning rate 0.1, 31 leaves, 20 rows per leaf):
  lightgbm            lightgbm.LGBMClassifier(n_estimators=100, learning_rate=0.1, num_leaves=31,
                      min_child_samples=20), early stopping after 10 rounds on the validation set (as driftguard)
  sklearn_hgb         HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31,
                      min_samples_leaf=20, early_stopping=False, categorical_features="from_dtype")
  sklearn_logistic    Pipeline(median imputer + StandardScaler | OneHotEncoder(handle_unknown="ignore"),
                      LogisticRegression(C=1.0, max_iter=1000))
Threads: OMP_NUM_THREADS (set by the TypeScript script; default 1) for scikit-learn, n_jobs for LightGBM.
"""
import argparse
import json
import os
import time

import lightgbm
import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

THREADS = int(os.environ.get("OMP_NUM_THREADS", "1"))


def load(args):
    frame = pd.read_csv(args.csv, low_memory=False)
    if args.time_column:
        keys = frame[args.time_column]
        if keys.dtype == object:
            keys = pd.to_datetime(keys, utc=True)
        frame = frame.iloc[np.argsort(keys.to_numpy(), kind="stable")].reset_index(drop=True)
    n = len(frame)
    n_train = int(np.floor(n * args.train + 1e-9))
    n_val = int(np.floor(n * args.validation + 1e-9))
    dropped = {args.target, *(c for c in args.exclude.split(",") if c)}
    if args.time_column:
        dropped.add(args.time_column)
    features = [c for c in frame.columns if c not in dropped]
    x = frame[features].copy()
    categorical = []
    for c in features:
        if x[c].dtype == bool:
            x[c] = x[c].astype(np.int8)
        elif x[c].dtype == object:
            x[c] = x[c].astype("category")
            categorical.append(c)
    classes = sorted(frame[args.target].astype(str).unique())
    y = (frame[args.target].astype(str) == classes[-1]).astype(int).to_numpy()
    parts = {"train": slice(0, n_train), "validation": slice(n_train, n_train + n_val), "test": slice(n_train + n_val, n)}
    return {k: (x.iloc[s], y[s]) for k, s in parts.items()}, categorical


def timed(fit):
    t0 = time.perf_counter()
    model = fit()
    return model, time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--time-column", default="")
    parser.add_argument("--exclude", default="")
    parser.add_argument("--train", type=float, default=0.7)
    parser.add_argument("--validation", type=float, default=0.15)
    args = parser.parse_args()
    parts, categorical = load(args)
    (x_tr, y_tr), (x_va, y_va), (x_te, y_te) = parts["train"], parts["validation"], parts["test"]
    numeric = [c for c in x_tr.columns if c not in categorical]
    out = {"versions": {"sklearn": sklearn.__version__, "lightgbm": lightgbm.__version__}, "threads": THREADS,
           "rows": {k: len(v[1]) for k, v in parts.items()}, "models": {}}

    def record(name, model, seconds, extra=None):
        auc = roc_auc_score(y_te, model.predict_proba(x_te)[:, 1])
        out["models"][name] = {"fitSeconds": seconds, "testRocAuc": float(auc), **(extra or {})}

    lgbm = lightgbm.LGBMClassifier(n_estimators=100, learning_rate=0.1, num_leaves=31, min_child_samples=20,
                                   n_jobs=THREADS, verbose=-1)
    fit_kwargs = {}
    if len(y_va) > 0:
        fit_kwargs = {"eval_X": (x_va,), "eval_y": (y_va,), "callbacks": [lightgbm.early_stopping(10, verbose=False)]}
    model, seconds = timed(lambda: lgbm.fit(x_tr, y_tr, **fit_kwargs))
    record("lightgbm", model, seconds, {"iterations": int(model.best_iteration_ or model.n_estimators)})

    hgb = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                         early_stopping=False, categorical_features="from_dtype", random_state=0)
    model, seconds = timed(lambda: hgb.fit(x_tr, y_tr))
    record("sklearn_hgb", model, seconds, {"iterations": int(model.n_iter_)})

    transformers = [("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric)]
    if categorical:
        transformers.append(("cat", OneHotEncoder(handle_unknown="ignore"), categorical))
    logistic = Pipeline([("prep", ColumnTransformer(transformers)),
                         ("lr", LogisticRegression(C=1.0, max_iter=1000))])
    model, seconds = timed(lambda: logistic.fit(x_tr, y_tr))
    record("sklearn_logistic", model, seconds)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
