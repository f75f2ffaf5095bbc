"""Imports go one way: the rules of docs/architecture.md, checked on the code as it is.

Every `import` of every module under fixtures/ and specs/ is read with `ast` (those inside
functions too, since a lazy import is still a dependency), and held against `ALLOWED`:
which of the harness's packages each package may import, and which third-party libraries
it must never import. A rule broken anywhere fails `test_imports_follow_the_rules` with
the module, the line and the rule; `test_a_planted_bad_import_is_caught` plants one in a
copy of the tree to show the check can fail.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# package -> the harness's packages it may import (its own always allowed)
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "course_text": set(),
    "checks": {"core"},
    "experiments": {"core", "checks"},
    "timing": {"core"},
    "gate": {"core", "course_text", "run_state"},
    "reports": {"core", "course_text"},
    "bisect": {"core"},
    "watch": {"core", "course_text", "bisect"},   # the gate and its fix run as subprocesses
    "hooks": set(),
    "run_state": set(),
    "plugins": {"*"},
    "specs": {"core", "checks", "experiments", "timing"},
}
# package -> third-party libraries it must not import, even lazily
FORBIDDEN: dict[str, set[str]] = {
    "reports": {"numpy", "scipy", "pandas", "matplotlib", "sklearn", "tensorflow", "keras", "tf_keras", "pytest"},
    "course_text": {"numpy", "scipy", "pandas", "matplotlib", "sklearn", "tensorflow", "keras", "jinja2", "pytest"},
    "gate": {"tensorflow", "keras", "tf_keras", "scipy", "matplotlib", "sklearn"},
    "bisect": {"tensorflow", "keras", "tf_keras", "numpy", "pytest"},
    "watch": {"tensorflow", "keras", "tf_keras", "numpy", "pytest"},
    "core": {"keras", "tf_keras"},
}
# modules run by path in a child interpreter: the standard library only (numpy lazily, the page's own)
STDLIB_ONLY = {"fixtures/gate/child.py", "fixtures/gate/fix_versions.py"}


def package_of(path: Path, root: Path) -> str:
    rel = path.relative_to(root)
    if rel.parts[0] == "specs":
        return "specs"
    return rel.parts[1].removesuffix(".py")


def imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.lineno, node.module))
            if node.module == "fixtures":
                out += [(node.lineno, f"fixtures.{a.name}") for a in node.names]
    return out


def violations(root: Path = ROOT) -> list[str]:
    found = []
    files = sorted((root / "fixtures").rglob("*.py")) + sorted((root / "specs").rglob("*.py"))
    for path in files:
        rel = path.relative_to(root).as_posix()
        pkg = package_of(path, root)
        if pkg == "__init__":
            continue
        allowed = ALLOWED.get(pkg)
        if allowed is None:
            found.append(f"{rel}: package `{pkg}` has no rule in tests/meta/test_import_rules.py (add one, "
                         "and to docs/architecture.md)")
            continue
        for line, name in imports(path):
            top = name.split(".")[0]
            if rel in STDLIB_ONLY and top in ("fixtures", "tensorflow", "keras", "scipy"):
                found.append(f"{rel}:{line}: imports {name}, but it runs by path in a child interpreter "
                             "(standard library only)")
            elif top == "fixtures" and name != "fixtures":
                target = name.split(".")[1]
                if target != pkg and "*" not in allowed and target not in allowed:
                    found.append(f"{rel}:{line}: `{pkg}` imports fixtures.{target} ({name}); "
                                 f"`{pkg}` may import {sorted(allowed) or 'no other package'}")
            elif top in FORBIDDEN.get(pkg, ()):
                found.append(f"{rel}:{line}: `{pkg}` imports {top}, which it must never import")
    return found


def test_imports_follow_the_rules():
    assert violations() == []


def test_every_subpackage_says_what_it_may_import():
    for init in sorted((ROOT / "fixtures").glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in doc, f"{init.relative_to(ROOT)}: its docstring does not say what it may import"
        assert init.parent.name in ALLOWED, f"{init.parent.name}: no import rule"


def test_a_planted_bad_import_is_caught(tmp_path):
    for part in ("fixtures", "specs"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    assert violations(tmp_path) == []
    planted = tmp_path / "fixtures" / "experiments" / "depth.py"
    planted.write_text(planted.read_text(encoding="utf-8") + "\n\ndef _seed():\n"
                       "    from fixtures.plugins.spec import RESULT_KEY\n    return RESULT_KEY\n", encoding="utf-8")
    page = tmp_path / "fixtures" / "reports" / "matrix.py"
    page.write_text(page.read_text(encoding="utf-8") + "\nimport numpy\n", encoding="utf-8")
    found = violations(tmp_path)
    assert len(found) == 2, found
    assert found[0].startswith("fixtures/experiments/depth.py:") and "fixtures.plugins" in found[0]
    assert found[1].startswith("fixtures/reports/matrix.py:") and "numpy" in found[1]
