"""depth.he_relu — «Inicialización de parámetros», He et al. (2015) forward analysis.

Course: after the initializer table, «Ahora vamos a ver como se comportan 4 redes distintas
según el número de capas, el inicializador y la función de activación usada», citing
"Delving Deep into Rectifiers" (He et al. 2015).

Formula (He et al. eq. 7–10). A Dense layer y_l = x_l·W_l with W_l i.i.d., mean 0, variance
σ_l², and x_l = relu(y_{l−1}) with y_{l−1} symmetric, so E[x_l²] = Var(y_{l−1})/2:
    Var(y_l) = n_l·σ_l²·E[x_l²] = (n_l·σ_l²/2)·Var(y_{l−1})         (n_l = fan_in)
    he:     σ² = 2/fan_in              → ratio 1 per layer: the variance is kept
    glorot: σ² = 2/(fan_in + fan_out)  → ratio fan_in/(fan_in + fan_out): ½ only when
            fan_in = fan_out; 8/9 and 1/9 alternately in an 800/100 stack.
Measured: q_l = mean(y_l²) over a fixed N(0, 1) batch (256 samples) on two 30-layer stacks,
square (512 wide) and alternating (800, 100, 800, ...; there fan_avg ≠ fan_in, so a Keras
whose he_normal used fan_avg is caught).
Tolerances (derived, fixtures/experiments/depth.py): given its input, each layer's ratio q_l/q_{l−1} has
mean n_l·σ_l²/2 and an exactly computable relative variance (quadratic form in the rows of
W_l, plus the ReLU-halving term); gamma intervals at α/30 per layer (Bonferroni, α = 1e-6
per evidence row); the product over 29 layers adds log-means and log-variances. Deep ReLU
stacks make the batch almost rank one (n_eff → 1), so one 512-wide network's per-layer
ratio really fluctuates by ≈ √(2/512) ≈ 6 %; "within a small factor" is that random walk's
z-band over 29 layers, stated as a number in the evidence.
"""
import math

import numpy as np
import pytest
from scipy import special

from fixtures.core import stats
from fixtures.core.claims import Claim
from fixtures.core.plots import new_figure
from fixtures.core.seeds import derive_seed
from fixtures.experiments.depth import (
    ANCHOR,
    check_all_layers,
    gamma_interval,
    log_product_band,
    relu_profile,
)

CLAIM = Claim(
    id="depth.he_relu",
    statement=("Con inicialización He y ReLU la varianza de las preactivaciones se mantiene (dentro de un "
               "factor pequeño) a lo largo de 30 capas Dense, mientras que con Glorot y ReLU cada capa la "
               "multiplica por fan_in/(fan_in + fan_out): la mitad cuando fan_in = fan_out (He et al. 2015)."),
    formula="Var(y_l) = (n_l·Var(w_l)/2)·Var(y_{l−1});  he: n·Var(w) = 2 → 1;  glorot: → fan_in/(fan_in+fan_out)",
    anchor=ANCHOR,
    implied=("El curso anuncia «4 redes distintas según el número de capas, el inicializador y la función de "
             "activación» y cita a He et al. (2015), pero no escribe esta afirmación: es el análisis de varianza de "
             "ese artículo, que la especificación añade y mide."),
)

STACKS = {"square": [512] * 31, "alternating": [800, 100] * 15 + [800]}
BATCH = 256
HE, GLOROT = "he_normal", "glorot_normal"


