"""Wires the harness in: the pytest plugins of fixtures/plugins/ (see fixtures/__init__.py).

fixtures.plugins.spec          options (--seed, --env-name, --report-dir, --run-slow), verdicts, claims.json, report
fixtures.plugins.course_model  the course's own 10-initializer Sequential model (session fixture)
fixtures.plugins.timing        «Tiempo de cálculo»: benchmark options and fixtures
fixtures.plugins.course_gate   --course: run the course page's code blocks, tie claims to its text
fixtures.plugins.process       the process: `-n auto`, thread pools per worker, the garbage collector
"""
pytest_plugins = [
    "fixtures.plugins.spec",
    "fixtures.plugins.course_model",
    "fixtures.plugins.timing",
    "fixtures.plugins.course_gate",
    "fixtures.plugins.process",
]
