"""fixtures/plugins/process.py: it configures before the spec plugin imports TensorFlow, and an xdist
worker is handed the `expensive` tests first while claims.json keeps the file order."""
from __future__ import annotations

import types

from fixtures.plugins import process


def _item(name: str, expensive: bool):
    return types.SimpleNamespace(name=name, get_closest_marker=lambda m: object() if expensive and m == "expensive"
                                 else None)


def test_it_configures_first():
    """Its pytest_configure must run before fixtures.plugins.spec's, which imports TensorFlow on a
    worker: the thread pools and the exit freeze have to be in place by then."""
    assert getattr(process.pytest_configure, "pytest_impl", {}).get("tryfirst") is True


def test_a_worker_is_handed_the_expensive_tests_first_in_their_order():
    items = [_item("a", False), _item("train1", True), _item("b", False), _item("train2", True)]
    process.pytest_collection_modifyitems(types.SimpleNamespace(workerinput={}), items)
    assert [i.name for i in items] == ["train1", "train2", "a", "b"]


def test_a_run_without_workers_keeps_the_file_order():
    items = [_item("a", False), _item("train1", True), _item("b", False)]
    process.pytest_collection_modifyitems(types.SimpleNamespace(), items)
    assert [i.name for i in items] == ["a", "train1", "b"]


def test_it_reorders_after_the_spec_plugin_numbered_the_items():
    """claims.json sorts by the number fixtures.plugins.spec gives each item in its own
    pytest_collection_modifyitems: reordering before it would reorder the report."""
    assert getattr(process.pytest_collection_modifyitems, "pytest_impl", {}).get("trylast") is True
