"""Wires the harness in: the pytest plugins of fixtures/ (see fixtures/__init__.py).

fixtures.plugin        options (--seed, --env-name, --report-dir, --run-slow), verdicts, claims.json, report
fixtures.course_model  the course's own 10-initializer Sequential model (session fixture)
fixtures.timing        «Tiempo de cálculo»: benchmark options and fixtures
fixtures.course_gate   --course: run the course page's code blocks, tie claims to its text

(fixtures.depth is a helper module the depth specs import, not a plugin.)
"""
pytest_plugins = [
    "fixtures.plugin",
    "fixtures.course_model",
    "fixtures.timing",
    "fixtures.course_gate",
]
