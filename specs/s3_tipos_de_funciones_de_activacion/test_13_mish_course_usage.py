"""mish.course_usage — «Tipos de funciones de activación en capas ocultas / Mish».

Course ("Uso en Keras", under Mish):
    model.add(Dense(3, activation=tf.keras.activations.swish))
    model.add(Dense(3, activation="mish"))
Claim: each of the two lines the course gives for Mish produces Mish. Note the first line
names tf.keras.activations.swish — a copy of the Swish section. Each line is added after a
first Dense(3, input_dim=1) and its outputs are compared with x·tanh(softplus(x)) at the
layer's pre-activation (8ε·|y|). The fix: activation=tf.keras.activations.mish.

Implied: the course writes the two lines as «Uso en Keras» under Mish and never says in words
that the first one produces Mish; the spec reads it that way (the line with the typo is read
as a claim). The claim checks the published lines as written: a page whose first Mish line
is corrected no longer has this passage, so the claim is `stale` there. The corrected page
`python -m fixtures.gate.fix` proposes comes with errata that acknowledge that
(docs/course-gate.md, «The claim whose line the fix changes»).
"""

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import SEC_MISH, check_dense, sequential
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="mish.course_usage",
    section=SEC_MISH,
    statement='Las dos líneas "Uso en Keras" de Mish (activation=tf.keras.activations.swish y '
              'activation="mish") producen Mish.',
    formula="Dense(3, activation=…)(h) = z·tanh(softplus(z))",
    anchor="model.add(Dense(3, activation=tf.keras.activations.swish)) model.add(Dense(3, activation=\"mish\"))",
    implied="El curso da estas dos líneas como «Uso en Keras» bajo «Mish», sin decir con palabras que la primera "
            "produzca Mish; la especificación lee la primera, que escribe tf.keras.activations.swish (una errata "
            "que copia la sección de Swish), como la afirmación de que esa línea usa Mish, y la comprueba tal "
            "como está escrita.",
)
FIX = "model.add(Dense(3, activation=tf.keras.activations.mish))"


def mish_tolerance(z, d):
    return ref.tolerance("mish", z, d)


def test_first_line(tf, evidence, test_seed):
    """The course's first Mish line; if it computes swish instead, the claim is refuted."""
    with course_call("model.add(Dense(3, activation=tf.keras.activations.swish))"):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(3, input_dim=1),
                           lambda: tf.keras.layers.Dense(3, activation=tf.keras.activations.swish))
    evidence.note(f"la primera línea del curso usa tf.keras.activations.swish; para Mish hay que escribir: {FIX}")
    check_dense(tf, evidence, model, "mish", ref.mish, mish_tolerance,
                f"Mish, línea 1: Dense(3, activation=tf.keras.activations.swish) — corrección: {FIX}",
                plot_title="curso, Mish línea 1: activation=tf.keras.activations.swish")


def test_second_line(tf, evidence, test_seed):
    works_instead = "activation=lambda x: x * tf.math.tanh(tf.math.softplus(x))"
    with course_call("tf.keras.activations.mish(x)", works_instead=works_instead):
        tf.keras.activations.mish  # noqa: B018 — the course links it; absent before Keras 2.13
    with course_call('model.add(Dense(3, activation="mish"))', works_instead=works_instead):
        model = sequential(tf, test_seed, lambda: tf.keras.layers.Dense(3, input_dim=1),
                           lambda: tf.keras.layers.Dense(3, activation="mish"))
    check_dense(tf, evidence, model, "mish", ref.mish, mish_tolerance, 'Mish, línea 2: Dense(3, activation="mish")')

