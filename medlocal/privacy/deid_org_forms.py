"""Organisations told by how a text writes their name (sixteenth round):

* an organisation defined with its initials, either way round ("King's College London (KCL)",
  "NRH (National Rehabilitation Hospital)", "St. Luke's Medical Center – Quezon City
  (SLMC-QC)"): the initials spell the long form's words and the long form holds a word that
  says an organisation ("Hospital", "College", "Bureau", "Ligue"...). Both go, and the initials
  elsewhere in the note go with them (the word scan's propagation of what was found); a
  hospital's initials may end in the "H" its short name leaves out ("Airedale General (AGH)",
  round 17). A clinical
  abbreviation ("Intensive Care Unit (ICU)"), a scale or test ("Hospital Anxiety and Depression
  Scale (HADS)") or a body whose name is part of a score ("ASA grade II (American Society of
  Anesthesiologists)", "STS risk score") is no organisation to remove;
* a facility's suffix, read once its name was found: its state or country code ("Genetic Health
  Service NZ", "Heart Kids SA"), its region after "of", its branch's number, a quoted local
  name, and the place after "at" that says which site ("Memorial Hospital at Gulfport");
* unknown initials beside a word that says they name a place of care or a body ("QCH clinic",
  "cardiology NHCS", "CNESST dossier");
* a body named by plain words and one qualifier ("National Ambulance Service"), an office of a
  subject that is no hospital service ("Department of Agriculture"), a head with what it is
  for or of ("Centre for Eye Health");
* pubs by their "Arms", organisations of other languages written head first ("Stichting De
  Boog"), and the employer on an occupation line.

Found from an anchor most text lacks (a bracket round capitals, a capitalised word after a
found span's end), so the cost stays linear and small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_place_words import FACILITY_HEADS, GENERIC
from medlocal.privacy.deid_tokens import WordSpan, after_sentence_end

# Initials in brackets: two to eight capitals, with a hyphen or an ampersand inside and small
# letters between capitals allowed ("(KCL)", "(SLMC-QC)", "(RD&E)", "(UoN)").
_INITIALS = r"[A-Z](?:[A-Za-z&]|-(?=[A-Z])){1,9}"
_BRACKETED = re.compile(rf"\([ \t]*[\"“]?(?P<a>{_INITIALS})[\"”]?[ \t]*\)")
# Initials then the long form in brackets ("NRH (National Rehabilitation Hospital)").
_INITIALS_BEFORE = re.compile(rf"(?<![\w&'’-])(?P<a>{_INITIALS})[ \t]*\n?[ \t]*\Z")
_LONG_IN_BRACKETS = re.compile(r"\((?P<l>[A-Z][^()\n]{3,90})\)")
# The words before a bracket, back to another bracket, a colon or a semicolon (a long form may
# wrap a line): the long form is the shortest tail of them whose initials the bracket spells.
_LINE_BEFORE = re.compile(r"[^():;]{0,120}\Z")
_WORD = re.compile(r"[^\W_][\w'’.&-]*")

# Words that make a long form an organisation's: the facility heads, and the bodies of state,
# charity and learning that are no facility word elsewhere.
_ORG_WORDS = FACILITY_HEADS | frozenset(
    {
        "bureau", "ligue", "league", "federation", "authority", "commission", "board",
        "agency", "police", "constabulary", "brigade", "fund", "charity", "alliance",
        "institution", "universiti", "universidad", "université", "universität", "hôpital",
        "hopital", "ospital", "hospitalet", "klinik", "klinikum", "clinique", "clínica",
        "cooperative", "co-operative", "guild", "council", "collège", "school", "schule",
    }
)  # fmt: skip
# Organisation words that are also everyday ones ("Medical Certificate").
_WEAK_ORG_WORDS = frozenset(
    {"medical", "care", "health", "general", "home", "house", "living", "medicine", "memorial"}
)
# Words of a body there is one of, whatever plain words go with them.
_ONE_OF_A_KIND = frozenset(
    {
        "hospital", "hospitals", "infirmary", "university", "college", "bureau", "ligue",
        "league", "federation", "authority", "commission", "board", "agency", "police",
        "constabulary", "brigade", "institute", "foundation", "association", "society",
        "council", "ministry", "academy", "trust", "fund", "alliance", "union",
    }
)  # fmt: skip
# Last words that make a long form a measure, a test or a disease, whatever its other words
# ("Hospital Anxiety and Depression Scale", "Home Oxygen Therapy", "Memorial Symptom
# Assessment").
_NOT_ORG_LAST = frozenset(
    {
        "scale", "score", "index", "test", "tests", "questionnaire", "inventory", "assessment",
        "syndrome", "disease", "disorder", "therapy", "treatment", "protocol", "criteria",
        "classification", "grade", "stage", "status", "examination", "exam", "programme",
        "program", "pathway", "tool", "screen", "screening", "measure", "survey", "checklist",
        "rating", "unit", "units", "department", "ward", "team", "bay", "room", "theatre",
    }
)  # fmt: skip


def _spelled_from(initials: str, words: list[str]) -> int | None:
    """Which word of ``words`` begins the long form the initials spell, or None: each letter of
    the initials, read from the last, is found in the words from their end, the first at a
    word's start (after Schwartz and Hearst, 2003); the shortest such long form, of at most
    twice as many words as letters."""
    letters = [c.lower() for c in initials if c.isalnum()]
    if len(letters) < 2 or not words:
        return None
    joined = " ".join(words).lower()
    at = len(joined) - 1
    for k in range(len(letters) - 1, -1, -1):
        letter = letters[k]
        while at >= 0 and (
            joined[at] != letter or (k == 0 and at > 0 and joined[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return None
        if k:
            at -= 1
    first = joined.count(" ", 0, at)
    if first >= len(words) or len(words) - first > 2 * len(letters):
        return None
    return first


def _long_form_names_org(words: list[str], lex: Lexicon) -> bool:
    """Capitalised words that name a body: a word of organisation in them, the last word no
    measure, test or kind of unit, and no title or relation (a person's name and role)."""
    folded = [fold(w.rstrip(".,'’").removesuffix("'s").removesuffix("’s")) for w in words]
    if not folded or folded[-1] in _NOT_ORG_LAST or lex.clinical(folded[-1]):
        return False
    # A title anywhere, or a relation first, makes them a person's ("Daughter Mary Home (MH)");
    # "Women's and Children's Hospital" is a hospital's.
    if any(w in TITLES or w in CALENDAR_WORDS for w in folded) or folded[0] in RELATIONS:
        return False
    if not any(w in _ORG_WORDS and w not in _WEAK_ORG_WORDS for w in folded):
        return False  # "Medical Certificate of Cause of Death (MCCD)"
    # Plain and clinical words before a clinic's or a service's word say a kind of service
    # ("Pre-Admission Anaesthesia Clinic (PAC)"); a hospital, a college or a bureau is one.
    plain = all(w in GENERIC or lex.clinical(w) or lex.known(w) for w in folded)
    if plain and not any(w in _ONE_OF_A_KIND for w in folded):
        return False
    # Its first word capitalised (a foreign name keeps its other words small: "Ligue française
    # contre la sclérose en plaques").
    return words[0][:1].isupper()


# Last words of a hospital's short name ("Airedale General", "Mercy Memorial").
_HOSPITAL_SHORT_LAST = frozenset({"general", "memorial", "infirmary", "royal", "district"})


def _hospital_short_form(initials: str, words: list[str], lex: Lexicon) -> int | None:
    """Which word begins a hospital's name written without its "Hospital", where the initials
    spell it and an "H" after ("Airedale General (AGH)"), or None: every word capitalised, no
    clinical word, and a proper name among them or a hospital's last word."""
    if not initials.endswith("H") or not initials.isupper() or len(initials) < 3:
        return None
    first = _spelled_from(initials[:-1], words)
    if first is None:
        return None
    tail = words[first:]
    folded = [fold(w.rstrip(".,'’").removesuffix("'s").removesuffix("’s")) for w in tail]
    if len(tail) != len(initials) - 1 or not all(w[:1].isupper() for w in tail):
        return None
    if any(lex.clinical(w) or w in TITLES or w in CALENDAR_WORDS for w in folded):
        return None
    if clinical_abbreviation(initials) or lex.clinical(initials.lower()):
        return None
    named = (
        any(not lex.known(w) or lex.name_like(w) or w in lex.places for w in folded)
        or folded[-1] in _HOSPITAL_SHORT_LAST
    )
    return first if named else None


def _initials_ok(initials: str, words: list[str], lex: Lexicon) -> bool:
    """Initials that may be an organisation's: two capitals at least, never a clinical word or a
    title; a clinical abbreviation only where the long form has a word that is no kind of
    service ("King's College London (KCL)" is no "KCl"; "Community Mental Health Team (CMHT)"
    stays)."""
    if sum(c.isupper() for c in initials) < 2:
        return False
    if lex.clinical(fold(initials)) or fold(initials) in TITLES:
        return False
    bare = initials.replace("-", "").replace("&", "")
    if clinical_abbreviation(initials) or clinical_abbreviation(bare):
        return any(
            fold(w.rstrip(".,'’").removesuffix("'s").removesuffix("’s")) not in GENERIC
            for w in words
        )
    return True


# A body whose name is part of a score, a grade or a guidance (review of round 16): "ASA grade
# II (American Society of Anesthesiologists)", "STS (Society of Thoracic Surgeons) risk score",
# "NICE (...) guidance": the clinical measure names it, no place the patient was.
_SCORE_WORDS = (
    r"(?:risk[ \t]+)?(?:score|scores|grade|grades|grading|class|classification|status|"
    r"criteria|guidance|guideline|guidelines|scale|calculator|stage|staging|physical[ \t]+status)"
)
_SCORED_AFTER = re.compile(
    # The rest of a bracket the name stands in, a bracket after it, its initials, the score.
    r"(?:[^()\n]{0,80}\))?[ \t]*(?:\([^()\n]{1,90}\)[ \t]*)?(?:[A-Z]{2,6}[ \t]+)?"
    + _SCORE_WORDS
    + r"\b",
    re.I,
)
_SCORED_BEFORE = re.compile(
    r"\b" + _SCORE_WORDS + r"[ \t]+(?:[IVX]{1,4}|\d{1,2}|[A-E])?[ \t]*\([ \t]*\Z", re.I
)


def scored_body(text: str, start: int, end: int) -> bool:
    """The body's name between ``start`` and ``end`` belongs to a score or a guidance."""
    return (
        _SCORED_AFTER.match(text, end) is not None
        or _SCORED_BEFORE.search(text, max(0, start - 40), start) is not None
    )


def defined_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """Organisations defined with their initials, long form and initials both."""
    found: list[WordSpan] = []
    for match in _BRACKETED.finditer(text):
        initials = match.group("a")
        if sum(c.isupper() for c in initials) < 2:
            continue  # "(Lab)", "(Mon)": read no further
        line = _LINE_BEFORE.search(text, max(0, match.start() - 120), match.start())
        if line is None:
            continue
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text, line.start(), match.start())]
        spans = spans[-12:]
        words = [text[s:e] for s, e in spans]
        first = _spelled_from(initials, words)
        if first is None or not _long_form_names_org(words[first:], lex):
            # Round 17: a hospital's initials end in its "H" though the text leaves the word
            # out ("Airedale General (AGH)", "Groote Schuur (GSH)").
            first = _hospital_short_form(initials, words, lex)
            if first is None:
                continue
        if not _initials_ok(initials, words[first:], lex):
            continue
        if scored_body(text, spans[first][0], match.end()):
            continue
        found.append(WordSpan("facility", spans[first][0], spans[-1][1]))
        found.append(WordSpan("facility", match.start("a"), match.end("a")))
    for match in _LONG_IN_BRACKETS.finditer(text):
        before = _INITIALS_BEFORE.search(text, max(0, match.start() - 16), match.start())
        if before is None:
            continue
        inner = [
            (m.start(), m.end()) for m in _WORD.finditer(text, match.start("l"), match.end("l"))
        ]
        words = [text[s:e] for s, e in inner]
        if not words or _spelled_from(before.group("a"), words) != 0:
            continue
        if not _long_form_names_org(words, lex) or not _initials_ok(before.group("a"), words, lex):
            continue
        if scored_body(text, before.start("a"), match.end()):
            continue
        found.append(WordSpan("facility", before.start("a"), before.end("a")))
        found.append(WordSpan("facility", inner[0][0], inner[-1][1]))
    return found


