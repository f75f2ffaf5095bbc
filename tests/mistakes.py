"""Injected-mistake self-tests: prove that a claim's spec catches a realistic Keras mistake.

A mistake self-test must not pass for the wrong reason (an unrelated test of the module that
fails anyway, a module that is broken without the mistake). `assert_flip` therefore proves,
for one row:

1. **baseline** — the spec module, run on the unpatched Keras, gives test by test the verdict
   errata.toml expects on this environment (`holds` where no erratum applies; a test skipped
   in the baseline, e.g. a `slow` one, is left out of every comparison);
2. **flip** — with the mistake injected, the claim's verdict (over the same tests) is a
   different one: `refuted`, or `holds` for a claim whose expected verdict is `refuted` (the
   course is wrong there — custom.only_lambda, mish.course_usage — and the mistake makes it
   right); `mutated=` overrides;
3. **culprit** — `expect_check` names what caught it: it is a substring of one of the culprits,
   "<test name>: <check>" for each evidence row that is ok=false in the mutated run and was
   not failing in the baseline, in a test whose verdict changed, or "<test name>" for a
   changed test with no such row (an api-drift, an error, a refutation that went away).

The baseline of each module is run once per session (cached in `run_spec.cache`, a
session-scoped dict from tests/conftest.py), not once per row; `baseline_with=` (every claim
of the file's rows) runs the baselines a file needs in one pytest run. A row whose mutated run is
one test (`select="::test[param]"`) can take its baseline from that test alone
(`baseline_selected=True`): only the tests of the mutated run are ever compared, so the module's
other tests would be paid for and never read; `baseline_selected_with=` (the file's rows as
(claim id, select) pairs) then runs those selected baselines in one pytest run too. Modules are
found by claim id (`spec_module`), scanning `CLAIM = Claim(id=...)` under specs/ with `ast`
(nothing imported).

A baseline without extra arguments is taken, when there is one, from a spec run of the same code
on the same versions (`reusable_run`: a reports/*/claims.json whose `environment.reuse` has this
checkout's and interpreter's fingerprint, fixtures/core/fingerprint.py, and says the run was
complete and used the default options), such as the `tf221` env's run just before the
self-tests in the CI command; the module's claims must all be there (and the selected test, for
`baseline_selected`), else the baseline runs here. `--fresh-baselines` runs every baseline here.

Use:

    from tests.mistakes import assert_flip

    def test_sigmoid_off(tf, monkeypatch, run_spec):
        assert_flip(run_spec, "sigmoid.logit_inverse",
                    inject=lambda: sigmoid_off_by_1e4(monkeypatch, tf),   # called after the baseline
                    expect_check="test_formula",          # "<test>" or "<test>: <check text>"
                    baseline_with=CLAIMS)                  # the claim ids of all the file's rows

    # only some tests of the module in the mutated run (the baseline is still the whole module):
    assert_flip(run_spec, "depth.he_relu", select="::test_variance_through_depth[alternating]", ...)
    assert_flip(run_spec, "course.keras_is_tf_keras", select="test_same_library", ...)   # a -k expression

    # the baseline from the selected test too, batched with the other rows' selected tests:
    assert_flip(run_spec, "depth.he_relu", select="::test_variance_through_depth[alternating]",
                baseline_selected=True, baseline_selected_with=ROWS, ...)  # ROWS: [(claim id, select)]

Never patch Keras before calling `assert_flip`: pass the patch as `inject` (a no-argument
callable, run after the baseline). The injection helpers shared by the mistake files
(`patch_get`, `patch_tf_op`, `wrap_method`, `replace_call`, `variance_scaling`, `numpy_draw`, ...)
are below.
"""
from __future__ import annotations

import ast
import functools
import inspect
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from fixtures.core import errata
from fixtures.core.claims import HOLDS, REFUTED, SKIPPED, aggregate

SPECS = Path(__file__).resolve().parent.parent / "specs"


