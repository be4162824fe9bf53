"""Word lists for the recall-first word scan (see :mod:`medlocal.privacy.deid_words`).

The lists ship in ``resources/`` (sources and licences in ``resources/deid_NOTICES.txt``):
English words (Webster's Second, public domain), given names and surnames (1990 US Census, public
domain), places (GeoNames, CC BY 4.0), and MedLocal's own clinical words and phrases plus the
medication lists the grounding check uses (``medications.txt``, the 23,000 brand and generic
names of ``drug_names.txt`` and the FDA-listed brand names of ``drug_brands.txt``) and MedLocal's
list of product names (``deid_clinical_products.txt``: dressings, devices, brands sold outside
the US), and everyday clinical words of six European languages
(``deid_foreign_clinical.txt``). They load once per process (about 0.4 s).

The name and place lists are folded to lower-case ASCII, so every lookup folds the same way:
"Résidence" is looked up as "residence", "Sørensen" as "sorensen".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from medlocal.abbreviations import default_abbreviations
from medlocal.built_once import built_once
from medlocal.paths import resource_entries, resources_dir
from medlocal.privacy.deid_cognates import INN_ENDINGS, cognates, compound_parts
from medlocal.privacy.deid_letter_words import common_noun_ending
from medlocal.spelling import american

# Word endings that mark an ordinary or clinical word, never a name: "Diuresed", "Cholangitis",
# "Hemiarthroplasty", "Reorientation". A name list entry still wins ("Sterling", "Darling").
_WORD_ENDINGS = (
    "itis", "osis", "emia", "aemia", "ectomy", "otomy", "ostomy", "plasty", "scopy", "graphy",
    "gram", "ology", "pathy", "algia", "uria", "penia", "cytosis", "ase", "ed", "ing", "ly",
    "ation", "ations", "ness", "ment", "ments", "ical", "ically", "ous", "oid", "oma", "omas",
    "iasis", "plasia", "trophy", "plegia", "paresis", "lysis", "stasis", "genic", "ism", "isms",
    "ive", "ives", "able", "ible", "ist", "ists", "ize", "ise", "ized", "ised", "ectasis",
    "cardia", "pnea", "pnoea", "tension", "lemia", "kalemia", "natremia", "glycemia", "uric",
    "ptysis", "rrhea", "rrhoea", "rrhage", "tomy", "philia", "phobia", "megaly", "sclerosis",
    "ectasia", "algesia", "esthesia", "aesthesia", "otic", "etic", "atic", "itic", "ular",
    "ary", "ery", "ory", "ics", "ine", "ines", "globin", "cyte", "cytes", "lysin", "kinase",
    "protein", "peptide", "amide", "amic", "emic", "omic", "ytic", "micin", "exin", "ectomies",
    # Round 15: the lens, jaundice and organelle words ("Pseudophakia", "Kernicterus",
    # "Liposomal", "Autosomal") that open a list item with a capital; no name ends so.
    "phakia", "icterus", "somal",
    # Session 42: the American adjectives of a specialty ("Rheumatologic", "Neurologic",
    # "Dermatologic") that open a heading with a capital, and the movement words
    # ("Dysdiadochokinesia", "Bradykinesia") that open a line; no name ends so.
    "ologic", "kinesia",
    # Session 43 (dev39): the making of blood cells ("Dysgranulopoiesis", "Thrombopoiesis") and
    # a virus named by its family ("Parvovirus B19", "Hantavirus"), capitalised at a line's or
    # a sentence's start and before a strain's code; no name ends so.
    "poiesis", "virus",
)  # fmt: skip
# Drug-name stems (INN naming): a capitalised "Apixaban" or "Empagliflozin" is a drug.
_DRUG_STEMS = (
    "olol", "pril", "sartan", "statin", "mab", "nib", "azole", "cillin", "mycin", "floxacin",
    "cycline", "tidine", "prazole", "gliptin", "gliflozin", "parin", "xaban", "gatran",
    "dipine", "semide", "triptan", "setron", "lukast", "afil", "oxetine", "zepam", "zolam",
    "barbital", "caine", "sone", "olone", "vir", "fungin", "platin", "rubicin", "glutide",
    "tide", "profen", "fenac", "oxacin", "idine", "amine", "azine", "apine", "etine", "oxone",
    "codone", "morphone", "orphine", "terol", "tropium", "dronate", "lukast", "poetin",
    "grel", "plase", "iramine", "thiazide", "tadine", "cort", "asone", "onide", "dronic",
    "ronate", "mibi",
    # Round 15: recombinant clotting factors and their gene therapies (INN "-cog", "-cogene":
    # "eftrenonacog", "fidanacogene"); "-ogene" alone would take "Imogene".
    "nacog", "ctocog", "cogene",
)  # fmt: skip
# A medicine's salt or form, written after its name in lower case ("morphine sulfate",
# "hyoscine butylbromide", "flupentixol decanoate").
_SALTS = (
    "sulfate", "sulphate", "bromide", "chloride", "maleate", "mesylate", "mesilate", "besylate",
    "besilate", "tartrate", "succinate", "fumarate", "citrate", "acetate", "phosphate",
    "hydrate", "propionate", "furoate", "valerate", "gluconate", "lactate", "carbonate",
    "nitrate", "decanoate", "palmitate", "hyclate", "pamoate", "embonate", "stearate",
    "bicarbonate", "hydroxide", "trisilicate", "dipropionate", "xinafoate",
)  # fmt: skip
# Plurals of pathology the 1934 dictionary lacks ("mitoses", "stenoses", "anastomoses"); the
# Latin "-ae" plurals are listed in deid_clinical_terms.txt instead, as many places and
# institutions end so too ("Waianae", "Mater Misericordiae").
_LATIN_PLURALS = ("oses",)
PREFIXES = (
    "non", "pre", "post", "peri", "intra", "inter", "trans", "sub", "supra", "hyper", "hypo",
    "anti", "re", "un", "over", "under", "micro", "macro", "multi", "semi", "bi", "tri", "co",
    "de", "dis", "mis", "out", "auto", "neuro", "cardio", "gastro", "hepato", "nephro",
    "pseudo", "poly", "mono", "extra", "ultra", "endo", "retro", "para", "hemi", "pan",
    # Session 42: an immunological method or cell ("Immunoblot", "Immunofixation"); no name
    # opens so.
    "immuno",
)  # fmt: skip


# Names that end like an inflected word ("Saeed", "Ahmed", "Rasheed", "Ling", "Ying"): the bare
# ending makes a short word known only where its stem is a word (see _inflected); longer "-ing"
# words are mostly verbs of jargon ("Vaping", "Cathing").
_NAME_ENDING = re.compile(r"^(?:\w{1,5}(?:eed|med)|\w{1,2}ing)$")


# Contractions of plain English: the word before the apostrophe, and the stems English clips
# ("ca" of can't, "wo" of won't); "I" is no dictionary word of its own.
_CONTRACTION = re.compile(r"^([a-z]+?)(?:n['’]t|['’](?:m|ve|ll|re|d))$")
_CONTRACTED = frozenset({"i", "ca", "wo", "sha", "ai", "y"})
# Months and weekdays, whole and shortened: written with a capital, yet never a name.
CALENDAR_WORDS = frozenset(
    re.findall(
        r"\w+",
        "jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june"
        " july august september october november december mon tue tues wed thu thur thurs fri sat"
        " sun weds thur thurs monday tuesday wednesday thursday friday saturday sunday mondays"
        " tuesdays"
        " wednesdays thursdays fridays saturdays sundays",
    )
)

WEEKDAYS = frozenset(
    day + plural
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for plural in ("", "s")
)

# Short clinical words the abbreviation list lacks, in prescriptions, wards and plans: never a
# person's initials, a lower-case name or an organisation's acronym.
CLINICAL_SHORT = frozenset(
    {
        "nocte", "mane", "tds", "tid", "bd", "bid", "qds", "qid", "od", "om", "on", "prn", "stat",
        "mdt", "hca", "gp", "ppi", "abx", "cxr", "nbm", "npo", "ivi", "im", "sc", "sl", "po", "pr",
        "pv", "ng", "peg", "opd", "hdu", "icu", "amu", "eau", "sdec", "ed", "mau", "cdu", "ot",
        "pt", "slt", "dn", "hv", "rn", "rgn", "fwb", "pwb", "nwb", "wbat", "ivabx", "tto", "dsu",
        "acu", "bls", "ews", "csu", "fbc", "ue", "lft", "crp",
        # Shortened words of results and plans ("Hb conc 120", "rx", "obs stable").
        "conc", "obs", "rx", "dx", "hx", "sx", "tx", "fx", "ix", "mx", "cons", "resp", "temp",
        # An antigen beside its antibody ("HIV 1/2 Ag/Ab", "HBs Ag"), and silver in a dressing.
        "ag",
        # The review of round 16: services, teams, units and roles by their initials, which
        # the abbreviation vocabulary (of tests and conditions) lacks; read as a person's
        # initials ("CPN to visit", "CPN (community psychiatric nurse)") or a facility ("ENT
        # clinic", "CAMHS clinic"), they made plans unreadable.
        "ent", "cpn", "dsn", "chc", "dwp", "lpa", "camhs", "cmht", "msk", "iapt", "gdm", "scbu",
        "epau", "racpc", "mnd", "hpb", "poct", "cpet", "opat", "miu", "wic", "crht", "htt", "eip",
        "cldt", "aot", "raid", "pcn", "icb", "ccg", "cqc", "imca", "imha", "amhp", "dols", "mca",
        "mha", "cto", "cpa", "edt", "nnu", "nicu", "picu", "itu", "ccu", "sau", "gau", "pau",
        "egu", "epu", "aec", "fau", "pacu", "ooh", "utc", "ucc", "gum", "srh", "omfs", "ugi",
        "lgi", "ppci", "tww", "ahp", "acp", "tvn", "ccn", "hcsw", "rmn", "ipu", "snf", "ltc",
        "ltcf", "racf", "asc", "pls", "pals", "salt", "slp", "cmhn", "dnr", "dnacpr", "resus",
        # Walk 25: Australia's aged-care and disability services ("acat_assessment.pdf" lost
        # "acat"): the Aged Care Assessment Team or Service, the disability scheme, home care.
        "acat", "acas", "ndis", "hacc", "chsp",
        # Walk 41: walking aids ("mobilises w/ ZF" lost the Zimmer frame as a person's initials).
        "zf", "wzf", "puf", "pufs", "fww",
        # Review 44: British diagnoses, devices, plans and examinations the generated list
        # lacks; in brackets after a patient's name ("Mr Tom Jones (IHD)") they were read as
        # the hospital's initials, and a diagnosis vanished from the export.
        "ihd", "ccf", "lvf", "lrti", "urti", "arld", "nafld", "ltot", "spc", "idc", "dhs",
        "chb", "gord", "ugib", "lgib", "soob", "ivt", "ivab", "esrf", "eskd", "nfr", "nof",
        "cauti", "soboe", "ogd", "aptt", "tft", "tfts", "honk", "jvp", "hsm", "lif", "rif",
        "cdiff", "mods", "edh", "nok", "acei", "cli", "dfu", "lrtis", "utis", "ihss",
        "hfref", "hfpef", "lvsd", "ppm", "sob", "pmh", "dhx", "shx", "fhx", "hpc",
        "ttas", "ttos", "sdh", "dka", "hhs", "akis", "ivdu", "etoh", "iddm", "niddm", "t1dm",
        "t2dm", "cabg", "rta", "mva", "loc", "fof", "lll", "rll", "rml", "lul", "rul",
    }
)  # fmt: skip


def clinical_abbreviation(word: str) -> bool:
    """A clinical abbreviation in any case ("CRP", "ecg", "conc", "VTE"): the short list above,
    or one the abbreviation vocabulary explains."""
    return word.lower() in CLINICAL_SHORT or word.upper() in default_abbreviations().senses


def abbreviations_joined(word: str, lex: Lexicon) -> bool:
    """A hyphenated test or marker of clinical abbreviations and known words ("EBUS-TBNA",
    "anti-CCP", "PET-CT"), never a span of months ("Sept-Oct": "OCT" is also a scan)."""
    parts = [p for p in word.rstrip("'’").split("-") if p]
    return (
        len(parts) > 1
        and any(len(p) >= 3 for p in parts)  # "AP-HP", "NHS-FT" are organisations' initials
        and not any(p.lower() in CALENDAR_WORDS for p in parts)
        and all(clinical_abbreviation(p) or lex.known(fold(p)) for p in parts)
        and any(p.isupper() and clinical_abbreviation(p) for p in parts)  # not "Berlin-Mitte"
    )


_FOREIGN_CACHE = 50_000  # words whose readings are remembered
# Endings that make a dictionary word a clinical one, for the foreign spellings (deid_cognates).
_MEDICAL_ENDINGS = (
    "itis", "osis", "emia", "aemia", "oma", "omas", "ectomy", "otomy", "ostomy", "plasty",
    "scopy", "graphy", "gram", "pathy", "algia", "uria", "penia", "plasia", "trophy", "plegia",
    "paresis", "lysis", "stasis", "cyte", "cytes", "iasis", "ectasis", "megaly", "rrhea",
    "rrhoea", "rrhage", "cardia", "pnea", "pnoea", "ptysis", "ectomies", "ology", "ologies",
    "globin", "globulin",
    # Walk 25: a specialist ("endocrinologist", "psychiatrist"): no name ends so.
    "ologist", "iatrist",
)  # fmt: skip


# Endings of pathology and procedures that a cognate of ten letters or more may have without a
# dictionary entry (see Lexicon._clinical_cognate).
_PATHOLOGY_ENDINGS = (
    "osis", "itis", "emia", "aemia", "oma", "ectomy", "otomy", "ostomy", "plasty", "scopy",
    "graphy", "pathy", "plasia", "trophy", "megaly", "algia", "penia", "ologist", "iatrist",
)  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    english: frozenset[str]
    given_names: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    clinical_words: frozenset[str]
    clinical_phrases: re.Pattern[str]
    longest_place: int
    # Single-word product names that are no English word (dressings, devices): a capitalised
    # word right after one is a variant of the product ("Mepilex Ag", "Cutimed Siltec"), not a
    # name ("attends Marton Methodist Church" is a church).
    products: frozenset[str] = frozenset()
    # Everyday clinical words of German, Dutch, Spanish, Italian, Portuguese and French
    # (deid_foreign_clinical.txt): known words, as English ones are.
    foreign_words: frozenset[str] = frozenset()
    # Everyday words of letters from abroad that are no clinical term (labels, "Blut",
    # "Patientin"; deid_foreign_letter_words.txt): known, never clinical (no lab name owns the
    # date after "Fecha").
    letter_words: frozenset[str] = frozenset()
    # Session 56 (issue 16): words of two maintained medical spelling dictionaries that no other
    # list knows (deid_medical_dictionary.txt: brands and devices of many countries, organisms,
    # Latin anatomy, German clinical words; no eponym, name or place): known words, never
    # clinical (no such word owns the number after it), and, as the foreign clinical words, part
    # of a name only right after a title, relation, role or given name (deid_tokens.classify).
    dictionary_words: frozenset[str] = frozenset()
    # What the foreign reading found of each word (see _foreign_clinical), and what known() said:
    # a record repeats its words, and every rule asks of them.
    _foreign: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _known: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _clinical: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def clinical(self, lower: str) -> bool:
        """A word the clinical value grammar owns: listed, or shaped like a drug name or a salt
        of one ("sulfate", "butylbromide"), or a plural of pathology ("mitoses")."""
        if lower in self.clinical_words:
            return True
        # The endings are read once per word of a text (every rule asks of its words, most of
        # them no clinical word: each asking read every ending again).
        cached = self._clinical.get(lower)
        if cached is None:
            cached = (
                lower.endswith(_DRUG_STEMS)
                or (lower.startswith(("cef", "ceph")) and len(lower) > 6)  # cephalosporins
                or (lower.endswith(_SALTS) and len(lower) >= 7)
                or (lower.endswith(_LATIN_PLURALS) and len(lower) >= 7)
            )
            if len(self._clinical) > _FOREIGN_CACHE:
                self._clinical.clear()  # bounded, as the foreign readings are
            self._clinical[lower] = cached
        return cached

    def known(self, lower: str) -> bool:
        """An English or clinical word, allowing for inflection, prefixes, hyphenation and
        British spelling, or a clinical word of another European language (see
        :mod:`~medlocal.privacy.deid_cognates`)."""
        cached = self._known.get(lower)
        if cached is None:
            cached = (
                self._known_in_english(lower)
                or lower in self.foreign_words
                or lower in self.dictionary_words
                or self._foreign_clinical(lower)
                or self._letter_word(lower)
            )
            if len(self._known) > _FOREIGN_CACHE:
                self._known.clear()  # bounded, as the foreign readings are
            self._known[lower] = cached
        return cached

    def forget(self) -> None:
        """Drop the remembered readings of words (a benchmark times a record read cold)."""
        self._known.clear()
        self._foreign.clear()
        self._clinical.clear()

    def foreign_clinical(self, lower: str) -> bool:
        """A clinical word of another European language read by its English spelling
        ("Kreatinin", "Endocrinologista"; see :mod:`~medlocal.privacy.deid_cognates`)."""
        return self._foreign_clinical(lower)

    def _letter_word(self, lower: str) -> bool:
        # Walk 47b (D5): a common word of a letter from abroad, listed or by its ending
        # ("Normbereich", "Fracción"), but for a listed name or place.
        return (
            (lower in self.letter_words or common_noun_ending(lower))
            and not self.name_like(lower)
            and lower not in self.places
        )

    def _foreign_clinical(self, lower: str) -> bool:
        if not lower.isalpha() or self.name_like(lower) or lower in self.places:
            return False
        cached = self._foreign.get(lower)
        if cached is None and lower.endswith("ationen"):
            # A German plural of an English "-ation" word ("Palpitationen", "Komplikationen"):
            # no name ends so.
            cached = any(c in self.english for c in (lower[:-2], lower[:-2].replace("k", "c")))
        if cached is None and len(lower) >= 6:
            for ending, english in INN_ENDINGS:
                if lower.endswith(ending):
                    spelt = lower[: -len(ending)] + english
                    if spelt in self.clinical_words or (
                        spelt in self.english and spelt.endswith(_MEDICAL_ENDINGS)
                    ):
                        cached = True
        if cached is None:
            cached = any(self._clinical_cognate(c) for c in cognates(lower)) or any(
                # not a foreign word ("Huisarts|enpost" is an organisation's name)
                (len(first) >= 6 and self.clinical(first) and first not in self.foreign_words)
                or self.clinical(last)
                or any(self._clinical_cognate(c) for c in cognates(last))
                for first, last in compound_parts(lower)
            )
            if len(self._foreign) > _FOREIGN_CACHE:
                self._foreign.clear()  # bounded: a long session reads many words once
            self._foreign[lower] = cached
        return cached

    def _clinical_cognate(self, lower: str) -> bool:
        """A clinical word: listed, or a dictionary word with a medical ending ("stenosis",
        "anaemia", "adenocarcinoma"), not any English word ("glory", "celestine")."""
        if self.clinical(lower):
            return True
        if not lower.endswith(_MEDICAL_ENDINGS):
            return False
        if len(lower) >= 10 and lower.endswith(_PATHOLOGY_ENDINGS):
            # A long word of pathology the 1934 dictionary lacks ("exsiccosis", "adenocarcinoma",
            # "cholangiopathy"): no name reads so.
            return True
        return lower in self.english or american(lower) in self.english or self._inflected(lower)

    def _known_in_english(self, lower: str) -> bool:
        if lower in self.english or self.clinical(lower):
            return True
        if lower.endswith("s") and len(lower) > 5 and self._known_in_english(lower[:-1]):
            return True  # "statins", "stents", "corticosteroids" (known by its ending)
        contraction = _CONTRACTION.match(lower)
        if contraction and (contraction[1] in self.english or contraction[1] in _CONTRACTED):
            return True  # "I'm", "don't", "can't", "we'll", "they've"
        spelt = american(lower)
        if spelt != lower and (spelt in self.english or self._inflected(spelt)):
            return True  # "theatre", "oedema", "tumour", "programme", "haemoglobin"
        for mark in ("'s", "’s", "s'", "'", "’"):
            if lower.endswith(mark):
                return self._known_in_english(lower[: -len(mark)])
        if lower.endswith("-like") and len(lower) > 7:
            # Round 15: a likeness to an eponym ("Xyz-like blasts"): no person's name is
            # written so.
            return True
        if "-" in lower:  # "X-ray", "follow-up", "Sacubitril-valsartan"
            parts = [part for part in lower.split("-") if part]
            if all(len(part) == 1 or part in PREFIXES or self.known(part) for part in parts):
                # A word of four letters or more beside the prefix: "pre-eclampsia", not "Co-op".
                return any(len(part) >= 4 and self.known(part) for part in parts)
            # A compound ending in a clinical head ("Schlafapnoe-Syndrom", "Amiodaron-Therapie")
            # where no part is a given name.
            return (
                len(parts) > 1
                and len(parts[-1]) >= 6
                and self.clinical(parts[-1])
                and not any(part in self.given_names for part in parts)
            )
        return (
            self._inflected(lower)
            or (lower.endswith(_WORD_ENDINGS) and not _NAME_ENDING.search(lower))
            # (One test for all the prefixes first: most words open with none of them.)
            or (
                lower.startswith(PREFIXES)
                and any(
                    lower.startswith(p) and len(lower) - len(p) >= 4 and self._base(lower[len(p) :])
                    for p in PREFIXES
                )
            )
        )

    def _base(self, lower: str) -> bool:
        return lower in self.english or self.clinical(lower) or self._inflected(lower)

    def inflected(self, lower: str) -> bool:
        """An inflected form of a dictionary word ("admitted", "stopping", "arteries")."""
        return self._inflected(lower)

    def _inflected(self, lower: str) -> bool:
        for suffix, bases in (
            ("ies", ("y",)),
            ("es", ("", "e")),
            ("s", ("",)),
            ("ied", ("y",)),
            ("ed", ("", "e")),
            ("ing", ("", "e")),
            ("er", ("", "e")),
            ("ers", ("", "e")),
            ("est", ("", "e")),
        ):
            if lower.endswith(suffix) and len(lower) >= len(suffix) + 2:
                stem = lower[: -len(suffix)]
                # A base of three letters at least ("using": "use"; not "ing" from "sing").
                if any(len(stem + b) >= 3 and stem + b in self.english for b in bases):
                    return True
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in self.english:
                    return True  # "admitted", "stopping"
        return False

    def name_like(self, lower: str) -> bool:
        return lower in self.given_names or lower in self.surnames

    def multiword_place(self, words: list[str]) -> int:
        """How many of ``words`` (from the first) form a listed place of two or more words."""
        for size in range(min(self.longest_place, len(words)), 1, -1):
            if " ".join(words[:size]).lower() in self.places:
                return size
        return 0


# "ø", "ł", "đ", "æ", "ß" do not decompose into a letter and a mark: mapped by hand.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "ß": "ss", "œ": "oe"}  # "manœuvre" as "manoeuvre"
)


def fold(word: str) -> str:
    """Lower-case ASCII, as the shipped lists are written ("Sørensen" -> "sorensen")."""
    lower = word.lower()
    if lower.isascii():
        return lower
    lower = lower.translate(_UNDECOMPOSED)
    return unicodedata.normalize("NFKD", lower).encode("ascii", "ignore").decode()


def _drug_words(path: Path, names: frozenset[str]) -> set[str]:
    """Single-word brand and generic names from drug_names.txt ("variant<TAB>generic|..."). A
    variant that is also a listed given name or surname ("Allegra", "Kendrick") is left out:
    as a safe word it would let that person's name through."""
    words: set[str] = set()
    for line in read_list(path):
        variant, _, generics = line.partition("\t")
        for word in (variant, *generics.split("|")):
            word = word.strip().lower()
            if len(word) >= 4 and word.isalpha() and word not in names:
                words.add(word)
    return words


