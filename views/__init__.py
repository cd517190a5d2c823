"""Streamlit pages: thin widgets over package functions (see app.py for routing)."""
