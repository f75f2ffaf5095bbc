"""depth.zeros_symmetry — «Inicialización de parámetros»: constant initializers never break symmetry.

Course: the initializer table lists "zeros" and "ones", then «Ahora vamos a ver como se
comportan 4 redes distintas según el número de capas, el inicializador y la función de
activación usada». Why a constant initializer cannot train a layer (LeCun et al. 1998,
Glorot & Bengio 2010): all units of a layer start equal, receive equal gradients, and stay
equal, so a layer of n units computes what one unit computes.

Network (the course's way: Sequential + model.add(Dense(..., kernel_initializer=init))):
8 → Dense(16, sigmoid) → Dense(16, sigmoid) → Dense(1), every kernel from `init`, biases 0;
Adam(0.01), 300 minibatches of 64 from y = sin(2x₀) + x₁x₂ (sigmoid, not tanh/relu: with
zeros, tanh(0) = relu(0) = 0 would freeze every hidden weight at 0; sigmoid(0) = ½ lets
them move, so the symmetry is tested on weights that really trained).
Measured, per hidden layer: the spread of its units, max_j |w_j − w_0| over the kernel's
columns (incoming weights of unit j) and max_j |b_j − b_0|; how far training moved them.
What counts as holding:
  zeros, ones     at initialization the spread is exactly 0 (a constant initializer does no
                  arithmetic); after training the weights moved (by more than the allowance)
                  and the spread is ≤ the float32 allowance T·γ_n·max|W|, γ_n = n·u/(1 − n·u),
                  u = 2⁻²⁴, n = 64 (the longest reduction of a step: the batch), T = 300 steps
                  — what rounding in a different order could separate per step, summed
                  without amplification. (Measured: exactly 0 on both TF versions.)
  glorot_uniform, random_normal   every pair of units differs by more than that allowance.
The equivalent one-unit network (column 0, outgoing weights summed) is evaluated in float64
next to the full one as evidence of "the layer behaves as one unit".
"""
import numpy as np
import pytest

from fixtures.core.calls import course_call
from fixtures.core.claims import Claim
from fixtures.core.plots import new_figure
from fixtures.core.seeds import derive_seed
from fixtures.experiments.depth import (
    ANCHOR,
    UNIT_ROUNDOFF,
    course_sequential,
    minibatch_order,
    synthetic_regression,
    train,
)

CLAIM = Claim(
    id="depth.zeros_symmetry",
    statement=("Con zeros (u ones) todas las unidades ocultas de una capa empiezan iguales, reciben el mismo "
               "gradiente y siguen idénticas tras entrenar: la capa se comporta como una sola unidad. Los "
               "inicializadores aleatorios rompen esa simetría."),
    formula="w_j(0) = w_0(0) ∀j  ⇒  ∂L/∂w_j = ∂L/∂w_0  ⇒  w_j(t) = w_0(t) ∀t",
    anchor=ANCHOR,
    implied=("El curso lista zeros y ones entre los inicializadores y cita a LeCun et al. (1998) y a Glorot y "
             "Bengio (2010), pero no dice qué les pasa al entrenar: la ruptura de simetría es lo que añade la "
             "especificación a partir de esos artículos."),
)

WIDTHS = [8, 16, 16, 1]
STEPS, BATCH, LEARNING_RATE, SAMPLES = 300, 64, 0.01, 512


def _gamma(n: int) -> float:
    return n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF)


def _train(tf, initializer: str, seed: int):
    model = course_sequential(tf, WIDTHS, "sigmoid", initializer, seed)
    initial = [[np.array(v) for v in layer.get_weights()] for layer in model.layers]
    x, y = synthetic_regression(derive_seed(seed, "data"), SAMPLES)
    with course_call("tf.keras.optimizers.Adam(learning_rate=0.01)"):
        optimizer = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)
    losses = train(tf, model, optimizer, x, y, minibatch_order(derive_seed(seed, "order"), SAMPLES, STEPS, BATCH))
    final = [[np.array(v, dtype=np.float64) for v in layer.get_weights()] for layer in model.layers]
    return initial, final, losses, x


def _spread(kernel: np.ndarray) -> float:
    return float(np.max(np.abs(kernel - kernel[:, :1])))


def _allowance(final) -> float:
    biggest = max(float(np.max(np.abs(w))) for layer in final for w in layer)
    return STEPS * _gamma(max(BATCH, *WIDTHS)) * biggest


def _one_unit_gap(final, x: np.ndarray) -> float:
    """max |f(x) − f₁(x)|, f the trained net, f₁ the net with one unit per hidden layer
    (unit 0's incoming weights, the layer's outgoing weights summed over units), both in float64."""
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    (w1, b1), (w2, b2), (w3, b3) = final
    full = sig(sig(x @ w1 + b1) @ w2 + b2) @ w3 + b3
    h1 = sig(x @ w1[:, :1] + b1[:1])
    h2 = sig(h1 @ w2.sum(axis=0, keepdims=True)[:, :1] + b2[:1])
    one = h2 @ w3.sum(axis=0, keepdims=True) + b3
    return float(np.max(np.abs(full - one)))


