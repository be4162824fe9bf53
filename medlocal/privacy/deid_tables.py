"""Columns of a table (eleventh round): in a table exported with pipes or tabs, the header says
what its cells are. A cell under "requesting", "prescriber", "by", "witness", "surname" or
"given" is a person ("HOLLOWAY R", "ALVARADO, T", "LH") whatever its words are; one under
"city", "suburb" or "address" a place; one under "practice", "pharmacy", "employer" or "school"
an organisation. A header that names a drug, test, site or ward ("drug name", "test", "site")
says nothing of people, and a cell that is a number, a dash, a role or plain words stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_tokens import WordSpan

_PERSON_WORDS = frozenset(
    re.findall(
        r"\w+",
        "name surname forename given firstname lastname requesting requester requested"
        " prescriber prescribed clinician doctor consultant physician nurse by signed sign"
        " signature initials witness witnessed author reporter reported verified authorised"
        " authorized checked entered recorded administered performed operator provider attending"
        " referrer referred carer relative nok kin resident client staff gp midwife surgeon"
        " anaesthetist anesthetist counter cosigned countersigned mrp rounding keyworker"
        " caseworker therapist physio pharmacist dentist podiatrist optometrist dietitian"
        " radiographer sonographer",
    )
)
# A specialist's column names its doctor ("Nephrologist", "Paediatrician", "Psychiatrist").
_SPECIALIST = re.compile(r"[a-z]+(?:ologist|iatrist|ician)")
# Words that name a column of people only as its last word, its head ("Patient", "Patient
# name", "Cons"; not "Patient group", "Patient factors", "Pros | Cons" beside "Pros").
_HEAD_PERSON_WORDS = frozenset({"patient", "pt", "cons", "name"})
# Header words that make a column something else than people ("drug name", "test", "site").
_NOT_PEOPLE = frozenset(
    re.findall(
        r"\w+",
        "drug medication medicine med item product test analyte investigation procedure"
        " diagnosis condition problem vaccine brand ward unit room bed site route dose frequency"
        " result value units flag code specimen sample device lot batch allergy reaction"
        " organism antibiotic file document study scan form status type",
    )
)
# Columns that hold nothing but names, and what a "by" column may hold that is no person.
_OWN_NAME = "name!"
_SIGNER = "signer!"
_SIGNING = frozenset(
    re.findall(
        r"\w+",
        "by signed sign signature initials witness witnessed checked cosigned countersigned"
        " administered given entered recorded verified authorised authorized",
    )
)
_STAFF_COLUMNS = frozenset({"nurse", "midwife", "keyworker", "carer", "hca", "cn", "nic"})
_OWN_NAME_WORDS = frozenset({"surname", "forename", "forenames", "firstname", "lastname"})
_NOT_A_PERSON = frozenset(
    re.findall(
        r"\w+",
        "not no none agency team staff day night district ward nurse nurses doctor doctors self"
        " patient pharmacy carer carers family relative bank locum duty student on call oncall"
        " theatre recovery unit parent mother father mum dad community",
    )
)
_PLACE_KINDS = {
    "city": "location", "town": "location", "suburb": "location", "village": "location",
    "locality": "location", "county": "county", "address": "street_address",
    "street": "street_address",
}  # fmt: skip
_ORG_WORDS = frozenset(
    {
        "facility",
        "hospital",
        "practice",
        "clinic",
        "pharmacy",
        "employer",
        "school",
        "laboratory",
        "lab",
        "organisation",
        "organization",
        "agency",
        "surgery",
        "provider",
    }
)
_MEDICINES = re.compile(r"(?i)\b(?:dose|route|frequency|strength|medication|drug|formulation)\b")
_EMPTY = frozenset({"", "-", "—", "–", "n/a", "na", "nil", "none", "?", "unknown", "self"})
# A header line: short labels of letters ("prescriber (DEA)", "Rx #", "by"), no "=" or numbers;
# a digit after a letter may stand in one ("PO4 mmol/L", "SpO2").
_LABEL = re.compile(r"[A-Za-z](?:[A-Za-z /().#&'’-]|(?<=[A-Za-z])\d(?!\d)){0,40}")
_TITLE = re.compile(r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Sister|Nurse)\.?[ \t]+(?=\S)")
_CREDENTIAL = re.compile(r",?[ \t]+(?:RN|RM|EN|HCA|MD|DO|NP|PA|CNS|RGN|RMN|ANP|PharmD|RPh)\.?$")
_ADDRESS_ROW = re.compile(
    r"^[ \t]*(?i:addr(?:ess)?|home[ \t]+address|residence|addr[ \t]+on[ \t]+file|"
    r"address[ \t]+on[ \t]+file)[ \t]*:?[ \t]*\|(?P<cells>[^\n]*)$",
    re.M,
)
_OTHER_LABEL = re.compile(
    r"(?i:nok|next[ \t]+of[ \t]+kin|age|tel|ph|phone|mob|mobile|email|dob|gp|fax|edi)\b"
)
_RULE = re.compile(r"[\s|:+=-]*")  # a line of dashes under a header
# An age cell over 89, perhaps with its unit and sex ("93", "97y", "92 F", "101/M").
# The words of a patient's age column ("Age", "Age (y)", "Age/Sex"); not "Age group", "Age
# band" or "Age of lesion (days)".
_AGE_HEADER = frozenset({"age", "y", "yo", "yr", "yrs", "year", "years", "sex", "gender"})
_AGE_CELL = re.compile(
    r"(?P<age>9\d|1[01]\d)(?:[ \t]*(?:y|yo|yrs?|years?))?(?:[ \t]*/?[ \t]*[MFmf])?$"
)
_BRACKETED = re.compile(r"\([^)]*\)")


def table_cells(text: str, lex: Lexicon) -> list[WordSpan]:
    """The names, places and organisations in the columns of ``text``'s tables."""
    found = [WordSpan("street_address", a, b) for a, b in _address_rows(text)]
    for header, rows in _tables(text):
        kinds = [_column_kind(label) for label in header]
        if any(label.strip().lower() == "pros" for label in header):
            # "Pros | Cons": the drawbacks of a choice, not the consultants.
            kinds = [
                None if label.strip().lower() == "cons" else k
                for label, k in zip(header, kinds, strict=True)
            ]
        if _MEDICINES.search(" ".join(header)):
            # "Name | Dose | Route": the name is the medicine's.
            kinds = [
                None if label.strip().lower() == "name" else k
                for label, k in zip(header, kinds, strict=True)
            ]
        if not any(kinds):
            continue
        if _key_value(header, rows, text):
            found += _field_cells(rows, text, lex)
            continue
        # Under "by", "signed" or "witness" two capitals are initials even where they also
        # abbreviate something ("LH"); elsewhere "ENT", "VTE" are what they abbreviate.
        # Thirteenth round: so are those under a column of nurses or keyworkers ("Named nurse":
        # "CR"), which no specialty or test heads.
        kinds = [
            _SIGNER
            if k == "name"
            and (_SIGNING | _STAFF_COLUMNS) & set(re.findall(r"[a-z]+", label.lower()))
            else k
            for label, k in zip(header, kinds, strict=True)
        ]
        for row in rows:
            for (start, end), kind in zip(row, kinds, strict=False):
                if kind is None:
                    continue
                cell = text[start:end]
                value = cell.strip()
                left = start + len(cell) - len(cell.lstrip())
                if kind == "age_over_89":
                    age = _AGE_CELL.match(value)
                    if age is not None:
                        found.append(WordSpan(kind, left, left + age.end("age")))
                    continue
                if kind in ("name", _OWN_NAME, _SIGNER):
                    # A title or a credential stays in view ("Dr C.K. Foo", "Tamika Rowe, RN").
                    title = _TITLE.match(value)
                    if title is not None:
                        left, value = left + title.end(), value[title.end() :]
                    value = _CREDENTIAL.sub("", value)
                if _identifies(value, kind, lex):
                    label = "name" if kind in (_OWN_NAME, _SIGNER) else kind
                    found.append(WordSpan(label, left, left + len(value)))
    return found


