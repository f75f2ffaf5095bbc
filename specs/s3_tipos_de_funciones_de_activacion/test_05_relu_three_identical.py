"""relu.three_identical — «Tipos de funciones de activación en capas ocultas / ReLU y Leaky ReLU».

Course ("Con el siguiente código podemos ver el resultado ... podemos ver como realmente son iguales"):
    class_relu=tf.keras.layers.ReLU(negative_slope=0.3)
    class_leaky_relu=tf.keras.layers.LeakyReLU()
    x=np.linspace(-5,5,500)
    y_class_relu=class_relu(x)
    y_relu=tf.keras.activations.relu(x, alpha=0.3).numpy()
    y_class_leaky_relu=class_leaky_relu(x)
    np.column_stack((y_relu,y_class_leaky_relu,y_class_relu,y_relu-y_class_leaky_relu,y_class_relu-y_class_leaky_relu))
Checks:
  course code   the two difference columns: the layers exactly 0; relu() returns float64 for the
                float64 x while the layers compute in float32, so y_relu − y_leaky is float32
                rounding, ≤ 3u·|y| (u = 2^-24), not behaviour.
  same input    on the same float32 inputs the three are identical element by element (value
                equality, nan = nan, +0 = −0): the course's x, |x| ≤ 1e4, and
  hypothesis    Hypothesis-drawn float32 arrays (±0, subnormals, huge, ±inf, nan), derandomized.
The relu function is called with this version's keyword (alpha in Keras 2, negative_slope in
Keras 3) outside the course-code test.
"""
import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    COURSE_X,
    SEC_RELU,
    check_values,
    first_difference,
    plot_activation,
    slope_keyword,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="relu.three_identical",
    section=SEC_RELU,
    statement="relu(x, alpha=0.3), ReLU(negative_slope=0.3) y LeakyReLU() dan exactamente el mismo resultado.",
    formula="relu(x, α=0.3) ≡ ReLU(negative_slope=0.3)(x) ≡ LeakyReLU()(x)",
    anchor="podemos ver como realmente son iguales",
)
WORKS_INSTEAD = "y_relu=tf.keras.activations.relu(x, negative_slope=0.3).numpy()"
F32 = np.float32
EDGES = np.array([0.0, -0.0, 1e-45, -1e-45, 1e-40, -1e-40, 1.1754944e-38, -1.1754944e-38, 0.3, -0.3,
                  10.0, -10.0, 10.5, -10.5, 1e4, -1e4, 1e20, -1e20, 3.4028235e38, -3.4028235e38,
                  np.inf, -np.inf, np.nan], dtype=F32)


def named(a, b, c) -> dict:
    return {"relu(x, 0.3)": a, "ReLU(negative_slope=0.3)": b, "LeakyReLU()": c}


def three(tf, x):
    """(relu function, ReLU layer, LeakyReLU layer) on the same float32 input."""
    keyword = slope_keyword(tf.keras.activations.relu)
    a = to_numpy(tf.keras.activations.relu(tf.constant(x), **{keyword: 0.3}))
    b = to_numpy(tf.keras.layers.ReLU(negative_slope=0.3)(x))
    c = to_numpy(tf.keras.layers.LeakyReLU()(x))
    return a, b, c


def test_course_code(tf, evidence):
    x = np.linspace(-5, 5, 500)
    with course_call("class_relu=tf.keras.layers.ReLU(negative_slope=0.3) "
                     "class_leaky_relu=tf.keras.layers.LeakyReLU()"):
        class_relu = tf.keras.layers.ReLU(negative_slope=0.3)
        class_leaky_relu = tf.keras.layers.LeakyReLU()
        y_class_relu = to_numpy(class_relu(x))
        y_class_leaky_relu = to_numpy(class_leaky_relu(x))
    with course_call("y_relu=tf.keras.activations.relu(x, alpha=0.3).numpy()", works_instead=WORKS_INSTEAD):
        y_relu = tf.keras.activations.relu(x, alpha=0.3).numpy()
    table = np.column_stack((y_relu, y_class_leaky_relu, y_class_relu, y_relu - y_class_leaky_relu,
                             y_class_relu - y_class_leaky_relu))
    evidence.note(f"tipos (dtype): y_relu {y_relu.dtype}, y_class_relu {y_class_relu.dtype}, "
                  f"y_class_leaky_relu {y_class_leaky_relu.dtype}")
    column5 = table[:, 4]
    evidence.check("columna y_class_relu − y_class_leaky_relu", bool(np.all(column5 == 0)), expected=0.0,
                   measured=float(np.abs(column5).max()), tolerance=0.0,
                   why="dos capas float32 sobre la misma entrada float32: idénticas quiere decir iguales")
    tol = ref.tolerance("leaky_relu", x, F32)
    check_values(evidence, "columna y_relu − y_class_leaky_relu", x, y_relu, y_class_leaky_relu, tol,
                 why="y_relu es float64 y la capa float32: redondeo de float32 de x y de 0.3·x, ≤ 3u·|y|",
                 formula="relu(x, alpha=0.3) = LeakyReLU()(x)")
    evidence.record("mayor |y_relu − y_class_leaky_relu| (lo que muestra la 4.ª columna del curso)",
                    expected=0.0, measured=float(np.abs(table[:, 3]).max()),
                    why="representación float32 frente a float64, no una diferencia de comportamiento")


@pytest.mark.parametrize("inputs", ["course_x", "wide"])
def test_same_float32_input(tf, evidence, inputs):
    x = (COURSE_X if inputs == "course_x" else np.linspace(-1e4, 1e4, 20001)).astype(F32)
    a, b, c = three(tf, x)
    diff = first_difference(x, named(a, b, c))
    if inputs == "course_x":
        plot_activation(evidence, "relu(x, 0.3) · ReLU(negative_slope=0.3) · LeakyReLU()", x, b, a, 0.0,
                        ref_label="relu(x, 0.3)", keras_label="ReLU(negative_slope=0.3)",
                        others={"LeakyReLU()": c})
    evidence.check(f"idénticas elemento a elemento en {x.size} valores float32 de [{x.min():g}, {x.max():g}]",
                   diff is None, expected="idénticas", measured=diff or "idénticas", tolerance=0.0,
                   why="la misma función sobre la misma entrada float32")


def test_hypothesis_float32(tf, evidence):
    """Hypothesis draws float32 arrays (±0, subnormals, huge, ±inf, nan); the first difference refutes."""
    seen = {"arrays": 0, "values": 0}

    @settings(max_examples=150, derandomize=True, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(hnp.arrays(F32, hnp.array_shapes(max_dims=1, min_side=1, max_side=32),
                      elements=st.floats(width=32, allow_nan=True, allow_infinity=True, allow_subnormal=True)))
    @example(EDGES)
    def identical(x):
        seen["arrays"] += 1
        seen["values"] += x.size
        diff = first_difference(x, named(*three(tf, x)))
        assert diff is None, diff

    try:
        identical()
        found = None
    except AssertionError as exc:
        found = str(exc).splitlines()[0]
    evidence.check("idénticas elemento a elemento en arrays float32 de Hypothesis", found is None,
                   expected="idénticas", measured=found or f"idénticas en {seen['arrays']} arrays, "
                                                           f"{seen['values']} valores",
                   tolerance=0.0, why="búsqueda determinista de Hypothesis, 150 arrays + los valores límite "
                                      "±0, subnormales, ±1e20, ±máximo float32, ±inf, nan")

