"""Speed (session 53): the fixed-form patterns built from one parse each.

deid_patterns writes each fixed-form pattern again twice, with zero-width tests in front (the
word-start test, and deid_first_characters' first-character test), and reads each through
CPython's parse (which words it opens, its cues, its openings). re.compile parses the text it is
given from scratch: each pattern was parsed five times and compiled three times, most of the
five seconds of ``import medlocal.privacy.redact`` that every redacted export paid first.

Here a pattern written as zero-width tests in front of a pattern already parsed,
``f"{head}(?:{written})"``, is compiled from that parse: the head's parse and the written
pattern's parse joined as CPython's parser joins a group without a name or flags (it splices the
group's items in place), then CPython's own code generation and ``_sre.compile``, as
``re._compiler.compile`` does. The result is the pattern ``re.compile`` makes of the same text
(equal: a compiled pattern's equality compares its text, flags and whole code), checked once at
import on a sample, and for every shipped pattern by test_deid_speed53. Where the internals
differ or the check fails, ``re.compile`` is used: slower, never another pattern.

Parses are kept by (text, flags) while ``keep()`` is on (the build); ``forget()`` lets them go
(a parse of every pattern holds tens of megabytes).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any = None
_compiler: Any = None
_sre: Any = None
try:
    _parser = importlib.import_module("re._parser")
    _compiler = importlib.import_module("re._compiler")
    _sre = importlib.import_module("_sre")
except ImportError:  # pragma: no cover - another Python's internals
    _parser = None

_kept: dict[tuple[str, int], Any] = {}
_keeping = False


def keep() -> None:
    """Keep each parse made from now on, by its text and flags (see forget)."""
    global _keeping
    _keeping = True


def forget() -> None:
    """Let the kept parses go, and keep no more."""
    global _keeping
    _keeping = False
    _kept.clear()


def parse(written: str, flags: int) -> Any:
    """CPython's parse of the pattern ``written`` under ``flags`` (kept while keep() is on).
    The parse is shared: a reader must not change it. Raises what the parser raises."""
    found = _kept.get((written, flags))
    if found is None:
        found = _parser.parse(written, flags)
        if _keeping:
            _kept[written, flags] = found
    return found


def _joined(head: str, written: str, flags: int) -> tuple[str, Any]:
    """The text ``f"{head}(?:{written})"`` and its parse, made from the parses of both."""
    body = parse(written, flags)
    front = _parser.parse(head, flags)
    if front.state.groups != 1 or front.state.flags & ~body.state.flags:
        raise ValueError("the head holds a group or a flag of its own")
    text = f"{head}(?:{written})"
    # A group with no name and no flags is spliced into its sequence by the parser (3.11 on).
    return text, _parser.SubPattern(body.state, list(front.data) + list(body.data))


def _compiled(text: str, parsed: Any, flags: int) -> re.Pattern[str]:
    """re._compiler.compile of ``parsed`` (the parse of ``text``), with ``text`` as its text."""
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    pattern: re.Pattern[str] = _sre.compile(
        text, flags | state.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup)
    )
    return pattern


def compile_in_front(head: str, written: str, flags: int) -> re.Pattern[str]:
    """``re.compile(f"{head}(?:{written})", flags)``: ``head`` is zero-width tests with no
    group and no flags of their own; ``written`` has no global flags ("(?i)" first). The parse
    of ``written`` is taken from those kept, and the new one is kept too."""
    text = f"{head}(?:{written})"
    if not _WORKS:
        return re.compile(text, flags)
    try:
        text, parsed = _joined(head, written, flags)
        compiled = _compiled(text, parsed, flags)
    except (re.error, AttributeError, TypeError, ValueError, IndexError, KeyError):
        return re.compile(text, flags)
    if _keeping:
        _kept[text, flags] = parsed
    return compiled


def _works() -> bool:
    """Whether compile_in_front makes what re.compile makes, on a sample of what it is given
    (a word-start test and a first-character test in front of groups, alternatives, sets,
    case flags and repeats)."""
    if _parser is None:
        return False
    samples = [
        (r"(?<!\w)(?=\w)", r"\b(?P<v>(?i:mr|mrs)\.?[ \t]+[A-Z]\w+)|\bab?c{2,3}", re.IGNORECASE),
        (r"(?=[0-9]|(?i:[ab]))", r"(?:\d{3}|[ab]x)(?=\s)|ba", 0),
    ]
    try:
        for head, written, flags in samples:
            text, parsed = _joined(head, written, flags)
            if _compiled(text, parsed, flags) != re.compile(text, flags):
                return False
    except (re.error, AttributeError, TypeError, ValueError, IndexError, KeyError):
        return False
    return True


_WORKS = _works()
