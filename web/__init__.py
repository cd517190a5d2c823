"""HTTP routes the app serves beside Streamlit's own (see serve.py)."""
