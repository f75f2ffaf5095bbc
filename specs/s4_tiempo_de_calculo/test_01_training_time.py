"""Training time per activation — «Tiempo de cálculo».

Course: "En la siguiente gráfica se puede ver el tiempo de entrenamiento de una red neuronal con
14 capas y 1521 neuronas usando cada una de las funciones de activación." (the chart itself is
lost from the text: only its setup is known).
Formula: ratio_a = exp(20 %-trimmed mean over rounds r of log(t_a,r / t_relu,r)); 95 % CI by
bootstrap over rounds.
Checks (fixtures/timing/checks.py): every activation of the chart can be built and timed (else
missing / api-drift), and the chart's point — the activation changes the training time — shows
as at least one CI that excludes 1, CIs widened for the 10 comparisons (Bonferroni; none:
inconclusive), provided the A/A control (a second ReLU network) comes out equal to ReLU
(else inconclusive). Chart and raw samples: report row and
reports/<env>/timing.json. Runs on a GPU; `--timing-device cpu` for a small CPU run.
"""
import pytest

from fixtures.core.claims import Claim
from fixtures.timing.checks import check_activation_matters, record_training_time
from fixtures.timing.config import (
    DEFAULT_WIDTHS,
    TOTAL_LAYERS,
    TOTAL_NEURONS,
    describe_widths,
)

CLAIM = Claim(
    id="timing.training_time",
    statement=(f"El tiempo de entrenamiento de una red neuronal con {TOTAL_LAYERS} capas y {TOTAL_NEURONS} neuronas "
               "depende de la función de activación que se use (la gráfica del curso)."),
    formula=("ratio_a = exp(media recortada 20 %_r log(t_a,r / t_relu,r)); IC 95 % bootstrap (BCa) sobre las "
             "rondas; «depende»: algún IC al 99,5 % (Bonferroni, 10 comparaciones) excluye 1"),
    anchor="14 capas y 1521 neuronas",
    implied=("El curso solo da el montaje de su gráfica («una red neuronal con 14 capas y 1521 neuronas», "
             "«cada una de las funciones de activación») y la gráfica no se conserva. La especificación elige qué "
             "funciones se miden (las del apéndice y las de Keras que la gráfica suele incluir), cómo se reparten "
             "las 1521 neuronas entre las 14 capas, que se mide el tiempo por época y la regla de «depende» (algún "
             "cociente con su intervalo, ensanchado por Bonferroni, sin el 1). Aquí: relu, leaky_relu, elu, selu, "
             "sigmoid, tanh, softplus, swish, mish, gelu (exacta) y gelu (aproximación tanh), cada una como cociente "
             f"respecto a ReLU; {TOTAL_LAYERS} capas Dense ocultas de {describe_widths(DEFAULT_WIDTHS)} neuronas "
             f"(= {sum(DEFAULT_WIDTHS)}) y una salida lineal de 1 (otro reparto con --timing-widths). En GPU se mide "
             "el tiempo real de cada época; en CPU, el tiempo de CPU del proceso."),
)
pytestmark = [pytest.mark.gpu, pytest.mark.timing]


def test_training_time_per_activation(timing_result, evidence):
    """Every activation timed against ReLU; the chart of the ratios goes into the report."""
    record_training_time(evidence, timing_result)
    check_activation_matters(evidence, timing_result)
