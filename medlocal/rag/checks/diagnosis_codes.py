"""Diagnosis codes (ICD-10) an answer gives: each must be in the cited passages. The value reader
reads no code ("I21.4" is no number), so a wrong code passed: "coded I21.4" over "NSTEMI
(I21.9)" (review58a). A code is read where it is written with its point ("E11.9", "N18.3") or
after a word that says it is one ("ICD-10 I10", "coded E11"): a bare "B12" or "T12" is a vitamin
or a vertebra."""

from __future__ import annotations

import re

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.sentence_flags import SentenceCheck, absent, quoted, sentence_at

# A letter (not U, kept for special use), two figures, maybe a point and one to four more
# characters ("I21.4", "E11.65", "S72.001A", "F32.A").
_CODE = re.compile(r"(?<![\w.])(?P<code>[A-TV-Z]\d{2}(?P<point>\.[0-9A-Z]{1,4})?)(?![\w]|\.\d)")
# A word naming a code within a few words before it: "ICD-10 I10", "coded as E11", "code: N18";
# German "Diagnoseschlüssel", French "CIM-10", Spanish "CIE-10".
_CODE_WORD = re.compile(
    r"\b(?:ICD(?:[-\s]?10)?(?:[-\s]?(?:CM|GM))?|codes?|coded|coding|diagnos(?:is|tic)\s+codes?"
    r"|Kode|Diagnoseschl[üu]ssel|CIM[-\s]?10|CIE[-\s]?10)\b[^.\n;]{0,30}$",
    re.IGNORECASE,
)


# A code as many systems write it, without its point: "E119", "J189", "N1831", a Read code's
# "G30.." (review59c: a right "E11.9" over a problem list's "E119" was flagged). Read in a
# passage only, to confirm: a passage's "B12" confirms no answer's "B12.1".
_UNDOTTED = re.compile(r"(?<![\w.])[A-TV-Z]\d{2}[0-9A-Z]{0,4}(?![\w]|\.\d)")


def codes(text: str) -> list[re.Match[str]]:
    """The diagnosis codes of ``text``: dotted, or after a word that names a code."""
    return [
        m
        for m in _CODE.finditer(text)
        if m.group("point") or _CODE_WORD.search(text, max(m.start() - 40, 0), m.start())
    ]


def _key(code: str) -> str:
    return code.upper().replace(".", "")


def check_codes(check: SentenceCheck, body: str, cited: list[int], facts: PassageFacts) -> None:
    """Flag a code of ``body`` that no cited passage gives; a passage's code that it is the
    category of ("I21" of "I21.4") confirms it. The flag quotes a passage's codes where it
    gives some."""
    found = codes(body)
    if not found:
        return
    given = [(n, m) for n in cited for m in codes(facts.text([n]))]
    undotted = {m.group() for n in cited for m in _UNDOTTED.finditer(facts.text([n]))}
    keys = [*(_key(g.group("code")) for _, g in given), *undotted]
    for m in found:
        key = _key(m.group("code"))
        if any(k.startswith(key) for k in keys):
            continue
        said = ""
        if given:
            listed = ", ".join(dict.fromkeys(g.group("code") for _, g in given))
            said = f"; they give {listed}"
        check.add(
            "unverified_number",
            m.group("code"),
            absent(f"code '{m.group('code')}'", "does not appear in", cited) + said,
            m.start("code"),
            quote=quoted(sentence_at(facts.text([given[0][0]]), given[0][1].start()))
            if given
            else "",
            passage=given[0][0] if given else 0,
        )