# ------------------------------------------------------------------ finding a claim's module

@functools.cache
def _claim_modules() -> dict[str, str]:
    """{claim id: spec module path relative to specs/}, from each module's `CLAIM = Claim(id=...)`."""
    found: dict[str, str] = {}
    for path in sorted(SPECS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CLAIM"
                                                     for t in node.targets)
                    and isinstance(node.value, ast.Call)):
                ids = [k.value for k in node.value.keywords if k.arg == "id"] + node.value.args[:1]
                if ids and isinstance(ids[0], ast.Constant):
                    found[ids[0].value] = path.relative_to(SPECS).as_posix()
    return found


def spec_module(claim_id: str) -> str:
    """The spec module (path relative to specs/) that declares `claim_id`."""
    modules = _claim_modules()
    if claim_id not in modules:
        raise LookupError(f"no module under specs/ declares CLAIM with id {claim_id!r} "
                          f"(known: {', '.join(sorted(modules))})")
    return modules[claim_id]


# ------------------------------------------------------------------ what errata.toml expects

@functools.cache
def _environment() -> dict:
    from fixtures.core.environment import describe, import_tensorflow
    return describe(import_tensorflow())


@functools.cache
def _errata() -> tuple:
    return tuple(errata.load())


def expected_verdict(claim_id: str, test_name: str) -> str:
    """The verdict errata.toml expects for one test of a claim on this environment (`holds`: none)."""
    entry = errata.expected_for(list(_errata()), claim_id, test_name, _environment())
    return entry.verdict if entry else HOLDS


# ------------------------------------------------------------------ the flip

@dataclass
class Flip:
    claim_id: str
    baseline: dict        # the claim from the unpatched run (whole module, cached)
    mutated: dict         # the claim from the run with the mistake
    tests: list[str]      # the tests compared (run in the mutated run, not skipped in the baseline)
    expected: str         # the verdict errata.toml expects over those tests
    culprits: list[str] = field(default_factory=list)


