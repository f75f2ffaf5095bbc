"""mish.usage — «Tipos de funciones de activación en capas ocultas / Mish».

Course: model.add(Dense(3, activation="mish")), and the link to tf.keras.activations.mish(x).
Checks: the function exists; the string "mish" resolves, and the layer's outputs equal
x·tanh(softplus(x)) at its pre-activation (8ε·|y|), bit-identical to activation=tf.keras.activations.mish.
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_MISH, check_dense, same_value, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="mish.usage",
    section=SEC_MISH,
    statement='En Keras Mish se usa con activation="mish" (tf.keras.activations.mish).',
    formula='Dense(3, activation="mish") = mish(z)',
    anchor='model.add(Dense(3, activation="mish"))',
)
WORKS_INSTEAD = "activation=lambda x: x * tf.math.tanh(tf.math.softplus(x))"


def test_string_mish(tf, evidence, test_seed):
    with course_call("tf.keras.activations.mish", works_instead=WORKS_INSTEAD):
        function = tf.keras.activations.mish
    with course_call('model.add(Dense(3, activation="mish"))', works_instead=WORKS_INSTEAD):
        by_name = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(3, input_dim=1),
                             lambda: tf.keras.layers.Dense(3, activation="mish"))
    _, y_name = check_dense(tf, evidence, by_name, "mish", ref.mish, lambda z, d: ref.tolerance("mish", z, d),
                            'Dense(3, activation="mish")', plot_title='Dense(3, activation="mish")')
    by_function = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(3, input_dim=1),
                             lambda: tf.keras.layers.Dense(3, activation=function))
    _, y_function = check_dense(tf, evidence, by_function, "mish", ref.mish,
                                lambda z, d: ref.tolerance("mish", z, d),
                                "Dense(3, activation=tf.keras.activations.mish)")
    evidence.check('activation="mish" y activation=tf.keras.activations.mish: salidas idénticas',
                   bool(np.all(same_value(y_name, y_function))), expected="idénticas bit a bit",
                   measured=float(np.abs(y_name.astype(float) - y_function).max()), tolerance=0.0,
                   why="misma semilla, mismos pesos, la misma función")