# Labels of a form's rows that name no kind of column here ("DOB", "Sex", "Phone").
_ROW_LABELS = frozenset(
    {
        "dob", "d.o.b.", "d.o.b", "date of birth", "born", "sex", "gender", "age", "phone",
        "tel", "telephone", "mobile", "email", "e-mail", "mrn", "nhs number", "nhs no",
        "hospital number", "ward", "bed", "room", "allergies", "diagnosis", "religion",
        "language", "occupation", "marital status", "ethnicity", "nationality", "id", "status",
        "date", "admitted", "discharged", "weight", "height", "blood group",
    }
)  # fmt: skip


def _key_value(header: list[str], rows: list[list[tuple[int, int]]], text: str) -> bool:
    """Whether a table is a form's list of fields, a label then its value on each line ("| Name
    | John Smith |", "| DOB | 02/03/1950 |"): its first line is no header, and the labels below
    the first are no names (walk 22's table read "DOB" as a name under "Name")."""
    first = next((i for i, label in enumerate(header) if label), None)
    if first is None or not rows:
        return False
    labels = 0
    for row in rows:
        if first < len(row):
            start, end = row[first]
            value = text[start:end].strip().rstrip(":").strip().lower()
            labels += bool(value) and (value in _ROW_LABELS or _column_kind(value) is not None)
    return labels * 2 >= len(rows)


