"""A facility's initials where a note of any language sends, sees or treats the patient, and the
initials a note defines beside a facility's name (issue 16, session 61: deid61a).

deid_facility_mentions reads capitals in an English place slot ("transferred from KATH") and the
first letters of a found facility's words. The development halves' facility misses were mostly
initials that the same frame holds in other languages ("Zuverlegt vom UKE", "overgeplaatst naar
het LUMC", "vyšetřena v Thomayerově nemocnici a ve VFN", "retour prévu au CHUL", "dirawat di ...
dan di PGH"), and initials a note spells out beside the name in brackets whose letters are more
than the first of each word ("Πανεπιστημιακό Γενικό Νοσοκομείο Ηρακλείου (ΠΑΓΝΗ)", "NLI (the
National Liver Institute)"). Two readings, from the note's own evidence, not from a list of
hospitals:

* **a slot of movement or care**: capitals (three to seven letters, any script) right after a
  place's preposition of English, German, Dutch, French, Spanish, Portuguese, Italian, the West
  Slavic and Scandinavian languages, Greek, Russian, Ukrainian or Indonesian, where the clause
  before it (up to the last stop, colon, semicolon or line break, at most 80 characters) holds
  a verb or noun of moving, seeing or treating a patient, a test or procedure done somewhere
  ("MRI im USZ", "CT hrudníku v IKEM"), or a found place and a conjunction ("[Thomayerově
  nemocnici] a ve VFN");
* **initials defined in brackets**: capitals in brackets right after a found place's name, or a
  found place's name in brackets right after the capitals, when the capitals are the name's
  words' opening letters (one or more from each word: "ΠΑ-Γ-Ν-Η"; "of", "de" and the like may
  give none).

Each reading's initials are then a facility wherever the note writes them in capitals. What
stays: a clinical abbreviation, the units deid_facility_mentions keeps (ICU, GP, CATH...), a
specialty or service in capitals, the units of other languages' hospitals that the abbreviation
list does not hold (MRT, HNO, ZNA, IMC, JIP, ARO, OIOM, SOR, SEH, UCI, REA, ORL, IGD...), and
capitals on a line written in capitals (a heading is no evidence). A clinical abbreviation the
note itself defines as a facility's initials ("NLI (the National Liver Institute)") is the
facility in that note. Each reading is one pass of a pattern over the text: linear in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_facility_mentions import (
    _after_a_clinical_word,
    _facility,
    _mostly_capitals,
    _slot_initials,
)
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_service_acronym_list import SERVICE_ACRONYMS
from medlocal.privacy.deid_spans import Redaction

# Capitals of any script, three to seven, standing alone as a word ("UKE", "ΠΑΓΝΗ", "UMCU").
_CAPS = re.compile(r"(?<![\w&.'’-])(?:[^\W\d_a-zß]){3,7}(?![\w&-]|['’](?!s\b))")
# A place's preposition (with its article) right before the capitals.
_PREPOSITION = re.compile(
    r"(?i:(?<![\w'’])(?:at|to|from|into|in|vom|von|von[ \t]+der|im|ins|in[ \t]+der|in[ \t]+die|"
    r"ans|am|zum|zur|nach|aus|aus[ \t]+dem|aus[ \t]+der|beim|bei|naar[ \t]+het|naar|"
    r"vanuit[ \t]+het|vanuit|uit[ \t]+het|in[ \t]+het|bij[ \t]+het|van[ \t]+het|au|aux|"
    r"à[ \t]+l['’]|à[ \t]+la|du|de[ \t]+l['’]|de[ \t]+la|vers[ \t]+l['’]|vers[ \t]+le|chez|"
    r"al|del|en[ \t]+el|en[ \t]+la|desde[ \t]+el|desde[ \t]+la|a[ \t]+la|en|na|da|ao|"
    r"pelo|pela|para[ \t]+o|dal|nel|presso[ \t]+il|presso|all['’]|dall['’]|nell['’]|v|ve|z|"
    r"ze|w|we|på|til|fra|vid|från|di|ke|dari|στο|στη|στην|στον|από|σε|в|во|из|с|до|у)[ \t]*)\Z"
)
# A German hospital's unit, then the genitive: "die ZNA des UKE", "Kardiologie der MHH" - the
# unit names the place its capitals follow (review62a).
_UNIT_OF = re.compile(
    r"(?<![\w-])(?:ZNA|IMC|ITS|Notaufnahme|Ambulanz|[Ii]ntensivstation|Station|Abteilung|"
    r"Poliklinik|Klinik|\w+logie|\w+chirurgie|\w+medizin)[ \t]+(?:des|der)[ \t]+\Z"
)
_UNIT_REACH = 40
# The clause before the preposition: from its last stop, colon, semicolon or line break (a
# bracket is an aside within the clause: "vanuit Diakonessenhuis (SEH) naar het LUMC").
_CLAUSE_REACH = 80
_CLAUSE_BREAK = re.compile(r"[.:](?:[ \t]|\Z)|[;\n]")
# Verbs and nouns of moving, seeing or treating a patient, and tests and procedures done at a
# place, by their opening letters (any language the notes are written in).
_CARE = re.compile(
    r"(?i:(?<![\w])(?:"
    # English (the slot verbs deid_facility_mentions reads are read there)
    r"convey|transport|taken|flown|diverted|bypass|treatment|treated|student|studie|previous|"
    r"earlier|prior|follow|scan|biops|surgery|operat|"
    # German
    r"verleg|zuverleg|überwie|eingewie|aufgenommen|entlass|behandel|vorgestell|untersuch|"
    r"operier|betreu|gebracht|zuvor|vorher|früher|nachsorge|kontroll|herzkatheter|katheter|"
    # Dutch
    r"overgeplaatst|verwezen|doorverwezen|opgenomen|ontslagen|gezien|behandeld|vervolg|eerder|"
    r"controle|"
    # French
    r"transfér|adressé|hospitalis|suivi|opéré|retour|admis|sorti|antérieur|auparavant|"
    # Spanish and Portuguese
    r"traslad|derivad|remitid|ingres|atendid|operad|transferid|seguimiento|previamente|egres|"
    r"encaminhad|internad|acompanhad|seguid|biópsi|ecocardiogra|exames|análisis|"
    # Italian
    r"trasferit|inviat|ricoverat|seguit|dimess|controllo|precedentemente|esami|"
    # Czech, Slovak and Polish
    r"přelož|vyšetř|hospitaliz|léčen|odeslán|předtím|dříve|przenies|leczon|skierowan|przyjęt|"
    r"wcześniej|badani|"
    # Norwegian, Danish and Swedish
    r"innlagt|overflytt|henvist|behandl|undersøk|remitter|inlagd|tidligere|tidigare|"
    # Indonesian and Malay
    r"dirawat|dirujuk|dipindahkan|sebelumnya|pernah|"
    # Greek, Russian and Ukrainian
    r"νοσηλ|μεταφ|διακομ|εξετάσ|παραπ|προηγ|госпитализ|переведен|направлен|лечил|наблюда|"
    r"ранее|госпіталіз|переведен|направлен|лікув|раніше|"
    # tests and procedures (their usual initials in any language)
    r"mri|mrt|irm|ct|tc|tac|pet|eeg|echo|eco|angio|endoscop|gastroscop|colonoscop|koloskop|"
    r"kolonoskop|dialys|diális|hemodiál|ablation|tavi|pci|ppci|rtg|röntgen))"
)
# A conjunction between a found place and the preposition: "[Thomayerově nemocnici] a ve VFN".
_AND_THEN = re.compile(
    r"(?<![ \t,])[ \t]*,?[ \t]*(?<![\w])(?i:and|und|en|et|y|e|i|a|og|och|dan|oraz|ou|o|or)"
    r"[ \t]+\Z"
)
_PLACE_KINDS = frozenset({"facility", "location", "city", "name"})
# Hospital units of other languages that the clinical abbreviation list does not hold.
_FOREIGN_UNITS = frozenset(
    {"MRT", "HNO", "ZNA", "IMC", "ITS", "JIP", "ARO", "OIOM", "SOR", "SEH", "UCI", "REA", "ORL",
     "IGD", "UCIN", "UTIP", "UTI", "SAU", "SAMU", "SMUR", "UPA", "NPA", "KRS", "IPS", "POZ",
     "NFZ", "OIT", "SSN", "ASL", "AIOM", "UOC", "UOS", "CUP", "DEA", "PS", "TAC", "RMN", "ECO",
     "IRM", "TDM", "EKG", "EEG", "EMG", "RTG", "USG", "CHU", "CHR", "UMC", "KBC", "RSUD",
     "ICD", "DRG", "AOK", "IKK", "BKK", "SVA", "SVB", "UVI", "MMG", "PLS",
     # Greek, Russian and Ukrainian units and tests
     "ΗΚΓ", "ΜΕΘ", "ΤΕΠ", "ΜΑΦ", "ΜΤΝ", "ΜΕΝ", "ΑΤΚ", "ЭКГ", "МРТ", "УЗИ", "ОРИТ", "ОАР",
     "ЭЭГ", "ФГДС", "ОАК", "БАК", "ЕКГ", "УЗД", "ВІТ", "КТ"}
)  # fmt: skip
_SKIP = frozenset(
    {"of", "and", "the", "de", "du", "des", "la", "le", "l", "d", "for", "at", "in", "on", "y",
     "e", "i", "di", "del", "della", "dei", "degli", "do", "da", "dos", "das", "van", "von",
     "der", "den", "und", "et", "a", "an"}
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_BRACKETED_AFTER = re.compile(r"[ \t]*\([ \t]*(?:the[ \t]+)?")
_MOST_NAME_WORDS = 8


def _care_clause(text: str, at: int) -> bool:
    """A verb or noun of care in the clause that ends at ``at``."""
    start = max(0, at - _CLAUSE_REACH)
    window = text[start:at]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return _CARE.search(window) is not None


def _after_a_found_place(text: str, at: int, ends: set[int]) -> bool:
    """A found place, then a conjunction, right before the preposition at ``at``."""
    start = max(0, at - 12)
    conjunction = _AND_THEN.search(text, start, at)
    return conjunction is not None and conjunction.start() in ends


def _in_a_slot(text: str, caps: re.Match[str], ends: set[int]) -> bool:
    if _UNIT_OF.search(text, max(0, caps.start() - _UNIT_REACH), caps.start()) is not None:
        return True
    prep = _PREPOSITION.search(text, max(0, caps.start() - 16), caps.start())
    if prep is None:
        return False
    return _care_clause(text, prep.start()) or _after_a_found_place(text, prep.start(), ends)


def _an_initial_word(letters: str, lex: Lexicon) -> bool:
    return (
        letters not in _FOREIGN_UNITS
        and letters not in SERVICE_ACRONYMS
        and _slot_initials(letters, lex)
    )


def _plain(word: str) -> str:
    """Capitals without accents, in their own script ("Ηρακλείου" -> "ΗΡΑΚΛΕΙΟΥ"): fold()
    writes ASCII and would drop a Greek or Cyrillic word."""
    decomposed = unicodedata.normalize("NFKD", word.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spelled_out(letters: str, name: str) -> bool:
    """``letters`` are the opening letters of ``name``'s words, one or more from each ("ΠΑΓΝΗ"
    of "Πανεπιστημιακό Γενικό Νοσοκομείο Ηρακλείου", "UMCU" of "UMC Utrecht"); a joining word
    ("of", "de") may give none."""
    words = [_plain(w) for w in _WORD.findall(name)]
    target = _plain(letters)
    if not words or len(words) > _MOST_NAME_WORDS or len(words) < 2:
        return False
    # reach[i] is the set of word indices j such that target[:i] is spelled by words[:j].
    reach: list[set[int]] = [set() for _ in range(len(target) + 1)]
    reach[0].add(0)
    for i in range(len(target) + 1):
        pending = sorted(reach[i])
        while pending:
            j = pending.pop()
            if j == len(words):
                continue
            if words[j].lower() in _SKIP and j + 1 not in reach[i]:
                reach[i].add(j + 1)
                pending.append(j + 1)
            word = words[j]
            for k in range(1, len(word) + 1):
                if i + k > len(target) or target[i : i + k] != word[:k]:
                    break
                reach[i + k].add(j + 1)
    return len(words) in reach[len(target)]


def _defined(
    text: str, caps: re.Match[str], by_end: dict[int, Redaction], by_start: dict[int, Redaction]
) -> bool:
    """Capitals in brackets right after a found place they spell out, or before a bracketed
    found place that spells them out."""
    letters = caps.group()
    before = re.search(r"[ \t]?\([ \t]?\Z", text[max(0, caps.start() - 3) : caps.start()])
    # The brackets hold the initials alone: "(LSVT LOUD)" after "Lee Silverman Voice Treatment"
    # names a therapy's version, not a place's initials.
    if before is not None and text[caps.end() : caps.end() + 1] == ")":
        red = by_end.get(caps.start() - (len(before.group())))
        if red is not None:
            return spelled_out(letters, red.original)
    after = _BRACKETED_AFTER.match(text, caps.end())
    if after is not None:
        red = by_start.get(after.end())
        if red is not None:
            return spelled_out(letters, red.original.split(",")[0])
    return False


def slot_initial_spans(text: str, found: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """Facility redactions of initials in a slot of care in any language, of initials a note
    defines beside a found place, and of their other mentions in the note."""
    places = [red for red in found if red.kind in _PLACE_KINDS]
    by_end = {red.end: red for red in places}
    by_start = {red.start: red for red in places}
    capitals = [caps for caps in skipped_finditer(_CAPS, text) if caps.group().isupper()]
    ends = set(by_end)
    initials: set[str] = set()
    for caps in capitals:
        letters = caps.group()
        if letters in initials:
            continue
        if (
            _defined(text, caps, by_end, by_start)
            or (_an_initial_word(letters, lex) and _in_a_slot(text, caps, ends))
        ) and not _mostly_capitals(text, caps.start()):
            initials.add(letters)
    if not initials:
        return
    covered = bytearray(len(text) + 1)
    for red in places:
        covered[red.start : red.end] = b"\x01" * (red.end - red.start)
    for caps in capitals:
        if (
            caps.group() in initials
            and not all(covered[caps.start() : caps.end()])
            and not _after_a_clinical_word(text, caps.start(), lex)
        ):
            yield _facility(text, caps.start(), caps.end())
