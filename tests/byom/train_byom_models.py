"""The user's world for the bring-your-own-model tests: trains four tiny models with the frameworks' own APIs, exports
the first three to ONNX with the converters users run, logs each with MLflow (a signature, no input example),
registers it in the MLflow server at MLFLOW_TRACKING_URI, and writes what the framework itself predicts on the test
rows, for parity checks on the TypeScript side.

  (a) sklearn   Pipeline(ColumnTransformer(StandardScaler on numbers, OneHotEncoder on strings), LogisticRegression),
                string classes "no" / "yes"; skl2onnx.to_onnx(pipe, X[:1]): one [None, 1] input per column (float,
                int64, string), default ZipMap output; mlflow.onnx.log_model with a column signature.
  (b) lightgbm  LGBMClassifier on a float32 matrix, classes 0 / 1; onnxmltools.convert_lightgbm with one
                [None, n] input and zipmap=False ([N, 2] probabilities); column signature (names give the order).
  (c) xgboost   XGBRegressor; onnxmltools.convert_xgboost, one [None, n] input; a bare tensor signature (the column
                order then comes from driftguard's model entry).
  (d) custom    an mlflow.pyfunc.PythonModel returning a DataFrame {label, probability}; mlflow.pyfunc.log_model.

usage: .venv-byom/bin/python tests/byom/train_byom_models.py OUT_DIR NAME_PREFIX
Writes OUT_DIR/manifest.json: {key: {name, version, features, rows, expected, ...}}. Everything is seeded.
"""
import json
import os
import sys
import time

import lightgbm as lgb
import mlflow
import mlflow.onnx
import mlflow.pyfunc
import numpy as np
import onnxmltools
import pandas as pd
import xgboost as xgb
from mlflow.models import infer_signature
from onnxmltools.convert.common.data_types import FloatTensorType as MlToolsFloat
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from skl2onnx import to_onnx

TEST_ROWS = 60
# Explicit requirements: MLflow would otherwise infer them by loading each model in a subprocess (slow).
ONNX_REQUIREMENTS = [f"mlflow=={mlflow.__version__}", "onnx", "onnxruntime", "numpy", "pandas"]


def tabular(rng, n):
    """Mixed columns: float32 numbers, an int64 count and two string categories; target 'yes' / 'no'."""
    age = rng.normal(45, 12, n).astype(np.float32)
    income = rng.lognormal(10, 0.4, n).astype(np.float32)
    tenure = rng.integers(0, 30, n).astype(np.int64)
    city = rng.choice(["paris", "lyon", "nice", "lille"], n)
    plan = rng.choice(["basic", "plus", "pro"], n)
    margin = 0.04 * (age - 45) + 0.9 * (city == "lyon") - 0.7 * (plan == "basic") + 0.05 * (tenure - 15) + rng.normal(0, 1, n)
    frame = pd.DataFrame({"age": age, "income": income, "tenure": tenure, "city": city.astype(object), "plan": plan.astype(object)})
    return frame, np.where(margin > 0, "yes", "no")


def matrix(rng, n, k):
    x = rng.normal(0, 1, (n, k)).astype(np.float32)
    return x, x @ rng.normal(0, 1, k).astype(np.float32) + 0.5 * np.sin(3 * x[:, 0])


def log_and_register(name, log):
    """Logs through `log(registered_model_name)` in its own run; returns the registered version number."""
    with mlflow.start_run(run_name=name):
        info = log(name)
    return str(info.registered_model_version)


