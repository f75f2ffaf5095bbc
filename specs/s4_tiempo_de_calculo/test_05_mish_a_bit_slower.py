"""Mish is only a little slower than ReLU — «Mish» / «Tiempo de cálculo».

Course (under «Mish»): "Se usa cuando ReLU pero aunque es un poco más lenta es mejor. Es muy
similar a Swish". `timing.mish_slower_than_relu` checks «más lenta»; this claim checks «un poco».

«Un poco», two readings, both the spec's (the course gives no figure):
  1.5  fixed before measuring (fixtures.timing.core.A_BIT_SLOWER_BOUND): at most 50 % more time per
       epoch than ReLU, the midpoint between equal (1×) and double (2×);
  2    «como mucho el doble» (A_BIT_SLOWER_DOUBLE): twice the time would be «el doble de lenta», not
       «un poco»; no figure of the spec's own. Added by issue 17 after the CPU runs of
       docs/timing.md (swish ≈ 1.5×, mish ≈ 2.3×) were known — said there.
The course's chart, which would show what its author called «un poco», is lost from the page.
Formula: ratio = exp(20 %-trimmed mean over rounds of log(t_mish / t_relu)), 95 % bootstrap CI
over rounds, same benchmark run as timing.training_time (14 layers, 1521 neurons). Per reading:
holds when the CI lies inside (1, bound]; refuted when above the bound (much slower) or below 1
(not slower); inconclusive when it straddles 1 or the bound. The claim holds or is refuted only
when both readings agree; inconclusive too when the A/A control fails; missing where
Keras has no mish (< 2.13).
Skipped without a GPU unless `--timing-device cpu`; a CPU ratio is not the course's GPU chart.
"""
import pytest

from fixtures.core.claims import Claim
from fixtures.timing.checks import check_a_bit_slower

CLAIM = Claim(
    id="timing.mish_a_bit_slower",
    section="Mish",  # the sentence is under «Mish»; measured in «Tiempo de cálculo»
    statement="Mish es un poco más lenta que ReLU.",
    formula="IC 95 % de exp(media recortada 20 %_r log(t_mish,r / t_relu,r)) dentro de (1; 1,5] y dentro de (1; 2]",
    anchor="Se usa cuando ReLU pero aunque es un poco más lenta es mejor.",
    implied="El curso dice «aunque es un poco más lenta» sin ninguna cifra ni decir de qué tiempo; la especificación lo lee "
            "como el tiempo por época de la red de 14 capas y 1521 neuronas, con dos lecturas de «un poco»: como "
            "mucho 1,5 veces el de ReLU (cota de la especificación) y como mucho el doble (sin cifra propia); solo "
            "hay veredicto cuando las dos coinciden.",
)
pytestmark = [pytest.mark.gpu, pytest.mark.timing]


def test_mish_a_bit_slower(timing_result, evidence):
    check_a_bit_slower(evidence, timing_result, "mish")
