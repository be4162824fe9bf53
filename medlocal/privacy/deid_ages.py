"""Fixed-form patterns for ages over 89 ("92-year-old", "92 y/o", "aged 92", "92M",
"ninety-four", "a hundred and two"): they become "90+"; ages up to 89 are kept.

Round 12: ninety in other languages ("noventa y dos", "nobenta", "quatre-vingt-quinze",
"zweiundneunzig", "tisini"), an age in brackets after a relative ("his father (96, lives
alone)"), after a title and a name ("(Mrs K), 94,"), after a date of birth and a slash
("DOB / age: 03/02/1931 / 95").
"""

from __future__ import annotations

import re
from datetime import date

from medlocal.privacy.deid_age_phrases import AGE_PHRASE_PATTERNS
from medlocal.privacy.deid_age_shorthand import AGE_SHORTHAND_PATTERNS
from medlocal.privacy.deid_pattern_context import NOT_A_VALUE_AFTER, UNIT_AFTER
from medlocal.privacy.deid_world_age_forms import WORLD_AGE_PATTERNS

_AGE_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_AGE_WORDS = (
    r"(?:super)?centenarian|nonagenarian|"
    rf"ninety(?:[ \t-](?:{_AGE_UNITS}))?|"
    rf"(?:(?:one|a)[ \t-])?hundred(?:(?:[ \t-]and)?[ \t-](?:{_AGE_UNITS}|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?|"
    # Ordinals: "her ninetieth", "his ninety-fifth birthday", "the hundredth".
    r"ninetieth|ninety[ \t-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"(?:one[ \t-])?hundredth"
)
# Numbers in words are ages unless a unit or count follows ("ninety minutes", "ninety percent").
_NOT_AN_AGE_AFTER = (
    r"[ \t-]*(?:percent|per|%|minutes?|mins?|seconds?|hours?|days?|weeks?|months?|times|"
    r"beats|breaths|mg|mcg|ml|milli\w*|units?|degrees|mmhg|cc|feet|foot|yards?|metres?|meters?|"
    r"pounds?|lbs?|kilo\w*|grams?|steps|pack|percentile|centile|anniversary)\b"
)

