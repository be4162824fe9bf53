"""A hospital's service, a clinician's role and a disease's service named by an eponym are given
back after resolution (round 19, walk 22): "review at the Frailty Unit", "Acute Medical Unit",
"Falls and Frailty Clinic" and "Stroke Unit" became [FACILITY]; "Duty Microbiologist" and
"Rheumatologist" [NAME]; "Parkinson's nurse specialist" lost "Parkinson" as a name.

A unit named only by a clinical service, a condition or a kind of patient names no place: every
hospital has one. A unit with a proper name ("Rowan Unit", "Larchwood Clinic") keeps its
redaction, as does the hospital before a service ("General Hospital -- Acute Medical Unit"
gives back the service only). So a span is given back only when each of its words is a service
word (below; not the lexicon's clinical words, which hold places: "Texas"), and it ends in
a service's head word; a role is given back only when nothing but role and service words are
left of the span; and a disease eponym only before "'s" and a service or role word, with no
title before it ("Mrs Parkinson's daughter" stays a name).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, lexicon
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"facility", "name", "location"})

# The last word of a service's name.
_HEADS = frozenset(
    {
        "unit", "units", "ward", "wards", "clinic", "clinics", "service", "services", "team",
        "teams", "department", "dept", "lounge", "centre", "center", "suite", "meeting",
        "mdt", "hub", "theatre", "theatres", "imaging", "laboratory", "pharmacy", "medicine",
        "surgery", "outpatients", "opd", "elderly", "programme", "society", "pathway",
        "klinik", "unidad", "servicio", "servizio", "reparto", "ambulatorio", "abteilung",
        "station", "unité", "consultation", "policlinico", "poliklinik",
    }
)  # fmt: skip

# Words of a service's name: specialties, conditions, kinds of patient and care, the words
# that join them.
_SERVICE_WORDS = frozenset(
    {
        "acute", "medical", "surgical", "frailty", "falls", "coronary", "cardiac", "cardiology",
        "care", "critical", "intensive", "high", "dependency", "emergency", "discharge",
        "assessment", "admissions", "admission", "ambulatory", "day", "short", "stay",
        "observation", "risk", "pregnancy", "antenatal", "postnatal", "maternity", "labour",
        "labor", "delivery", "neonatal", "paediatric", "pediatric", "fever", "treatment",
        "diabetes", "diabetic", "technology", "anticoagulation", "female", "male", "women's",
        "men's", "satellite", "haemodialysis", "hemodialysis", "dialysis", "renal", "breast",
        "multidisciplinary", "stroke", "rehabilitation", "rehab", "respiratory", "chest",
        "heart", "failure", "memory", "pain", "palliative", "oncology", "haematology",
        "hematology", "endocrine", "endocrinology", "gastroenterology", "hepatology", "liver",
        "eye", "ent", "orthopaedic", "orthopedic", "fracture", "trauma", "burns", "vascular",
        "urology", "gynaecology", "gynecology", "obstetric", "obstetrics", "mental", "health",
        "psychiatric", "psychiatry", "community", "infection", "infectious", "diseases",
        "disease", "sexual", "genitourinary", "sleep", "allergy", "dermatology", "skin",
        "wound", "tissue", "viability", "continence", "bladder", "bowel", "endoscopy",
        "radiology", "body", "nuclear", "interventional", "older", "geriatric", "geriatrics",
        "general", "internal", "isolation", "recovery", "anaesthetic", "anesthetic",
        "preoperative", "pre-operative", "pre-assessment", "neurology", "neuro", "spinal",
        "injuries", "injury", "transplant", "transplantation", "hepatobiliary", "colorectal",
        "upper", "lower", "gi", "clinical", "nurse-led", "rapid", "access", "one-stop",
        "urgent", "minor", "lung", "cancer", "tumour", "tumor", "blood", "transfusion",
        "coagulation", "thrombosis", "haemophilia", "sickle", "cell", "epilepsy", "movement",
        "disorders", "dementia", "cognitive", "ophthalmology", "retina", "glaucoma",
        "fertility", "early", "fetal", "foetal", "perinatal", "special", "baby", "outpatient",
        "inpatient", "virtual", "home", "ward", "unit", "team", "specialist",
        "nurse", "nursing", "regional", "step-down", "medicine", "surgery", "imaging",
        "icu", "hdu", "ccu", "amu", "sau", "cdu", "mau", "nicu", "picu", "scbu", "itu",
        "liaison", "kidney", "program", "programme", "māori", "maori",
        # Walk 45 (D5): device, rhythm and balance services ("Cardiac Device Clinic", "Falls
        # and Balance Clinic", "Heart Rhythm Clinic").
        "device", "devices", "pacing", "pacemaker", "rhythm", "arrhythmia",
        "electrophysiology", "balance", "vestibular", "gait",
        # the same services in other languages ("Klinik Endokrin", "Unidad de Retina",
        # "Ambulatorio Trapianti di Fegato", "S.C. Epatologia", "Kardiologie")
        "endokrin", "kardiologi", "kardiologie", "epatologia", "hepatologia", "trapianti",
        "trapianto", "fegato", "medicina", "interna", "innere", "chirurgie", "chirurgia",
        "cirugía", "cirugia", "pediatría", "pediatria", "pädiatrie", "ginecologia",
        "ginecología", "ostetricia", "obstetricia", "neurologie", "neurologia", "neurología",
        "nefrologia", "nefrología", "nephrologie", "nefrologi", "oftalmologia",
        "oftalmología", "urologia", "urología", "urologie", "psichiatria", "psiquiatría",
        "psiquiatria", "psychiatrie", "cardiologia", "cardiología", "cardiologie",
        "oncologia", "oncología", "onkologie", "ematologia", "hematología", "hämatologie",
        "gastroenterologia", "gastroenterología", "gastroenterologie", "geriatria",
        "geriatría", "geriatrie", "urgencias", "urgenze", "notaufnahme", "intensivstation",
        "rianimazione", "reanimación",
        "the", "of", "and", "&", "for", "with", "de", "di", "del", "la", "der", "für",
    }
)  # fmt: skip

# Words of a clinician's role, before a name or alone ("Duty Microbiologist", "Primary Nurse
# Harpreet Gill", "Diabetes Educator", "Nursing In-charge").
_ROLE_WORDS = frozenset(
    {
        "nurse", "nurses", "nursing", "specialist", "educator", "fellow", "registrar",
        "consultant", "physician", "surgeon", "sister", "matron", "midwife", "therapist",
        "physiotherapist", "dietitian", "dietician", "pharmacist", "technologist",
        "technician", "practitioner", "advisor", "adviser", "coordinator", "co-ordinator",
        "liaison", "duty", "on-call", "primary", "senior", "junior", "advanced", "in-charge",
        "charge", "odp", "attending", "resident", "intern", "worker", "counsellor",
        "oberarzt", "oberärztin", "chefarzt", "chefärztin", "assistenzarzt",
        "assistenzärztin", "facharzt", "fachärztin", "direttore", "direttrice", "médico",
        "médica", "enfermera", "enfermero", "infirmière", "infirmier", "médecin",
    }
)  # fmt: skip
# Heads written first in other languages ("Unidad de Retina", "Klinik Endokrin").
_HEADS_FIRST = frozenset(
    {"unidad", "servicio", "klinik", "ambulatorio", "reparto", "servizio", "abteilung",
     "unité", "consulta", "clínica", "clinica", "poliklinik"}
)  # fmt: skip
_SPECIALTY_ENDINGS = ("ology", "ologie", "ologia", "ología", "ologi", "iatrie", "iatria", "iatría")
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-Z][a-z][\w-]*)")
_ROLE_ENDINGS = ("ologist", "iatrist", "ician", "dontist", "thetist", "apist", "macist")
_TITLE_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sr|Sister)\.?|\bDoctor)[ \t]+\Z")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*|&")
# A separator between a hospital and its service ("Hospital -- Acute Medical Unit").
_SEPARATOR = re.compile(r"[ \t]+(?:--|—|–|-|/|\|)[ \t]+|,[ \t]+")
# "'s" and a service or role word after a disease eponym.
_POSSESSIVE_ROLE = re.compile(r"['’]s[ \t]+([A-Za-z-]+)")
_POSSESSIVE_END = re.compile(r"['’]s?\Z")


def _service_word(word: str) -> bool:
    # Only the lists above: the lexicon's clinical words hold places and phrases that are
    # organisations' words too ("Texas", "Rotunda", "Rhode Island").
    lower = word.lower()
    return lower in _SERVICE_WORDS or lower in _HEADS or lower.endswith(_SPECIALTY_ENDINGS)


def _head(word: str) -> bool:
    lower = word.lower()
    return lower in _HEADS or lower.endswith(_SPECIALTY_ENDINGS)


def _role_word(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return lower in _ROLE_WORDS or (len(lower) > 7 and lower.endswith(_ROLE_ENDINGS))


def _only_service(words: list[str]) -> bool:
    """A service's name: service words only, ending in a head ("Frailty Unit", "Unidad de
    Retina" ends in a specialty, "Kardiologie" is one)."""
    if not words or not (_head(words[-1]) or words[0].lower() in _HEADS_FIRST):
        return False
    return all(_service_word(w) for w in words)


