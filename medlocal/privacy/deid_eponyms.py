"""Capitalised words of the word scan that are no identifiers because of what stands around
them: the words of an eponym before its head ("Trousseau sign", "Hunt and Hess grade"), a scale's
name before its value ("Braden 13"), a grade after an eponym ("Child-Turcotte-Pugh B"), a
product's variant ("Mepilex Ag") and a device maker's model ("Medtronic Advisa").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_declined_eponyms import HEADS_FIRST, protect_adjective_eponyms
from medlocal.privacy.deid_device_states import protect_device_states
from medlocal.privacy.deid_eponym_heads import (
    COMPOUND_HEADS,
    HEADS_AFTER,
    HEADS_BEFORE,
    HEADS_OF,
    MAKERS,
    MEASURE_COMPOUND_HEADS,
    PARTICLES_BEFORE_NAME,
    PATIENT_COMPOUND_HEADS,
    PATIENT_HEADS_AFTER,
    PATIENT_HEADS_BEFORE,
    PERSON_HEADS_BEFORE,
    STATE_HEADS,
)
from medlocal.privacy.deid_eponym_pairs import protect_eponym_pairs
from medlocal.privacy.deid_hyphen_eponyms import protect_hyphen_eponyms
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold, lexicon
from medlocal.privacy.deid_named_variants import protect_named_variants
from medlocal.privacy.deid_people_words import (
    FUNCTION_CUES,
    PARTICLES,
    RELATIONS,
    ROLES,
    TITLE_BEFORE,
    TITLES,
)
from medlocal.privacy.deid_serovars import serovar_at
from medlocal.privacy.deid_stool_chart import stool_type_after
from medlocal.privacy.deid_title_heads import title_case_head
from medlocal.privacy.deid_tokens import TOKEN, Tok
from medlocal.privacy.deid_trial_names import trial_name_at
from medlocal.privacy.deid_verdict_eponyms import protect_verdict_eponyms

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
        # Session 60 (prec60): nouns no person is followed by ("Carhart notch", "Dormia basket",
        # "Riolan arcade", "Killian's dehiscence", "Masson trichrome", "Kruger morphology",
        # "Robicsek weave", "Rydel-Seiffer fork").
        "notch", "basket", "arcade", "dehiscence", "trichrome", "morphology", "repositioning",
        "weave", "fork",
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
        # Round 16: an instrument and a typing named after a person or a maker ("Pascal
        # laser", "Duffy and Kidd phenotyping"); not "modification" (review of round 15: "As
        # per Celik modification" is a person's).
        "laser", "phenotyping", "genotyping", "phenotype",
        # Review 14B: not "checklist": "Xyz checklist completed" is a person's as often.
        # Round 14 (precision): the heads of Dutch, German and Scandinavian notes, written after
        # the eponym in lower case as English ones are ("Parks classificatie", "Tanner graad");
        # not "stadium", a football ground too.
        "classificatie", "klassifikation", "klassifikasjon",
        "kriterien", "graad",
        # Round 18 (precision, dev28): wires, rings, stems and planes of orthopaedics, eye and
        # face ("Kirschner wire", "Weiss ring", "Exeter stem", "Frankfort horizontal plane"),
        # the tables, models and functions of prognosis ("Partin tables", "Lille model",
        # "Maddrey discriminant function"), units of a measure ("Montevideo units"), a solution
        # ("Lugol iodine"); in lower case only, as the heads above.
        "wire", "wires", "ring", "stem", "plane", "tables", "model", "function", "units",
        "iodine",
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
        # Round 17: makers of laboratory analysers and of eye and laser devices ("Sysmex XN",
        # "DiaSorin LIAISON XL", "Sebia Capillarys", "Tomey EM", "Lumenis Pulse").
        "sysmex", "diasorin", "sebia", "bio-rad", "werfen", "tosoh", "stago", "biomerieux",
        "cepheid", "qiagen", "hemocue", "mindray", "snibe", "tomey", "lumenis",
    }
)  # fmt: skip
# Round 17: heads of scores and classifications, after which a modality's initials may stand
# between the head and its eponym ("Marshall CT classification").
_SCORING_HEADS = frozenset(
    {
        "score", "scores", "scale", "classification", "criteria", "grade", "grading", "staging",
        "stage", "class", "index", "system", "rule", "rules",
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
    # Round 15: measurements by an instrument named after a person ("Hertel exophthalmometry",
    # "Goldmann perimetry").
    "metry",
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


def _protect_eponym_chains(tokens: list[Tok], lex: Lexicon) -> None:
    """Round 16: three or more surnames joined by hyphens name a disease, a staging or a
    modification after the people who described it ("Steele-Richardson-Olszewski syndrome",
    "Hodapp-Parrish-Anderson classification"), where an eponym's head follows. Not where a
    part is a given name (a child's names joined: "Mary-Kate-Ann") or a title or relation
    stands before it. The review of round 16: without the head, a triple-barrelled surname
    ("Referred by Armstrong-Whitworth-Hale, consultant") or a town ("Newcastle-Under-Lyme")
    was kept."""
    for i, tok in enumerate(tokens):
        head = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if head not in _CHAIN_HEADS:
            continue
        if tok.shape != "title" or tok.word.count("-") < 2:
            continue
        parts = tok.word.rstrip("'’").split("-")
        if len(parts) < 3 or not all(
            len(p) >= 2 and p[:1].isupper() and p[1:].islower() and p.isalpha() for p in parts
        ):
            continue
        if any(fold(p.lower()) in lex.given_names for p in parts):
            continue
        if i > 0 and tokens[i - 1].lower.rstrip(".") in _PEOPLE:
            continue
        tok.shape = "lower"


# Unions of word lists made once, where they were made again for every word read.
_NAME_CUES = TITLES | RELATIONS - FUNCTION_CUES
_CHAIN_HEADS = EPONYM_HEADS | HEADS_AFTER | PATIENT_HEADS_AFTER


def _protect_scales_and_foreign_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """A scale's eponym before its value ("Braden 13"), and the names after a head word that
    comes first in other languages ("Score de Glasgow", "Ziekte van Parkinson", "grupo II de
    Rezende", "scavo del Douglas") or in English anatomy ("pouch of Douglas")."""
    for i, tok in enumerate(tokens):
        lower = tok.lower.rstrip("'’")
        scale = tok.shape == "title" and (lower in _SCALE_EPONYMS or _scale_pair(lower))
        if tok.shape == "title" and stool_type_after(lower, text, tok.start, tok.end):
            tok.shape = "lower"  # the Bristol stool chart's type (deid_stool_chart)
            continue
        initials = _own_initials_after(lower, text, tok.end) and (
            i == 0 or tokens[i - 1].shape != "initial"
        )
        if scale and (_score_after(lower, text, tok.end) or initials):
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
        # Review 14: a capitalised head only where a sentence or a line starts ("Signe de
        # Lasègue"), or a German or Latin noun ("eines Morbus Fabry"); never a short one that is
        # also a given name ("Seen with Mal de Souza", "Asa van Dijk", "Lei da Silva").
        if tok.word[:1].isupper() and not _english_anatomy(tok, folded):
            if len(folded) <= 3:
                continue
            if not _at_sentence_start(text, tok.start) and not _capitalised_head(folded, lex):
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
        names: list[Tok] = []
        while j < len(tokens) and len(names) < 2 and tokens[j].shape in ("title", "caps"):
            if text[tokens[j - 1].end : tokens[j].start] not in (" ", "-", "", "'", "’"):
                break
            if tokens[j].lower.rstrip(".") in TITLES:
                break  # "consulta de Dr Ruiz": a person
            if tokens[j].shape == "caps" and len(tokens[j].word) > 1 and not names:
                break  # "test de VIH": an abbreviation, read as such elsewhere
            names.append(tokens[j])
            j += 1
        # Review 14: two name words after the particle are a person's full name where the
        # first is a given name ("fractura de Pedro Gómez", "van Jan Jansen") or the head names
        # what a person has or undergoes ("operação de João Pereira").
        full = len(names) == 2 and text[names[0].end : names[1].start] == " "
        if full and (names[0].bare in lex.given_names or folded in PERSON_HEADS_BEFORE):
            continue
        for name in names:
            name.shape = "lower"
        taken = len(names)
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


_GRADE_WORD = re.compile(r"(?:I{1,3}|IV|VI{0,3})[a-c]?|[A-D][0-4]?")


class _NamedPeople:
    """Review 14: the words a note gives a person (after a given name, a title, a role or a
    relation: "Sarah Kowalczyk", "Dr Kowalczyk"), read once and only where asked."""

    def __init__(self, tokens: list[Tok], text: str, lex: Lexicon) -> None:
        self._tokens, self._text, self._lex = tokens, text, lex
        self._names: set[str] | None = None

    def names(self) -> set[str]:
        if self._names is None:
            self._names = set()
            tokens, text = self._tokens, self._text
            for k in range(1, len(tokens)):
                tok, before = tokens[k], tokens[k - 1]
                if tok.shape != "title" or text[before.end : tok.start] not in (" ", ". "):
                    continue
                given = before.shape == "title" and before.bare in self._lex.given_names
                if given or before.lower.rstrip(".") in _PEOPLE:
                    self._names.add(tok.bare)
        return self._names


# Review 14B: heads that say nothing of an eponym after a bare surname, with the eponyms that
# own them (exercise regimens, risk calculators and rating checklists in common use).
_OWN_EPONYMS: dict[str, frozenset[str]] = {
    "exercises": frozenset(
        {"kegel", "daroff", "brandt", "cooksey", "cawthorne", "mckenzie", "codman", "frenkel",
         "buerger", "otago", "schroth"}
    ),
    "calculator": frozenset(
        {"wells", "framingham", "gail", "brock", "gault", "cockcroft", "tyrer", "cuzick",
         "caprini", "padua", "geneva", "glasgow", "rockall", "blatchford", "qrisk"}
    ),
    "checklist": frozenset({"broset", "brøset", "achenbach"}),
}  # fmt: skip


def protect_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep the capitalised words right before an eponym head ("Trousseau sign", "Hunt and Hess
    grade", "Cormack-Lehane grade", "Modified Rankin Scale"), unless a title or relation says
    they name a person ("Dr Lichtenstein's repair" stays a name)."""
    people = _NamedPeople(tokens, text, lex)
    _protect_scales_and_foreign_eponyms(tokens, text, lex)
    protect_adjective_eponyms(tokens, text, lex)
    _protect_eponym_chains(tokens, lex)
    _protect_product_variants(tokens, text, lex)
    for i, head in enumerate(checked(tokens)):
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
        # stethoscope"); a given name before one is a person's (see below).
        broad = not listed and head.word.islower() and word in HEADS_AFTER
        # Session 51: a head in Title Case ("Wickham Striae", "Couvelaire Uterus", "Psoriatic
        # Arthritis") by its own shape, under the broader heads' guards (deid_title_heads).
        titled = (
            not listed
            and not by_ending
            and title_case_head(
                tokens,
                i,
                text,
                lex,
                word in EPONYM_HEADS or word in HEADS_AFTER,
            )
        )
        broad = broad or titled
        listed = listed or broad
        # Review 14B: exercises, calculators and checklists only after their own eponyms
        # ("Kegel exercises", "Wells calculator"); "Xyz exercises taught" is a person's.
        owners = _OWN_EPONYMS.get(word)
        if owners and i and tokens[i - 1].lower.split("-")[-1] in owners:
            listed = True
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
        elif (
            # Round 17: a modality's or a method's initials between the eponym and a scoring
            # head ("Marshall CT classification", "Rotterdam CT score", "Fazekas MRI scale");
            # a title before the eponym still makes it a person's (see _PEOPLE below).
            word in _SCORING_HEADS
            and j > 0
            and tokens[j].word.isupper()
            and 2 <= len(tokens[j].word) <= 5
            and clinical_abbreviation(tokens[j].word)
            and tokens[j - 1].shape in ("title", "caps")
            and tokens[j - 1].lower not in TITLES
            and text[tokens[j - 1].end : tokens[j].start] == " "
            and text[tokens[j].end : head.start] == " "
        ):
            j -= 1
        # A line may break between the eponym and a lower-case head with its class after it
        # ("Siewert\ntype II", "Le Fort\nfracture type 1"): the head and class say enough.
        # Walk 25: or a head of pathology by its ending or a listed one, after one capitalised
        # word that is no given name ("chronic Chagas\ncardiomyopathy", a letter wrapped at its
        # margin; not "Anna\nsyndrome", nor "Trevor Graves\ndisease", a person).
        wrapped = (
            not gap_word
            and head.word.islower()
            and text[tokens[j].end : head.start] in ("\n", " \n")
            and (
                _CLASS_AFTER.match(text, head.end) is not None
                or (
                    (by_ending or (listed and not broad))
                    and tokens[j].bare not in lex.given_names
                    and not (j and tokens[j - 1].shape in ("title", "caps"))
                )
            )
        )
        while j >= 0 and len(taken) < 4:
            tok = tokens[j]
            gap = text[tok.end : tokens[j + 1].start]
            # Round 17: two eponyms of one classification joined by a slash ("Bamford/Oxford
            # classification", "Ranson/Glasgow criteria"): the word before the slash joins too.
            slashed = (
                gap == "/"
                and bool(taken)
                and tok.shape == "title"
                and tok.bare not in lex.given_names
            )
            if gap != " " and not (wrapped and j == i - 1) and not slashed:
                break
            if tok.shape in ("title", "caps") and tok.lower not in TITLES:
                taken.append(tok)
            elif tok.shape == "lower" and tok.word[:1].isupper() and tok.word[1:2].islower():
                taken.append(tok)  # Round 17: a capitalised word a listed phrase protects
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
        # A grade among the words is a classification's ("Forrest Ib duodenal ulcer"): round
        # 17 lets a given name stand there, a person is not graded.
        graded = any(_GRADE_WORD.fullmatch(t.word) for t in taken)
        if gap_word and not graded and any(t.bare in lex.given_names for t in taken):
            continue
        # Review 14: before a broader head or one that names what a person has ("seizures",
        # "gait", "fever"), a given name ("Peter's seizures", "Anna's delusions") or a name the
        # note gives a person elsewhere ("Sarah Kowalczyk seen ... Kowalczyk gait") is the
        # person's, possessive or not.
        # A listed head ("Bell palsy", "Bennett fracture") takes a given name written alone,
        # not in the possessive or before a surname ("Sarah Kowalczyk fracture").
        # A grade among the words is a classification's ("Forrest Ib ulcer"), as above.
        if (
            (broad or word in STATE_HEADS)
            and not graded
            and any(
                t.bare in people.names()
                or (
                    t.bare in lex.given_names
                    and (broad or t.bare != t.lower.rstrip("'’") or len(taken) > 1)
                )
                for t in taken
            )
        ):
            continue
        for tok in taken:
            tok.shape = "lower"
        if titled:
            head.shape = "lower"  # "Spots", "Bodies": no list knows the plural
    _protect_compounds(tokens, lex, people)
    _protect_bracketed_before_heads(tokens, text, lex)
    _protect_graded(tokens, text, lex)
    _protect_bracketed_eponyms(tokens, text, lex)
    _protect_before_assays(tokens, text, lex)
    # Round 15: two tests side by side before one result ("Romberg and Xyz normal").
    protect_eponym_pairs(tokens, text, lex)
    # Session 39: a hyphened pair of eponyms without its head ("Creutzfeldt-Jakob not
    # suspected"), unless the note gives the pair to a person.
    protect_hyphen_eponyms(tokens, text, lex, people.names())
    # Session 60 (prec60): a single eponym before a verdict ("Kartagener not relevant;").
    protect_verdict_eponyms(tokens, text, lex, people.names())
    # Session 39: a device's eponym alone before its state ("Foley in situ;").
    protect_device_states(tokens, text, lex, people.names())
    # Round 17: a haemoglobin variant ("Hb Constant Spring"), a generic's maker before its dose.
    protect_named_variants(tokens, text, lex)
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
        # Review 14: a model's word, not a role's or a service's initials ("Edwards SHO",
        # "Stryker ICU registrar", "Natus CPN", "Becton NHS number").
        caps_model = (
            i + 1 < len(tokens)
            and tokens[i + 1].shape == "caps"
            and model_like(tokens[i + 1].word, lex)
        )
        if not maker and not caps_model:
            continue
        models = 0
        for j in range(i + 1, min(i + 3, len(tokens))):  # one or two model words
            # Round 14: a model in capitals too ("Siemens MAGNETOM Vida", "Philips EPIQ").
            if tokens[j].shape not in ("title", "caps"):
                break
            if tokens[j].shape == "caps" and _abbreviation_or_role(tokens[j].word, lex):
                break
            if text[tokens[j - 1].end : tokens[j].start] != " ":
                break
            if tokens[j].lower in lex.places:
                break  # "works at Medtronic Galway": a site, not a model
            tokens[j].shape = "lower"
            models += 1
        if models and not maker and tok.shape in ("title", "caps"):
            tok.shape = "lower"  # the maker itself, before its model ("Siemens", "Abbott")


_VOWELS = frozenset("AEIOUY")


def _abbreviation_or_role(word: str, lex: Lexicon) -> bool:
    """A clinical, role or service abbreviation, or an English word, in capitals ("ICU",
    "SHO", "CNS", "ABC", "TEAM")."""
    lower = word.lower()
    return clinical_abbreviation(word) or lower in ROLES or lower in lex.english


def model_like(word: str, lex: Lexicon) -> bool:
    """Review 14: whether a word in capitals after a device maker reads as its model ("EPIQ",
    "MAGNETOM", "CX50"): a digit in it, or four letters or more that can be spoken (a vowel in
    three: not a service's initials, "CMHT", "CAMHS"); never a clinical, role or service
    abbreviation or an English word ("SHO", "ICU", "CNS", "CPN", "NHS", "ABC")."""
    core = word.rstrip("'’")
    if _abbreviation_or_role(core, lex):
        return False
    if any(c.isdigit() for c in core):
        return True
    letters = [c for c in core.upper() if c.isalpha()]
    return len(letters) >= 4 and 3 * sum(c in _VOWELS for c in letters) >= len(letters)


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


def _protect_compounds(tokens: list[Tok], lex: Lexicon, people: _NamedPeople) -> None:
    """Round 14: a hyphenated word whose last part is an eponym's head ("Nikolski-Zeichen",
    "Pathergie-Test", "Norton-score", "Asboe-Hansen-Zeichen") is the name of a sign, test or
    scale, unless a title stands before it ("Dr. Müller-Test" would be odd, but is a name).
    Review 14: nor where the first part is a given name or a name the note gives a person, or
    a given name stands before it ("Sarah Kowalczyk-Test"); a measure's head ("-score",
    "-Skala") takes a scale's eponym only ("Norton-score", not "Kowalczyk-score 5") or a
    longer compound ("Glasgow-Coma-Score")."""
    for i, tok in enumerate(tokens):
        if "-" not in tok.word or tok.shape not in ("title", "caps"):
            continue
        parts = tok.word.rstrip("'’").split("-")
        last = fold(parts[-1].lower())
        if last not in COMPOUND_HEADS:
            continue
        before = tokens[i - 1] if i > 0 else None
        if before is not None and before.lower.rstrip(".") in _PEOPLE:
            continue
        first = fold(parts[0].lower())
        # Round 17: a given name joined to a sign's or a disease's head ("Patrick-Zeichen",
        # "Lewis-Syndrom") names no one: a person is not written so. A test or a score may
        # still be a person's ("Sarah-Test").
        given = first in lex.given_names and last not in PATIENT_COMPOUND_HEADS
        if given or first in people.names():
            continue
        if before is not None and before.shape == "title" and before.bare in lex.given_names:
            continue
        measure = last in MEASURE_COMPOUND_HEADS and len(parts) == 2 and tok.shape == "title"
        if measure and first not in _SCALE_EPONYMS:
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
        # Round 16: lymphoma response, tumour regression, leukaemia and thymoma staging
        # ("Deauville 4", "Mandard 3", "Binet B", "Masaoka II").
        "deauville", "mandard", "binet", "masaoka", "enneking",
        # Session 40: sedation, cartilage, haemorrhoid, disability, continence and
        # post-gastrectomy grades written with their value alone ("Ramsay 3", "Outerbridge 4",
        # "Goligher 2", "Kurtzke 6", "Wexner 12", "Visick 2"), each the named scale of its
        # field's guidelines (ICU sedation, ICRS cartilage, ACPGBI, EDSS, Cleveland Clinic
        # incontinence score).
        "ramsay", "outerbridge", "goligher", "kurtzke", "wexner", "visick",
    }
)  # fmt: skip
# Session 46 (dev43, dev39): the limb scored, between a limb scale's eponym and its value
# ("Fugl-Meyer UE 22/66", "Fugl-Meyer upper extremity 18/66"); not "upper limb" or "arm", which
# follow a person seen as often. Review 46b (D4): only the scales that score a limb take it:
# "Reviewed by Harris UE 4/5", "Wells LE 5/5" are the examiner and a power grade, though Harris
# and Wells name other scales (a hip score, a clinical probability).
_LIMB_SCALES = frozenset({"fugl-meyer", "ashworth", "tardieu", "brunnstrom"})
_LIMB = r"[ \t]+(?:UE|LE|UEFM|LEFM|(?:upper|lower)[ \t]+extremity)"
_SCORE_VALUE = (
    # Round 14: a type or grade word of a language between ("Modic Typ 1", "Fazekas grade 2");
    # not English "type" ("Harris type 2 diabetes" may be Mr Harris's).
    r"(?:[ \t]+(?:Typ|typ|tipo|Tipo|Grad|grad|grade|Grade|graad))?"
    r"[ \t]*[:=]?[ \t]*\d{1,3}(?:[.,]\d)?(?:[ \t]*/[ \t]*\d{1,3})?(?![\d:/-])"
    # Session 40: a month's name or abbreviation as a whole word only ("Braden 13 Jan" is a
    # date); its first letters opening a clinical word ("Siewert 2 junctional", "Gleason 7
    # marked", "Tanner 4 decreased") made the scale's eponym a name.
    r"(?![ \t]*(?i:(?:am|pm|h|hrs?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
    r"july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b))"
    # Nor a span of time before "ago", "later" or "post": a scale's value dates no event
    # ("Ramsay 3 days ago" is a person's; "Ballard 38 weeks" is the score's gestation).
    r"(?![ \t]*(?i:days?|d|weeks?|wks?|months?|years?|yrs?|hours?|minutes?|mins?)"
    r"[ \t]+(?i:ago|later|earlier|before|after|post|since|previously)\b)"
)
_SCORE_AFTER = re.compile(_SCORE_VALUE)
_LIMB_SCORE_AFTER = re.compile(_LIMB + _SCORE_VALUE)


def _score_after(lower: str, text: str, end: int) -> bool:
    """Whether the scale eponym ``lower`` ending at ``end`` stands before its value, or, for a
    limb scale, before the limb and its value."""
    if _SCORE_AFTER.match(text, end):
        return True
    return lower in _LIMB_SCALES and _LIMB_SCORE_AFTER.match(text, end) is not None


def _scale_pair(lower: str) -> bool:
    """Session 40: a scale named after two people joined by a hyphen ("Spetzler-Martin 3",
    "Kellgren-Lawrence 2", "Hoehn-Yahr 3"), where its first name is a listed scale's: the list
    holds each scale under its first author, and the second name (often a given name too:
    Martin, Lawrence) does not make a double-barrelled surname of it before a value."""
    first, dash, second = lower.partition("-")
    return bool(dash) and first in _SCALE_EPONYMS and second.isalpha() and "-" not in second


# A scale's eponym before its own scale's initials ("Folstein MMSE", "Barthel ADL", "Karnofsky
# KPS", "Hamilton HAM-D"). Review 14: each eponym is tied to its own initials; a surname before
# another scale's ("Bed 3 Harris GCS 15", "Tanner VAS 3") or a credential's or a service's ("B.
# Ashworth RN", "Glasgow HSCP") is a person's or a place's.
_ACRONYM_AFTER = re.compile(r"[ \t]([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)\b")
_SCALE_INITIALS: dict[str, frozenset[str]] = {
    "folstein": frozenset({"MMSE"}),
    "barthel": frozenset({"ADL", "BI"}),
    "katz": frozenset({"ADL"}),
    "lawton": frozenset({"IADL"}),
    "karnofsky": frozenset({"KPS"}),
    "lansky": frozenset({"LPS"}),
    "glasgow": frozenset({"GCS", "GOS", "GOS-E", "GOSE"}),
    "rankin": frozenset({"mRS", "MRS"}),
    "beck": frozenset({"BDI", "BDI-II", "BAI", "BHS"}),
    "hamilton": frozenset({"HAM-A", "HAM-D", "HDRS", "HARS", "HRSD"}),
    "berg": frozenset({"BBS"}),
    "tinetti": frozenset({"POMA"}),
    "oswestry": frozenset({"ODI"}),
    "ashworth": frozenset({"MAS"}),
    "edinburgh": frozenset({"EPDS"}),
    "zung": frozenset({"SDS", "SAS"}),
    "harris": frozenset({"HHS", "mHHS"}),
    "morse": frozenset({"MFS"}),
    "epworth": frozenset({"ESS"}),
    "rockwood": frozenset({"CFS"}),
    "charlson": frozenset({"CCI"}),
    "fugl-meyer": frozenset({"FMA", "FM"}),
    "borg": frozenset({"RPE", "CR10"}),
    "conners": frozenset({"CRS-R", "CPRS", "CTRS"}),
    "denver": frozenset({"DDST"}),
    "bayley": frozenset({"BSID"}),
    "rodnan": frozenset({"mRSS"}),
    "kellgren": frozenset({"KL"}),
    "abbey": frozenset({"APS"}),
}


def _own_initials_after(lower: str, text: str, end: int) -> bool:
    """Whether the scale eponym ``lower`` ending at ``end`` stands before its own initials."""
    own = _SCALE_INITIALS.get(lower)
    if own is None:
        return False
    match = _ACRONYM_AFTER.match(text, end)
    return match is not None and match.group(1) in own


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
    # Round 21: Polish, Czech, Slovak, South Slavic and Romanian ("zespół Dresslera").
    | HEADS_FIRST
)  # fmt: skip
# Heads of German and Latin, nouns written capitalised anywhere ("eines Morbus Fabry").
_NOUNS_CAPITALISED = frozenset(
    {
        "morbus", "krankheit", "klassifikation", "einteilung", "kriterien", "zeichen",
        "syndrom", "skala", "status", "stadium",
    }
)  # fmt: skip


def _capitalised_head(folded: str, lex: Lexicon) -> bool:
    """Whether a capitalised head written first is clinical beyond doubt inside a sentence:
    a German or Latin noun ("eines Morbus Fabry"), or a named scale, disease, sign or test
    ("com Escala de Hamilton") that is no given name or surname ("Signe", "Scala")."""
    if folded in _NOUNS_CAPITALISED:
        return True
    return folded in _HEADS_BEFORE and folded not in lex.given_names and folded not in lex.surnames


_FOREIGN_JOINERS = frozenset({"de", "van", "von", "du", "di", "d'", "d’", "des", "der", "la"})

# A grade, class or stage after an eponym: "Child-Turcotte-Pugh B", "Billroth II", "Forrest Ib",
# "Dukes C1"; or a percentage score ("Karnofsky 80%").
_GRADE_AFTER = re.compile(
    r" \d{1,3}(?:\.\d)?[ \t]?%"
    r"| (?:[A-D][0-4]?|I{1,3}|IV|V|VI{0,3})[a-c]?(?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(]))"
    # "Gustilo IIIA", "Ann Arbor IIB": a Roman numeral and a capital sub-stage ("VIC" is a state).
    r"| (?:I{2,3}|IV)[A-C](?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(]))"
    # Round 19: a pit pattern's type with its sub-type ("Kudo IIIL", "Kudo IIIs", "Kudo Vn").
    r"| (?:III[LS]|IIIs|V[in])(?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(-]))",
    re.M,
)


# Round 14: a classification named after a city or a person, written with its scores as letters
# and digits ("Prague C2M5", "Oxford MEST-C M1 E0 S1 T1 C0", "Vienna M1E0"): two or more
# letter-and-digit scores run together, or spaced after the system's initials, or three spaced
# ("Tremayne A1 B2" may be a bed and a bay).
_SCORE = r"[A-Z]\d[a-c]?"
_SCORED_AFTER = re.compile(
    rf" (?:[A-Z]{{2,6}}(?:-[A-Z0-9]{{1,2}})?(?: {_SCORE}){{2,}}|(?:{_SCORE}){{2,}}"
    rf"|{_SCORE}(?: {_SCORE}){{2,}})(?![\w/-])"
)


# Review 14B: the classifications written with letter-and-digit scores after their name. A
# surname before a gravida/para ("Okafor G2P1"), a TNM code ("Kowalczyk T3N1M0") or a bed and
# bay ("Kowalczyk A1 B2 C3") is a person's: only a listed system keeps the word before scores.
_SCORED_SYSTEMS = frozenset(
    {
        "prague", "oxford", "vienna", "paris", "angeles", "forrest", "lauren", "savary",
        "montreal", "kyoto", "tokyo", "baltimore", "seattle", "milan", "lugano", "banff", "kudo",
        "kampala", "rotterdam", "amsterdam", "berlin", "chicago", "mayo", "vancouver",
    }
)  # fmt: skip


def _protect_graded(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep a capitalised word right before a grade letter or Roman numeral, unless it follows
    a given name or a title ("John Smith III" is a name with a suffix)."""
    for i, tok in enumerate(tokens):
        if tok.shape != "title":
            continue
        scored = _SCORED_AFTER.match(text, tok.end) if tok.lower in _SCORED_SYSTEMS else None
        if scored is not None and i + 1 < len(tokens) and tokens[i + 1].shape == "caps":
            tokens[i + 1].shape = "lower"  # the system's initials ("MEST-C")
        if not (scored or _GRADE_AFTER.match(text, tok.end)):
            continue
        # A listed classification keeps its name though it is a given name too ("Forrest IIa").
        if tok.lower in lex.given_names and tok.lower not in _SCORED_SYSTEMS:
            continue
        before = tokens[i - 1] if i > 0 else None
        if (
            before is not None
            and text[before.end : tok.start] == " "
            and (before.lower in lex.given_names | TITLES or before.shape == "initial")
        ):
            continue
        tok.shape = "lower"


# Round 14: the word after the surname, past the rest of a hyphenated eponym ("Creutzfeldt-Jakob
# disease", "Charcot-Marie-Tooth"), a possessive and a class ("Chiari I malformation").
_WORD_AFTER = re.compile(
    r"(?:-[A-Z][^\W\d_]*)*(?:['’]s?)?([ \t]+(?:I{1,3}|IV|[1-4])[a-c]?)?[ \t]+([^\W\d_]+)"
)
_HYPHEN_HEAD = re.compile(r"-([^\W\d_]+)\b")
# A head that comes first, a class and a particle before the surname ("maladie de Charcot",
# "doença de Chagas", "ziekte van Alzheimer", "grupo II de Rezende", "Morbus Behçet").
_HEAD_BEFORE = re.compile(
    r"([^\W\d_]+)(?:[ \t]+(?:[IV]{1,3}|\d{1,2}))?[ \t]+"
    r"(?:(?i:(de|du|des|di|del|della|dello|da|do|dos|das|van|von|der|den|nach|of))[ \t]+"
    r"(?i:(?:la|le|der|den)[ \t]+)?|(d['’]))?\Z"
)
_POSSESSIVE = re.compile(r"['’]s?(?![^\W_])")
# Where a sentence, a line or a field starts: a head written first is capitalised only there.
_STARTS = frozenset(".!?:;(\n•*|-")


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence, a line or a field (past spaces before it)."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k == 0 or text[k - 1] in _STARTS


def eponym_not_patient(text: str, start: int, end: int) -> bool:
    """Whether the patient's surname at ``start:end`` is an eponym's there ("Bishop score" for
    Ann Bishop, "maladie de Charcot" for Jean Charcot): one word, no given name, no possessive,
    a true eponym head after it (or before it, as other languages write it), and no title
    before it ("Mrs Bishop score" would be odd, but is hers). Review 14: what a patient has
    ("Doe's seizures", "Doe fever", "Doe retinopathy", "fractura de Garcia", "Doe-Test") keeps
    the name a name."""
    if text[start:end] in PARTICLES:
        # A particle of the patient's name written in lower case is the language's ("ziekte
        # van Crohn" for Van den Broeck): the name itself is capitalised.
        return True
    word = fold(text[start:end].strip().lower())
    if trial_name_at(text, start, end):
        return True  # "KATHERINE trial" for a Katherine: a trial's acronym (deid_trial_names)
    if serovar_at(text, start):
        return True  # "Salmonella Newport" for a Newport: a serovar (deid_serovars)
    lex = lexicon()
    if " " in word:
        # Round 17: a listed eponymous phrase that runs on past the name read with an initial
        # or a given name ("Austin Flint murmur" for Tyler Flint, "R Ramsay Hunt syndrome" for
        # a Ramsay: right-sided, not R. Ramsay), the possessive aside ("Flint's" stays hers).
        return _listed_phrase_through(text, start, end, lex)
    if word in lex.given_names and word not in lex.surnames:
        return False  # "Jane syndrome": the patient's given name, never an eponym's
    if _listed_phrase_through(text, start, end, lex):
        return True
    if TITLE_BEFORE.search(text, max(0, start - 8), start):
        return False
    if _POSSESSIVE.match(text, end):
        # "Doe's nephropathy": the patient's own. Review 14 holds this for a listed eponym too
        # ("Mr Nelson has Nelson's syndrome" is hers).
        return False
    if _known_eponym_at(text, start, end, word, lex):
        return True
    # "Chagas-Krankheit", "Takayasu-byo": a disease joined by a hyphen (not "Takayasu-san").
    hyphened = _HYPHEN_HEAD.match(text, end)
    if hyphened is not None:
        last = fold(hyphened.group(1).lower())
        if last in PATIENT_COMPOUND_HEADS:
            return True
        if last in COMPOUND_HEADS or not hyphened.group(1)[:1].isupper():
            return False  # "Doe-Test", "Takayasu-san"; "Dubin-Johnson syndrome" reads on
    after = _WORD_AFTER.match(text, end)
    if after is not None:
        head = after.group(2).lower()
        if head in PATIENT_HEADS_AFTER:
            return True
        # A class between the surname and a broader head is an eponym's ("Mobitz II block",
        # "Forrest Ib ulcer"); a number only before what no patient has ("Doe 2 seizures").
        if after.group(1) and (head in EPONYM_HEADS or head in HEADS_AFTER):
            return head not in STATE_HEADS or not after.group(1).strip()[:1].isdigit()
    before = _HEAD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    head = before.group(1)
    folded = fold(head.lower())
    # A capitalised head only where a sentence starts, or a Latin or German noun ("eines Morbus").
    if (
        head[:1].isupper()
        and not _at_sentence_start(text, before.start())
        and folded not in _NOUNS_CAPITALISED
    ):
        return False
    if before.group(2) is None and before.group(3) is None:
        return folded in ("morbus", "morbo")  # "Morbus Behçet": Latin takes no particle
    if before.group(2) is not None and before.group(2).lower() == "of":
        return folded in HEADS_OF and (head.islower() or folded in _CAPITALISED_ANATOMY)
    return folded in PATIENT_HEADS_BEFORE


def _listed_phrase_through(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a listed clinical phrase starting at a word of ``start:end`` or at one of the
    two words before it on its line runs on past ``end`` to a word of its own ("Austin Flint
    murmur" over "Flint"), with no possessive right after the name and no title before."""
    if _POSSESSIVE.match(text, end) or TITLE_BEFORE.search(text, max(0, start - 8), start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    words = [m.start() for m in TOKEN.finditer(text, max(line_start, start - 30), end)]
    before = [w for w in words if w < start][-2:]
    for at in before + [w for w in words if w >= start]:
        phrase = lex.clinical_phrases.match(text, at)
        if phrase is not None and phrase.end() > end + 1:
            return True
    return False


def _known_eponym_at(text: str, start: int, end: int, word: str, lex: Lexicon) -> bool:
    """Round 16: the patient's surname (no possessive after it) where it opens a listed
    eponymous phrase ("Addison disease" for Ann Addison), or where the surname is itself a
    listed eponym ("Wilms", "Takayasu", "Charcot") with a head after it ("Wilms tumour",
    "Takayasu retinopathy") or before it with a particle ("pied de Charcot"). A made-up "Doe
    nephropathy" stays the patient's: neither the phrase nor the word is listed."""
    phrase = lex.clinical_phrases.match(text, start)
    if phrase is not None and phrase.end() > end:
        return True
    if word not in lex.clinical_words or lex.name_like(word):
        # Review of round 16: a surname that is also a clinical or national word ("Walker",
        # "Ng", "Nash", "French") is the patient's before any head ("Walker gait steady",
        # "Ng seizure at 0300"); only a listed eponym no one is named ("Takayasu") reads on.
        return False
    after = _WORD_AFTER.match(text, end)
    if after is not None:
        head = after.group(2).lower()
        if (
            head in PATIENT_HEADS_AFTER
            or head in EPONYM_HEADS
            or head in HEADS_AFTER
            or (head.endswith(_EPONYM_HEAD_ENDINGS) and len(head) >= 7)
        ):
            return True
    before = _HEAD_BEFORE.search(text, max(0, start - 40), start)
    return (
        before is not None
        and before.group(1).islower()
        and (before.group(2) is not None or before.group(3) is not None)
        and fold(before.group(1)) in HEADS_BEFORE
    )


# An eponym in brackets after its head, perhaps with a grade or a year ("rehabilitation protocol
# (Kingsley)", "grade II (Tokyo)", "criteria (McDonald 2017)"): one or two capitalised words.
_BRACKET_CLOSE = re.compile(r"(?:[ \t](?:and|&)[ \t][A-Z][\w'’-]+)?(?:,?[ \t]\d{4})?\)")
_GRADE_WORDS = frozenset({"i", "ii", "iii", "iv", "v", "a", "b", "c", "d"})


_BRACKET_HEADS = _CAPITALISED_HEADS | {"grade", "regimen", "stage", "staging"}
# Round 16: procedures by their ending or their word, before an eponym in brackets.
_PROCEDURE_ENDINGS = ("ectomy", "otomy", "ostomy", "plasty", "pexy", "rrhaphy", "desis")
_PROCEDURE_WORDS = frozenset(
    {
        "ligation", "fixation", "anastomosis", "fundoplication", "sterilisation",
        "sterilization", "reconstruction", "resection", "incision", "closure", "suture",
        "manoeuvre", "maneuver", "operation", "procedure", "repair", "technique",
    }
)  # fmt: skip


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
        if tok.bare in lex.given_names:
            continue
        if tokens[j].lower in _BRACKET_HEADS or _measure_by_formula(tokens[j], tok, text):
            tok.shape = "lower"
            continue
        # Round 16: the eponym of a procedure in brackets after it ("open transvesical
        # prostatectomy (Freyer)", "tubal ligation (Pomeroy)"): a procedure word in lower case,
        # the bracket holding one word and no title; a surgeon is written with a title or a
        # given name ("cholecystectomy (Mr Lee)"). The review of round 16: a surgeon is also
        # written by surname alone ("hemicolectomy (Adeyemi)"), so only a word the clinical
        # lists hold is the procedure's eponym.
        head = tokens[j].word
        if (
            j == i - 1
            and head.islower()
            and (head.endswith(_PROCEDURE_ENDINGS) or head in _PROCEDURE_WORDS)
            and tok.bare in lex.clinical_words
        ):
            tok.shape = "lower"
            continue
        # Round 16: the formula in brackets after the measure's value ("QTc 438 ms (Bazett)",
        # "eGFR 54 mL/min (CKD-EPI)"): the measure, its value and its unit come first.
        if tok.bare not in lex.surnames or tok.bare in lex.clinical_words:
            window = text[max(0, tok.start - 40) : tok.start - 1]
            if _MEASURED_BEFORE.search(window) is not None:
                tok.shape = "lower"


# Round 14: a measure's abbreviation, an eponym in brackets and the measure's value ("QTc
# (Hodges) 440 ms", "ADL (Barthel) 4/6"): the formula or scale the value was read by. A place or
# a person in brackets after a test ("CT (Leeds) on 12/03", "SHO (Murphy)") has no value right
# after it, and a role is no measure.
_ABBREVIATION = re.compile(r"[A-Z]{1,4}[a-z]?[A-Z]?[a-z]?")


# Review 14B: the measures read by a named formula or scale, each with the units its value is
# written in ("QTc (Bazett) 432 ms", "eGFR (CKD-EPI) 54 mL/min", "ADL (Barthel) 4/6"). A unit
# of time or a count after a place or service ("ED (Nowak) 2 days ago", "ICU (Leeds) 3 days")
# is no measure's value: the word in brackets is a person or a place.
_MEASURE_UNITS: dict[str, str] = {
    "qt": r"ms|msec", "qtc": r"ms|msec", "qtcb": r"ms|msec", "qtcf": r"ms|msec",
    "egfr": r"m[lL]/min(?:/1[.,]73[ \t]?m[²2])?", "gfr": r"m[lL]/min(?:/1[.,]73[ \t]?m[²2])?",
    "crcl": r"m[lL]/min", "bsa": r"m[²2]", "bmi": r"kg/m[²2]", "ldl": r"mmol/[lL]|mg/d[lL]",
    "adl": r"/\d{1,3}", "badl": r"/\d{1,3}", "iadl": r"/\d{1,3}", "gcs": r"/15",
    "mmse": r"/30", "moca": r"/30", "map": r"mm[ \t]?Hg", "ibw": r"kg", "lbw": r"kg",
    "abw": r"kg", "ef": r"%", "lvef": r"%",
    # Round 16: the eye pressure by its tonometer ("IOP (Goldmann): RE 16 mmHg").
    "iop": r"mm[ \t]?Hg",
}  # fmt: skip
_MEASURE_UNIT_AFTER = {
    k: re.compile(
        # Round 16: an eye's label before the value ("RE 16 mmHg", "OD: 14 mmHg").
        r"\)[ \t]*[:=]?[ \t]*(?:(?:RE|LE|OD|OS|R|L)[ \t]*[:=]?[ \t]*)?"
        r"\d{1,4}(?:[.,]\d{1,2})?[ \t]*(?:" + v + r")(?![^\W\d_])"
    )
    for k, v in _MEASURE_UNITS.items()
}


# Round 16: a measure's abbreviation, its value and unit, then the bracket: "QTc 438 ms (".
_MEASURED_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(
        rf"(?i:{re.escape(k)})[ \t]*[:=]?[ \t]*\d{{1,4}}(?:[.,]\d{{1,2}})?[ \t]*(?:{v})"
        for k, v in _MEASURE_UNITS.items()
        if not v.startswith("/")
    )
    + r")[ \t]*\Z"
)


def _measure_by_formula(head: Tok, tok: Tok, text: str) -> bool:
    word = head.word
    if not (2 <= len(word) <= 6 and sum(c.isupper() for c in word) >= 2):
        return False
    if head.lower in _PEOPLE or _ABBREVIATION.fullmatch(word) is None:
        return False
    unit = _MEASURE_UNIT_AFTER.get(head.lower)
    return unit is not None and unit.match(text, tok.end) is not None


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
