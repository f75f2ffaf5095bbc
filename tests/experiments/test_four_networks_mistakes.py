"""depth.four_networks (redesigned for issue 13) flips to `refuted` under realistic initializer mistakes.

The reduced experiment (K = 5 copies per network) runs with the mistake injected into the real
Keras (tests/mistakes.replace_call); `assert_flip` proves the unpatched baseline holds, the patched
run is refuted, and names the network whose decision changed:
  - glorot_normal drawing he_normal (fan_in, scale 2): the deep Glorot+ReLU net now learns;
  - he_normal drawing Glorot's variance (fan_avg, scale 1): the deep He+ReLU net no longer learns.
The second row runs with --run-slow's selection only (`slow`): one row is enough for the default run.
"""
from __future__ import annotations

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


@pytest.mark.parametrize("mistake", [pytest.param("glorot_normal drawing he_normal"),
                                     pytest.param("he_normal drawing glorot_normal", marks=pytest.mark.slow)])
def test_initializer_mistake_refutes_four_networks(mistake, tf, monkeypatch, run_spec):
    name, draw, check = MISTAKES[mistake]
    assert_flip(run_spec, CLAIM, inject=lambda: replace_call(monkeypatch, tf, name, draw), expect_check=check,
                select=SELECT, baseline_selected=True)