def _only_roles(words: list[str]) -> bool:
    """A role: role words, with service words before them ("Diabetes Educator")."""
    return (
        bool(words)
        and any(_role_word(w) for w in words)
        and all(_role_word(w) or _service_word(w) for w in words)
    )


def _disease_eponym(word: str, lex: Lexicon) -> bool:
    lower = word.lower()
    return any(
        lex.clinical_phrases.fullmatch(f"{lower}{tail}") is not None
        for tail in ("'s disease", " disease", "'s syndrome", " syndrome")
    )


def _trimmed(red: Redaction, start: int, end: int) -> Redaction | None:
    """``red`` cut to ``[start, end)`` of its own text, blanks and marks at the edges left."""
    piece = red.original[start:end]
    left = len(piece) - len(piece.lstrip(" \t,;/-–—|"))
    right = len(piece.rstrip(" \t,;/-–—|"))
    if right <= left:
        return None
    return Redaction(
        red.kind,
        red.start + start + left,
        red.start + start + right,
        piece[left:right],
        red.replacement,
    )


def _generic(segment: str) -> bool:
    words = _WORD.findall(segment)
    return _only_service(words) or _only_roles(words)


def _wide_generic(segment: str) -> bool:
    return len(_WORD.findall(segment)) > 1 and _generic(segment)


