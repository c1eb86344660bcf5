"""The dashboard's pages, installed as ``tourmap.pages`` (pyproject's ``package-dir``).

They are Streamlit scripts run by ``tourmap.dashboard``, never imported as modules.
"""
