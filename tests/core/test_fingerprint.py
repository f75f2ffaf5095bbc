"""fixtures/core/fingerprint.py: the hash changes with everything a spec run's verdicts depend on,
and with nothing else (the self-tests take baselines from a spec run of the same fingerprint).

Baseline → flip: each change below must move the hash; a fingerprint that forgot errata.toml
(the expected verdicts) or the installed versions would let a stale run stand for a baseline.
"""
from __future__ import annotations

import os

import pytest

from fixtures.core.fingerprint import fingerprint, installed

DISTRIBUTIONS = ["keras-3.15.1.dist-info", "numpy-2.4.6.dist-info", "tensorflow_cpu-2.21.0.dist-info"]


@pytest.fixture
def tree(tmp_path):
    for rel, text in {"specs/s1/test_a.py": "CLAIM = 1\n", "fixtures/core/b.py": "X = 1\n",
                      "fixtures/reports/templates/t.html.j2": "<p>{{ x }}</p>\n",
                      "errata.toml": "[[entry]]\n", "pyproject.toml": "[project]\n", "conftest.py": "\n",
                      "tests/test_self.py": "def test(): pass\n", "README.md": "hola\n"}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def fp(root, environ=None, distributions=DISTRIBUTIONS):
    return fingerprint(root, environ or {"PYTHONHASHSEED": "0"}, distributions)


@pytest.mark.parametrize("rel", ["specs/s1/test_a.py", "fixtures/core/b.py", "fixtures/reports/templates/t.html.j2",
                                 "errata.toml", "pyproject.toml", "conftest.py", "specs/s1/new_table.csv"])
def test_a_change_to_what_decides_verdicts_moves_the_hash(tree, rel):
    before = fp(tree)
    path = tree / rel
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + "# changed\n", encoding="utf-8")
    assert fp(tree) != before


def test_versions_interpreter_variables_move_it_threads_and_other_files_do_not(tree):
    before = fp(tree)
    assert fp(tree, distributions=["keras-3.15.0.dist-info", *DISTRIBUTIONS[1:]]) != before
    assert fp(tree, {"PYTHONHASHSEED": "0", "TF_USE_LEGACY_KERAS": "1"}) != before
    assert fp(tree, {"PYTHONHASHSEED": "1"}) != before
    assert fp(tree, {"PYTHONHASHSEED": "0", "TF_NUM_INTRAOP_THREADS": "1", "OMP_NUM_THREADS": "1"}) == before
    (tree / "specs/s1/__pycache__").mkdir()
    (tree / "specs/s1/__pycache__/test_a.cpython-311.pyc").write_bytes(b"\0")
    (tree / "tests/test_self.py").write_text("def test(): assert 1\n", encoding="utf-8")
    (tree / "README.md").write_text("adiós\n", encoding="utf-8")
    assert fp(tree) == before


def test_this_checkout_and_interpreter():
    assert fingerprint() == fingerprint() and len(fingerprint()) == 20
    assert any(name.startswith("pytest-") and name.endswith((".dist-info", ".egg-info")) for name in installed())


def test_a_file_changed_between_two_runs_of_one_process_is_read_again(tree):
    """The digest of the code is kept while no file's size or mtime changes (the self-tests run the
    spec ~100 times in one process); a change is seen at the next run."""
    before = fp(tree)
    path = tree / "specs/s1/test_a.py"
    path.write_text("CLAIM = 2\n", encoding="utf-8")          # same size: the mtime tells
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert fp(tree) != before