# A state's or a country's code after an organisation's name ("... Service NZ", "... Kids SA").
_REGION_CODE = re.compile(
    r"[ \t](?:NSW|VIC|Vic|QLD|Qld|SA|WA|TAS|NT|ACT|NZ|UK|SG|HK|IE|NI|USA|BC|NL|ZA|KE|NG)"
    r"(?![\w&'’-])"
)
# What a facility is called locally, quoted right after its name ("..., "the General"", "...
# ("Our Lady's")", "... ("NMH")").
_NICKNAME = re.compile(
    r"(?:,[ \t]*|[ \t]*\([ \t]*)[\"“]"
    r"(?P<n>(?:the[ \t])?[A-Z][\w'’&-]*(?:[ \t][A-Z][\w'’&-]*){0,2})[\"”]"
)
# A branch's number after a name that ends in its word for a branch ("... Legion Branch 25").
_BRANCH_WORD = re.compile(r"(?<![\w'’-])(?:Branch|Post|Lodge|Chapter|Local|Chapel)\Z")
_BRANCH_NUMBER = re.compile(r"[ \t](?:No\.?[ \t]?)?\d{1,4}(?![\w/.,:-]\d)\b")
# A state's or a region's initials after "of" ("... Specialists of WA", "VNA of WNY").
_OF_REGION = re.compile(r"[ \t]+of[ \t]+[A-Z]{2,4}(?![\w&'’-])")
# The site after "at" that says which of a name's places ("Memorial Hospital at Gulfport"): one
# or two capitalised words, after a hospital's or a centre's head.
_AT_SITE = re.compile(r"[ \t]+at[ \t]+(?P<s>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)")
_SITE_HEADS = frozenset(
    {"hospital", "hospitals", "infirmary", "hospice", "centre", "center", "hub", "clinic"}
)
_LAST = re.compile(r"(?P<w>[A-Za-z][\w'’-]*)\Z")


