#!/usr/bin/env bash
# «Tiempo de cálculo» on an NVIDIA GPU, end to end, on a fresh machine (install included).
#
#   scripts/gpu_timing.sh OUT_DIR [extra pytest options, e.g. --timing-rounds 20]
#
# Creates a virtual environment (uv when present, else venv + pip, which then fetches uv),
# installs tensorflow[and-cuda]==$TF_VERSION and the harness's dependencies, checks that
# TensorFlow sees the GPU, then runs the timing claims (pytest -m timing --timing-device gpu,
# no xdist: the benchmark needs the machine to itself) and writes to OUT_DIR:
#   OUT_DIR/<env>/claims.json   verdicts of timing.training_time, timing.{swish,mish}_slower_than_relu
#                               and timing.{swish,mish}_a_bit_slower («un poco»: 1 < t/t_relu <= 1.5),
#                               plus a `timing` summary (device, clock, every ratio and its CI)
#   OUT_DIR/<env>/report.html   the report, with the bar chart (ratio to ReLU, 95 % CI whiskers)
#                               and the «un poco más lenta» band chart of swish and mish
#   OUT_DIR/<env>/timing.json   raw samples, config, device, versions, XLA, dtype, batch, rounds
#   OUT_DIR/pytest.log, OUT_DIR/nvidia-smi.txt, OUT_DIR/summary.txt
# <env> is $ENV_NAME (default gpu-tf$TF_VERSION). Exit status: pytest's (0 also when a
# verdict is inconclusive; 1 when a claim is refuted), 2 without a usable GPU.
#
# Environment: TF_VERSION (default 2.21.0), PYTHON (default python3, >= 3.11),
# GPU_TIMING_VENV (default $OUT_DIR/.venv), SKIP_INSTALL=1 (reuse that venv as it is),
# TIMING_DEVICE=cpu (dry run of this script on a machine without a GPU: tensorflow-cpu).
# Budget: ~1–2 min install, ~3 min benchmark (--timing-budget 150 s for warm-up + rounds).
set -euo pipefail

OUT=${1:?usage: scripts/gpu_timing.sh OUT_DIR [extra pytest options]}
shift
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
TF_VERSION=${TF_VERSION:-2.21.0}
PYTHON=${PYTHON:-python3}
DEVICE=${TIMING_DEVICE:-gpu}
VENV=${GPU_TIMING_VENV:-$OUT/.venv}
ENV_NAME=${ENV_NAME:-$DEVICE-tf$TF_VERSION}
T0=$(date +%s)
say() { echo "[gpu_timing $(( $(date +%s) - T0 ))s] $*"; }

if [[ $DEVICE == gpu ]]; then
    if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi >"$OUT/nvidia-smi.txt" 2>&1; then
        echo "gpu_timing: no working nvidia-smi: this script needs an NVIDIA GPU and its driver" \
             "(TIMING_DEVICE=cpu for a dry run without one)" >&2
        exit 2
    fi
    TF_PACKAGE="tensorflow[and-cuda]==$TF_VERSION"
else
    TF_PACKAGE="tensorflow-cpu==$TF_VERSION"
fi

PACKAGES=("$TF_PACKAGE" "pytest>=8.0" "pytest-xdist>=3.5" "pytest-html>=4.1" "numpy>=1.23" "pandas>=1.5"
          "scipy>=1.10" "matplotlib>=3.7" "hypothesis>=6.80" "Jinja2>=3.1" "packaging>=23.0")

if [[ ${SKIP_INSTALL:-0} != 1 ]]; then
    say "installing $TF_PACKAGE and the harness into $VENV"
    if command -v uv >/dev/null 2>&1; then
        uv venv -q --allow-existing -p "$PYTHON" "$VENV"
        uv pip install -q -p "$VENV/bin/python" "${PACKAGES[@]}"
    else
        "$PYTHON" -m venv "$VENV"
        "$VENV/bin/python" -m pip install -q --upgrade pip uv
        "$VENV/bin/uv" pip install -q -p "$VENV/bin/python" "${PACKAGES[@]}"
    fi
fi
PY="$VENV/bin/python"
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONHASHSEED=0

say "checking that TensorFlow sees the device"
if ! "$PY" - "$DEVICE" <<'EOF'
import sys
import tensorflow as tf
gpus = tf.config.list_physical_devices("GPU")
print(f"TensorFlow {tf.__version__}, GPUs: {gpus}")
if sys.argv[1] == "gpu" and not gpus:
    sys.exit("gpu_timing: TensorFlow sees no GPU (CUDA libraries of tensorflow[and-cuda] vs the driver?)")
EOF
then
    exit 2
fi

say "running the timing claims on $DEVICE"
cd "$ROOT"
set +e
"$PY" -m pytest specs -m timing --timing-device "$DEVICE" -p no:xdist -p no:cacheprovider -p no:randomly \
    --timing-budget "${TIMING_BUDGET:-150}" --report-dir="$OUT" --env-name="$ENV_NAME" -rA "$@" \
    2>&1 | tee "$OUT/pytest.log"
STATUS=${PIPESTATUS[0]}
set -e

"$PY" - "$OUT/$ENV_NAME" "$(( $(date +%s) - T0 ))" <<'EOF' | tee "$OUT/summary.txt"
import json, sys
from pathlib import Path
folder, seconds = Path(sys.argv[1]), sys.argv[2]
timing = folder / "timing.json"
if not timing.exists():
    print(f"no timing.json in {folder} (see pytest.log)")
    sys.exit(0)
doc = json.loads(timing.read_text())
cfg, dev = doc["config"], doc["device"]
print(f"device: {dev.get('device_name')}  TF {doc['environment'].get('tensorflow')}  "
      f"Keras {doc['environment'].get('keras')}  clock: {doc['clock']['samples_s']}")
print(f"{cfg['layers']} layers ({cfg['widths_text']} = {cfg['neurons']} neurons), {cfg['samples']} samples, "
      f"batch {cfg['batch_size']}, {cfg['dtype']}, XLA {sorted({str(a.get('jit_compile')) for a in doc['activations'].values()})}, "
      f"{doc['rounds']} rounds, benchmark {doc['elapsed_s']:.0f} s, script {seconds} s")
for name, a in doc["activations"].items():
    if "error" in a:
        print(f"  {a['label']:<20} {a['error']}")
    else:
        lo, hi = a["ci95"]
        print(f"  {a['label']:<20} {a['ratio_to_relu']:6.3f}  [{lo:.3f}, {hi:.3f}]  median {a['median_s']:.4f} s")
claims = folder / "claims.json"
if claims.exists():
    for claim in json.loads(claims.read_text())["claims"]:
        print(f"{claim['verdict']:>12}  {claim['id']}")
print(f"files: {folder}/claims.json, report.html, timing.json")
EOF
exit "$STATUS"
