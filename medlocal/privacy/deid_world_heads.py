"""Organisations of other languages named head first, and by the short form of their kind
(round 21).

The word scan and :func:`~medlocal.privacy.deid_org_forms.foreign_heads` know the capitalised
heads of the large Western European languages; these are the heads and shapes they missed:

* heads of Polish, Spanish, Portuguese, Italian, French and Malay organisations, places of worship
  and schools, in capitals or in lower case ("Poradnia Kardiologiczna przy ul. Lipowej", "Szpital
  im. Marii Curie", "z parafii św. Wojciecha", "à l'école Paul-Bert", "la capilla del Carmen",
  "Igreja de São Bento"), with the joining words of their language (a saint's "św.", a patron's
  "im.", a street's "przy ul.", "de l'", "ni", "ng"); a lower-case head is a kind until a
  capitalised name follows it;
* an Icelandic hospital or health centre in one compound word, and the town after "á" or "í"
  ("Heilbrigðisstofnun ...", "Fjórðungssjúkrahúsið á Akureyri");
* the short form of a school's, a club's or a local health authority's kind before its name:
  Malaysian and Indonesian schools ("SK Taman Melati", "SMK Seri Ampang", "SDN Cibubur 05"), a
  Malaysian health clinic ("KK Batu 9"), Dutch schools and clubs ("OBS De Regenboog",
  "HC Tilburg", "RKVV Heeswijk"), German and Swiss clubs ("SV Blau-Weiß Lohne", "TSV Eching"),
  Italian local health authorities ("ASL Roma 2") and a Spanish university hospital
  ("H.U. Virgen del Rocío").

The short forms are also clinical letters ("HC" a head circumference, "SV" a stroke volume,
"KK"): after them only a capitalised word that no dictionary knows, or a place or a person's
name, makes a name; a number, a unit or a clinical word does not ("HC 34 cm", "SV Normal").
Each pattern starts at a literal head, so the cost stays small and linear.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_tokens import WordSpan

# A capitalised word of a name (accents of every Latin script; a hyphenated or dotted one).
_CAP = r"[A-ZÀ-ÞĀ-Ž][\w'’-]*"
# The small words that join a name's parts in these languages: articles and prepositions, a
# saint's and a patron's abbreviation ("św.", "im."), the street a clinic stands on ("przy ul.").
_JOIN = (
    r"(?:(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|les|los|las|y|e|ng|ni|"
    r"im\.|św\.|sw\.|bł\.|przy(?:[ \t]+(?:ul|al|pl)\.)?|na)[ \t]+|(?:de[ \t]+)?[ld]['’])"
)
# Up to five parts after a head: capitalised words, a patron's Roman numeral, a number ("No. 31").
_GAP = r"(?:[ \t]+(?:[-–][ \t]+(?=[A-ZÀ-ÞĀ-Ž]))?|(?<=['’]))"  # a dash before a capital
_PART = rf"(?:No\.[ \t]?\d{{1,4}}\b|{_CAP}|\d{{1,3}}\b)"
_PARTS = rf"(?P<n>(?:{_GAP}(?:{_JOIN})*{_PART}){{1,5}})"
_HEAD = re.compile(
    r"(?<![\w-])(?P<h>(?i:szpital[au]?|poradni[ae]?|przychodni[ae]?|cerk(?:iew|wi)|"
    r"ko[sś]ci[oó][lł][ae]?|ko[sś]ciele|parafi[aię]|szko[lł][aey]|o[sś]rodek|hospicjum|"
    r"fundacj[ai]|iglesia|capilla|ermita|catedral|jurisdicci[oó]n|igreja|capela|par[oó]quia|"
    r"ambulat[oó]rio|escola|chiesa|parrocchia|scuola|ordine|[eé]cole|[eé]glise|chapelle|"
    r"coll[eè]ge|unidad|unidade|mairie|cath[eé]drale|basilique|h[oô]pital|surau|tadika))"
    rf"{_PARTS}"
)
# Heads that are English words too: only capitalised ("Ordine dei Medici", not "in ordine").
_CAPITAL_ONLY = frozenset({"ordine", "college", "escola"})
# Heads that are a hospital's own unit unless numbered as one of a network's.
_NUMBERED_ONLY = frozenset({"unidad", "unidade"})

# The short forms of a kind before the name.
_SHORT = re.compile(
    r"(?<![\w'’.&/-])(?P<h>SM|SK|SMK|SJKC|SJKT|SJK[ \t]?\([CT]\)|SMJK|SRK|SDN|SMPN|SMAN|KK|"
    r"OBS|CBS|PCBS|RKBS|KBS|SV|TSV|FC|VfB|VfL|TuS|HC|MHC|RKVV|VV|AFC|ASL|ASP|AUSL|ASST|H\.U\.)"
    r"(?P<n>(?:[ \t]+(?:(?:de|del|della|di|la|los|las|van|'t)[ \t]+){0,2}"
    r"(?:[A-ZÀ-ÞĀ-Ž][\w'’-]*|\d{1,3}\b)){1,4})"
)

# An Icelandic hospital, health centre or clinic in one word, and its town after "á" or "í".
_ICELANDIC = re.compile(
    r"(?<![\w'’-])[A-ZÁÐÉÍÓÚÝÞÆÖ][\wáðéíóúýþæö]*(?:sjúkrahús|heilsugæsl|spítal|stofnun)"
    r"[\wáðéíóúýþæö]*(?:[ \t]+[áí][ \t]+[A-ZÁÐÉÍÓÚÝÞÆÖ][\wáðéíóúýþæö]+)?"
)

# An Italian emergency department of a named hospital ("PS del Gemelli", "Pronto Soccorso
# dell'Umberto I"), and a firm named after its word for a firm ("ditta Ossigas", "empresa
# Transportes Ruiz", "société Médiflux"): what follows the word is whose.
_OF_HOSPITAL = re.compile(
    r"(?<![\w'’-])(?:PS|DEA|[Pp]ronto[ \t]+[Ss]occorso)[ \t]+(?:del|dello|della|di|dell['’])"
    r"[ \t]*(?P<n>[A-ZÀ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-Þ][\w'’-]*){0,2})"
)
_FIRM = re.compile(
    r"(?<![\w'’-])(?:ditta|azienda|empresa|soci[eé]t[eé]|entreprise)[ \t]+"
    r"(?P<n>[A-ZÀ-Þ][\w'’-]*(?:[ \t]+(?:&[ \t]+)?[A-ZÀ-Þ][\w'’-]*){0,3})"
)

# A church, a parish or a school named after Our Lady and where she is honoured
# ("Notre-Dame-de-la-Garde", "Notre-Dame-des-Victoires"): one hyphenated name.
_NOTRE_DAME = re.compile(r"(?<![\w'’-])Notre-Dame(?:-[\w'’]+){1,4}")

# Words of these languages that say a kind or a quality, not which one ("Szpital Wojewódzki",
# "Escola Municipal"): a head with only these after it names no one place.
_KINDS = frozenset(
    {
        "wojewodzki", "wojewodzka", "powiatowy", "powiatowa", "miejski", "miejska", "kliniczny",
        "kliniczna", "specjalistyczny", "specjalistyczna", "uniwersytecki", "uniwersytecka",
        "rejonowy", "rejonowa", "podstawowa", "municipal", "estadual", "federal", "publica",
        "publico", "privada", "privado", "primaria", "secundaria", "nacional", "regional",
        "central", "general", "provinciale", "comunale", "statale", "catholique", "publique",
        "primaire", "maternelle", "elementaire", "no", "sud", "nord", "est", "ovest", "oeste",
        "norte", "sur", "centro", "zdrowia", "salud", "saude", "sanita", "sante",
        "farmaceutica", "farmaceutico", "sanitaria", "sanitario", "medica", "medico",
        "ospedaliera", "ospedaliero", "pubblica", "pubblico",
    }
)  # fmt: skip
# A specialty's stem in any of these languages ("Kardiologiczna", "Neurologia", "Pediatria",
# "Chirurgii"): a clinic's department, not its name.
_SPECIALTY = re.compile(r"olog|iatr|chirurg|pedi|ortoped")
_EPONYM_DISEASE = re.compile(
    r"(?i:doen[çc]as?|enfermedad(?:es)?|maladies?|malattie?|morbo|s[íi]ndrome|syndrome|choroby?|"
    r"zesp[oó][lł]u?)[ \t]+(?:(?:de|di|du|del|do|da)[ \t]+)?[A-ZÀ-ÞĀ-Ž][\w'’-]*"
)
# Heads whose name may run on after a dash: a church's congregation or local ("Iglesia ni
# Cristo - Lokal ng Pembo"); after any other head a dash opens its department.
_WORSHIP = frozenset(
    {
        "iglesia", "igreja", "chiesa", "cerkiew", "cerkwi", "kosciol", "kosciola", "kosciole",
        "parafia", "parafii", "parafie", "capilla", "capela", "eglise", "chapelle", "ermita",
    }
)  # fmt: skip
_DASH = re.compile(r"[ \t]+[-–][ \t]+")
# Heads that are also a hospital's own outpatient clinic: a name there must be a person's or a
# place's, an institution's initials or its street ("przy ul. Lipowej"), not an unknown word
# (the Italian "Dispositivi" is a kind too).
_DEPARTMENT_HEADS = frozenset(
    {"ambulatorio", "poradnia", "poradni", "poradnie", "przychodnia", "przychodni"}
)
_ON_STREET = re.compile(r"przy[ \t]+(?:ul|al|pl)\.")


def _strongly_named(words: list[str], lex: Lexicon) -> bool:
    """Whether a word is a person's or a place's name, or an institution's initials joined by a
    hyphen ("HC-UESC")."""
    for word in words:
        bare = fold(word)
        if lex.name_like(bare) or bare in lex.places:
            return True
        if "-" in word and word.replace("-", "").isupper() and len(word) > 4:
            return True
    return False


_NUMBERED = re.compile(r"No\.[ \t]?\d")
_WORD = re.compile(r"[^\W\d_][\w-]*")  # "l'Ariane" is read as "l" and "Ariane"


def _names_one(words: list[str], lex: Lexicon) -> bool:
    """Whether the capitalised words after a head include one that says which place: a word no
    dictionary knows, a person's name or a place; not a kind, a clinical word, a title or a day."""
    told = False
    for word in words:
        bare = fold(word)
        if bare in TITLES or bare in CALENDAR_WORDS:
            return False
        if word.isupper() and len(word) <= 3:
            continue  # "ambulatório de IC": a clinical abbreviation of the kind
        if bare in _KINDS or bare in GENERIC or lex.clinical(bare) or _SPECIALTY.search(bare):
            continue
        # A hyphenated name is read part by part: "Jean-Macé" is a name though "jean" and
        # "mace" are English words.
        parts = [bare, *bare.split("-")] if "-" in bare else [bare]
        if any(not lex.known(p) or lex.name_like(p) or p in lex.places for p in parts if p):
            told = True
    return told


