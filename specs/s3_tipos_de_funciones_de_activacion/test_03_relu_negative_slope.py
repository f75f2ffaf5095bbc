"""relu.negative_slope_layer — «Tipos de funciones de activación en capas ocultas / ReLU y Leaky ReLU».

Course: "la capa tf.keras.layers.ReLU() tiene el mismo parámetro pero llamado negative_slope y
obviamente hace exactamente lo mismo. Por lo tanto es igual a Leaky ReLU", used as
    model.add(Dense(3, input_dim=1,activation=tf.keras.layers.ReLU(negative_slope=0.3)))
    class_relu=tf.keras.layers.ReLU(negative_slope=0.3); y_class_relu=class_relu(x)
sees (the layer casts the course's float64 x to float32). Tolerance 3u·|y|, u = 2^-24.

«hace exactamente lo mismo» is a statement about every input, not only the course's x ∈ [−5, 5]
(where a ReLU6-style clip at 6 or a mask product that turns ±inf into nan is invisible). So
`test_float32_range` feeds the layer the float32 line: ±0, subnormals, the smallest normal,
magnitudes 10⁻⁴⁵…3.4·10³⁸ on a log grid, ±max float32, ±inf, nan, plus a derandomized Hypothesis
search of float32 arrays; it checks the values against the float64 Leaky ReLU (3u·|y| + the
smallest normal, since TensorFlow flushes subnormals) and, element by element (nan = nan,
+0 = −0), against LeakyReLU(0.3) and relu(x, 0.3) of this version (the same operation).
"""
import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    COURSE_X,
    SEC_RELU,
    check_dense,
    check_values,
    first_difference,
    plot_activation,
    same_value,
    sequential,
    slope_keyword,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="relu.negative_slope_layer",
    section=SEC_RELU,
    statement=("La capa tf.keras.layers.ReLU(negative_slope=0.3) hace exactamente lo mismo que relu(x, alpha=0.3): "
               "es igual a Leaky ReLU con pendiente 0.3."),
    formula="ReLU(negative_slope=0.3)(x) = x si x > 0, 0.3·x si x ≤ 0, para todo x float32 (±0, ±inf, nan incluidos)",
    anchor="tiene el mismo parámetro pero llamado negative_slope",
)


def test_course_code(tf, evidence):
    """class_relu = tf.keras.layers.ReLU(negative_slope=0.3); class_relu(x), x = linspace(-5, 5, 500)."""
    with course_call("class_relu=tf.keras.layers.ReLU(negative_slope=0.3) y_class_relu=class_relu(x)"):
        class_relu = tf.keras.layers.ReLU(negative_slope=0.3)
        y = to_numpy(class_relu(COURSE_X))
    x32 = COURSE_X.astype(np.float32)
    expected = ref.leaky_relu(x32, 0.3)
    tol = ref.tolerance("leaky_relu", x32, np.float32)
    plot_activation(evidence, "tf.keras.layers.ReLU(negative_slope=0.3)", x32, y, expected, tol,
                    ref_label="Leaky ReLU α=0.3 (float64)")
    check_values(evidence, "ReLU(negative_slope=0.3)(x), x del curso", x32, y, expected, tol,
                 why="en la entrada float32 de la capa: 0.3 redondeado a float32 + un producto, 3u·|y|",

                 formula=ref.FORMULAS["leaky_relu"])


def test_course_model_line(tf, evidence, test_seed):
    with course_call("model.add(Dense(3, input_dim=1,activation=tf.keras.layers.ReLU(negative_slope=0.3)))"):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(
            3, input_dim=1, activation=tf.keras.layers.ReLU(negative_slope=0.3)))
    check_dense(tf, evidence, model, "leaky_relu", lambda z: ref.leaky_relu(z, 0.3),
                lambda z, d: ref.tolerance("leaky_relu", z, d), "Dense(3, activation=ReLU(negative_slope=0.3))")


F32 = np.float32
_MAGNITUDES = np.logspace(-45, np.log10(3.4028235e38), 400)
EDGES = np.array([0.0, -0.0, 1e-45, -1e-45, 1e-40, -1e-40, 1.1754944e-38, -1.1754944e-38, 0.3, -0.3, 5.0, -5.0,
                  6.0, -6.0, 1e4, -1e4, 1e20, -1e20, 3.4028235e38, -3.4028235e38, np.inf, -np.inf, np.nan], dtype=F32)