@pytest.mark.parametrize("initializer", ["zeros", "ones"])
def test_constant_init_keeps_units_identical(tf, initializer, test_seed, evidence):
    initial, final, losses, x = _train(tf, initializer, test_seed)
    tol = _allowance(final)
    evidence.note(f"semilla {test_seed}; {WIDTHS}, sigmoid, Adam({LEARNING_RATE}), {STEPS} pasos × {BATCH}")
    _plot(evidence, initializer, final, losses)
    for index in (0, 1):
        name = f"capa oculta {index + 1}"
        (k0, b0), (k1, b1) = initial[index], final[index]
        evidence.check(f"{name}: unidades idénticas al inicializar (max_j |w_j − w_0|)",
                       _spread(k0) == 0 and float(np.max(np.abs(b0 - b0[0]))) == 0,
                       expected=0.0, measured=[_spread(k0), float(np.max(np.abs(b0 - b0[0])))], tolerance=0.0,
                       why="un inicializador constante escribe el mismo valor, sin aritmética: exacto")
        moved = float(np.max(np.abs(k1 - k0)))
        evidence.check(f"{name}: el entrenamiento movió los pesos", moved > tol, expected=f"> {tol:.3g}",
                       measured=moved, tolerance=tol, why="si no, la simetría se mantendría trivialmente")
        spread_w, spread_b = _spread(k1), float(np.max(np.abs(b1 - b1[0])))
        evidence.check(f"{name}: unidades idénticas tras entrenar (columnas del kernel, sesgos)",
                       spread_w <= tol and spread_b <= tol, expected=0.0, measured=[spread_w, spread_b],
                       tolerance=tol, why=f"margen de redondeo de float32 T·γ_n·max|W|, T = {STEPS}, n = {BATCH}",
                       max_abs_weight=float(np.max(np.abs(k1))))
    gap = _one_unit_gap(final, x.astype(np.float64))
    evidence.record("la red entrenada es igual a su versión de una unidad por capa (float64)", expected=0.0,
                    measured=gap, tolerance=None, why="w_j = w_0 ⇒ Σ_j a_j·v_j = a_0·Σ_j v_j",
                    final_training_loss=float(np.mean(losses[-30:])))


@pytest.mark.parametrize("initializer", ["glorot_uniform", "random_normal"])
def test_random_init_breaks_symmetry(tf, initializer, test_seed, evidence):
    initial, final, losses, x = _train(tf, initializer, test_seed)
    tol = _allowance(final)
    evidence.note(f"semilla {test_seed}; {WIDTHS}, sigmoid, Adam({LEARNING_RATE}), {STEPS} pasos × {BATCH}")
    _plot(evidence, initializer, final, losses)
    for index in (0, 1):
        kernel = final[index][0]
        distance = np.sqrt(((kernel[:, :, None] - kernel[:, None, :]) ** 2).sum(axis=0))
        closest = float(np.min(distance[~np.eye(kernel.shape[1], dtype=bool)]))
        evidence.check(f"capa oculta {index + 1}: todo par de unidades difiere (min_jk ‖w_j − w_k‖)",
                       closest > tol, expected=f"> {tol:.3g}", measured=closest, tolerance=tol,
                       why="el mismo margen de redondeo de float32 dentro del que quedan las unidades idénticas")
    evidence.record("la versión de una unidad por capa difiere (float64)", expected="> 0",
                    measured=_one_unit_gap(final, x.astype(np.float64)), tolerance=None,
                    why="unidades distintas: la capa no es una sola unidad",

                    final_training_loss=float(np.mean(losses[-30:])))


def _plot(evidence, initializer, final, losses):
    fig = new_figure(7.0, 2.6)
    ax_k, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1]})
    kernel = final[0][0]
    image = ax_k.imshow(kernel, aspect="auto", cmap="coolwarm")
    fig.colorbar(image, ax=ax_k)
    ax_k.set_xlabel("unidad j de la capa oculta 1", fontsize=8)
    ax_k.set_ylabel("entrada i", fontsize=8)
    ax_k.set_title(f"{initializer}: pesos W[i, j] tras entrenar", fontsize=9)
    window = 20
    smooth = np.convolve(losses, np.ones(window) / window, mode="valid")
    ax_l.plot(np.arange(window, len(losses) + 1), smooth)
    ax_l.set_xlabel("paso", fontsize=8)
    ax_l.set_title("pérdida (MSE, media móvil)", fontsize=9)
    evidence.plot(fig, f"{initializer}: pesos de la capa oculta 1 tras entrenar (columnas iguales = "
                       f"unidades idénticas) y pérdida")
