"""Privacy guard: the offline network guard, process hardening and export redaction."""
