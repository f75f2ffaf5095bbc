"""custom.parametrized_lambda — «Usando funciones de activación en Keras / Funciones personalizadas parametrizadas».

Course:
    def my_relu(x,alpha):
        return K.maximum(alpha*x, x)
    model.add(Dense(3, input_dim=1))
    model.add(tf.keras.layers.Lambda(lambda x: my_relu(x,0.3)))
Check: values at the Lambda's own input, within float32 rounding (3u·|y|).
"""

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_CUSTOM_PARAM, check_dense, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="custom.parametrized_lambda",
    section=SEC_CUSTOM_PARAM,
    statement="Una función con parámetro se usa con tf.keras.layers.Lambda(lambda x: my_relu(x,0.3)) "
              "como capa tras la Dense.",
    formula="Lambda(lambda x: my_relu(x, 0.3))(h) = max(0.3·h, h)",
    anchor="model.add(tf.keras.layers.Lambda(lambda x: my_relu(x,0.3)))",
)


def test_course_way(tf, evidence, test_seed):
    from tensorflow.keras import backend as K

    def my_relu(x, alpha):
        return K.maximum(alpha * x, x)

    with course_call("model.add(Dense(3, input_dim=1)) "
                     "model.add(tf.keras.layers.Lambda(lambda x: my_relu(x,0.3)))"):
        model = sequential(
            tf, test_seed,
            lambda: tf.keras.layers.Dense(3, input_dim=1),
            lambda: tf.keras.layers.Lambda(lambda x: my_relu(x, 0.3)))
    check_dense(tf, evidence, model, "my_relu", ref.my_relu, lambda z, d: ref.tolerance("my_relu", z, d),
                "Lambda(lambda x: my_relu(x, 0.3))", plot_title="Lambda(lambda x: my_relu(x, 0.3))")
