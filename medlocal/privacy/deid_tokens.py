"""The word scan's tokens: words cut from the text, their shape (capitalised, all caps, an
initial, lower case, a joiner), what the lexicon says of each (an identifier on its own, or only
next to one), and the runs of capitalised words that the scan reads as a whole.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import (
    CALENDAR_WORDS,
    IRREGULAR_FORMS,
    PREFIXES,
    WEEKDAYS,
    Lexicon,
    clinical_abbreviation,
    fold,
)
from medlocal.privacy.deid_people_words import (
    COLON_ROLES,
    JOINERS,
    PARTICLES,
    PERSON_ONLY_AFTER,
    PERSON_VERB,
    RELATION_AFTER,
    RELATIONS,
    ROLE_AFTER,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_place_words import FACILITY_HEADS, STREET_WORDS
from medlocal.privacy.deid_world_words import DAY_AFTER, DAY_BEFORE, WORLD_LABELS, WORLD_WEEKDAYS

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*['’]?")
# An acronym inside a hyphenated word: "TPO", "dsDNA", "proBNP" (not "McDonald", "O'Rourke").
_ACRONYM_PART = re.compile(r"[a-z]{0,3}[A-Z]{2,}[a-z]?")
# Mixed-case abbreviations; "Mc", "Mac", "De", "La", "Van"... begin names instead ("McMurray").
_ABBREVIATION = re.compile(r"^(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]{0,2}[A-Z][A-Za-z]*$")
# A word with a capital inside, after three or more small letters; name prefixes excluded
# ("McAllister", "MacLeod", "DeShawn", "LaToya", "VanDyke", "FitzGerald", "DiMaggio").
_CAMEL_CASE = re.compile(
    r"^(?!Mc|Mac|De|Di|Da|Du|La|Le|Lo|Van|Von|Fitz|St)[A-Z][a-z]{3,}[A-Z][A-Za-z]*$"
)
_ORGANISATION_PART = re.compile(r"health|med|care|clinic|hospital|system|partners|group|lab")


@dataclass(frozen=True)
class WordSpan:
    kind: str  # "name", "facility", "location", "street_address" or "county"
    start: int
    end: int


@dataclass
class Tok:
    start: int
    end: int
    word: str
    shape: str  # "title", "caps", "initial", "lower", "joiner"
    lower: str
    strong: bool = False  # an identifier on its own
    weak: bool = False  # an identifier next to one (name or place list)
    # The folded word without a closing apostrophe or possessive ("Brigid's" -> "brigid").
    # Speed (session 49): read once when the token is made, where it was read at each of some
    # 28,000 asks a 20-page record (four for each token); ``lower`` is never changed after.
    bare: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.bare = self.lower.rstrip("'’").removesuffix("'s").removesuffix("’s")


_ELISIONS = frozenset({"l'", "d'", "l’", "d’"})


# Thirteenth round: "Ma" before a clan name, how a Zulu or Xhosa woman is called by her
# father's clan ("MaNdlovu", "MaKhumalo"); no abbreviation or product has that shape.
_CLAN_NAME = re.compile(r"Ma[A-Z][a-z]{3,}\Z")


def word_shape(word: str, text: str, end: int) -> str:
    if word[0].islower() and len(word) > 1:
        # Most words: no capital to read (what the checks below would say of them too).
        if len(word) > 2 and word[:2] in _ELISIONS and word[2].isupper():
            return "title"  # "Hôpital de l'Enfant-Jésus", "Centre d'Accueil": an elided article
        return "joiner" if word in JOINERS else "lower"
    if len(word) == 1:
        # "H. Lindgren", "Siofra O Donnabhain"; a lone capital elsewhere is a flag or a grade
        # ("(L)", "grade B")
        after = text[end : end + 2]
        initial = after[:1] == "." or (after[:1] == " " and after[1:2].isupper())
        return "initial" if word.isupper() and initial else "lower"
    if word.isupper() and word.lower() in FACILITY_HEADS:
        return "caps"  # "Erie County EMS", "Acme Medical LLC": the head of a facility's name
    if _CLAN_NAME.match(word):
        return "title"  # "MaDlamini", "MaZulu": a married woman's clan name (southern Africa)
    if "-" in word and _mixed_case_parts(word):
        return "lower"  # "Pola-R-CHP", "Dara-VRd": a regimen of abbreviations, not a name
    if _ABBREVIATION.match(word) and (not word.isupper() or len(word) <= 2):
        # "IgA", "CrCl", "HbA", "FiO", "NW", "GP": abbreviations, not names. A longer word all
        # in capitals is read below ("DARNELL SMITH" after "daughter" is a name).
        return "lower"
    if _CAMEL_CASE.match(word) and not _ORGANISATION_PART.search(word.lower()):
        # "FibroScan", "HeartMate", "PowerPort": product names, not people; "HealthSystem",
        # "MedStar" stay words of an organisation's name.
        return "lower"
    if word.isupper() and len(word) > 1:
        return "caps"
    if word[0].isupper():
        return "title"
    if len(word) > 2 and word[:2] in _ELISIONS and word[2].isupper():
        return "title"  # "Hôpital de l'Enfant-Jésus", "Centre d'Accueil": an elided article
    return "joiner" if word in JOINERS else "lower"


def _mixed_case_parts(word: str) -> bool:
    """A hyphenated word with an abbreviation part ("R", "CHP", "VRd") beside a capitalised
    word part: names are written in one case throughout ("Ashcombe-Tulloch", "ASHCOMBE-TULLOCH"),
    treatment regimens mix them ("Pola-R-CHP", "Dara-VRd", "Benda-R")."""
    parts = [p for p in word.rstrip("'’").split("-") if p]
    acronyms = [p for p in parts if p.isupper() or _ACRONYM_PART.fullmatch(p)]
    return (
        len(parts) > 1
        and bool(acronyms)
        and any(p.lower() != p for p in parts if p not in acronyms)
    )


# A capitalised word right before or after, across one space or tab.
_CAPITAL_BEFORE = re.compile(r"[A-Z][^\W\d_]*\.?[ \t]\Z")
_CAPITAL_AFTER = re.compile(r"[ \t][A-Z]")


def _beside_a_capital(text: str, start: int, end: int) -> bool:
    """The word stands in a run of capitalised words ("Ward Round", "Major Trauma Centre"): a
    heading or a name the run rules read as a whole, not a lone name mid-sentence."""
    return bool(
        _CAPITAL_BEFORE.search(text, max(0, start - 24), start) or _CAPITAL_AFTER.match(text, end)
    )


def _after_clinical_word(text: str, start: int, lex: Lexicon) -> bool:
    """A clinical word or product right before, across one space: the word is its variant or
    part ("Xience Sierra", "Omega"), not a name."""
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return before is not None and lex.clinical(fold(before.group(1).lower()))


@functools.cache
def _sense_words() -> frozenset[str]:
    """The words that spell out the clinical abbreviations ("brain", "iris", "major"): clinical
    vocabulary, even where they are also given names."""
    senses = default_abbreviations().senses.values()
    return frozenset(
        w for listed in senses for sense in listed for w in _WORDS.findall(sense.lower())
    )


_WORDS = re.compile(r"[^\W\d_]+")


def sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“(":
        i -= 1
    if i < 0 or text[i] in "\n!?:;•*":
        return True
    if text[i] == ".":
        word = re.search(r"(\w+)\.$", text[max(0, i - 6) : i + 1])
        return not (
            word and (word.group(1).lower() in TITLES | {"st", "mt"} or len(word.group(1)) == 1)
        )
    return False


# Instructions that open a plan's line before a name or a product ("Start Abbott Libre", "Ring
# Mary"): the verb is no part of what follows it.
_IMPERATIVES = frozenset(
    {
        "start", "stop", "continue", "restart", "resume", "commence", "cease", "give", "take",
        "check", "increase", "reduce", "refer", "book", "call", "phone", "ring", "contact",
        "ask", "inform", "discuss", "review", "see", "send", "arrange", "hold", "switch",
        "change", "add", "discharge", "fit", "apply", "remove", "replace", "order", "request",
        "chase", "email", "fax", "notify", "update", "advise", "organise", "organize",
    }
)  # fmt: skip


# The word after an eponym that makes it a place's or a hospital's name ("Epworth Eastern",
# "Epworth Richmond", "Charcot Street"): a direction, a facility's or a street's word.
_NEXT_TITLE_WORD = re.compile(r"[ \t]([A-Z][a-z]{2,})\b")
_PLACE_AFTER_NAME = (
    frozenset(
        {
            "eastern", "western", "northern", "southern", "north", "south", "east", "west",
            "central", "private", "public", "general", "freemasons",
        }
    )
    | FACILITY_HEADS
    | STREET_WORDS
)  # fmt: skip


def _place_of_the_name(tok: Tok, text: str, lex: Lexicon) -> bool:
    """Walk 23: a clinical word that is also a place or a surname ("Epworth", the sleepiness
    scale's), capitalised before a direction, a facility's or a street's word or a listed place,
    names that place ("implanted at Epworth Eastern" was kept whole)."""
    bare = tok.lower.rstrip("'’")
    if not (bare in lex.places or lex.name_like(bare)):
        return False
    after = _NEXT_TITLE_WORD.match(text, tok.end)
    if after is None:
        return False
    word = after.group(1).lower()
    if lex.clinical(word):
        return False
    return word in _PLACE_AFTER_NAME or (word in lex.places and word not in lex.english)


_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]")


def sentence_verb(word: str, text: str, start: int, lex: Lexicon) -> bool:
    """A verb that opens a sentence ("Started Abbott FreeStyle Libre", "Began Abbott ...",
    "Ring Mary", "Holds driver licence"): an instruction, or an "-ed", "-ing" or "-s" form or
    an irregular past of a dictionary word on no name list; its capital is the sentence's, so
    it names no one (walk 22 read "Started Abbott" as one name)."""
    lower = word.lower()
    if not sentence_start(text, start):
        return False
    if lower in _IMPERATIVES:
        return True  # also where a surname list has the word ("Ring", "Call", "Book")
    if lex.name_like(lower):
        return False
    if lower in IRREGULAR_FORMS or (lower.endswith(("ed", "ing")) and lex.inflected(lower)):
        return True
    # A verb's "-s" form ("Holds driver licence", walk 23): the base a dictionary word.
    # Not a plural noun ("Woodlands —" on its own line is a place): an object in lower case
    # follows the verb.
    return (
        lower.endswith("s")
        and len(lower) > 4
        and lower[:-1] in lex.english
        and _LOWER_WORD_AFTER.match(text, start + len(word)) is not None
    )


def after_sentence_end(text: str, at: int) -> bool:
    """Nothing but a sentence's end (or the text's start) before ``at``, across blanks and
    line breaks: unlike :func:`sentence_start`, a line wrapped mid-sentence is no start."""
    before = text[max(0, at - 40) : at].rstrip()
    return not before or before[-1] in ".!?"


def _facts(lower: str, lex: Lexicon) -> tuple[bool, bool, bool]:
    """(known word, plain English or clinical, on a name or place list)."""
    known = lex.known(lower)
    # A possessive is read as its word: "Ringer's" (lactated Ringer's) is as plain as "Ringer".
    base = lower.removesuffix("'s").removesuffix("’s")
    # Walk 25: a clinical word of another language read by its English spelling is as plain
    # ("Dra. Ana Souza, Endocrinologista": a role after a name, not a second name).
    strict = base in lex.english or lex.clinical(base) or (known and lex.foreign_clinical(base))
    named = lex.name_like(base) or lower in lex.places
    return known, strict, named


# The word right before a token, across one space ("Dr Xyz", "Anna Xyz"; not "Anna. Xyz").
_WORD_BEFORE = re.compile(r"([^\W\d_]+)(\.?)[ \t]\Z")
# Review 14B: a role too ("Nurse Xyz", "Interpreter Xyz").
_PERSON_CUES = TITLES | RELATIONS | ROLES
_FIELD_PEOPLE = RELATIONS | COLON_ROLES | frozenset({"nok", "name", "patient", "contact"})
_TITLE_RIGHT_BEFORE = re.compile(r"\b(?i:mr|mrs|ms|miss|mx|dr|prof)\.?[ \t]\Z")


# A line that ends a letter's sign-off ("Kind regards,", "Yours sincerely,"), then blank lines.
_SIGN_OFF_LINE = re.compile(
    r"(?i:regards|sincerely|faithfully|wishes|thanks|thank[ \t]+you|signed|cheers)"
    r"[ \t]*(?:,[ \t]*)?(?:\r?\n[ \t]*){1,3}\Z"
)
# The rest of a word's line when nothing else stands on it, and the first word of the next line.
_ALONE_ON_LINE = re.compile(r"[ \t]*(?:[,.][ \t]*)?(?:\Z|\r?\n[ \t]*([A-Za-z]*))")
# A comma and a capitalised word right after a token ("Steindler, Anna").
_COMMA_WORD = re.compile(r",[ \t]([A-Z][^\W\d_]+)\b")
# How far back a line's opening is looked for (a longer gap is no line of its own).
_LINE_REACH = 40


def _named_by_what_follows(text: str, tok: Tok, lex: Lexicon) -> bool:
    """Session 56: a word of the medical dictionaries that stands as a surname: before a
    comma and a given name ("Steindler, Anna"), before a role or a relation on its line
    ("Steindler (SHO)", "Faure, his son"), or alone on a line that follows a sign-off or is
    followed by a role ("Steindler" over "Consultant Cardiologist"); (review 56b) before what
    only a person does ("Jamshidi reports", see deid_people_words.PERSON_ONLY_AFTER)."""
    if _given_after(text, tok.end, lex):
        return True
    if PERSON_ONLY_AFTER.match(text, tok.end):
        return True
    if ROLE_AFTER.match(text, tok.end) or RELATION_AFTER.match(text, tok.end):
        return True
    alone = _ALONE_ON_LINE.match(text, tok.end)
    if alone is None:
        return False
    before = text[max(0, tok.start - _LINE_REACH) : tok.start]  # a bounded look back
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    elif tok.start > _LINE_REACH:
        return False
    if before.strip():
        return False  # not the first word of its line
    line_start = tok.start - len(before)
    if _SIGN_OFF_LINE.search(text, max(0, line_start - 60), line_start):
        return True
    return (alone.group(1) or "").lower() in ROLES


# Review 56b: a relation's or a person's role's field right before a word ("Mother: Steindler",
# "NOK - Kien", "Interpreter: Jamshidi").
_FIELD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]*[:\-–][ \t]*\Z")


def _field_of_a_person(text: str, tok: Tok) -> bool:
    """A word of the medical dictionaries right after a relation's or a person's role's
    label and its colon or dash: the person's name."""
    before = _FIELD_BEFORE.search(text, max(0, tok.start - 32), tok.start)
    return before is not None and before.group(1).lower() in _FIELD_PEOPLE


