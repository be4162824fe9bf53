"""Numbers that are a reference range's limits, not results: "Creatinine 98 umol/L (45-84)",
"a target range of 2.0 to 3.0", "target <360", "the 5.1 cut-off"."""

from __future__ import annotations

import re

from medlocal.rag.range_cells import standalone_range_limits
from medlocal.values import writes_decimal_commas

# A range given as a result's reference ("Creatinine 98 umol/L (45-84)", "138 [135-145]",
# "ALT | 142 U/L | 7-56", "INR 3.6 (target 2.0-3.0)") or named as one ("a target range of 2.0
# to 3.0"); a single limit named so ("target <360", "a target of under 360").
# A limit's number as a text that writes its decimals with a point reads it, and as one that
# writes them with a comma does ("Kalium 5,9 mmol/l (3,5-5,1)", "(< 5,0)"): one or two figures
# after the comma, as medlocal/values.py reads a decimal comma; a thousands group has three
# ("1,200-1,500" is no range of decimals).
POINT_NUMBER = r"\d+(?:\.\d+)?"
COMMA_NUMBER = r"\d+(?:\.\d+|,\d{1,2}(?!\d|,\d))?"


def _range_pattern(number: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<lo>{number})\s*(?:-|–|to)\s*(?P<hi>{number})"
        r"|(?:[<>≤≥]=?|\bunder\b|\bbelow\b|\bover\b|\babove\b|less than|more than)\s*"
        rf"(?P<limit>{number})",
        re.I,
    )


_RANGE = _range_pattern(POINT_NUMBER)
_RANGE_WITH_COMMAS = _range_pattern(COMMA_NUMBER)
# What the lab reports of other European languages call the reference range before it:
# German "(Referenz 3,5-5,1)", "Normbereich", "Ref.-Bereich", "Normwerte"; French "Réf.",
# "valeurs de référence", "VN"; Spanish and Portuguese "valores de referencia", "VR"; Italian
# "valori di riferimento", "v.r."; Dutch "referentiewaarden", "normaalwaarde". Every name here
# is read only right before a range ("Norm" too); Italian "rif." is left out ("Rif" is
# rifampicin in TB notes).
_LONG_RANGE_NAMES = (
    r"(?:referenz(?:bereiche?|werte?|intervalle?)?|ref\.?-?\s?bereiche?"
    r"|norm(?:al)?(?:bereiche?|werte?)|norm|r[ée]f[ée]rences?|r[ée]f\.?|riferimento|referenti(?:e|ewaarden?)"
    r"|normaalwaarden?|(?:valeurs?|valor(?:es)?|valori)\s+(?:de\s+r[ée]f[ée]rences?"
    r"|de\s+refer[eê]ncia|di\s+riferimento|normales?|normais|normali|usuelles)"
    r"|(?:rango|intervalo|intervallo|intervalle)\s+(?:de\s+referencia|de\s+refer[eê]ncia"
    r"|di\s+riferimento|de\s+r[ée]f[ée]rence|normal)"
    r")"
)
# "VR", "VN", "v.r." are English words too: the ventricular rate ("atrial fibrillation with VR
# 110-130 bpm") and the visiting nurse ("Seen by VN 2-3 times weekly"; review 49 R3). They name
# a reference range only in a bracket ("(VR 36-46)") or with a colon ("VR: 3,5-5,1"), and never
# before a rate or a count ("VR: 110-130 bpm", "VN: 2-3 times weekly").
_SHORT_RANGE_NAME = r"(?:v\.\s?[rn]\.|\bv[rn]\b)"
_RATE_OR_COUNT = (
    r"(?:bpm|lpm|beats?\b|/\s?min|per\b|times\b|x\b(?!\s*10)|visits?\b|days?\b|weeks?\b)"
)
_SHORT_RANGE_NAMES = (
    rf"(?:(?<=[(\[])|(?<=[(\[]\s)|(?={_SHORT_RANGE_NAME}\s*:)){_SHORT_RANGE_NAME}"
    rf"(?!\s*:?\s*[<>≤≥]?\s*\d[\d.,]*(?:\s*(?:-|–|to)\s*\d[\d.,]*)?\s*{_RATE_OR_COUNT})"
)
# The same where the name and the range are read apart (``reference_limits``).
_SHORT_NAME_BEFORE = re.compile(rf"{_SHORT_RANGE_NAME}\s*:?\s*$", re.I)
_RATE_OR_COUNT_AFTER = re.compile(rf"\s*{_RATE_OR_COUNT}", re.I)
# A short name is a reference range's before a rate too where it stands in a bracket right
# after a result written in the same unit: "FC 110 lpm (VR 60-100 lpm)" gives the normal heart
# rate, while "AF with VR 110-130 bpm" stays the ventricular rate.
_UNIT_WORD = r"[A-Za-zµμ%/][\w/µμ%]*"
_RESULT_UNIT_BRACKET = re.compile(
    rf"\d[ \t]*(?P<unit>{_UNIT_WORD})[ \t]*[(\[][ \t]*{_SHORT_RANGE_NAME}\s*:?\s*$", re.I
)
_UNIT_AFTER = re.compile(rf"[ \t]*(?P<unit>{_UNIT_WORD})", re.I)


