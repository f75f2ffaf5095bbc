"""relu.leaky_default — «Tipos de funciones de activación en capas ocultas / ReLU y Leaky ReLU».

Course: class_leaky_relu=tf.keras.layers.LeakyReLU() is compared with relu(x, alpha=0.3) and
ReLU(negative_slope=0.3), so the course relies on LeakyReLU() having slope 0.3 by default.
Formula: LeakyReLU()(x) = x if x > 0 else 0.3·x, at the layer's float32 input (3u·|y|).
Also checked: the default the layer reports in get_config() is 0.3 (as float32: ±u·0.3).
Trap recorded in the evidence (not part of the claim): the *string* "leaky_relu" resolves to
a function whose default slope is 0.2, not 0.3.
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    COURSE_X,
    SEC_RELU,
    check_values,
    plot_activation,
    slope_keyword,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="relu.leaky_default",
    section=SEC_RELU,
    statement="tf.keras.layers.LeakyReLU() sin argumentos usa pendiente 0.3 (como relu con alpha=0.3).",
    formula="LeakyReLU()(x) = x si x > 0, 0.3·x si x ≤ 0",
    anchor="class_leaky_relu=tf.keras.layers.LeakyReLU()",
    implied="El curso no da la pendiente de LeakyReLU(): la supone al restar su salida de la de "
            "relu(x, alpha=0.3) y de ReLU(negative_slope=0.3) y llamarlas iguales.",
)


def test_default_slope_values(tf, evidence):
    with course_call("class_leaky_relu=tf.keras.layers.LeakyReLU() y_class_leaky_relu=class_leaky_relu(x)"):
        class_leaky_relu = tf.keras.layers.LeakyReLU()
        y = to_numpy(class_leaky_relu(COURSE_X))
    x32 = COURSE_X.astype(np.float32)
    negative = x32 < 0
    slope = float(np.median(y[negative] / x32[negative]))
    evidence.record("pendiente medida en x < 0 (mediana de y/x)", expected=0.3, measured=slope)
    expected = ref.leaky_relu(x32, 0.3)
    tol = ref.tolerance("leaky_relu", x32, np.float32)
    others = {}
    try:
        string_fn = tf.keras.activations.get("leaky_relu")
        y_string = to_numpy(string_fn(tf.constant(x32)))
        string_slope = float(np.median(y_string[negative] / x32[negative]))
        evidence.record('trampa: pendiente de activation="leaky_relu" (cadena)',
                        expected="0.3 si coincidiera con LeakyReLU()",
                        measured=string_slope, why="no es lo que afirma el curso; una trampa para el estudiante")
        evidence.note(f'activation="leaky_relu" da una pendiente de {string_slope:.3g}, '
                      "mientras que LeakyReLU() usa 0.3: la cadena y la capa no coinciden")
        others['"leaky_relu" (cadena)'] = y_string
    except (ValueError, TypeError, AttributeError) as exc:
        evidence.note(f'activation="leaky_relu" no existe en esta versión ({type(exc).__name__}: {exc})')
    plot_activation(evidence, "tf.keras.layers.LeakyReLU()", x32, y, expected, tol,
                    ref_label="Leaky ReLU α=0.3 (float64)", others=others)
    check_values(evidence, "LeakyReLU()(x), x del curso", x32, y, expected, tol,
                 why="en la entrada float32 de la capa: 0.3 redondeado a float32 + un producto, 3u·|y|",
                 formula=ref.FORMULAS["leaky_relu"])


def test_default_in_config(tf, evidence):
    keyword = slope_keyword(tf.keras.layers.LeakyReLU.__init__)
    with course_call("tf.keras.layers.LeakyReLU()"):
        config = tf.keras.layers.LeakyReLU().get_config()
    value = float(config[keyword])
    tol = 0.3 * ref.unit_roundoff(np.float32)
    evidence.check(f"LeakyReLU().get_config()['{keyword}']", abs(value - 0.3) <= tol, expected=0.3,
                   measured=value, tolerance=tol, why="0.3 puede guardarse como float32")

