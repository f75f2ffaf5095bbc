"""A mutant's baseline is taken from a spec run only when that run stands for it (tests/mistakes.py):
the same fingerprint (fixtures/core/fingerprint.py), every spec module run, the default options,
and every claim of the module (and the selected test) in it. Otherwise the baseline runs here.

Baseline → flip: the matching run is used; each condition broken alone makes it unusable.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from fixtures.core.fingerprint import fingerprint
from fixtures.plugins import spec as spec_plugin
from tests.conftest import ROOT
from tests.mistakes import _claim_modules, reusable_run, reused_claims

MODULE = "s3_tipos_de_funciones_de_activacion/test_01_sigmoid.py"
KEY = "0123456789abcdef0123"


def declared(module: str) -> list[str]:
    return [cid for cid, m in _claim_modules().items() if m == module]


def write_run(reports: Path, name: str, reuse: dict, claims: list[dict]) -> None:
    (reports / name).mkdir(parents=True)
    (reports / name / "claims.json").write_text(json.dumps({"environment": {"reuse": reuse}, "claims": claims}),
                                               encoding="utf-8")


def claim(cid: str, tests=("test_formula[float32]",)) -> dict:
    return {"id": cid, "verdict": "holds", "test_verdicts": {t: "holds" for t in tests}}


GOOD = {"fingerprint": KEY, "complete": True, "default_options": True}


@pytest.mark.parametrize("broken", [None, "fingerprint", "complete", "default_options"])
def test_only_a_complete_default_run_of_the_same_fingerprint_is_reused(tmp_path, broken):
    reuse = dict(GOOD)
    if broken == "fingerprint":
        reuse["fingerprint"] = "another"
    elif broken:
        reuse[broken] = False
    write_run(tmp_path, "tf221", reuse, [claim(c) for c in declared(MODULE)])
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "claims.json").write_text("{not json", encoding="utf-8")
    found = reusable_run(tmp_path, KEY)
    if broken is None:
        assert found is not None and found[0] == tmp_path / "tf221" / "claims.json"
    else:
        assert found is None


def test_a_module_is_reused_only_with_every_claim_and_the_selected_test(tmp_path):
    write_run(tmp_path, "tf221", GOOD, [claim(c) for c in declared(MODULE)])
    run_spec = SimpleNamespace(spec_run=reusable_run(tmp_path, KEY))
    assert set(reused_claims(run_spec, [MODULE])) == set(declared(MODULE))
    assert reused_claims(run_spec, [MODULE + "::test_formula[float32]"]) is not None
    assert reused_claims(run_spec, [MODULE + "::test_formula[float64]"]) is None     # that test did not run
    other = "s3_tipos_de_funciones_de_activacion/test_06_prelu.py"
    assert reused_claims(run_spec, [MODULE, other]) is None                           # its claims are not there
    assert reused_claims(SimpleNamespace(spec_run=None), [MODULE]) is None


def config(args=("specs",), keyword="", markexpr="", seed=None, run_slow=False, errata=None):
    options = {"seed": seed if seed is not None else spec_plugin.DEFAULT_SEED, "run_slow": run_slow,
               "errata": errata or str(spec_plugin.errata_registry.ERRATA_PATH)}
    return SimpleNamespace(option=SimpleNamespace(keyword=keyword, markexpr=markexpr, deselect=None, lf=False),
                           invocation_params=SimpleNamespace(dir=ROOT), args=list(args),
                           getoption=lambda name: options[name])


@pytest.mark.parametrize("change, complete, defaults", [
    ({}, True, True),
    ({"args": ("specs/s0_curso",)}, False, True),
    ({"keyword": "sigmoid"}, False, True),
    ({"markexpr": "slow"}, False, True),
    ({"seed": 5}, True, False),
    ({"run_slow": True}, True, False),
    ({"errata": "otra.toml"}, True, False),
])
def test_the_spec_run_says_whether_it_can_stand_for_baselines(change, complete, defaults):
    assert spec_plugin._reuse(config(**change)) == {"fingerprint": fingerprint(), "complete": complete,
                                                    "default_options": defaults}


def test_claims_json_carries_it_and_a_timing_option_makes_the_run_not_reusable(run_spec, tmp_path):
    written = tmp_path / "reports" / "selftest" / "claims.json"
    run_spec(MODULE)
    assert json.loads(written.read_text())["environment"]["reuse"] == {
        "fingerprint": fingerprint(), "complete": False, "default_options": True}
    run_spec(MODULE, "--timing-rounds", "3")
    assert json.loads(written.read_text())["environment"]["reuse"]["default_options"] is False