def grown_suffix(text: str, span: WordSpan, lex: Lexicon) -> int:
    """Where a found organisation's name ends once its region code or its site after "at" is
    read with it; its own end where neither follows."""
    end = span.end
    if span.kind not in ("facility", "name"):
        return end
    code = _REGION_CODE.match(text, end)
    if code is not None and text[span.start : span.start + 1].isupper():
        return code.end()
    numbered = _BRANCH_NUMBER.match(text, end)
    if numbered is not None and _BRANCH_WORD.search(text, max(span.start, end - 8), end):
        return numbered.end()  # "... Legion Branch 25", "... Lodge 12"
    if span.kind != "facility":
        return end
    region = _OF_REGION.match(text, end)
    if region is not None:
        return region.end()  # "Fertility Specialists of WA", "VNA of WNY"
    nickname = _NICKNAME.match(text, end)
    if nickname is not None:
        names = [fold(w.rstrip("'’")) for w in nickname.group("n").split()]
        if not any(w in TITLES or w in CALENDAR_WORDS or lex.clinical(w) for w in names):
            return nickname.end()  # "University Hospital Westport, "the General""
    last = _LAST.search(text, max(span.start, end - 30), end)
    # Round 18: or a house named with its article, a home's way ("The Pines at Linden").
    named_house = text.startswith("The ", span.start)
    if not named_house and (last is None or fold(last.group("w")) not in _SITE_HEADS):
        return end
    site = _AT_SITE.match(text, end)
    if site is None:
        return end
    words = [fold(w.rstrip("'’")) for w in site.group("s").split()]
    # A time, a person or a kind of place is no site ("at Christmas", "at Dr Lee's", "at Home").
    if any(w in CALENDAR_WORDS or w in TITLES or w in RELATIONS for w in words):
        return end
    if all(w in GENERIC or lex.clinical(w) for w in words):
        return end
    if lex.clinical(words[0]) or words[0] in GENERIC:
        return end
    return site.end()


