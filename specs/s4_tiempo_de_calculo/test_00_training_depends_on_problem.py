"""training.depends_on_problem — «Tiempo de cálculo».

Course: «Para cada problema puede que una función sea mejor que otra, es decir que cosiga
entrenar en un menor número de épocas.» Measured (definitions fixed before measuring;
fixtures/experiments/training_compare.py):

  experiment  the one of swish.better_than_relu (fixtures/experiments/training_runs.py): small MLPs trained with
              ReLU, Swish, Mish (+ GELU in the full run) on moons, breast_cancer, friedman1 (+ digits),
              200 samples each, Keras's defaults (Adam 0.001, minibatches of 32); the same data,
              split, initial weights and minibatch order per seed for every activation
  metric      epochs until the validation loss reaches τ = ½·L₀ (L₀: loss of the best constant
              predictor; ∞ if not within the budget) — the course's «menor número de épocas»
  per check   every pair (a, b) on every problem: d = epochs(a) − epochs(b) per seed, sign-test
              interval of the median of d at level 1 − 0.01/m (m = pairs × problems; family α = 0.01)
  readings    course (decides): with the course's own «mejor», on some problem one function trains in
              fewer epochs than another — se cumple when some comparison is decided; spec (context):
              «depende del problema», the order of some pair reverses between two problems with both
              intervals excluding 0. Neither is refuted by finitely many problems: without what it
              looks for, a reading is sin decidir.
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
    statement="Para cada problema puede que una función sea mejor que otra, es decir, que consiga entrenar en "
              "un menor número de épocas.",
    formula="∃ funciones a, b y un problema p: IC de la mediana de épocas(a) − épocas(b) sin el 0 en p "
            "(lectura del curso); y además con signo opuesto en otro problema q (lectura «depende del problema»)",
    anchor="Para cada problema puede que una función sea mejor que otra, es decir que cosiga entrenar en un "
           "menor número de épocas",
    implied="El curso lo dice con estas palabras; la especificación añade cómo se miden las épocas (hasta una "
            "pérdida objetivo ½·L₀, en unos problemas pequeños) y una segunda lectura, solo de contexto: que el "
            "orden de dos funciones se invierta de un problema a otro.",
)
# The three training claims share one experiment (fixtures/experiments/training_runs.py caches it per
# process): under `pytest -n auto --dist loadgroup` (tox) one worker runs all three, once.
pytestmark = [pytest.mark.xdist_group("training_compare"), pytest.mark.expensive]


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_training_depends_on_problem(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_depends_on_problem(evidence, experiment, budget)
