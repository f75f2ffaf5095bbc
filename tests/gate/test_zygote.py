"""fixtures/gate/zygote.py: the fix's page runs forked from a warm interpreter report what fresh
interpreters report, and the warm interpreter is refused when importing showed a block anything.

No TensorFlow here (numpy stands for the page's packages); that forked runs of the real appendix
give the fix the same record as fresh ones on TF 2.12, 2.15, 2.16, 2.21 and legacy mode is in
docs/performance.md (measured by hand: `python -m fixtures.gate.fix ... --fresh` against without).
"""
from __future__ import annotations

import json
import sys
import textwrap

import pytest

from fixtures.gate import fix as course_fix
from fixtures.gate import fix_solve
from fixtures.gate import runner as sr
from fixtures.gate.zygote import Zygote, ZygoteError, page_imports

BLOCKS = [
    "import random, os, warnings\nimport numpy as np\nx = np.arange(3)\nprint(random.random(), np.random.rand())",
    "print(x.sum(), os.path.basename(os.getcwd()).startswith('course-page-'))",
    "warnings.warn('old_api is deprecated', DeprecationWarning)\nnp.no_such_function(1)",
    "import os\nos._exit(3)",
    "print('never')",
]


def specs(*codes, isolated=()):
    return [sr.BlockSpec(i, textwrap.dedent(c), f"block {i + 1}", line=10 * (i + 1), isolated=i in isolated)
            for i, c in enumerate(codes)]


def comparable(run: sr.PageRun) -> dict:
    """What the verdicts read: every block's result without its timing and the log's tail."""
    drop = ("duration_s", "log_tail")
    return {i: {k: v for k, v in r.items() if k not in drop} for i, r in run.blocks.items()}


def test_page_imports_are_the_top_level_packages_in_order():
    codes = ["import numpy as np\nfrom tensorflow.keras import layers\nimport os, json",
             "from . import local\nimport keras.models\nimport numpy.linalg", "def f(:"]
    assert page_imports(codes) == ["numpy", "tensorflow", "keras"]


def test_forked_runs_report_what_fresh_runs_report():
    """State shared in order, output, the seeds (a fork that forgot to seed prints other numbers),
    the folder, a deprecation and the error after it, an interpreter that dies (its exit code),
    the blocks after it; then an isolated block and a hang, killed."""
    page = specs(*BLOCKS)
    fresh = sr.run_page(page, timeout=30, seed=7)
    with Zygote(sys.executable, sr.child_env(), ["numpy"], timeout=60) as z:
        assert z.clean and z.loaded == ["numpy"], z.noise
        forked = sr.run_page(page, timeout=30, seed=7, zygote=z)
        hang = specs("x = 1", "import time\ntime.sleep(60)", "print(x)", isolated=(0,))
        hung = sr.run_page(hang, timeout=2, zygote=z)
    assert comparable(forked) == comparable(fresh)
    assert fresh.blocks[3] == {**fresh.blocks[3], "status": "crashed", "exit_code": 3}
    assert fresh.blocks[2]["warnings"][0]["line"] == 1 and fresh.blocks[2]["error"]["type"] == "AttributeError"
    assert [hung.blocks[i]["status"] for i in range(3)] == ["ok", "timeout", "not-run"]


@pytest.mark.parametrize("module, shows", [("imp", "DeprecationWarning"), ("this", "output")])
def test_an_import_that_warns_or_prints_is_not_clean(module, shows):
    """`import imp` warns (Python 3.11) and `import this` prints: a block that imports them shows
    that, a fork of an interpreter that already imported them would not."""
    with Zygote(sys.executable, sr.child_env(), ["json", module], timeout=60) as z:
        assert not z.clean and z.loaded == ["json", module]
        assert any(shows in n for n in z.noise), z.noise
    with Zygote(sys.executable, sr.child_env(), ["json", "numpy"], timeout=60) as z:
        assert z.clean, z.noise


PAGE = """
====== Prueba ======

<code python>
import numpy as np
x = np.arange(4)
</code>

<code python>
def relu(v, negative_slope=0.0):
    return np.maximum(v, negative_slope * v)

y = relu(x - 2.0, alpha=0.3)
print(y)
</code>
"""


def fix(tmp_path, name, **kw):
    page = tmp_path / f"{name}.txt"
    page.write_text(textwrap.dedent(PAGE).lstrip("\n"), encoding="utf-8")
    env = course_fix.env_of(sys.executable)
    return course_fix.fix_page(page, tmp_path / name, [env], timeout=30, log=lambda m: None, **kw)


def test_the_fix_forks_its_runs_and_proposes_what_fresh_runs_propose(tmp_path):
    warm, fresh = fix(tmp_path, "warm"), fix(tmp_path, "fresh", warm=False)
    (label, how), = warm.pop("interpreters").items()
    assert how == {"runs": "forked", "preloaded": ["numpy"], "failed_to_preload": {}}
    assert fresh.pop("interpreters") == {label: {"runs": "fresh", "why": "--fresh"}}
    text = json.dumps(warm).replace("warm", "X")
    assert text == json.dumps(fresh).replace("fresh", "X")
    assert warm["fixes"][0]["after"] == ["y = relu(x - 2.0, 0.3)"]


def test_the_fix_runs_fresh_interpreters_when_importing_shows_something(tmp_path, monkeypatch):
    monkeypatch.setattr(fix_solve, "page_imports", lambda codes: ["numpy", "this"])
    record = fix(tmp_path, "noisy")
    (how,) = record["interpreters"].values()
    assert how["runs"] == "fresh" and "showed: output: The Zen of Python" in how["why"], how
    assert record["fixes"][0]["after"] == ["y = relu(x - 2.0, 0.3)"]


@pytest.mark.parametrize("probe, says", [("import os\nos._exit(3)", "exit code 3"),
                                         ("import time\ntime.sleep(30)", "no answer within 3 s")])
def test_a_zygote_whose_fork_cannot_run_the_probe_is_refused(probe, says):
    """Before any page, a fork must run the probe (with TensorFlow preloaded: a TensorFlow
    operation, fixtures.gate.zygote.FORK_PROBE); one that dies or hangs refuses the zygote."""
    with Zygote(sys.executable, sr.child_env(), ["json"], timeout=3, probe="x = 1") as z:
        assert z.clean
    with pytest.raises(ZygoteError, match=says):
        Zygote(sys.executable, sr.child_env(), ["json"], timeout=3, probe=probe)


def test_the_fix_runs_fresh_interpreters_off_linux(tmp_path, monkeypatch):
    monkeypatch.setattr(fix_solve.sys, "platform", "darwin")
    (how,) = fix(tmp_path, "mac")["interpreters"].values()
    assert how == {"runs": "fresh", "why": "forked runs are used on linux only, not darwin"}
