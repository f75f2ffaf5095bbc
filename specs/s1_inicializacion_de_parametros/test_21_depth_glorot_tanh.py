"""depth.glorot_tanh — «Inicialización de parámetros», Glorot & Bengio (2010) with tanh.

Course: «Ahora vamos a ver como se comportan 4 redes distintas según el número de capas, el
inicializador y la función de activación usada», citing "Understanding the difficulty of
training deep feedforward neural networks" (Glorot & Bengio 2010).

Network: 20 × Dense(n, kernel_initializer=init) + tanh, n = 256 and the course's n = 1000,
fixed batch x ~ N(0, 1); the gradient of ℓ = Σ a_20·u (u ~ N(0, 1) fixed) flows back.
Measured per layer l: q_l = mean(y_l²), mean|a_l|, the fraction of saturated units
|a_l| > 0.99 (tanh' < 0.02: the unit passes < 2 % of its gradient), rms(∂ℓ/∂y_l); and
ρ = ‖∂ℓ/∂y_1‖²/‖u‖², the share of the output gradient that reaches the first layer.

Formula (Glorot & Bengio eq. 2–12, mean field beyond the linear regime):
    forward gain  G_l = q_l / mean(a_{l−1}²) = n·Var(w)      glorot: n·2/(n + n) = 1
                                                             random_normal: n·0.05² (0.64 | 2.5)
    gain-1 reference (Glorot's condition):  q_{l+1} = E[tanh²(√q_l z)]   (decays ≈ 1/(2l),
        polynomially), ρ* = Π_l E[tanh'²(√q_l z)].
What counts as holding (every check below, derived, α = 1e-6 per row):
  glorot_uniform  per-layer gain = 1 (gamma interval from the exact conditional variance,
                  α/20 per layer); q_20 inside the gain-1 band; mean|a_20| ≥ the band's floor
                  (no collapse); saturated fraction ≤ its Chernoff ceiling in every layer (no
                  saturation); ρ inside the band of ρ* (the gradient is neither lost nor amplified
                  beyond what tanh's own curvature does).
  random_normal   per-layer gain = n·0.0025. Gain < 1 (n = 256): mean|a_20| below the floor
                  (collapse) and ρ below the band (vanishing gradient). Gain > 1 (n = 1000, the
                  course's width): no collapse — the signal settles at the fixed point of
                  q = 2.5·E[tanh²(√q z)] — but ρ above the band: the gradient grows towards the input.
  ones            saturated fraction above the ceiling in every layer, ρ below the band (= 0).
Bands: the gain-1 recursion from the measured input, ± z·√(Σ v_l) on ln q (the recursion's
elasticity ≤ 1 damps earlier errors); for ρ the conditional variances of the backward
quadratic forms plus each layer's tanh'-elasticity × its forward sd (linear sum: an upper
bound; W_{l+1} treated as independent of δ_{l+1}, error O(1/n)). See fixtures/experiments/depth.py.
"""
import math

import numpy as np
import pytest

from fixtures.core import stats
from fixtures.core.claims import Claim
from fixtures.core.plots import new_figure
from fixtures.core.seeds import derive_seed
from fixtures.experiments.depth import (
    ANCHOR,
    check_all_layers,
    gain_one_reference,
    gamma_interval,
    gauss_mean,
    tanh_prime_sq,
    tanh_profile,
)

CLAIM = Claim(
    id="depth.glorot_tanh",
    statement=("Con tanh, glorot_uniform mantiene la ganancia de varianza por capa n·Var(W) = 1 (condición de "
               "Glorot y Bengio), así que en 20 capas las activaciones ni colapsan ni se saturan y el gradiente "
               "que llega a la primera capa es el que predice la ganancia 1. random_normal(0.05) tiene ganancia "
               "n·0.0025: con 256 unidades (0.64) la señal colapsa y el gradiente se desvanece; con las 1000 del "
               "curso (2.5) no colapsa, pero el gradiente crece hacia la entrada. ones satura todas las unidades "
               "y anula el gradiente."),
    formula="G = q_l/mean(a_{l−1}²) = n·Var(w);  q_{l+1} = n·Var(w)·E[tanh²(√q_l z)];  ρ* = Π E[tanh'²(√q_l z)]",
    anchor=ANCHOR,
    implied=("El curso anuncia «4 redes distintas según el número de capas, el inicializador y la función de "
             "activación» y cita a Glorot y Bengio (2010), pero no escribe esta afirmación: es el análisis de ese "
             "artículo (con la anchura 1000 de la tabla del curso), que la especificación añade y mide."),
)

