"""A fake package index and a fake runner for the release watch's self-tests: no installs,
no TensorFlow, no network. The runner answers each (package, release) with a claims.json
made from a table of verdicts, and records every release it was asked to install."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path

from fixtures.watch.bisection import probe_from_doc
from fixtures.watch.releases import WatchError

ROOT = Path(__file__).resolve().parents[2]


def doc(versions: dict, claims: dict[str, dict[str, str]], snippets: dict[str, str] | None = None) -> dict:
    """A claims.json: {claim id: {test: verdict}}, and course blocks {snippet id: verdict}."""
    from fixtures.core.claims import aggregate
    out = {"schema": 2, "environment": {"keras_flavor": "keras3", **versions},
           "claims": [{"id": c, "verdict": aggregate(list(t.values())), "test_verdicts": dict(t),
                       "message": f"{c}: {aggregate(list(t.values()))} (fake)",
                       "test_messages": {n: f"{v} (fake)" for n, v in t.items() if v != "holds"}}
                      for c, t in claims.items()]}
    if snippets is not None:
        out["course"] = {"pages": [{"path": "apendices.txt", "snippets": [
            {"id": sid, "name": f"snippet-{n:02d}[{sid.split('.', 2)[2]}]", "verdict": v, "message": ""}
            for n, (sid, v) in enumerate(snippets.items(), 1)]}]}
    return out


class FakeIndex:
    def __init__(self, listing: dict[str, list[str]], unreachable: bool = False):
        self.listing, self.unreachable, self.asked = listing, unreachable, []

    def __call__(self, package: str) -> list[tuple[str, bool]]:
        self.asked.append(package)
        if self.unreachable:
            return []
        return [(v, False) for v in self.listing.get(package, [])]


class FakeEnv:
    def __init__(self, runner: FakeRunner, document: dict):
        self.runner, self.document = runner, document

    def spec(self, pages, name, keep=None):
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / "claims.json").write_text(json.dumps(self.document))
        return self.document

    def fix(self, pages, out_dir: Path):
        self.runner.fixed.append(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        label = "TF fake / Keras fake"
        record = {"page": str(pages[0]), "corrected": f"{pages[0].stem}.corregido.txt", "fixes": [
            {"block": "snippet.apendices.funciones-con-nombre.2", "page_line": 125,
             "before": 'model.add(Dense(3, input_dim=1,activation="relu_0_3"))',
             "after": ["model.add(Dense(3, input_dim=1,activation=tf.keras.activations.get(\"relu_0_3\")))"],
             "proven_on": [label]}], "remaining": [],
            "final": {label: {"snippet.apendices.funciones-con-nombre.2": "holds", "models": ["holds"]}}}
        (out_dir / f"{pages[0].stem}.fix.json").write_text(json.dumps(record))
        return [record], ""


class FakeRunner:
    """verdicts(package, release) -> claims.json; `broken`: releases whose install fails."""

    harness = ROOT

    def __init__(self, verdicts, broken: set[str] = frozenset()):
        self.verdicts, self.broken = verdicts, set(broken)
        self.installed: list[str] = []     # every release installed (combination or probe)
        self.fixed: list[Path] = []

    @contextlib.contextmanager
    def combo(self, combo):
        if combo.target in self.broken:
            raise WatchError(f"{combo.label} does not install (× No solution found when resolving dependencies)")
        self.installed.append(combo.target)
        yield FakeEnv(self, self.verdicts(combo.package, combo.target))

    def probe(self, package, release, pins, extra_env, targets, pages, tracked):
        self.installed.append(release)
        probe = probe_from_doc(self.verdicts(package, release), tracked, release)
        probe.seconds = 1.0
        return probe
