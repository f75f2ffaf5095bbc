"""custom.lambda_layer — «Usando funciones de activación en Keras / Funciones personalizadas».

Course:
    model.add(Dense(3, input_dim=1))
    model.add(Dense(3, input_dim=1,activation=tf.keras.layers.Lambda(my_relu)))
Check: values at the layer's own z, within float32 rounding (3u·|y|) (fixtures.checks.activations.check_my_relu_as_layer).
"""

from fixtures.checks.activations import SEC_CUSTOM, check_my_relu_as_layer
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="custom.lambda_layer",
    section=SEC_CUSTOM,
    statement="Una capa tf.keras.layers.Lambda(my_relu) se puede pasar como activation= de una Dense.",
    formula="Dense(3, activation=Lambda(my_relu))(h) = max(0.3·z, z),  z = h·W + b",
    anchor="tf.keras.layers.Lambda(my_relu)",
)


def test_course_way(tf, evidence, test_seed):
    check_my_relu_as_layer(tf, evidence, test_seed, "Lambda")