def short_name_in_same_unit(unit_group: str, number: str) -> str:
    """A short name ("VR") in a bracket, followed by a range of ``number`` limits written in
    the unit that the regex group ``unit_group`` has read after the result before it."""
    return (
        rf"(?<=[(\[]){_SHORT_RANGE_NAME}(?=\s*:?\s*{number}\s*(?:-|–|to)\s*{number}"
        rf"\s*(?P={unit_group})(?![\w/]))"
    )


def _in_results_unit(before: str, text: str, end: int) -> bool:
    """Whether the short-named range ending at ``end`` is bracketed after a result written in
    its own unit (``before``: the text up to the range)."""
    result = _RESULT_UNIT_BRACKET.search(before)
    unit = _UNIT_AFTER.match(text, end)
    return (
        result is not None
        and unit is not None
        and result.group("unit").lower() == unit.group("unit").lower()
    )


OTHER_LANGUAGES_RANGE_NAMES = rf"(?:{_LONG_RANGE_NAMES}|{_SHORT_RANGE_NAMES})"
_RANGE_WORDS = (
    r"(?:(?:ref(?:erence)?|normal|target|goal|within)\.?(?:\s+range)?|range"
    rf"|{OTHER_LANGUAGES_RANGE_NAMES})"
)
_AFTER_RESULT = re.compile(rf"\d[^\d;,]{{0,15}}[([|]\s*(?:{_RANGE_WORDS}\s*:?\s*)?$", re.I)
# Also with a bracket before the range: "within target (250-600 pmol/L)" (round 14). Not
# "target SpO2 88-92%": a sentence's "aiming for saturations of 88-92%" reads them as values.
_NAMED_RANGE = re.compile(
    rf"\b(?:{_RANGE_WORDS}\s*(?:of|is|was|:)?|aim(?:ing|ed|s)?\s+(?:for|at))\s*\(?\s*$", re.I
)
# A list of targets under one label: "Targets: fasting <5.0, 1 h post-prandial <7.4" (to the
# end of the sentence or a semicolon; a decimal point is no end).
_RANGE_LIST = re.compile(r"\b(?:targets|goals|target\s+ranges)\s*:(?:[^;.]|\.(?=\d))*$", re.I)
# Reference ranges listed under one label, analyte by analyte: "Ref: TSH 0.27-4.2; FT4 12-22"
# (to the end of the line or of the sentence; round 9). "Normal" labels them only as "normal
# range(s)" or "normal values": "LV systolic function normal: EF 55-60%" is a finding, and its
# label ends at a semicolon (review 34).
_REFERENCE_LIST = re.compile(
    r"\b(?:ref(?:erence)?(?:\s+(?:ranges?|values?|intervals?))?"
    # A list under a short name ("VR: 75 bpm; QRS 80-100 ms") is no list of ranges.
    rf"|{_LONG_RANGE_NAMES})\s*:(?:[^.\n]|\.(?=\d))*$"
    r"|\bnormal\s+(?:ranges?|values?|intervals?|limits?)\s*:(?:[^.;\n]|\.(?=\d))*$",
    re.I,
)
REFERENCE_RANGE = "reference range"
# A lab table's row gives the reference range as the cell after the result and its unit, with no
# bracket ("18/07/2026  PTH  88  ng/L  15-65  H", "eGFR  38  mL/min/1.73m2  >60  L"): walk 41
# read PTH's "15-65" as results, flagging '65' as "the sodium on 2026-08-29". A range so placed
# is a reference range where a column's gap, an H/L flag or the line's end follows it; prose
# ("Hb 9 g/dL 2-3 days ago") has words after it.
_RESULT_AND_UNIT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s+\S*[A-Za-zµμ%]\S*[ \t]+$")
_TABLE_CELL_END = re.compile(r"[ \t]*(?:(?:[HL]{1,2}|\*{1,2})(?![\w.])[ \t]*)?(?:\n|$)|[ \t]{2,}")
# The same in a row of cells apart by semicolons, as tables that write decimal commas are
# exported ("Kalium;5,9;mmol/l;3,5-5,1;H"): the range's cell after the result's and the unit's.
_SEMICOLON_RESULT_AND_UNIT = re.compile(
    r"(?:^|[;\n])[<>]?\d+(?:[.,]\d+)?;[^;\s]*[A-Za-zµμ%][^;\s]*;$"
)
_SEMICOLON_CELL_END = re.compile(r";|\n|$")
# And in a row apart by commas, as a lab export's row is pasted into an answer
# ("2026-10-02,Platelets,312,10^9/L,150-400"): a long table's Range column holds limits
# (value_tables), and the pasted row's must read so too.
_COMMA_RESULT_AND_UNIT = re.compile(
    r"(?:^|(?<=[,\n]))[<>]?\d+(?:\.\d+)?,[^,\s]*[A-Za-zµμ%][^,\s]*,$"
)
_COMMA_CELL_END = re.compile(r"[ \t]*(?:,|\n|$)")


