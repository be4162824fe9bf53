"""The recall-first word scan: capitalised words that are not known words are identifiers.

After Philter (Norgeot et al., npj Digital Medicine 2020): rather than recognising names, treat
every word that is neither an ordinary English word nor a clinical term as a possible identifier.
Runs of capitalised words are then read as a whole:

* a run ending in a facility word ("Hospital", "Clinic", "Practice", "Nursing Home") with at least
  one distinctive word is a facility ("St. Brigid's Hospital", "Summit Ridge Gastroenterology");
* a run ending in a street word is a street ("Perkins Avenue"), one ending in "County" a county;
* a listed place of two or more words is a location ("Cedar Rapids", "Eau Claire");
* otherwise every unknown word is a name or place, and so are the neighbouring words that are on a
  name or place list ("Helen Vale": "Vale" is an English word but a surname next to a name), and
  every word after a title ("Dr. Frost") or a relation ("his daughter Grace").

A word found once is then removed wherever else it is written with a capital ("Sunrise Meadows
Nursing Home" ... "back to Sunrise Meadows"). Clinical phrases ("Glasgow Coma Scale", "Bell's
palsy") and clinical words are never taken, nor the capitalised words of an eponym: those right
before an eponym head ("Trousseau sign", "Hunt and Hess grade", "Metzenbaum scissors"), before a
grade ("Child-Turcotte-Pugh B"), or after a device maker ("Medtronic Advisa").

Cues come in two strengths: a title or a relation ("Dr.", "his daughter") makes every
capitalised word after it a name; a soft cue ("with", "Present:", "Dear", "paramedic", a name
list before it) only a listed name or a word that is in no dictionary, and the capitalised words
next to it ("discussed with Cardiology" stays). Words in lower case are left alone: names are almost
always capitalised in notes, and lower-case unknown words are mostly drugs, typos and jargon.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from medlocal.privacy.deid_lexicon import Lexicon, fold, lexicon

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*['’]?")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sr", "fr", "rev"})
_RELATIONS = frozenset(
    {
        "daughter", "son", "wife", "husband", "partner", "spouse", "brother", "sister", "mother",
        "father", "mum", "mom", "dad", "niece", "nephew", "grandson", "granddaughter",
        "grandchild", "grandmother", "grandfather", "great-niece", "great-nephew",
        "daughter-in-law", "son-in-law", "sister-in-law", "brother-in-law", "mother-in-law",
        "father-in-law", "aunt", "uncle", "cousin", "fiancé", "fiance", "fiancée", "fiancee",
        "boyfriend", "girlfriend", "neighbour", "neighbor", "friend", "carer", "caregiver",
        "guardian", "proxy", "coach", "interpreter", "dietitian", "therapist", "manager", "worker",
        "educator", "member", "colleague", "teacher", "pharmacist", "chaplain", "officer",
        "landlord", "employer", "with", "by", "to", "named", "called", "and", "informed",
        "notified", "paged", "updated", "contacted", "told", "per",
        "daughters", "sons", "brothers", "sisters", "grandsons", "granddaughters",
        "grandchildren", "children", "parents", "grandparents", "cousins", "friends",
        "neighbours", "neighbors", "stepson", "stepdaughter", "stepmother", "stepfather",
        "stepbrother", "stepsister", "godson", "goddaughter", "godmother", "godfather", "twin",
        "sibling", "siblings", "widow", "widower", "grandma", "grandpa", "granddad", "nan",
        "nana", "auntie", "aunty", "kin", "housemate", "flatmate", "roommate", "tenant",
        "lodger", "whanau", "whānau", "moko", "mokopuna",
        # Fifth round: people at work and school.
        "co-worker", "coworker", "workmate", "classmate", "teammate", "schoolmate",
    }
)  # fmt: skip
# Words before a name that are no relation: a listed name or unknown word after one of these
# is a name ("Chaperone: Heather Wood", "Dear Jenny", "Regards, Penny Lane").
_SOFT_CUES = frozenset(
    {
        "present", "chaperone", "nok", "witness", "witnessed", "translator", "visitor",
        "visitors", "attendees", "family", "dear", "regards", "thanks", "sincerely",
        "faithfully", "cheers", "signed", "cc",
        # Fifth round: fields that hold staff ("Scrub: Jory", "Midwives: Jo, Star and Blessing
        # Okafor", "Assessor: Merle Hannaford").
        "scrub", "scrubs", "midwives", "nurses", "crew", "staff", "bcc", "author",
        "assessor", "examiner", "reviewer", "dictated", "typed", "transcribed", "runner",
        "circulating", "anaesthetist", "anesthetist", "assistant", "surgeon", "operator",
        "charge", "wishes", "rgds", "warmly", "yours",
    }
)  # fmt: skip
# Relation words that are also ordinary function words: cues, but no sign that a street or a
# facility after them is a person.
_FUNCTION_CUES = frozenset(
    {
        "with", "by", "to", "and", "named", "called", "informed", "notified", "paged", "updated",
        "contacted", "told", "per",
    }
)  # fmt: skip
# A bracketed role or department may stand before the separator ("Kaya, Sommer (breast care
# nurse), Winter (radiology)"); e-mail headers separate names with semicolons.
_LIST_GAP = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:,|;|,?[ \t]+and|&|/)[ \t]*")
# People named by their role ("paramedic Rob Hill", "Pastor Eunice Adeyemi", "Faith Walker,
# social worker"). Unlike a title, a role word at the head of a run makes only a name-like word
# after it a name: "Consultant Rheumatologist" and "Nurse Practitioner" stay.
_ROLES = frozenset(
    {
        "volunteer", "paramedic", "foreman", "deputy", "sheriff", "constable", "detective",
        "pastor", "minister", "priest", "imam", "rabbi", "reverend", "vicar", "nun", "midwife",
        "doula", "nurse", "physiotherapist", "physio", "counsellor", "counselor",
        "psychologist", "advocate", "solicitor", "lawyer", "attorney", "secretary",
        "receptionist", "driver", "sonographer", "radiographer", "technician", "technologist",
        "student", "registrar", "consultant", "surgeon", "anaesthetist", "anesthetist",
        "anesthesiologist", "physician", "doctor", "gp", "clinician", "practitioner",
        "hospitalist", "intern", "fellow", "supervisor", "boss", "warden", "housekeeper",
        "porter", "scribe", "aide", "assistant", "coordinator", "navigator", "chaplain",
        "interpreter", "dietitian", "therapist", "pharmacist", "worker", "manager", "officer",
        "defender", "judge", "magistrate", "bystander", "caseworker", "lifeguard", "babysitter",
        "nanny", "childminder", "clerk",
        # Fifth round: abbreviated roles ("ED reg Brown", "HCA Lily", "PC Wood", "CNS Heath").
        "reg", "sho", "spr", "fy1", "fy2", "anp", "cns", "hca", "hcsw", "nic", "rmo", "pc", "dc",
        "sgt", "sergeant", "inspector", "medic", "tech", "ambulanceman",
    }
)  # fmt: skip
# A role or credential right after a name ("Faith Walker, social worker", "Ann Lee, CNS").
_ROLE_AFTER = re.compile(
    # ", social worker", " RN", or in brackets: "Mark (ward clerk)", "Sommer (breast care nurse)".
    r"(?:,?[ \t]+|[ \t]*\([ \t]*(?:[a-z]+[ \t]+){0,2})(?:the[ \t]+)?"
    r"(?:(?i:social[ \t]+worker|case[ \t]+manager|staff[ \t]+nurse|"
    r"charge[ \t]+nurse|nurse[ \t]+specialist|"
    + "|".join(sorted(_ROLES - {"worker", "manager", "officer"}))
    + r")\b|(?:RN|CNS|CNM|LPN|LVN|NP|PA|PA-C|LCSW|LSCSW|LMSW|MSW|PMHNP|FNP|APRN|CRNA|DNP|RD|"
    r"PharmD|RPh|PT|OT|SLP|DO|MD|MBBS|FRCS|FRCP|FRCPC|FRCPath|FRCR|FACC|MRCP|MRCPI|MRCGP|CLS|"
    r"MLS|CST|EMT|BMS|FY1|FY2|SpR|SHO|CNA|HCA|CDCES|CDE|IBCLC|RGN|RMN|RPN|EN|RM|DN|HV|OTR|LPC|"
    r"LMFT|PsyD|MPH|AP|ACP|CCP)\b)"
)
# A relation right after a name ("Carol (daughter)", "Carol, his wife", "Ted - patient's son").
_RELATION_AFTER = re.compile(
    r"(?:[ \t]*\([ \t]*|,[ \t]+|[ \t]+-[ \t]+)(?:(?:her|his|their|the[ \t]+patient's|patient's|"
    r"pt's|pt)[ \t]+)?(?:"
    + "|".join(
        sorted(
            {
                "daughter",
                "son",
                "wife",
                "husband",
                "partner",
                "spouse",
                "brother",
                "sister",
                "mother",
                "father",
                "mum",
                "mom",
                "dad",
                "niece",
                "nephew",
                "grandson",
                "granddaughter",
                "aunt",
                "uncle",
                "cousin",
                "friend",
                "neighbour",
                "neighbor",
                "carer",
                "caregiver",
                "guardian",
                "nok",
                "next of kin",
                "fiancé",
                "fiance",
                "boyfriend",
                "girlfriend",
                "stepson",
                "stepdaughter",
                "daughter-in-law",
                "son-in-law",
                "sister-in-law",
                "brother-in-law",
                "grandmother",
                "grandfather",
                "landlord",
                "housemate",
                "flatmate",
                "roommate",
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b",
    re.I,
)
_FACILITY_HEADS = frozenset(
    {
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
        "railways", "insurance", "dental", "ward", "wards",
        # Fifth round.
        "hub", "wing",
    }
)  # fmt: skip
# Heads that are also everyday words ("Medical", "Care"): they make a facility only with a word
# that is itself a name, a place or unknown ("Yarraville Community Care"), never with plain words
# ("Mouth Care" at the start of a sentence).
_WEAK_HEADS = frozenset(
    {
        "medical", "care", "union", "office", "department", "society", "unit", "general", "team",
        "teams", "dialysis", "dental", "ward", "wards", "facility", "insurance", "nursery",
        "wing",
    }
)  # fmt: skip
# Facility words that come first in French, Spanish, Italian and German names ("Clinique
# Médicale du Vieux-Port", "Hôpital Notre-Dame", "Résidence Les Érables", "Klinikum Nord").
_HEAD_FIRST = frozenset(
    {
        "clinique", "hopital", "centre", "centro", "residence", "maison", "casa", "villa",
        "klinik", "klinikum", "krankenhaus", "policlinico", "ospedale", "instituto", "institut",
        "clinica", "hospital", "foyer", "pavillon", "cabinet",
    }
)  # fmt: skip
# What an employer, school or church is introduced by ("works for Summit Peak Roofing", "her
# employer (Gisborne Citrus Packers)", "her manager at Snake River Credit Union"): Safe Harbor
# names employers among the identifiers, and such names are often plain English words.
_EMPLOYER_CUE = re.compile(
    r"(?i:\b(?:works?|working|worked|employed|employer|employee|workplace|job|manager|boss|"
    r"attends|attended|studies|studying|volunteers?|member|owns|runs|pharmacy[ \t]+is|"
    r"chemist[ \t]+is)\b)"
    r"(?:[ \t]+(?i:at|for|by|with|in|of))?[ \t]*[(,:]?[ \t]*\Z"
)
# A facility word in lower case a word or two after a run ("Toronto Western fracture clinic").
_LOWER_HEAD_AFTER = re.compile(
    r"(?:[ \t]+[a-z]+){0,2}[ \t]+(?:clinic|hospital|pharmacy|surgery|practice|centre|center|"
    r"hospice|laboratory|lab|nursing[ \t]+home|care[ \t]+home)\b"
)
_DIRECTION_AFTER = re.compile(r"[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b")
# An acronym inside a hyphenated word: "TPO", "dsDNA", "proBNP" (not "McDonald", "O'Rourke").
_ACRONYM_PART = re.compile(r"[a-z]{0,3}[A-Z]{2,}[a-z]?")
# A facility word after an eponym head: "Parkinson disease clinic" names a service, and "Toronto
# Western fracture clinic" a place, so the words before the head are not protected as an eponym.
_SERVICE_AFTER = re.compile(r"[ \t]+(?:clinic|service|unit|team|ward|centre|center|department)\b")
# Words after a capitalised eponym that make it a sign, test, scale, instrument or procedure
# ("Trousseau sign", "Mallampati class", "Hunt and Hess grade", "Metzenbaum scissors",
# "Schmorl nodes", "Modified Rankin Scale"): the capitalised words before one of these are kept.
# Words that follow places and people as often ("area", "line", "team") are not among them.
_EPONYM_HEADS = frozenset(
    {
        "sign", "signs", "test", "tests", "score", "scores", "scale", "scales", "grade",
        "grading", "class", "classification", "criteria", "stage", "staging", "index", "angle",
        "nodes", "node", "changes", "type", "syndrome", "disease", "phenomenon", "reflex",
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
    }
)  # fmt: skip
# Device makers whose names are no other word: the capitalised words right after one name a
# model ("Medtronic Advisa"), not a person. ("Smith & Nephew" and "St. Jude" are left out: "his
# nephew Colm", "St. Jude's".)
_MAKERS = frozenset(
    {
        "medtronic", "biotronik", "depuy", "resmed", "dexcom", "insulet", "phonak", "oticon",
        "inogen", "teleflex", "fresenius", "hologic", "synthes", "microport", "livanova", "nevro",
    }
)  # fmt: skip
_CAPITALISED_HEADS = frozenset(
    {
        "sign", "signs", "test", "tests", "score", "scores", "scale", "scales", "grade",
        "grading", "class", "classification", "criteria", "stage", "staging", "index", "type",
        "syndrome", "disease", "phenomenon", "reflex", "maneuver", "manoeuvre", "procedure",
        "operation", "repair", "technique", "method", "rule", "rules", "protocol", "law",
        "triad", "pentad", "tetrad", "questionnaire", "inventory", "criterion", "guidelines",
    }
)  # fmt: skip
# Heads that also end a company's name ("Smith Group"): eponym heads only in lower case
# ("Robson group 1", "Guthrie card").
_LOWER_CASE_HEADS = frozenset({"group", "groups", "card"})
_NUMBER_AFTER = re.compile(r"[ \t]\d{1,2}\b(?![:/.]\d)")
# Procedure and disease words by their ending ("Ivor Lewis oesophagectomy", "Heller myotomy",
# "Hashimoto thyroiditis") count as eponym heads too.
_EPONYM_HEAD_ENDINGS = (
    "ectomy", "otomy", "ostomy", "plasty", "pexy", "rrhaphy", "itis", "osis", "pathy", "oma",
    "emia", "aemia", "algia", "plasia", "trophy", "ism", "scopy", "graphy", "gram",
)  # fmt: skip
# Words that say what a facility is, not which: a run made only of these ("the Sleep Clinic",
# "Nursing Home") names no place and is kept.
_GENERIC = _FACILITY_HEADS | frozenset(
    {
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
_STREET_WORDS = frozenset(
    {
        "street", "avenue", "road", "lane", "drive", "boulevard", "court", "terrace", "way",
        "place", "crescent", "close", "parkway", "highway", "circle", "trail", "square", "row",
        "walk", "hill", "grove", "gardens", "mews", "ave", "blvd", "rd", "ln", "pkwy", "hwy",
        "broadway", "parade", "esplanade", "promenade", "quay", "wharf", "rise",
        # Fourth round: abbreviations and street words of other countries.
        "cres", "cl", "pde", "tce", "pl", "cct", "circuit", "esp", "alley", "wynd", "brae", "pike",
        "plaza", "mall", "marg", "nagar", "expressway", "freeway", "causeway", "concourse",
        "crossing", "chase",
    }
)  # fmt: skip
_REGIONS = frozenset({"county", "parish", "borough", "township"})
# Words that say what kind of ward or unit it is ("Labour Ward", "Stroke Unit", "Acute Medical
# Unit"): a ward or unit named by any other capitalised word ("Cedar Ward", "Kingfisher Unit")
# is a named place in a hospital.
_WARD_HEADS = frozenset({"ward", "unit", "wing"})
_WARD_KINDS = frozenset(
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
_RESIDENCE_BEFORE = re.compile(
    r"(?i:\b(?:lives|living|lived|resides|residing|resided|moved|moving|relocated|relocating|"
    r"grew[ \t]+up|born|raised|holidaying|emigrated|immigrated))[ \t]+(?i:in|to|from|near)"
    r"[ \t]+\Z"
)
_FOR_PLACE = re.compile(r"[ \t]+for[ \t]+(?P<p>[A-Z][\w'’-]+)")
# Words before a capitalised "The" inside a sentence that introduce a place ("at The Willows",
# "near The Red Lion", "of The Elms Care Centre").
_THE_PLACE_CUES = frozenset(
    {"in", "from", "near", "at", "to", "of", "outside", "into", "via", "opposite", "behind"}
)
_JOINERS = frozenset(
    {
        "of", "the", "de", "van", "von", "la", "le", "du", "da", "del", "della", "di", "al", "el",
        "bin", "binti", "ibn", "der", "den", "ter", "ten", "dos", "das", "des", "les", "ap",
        "and",
    }
)  # fmt: skip
# Particles inside a surname ("Ana van der Merwe", "Siofra O Donnabhain", "Bríd Ní Bhriain",
# "Tyler Van Buskirk"): a name word next to one of these carries it along.
_PARTICLES = _JOINERS - {"of", "the", "and"} | {"mac", "mc", "o", "ni", "nic", "st", "te", "ua"}
# "Lake Placid", "Port Ellison", "Mount Vernon": a place whatever the second word.
_PLACE_PREFIXES = frozenset(
    {"lake", "mount", "mt", "port", "fort", "ft", "glen", "cape", "san", "santa", "los", "las"}
)
# Mixed-case abbreviations; "Mc", "Mac", "De", "La", "Van"... begin names instead ("McMurray").
_ABBREVIATION = re.compile(r"^(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]{0,2}[A-Z][A-Za-z]*$")
# A word with a capital inside, after three or more small letters; name prefixes excluded
# ("McAllister", "MacLeod", "DeShawn", "LaToya", "VanDyke", "FitzGerald", "DiMaggio").
_CAMEL_CASE = re.compile(
    r"^(?!Mc|Mac|De|Di|Da|Du|La|Le|Lo|Van|Von|Fitz|St)[A-Z][a-z]{3,}[A-Z][A-Za-z]*$"
)
_ORGANISATION_PART = re.compile(r"health|med|care|clinic|hospital|system|partners|group|lab")
_PLACE_CUES = frozenset({"in", "from", "near", "at", "to", "of", "outside"})


# What people do in notes: a given name before one of these is a person even where it is also
# an English word or starts a sentence ("Sam will collect her", "Grace phoned").
_PERSON_VERB = re.compile(
    r"[ \t]+(?:will|would|can|called|phoned|rang|visited|drove|came|stayed|says|said|reports|"
    r"reported|asked|agreed|declined|brought|accompanied|helped|attended|arrived|collected|"
    r"confirmed|explained|understands|consented|signed|wants|wishes|prefers|lives)\b"
)


@dataclass(frozen=True)
class WordSpan:
    kind: str  # "name", "facility", "location", "street_address" or "county"
    start: int
    end: int


@dataclass
class _Tok:
    start: int
    end: int
    word: str
    shape: str  # "title", "caps", "initial", "lower", "joiner"
    lower: str
    strong: bool = False  # an identifier on its own
    weak: bool = False  # an identifier next to one (name or place list)


_ELISIONS = frozenset({"l'", "d'", "l’", "d’"})


def _shape(word: str, text: str, end: int) -> str:
    if word[0].islower() and len(word) > 1:
        # Most words: no capital to read (what the checks below would say of them too).
        if len(word) > 2 and word[:2] in _ELISIONS and word[2].isupper():
            return "title"  # "Hôpital de l'Enfant-Jésus", "Centre d'Accueil": an elided article
        return "joiner" if word in _JOINERS else "lower"
    if len(word) == 1:
        # "H. Lindgren", "Siofra O Donnabhain"; a lone capital elsewhere is a flag or a grade
        # ("(L)", "grade B")
        after = text[end : end + 2]
        initial = after[:1] == "." or (after[:1] == " " and after[1:2].isupper())
        return "initial" if word.isupper() and initial else "lower"
    if word.isupper() and word.lower() in _FACILITY_HEADS:
        return "caps"  # "Erie County EMS", "Acme Medical LLC": the head of a facility's name
    if "-" in word and _mixed_case_parts(word):
        return "lower"  # "Pola-R-CHP", "Dara-VRd": a regimen of abbreviations, not a name
    if _ABBREVIATION.match(word):
        return "lower"  # "IgA", "CrCl", "HbA", "FiO": clinical abbreviations, not names
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
    return "joiner" if word in _JOINERS else "lower"


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


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“(":
        i -= 1
    if i < 0 or text[i] in "\n!?:;•*":
        return True
    if text[i] == ".":
        word = re.search(r"(\w+)\.$", text[max(0, i - 6) : i + 1])
        return not (
            word and (word.group(1).lower() in _TITLES | {"st", "mt"} or len(word.group(1)) == 1)
        )
    return False


def _facts(lower: str, lex: Lexicon) -> tuple[bool, bool, bool]:
    """(known word, plain English or clinical, on a name or place list)."""
    known = lex.known(lower)
    # A possessive is read as its word: "Ringer's" (lactated Ringer's) is as plain as "Ringer".
    base = lower.removesuffix("'s").removesuffix("’s")
    strict = base in lex.english or lex.clinical(base)
    named = lex.name_like(base) or lower in lex.places
    return known, strict, named


def _classify(tok: _Tok, text: str, lex: Lexicon, memo: dict[str, tuple[bool, bool, bool]]) -> None:
    lower = tok.lower.rstrip("'’")
    if tok.shape in ("lower", "joiner") or lower in _TITLES or lex.clinical(lower):
        return
    if lower not in memo:  # a record repeats its words: look each up once
        memo[lower] = _facts(lower, lex)
    known, strict, named = memo[lower]
    if not known and "-" in tok.word:
        # "Anti-TPO", "NT-proBNP": a hyphenated word whose parts are known words or acronyms.
        parts = [p for p in tok.word.rstrip("'’").split("-") if p]
        known = all(
            len(p) <= 2 or _ACRONYM_PART.fullmatch(p) or lex.known(fold(p)) for p in parts
        ) and any(lex.known(fold(p)) for p in parts)
    if lower in _PARTICLES:
        tok.weak = True  # "Van", "Ní", "O": part of the name next to it, never one alone
        return
    if tok.shape == "caps":
        # An all-caps word of a few letters is an acronym ("ANC", "LVEF"); a listed name in
        # capitals ("DARNELL") is a name.
        tok.strong = named and not strict and len(lower) >= 3
        tok.weak = named
        return
    if tok.shape == "initial":
        return
    # An unknown word is an identifier wherever it stands (Philter). A listed name that is known
    # only by its ending ("Louise", "Clive") is one too, except where a capital says nothing (at
    # the start of a sentence). A listed name that is also an English word ("Grace", "Vale") is
    # weak: it counts only next to an identifier or after a title or relation.
    tok.strong = not known or (named and not strict and not _sentence_start(text, tok.start))
    if not tok.strong and lower in lex.given_names and _PERSON_VERB.match(text, tok.end):
        tok.strong = True  # "Sam will collect her.", "Dawn phoned at noon."
    # A word known only by its ending ("Ealing", "Lindqvist") is no dictionary word: it joins a
    # name or place next to it.
    tok.weak = tok.strong or named or not strict


def _gap_joins(text: str, left: _Tok, right: _Tok) -> bool:
    gap = text[left.end : right.start]
    if gap in (" ", "\t"):
        return True
    # "St. Brigid's", "H. Lindgren", "Mt. Sinai"
    if gap == " & ":
        return True  # "Hargreaves & Daughters", "Summit Peak Roofing & Siding"
    return gap in (". ", ".") and (
        left.shape == "initial" or left.lower in {"st", "mt", "ft", "co"} | _TITLES
    )


def _runs(tokens: list[_Tok], text: str) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    for tok in tokens:
        if tok.shape == "lower":
            if current:
                runs.append(current)
            current = []
            continue
        if current and not _gap_joins(text, current[-1], tok):
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


# Roles whose field holds a person, not a specialty ("Scribe: Amber L."; but "Consultant:
# Cardiology", "Physician: Acute Medicine").
_COLON_ROLES = frozenset(
    {
        "scribe", "pharmacist", "nurse", "midwife", "physio", "physiotherapist", "interpreter",
        "chaplain", "student", "driver", "porter", "hca", "cns", "anp", "sho", "fy1", "fy2",
        "reg", "clerk", "receptionist", "secretary", "aide", "carer", "caseworker", "volunteer",
        "sonographer", "radiographer", "technician", "dietitian", "counsellor", "counselor",
    }
)  # fmt: skip
# A letter's closing on the line before a name.
_SIGN_OFF = re.compile(
    r"(?i:\b(regards|sincerely|faithfully|thanks|cheers|signed))[,.:!]?[ \t]*\r?\n[ \t]*\Z"
)


# The word before a position, with what may stand between it and a name (a period, a colon, a
# bracket, "is"). Anchored at a word's start: the leftmost match always starts there, and the
# engine skips the positions inside words.
_CUE_WORD = re.compile(
    r"(?<![\w'’-])([\w'’-]+)(\.?)([,:(]?)[ \t]*[(]?[ \t]*(?:is[ \t]+|was[ \t]+)?\Z"
)


def _word_cue(text: str, start: int) -> str:
    """The cue word right before ``start`` ("his daughter Grace", "Dr. Frost", "Chaperone:
    Heather Wood", "family (Amelia"), or "" where there is none. A period ends a sentence after
    any word but a title ("...with his mother. Device check" is no cue; "Dr. Frost" is)."""
    before = text[max(0, start - 30) : start]
    sign_off = _SIGN_OFF.search(before) if "\n" in before else None
    if sign_off is not None:
        return sign_off.group(1).lower()  # "Kind regards,\nJane Frost"
    match = _CUE_WORD.search(before)
    if match is None or match.end(1) == len(before):
        return ""
    word = match.group(1).lower().removeprefix("ex-")  # "ex-partner Rose", "ex-husband Rich"
    if match.group(2) and word not in _TITLES:
        return ""
    # A relation with a colon heads a family history ("Mother: Breast Cancer at 50"), not a
    # name; the soft cues take one ("Chaperone: Heather Wood").
    # A role takes one as well ("Scribe: Amber L.", "Pharmacist: Grant").
    if match.group(3) in (":", "(") and word not in _SOFT_CUES | _COLON_ROLES:
        return ""
    return word


def _cue_before(text: str, start: int) -> bool:
    """A title or a relation before ``start``: every capitalised word after it is a name.
    Function words ("with", "by") are soft cues instead (see _read_run)."""
    word = _word_cue(text, start)
    return word in _TITLES or word in _RELATIONS - _FUNCTION_CUES


def _cued_name(tok: _Tok, lex: Lexicon) -> bool:
    """After a soft cue: a listed name (even one that is also a clinical word, "Walker"), or a
    word that is no dictionary or clinical word (even one that looks like a word by its ending,
    "Lindqvist")."""
    lower = tok.lower.rstrip("'’").removesuffix("'s").removesuffix("’s")
    if tok.weak or tok.strong or lex.name_like(lower):
        return True
    return lower not in lex.english and not lex.clinical(lower) and not lex.inflected(lower)


def _end(tok: _Tok) -> int:
    """Where a word ends, leaving a possessive in place ("[NAME]'s wife")."""
    for mark in ("'s", "’s", "'", "’"):
        if tok.word.endswith(mark):
            return tok.end - len(mark)
    return tok.end


def _read_run(run: list[_Tok], text: str, lex: Lexicon, out: list[WordSpan]) -> None:
    if not run:
        return
    if (
        (run[0].lower in _TITLES or run[0].lower.removeprefix("ex-") in _RELATIONS)
        and len(run) > 1
        and run[1].shape != "joiner"  # "Mother and Baby Unit" is a ward, not a mother's name
    ):
        for tok in run[1:]:  # "Dr. Frost", "Mrs. Delia Frost": every word after a title
            if not lex.clinical(tok.lower):
                tok.strong = True
        run = run[1:]
    elif run[0].lower in _ROLES | _SOFT_CUES and len(run) > 1:
        # "Pastor Eunice", "Volunteer Miles Young", "Dear Jenny": a name-like word after it
        run[1].strong = run[1].strong or run[1].weak or _cued_name(run[1], lex)
        run = run[1:]
    words = [t.lower.rstrip("'’") for t in run]
    cue = _word_cue(text, run[0].start)
    # After a list of names, the next run is one too ("Present: Iris, Violet and Jasmine").
    listed = (
        bool(out)
        and out[-1].kind == "name"
        and _LIST_GAP.fullmatch(text[out[-1].end : run[0].start]) is not None
    )
    if cue in _SOFT_CUES | _ROLES | _FUNCTION_CUES or listed:
        # Only a listed name or an unknown word: "Dear Colleague", "discussed with Cardiology"
        # stay; "with Hope and Grace", "NOK: Patience Walker" go.
        for tok in run:
            tok.strong = tok.strong or (tok.shape == "title" and _cued_name(tok, lex))
            # Any other capitalised word joins a name next to it ("with Ikechukwu Obi").
            generic = tok.lower in _GENERIC or lex.clinical(tok.lower)
            tok.weak = tok.weak or (tok.shape == "title" and not generic)
    soft_named = cue in _SOFT_CUES and run[0].strong
    if (cue in _RELATIONS - _FUNCTION_CUES or soft_named) and any(t.strong or t.weak for t in run):
        _read_names(run, text, lex, out)  # "Her cousin, Rosemary Lane": a person, not a street
        return
    if (
        run[0].word == "The"
        and len(run) > 1
        and not _sentence_start(text, run[0].start)
        and _word_before(text, run[0].start) in _THE_PLACE_CUES
        and all(t.shape in ("title", "caps", "joiner") for t in run[1:])
        and not all(w in _GENERIC or lex.clinical(w) for w in words[1:])
    ):
        # A capital "The" inside a sentence opens a proper name: "at The Willows", "near The Red
        # Lion".
        out.append(WordSpan("facility", run[0].start, _end(run[-1])))
        return
    if words[-1] in _FACILITY_HEADS and all(w in _GENERIC for w in words):
        return  # "Maternal Fetal Medicine", "the Sleep Clinic": a kind of service, not which one
    if (
        run[0].shape == "title"
        and _RESIDENCE_BEFORE.search(text, max(0, run[0].start - 24), run[0].start)
        and not all(w in _GENERIC or w in _TITLES or lex.clinical(w) for w in words)
        and not any(w in _FACILITY_HEADS | _STREET_WORDS for w in words)
    ):
        out.append(WordSpan("location", run[0].start, _end(run[-1])))  # "lives in Little Haven"
        return
    if _organisation(run, words, text, lex):
        out.append(WordSpan("facility", run[0].start, _end(run[-1])))
        return
    for i in range(len(run) - 1, 0, -1):
        head = words[i]
        distinctive = [t for t in run[: i + 1] if t.lower.rstrip("'’") not in _GENERIC]
        named_ward = (
            head in _WARD_HEADS
            and run[i].shape == "title"
            and bool(distinctive)
            and all(
                t.shape == "title" and not lex.clinical(t.lower) and t.lower not in _WARD_KINDS
                for t in distinctive
            )
        )
        if head in _WEAK_HEADS and not any(t.weak for t in distinctive) and not named_ward:
            continue
        if head in _FACILITY_HEADS and distinctive:
            first = 1 if words[0] == "the" and run[0].word != "The" else 0
            last = len(run) - 1 if i + 1 < len(run) and words[i + 1] == "of" else i
            # Department words after the head belong to it ("Hope Hospital Maternity").
            while last + 1 < len(run) and words[last + 1] in _WARD_KINDS | _FACILITY_HEADS:
                last += 1
            end = _end(run[last])
            # "... Hospital for Wales": a listed place after "for" names which one.
            place_for = _FOR_PLACE.match(text, end)
            if place_for is not None and fold(place_for.group("p")) in lex.places:
                end = place_for.end()
            out.append(WordSpan("facility", run[first].start, end))
            _read_run(run[last + 1 :], text, lex, out)
            return
        named_street = [w for w in words[:i] if w not in _STREET_WORDS | {"the", "of"}]
        # "St" is a street only at the end of a run ("St Mary's" is a saint); a direction after
        # the street word belongs to it ("Main St NW").
        street = head in _STREET_WORDS or (head == "st" and i == len(run) - 1)
        if street and named_street and run[i].shape == "title":
            direction = _DIRECTION_AFTER.match(text, run[i].end)
            end = direction.end() if direction else _end(run[i])
            out.append(WordSpan("street_address", run[0].start, end))
            _read_run(run[i + 1 :], text, lex, out)
            return
        if head in _REGIONS and distinctive:
            out.append(WordSpan("county", run[0].start, _end(run[i])))
            _read_run(run[i + 1 :], text, lex, out)
            return
    if words[0] in ("co", "county") and len(run) > 1 and run[1].shape == "title":
        out.append(WordSpan("county", run[0].start, _end(run[1])))  # "Co. Kerry", "County Cork"
        _read_run(run[2:], text, lex, out)
        return
    i = 0
    while i < len(run):
        size = lex.multiword_place([t.word.rstrip("'’") for t in run[i:]])
        if not size and words[i] in _PLACE_PREFIXES and i + 1 < len(run):
            size = 2 if not lex.clinical(words[i + 1]) and run[i + 1].shape == "title" else 0
        if size:
            out.append(WordSpan("location", run[i].start, _end(run[i + size - 1])))
            i += size
            continue
        i += 1
    # A listed place after "in", "from", "near"... is a place even if it is also a word ("in Bath").
    for tok in run:
        if (
            tok.weak
            and tok.lower.rstrip("'’") in lex.places
            and _word_before(text, tok.start) in _PLACE_CUES
        ):
            tok.strong = True
    _read_names(run, text, lex, out)


def _read_names(run: list[_Tok], text: str, lex: Lexicon, out: list[WordSpan]) -> None:
    """Names in a run: cued words, then listed names and initials next to an identifier."""
    if _cue_before(text, run[0].start) or (
        any(t.weak for t in run)
        and (
            _ROLE_AFTER.match(text, _end(run[-1])) is not None
            or _RELATION_AFTER.match(text, _end(run[-1])) is not None
        )
    ):
        for tok in run:
            # A cue makes a listed name a name even where it is also a clinical word ("Faith
            # Walker, social worker").
            if tok.shape in ("title", "caps") and (
                not lex.clinical(tok.lower) or lex.name_like(tok.lower)
            ):
                tok.weak = tok.lower not in _TITLES
        if any(t.weak for t in run):
            # The first word of the name, past its initials ("K. Moss, CDCES").
            first = next((t for t in run if t.shape != "initial"), run[0])
            first.strong = first.strong or first.weak
            for k in range(2, len(run)):  # "with Hope and Grace": each name after "and"
                if run[k - 1].lower == "and":
                    run[k].strong = run[k].strong or run[k].weak
    # Absorb listed names and initials next to an identifier, until nothing changes.
    changed = True
    while changed:
        changed = False
        for i, tok in enumerate(run):
            if tok.strong:
                continue
            near = [run[j] for j in (i - 1, i + 1) if 0 <= j < len(run)]
            if any(n.strong for n in near) and (tok.weak or tok.shape == "initial"):
                tok.strong = changed = True
            elif tok.shape == "joiner" and tok.lower in _PARTICLES and _particle_joins(run, i):
                tok.strong = changed = True  # "Ana van der Merwe", "Maria de la Cruz"
    i = 0
    while i < len(run):
        if not run[i].strong:
            i += 1
            continue
        j = i
        while j + 1 < len(run) and run[j + 1].strong:
            j += 1
        kind = _name_or_place(run[i : j + 1], text, lex)
        out.append(WordSpan(kind, run[i].start, _end(run[j])))
        i = j + 1


def _particle_joins(run: list[_Tok], i: int) -> bool:
    """A lower-case particle inside a name: a name word after it, and one before it (past any
    other particles: "van der")."""
    if i + 1 >= len(run) or not run[i + 1].strong:
        return False
    k = i - 1
    while k >= 0 and run[k].shape == "joiner" and run[k].lower in _PARTICLES:
        k -= 1
    return k >= 0 and (run[k].weak or run[k].strong)


def _organisation(run: list[_Tok], words: list[str], text: str, lex: Lexicon) -> bool:
    """A whole run that names an organisation by its form or by what introduces it: a foreign
    facility word first ("Clinique Médicale du Vieux-Port"), an ampersand ("Hargreaves & Daughters
    Funeral Home"), "X of <place>" ("Sunrise of Bellevue"), a facility word in lower case after
    it ("Toronto Western fracture clinic"), or an employer, school, church or pharmacy cue before
    it ("His pharmacy is CVS")."""
    if run[0].lower in _TITLES:
        return False
    cued = _EMPLOYER_CUE.search(text[max(0, run[0].start - 40) : run[0].start]) is not None
    if len(run) < 2:
        # "His pharmacy is CVS", "works at Tesco": even a word that is also an acronym.
        return cued and run[0].shape in ("title", "caps")
    plain = [w for w in words if w not in _GENERIC and not lex.clinical(w)]
    if not plain:
        return False
    if "of" in words[1:-1]:
        after = run[words.index("of", 1) + 1 :]
        if any(t.strong or t.lower in lex.places for t in after):
            return True
    tail = _LOWER_HEAD_AFTER.match(text, _end(run[-1]))
    if tail and any(t.strong or t.lower in lex.places for t in run):
        return True
    first = 1 if words[0] == "the" and len(run) > 2 else 0
    if words[first] in _HEAD_FIRST and any(t.weak or t.strong for t in run[first + 1 :]):
        return True
    # Generic words ending in a facility word, then the place or name that says which one
    # ("University Hospital Ballinacourty", "Regional Hospital Mullingar", "General Hospital of
    # Kingston"): the words after the head name the facility.
    for k, word in enumerate(words[: len(words) - 1]):
        if word not in _GENERIC:
            break
        if word in _FACILITY_HEADS and k > first and word not in _WEAK_HEADS:
            rest = [t for t in run[k + 1 :] if t.lower != "of"]
            if rest and (rest[0].strong or rest[0].weak or rest[0].lower in lex.places):
                return True
    if "&" in text[run[0].start : run[-1].end]:
        return True
    return cued


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)[ \t]+$", text[max(0, start - 12) : start])
    return match.group(1).lower() if match else ""


def _name_or_place(toks: list[_Tok], text: str, lex: Lexicon) -> str:
    phrase = " ".join(t.lower.rstrip("'’") for t in toks)
    cue = _word_before(text, toks[0].start)
    if phrase in lex.places and (cue in _PLACE_CUES or not lex.name_like(phrase)):
        return "location"
    return "name"


def scan(text: str, lex: Lexicon | None = None) -> list[WordSpan]:
    """Every name, facility and place the word scan finds in ``text``, in text order."""
    lex = lex or lexicon()
    protected = [m.span() for m in lex.clinical_phrases.finditer(text)]
    tokens: list[_Tok] = []
    memo: dict[str, tuple[bool, bool, bool]] = {}
    p = 0
    for match in _TOKEN.finditer(text):
        while p < len(protected) and protected[p][1] <= match.start():
            p += 1
        if p < len(protected) and protected[p][0] <= match.start() < protected[p][1]:
            tokens.append(_Tok(match.start(), match.end(), match.group(), "lower", "", False))
            continue
        word = match.group()
        tok = _Tok(match.start(), match.end(), word, _shape(word, text, match.end()), fold(word))
        tokens.append(tok)
    _protect_eponyms(tokens, text, lex)
    _protect_values(tokens, text, lex)
    acronyms = _organisation_acronyms(tokens, text, lex)
    for tok in tokens:
        _classify(tok, text, lex, memo)
    for tok in acronyms:
        tok.strong = True
    _given_and_surname(tokens, text, lex)
    found: list[WordSpan] = []
    for run in _runs(tokens, text):
        _read_run(run, text, lex, found)
    _names_before_names(text, tokens, found, lex)
    return _propagate(text, tokens, found, lex)


def _names_before_names(text: str, tokens: list[_Tok], found: list[WordSpan], lex: Lexicon) -> None:
    """A listed given name right before a found name and "and", a comma or "&" is a name too,
    even at the start of a sentence or where it is also a word ("Bill and Frank came in",
    "Rose, Ivy and Jack"). Read from the last name back, so a list is taken whole."""
    names = sorted((s for s in found if s.kind == "name"), key=lambda s: s.start, reverse=True)
    by_end = {tok.end: tok for tok in tokens}
    starts = {s.start for s in found}
    for span in names:
        while True:
            gap = _GAP_BEFORE.search(text, max(0, span.start - 8), span.start)
            if gap is None:
                break
            tok = by_end.get(gap.start())
            if (
                tok is None
                or tok.shape != "title"
                or tok.start in starts
                or tok.lower.rstrip("'’") not in lex.given_names
                or lex.clinical(tok.lower)
                or tok.lower in _GENERIC | _TITLES
            ):
                break
            span = WordSpan("name", tok.start, tok.end)
            found.append(span)
            starts.add(tok.start)
    found.sort(key=lambda s: (s.start, s.end))


_GAP_BEFORE = re.compile(r"(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)\Z")


# Function words that never stand inside an eponym ("Heatherfield Care Home with hyponatraemia").
_GAP_STOPWORDS = frozenset(
    {
        "and", "of", "the", "with", "by", "to", "for", "from", "in", "on", "at", "after",
        "before", "due", "has", "had", "have", "is", "was", "were", "are", "or", "but",
        "a", "an", "his", "her", "their", "without", "into", "since", "until",
    }
)  # fmt: skip


def _protect_product_variants(tokens: list[_Tok], text: str, lex: Lexicon) -> None:
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


def _protect_scales_and_foreign_eponyms(tokens: list[_Tok], text: str) -> None:
    """A scale's eponym before its value ("Braden 13"), and the names after a head word that
    comes first in other languages ("Score de Glasgow", "Ziekte van Parkinson")."""
    for i, tok in enumerate(tokens):
        lower = tok.lower.rstrip("'’")
        if tok.shape == "title" and lower in _SCALE_EPONYMS and _SCORE_AFTER.match(text, tok.end):
            before = tokens[i - 1] if i > 0 else None
            if before is None or before.lower not in _TITLES | _RELATIONS - _FUNCTION_CUES:
                tok.shape = "lower"
            continue
        if fold(lower) not in _HEADS_BEFORE or i + 1 >= len(tokens):
            continue
        if tok.word.isupper() and len(tok.word) > 1:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].lower in _FOREIGN_JOINERS and j - i <= 2:
            j += 1
        taken = 0
        while j < len(tokens) and taken < 2 and tokens[j].shape == "title":
            if text[tokens[j - 1].end : tokens[j].start] not in (" ", "-"):
                break
            tokens[j].shape = "lower"
            taken += 1
            j += 1
        if taken and tok.shape == "title":
            tok.shape = "lower"  # the head itself ("Échelle", "Ziekte") is no name either


def _protect_eponyms(tokens: list[_Tok], text: str, lex: Lexicon) -> None:
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
            word.endswith(_EPONYM_HEAD_ENDINGS) or word in _LOWER_CASE_HEADS
        )
        # A capitalised head counts only where eponyms are written so ("Modified Rankin Scale");
        # "Ana Frame", "Grace Field", "Tom Lane" are names.
        listed = word in _EPONYM_HEADS and (head.word.islower() or word in _CAPITALISED_HEADS)
        # "Grade Group 2", "Robson Group 5": a capitalised group before its number is a class.
        listed = listed or (
            word in _LOWER_CASE_HEADS and _NUMBER_AFTER.match(text, head.end) is not None
        )
        if i == 0 or not (listed or by_ending):
            continue
        if _SERVICE_AFTER.match(text, head.end):
            continue
        taken: list[_Tok] = []
        j = i - 1
        # One lower-case word may stand between ("Hueston tabletop test"), where the capitalised
        # word before it is no given name ("Sarah blood test" is about Sarah).
        gap_word = (
            j > 0
            and tokens[j].word.islower()
            and tokens[j].word not in _GAP_STOPWORDS
            and tokens[j - 1].shape == "title"
            and tokens[j - 1].lower not in lex.given_names
            and text[tokens[j].end : head.start] == " "
        )
        if gap_word:
            j -= 1
        while j >= 0 and len(taken) < 4:
            tok = tokens[j]
            gap = text[tok.end : tokens[j + 1].start]
            if gap != " ":
                break
            if tok.shape in ("title", "caps") and tok.lower not in _TITLES:
                taken.append(tok)
            elif tok.word.isupper() and len(tok.word) > 1 and taken:
                pass  # an acronym inside a named score ("Erasmus GBS Outcome Score")
            elif not (tok.word in ("and", "&") and taken and j > 0):
                break
            j -= 1
        # "with", "by", "to" and "and" are cues for a name elsewhere, not before an eponym; a
        # cue counts only right before the words, not across punctuation ("nephew; Dravet").
        people = (_RELATIONS | _ROLES | _TITLES) - _FUNCTION_CUES
        if not taken or taken[-1].lower in people:
            continue
        if j >= 0 and tokens[j].lower in people and text[tokens[j].end : taken[-1].start] == " ":
            continue
        if gap_word and any(t.lower in lex.given_names for t in taken):
            continue
        for tok in taken:
            tok.shape = "lower"
    _protect_graded(tokens, text, lex)
    for i, tok in enumerate(tokens):
        if tok.lower not in _MAKERS:
            continue
        for j in range(i + 1, min(i + 3, len(tokens))):  # one or two model words
            if tokens[j].shape != "title" or text[tokens[j - 1].end : tokens[j].start] != " ":
                break
            if tokens[j].lower in lex.places:
                break  # "works at Medtronic Galway": a site, not a model
            tokens[j].shape = "lower"


# Words that end a facility's name, capitalised: an acronym or a product-like word before them
# belongs to the name ("NKF Dialysis Centre", "CVS Pharmacy", "Nigeria LNG Limited", "Lions
# SightFirst Eye Hospital", "CaroMont Regional Medical Center").
_STRONG_HEADS = sorted(_FACILITY_HEADS - _WEAK_HEADS - {"inc", "llc", "ltd", "plc", "pty", "ems"})
_FACILITY_AHEAD = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’&-]*|&|of|the)){0,3}?[ \t]+(?:"
    + "|".join(w.capitalize() for w in _STRONG_HEADS)
    + r"|Inc|LLC|Ltd|PLC|Pty)\b"
)
# A place cue before an acronym of an organisation ("review at NIMHANS", "from AIIMS").
_AT_BEFORE = re.compile(r"\b(?:at|from)[ \t]+\Z")


def _organisation_acronyms(tokens: list[_Tok], text: str, lex: Lexicon) -> list[_Tok]:
    """Acronyms and product-like words read as lower case (see _shape) that name an
    organisation: before a facility word they join its name; an acronym of four or more letters
    that is no known word is the organisation itself after "at" or "from", or before a place
    ("AIIMS New Delhi"). Returns the tokens that are identifiers on their own."""
    alone: list[_Tok] = []
    for i, tok in enumerate(tokens):
        if tok.shape != "lower" or not tok.lower or not tok.word[0].isupper():
            continue
        word = tok.word.rstrip("'’")
        if lex.known(fold(word)) or lex.clinical(fold(word)):
            continue
        if _FACILITY_AHEAD.match(text, tok.end):
            tok.shape = "caps" if word.isupper() else "title"
            continue
        if not word.isupper() or len(word) < 4:
            continue
        after = tokens[i + 1 : i + 4]
        place_after = (
            bool(after)
            and text[tok.end : after[0].start] == " "
            and (lex.multiword_place([t.word for t in after]) > 0 or after[0].lower in lex.places)
        )
        if place_after or _AT_BEFORE.search(text[max(0, tok.start - 8) : tok.start]):
            tok.shape = "caps"
            alone.append(tok)
    return alone


def _given_and_surname(tokens: list[_Tok], text: str, lex: Lexicon) -> None:
    """A listed given name right before a listed surname is a person even where both are also
    English words and no cue stands before them ("RN in charge Jasmine Ko", "Will Major")."""
    for left, right in itertools.pairwise(tokens):
        if left.shape != "title" or right.shape != "title" or (left.strong and right.strong):
            continue
        if text[left.end : right.start] != " ":
            continue
        first, last = left.lower.rstrip("'’"), right.lower.rstrip("'’").removesuffix("'s")
        if first not in lex.given_names or not lex.name_like(last):
            continue
        if lex.clinical(first) or lex.clinical(last) or first in _TITLES:
            continue
        if last in _GENERIC | _STREET_WORDS | _REGIONS | _EPONYM_HEADS | _PLACE_PREFIXES:
            continue
        if first in _GENERIC | _PLACE_PREFIXES:
            continue
        left.strong = right.strong = True


# Scales and scores named after a person, written with their value and no "score" ("Braden 13",
# "Tinetti 14/28", "modified Rankin 3", "Karnofsky 40"): kept even where the name is a listed
# given name or surname.
_SCALE_EPONYMS = frozenset(
    {
        "braden", "tinetti", "barthel", "rankin", "karnofsky", "lansky", "norton", "waterlow",
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
    }
)  # fmt: skip
_SCORE_AFTER = re.compile(
    r"[ \t]*[:=]?[ \t]*\d{1,3}(?:[.,]\d)?(?:[ \t]*/[ \t]*\d{1,3})?(?![\d:/-])"
    r"(?![ \t]*(?i:am|pm|h\b|hrs?\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)
# Heads that come first in eponyms of other languages ("Score de Glasgow", "Échelle de
# Norton", "Ziekte van Parkinson", "Morbus Crohn", "Signe de Lasègue").
_HEADS_BEFORE = frozenset(
    {
        "score", "echelle", "escala", "ziekte", "maladie", "morbus", "signe", "signo",
        "syndrome", "sindrome", "síndrome", "enfermedad", "malattia", "morbo", "classification",
        "stade", "test", "prueba", "indice", "índice", "manoeuvre", "maniobra", "reflexe",
        "reflejo", "krankheit", "scala", "teken", "proef",
    }
)  # fmt: skip
_FOREIGN_JOINERS = frozenset({"de", "van", "von", "du", "di", "d'", "d’", "des", "der", "la"})
# A value after a word: a number, perhaps after "/V" ("Qb 300", "Kt/V 1.32", "Qd 500").
_VALUE_AFTER = re.compile(r"(?:/[A-Za-z]{1,3})?[ \t]*[:=]?[ \t]*[<>≤≥]?\d")
# A dose after a run of capitalised words: the words are a medicine ("Coversyl 4 mg", "Panadol
# Osteo 1330 mg", "Targin 5/2.5 bd", "Spiriva Respimat 2 puffs").
_DOSE_AFTER = re.compile(
    r"[ \t]+\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?[ \t]*(?:mg|mcg|µg|ug|g|mL|ml|units?|IU|%|mmol|"
    r"puffs?|tabs?|tablets?|caps?|capsules?|sachets?|drops?|sprays?|patch|bd|bid|tds|tid|qid|od|"
    r"qhs|nocte|mane|daily|prn|PRN|Fr|FG|Ch|French|gauge)\b"
)
# A formulation or route after a capitalised word: it is a medicine ("Movicol sachets", "Targin
# SR", "Prontosan solution", "Augmentin IV").
_FORM_AFTER = re.compile(
    r"[ \t]+(?:tablets?|capsules?|injection|inhaler|cream|ointment|gel|eye[ \t]+drops|drops|"
    r"patch(?:es)?|spray|syrup|suspension|infusion|solution|lozenges?|pessary|pessaries|"
    r"suppositor(?:y|ies)|sachets?|nebules?|wash|XR|SR|CR|ER|XL|LA|MR|ODT|IV|PO|SC|IM|SL|"
    r"nocte|mane|bd|tds|qid|qds|od|prn|PRN|therapy|treatment|course|levels?|toxicity|doses?|"
    r"prophylaxis|allergy|challenge|trough|monotherapy|loading|infusions?)\b"
)
# A species after a capitalised genus: an organism ("Cutibacterium acnes", "Candida auris",
# "Enterococcus faecalis"); the species is no English word and ends like Latin.
_SPECIES_AFTER = re.compile(
    r"[ \t]+(?P<s>acnes|(?=[a-z]{4})[a-z]{2,}(?:us|is|ae|ii|um|genes|ans|ens|ica|ile|i|a))\b"
)
# A result after a word: it names a test ("Rh positive", "Ishihara normal", "Strep positive").
_RESULT_AFTER = re.compile(
    r"[ \t]+(?:positive|negative|pos|neg|normal|abnormal|intact|equivocal|reactive|"
    r"non-reactive|nonreactive|detected|undetected|not[ \t]+detected|sensitive|resistant)\b"
)


def _between_medicines(tokens: list[_Tok], i: int, text: str, lex: Lexicon) -> bool:
    """A word in a list whose neighbours on both sides are medicines or clinical words."""
    if i == 0 or i + 1 >= len(tokens):
        return False
    left, right = tokens[i - 1], tokens[i + 1]
    gaps = (text[left.end : tokens[i].start], text[tokens[i].end : right.start])
    if not all(re.fullmatch(r",[ \t]*|[ \t]+and[ \t]+|;[ \t]*", gap) for gap in gaps):
        return False
    return all(
        lex.clinical(fold(t.word.rstrip("'’"))) and fold(t.word) not in lex.given_names
        for t in (left, right)
    )


def _protect_values(tokens: list[_Tok], text: str, lex: Lexicon) -> None:
    """The clinical value grammar around capitalised words: a short abbreviation before its
    value ("Qb 300", "Kt/V 1.32"), medicine names before a dose, a test before its result. A
    given name, or a word after a title or relation, stays a candidate ("Amy 0412 345 678",
    "Dr Ng 4 pm")."""
    for i, tok in enumerate(tokens):
        if tok.shape != "title":
            continue
        if (
            i > 0
            and text[tokens[i - 1].end : tok.start] in (" ", ". ")
            and tokens[i - 1].lower in _TITLES | _RELATIONS - _FUNCTION_CUES
        ):
            continue
        lower = tok.lower.rstrip("'’")
        species = _SPECIES_AFTER.match(text, tok.end)
        if (
            species is not None
            and species.group("s") not in lex.english
            and (not lex.inflected(species.group("s")) or species.group("s").endswith("acnes"))
        ):
            tok.shape = "lower"  # a genus before its species, even one that is a given name
            continue
        if _between_medicines(tokens, i, text, lex):
            tok.shape = "lower"  # "Lasix, Coversyl, metformin": one of a list of medicines
            continue
        if lower in lex.given_names:
            continue
        short_value = len(lower) <= 3 and _VALUE_AFTER.match(text, tok.end) is not None
        result = _RESULT_AFTER.match(text, tok.end) is not None and lower not in lex.surnames
        if short_value or result:
            tok.shape = "lower"
        elif _DOSE_AFTER.match(text, tok.end) or _FORM_AFTER.match(text, tok.end):
            j = i
            while j >= 0 and j > i - 3 and tokens[j].shape == "title":
                if tokens[j].lower in _TITLES | _RELATIONS or tokens[j].lower in lex.given_names:
                    break
                tokens[j].shape = "lower"
                if j == 0 or text[tokens[j - 1].end : tokens[j].start] != " ":
                    break
                j -= 1


# A grade, class or stage after an eponym: "Child-Turcotte-Pugh B", "Billroth II", "Forrest Ib",
# "Dukes C1"; or a percentage score ("Karnofsky 80%").
_GRADE_AFTER = re.compile(
    r" \d{1,3}(?:\.\d)?[ \t]?%"
    r"| (?:[A-D][0-4]?|I{1,3}|IV|V|VI{0,3})[a-c]?(?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(]))"
    # "Gustilo IIIA", "Ann Arbor IIB": a Roman numeral and a capital sub-stage ("VIC" is a state).
    r"| (?:I{2,3}|IV)[A-C](?=[ \t]*(?:[.,;:)]|$|[ \t][a-z(]))",
    re.M,
)


def _protect_graded(tokens: list[_Tok], text: str, lex: Lexicon) -> None:
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
            and (before.lower in lex.given_names | _TITLES or before.shape == "initial")
        ):
            continue
        tok.shape = "lower"


def _propagate(
    text: str, tokens: list[_Tok], found: list[WordSpan], lex: Lexicon
) -> list[WordSpan]:
    """Remove every other capitalised occurrence of what was already found: its distinctive words
    that are not plain English ("Raghunathan", "Vale" as a name), and its first two distinctive
    words together ("Sunrise Meadows" from "Sunrise Meadows Nursing Home")."""
    kinds: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for span in found:
        words = [
            m.group().rstrip("'’")
            for m in _TOKEN.finditer(text, span.start, span.end)
            if m.group().rstrip("'’").lower() not in _GENERIC | _STREET_WORDS | _REGIONS | _TITLES
        ]
        for word in words:
            lower = word.lower()
            if len(word) >= 3 and (lower not in lex.english or lex.name_like(lower)):
                kinds.setdefault(lower, span.kind)
        if len(words) >= 2:
            phrases.setdefault(" ".join(words[:2]), span.kind)
    covered = bytearray(len(text))  # 1 where a span already lies
    for span in found:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    extra: list[WordSpan] = []
    if phrases:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        for match in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", text):
            if not covered[match.start()]:
                extra.append(WordSpan(phrases[match.group()], match.start(), match.end()))
                covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for tok in tokens:
        word = tok.word.rstrip("'’")
        kind = kinds.get(word.lower())
        if kind and tok.shape in ("title", "caps") and not covered[tok.start]:
            extra.append(WordSpan(kind, tok.start, tok.start + len(word)))
    return sorted(found + extra, key=lambda s: (s.start, s.end))