def _given_after(text: str, end: int, lex: Lexicon) -> bool:
    """A listed given name (no clinical word) after a comma right after ``end``: the token
    before it is a surname written first."""
    match = _COMMA_WORD.match(text, end)
    if match is None:
        return False
    word = fold(match.group(1))
    return word in lex.given_names and not lex.clinical(word)


def _world_word(tok: Tok, text: str, lex: Lexicon) -> bool:
    """A clinical word of another language or of the medical spelling dictionaries (session
    56), or (round 17) a day of the week or a form's label of one
    (:mod:`medlocal.privacy.deid_world_words`); a day that is also a listed name only
    beside a day's number or after a preposition of time ("am Montag 12", not "Montag").
    """
    bare = tok.bare
    if (
        bare in lex.foreign_words
        # Session 56: a word of the medical spelling dictionaries ("Herzkatheter", "Gelfoam")
        # is read the same way: a name's part only right after a title, relation or given name.
        or bare in lex.dictionary_words
        or (bare in WORLD_LABELS and not lex.name_like(bare))
    ):
        return True
    if bare not in WORLD_WEEKDAYS:
        return False
    return (
        not lex.name_like(bare)
        or DAY_AFTER.match(text, tok.end) is not None
        or DAY_BEFORE.search(text, max(0, tok.start - 12), tok.start) is not None
    )


