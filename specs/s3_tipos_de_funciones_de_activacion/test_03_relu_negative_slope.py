"""relu.negative_slope_layer — «Tipos de funciones de activación en capas ocultas / ReLU y Leaky ReLU».

Course: "la capa tf.keras.layers.ReLU() tiene el mismo parámetro pero llamado negative_slope y
obviamente hace exactamente lo mismo. Por lo tanto es igual a Leaky ReLU", used as
    model.add(Dense(3, input_dim=1,activation=tf.keras.layers.ReLU(negative_slope=0.3)))
    class_relu=tf.keras.layers.ReLU(negative_slope=0.3); y_class_relu=class_relu(x)
sees (the layer casts the course's float64 x to float32). Tolerance 3u·|y|, u = 2^-24.
"""
import numpy as np

from fixtures import reference_activations as ref
from fixtures.activation_checks import (COURSE_X, SEC_RELU, check_dense, check_values, plot_activation,
                                        sequential, to_numpy)
from fixtures.claims import Claim
from fixtures.course_api import course_call

CLAIM = Claim(
    id="relu.negative_slope_layer",
    section=SEC_RELU,
    statement="La capa tf.keras.layers.ReLU(negative_slope=0.3) es igual a Leaky ReLU con pendiente 0.3.",
    formula="ReLU(negative_slope=0.3)(x) = x si x > 0, 0.3·x si x ≤ 0",
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
    check_values(evidence, "ReLU(negative_slope=0.3)(x), course x", x32, y, expected, tol,
                 why="at the layer's float32 input: 0.3 rounded to float32 + one product, 3u·|y|",
                 formula=ref.FORMULAS["leaky_relu"])


def test_course_model_line(tf, evidence, test_seed):
    with course_call("model.add(Dense(3, input_dim=1,activation=tf.keras.layers.ReLU(negative_slope=0.3)))"):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(
            3, input_dim=1, activation=tf.keras.layers.ReLU(negative_slope=0.3)))
    check_dense(tf, evidence, model, "leaky_relu", lambda z: ref.leaky_relu(z, 0.3),
                lambda z, d: ref.tolerance("leaky_relu", z, d), "Dense(3, activation=ReLU(negative_slope=0.3))")
