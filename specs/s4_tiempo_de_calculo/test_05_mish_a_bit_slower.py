"""Mish is only a little slower than ReLU — «Mish» / «Tiempo de cálculo».

Course (under «Mish»): "Se usa cuando ReLU pero aunque es un poco más lenta es mejor. Es muy
similar a Swish". `timing.mish_slower_than_relu` checks «más lenta»; this claim checks «un poco».

«Un poco», fixed before measuring (fixtures.timing.core.A_BIT_SLOWER_BOUND = 1.5): at most
50 % more time per epoch than ReLU. «Un poco» is less than «el doble» (twice the time would be
«el doble de lenta» or «mucho más lenta»); 1.5 is the midpoint between equal (1×) and double
(2×). The course's chart, which would show what its author called «un poco», is lost from the
page, so it cannot calibrate the bound.
Formula: ratio = exp(20 %-trimmed mean over rounds of log(t_mish / t_relu)), 95 % bootstrap CI
over rounds, same benchmark run as timing.training_time (14 layers, 1521 neurons). Holds when
the CI lies inside (1, 1.5]; refuted when it lies above 1.5 (much slower) or below 1 (not
slower); inconclusive when it straddles 1 or 1.5, or when the A/A control fails; missing where
Keras has no mish (< 2.13).
Skipped without a GPU unless `--timing-device cpu`; a CPU ratio is not the course's GPU chart.
"""
import pytest

from fixtures.core.claims import Claim
from fixtures.timing.checks import check_a_bit_slower

CLAIM = Claim(
    id="timing.mish_a_bit_slower",
    section="Mish",  # the sentence is under «Mish»; measured in «Tiempo de cálculo»
    statement="Mish es solo un poco más lenta que ReLU: entrenar la red de 14 capas y 1521 neuronas con mish "
              "tarda más por época que con ReLU, pero como mucho un 50 % más (1 < t_mish/t_relu ≤ 1,5).",
    formula="IC 95 % de exp(media recortada 20 %_r log(t_mish,r / t_relu,r)) dentro de (1; 1,5]",
    anchor="Se usa cuando ReLU pero aunque es un poco más lenta es mejor.",
    implied="El curso dice «aunque es un poco más lenta» sin dar ninguna cifra; la cota 1,5 (como mucho un 50 % "
            "más de tiempo por época) es la lectura de «un poco» que añade la especificación.",
)
pytestmark = [pytest.mark.gpu, pytest.mark.timing]


def test_mish_a_bit_slower(timing_result, evidence):
    check_a_bit_slower(evidence, timing_result, "mish")