def _clinical_as_written(tok: Tok, lower: str, lex: Lexicon) -> bool:
    """A clinical word, read folded or (round 21) with its umlauts as written: folding drops
    the "e" an umlaut stands for ("Hüftprotektor", "Sturzprophylaxe" read "huft...")."""
    if lex.clinical(lower):
        return True
    written = tok.word.lower().rstrip("'’")
    return written != lower and any(c in "äöü" for c in written) and lex.clinical(written)


def classify(tok: Tok, text: str, lex: Lexicon, memo: dict[str, tuple[bool, bool, bool]]) -> None:
    lower = tok.lower.rstrip("'’")
    if tok.shape in ("lower", "joiner") or lower in TITLES:
        return
    if tok.shape == "title" and lower in ROLES and not lex.known(lower):
        # A role the dictionary lacks ("Sonographer: J. Pasco", "Keyworker") is the cue before
        # a name, never the name (walk 18 read "[NAME]: [NAME]").
        return
    if tok.shape == "title" and _world_word(tok, text, lex):
        # A clinical word of another language may be a surname there too: capitalised right
        # after a given name, a title or a relation it is one ("Tomas Gehirn", "Dr Gehirn") and
        # joins that name; elsewhere, capitalised (German nouns are) or not, it stays the
        # clinical word ("Kein Meningismus", "dolor de cabeza").
        before = _WORD_BEFORE.search(text, max(0, tok.start - 24), tok.start)
        if before is not None and (
            before.group(1).lower() in _PERSON_CUES
            or (
                not before.group(2)
                and before.group(1)[:1].isupper()
                and fold(before.group(1)) in lex.given_names
            )
        ):
            tok.weak = True
            if tok.bare in lex.dictionary_words and not before.group(2):
                # Session 56: after a title or a given name a word of the medical dictionaries
                # is the surname ("Anna Steindler visited", "Mrs Salla"); the given name alone
                # at a sentence's start would not have carried it. After a relation or a role
                # it joins the name as the foreign words do.
                cue = before.group(1).lower()
                tok.strong = cue in TITLES or cue not in _PERSON_CUES
        elif (
            before is not None
            and before.group(2)
            and len(before.group(1)) == 1
            and before.group(1).isupper()
            and tok.bare in lex.dictionary_words
        ):
            # Session 56: a capital and a stop before a word of the medical dictionaries is a
            # person's initial or the French "M." ("J. Steindler", "M. Faure"): no drug, device
            # or German noun is written so, and the unknown surname was a name there before.
            tok.strong = tok.weak = True
        elif tok.bare in lex.dictionary_words and (
            _named_by_what_follows(text, tok, lex) or _field_of_a_person(text, tok)
        ):
            # "Steindler, Anna (daughter)", "Steindler (SHO)", "Faure, physiotherapist", a
            # signature: a surname, by what stands after it or before its line.
            tok.strong = tok.weak = True
        return
    if (
        tok.shape == "title"
        and lower in lex.clinical_words
        and lower not in lex.english
        and _TITLE_RIGHT_BEFORE.search(text, max(0, tok.start - 6), tok.start)
    ):
        # Review 14B: a clinical list word that is no English word, right after a title, is
        # a surname ("Mr Safra"), and joins that name as a foreign word does.
        tok.weak = True
        return
    if _clinical_as_written(tok, lower, lex) and not (
        tok.shape == "title" and _place_of_the_name(tok, text, lex)
    ):
        return
    if tok.shape == "title" and sentence_verb(lower, text, tok.start, lex):
        return
    if lower not in memo:  # a record repeats its words: look each up once
        memo[lower] = _facts(lower, lex)
    known, strict, named = memo[lower]
    if not known and "-" in tok.word:
        # "Anti-TPO", "NT-proBNP": a hyphenated word whose parts are known words or acronyms.
        parts = [p for p in tok.word.rstrip("'’").split("-") if p]
        # A prefix part ("pre-eclampsia", "post-ictal") or a clinical abbreviation ("anti-CCP"
        # re-cased "Anti-Ccp", "EBUS-TBNA") counts as known too.
        known = (
            not any(p.lower() in CALENDAR_WORDS for p in parts)
            and all(
                len(p) <= 2
                or _ACRONYM_PART.fullmatch(p)
                or p.lower() in PREFIXES
                or lex.known(fold(p))
                or clinical_abbreviation(p)
                for p in parts
            )
            and any(lex.known(fold(p)) or clinical_abbreviation(p) for p in parts)
        )
        # A compound whose last part is a clinical head of six letters or more
        # ("Schlafapnoe-Syndrom", "Amiodaron-Therapie"), where no part is a given name.
        known = known or (
            len(parts) > 1
            and len(parts[-1]) >= 6
            and lex.clinical(fold(parts[-1]))
            and not any(fold(p) in lex.given_names for p in parts)
        )
    if lower in PARTICLES:
        tok.weak = True  # "Van", "Ní", "O": part of the name next to it, never one alone
        return
    if lower in WEEKDAYS:
        # "Seen on Monday": the date rule takes a weekday (a date element); read as an unknown
        # surname it was labelled a name in the preview ("Seen on [NAME]").
        return
    if tok.shape == "caps":
        # An all-caps word of a few letters is an acronym ("ANC", "LVEF"); a listed name in
        # capitals ("DARNELL") is a name.
        # Not a known word ("PERSONS"), and a place of three letters is an acronym ("VAC").
        listed = lex.name_like(lower) or (lower in lex.places and len(lower) >= 4)
        # A clinical abbreviation that is also a given name ("TIA", "ASA", "ELISA") is the
        # abbreviation; it still joins a name beside it ("TIA MORGAN").
        abbreviation = tok.word in default_abbreviations().senses
        tok.strong = listed and not known and len(lower) >= 3 and not abbreviation
        tok.weak = named
        return
    if tok.shape == "initial":
        return
    # An unknown word is an identifier wherever it stands (Philter). A listed name that is known
    # only by its ending ("Louise", "Clive") is one too, except where a capital says nothing (at
    # the start of a sentence). A listed name that is also an English word ("Grace", "Vale") is
    # weak: it counts only next to an identifier or after a title or relation.
    tok.strong = not known or (named and not strict and not sentence_start(text, tok.start))
    if not tok.strong and lower in lex.given_names and PERSON_VERB.match(text, tok.end):
        tok.strong = True  # "Sam will collect her.", "Dawn phoned at noon."
    if (
        not tok.strong
        and tok.shape == "title"
        and len(lower) >= 3  # "Mi", "So", "Al": weekdays, words and abbreviations as often
        and lower in lex.given_names
        and not lex.clinical(lower)
        and lower not in _sense_words()
        and not sentence_start(text, tok.start)
        and not _after_clinical_word(text, tok.start, lex)
        and not _beside_a_capital(text, tok.start, tok.end)
    ):
        # Round 15: a listed given name that is also a dictionary word ("Gemma", "Maria",
        # "Nelson"), capitalised alone where a capital says something (not at a sentence's
        # start, not in a run of capitalised words such as "Ward Round"), is the name:
        # mid-sentence a capital marks a proper noun, and the dictionary reading of such words
        # is rare in notes. Clinical words stay, and so do the words that spell out clinical
        # abbreviations ("CT Brain", "Iris", "Angle"); eponyms are read first.
        tok.strong = True
    # A word known only by its ending ("Ealing", "Lindqvist") is no dictionary word: it joins a
    # name or place next to it.
    tok.weak = tok.strong or named or not strict


