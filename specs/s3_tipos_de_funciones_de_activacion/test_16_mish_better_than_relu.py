"""mish.better_than_relu — «Tipos de funciones de activación en capas ocultas / Mish».

Course: «Se usa cuando ReLU pero aunque es un poco más lenta es mejor.» «Mejor» as the course
defines it under «Tiempo de cálculo»: «que cosiga entrenar en un menor número de épocas».
The same experiment, readings, intervals and rule as swish.better_than_relu
(specs/s3_tipos_de_funciones_de_activacion/test_15_swish_better_than_relu.py), with Mish
(tf.keras.activations.mish) as the candidate: d = metric(ReLU) − metric(Mish) per seed (same data,
split, initial weights and minibatches); decided when the sign-test interval of the median of d at
level 1 − 0.01/P excludes 0; per reading, se cumple if Mish is better on more than half of the
problems, falsa if not even counting every undecided problem in its favour, sin decidir otherwise;
the course's reading (fewer epochs) decides, the final validation loss is context.
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
    statement="Mish es mejor que ReLU, con el sentido que el propio curso da a «mejor» en «Tiempo de cálculo»: "
              "consigue entrenar en un menor número de épocas.",
    formula="d = épocas(ReLU) − épocas(Mish) por semilla; IC (test de signos) de la mediana de d > 0 "
            "en más de la mitad de los problemas",
    anchor="aunque es un poco más lenta es mejor",
    implied="El curso define «mejor» («que cosiga entrenar en un menor número de épocas»); la especificación "
            "añade cómo se mide (épocas hasta una pérdida objetivo ½·L₀, con los mismos datos y pesos "
            "iniciales, en unos problemas pequeños) y cómo se juntan varios problemas (la mayoría). La "
            "pérdida de validación final se muestra como contexto y no decide.",
)
# The three training claims share one experiment (fixtures/experiments/training_runs.py caches it per
# process): under `pytest -n auto --dist loadgroup` (tox) one worker runs all three, once.
pytestmark = [pytest.mark.xdist_group("training_compare"), pytest.mark.expensive]
WORKS_INSTEAD = "activation=lambda x: x * tf.math.tanh(tf.math.softplus(x))"


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_mish_better_than_relu(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    with course_call("tf.keras.activations.mish", works_instead=WORKS_INSTEAD):
        tf.keras.activations.mish  # noqa: B018 — the function the course links to
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_better_than_relu(evidence, experiment, "mish", budget)
