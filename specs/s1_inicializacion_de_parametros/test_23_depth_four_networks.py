"""depth.four_networks — «Inicialización de parámetros»: the course's "4 redes distintas".

Course: «Ahora vamos a ver como se comportan 4 redes distintas según el número de capas, el
inicializador y la función de activación usada». The page keeps no figure or code of that
experiment; this module is the spec's reconstruction, with the expectation each network gets
from the papers the course cites:

  network            hidden  initializer     activation  expected  why
  shallow_he_relu        3   he_normal       relu        learns    control: a shallow net trains with any sane init
  deep_he_relu          30   he_normal       relu        learns    He et al. 2015 (fig. 3): Var(w) = 2/n keeps the
                                                                   ReLU signal, a 30-layer net trains
  deep_glorot_relu      30   glorot_normal   relu        stalls    He et al. 2015 (fig. 3): with Xavier/Glorot the
                                                                   30-layer ReLU net does not train — each layer
                                                                   halves the variance (2⁻³⁰ at the output)
  deep_glorot_tanh      30   glorot_normal   tanh        learns    Glorot & Bengio 2010: n·Var(w) = 1 is their
                                                                   condition for tanh (LeCun et al. 1998 the same
                                                                   idea for the fan-in)
Depth varies (shallow vs deep He+ReLU), the initializer varies (deep He vs deep Glorot, ReLU),
the activation varies (deep Glorot with ReLU vs tanh): each contrast changes one thing.

Experiment (fixtures/experiments/depth_training.py): width 32, Dense(1) linear output; 2048 training points
of y = sin(2x₀) + x₁x₂, x ~ N(0, I₈); plain SGD(η = 0.005) on MSE, 1000 minibatches of 32 (plain
SGD as in the papers: an adaptive optimizer rescales each step and hides the initialization's
scale). Each network is trained from K initialisations (the course's Dense(kernel_initializer=…)
draws, checked bit-identical to its Sequential), copy k of every network with the same
minibatch order k.

Rule (stated before measuring; fixtures/experiments/depth_training.py):
  copy       learned ⇔ test MSE on 8192 fresh points < MSE₀ − z₁₋α·sd(e)/√N, MSE₀ = Var(y) =
             (1 − e⁻⁸)/2 + 1 exact (predicting the mean), one-sided α = 1e-6 per copy;
             a non-finite loss or prediction = diverged (counts for neither side).
  network    aprende ⇔ more than half of the K copies learned; no aprende ⇔ more than half
             stalled and at most one learned; else sin decidir.
  claim      holds ⇔ all four as expected; refuted ⇔ some network decided against its
             expectation; otherwise inconclusive (e.g. too many diverged copies).
Why K copies: one deep He+ReLU net fails to learn (or diverges) on ≈ 3 % of initialisations;
the claim is about the configurations, not one draw. False alarms measured on correct Keras
(TF 2.21) over base seeds 1–220 with the reduced budget: see docs/depth.md.

Budgets: reduced (default run) K = 5; full (`slow`, `--run-slow`) K = 20.
"""
import math

import numpy as np
import pytest

from fixtures.core import stats
from fixtures.core.claims import Claim, Inconclusive
from fixtures.core.plots import new_figure
from fixtures.experiments.depth import ANCHOR, SYNTHETIC_VARIANCE
from fixtures.experiments.depth_training import (
    FULL,
    NETWORKS,
    REDUCED,
    UNDECIDED,
    UNDECIDED_ES,
    copy_seeds,
    forward,
    run_experiment,
    sequential_twin,
    stacked_weights,
    widths_of,
)

CLAIM = Claim(
    id="depth.four_networks",
    statement=("Reconstrucción del experimento de las «4 redes distintas» (la página no conserva su figura): "
               "entrenadas con los mismos datos y el mismo presupuesto de SGD, una red de 3 capas ocultas con "
               "he_normal y ReLU, una de 30 capas con he_normal y ReLU y una de 30 capas con glorot_normal y tanh "
               "aprenden, mientras que la de 30 capas con glorot_normal y ReLU no aprende (He et al. 2015, fig. 3; "
               "Glorot y Bengio 2010; LeCun et al. 1998)."),
    formula=("aprende ⇔ MSE_test < Var(y) − z_(1−α)·sd(e)/√N en más de la mitad de las K copias;  "
             "no aprende ⇔ más de la mitad se queda en Var(y) y a lo sumo una aprende"),
    anchor=ANCHOR,
    implied=("El curso anuncia cuatro redes que difieren en el número de capas, el inicializador y la función "
             "de activación, pero no dice cuáles son ni qué les pasa; las cuatro redes, los datos, el "
             "presupuesto y lo que se espera de cada una son la reconstrucción de la especificación a partir "
             "de los artículos que el curso cita."),
)


