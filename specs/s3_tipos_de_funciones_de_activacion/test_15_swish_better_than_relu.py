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
  readings    course: «mejor» = fewer epochs until the validation loss reaches τ = ½·L₀ (L₀: loss of
              the best constant predictor; ∞ if never) — the course's own definition, it alone
              decides; spec (context, never decides): a lower validation loss after the last epoch
  per check   d = metric(ReLU) − metric(Swish) per seed; the sign-test interval of the median of d
              at level 1 − 0.01/P (P problems: Bonferroni per reading, family α = 0.01): decided
              when it excludes 0
  claim       per reading, over the problems (the course: «para cada problema puede que una función
              sea mejor que otra», so «es mejor» is «on most problems»): se cumple if Swish is
              better on more than half of the problems; falsa if it is not even counting every
              undecided problem in its favour; sin decidir otherwise. The headline is the course
              reading's (fixtures.core.claims.headline). In the reduced run a claim measured as
              unstable across base seeds (< 19 of 20) is left to the full run (REDUCED_STABLE).
Rules written before the runs that decide them (revision 3; the older rules and why they changed:
docs/training.md).
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
    statement="Swish es mejor que ReLU, con el sentido que el propio curso da a «mejor» en «Tiempo de cálculo»: "
              "consigue entrenar en un menor número de épocas.",
    formula="d = épocas(ReLU) − épocas(Swish) por semilla; IC (test de signos) de la mediana de d > 0 "
            "en más de la mitad de los problemas",
    anchor="pero es mejor",
    implied="El curso define «mejor» («que cosiga entrenar en un menor número de épocas»); la especificación "
            "añade cómo se mide (épocas hasta una pérdida objetivo ½·L₀, con los mismos datos y pesos "
            "iniciales, en unos problemas pequeños) y cómo se juntan varios problemas (la mayoría). La "
            "pérdida de validación final se muestra como contexto y no decide.",
)
# The three training claims share one experiment (fixtures/experiments/training_runs.py caches it per
# process): under `pytest -n auto --dist loadgroup` (tox) one worker runs all three, once.
pytestmark = [pytest.mark.xdist_group("training_compare"), pytest.mark.expensive]


@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_swish_better_than_relu(tf, base_seed, evidence, budget, request):
    reduced_or_skip(request, budget)
    with course_call("tf.keras.activations.swish"):
        tf.keras.activations.swish  # noqa: B018 — the function the course uses
    experiment = run_experiment(tf, PLANS[budget], derive_seed(base_seed, "training_compare"))
    check_better_than_relu(evidence, experiment, "swish", budget)
