"""Initials of a second signer and initials after a signing word of another language (issue 16,
session 60, deid60c).

deid_initial_signs reads initials in capitals after an English label's colon or a log's dash.
Three slots of a signature were left in view on the development halves:

* the second signer joined by a slash to a name already found, in any case and with letters of
  other alphabets: "Checked C.L./R.D.", "Handed over by JW/kt", "Signed: GP/AZ", "SK/BÖ",
  "NP Rangi/rp", "Paraaf VG/W.D.";
* initials after a signing word of another language or a minute-taker's word, with or without
  a colon: "Firma: ICG", "Aláírás: SzP", "Rubrica SM", "Assinado FL/cs", "Paraaf VG",
  "Minutes HL", "Note by kn", "Addendum BS";
* a pair of initials joined by a slash that ends its line, or stands before the line's date and
  time, after the line's start or a semicolon: "...; HQ/ob 06/12/2026 08:20".

Initials that a route, a test, a service or a word claims stay (deid_initial_slots' person
test): "Signed: IV/PO", "Minutes: N/A", "switch IV/PO", "Note by the nurse".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_initial_slots import _person_like
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_spans import Redaction, label

_UPPER = r"A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŐŰ"
_LOWER = r"a-zß-öø-ÿłśżźćńőű"
# Capitals, one small letter between them allowed ("SzP", "McK"), dotted initials ("W.D."),
# or two or three small letters ("kt", "cyc").
_CAPITALS = rf"[{_UPPER}](?:[{_LOWER}]?[{_UPPER}]){{1,3}}"
_DOTTED = rf"(?:[{_UPPER}]\.){{1,3}}"
_SMALL = rf"[{_LOWER}]{{2,3}}"
_INITIALS = rf"(?:{_DOTTED}(?![\w])|{_CAPITALS}(?![\w'’])|{_SMALL}(?![\w'’]))"
_SLASH_PARTNER = re.compile(rf"\.?[ \t]*/[ \t]*(?P<v>{_INITIALS})(?!/\d)")
# A minute-taker's or signer's word, English or not, then the initials.
_CUES = (
    r"firma|firmado|aláírás|rubrica|paraaf|paraphe|paraf|assinado|assinatura|podpis|imza|İmza|"
    r"ký|kuitattu|vidiert|relu|visa|visto|gez\.|unterschrift|getekend|signé|"
    r"minutes|minuted[ \t]+by|note[ \t]+by|addendum|handed[ \t]+over[ \t]+by|taken[ \t]+by|"
    r"countersigned(?:[ \t]+by)?|co-?signed(?:[ \t]+by)?|revisado[ \t]+por|revisto[ \t]+por"
)
_CUED = re.compile(
    rf"(?<![\w-])(?<!\d[ \t])(?i:{_CUES})[ \t]*[:.]?[ \t]+(?P<v>{_INITIALS})"
    r"(?=[ \t]*(?:$|[,;/.)]|[ \t]\d|[ \t]+(?:RN|MD|DO|PA|NP)\b))",
    re.M,
)
# A date or a time that may end a signed line.
_CLOCK = r"\d{1,2}[:.h]\d{2}"
_STAMP = rf"(?:[ \t]+\d{{1,4}}(?:[./-]\d{{1,4}}){{1,2}}(?:[ \t]+{_CLOCK})?|[ \t]+{_CLOCK})?"
_PAIR = re.compile(
    rf"(?:^|;)[ \t]*(?P<a>{_CAPITALS}|{_DOTTED})[ \t]*/[ \t]*(?P<b>{_INITIALS})"
    rf"(?={_STAMP}[ \t]*$)",
    re.M,
)
_NOT_SMALL = frozenset(
    {"or", "and", "the", "to", "of", "in", "on", "at", "me", "us", "him", "her", "day", "wk", "hr",
     "min", "kg", "mg", "ml", "pt", "pts", "yr", "mo", "wks", "hrs", "mmol", "l", "dl"}
)  # fmt: skip


def _initials(value: str, lex: Lexicon) -> bool:
    """Whether ``value`` can be a person's initials: small letters no word list claims, or
    capitals the person test leaves to a person."""
    if value.islower():
        return value not in _NOT_SMALL and not (len(value) == 3 and lex.known(value))
    return _person_like(value, lex)


def _name_spans(found: Iterable[Redaction], text: str) -> Iterator[tuple[int, int]]:
    """The found names of one word: the signers a slash may join another to."""
    for redaction in found:
        value = text[redaction.start : redaction.end]
        if redaction.kind not in ("name", "patient_name") or len(value) > 16:
            continue
        if not any(c.isspace() for c in value):
            yield redaction.start, redaction.end


def signer_initial_candidates(
    text: str, found: Iterable[Redaction], lex: Lexicon
) -> list[Redaction]:
    """Second signers, initials after a signing word and line-ending pairs of initials in
    ``text``; ``found`` are the redactions so far (see the module's docstring)."""
    spans: set[tuple[int, int]] = set()
    if "/" in text:
        for start, end in _name_spans(found, text):
            # After a whole word, capitals are as often an acronym of the same list
            # ("MediShield/MAF"): only small letters or dotted initials join a name
            # ("Rangi/rp"); any initials join initials ("JW/kt", "GP/AZ").
            word = len(text[start:end].replace(".", "")) > 3
            while (partner := _SLASH_PARTNER.match(text, end)) is not None:
                value = partner.group("v")
                if word and value.isupper() and "." not in value:
                    break
                if not _initials(value, lex):
                    break
                spans.add(partner.span("v"))
                end = partner.end("v")
        for match in skipped_finditer(_PAIR, text):
            a, b = match.group("a"), match.group("b")
            if _initials(a, lex) and _initials(b, lex):
                spans.update((match.span("a"), match.span("b")))
    for match in skipped_finditer(_CUED, text):
        if not _initials(match.group("v"), lex):
            continue
        spans.add(match.span("v"))
        end = match.end("v")
        while (partner := _SLASH_PARTNER.match(text, end)) is not None:
            if not _initials(partner.group("v"), lex):
                break
            spans.add(partner.span("v"))
            end = partner.end("v")
    return [Redaction("name", a, b, text[a:b], label("name")) for a, b in sorted(spans)]