DEPTH = 20
INITIALIZERS = ("glorot_uniform", "random_normal", "ones")
BATCH = {256: 128, 1000: 64}


# The course's width (1000) stays in the default run: the statement names it, and it costs ≈ 6 s.
@pytest.mark.parametrize("width", [256, 1000])
def test_signal_and_gradient_through_depth(tf, width, test_seed, evidence):
    alpha = stats.ALPHA
    seed = derive_seed(test_seed, "stack")
    profiles = {name: tanh_profile(tf, width, DEPTH, name, seed, BATCH[width],
                                   backward_variance=name == "glorot_uniform") for name in INITIALIZERS}
    glorot, normal, ones = (profiles[name] for name in INITIALIZERS)
    ref = gain_one_reference(glorot, alpha)
    evidence.note(f"semilla {seed}; {DEPTH} × Dense({width}) + tanh; lote de {BATCH[width]} × N(0, 1); "
                  f"ℓ = Σ a_{DEPTH}·u, u ~ N(0, 1)")
    _plot(evidence, width, profiles, ref)

    for p in (glorot, normal):
        intervals = [gamma_interval(p.gain_mean, v, alpha / DEPTH) for v in p.gain_rel_var]
        check_all_layers(
            evidence, f"{p.initializer}: ganancia hacia delante q_l/mean(a_(l−1)²) = n·Var(w) por capa",
            p.gain, [i[0] for i in intervals], [i[1] for i in intervals], [p.gain_mean] * DEPTH,
            why=f"varianza condicional exacta de la forma cuadrática, intervalo gamma, α/{DEPTH} por capa")

    last = DEPTH - 1
    evidence.check(f"glorot_uniform: q_{DEPTH} sigue la recursión de ganancia 1",
                   ref.q_lo[-1] <= glorot.q[-1] <= ref.q_hi[-1],
                   expected=ref.q[-1], measured=glorot.q[-1], tolerance=[ref.q_lo[-1], ref.q_hi[-1]],
                   why="q_{l+1} = E[tanh²(√q_l z)] desde el mean(x²) medido; ± z·√(Σ v_l) sobre ln q")
    evidence.check(f"glorot_uniform: sin colapso, mean|a_{DEPTH}| ≥ suelo",
                   glorot.mean_abs[last] >= ref.mean_abs_floor,
                   expected=f"≥ {ref.mean_abs_floor:.4g}", measured=glorot.mean_abs[last],
                   tolerance=ref.mean_abs_floor, why="E|tanh(√q z)| en la q inferior de la banda")
    check_all_layers(evidence, "glorot_uniform: sin saturación, fracción |a_l| > 0.99 ≤ techo",
                     glorot.saturated, np.zeros(DEPTH), ref.saturated_ceiling, ref.saturated_ceiling,
                     why=(f"cota de Chernoff sobre {width} unidades independientes de 2Φ(−atanh(0.99)/√q_hi), "
                          f"α/{DEPTH}"))
    evidence.check("glorot_uniform: gradiente que llega a la capa 1, ρ = ‖δ_1‖²/‖u‖²",
                   ref.grad_lo <= glorot.grad_ratio <= ref.grad_hi, expected=ref.grad_ratio,
                   measured=glorot.grad_ratio, tolerance=[ref.grad_lo, ref.grad_hi],
                   why=("ρ* = Π E[tanh'²(√q*_l z)]; formas cuadráticas hacia atrás + elasticidad de tanh' × sd "
                        "hacia delante"))

    gain = normal.gain_mean
    if gain < 1:
        evidence.check(f"random_normal (ganancia {gain:.3g} < 1): colapso, mean|a_{DEPTH}| < suelo",
                       normal.mean_abs[last] < ref.mean_abs_floor, expected=f"< {ref.mean_abs_floor:.4g}",
                       measured=normal.mean_abs[last], tolerance=ref.mean_abs_floor,
                       why="ganancia < 1: q_l ≤ ganancia^(l−1)·q_1 (tanh² ≤ y²), decaimiento exponencial")
        evidence.check(f"random_normal (ganancia {gain:.3g} < 1): gradiente que se desvanece, "
                       "ρ bajo la banda de ganancia 1",
                       normal.grad_ratio < ref.grad_lo, expected=f"< {ref.grad_lo:.4g}",
                       measured=normal.grad_ratio, tolerance=ref.grad_lo, why="ganancia hacia atrás < 1 por capa")
    else:
        evidence.check(f"random_normal (ganancia {gain:.3g} > 1): sin colapso, mean|a_{DEPTH}| ≥ suelo",
                       normal.mean_abs[last] >= ref.mean_abs_floor, expected=f"≥ {ref.mean_abs_floor:.4g}",
                       measured=normal.mean_abs[last], tolerance=ref.mean_abs_floor,
                       why="ganancia > 1: q → el punto fijo de q = ganancia·E[tanh²(√q z)] > 0")
        bar = max(1.0, ref.grad_hi)
        evidence.check(f"random_normal (ganancia {gain:.3g} > 1): el gradiente crece, "
                       "ρ > 1 y sobre la banda de ganancia 1",

                       normal.grad_ratio > bar, expected=f"> {bar:.4g}",
                       measured=normal.grad_ratio, tolerance=bar,
                       why="ganancia hacia atrás ganancia·E[tanh'²(√q* z)] > 1 en el punto fijo (fase caótica)")
    evidence.check("ones: saturada en todas las capas, fracción |a_l| > 0.99 sobre techo_l",
                   bool(np.all(ones.saturated > ref.saturated_ceiling)),
                   expected="> techo", measured=[float(f"{v:.4g}") for v in ones.saturated],
                   tolerance=[float(f"{v:.3g}") for v in ref.saturated_ceiling[:3]],
                   why="todos los pesos valen 1: y_j = Σ_i a_i, igual para todas las unidades, |y| ≫ atanh(0.99)")
    evidence.check("ones: gradiente que se desvanece, ρ bajo la banda de ganancia 1", ones.grad_ratio < ref.grad_lo,
                   expected=f"< {ref.grad_lo:.4g}", measured=ones.grad_ratio, tolerance=ref.grad_lo,
                   why="tanh'(y) = 1 − tanh²(y) se redondea a 0 en float32 para |y| > 9")



