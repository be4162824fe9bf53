"""What a model's text says as a whole, besides its statements (rag/grounding.py checks those):
that the passages do not hold the answer (:func:`model_declined`), that it looped or was cut at
the length limit (:func:`whole_text_flags`), and what broke in an answer that also gives
something the passages do not (:func:`breakdown`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlocal.engine.api import STOP_LENGTH
from medlocal.rag.answer_generation import Generated
from medlocal.rag.citations import cited_numbers
from medlocal.rag.flags import CONTENT_KINDS, Flag
from medlocal.rag.loops import Loop
from medlocal.rag.prompts import NOT_FOUND_SENTINEL

# Ways small models say the passages are silent, besides the sentinel they were asked for.
_SOURCES = r"(?:passages?|documents?|records?|notes?|context|excerpts?|sources?)"
_DECLINE = re.compile(
    rf"\b(?:{_SOURCES}|information provided)\b[^.]{{0,40}}?"
    r"\b(?:do|does|did)\s*(?:n[o']t|not)\s+(?:contain|mention|include|provide|say|specify|"
    r"state|list|show|give|indicate|describe|report|document|discuss|have|record)"
    r"|\b(?:could|can|did)\s*(?:n[o']t|not)\s+(?:find|locate|see|identify)\b"
    rf"[^.]{{0,60}}?\b{_SOURCES}\b"
    rf"|\bunable\s+to\s+(?:find|locate|identify)\b[^.]{{0,60}}?\b{_SOURCES}\b"
    r"|\bnot\s+(?:(?:found|mentioned|available|provided|stated|present|included|contained|"
    r"documented|listed|given|specified|recorded)\s+)?(?:in|within)\s+(?:the\s+)?"
    rf"(?:provided\s+|given\s+|available\s+|patient'?s?\s+)?{_SOURCES}"
    r"|\bno\s+(?:mention|information|record|data|documentation)\s+(?:of|about|on|regarding)\b",
    re.I,
)
# Markdown emphasis and quotes that small models wrap around the sentinel: "**NOT IN DOCUMENTS**".
_WRAPPING = re.compile(r"^[\s*_`\"'“”‘’>#]+")


def whole_text_flags(generated: Generated, loops: Sequence[Loop], max_tokens: int) -> list[Flag]:
    """What went wrong with the answer as a whole (walk 33: a small model's answer stopped at
    "...and it" with no word of it, and a paragraph said three times was kept)."""
    if loops or generated.looped:
        said = "; ".join(f"the model {loop.describe()}" for loop in loops)
        if generated.looped:  # even where nothing was left to cut: the rest of it is missing
            said += (". " if said else "") + "MedLocal stopped the model once it looped"
        return [Flag(-1, "degenerate_output", "", said + ".")]
    if generated.stream.stop_reason == STOP_LENGTH:
        return [
            Flag(
                -1,
                "cut_short",
                "",
                f"the answer reached the length limit ({max_tokens} tokens) and may be cut short:"
                " it may end mid-sentence and miss what follows. Ask again with a longer limit"
                " (Settings → Longest answer, or medlocal settings set max_tokens).",
            )
        ]
    return []


def model_declined(text: str, limit: int | None = None) -> bool:
    """True when the model reports that the passages do not hold the answer (``limit``: the
    highest passage number it was given, to tell a reference range from a citation)."""
    stripped = text.strip()
    if _WRAPPING.sub("", stripped).upper().startswith(NOT_FOUND_SENTINEL):
        return True
    return not cited_numbers(stripped, limit) and _DECLINE.search(stripped) is not None


# An invalid citation that names a passage by a number the model was not given ("[9]"), not a
# placeholder ("[n]") it left.
_NUMBERED = re.compile(r"\[\d+\]")


# Content flags that say an answer gives what the passages do not; not the model's doubt, nor
# weak support (a made-up heading "(ref.pdf, page 11)" shares few words with any passage).
_GIVES_OTHERWISE = CONTENT_KINDS - {"model_doubt", "weak_support"}


def breakdown(checked: Sequence[Flag], made_up: Sequence[Flag], whole: Sequence[Flag]) -> str:
    """What broke in an answer that also gives something the passages do not (``_GIVES_OTHERWISE``),
    from its flags ("" when nothing did, or when the rest of it is supported): it looped
    (``whole``'s degenerate_output), named a document or page not given (``made_up``), or
    cited a passage number not given (``checked``). A supported answer with such a slip stays
    the answer, flagged: a loop cut from it (walk 33), a made-up heading "(ref.pdf, page 11)"
    (walk 26), an extra "[5]"."""
    if not any(f.kind in _GIVES_OTHERWISE for f in checked):
        return ""
    broken = [f for f in whole if f.kind == "degenerate_output"] + list(made_up)
    broken += [f for f in checked if f.kind == "invalid_citation" and _NUMBERED.fullmatch(f.token)]
    return "; ".join(dict.fromkeys(f.message.rstrip(".") for f in broken))
