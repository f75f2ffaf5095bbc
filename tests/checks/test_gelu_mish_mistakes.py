"""The new activation claims of issue 13 flip when Keras makes a plausible mistake.

gelu.transformers_form (holds): `gelu(x, approximate=True)` ignoring `approximate` (always the
erf form) — the student who asks for BERT's / GPT-2's tanh formula silently gets the other one.

mish.similar_to_swish (sin decidir: its three readings disagree — «muy similar», ratio 0.662 > ½,
is refuted; «similar», ratio < 1, and «la más parecida», Swish the nearest of the course's
activations to Mish, hold): a Keras whose `mish` is `swish` — the very slip the course makes in
its first Mish line — makes every distance 0 and the claim hold (all three readings agree). A
Keras whose `mish` is `gelu` (an export pointing at the wrong function) makes «la más parecida»
refuted: the nearest function is then GELU itself. Each reading is shown to move.
"""
from __future__ import annotations

import functools

from tests.mistakes import assert_flip

MISH_MODULE = "s3_tipos_de_funciones_de_activacion/test_14_mish_similar_to_swish.py"


def gelu_ignores_approximate(monkeypatch, tf):
    original = tf.keras.activations.gelu
    monkeypatch.setattr(tf.keras.activations, "gelu",
                        functools.wraps(original)(lambda x, approximate=False: original(x, approximate=False)))


def mish_is_swish(monkeypatch, tf):
    monkeypatch.setattr(tf.keras.activations, "mish", functools.wraps(tf.keras.activations.mish)(
        tf.keras.activations.swish))


def test_gelu_approximate_ignored_is_refuted(tf, monkeypatch, run_spec):
    assert_flip(run_spec, "gelu.transformers_form", inject=lambda: gelu_ignores_approximate(monkeypatch, tf),
                expect_check="test_keras_approximate_is_the_published_tanh: gelu(x, approximate=True) = "
                             "aproximación tanh")


def _readings(claim):
    return {r["reading"].split(":")[0]: r["verdict"] for r in claim.get("readings", [])}


def test_mish_that_is_swish_makes_very_similar_hold(tf, monkeypatch, run_spec):
    if not hasattr(tf.keras.activations, "mish"):
        import pytest
        pytest.skip("no mish before Keras 2.13: the claim is `missing` here")
    base = run_spec(MISH_MODULE)["mish.similar_to_swish"]
    assert base["verdict"] == "inconclusive", base["message"]
    assert _readings(base) == {"«muy similar»": "refuted", "«similar»": "holds", "«la más parecida»": "holds"}
    mish_is_swish(monkeypatch, tf)
    mutated = run_spec(MISH_MODULE)["mish.similar_to_swish"]
    assert mutated["verdict"] == "holds", mutated["message"]
    assert set(_readings(mutated).values()) == {"holds"}


def test_mish_that_is_gelu_is_not_nearest_to_swish(tf, monkeypatch, run_spec):
    if not hasattr(tf.keras.activations, "mish"):
        import pytest
        pytest.skip("no mish before Keras 2.13: the claim is `missing` here")
    monkeypatch.setattr(tf.keras.activations, "mish", functools.wraps(tf.keras.activations.mish)(
        lambda x: tf.keras.activations.gelu(x)))
    mutated = run_spec(MISH_MODULE)["mish.similar_to_swish"]
    assert _readings(mutated)["«la más parecida»"] == "refuted", mutated["message"]
    rows = [r for e in mutated["evidence"].values() for r in e["rows"] if "la más parecida" in r["check"]]
    assert rows and all(r["ok"] is False and r["measured"] == "gelu" for r in rows)


def test_gelu_integral_is_anchored_on_the_formula(tmp_path):
    """A page whose GELU formula changed makes gelu.integral «texto cambiado» (stale), not «se cumple»."""
    import importlib

    import fixtures.course_text as cs
    from tests.conftest import ROOT
    claim = importlib.import_module("specs.s3_tipos_de_funciones_de_activacion.test_07_gelu_integral").CLAIM
    source = (ROOT / "examples" / "course" / "apendices.txt").read_text(encoding="utf-8")
    assert cs.locate([cs.parse(source, "dokuwiki", "apendices.txt")], claim.section, claim.anchor).status == cs.FOUND
    changed = source.replace("e ^ {-t^{2}}dt", "e ^ {-t}dt")
    assert changed != source
    assert cs.locate([cs.parse(changed, "dokuwiki", "apendices.txt")], claim.section, claim.anchor).status == cs.STALE