# Initials that are no word and no clinical abbreviation, told an organisation's by the word
# beside them: a place of care in lower case after them ("QCH clinic", "UHK lab", "XYZ-lab"), a
# specialty in lower case on either side ("cardiology NHCS", "ABCH geriatrics"), or its own
# paperwork or staff after them ("CNESST dossier", "AMCU shop steward").
_CAPS = re.compile(r"[A-Z](?<![\w&'’.-].)[A-Z]{2,6}(?![\w&'’])")
_ROLE_AFTER = re.compile(
    r"(?:[ \t]+|-)(?:clinic|clinics|lab|labs|laboratory|hospital|pharmacy|surgery|hospice)\b"
    r"|[ \t]+[a-z]+(?:ology|ologies|iatrics|iatry|paedics|pedics)\b"
    # Not "claim": a condition's claim is its own ("NIHL claim").
    r"|[ \t]+(?:dossier|guarantee|shop[ \t]+steward|caseworker|case[ \t]+worker|agent|"
    r"inspector|"
    # Round 20: a carrier's or a rescue service's own trip and crew ("KLM flight", "SAMUR
    # callsign", "RNLI crew").
    r"flight|callsign|call[ \t]+sign|crew|ferry|paramedics|"
    # Session 31: a body's own people and vehicles ("CATA rep", "CSNSW truck", "GEPF liaison
    # officer", "NEPTS driver").
    r"reps?|representatives?|liaison|officers?|drivers?|escorts?|trucks?|vans?|minibus|"
    r"vehicles?|fleet)\b"
)
_SPECIALTY_BEFORE = re.compile(
    r"\b(?:[a-z]+(?:ology|iatrics|paedics|pedics)"
    # Session 31: or the kind of body the initials name ("taxi association CATA", "the
    # operator NTS", "his union NUMSA").
    r"|association|union|company|operator|contractor|employer|firm)[ \t]+\Z"
)


