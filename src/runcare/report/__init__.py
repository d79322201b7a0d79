"""Presenting the load model: charts and the self-contained HTML report (no Django)."""
