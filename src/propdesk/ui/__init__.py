"""Qt widgets: thin views over services. No business rules here."""
