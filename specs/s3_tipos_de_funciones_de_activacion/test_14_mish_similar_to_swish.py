"""mish.similar_to_swish — «Tipos de funciones de activación en capas ocultas / Mish».

Course: «Se usa cuando ReLU pero aunque es un poco más lenta es mejor. Es muy similar a Swish».

The course gives no measure and no bound for «muy similar», so the claim has three readings, all
the spec's, all measured with the same distance d(f, g) = sup_x |f(x) − g(x)| over the real line
and over the course's x ∈ [−5, 5] (np.linspace(-5, 5, 500), the range of its ReLU section):
  «muy similar»  ratio = d(mish, swish) / min(d(mish, relu), d(swish, relu)) ≤ ½: the distance
                 between them at most half of what separates each from ReLU (both are offered as
                 replacements of ReLU). The ½ was written after the sup distances had been seen
                 (issue 13; docs/activations.md says so).
  «similar»      ratio < 1: Mish nearer to Swish than either is to ReLU.
  «la más parecida»  (revision of issue 17, written here before it was measured) Swish is the
                 nearest to Mish among the course's other activations — sigmoid, ReLU, Leaky ReLU
                 (α = 0.3, the course's value), GELU (exact, the course's integral) and Swish;
                 PReLU learns its α (with Keras's default initial α = 0 it is ReLU) and is not a
                 fixed function: d(mish, swish) < d(mish, g) for every other g. No number is
                 invented: it is a ranking.
Each reading holds when it holds on both ranges, is refuted when it fails on both, and is
inconclusive otherwise (or within float32 rounding of its boundary). The course defines none of
them, so the claim holds or is refuted only when all three agree; otherwise it is sin decidir
(fixtures.core.claims.headline). Over ℝ the sup is taken on a float32 grid x ∈ [−30, 30] (step
≈ 1e-3): outside it every difference between mish, swish, relu and leaky relu is below 30·e⁻³⁰
(they tend to x or to 0 and 0.3x alike); sigmoid and GELU differ from mish by more than any
difference in the grid's tails (sigmoid → 1 ≠ x; GELU's negative tail → 0 faster), which the
ranking only needs as a lower bound.

Values are Keras's: tf.keras.activations.mish and .swish (float32) at the grid; the float64
references (fixtures/reference_activations) give the same ratios to 1e-6 (recorded), and the
distances carry the float32 evaluation error, ≤ 8ε·(|mish| + |swish|) + u·|x| — negligible
against the 0.5 bound (allowed as tolerance, and likewise around 1 and between two distances).
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import COURSE_X, SEC_MISH, to_numpy
from fixtures.core.calls import course_call
from fixtures.core.claims import HOLDS, INCONCLUSIVE, REFUTED, SPEC, Claim
from fixtures.core.plots import new_figure

CLAIM = Claim(
    id="mish.similar_to_swish",
    section=SEC_MISH,
    statement="Mish es muy similar a Swish.",
    formula=("d(f, g) = sup|f − g| en ℝ y en x ∈ [−5, 5]; cociente = d(mish, swish) / min(d(mish, relu), "
             "d(swish, relu)); «muy similar»: cociente ≤ ½; «similar»: cociente < 1; «la más parecida»: "
             "d(mish, swish) < d(mish, g) para las demás funciones del curso"),
    anchor="Es muy similar a Swish",
    implied=("El curso dice «Es muy similar a Swish» sin medida; la distancia (el máximo de la diferencia), "
             "las tres lecturas (umbral ½, cociente < 1, Swish la más parecida entre las funciones del curso) y "
             "el umbral ½ los pone la especificación; el curso no define ninguna, así que solo hay veredicto "
             "cuando las tres coinciden."),
)
BOUND = 0.5
WORKS_INSTEAD = "lambda x: x * tf.math.tanh(tf.math.softplus(x))"
REAL_LINE = np.linspace(-30, 30, 60001)
OTHERS = ("sigmoid", "relu", "leaky_relu (α = 0,3)", "gelu")   # the course's other fixed activations
READINGS = {
    "muy": "«muy similar»: sup|mish − swish| como mucho la mitad de lo que separa a cada una de ReLU "
           "(cociente ≤ ½; umbral de la especificación, escrito después de ver las distancias)",
    "similar": "«similar»: Mish más cerca de Swish que cualquiera de las dos de ReLU (cociente < 1)",
    "nearest": "«la más parecida»: entre las funciones de activación del curso (sigmoid, ReLU, Leaky ReLU con "
               "α = 0,3, GELU, Swish), Swish es la más cercana a Mish (sin ningún umbral)",
}


def _others(tf, x):
    """The course's other fixed activations at x (float64 values): Keras's sigmoid and gelu (exact),
    relu and the course's Leaky ReLU (α = 0.3) in closed form."""
    x32 = tf.constant(x.astype(np.float32))
    return {"sigmoid": to_numpy(tf.keras.activations.sigmoid(x32)).astype(np.float64),
            "relu": np.maximum(x, 0.0), "leaky_relu (α = 0,3)": np.maximum(0.3 * x, x),
            "gelu": to_numpy(tf.keras.activations.gelu(x32)).astype(np.float64)}


