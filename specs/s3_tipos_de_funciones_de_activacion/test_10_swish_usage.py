"""swish.usage — «Tipos de funciones de activación en capas ocultas / Swish».

Course ("Uso en Keras"):
    model.add(Dense(3, activation=tf.keras.activations.swish))
    model.add(Dense(3, activation="swish"))
Each line is added after a first Dense(3, input_dim=1), as the course's models do. Checks: each
layer's outputs equal x·sigmoid(x) at its pre-activation (8ε·|y|), and the two lines give
bit-identical outputs (same seed, same weights).
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_SWISH, check_dense, same_value, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="swish.usage",
    section=SEC_SWISH,
    statement='En Keras swish se usa con activation=tf.keras.activations.swish o activation="swish".',
    formula='Dense(3, activation=tf.keras.activations.swish) ≡ Dense(3, activation="swish") = swish(z)',
    anchor='activation="swish"',
)
LINES = {"function": "model.add(Dense(3, activation=tf.keras.activations.swish))",
         "string": 'model.add(Dense(3, activation="swish"))'}


def build(tf, which, seed):
    with course_call(LINES[which]):
        activation = tf.keras.activations.swish if which == "function" else "swish"
        return sequential(tf, seed, lambda: tf.keras.layers.Dense(3, input_dim=1),
                          lambda: tf.keras.layers.Dense(3, activation=activation))


def test_both_lines(tf, evidence, test_seed):
    outputs = {}
    for which in LINES:
        outputs[which] = check_dense(tf, evidence, build(tf, which, test_seed), "swish", ref.swish,
                                     lambda z, d: ref.tolerance("swish", z, d), LINES[which],
                                     plot_title=LINES[which] if which == "string" else None)
    (_, y1), (_, y2) = outputs["function"], outputs["string"]
    evidence.check('activation=tf.keras.activations.swish y activation="swish": salidas idénticas',
                   bool(np.all(same_value(y1, y2))), expected="idénticas bit a bit",
                   measured=float(np.abs(y1.astype(float) - y2).max()), tolerance=0.0,
                   why="misma semilla, mismos pesos, la misma función")