FLOAT32_LINE = np.concatenate([EDGES, _MAGNITUDES, -_MAGNITUDES]).astype(F32)


def _layer_and_twins(tf, x):
    """(ReLU(negative_slope=0.3)(x), LeakyReLU(0.3)(x), relu(x, 0.3)) on the same float32 x."""
    with course_call("class_relu=tf.keras.layers.ReLU(negative_slope=0.3) y_class_relu=class_relu(x)"):
        layer = to_numpy(tf.keras.layers.ReLU(negative_slope=0.3)(x))
    leaky = to_numpy(tf.keras.layers.LeakyReLU(**{slope_keyword(tf.keras.layers.LeakyReLU.__init__): 0.3})(x))
    function = to_numpy(tf.keras.activations.relu(tf.constant(x), **{slope_keyword(tf.keras.activations.relu): 0.3}))
    return layer, leaky, function


def test_float32_range(tf, evidence):
    """Edges and the whole float32 magnitude range: ±0, subnormals, 1e-45…3.4e38, ±inf, nan."""
    x = FLOAT32_LINE
    layer, leaky, function = _layer_and_twins(tf, x)
    evidence.note(f"{x.size} valores float32: ±0, subnormales, |x| de 1e-45 a 3.4e38 (400 por signo), ±inf, nan")
    tol = ref.tolerance("leaky_relu", x, F32)
    check_values(evidence, "ReLU(negative_slope=0.3)(x) en toda la recta float32", x, layer, ref.leaky_relu(x, 0.3),
                 tol, why="0.3 redondeado a float32 y un producto: 3u·|y|; + el menor normal (TensorFlow "
                          "redondea los subnormales a 0); ±inf y nan deben salir iguales (nan = nan)",
                 formula=ref.FORMULAS["leaky_relu"])
    for name, other in (("LeakyReLU(0.3)", leaky), ("relu(x, 0.3)", function)):
        diff = first_difference(x, {"ReLU(negative_slope=0.3)": layer, name: other})
        evidence.check(f"ReLU(negative_slope=0.3) y {name}: idénticas elemento a elemento", diff is None,
                       expected="idénticas", measured=diff or "idénticas", tolerance=0.0,
                       why="«hace exactamente lo mismo»: la misma operación sobre la misma entrada float32")


def test_hypothesis_float32(tf, evidence):
    """A derandomized Hypothesis search of float32 arrays; the first disagreement refutes."""
    seen = {"arrays": 0, "values": 0}

    @settings(max_examples=100, derandomize=True, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(hnp.arrays(F32, hnp.array_shapes(max_dims=1, min_side=1, max_side=32),
                      elements=st.floats(width=32, allow_nan=True, allow_infinity=True, allow_subnormal=True)))
    @example(EDGES)
    def same_as_leaky(x):
        seen["arrays"] += 1
        seen["values"] += x.size
        layer, leaky, function = _layer_and_twins(tf, x)
        expected = ref.leaky_relu(x, 0.3)
        tol = ref.tolerance("leaky_relu", x, F32)
        with np.errstate(invalid="ignore"):
            bad = ~same_value(layer, expected) & ~(np.abs(layer.astype(np.float64) - expected) <= tol)
        assert not bad.any(), f"x = {x[np.argmax(bad)]!r}: ReLU(negative_slope=0.3) = {layer[np.argmax(bad)]!r}"
        for name, other in (("LeakyReLU(0.3)", leaky), ("relu(x, 0.3)", function)):
            diff = first_difference(x, {"ReLU(negative_slope=0.3)": layer, name: other})
            assert diff is None, diff

    try:
        same_as_leaky()
        found = None
    except AssertionError as exc:
        found = str(exc).splitlines()[0]
    evidence.check("ReLU(negative_slope=0.3) = Leaky ReLU 0.3 en arrays float32 de Hypothesis", found is None,
                   expected="igual", measured=found or f"igual en {seen['arrays']} arrays, {seen['values']} valores",
                   tolerance="3u·|y| frente a la referencia; 0 frente a LeakyReLU(0.3) y relu(x, 0.3)",
                   why="búsqueda determinista de Hypothesis, 100 arrays + los valores límite")
