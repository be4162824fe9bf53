"""Word lists of the word scan that point to a person: titles, relations, roles and the
cues before a name, and the particles inside one (see :mod:`medlocal.privacy.deid_words`).
"""

from __future__ import annotations

import re

# Round 15: the doctor's titles of Spanish, Portuguese, Filipino and Italian notes ("Dra. Yap",
# "Dott. Ferri") and the Dutch "de heer" and "mevrouw" ("dhr. Jansen", "mevr. Bakker").
TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sr", "fr", "rev", "dra", "dott", "dhr", "mevr"}
)
RELATIONS = frozenset(
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
        # Thirteenth round: family and friends as people say them ("his mate Dazza", "mam
        # (Bron)", "hubby Reuben").
        "mate", "mam", "mammy", "mommy", "mummy", "hubby", "missus", "bestie",
        # Kin words of other languages, used in English notes as they are ("her gogo MaDlamini",
        # "Kuya Jun", "his ouma Sannie", "Nanay Cora"); only those with no other reading.
        "gogo", "ugogo", "mkhulu", "umkhulu", "ouma", "oupa", "oom", "tante", "kuya", "tita",
        "tito", "lolo", "manang", "manong", "tatay", "nanay", "inay", "itay", "abang", "kakak",
        "makcik", "pakcik", "nenek", "appa", "akka", "thatha", "paati", "ammamma", "nani",
        "dadi", "chacha", "chachi", "mausi", "bhabhi", "bhaiya", "didi", "mzee", "shangazi",
        "halmeoni", "harabeoji", "ahjumma", "ajumma", "ahjussi", "obaachan", "ojiichan",
        "abuela", "abuelo", "abuelita", "abuelito", "nonna", "nonno", "yiayia", "pappou",
        "jiddo", "sitti", "khala", "khalto", "ammi", "abbu",
        # Family words of French, Spanish, Portuguese, German, Dutch and Italian notes ("fils
        # Jean-Marc", "su comadre Lupe", "Tochter Anke").
        "fils", "fille", "mère", "père", "époux", "épouse", "frère", "sœur", "soeur", "conjoint",
        "conjointe", "petit-fils", "petite-fille", "beau-fils", "belle-fille", "hijo", "hija",
        "esposo", "esposa", "madre", "padre", "hermano", "hermana", "comadre", "compadre",
        "nieto", "nieta", "sobrino", "sobrina", "suegra", "suegro", "nuera", "yerno", "filho",
        "filha", "marido", "irmão", "irmã", "mãe", "sohn", "tochter", "ehefrau", "ehemann",
        "mutter", "vater", "bruder", "schwester", "zoon", "dochter", "echtgenote", "echtgenoot",
        "moeder", "vader", "broer", "zus", "figlio", "figlia", "moglie", "marito", "fratello",
        "sorella",
        # Session 55 (deid55c): family words of Polish, Czech, Turkish, Russian, Ukrainian and
        # Greek notes ("córka Halina", "oğlu Emre", "дочь Ирина"), as written and as folded
        # where the folded word has no other reading ("zona", "syn", "brat", "esi" left out).
        "żona", "mąż", "maz", "córka", "corka", "siostra", "matka", "ojciec", "wnuk", "wnuczka",
        "synowa", "zięć", "ziec", "manželka", "manzelka", "manžel", "manzel", "dcera", "oğlu",
        "oglu", "kızı", "kizi", "annesi", "babası", "babasi", "kardeşi", "kardesi", "жена",
        "муж", "дочь", "дочка", "сын", "мать", "отец", "сестра", "внук", "внучка", "дружина",
        "чоловік", "донька", "σύζυγος", "κόρη", "γιος", "αδελφή", "αδελφός", "μητέρα",
        # Round 15: Filipino and Malay kin words with no English reading ("Asawa ko Randy",
        # "anak niya Joy"), and "by" in French and Dutch notes ("vu par Amélie", "ingevuld door
        # Sanne"): soft cues, as "by" is. Not the Spanish "por": "valoración por Neurocirugía"
        # names a department no word list knows.
        "asawa", "anak", "kapatid", "pamangkin", "par", "door",
        # Walk 22: the older and half generations ("Great-aunt Mary" lost its role with the name).
        "great-aunt", "great-uncle", "grand-aunt", "grand-uncle", "grandaunt", "granduncle",
        "great-grandmother", "great-grandfather", "great-grandson", "great-granddaughter",
        "great-grandchild", "great-grandchildren", "half-brother", "half-sister",
    }
)  # fmt: skip
# Honorifics of many cultures before a name ("Ate Marites", "Alhaji Musa", "Chief Okonkwo",
# "Puan Aminah", "Bro. Emeka", "Shri Ramesh"). Many are also words ("ate", "chief", "mama"), so
# they count only capitalised, and only a listed name or a word no dictionary has after one is a
# name ("Chief Complaint", "Elder Care" stay).
HONORIFICS = frozenset(
    {
        "ate", "mama", "baba", "bibi", "amma", "chief", "alhaji", "alhaja", "bro",
        "sis", "ustaz", "ustazah", "sheikh", "shaikh", "haji", "hajjah", "hajah", "encik", "puan",
        "cik", "tuan", "dato", "datin", "datuk", "shri", "smt", "shrimati", "kumari",
        "aunty", "auntie", "mamma", "kaka", "elder", "deacon", "deaconess", "prophet",
        "prophetess", "evangelist", "apostle", "mallam", "malam", "mwalimu", "oba",
        "iya", "señor", "senor", "señora", "senora", "sra", "doña", "dona", "don", "frau",
        "herr", "mme", "madame", "monsieur", "mlle", "signora", "signor", "pak", "bu", "ibu",
        "bapak", "mak", "kak", "tok", "atok", "lola", "tía", "tío", "zia", "zio", "oma", "opa",
    }
)  # fmt: skip
# Words before a name that are no relation: a listed name or unknown word after one of these
# is a name ("Chaperone: Heather Wood", "Dear Jenny", "Regards, Penny Lane").
SOFT_CUES = frozenset(
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
        # Ninth round: greetings in messages and chats ("hi chase its jess from d57").
        "hi", "hello", "hey",
    }
)  # fmt: skip
# Relation words that are also ordinary function words: cues, but no sign that a street or a
# facility after them is a person.
FUNCTION_CUES = frozenset(
    {
        "with", "by", "to", "and", "named", "called", "informed", "notified", "paged", "updated",
        "contacted", "told", "per", "par", "door",
    }
)  # fmt: skip
# Review 14B: words that lead to a person before a word that could be a medicine ("given by Xyz
# 2.5 mg", "seen by ...", "spoke to ..."), and a bed, bay or room label before a patient's name
# on a ward list ("Bed 12: Xyz Bisoprolol 1.25 mg held"). Shared by the dose, product and brand
# readers, which each decide whether a capitalised word is a medicine or a person.
LEAD_TO_PERSON = (FUNCTION_CUES - {"and"}) | {"from", "seen", "spoke", "spoken", "discussed"}
BED_BEFORE = re.compile(
    r"(?i:\b(?:bed|bay|room|rm|cubicle|cub|side[ \t]?room|chair|trolley))\b"
    r"[ \t]*[A-Z]?\d{0,3}[A-Z]?[ \t]*[:.)-]?[ \t]*\Z"
)
# A bracketed role or department may stand before the separator ("Kaya, Sommer (breast care
# nurse), Winter (radiology)"); e-mail headers separate names with semicolons.
# Seventh round: or a role in lower case after a comma, before a semicolon ("Carmen, breast care
# nurse; Noble, radiology").
LIST_GAP = re.compile(
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*|,[ \t]*[a-z][a-z -]{1,30}(?=;))?"
    r"(?:,|;|,?[ \t]+and|&|/)[ \t]*"
)
# People named by their role ("paramedic Rob Hill", "Pastor Eunice Adeyemi", "Faith Walker,
# social worker"). Unlike a title, a role word at the head of a run makes only a name-like word
# after it a name: "Consultant Rheumatologist" and "Nurse Practitioner" stay.
ROLES = frozenset(
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
        # Seventh round: credentials written before a name ("RN Crystal", "OT Pearl").
        "rn", "rgn", "lpn", "lvn", "cna", "np", "slp", "emt", "cnm", "ot", "sn",
        # Eleventh round: nursing and allied roles written before a surname ("TVN Abbot to
        # review", "DN Hughes", "SALT Evans", "HV Joanne").
        "tvn", "dn", "hv", "salt", "scphn", "acp", "rmn", "rnld", "ccn", "mhp", "amhp",
        # Round 18 (walk 21): a letter's "for the attention of", the dictionary lacks it: a cue
        # before the person it is addressed to, never a name itself ("Attn: Mr John Smith").
        "attn", "fao",
        # Session 43: police and foundation-doctor ranks written before a name ("Const. N.
        # Mkhize", "Cst Leblanc", "Trooper Beasley", "Garda Fogarty", "F1 Patel").
        "const", "cst", "trooper", "garda", "cpl", "supt", "f1", "f2",
    }
)  # fmt: skip
# Round 17: words that grade or place a role written before it ("Staff Nurse Adebayo", "Senior
# Paramedic Ruiz", "District Nurse Pell", "Student Midwife Ola"). They are part of the role, never
# of the name after it; alone (with no role after them) they cue nothing.
ROLE_QUALIFIERS = frozenset(
    {
        "staff", "charge", "senior", "junior", "student", "practice", "district", "community",
        "specialist", "head", "chief", "lead", "principal", "deputy", "assistant", "associate",
        "ward", "theatre", "theater", "clinical", "trainee", "advanced", "registered", "enrolled",
        "agency", "bank", "locum", "school", "night", "duty", "triage", "liaison", "research",
        "dental", "attending", "resident", "visiting", "home", "nursing", "occupational",
        "mental", "health", "psychiatric", "neonatal", "paediatric", "pediatric", "scrub",
        "recovery",
    }
)  # fmt: skip
# A role or credential right after a name ("Faith Walker, social worker", "Ann Lee, CNS").
ROLE_AFTER = re.compile(
    # ", social worker", " RN", or in brackets: "Mark (ward clerk)", "Sommer (breast care nurse)".
    r"(?:,?[ \t]+|[ \t]*\([ \t]*(?:[a-z]+[ \t]+){0,2})(?:the[ \t]+)?"
    r"(?:(?i:social[ \t]+worker|case[ \t]+manager|staff[ \t]+nurse|"
    r"charge[ \t]+nurse|nurse[ \t]+specialist|"
    + "|".join(sorted(ROLES - {"worker", "manager", "officer"}))
    + r")\b|(?:RN|CNS|CNM|LPN|LVN|NP|PA|PA-C|LCSW|LSCSW|LMSW|MSW|PMHNP|FNP|APRN|CRNA|DNP|RD|"
    r"PharmD|RPh|PT|OT|SLP|DO|MD|MBBS|FRCS|FRCP|FRCPC|FRCPath|FRCR|FACC|MRCP|MRCPI|MRCGP|CLS|"
    r"MLS|CST|EMT|BMS|FY1|FY2|SpR|SHO|CNA|HCA|CDCES|CDE|IBCLC|RGN|RMN|RPN|EN|RM|DN|HV|OTR|LPC|"
    r"LMFT|PsyD|MPH|AP|ACP|CCP|"
    # Round 15: dentists' degrees ("Hemi Walker BDS", "A. Osei BDSc MFDS").
    r"BDS|BDSc|MDS|DDS|DMD|MFDS|FDS|MJDF|"
    # Round 21: community, peer, addiction and allied credentials ("Rowan, CHW", "Jo, CPRS").
    r"CHW|CPS|CPRS|CRSS|PRS|CADC|LADC|LCDC|CASAC|LICSW|LMHC|LCPC|LPCC|CRNP|AGNP|PNP|WHNP|CMA|"
    r"RMA|PCT|RRT|CRT|DPT|MSN|BSN|RDN|LDN|CPhT|ATC|CCLS|CCRN|CNL|RNC|QMHP|LISW|LCADC)\b)"
)
# A relation right after a name ("Carol (daughter)", "Carol, his wife", "Ted - patient's son").
RELATION_AFTER = re.compile(
    r"(?:[ \t]*\([ \t]*|,[ \t]+|[ \t]+-[ \t]+)(?:(?:her|his|their|the[ \t]+patient's|patient's|"
    r"pt's|pt)[ \t]+)?(?:(?:late|former|ex-?|estranged|eldest|youngest|older|younger)[ \t]*)?(?:"
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
JOINERS = frozenset(
    {
        "of", "the", "de", "van", "von", "la", "le", "du", "da", "del", "della", "di", "al", "el",
        "bin", "binti", "ibn", "der", "den", "ter", "ten", "dos", "das", "des", "les", "ap",
        "and",
        # A place's "upon" ("Newcastle upon Tyne", "Kingston upon Thames").
        "upon",
    }
)  # fmt: skip
# Particles inside a surname ("Ana van der Merwe", "Siofra O Donnabhain", "Bríd Ní Bhriain",
# "Tyler Van Buskirk"): a name word next to one of these carries it along.
PARTICLES = JOINERS - {"of", "the", "and", "upon"} | {
    "mac",
    "mc",
    "o",
    "ni",
    "nic",
    "st",
    "te",
    "ua",
    # Spanish and Filipino surnames' articles and their joined forms ("de los Santos", "dela
    # Cruz", "delos Reyes"); like "la" they count only after another particle (deid_joins).
    "los",
    "las",
    "dela",
    "delos",
}

# Review 56b: what only a person does or is, right after a word ("Jamshidi reports", "Kien
# phoned", "Kuder was seen in clinic", "Utrata denies", "Jamshidi, 45,", "Kien, who says",
# "Wiktor and Gyorgyi visited"). No brand, device or German noun is written so; verbs a
# medicine takes ("will", "was started", "works") are not here.
PERSON_ONLY_AFTER = re.compile(
    r"(?:[ \t]+and[ \t]+[A-Z][^\W\d_]+)?"
    r"(?:[ \t]+(?:says|said|reports|reported|states|stated|denies|denied|complains|complained|"
    r"feels|phoned|rang|visited|attended|agreed|declined|consented|understands|wants|wishes|"
    r"prefers|lives|lived|presented|presents|mobilises|mobilizes|smokes|"
    r"is[ \t]+(?:an?[ \t]+\d+|worried|aware|keen|anxious|concerned|happy|unhappy|upset)|"
    r"(?:was|is|has[ \t]+been)[ \t]+(?:seen|reviewed|examined|admitted|discharged|informed|"
    r"told|advised|counselled|counseled|consented|visited))\b"
    r"|[ \t]*,[ \t]*(?:who\b|aged?[ \t]+\d|\d{1,3}[ \t]*(?:,|yo\b|y/o\b|years?\b|M\b))"
    # An age and sex after it: "Abelson 72M", "Jamshidi (45F)"; a bare "14F" is a catheter's
    # French size ("Nelaton 14F") and "3 yrs" a device's age ("Heartmate 3 yrs ago"), so
    # those only in brackets.
    r"|[ \t]*\([ \t]*\d{1,3}[ \t]*(?:[MF]|yo|y/o|yrs?)\b"
    r"|[ \t]*\d{1,3}[ \t]*(?:M|yo|y/o)\b)"
)


# What people do in notes: a given name before one of these is a person even where it is also
# an English word or starts a sentence ("Sam will collect her", "Grace phoned").
PERSON_VERB = re.compile(
    r"[ \t]+(?:will|would|can|called|phoned|rang|visited|drove|came|stayed|says|said|reports|"
    r"reported|asked|agreed|declined|brought|accompanied|helped|attended|arrived|collected|"
    r"confirmed|explained|understands|consented|signed|wants|wishes|prefers|lives)\b"
)

# Roles whose field holds a person, not a specialty ("Scribe: Amber L."; but "Consultant:
# Cardiology", "Physician: Acute Medicine").
COLON_ROLES = frozenset(
    {
        "scribe", "pharmacist", "nurse", "midwife", "physio", "physiotherapist", "interpreter",
        "chaplain", "student", "driver", "porter", "hca", "cns", "anp", "sho", "fy1", "fy2",
        "reg", "clerk", "receptionist", "secretary", "aide", "carer", "caseworker", "volunteer",
        "sonographer", "radiographer", "technician", "dietitian", "counsellor", "counselor",
        # Twelfth round: the doctor in charge and the shift's lead ("Consultant: Bird", "Cons:
        # Lane", "NIC days: Bird", "MD rounding: Frost"). A soft cue: only a listed name or an
        # unknown word ("Consultant: Respiratory Medicine" stays).
        "consultant", "cons", "registrar", "nic", "attending", "resident", "rounding", "intern",
        "surgeon", "anaesthetist", "anesthetist", "gp", "physician", "keyworker", "therapist",
        "days", "nights",
        # Thirteenth round: a handover's two sides ("Handing over: ... Receiving: Ifeoma").
        "receiving", "relieving", "accepting", "handover",
        # Round 16: who prescribed, referred or reported ("Prescriber: Rose Walker").
        "prescriber", "referrer", "requester", "requestor", "radiologist", "pathologist",
        "dentist", "optometrist", "podiatrist", "psychiatrist", "informant",
        # Round 18 (walk 21): a discipline's abbreviation is a field label as much as a role
        # before a name ("OT: Bryony Kettle", "SALT: Ivo Tarrant", "RN: Wen Lo"), as the long
        # forms above are; a soft cue still, so "OT: Kitchen Assessment" stays.
        "ot", "salt", "slt", "slp", "rn", "rgn", "rmn", "rnld", "np", "dn", "hv", "tvn", "acp",
        "emt", "cnm", "lpn", "lvn", "cna", "scphn", "ccn", "mhp", "amhp", "hcsw", "rmo", "spr",
        "attn", "fao",
    }
)  # fmt: skip
# A letter's closing on the line before a name.
SIGN_OFF = re.compile(
    r"(?i:\b(regards|sincerely|faithfully|thanks|cheers|signed))[,.:!]?[ \t]*\r?\n[ \t]*\Z"
)


# A person's title right before a name ("Dr ", "Mrs. "): what makes the words after it a
# person's, read back from them.
TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]+\Z")

# Credentials written after a name ("SMITH, MD", "Signed: M.D."): the person's, no initials.
CREDENTIALS = frozenset(
    {
        "md", "do", "rn", "np", "pa", "phd", "dds", "dmd", "fnp", "aprn", "crna", "dnp", "rd",
        "pharmd", "rph", "pt", "ot", "slp", "mbbs", "frcs", "frcp", "frcpc", "mrcp", "lpn",
        "lvn", "cna", "hca", "cns", "lcsw", "msw", "mph", "dpm", "od", "dc", "psyd", "esq",
        "ret", "dr", "mr", "mrs", "ms", "prof",
    }
)  # fmt: skip
