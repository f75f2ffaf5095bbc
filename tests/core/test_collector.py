"""fixtures/core/collector.py: what the imports built is frozen once, and again at exit (the plugin
that calls it: tests/meta/test_process_plugin.py).

Each case runs in a fresh interpreter (stdlib only): the self-test process has frozen already."""
from __future__ import annotations

import subprocess
import sys

from fixtures.core.files import ROOT


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_imports_are_frozen_once_per_process():
    out = _run("import gc\n"
               "from fixtures.core import collector\n"
               "before = gc.get_freeze_count()\n"
               "first = collector.freeze_imports('tensorflow')\n"
               "frozen = gc.get_freeze_count()\n"
               "junk = [[i] for i in range(1000)]\n"
               "again = collector.freeze_imports('tensorflow')\n"
               "same = gc.get_freeze_count() == frozen\n"
               "other = collector.freeze_imports('collection')\n"
               "print(before, first, frozen > 1000, again, same, other, gc.get_freeze_count() >= frozen + 1000)\n")
    assert out == "0 True True False True True True"


def test_an_unknown_moment_is_an_error():
    import pytest

    from fixtures.core import collector
    with pytest.raises(ValueError, match="one of tensorflow, collection"):
        collector.freeze_imports("later")


def test_the_exit_freeze_runs_after_handlers_registered_later():
    # a handler registered before freeze_at_exit runs after it (atexit is last in, first out): it sees
    # the freeze; one registered after it (as TensorFlow's are, imported later) runs before it
    out = _run("import atexit, gc\n"
               "atexit.register(lambda: print('last', gc.get_freeze_count() > 0))\n"
               "from fixtures.core import collector\n"
               "print(collector.freeze_at_exit(), collector.freeze_at_exit())\n"
               "atexit.register(lambda: print('first', gc.get_freeze_count()))\n")
    assert out.splitlines() == ["True False", "first 0", "last True"]