def _capital_words(piece: str) -> list[str]:
    return [w for w in _WORD.findall(piece) if w[:1].isupper()]


def world_heads(text: str, lex: Lexicon) -> list[WordSpan]:
    """Organisations named after a head word or a short kind of another language."""
    found: list[WordSpan] = []
    for match in _matches_at(_HEAD, text, _literal_starts(_lowered(text), _HEAD_STEMS)):
        head = match.group("h")
        if fold(head) in _CAPITAL_ONLY and not head[:1].isupper():
            continue
        end = match.end("n")
        dash = _DASH.search(text, match.start("n"), end)
        if dash is not None and fold(head) not in _WORSHIP:
            end = dash.start()  # "Hôpital X - Service de Neurologie": the department stays
        end = _trimmed_end(text, match.start("n"), end)
        if end <= match.start("n"):
            continue
        piece = text[match.start("n") : end]
        # A unit's number makes it one place ("Unidad de Medicina Familiar No. 31").
        numbered = _NUMBERED.search(piece) is not None
        if fold(head) in _NUMBERED_ONLY and not numbered:
            continue  # "Unidad de Cuidados Intensivos": a hospital's own unit
        # A disease and its eponym inside a clinic's name say what it treats, not which one
        # ("Ambulatório de Doença de Chagas"): read without them.
        named = _EPONYM_DISEASE.sub(" ", piece)
        if not numbered and not _names_one(_capital_words(named), lex):
            continue  # "Poradnia Kardiologiczna", "szpital Wojewódzki": which kind
        if (
            fold(head) in _DEPARTMENT_HEADS
            and not numbered
            and not _ON_STREET.search(piece)
            and not _strongly_named(_capital_words(named), lex)
        ):
            continue  # "Ambulatorio Elettrofisiologia e Dispositivi": a hospital's own clinic
        found.append(WordSpan("facility", match.start(), end))
    for match in _matches_at(_SHORT, text, _literal_starts(text, _SHORT_FORMS)):
        words = _capital_words(match.group("n"))
        if match.group("h") == "H.U.":
            found.append(WordSpan("facility", match.start(), match.end()))
            continue  # a university hospital's short form, whatever its name ("12 de Octubre")
        if not words or not _names_one(words, lex):
            continue  # "HC 34 cm", "FC 2"
        if all(lex.known(fold(w)) for w in words):
            continue  # "SV Normal", "HC Small": the short form is a clinical letter there
        if words[0].isupper():
            continue  # "SK RNLD": initials after initials are a signature, not a name
        found.append(WordSpan("facility", match.start(), match.end()))
    for pattern, cues in ((_OF_HOSPITAL, _OF_HOSPITAL_CUES), (_FIRM, _FIRM_WORDS)):
        for match in _matches_at(pattern, text, _literal_starts(text, cues)):
            if _names_one(_capital_words(match.group("n")), lex):
                # The firm's word stays in view ("ditta [FACILITY]"); the department's goes
                # with its hospital.
                start = match.start("n") if pattern is _FIRM else match.start()
                found.append(WordSpan("facility", start, match.end()))
    if "Notre-Dame-" in text:
        found += [
            WordSpan("facility", m.start(), m.end()) for m in skipped_finditer(_NOTRE_DAME, text)
        ]
    if "sjúkrahús" in text or "heilsugæsl" in text or "spítal" in text or "stofnun" in text:
        found += [
            WordSpan("facility", m.start(), m.end()) for m in skipped_finditer(_ICELANDIC, text)
        ]
    return found


