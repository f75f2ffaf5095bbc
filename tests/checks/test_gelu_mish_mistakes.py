"""The new activation claims of issue 13 flip when Keras makes a plausible mistake.

gelu.transformers_form (holds): `gelu(x, approximate=True)` ignoring `approximate` (always the
erf form) — the student who asks for BERT's / GPT-2's tanh formula silently gets the other one.

mish.similar_to_swish (refuted: the ratio is 0.662 > ½): a Keras whose `mish` is `swish` — the
very slip the course makes in its first Mish line — makes the ratio 0 and the claim hold. The
flip is proved directly (baseline refuted → holds, the «muy similar» check is what changed), so
the test does not depend on errata.toml listing the claim yet.
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


def test_mish_that_is_swish_makes_very_similar_hold(tf, monkeypatch, run_spec):
    if not hasattr(tf.keras.activations, "mish"):
        import pytest
        pytest.skip("no mish before Keras 2.13: the claim is `missing` here")
    base = run_spec(MISH_MODULE)["mish.similar_to_swish"]
    assert base["verdict"] == "refuted", base["message"]
    assert "«muy similar»" in base["message"], base["message"]
    mish_is_swish(monkeypatch, tf)
    mutated = run_spec(MISH_MODULE)["mish.similar_to_swish"]
    assert mutated["verdict"] == "holds", mutated["message"]


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