def _field_cells(rows: list[list[tuple[int, int]]], text: str, lex: Lexicon) -> list[WordSpan]:
    """In a form's list of fields, the values on a line whose label names a person, a place or
    an organisation ("| Carer | Al Po |")."""
    found: list[WordSpan] = []
    for row in rows:
        cells = [(start, end) for start, end in row if text[start:end].strip()]
        if len(cells) < 2:
            continue
        kind = _column_kind(text[cells[0][0] : cells[0][1]].strip().rstrip(":"))
        if kind is None or kind == "age_over_89":
            continue
        start, end = cells[1]
        cell = text[start:end]
        value = _CREDENTIAL.sub("", cell.strip())
        left = start + len(cell) - len(cell.lstrip())
        title = _TITLE.match(value)
        if title is not None:
            left, value = left + title.end(), value[title.end() :]
        if _identifies(value, kind, lex):
            label = "name" if kind in (_OWN_NAME, _SIGNER) else kind
            found.append(WordSpan(label, left, left + len(value)))
    return found


def _address_rows(text: str) -> Iterator[tuple[int, int]]:
    """The cells after an address label that opens a row ("addr on file|17B Kowhai|Otangarei|
    Whangarei|0112"), up to a cell that opens with another label ("NOK ...", "age 98")."""
    for match in _ADDRESS_ROW.finditer(text):
        start = match.start("cells")
        for cell in match.group("cells").split("|"):
            value = cell.strip()
            if _OTHER_LABEL.match(value):
                break
            if any(c.isalnum() for c in value):
                left = start + len(cell) - len(cell.lstrip())
                yield left, left + len(value)
            start += len(cell) + 1


def _tables(text: str, tabs: int = 2) -> Iterator[tuple[list[str], list[list[tuple[int, int]]]]]:
    """Each table's header labels and its rows' cell offsets: in a run of lines split the same
    way by pipes or tabs, a line of labels only is a header, and the rows after it with as many
    cells are its rows ("EXPORT v3 | site=... | user=..." above a header is neither)."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    header: list[str] = []
    rows: list[list[tuple[int, int]]] = []
    sep: str | None = None
    for start, line in lines:
        line_sep = _separator(line, tabs)
        if line_sep != sep or line_sep is None:
            if header and rows:
                yield header, rows
            header, rows, sep = [], [], line_sep
            if line_sep is None:
                continue
        assert sep is not None
        cells = [part for _, part in _split(line, sep)]
        labels = [c.strip() for c in cells]
        label_like = (
            all(not c or _LABEL.fullmatch(c) for c in labels) and sum(map(bool, labels)) >= 2
        )
        # A row of names looks like labels too ("Baker | Hill"): a header names its columns.
        if label_like and (
            not header or len(cells) != len(header) or any(map(_column_kind, labels))
        ):
            if header and rows:
                yield header, rows
            header, rows = [c.strip() for c in cells], []
        elif header and abs(len(cells) - len(header)) <= 2 and not _RULE.fullmatch(line):
            rows.append(_aligned(_cells(start, line, sep), len(header)))
    if header and rows:
        yield header, rows


# The tables themselves, for the rules that read a column's dates (deid_table_dates).
def table_rows(text: str) -> Iterator[tuple[list[str], list[list[tuple[int, int]]]]]:
    """Each table's header labels and its rows' cell offsets (see _tables); a line with one tab
    is a row too ("Date<TAB>Result": a column of dates needs its header, which this reading
    asks for)."""
    return _tables(text, tabs=1)


def _separator(line: str, tabs: int = 2) -> str | None:
    if line.count("|") >= 1:
        return "|"  # two columns have one pipe ("Surname | Forename")
    if line.count("\t") >= tabs:
        return "\t"
    if line.count(",") >= 3 and len(_CSV_COMMA.findall(line)) >= 3:
        return ","  # an export's comma-separated line ("Bed,Name,CHI,Age"); prose puts spaces
    return None


# Thirteenth round: comma-separated exports (ward census, lists), where a cell in double quotes
# may hold commas ('3,"BAIN, Isa",95'). A comma that no space follows separates cells.
_CSV_COMMA = re.compile(r",(?=\S)")
_CSV_CELL = re.compile(r'[ \t]*"(?P<q>(?:[^"\n]|"")*)"[ \t]*(?=,|$)|(?P<u>[^,\n]*)')


def _split(line: str, sep: str) -> list[tuple[int, str]]:
    """A line's cells and their offsets in it; a quoted CSV cell without its quotes."""
    if sep != ",":
        out: list[tuple[int, str]] = []
        pos = 0
        for part in line.split(sep):
            out.append((pos, part))
            pos += len(part) + 1
        return out
    cells: list[tuple[int, str]] = []
    pos = 0
    while pos <= len(line):
        match = _CSV_CELL.match(line, pos)
        assert match is not None  # the unquoted branch matches the empty string
        group = "q" if match.group("q") is not None else "u"
        cells.append((match.start(group), match.group(group)))
        pos = match.end() + 1  # past the comma
    return cells