def reusable_run(reports: Path, key: str) -> tuple[Path, dict[str, dict]] | None:
    """(claims.json, {claim id: claim}) of the first reports/*/claims.json whose run may stand for
    a baseline: fingerprint `key`, complete, default options (see the module docstring)."""
    for path in sorted(reports.glob("*/claims.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            reuse = doc["environment"].get("reuse") or {}
            claims = {c["id"]: c for c in doc["claims"]}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if reuse.get("fingerprint") == key and reuse.get("complete") is True and reuse.get("default_options") is True:
            return path, claims
    return None


def _reused(run: tuple[Path, dict] | None, module: str) -> dict[str, dict] | None:
    """The claims of `module` ("<path>" or "<path>::<test>") from the reusable run, when it has
    every claim the module declares (and, for "::<test>", that test)."""
    if run is None:
        return None
    path, _, test = module.partition("::")
    declared = [cid for cid, m in _claim_modules().items() if m == path]
    claims = run[1]
    if not declared or any(cid not in claims for cid in declared):
        return None
    if test and not any(test in claims[cid].get("test_verdicts", {}) for cid in declared):
        return None
    return {cid: claims[cid] for cid in declared}


def reused_claims(run_spec, modules: Iterable[str]) -> dict[str, dict] | None:
    """The claims of every one of `modules` from the reusable spec run, or None when one is missing."""
    out: dict[str, dict] = {}
    for module in modules:
        claims = _reused(run_spec.spec_run, module)
        if claims is None:
            return None
        out.update(claims)
    return out


def baseline(run_spec, module: str, args: tuple[str, ...] = (), with_claims: Iterable[str] = (),
             with_targets: Iterable[str] = ()) -> dict[str, dict]:
    """The claims of `module` (a path under specs/, or "<path>::<test>") on the unpatched Keras,
    run once per session and (module, args). On a miss, the modules of `with_claims` and the
    targets ("<path>::<test>") of `with_targets` not cached yet run in the same pytest run (one
    start-up instead of one per module). A claim's entry may then hold more of its tests than the
    target named (two targets of one module share the run): only the mutated run's tests are compared."""
    key = (module, tuple(args))
    if key not in run_spec.cache and not args:
        reused = reused_claims(run_spec, [module])
        if reused is not None:
            run_spec.cache[key] = reused
    if key not in run_spec.cache:
        wanted = [spec_module(c) for c in with_claims] + list(with_targets)
        batch = [module] + [m for m in dict.fromkeys(wanted) if m != module and (m, tuple(args)) not in run_spec.cache]
        claims = run_spec(batch, *args)
        owner = _claim_modules()
        for m in batch:
            path = m.split("::")[0]
            run_spec.cache[(m, tuple(args))] = {cid: c for cid, c in claims.items() if owner.get(cid) == path}
    return run_spec.cache[key]


def _failing_checks(claim: dict, test: str) -> list[str]:
    rows = (claim.get("evidence", {}).get(test) or {}).get("rows", [])
    return [row["check"] for row in rows if row.get("ok") is False]


def _target(module: str, select: str, args: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if select.startswith("::"):
        return module + select, tuple(args)
    return module, tuple(args) + (("-k", select) if select else ())


def assert_flip(run_spec, claim_id: str, *, inject: Callable[[], object], expect_check: str,
                select: str = "", args: tuple[str, ...] = (), mutated: str | None = None,
                baseline_selected: bool = False, baseline_with: Iterable[str] = (),
                baseline_selected_with: Iterable[tuple[str, str]] = ()) -> Flip:
    """Prove baseline → flip for `claim_id` with the mistake `inject()` (see the module docstring).

    select: "::test_name[param]" (appended to the module path) or a `-k` expression: the tests
    of the mutated run. The baseline is the whole module (cached, shared by every row of that
    module), or the same selection when `baseline_selected` (for a costly module only one row
    uses). baseline_with: claim ids whose baselines run in the same pytest run when this one is
    not cached yet — pass every claim of the file's rows (one start-up instead of one per
    module). baseline_selected_with: with `baseline_selected`, the (claim id, "::test") rows whose
    selected baselines run in the same pytest run. args: more pytest arguments for both runs (e.g.
    "--run-slow"). mutated: the verdict the mistake must give, when not the default (see the module
    docstring). Returns the Flip.
    """
    module = spec_module(claim_id)
    if baseline_selected:
        rows = [spec_module(c) + s for c, s in baseline_selected_with if s.startswith("::")]
        base_claims = baseline(run_spec, *_target(module, select, args),
                               with_targets=rows if select.startswith("::") else ())
    else:
        base_claims = baseline(run_spec, module, args, with_claims=baseline_with)
    assert claim_id in base_claims, f"{module}: the baseline run reported no {claim_id!r} ({sorted(base_claims)})"
    base = base_claims[claim_id]

    inject()
    target, target_args = _target(module, select, args)
    claims = run_spec(target, *target_args)
    assert claim_id in claims, f"{module}{select}: the mutated run reported no {claim_id!r}"
    mut = claims[claim_id]

    base_tests, mut_tests = base["test_verdicts"], mut["test_verdicts"]
    unknown = set(mut_tests) - set(base_tests)
    assert not unknown, f"{claim_id}: tests {sorted(unknown)} ran mutated but not in the baseline"
    tests = [t for t in mut_tests if base_tests[t] != SKIPPED]
    assert tests, f"{claim_id}: every selected test was skipped in the baseline ({mut_tests})"

    expected = {t: expected_verdict(claim_id, t) for t in tests}
    wrong = {t: (base_tests[t], expected[t]) for t in tests if base_tests[t] != expected[t]}
    assert not wrong, (f"{claim_id}: the unpatched baseline is not what errata.toml expects "
                       f"(test: (verdict, expected)) {wrong}\n{base['message'][:1500]}")

    expected_claim = aggregate(list(expected.values()))
    mutated_claim = aggregate([mut_tests[t] for t in tests])
    want = mutated or (HOLDS if expected_claim == REFUTED else REFUTED)
    assert want != expected_claim, f"{claim_id}: mutated={want!r} is the baseline verdict: no flip to prove"
    assert mutated_claim == want, (
        f"{claim_id}: with the mistake the verdict is {mutated_claim!r}, not {want!r} (baseline "
        f"{expected_claim!r}); tests {mut_tests}\n{mut['message'][:1500]}")

    culprits = []
    for t in tests:
        if mut_tests[t] == base_tests[t]:
            continue
        before = set(_failing_checks(base, t))
        new = [c for c in _failing_checks(mut, t) if c not in before]
        culprits += [f"{t}: {c}" for c in new] or [t]
    assert any(expect_check in c for c in culprits), (
        f"{claim_id}: {expect_check!r} is not what caught the mistake; culprits: {culprits}\n"
        f"{mut['message'][:1500]}")
    return Flip(claim_id, base, mut, tests, expected_claim, culprits)


# ------------------------------------------------------------------ injection helpers: activations

def activations_module(tf):
    """The keras module whose `get` resolves Dense's and Activation's activation= argument."""
    return sys.modules[tf.keras.layers.Dense.__module__].activations


def patch_get(monkeypatch, tf, replace):
    """activations.get(identifier) → replace(identifier, original_get) (None: unchanged)."""
    module = activations_module(tf)
    original = module.get

    @functools.wraps(original)
    def get(identifier, *args, **kwargs):
        swapped = replace(identifier, original)
        return original(identifier, *args, **kwargs) if swapped is None else swapped

    monkeypatch.setattr(module, "get", get)


def patch_tf_op(monkeypatch, tf, path: str, make):
    """Replace tf.<path> (e.g. "nn.gelu") in every namespace Keras reads it from.

    Keras 3 calls `tensorflow.nn.*`, Keras 2 `tensorflow.compat.v2.nn.*` (another module object).
    `make(original)` returns the replacement.
    """
    namespace, name = path.split(".")
    for root in (tf, tf.compat.v2):
        module = getattr(root, namespace)
        original = getattr(module, name)
        monkeypatch.setattr(module, name, functools.wraps(original)(make(original)))


def wrap_method(monkeypatch, cls, name, make):
    """cls.name = make(original method), keeping the original's signature (functools.wraps)."""
    original = getattr(cls, name)
    monkeypatch.setattr(cls, name, functools.wraps(original)(make(original)))


def is_user_function(obj) -> bool:
    """A Python callable written by the user (lambda, def, functools.partial), not a Keras layer or op."""
    if isinstance(obj, functools.partial):
        return True
    module = getattr(obj, "__module__", "") or ""
    return inspect.isfunction(obj) and not module.startswith(("keras", "tf_keras", "tensorflow"))


# ------------------------------------------------------------------ injection helpers: initializers

def replace_call(monkeypatch, tf, name, draw):
    """Make every `name` initializer (string, class, Dense kernel_initializer) return draw(tf, shape)."""
    cls = type(tf.keras.initializers.get(name))
    monkeypatch.setattr(cls, "__call__", lambda self, shape, dtype=None, **kw: draw(tf, tuple(shape)))


def variance_scaling(scale, mode, distribution):
    """A draw: VarianceScaling(scale, mode, distribution), float32."""
    def draw(tf, shape):
        init = tf.keras.initializers.VarianceScaling(scale=scale, mode=mode, distribution=distribution)
        return init(shape, dtype="float32")
    return draw


def numpy_draw(fn):
    """A draw: fn(numpy Generator seeded 1, shape) as a float32 tensor."""
    def draw(tf, shape):
        return tf.constant(fn(np.random.default_rng(1), shape).astype("float32"))
    return draw