@pytest.mark.parametrize("stack", list(STACKS))
def test_variance_through_depth(tf, stack, test_seed, evidence):
    """He keeps q_l; Glorot multiplies it by fan_in/(fan_in + fan_out) per layer."""
    widths = STACKS[stack]
    depth = len(widths) - 1
    alpha = stats.ALPHA
    # The same seed for both initializers: the same input batch, independent kernels per init.
    seed = derive_seed(test_seed, stack)
    profiles = {name: relu_profile(tf, widths, name, seed, BATCH) for name in (HE, GLOROT)}
    evidence.note(f"semilla {seed}; anchuras {widths[0]}→…→{widths[-1]} ({depth} capas Dense+relu), "
                  f"lote de {BATCH} × N(0, 1)")
    bands = {name: log_product_band(p.mean[1:], p.rel_var[1:], alpha) for name, p in profiles.items()}
    _plot(evidence, stack, profiles)

    for name, p in profiles.items():
        intervals = [gamma_interval(m, v, alpha / depth) for m, v in zip(p.mean, p.rel_var)]
        check_all_layers(
            evidence, f"{name}: cociente por capa q_l/q_(l−1) (capa 1: q_1/mean(x²))",
            p.ratio, [i[0] for i in intervals], [i[1] for i in intervals], p.mean,
            why=(f"media n_l·σ²/2 (capa 1: n_0·σ²); intervalo gamma a partir de la varianza condicional "
                 f"exacta de la forma cuadrática más la mitad que anula ReLU, α/{depth} por capa"),
            rel_sd_per_layer=[float(f"{s:.3g}") for s in np.sqrt(p.rel_var)])
        center, lo, hi = bands[name]
        total = math.log(p.q[-1] / p.q[0])
        steps = depth - 1
        evidence.check(
            f"{name}: cociente medio geométrico por capa, (q_{depth}/q_1)^(1/{steps})",
            lo <= total <= hi, expected=math.exp(center / steps), measured=math.exp(total / steps),
            tolerance=[math.exp(lo / steps), math.exp(hi / steps)],
            why=("Π de los cocientes por capa: Σ ln r_l con E = ln μ + ψ(k) − ln k, Var = ψ'(k), k = 1/v; "
                 "z para α"),

            alpha=alpha, q_1=p.q[0], q_last=p.q[-1], overall_ratio=p.q[-1] / p.q[0])
    center, lo, hi = bands[HE]
    he_total = profiles[HE].q[-1] / profiles[HE].q[0]
    evidence.record(f"he_normal mantiene la varianza dentro de un factor {math.exp(max(-lo, hi)):.3g} en "
                    f"{depth - 1} capas", expected=f"[{math.exp(lo):.3g}, {math.exp(hi):.3g}]",
                    measured=he_total, tolerance=None, ok=bool(math.exp(lo) <= he_total <= math.exp(hi)),
                    why="la banda del producto anterior: la varianza de una red finita es un paseo aleatorio "
                        "en escala logarítmica con sd por capa ≈ √(2/n_out)")


def _plot(evidence, stack, profiles):
    fig = new_figure(6.0, 3.4)
    ax = fig.add_subplot()
    for color, (name, p) in zip(("C0", "C3"), profiles.items()):
        layers = np.arange(1, len(p.q) + 1)
        ax.semilogy(layers, p.q, "o-", ms=3, color=color, label=f"{name}: medido")
        k = 1.0 / p.rel_var[1:]
        center = np.concatenate([[0.0], np.cumsum(np.log(p.mean[1:]) + special.digamma(k) - np.log(k))])
        sd = np.concatenate([[0.0], np.sqrt(np.cumsum(special.polygamma(1, k)))])
        z = stats.z_two_sided()
        ax.semilogy(layers, p.q[0] * np.exp(center), "--", color=color, lw=1, label=f"{name}: fórmula")
        ax.fill_between(layers, p.q[0] * np.exp(center - z * sd), p.q[0] * np.exp(center + z * sd),
                        color=color, alpha=0.15, lw=0)
    ax.set_xlabel("capa l")
    ax.set_ylabel("Var(y_l) = mean(y_l²)")
    shape = {"square": "cuadrada, 512", "alternating": "alterna, 800/100"}[stack]
    ax.set_title(f"ReLU, pila {shape}")
    ax.legend(fontsize=7)
    evidence.plot(fig, f"Varianza de las preactivaciones por capa (pila {shape}); banda: α = 1e-6")

