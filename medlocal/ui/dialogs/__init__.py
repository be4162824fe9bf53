"""Dialogs of the window, each loaded on first use."""