def acronyms_by_role(text: str, lex: Lexicon) -> list[WordSpan]:
    """Unknown initials beside a word that says they name a place of care or a body."""
    found: list[WordSpan] = []
    for match in _CAPS.finditer(text):
        # The word beside it first: most initials have none of these, and it is cheaper to
        # read than the word lists.
        if not (
            _ROLE_AFTER.match(text, match.end())
            or _SPECIALTY_BEFORE.search(text, max(0, match.start() - 24), match.start())
        ):
            continue
        word = match.group()
        bare = word.lower()
        if lex.known(bare) or lex.clinical(bare) or clinical_abbreviation(word):
            continue
        if bare in CALENDAR_WORDS or bare in TITLES or bare in lex.places:
            continue
        found.append(WordSpan("facility", match.start(), match.end()))
    return found


# A body named by plain words that one qualifier makes one of a kind: "National", "Royal",
# "Federal" or "Provincial", then up to three capitalised words ending in a facility word
# ("National Ambulance Service", "Royal Hospital", "National Coagulation Centre"): no country has
# two; and a department, ministry or office of a capitalised subject that is no clinical
# specialty ("Department of Agriculture", "Ministry of Social Development"; "Department of
# Cardiology" stays, a hospital's own department).
_QUALIFIED = re.compile(
    r"[NRFPSEW](?<![\w'’-].)(?:ational|oyal|ederal|rovincial"
    # Session 45: a region of the compass, which one body serves ("North West Ambulance
    # Service", "South Eastern Health and Social Care Trust").
    r"|(?<=[NS])(?:orth|outh)(?:[ \t-](?:East|West)|ern)?|(?<=[EW])(?:ast|est)(?:ern)?)\b"
    r"(?P<w>(?:[ \t][A-Z][\w'’-]*){1,4})"
)
_QUALIFIED_FIRST = re.compile(r"National|Royal|Federal|Provincial|North|South|East|West")
_OFFICE_OF = re.compile(
    r"[DMO](?<![\w'’-].)(?:epartment|ept\.?|inistry|ffice)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?P<w>[A-Z][\w'’-]*(?:[ \t](?:and[ \t]|&[ \t])?[A-Z][\w'’-]*){0,2})"
)
_STRONG = FACILITY_HEADS - frozenset(
    {
        "medical", "care", "health", "general", "unit", "team", "teams", "ward", "wards", "home",
        "house", "living", "memorial", "medicine", "network", "group", "dental", "wing",
    }
)  # fmt: skip
_SPECIALTY_WORD = re.compile(
    r"(?:olog(?:y|ies)|iatr(?:y|ics)|paedics|pedics|etics|ery|ics|sciences?)\Z"
)
# Subjects of a hospital's departments that are no specialty's name by their ending; the review
# of round 16 added the services a hospital runs ("Department of Occupational Therapy", "of Social
# Work", "of Spiritual Care", "of Patient Experience", "of Immunisation").
_CLINICAL_SUBJECTS = frozenset(
    {
        "clinical", "medical", "surgical", "medicine", "health", "blood", "anaesthesia", "nursing",
        "therapy", "therapies", "therapeutics", "rehabilitation", "social", "work", "chaplaincy",
        "spiritual", "pastoral", "care", "patient", "patients", "experience", "immunisation",
        "immunization", "vaccination", "nutrition", "dietetics", "dietetic", "pharmacy",
        "physiotherapy", "speech", "language", "occupational", "audiology", "podiatry",
        "radiography", "imaging", "laboratory", "pathology", "emergency", "critical",
        "palliative", "infection", "prevention", "control", "safety", "quality", "governance",
        "education", "research", "midwifery", "obstetrics", "paediatrics", "pediatrics",
    }
)  # fmt: skip
# The national health systems by name: no place a patient was ("the National Health Service").
_NATIONAL_SYSTEMS = frozenset({"health service", "health system", "health services"})
_NEXT_CAPITAL = re.compile(r"[ \t][A-Z][\w'’-]*")


def qualified_bodies(text: str, lex: Lexicon) -> list[WordSpan]:
    """Bodies named by plain words and one qualifier, and offices of a subject."""
    found: list[WordSpan] = []
    if _QUALIFIED_FIRST.search(text):
        for match in _QUALIFIED.finditer(text):
            words = match.group("w").split()
            # The name ends at its last facility word ("National Ambulance Service from ...").
            heads = [k for k, w in enumerate(words) if fold(w) in _STRONG]
            if not heads:
                continue
            last = heads[-1]
            folded = [fold(w.rstrip("'’")) for w in words[: last + 1]]
            if any(w in TITLES or w in CALENDAR_WORDS for w in folded):
                continue
            end = match.start("w")
            for _ in range(last + 1):
                nxt = _NEXT_CAPITAL.match(text, end)
                if nxt is None:  # the words were read from this match: never, but not fatal
                    break
                end = nxt.end()
            if " ".join(folded) in _NATIONAL_SYSTEMS or scored_body(text, match.start(), end):
                continue
            found.append(WordSpan("facility", match.start(), end))
    if "Department" in text or "Dept" in text or "Ministry" in text or "Office of" in text:
        for match in _OFFICE_OF.finditer(text):
            words = [fold(w) for w in match.group("w").split() if w not in ("and", "&")]
            # Any clinical or specialty word makes it a hospital's department ("Department of
            # Haematology & Blood Transfusion", "Department of Clinical Neurosciences").
            if any(
                lex.clinical(w)
                or _SPECIALTY_WORD.search(w)
                or w in TITLES
                or w in CALENDAR_WORDS
                or w in _CLINICAL_SUBJECTS
                for w in words
            ):
                continue
            if all(w in GENERIC for w in words):
                continue
            found.append(WordSpan("facility", match.start(), match.end()))
    return found


