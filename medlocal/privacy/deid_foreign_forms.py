"""Dates and addresses as other countries write them, in records kept in English.

* Dates: a day and a month in lower case ("16 april", "april 16") or in French, Spanish,
  Portuguese, German, Italian, Dutch, Swedish, Polish, Filipino, Welsh, Irish, Afrikaans or te
  reo Māori ("le 8 septembre 2026", "3 de marzo de 2026", "8. September 2026", "23 Tachwedd
  2026"); such a month with its year ("mars 2027"); a German day and month with a cue or in a
  range ("vom 19.11. bis 27.11.2026"). A day number or a year is always required, so that
  "may" and "march" as verbs, or a month word alone, are kept.
* Streets named by a street word of another language: before the name ("Calle Zaragoza 418
  Int. 3", "Rua das Flores 120", "Via Roma 12"), after a house number ("1450, rue des Érables,
  app. 3"), or joined to it ("Fleminggatan 18, 3 tr", "Hauptstraße 5", "Teheran-ro 8-gil");
  the first part of an address after an address label ("Address: Cnoc na Gréine, 7").
* Postcodes with their marks ("C.P. 64720") or in the Nordic "112 26" form after a street,
  and Latin-American neighbourhoods ("Col. Independencia", "Barrio San Juan").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_pattern_context import UNIT_AFTER

# Irish writes its ordinal with "ú" ("17ú Márta 1957").
_DAY = r"\d{1,2}(?:er|re|e|º|°|\.º|\.|ú)?"
_ENGLISH_MONTHS = (
    "january|february|march|april|june|july|august|september|october|november|december"
)
_OTHER_MONTHS = (
    # French, Spanish, Portuguese, German, Italian, Dutch, Swedish (those not English already).
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    "d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|"
    "agosto|se?ptiembre|octubre|noviembre|diciembre|janeiro|fevereiro|mar[çc]o|maio|junho|"
    "julho|setembro|outubro|novembro|dezembro|januar|j[äa]nner|februar|m[äa]rz|juni|juli|"
    "oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    "dicembre|januari|februari|maart|mei|augustus|maj|augusti|"
    # Polish (genitive, as dates write them), Filipino.
    "stycznia|lutego|marca|kwietnia|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|"
    "listopada|grudnia|pebrero|marso|hunyo|hulyo|setyembre|oktubre|nobyembre|disyembre|"
    # Welsh, Irish, Afrikaans, and te reo Māori (both its own names and the borrowed ones).
    "ionawr|chwefror|mawrth|ebrill|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr|"
    "ean[áa]ir|feabhra|m[áa]rta|aibre[áa]n|bealtaine|meitheamh|i[úu]il|l[úu]nasa|"
    "me[áa]n[ \t]+f[óo]mhair|deireadh[ \t]+f[óo]mhair|samhain|nollaig|januarie|februarie|"
    "junie|julie|desember|kohit[āa]tea|huitanguru|pout[ūu]terangi|paengaw[hā]*w[hā]*|haratua|"
    "pipiri|h[ōo]ngongoi|here-turi-k[ōo]k[āa]|mahuru|whiringa-[āa]-nuku|whiringa-[āa]-rangi|"
    "hakihea|h[āa]nuere|p[ēe]puere|m[āa]ehe|[āa]perira|hune|h[ūu]rae|[āa]kuhata|hepetema|"
    "oketopa|noema|t[īi]hema|"
    # Catalan (round 17; "abril", "setembre", "octubre", "novembre" are above).
    r"gener|febrer|mar[çc](?=[ \t]+de\b)|maig|juny|juliol|agost|desembre"
)
# French abbreviations with their full stop ("3 janv. 2025").
_OTHER_ABBREVIATIONS = r"janv\.|f[ée]vr\.|d[ée]c\."
_MONTH = rf"(?:{_ENGLISH_MONTHS}|{_OTHER_MONTHS}|{_OTHER_ABBREVIATIONS})"
# Month names that are no English word or abbreviation: not "may", "mar" or "dec" ("5-10 may
# be required", "Hb 12-13 dec"), for forms where only the month makes the date.
MONTH_NAMES = rf"(?:{_ENGLISH_MONTHS}|{_OTHER_MONTHS})"
# Every month word, with "may" and the English abbreviations, for places where a date form is
# already certain (after a weekday: "Sat. Feb. 1, 2025").
MONTH_WORDS = (
    rf"{_ENGLISH_MONTHS}|{_OTHER_MONTHS}|{_OTHER_ABBREVIATIONS}|may|"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_YEAR_AFTER = r"(?:,?[ \t]+(?:de[ \t]+|del[ \t]+)?\d{4}\b)?"
_DAY_MONTH = r"(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?!\d)"

FOREIGN_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            # A day, then the month in any case or language: "16 april", "le 8 septembre 2026",
            # "3 de marzo de 2026", "8. September 2026", "le 1er mars".
            rf"(?i:\b(?:le[ \t]+|el[ \t]+|den[ \t]+|am[ \t]+|il[ \t]+)?{_DAY}[ \t]+"
            rf"(?:de[ \t]+|di[ \t]+|d['’])?{_MONTH})(?!\w)(?i:{_YEAR_AFTER})"
            # A month in lower case, then a day: "april 16", "september 3, 2026" (not "may"
            # or "march", which are verbs before a number as often as months).
            rf"|\b(?:{_ENGLISH_MONTHS.replace('march|', '')})[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b"
            rf"(?![ \t]*(?:%|mg|ml|[:.]\d)){_YEAR_AFTER}"
            # A month of another language with its year, no day ("mars 2027", "März 2026",
            # "enero de 2026"): the month is a date's element as much as the day.
            rf"|(?i:\b(?:{_OTHER_MONTHS})(?:[ \t]+de)?[ \t]+(?:19|20)\d{{2}}\b)"
            # A day and month with their full stops, as German writes them, where a cue or
            # a range makes them a date ("vom 19.11. bis 27.11.2026", "am 3.4."); a result
            # ("K 4.5.") has neither.
            rf"|(?:(?<=\bvom )|(?<=\bam )|(?<=\bab )|(?<=\bseit )|(?<=\bbis )|(?<=\bzum )"
            rf"|(?<=\bdem )|(?<=\bden )){_DAY_MONTH}"
            rf"|\b{_DAY_MONTH}(?=[ \t]*(?:bis|-|–|und)[ \t]*{_DAY_MONTH})"
        ),
    ),
]

# Road words written before a number ("Route 66", "Ruta 40") or a name ("Route de Bayon"); the
# numbered roads of deid_world_streets share them.
ROUTE_WORDS = r"Route|Ruta"
# Street words of other languages that stand before the street's name.
_STREET_BEFORE = (
    r"(?i:calle|avenida|avda\.|rua|rue|avenue|boulevard|chemin|all[ée]e|impasse|viale|"
    r"vicolo|piazza|piazzale|strada|carrera|cra\.|camino|paseo|praça|pra[çc]a|travessa|"
    r"alameda|estrada|ulica|ul\.|aleja|prospekt|ulitsa|calzada|callej[óo]n|ronda|rambla|"
    # Catalan, Welsh and Irish street words, and Spain's "C/" for calle.
    r"carrer|passeig|avinguda|pla[çc]a|partida|heol|ffordd|stryd|l[ôo]n|b[óo]thar|sr[áa]id)"
    rf"|Via|Corso|Largo|Plaza|Place|{ROUTE_WORDS}|Av\.|C/"
)
# A word of the street's name in title case ("Zaragoza", "Érables"): not an acronym, so that
# "Via PEG 250" or "Via NG 2" (a route of a drug) is no street.
# Latin Extended-A (Polish, Czech, Turkish letters: "Kościuszki") counts as a letter.
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ž][a-zß-öø-ÿĀ-ž'’.-]+"
# Articles and prepositions inside a street's name ("rue des Érables", "Rua das Flores").
_JOINER = (
    r"(?:de|del|de[ \t]+la|de[ \t]+los|des|du|de[ \t]+l['’]|d['’]|da|do|dos|das|di|della|dei|"
    r"la|le|les|l['’]|y|yr|na|an(?:[ \t]+t-)?)"
)
_STREET_NAME = (
    rf"(?:{_JOINER}[ \t]+|{_JOINER}(?=[A-ZÀ-Þ]))?{_NAME_WORD}"
    rf"(?:[ \t]+(?:{_JOINER}[ \t]+)?{_NAME_WORD}){{0,3}}"
)
# A house number, not a dose or a count ("Rue 12 mg" is no address).
_HOUSE = (
    # "1.240" (a thousand separator), "41-B", "22-bis", "12 bis", "41 B".
    r"(?:\d{1,2}\.\d{3}|\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?|-[A-Z]\b)?)"
    r"(?:-?(?:bis|ter)\b|[ \t](?:bis|ter)\b|[ \t][A-Z]\b(?![.'’]))?"
    rf"(?!{UNIT_AFTER})"
)
# An apartment, floor or interior number after the house number ("Int. 3", "app. 3", "3 tr").
_UNIT = (
    r"(?:,?[ \t]+(?i:int\.?|interior|ext\.?|app\.?|apt\.?|appartement|piso|dpto\.?|depto\.?|"
    r"puerta|esc\.?|bis|n[º°o]\.?|lgh\.?|whg\.?|bus|suite|local|casa|bloco|andar|sala|apto\.?|"
    r"lok\.?|lokal|bl\.?|blok|m\.(?=[ \t]*\d)|b[âa]t\.?|b[âa]timent|escalier|tr[ée]ppe)"
    r"[ \t]*(?:\d{1,4}[A-Za-z]?|[A-Z]\b)"
    # A floor, with its side: "3 tr", "2. OG links", "3e étage gauche", "4º B".
    r"|,?[ \t]+\d{1,2}(?:\.|e|er|ème)?[ \t]?(?:tr|vån|sal|th|tv|mf|OG|EG|DG|UG|[ºª°]|"
    r"(?i:étage|etage|stock|piso|andar))\b\.?"
    r"(?:[ \t]+(?:(?i:links|rechts|mitte|gauche|droite|izq(?:uierda)?|dcha|derecha)\b\.?|[A-Z]\b))?"
    # The back or side building of a German address ("Hinterhaus", "Seitenflügel").
    r"|,?[ \t]+(?:Hinterhaus|Vorderhaus|Seitenfl[üu]gel|Gartenhaus|Quergeb[äa]ude)\b)*"
)
# Street words joined to the name's end: Nordic, German, Dutch.
_JOINED_STREET = (
    # The stem is bounded (and no hyphen may stand before it): an unbounded one backtracked
    # quadratically on long hyphenated runs ("BRCA1-BRCA1-...").
    r"(?<![\w-])[A-ZÄÖÜÅØÆ][\wäöüåøæß-]{0,30}?(?:gatan|gata|vägen|väg|gränd|torget|stigen|gade|gaden|vej|"
    r"vejen|veien|vegen|straße|strasse|str\.|gasse|weg|allee|platz|straat|laan|plein|gracht|"
    r"kade|singel|dreef|steeg)"
)
ADDRESS_LABEL = (
    r"(?i:address|adresse|addr\.?|domicilio|direcci[óo]n|endere[çc]o|anschrift|adres|"
    r"indirizzo|osoite)"
)

FOREIGN_ADDRESS_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "street_address",
        re.compile(
            # "Calle Zaragoza 418 Int. 3", "Via Roma 12", "Rua das Flores, 120".
            # After Spain's "C/" the name's first word ("c") must be able to be a name:
            # "C/ Headache 3 weeks" is a complaint (see owned_by_context).
            rf"\b(?:{_STREET_BEFORE})(?=[ \t]+(?:{_JOINER}[ \t]+)?(?P<c>{_NAME_WORD}))"
            rf"[ \t]+{_STREET_NAME},?[ \t]+(?:n[º°o]\.?[ \t]*)?{_HOUSE}"
            rf"\b{_UNIT}"
            # "1450, rue des Érables, app. 3": a house number, then the street word in lower case.
            rf"|\b{_HOUSE},?[ \t]+(?:rue|avenue|boulevard|chemin|rang|all[ée]e|impasse|calle|"
            rf"avenida|rua|via|viale|mont[ée]e|quai|cours|route|place|passage|sentier|"
            rf"(?i:heol|ffordd|stryd|cnoc|b[óo]thar|sr[áa]id))[ \t]+{_STREET_NAME}{_UNIT}"
            # A French street word in lower case before a postcode: "route de Bayon, 54290".
            rf"|\b(?:rue|route|chemin|impasse|all[ée]e|mont[ée]e|quai|avenue)[ \t]+{_STREET_NAME}"
            r"(?=,[ \t]*\d{5}\b)"
            # A street word in lower case after a word of place, with no house number ("works
            # on boulevard Saint-Laurent", "vive en calle Mayor", "mora na rua Augusta").
            r"|(?:(?<=\b(?:on|at|en|na|la|di)[ \t\n])|(?<=\b(?:off|sur)[ \t\n])|(?<=\bà[ \t\n])"
            r"|(?<=\bdans[ \t\n]))"
            r"(?:rue|boulevard|boul\.|chemin|calle|avenida|rua|travessa|mont[ée]e|quai|all[ée]e|"
            rf"impasse|carrera|calzada|jalan|lorong|via|viale|piazza)[ \t]+{_STREET_NAME}"
            # "Fleminggatan 18, 3 tr", "Hauptstraße 5a".
            rf"|\b{_JOINED_STREET}[ \t]+{_HOUSE}\b{_UNIT}"
            # Korean road names: "45 Teheran-ro 8-gil", "Teheran-ro 152".
            r"|\b(?:\d{1,5}(?:-\d{1,4})?[ \t]+)?[A-Z][a-z]+(?:-[a-z]+)*-(?:ro|gil|daero)\b"
            r"(?:[ \t]+\d{1,4}(?:beon)?-gil\b)?(?:[ \t]+\d{1,5}(?:-\d{1,4})?\b)?"
            # A floor before a unit, as Asian addresses open ("2F Unit 204", "12/F Flat B").
            r"|\b\d{1,2}/?F\b(?=[ \t]+(?i:unit|flat|room|rm|suite|blk|block)\b)"
        ),
    ),
    # The first part of an address after its label, when it ends in a house number written
    # after the name ("Address: Cnoc na Gréine, 7").
    (
        "street_address",
        re.compile(
            rf"{ADDRESS_LABEL}[ \t]*:[ \t]*(?P<v>{_NAME_WORD}(?:[ \t]+[\w'’.-]+){{0,4}},"
            rf"[ \t]*{_HOUSE})(?=[ \t]*(?:,|;|$))",
            re.M,
        ),
    ),
    (
        "zip_code",
        re.compile(
            # "C.P. 64720" (Mexico's código postal), "CEP 01310-100" (Brazil).
            r"\b(?:C\.[ \t]?P\.|CEP|Código[ \t]+Postal)[ \t]*:?[ \t]*\d{5}(?:-\d{3})?\b"
            # "112 26 Stockholm": a Nordic postcode after a comma, before the town.
            # (after a house number and a comma, so that "BP lying, 120 80 Standing" stays).
            r"|(?:(?<=\d,[ \t])|(?<=\d[a-z],[ \t])|(?<=tr,[ \t])|(?<=^))"
            r"(?:(?:SE|S|FI|DK|NO)-)?\d{3}[ \t]\d{2}\b"
            r"(?=[ \t]+[A-ZÅÄÖ][a-zåäöéü]+)"
            # "Taipei City 105": a postcode after a city at the end of an address.
            r"|(?<=\bCity[ \t])\d{3,6}\b(?=[ \t]*(?:$|[,;)]))",
            re.M,
        ),
    ),
    (
        "city",
        re.compile(
            # A colonia, fraccionamiento, barrio or bairro ("Col. Independencia").
            r"\b(?:Col\.|Colonia|Fracc\.|Fraccionamiento|Barrio|Bairro)[ \t]+"
            r"(?:(?:de|del|la|las|los|San|Santa)[ \t]+)*[A-ZÀ-Þ][\w'’-]+"
            r"(?:[ \t]+(?:(?:de|del|la|las|los)[ \t]+)*[A-ZÀ-Þ][\w'’-]+){0,3}"
        ),
    ),
]
