"""mish.better_than_relu — «Tipos de funciones de activación en capas ocultas / Mish».

Course: «Se usa cuando ReLU pero aunque es un poco más lenta es mejor.» «Mejor» as the course
defines it under «Tiempo de cálculo»: «que cosiga entrenar en un menor número de épocas».
The same experiment, metrics, intervals and rule as swish.better_than_relu
(specs/s3_tipos_de_funciones_de_activacion/test_15_swish_better_than_relu.py), with Mish
(tf.keras.activations.mish) as the candidate:
  d = metric(ReLU) − metric(Mish) per seed (same data, split, initial weights and minibatches);
  decided when the sign-test interval of the median of d at level 1 − 0.01/m excludes 0; falsa if
  ReLU is better on some metric of some problem; se cumple if Mish is better on more than half of
  the problems and ReLU better nowhere; sin decidir otherwise.
tf.keras.activations.mish exists from Keras 2.13: before, the verdict is `missing`.
"""
import pytest

from fixtures.core.calls import course_call
from fixtures.core.claims import Claim
from fixtures.core.seeds import derive_seed
from fixtures.experiments.training_evidence import (
    check_better_than_relu,
    reduced_or_skip,
)
from fixtures.experiments.training_runs import PLANS, run_experiment

CLAIM = Claim(
    id="mish.better_than_relu",
    section="Mish",
    statement="Mish es mejor que ReLU: con los mismos datos y los mismos pesos iniciales, una red con mish "
              "entrena en menos épocas o termina con menor pérdida de validación que con ReLU.",
    formula="d = métrica(ReLU) − métrica(Mish) por semilla; IC (test de signos) de la mediana de d > 0 "
            "en más de la mitad de los problemas y < 0 en ninguno",
    anchor="aunque es un poco más lenta es mejor",
    implied="El curso dice «es mejor» sin decir en qué; «entrena en menos épocas o termina con menor "
            "pérdida, con los mismos datos y pesos iniciales» es la lectura de la especificación, tomada "
            "de la frase del curso en «Tiempo de cálculo» («cosiga entrenar en un menor número de épocas»).",
)
# The three training claims share one experiment (fixtures/experiments/training_runs.py caches it per
# process): under `pytest -n auto --dist loadgroup` (tox) one worker runs all three, once.
pytestmark = pytest.mark.xdist_group("training_compare")
WORKS_INSTEAD = "activation=lambda x: x * tf.math.tanh(tf.math.softplus(x))"


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_mish_better_than_relu(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    with course_call("tf.keras.activations.mish", works_instead=WORKS_INSTEAD):
        tf.keras.activations.mish  # noqa: B018 — the function the course links to
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_better_than_relu(evidence, experiment, "mish")