# A body named by its head and what it is for or of, in capitals ("Centre for Eye Health",
# "Institute of Liver and Biliary Sciences", "Council on Alcohol", "Society of Ireland"), with
# up to three capitalised words before the head ("Medical Bureau for Occupational Diseases").
_HEAD_FOR = re.compile(
    r"(?=[CIBFASLMTHNP])\b(?:Centre|Center|Institute|Bureau|Foundation|Association|Society|"
    r"Council|League|Alliance|Federation|Academy|Trust|Commission|"
    # Session 48: places of worship and religious bodies named the same way ("Church of the
    # Holy Name", "Parish of Preston and Districts", "Sisters of Mercy", "Shrine of Our Lady").
    r"Church|Cathedral|Chapel|Parish|Basilica|Shrine|Convent|Abbey|Temple|Synagogue|Mosque|"
    r"Sisters|"
    # Session 47: heads that also open a clinical phrase ("Hospital for MRI", "Hospice for
    # Symptom Control"): read only after "the", before no clinical word (see bodies_for).
    r"(?P<h>Campus|Hospital|Hospice|Home|Network|Institution))[ \t](?:for|of|on)[ \t](?:the[ \t])?"
    r"(?P<w>[A-Z][\w'’-]*(?:[ \t](?:(?:and|&|of)[ \t])?[A-Z][\w'’-]*){0,3})"
)
_CAPITAL_BEFORE = re.compile(r"(?<![\w'’&.-])[A-Z][\w'’-]*[ \t]\Z")
_STREET_TAILS = frozenset(
    {"st", "street", "rd", "road", "ave", "avenue", "lane", "ln", "dr", "drive", "way", "blvd"}
)


def bodies_for(text: str, lex: Lexicon) -> list[WordSpan]:
    """Bodies named by their head and what they are for, of or on."""
    found: list[WordSpan] = []
    if " for " not in text and " of " not in text and " on " not in text:
        return found
    for match in skipped_finditer(_HEAD_FOR, text):
        words = [fold(w.rstrip("'’")) for w in match.group("w").split()]
        end = match.end()
        if len(words) > 2 and words[-2] in TITLES and words[-3] in ("and", "&"):
            # Session 48: "Church of the Holy Name and Fr Keogh": the name ends before the
            # joined person.
            words = words[:-3]
            end = match.start("w") + len(" ".join(match.group("w").split()[:-3]))
        if any(w in TITLES or w in CALENDAR_WORDS or w in _STREET_TAILS for w in words):
            continue  # "Center on Maple St", "Centre for Dr Lee", "Trust of March"
        first = match.group("w").split()[0]
        if match.group("h") and (
            text[max(0, match.start() - 4) : match.start()].lower() != "the "
            or lex.clinical(words[0])
            or clinical_abbreviation(first)
            or first.isupper()
        ):
            # Only "the" names one ("at the Campus for Ageing and Vitality", "the Hospital for
            # Tropical Diseases"); "sent to Hospital for MRI", "Admitted to Hospice for Symptom
            # Control" say what the stay is for.
            continue
        start = match.start()
        for _ in range(3):
            before = _CAPITAL_BEFORE.search(text, max(0, start - 30), start)
            if before is None:
                break
            word = fold(before.group().strip())
            if word in TITLES or word in RELATIONS or word in CALENDAR_WORDS:
                break
            start = before.start()
        if scored_body(text, start, end):
            continue  # "Society of Thoracic Surgeons risk score", "ASA grade II (American ..."
        found.append(WordSpan("facility", start, end))
    return found


# A pub by its "Arms" ("The Cavendish Arms", "the Miller's Arms"): one or two capitalised words
# before it of which one is a possessive or no known word, or a capital "The" before them; arms
# of the body stay ("Both Arms", "Upper Arms").
_ARMS = re.compile(
    r"(?<![\w'’-])(?P<the>The[ \t]+)?(?P<n>[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*)?)[ \t]Arms\b"
)


