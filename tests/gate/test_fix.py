"""python -m fixtures.gate.fix: only implicated lines change, round after round, proven by running.

The pages here hold no TensorFlow (a `relu` of their own stands for Keras', a module named
`keras.activations` for a typo), so each test takes a few seconds; the real appendix is proven
on TF 2.15 and 2.21 in the `slow` test of tests/gate/test_author_loop.py and by hand
(docs/course-gate.md). The proposed errata: tests/gate/test_fix_errata.py.
"""
from __future__ import annotations

import json
import sys
import textwrap

import pytest

from fixtures.core import errata as errata_registry
from fixtures.gate import fix as course_fix
from fixtures.gate.fix_rules import Candidate, candidates, refuted_fix

PAGE = """
====== Prueba ======

===== ReLU =====

Un párrafo que no cambia: relu(x, alpha=0.3) en prosa.

<code python>
def relu(x, negative_slope=0.0):
    return max(x, negative_slope * x)

ok = relu(2.0)
</code>

<code python>
y = relu(-2.0, negative_slope=0.3)
    # the first error (np) hides the second (alpha)
z = np.float64(relu(-2.0, alpha=0.3))
print(z)
</code>

===== Mish =====

<code python>
from types import SimpleNamespace
tf = SimpleNamespace(keras=SimpleNamespace(activations=SimpleNamespace(swish=abs, mish=round)))
model = SimpleNamespace(add=lambda layer: None)
def Dense(units, activation=None):
    return activation
model.add(Dense(3, activation=tf.keras.activations.swish))
model.add(Dense(3, activation="mish"))
</code>
"""


@pytest.fixture
def fixed(tmp_path):
    page = tmp_path / "prueba.txt"
    page.write_text(textwrap.dedent(PAGE).lstrip("\n").replace("    # the first", "# the first"), encoding="utf-8")
    env = course_fix.env_of(sys.executable)
    record = course_fix.fix_page(page, tmp_path / "out", [env], timeout=30, log=lambda m: None)
    return page, tmp_path / "out", record, env


def test_outputs_and_only_implicated_lines_change(fixed):
    page, out, record, env = fixed
    corrected = out / "prueba.corregido.txt"
    assert corrected.exists() and (out / "prueba.diff").exists()
    assert json.loads((out / "prueba.fix.json").read_text(encoding="utf-8")) == record
    before, after = page.read_text().splitlines(), corrected.read_text().splitlines()
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert removed == ["z = np.float64(relu(-2.0, alpha=0.3))", "model.add(Dense(3, activation=tf.keras.activations.swish))"]
    assert added == ["import numpy as np", "z = np.float64(relu(-2.0, 0.3))",
                     "model.add(Dense(3, activation=tf.keras.activations.mish))"]
    assert "Un párrafo que no cambia: relu(x, alpha=0.3) en prosa." in after       # prose never changes
    diff = (out / "prueba.diff").read_text()
    assert diff.startswith("--- prueba.txt\n+++ prueba.corregido.txt\n")


def test_a_correct_block_is_left_unchanged(fixed):
    page, out, record, _ = fixed
    assert not [f for f in record["fixes"] if f["block"] == "snippet.prueba.relu.1"]
    first_block = page.read_text().split("</code>")[0]
    assert first_block in (out / "prueba.corregido.txt").read_text()


def test_the_second_round_error_is_found_and_fixed(fixed):
    _, _, record, env = fixed
    (fix,) = [f for f in record["fixes"] if f["block"] == "snippet.prueba.relu.2"]
    assert fix["rules"] == ["missing-import", "relu-alpha"]         # np first; then, hidden by it, alpha
    assert fix["after"] == ["import numpy as np", "z = np.float64(relu(-2.0, 0.3))"]
    assert fix["block_line"] == 3 and fix["page_line"] == 17
    assert fix["proven_on"] == [env.label] and not record["remaining"]
    first, second = record["rounds"][0]["failures"], record["rounds"][1]["failures"]
    assert [f["summary"].split(":")[0] for f in first] == ["NameError"]
    assert "alpha" in second[0]["summary"] and second[0]["verdict"] == "api-drift"
    assert record["rounds"][-1]["failures"] == []


def test_refuted_course_call_is_fixed_although_it_runs(fixed):
    _, _, record, _ = fixed
    (fix,) = [f for f in record["fixes"] if f["block"] == "snippet.prueba.mish.1"]
    assert fix["rules"] == ["refuted-call:mish.course_usage"] and "(claims)" in fix["failed"]
    assert fix["why_es"] == ["bajo «Mish» el curso muestra swish: su primera línea calcula x·sigmoid(x), no mish "
                             "(afirmación mish.course_usage, falsa en todas las versiones)"]


def test_the_errata_that_go_with_the_corrected_page(fixed):
    """Nothing is left to expect but the claim whose line the fix changed: acknowledged as stale."""
    page, out, record, env = fixed
    proposed = errata_registry.load(out / "prueba.corregido.errata.toml")
    assert [(e.claim, e.verdict) for e in proposed] == [("mish.course_usage", "stale")]
    line = page.read_text(encoding="utf-8").splitlines().index(
        "model.add(Dense(3, activation=tf.keras.activations.swish))") + 1
    assert f"page line {line}: `model.add(Dense(3, activation=tf.keras.activations.swish))` → " \
           "`model.add(Dense(3, activation=tf.keras.activations.mish))`" in proposed[0].reason
    assert f"línea {line} de la página" in proposed[0].razon and not record["left"]
    assert record["adopt"] == [f"cp {out / 'prueba.corregido.txt'} {page}",
                               f"cp {out / 'prueba.corregido.errata.toml'} {tmp(page, 'prueba.errata.toml')}"]