def _plot(evidence, width, profiles, ref):
    fig = new_figure(9.0, 3.0)
    layers = np.arange(1, DEPTH + 1)
    axes = fig.subplots(1, 3)
    colors = {"glorot_uniform": "C0", "random_normal": "C1", "ones": "C3"}
    ref_abs = [gauss_mean(lambda y: np.abs(np.tanh(y)), q) for q in ref.q]
    ref_grad = [math.sqrt(np.prod([gauss_mean(tanh_prime_sq, q) for q in ref.q[k:]])) for k in range(DEPTH)]
    for name, p in profiles.items():
        axes[0].semilogy(layers, np.maximum(p.mean_abs, 1e-12), "o-", ms=3, color=colors[name], label=name)
        axes[1].plot(layers, p.saturated, "o-", ms=3, color=colors[name], label=name)
        zero = not np.any(p.grad_rms > 0)
        axes[2].semilogy(layers, np.maximum(p.grad_rms, 1e-12), "o-", ms=3, color=colors[name],
                         label=f"{name}: 0 exacto (en 1e-12)" if zero else name)
    axes[0].semilogy(layers, ref_abs, "k--", lw=1, label="ganancia 1 (teoría)")
    axes[1].plot(layers, ref.saturated_ceiling, "k--", lw=1, label="techo ganancia 1")
    axes[2].semilogy(layers, ref_grad, "k--", lw=1, label="ganancia 1 (teoría)")
    for ax, title in zip(axes, ("media |a_l|", "fracción saturada |a_l| > 0.99", "rms ∂ℓ/∂y_l")):
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("capa l", fontsize=8)
    axes[0].legend(fontsize=6)
    axes[2].legend(fontsize=6)
    fig.suptitle(f"tanh, {DEPTH} capas Dense({width})", fontsize=9)
    evidence.plot(fig, f"tanh con {width} unidades: señal, saturación y gradiente por capa")
