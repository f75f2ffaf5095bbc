"""swish.better_than_relu — «Tipos de funciones de activación en capas ocultas / Swish».

Course: «Se usa cuando ReLU pero es un poco más lenta pero es mejor.» The course gives «mejor»
its meaning itself, under «Tiempo de cálculo»: «que cosiga entrenar en un menor número de
épocas». Measured (definitions fixed before measuring; fixtures/training_compare.py,
fixtures/training_runs.py):

  experiment  small MLPs (2 hidden Dense layers) trained with ReLU and with Swish
              (tf.keras.activations.swish) on moons, breast_cancer and friedman1 (+ digits in the
              full run), Adam, full batch, a fixed budget of epochs; per seed the same data, split
              and initial weights for every activation (paired)
  metrics     epochs until the validation loss reaches τ = ½·L₀ (L₀: loss of the best constant
              predictor; ∞ if never), and the validation loss after the last epoch
  per check   d = metric(ReLU) − metric(Swish) per seed; the sign-test interval of the median of d
              at level 1 − 0.01/m (m comparisons: Bonferroni, family α = 0.01): decided when it
              excludes 0
  per problem mejor (Swish better on a metric, ReLU on none), peor (the reverse), mixto, sin diferencia
  claim       falsa if «peor» on some problem; se cumple if «mejor» on more than half and «peor» on
              none; sin decidir otherwise
Budgets: reduced (default run) 16 seeds × 3 problems of 200 samples, 16-16 units, 100 epochs;
full (`slow`, `--run-slow`) 64 seeds × 4 problems, 32-32 units, 200 epochs (with --run-slow the
reduced row is left out). The three training claims share one experiment per run.
"""
import pytest

from fixtures.claims import Claim
from fixtures.course_api import course_call
from fixtures.plugin import derive_seed
from fixtures.training_evidence import check_better_than_relu, reduced_or_skip
from fixtures.training_runs import PLANS, run_experiment

CLAIM = Claim(
    id="swish.better_than_relu",
    section="Swish",
    statement="Swish es mejor que ReLU: con los mismos datos y los mismos pesos iniciales, una red con swish "
              "entrena en menos épocas o termina con menor pérdida de validación que con ReLU.",
    formula="d = métrica(ReLU) − métrica(Swish) por semilla; IC (test de signos) de la mediana de d > 0 "
            "en más de la mitad de los problemas y < 0 en ninguno",
    anchor="pero es mejor",
)


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_swish_better_than_relu(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    with course_call("tf.keras.activations.swish"):
        tf.keras.activations.swish  # noqa: B018 — the function the course uses
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_better_than_relu(evidence, experiment, "swish")