def tmp(page, name):
    return page.with_name(name)


TYPOS = """
====== Prueba ======

===== GELU =====

<code python>
import sys, types, warnings
acts = types.ModuleType("keras.activations")
acts.gelu = abs
sys.modules["keras.activations"] = acts
def LeakyReLU(*args, alpha=None, negative_slope=None):
    if alpha is not None:
        warnings.warn("Argument `alpha` is deprecated. Use `negative_slope` instead.")
    return args or alpha or negative_slope
def Old(alpha=None, **kw):
    if kw:
        raise TypeError(f"Old() got an unexpected keyword argument {sorted(kw)[0]!r}")
    warnings.warn("Argument `alpha` is deprecated. Use `beta` instead.")
</code>

<code python>
a = acts.geleu
layer = LeakyReLU(alpha=0.3)
old = Old(alpha=0.3)
</code>

<code python>
def f(:
    pass
</code>
"""


def test_typos_and_deprecations_and_what_is_left(tmp_path, capsys):
    folder = tmp_path / "mi curso"
    folder.mkdir()
    page = folder / "typos.txt"
    page.write_text(textwrap.dedent(TYPOS).lstrip("\n"), encoding="utf-8")
    assert course_fix.main([str(page), "--timeout", "30"]) == 1           # the SyntaxError is left
    out = capsys.readouterr().out
    record = json.loads((folder / "typos.fix.json").read_text(encoding="utf-8"))
    by_line = {f["block_line"]: f for f in record["fixes"] if f["block"] == "snippet.typos.gelu.2"}
    assert by_line[1]["after"] == ["a = acts.gelu"] and by_line[1]["rules"] == ["typo"]
    assert by_line[2]["after"] == ["layer = LeakyReLU(0.3)"] and by_line[2]["rules"] == ["leaky-alpha"]
    assert by_line[3]["after"] == ["old = Old(alpha=0.3)"] and by_line[3]["rules"] == [] and by_line[3]["kept"]
    assert "old = Old(alpha=0.3)" in (folder / "typos.corregido.txt").read_text(encoding="utf-8")
    (left,) = errata_registry.load(folder / "typos.corregido.errata.toml")
    assert (left.claim, left.verdict, left.when) == ("snippet.typos.gelu.3", "refuted", {})
    assert f"  cp '{folder / 'typos.corregido.txt'}' '{page}'" in out          # quoted: the folder has a space
    assert "kept: snippet.typos.gelu.2 line 3" in out


def test_candidates_prefer_the_spelling_every_version_accepts():
    alpha = candidates("y = tf.keras.activations.relu(x, alpha=0.3).numpy()",
                       {"type": "TypeError", "message": "relu() got an unexpected keyword argument 'alpha'"})
    assert [c.line for c in alpha] == ["y = tf.keras.activations.relu(x, 0.3).numpy()",
                                       "y = tf.keras.activations.relu(x, negative_slope=0.3).numpy()"]
    named = candidates('model.add(Dense(3, input_dim=1,activation="relu_0_3"))',
                       {"type": "ValueError", "message": "Could not interpret activation function identifier"})
    assert named[0].line == 'model.add(Dense(3, input_dim=1,activation=tf.keras.activations.deserialize("relu_0_3")))'
    assert candidates("x = foo(1)", {"type": "NameError", "message": "name 'foo' is not defined"}) == []
    assert refuted_fix("model.add(Dense(3, activation=tf.keras.activations.swish))", "Swish") is None
    assert isinstance(refuted_fix("activation=tf.keras.activations.swish", "Mish"), Candidate)


def test_bad_page_is_one_sentence_and_writes_nothing(tmp_path, capsys):
    assert course_fix.main([str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("course_fix: ") and "no such file" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_clean_page_exits_0_with_empty_errata(tmp_path, capsys):
    page = tmp_path / "limpia.md"
    page.write_text("# Limpia\n\n## Uso\n\n```python\nx = 1\n```\n", encoding="utf-8")
    assert course_fix.main([str(page)]) == 0
    assert errata_registry.load(tmp_path / "limpia.corregido.errata.toml") == []


def test_a_failure_reads_the_same_in_every_run():
    """An object's repr in a message carries its address, another in every run: the fix compares
    failures across rounds and its errata are diffed in the course's repository, so it drops them
    (seen on tf-keras: «Received: <tf_keras…Lambda object at 0x7fb82a17e890>»)."""
    from fixtures.gate.fix_solve import stable
    message = "Received: <tf_keras.src.layers.core.lambda_layer.Lambda object at 0x7fb82a17e890> (of type …)"
    assert stable(message) == "Received: <tf_keras.src.layers.core.lambda_layer.Lambda object> (of type …)"
    assert stable("jump at 0x10 of <x at 0x1F>") == "jump at 0x10 of <x>"
