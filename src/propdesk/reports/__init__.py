"""Registers, forms and reports: Excel (openpyxl) and PDF (reportlab). No Qt."""