# One number named a target with nothing but "of", "is" or a colon between: "the target of
# 0.36" reads as "target <0.36" does (round 7).
_NAMED_LIMIT = re.compile(
    # ... and a limit for the patient's age: "the age-specific limit of 4.5 ng/mL".
    r"\b(?:target|goal|age-(?:specific|adjusted|related)\s+(?:upper\s+)?limit)"
    r"\s*(?:of|is|was|:)?\s*(?P<limit>\d+(?:\.\d+)?)(?!\d|\.\d|\s*(?:-|–|to)\s*\d)"
    # A time after "target" is when, not a limit: "If IOP still above target 8 weeks after SLT".
    r"(?![ \t]*(?:days?|hours?|hrs?|weeks?|wks?|months?|years?)\b)",
    re.I,
)


# One number named a cut-off or threshold right after it: "above the 5.1 cut-off" (round 8),
# where the word gives no number of its own after it ("PSA 5.2 ng/mL cut-off 4.0 ng/mL" names
# 4.0 the cut-off, 5.2 the result; review 33).
_LIMIT_NAMED_AFTER = re.compile(
    r"(?<![\d.])(?P<limit>\d+(?:\.\d+)?)(?:\s*[a-zµμ/%]+(?:/[a-z]+)?)?\s+"
    r"(?:cut-?\s?offs?|thresholds?)\b(?![^\d.;\[]{0,25}\d)",
    re.I,
)
# A number after the word, with at most "of", "is", a colon or a comparator between:
# "cut-off 4.0 ng/mL", "threshold: >100", "the cut-off used was 4.0".
_LIMIT_NAMED_BEFORE = re.compile(
    r"\b(?:cut-?\s?offs?|thresholds?)(?:\s+(?:used|applied|set|chosen))?"
    r"\s*(?:of|is|was|:|=|at)?\s*(?P<sign>[<>≤≥]=?\s*)?"
    r"(?P<limit>\d+(?:\.\d+)?)(?!\d|\.\d|\s*(?:-|–|to)\s*\d)",
    re.I,
)