def _disease_service(text: str, red: Redaction, words: list[str], lex: Lexicon) -> bool:
    """ "[Parkinson]'s nurse specialist", "Parkinson's Nurse": a disease's service or nurse."""
    eponym = _POSSESSIVE_END.sub("", words[0]) if words else ""
    if not eponym or not red.original.startswith(eponym) or not _disease_eponym(eponym, lex):
        return False
    after = _POSSESSIVE_ROLE.match(text, red.start + len(eponym))
    if after is None:
        return False
    role = after.group(1).lower()
    if not (_role_word(role) or role in _HEADS or role in _SERVICE_WORDS):
        return False
    rest = _WORD.findall(text[after.end() : red.end])
    return not rest or _only_roles(rest) or _only_service(rest)


def _settle(text: str, red: Redaction, lex: Lexicon) -> list[Redaction]:
    """What of ``red`` should stay: nothing where it names no one and nowhere."""
    original = red.original
    words = _WORD.findall(original)
    titled = _TITLE_BEFORE.search(text, max(0, red.start - 12), red.start) is not None
    after = _CAPITALISED_AFTER.match(text, red.end)
    if titled or (
        red.kind == "name"
        and len(words) == 1
        and words[0].lower() in _HEADS
        and lex.name_like(words[0].lower())
        # Session 40 (cue40): before a role word the head word grades the role ("Spoke with
        # Ward Sister": the tagger's "Ward"), it names no one.
        and not (after is not None and _role_word(after.group(1)))
    ):
        # A person's surname that is a unit's head word ("Ward (palliative)" in a list of
        # those present) was found as a name: the word alone names no service.
        return [red]
    # A role alone, not the start of a longer name ("Nurse Maude" is an organisation's).
    named_after = after is not None and not _role_word(after.group(1))
    if (_generic(original) and not named_after) or _disease_service(text, red, words, lex):
        return []
    # deidfix33 (walk 35): "Lakeshore General Hospital Emergency Department": a service
    # written right after a whole facility's head names no more than the facility does.
    if red.kind == "facility":
        served = _service_after_facility(red, words)
        if served is not None:
            return [served]
    # "Hospital -- Acute Medical Unit, Brampton": the services between separators are given
    # back, what is left on either side of them stays redacted.
    cuts = [0]
    for sep in _SEPARATOR.finditer(original):
        cuts += [sep.start(), sep.end()]
    cuts.append(len(original))
    if len(cuts) > 2:
        pieces = [(cuts[n], cuts[n + 1]) for n in range(0, len(cuts), 2)]
        # A service of one word between separators ("Dialysis - Unit 3") is left to the span.
        generic = [_wide_generic(original[a:b]) for a, b in pieces]
        if any(generic):
            kept: list[Redaction] = []
            run: tuple[int, int] | None = None
            for (a, b), gone in zip(pieces, generic, strict=True):
                if gone:
                    if run is not None:
                        kept += [r for r in [_trimmed(red, *run)] if r is not None]
                    run = None
                else:
                    run = (run[0], b) if run is not None else (a, b)
            if run is not None:
                kept += [r for r in [_trimmed(red, *run)] if r is not None]
            return kept
    # "Primary Nurse Harpreet Gill", "Diabetes Educator Rohana Ismail": the role's words
    # before the name are given back.
    if red.kind == "name" and len(words) >= 2:
        at, role = 0, False
        for word in words:
            found = original.find(word, at)
            if not (_role_word(word) or _service_word(word)):
                return [_trimmed(red, found, len(original)) or red] if role else [red]
            role = role or _role_word(word)
            at = found + len(word)
    return [red]


