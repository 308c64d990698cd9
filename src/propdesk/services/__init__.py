"""The office's rules (docs/), one module per concern. No Qt here."""
