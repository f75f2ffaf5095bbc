"""depth.four_networks (redesigned for issue 13) flips to `refuted` under realistic initializer mistakes.

The reduced experiment (K = 5 copies per network) runs with the mistake injected into the real
Keras (tests/mistakes.replace_call); `assert_flip` proves the unpatched baseline holds, the patched
run is refuted, and names the network whose decision changed:
  - glorot_normal drawing he_normal (fan_in, scale 2): the deep Glorot+ReLU net now learns;
  - he_normal drawing Glorot's variance (fan_avg, scale 1): the deep He+ReLU net no longer learns.
The second row runs with --run-slow's selection only (`slow`): one row is enough for the default run.

The baseline and the mutated run share the experiment's compiled training loops: the module
fixtures.experiments.depth_training is imported before pytester's snapshot of sys.modules (so both
in-process runs find it, with its cache of XLA-compiled loops) and removed again after this file.
That is sound for these mistakes because they live in the initializers, which draw the weights
before the loop; the loop holds only the harness's SGD and Keras's activation (looked up afresh in
each run and part of the cache key). It saves one compilation of the three loops (~7 s CPU of the
~33 s this file cost; docs/performance.md). A mistake inside an activation's TF ops would need the
module imported afresh, as every other self-test does.
"""
from __future__ import annotations

import sys

import pytest

from tests.mistakes import assert_flip, replace_call, variance_scaling

CLAIM = "depth.four_networks"
SELECT = "::test_four_networks[reduced]"
MISTAKES = {
    "glorot_normal drawing he_normal": ("glorot_normal", variance_scaling(2.0, "fan_in", "truncated_normal"),
                                        "30 capas, glorot_normal + relu: no aprende"),
    "he_normal drawing glorot_normal": ("he_normal", variance_scaling(1.0, "fan_avg", "truncated_normal"),
                                        "30 capas, he_normal + relu: aprende"),
}


@pytest.fixture(scope="module", autouse=True)
def _compiled_loops_shared_by_the_runs():
    before = set(sys.modules)
    import fixtures.experiments.depth_training  # noqa: F401
    yield
    for name in set(sys.modules) - before:   # later files import the harness afresh again
        del sys.modules[name]


@pytest.mark.parametrize("mistake", [pytest.param("glorot_normal drawing he_normal"),
                                     pytest.param("he_normal drawing glorot_normal", marks=pytest.mark.slow)])
def test_initializer_mistake_refutes_four_networks(mistake, tf, monkeypatch, run_spec):
    name, draw, check = MISTAKES[mistake]
    assert_flip(run_spec, CLAIM, inject=lambda: replace_call(monkeypatch, tf, name, draw), expect_check=check,
                select=SELECT, baseline_selected=True)
