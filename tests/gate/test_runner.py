"""fixtures/gate/runner.py and its verdicts on their own: no TensorFlow in the blocks (~1 s each).

The blocks here use the standard library and numpy only; what a Keras failure looks like is
faked by name (a `relu` of the page's own for the Keras 3 rename, a module named
`keras.activations` for a typo), so each test runs a real child interpreter in about a second.
"""
from __future__ import annotations

import textwrap
import time
from pathlib import Path

from fixtures.core.claims import (
    API_DRIFT,
    ERROR,
    HOLDS,
    MISSING,
    REFUTED,
    SKIPPED,
)
from fixtures.gate import runner as sr

# ================================================================ the runner

def specs_of(*codes, **kw) -> list[sr.BlockSpec]:
    out = []
    for i, code in enumerate(codes):
        opts = kw.get(str(i), {})
        out.append(sr.BlockSpec(i, textwrap.dedent(code).strip("\n"), f"block {i + 1}", line=10 * (i + 1), **opts))
    return out


def verdicts(run: sr.PageRun, specs: list[sr.BlockSpec]) -> list[str]:
    by = {s.index: s for s in specs}
    return [sr.outcome(run.blocks[s.index], s, by).verdict for s in specs]


def test_blocks_share_state_in_order_and_report_output():
    specs = specs_of("x = 2\nprint('hola')", "y = x * 21", "y")
    run = sr.run_page(specs, timeout=20)
    assert [run.blocks[i]["status"] for i in range(3)] == ["ok"] * 3
    assert run.blocks[0]["output"] == "hola\n" and run.blocks[2]["value"] == "42"


def test_the_failing_line_and_its_classification():
    specs = specs_of(
        """
        def relu(x, negative_slope=0.0):
            return max(x, negative_slope * x)
        """,
        "a = 1\nb = relu(-1.0, alpha=0.3)\n",        # the Keras 3 rename, in miniature
        "import math\nmath.no_such_function(1)",
        "1 / 0",
        "def f(:\n  pass",
    )
    run = sr.run_page(specs, timeout=20)
    by = {s.index: s for s in specs}
    drift = sr.outcome(run.blocks[1], specs[1], by)
    assert drift.verdict == API_DRIFT
    assert drift.failing == {"where": "block 2", "page_line": 21, "block_line": 2,
                             "text": "b = relu(-1.0, alpha=0.3)"}
    assert "block 2, line 2 (page line 21): b = relu(-1.0, alpha=0.3)" in drift.message
    assert "unexpected keyword argument 'alpha'" in drift.message
    assert sr.outcome(run.blocks[2], specs[2], by).verdict == MISSING
    zero = sr.outcome(run.blocks[3], specs[3], by)
    # the page's own code raised (not an API change): the block does not run as published —
    # a finding about the course (refuted), never an error of the harness
    assert zero.verdict == REFUTED and "ZeroDivisionError" in zero.message
    syntax = sr.outcome(run.blocks[4], specs[4], by)
    assert syntax.verdict == REFUTED and "SyntaxError" in syntax.message and syntax.failing["block_line"] == 1


def test_error_inside_a_function_defined_earlier_names_both_lines():
    specs = specs_of("def g(v):\n    return v.nope", "g(3)")
    run = sr.run_page(specs, timeout=20)
    out = sr.outcome(run.blocks[1], specs[1], {s.index: s for s in specs})
    assert "block 1, line 2 (page line 11): return v.nope" in out.message
    assert "called from block 2, line 1: g(3)" in out.message


