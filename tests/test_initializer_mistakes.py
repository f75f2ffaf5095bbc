"""Each initializer claim flips to `refuted` when Keras makes a realistic mistake.

The mistake is injected into the real Keras in this process (the initializer class's
`__call__` is replaced), then the claim's spec module runs and its verdict is read
back from claims.json.
"""
import numpy as np
import pytest

D = "s1_inicializacion_de_parametros/"


def replace_call(monkeypatch, tf, name, draw):
    """Make every `name` initializer (string, class, Dense kernel_initializer) use `draw`."""
    cls = type(tf.keras.initializers.get(name))
    monkeypatch.setattr(cls, "__call__", lambda self, shape, dtype=None, **kw: draw(tf, shape))


def variance_scaling(scale, mode, distribution):
    def draw(tf, shape):
        init = tf.keras.initializers.VarianceScaling(scale=scale, mode=mode, distribution=distribution)
        return init(shape, dtype="float32")
    return draw


def numpy_draw(fn):
    def draw(tf, shape):
        return tf.constant(fn(np.random.default_rng(1), shape).astype("float32"))
    return draw


MISTAKES = {
    "lecun_normal with fan_avg": ("lecun_normal", variance_scaling(1.0, "fan_avg", "truncated_normal")),
    "lecun_uniform with fan_avg": ("lecun_uniform", variance_scaling(1.0, "fan_avg", "uniform")),
    "glorot_uniform drawing from a normal": ("glorot_uniform", variance_scaling(1.0, "fan_avg", "untruncated_normal")),
    "glorot_normal with fan_in": ("glorot_normal", variance_scaling(1.0, "fan_in", "truncated_normal")),
    "he_uniform with fan_out": ("he_uniform", variance_scaling(2.0, "fan_out", "uniform")),
    "he_uniform limit 1 % small": ("he_uniform", variance_scaling(2.0 * 0.99**2, "fan_in", "uniform")),
    "he_normal without the 0.8796 correction": (
        "he_normal", numpy_draw(lambda g, s: _truncated(g, s, np.sqrt(2 / _fan_in(s)), 2.0))),
    "he_normal truncated at 3σ": (
        "he_normal", numpy_draw(lambda g, s: _truncated(g, s, np.sqrt(2 / _fan_in(s)) / 0.8796, 3.0))),
    "he_normal scale 1 % large": ("he_normal", variance_scaling(2.0 * 1.01**2, "fan_in", "truncated_normal")),
    "random_uniform at ±0.06": ("random_uniform", numpy_draw(lambda g, s: g.uniform(-0.06, 0.06, s))),
    "random_uniform at ±0.0495": ("random_uniform", numpy_draw(lambda g, s: g.uniform(-0.0495, 0.0495, s))),
    "random_normal with std 0.0495": ("random_normal", numpy_draw(lambda g, s: g.normal(0, 0.0495, s))),
    "random_normal truncated at 3σ": (
        "random_normal", numpy_draw(lambda g, s: _truncated(g, s, 0.05, 3.0))),
    "zeros returning 1e-9 noise": ("zeros", numpy_draw(lambda g, s: g.normal(0, 1e-9, s))),
    "ones returning 1 + 1e-7": ("ones", numpy_draw(lambda g, s: np.full(s, 1 + 1e-7))),
}


def _fan_in(shape):
    return int(np.prod(shape[:-1]))


def _truncated(g, shape, sigma, cut):
    x = g.normal(0, sigma, size=int(np.prod(shape)) * 2)
    x = x[np.abs(x) <= cut * sigma][: int(np.prod(shape))]
    return x.reshape(shape)


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_is_refuted(mistake, tf, monkeypatch, run_spec):
    name, draw = MISTAKES[mistake]
    replace_call(monkeypatch, tf, name, draw)
    number = ["random_uniform", "random_normal", "glorot_uniform", "glorot_normal", "he_uniform",
              "he_normal", "lecun_uniform", "lecun_normal", "zeros", "ones"].index(name) + 1
    claims = run_spec(f"{D}test_{number:02d}_{name}.py")
    assert claims[f"init.{name}"]["verdict"] == "refuted", claims[f"init.{name}"]["message"]


def test_correct_keras_holds(run_spec):
    """The control: the unpatched Keras passes the same module."""
    claims = run_spec(f"{D}test_06_he_normal.py")
    assert claims["init.he_normal"]["verdict"] == "holds"


def test_dense_defaulting_to_he_uniform_is_refuted(tf, monkeypatch, run_spec):
    dense = tf.keras.layers.Dense
    original = dense.__init__

    def init(self, units, *args, kernel_initializer="he_uniform", **kwargs):
        original(self, units, *args, kernel_initializer=kernel_initializer, **kwargs)

    monkeypatch.setattr(dense, "__init__", init)
    claims = run_spec(f"{D}test_11_dense_default.py")
    assert claims["init.dense_default"]["verdict"] == "refuted"


def test_course_table_refuted_when_keras_drops_the_truncation_correction(tf, monkeypatch, run_spec):
    replace_call(monkeypatch, tf, "he_normal", MISTAKES["he_normal without the 0.8796 correction"][1])
    claims = run_spec(f"{D}test_12_course_table.py")
    claim = claims["init.course_table"]
    assert claim["verdict"] == "refuted"
    assert claim["test_verdicts"] == {"test_published_table": "holds", "test_this_run_reproduces_it": "refuted"}


def test_course_table_refuted_when_the_published_numbers_are_wrong():
    """A table typed with a plausible slip (he_normal's std written as lecun's) fails."""
    from fixtures.evidence import Evidence
    from fixtures.claims import Refuted
    from specs.s1_inicializacion_de_parametros import test_12_course_table as spec

    table = spec.PUBLISHED.copy()
    table.loc["std", "he_normal"] = table.loc["std", "lecun_normal"]
    with pytest.raises(Refuted, match="he_normal std"):
        spec.check_table(Evidence(), table, "tampered")
