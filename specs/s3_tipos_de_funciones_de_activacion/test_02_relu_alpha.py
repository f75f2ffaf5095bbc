"""relu.alpha_is_leaky — «Tipos de funciones de activación en capas ocultas / ReLU y Leaky ReLU».

Course: "la función de activación tf.keras.activations.relu tiene un parámetro llamado alpha
que hace que comporte como la función Leaky ReLU", used as
    model.add(Dense(3, input_dim=1,activation=tf.keras.layers.Lambda(lambda x: tf.keras.activations.relu(x,alpha=0.3))))
    y_relu=tf.keras.activations.relu(x, alpha=0.3).numpy()      # x = np.linspace(-5,5,500)
Checks: the course's spelling on the course's x and in the course's model line; and, so that
the numbers are checked on every version, the same function with the keyword this version
has (Keras 3 renamed alpha to negative_slope). Tolerance 3u·|y| (u = 2^-24): TensorFlow's
LeakyRelu op holds the slope as a float32 attribute even for float64 inputs, so 0.3 is
rounded to float32 once, then one product.
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    COURSE_X,
    SEC_RELU,
    WIDE_X,
    check_dense,
    check_values,
    plot_activation,
    sequential,
    slope_keyword,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="relu.alpha_is_leaky",
    section=SEC_RELU,
    statement="tf.keras.activations.relu tiene un parámetro alpha con el que se comporta como Leaky ReLU.",
    formula="relu(x, alpha=0.3) = x si x > 0, 0.3·x si x ≤ 0",
    anchor="tiene un parámetro llamado alpha que hace que comporte como la función Leaky ReLU",
)
WORKS_INSTEAD = "tf.keras.activations.relu(x, negative_slope=0.3)"


def leaky_tolerance(x):
    return ref.tolerance("leaky_relu", x, np.float32)


def test_course_spelling(tf, evidence):
    """y_relu = tf.keras.activations.relu(x, alpha=0.3) on x = np.linspace(-5, 5, 500)."""
    x = COURSE_X
    with course_call("tf.keras.activations.relu(x, alpha=0.3)", works_instead=WORKS_INSTEAD):
        y = to_numpy(tf.keras.activations.relu(x, alpha=0.3))
    evidence.note(f"entrada float64 → salida {y.dtype}; la pendiente es un atributo float32 de la "
                  "operación LeakyRelu")

    check_values(evidence, "relu(x, alpha=0.3), x del curso", x, y, ref.leaky_relu(x, 0.3), leaky_tolerance(x),
                 why="0.3 redondeado a float32 + un producto: 3u·|y|, u = 2^-24",
                 formula=ref.FORMULAS["leaky_relu"])


def test_course_model_line(tf, evidence, test_seed):
    """Dense(3, activation=Lambda(lambda x: relu(x, alpha=0.3))): the layer computes Leaky ReLU."""
    call = ("model.add(Dense(3, input_dim=1,activation=tf.keras.layers.Lambda("
            "lambda x: tf.keras.activations.relu(x,alpha=0.3))))")
    with course_call(call, works_instead=WORKS_INSTEAD):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(
            3, input_dim=1,
            activation=tf.keras.layers.Lambda(lambda x: tf.keras.activations.relu(x, alpha=0.3))))
        check_dense(tf, evidence, model, "leaky_relu", lambda z: ref.leaky_relu(z, 0.3),
                    lambda z, d: ref.tolerance("leaky_relu", z, d), "Dense(3, activation=Lambda(relu(x, alpha=0.3)))")


def test_slope_keyword_of_this_version(tf, evidence):
    """The numbers, whatever the keyword is called here: relu(x, <slope>=0.3) is Leaky ReLU."""
    keyword = slope_keyword(tf.keras.activations.relu)
    evidence.note(f"palabra clave en esta versión: tf.keras.activations.relu(x, {keyword}=0.3)")
    x = WIDE_X.astype(np.float32)
    y = to_numpy(tf.keras.activations.relu(tf.constant(x), **{keyword: 0.3}))
    expected = ref.leaky_relu(x, 0.3)
    plot_activation(evidence, f"tf.keras.activations.relu(x, {keyword}=0.3)", x, y, expected, leaky_tolerance(x),
                    ref_label="Leaky ReLU α=0.3 (float64)", others={"ReLU": np.maximum(x, 0)})
    check_values(evidence, f"relu(x, {keyword}=0.3), float32", x, y, expected, leaky_tolerance(x),
                 why="0.3 redondeado a float32 + un producto: 3u·|y|", formula=ref.FORMULAS["leaky_relu"])

