"""custom.function — «Usando funciones de activación en Keras / Funciones personalizadas».

Course:
    from tensorflow.keras import backend as K
    def my_relu(x):
        return K.maximum(0.3*x, x)
    model.add(Dense(3, input_dim=1, activation=my_relu))
Check: the layer's outputs equal the float64 formula at its own z, within float32 rounding
(0.3 rounded to float32, one product: 3u·|y|), on the course's x = linspace(−5, 5, 500).
"""

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_CUSTOM, check_dense, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="custom.function",
    section=SEC_CUSTOM,
    statement="Una función propia (my_relu) se puede usar directamente como activation= de una capa Dense.",
    formula="Dense(3, activation=my_relu)(x) = max(0.3·z, z),  z = x·W + b",
    anchor="Usando directamente la función de activación",
)


def test_course_way(tf, evidence, test_seed):
    with course_call("from tensorflow.keras import backend as K; K.maximum"):
        from tensorflow.keras import backend as K
        maximum = K.maximum

    def my_relu(x):
        return maximum(0.3 * x, x)

    with course_call("model.add(Dense(3, input_dim=1,activation=my_relu))"):
        model = sequential(tf, test_seed,
                           lambda: tf.keras.layers.Dense(3, input_dim=1, activation=my_relu))
    check_dense(tf, evidence, model, "my_relu", ref.my_relu, lambda z, d: ref.tolerance("my_relu", z, d),
                "Dense(3, activation=my_relu)", plot_title="Dense(3, activation=my_relu)")
