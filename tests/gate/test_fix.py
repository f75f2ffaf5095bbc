"""python -m fixtures.gate.fix: only implicated lines change, round after round, proven by running.

The pages here hold no TensorFlow (a `relu` of their own stands for Keras'), so each test takes
a few seconds; the real appendix is proven on TF 2.15 and 2.21 by hand (docs/course-gate.md).
"""
from __future__ import annotations

import json
import sys
import textwrap

import pytest

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
a = tf.keras.activations.swish
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
    assert removed == ["z = np.float64(relu(-2.0, alpha=0.3))", "a = tf.keras.activations.swish"]
    assert added == ["import numpy as np", "z = np.float64(relu(-2.0, 0.3))", "a = tf.keras.activations.mish"]
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


def test_bad_page_is_one_sentence(tmp_path, capsys):
    assert course_fix.main([str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("course_fix: ") and "no such file" in err and "Traceback" not in err
