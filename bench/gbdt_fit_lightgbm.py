"""LightGBM / sklearn HistGradientBoosting fit time on a CSV written by bench/gbdt-fit.bench.ts (same rows, same
hyper-parameters as driftguard's gbdt defaults: 100 rounds, 31 leaves, lr 0.1, min 20 rows per leaf, 255 bins).
Prints JSON {name: {"fitSeconds", "cpuSeconds", "testAuc"}}. usage: gbdt_fit_lightgbm.py TRAIN.csv TEST.csv THREADS"""
import json
import sys
import time

import lightgbm
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def timed(fit):
    wall, cpu = time.perf_counter(), time.process_time()
    model = fit()
    return model, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    train, test, threads = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2]), int(sys.argv[3])
    features = [c for c in train.columns if c != "label"]
    x, y = train[features].to_numpy(np.float64), (train["label"] == "yes").to_numpy(int)
    xt, yt = test[features].to_numpy(np.float64), (test["label"] == "yes").to_numpy(int)
    out = {}
    lgb = lambda: lightgbm.LGBMClassifier(n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20,
                                          reg_lambda=0.0, max_bin=255, n_jobs=threads, verbose=-1).fit(x, y)
    hgb = lambda: HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, learning_rate=0.1, min_samples_leaf=20,
                                                 early_stopping=False, max_bins=255).fit(x, y)
    for name, fit in [("lightgbm", lgb), ("sklearn_hgb", hgb)]:
        fit()  # warm-up (imports, thread pools)
        model, wall, cpu = timed(fit)
        out[name] = {"fitSeconds": wall, "cpuSeconds": cpu, "testAuc": roc_auc_score(yt, model.predict_proba(xt)[:, 1])}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
