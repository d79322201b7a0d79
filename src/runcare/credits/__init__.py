"""Picture credits: one record per picture (title, author, source, licence, modified), rendered
in Creative Commons' Title-Author-Source-Licence form. Framework-free (EVIDENCE.md section 6)."""

from runcare.credits.figure import figure_html, missing_words
from runcare.credits.model import Credit, CreditError, missing_fields
from runcare.credits.render import credit_html, credit_markdown, credit_text

__all__ = [
    "Credit",
    "CreditError",
    "credit_html",
    "credit_markdown",
    "credit_text",
    "figure_html",
    "missing_fields",
    "missing_words",
]