@pytest.mark.expensive   # 13 s on one core: handed out first (fixtures/plugins/process.py)
@pytest.mark.parametrize("budget", ["reduced", pytest.param("full", marks=pytest.mark.slow)])
def test_four_networks(tf, test_seed, evidence, budget):
    plan = REDUCED if budget == "reduced" else FULL
    alpha = stats.ALPHA
    _check_copies_are_the_course_model(tf, evidence, plan, test_seed)
    trained, outcomes, decisions, verdict = run_experiment(tf, plan, test_seed, alpha)
    evidence.note(f"semilla {test_seed}; K = {plan.copies} copias por red; {plan.steps} pasos de SGD "
                  f"({plan.learning_rate}) con lotes de {plan.batch}; anchura {plan.width}; "
                  f"{plan.train_size} puntos de entrenamiento, {plan.test_size} de prueba")
    _plot(evidence, trained)
    z = stats.z_two_sided(2 * alpha)  # one-sided z at α
    for key, net in NETWORKS.items():
        t = trained[key]
        margin = [z * float(sd) / math.sqrt(plan.test_size) if np.isfinite(sd) else None for sd in t.test_sd]
        evidence.record(f"{net.label}: R² de cada copia en datos nuevos", expected=None,
                        measured=[round(1 - float(m) / SYNTHETIC_VARIANCE, 4) if np.isfinite(m) else "divergió"
                                  for m in t.test_mse],
                        tolerance=[round(m / SYNTHETIC_VARIANCE, 4) if m is not None else None for m in margin],
                        why="R² = 1 − MSE/Var(y); aprendió si R² supera la tolerancia (z unilateral, "
                            f"α = {alpha:g} por copia)",
                        copies=outcomes[key], seeds=t.seeds)
    expected = {k: ("aprende" if n.learns else "no aprende") for k, n in NETWORKS.items()}
    if verdict == UNDECIDED_ES:
        raise Inconclusive(f"sin decidir: {decisions} (se esperaba {expected}); copias: {outcomes}")
    for key, net in NETWORKS.items():
        evidence.check(f"{net.label}: {expected[key]}", decisions[key] in (expected[key], UNDECIDED),
                       expected=expected[key], measured=f"{decisions[key]} ({_count(outcomes[key])})",
                       tolerance=f"mayoría de {plan.copies} copias",
                       why="aprende: más de la mitad de las copias aprendió; no aprende: más de la mitad se quedó "
                           "en Var(y) y a lo sumo una aprendió; una copia que diverge no cuenta")


def _count(outcomes):
    return ", ".join(f"{outcomes.count(o)} {o}" for o in dict.fromkeys(outcomes))


def _check_copies_are_the_course_model(tf, evidence, plan, test_seed):
    """Copy 0 of each network against the course's Sequential built after the same seed: the stacked
    forward pass, run on that model's own weights, gives the model's outputs (the training computes
    what Dense computes); and, as context, the stacked draw equals the model's weights bit for bit."""
    x = np.random.default_rng(test_seed).standard_normal((64, plan.inputs)).astype("float32")
    worst, identical = 0.0, True
    for net in NETWORKS.values():
        seed = copy_seeds(test_seed, net, 1)[0]
        stacked = stacked_weights(tf, net, widths_of(net, plan), [seed])
        model = sequential_twin(tf, net, plan, seed)
        weights = [layer.get_weights() for layer in model.layers]
        identical &= all(np.array_equal(k, w[0]) for (k, _), (w, _) in zip(weights, stacked))
        params = [(k[None], b[None, None]) for k, b in weights]
        ours = np.asarray(forward(tf, tf.keras.activations.get(net.activation), params, x[None]))[0]
        theirs = np.asarray(model(x))
        scale = float(np.sqrt(np.mean(theirs.astype(np.float64) ** 2))) or 1.0
        worst = max(worst, float(np.abs(ours - theirs).max()) / scale)
    evidence.record("contexto: los pesos de cada copia son los que dibuja el Sequential del curso con la misma "
                    "semilla", expected=True, measured=identical, why="mismo inicializador, mismo orden de extracción")
    evidence.check("el entrenamiento en bloque calcula lo que calcula el Sequential del curso", worst <= 1e-4,
                   expected="misma salida", measured=f"max |Δ salida|/rms = {worst:.2g}", tolerance=1e-4,
                   why="la pasada en bloque con los pesos del modelo frente a model(x); el redondeo float32 de "
                       "31 productos de matrices en otro orden queda muy por debajo de 1e-4")


def _plot(evidence, trained):
    fig = new_figure(6.4, 3.6)
    ax = fig.add_subplot()
    window = 50
    styles = {"shallow_he_relu": ("C0", ":"), "deep_he_relu": ("C0", "-"),
              "deep_glorot_relu": ("C1", "-"), "deep_glorot_tanh": ("C2", "-")}
    for key, t in trained.items():
        color, style = styles[key]
        ok = t.finite()
        if not ok.any():
            continue
        smooth = np.array([np.convolve(c, np.ones(window) / window, mode="valid") for c in t.losses[ok]])
        steps = np.arange(window, t.losses.shape[1] + 1)
        ax.plot(steps, np.median(smooth, axis=0), color=color, ls=style,
                label=f"{NETWORKS[key].label} (mediana de {int(ok.sum())})")
        ax.fill_between(steps, smooth.min(axis=0), smooth.max(axis=0), color=color, alpha=0.12)
    ax.axhline(SYNTHETIC_VARIANCE, color="gray", lw=1, ls="--", label="predecir la media (Var y)")
    ax.set_ylim(0, 2.5)
    ax.set_xlabel("paso de SGD")
    ax.set_ylabel("MSE del lote (media móvil de 50)")
    ax.set_title("Las 4 redes: profundidad, inicializador y activación", fontsize=9)
    ax.legend(fontsize=7)
    evidence.plot(fig, "Curvas de pérdida de las 4 redes (mediana y rango de las copias)")