# Words before "Arms" that say a body's arms, not a pub's (review of round 16).
_BODY_QUALIFIERS = frozenset(
    {
        "upper", "lower", "both", "left", "right", "his", "her", "their", "patient", "pt",
        "bilateral", "fore", "outstretched",
    }
)  # fmt: skip


def pub_names(text: str, lex: Lexicon) -> list[WordSpan]:
    """Pubs named by their "Arms"."""
    found: list[WordSpan] = []
    if "Arms" not in text:
        return found
    for match in skipped_finditer(_ARMS, text):
        words = match.group("n").split()
        bare = [fold(w.rstrip("'’").removesuffix("'s").removesuffix("’s")) for w in words]
        if any(
            lex.clinical(w) or w in TITLES or w in CALENDAR_WORDS or w in _BODY_QUALIFIERS
            for w in bare
        ):
            continue
        # A capital "The" says a name only mid-sentence ("The Upper Arms were bruised").
        the = match.group("the") is not None and not after_sentence_end(text, match.start())
        told = the or any(
            w.endswith(("'s", "’s")) or not lex.known(b) for w, b in zip(words, bare, strict=True)
        )
        if told:
            found.append(WordSpan("facility", match.start(), match.end()))
    return found


# Organisations of other languages written head first, the head no English word (the word scan
# knows the French, Spanish, Italian and German hospital heads): a congregation, a foundation, a
# laboratory, a school or an association, then its name, small joining words allowed ("NG
# Gemeente Durbanville-Noord", "Ospital ng Maynila", "Stichting De Boog", "Laboratorio Central
# Norte").
_FOREIGN_HEAD = re.compile(
    r"(?=[GKSVOPLFAEUCÉZH])(?<![\w'’-])(?P<h>Gemeente|Kerk|Stichting|Vereniging|Ospital|Paaralan|Simbahan|Laboratorio|"
    r"Laboratoire|Laboratório|Fundación|Fundação|Fondazione|Fondation|Asociación|Associação|"
    r"Associazione|Parroquia|Paroisse|Verein|Liga|Escuela|Colegio|École|Lycée|Schule|Gymnasium|"
    r"Universidad|Università|Universidade|Farmacia|Farmácia|Pharmacie|Apotheke|Apotek|Kliniek|"
    r"Ziekenhuis|Huisartsenpraktijk|Praktijk)"
    r"(?P<n>(?:[ \t](?:(?:de|del|della|degli|di|da|do|dos|das|du|des|la|le|les|los|las|ng|"
    r"van|der|den|het|voor|für|am|im|zum|zur)[ \t])*[A-ZÀ-Þ][\w'’-]*){1,4})"
)


# Words of other languages that say a kind of place, not which one ("Laboratorio Clínico",
# "Pharmacie Centrale", "Farmacia Municipal").
_FOREIGN_KINDS = frozenset(
    {
        "clinico", "clinicos", "clinica", "clinicas", "clinique", "cliniques", "medico", "medica",
        "medicos", "medicale", "medical", "medizinisches", "central", "centrale", "centrales",
        "municipal", "municipale", "general", "generale", "nacional", "nationale", "regional",
        "regionale", "provincial", "analisis", "analyses", "analisi", "biologia", "biologie",
        "biologica", "universitario", "universitaria", "universitaire", "comunal", "communale",
    }
)  # fmt: skip


