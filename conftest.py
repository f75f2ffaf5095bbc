"""Wires the harness in: see fixtures/plugin.py (hooks, options, markers, fixtures)."""
pytest_plugins = ["fixtures.plugin", "fixtures.course_model"]