def _generic_name_parts(path: Path, excluded: frozenset[str]) -> set[str]:
    """The single words of multi-word generic names in drug_names.txt ("cyclosilicate" of
    "sodium zirconium cyclosilicate"): five letters or more, and not ``excluded`` (listed names
    and places, and English words, which are known already: as clinical words an English
    "dose" or "form" would own the number after it)."""
    words: set[str] = set()
    for line in read_list(path):
        for generic in line.partition("\t")[2].split("|"):
            parts = re.split(r"[\s,/-]+", generic.strip().lower())
            if len(parts) < 2:
                continue
            words.update(p for p in parts if len(p) >= 5 and p.isalpha() and p not in excluded)
    return words


# Store brands among the FDA's proprietary names are the names of pharmacies and supermarkets,
# which are facility names in a note ("picked up at Meijer"), never safe words.
_RETAILERS = frozenset(
    {
        "meijer", "safeway", "shopko", "shoprite", "walgreens", "topcare", "sunmark", "goodsense",
        "healthmart", "freds", "kroger", "cvs", "walmart", "equate", "careone", "publix", "target",
    }
)  # fmt: skip


def _brand_words(path: Path, names: frozenset[str]) -> set[str]:
    """Single-word brand names with at least one FDA NDC listing from drug_brands.txt
    ("name<TAB>generics<TAB>listings": "lexiscan", "datscan"); a brand that is also a listed
    given name, surname or place is left out, as in _drug_words. (Round 16 took the 4,000
    brands with no listing too; the review found given names among them that the census lists
    do not hold, "Xing", "Ceci", "Zenas", kept after "husband" and "Mother:". Brands sold
    outside the US are listed by hand, reviewed, in deid_clinical_products.txt.)"""
    words: set[str] = set()
    excluded = names | _RETAILERS  # once: a union per line cost seconds
    for line in read_list(path):
        fields = line.split("\t")
        if len(fields) < 3 or not fields[2].isdigit() or int(fields[2]) < 1:
            continue
        word = fields[0].strip().lower()
        if len(word) >= 4 and word.isalpha() and word not in excluded:
            words.add(word)
    return words


