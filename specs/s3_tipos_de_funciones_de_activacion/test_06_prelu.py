"""prelu.alpha_trainable — «Tipos de funciones de activación en capas ocultas / PReLU».

Course: "Existe otra capa de activación llamada PReLU que es similar a Leaky ReLU pero el valor
de α se calcula automáticamente durante el entrenamiento, es decir que es como un parámetro
más de la red."
Checks:
  weight     PReLU's α is one of the layer's (and the model's) *trainable* weights;
  start      it starts where Keras says: the layer's alpha_initializer (zeros), so PReLU = ReLU;
  similar    with α set to 0.3, PReLU(x) = Leaky ReLU(x, 0.3) (3u·|y|, u = 2^-24);
  learns     a short seeded training run (SGD, data from a Leaky ReLU with slope 0.25) moves α:
             max |α_T − α_0| ≥ 1e-3, far above float32 noise (a frozen α moves by exactly 0).
The trajectory of α per unit is plotted.
"""
import numpy as np

from fixtures.checks import reference_activations as ref
from fixtures.checks.activations import (
    SEC_PRELU,
    check_values,
    plot_activation,
    to_numpy,
)
from fixtures.core.calls import course_call
from fixtures.core.claims import Claim
from fixtures.core.plots import new_figure

CLAIM = Claim(
    id="prelu.alpha_trainable",
    section=SEC_PRELU,
    statement="PReLU es como Leaky ReLU pero α se aprende durante el entrenamiento: es un parámetro más de la red.",
    formula="PReLU(x) = x si x > 0, α·x si x ≤ 0, α entrenable",
    anchor="se calcula automáticamente durante el entrenamiento",
)
UNITS = 4
EPOCHS = 12
MIN_CHANGE = 1e-3  # ≥ 1e4 float32 ulps at |α| ≤ 1: movement, not rounding


def alpha_of(layer) -> np.ndarray:
    return to_numpy(layer.alpha).astype(np.float64).ravel()


def test_alpha_is_a_trainable_weight_starting_at_its_initializer(tf, evidence):
    with course_call("tf.keras.layers.PReLU()"):
        layer = tf.keras.layers.PReLU()
    layer.build((None, UNITS))
    trainable = [id(w) for w in layer.trainable_weights]
    evidence.check("alpha ∈ layer.trainable_weights", id(layer.alpha) in trainable, expected=True,
                   measured=[w.name for w in layer.trainable_weights], why="'un parámetro más de la red'")
    initializer = tf.keras.initializers.get(layer.get_config()["alpha_initializer"])
    expected = to_numpy(initializer((UNITS,), dtype="float32")).astype(np.float64)
    evidence.note(f"alpha_initializer según get_config(): {layer.get_config()['alpha_initializer']}")
    start = alpha_of(layer)
    evidence.check("alpha inicial = alpha_initializer (zeros)", np.array_equal(start, expected) and
                   np.all(start == 0), expected=0.0, measured=start.tolist(), tolerance=0.0,
                   why="Keras documenta alpha_initializer='zeros'")


def test_similar_to_leaky_relu(tf, evidence):
    layer = tf.keras.layers.PReLU()
    layer.build((None, UNITS))
    layer.set_weights([np.full(layer.get_weights()[0].shape, 0.3, dtype=np.float32)])
    x = np.linspace(-5, 5, 500 * UNITS).astype(np.float32).reshape(-1, UNITS)
    y = to_numpy(layer(x))
    expected = ref.leaky_relu(x, 0.3)
    tol = ref.tolerance("leaky_relu", x, np.float32)
    plot_activation(evidence, "PReLU con α = 0.3", x, y, expected, tol, ref_label="Leaky ReLU α=0.3 (float64)")
    check_values(evidence, "PReLU con α = 0.3", x, y, expected, tol,
                 why="0.3 guardado como float32 + un producto: 3u·|y|", formula=ref.FORMULAS["leaky_relu"])


def test_alpha_changes_during_training(tf, evidence, test_seed):
    tf.keras.utils.set_random_seed(test_seed)
    rng = np.random.default_rng(test_seed)
    x = rng.normal(size=(512, 2)).astype(np.float32)
    target = ref.leaky_relu(x @ np.array([[1.0, -0.5, 0.8, 1.5], [0.3, 1.2, -1.0, 0.2]]), 0.25)
    y = (target @ np.array([[1.0], [0.7], [-0.6], [0.9]])).astype(np.float32)
    with course_call("tf.keras.layers.PReLU()"):
        prelu = tf.keras.layers.PReLU()
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(UNITS), prelu,
                                 tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    in_trainable = any(w is prelu.alpha for w in model.trainable_weights)
    trainable_names = [w.name for w in model.trainable_weights]
    trajectory = [alpha_of(prelu)]
    record = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: trajectory.append(alpha_of(prelu)))
    history = model.fit(x, y, batch_size=64, epochs=EPOCHS, shuffle=False, verbose=0, callbacks=[record])
    path = np.array(trajectory)
    change = float(np.abs(path[-1] - path[0]).max())
    evidence.note(f"semilla {test_seed}; SGD con tasa de aprendizaje 0.05, {EPOCHS} épocas × 8 lotes; pérdida "
                  f"{history.history['loss'][0]:.4g} → {history.history['loss'][-1]:.4g}")
    fig = new_figure(5.5, 2.8)
    ax = fig.add_subplot()
    for unit in range(path.shape[1]):
        ax.plot(range(len(path)), path[:, unit], marker=".", label=f"α[{unit}]")
    ax.set_xlabel("época")
    ax.set_ylabel("α")
    ax.set_title("PReLU: α durante el entrenamiento", fontsize=9)
    ax.legend(fontsize=7)
    evidence.plot(fig, "PReLU: trayectoria de α")
    evidence.check("alpha ∈ model.trainable_weights", in_trainable, expected=True, measured=trainable_names,
                   why="el optimizador solo actualiza estos")
    evidence.check("máx |α_final − α_inicial|", change >= MIN_CHANGE, expected=f"≥ {MIN_CHANGE:g}",
                   measured=change, tolerance=MIN_CHANGE,
                   why="un α que se aprende se mueve; uno congelado queda idéntico bit a bit",
                   final_alpha=path[-1].tolist())

