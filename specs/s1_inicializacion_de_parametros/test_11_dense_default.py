"""Dense's defaults — «Inicialización de parámetros».

The course adds `Dense(1000)` with no initializer (and, in later sections, `Dense(3, ...)`),
relying on Keras's defaults: kernel_initializer="glorot_uniform", bias_initializer="zeros".
Checked two ways: the initializer objects a default Dense holds, and the numbers it draws
(a 400→2500 kernel must be U(−l, l) with l = √(6/(400+2500)); the bias exactly 0).
"""
import numpy as np
import pytest

from fixtures.checks.initializers import check_samples
from fixtures.checks.reference_initializers import expected
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="init.dense_default",
    statement="Sin indicar inicializador, Dense usa glorot_uniform para los pesos y zeros para el sesgo.",
    formula="kernel ~ U(-l, l), l = sqrt(6 / (fan_in + fan_out));  bias = 0",
    anchor="model.add(Dense(1000))",
    implied=("El curso escribe model.add(Dense(1000)) (y más adelante Dense(3, ...)) sin inicializador y no dice "
             "cuál se usa; que por defecto sean glorot_uniform para los pesos y zeros para el sesgo lo añade la "
             "especificación (es lo que documenta Keras)."),
)


@pytest.fixture
def default_dense(tf, test_seed):
    tf.keras.utils.set_random_seed(test_seed)
    with course_call("Dense(2500)"):
        layer = tf.keras.layers.Dense(2500)
        layer.build((None, 400))
    return layer


def test_default_initializer_objects(default_dense, evidence):
    kernel = type(default_dense.kernel_initializer).__name__
    bias = type(default_dense.bias_initializer).__name__
    evidence.check("kernel_initializer", kernel == "GlorotUniform", expected="GlorotUniform",
                   measured=kernel, why="Keras documenta glorot_uniform como valor por defecto de Dense")
    evidence.check("bias_initializer", bias == "Zeros", expected="Zeros", measured=bias,
                   why="Keras documenta zeros como valor por defecto de Dense")


def test_default_kernel_numbers(default_dense, evidence):
    kernel = np.asarray(default_dense.kernel)
    check_samples(evidence, kernel, expected("glorot_uniform", kernel.shape), "Dense(2500) con 400 entradas")


def test_default_bias_numbers(default_dense, evidence):
    check_samples(evidence, np.asarray(default_dense.bias), expected("zeros", (400, 2500)), "sesgo")

