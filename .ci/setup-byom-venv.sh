#!/usr/bin/env bash
# Creates .venv-byom: scikit-learn, skl2onnx, onnxmltools, LightGBM, XGBoost and MLflow at the versions of
# .ci/requirements-byom.txt — what tests/byom/ trains, exports, registers and serves with (`mlflow models serve`).
# Idempotent: re-running only installs what changed. Usage: bash .ci/setup-byom-venv.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv-byom/bin/python ]] || python3 -m venv .venv-byom
.venv-byom/bin/pip install --quiet --disable-pip-version-check -r .ci/requirements-byom.txt
echo "bring-your-own-model venv ready: .venv-byom ($(.venv-byom/bin/python -c 'import sklearn, skl2onnx, onnxmltools, lightgbm, xgboost, mlflow; print(f"scikit-learn {sklearn.__version__}, skl2onnx {skl2onnx.__version__}, onnxmltools {onnxmltools.__version__}, lightgbm {lightgbm.__version__}, xgboost {xgboost.__version__}, mlflow {mlflow.__version__}")'))" >&2
