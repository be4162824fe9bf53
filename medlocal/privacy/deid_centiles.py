"""A growth centile is no identifier (walk 23: "WHO chart 40th centile" became "WHO chart [ID]
centile": the chart's cue read the ordinal after it as the chart's number)."""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)\Z")
_CENTILE_AFTER = re.compile(r"[ \t]*-?[ \t]*(?i:centile|percentile|%ile|pctl|cent)\b")


def without_centiles(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less an ordinal that a centile's word follows."""
    return [
        red
        for red in redactions
        if not (
            red.kind not in ("date", "dob")
            and _ORDINAL.match(red.original)
            and _CENTILE_AFTER.match(text, red.end)
        )
    ]