def _cells(start: int, line: str, sep: str) -> list[tuple[int, int]]:
    return [(start + at, start + at + len(part)) for at, part in _split(line, sep)]


def _aligned(cells: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """A row's cells under the header's columns: a row a cell or two short or long (an empty
    value dropped, "eGFR|48 mL/min|L|HOLLOWAY R|WK26") keeps its first half under the first
    columns and its second half under the last ones."""
    if len(cells) == width:
        return cells
    half = width // 2
    empty = (0, 0)
    left = cells[:half]
    right = cells[len(cells) - (width - half) :] if width - half <= len(cells) else cells
    row = left + [empty] * (half - len(left)) + right
    return row[:width]


def _column_kind(label: str) -> str | None:
    words = re.findall(r"[a-z]+", _BRACKETED.sub(" ", label.lower()))
    if not words or any(w in _NOT_PEOPLE for w in words):
        return None
    for word in words:
        if word in _PLACE_KINDS:
            return _PLACE_KINDS[word]
    if any(w in _ORG_WORDS for w in words):
        return "facility"
    if any(w in _OWN_NAME_WORDS for w in words):
        return _OWN_NAME  # "Surname", "Forename": every word there is a name, "Marsh" too
    if any(w in _PERSON_WORDS or _SPECIALIST.fullmatch(w) for w in words):
        return "name"
    if words[-1] in _HEAD_PERSON_WORDS and not (set(words) & {"group", "factors", "pros"}):
        return "name"
    # The bracket's unit counts here: "Age (wk)" or "Age (months)" holds no years (review62d).
    if words[0] == "age" and set(re.findall(r"[a-z]+", label.lower())) <= _AGE_HEADER:
        return "age_over_89"  # "Age", "Age (y)", "Age/Sex": a cell of 90 or more
    return None


def _identifies(value: str, kind: str, lex: Lexicon) -> bool:
    """A cell that can be what its column holds: letters, not a placeholder, a role, a title or
    plain words; a person's cell without digits outside brackets ("ALVARADO, T (BA4418827)")."""
    if value.lower() in _EMPTY or not any(c.isalpha() for c in value):
        return False
    if kind == _OWN_NAME:
        return not any(c.isdigit() for c in value)
    bare = _BRACKETED.sub(" ", value)
    words = [fold(w) for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", bare)]
    if not words:
        return False
    if kind in ("name", _SIGNER):
        if any(c.isdigit() for c in bare):
            return False  # a time, a dose or a count, not who
        if all(w in CLINICAL_SHORT | ROLES | TITLES for w in words) or any(
            w in _NOT_A_PERSON for w in words
        ):
            return False  # "RN", "Agency nurse", "Not given", "Day team", "Ward" ("Ng" is a name)
        short = bare.strip()
        if short.isupper() and len(short) <= 4:
            # Initials ("LH", "BK"); not one letter ("Y", "H") or an abbreviation ("ENT", "VTE").
            return len(short) > 1 and (kind == _SIGNER or not clinical_abbreviation(short))
    return not all(
        (lex.known(w) and not lex.name_like(w) and w not in lex.places) or lex.clinical(w)
        for w in words
    )