# Ninety and its compounds in other languages: Spanish and Portuguese ("noventa y dos",
# "noventa e três"), Tagalog ("nobenta'y singko", "siyamnapu't dalawa"), Italian
# ("novantadue"), French ("quatre-vingt-douze", Belgian and Swiss "nonante"), German and Dutch
# ("zweiundneunzig", "tweeënnegentig"), Swahili ("tisini na mbili"), Malay ("sembilan puluh").
_NINETY_WORDS = (
    r"noventa(?:[ \t]+[ye][ \t]+(?:uno|una|um|uma|dos|dois|duas|tres|três|cuatro|quatro|cinco|"
    r"seis|siete|sete|ocho|oito|nueve|nove))?|"
    r"(?:nobenta|siyamnapu)(?:(?:'t|'y|[ \t]+y)[ \t]*(?:isa|dalawa|tatlo|apat|lima|anim|pito|"
    r"walo|siyam|uno|dos|tres|kuwatro|singko|sais|siyete|otso|nuwebe))?|"
    # Italian spelled out: "novantrone" (mitoxantrone) is a drug.
    r"novant(?:a(?:due|tr[eé]|quattro|cinque|sei|sette|nove)?|uno|otto)|"
    r"quatre[ \t-]vingt[ \t-](?:dix(?:[ \t-](?:sept|huit|neuf))?|onze|douze|treize|"
    r"quatorze|quinze|seize)|nonante(?:[ \t-](?:et[ \t-]un|deux|trois|quatre|cinq|six|sept|"
    r"huit|neuf))?|"
    r"(?:(?:ein|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun)und)?neunzig|"
    # Session 57 (deid57c): Afrikaans joins with "-en-" and spells some units its own way
    # ("vyf-en-negentig", "ses-en-negentig").
    r"(?:(?:een|twee|drie|vier|vijf|vyf|zes|ses|zeven|sewe|acht|agt|negen|nege)"
    r"(?:[eë]n|-en-))?negentig|"
    r"(?:miaka[ \t]+)?tisini(?:[ \t]+na[ \t]+(?:moja|mbili|tatu|nne|tano|sita|saba|nane|tisa))?|"
    r"sembilan[ \t]+puluh(?:[ \t]+(?:satu|dua|tiga|empat|lima|enam|tujuh|lapan|delapan|"
    r"sembilan))?|"
    # Round 20: Polish, Czech, Russian, Swedish, Danish, Turkish, Hungarian, Romanian, Finnish,
    # Greek ("dziewięćdziesiąt osiem lat", "devadesát", "nittiofem", "halvfems").
    r"dziewięćdziesiąt(?:[ \t]+(?:jeden|dwa|trzy|cztery|pięć|sześć|siedem|osiem|dziewięć))?|"
    r"devadesát(?:[ \t]+(?:jedna|dva|tři|čtyři|pět|šest|sedm|osm|devět))?|"
    r"девяносто(?:[ \t]+(?:один|два|три|четыре|пять|шесть|семь|восемь|девять))?|"
    r"nittio(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio)?|(?:(?:en|to|tre|fire|fem|seks|syv|"
    r"otte|ni)og)?halvfems|doksan(?:[ \t]+(?:bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz))?|"
    r"kilencven(?:egy|kettő|két|három|négy|öt|hat|hét|nyolc|kilenc)?|nouăzeci|"
    r"yhdeksänkymmentä(?:yksi|kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän)?|"
    r"ενενήντα"
)
# A unit, a count or a thousand after it makes a value ("noventa minutos", "neunzig Prozent").
_NOT_AN_AGE_AFTER_OTHER = (
    r"[ \t-]*(?:%|mg|ml|kg|g/|mmol|mmhg|bpm|mil\b|mille|tausend|duizend|libo|elfu|ribu|"
    r"por[ \t]+ciento|pour|"
    r"prozent|procent|porsiyento|asilimia|peratus|persen|minut\w*|segund\w*|second\w*|hor\w*|"
    r"stunde\w*|uur|d[ií]as?|jours?|tage?n?|dagen|araw|siku|hari|semanas?|semaines?|wochen?|"
    r"weken|linggo|wiki|minggu|meses|mois|monate?n?|maanden|buwan|miezi|bulan|mm|cm|grad\w*|"
    r"degr\w*)\b"
)
_RELATIVES = (
    r"mother|father|mum|mom|mam|dad|grandmother|grandfather|grandma|grandpa|gran|granny|nan|"
    r"nana|nanna|aunt|auntie|uncle|wife|husband|partner|sister|brother|spouse|neighbour|neighbor|"
    r"friend|widow|widower|mother-in-law|father-in-law|"
    # Walk 22: "Her late brother-in-law lived to 102."
    r"brother-in-law|sister-in-law|son-in-law|daughter-in-law|great-aunt|great-uncle|"
    r"great-grandmother|great-grandfather|godmother|godfather|stepmother|stepfather"
)


def _years_up_to(last: int) -> str:
    """A pattern of the years 1800 to ``last`` (a year in the 20th or 21st century): whoever was
    born then is 90 or older this year, or turns 90 in it."""
    century, rest = divmod(last, 100)
    decade, year = divmod(rest, 10)
    parts = ["18\\d\\d"]
    if century == 20:  # 1900-1999 whole, then this century up to the year
        parts.append("19\\d\\d")
    if decade:
        parts.append(f"{century}[0-{decade - 1}]\\d")
    parts.append(f"{century}{decade}[0-{year}]")
    return "(?:" + "|".join(parts) + ")"


