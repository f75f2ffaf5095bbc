"""mish.similar_to_swish — «Tipos de funciones de activación en capas ocultas / Mish».

Course: «Se usa cuando ReLU pero aunque es un poco más lenta es mejor. Es muy similar a Swish».

Definition (fixed before measuring). The course offers both as replacements of ReLU, so ReLU
is the yardstick: two functions are «muy similares» when the distance between them is at most
HALF the distance that separates each of them from ReLU,
    d(f, g) = sup_x |f(x) − g(x)|
    ratio = d(mish, swish) / min(d(mish, relu), d(swish, relu))      «muy similar» ⇔ ratio ≤ ½
(«similar» alone would be ratio < 1: Mish nearer to Swish than either is to ReLU; it is
recorded too). Measured over the real line and over the course's x ∈ [−5, 5]
(np.linspace(-5, 5, 500), the range of its ReLU section). Over ℝ the sup is taken on a
float32 grid x ∈ [−30, 30] (step ≈ 1e-3): outside it every difference is below 30·e⁻³⁰
(mish, swish → x for x → +∞, → 0 for x → −∞), so the grid's sup is the real line's.

Values are Keras's: tf.keras.activations.mish and .swish (float32) at the grid; the float64
references (fixtures/reference_activations) give the same ratios to 1e-6 (recorded), and the
distances carry the float32 evaluation error, ≤ 8ε·(|mish| + |swish|) + u·|x| — negligible
against the 0.5 bound (the check allows it as tolerance).
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import COURSE_X, SEC_MISH, to_numpy
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim
from fixtures.core.plots import new_figure

CLAIM = Claim(
    id="mish.similar_to_swish",
    section=SEC_MISH,
    statement="Mish es muy similar a Swish.",
    formula=("muy similar ⇔ sup|mish − swish| ≤ ½·min(sup|mish − relu|, sup|swish − relu|)  "
             "(en ℝ y en x ∈ [−5, 5])"),
    anchor="Es muy similar a Swish",
    implied=("El curso dice «Es muy similar a Swish» sin medida; la distancia (el máximo de la diferencia), "
             "el patrón de comparación (la distancia de cada una a ReLU) y el umbral ½ los pone la especificación."),
)
BOUND = 0.5
WORKS_INSTEAD = "lambda x: x * tf.math.tanh(tf.math.softplus(x))"
REAL_LINE = np.linspace(-30, 30, 60001)


def _keras(tf, x):
    x32 = x.astype(np.float32)
    with course_call("tf.keras.activations.mish(x)", works_instead=WORKS_INSTEAD):
        mish = to_numpy(tf.keras.activations.mish(tf.constant(x32))).astype(np.float64)
    with course_call("tf.keras.activations.swish(x)"):
        swish = to_numpy(tf.keras.activations.swish(tf.constant(x32))).astype(np.float64)
    relu = np.maximum(x32.astype(np.float64), 0.0)
    return x32.astype(np.float64), mish, swish, relu


def _distances(x, mish, swish, relu):
    out = {}
    for name, (a, b) in {"mish–swish": (mish, swish), "mish–relu": (mish, relu), "swish–relu": (swish, relu)}.items():
        d = np.abs(a - b)
        i = int(np.argmax(d))
        out[name] = (float(d[i]), float(x[i]))
    return out


def test_very_similar(tf, evidence):
    measured = []
    for where, grid in (("en ℝ", REAL_LINE), ("en x ∈ [−5, 5] del curso", COURSE_X)):
        x, mish, swish, relu = _keras(tf, grid)
        d = _distances(x, mish, swish, relu)
        ratio = d["mish–swish"][0] / min(d["mish–relu"][0], d["swish–relu"][0])
        d_ref = _distances(x, ref.mish(x), ref.swish(x), np.maximum(x, 0))
        ratio_ref = d_ref["mish–swish"][0] / min(d_ref["mish–relu"][0], d_ref["swish–relu"][0])
        eps = float(np.finfo(np.float32).eps)
        rounding = float(np.max(8 * eps * (np.abs(mish) + np.abs(swish)) + eps / 2 * np.abs(x)))
        slack = rounding / min(d["mish–relu"][0], d["swish–relu"][0]) * (1 + ratio)
        for name, (value, at) in d.items():
            evidence.record(f"{where}: sup |{name.replace('–', ' − ')}|", expected=None, measured=value,
                            why=f"máximo en x = {at:.4g} (valores de Keras, float32)")
        evidence.record(f"{where}: «similar» (cociente < 1: Mish más cerca de Swish que de ReLU)",
                        expected="< 1", measured=ratio, ok=bool(ratio < 1), why="contexto, no el criterio")
        evidence.record(f"{where}: el mismo cociente con las referencias float64", expected=ratio_ref,
                        measured=ratio, tolerance=slack, ok=bool(abs(ratio - ratio_ref) <= slack),
                        why="Keras y las fórmulas del curso dan la misma medida")
        if where == "en ℝ":
            _plot(evidence, x, mish, swish, relu, d, ratio)
        measured.append((where, ratio, slack, d))
    for where, ratio, slack, d in measured:
        evidence.check(f"{where}: «muy similar», sup|mish − swish| ≤ ½·min(distancias a ReLU)", ratio <= BOUND + slack,
                       expected=f"≤ {BOUND}", measured=ratio, tolerance=slack,
                       why=("cociente = sup|mish − swish| / min(sup|mish − relu|, sup|swish − relu|); «muy»: a lo "
                            "sumo la mitad de lo que separa a cada una de ReLU (umbral fijado antes de medir); "
                            "tolerancia: el error de redondeo float32 de las distancias"),
                       **{f"sup_{k.replace('–', '_minus_')}": v[0] for k, v in d.items()})


def _plot(evidence, x, mish, swish, relu, d, ratio):
    fig = new_figure(8.0, 2.9)
    left, right = fig.subplots(1, 2)
    view = np.abs(x) <= 5
    left.plot(x[view], relu[view], color="gray", lw=1, ls=":", label="ReLU")
    left.plot(x[view], swish[view], color="C0", lw=1.5, label="swish (Keras)")
    left.plot(x[view], mish[view], color="C3", lw=1.5, ls="--", label="mish (Keras)")
    left.set_title("Mish y Swish frente a ReLU", fontsize=9)
    left.legend(fontsize=7)
    left.grid(alpha=0.3)
    view = np.abs(x) <= 8
    right.plot(x[view], (mish - swish)[view], color="C3", label=f"mish − swish (máx {d['mish–swish'][0]:.3f})")
    right.plot(x[view], (swish - relu)[view], color="C0", lw=1, label=f"swish − ReLU (máx {d['swish–relu'][0]:.3f})")
    right.plot(x[view], (mish - relu)[view], color="C1", lw=1, label=f"mish − ReLU (máx {d['mish–relu'][0]:.3f})")
    right.axhline(0, color="gray", lw=0.5)
    right.set_title(f"diferencias; cociente {ratio:.2f} (umbral «muy similar» {BOUND})", fontsize=9)
    right.legend(fontsize=7)
    right.grid(alpha=0.3)
    evidence.plot(fig, "Mish frente a Swish: ¿muy similares?")
