"""File numbers after the labels of more languages, and courts' file signatures (session 61,
deid61b; issue 16).

deid_labelled_codes reads a code after the number markers and the label words of a dozen
languages. An office of another country labels its file with its own word - the Italian and
Spanish "protocollo"/"protocolo", "folio", "sumario", "atestado"; the Austrian "GZ" and "Zahl";
the Czech and Slovak "č. j." and "sp. zn."; the Polish "sygn. akt"; the Bulgarian "Вх. №"; the
Greek "δικογραφία" and "αρ. πρωτ."; the Nordic "diarienummer", "dnr", "j.nr.", "saksnummer";
the Turkish "tutanak no", "dosya no"; the Romanian "dosar nr." - and writes its number with the
capitals of its alphabet, dots, slashes and dashes ("0419283/2026", "ΑΒΜ Γ2026/4192",
"KRPA-419283-3/TČ-2026-001115", "2026.1204.419283"). Read: such a label, a marker or colon
perhaps, then a code of capitals of any alphabet and digits, three digits at least, not a date
or a year alone, with no unit after it.

A court's or prosecutor's file signature names its register between the chamber's number and
the case's number and year, as German, Austrian, Polish, Czech and Slovak courts write it ("118
Js 4192/26", "I Ns 419/26", "2 C 41/2026", "II K 471/26"): read anywhere, with a register of
the courts' own lists and a year of this century after the slash (so that "1 K 120/80" and
"2 T 150/90" stay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_LABELS = (
    r"protocollo|prot\.|protocolo|folio|sumario|atestado|oficio|radicado|fascicolo|"
    r"gz\.?|zl\.|zahl|gesch[äa]ftszahl|aktenzahl|vorgangs-?nr\.?|tgb\.?-?nr\.?|"
    r"[čc]\.[ \t]?j\.|[čc]j\.|sp\.[ \t]?zn\.|sygn\.(?:[ \t]+akt)?|sygnatura(?:[ \t]+akt)?|"
    r"znak[ \t]+sprawy|(?:вх|изх|рег)\.?[ \t]*№|№|δικογραφία|αρ\.[ \t]*πρωτ\.?|"
    r"αριθμός[ \t]+πρωτοκόλλου|diarienummer|dnr\.?|dnro|journalnummer|j\.[ \t]?nr\.?|"
    r"sagsnummer|saksnummer|saksnr\.?|asianumero|ügyszám|iktatószám|"
    r"dosar(?:[ \t]+nr\.?)?|nr\.[ \t]+dosar|tutanak(?:[ \t]+no)?|dosya(?:[ \t]+no)?|"
    r"evrak(?:[ \t]+no)?|kay[ıi]t(?:[ \t]+no)?|proces-verbal(?:[ \t]+nr\.?)?|"
    r"procès-verbal|pv[ \t]+n[°º]"
)
# A capital of any of the alphabets, and a code: groups of capitals and digits joined by dots,
# slashes and dashes, perhaps a few such groups after single spaces.
_CAP = r"A-ZÄÖÜÅÆØŁŚŻŹĆŃÓĘĄČŠŽŘŤĎŇĚŮÚÍÝÁÉŐŰÇĞİŞȘȚĂÂÎА-ЯЁІЇЄҐΑ-ΩΆΈΉΊΌΎΏ"
_GROUP = rf"[{_CAP}0-9]+(?:[-/.][{_CAP}0-9]+)*"
_CODE = (
    # Three digits at least, within the code's own characters.
    rf"(?=(?:[{_CAP}/.-]|[ ](?=[{_CAP}0-9]))*\d(?:[{_CAP}/.-]|[ ](?=[{_CAP}0-9]))*\d"
    rf"(?:[{_CAP}/.-]|[ ](?=[{_CAP}0-9]))*\d)"
    # Not a date or a year alone: "01.12.2026", "2026-12-01", "2026".
    r"(?!\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?![\w/.-])|\d{4}-\d\d-\d\d(?![\w/.-])|"
    r"(?:19|20)\d\d(?![\w/.-]))"
    # Not a protocol's, a trial's or a guideline's name and its year ("protocolo ALLIC 2009",
    # "AIEOP-BFM 2017"): capitals without a digit, then a year alone.
    rf"(?![{_CAP}/.-]+(?:[ ][{_CAP}/.-]+)*[ ](?:19|20)\d\d(?![\w/.-]))"
    rf"{_GROUP}(?:[ ](?={_GROUP}(?![\w]))(?=[{_CAP}]{{1,3}}[ ]|[^ \n]*\d){_GROUP}){{0,3}}"
)
_LABELLED = re.compile(
    # Possessive blank runs: a label before a long run of blanks is read at once.
    rf"(?<![\w])(?i:{_LABELS})(?![\w])[ \t]*+(?:(?i:n[°º]|nr\.?|no\.?|№)[ \t]*+)?[:#]?[ \t]*+"
    rf"(?P<v>(?-i:{_CODE}))"
    # Not a decimal, not a unit or a count after it.
    r"(?![\w]|[.,]\d)(?![ \t]*(?i:%|mg|ml|kg|g|mmhg|bpm|km|mmol|units?|tabs?|tablets?)\b)"
    # Nor a unit per litre after it ("Zahl 1200 /µl"; review61b).
    r"(?![ \t]*/[ \t]*[^\W\d_])"
)
# The registers of German, Austrian, Polish, Czech and Slovak courts and prosecutors.
_REGISTERS = (
    r"Js|Ds|Ls|Ns|KLs|Cs|AR|VRs|Qs|Ws|BvR|Ss|StR|UJs|Gs|Zs|OWi|"
    r"O|S|C|T|U|K|F|UF|Ca|Ka|Kp|Ko|Co|Nsm|Nc|To|Tdo|Cdo|Cg|Hv|Bl|Ni|Nt|Nkd|GC|RC|RNs|Ga|"
    r"Pa|Sa|Ua|Kzp|Kow|Ts|Tm|Cmo|Cm|Cgn|Ps|Rc|Nmo|Cup|Ob|Nd"
)
_SIGNATURE = re.compile(
    r"(?<![\w/.-])(?P<v>(?:[IVX]{1,4}|\d{1,4})[ \t](?:" + _REGISTERS + r")[ \t]\d{1,6}/"
    r"(?:[0-2]\d|20\d\d))(?![\w/-]|[.,]\d)"
)

# A register of one letter after a chamber's number in digits, and a year of two digits: a value,
# a unit or a score and a ratio as often as a file ("Temp 38 C 10/20", "Pain 7 S 10/10", "Cycle
# 2 C 12/21", "Visus 1 K 6/12"; review61b). Such a file is read with the year in four digits
# ("2 C 41/2026") or a chamber in Roman numerals ("II K 471/26").
_VALUE_AND_RATIO = re.compile(r"\d{1,4}[ \t][A-Z][ \t]\d{1,6}/\d\d")

# The "№" alone marks a pack's count and a ward's room as often as a file ("Tab. Metformini 500
# mg № 120", "Палата № 412"; review61b): after it, a code of four digits at least or with a
# capital.
_SHORT_NUMBER = re.compile(r"\d{1,3}")


def world_file_number_candidates(text: str) -> Iterator[Redaction]:
    """File numbers after the labels above, and courts' file signatures."""
    for pattern in (_LABELLED, _SIGNATURE):
        for match in skipped_finditer(pattern, text):
            start, end = match.start("v"), match.end("v")
            if pattern is _SIGNATURE and _VALUE_AND_RATIO.fullmatch(match.group("v")):
                continue
            if _SHORT_NUMBER.fullmatch(match.group("v")) and _bare_number_sign(match.group()):
                continue
            yield Redaction("id_number", start, end, text[start:end], label("id_number"))


def _bare_number_sign(labelled: str) -> bool:
    """Whether the label of ``labelled`` is the "№" alone (no "Вх." or "Рег." before it)."""
    return labelled.lstrip().startswith("№")