def rows_of(frame):
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def sklearn_pipeline(rng, prefix):
    x, y = tabular(rng, 400 + TEST_ROWS)
    x_train, y_train, x_test = x.iloc[:400], y[:400], x.iloc[400:].reset_index(drop=True)
    pipe = Pipeline([
        ("prep", ColumnTransformer([
            ("num", StandardScaler(), ["age", "income", "tenure"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["city", "plan"]),
        ])),
        ("clf", LogisticRegression(max_iter=500)),
    ]).fit(x_train, y_train)
    # an unseen category: OneHotEncoder(handle_unknown="ignore") gives all zeros, ONNX must agree
    x_test.loc[0, "city"] = "marseille"
    onx = to_onnx(pipe, x_train[:1])
    proba = pipe.predict_proba(x_test)
    signature = infer_signature(x_train, proba)
    name = f"{prefix}-sklearn"
    version = log_and_register(name, lambda n: mlflow.onnx.log_model(onx, name="model", signature=signature, registered_model_name=n, pip_requirements=ONNX_REQUIREMENTS))
    return {
        "name": name, "version": version, "features": list(x.columns), "rows": rows_of(x_test),
        "classes": [str(c) for c in pipe.classes_],
        "expected": {"probability": proba[:, 1].tolist(), "label": [str(c) for c in pipe.predict(x_test)]},
    }


def lightgbm_classifier(rng, prefix):
    x, margin = matrix(rng, 500 + TEST_ROWS, 5)
    y = (margin > 0).astype(np.int64)
    columns = [f"x{i}" for i in range(5)]
    model = lgb.LGBMClassifier(n_estimators=25, num_leaves=7, learning_rate=0.2, min_child_samples=10, verbose=-1).fit(x[:500], y[:500])
    x_test = x[500:]
    onx = onnxmltools.convert_lightgbm(model, initial_types=[("input", MlToolsFloat([None, 5]))], zipmap=False, target_opset=15)
    proba = model.predict_proba(x_test)
    signature = infer_signature(pd.DataFrame(x[:500], columns=columns), proba)
    name = f"{prefix}-lightgbm"
    version = log_and_register(name, lambda n: mlflow.onnx.log_model(onx, name="model", signature=signature, registered_model_name=n, pip_requirements=ONNX_REQUIREMENTS))
    return {
        "name": name, "version": version, "features": columns, "rows": rows_of(pd.DataFrame(x_test, columns=columns)),
        "classes": [int(c) for c in model.classes_],
        "expected": {"probability": proba[:, 1].tolist(), "label": [int(c) for c in model.predict(x_test)]},
    }


def xgboost_regressor(rng, prefix):
    x, target = matrix(rng, 500 + TEST_ROWS, 4)
    columns = [f"z{i}" for i in range(4)]
    model = xgb.XGBRegressor(n_estimators=30, max_depth=3, learning_rate=0.2).fit(x[:500], target[:500])
    x_test = x[500:]
    onx = onnxmltools.convert_xgboost(model, initial_types=[("input", MlToolsFloat([None, 4]))], target_opset=15)
    signature = infer_signature(x[:500], model.predict(x[:500]))  # a bare tensor signature: no column names
    name = f"{prefix}-xgboost"
    version = log_and_register(name, lambda n: mlflow.onnx.log_model(onx, name="model", signature=signature, registered_model_name=n, pip_requirements=ONNX_REQUIREMENTS))
    return {
        "name": name, "version": version, "features": columns, "rows": rows_of(pd.DataFrame(x_test, columns=columns)),
        "expected": {"value": model.predict(x_test).astype(float).tolist()},
    }


class ChurnRule(mlflow.pyfunc.PythonModel):
    """A hand-written scorer no converter knows: P(yes) = sigmoid(0.05·(age − 40) + 0.8·[plan = pro])."""

    def predict(self, context, model_input, params=None):
        z = 0.05 * (model_input["age"].astype(float) - 40) + 0.8 * (model_input["plan"] == "pro")
        p = 1 / (1 + np.exp(-z))
        return pd.DataFrame({"label": np.where(p > 0.5, "yes", "no"), "probability": p})


def custom_pyfunc(rng, prefix):
    x, _ = tabular(rng, TEST_ROWS)
    x = x[["age", "plan"]]
    model = ChurnRule()
    expected = model.predict(None, x)
    signature = infer_signature(x, expected)
    name = f"{prefix}-custom"
    version = log_and_register(name, lambda n: mlflow.pyfunc.log_model(
        name="model", python_model=model, signature=signature, registered_model_name=n,
        pip_requirements=[f"mlflow=={mlflow.__version__}", "pandas", "numpy"]))
    return {
        "name": name, "version": version, "features": list(x.columns), "rows": rows_of(x),
        "classes": ["no", "yes"],
        "expected": {"probability": expected["probability"].tolist(), "label": expected["label"].tolist()},
    }


def main():
    out_dir, prefix = sys.argv[1], sys.argv[2]
    mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])
    mlflow.set_experiment(f"{prefix}-byom")
    rng = np.random.default_rng(20261127)
    manifest, seconds = {}, {}
    for key, build in [("sklearn", sklearn_pipeline), ("lightgbm", lightgbm_classifier), ("xgboost", xgboost_regressor), ("custom", custom_pyfunc)]:
        start = time.perf_counter()
        manifest[key] = build(rng, prefix)
        seconds[key] = round(time.perf_counter() - start, 2)
    manifest["seconds"] = seconds
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    print(json.dumps(seconds))


if __name__ == "__main__":
    main()
