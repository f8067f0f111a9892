"""Trains the credit-default model: a scikit-learn Pipeline (scaling + one-hot encoding + logistic regression),
exported to ONNX with skl2onnx and registered in MLflow. One script, two uses:

  1. The first model, from a notebook or a shell:
         python train.py --data credit.csv --model-name credit-default --alias champion
     registers a new version of `credit-default` and points the `champion` alias at it: driftguard serves it by name.

  2. driftguard's command trainer ("retraining": {"trainer": {"type": "command", "command": ["python", "train.py"]}}):
     with DRIFTGUARD_JOB_ID set it trains on the job's Parquet files (DRIFTGUARD_TRAIN_DATA, DRIFTGUARD_VALIDATION_DATA;
     columns DRIFTGUARD_FEATURES, label DRIFTGUARD_TARGET) and registers a version of DRIFTGUARD_MODEL_NAME tagged
     driftguard.job_id=<job id> — no alias: driftguard judges the challenger and moves the aliases itself.

MLflow is reached through MLFLOW_TRACKING_URI (driftguard passes its own). Requirements: requirements.txt.
"""
import argparse
import json
import os

import mlflow
import mlflow.onnx
import numpy as np
import pandas as pd
from mlflow import MlflowClient
from mlflow.models import infer_signature
from skl2onnx import to_onnx
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["age", "income", "debt_ratio"]
COUNTS = ["late_payments"]
CATEGORICAL = ["employment"]
FEATURES = NUMERIC + COUNTS + CATEGORICAL
TARGET = "defaulted"
# Explicit requirements: MLflow would otherwise load the model in a subprocess to infer them (slow).
REQUIREMENTS = [f"mlflow=={mlflow.__version__}", "onnx", "onnxruntime", "numpy", "pandas"]


def model_input(frame: pd.DataFrame, features: list[str]) -> pd.DataFrame:
    """The columns the model reads, typed as its ONNX inputs will be: float32, int64 and strings."""
    x = frame[features].copy()
    for column in features:
        if column in NUMERIC:
            x[column] = x[column].astype(np.float32)
        elif column in COUNTS:
            x[column] = x[column].fillna(0).astype(np.int64)
        else:
            x[column] = x[column].astype(str)
    return x


def pipeline(features: list[str]) -> Pipeline:
    return Pipeline(
        [
            (
                "prep",
                ColumnTransformer(
                    [
                        ("num", StandardScaler(), [f for f in features if f not in CATEGORICAL]),
                        ("cat", OneHotEncoder(handle_unknown="ignore"), [f for f in features if f in CATEGORICAL]),
                    ]
                ),
            ),
            ("clf", LogisticRegression(max_iter=1000)),
        ]
    )


def fit_and_register(train, validation, features, target, model_name, run_name, version_tags) -> str:
    """Fits, exports to ONNX (one input per column, skl2onnx's default ZipMap output), logs and registers."""
    x, y = model_input(train, features), train[target].astype(str)
    model = pipeline(features).fit(x, y)
    onx = to_onnx(model, x[:1])
    signature = infer_signature(x, model.predict_proba(x[:5]))
    with mlflow.start_run(run_name=run_name):
        mlflow.log_params({"rows_train": len(train), "features": ",".join(features), "classes": ",".join(model.classes_)})
        if validation is not None and len(validation) > 0 and validation[target].nunique() == 2:
            p = model.predict_proba(model_input(validation, features))[:, 1]
            mlflow.log_metric("validation.roc_auc", roc_auc_score(validation[target].astype(str) == model.classes_[1], p))
        info = mlflow.onnx.log_model(
            onx, name="model", signature=signature, registered_model_name=model_name, pip_requirements=REQUIREMENTS
        )
    version = str(info.registered_model_version)
    client = MlflowClient()
    for key, value in version_tags.items():
        client.set_model_version_tag(model_name, version, key, value)
    return version


def as_command_trainer() -> None:
    env = os.environ
    features, target = json.loads(env["DRIFTGUARD_FEATURES"]), env["DRIFTGUARD_TARGET"]
    train = pd.read_parquet(env["DRIFTGUARD_TRAIN_DATA"])
    validation = pd.read_parquet(env["DRIFTGUARD_VALIDATION_DATA"])
    print(f"job {env['DRIFTGUARD_JOB_ID']}: {len(train)} training rows, {len(validation)} validation rows", flush=True)
    version = fit_and_register(
        train,
        validation,
        features,
        target,
        env["DRIFTGUARD_MODEL_NAME"],
        f"retrain for job {env['DRIFTGUARD_JOB_ID']}",
        {"driftguard.job_id": env["DRIFTGUARD_JOB_ID"]},
    )
    print(f"registered {env['DRIFTGUARD_MODEL_NAME']} version {version}", flush=True)


def as_first_model() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="labelled CSV (credit_data.py writes one)")
    parser.add_argument("--model-name", default="credit-default")
    parser.add_argument("--alias", default="champion", help="alias to point at the new version ('' for none)")
    args = parser.parse_args()
    frame = pd.read_csv(args.data)
    split = int(len(frame) * 0.85)
    version = fit_and_register(frame[:split], frame[split:], FEATURES, TARGET, args.model_name, "first model", {})
    if args.alias:
        MlflowClient().set_registered_model_alias(args.model_name, args.alias, version)
    print(f"registered {args.model_name} version {version}" + (f" as {args.alias}" if args.alias else ""), flush=True)


if __name__ == "__main__":
    mlflow.set_experiment(os.environ.get("MLFLOW_EXPERIMENT_NAME", "credit-default-training"))
    if os.environ.get("DRIFTGUARD_JOB_ID"):
        as_command_trainer()
    else:
        as_first_model()