# One limit of the normal range named before its number: "above the upper limit of 5.3", "the
# ULN (40)", "the upper limit of normal, 5.3", "the upper reference limit of 5.3", "the top of
# the range at 5.3", "normal up to 5.3", and as other languages' reports name a range's bound
# ("obere Grenze", "Obergrenze", "limite supérieure de la normale", "LSN", "límite superior",
# "limite superiore", "bovengrens") with their cut-off words ("Grenzwert", "seuil", "valor de
# corte", "soglia", "afkapwaarde"). Read as a result, the answer's 5.3 was "not the potassium"
# of a row whose High cell is 5.3 (review57b F6).
_SIDE = r"(?:upper|lower|top|bottom)"
_OF_NORMAL = r"(?:\s+of\s+(?:the\s+)?(?:normal|reference)(?:\s+(?:range|limits?))?)?"
_LIMIT_NAME = (
    rf"(?:{_SIDE}\s+(?:(?:reference|normal)\s+)?limit{_OF_NORMAL}"
    r"|(?:top|bottom|upper\s+end|lower\s+end)\s+of\s+(?:the\s+)?(?:(?:normal|reference)\s+)?range"
    r"|normal\s+(?:up\s+to|below|under|above)|\b(?:uln|lln)"
    r"|obere[nr]?\s+(?:grenze|grenzwert|normgrenze)|untere[nr]?\s+(?:grenze|grenzwert|normgrenze)"
    r"|ober(?:grenze|er\s+grenzwert)|unter(?:grenze|er\s+grenzwert)|grenzwert"
    r"|limite\s+(?:sup[ée]rieure?|inf[ée]rieure?|superiore|inferiore)"
    r"(?:\s+(?:de\s+la\s+normale|della\s+norma|de\s+la\s+normalidad|normale?))?"
    r"|l[íi]mite\s+(?:superior|inferior)(?:\s+(?:de\s+la\s+)?normal(?:idad)?)?"
    r"|\b(?:lsn|lin)|seuil|valor\s+de\s+corte|(?:valore\s+)?soglia"
    r"|bovengrens|ondergrens|afkapwaarde)"
)
_LIMIT_OF_NORMAL = re.compile(
    rf"(?<![\w-]){_LIMIT_NAME}\b[ \t]*(?:(?:of|is|was|at|de|di|von|van|:|=|\(|,)[ \t]*)*"
    r"(?P<sign>[<>≤≥]=?[ \t]*)?(?P<limit>\d+(?:[.,]\d+)?)(?!\d|[.,]\d|\s*(?:-|–|to)\s*\d)"
    # A dose's or a time's most ("an upper limit of 4 g a day", "up to 5 days") is no range.
    r"(?![ \t]*(?:mg|g|mcg|[µμu]g|iu|units?|tab(?:let)?s?|cap(?:sule)?s?|doses?|puffs?|days?"
    r"|hours?|hrs?|weeks?|wks?|months?|years?|times)\b)(?![^\s/]*/\s*(?:day|d|24\s*h)\b)",
    re.I,
)


# A range's two limits in a bracket by their cells' names, as an answer copies a row's Low and
# High cells: "5.9 mmol/L (Low 3.5, High 5.3)", "(min 3.5 / max 5.3)" (review57b F8).
_LOW_HIGH_BRACKET = re.compile(
    r"[(\[][ \t]*(?:(?:ref(?:erence)?|normal)\.?[ \t]*:?[ \t]*)?"
    r"(?:low(?:er)?|min(?:imum)?)[ \t]*[:=]?[ \t]*(?P<lo>\d+(?:[.,]\d+)?)[ \t]*[,;/][ \t]*"
    r"(?:high|upper|max(?:imum)?)[ \t]*[:=]?[ \t]*(?P<hi>\d+(?:[.,]\d+)?)[ \t]*[)\]]",
    re.I,
)


