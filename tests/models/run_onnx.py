"""Runs a driftguard-exported .onnx file in Python onnxruntime, twice: with plain numpy feeds, and through
MLflow's onnx pyfunc wrapper (mlflow.onnx._OnnxModelWrapper) fed a pandas DataFrame, as
`mlflow.pyfunc.load_model(...).predict(df)` does. Prints {MODEL: {"ort": {output: values}, "pyfunc": {...}}} as JSON.

usage: run_onnx.py FEEDS.json MODEL.onnx [MODEL.onnx …]
       (FEEDS: {input: {"type": "float32"|"string", "values": [...]}}, null = NaN; the same feeds for every model)
"""
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import onnxruntime as ort
import pandas as pd


def run(model_path, feeds_path):
    with open(feeds_path) as f:
        spec = json.load(f)
    feeds, frame = {}, {}
    for name, feed in spec.items():
        if feed["type"] == "string":
            feeds[name] = np.array(feed["values"], dtype=object)
            # pandas 3 infers a StringDtype whose .values onnxruntime rejects: keep object dtype (documented)
            frame[name] = pd.Series(feed["values"], dtype=object)
        else:
            values = [np.nan if v is None else v for v in feed["values"]]
            feeds[name] = np.array(values, dtype=np.float32)
            frame[name] = np.array(values, dtype=np.float64)  # pandas default; MLflow casts to float32
    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    outputs = dict(zip(names, session.run(names, feeds)))
    result = {"ort": {k: v.tolist() for k, v in outputs.items()}, "onnxruntime": ort.__version__}

    from mlflow.onnx import _OnnxModelWrapper

    directory = tempfile.mkdtemp()
    try:
        shutil.copy(model_path, os.path.join(directory, "model.onnx"))
        with open(os.path.join(directory, "MLmodel"), "w") as f:
            f.write("flavors:\n  onnx:\n    data: model.onnx\n    onnx_version: 1.17.0\n"
                    "    providers: [CPUExecutionProvider]\n")
        predicted = _OnnxModelWrapper(os.path.join(directory, "model.onnx")).predict(pd.DataFrame(frame))
        result["pyfunc"] = {c: predicted[c].tolist() for c in predicted.columns}
    finally:
        shutil.rmtree(directory)
    return result


def main() -> None:
    json.dump({path: run(path, sys.argv[1]) for path in sys.argv[2:]}, sys.stdout)


if __name__ == "__main__":
    main()