def test_name_error_hints_apart_from_pythons_message():
    """The hint is never glued into Python's message; it names the earlier failure only when that
    block defines the name, and a module alias as a missing import."""
    specs = specs_of("model = make()\nx = 1", "model.add(1)", "y = np.zeros(3)", "z = w + 1")
    run = sr.run_page(specs, timeout=20)
    by = {s.index: s for s in specs}
    earlier = [specs[0]]                                  # block 1 failed before defining `model`
    out = sr.outcome(run.blocks[1], specs[1], by, earlier=earlier)
    assert out.verdict == REFUTED and out.python == "NameError: name 'model' is not defined"
    assert "earlier failure: block 1 defines `model`" in out.hint and "fallo anterior" in out.hint_es
    assert "hint" not in out.message and "earlier" not in out.message and out.hint in out.text
    numpy = sr.outcome(run.blocks[2], specs[2], by, earlier=earlier)      # block 1 never binds np
    assert "never imported on the page (`import numpy as np`)" in numpy.hint and "earlier" not in numpy.hint
    assert "nunca lo importa" in numpy.hint_es
    fragment = sr.outcome(run.blocks[3], specs[3], by, earlier=earlier)
    assert "prelude" in fragment.hint and "isolated" in fragment.hint and "preludio" in fragment.hint_es


def test_a_syntax_error_names_its_own_block_and_page_line():
    specs = specs_of("x = 1", "def f(:\n  pass")
    run = sr.run_page(specs, timeout=20)
    out = sr.outcome(run.blocks[1], specs[1], {s.index: s for s in specs})
    assert out.verdict == REFUTED and "(<course block 2, page line 20>, line 1)" in out.python
    assert out.failing["where"] == "block 2" and out.failing["page_line"] == 20


def test_a_hanging_block_is_killed_and_the_rest_reported():
    specs = specs_of("x = 1", "while True:\n    pass", "x", "print('alone')",
                     **{"1": {"timeout": 1.0}, "3": {"isolated": True}})
    start = time.monotonic()
    run = sr.run_page(specs, timeout=20)
    assert time.monotonic() - start < 15
    assert [run.blocks[i]["status"] for i in range(4)] == ["ok", "timeout", "not-run", "ok"]
    assert verdicts(run, specs) == [HOLDS, ERROR, SKIPPED, HOLDS]
    by = {s.index: s for s in specs}
    assert "did not finish within 1 s" in sr.outcome(run.blocks[1], specs[1], by).message
    assert "block 2 did not finish" in sr.outcome(run.blocks[2], specs[2], by).message
    assert run.models[0]["status"] == "not-run"


def test_a_block_that_kills_the_interpreter():
    specs = specs_of("import os\nos._exit(3)", "1")
    run = sr.run_page(specs, timeout=20)
    assert run.blocks[0] == {**run.blocks[0], "status": "crashed", "exit_code": 3}
    assert run.blocks[1]["status"] == "not-run"
    assert "exit code 3" in sr.outcome(run.blocks[0], specs[0], {0: specs[0]}).message


def test_exit_input_and_stdin_do_not_stop_the_page():
    specs = specs_of("import sys\nsys.exit(2)", "input('?')", "x = 5\nx")
    run = sr.run_page(specs, timeout=10)
    assert run.blocks[0]["error"]["type"] == "SystemExit"
    assert run.blocks[1]["error"]["type"] == "EOFError"     # stdin is closed, not waited on
    assert run.blocks[2]["value"] == "5"


def test_isolated_blocks_see_the_prelude_not_the_page():
    specs = specs_of("page_only = 1\nmodel.append('page')",
                     "print(sorted(k for k in globals() if not k.startswith('__')))",
                     "model.append('late')\nmodel", **{"1": {"isolated": True}})
    run = sr.run_page(specs, prelude="model = []", timeout=20)
    assert run.blocks[1]["output"].strip() == "['model']"
    assert run.blocks[2]["value"] == "['page', 'late']"


def test_a_failing_prelude_fails_every_block_with_its_line():
    specs = specs_of("1", "2", **{"1": {"isolated": True}})
    run = sr.run_page(specs, prelude="import os\nraise ValueError('bad setup')", timeout=20)
    by = {s.index: s for s in specs}
    for s in specs:
        out = sr.outcome(run.blocks[s.index], s, by, prelude_path="p.prelude.py")
        assert out.verdict == ERROR
        assert "the prelude failed" in out.message and "the prelude (p.prelude.py), line 2" in out.message


def test_skip_directive_does_not_run_the_block():
    specs = specs_of("raise SystemExit", "1", **{"0": {"skip": "needs a GPU"}})
    run = sr.run_page(specs, timeout=20)
    assert run.blocks[0] == {"status": "skipped", "reason": "needs a GPU"}
    assert verdicts(run, specs) == [SKIPPED, HOLDS]


