"""Word lists of the word scan that point to a place: facility, street, region and ward words,
the words that say only what kind of service a run is, and the cues before a place or an
employer (see :mod:`medlocal.privacy.deid_words`).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES

FACILITY_HEADS = frozenset(
    {
        # Eleventh round: football and rugby clubs, a probation service, a chapel's name, a
        # food bank written as one word ("Hedge End Town FC", "Avon and Somerset Probation").
        "fc", "afc", "rfc", "probation", "congregational", "foodbank",
        # Review of round 16: a named community team ("Riverside CMHT"); the initials alone are
        # a service ("CMHT review") since they became clinical abbreviations.
        "cmht", "crht", "cldt", "camhs",
        "hospital", "hospitals", "clinic", "clinics", "center", "centre", "practice", "surgery",
        "associates", "institute", "laboratory", "laboratories", "lab", "labs", "diagnostics",
        "infirmary", "pavilion", "home", "house", "manor", "village", "school", "college",
        "university", "academy", "pharmacy", "group", "supply", "supplies", "health", "living",
        "hospice", "memorial", "pediatrics", "paediatrics", "cardiology", "gastroenterology",
        "neurology", "endocrinology", "orthopaedics", "orthopedics", "oncology", "dermatology",
        "urology", "radiology", "imaging", "rehabilitation", "healthcare", "services", "partners",
        "network", "trust", "foundation", "company", "inc", "llc", "ltd", "corporation",
        "sanatorium", "residence", "residences", "lodge", "court", "gardens", "towers", "hall",
        "church", "prison", "ymca", "physicians", "specialists", "consultants", "medicine",
        "service", "logistics", "transport", "industries", "solutions", "systems", "store",
        "stores", "market", "bank", "hotel", "motel", "inn", "library", "station",
        "suites", "club", "union", "office", "department", "dept", "ems", "pathology",
        "directors", "funeralcare", "agency", "council", "society", "association", "ministry",
        "mission", "chapel", "cathedral", "mosque", "temple", "synagogue", "parish",
        "psychiatry", "haematology", "hematology", "nephrology", "rheumatology",
        "pulmonology", "ophthalmology", "physiotherapy", "therapies", "dentistry",
        "optometrists", "chiropractic", "wellness", "diagnostic", "medical", "care",
        "equipment", "appliances", "mobility", "rentals", "homecare", "unit", "general",
        # Fourth round: employers, schools and shops of every kind.
        "campus", "schools", "plant", "limited", "plc", "pty", "mart", "coffee", "cafe", "café",
        "restaurant", "bakery", "salon", "diner", "supermarket", "farms", "dairies", "dairy",
        "mills", "factory", "refinery", "depot", "warehouse", "team", "teams", "dialysis",
        "chemist", "chemists", "opticians", "polyclinic", "dispensary", "hostel", "shelter",
        "facility", "barracks", "gurdwara", "kindergarten", "preschool", "daycare", "nursery",
        "creche", "polytechnic", "tafe", "construction", "plumbing", "electrical", "motors",
        "garage", "builders", "contractors", "engineering", "mining", "airlines", "airways",
        "railways", "railway", "insurance", "dental", "ward", "wards",
        # Fifth round.
        "hub", "wing",
        # Eighth round: places of worship.
        "basilica", "shrine", "masjid", "tabernacle", "ministries", "fellowship", "congregation",
        # Session 48: a regional hospital by its town ("Wellington Regional", "Tauranga
        # Regional"), as "Airedale General".
        "regional",
    }
)  # fmt: skip
# Heads that are also everyday words ("Medical", "Care"): they make a facility only with a word
# that is itself a name, a place or unknown ("Yarraville Community Care"), never with plain words
# ("Mouth Care" at the start of a sentence).
WEAK_HEADS = frozenset(
    {
        "medical", "care", "union", "office", "department", "society", "unit", "general", "team",
        "teams", "dialysis", "dental", "ward", "wards", "facility", "insurance", "nursery",
        "wing", "regional",
    }
)  # fmt: skip
# Head words that make a facility of the words before them on their own ("Hospital", "Clinic").
STRONG_HEADS = FACILITY_HEADS - WEAK_HEADS
# Facility words that come first in French, Spanish, Italian and German names ("Clinique
# Médicale du Vieux-Port", "Hôpital Notre-Dame", "Résidence Les Érables", "Klinikum Nord").
HEAD_FIRST = frozenset(
    {
        "clinique", "hopital", "centre", "centro", "residence", "maison", "casa", "villa",
        "klinik", "klinikum", "krankenhaus", "policlinico", "ospedale", "instituto", "institut",
        "clinica", "hospital", "foyer", "pavillon", "cabinet",
    }
)  # fmt: skip
# What an employer, school or church is introduced by ("works for Summit Peak Roofing", "her
# employer (Gisborne Citrus Packers)", "her manager at Snake River Credit Union"): Safe Harbor
# names employers among the identifiers, and such names are often plain English words.
EMPLOYER_CUE = re.compile(
    r"(?i:\b(?:works?|working|worked|employed|employer|employee|workplace|job|manager|boss|"
    r"attends|attended|studies|studying|volunteers?|member|owns|runs|pharmacy[ \t]+is|"
    r"chemist[ \t]+is)\b)"
    r"(?:[ \t]+(?i:at|for|by|with|in|of))?[ \t]*[(,:]?[ \t]*\Z"
)
# What a church or its school is dedicated to, after "Holy": "Holy Trinity", "Holy Cross" name a
# parish with no facility word ("attends Holy Trinity on Sundays"); "Holy Communion" is no place.
HOLY_DEDICATIONS = frozenset(
    {
        "trinity", "cross", "family", "rosary", "redeemer", "innocents", "angels", "apostles",
        "saviour", "savior", "sepulchre", "spirit", "ghost", "name", "child", "souls",
    }
)  # fmt: skip
# A facility word in lower case a word or two after a run ("Toronto Western fracture clinic"),
# not across a preposition, an article or a verb ("See Grace in clinic", "Mary Hopkins at the
# hospital": where a person is, not a facility's name).
LOWER_HEAD_AFTER = re.compile(
    r"(?:[ \t]+(?!(?:in|at|to|from|with|by|for|on|of|the|a|an|and|or|is|was|will|has|had|"
    r"attended|attends|visited|visits|went|goes)\b)[a-z]+){0,2}"
    r"[ \t]+(?:clinic|hospital|pharmacy|surgery|practice|centre|center|hospice|laboratory|lab|"
    r"nursing[ \t]+home|care[ \t]+home)\b"
)
# What kind of place a name is, in lower case right after it ("Lighthouse children's home",
# "The Laurels (nursing home)", "Brackenholt food bank").
KIND_AFTER = re.compile(
    r"[ \t]+\(?(?:nursing|care|children's|childrens|residential|rest|group)[ \t]+home\b"
    r"|[ \t]+\(?(?:food[ \t]*bank|day[ \t]+cent(?:re|er)|parish|air[ \t]+ambulance|hostel|"
    r"refuge|shelter|retirement[ \t]+village|sheltered[ \t]+housing|"
    # Eleventh round: groups, clubs and the places they meet ("Little Acorns baby group", "the
    # Hub at Gipton recovery café", "St Giles' church", "the Bramble Lane practice").
    r"(?:peer|support|baby|toddler|walking|singing|craft|art|carers'?|parents'?|mums'?|"
    r"dads'?|lunch|luncheon|youth|bereavement|recovery|men's|women's)[ \t]+(?:group|club|"
    r"café|cafe|shed)|café|cafe|church|chapel|mosque|temple|synagogue|gurdwara|practice|"
    r"pantry|larder|food[ \t]+pantry|depot|bus[ \t]+garage|soup[ \t]+kitchen)\b"
)
# Words that say whom a service is for or what it does, not which one it is: a run of these
# before the kind of place describes it ("the Dementia day centre", "a Catholic care home", "the
# Young Onset group"); a run with a word of another kind names one ("Little Acorns baby group",
# "the Willow day centre").
DESCRIPTIVE = frozenset(
    re.findall(
        r"[\w'’]+",
        "dementia memory stroke cardiac heart lung breathing diabetes diabetic cancer mental"
        " health carers carer parents parent baby babies toddler toddlers mums dads"
        " men's women's youth young onset elderly older senior seniors adult adults children's"
        " childrens kids family families bereavement recovery addiction drug drugs alcohol"
        " autism learning disability disabilities deaf blind sight hearing veterans veteran"
        " catholic anglican methodist baptist church community local private public council"
        " nhs day respite weight slimming walking exercise chair fast track awaiting new old"
        " residential nursing specialist general village parish town city county national"
        " regional district central main nearby same usual other another her his their"
        # conditions a group is for ("Chronic Pain support group", "Long Covid support group")
        " chronic pain epilepsy covid long ms copd asthma arthritis fibromyalgia adhd"
        " parkinson's parkinsons alzheimer's dementia's lupus hiv sickle cell kidney renal"
        " liver bowel ostomy stoma amputee amputees grief loss anxiety depression eating"
        " disorders bipolar psychosis schizophrenia ptsd trauma ibd crohn's colitis"
        # denominations before a church ("the Greek Orthodox church")
        " greek orthodox catholic roman anglican baptist pentecostal evangelical lutheran"
        " presbyterian methodist adventist coptic reformed free united uniting episcopal"
        " mormon lds quaker unitarian congregational apostolic charismatic christian korean"
        " nigerian ghanaian polish russian serbian romanian ukrainian ethiopian eritrean",
    )
)
# Round 17: words that say which part of an area or what kind, not its name ("the Central district",
# "Northern region", "the Electoral ward").
AREA_DESCRIBING = DESCRIPTIVE | frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
        "lower", "inner", "outer", "urban", "rural", "metropolitan", "electoral", "business",
        "financial", "historic", "commercial", "industrial", "school", "health", "police",
        "postal", "federal", "capital", "whole", "entire", "each", "every", "this", "that",
    }
)  # fmt: skip
DIRECTION_AFTER = re.compile(r"[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b")
# Words that say what a facility is, not which: a run made only of these ("the Sleep Clinic",
# "Nursing Home") names no place and is kept.
GENERIC = FACILITY_HEADS | frozenset(
    {
        # Eleventh round: a school's level ("Whitbarrow High School" says nothing of "MSI High").
        "high", "secondary", "junior", "middle", "elementary", "prep", "infants", "grammar",
        "the", "of", "and", "&", "medical", "general", "community", "regional", "family",
        "children's", "childrens", "women's", "womens", "care", "nursing", "surgical", "day",
        "mental", "sleep", "eye", "heart", "cancer", "teaching", "emergency", "primary", "urgent",
        "youth", "state", "county", "city", "national", "university", "veterans", "public",
        "private", "main", "assisted", "senior", "retirement", "outpatient", "inpatient",
        "ambulatory", "specialty", "dental", "walk-in", "a", "our", "your", "their", "his", "her",
        "this", "that", "internal", "sports", "nuclear", "physical", "respiratory", "critical",
        "intensive", "palliative", "geriatric", "pediatric", "paediatric", "adult", "maternal",
        "fetal", "memory", "pain", "wound", "vascular", "plastic", "transplant", "ambulance",
        "fire", "police", "pulmonary", "thoracic", "cardiothoracic", "chemical", "anatomical",
        "clinical", "cellular", "molecular", "virtual", "behavioral", "behavioural", "health",
        "sciences", "science", "reference", "diagnostic", "diagnostics", "neonatal", "obstetric",
    }
)  # fmt: skip
STREET_WORDS = frozenset(
    {
        "street", "avenue", "road", "lane", "drive", "boulevard", "court", "terrace", "way",
        "place", "crescent", "close", "parkway", "highway", "circle", "trail", "square", "row",
        "walk", "hill", "grove", "gardens", "mews", "ave", "blvd", "rd", "ln", "pkwy", "hwy",
        "broadway", "parade", "esplanade", "promenade", "quay", "wharf", "rise",
        # Fourth round: abbreviations and street words of other countries.
        "cres", "cl", "pde", "tce", "pl", "cct", "circuit", "esp", "alley", "wynd", "brae", "pike",
        "plaza", "mall", "marg", "nagar", "expressway", "freeway", "causeway", "concourse",
        "crossing", "chase",
        # Session 38 (issue 16): British rows of houses and yards named as streets ("3 Beckside
        # Cottages", "5 Rose Villas", "Albert Buildings", "Calton Fold", "Kirkgate Garth").
        "cottages", "villas", "buildings", "fold", "garth", "croft", "mansions", "barns",
    }
)  # fmt: skip
REGIONS = frozenset({"county", "parish", "borough", "township"})
# Words that say what kind of ward or unit it is ("Labour Ward", "Stroke Unit", "Acute Medical
# Unit"): a ward or unit named by any other capitalised word ("Cedar Ward", "Kingfisher Unit")
# is a named place in a hospital.
WARD_HEADS = frozenset({"ward", "unit", "wing"})
WARD_KINDS = frozenset(
    {
        "labour", "labor", "delivery", "maternity", "postnatal", "antenatal", "birthing", "stroke",
        "renal", "cardiac", "coronary", "acute", "assessment", "admissions", "admission",
        "observation", "recovery", "dependency", "high", "burns", "trauma", "spinal", "neuro",
        "isolation", "respiratory", "endoscopy", "oncology", "orthopaedic", "orthopedic",
        "elderly", "frailty", "rehab", "intensive", "critical", "transplant", "liver", "short",
        "stay", "discharge", "decisions", "decision", "baby", "mother", "special", "psychiatric",
        "eating", "disorders", "secure", "forensic", "low", "older", "adults", "people",
        "infectious", "diseases", "majors", "minors", "resus", "resuscitation", "theatre",
        "theatres", "step", "down", "progressive", "telemetry", "chest", "gynaecology",
        "gynecology", "plastics", "hand", "breast", "colorectal", "upper", "lower", "hepatology",
        "bone", "marrow", "teenage", "young", "research", "sexual", "health", "clinical",
        "medical", "surgical", "general", "private", "emergency", "day", "new", "old", "east",
        "west", "north", "south", "main", "ward", "unit", "the", "of", "and", "&",
    }
)  # fmt: skip
# Where someone lives or moved: the capitalised words after it are a place even when they are
# English words ("lives in Little Haven", "moved to Castle Rock", "grew up in Bay of Islands").
# Session 38 (issue 16): a town named by an English word that no gazetteer lists survived when
# words stood between the verb and its preposition ("lives alone in Settle", "lives with her
# daughter in Settle", "moved to a flat in Settle", "moved back to Settle") or when the cue was
# no verb ("resident of Settle", "a native of Bath", "her home in Wells"). The words between are
# lower-case ones only (no stop or comma: the same clause), five at most; what follows is still
# checked by the caller (no clinical, generic or hospital word).
_GAP = r"(?:[ \t]+[a-z][a-z'’-]*){0,5}?"
RESIDENCE_BEFORE = re.compile(
    r"(?:(?i:\b(?:lives|live|living|lived|resides|reside|residing|resided|moved|moving|"
    r"relocated|relocating|grew[ \t]+up|born|raised|holidaying|emigrated|immigrated|settled))"
    + _GAP
    + r"[ \t]+(?i:in|to|from|near)"
    r"|\b(?i:residents?|native)[ \t]+(?:of|in)"
    r"|\b(?i:her|his|their|my|own|family)[ \t]+home[ \t]+(?:is[ \t]+)?(?:in|near))"
    r"[ \t]+\Z"
)
# Going, coming or staying somewhere: a place after it too, but these verbs also move patients
# round a hospital and its services ("returned to Theatre", "transferred from Neurosurgery",
# "staying in Recovery"), so the caller takes only a word that is no plain English word here (a
# name-like word, a listed place or an unknown word: "returned to Settle", "originally from
# Wells", "travelled from Ilkley").
TRAVEL_BEFORE = re.compile(
    r"(?i:\b(?:stays|stayed|staying|return|returned|returning|returns|go|goes|going|went|"
    r"visiting|travelled|traveled|"
    r"transferred|comes|came|hails|originally|drove|flew))"
    + _GAP
    + r"[ \t]+(?i:in|to|from|near)[ \t]+\Z"
)
# How far before a run its residence cue may start (a verb, five words and a preposition).
RESIDENCE_REACH = 80
# The words that end RESIDENCE_BEFORE's and TRAVEL_BEFORE's cues, before the blanks.
CUE_PREPOSITIONS = frozenset({"in", "to", "from", "near", "of"})
# The words that may end EMPLOYER_CUE, before its blanks and mark: a cue word, the last of
# "pharmacy is", or the preposition after the cue.
EMPLOYER_CUE_ENDS = frozenset(
    {
        "works", "work", "working", "worked", "employed", "employer", "employee", "workplace",
        "job", "manager", "boss", "attends", "attended", "studies", "studying", "volunteer",
        "volunteers", "member", "owns", "runs", "is", "at", "for", "by", "with", "in", "of",
    }
)  # fmt: skip
_LONGEST_CUE_END = 12  # characters: longer than any word above, and the one before it


def last_word(text: str, pos: int, at: int, marks: str = "") -> str | None:
    """The run of letters that ends ``text[pos:at]`` before its blanks (and before one of
    ``marks`` with blanks on either side), in lower case ("" where a letter does not end it);
    None where a character beyond ASCII stands near that end, which a pattern ignoring case
    may read as an ASCII letter ("\u0130" as "i", the Kelvin sign as "k").

    Speed (session 40): a cue pattern searched for at a window's end ("lives in " before a
    capitalised run) is tried at every place of the window, 8 microseconds for 80 characters
    before each of a record's thousands of runs; the word it must end with, read here first,
    turns most windows away."""
    before = text[pos:at].rstrip(" \t")
    if marks and before[-1:] in tuple(marks):
        before = before[:-1].rstrip(" \t")
    tail = before[-_LONGEST_CUE_END:]
    if not tail.isascii():
        return None
    start = len(tail)
    while start and tail[start - 1].isalpha():
        start -= 1
    return tail[start:].lower()


def may_end_with_preposition(text: str, pos: int, at: int) -> bool:
    """Whether ``text[pos:at]`` may end as RESIDENCE_BEFORE and TRAVEL_BEFORE require: a
    preposition and a blank (see last_word); False only where neither can match there."""
    if text[at - 1 : at] not in (" ", "\t") or at <= pos:
        return False
    word = last_word(text, pos, at)
    return word is None or word in CUE_PREPOSITIONS


# Parts of a hospital that a patient is moved to, returned to or stays in ("returned to
# Theatre", "transferred from Recovery", "staying in Resus"): no place, whatever the cue.
# Not WARD_KINDS whole: its adjectives name towns too ("lives in Old Lyme", "New Mills").
HOSPITAL_AREAS = frozenset(
    {
        "theatre", "theatres", "recovery", "resus", "resuscitation", "majors", "minors",
        "outpatients", "outpatient", "casualty", "triage", "bay", "bays", "side", "room", "rooms",
        "cubicle", "ambulatory", "radiology", "imaging", "x-ray", "pacu", "endoscopy", "dialysis",
        "ward", "wards", "clinic", "department", "status", "hdu", "itu", "icu", "ccu", "a&e",
        "ed", "er", "nicu", "scbu", "picu", "cath", "lab", "catheter", "laboratory", "lounge",
        "holding", "area", "suite", "hospice", "home", "community", "primary", "secondary",
        "tertiary", "care", "hospital", "unit", "service", "services", "team", "labour", "labor",
        "delivery", "maternity", "rehab", "rehabilitation", "isolation", "discharge",
        "assessment", "admissions", "observation", "stroke", "renal", "oncology", "respiratory",
        "frailty", "surgical", "medical", "intensive", "critical", "coronary", "acute",
    }
)  # fmt: skip
FOR_PLACE = re.compile(r"[ \t]+for[ \t]+(?P<p>[A-Z][\w'’-]{1,40})")
# The rest of an organisation's name after its head: "for" or "on" and one to four capitalised
# words, up to a lower-case word or the line's end ("Hospital for Tropical Diseases", "Council on
# Alcohol"; not "Hospital for review", "Clinic for CT", "Hospital on Ward Round").
NAMED_FOR = re.compile(
    r"[ \t]+(?:for|on)(?:[ \t]+the)?(?P<n>(?:[ \t]+(?:and[ \t]+)?"
    r"(?!(?:Ward|Wards|Round|Rounds|Call|Duty|Leave|Placement|Rotation|Site|Shift|Nights|Days)\b)"
    r"[A-Z][a-z][\w'’-]*(?![\w'’-])){1,4})(?![ \t]*[A-Z\d])"
)
# Words before a capitalised "The" inside a sentence that introduce a place ("at The Willows",
# "near The Red Lion", "of The Elms Care Centre").
THE_PLACE_CUES = frozenset(
    {"in", "from", "near", "at", "to", "of", "outside", "into", "via", "opposite", "behind"}
)
# "Lake Placid", "Port Ellison", "Mount Vernon": a place whatever the second word.
PLACE_PREFIXES = frozenset(
    {"lake", "mount", "mt", "port", "fort", "ft", "glen", "cape", "san", "santa", "los", "las"}
)
PLACE_CUES = frozenset({"in", "from", "near", "at", "to", "of", "outside"})

# Words that end a facility's name, capitalised: an acronym or a product-like word before them
# belongs to the name ("NKF Dialysis Centre", "CVS Pharmacy", "Nigeria LNG Limited", "Lions
# SightFirst Eye Hospital", "CaroMont Regional Medical Center").
_STRONG_HEADS = sorted(STRONG_HEADS - {"inc", "llc", "ltd", "plc", "pty", "ems"})
FACILITY_AHEAD = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’&-]*|&|of|the)){0,3}?[ \t]+(?:"
    + "|".join(w.capitalize() for w in _STRONG_HEADS)
    + r"|Inc|LLC|Ltd|PLC|Pty)\b"
)
# A place cue before an acronym of an organisation ("review at NIMHANS", "from AIIMS").
AT_BEFORE = re.compile(r"\b(?:at|from)[ \t]+\Z")


# Words that are no part of a place's name: generic, title, role, relation and calendar words.
NOT_PLACE_WORDS = GENERIC | TITLES | ROLES | RELATIONS | CALENDAR_WORDS


def not_place_word(lower: str, lex: Lexicon) -> bool:
    """A generic, title, role, relation, calendar or clinical word: no part of a place's name."""
    return lower in NOT_PLACE_WORDS or lower in CLINICAL_SHORT or lex.clinical(lower)
