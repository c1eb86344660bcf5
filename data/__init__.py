"""The run-time data (country polygons, border, labels, the Tillerson tour and article).

This folder is installed as the package ``tourmap.data`` (pyproject's ``package-dir``), so the
code reads it through ``importlib.resources`` from a wheel and from this checkout alike.
"""