def _over_ranges(verdicts: list[str]) -> str:
    """One reading over ℝ and [−5, 5]: holds / refuted when both say so, else inconclusive."""
    return verdicts[0] if len(set(verdicts)) == 1 else INCONCLUSIVE


def _side(value: float, bound: float, slack: float) -> str:
    """holds below bound − slack, refuted above bound + slack, inconclusive within the rounding."""
    if value < bound - slack:
        return HOLDS
    if value > bound + slack:
        return REFUTED
    return INCONCLUSIVE


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
    per_reading = {key: [] for key in READINGS}
    details = {key: [] for key in READINGS}
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
        evidence.record(f"{where}: el mismo cociente con las referencias float64", expected=ratio_ref,
                        measured=ratio, tolerance=slack, ok=bool(abs(ratio - ratio_ref) <= slack),
                        why="Keras y las fórmulas del curso dan la misma medida")
        very = HOLDS if ratio <= BOUND + slack else REFUTED
        similar = _side(ratio, 1.0, slack)
        evidence.record(f"{where}: «muy similar», cociente ≤ ½", expected=f"≤ {BOUND}", measured=ratio,
                        tolerance=slack, ok=very == HOLDS, why=READINGS["muy"] + "; tolerancia: el redondeo float32")
        evidence.record(f"{where}: «similar», cociente < 1", expected="< 1", measured=ratio, tolerance=slack,
                        ok={HOLDS: True, REFUTED: False}.get(similar), why=READINGS["similar"])
        to_mish = {"swish": d["mish–swish"][0]}
        to_mish.update({g: float(np.max(np.abs(mish - v))) for g, v in _others(tf, x).items()})
        nearest = min(to_mish, key=to_mish.get)
        runner_up = min((g for g in to_mish if g != "swish"), key=to_mish.get)
        gap = to_mish[runner_up] - to_mish["swish"]
        near = HOLDS if gap > rounding else REFUTED if gap < -rounding else INCONCLUSIVE
        evidence.record(f"{where}: «la más parecida», la función del curso más cercana a Mish", expected="swish",
                        measured=nearest, tolerance=rounding, ok={HOLDS: True, REFUTED: False}.get(near),
                        why="sup|mish − g| para cada g: " + ", ".join(f"{g} {v:.4f}" for g, v in to_mish.items()))
        if where == "en ℝ":
            _plot(evidence, x, mish, swish, relu, d, ratio)
        per_reading["muy"].append(very), per_reading["similar"].append(similar), per_reading["nearest"].append(near)
        details["muy"].append(f"{where}: cociente {ratio:.3f}")
        details["similar"].append(f"{where}: cociente {ratio:.3f}")
        details["nearest"].append(f"{where}: la más cercana es {nearest} ({to_mish[nearest]:.4f}; "
                                  f"swish {to_mish['swish']:.4f}, después {runner_up} {to_mish[runner_up]:.4f})")
    for key, text in READINGS.items():
        evidence.reading(text, SPEC, _over_ranges(per_reading[key]), "; ".join(details[key]))
    evidence.decide()


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
