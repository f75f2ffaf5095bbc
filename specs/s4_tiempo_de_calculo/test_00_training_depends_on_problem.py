"""training.depends_on_problem — «Tiempo de cálculo».

Course: «Para cada problema puede que una función sea mejor que otra, es decir que cosiga
entrenar en un menor número de épocas.» Read as: which activation trains in fewer epochs
depends on the problem. Measured (definitions fixed before measuring; fixtures/experiments/training_compare.py):

  experiment  the one of swish.better_than_relu (fixtures/experiments/training_runs.py): small MLPs trained with
              ReLU, Swish, Mish (+ GELU in the full run) on moons, breast_cancer, friedman1 (+ digits),
              200 samples each, Keras's defaults (Adam 0.001, minibatches of 32); the same data,
              split, initial weights and minibatch order per seed for every activation
  metric      epochs until the validation loss reaches τ = ½·L₀ (L₀: loss of the best constant
              predictor; ∞ if not within the budget) — the course's «menor número de épocas»
  per check   every pair (a, b) on every problem: d = epochs(a) − epochs(b) per seed, sign-test
              interval of the median of d at level 1 − 0.01/m (m = pairs × problems; family α = 0.01)
  claim       se cumple when some pair's order reverses between two problems with both intervals
              excluding 0; otherwise sin decidir (a «puede que» is not refuted by finitely many
              problems; the evidence says how many comparisons were decided at all)
Activations missing on a version (mish before Keras 2.13) are left out, with a note.
Budgets: reduced (default run) and full (`slow`, `--run-slow`), as in swish.better_than_relu.
"""
import pytest

from fixtures.core.claims import Claim
from fixtures.core.seeds import derive_seed
from fixtures.experiments.training_evidence import (
    check_depends_on_problem,
    reduced_or_skip,
)
from fixtures.experiments.training_runs import PLANS, run_experiment

CLAIM = Claim(
    id="training.depends_on_problem",
    statement="Qué función de activación entrena en menos épocas depende del problema: el orden de dos "
              "funciones puede invertirse de un problema a otro.",
    formula="∃ funciones a, b y problemas p, q: IC de la mediana de épocas(a) − épocas(b) < 0 en p y > 0 en q",
    anchor="Para cada problema puede que una función sea mejor que otra, es decir que cosiga entrenar en un "
           "menor número de épocas",
    implied="El curso dice «para cada problema puede que una función sea mejor que otra, es decir que cosiga "
            "entrenar en un menor número de épocas»; la especificación lo lee como que el orden entre dos "
            "funciones (en épocas hasta un objetivo fijo) puede invertirse de un problema a otro.",
)
# The three training claims share one experiment (fixtures/experiments/training_runs.py caches it per
# process): under `pytest -n auto --dist loadgroup` (tox) one worker runs all three, once.
pytestmark = pytest.mark.xdist_group("training_compare")


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_training_depends_on_problem(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_depends_on_problem(evidence, experiment)