def test_no_secrets_and_no_project_dir_in_the_child(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "s3cret")
    monkeypatch.setenv("TF_TOKEN_app_terraform_io", "s3cret")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s3cret")
    monkeypatch.setenv("TF_USE_LEGACY_KERAS", "1")
    specs = specs_of("import os, sys\nsorted(k for k in os.environ if 'SECRET' in k or 'TOKEN' in k), "
                     "os.environ.get('TF_USE_LEGACY_KERAS'), os.getcwd(), '' in sys.path")
    run = sr.run_page(specs, timeout=20)
    names, legacy, cwd, cwd_on_path = eval(run.blocks[0]["value"])  # noqa: S307 — our own repr
    assert names == [] and legacy == "1" and not cwd_on_path
    assert Path(cwd).name.startswith("course-page-") and not Path(cwd).exists()   # removed afterwards


def test_the_child_is_a_file_run_by_path_that_cannot_import_the_harness():
    specs = specs_of("import importlib.util, sys\n"
                     "importlib.util.find_spec('fixtures') is None, sys.flags.isolated, sys.argv[0]")
    run = sr.run_page(specs, timeout=20)
    no_fixtures, isolated, program = eval(run.blocks[0]["value"])  # noqa: S307 — our own repr
    assert no_fixtures and isolated and program == str(sr.CHILD)
    assert "import fixtures" not in sr.CHILD.read_text() and "from fixtures" not in sr.CHILD.read_text()


FAKE_MODELS = """
import numpy as np

class _Input:
    shape = (None, 2)
    dtype = "float32"

class Model:
    built = True
    inputs = [_Input()]
    def __init__(self, fail):
        self.fail = fail
    def __call__(self, x, training=False):
        if self.fail:
            return self.activation(x)
        return x * 2
    def activation(self, x):
        return relu(x, alpha=0.3)

def relu(x, negative_slope=0.0):
    return np.maximum(x, negative_slope * x)

Model.__module__ = "keras.src.models.model"
works, broken = Model(False), Model(True)
also_works = works
"""


def test_models_left_behind_run_on_a_batch():
    """A model that only fails when it runs is caught (Keras' own modules are faked by name)."""
    specs = specs_of(FAKE_MODELS)
    run = sr.run_page(specs, timeout=20)
    assert run.blocks[0]["status"] == "ok"
    by = {m["name"]: m for m in run.models}
    assert set(by) == {"works", "broken"}            # `also_works` is the same object
    assert by["works"]["status"] == "ok" and by["works"]["output_shape"] == [[2, 2]]
    out = sr.model_outcome(by["broken"], {0: specs[0]})
    assert out.verdict == API_DRIFT and "`broken` (Model) fails when it runs on a batch, at block 1" in out.message
    assert out.failing["text"] == "return relu(x, alpha=0.3)"


def test_child_env_allow_list():
    env = sr.child_env({"PATH": "/bin", "HOME": "/h", "TF_USE_LEGACY_KERAS": "1", "CUDA_VISIBLE_DEVICES": "0",
                        "GITHUB_TOKEN": "x", "TF_TOKEN_x": "x", "OPENAI_API_KEY": "x", "SSH_AUTH_SOCK": "x",
                        "PYTHONPATH": "/evil", "LC_ALL": "C"})
    assert set(env) >= {"PATH", "HOME", "TF_USE_LEGACY_KERAS", "CUDA_VISIBLE_DEVICES", "LC_ALL", "MPLBACKEND"}
    assert not {"GITHUB_TOKEN", "TF_TOKEN_x", "OPENAI_API_KEY", "SSH_AUTH_SOCK", "PYTHONPATH"} & set(env)