AGE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "age_over_89",
        re.compile(rf"\b(?P<v>(?i:{_NINETY_WORDS}))\b(?!(?i:{_NOT_AN_AGE_AFTER_OTHER}))"),
    ),
    # An age in brackets after a relative ("his mother (97, lives with him)", "wife (93)").
    (
        "age_over_89",
        re.compile(
            rf"(?i:\b(?:{_RELATIVES}))[ \t]*\([ \t]*(?P<v>9\d|1[01]\d)\b"
            r"(?=[ \t]*(?:,|\)|;|y\b|yo\b|yrs?\b|years\b))"
        ),
    ),
    # Walk 20: a relative's age after a verb of age or between commas ("Father died at 91 of
    # MI", "mother is 94", "her father is 92", "Mother, 94, lives in Leeds", "grandmother
    # lived to 104", "sister Bridget is 96"): Safe Harbor's ages are everyone's, not only the
    # patient's. A unit after the number makes it a measure ("brother is 90 miles away").
    (
        "age_over_89",
        re.compile(
            # Round 20: a name in apposition ("Her sister, Ana Maria Ruiz, is 101").
            rf"(?i:\b(?:{_RELATIVES})(?:[ \t]+[A-Z][\w'’-]+|"
            r",[ \t]+(?-i:[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2}),)?"
            r"(?:[ \t]*,[ \t]*(?=(?:9\d|1[01]\d)[ \t]*(?:,|\)|;|\.(?!\d)|and\b|y\b|yo\b|yrs?\b))"
            # Round 20: "Her mum's 94".
            r"|(?:['’]s|[ \t]+(?:is|was|now|who[ \t]+is|aged|died[ \t]+(?:at|aged)|"
            r"passed[ \t]+away[ \t]+"
            # Round 18: "made it to" ("My sister Odile made it to 103.").
            r"(?:at|aged)|lived[ \t]+to|made[ \t]+it[ \t]+to|turned|turns|will[ \t]+be|"
            # Walk 22: "Grandmother still alive at 101".
            r"(?:still[ \t]+)?(?:alive|living|well)[ \t]+at|"
            r"would[ \t]+be))[ \t]+"
            r"(?:(?:now|nearly|almost|about|over|just|only)[ \t]+)?))"
            rf"(?P<v>9\d|1[01]\d)\b(?![.,]\d)(?!{_NOT_AN_AGE_AFTER})(?!{_NOT_AN_AGE_AFTER_OTHER})"
            r"(?![ \t-]*(?:%|(?i:miles?|km|kilomet\w*|times|points?|out[ \t]+of)\b))"
        ),
    ),
    # After a title and a name, in brackets or not ("Ada Hill (Mrs H), 94,", "Mr Oduya, 91."):
    # the title makes the word a name, the comma or stop after the number an age.
    (
        "age_over_89",
        re.compile(
            r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z][\w'’-]*\)?,[ \t]+(?P<v>9\d|1[01]\d)\b"
            r"(?=[ \t]*(?:,|\)|;|\.(?!\d)|years\b|yrs\b|y\b|$))",
            re.M,
        ),
    ),
    # After a date of birth and a slash, as "DOB / age" fields write it ("03/02/1931 / 95").
    (
        "age_over_89",
        re.compile(
            r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:18|19)\d\d|(?:18|19)\d\d-\d\d-\d\d)"
            r"[ \t]*/[ \t]*(?P<v>9\d|1[01]\d)\b(?![ \t]*(?:[/.%]\d|%|mg|kg))"
        ),
    ),
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>9\d|1[0-4]\d)(?=[ \t]*+-?[ \t]*+(?i:years?|yrs?|y/o|yo|y\.o\.)(?![a-z]))"
        ),
    ),
    ("age_over_89", re.compile(r"(?i:\bage[d]?\b[ \t]*:?[ \t]*)(?P<v>9\d|1[0-4]\d)\b")),
    # "aet. 93", "93 y", a sex then an age ("F, 93", "female 91").
    (
        "age_over_89",
        re.compile(
            r"(?i:\baet(?:at)?\.?[ \t]*)(?P<v>9\d|1[0-4]\d)\b"
            r"|\b(?P<a2>9\d|1[0-4]\d)[ \t]?y\b(?!/)"
            # Round 21: not the "F" of a ratio's letters ("P/F 110", "S/F 95": oxygenation).
            r"|(?:\b(?<![A-LN-Za-ln-z]/)[MF]|\b(?i:male|female|man|woman))"
            r"[,/ \t]+(?P<a3>9\d|1[0-4]\d)\b"
            r"(?![ \t]*(?:%|mg|kg|/|\.\d|bpm|mmhg|°))"
        ),
    ),
    # Ages in other languages: a unit after the number ("92歳", "91 ans", "93 lat", "95jährig",
    # "93-jährige") or a cue before it ("Ålder 91", "Edad: 94", "Alter 96"). The German "J."
    # is an age only after a patient or sex word ("Patientin 95 J.", "Frau K., 96 J", "Pat.
    # (95 J)") or in brackets after a birth date: after a shock it is joules ("Shocked at 120
    # J.", "biphasic shock (150 J)"). "Alter" is a cue only
    # capitalised, as German writes the noun ("do not alter 100 units" is a verb). Blank runs
    # side by side are possessive (review 62d: quadratic before a long run of tabs).
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>9\d|1[0-4]\d)(?=[ \t]?(?:歳|才|세|岁|周岁)|[ \t]+(?:Jahre\b|ans\b|"
            r"años\b|anos\b|år\b|jaar\b|lat\b|anni\b|tuổi\b|"
            # Round 17: Polish, Finnish, Hungarian, Malay, Tagalog, Turkish, Greek, Hindi.
            r"lata\b|vuotta\b|éves\b|tahun\b|taon\b|yaşında\b|ετών|साल|वर्ष)"
            # Round 20: the adjective of other languages ("94-jarige", "92-årig", "93-letnia",
            # "95-vuotias").
            r"|[ \t]*+-?[ \t]*+(?:jährig|jarig|årig|åring|letni|letnia|letnią|letniego|letniej|"
            r"vuotia|éves))"
            r"|(?:\b(?:Patient(?:in)?|Pat\.|Frau|Herr|Mann|Dame|Bewohner(?:in)?|[Ww]eiblich|"
            r"[Mm]ännlich|[wm])(?:[ \t]+[A-ZÄÖÜ][\w.]*){0,2}"
            # Session 57: the year of birth between ("Herr K., Jg. 1930, 96 J.").
            r"(?:,?[ \t]*(?:Jg\.|Jahrgang)[ \t]*1[89]\d\d)?,?[ \t]*+\(?[ \t]*+)"
            r"(?P<a2>9\d|1[0-4]\d)(?=[ \t]?J\b\.?(?!/))"
            # In brackets after a date of birth or a patient word on the line: "Patientin:
            # Kleinschmidt, Waltraud, geb. 02.10.1929 (95 J.)".
            r"|(?:(?<=\d{4}[ \t]\()|\b(?:Patient(?:in)?|Pat\.|geb\.|Frau|Herr)[^\n()]{0,60}\()"
            r"(?P<a3>9\d|1[0-4]\d)(?=[ \t]?J\.?\))"
            r"|(?:\bAlter\b|(?i:\b(?:âge|edad|idade|ålder|alder|leeftijd|wiek|età|umur|tuổi|"
            # Swahili: "umri wa miaka 93", "miaka 95".
            r"umri(?:[ \t]+wa)?(?:[ \t]+miaka)?|miaka)\b))"
            r"[ \t]*+:?[ \t]*+(?P<a>9\d|1[0-4]\d)\b(?![ \t]*(?:/|\.\d)|"
            # After the cue "J" is Jahre ("Alter 96 J"); any other unit makes a value.
            rf"(?![ \t]*J\b){UNIT_AFTER})"
        ),
    ),
    # Age with a sex letter, as in a note header ("92M", "101F"); see _is_temperature.
    ("age_over_89", re.compile(r"(?<![\d.°])\b(?P<v>9\d|1[0-4]\d)(?=[MFY]\b|/[MF]\b)")),
    # Session 43: with a space before the sex letter after the patient's word ("Pt 91 M
    # presented", "patient 94 F, fall"); not a grade's letter and its number ("M 6").
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:pt|patient|client|resident))\.?[ \t]+(?P<v>9\d|1[0-4]\d)"
            r"(?=[ \t]+[MF]\b(?![ \t]*\d))"
        ),
    ),
    # Ages: a birthday ("her 93rd birthday"), a decade over ninety ("in his nineties", "late
    # 90s").
    (
        "age_over_89",
        re.compile(
            r"\b(?P<v>(?:9\d|1[0-4]\d)(?:st|nd|rd|th))(?=[ \t]+birthday)"
            r"|(?i:\b(?P<a>(?:(?:early|mid|late)[ \t-]+)?(?:nineties|90s|90's)|"
            r"(?:10th|tenth|11th|eleventh)[ \t]+decade|"
            # Session 59 (dev71): the tenth and eleventh decades of other languages ("en su
            # décima década", "na décima década", "dixième décennie", "im zehnten
            # Lebensjahrzehnt", "nella decima decade").
            r"(?:d|und)[ée]cima[ \t]+d[ée]cada|(?:dixi|onzi)[èe]me[ \t]+d[ée]cennie|"
            r"(?:zehnte|elfte)[nms]?[ \t]+lebensjahrzehnts?|(?:decima|undicesima)[ \t]+decade))\b"
        ),
    ),
    # Ages: a sex after "96 Y /" ("Age/Sex: 96 Y / M", "94 Y M"), an age in digits in brackets
    # after one in words ("aged ninety-eight (98)"), "At 96," opening a sentence.
    (
        "age_over_89",
        re.compile(
            # Session 32 (format sweep): or a space for the slash ("94 Y M, collapse").
            r"\b(?P<v>9\d|1[0-4]\d)[ \t]*(?:Y|Yrs?|YRS?|yrs?)\.?(?:[ \t]*/[ \t]*|[ \t]+)"
            r"(?:M|F|Male|Female)\b"
            rf"|(?i:\b(?:{_AGE_WORDS}))[ \t]*\([ \t]*(?P<a>9\d|1[0-4]\d)[ \t]*\)"
            r"|(?:^|(?<=[.!?][ \t])|(?<=[.!?][ \t]{2}))At[ \t]+(?P<a2>9\d|1[0-4]\d)\b"
            r"(?=[ \t]*(?:,|and\b|he\b|she\b|"
            r"they\b|years\b))",
            re.M,
        ),
    ),
    # More ages: in brackets after the patient ("Pt (93)"), after "of" ("a lady of 97", "at the
    # age of 93"), after "is nearly" and the like ("she is nearly 95", "he will be about 100").
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:pt|patient|client|resident|he|she)\.?)[ \t]*\([ \t]*(?P<v>9\d|1[01]\d)"
            r"[ \t]*(?i:y|yo|yrs?|years?)?[ \t]*\)"
            r"|(?i:\b(?:age|man|woman|lady|gentleman|gent|female|male|patient|widow|widower|"
            r"resident|veteran|person)[ \t]+of[ \t]+)(?P<a>9\d|1[0-4]\d)\b"
            rf"(?![ \t]*(?:[-–]|\.\d|/)){NOT_A_VALUE_AFTER}"
            r"|\b(?i:he|she|they|who)[ \t]+(?i:is|was|will[ \t]+be|would[ \t]+be|turns|turned|"
            r"turning|reaches|reached)[ \t]+(?i:(?:now|nearly|almost|over|just|about|only|aged)"
            rf"[ \t]+)+(?P<a2>9\d|1[0-4]\d)\b(?![ \t]*(?:[-–]|\.\d|/)){NOT_A_VALUE_AFTER}"
        ),
    ),
    # An age after a person noun and a comma ("Resident, 96, in room 4"), after an age label
    # with a qualifier ("Age at death: 97", "Age (yrs): 93").
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:resident|patient|client|gentleman|lady|widow|widower|veteran|man|woman|"
            r"female|male))[ \t]*,[ \t]+(?P<v>9\d|1[0-4]\d)\b"
            r"(?=[ \t]*(?:,|\)|;|years\b|yrs\b|y\b|$))"
            r"|(?i:\bage[ \t]+(?:at|on)[ \t]+(?:death|admission|presentation|diagnosis|referral|"
            r"onset|assessment)|\bage[ \t]*\((?:yrs?|years)\))[ \t]*:?[ \t]*(?P<a>9\d|1[0-4]\d)\b",
            re.M,
        ),
    ),
    # An age after a name and a comma ("Mrs Costello, 92, lives", '("Winnie"), 97,'), or after
    # "is", "was", "turned" ("Winston is 95"); the word before must be a name (see _name_word).
    (
        "age_over_89",
        re.compile(
            # A closing quote or bracket may stand between: 'Ebenezer Quaye ("Ebby"), 92,'.
            r"(?P<p>\b[A-Z][\w'’-]{1,40})(?:[\"”’)\]]{1,3}(?=,)|(?=[\s,]))"
            r"(?:,[ \t]+|[ \t]+(?i:is|was|turned|turns)[ \t]+(?:now[ \t]+)?)"
            rf"(?P<v>9\d|1[01]\d|120)\b{NOT_A_VALUE_AFTER}"
        ),
    ),
    (
        "age_over_89",
        re.compile(r"(?P<p>\b[A-Z][\w'’-]{1,40})[ \t]*\([ \t]*(?P<v>9\d|1[01]\d)[ \t]*\)"),
    ),
    (
        "age_over_89",
        re.compile(rf"(?i)\b(?P<v>{_AGE_WORDS})\b(?!{_NOT_AN_AGE_AFTER})"),
    ),
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:turned|turns|turning|reached|now)\b[ \t]+)(?P<v>9\d|1[0-4]\d)\b"
            r"(?![ \t]*(?:%|mg|ml|kg|mmhg|bpm|/))"
        ),
    ),
    (
        "age_over_89",
        re.compile(
            r"(?:\b(?i:he|she|who)|\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z][\w'’-]{1,40})[ \t]+"
            r"(?i:is|was)[ \t]+(?P<v>9\d|1[0-4]\d)\b(?![ \t]*(?:%|mg|kg|mmhg|bpm|/|\.\d))"
            # Round 20: the short forms and the first person ("She's 102 today", "I am 93 next
            # week", "I'm 91"), with the clinical values' units refused after.
            r"|(?i:\b(?:he|she)['’]s|\bi['’]m|\bi[ \t]+am|\b(?:he|she|i)['’](?:ll|d)[ \t]+be|"
            # A birthday's ordinal after its verb ("celebrated her 100th last week").
            r"\b(?:celebrat\w*|mark\w*|reach\w*)[ \t]+(?:her|his|their)"
            r"(?=[ \t]+\d+(?:st|nd|rd|th)))"
            r"[ \t]+(?P<a>(?:9\d|1[0-4]\d)(?:(?<=1)st|(?<=2)nd|(?<=3)rd|(?<=[04-9])th)?)\b"
            rf"(?![.,]\d){NOT_A_VALUE_AFTER}(?!{_NOT_AN_AGE_AFTER})"
        ),
    ),
    # Walk 18: "Pt is 91 per old chart": with the patient as the subject only where an age's
    # ending follows (a stop, a comma, "years"), as "Pt was 92 on 2L" is a saturation and
    # "Patient was 140 systolic" a pressure (review of round 15).
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:pt|patient|client|resident)[ \t]+(?:is|was)[ \t]+)(?P<v>9\d|1[0-4]\d)"
            r"(?=[ \t]*(?:,|;|\.(?!\d)|$|(?i:years?|yrs?|yo|y/o|y\.o\.)\b)"
            r"|[ \t]+(?i:per|as|by|according)\b)",
            re.M,
        ),
    ),
    # Walk 18: an ordinal year of life ("in her 95th year", "in his ninety-first year").
    (
        "age_over_89",
        re.compile(
            r"(?i:\bin[ \t]+(?:his|her|their)[ \t]+)(?P<v>(?:9\d|1[0-4]\d)(?i:st|nd|rd|th)|"
            r"(?i:ninetieth|ninety[ \t-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
            r"ninth)|(?:one[ \t-])?hundredth))(?=[ \t]+(?i:year)\b)"
        ),
    ),
    # Walk 18: a year of birth that shows an age over 89 ("born 1931", "born in 1929", "YOB
    # 1930", "year of birth: 1928") is an element of a date "indicative of such age", which Safe
    # Harbor removes with the age; the cue stays. Years up to this year minus 90 (see below).
    (
        "date",
        re.compile(
            r"(?i:\b(?:born(?:[ \t]+in)?|b\.|yob|year[ \t]+of[ \t]+birth|birth[ \t]*year|"
            r"d\.?o\.?b\.?)[ \t]*+[:=–-]?[ \t]*+(?:(?:c\.|ca\.?|circa|in)[ \t]*+)?)"
            rf"(?P<v>{_years_up_to(date.today().year - 90)})\b(?![/.-]\d)"
        ),
    ),
    # Session 59 (deid59b): shorthand and forms of other languages (deid_age_shorthand).
    *AGE_SHORTHAND_PATTERNS,
    # Session 60 (deid60b): "95+ yrs" whole, ranges' far ends, "patient 97", "tiene 96" and
    # a hundred in words (deid_age_phrases).
    *AGE_PHRASE_PATTERNS,
    # Session 61 (deid61b): units and ninety's words of thirty more languages, lists of ages
    # closed by a unit, a hundred after a verb of becoming (deid_world_age_forms).
    *WORLD_AGE_PATTERNS,
]