def reference_limits(text: str, headed: bool = False) -> set[int]:
    """Offsets of the numbers of ``text`` that are a reference range's limits, not results
    (``headed``: a cell above ``text``, a sentence of a longer text, heads a range column)."""
    # Where the text writes its decimals with a comma, values.py reads "3,5" as 3.5, and a
    # range's limits are read so too (a range of two such numbers shows the habit itself).
    commas = writes_decimal_commas(text)
    starts: set[int] = {m.start("limit") for m in _NAMED_LIMIT.finditer(text)}
    starts |= {m.start("limit") for m in _LIMIT_NAMED_AFTER.finditer(text)}
    for m in (*_LIMIT_NAMED_BEFORE.finditer(text), *_LIMIT_OF_NORMAL.finditer(text)):
        starts |= {m.start("sign") if m.group("sign") else m.start("limit"), m.start("limit")}
    for m in _LOW_HIGH_BRACKET.finditer(text):
        starts |= {m.start("lo"), m.start("hi")}
    for m in (_RANGE_WITH_COMMAS if commas else _RANGE).finditer(text):
        before = text[: m.start()]
        if (
            _SHORT_NAME_BEFORE.search(before)
            and _RATE_OR_COUNT_AFTER.match(text, m.end())
            and not _in_results_unit(before, text, m.end())
        ):
            continue  # "VR: 110-130 bpm" is the ventricular rate
        named = (
            _NAMED_RANGE.search(before) is not None
            or _RANGE_LIST.search(before) is not None
            or _REFERENCE_LIST.search(before) is not None
        )
        # A range in a table row's reference cell, after the result and its unit.
        named = (
            named
            or (
                _RESULT_AND_UNIT.search(before) is not None
                and _TABLE_CELL_END.match(text, m.end()) is not None
            )
            or (
                _SEMICOLON_RESULT_AND_UNIT.search(before) is not None
                and _SEMICOLON_CELL_END.match(text, m.end()) is not None
            )
            or (
                # Searched from the range's line start only (a search of all text before each
                # range would be quadratic in a long export).
                _COMMA_RESULT_AND_UNIT.search(text, text.rfind("\n", 0, m.start()) + 1, m.start())
                is not None
                and _COMMA_CELL_END.match(text, m.end()) is not None
            )
        )
        if m.group("limit") is not None:
            if named:  # the value starts at its comparator ("<1.8") or at its number
                starts |= {m.start(), m.start("limit")}
        elif named or _AFTER_RESULT.search(before):
            starts |= {m.start("lo"), m.start("hi")}
    number = COMMA_NUMBER if commas else POINT_NUMBER
    return starts | standalone_range_limits(text, number, headed)


# Which limit of its range a number is, by the words that name it: "upper limit of 5.3", "ULN",
# "normal up to"/"below 5.3", "Obergrenze", "limite supérieure", "límite superior", "bovengrens"
# name the upper one; their opposites the lower; "Grenzwert", "seuil", "cut-off" neither.
UPPER, LOWER = "upper", "lower"
_UPPER_WORDS = re.compile(
    r"upper|top|\buln\b|up\s+to|below|under|ober|sup[ée]rieur|superior|\blsn\b|bovengrens", re.I
)
_LOWER_WORDS = re.compile(
    r"lower|bottom|\blln\b|above|unter|inf[ée]rieur|inferior|\blin\b|ondergrens", re.I
)


def limit_sides(text: str) -> dict[int, str]:
    """Offset -> ``UPPER`` or ``LOWER`` for the numbers of ``text`` that are a range's limits
    of a known side: a range's two ("3.5-5.3", "(Low 3.5, High 5.3)") and a limit its words
    name ("the upper limit of 5.3"). An answer's "above the upper limit of 3.5" over a row whose
    Low is 3.5 was confirmed: its limit was read as a limit of either side (review58b F6)."""
    commas = writes_decimal_commas(text)
    sides: dict[int, str] = {}
    for m in (_RANGE_WITH_COMMAS if commas else _RANGE).finditer(text):
        if m.group("lo") is not None:
            sides[m.start("lo")], sides[m.start("hi")] = LOWER, UPPER
    for m in _LOW_HIGH_BRACKET.finditer(text):
        sides[m.start("lo")], sides[m.start("hi")] = LOWER, UPPER
    for m in _LIMIT_OF_NORMAL.finditer(text):
        name = text[m.start() : m.start("limit")]
        upper, lower = _UPPER_WORDS.search(name), _LOWER_WORDS.search(name)
        if (upper is None) == (lower is None):
            continue
        side = UPPER if upper is not None else LOWER
        sides[m.start("limit")] = side
        if m.group("sign"):
            sides[m.start("sign")] = side
    return sides
