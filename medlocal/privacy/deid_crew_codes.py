"""Crews', units' and radio call signs of ambulances, police cars, boats and trucks, after the
words of many languages that name them (session 62, deid62d; issue 16).

Services name their vehicles on the radio by a crew's or unit's code, which the notes copy after
the word for it: "kod zespołu P 12 41", "echipaj B 41 SMD", "112 ekip KDK-41", "móvil M-14",
"Unidad SVA 4", "prefixo USA 19", "viatura USA 447", "车组 120-447", "tractor CV4 1187". A radio
call sign may be a word and a number, or four to six capitals ("sigla India 22", "volací znak
Kobra 18", "call sign LHCW", "kallesignal LMDK"), and an ambulance's fleet number a dashed
number ("Ambulans 24-4410"). An aircraft is read by its registration after an aircraft's word.

The code holds a digit and a capital (the call sign's capitals alone after a call sign's word),
opens with no clinical value's or ward's name (deid_vehicle_nearby.NOT_CLINICAL: "crew GCS 14";
"unidad UCI 3") and has no unit or count after it ("unidad 3 pacientes", "crew 2 paramedics").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_counts import COUNT_AFTER
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_service_acronym_list import SERVICE_ACRONYMS
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_vehicle_nearby import NOT_CLINICAL
from medlocal.privacy.deid_world_vehicle_words import NATIONALITY_MARKS

# A radio call sign's word.
_CALL_SIGN_WORDS = (
    r"call[ \t-]?sign|radio[ \t]+call[ \t-]?sign|kallesignal|anropssignal|kaldesignal|"
    r"kutsutunnus|sigla|indicativo(?:[ \t]+de[ \t]+radio)?|indicatif|rufname|funkrufname|"
    r"volací[ \t]+znak|znak[ \t]+wywoławczy|呼号"
)
# A crew's, unit's or fleet's word.
_CREW_WORDS = (
    r"kod[ \t]+zespołu|zespół|zespołu|zespole|echipaj(?:ul)?|ekip(?:i|leri)?|ekibi|unidad|unidade|"
    r"viatura|prefixo|dotación|tripulación|equipaggio|crew|m[óo]vil|tractor|"
    r"pilot[ \t]+boat|車組|车组"
)
# An ambulance's word, before its dashed fleet number.
_AMBULANCE_WORDS = (
    r"ambulans|ambulance|ambulancia|ambulância|ambulanza|karetk[aąi]|sanitk[ay]|ambulanssi|"
    r"krankenwagen|mentőautó|救护车|구급차"
)
# Groups of capitals and digits, a digit among them: "P 12 41", "KDK-41", "CV4 1187", "M-14".
_CODE = r"[A-Z][A-Z0-9]{0,5}(?:[ \t-][A-Z0-9]{1,6}){0,3}"
# A call sign's word and number ("India 22", "Kobra 18") or its capitals ("LHCW", "LHCW-2").
_CALL_SIGN = r"[A-Z][a-z]{2,11}[ \t]\d{1,3}|[A-Z]{4,6}(?:-\d{1,2})?"
_END = (
    r"(?![\w/-]|[.,:]\d)"
    rf"(?!{COUNT_AFTER})(?![ \t]*(?i:%|mg|ml|kg|mmhg|bpm|km|min|h\b|x\b))"
)
_LEAD = r"(?i:(?<![\w-])(?:{words})(?![\w-]))[ \t]*(?:[:#][ \t]*|(?i:n[º°o]\.?)[ \t]*)?"
_CREW_CODE = re.compile(
    _LEAD.format(words=_CREW_WORDS + "|" + _CALL_SIGN_WORDS) + rf"(?P<v>{_CODE}){_END}"
)
_CALL_SIGN_CODE = re.compile(_LEAD.format(words=_CALL_SIGN_WORDS) + rf"(?P<v>{_CALL_SIGN}){_END}")
_FLEET_NUMBER = re.compile(
    _LEAD.format(words=_AMBULANCE_WORDS + "|" + _CREW_WORDS) + rf"(?P<v>\d{{2,3}}-\d{{3,5}}){_END}"
)
_CLINICAL = re.compile(NOT_CLINICAL)
# An aircraft's word of many languages, then within the sentence a registration in its ICAO
# shape that opens with a state's nationality mark ("redningshelikopter LN-ORJ", "Kone OH-JFJ",
# "avion sanitaire F-HBSO"); deid_world_vehicle_words reads it after rescue services' names.
_AIRCRAFT = re.compile(
    r"(?i:(?<![\w-])(?:\w*heli[ck]opt\w*|\w*helikopter\w*|śmigłow\w*|vrtuln\w*|"
    r"aircraft|airplane|aeroplane|plane|\w*jet|avion|avión|avião|aereo|flugzeug|\w*fly|"
    r"flygplan|lentokone|kone|repülő\w*|samolot\w*|letadl\w*|αεροσκάφος|ελικόπτερο)"
    r"(?![\w-]))"
    rf"[^.;!?\n]{{0,40}}?(?<![\w-])(?P<v>(?:{NATIONALITY_MARKS})-[A-Z]{{3,4}})(?![\w-])"
)
# A one-letter mark takes four letters ("G-KSSH", "D-HBSF", "F-HBSO"), a longer one three
# ("LN-ORJ", "OH-JFJ"): "G-CSF", "C-PAP" and "B-ALL" near a plane's word are no aircraft, nor
# "C-ANCA".
_REGISTRATION = re.compile(r"(?:[A-Z]-[A-Z]{4}|[A-Z0-9]{2,3}-[A-Z]{3})(?<!C-ANCA)")
# A ward's or unit's name after "unidad" or "crew" ("Unidad UCI 3", "crew ICU 2").
_WARD = re.compile(r"(?:UCI|UTI|UVI|UCO|UCIN|UCIP|ICU|HDU|CCU|NICU|PICU|SICU|MICU|REA|SAU|ITU)\b")
# Review 62d: a ward's or service's initials of any language (deid_service_acronym_list) and
# units a stroke, dialysis or head-injury bay is named by ("Unidade AVC 2", "Unidad HD 3").
_FIRST_GROUP = re.compile(r"[A-Z0-9]+")
_MORE_WARDS = frozenset({"AVC", "HD", "TCE", "UAVC", "UHD", "ICTUS"})
# The emergency services whose vehicles the crews' codes name ("móvil SAMU 41") are no ward.
_EMERGENCY = frozenset({"SAMU", "SMUR", "SIAMU", "SEM", "SUMMA", "SMURD", "INEM", "VMER"})


def crew_code_candidates(text: str) -> Iterator[Redaction]:
    """Crews', units' and call signs' codes after their words (see the module docstring)."""
    for pattern in (_CREW_CODE, _CALL_SIGN_CODE, _FLEET_NUMBER, _AIRCRAFT):
        # Through the cue index and the word-start keys on a long text (speed63: ~16 ms of
        # plain searches on a 20-page record that names no crew, 0.2 ms so).
        for match in skipped_finditer(pattern, text):
            code = match.group("v")
            if pattern is _CREW_CODE and not any(ch.isdigit() for ch in code):
                continue
            # A call sign's word ("Kobra 18") is read by its case, not as a value's letter.
            if pattern is not _CALL_SIGN_CODE and (
                _CLINICAL.match(code.replace("-", "\x00")) or _WARD.match(code) or _ward(code)
            ):
                continue
            if pattern is _AIRCRAFT and not _REGISTRATION.fullmatch(code):
                continue
            start, end = match.span("v")
            yield Redaction("vehicle_id", start, end, code, label("vehicle_id"))


def _ward(code: str) -> bool:
    """Whether the code opens with a ward's or service's initials and a number after them."""
    first = _FIRST_GROUP.match(code)
    word = first.group() if first else ""
    return (
        word != code
        and word not in _EMERGENCY
        and (word in SERVICE_ACRONYMS or word in _MORE_WARDS)
    )
