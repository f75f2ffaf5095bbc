"""Wires the harness in. Each plugin module holds one concern:

fixtures.plugin        options (--seed, --env-name, --report-dir), markers, verdicts, claims.json, report
fixtures.course_model  the course's own 10-initializer Sequential model (session fixture)
fixtures.timing        "Tiempo de cálculo" benchmark options and fixtures
fixtures.depth         initialization-through-depth experiment fixtures
fixtures.course_gate   --course: run the course page's code blocks, tie claims to its text
"""
pytest_plugins = [
    "fixtures.plugin",
    "fixtures.course_model",
    "fixtures.timing",
    "fixtures.depth",
    "fixtures.course_gate",
]