def foreign_heads(text: str, lex: Lexicon) -> list[WordSpan]:
    """Organisations of other languages named after their head word."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_FOREIGN_HEAD, text):
        names = [fold(w.rstrip("'’")) for w in match.group("n").split() if w[:1].isupper()]
        if all(w in GENERIC or lex.clinical(w) or w in _FOREIGN_KINDS for w in names):
            continue  # "Laboratorio Clínico": which kind, not which one
        if any(w in TITLES or w in CALENDAR_WORDS for w in names):
            continue
        start = match.start()
        # A church's initials before it ("NG Gemeente", "AGS Kerk").
        initials = _INITIALS_BEFORE_HEAD.search(text, max(0, start - 8), start)
        if initials is not None:
            start = initials.start()
        found.append(WordSpan("facility", start, match.end()))
    return found


_INITIALS_BEFORE_HEAD = re.compile(r"(?<![\w'’-])[A-Z]{2,3}[ \t]\Z")

# Round 18: heads of Indonesian, Malay and Vietnamese organisations, written before the name
# ("Puskesmas Ngaglik", "Rumah Sakit Panti Rapih", "Yayasan Kasih Ibu", "Công ty TNHH May Hòa
# Bình", "Bệnh viện Chợ Rẫy", "chợ Bến Thành"), and the short forms of a company or a hospital
# ("PT Sinar Abadi", "CV Maju Jaya", "RSUD Sleman", "RS Bethesda"). The short forms are also
# clinical letters ("PT", "RS", "CV"): after them only capitalised words that include one no
# dictionary knows, and no given name (a physiotherapist "PT Anna Reyes" is a person).
_ASIAN_HEAD = re.compile(
    r"(?=[PRYSUKGCBNTcbnt])(?<![\w'’-])(?P<h>(?P<short>PT|CV|RS|RSUD|RSUP|RSIA|RSU)|Puskesmas|"
    r"Posyandu|Rumah[ \t]Sakit|Yayasan|Sekolah|Universitas|Gereja|Klinik|Pesantren|"
    r"[Cc]ông[ \t]ty|[Bb]ệnh[ \t]viện|BỆNH[ \t]VIỆN|[Nn]hà[ \t]thuốc|[Tt]rường|[Cc]hùa|[Cc]hợ|"
    # Round 19: a Vietnamese clinic, commune health station and health centre, and the
    # general ("Đa khoa") kind after a head ("Phòng khám Đa khoa Hoàn Mỹ Quận 8").
    r"[Pp]hòng[ \t]khám|[Tt]rạm[ \t]Y[ \t]tế|[Tt]rung[ \t]tâm[ \t]Y[ \t]tế)"
    r"(?:[ \t](?:Đa|ĐA)[ \t](?:khoa|KHOA))?"
    r"(?P<n>(?:[ \t][A-ZÀ-ÞĐƯƠẠ-Ỹ][\w'’-]*){1,4}"
    # The district's or ward's number after its word ("Quận 8", "Phường 4").
    r"(?:(?:(?<=Quận)|(?<=QUẬN)|(?<=Huyện)|(?<=HUYỆN)|(?<=Phường)|(?<=PHƯỜNG))[ \t]\d{1,3}\b)?)"
)


def asian_heads(text: str, lex: Lexicon) -> list[WordSpan]:
    """Indonesian, Malay and Vietnamese organisations named after their head word."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_ASIAN_HEAD, text):
        words = match.group("n").split()
        names = [fold(w.rstrip("'’")) for w in words]
        if all(w in GENERIC or lex.clinical(w) or w in _FOREIGN_KINDS for w in names):
            continue
        if any(w in TITLES for w in names) or names[0] in CALENDAR_WORDS:
            continue  # a calendar word inside is a word of the name ("May" is "garment")
        if match.group("short") is not None and (
            (len(words) == 1 and words[0].isupper())
            or all(lex.known(n) or w.isupper() for w, n in zip(words, names, strict=True))
            or names[0] in lex.given_names
        ):
            continue  # "PT INR 1.2", "RS Normal", "PT Anna Reyes"
        start = match.start()
        initials = _INITIALS_BEFORE_HEAD.search(text, max(0, start - 8), start)
        if initials is not None and match.group("short") is None:
            start = initials.start()  # "UPT Puskesmas Ngaglik"
        found.append(WordSpan("facility", start, match.end()))
    return found


# The employer after the job on an occupation line ("Occupation: retired welder, Harbour
# Steel; ..."): the line says a job in small letters, then the employer's capitalised words
# after its comma.
_OCCUPATION_COMMA = re.compile(
    r"(?im:^[ \t]*(?:occupation|job|employment|work)[ \t]*:)[ \t]*"
    r"(?:[a-z][\w'’/-]*[ \t]+){0,4}[a-z][\w'’/-]*,[ \t]*"
    r"(?P<n>[A-Z][\w&'’-]*(?:[ \t](?:&[ \t])?[A-Z][\w&'’.-]*){0,3})(?=[ \t]*(?:[,;(]|\.?\n|\.?\Z))"
)


def occupation_employers(text: str, lex: Lexicon) -> list[WordSpan]:
    """The employer named after the job on an occupation line."""
    found: list[WordSpan] = []
    if ":" not in text:
        return found
    for match in _OCCUPATION_COMMA.finditer(text):
        words = [fold(w.rstrip(".'’")) for w in match.group("n").split() if w != "&"]
        parts = [p for w in words for p in w.split("-")]  # "Mon-Fri"
        if any(w in TITLES or w in CALENDAR_WORDS or w in RELATIONS for w in parts):
            continue  # "Occupation: retired, Mon-Fri", "..., Dr Lee's receptionist"
        if (
            all(
                w in GENERIC or lex.clinical(w) or (lex.known(w) and not lex.name_like(w))
                for w in words
            )
            and len(words) == 1
        ):
            continue  # "Occupation: nurse, Retired": a state, not whose
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found
