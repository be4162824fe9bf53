"""The grounding checks of one sentence against its cited passages, a module a family
(rag/grounding.py runs them in order and collects their flags)."""