def test_rebuilt_exception_keeps_type_name_and_base():
    exc = sr.rebuild_exception({"type": "InvalidArgumentError", "module": "tf",
                                "bases": ["InvalidArgumentError", "OpError", "Exception", "BaseException", "object"],
                                "message": "\x1b[1mbad\x1b[0m"})
    assert type(exc).__name__ == "InvalidArgumentError" and isinstance(exc, Exception) and str(exc) == "bad"
    odd = sr.rebuild_exception({"type": "UnicodeDecodeError", "bases": ["UnicodeDecodeError", "UnicodeError",
                                                                       "ValueError", "Exception"], "message": "m"})
    assert isinstance(odd, Exception)


# ================================================================ typos and deprecations (Keras faked by name)

FAKE_KERAS = """
import sys, types
acts = types.ModuleType("keras.activations")
acts.gelu = acts.relu = acts.swish = lambda x: x
sys.modules["keras.activations"] = acts
keras = types.SimpleNamespace(activations=acts)
def get(name):
    if not hasattr(acts, name):
        raise ValueError(f"Could not interpret activation function identifier: {name}")
    return getattr(acts, name)
custom = {}
custom["relu_0_3"] = acts.relu
"""


def test_a_name_no_known_release_has_is_a_typo_with_did_you_mean():
    """`geleu` is in no release of known_names.json: «falsa», with the closest name on this version."""
    specs = specs_of(FAKE_KERAS, "a = keras.activations.geleu", 'b = get("geleu")', 'c = get("relu_0_3")',
                     "d = keras.activations.mish", "import math\nmath.no_such_function")
    run = sr.run_page(specs, timeout=20)
    by = {s.index: s for s in specs}
    attr, string, page_own, other_release, stdlib = (sr.outcome(run.blocks[i], specs[i], by) for i in range(1, 6))
    assert attr.verdict == REFUTED and attr.suggestion == "gelu"
    assert "exists in no TensorFlow/Keras release the spec knows" in attr.hint and "Did you mean `gelu`?" in attr.hint
    assert "¿Quisiste decir «gelu»?" in attr.hint_es
    assert attr.python == "AttributeError: module 'keras.activations' has no attribute 'geleu'"
    assert string.verdict == REFUTED and string.suggestion == "gelu"             # an unresolved activation string
    assert page_own.verdict == API_DRIFT and page_own.hint == ""                # a name the page registers itself
    assert other_release.verdict == MISSING and "exists in TF 2.15.1 / Keras 2.15.0" in other_release.hint
    assert stdlib.verdict == MISSING and "release" not in stdlib.hint           # not TensorFlow's: never a typo


def test_a_deprecation_is_a_note_on_its_line():
    specs = specs_of("""
        import warnings
        def LeakyReLU(alpha=0.3):
            warnings.warn("Argument `alpha` is deprecated. Use `negative_slope` instead.")
            return alpha
        """, "x = 1\nlayer = LeakyReLU(alpha=0.3)", "again = LeakyReLU(alpha=0.2)")
    run = sr.run_page(specs, timeout=20)
    by = {s.index: s for s in specs}
    out = sr.outcome(run.blocks[1], specs[1], by)
    assert out.verdict == HOLDS and len(out.notes) == 1
    assert out.notes[0] == ("deprecated, at line 2 (page line 21): layer = LeakyReLU(alpha=0.3) — UserWarning: "
                            "Argument `alpha` is deprecated. Use `negative_slope` instead.")
    assert out.notes_es[0].startswith("forma obsoleta en línea 2 del bloque (línea 21 de la página)")
    assert "is deprecated" in run.blocks[1]["output"]                      # still shown as Python shows it
    assert len(sr.outcome(run.blocks[2], specs[2], by).notes) == 1          # every block that uses it: its own note


def test_the_page_interpreter_freezes_before_its_exit(tmp_path):
    """After "exit" the child freezes what the page built (its exit would otherwise walk every
    TensorFlow object once more, ≈ 1 s); the page's own exit handlers still run."""
    seen = tmp_path / "seen.txt"
    specs = specs_of(f"import atexit, gc\natexit.register(lambda: open({str(seen)!r}, 'w').write(str(gc.get_freeze_count())))")
    run = sr.run_page(specs, timeout=20)
    assert run.blocks[0]["status"] == "ok"
    assert int(seen.read_text()) > 0
