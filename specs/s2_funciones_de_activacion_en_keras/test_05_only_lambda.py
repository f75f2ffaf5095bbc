"""custom.only_lambda — «Usando funciones de activación en Keras / Funciones personalizadas parametrizadas».

Course: "Pero si nuestra función tiene un parámetro [my_relu(x, alpha)] ... Solo podremos usar
tf.keras.layers.Lambda".
Checked as written: the other ways a user would write it must then *not* work. First the fair
counter-example, one of the three forms the course itself shows a few lines above
(«Creando una capa de activación ... con tf.keras.layers.Activation o tf.keras.layers.Lambda»),
with the parameter fixed by a lambda exactly as the course's own Lambda line does:
    Dense(3, activation=tf.keras.layers.Activation(lambda x: my_relu(x, 0.3)))
then the other two a user would write:
    Dense(3, activation=lambda x: my_relu(x, 0.3))
    Dense(3, activation=functools.partial(my_relu, alpha=0.3))
An alternative "works" when it builds and its outputs equal max(0.3·z, z) at the layer's own z
(float32 rounding, 3u·|y|); then the claim "only Lambda" is refuted.
What is true: my_relu(x, alpha) itself cannot be passed (Keras calls activation(z) with one
argument); any one-argument wrapper of it can.
"""
import functools

import numpy as np
import pytest

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    SEC_CUSTOM_PARAM,
    pre_and_post,
    require_both_signs,
    sequential,
)
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="custom.only_lambda",
    section=SEC_CUSTOM_PARAM,
    statement="Si la función de activación tiene un parámetro, solo se puede usar mediante "
              "tf.keras.layers.Lambda.",
    formula="para f(x, α): activation=lambda…, functools.partial(…), Activation(lambda…) no funcionan",
    anchor="Solo podremos usar tf.keras.layers.Lambda",
)


def my_relu_factory(tf):
    from tensorflow.keras import backend as K

    def my_relu(x, alpha):
        return K.maximum(alpha * x, x)
    return my_relu


ALTERNATIVES = {  # the fair counter-example first: the course's own Activation form
    "activation_layer_lambda": (
        "Dense(3, input_dim=1, activation=tf.keras.layers.Activation(lambda x: my_relu(x, 0.3)))",
        lambda tf, f: tf.keras.layers.Activation(lambda x: f(x, 0.3))),
    "plain_lambda": ("Dense(3, input_dim=1, activation=lambda x: my_relu(x, 0.3))",
                     lambda tf, f: lambda x: f(x, 0.3)),
    "functools_partial": ("Dense(3, input_dim=1, activation=functools.partial(my_relu, alpha=0.3))",
                          lambda tf, f: functools.partial(f, alpha=0.3)),
}
COURSE_FORM = "activation_layer_lambda"  # the course shows tf.keras.layers.Activation(my_relu) itself
REJECTIONS = (TypeError, ValueError, AttributeError)  # how Keras refuses an activation


def run_alternative(tf, make_activation, seed):
    """(z, y) of Dense(3, input_dim=1, activation=...), or the exception Keras refused it with."""
    f = my_relu_factory(tf)
    try:
        model = sequential(tf, seed, lambda: tf.keras.layers.Dense(3, input_dim=1, activation=make_activation(tf, f)))
        return pre_and_post(tf, model), None
    except REJECTIONS as exc:
        return None, exc


@pytest.mark.parametrize("alternative", list(ALTERNATIVES))
def test_other_ways_do_not_work(tf, evidence, test_seed, alternative):
    """If "only Lambda" held, this spelling would be refused or compute something else."""
    call, make = ALTERNATIVES[alternative]
    result, exc = run_alternative(tf, make, test_seed)
    if alternative == COURSE_FORM:
        evidence.note("contraejemplo justo: tf.keras.layers.Activation es una de las tres formas que el propio curso "
                      "muestra para usar una función de activación; aquí con el parámetro fijado por una lambda, "
                      "como hace la línea Lambda del curso")
    if exc is not None:
        evidence.check(f"{call}: Keras la rechaza", True, expected="rechazada o valores distintos",
                       measured=f"{type(exc).__name__}: {exc}"[:300], why="lo que dice el curso")
        return
    z, y = result
    require_both_signs(z)
    expected = ref.my_relu(z)
    tol = ref.tolerance("my_relu", z, np.float32)
    err = np.abs(y.astype(np.float64) - expected)
    works = bool((err <= tol).all())
    evidence.check(f"{call} no funciona (curso: «Solo podremos usar tf.keras.layers.Lambda»)", not works,
                   expected="rechazada o valores ≠ max(0.3·z, z)",
                   measured=f"funciona y da max(0.3·z, z) (máx. |error| {err.max():.3g})" if works
                   else f"valores distintos (máx. |error| {err.max():.3g})",
                   tolerance=float(tol.max()),
                   why="una forma que calcula my_relu(z, 0.3) bien contradice «solo Lambda»; en esta versión "
                       "funciona: " + call)


def test_the_two_argument_function_itself(tf, evidence, test_seed):
    """The true part: my_relu(x, alpha) cannot be passed as it is."""
    f = my_relu_factory(tf)
    result, exc = run_alternative(tf, lambda tf, _: f, test_seed)
    evidence.check("Dense(3, input_dim=1, activation=my_relu) con my_relu(x, alpha): Keras la rechaza",
                   exc is not None, expected="TypeError (falta alpha)",
                   measured=f"{type(exc).__name__}: {exc}"[:300] if exc else "se ejecutó",
                   why="Keras llama a activation(z) con un solo argumento")