def _gap_joins(text: str, left: Tok, right: Tok, opens: bool) -> bool:
    """Whether ``right`` continues the run that ``left`` ends (``opens``: ``left`` is the run's
    first word)."""
    gap = text[left.end : right.start]
    if gap in (" ", "\t"):
        return True
    # "St. Brigid's", "H. Lindgren", "Mt. Sinai"
    if gap == " & ":
        return True  # "Hargreaves & Daughters", "Summit Peak Roofing & Siding"
    # "Co." opens a county ("Co. Kerry"); after a name it ends a company's ("Kelso Downs
    # Pastoral Co. Smoker 40 pack-years": walk 25 lost "Smoker" to the company).
    return gap in (". ", ".") and (
        left.shape == "initial"
        or left.lower in {"st", "mt", "ft"} | TITLES
        or (left.lower == "co" and opens)
    )


def capitalised_runs(tokens: list[Tok], text: str) -> list[list[Tok]]:
    runs: list[list[Tok]] = []
    current: list[Tok] = []
    for tok in tokens:
        if tok.shape == "lower":
            if current:
                runs.append(current)
            current = []
            continue
        if current and not _gap_joins(text, current[-1], tok, len(current) == 1):
            runs.append(current)
            current = []
        if tok.shape == "joiner" and not current:
            continue
        current.append(tok)
    if current:
        runs.append(current)
    # A joiner only joins: drop those left at the end of a run.
    out = []
    for run in runs:
        while run and run[-1].shape == "joiner":
            run = run[:-1]
        if run:
            out.append(run)
    return out


def word_end(tok: Tok) -> int:
    """Where a word ends, leaving a possessive in place ("[NAME]'s wife")."""
    if not tok.word.endswith(("s", "'", "’")):
        return tok.end  # most words: no mark below ends so (one test for the four)
    for mark in ("'s", "’s", "'", "’"):
        if tok.word.endswith(mark):
            return tok.end - len(mark)
    return tok.end


def word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)[ \t]+$", text[max(0, start - 12) : start])
    return match.group(1).lower() if match else ""
