"""custom.activation_layer — «Usando funciones de activación en Keras / Funciones personalizadas».

Course:
    model.add(Dense(3, input_dim=1))
    model.add(Dense(3, input_dim=1,activation=tf.keras.layers.Activation(my_relu)))
Check: values at the layer's own z, within float32 rounding (3u·|y|).
"""

from fixtures import reference_activations as ref
from fixtures.activation_checks import SEC_CUSTOM, check_dense, sequential
from fixtures.claims import Claim
from fixtures.course_api import course_call

CLAIM = Claim(
    id="custom.activation_layer",
    section=SEC_CUSTOM,
    statement="Una capa tf.keras.layers.Activation(my_relu) se puede pasar como activation= de una Dense.",
    formula="Dense(3, activation=Activation(my_relu))(h) = max(0.3·z, z),  z = h·W + b",
    anchor="tf.keras.layers.Activation(my_relu)",
)


def test_course_way(tf, evidence, test_seed):
    from tensorflow.keras import backend as K

    def my_relu(x):
        return K.maximum(0.3 * x, x)

    with course_call("model.add(Dense(3, input_dim=1)) "
                     "model.add(Dense(3, input_dim=1,activation=tf.keras.layers.Activation(my_relu)))"):
        model = sequential(
            tf, test_seed,
            lambda: tf.keras.layers.Dense(3, input_dim=1),
            lambda: tf.keras.layers.Dense(3, input_dim=1, activation=tf.keras.layers.Activation(my_relu)))
    check_dense(tf, evidence, model, "my_relu", ref.my_relu, lambda z, d: ref.tolerance("my_relu", z, d),
                "Dense(3, activation=Activation(my_relu))",
                plot_title="Dense(3, activation=Activation(my_relu))")
