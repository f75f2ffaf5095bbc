"""gelu.transformers_form — «Tipos de funciones de activación en capas ocultas / GELU».

Course: «GELU: Se usa con Transformers. La usa Google con BERT y OpenAI en GPT-2 y GPT-3.», next
to the integral formula GELU(x) = 0.5·x·(1 + erf(x/√2)). The published code does not all use
that formula. Read in the repositories' git history (recorded below as data; no network at
test time):

  google-research/bert  modeling.py  fe354751 (2018-10-31, "Initial BERT release")
      cdf = 0.5 * (1.0 + tf.erf(input_tensor / tf.sqrt(2.0)))                 → exact (erf) form
  google-research/bert  modeling.py  bee6030e (2019-02-07, "Adding TF Hub support")
      cdf = 0.5 * (1.0 + tf.tanh((np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3)))))
                                                                               → tanh approximation,
      unchanged up to the last commit eedf5716 (2020-03-11)
  openai/gpt-2          src/model.py c2dae27c (2019-02-10, "First commit"; unchanged at 9b63575e,
      2024-01-26)  return 0.5*x*(1+tf.tanh(np.sqrt(2/np.pi)*(x+0.044715*tf.pow(x, 3))))
                                                                               → tanh approximation
  GPT-3                 no code published; the paper (Brown et al. 2020, §2.1) says it uses «the
                        same model and architecture as GPT-2»: not verifiable in code.

So a student who wants BERT's or GPT-2's activation in Keras needs
tf.keras.activations.gelu(x, approximate=True), the tanh formula
    gelu_tanh(x) = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
and the course's integral is approximate=False (the default; BERT's first release).
Checks (float32 tolerance 8ε·(|f| + |x|/2), ε = 2^-23, as gelu.integral; x ∈ [−6, 6], 241 points):
  approximate=True   equals gelu_tanh, and is measurably NOT the erf form (its distance to the
                     erf form is the formulas' own gap, within the tolerance);
  approximate=False  equals the erf form (the course's integral, BERT's first release);
  the gap            sup |gelu_tanh − gelu_erf| over ℝ (float64, grid of step 1e-3 on [−10, 10]:
                     beyond it both forms equal x or 0 to < 1e-20), shown in a plot.
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_GELU, check_values, to_numpy
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim
from fixtures.core.plots import new_figure

CLAIM = Claim(
    id="gelu.transformers_form",
    section=SEC_GELU,
    statement="La usa Google con BERT y OpenAI en GPT-2 y GPT-3.",
    formula=("BERT (1.ª versión): 0.5·x·(1 + erf(x/√2));  BERT (desde 2019-02) y GPT-2: "
             "0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) = tf.keras.activations.gelu(x, approximate=True)"),
    anchor="La usa Google con BERT y OpenAI en GPT-2 y GPT-3",
    implied=("El curso solo dice que BERT, GPT-2 y GPT-3 usan GELU. La especificación añade qué forma usa cada "
             "código publicado (BERT: la exacta con erf en su primera versión y la aproximación tanh después; "
             "GPT-2: la aproximación tanh), que en Keras esa aproximación es gelu(x, approximate=True), y que "
             "GPT-3 no se puede comprobar: su código no está publicado."),
)

# What the published repositories write (read with git on the repositories' history).
PUBLISHED = (
    {"model": "BERT (primera versión)", "repository": "google-research/bert", "path": "modeling.py",
     "commit": "fe354751d7de010f60d362ae8d9343849ec39456", "date": "2018-10-31", "line": 277, "form": "erf",
     "code": "cdf = 0.5 * (1.0 + tf.erf(input_tensor / tf.sqrt(2.0)))"},
    {"model": "BERT (desde «Adding TF Hub support»)", "repository": "google-research/bert", "path": "modeling.py",
     "commit": "bee6030e31e42a9394ac567da170a89a98d2062f", "date": "2019-02-07", "line": 275, "form": "tanh",
     "code": "cdf = 0.5 * (1.0 + tf.tanh((np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3)))))",
     "still_at": "eedf5716ce1268e56f0a50264a88cafad334ac61 (2020-03-11, último commit)"},
    {"model": "GPT-2", "repository": "openai/gpt-2", "path": "src/model.py",
     "commit": "c2dae27c1029770cea40978813f17a5fd545b883", "date": "2019-02-10", "line": 26, "form": "tanh",
     "code": "return 0.5*x*(1+tf.tanh(np.sqrt(2/np.pi)*(x+0.044715*tf.pow(x, 3))))",
     "still_at": "9b63575ef42771a015060c964af2c3da4cf7c8ab (2024-01-26, último commit)"},
)
NOT_PUBLISHED = {"model": "GPT-3", "source": "Brown et al. 2020, «Language Models are Few-Shot Learners», §2.1",
                 "says": "«usamos el mismo modelo y la misma arquitectura que GPT-2» (traducido del artículo); no hay código publicado"}
GRID = np.linspace(-6, 6, 241)
REAL_LINE = np.linspace(-10, 10, 20001)


def _gelu(tf, x, approximate):
    with course_call(f"tf.keras.activations.gelu(x, approximate={approximate})"):
        return to_numpy(tf.keras.activations.gelu(tf.constant(x), approximate=approximate)).astype(np.float64)


def test_published_forms(evidence):
    """What each repository writes, as recorded data: shown to the student, not measured."""
    for source in PUBLISHED:
        evidence.record(f"{source['model']}: {source['repository']}/{source['path']} @ {source['commit'][:8]}",
                        expected=None, measured=f"forma {source['form']}: {source['code']}",
                        why=f"commit {source['commit']} ({source['date']}), línea {source['line']}"
                            + (f"; igual en {source['still_at']}" if "still_at" in source else ""))
    evidence.record(f"{NOT_PUBLISHED['model']}: sin código publicado", expected=None,
                    measured=NOT_PUBLISHED["says"], why=NOT_PUBLISHED["source"])


def test_keras_approximate_is_the_published_tanh(tf, evidence):
    x = GRID.astype(np.float32)
    tanh_form, erf_form = ref.gelu_tanh(x), ref.gelu_erf(x)
    tol = ref.tolerance("gelu", x, np.float32)
    y = _gelu(tf, x, True)
    _plot(evidence, x, y, _gelu(tf, x, False))
    check_values(evidence, "gelu(x, approximate=True) = aproximación tanh de BERT/GPT-2", x, y, tanh_form, tol,
                 why="8 ulps de (|f| + |x|/2) en float32, como gelu.integral",
                 formula="0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))")
    gap = float(np.max(np.abs(tanh_form - erf_form)))
    seen = float(np.max(np.abs(y - erf_form)))
    evidence.check("gelu(x, approximate=True) no es la forma exacta: su distancia a erf es el hueco de las fórmulas",
                   abs(seen - gap) <= float(tol.max()), expected=gap, measured=seen, tolerance=float(tol.max()),
                   why="si approximate=True devolviera la forma erf, esta distancia sería ≈ 0")


def test_keras_default_is_the_erf_form(tf, evidence):
    x = GRID.astype(np.float32)
    y = _gelu(tf, x, False)
    check_values(evidence, "gelu(x, approximate=False) = forma erf (la integral del curso, BERT 1.ª versión)", x, y,
                 ref.gelu_erf(x), ref.tolerance("gelu", x, np.float32),
                 why="8 ulps de (|f| + |x|/2) en float32", formula="0.5·x·(1 + erf(x/√2))")


def test_gap_between_the_forms(tf, evidence):
    """sup |tanh form − erf form| on ℝ (float64 formulas) and as Keras computes it (float32)."""
    diff = ref.gelu_tanh(REAL_LINE) - ref.gelu_erf(REAL_LINE)
    i = int(np.argmax(np.abs(diff)))
    x32 = REAL_LINE.astype(np.float32)
    keras_diff = _gelu(tf, x32, True) - _gelu(tf, x32, False)
    tol = float(np.max(2 * ref.tolerance("gelu", x32, np.float32)))
    seen = float(np.max(np.abs(keras_diff)))
    evidence.record("sup |aprox. tanh − erf| en ℝ (fórmulas en float64)", expected=None, measured=float(abs(diff[i])),
                    why=f"en x = {REAL_LINE[i]:.3f}; fuera de [−10, 10] ambas formas son x o 0 a < 1e-20")
    evidence.check("el hueco medido con Keras (approximate=True − approximate=False) es el de las fórmulas",
                   abs(seen - abs(diff[i])) <= tol, expected=float(abs(diff[i])), measured=seen, tolerance=tol,
                   why="dos evaluaciones float32, 8 ulps de (|f| + |x|/2) cada una")


def _plot(evidence, x, tanh_keras, erf_keras):
    fig = new_figure(8.0, 2.9)
    left, right = fig.subplots(1, 2)
    left.plot(x, erf_keras, color="C1", lw=2.5, alpha=0.6, label="approximate=False (erf; BERT 2018)")
    left.plot(x, tanh_keras, color="C0", lw=1, ls="--", label="approximate=True (tanh; BERT 2019, GPT-2)")
    left.set_title("GELU en Keras: las dos formas", fontsize=9)
    left.legend(fontsize=7)
    left.grid(alpha=0.3)
    right.plot(x, tanh_keras - erf_keras, color="C3", label="Keras: tanh − erf")
    right.plot(x, ref.gelu_tanh(x) - ref.gelu_erf(x), color="k", lw=0.8, ls=":", label="fórmulas (float64)")
    right.set_title("diferencia entre las dos formas", fontsize=9)
    right.legend(fontsize=7)
    right.grid(alpha=0.3)
    evidence.plot(fig, "GELU exacta (erf) frente a la aproximación tanh de BERT y GPT-2")
