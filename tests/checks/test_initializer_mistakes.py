"""Each initializer claim flips to `refuted` when Keras makes a realistic mistake.

The mistake is injected into the real Keras in this process (the initializer class's
`__call__` is replaced), then the claim's spec module runs and `assert_flip`
(tests/mistakes.py) proves the flip: the unpatched module gives what errata.toml expects,
the patched one `refuted`, and the check named in the row is what caught it.
"""
import numpy as np
import pytest

from tests.mistakes import assert_flip, numpy_draw, replace_call, variance_scaling


def _fan_in(shape):
    return int(np.prod(shape[:-1]))


def _truncated(g, shape, sigma, cut):
    x = g.normal(0, sigma, size=int(np.prod(shape)) * 2)
    x = x[np.abs(x) <= cut * sigma][: int(np.prod(shape))]
    return x.reshape(shape)


# description: (initializer patched, its wrong draw, what must catch it: "<test name>: <check>" part)
# A square course kernel cannot tell fan_in from fan_avg: those mistakes are caught on the other shapes.
MISTAKES = {
    "lecun_normal with fan_avg": (
        "lecun_normal", variance_scaling(1.0, "fan_avg", "truncated_normal"), "test_other_shapes[400x2500]: "),
    "lecun_uniform with fan_avg": (
        "lecun_uniform", variance_scaling(1.0, "fan_avg", "uniform"), "test_other_shapes[400x2500]: "),
    "glorot_uniform drawing from a normal": (
        "glorot_uniform", variance_scaling(1.0, "fan_avg", "untruncated_normal"),
        "test_course_way: Dense 1000×1000: forma de la distribución (Kolmogórov–Smirnov)"),
    "glorot_normal with fan_in": (
        "glorot_normal", variance_scaling(1.0, "fan_in", "truncated_normal"), "test_other_shapes[400x2500]: "),
    "he_uniform with fan_out": (
        "he_uniform", variance_scaling(2.0, "fan_out", "uniform"), "test_other_shapes[400x2500]: "),
    "he_uniform limit 1 % small": (
        "he_uniform", variance_scaling(2.0 * 0.99**2, "fan_in", "uniform"), "test_course_way: Dense 1000×1000: desviación típica"),
    "he_normal without the 0.8796 correction": (
        "he_normal", numpy_draw(lambda g, s: _truncated(g, s, np.sqrt(2 / _fan_in(s)), 2.0)),
        "test_course_way: Dense 1000×1000: desviación típica"),
    "he_normal truncated at 3σ": (
        "he_normal", numpy_draw(lambda g, s: _truncated(g, s, np.sqrt(2 / _fan_in(s)) / 0.8796, 3.0)),
        "test_course_way: Dense 1000×1000: desviación típica"),
    "he_normal scale 1 % large": (
        "he_normal", variance_scaling(2.0 * 1.01**2, "fan_in", "truncated_normal"),
        "test_course_way: Dense 1000×1000: desviación típica"),
    "random_uniform at ±0.06": (
        "random_uniform", numpy_draw(lambda g, s: g.uniform(-0.06, 0.06, s)), "test_course_way: Dense 1000×1000: desviación típica"),
    "random_uniform at ±0.0495": (
        "random_uniform", numpy_draw(lambda g, s: g.uniform(-0.0495, 0.0495, s)),
        "test_course_way: Dense 1000×1000: desviación típica"),
    "random_normal with std 0.0495": (
        "random_normal", numpy_draw(lambda g, s: g.normal(0, 0.0495, s)), "test_course_way: Dense 1000×1000: desviación típica"),
    "random_normal truncated at 3σ": (
        "random_normal", numpy_draw(lambda g, s: _truncated(g, s, 0.05, 3.0)), "test_course_way: Dense 1000×1000: "),
    "zeros returning 1e-9 noise": (
        "zeros", numpy_draw(lambda g, s: g.normal(0, 1e-9, s)), "test_course_way: Dense 1000×1000: todos los pesos valen"),
    "ones returning 1 + 1e-7": (
        "ones", numpy_draw(lambda g, s: np.full(s, 1 + 1e-7)), "test_course_way: Dense 1000×1000: todos los pesos valen"),
}


CLAIMS = ["init.dense_default", "init.course_table"]   # the rows below that run their whole module
# (claim id, "::<the test that names the catching check>") of every row above
ROWS = [(f"init.{name}", "::" + check.split(":")[0]) for name, _, check in MISTAKES.values()]


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_is_refuted(mistake, tf, monkeypatch, run_spec):
    """The mutated run, and its baseline, is the one test the row names: the mistake must flip the
    claim over that test, caught by that check. Only those tests are ever compared; the modules'
    other tests cost three 1e6-weight draws or a course model per row and a third of a whole-module
    baseline (issue 19: ~15 s CPU of this file). The rows' baselines run together, in one pytest run."""
    name, draw, catching_check = MISTAKES[mistake]
    assert_flip(run_spec, f"init.{name}", inject=lambda: replace_call(monkeypatch, tf, name, draw),
                expect_check=catching_check, select="::" + catching_check.split(":")[0],
                baseline_selected=True, baseline_selected_with=ROWS)


def test_dense_defaulting_to_he_uniform_is_refuted(tf, monkeypatch, run_spec):
    def inject():
        dense = tf.keras.layers.Dense
        original = dense.__init__

        def init(self, units, *args, kernel_initializer="he_uniform", **kwargs):
            original(self, units, *args, kernel_initializer=kernel_initializer, **kwargs)

        monkeypatch.setattr(dense, "__init__", init)

    assert_flip(run_spec, "init.dense_default", inject=inject, expect_check="test_default_initializer_objects",
                baseline_with=CLAIMS)


def test_course_table_refuted_when_keras_drops_the_truncation_correction(tf, monkeypatch, run_spec):
    draw = MISTAKES["he_normal without the 0.8796 correction"][1]
    flip = assert_flip(run_spec, "init.course_table", inject=lambda: replace_call(monkeypatch, tf, "he_normal", draw),
                       expect_check="test_this_run_reproduces_it: ", baseline_with=CLAIMS)
    assert flip.mutated["test_verdicts"] == {"test_published_table": "holds", "test_this_run_reproduces_it": "refuted"}


def test_course_table_refuted_when_the_published_numbers_are_wrong():
    """A table typed with a plausible slip (he_normal's std written as lecun's) fails."""
    from fixtures.core.claims import Refuted
    from fixtures.core.evidence import Evidence
    from specs.s1_inicializacion_de_parametros import test_12_course_table as spec

    table = spec.PUBLISHED.copy()
    table.loc["std", "he_normal"] = table.loc["std", "lecun_normal"]
    with pytest.raises(Refuted, match="he_normal std"):
        spec.check_table(Evidence(), table, "tampered")
