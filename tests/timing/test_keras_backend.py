"""The «Tiempo de cálculo» benchmark on the real Keras, tiny: the timed models compute the
course's activations, the GPU code path runs wherever there is a device, a Keras without mish is
reported missing, and the spec runs end to end on a tiny CPU configuration. (The method on a fake
clock: tests/timing/test_method.py.)
"""
from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import numpy as np

from fixtures.core.claims import ApiMissing
from fixtures.timing import config as timing_config
from fixtures.timing import models as timing_keras
from fixtures.timing import results as timing_results
from fixtures.timing.config import ACTIVATIONS, CONTROL

D = "s4_tiempo_de_calculo"

def test_keras_backend_builds_the_course_activations(tf):
    config = dataclasses.replace(timing_config.TimingOptions(widths=(4, 3)).config_for("cpu"),
                                 samples=64, batch_size=32)
    backend = timing_keras.KerasBackend(tf, config, seed=1)
    runners, errors = backend.prepare()
    missing = set() if hasattr(tf.keras.activations, "mish") else {"mish"}   # Keras < 2.13 has no mish
    assert set(errors) == missing and set(runners) == {*ACTIVATIONS, CONTROL} - missing
    assert all(isinstance(error, ApiMissing) for error in errors.values())
    x = tf.constant([[-1.5], [0.7]])
    for name, model in backend.models.items():
        hidden = [layer for layer in model.layers if hasattr(layer, "units")]
        assert [layer.units for layer in hidden] == [4, 3, 1]
        got = hidden[0].activation(x).numpy()
        want = {"gelu": 0.5 * x * (1 + tf.math.erf(x / np.sqrt(2))),
                "gelu_tanh": 0.5 * x * (1 + tf.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3))),
                "swish": x * tf.sigmoid(x), "mish": x * tf.tanh(tf.nn.softplus(x)),
                "leaky_relu": tf.where(x > 0, x, 0.3 * x)}.get(name)
        if want is not None:
            np.testing.assert_allclose(got, want.numpy(), rtol=1e-5, atol=1e-6, err_msg=name)
    assert np.isfinite(runners["swish"]())
    backend.sync()


def test_keras_backend_gpu_configuration_runs_with_default_placement(tf):
    """The GPU code path (no device pinning, wall clock), exercised here on whatever device there is."""
    config = dataclasses.replace(timing_config.TimingOptions(widths=(4,), activations=("relu", "swish")).config_for("gpu"),
                                 samples=64, batch_size=32, features=8)
    backend = timing_keras.KerasBackend(tf, config, seed=1)
    assert backend.scope is None and backend.clock is time.perf_counter and config.clock == "wall"
    runners, errors = backend.prepare()
    assert set(runners) == {"relu", "swish", CONTROL} and not errors
    result = timing_results.run_benchmark(backend, dataclasses.replace(config, rounds=2, min_rounds=1, warmup_epochs=1),
                                  timing_config.TimingOptions(), seed=1)
    assert result.measurement.rounds == 2 and result.device["timing_device"] == "gpu"
    assert result.measurement.secondary is not None and set(result.xla) == {"relu", "swish", CONTROL}


def test_keras_backend_reports_a_missing_mish(tf, monkeypatch):
    monkeypatch.delattr(tf.keras.activations, "mish", raising=False)      # Keras < 2.13: already absent
    config = timing_config.TimingOptions(widths=(2,), activations=("relu", "mish")).config_for("cpu")
    runners, errors = timing_keras.KerasBackend(tf, config, seed=1).prepare()
    assert isinstance(errors["mish"], ApiMissing) and "mish" not in runners


def test_a_tiny_real_cpu_run_end_to_end(tf, run_spec, tmp_path):
    claims = run_spec(D, "-m", "timing", "--timing-device", "cpu", "--timing-activations", "relu,swish",
                      "--timing-widths", "8x2", "--timing-samples", "256", "--timing-batch-size", "128",
                      "--timing-rounds", "3")
    assert claims["timing.swish_slower_than_relu"]["verdict"] in {"holds", "refuted", "inconclusive"}
    assert claims["timing.mish_slower_than_relu"]["verdict"] == "skipped"   # left out by the option
    document = json.loads(Path(tmp_path / "reports" / "selftest" / "timing.json").read_text())
    assert document["rounds"] == 3 and document["config"]["widths"] == [8, 8]
    assert document["device"]["timing_device"] == "cpu"
    assert all(v is not None for v in document["activations"]["swish"]["warmup_s"])
