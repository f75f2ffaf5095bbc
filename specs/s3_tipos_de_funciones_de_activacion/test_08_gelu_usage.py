"""gelu.usage — «Tipos de funciones de activación en capas ocultas / GELU».

Course ("Uso en Keras"):
    model.add(Dense(3, input_dim=1,activation=tf.keras.activations.gelu))
    model.add(Dense(3, input_dim=1,activation="gelu"))
Checks: both lines build (same seed, same weights); each layer's outputs equal the integral
GELU at its own pre-activation (float32: 8ε·(|GELU| + |z|/2)); and the two give the *same*
function — bit-identical outputs (the string must not resolve to, e.g., the tanh approximation).
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_GELU, check_dense, same_value, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="gelu.usage",
    section=SEC_GELU,
    statement='En Keras GELU se usa con activation=tf.keras.activations.gelu o activation="gelu" '
              "(la misma función).",
    formula='Dense(3, activation=tf.keras.activations.gelu) ≡ Dense(3, activation="gelu") = GELU(z)',
    anchor='activation="gelu"',
)
LINES = {"function": "model.add(Dense(3, input_dim=1,activation=tf.keras.activations.gelu))",
         "string": 'model.add(Dense(3, input_dim=1,activation="gelu"))'}


def build(tf, which, seed):
    with course_call(LINES[which], works_instead="tf.keras.layers.Lambda(tf.nn.gelu) (gelu aún no está en Keras)"):
        activation = tf.keras.activations.gelu if which == "function" else "gelu"
        return sequential(tf, seed, lambda: tf.keras.layers.Dense(3, input_dim=1, activation=activation))


def gelu_reference(z):
    return ref.gelu_integral(z)[0]


def test_both_lines(tf, evidence, test_seed):
    outputs = {}
    for which in LINES:
        model = build(tf, which, test_seed)
        outputs[which] = check_dense(tf, evidence, model, "gelu", gelu_reference,
                                     lambda z, d: ref.tolerance("gelu", z, d), LINES[which],
                                     plot_title=LINES[which] if which == "string" else None)
    (z1, y1), (z2, y2) = outputs["function"], outputs["string"]
    same = bool(np.all(same_value(z1, z2)) and np.all(same_value(y1, y2)))
    evidence.check("activation=tf.keras.activations.gelu y activation=\"gelu\": salidas idénticas", same,
                   expected="idénticas bit a bit", measured=float(np.abs(y1.astype(float) - y2).max()),
                   tolerance=0.0, why="misma semilla, mismos pesos, la misma función")

