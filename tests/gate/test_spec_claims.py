"""fixtures/gate/spec_claims.py reads every claim as importing its module would give it; known_names answers."""
from __future__ import annotations

import importlib

from fixtures.core.claims import module_claim
from fixtures.gate import known_names
from fixtures.gate.spec_claims import ROOT, read_module, spec_claims


def test_every_claim_read_as_text_is_the_claim_the_module_declares():
    read = spec_claims()
    modules = sorted((ROOT / "specs").glob("s*/test_*.py"))
    assert len(read) == len(modules) > 40
    for claim in read:
        real = module_claim(importlib.import_module(claim.path[:-3].replace("/", ".")))
        assert (claim.id, claim.section, claim.anchor) == (real.id, real.section, real.anchor), claim.path


def test_a_claim_written_another_way_is_not_guessed(tmp_path):
    (tmp_path / "specs" / "s9_x").mkdir(parents=True)
    (tmp_path / "specs" / "s9_x" / "__init__.py").write_text('HEADING = "Equis"\n', encoding="utf-8")
    module = tmp_path / "specs" / "s9_x" / "test_01_a.py"
    module.write_text('from fixtures.core.claims import Claim\nCLAIM = Claim(id="x.a", statement="s", '
                      'anchor=make_anchor())\n', encoding="utf-8")
    claim = read_module(module, tmp_path)
    assert (claim.id, claim.section, claim.anchor) == ("x.a", "Equis", "")    # no anchor: the test above fails


def test_known_names_tell_a_typo_from_a_name_of_another_release():
    assert known_names.lookup("geleu", "keras.activations") == (True, [])
    known, releases = known_names.lookup("mish", "keras.api._v2.keras.activations")
    assert known and "TF 2.15.1 / Keras 2.15.0" in releases and "TF 2.12.1 / Keras 2.12.0" not in releases
    assert known_names.lookup("linespace", "numpy") == (False, [])     # not TensorFlow's: no verdict on it
    assert known_names.lookup("x", "math") == (False, [])               # the standard library's math
    assert known_names.namespace_of("tensorflow._api.v2.math") == "math"