def _trie_pattern(phrases: set[str]) -> str:
    """One regular expression for many phrases, factored by their common beginnings ("charles
    bonnet" and "charcot foot" share "char"). Round 16: a flat alternation of some 800 phrases
    tried each at every letter of a record (0.08 s on twenty pages); the factored one tries one
    branch per letter. At each letter the longer phrases are tried first and the end of a
    shorter one last, so the longest listed phrase still wins, as the flat list sorted by length
    did."""
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _node_pattern(root)


_Trie = dict[str, "_Trie"]

# Round 17: the space between a phrase's words is any run of blanks or one line break with the
# blanks around it, so a phrase hard-wrapped at the margin ("Glasgow Coma\nScale") or set with
# wide spaces reads as on one line. A blank line still ends it (a new paragraph). The common
# single space is tried first, at one character's cost.
_BLANK = r"(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"


def _node_pattern(node: _Trie) -> str:
    branches = [
        (_BLANK if char == " " else re.escape(char)) + _node_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"


# The entries of a word list of resources/ (the name the de-identification modules use).
read_list = resource_entries


# The irregular past forms of English verbs, and the plurals and forms the 1934 dictionary lists
# under their headword only ("began", "held", "has"): a capital at a sentence's start
# made those names ("Began Abbott ..." read as one), and the verbs open a sentence before a name
# (deid_tokens.sentence_verb: "Took Grace to clinic"). Not "women": unknown, it is what makes
# "Women's Hospital" a hospital's name (two held-out identifiers were lost with it).
IRREGULAR_FORMS = frozenset(
    {
        "arose", "arisen", "awoke", "awoken", "was", "were", "been", "bore", "borne", "beat",
        "beaten", "became", "become", "began", "begun", "bent", "bet", "bid", "bit", "bitten",
        "bled", "blew", "blown", "broke", "broken", "bred", "brought", "built", "burnt", "burst",
        "bought", "cast", "caught", "chose", "chosen", "clung", "came", "cost", "crept", "cut",
        "dealt", "dug", "did", "done", "drew", "drawn", "dreamt", "drank", "drunk", "drove",
        "driven", "ate", "eaten", "fell", "fallen", "fed", "felt", "fought", "found", "fled",
        "flung", "flew", "flown", "forbade", "forbidden", "forgot", "forgotten", "forgave",
        "forgiven", "froze", "frozen", "got", "gotten", "gave", "given", "went", "gone", "ground",
        "grew", "grown", "hung", "had", "has", "heard", "hid", "hidden", "hit", "held", "hurt",
        "kept", "knelt", "knew", "known", "laid", "led", "leant", "leapt", "learnt", "left",
        "lent", "let", "lay", "lain", "lit", "lost", "made", "meant", "met", "mistook", "mistaken",
        "paid", "proved", "proven", "put", "quit", "read", "rode", "ridden", "rang", "rung",
        "rose", "risen", "ran", "said", "saw", "seen", "sought", "sold", "sent", "set", "sewn",
        "shook", "shaken", "shed", "shone", "shot", "shown", "shrank", "shrunk", "shut", "sang",
        "sung", "sank", "sunk", "sat", "slept", "slid", "slung", "slit", "smelt", "spoke",
        "spoken", "sped", "spelt", "spent", "spilt", "spun", "spat", "split", "spread", "sprang",
        "sprung", "stood", "stole", "stolen", "stuck", "stung", "stank", "struck", "strung",
        "strove", "swore", "sworn", "swept", "swam", "swum", "swung", "took", "taken", "taught",
        "tore", "torn", "told", "thought", "threw", "thrown", "thrust", "trod", "trodden",
        "understood", "underwent", "undergone", "undertook", "undertaken", "upset", "woke",
        "woken", "wore", "worn", "wove", "woven", "wept", "won", "wound", "withdrew", "withdrawn",
        "wrote", "written", "overslept", "overtook", "overtaken", "overrode", "overridden",
        "undid", "undone", "mislaid", "misheard", "misread", "outgrew", "outgrown", "rebuilt",
        "retook", "retaken", "reran", "feet", "emboli", "thrombi",
    }
)  # fmt: skip


@built_once
def lexicon() -> Lexicon:
    """The shipped word lists, loaded once."""
    return build_lexicon(resources_dir())


def build_lexicon(
    folder: Path,
    *,
    icd_terms: bool = True,
    vocab_terms: bool = True,
    medical_dictionary: bool = True,
    faker_surnames: bool = True,
) -> Lexicon:
    """The word lists of ``folder``; without ICD-10-CM's words and phrases where ``icd_terms``
    is false (tools/build_icd_terms.py builds that list against the others), without the
    Disease Ontology's and ICD-10-PCS's where ``vocab_terms`` is false
    (tools/build_vocab_terms.py builds that list against all the others), and without the
    medical spelling dictionaries' words where ``medical_dictionary`` is false
    (tools/build_medical_dictionary.py builds that list against all the others), and without
    the surnames of Faker's African and Asian locales where ``faker_surnames`` is false
    (tools/build_world_surnames.py builds that list against all the others)."""
    terms = read_list(folder / "deid_clinical_terms.txt") + read_list(folder / "medications.txt")
    if icd_terms:
        # Session 41 (issue 16): ICD-10-CM's clinical words and eponym phrases ("asterixis",
        # "marburg virus"), filtered against the name and place lists when built.
        terms += read_list(folder / "deid_icd_terms.txt")
    if vocab_terms:
        # Session 44 (issue 16): the same reading of the Disease Ontology's disease names and
        # the ICD-10-PCS index ("nephronophthisis", "stargardt disease", "stensen duct").
        terms += read_list(folder / "deid_vocab_terms.txt")
    # The US Census lists, and names of many other cultures they lack (thirteenth round).
    given = frozenset(
        read_list(folder / "deid_given_names.txt")
        + read_list(folder / "deid_world_given_names.txt")
    )
    surnames = frozenset(
        read_list(folder / "deid_surnames.txt") + read_list(folder / "deid_world_surnames.txt")
    )
    if faker_surnames and (folder / "deid_faker_surnames.txt").exists():
        # Session 57 (deid57b): surnames of Faker's African and Asian locales, built against
        # the lists here (tools/build_world_surnames.py: no drug, clinical or English word).
        surnames |= frozenset(read_list(folder / "deid_faker_surnames.txt"))
    places = frozenset(read_list(folder / "deid_places.txt"))
    # Built once: a union of these lists inside a loop once made the first load take 14 s.
    listed = given | surnames | places
    drugs = _drug_words(folder / "drug_names.txt", listed)
    drugs |= _brand_words(folder / "drug_brands.txt", listed)
    # Product names (dressings, devices, brands sold outside the US): a single word that is
    # also a listed name or place is left out ("Baxter", "Exeter"); phrases are kept whole.
    products = [t.lower() for t in read_list(folder / "deid_clinical_products.txt")]
    terms += [t for t in products if " " in t or t not in listed]
    english = frozenset(read_list(folder / "deid_english_words.txt")) | IRREGULAR_FORMS
    # Walk 41: "cyclosilicate" was unknown, a name where a line typed in lower case was re-cased.
    drugs |= _generic_name_parts(folder / "drug_names.txt", listed | english)
    # Everyday clinical words of six European languages (fourteenth round), but for those that
    # are also a listed name or place, or an English word (an English "dose" stays no lab name
    # that owns the number after it: "last dose 16/4" is a date).
    foreign = frozenset(read_list(folder / "deid_foreign_clinical.txt")) - listed - english
    words = frozenset({t.lower() for t in terms if " " not in t} | drugs | foreign)
    # Letters from abroad (session 47): phrases of the list are clinical phrases ("fecha de
    # alta": "Alta" is a listed given name and place, never taken inside them), its single
    # words known words.
    letter = read_list(folder / "deid_foreign_letter_words.txt")
    phrases = {t.lower() for t in terms + letter if " " in t}
    phrase_re = re.compile(r"(?<![\w'’-])(?:" + _trie_pattern(phrases) + r")(?![\w-])", re.I)
    dictionary: frozenset[str] = frozenset()
    if medical_dictionary and (folder / "deid_medical_dictionary.txt").exists():
        # Built against the lists above; taken against them again, so a name or place added to
        # them later is never a safe word through this list.
        dictionary = frozenset(read_list(folder / "deid_medical_dictionary.txt")) - listed - english
    return Lexicon(
        english=english,
        given_names=given,
        surnames=surnames,
        places=places,
        clinical_words=words,
        clinical_phrases=phrase_re,
        longest_place=max(len(p.split()) for p in places),
        foreign_words=foreign,
        letter_words=frozenset(t for t in letter if " " not in t) - listed - english,
        dictionary_words=dictionary,
        products=frozenset(
            t for t in products if " " not in t and t not in listed and t not in english
        ),
    )