# The heads that end a facility's name whole ("... Hospital", "... Infirmary").
_WHOLE_HEADS = frozenset(
    {"hospital", "infirmary", "hospice", "clinic", "centre", "center", "institute"}
)


_DEPARTMENT_ENDS = frozenset({"department", "dept", "unit"})


def _service_after_facility(red: Redaction, words: list[str]) -> Redaction | None:
    """``red`` cut before the service its facility's head is followed by, or None: the words
    after the last head must be a service's name (service words ending in a head word), and
    two words or more of the facility's own name stand before them."""
    for n in range(len(words) - 1, 1, -1):
        if words[n - 1].lower() not in _WHOLE_HEADS:
            continue
        # Only a department or a unit: a laboratory, pharmacy, specialty or centre after the
        # hospital's name is its own service's name ("Kingsbridge Hospital Laboratory",
        # "Mission Hospital Urology", "Hospital Medical Center").
        if words[-1].lower() not in _DEPARTMENT_ENDS or not _only_service(words[n:]):
            return None
        # A numbered unit is a site of the facility, no service ("Renal Centre - Unit 4").
        if not red.original.rstrip().lower().endswith(words[-1].lower()):
            return None
        at = 0
        for word in words[:n]:
            at = red.original.find(word, at) + len(word)
        return _trimmed(red, 0, at)
    return None


def _maybe(text: str, red: Redaction) -> bool:
    """A cheap test: a word of the lists above in the span, or "'s" right after it."""
    if text[red.end : red.end + 2] in ("'s", "’s"):
        return True
    for word in _WORD.findall(red.original):
        lower = word.lower()
        if lower in _HEADS or lower in _SERVICE_WORDS or _role_word(lower):
            return True
    return False


def without_services(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the services, roles and disease services they took (see above)."""
    kept: list[Redaction] = []
    lex: Lexicon | None = None
    for red in redactions:
        if red.kind not in _KINDS or not _maybe(text, red):
            kept.append(red)
            continue
        lex = lex or lexicon()
        kept += _settle(text, red, lex)
    return kept
