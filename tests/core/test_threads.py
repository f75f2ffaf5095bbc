"""fixtures/core/threads.py: each xdist worker's share of the cores, and `-n auto` under `tox p`.

The measurements behind it (one thread per worker: the default spec 41.4 → 33–36 s wall, verdicts
and experiment numbers unchanged) are in docs/performance.md; here only the rules, each with the
mistake that would break it.
"""
from __future__ import annotations

import os

import pytest

from fixtures.core import threads


@pytest.fixture
def clean_env(monkeypatch):
    for name in (*threads.TF_VARIABLES, *threads.BLAS_VARIABLES, "TOX_PARALLEL_ENV"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("workers", "cpus", "expected"), [
    (2, 2, 1), (1, 2, 2), (4, 16, 4), (16, 16, 1), (3, 2, 1), (0, 2, 2),
])
def test_each_worker_gets_its_share_and_at_least_one_thread(workers, cpus, expected):
    # a mistake that gave every worker all the cores (the TensorFlow default) would give cpus here
    assert threads.threads_per_process(workers, cpus) == expected


def test_share_cores_sets_tensorflows_and_blass_pools(clean_env):
    threadpoolctl = pytest.importorskip("threadpoolctl")
    calls = []
    clean_env.setattr(threadpoolctl, "threadpool_limits", lambda **kw: calls.append(kw))
    assert threads.share_cores(2, 2) == 1
    assert calls == [{"limits": 1, "user_api": "blas"}]     # the BLAS numpy has loaded already
    assert [os.environ[n] for n in threads.TF_VARIABLES] == ["1", "1"]
    assert [os.environ[n] for n in threads.BLAS_VARIABLES] == ["1", "1", "1"]


def test_what_the_user_set_is_kept(clean_env):
    clean_env.setattr(pytest.importorskip("threadpoolctl"), "threadpool_limits", lambda **kw: None)
    clean_env.setenv("TF_NUM_INTRAOP_THREADS", "8")
    clean_env.setenv("OPENBLAS_NUM_THREADS", "4")
    threads.share_cores(2, 2)
    assert os.environ["TF_NUM_INTRAOP_THREADS"] == "8" and os.environ["TF_NUM_INTEROP_THREADS"] == "1"
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4" and "OMP_NUM_THREADS" not in os.environ


def test_a_spec_run_under_tox_p_takes_one_core_and_one_worker(clean_env):
    assert threads.auto_workers(spec_run=True) is None              # xdist decides: every core
    assert threads.cores_of_this_run(spec_run=True) == threads.all_cores()
    clean_env.setenv("TOX_PARALLEL_ENV", "tf221")
    assert threads.auto_workers(spec_run=True) == 1
    assert threads.cores_of_this_run(spec_run=True) == 1
    # the self-tests run after the spec envs, alone: they keep every core
    assert threads.auto_workers(spec_run=False) is None
    assert threads.cores_of_this_run(spec_run=False) == threads.all_cores()
