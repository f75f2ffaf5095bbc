"""swish.better_than_relu — «Tipos de funciones de activación en capas ocultas / Swish».

Course: «Se usa cuando ReLU pero es un poco más lenta pero es mejor.» The course gives «mejor»
its meaning itself, under «Tiempo de cálculo»: «que cosiga entrenar en un menor número de
épocas». Measured (definitions fixed before measuring; fixtures/experiments/training_compare.py,
fixtures/experiments/training_runs.py):

  experiment  small MLPs (Dense 16 → 16 → out) trained with ReLU and with Swish
              (tf.keras.activations.swish) on moons, breast_cancer and friedman1 (+ digits in the
              full run), 200 samples each, Keras's defaults (Adam 0.001, minibatches of 32), a fixed
              budget of epochs; per seed the same data, split, initial weights and minibatch order
              for every activation (paired)
  metrics     epochs until the validation loss reaches τ = ½·L₀ (L₀: loss of the best constant
              predictor; ∞ if never), and the validation loss after the last epoch
  per check   d = metric(ReLU) − metric(Swish) per seed; the sign-test interval of the median of d
              at level 1 − 0.01/m (m comparisons: Bonferroni, family α = 0.01): decided when it
              excludes 0
  per problem mejor (Swish better on a metric, ReLU on none), peor (the reverse), mixto (each on
              one), sin diferencia
  claim       falsa if ReLU is better on some metric of some problem («peor» or «mixto»: one
              counter-example refutes a general statement); se cumple if «mejor» on more than half
              of the problems and ReLU better nowhere; sin decidir otherwise
Budgets: reduced (default run) 32 seeds × 3 problems, 80 epochs (7–10 s of CPU, shared by the three
training claims); full (`slow`, `--run-slow`) 96 seeds × 4 problems (+ GELU), 200 epochs (55–80 s).
With --run-slow the reduced row is left out (omitida): the full experiment decides.
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
    id="swish.better_than_relu",
    section="Swish",
    statement="Swish es mejor que ReLU: con los mismos datos y los mismos pesos iniciales, una red con swish "
              "entrena en menos épocas o termina con menor pérdida de validación que con ReLU.",
    formula="d = métrica(ReLU) − métrica(Swish) por semilla; IC (test de signos) de la mediana de d > 0 "
            "en más de la mitad de los problemas y < 0 en ninguno",
    anchor="pero es mejor",
    implied="El curso dice «es mejor» sin decir en qué; «entrena en menos épocas o termina con menor "
            "pérdida, con los mismos datos y pesos iniciales» es la lectura de la especificación, tomada "
            "de la frase del curso en «Tiempo de cálculo» («cosiga entrenar en un menor número de épocas»).",
)
# The three training claims share one experiment (fixtures/experiments/training_runs.py caches it per
# process): under `pytest -n auto --dist loadgroup` (tox) one worker runs all three, once.
pytestmark = pytest.mark.xdist_group("training_compare")


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_swish_better_than_relu(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    with course_call("tf.keras.activations.swish"):
        tf.keras.activations.swish  # noqa: B018 — the function the course uses
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_better_than_relu(evidence, experiment, "swish")
