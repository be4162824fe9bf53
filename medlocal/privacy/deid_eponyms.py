"""Capitalised words of the word scan that are no identifiers because of what stands around
them: the words of an eponym before its head ("Trousseau sign", "Hunt and Hess grade"), a scale's
name before its value ("Braden 13"), a grade after an eponym ("Child-Turcotte-Pugh B"), a
product's variant ("Mepilex Ag") and a device maker's model ("Medtronic Advisa").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_eponym_heads import (
    COMPOUND_HEADS,
    HEADS_AFTER,
    HEADS_BEFORE,
    HEADS_OF,
    MAKERS,
    PARTICLES_BEFORE_NAME,
)
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_tokens import Tok

# Words before a person's name: a capitalised word after one is no eponym's.
_PEOPLE = (RELATIONS | ROLES | TITLES) - FUNCTION_CUES

# A facility word after an eponym head: "Parkinson disease clinic" names a service, and "Toronto
# Western fracture clinic" a place, so the words before the head are not protected as an eponym.
_SERVICE_AFTER = re.compile(r"[ \t]+(?:clinic|service|unit|team|ward|centre|center|department)\b")
# Words after a capitalised eponym that make it a sign, test, scale, instrument or procedure
# ("Trousseau sign", "Mallampati class", "Hunt and Hess grade", "Metzenbaum scissors",
# "Schmorl nodes", "Modified Rankin Scale"): the capitalised words before one of these are kept.
# Words that follow places and people as often ("area", "line", "team") are not among them.
EPONYM_HEADS = frozenset(
    {
        "sign", "signs", "test", "tests", "score", "scores", "scale", "scales", "grade",
        "grading", "class", "classification", "criteria", "stage", "staging", "index", "angle",
        "nodes", "node", "changes", "type", "syndrome", "disease", "phenomenon", "reflex",
        "phenomena",
        "maneuver", "manoeuvre", "manoeuvres", "procedure", "operation", "repair", "incision",
        "approach", "technique", "method", "position", "catheter", "drain", "drains", "tube",
        "stent", "needle", "clamp", "clamps", "scissors", "retractor", "retractors", "forceps",
        "blade", "pouch", "triangle", "canal", "duct", "ligament", "fracture", "palsy", "ulcer",
        "cyst", "murmur", "rule", "rules", "protocol", "regimen", "formula", "equation", "law",
        "triad", "bodies", "cells", "granules", "spots", "lesions", "sphincter", "guidelines",
        "orbitopathy", "ophthalmopathy", "thyroiditis", "encephalopathy", "contracture",
        "deformity", "dressing", "splint", "hernia", "anomaly", "malformation", "pupil",
        "questionnaire", "inventory", "criterion", "lymphoma", "sarcoma", "tumour", "tumor",
        "valve", "shunt", "mask", "suture", "sutures", "stitch", "plate", "nail", "screw",
        "line", "lines", "pads", "nodules", "patches", "streaks", "bands", "rings", "subscore",
        "subtype", "pentad", "tetrad", "complex", "acid", "acids", "paresis", "paralysis",
        "grid", "plates", "chart", "charts", "field", "applanation", "tonometry", "tonometer",
        "frame",
        # Eighth round: plurals and heads of manoeuvres, instruments and bleeds.
        "maneuvers", "dynamometer", "haemorrhage", "hemorrhage", "haemorrhages", "hemorrhages",
        "pulse", "nails", "striae", "adl", "iadl", "stapler", "pessary",
        # Fourth round: eponymous anatomy, instruments, appliances and conditions.
        "gland", "glands", "diverticulum", "fibres", "fibers", "artery", "vein", "nerve",
        "membrane", "space", "fascia", "bursa", "foramen", "fold", "nucleus", "tubercle", "block",
        "flap", "graft", "sling", "boot", "collar", "brace", "stockings", "bandage", "lamp", "view",
        "projection", "ratio", "lens", "speculum", "elevator", "curette", "hook", "dilator",
        "bougie", "dystrophy", "anaemia", "anemia", "fever", "virus", "bacillus", "tremor",
        "ataxia", "chorea", "dementia", "neuralgia", "aneurysm", "disorder", "leukaemia",
        "leukemia", "carcinoma", "guidance", "solution", "mixture", "cement", "scan", "monitor",
        "stain", "agar", "assay", "antigen", "antibody", "antibodies", "panel", "titre", "titer",
        "reaction", "effect",
        # Fifth round: inclusion bodies, appliances.
        "body", "hoist",
        # Twelfth round: measures, anatomy and events named after a person ("Breslow
        # thickness", "Sylvian fissure", "Hampton hump", "Stokes-Adams attacks", "Semmes-Weinstein
        # monofilament", "von Willebrand screen", "Nordic hamstring curls").
        "thickness", "fissure", "hump", "attack", "attacks", "monofilament", "screen", "curls",
        "examination",
        # Thirteenth round: findings and measures named after a person or a product ("Velcro
        # crackles", "Simpson biplane").
        "crackles", "biplane",
    }
)  # fmt: skip
# Device makers whose names are no other word: the capitalised words right after one name a
# model ("Medtronic Advisa"), not a person. ("Smith & Nephew" and "St. Jude" are left out: "his
# nephew Colm", "St. Jude's".)
_MAKERS = frozenset(
    {
        "medtronic", "biotronik", "depuy", "resmed", "dexcom", "insulet", "phonak", "oticon",
        "inogen", "teleflex", "fresenius", "hologic", "synthes", "microport", "livanova", "nevro",
        "olympus", "pentax", "fujifilm", "alcon", "zeiss", "arthrex",
    }
)  # fmt: skip
_CAPITALISED_HEADS = frozenset(
    {
        "sign", "signs", "test", "tests", "score", "scores", "scale", "scales", "grade",
        "grading", "class", "classification", "criteria", "stage", "staging", "index", "type",
        "syndrome", "disease", "phenomenon", "reflex", "maneuver", "manoeuvre", "procedure",
        "phenomena",
        "operation", "repair", "technique", "method", "rule", "rules", "protocol", "law",
        "triad", "pentad", "tetrad", "questionnaire", "inventory", "criterion", "guidelines",
        "examination",  # "Addenbrooke's Cognitive Examination"
    }
)  # fmt: skip
# Heads that also end a company's name ("Smith Group"): eponym heads only in lower case
# ("Robson group 1", "Guthrie card").
_LOWER_CASE_HEADS = frozenset({"group", "groups", "card", "level", "category"})
_NUMBER_AFTER = re.compile(r"[ \t]\d{1,2}\b(?![:/.]\d)")
_CLASS_AFTER = re.compile(r"[ \t](?:\d{1,2}\b(?![:/.]\d)|[A-G]\b|[IV]{1,4}\b)")
# Procedure and disease words by their ending ("Ivor Lewis oesophagectomy", "Heller myotomy",
# "Hashimoto thyroiditis") count as eponym heads too.
_EPONYM_HEAD_ENDINGS = (
    "ectomy", "otomy", "ostomy", "plasty", "pexy", "rrhaphy", "itis", "osis", "pathy", "oma",
    "emia", "aemia", "algia", "plasia", "trophy", "ism", "scopy", "graphy", "gram",
)  # fmt: skip

# Function words that never stand inside an eponym ("Heatherfield Care Home with hyponatraemia").
_GAP_STOPWORDS = frozenset(
    {
        "and", "of", "the", "with", "by", "to", "for", "from", "in", "on", "at", "after",
        "before", "due", "has", "had", "have", "is", "was", "were", "are", "or", "but",
        "a", "an", "his", "her", "their", "without", "into", "since", "until",
    }
)  # fmt: skip


def _protect_product_variants(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """One or two capitalised words right after a listed product are its variant ("Mepilex
    Ag", "Allevyn Gentle Border", "Cutimed Siltec", "Tegaderm Foam"), unless they are a listed
    given name (a person named after a product is written with a comma or a cue)."""
    for i, tok in enumerate(tokens):
        lower = tok.lower.rstrip("'’")
        if lower not in lex.products or lex.inflected(lower):
            continue  # "attends" is a continence brand and a verb
        for j in range(i + 1, min(i + 3, len(tokens))):
            nxt = tokens[j]
            if text[tokens[j - 1].end : nxt.start] != " " or nxt.shape not in ("title", "caps"):
                break
            if nxt.lower in lex.given_names:
                break
            nxt.shape = "lower"


# Unions of word lists made once, where they were made again for every word read.
_NAME_CUES = TITLES | RELATIONS - FUNCTION_CUES


def _protect_scales_and_foreign_eponyms(tokens: list[Tok], text: str) -> None:
    """A scale's eponym before its value ("Braden 13"), and the names after a head word that
    comes first in other languages ("Score de Glasgow", "Ziekte van Parkinson", "grupo II de
    Rezende", "scavo del Douglas") or in English anatomy ("pouch of Douglas")."""
    for i, tok in enumerate(tokens):
        lower = tok.lower.rstrip("'’")
        scale = tok.shape == "title" and lower in _SCALE_EPONYMS
        initials = _ACRONYM_AFTER.match(text, tok.end) is not None and (
            i == 0 or tokens[i - 1].shape != "initial"
        )
        if scale and (_SCORE_AFTER.match(text, tok.end) or initials):
            before = tokens[i - 1] if i > 0 else None
            if before is None or before.lower not in _NAME_CUES:
                tok.shape = "lower"
            continue
        if i + 1 >= len(tokens) or (tok.word.isupper() and len(tok.word) > 1):
            continue
        folded = fold(lower)
        old_head = folded in _HEADS_BEFORE
        # Round 14: the heads of the languages of Europe count with a particle only ("línea de
        # McRae"): "Canal Street", "Fracture Clinic" have none. English anatomy ("pouch of
        # Douglas") counts in lower case only: "Department of Health" is an organisation.
        new_head = folded in HEADS_BEFORE or _english_anatomy(tok, folded)
        if not (old_head or new_head):
            continue
        j = _after_class(tokens, text, i, folded)
        if j is None:
            continue
        first = j
        while j < len(tokens) and tokens[j].lower in PARTICLES_BEFORE_NAME and j - first < 2:
            if text[tokens[j - 1].end : tokens[j].start] not in (" ", ""):
                break
            j += 1
        joined = j > first
        elided = j < len(tokens) and _ELIDED.match(tokens[j].word) is not None
        if elided and not joined and text[tokens[j - 1].end : tokens[j].start] == " ":
            # "signe d'Argyll Robertson", "maladie d'Addison": the particle is in the word
            tokens[j].shape = "lower"
            joined = True
            j += 1
        if not old_head and not joined:
            continue
        if joined and tokens[j - 1].lower == "of" and not _english_anatomy(tok, folded):
            continue  # English takes "of" after its own anatomy words only ("Score of Smith")
        taken = 0
        while j < len(tokens) and taken < 2 and tokens[j].shape in ("title", "caps"):
            if text[tokens[j - 1].end : tokens[j].start] not in (" ", "-", "", "'", "’"):
                break
            if tokens[j].lower.rstrip(".") in TITLES:
                break  # "consulta de Dr Ruiz": a person
            if tokens[j].shape == "caps" and len(tokens[j].word) > 1 and not taken:
                break  # "test de VIH": an abbreviation, read as such elsewhere
            tokens[j].shape = "lower"
            taken += 1
            j += 1
        if taken and tok.shape == "title":
            tok.shape = "lower"  # the head itself ("Échelle", "Ziekte") is no name either


# A name with its French or Italian particle elided into it ("d'Addison", "dell'Acqua").
_ELIDED = re.compile(r"(?i:d|dell|l)['’][A-ZÀ-Ý]")
# English anatomy written capitalised too ("Circle of Willis", "Ligament of Treitz"): the heads
# that name no organisation or place ("Circle of Friends" is left to the lower-case reading).
_CAPITALISED_ANATOMY = frozenset(
    {
        "pouch", "sphincter", "loop", "islets", "ampulla", "foramen", "foramina", "aqueduct",
        "crypts", "tetralogy", "pentalogy", "ligament", "fossa", "plexus", "organ", "canal",
        "circle", "triangle", "bundle", "tubercle", "fissure", "nodes", "corpuscles",
    }
)  # fmt: skip


def _english_anatomy(tok: Tok, folded: str) -> bool:
    """Whether ``tok`` is an English head written before "of" and an eponym."""
    return folded in HEADS_OF and (tok.word.islower() or folded in _CAPITALISED_ANATOMY)


def eponym_lower_words(tokens: list[Tok]) -> set[int]:
    """Round 14: where the lower-case words of a protected eponym start: its head and particles
    ("manovra di [Giordano]", "teken van [Homans]") and a name with an elided particle
    ("d'Argyll"). The statistical line reads only capitals as protected and may take these."""
    starts: set[int] = set()
    for k, tok in enumerate(tokens):
        elided = _ELIDED.match(tok.word) is not None
        if tok.shape != "lower" or not (tok.word[:1].isupper() or elided):
            continue
        if elided:
            starts.add(tok.start)
        j = k - 1
        while j >= 0 and k - j <= 3 and tokens[j].lower in PARTICLES_BEFORE_NAME:
            starts.add(tokens[j].start)
            j -= 1
        if (j < k - 1 or elided) and j >= 0 and tokens[j].word.islower():
            folded = fold(tokens[j].lower)
            if folded in HEADS_BEFORE or folded in _HEADS_BEFORE or folded in HEADS_OF:
                starts.add(tokens[j].start)
    return starts


# A class between a head and its eponym ("grupo II de Rezende", "stade 2 de"); "grupo" and
# "group" count only with one ("Grupo Angeles" is a company).
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi"})
_CLASS_HEADS = frozenset({"grupo", "groupe", "gruppo", "group", "groep"})


def _after_class(tokens: list[Tok], text: str, i: int, folded: str) -> int | None:
    """The index after the head ``tokens[i]`` and the class written after it, if any; None
    where a class is needed ("grupo") and none is there."""
    j = i + 1
    gap = text[tokens[i].end : tokens[j].start]
    has_class = False
    if tokens[j].lower in _ROMAN and tokens[j].word.isupper() and gap == " ":
        has_class = True
        j += 1
    elif gap.strip(" \t").isdigit() and len(gap.strip(" \t")) <= 2 and gap[:1] == " ":
        has_class = True
    if folded in _CLASS_HEADS and not has_class:
        return None
    return j if j < len(tokens) else None


def protect_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep the capitalised words right before an eponym head ("Trousseau sign", "Hunt and Hess
    grade", "Cormack-Lehane grade", "Modified Rankin Scale"), unless a title or relation says
    they name a person ("Dr Lichtenstein's repair" stays a name)."""
    _protect_scales_and_foreign_eponyms(tokens, text)
    _protect_product_variants(tokens, text, lex)
    for i, head in enumerate(tokens):
        word = head.word.lower().split("-")[0]  # "fracture-dislocation"
        # A head by its ending counts in lower case only: "Castle Hill Arthritis Centre" is a
        # facility, "Hashimoto thyroiditis" a disease.
        by_ending = head.word.islower() and (
            word.endswith(_EPONYM_HEAD_ENDINGS)
            or word == "card"
            # A group is an eponym's class only with the class after it ("Robson group 1",
            # "Lancefield group A"); "Shine peer group" is a group of people.
            or (word in _LOWER_CASE_HEADS and _CLASS_AFTER.match(text, head.end) is not None)
        )
        # A capitalised head counts only where eponyms are written so ("Modified Rankin Scale");
        # "Ana Frame", "Grace Field", "Tom Lane" are names.
        listed = word in EPONYM_HEADS and (head.word.islower() or word in _CAPITALISED_HEADS)
        # "Grade Group 2", "Robson Group 5": a capitalised group before its number is a class.
        listed = listed or (
            word in _LOWER_CASE_HEADS and _NUMBER_AFTER.match(text, head.end) is not None
        )
        # Round 14: the broader English heads, in lower case ("Capgras delusion", "Pinard
        # stethoscope"); a given name before one is a person's unless possessive ("Ludwig's").
        broad = not listed and head.word.islower() and word in HEADS_AFTER
        listed = listed or broad
        if i == 0 or not (listed or by_ending):
            continue
        if _SERVICE_AFTER.match(text, head.end):
            continue
        taken: list[Tok] = []
        j = i - 1
        # One lower-case word may stand between ("Hueston tabletop test"), where the capitalised
        # word before it is no given name ("Sarah blood test" is about Sarah).
        gap_word = (
            j > 0
            and tokens[j].word.islower()
            and tokens[j].word not in _GAP_STOPWORDS
            and tokens[j - 1].shape == "title"
            and tokens[j - 1].bare not in lex.given_names  # "Tyler's truck plate" too
            and text[tokens[j].end : head.start] == " "
        )
        if gap_word:
            j -= 1
        elif (
            # Round 14: two lower-case words before a test's or a sign's head ("Adams forward
            # bend test", "Thompson calf squeeze test"), on the same terms.
            word in _CAPITALISED_HEADS
            and j > 1
            and tokens[j].word.islower()
            and tokens[j - 1].word.islower()
            and tokens[j].word not in _GAP_STOPWORDS
            and tokens[j - 1].word not in _GAP_STOPWORDS
            and tokens[j - 2].shape == "title"
            and tokens[j - 2].bare not in lex.given_names
            and all(text[tokens[k].end : tokens[k + 1].start] == " " for k in (j - 2, j - 1, j))
        ):
            gap_word = True
            j -= 2
        # A line may break between the eponym and a lower-case head with its class after it
        # ("Siewert\ntype II", "Le Fort\nfracture type 1"): the head and class say enough.
        wrapped = (
            not gap_word
            and head.word.islower()
            and _CLASS_AFTER.match(text, head.end) is not None
            and text[tokens[j].end : head.start] in ("\n", " \n")
        )
        while j >= 0 and len(taken) < 4:
            tok = tokens[j]
            gap = text[tok.end : tokens[j + 1].start]
            if gap != " " and not (wrapped and j == i - 1):
                break
            if tok.shape in ("title", "caps") and tok.lower not in TITLES:
                taken.append(tok)
            elif tok.word.isupper() and len(tok.word) > 1 and taken and tok.lower not in _PEOPLE:
                pass  # an acronym inside a named score ("Erasmus GBS Outcome Score"), not a
                # role before a name ("PC Daniel Huxley collar 4471")
            elif not (tok.word in ("and", "&") and taken and j > 0):
                break
            j -= 1
        # "with", "by", "to" and "and" are cues for a name elsewhere, not before an eponym (see
        # _PEOPLE); a cue counts only right before the words, not across punctuation ("nephew;
        # Dravet").
        if not taken or taken[-1].lower in _PEOPLE:
            continue
        if (
            j >= 0
            and tokens[j].lower in _PEOPLE
            and text[tokens[j].end : taken[-1].start] == " "
            and not text[tokens[j].start - 1 : tokens[j].start].isdigit()  # "19Fr": a gauge
        ):
            continue
        if gap_word and any(t.bare in lex.given_names for t in taken):
            continue
        if broad and any(t.bare in lex.given_names and t.bare == t.lower for t in taken):
            continue
        for tok in taken:
            tok.shape = "lower"
    _protect_compounds(tokens)
    _protect_bracketed_before_heads(tokens, text, lex)
    _protect_graded(tokens, text, lex)
    _protect_bracketed_eponyms(tokens, text, lex)
    _protect_before_assays(tokens, text, lex)
    for i, tok in enumerate(tokens):
        maker = tok.lower in _MAKERS
        if not maker and tok.lower not in MAKERS:
            continue
        if i > 0 and tokens[i - 1].lower.rstrip(".") in _PEOPLE:
            continue  # "Dr Siemens": a person
        if (
            i > 0
            and tokens[i - 1].bare in lex.given_names
            and tokens[i - 1].shape == "title"
            and text[tokens[i - 1].end : tok.start] == " "
        ):
            continue  # "Sue Edwards EPIQ review": a person's surname, not the maker
        # The makers of this round count only before a model in capitals ("Siemens MAGNETOM
        # Vida", "Philips EPIQ CVx", "Abbott XIENCE"): a title-case word after one may be a
        # person or a site.
        caps_model = i + 1 < len(tokens) and tokens[i + 1].shape == "caps"
        if not maker and not caps_model:
            continue
        models = 0
        for j in range(i + 1, min(i + 3, len(tokens))):  # one or two model words
            # Round 14: a model in capitals too ("Siemens MAGNETOM Vida", "Philips EPIQ").
            if tokens[j].shape not in ("title", "caps"):
                break
            if text[tokens[j - 1].end : tokens[j].start] != " ":
                break
            if tokens[j].lower in lex.places:
                break  # "works at Medtronic Galway": a site, not a model
            tokens[j].shape = "lower"
            models += 1
        if models and not maker and tok.shape in ("title", "caps"):
            tok.shape = "lower"  # the maker itself, before its model ("Siemens", "Abbott")


# A bracketed eponym before its head ("FABER (Patrick's) test", "reflex (Babinski) sign").
_BRACKET_BEFORE_HEAD = re.compile(r"(?:['’]s)?\)[ \t]+([a-z]+)\b")


def _protect_bracketed_before_heads(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Round 14: one capitalised word in brackets right before an eponym head in lower case;
    a given name there only in the possessive ("(Patrick's) test"; "(Sarah) test" may be hers)."""
    for tok in tokens:
        if tok.shape != "title" or text[tok.start - 1 : tok.start] != "(":
            continue
        word = tok.word.rstrip("'’").removesuffix("'s").removesuffix("’s")
        after = _BRACKET_BEFORE_HEAD.match(text, tok.start + len(word))
        if after is None or not (after.group(1) in EPONYM_HEADS or after.group(1) in HEADS_AFTER):
            continue
        if tok.bare in lex.given_names and tok.bare == tok.lower.rstrip("'’"):
            continue
        tok.shape = "lower"


def _protect_compounds(tokens: list[Tok]) -> None:
    """Round 14: a hyphenated word whose last part is an eponym's head ("Nikolski-Zeichen",
    "Pathergie-Test", "Norton-score", "Asboe-Hansen-Zeichen") is the name of a sign, test or
    scale, unless a title stands before it ("Dr. Müller-Test" would be odd, but is a name)."""
    for i, tok in enumerate(tokens):
        if "-" not in tok.word or tok.shape not in ("title", "caps"):
            continue
        last = fold(tok.word.rsplit("-", 1)[1].rstrip("'’"))
        if last not in COMPOUND_HEADS:
            continue
        if i > 0 and tokens[i - 1].lower.rstrip(".") in _PEOPLE:
            continue
        tok.shape = "lower"


# Scales and scores named after a person, written with their value and no "score" ("Braden 13",
# "Tinetti 14/28", "modified Rankin 3", "Karnofsky 40"): kept even where the name is a listed
# given name or surname.
_SCALE_EPONYMS = frozenset(
    {
        "braden", "tinetti", "barthel", "rankin", "karnofsky", "lansky", "norton", "waterlow",
        "allred",
        "apgar", "gleason", "breslow", "clark", "berg", "wells", "caprini", "rockall",
        "blatchford", "ranson", "alvarado", "centor", "mcisaac", "mallampati", "bishop",
        "zubrod", "borg", "epworth", "beighton", "oswestry", "harris", "constant", "tegner",
        "lysholm", "kellgren", "fontaine", "rutherford", "hinchey", "forrest", "killip",
        "cormack", "morse", "abbey", "hamilton", "beck", "zung", "conners", "denver", "bayley",
        "glasgow", "edinburgh", "ottawa", "geneva", "padua", "khorana", "charlson", "elixhauser",
        "rockwood", "katz", "lawton", "folstein", "snellen", "tanner", "brunnstrom", "ashworth",
        "tardieu", "fugl-meyer", "medsger", "rodnan", "mayo", "truelove", "harvey-bradshaw",
        "lund", "browder", "parkland", "cobb", "wagner", "texas", "pedis", "wifi", "clavien",
        "dindo", "spetzler", "hunt", "fisher", "hess", "graf", "pirani", "ponseti", "salter",
        "ballard", "finnegan", "silverman", "dubowitz", "gustilo", "neer", "mason", "tossy",
        "asa",  # the anaesthetic grade ("ASA 2"), not Dr Asa Lind
        # Round 13: grading systems of radiology, pathology and orthopaedics written with their
        # grade alone ("Fazekas 2", "Modic 1", "Bosniak 2F", "Hurley 3"); none a common surname.
        "fazekas", "haggitt", "kikuchi", "modic", "pfirrmann", "meyerding", "schatzker",
        "bosniak", "hurley", "lenke", "risser", "catterall", "tonnis", "brooker", "paprosky",
        "gartland", "frykman", "pauwels", "seinsheimer", "pipkin", "ideberg", "tscherne",
        "scheltens", "koedam", "rutgeerts", "aldrete", "detsky", "baux", "savary", "zargar",
        "hoehn", "yahr", "fuhrman", "siewert",
    }
)  # fmt: skip
_SCORE_AFTER = re.compile(
    r"[ \t]*[:=]?[ \t]*\d{1,3}(?:[.,]\d)?(?:[ \t]*/[ \t]*\d{1,3})?(?![\d:/-])"
    r"(?![ \t]*(?i:am|pm|h\b|hrs?\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)
# A scale's eponym before the scale's initials ("Folstein MMSE", "Barthel ADL", "Karnofsky KPS").
# The initials are a scale's, not a credential's or a service's ("B. Ashworth RN", "Glasgow
# HSCP"): the common scales and instruments of assessment.
_ACRONYM_AFTER = re.compile(
    r"[ \t](?:MMSE|MoCA|ADL|IADL|KPS|GCS|mRS|BDI|HAM-[AD]|HDRS|HARS|FIM|BBS|TUG|SPPB|ECOG|ODI|"
    r"NDI|VAS|NRS|DASH|KOOS|HOOS|WOMAC|EPDS|CDR|GDS|NPI|MAS|MMT|BPRS|YMRS|PANSS|SDS|SAS|ADHD-RS|"
    r"AIMS|POMA|DGI|FGA|LEFS|SPADI|QuickDASH|IKDC|PEDI|GMFM|GMFCS|ABC|SCORE)\b"
)
# Heads that come first in eponyms of other languages ("Score de Glasgow", "Échelle de
# Norton", "Ziekte van Parkinson", "Morbus Crohn", "Signe de Lasègue").
_HEADS_BEFORE = frozenset(
    {
        "score", "echelle", "escala", "ziekte", "maladie", "morbus", "signe", "signo",
        "syndrome", "sindrome", "síndrome", "enfermedad", "malattia", "morbo", "classification",
        "stade", "test", "prueba", "indice", "índice", "manoeuvre", "maniobra", "reflexe",
        "reflejo", "krankheit", "scala", "teken", "proef",
        # Round 13: criteria and anatomy named after a person ("criterios de McDonald",
        # "critères de Duke", "triangle de Calot", "triángulo de Hesselbach").
        "criterios", "criterio", "criteres", "critere", "criteri", "kriterien", "triangle",
        "triangulo", "triangolo", "clasificacion", "classificacao", "classificazione",
        "estadio", "grado", "operacion", "procedimiento", "tecnica",
    }
)  # fmt: skip
_FOREIGN_JOINERS = frozenset({"de", "van", "von", "du", "di", "d'", "d’", "des", "der", "la"})

# A grade, class or stage after an eponym: "Child-Turcotte-Pugh B", "Billroth II", "Forrest Ib",
# "Dukes C1"; or a percentage score ("Karnofsky 80%").
_GRADE_AFTER = re.compile(
    r" \d{1,3}(?:\.\d)?[ \t]?%"
    r"| (?:[A-D][0-4]?|I{1,3}|IV|V|VI{0,3})[a-c]?(?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(]))"
    # "Gustilo IIIA", "Ann Arbor IIB": a Roman numeral and a capital sub-stage ("VIC" is a state).
    r"| (?:I{2,3}|IV)[A-C](?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(]))",
    re.M,
)


def _protect_graded(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep a capitalised word right before a grade letter or Roman numeral, unless it follows
    a given name or a title ("John Smith III" is a name with a suffix)."""
    for i, tok in enumerate(tokens):
        if tok.shape != "title" or not _GRADE_AFTER.match(text, tok.end):
            continue
        if tok.lower in lex.given_names:
            continue
        before = tokens[i - 1] if i > 0 else None
        if (
            before is not None
            and text[before.end : tok.start] == " "
            and (before.lower in lex.given_names | TITLES or before.shape == "initial")
        ):
            continue
        tok.shape = "lower"


# Heads after which a capitalised word is a disease's, a sign's or a test's name, never a
# person's (not "type", "stage" or "position": "Baker type 2 diabetes" may be Mr Baker's).
_DISEASE_HEADS = (
    r"disease|syndrome|sign|score|scale|cyst|tests?|criteria|classification|index|procedure|"
    r"operation|repair|palsy|ulcer|fracture|murmur|phenomenon|reflex|triad|lymphoma|sarcoma|"
    r"tumou?r|hernia|thyroiditis|contracture|deformity|anomaly|malformation|manoeuvre|maneuver"
)
_DISEASE_AFTER = re.compile(rf"(?:['’]s?)?[ \t]+(?i:{_DISEASE_HEADS})\b")
_DISEASE_WORD = re.compile(rf"(?i:{_DISEASE_HEADS})")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]+\Z")
# Round 14: the word after the surname, past the rest of a hyphenated eponym ("Creutzfeldt-Jakob
# disease", "Charcot-Marie-Tooth"), a possessive and a class ("Chiari I malformation").
_WORD_AFTER = re.compile(
    r"(?:-[A-Z][^\W\d_]*)*(?:['’]s?)?(?:[ \t]+(?:I{1,3}|IV|[1-4])[a-c]?)?[ \t]+([^\W\d_]+)"
)
# Heads after the patient's surname beyond _DISEASE_HEADS: cells, bodies and the broader heads
# ("Hodgkin cells", "Brugada pattern"), Japanese "byō" ("Takayasu byo"); lower-case words by a
# disease's ending ("Takayasu arteritis", "Takayasu retinopathy").
_PATIENT_HEADS = HEADS_AFTER | {
    "cells", "bodies", "nodes", "lymphoma", "byo", "byou", "byō", "criteria", "classification",
}  # fmt: skip
_HYPHEN_HEAD = re.compile(r"-([^\W\d_]+)\b")
_DISEASE_ENDINGS = (
    "itis", "osis", "pathy", "oma", "emia", "aemia", "algia", "plasia", "trophy", "ism",
)  # fmt: skip
# A head that comes first, a class and a particle before the surname ("maladie de Charcot",
# "doença de Chagas", "ziekte van Alzheimer", "grupo II de Rezende", "Morbus Behçet").
_HEAD_BEFORE = re.compile(
    r"([^\W\d_]+)(?:[ \t]+(?:[IV]{1,3}|\d{1,2}))?[ \t]+"
    r"(?:(?i:(de|du|des|di|del|della|dello|da|do|dos|das|van|von|der|den|nach|of))[ \t]+"
    r"(?i:(?:la|le|der|den)[ \t]+)?|(d['’]))?\Z"
)


def eponym_not_patient(text: str, start: int, end: int) -> bool:
    """Whether the patient's surname at ``start:end`` is an eponym's there ("Nelson's syndrome"
    for Wade Nelson, "Bishop score" for Ann Bishop, "maladie de Charcot" for Jean Charcot): one
    word, a disease's or a test's head after it (or before it, as other languages write it), and
    no title before it ("Mrs Bishop score" would be odd, but is hers)."""
    if " " in text[start:end].strip():
        return False
    if _TITLE_BEFORE.search(text, max(0, start - 8), start):
        return False
    if _DISEASE_AFTER.match(text, end) is not None:
        return True
    # "Chagas-Krankheit", "Takayasu-byo": a head joined by a hyphen (not "Takayasu-san").
    hyphened = _HYPHEN_HEAD.match(text, end)
    if hyphened is not None and fold(hyphened.group(1)) in COMPOUND_HEADS:
        return True
    after = _WORD_AFTER.match(text, end)
    if after is not None:
        word = after.group(1)
        if (
            word.lower() in _PATIENT_HEADS
            or _DISEASE_WORD.fullmatch(word)
            or (word.islower() and word.endswith(_DISEASE_ENDINGS))
        ):
            return True
    before = _HEAD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    head = before.group(1)
    folded = fold(head)
    if before.group(2) is None and before.group(3) is None:
        return folded in ("morbus", "morbo")  # "Morbus Behçet": Latin takes no particle
    if before.group(2) is not None and before.group(2).lower() == "of":
        return folded in HEADS_OF and (head.islower() or folded in _CAPITALISED_ANATOMY)
    return folded in HEADS_BEFORE or folded in _HEADS_BEFORE


# An eponym in brackets after its head, perhaps with a grade or a year ("rehabilitation protocol
# (Kingsley)", "grade II (Tokyo)", "criteria (McDonald 2017)"): one or two capitalised words.
_BRACKET_CLOSE = re.compile(r"(?:[ \t](?:and|&)[ \t][A-Z][\w'’-]+)?(?:,?[ \t]\d{4})?\)")
_GRADE_WORDS = frozenset({"i", "ii", "iii", "iv", "v", "a", "b", "c", "d"})


_BRACKET_HEADS = _CAPITALISED_HEADS | {"grade", "regimen", "stage", "staging"}


def _protect_bracketed_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    for i, tok in enumerate(tokens):
        if i == 0 or tok.shape != "title" or text[tok.start - 1 : tok.start] != "(":
            continue
        if tok.lower in TITLES or not _BRACKET_CLOSE.match(text, tok.end):
            continue
        j = i - 1
        if tokens[j].lower in _GRADE_WORDS and j > 0:
            j -= 1
        gap = text[tokens[j].end : tok.start - 1]
        if re.fullmatch(r"[ \t]*(?:[IV]{1,4}|[A-D]|\d{1,2})?[a-c]?[ \t]*", gap) is None:
            continue
        # Only heads that name a method or a system ("protocol", "grade", "criteria"), not
        # things a person does or holds ("via line (Sarah)", "chart (Mary)"); and no given name.
        if tokens[j].lower in _BRACKET_HEADS and tok.bare not in lex.given_names:
            tok.shape = "lower"


# An assay written in capitals after the disease or organism it tests for ("Lyme ELISA",
# "Lyme C6 EIA", "Chagas IgG", "Weil PCR"): the capitalised word before it is no person.
_ASSAY_AFTER = re.compile(r"[ \t](?:[A-Z]\d[ \t])?(?:ELISA|EIA|CLIA|PCR|NAAT|IgG|IgM|serology)\b")


def _protect_before_assays(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    for i, tok in enumerate(tokens):
        if tok.shape != "title" or not _ASSAY_AFTER.match(text, tok.end):
            continue
        if tok.bare in lex.given_names or (i > 0 and tokens[i - 1].lower in _PEOPLE):
            continue
        tok.shape = "lower"
