"""Mish is a little slower than ReLU — «Mish» / «Tiempo de cálculo».

Course: "Se usa cuando ReLU pero aunque es un poco más lenta es mejor. Es muy similar a Swish",
with `model.add(Dense(3, activation="mish"))` and a link to tf.keras.activations.mish.
Formula: ratio = exp(20 %-trimmed mean over rounds of log(t_mish / t_relu)); holds when its 95 % CI lies above 1,
refuted when below 1, inconclusive when it contains 1 or when the A/A control (a second ReLU
network) does not come out equal to ReLU; missing where Keras has no mish.
"""
import pytest

from fixtures.core.claims import Claim
from fixtures.timing.checks import check_slower_than_relu

CLAIM = Claim(
    id="timing.mish_slower_than_relu",
    section="Mish",  # the course says it under «Mish»; measured in «Tiempo de cálculo»
    statement="Mish es un poco más lenta que ReLU: entrenar la red de 14 capas y 1521 neuronas con mish "
              "tarda más por época que con ReLU.",
    formula="IC 95 % de exp(media recortada 20 %_r log(t_mish,r / t_relu,r)) > 1",
    anchor="aunque es un poco más lenta es mejor",
    implied=("El curso dice «es un poco más lenta» sin decir de qué tiempo ni en qué red; la especificación lo lee "
             "como el tiempo por época de la red de su gráfica (14 capas y 1521 neuronas, con el reparto de "
             "timing.training_time), y «más lenta» como un intervalo de t_mish/t_relu por encima de 1. Que "
             "«lenta» hable del tiempo de cálculo y no de las épocas lo dice el propio curso en «Tiempo de cálculo» "
             "(«el tiempo de CPU/GPU que usa cada función de activación»)."),
)
pytestmark = [pytest.mark.gpu, pytest.mark.timing]


def test_mish_slower_than_relu(timing_result, evidence):
    check_slower_than_relu(evidence, timing_result, "mish")
