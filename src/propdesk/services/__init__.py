"""The office's rules (DOMAIN.md), one module per concern. No Qt here."""
