"""The tourmap dashboard from the checkout: ``streamlit run streamlit_app.py`` (``make run`` and
``tourmap app`` run ``tourmap/dashboard.py``, the same navigation)."""

from tourmap.dashboard import main

main()