# The heads and short forms are found from their literal text (str.find), and the pattern is
# tried only there: a pattern of alternatives tried at every character of a record cost more
# than the rest of this module (7 ms of a 20-page record; now well under 1 ms).
_HEAD_STEMS = (
    "szpital", "poradni", "przychodni", "cerk", "kości", "kosci", "koście", "koscie", "parafi",
    "szkoł", "szkol", "ośrodek", "osrodek", "hospicjum", "fundacj", "iglesia", "capilla",
    "ermita", "catedral", "jurisdicci", "igreja", "capela", "paróquia", "paroquia", "ambulat",
    "escola", "chiesa", "parrocchia", "scuola", "ordine", "école", "ecole", "église", "eglise",
    "chapelle", "collège", "college", "unidad", "mairie", "cathédrale", "cathedrale",
    "basilique", "hôpital", "hopital", "surau", "tadika",
)  # fmt: skip
_SHORT_FORMS = (
    "SK ", "SMK ", "SJK", "SMJK ", "SRK ", "SDN ", "SMPN ", "SMAN ", "KK ", "OBS ", "CBS ",
    "PCBS ", "RKBS ", "KBS ", "SV ", "TSV ", "FC ", "VfB ", "VfL ", "TuS ", "HC ", "MHC ",
    "RKVV ", "VV ", "AFC ", "ASL ", "ASP ", "AUSL ", "ASST ", "H.U.", "SM ",
)  # fmt: skip
_FIRM_WORDS = ("ditta", "azienda", "empresa", "societ", "entreprise")
_OF_HOSPITAL_CUES = ("PS ", "DEA ", "Pronto", "pronto")


def _lowered(text: str) -> str:
    """``text`` in lower case at the same offsets (a text whose lower case changes length, as
    "İ" does, is read as written: the stems in capitals are then missed, not misplaced)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _literal_starts(text: str, literals: tuple[str, ...]) -> list[int]:
    """Every offset where one of ``literals`` starts, in order."""
    starts: set[int] = set()
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            starts.add(at)
            at = text.find(literal, at + 1)
    return sorted(starts)


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """The matches of ``pattern`` that begin at one of ``starts``, none inside another."""
    out: list[re.Match[str]] = []
    last = -1
    for at in starts:
        if at < last:
            continue
        match = pattern.match(text, at)
        if match is not None:
            out.append(match)
            last = match.end()
    return out


_END_JOIN = re.compile(
    r"(?:[ \t]+(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|les|los|las|y|e|"
    r"ng|ni|im\.|św\.|sw\.|bł\.|przy|na|ul\.|al\.|pl\.))+\Z"
)


def _trimmed_end(text: str, start: int, end: int) -> int:
    """The end of a name less the joining words and stops left at its end."""
    piece = text[start:end].rstrip(".")
    trimmed = _END_JOIN.sub("", piece)
    return start + len(trimmed)
