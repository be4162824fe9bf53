"""Ages over 89 in the words and units of more languages (session 61, deid61b; issue 16).

deid_ages reads ninety's words and the age's units of the languages its notes were written in.
Read here, for the languages of Europe, the Middle East and Asia that a note may be written in
or quote:

* the age's unit or its abbreviation after the number, in thirty languages ("98 jr", "95 j.",
  "96 ani", "94 godine", "93 років", "95 χρονών", "91歲", "92 gadi", "94 metų", "96 aastat");
* every number of a list of ages that ends in an age's unit ("tres hermanas de 99, 96 y 93
  años"): the unit counts them all;
* ninety's compounds whole, in the languages deid_ages has no words of or whose units it stops
  short of ("nouăzeci și șase", "ενενήντα έξι", "devedeset i dvije", "деветдесет и две",
  "nittini", "дев'яносто чотири", "chín mươi lăm");
* a hundred in words after a verb of becoming, perhaps two words between ("werd honderd in
  maart", "wird im Juni hundert", "täyttää sata vuotta", "исполнилось сто").

A unit of measure, a percentage, a sum or a count after the words is none of these ("ενενήντα
λεπτά", "hundert Prozent", "wurde hundert Meter gefahren").
"""

from __future__ import annotations

import re

# An age over 89 in digits, alone (not inside a longer number, a decimal or a date).
_NUMBER = r"(?<![\w.,/:-])(?:9\d|1[01]\d)(?![\w.,:/-]\d)"
# The age's unit as a word: Dutch, Romanian, Croatian/Serbian/Bosnian, Slovene, Slovak,
# Czech, Bulgarian, Russian, Ukrainian, Greek, Latvian, Lithuanian, Estonian, Icelandic,
# Albanian, Hungarian, Finnish, Turkish, Urdu/Hindi transliterated, Vietnamese, Indonesian,
# Tagalog, Hebrew, Arabic, Persian.
_UNIT_WORDS = (
    r"jr\.?|"
    # Dutch "j.", not the Czech and Polish "j." of insulin's and heparin's units ("100 j./ml",
    # "96 j. s.c.", "Lantus 92 j. večer"; review61b).
    r"j\.(?![ \t]*(?:/|\d|(?i:m\.|s\.?c\b|i\.?v\b|i\.?m\b|ráno|večer|denně|dziennie|rano|"
    r"wieczorem|inzul\w*|insul\w*|hepar\w*)))|"
    r"jaar|jarige|ani|de[ \t]+ani|godin[ae]|god\.|rokov|roky|"
    # Czech and Slovene "let", not the English verb ("Room 95 let to a tenant").
    r"let(?![ \t]+(?:to|us|me|him|her|them|the|go|out|down|off|in)\b)|"
    r"години|годин[аи]|лет|года|років|роки|ετών|χρονών|χρόνων|"
    r"gadi|gadus|gadu|metų|metai|aastat|aastane|aastaseks|ára|vjeç|vjet|éves|vuotta|"
    r"vuotias|yaşında|yaşındaki|saal|baras|tuổi|tahun|thn|taong[ \t]+gulang|taon|"
    r"שנים|عاما|عامًا|سنة|ساله"
)
# The age's unit in a script that writes no space after it: Chinese, Japanese, Korean, Thai,
# Bengali.
_UNIT_SIGNS = r"岁|歲|歳|才|세|살|ปี|বছর"
_UNIT = rf"(?:(?:{_UNIT_WORDS})(?![\w])|(?:{_UNIT_SIGNS}))"
# The units of the languages deid_ages reads, which may close a list of ages as well.
_LIST_UNIT = (
    rf"(?:{_UNIT}|(?i:years?|yrs?|años|anos|ans|anni|jahre|jaar|år|lat|lata|let|vuotta|"
    r"éves|tahun|taon|ετών|лет)(?![\w]))"
)
# A list's joint: a comma, or "and" in the languages of the units.
_AND = (
    r"(?:[ \t]*,[ \t]*|[ \t]*&[ \t]*|[ \t]+(?:and|y|e|et|und|en|i|og|och|ja|és|și|şi|и|ve|"
    r"dan|at|a|a[ \t]+i)[ \t]+)"
)
# "de 99, 96 y 93 años": a number of the list, then the rest of it (up to six more) and the unit.
# Every number of the list is over 89 (review61b): "HR 110, 2 years post CABG", "SpO2 91, 3 yrs
# on home oxygen" and "HR 92 at 2 years" are a value, then a duration.
_LISTED = re.compile(
    rf"(?P<v>{_NUMBER})(?=(?:{_AND}{_NUMBER}){{1,6}}"
    rf"[ \t]*{_LIST_UNIT})"
)

# Ninety's compounds (and ninety alone) in the languages above.
_NINETY = (
    r"nou[ăa]zeci(?:[ \t]+[șş]i[ \t]+(?:unu|una|doi|dou[ăa]|trei|patru|cinci|[șş]ase|"
    r"[șş]apte|opt|nou[ăa]))?|"
    r"ενενήντα(?:[ \t]+(?:ένα|ενός|μία|μιας|δύο|τρία|τριών|τέσσερα|τεσσάρων|πέντε|έξι|επτά|"
    r"εφτά|οκτώ|οχτώ|εννέα|εννιά))?|"
    r"devedeset(?:[ \t]+i[ \t]+(?:jedan|jedna|jednu|dva|dvije|dve|tri|četiri|pet|šest|sedam|"
    r"osam|devet)|jedan|jedna|dva|dvije|dve|tri|četiri|pet|šest|sedam|osam|devet)?|"
    r"(?:(?:ena|dva|tri|štiri|pet|šest|sedem|osem|devet)in)?devetdeset|"
    r"deväťdesiat(?:[ \t]?(?:jeden|jedna|dva|dve|tri|štyri|päť|šesť|sedem|osem|deväť))?|"
    r"деветдесет(?:[ \t]+и[ \t]+(?:едно|една|един|две|два|три|четири|пет|шест|седем|осем|"
    r"девет))?|"
    r"девяноста(?:[ \t]+(?:одного|двух|трёх|трех|четырёх|четырех|пяти|шести|семи|восьми|"
    r"девяти))?|"
    r"дев['’ʼ]?яносто(?:[ \t]+(?:один|одна|два|дві|три|чотири|п['’ʼ]?ять|шість|сім|вісім|"
    r"дев['’ʼ]?ять))?|"
    r"nitti(?:en|to|tre|fire|fem|seks|sju|syv|åtte|ni)|nitti(?=[ \t]+år\b)|"
    r"níutíu(?:[ \t]+og[ \t]+(?:eins|tveggja|þriggja|fjögurra|fimm|sex|sjö|átta|níu))?|"
    r"üheksakümmend(?:[ \t]+(?:üks|kaks|kolm|neli|viis|kuus|seitse|kaheksa|üheksa))?|"
    r"deviņdesmit(?:[ \t]+(?:viens|viena|divi|divas|trīs|četri|četras|pieci|piecas|seši|"
    r"sešas|septiņi|septiņas|astoņi|astoņas|deviņi|deviņas))?|"
    r"devyniasdešimt(?:ies)?(?:[ \t]+(?:vieneri|vienerių|dveji|dvejų|treji|trejų|keturi|"
    r"keturių|penkeri|penkerių|šešeri|šešerių|septyneri|septynerių|aštuoneri|aštuonerių|"
    r"devyneri|devynerių))?|"
    r"nëntëdhjetë(?:[ \t]+e[ \t]+(?:një|dy|tre|katër|pesë|gjashtë|shtatë|tetë|nëntë))?|"
    r"noranta(?:-i-(?:u|un|una|dos|dues|tres|quatre|cinc|sis|set|vuit|nou))?|"
    r"dziewięćdziesięciu(?:[ \t]+(?:jeden|dwóch|trzech|czterech|pięciu|sześciu|siedmiu|"
    r"ośmiu|dziewięciu))?|"
    r"chín[ \t]+mươi(?:[ \t]+(?:mốt|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?|"
    r"아흔(?:[ \t]?(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉))?|"
    r"תשעים|تسعين|تسعون|नब्बे"
)
# A measure, a sum, a percentage or a count after ninety's words.
_NOT_AN_AGE_AFTER = (
    r"[ \t-]*(?i:%|procent\w*|prozent|perc\w*|posto|λεπτ\w*|δευτερ\w*|τοις|минут\w*|секунд\w*|"
    r"процент\w*|відсот\w*|minut\w*|sekund\w*|dakika|saniye|yüzde|phút|giây|menit|detik|"
    r"mm|cm|km|kg|mg|ml|ευρώ|euro\w*|lei|лв|€|\$)"
)
# A span of time, a count of sessions or tablets, a distance after ninety's or a hundred's words
# (review61b): "devedeset dana", "nittifem dager", "cumple cien días" (day +100 after a
# transplant), "compiuto cento giorni", "cien sesiones", "devedeset tableta", "a hundred yards".
_SPAN_OR_COUNT_AFTER = (
    r"[ \t-]*(?i:d[ií]as?|days?|dag\w*|tag\w*|giorn\w*|jour\w*|dn[ií]\w*|дн\w*|ημέρ\w*|μέρ\w*|"
    r"gün|nap\w*|zile|dan[ai]?|päiv\w*|døgn\w*|ngày|hari|dien\w*|päev\w*|week\w*|woche\w*|"
    r"seman\w*|settiman\w*|semaine\w*|tygod\w*|týd\w*|недел\w*|тижн\w*|hours?|stunde\w*|"
    r"hora\w*|ore|heure\w*|godzin\w*|hodin\w*|час\w*|session\w*|sesion\w*|sedut\w*|"
    r"séance\w*|sitzung\w*|cycles?|zykl\w*|cicl\w*|tablet\w*|tabs?|таблет\w*|yards?|feet|"
    r"miles?|jam)(?![\w])"
)
_NINETY_WORDS = re.compile(
    rf"(?<![\w'’ʼ-])(?P<v>(?i:{_NINETY}))(?![\w'’ʼ])(?!{_NOT_AN_AGE_AFTER})"
    rf"(?!{_SPAN_OR_COUNT_AFTER})"
)

# A hundred's word after a verb of becoming, in the languages of the notes.
_BECOMES = (
    r"werd|wordt|wurde|wird|turned|turns|turning|became|becomes|täyttää|täytti|täyttänyt|"
    r"fyller|fyllde|fylte|fylder|fyldte|blev|ble|blir|compie|compirà|compiuto|cumple|"
    r"cumplió|cumplirá|cumplir|fête|fêtera|fêté|completa|completou|completará|kończy|"
    r"skończy|skończył[ao]?|ukończył[ao]?|slaví|oslaví|oslavil[ao]?|dožil[ao]?|dožívá|γίνεται|"
    r"έγινε|κλείνει|έκλεισε|исполнилось|исполнится|исполняется|виповнилося|виповниться|"
    r"doldurdu|dolduracak|betöltötte|betölti|împlinește|împlinit|navršila|navršio|navršit će|"
    r"napunila|napunio|dopolnila|dopolnil"
)
_HUNDRED = (
    r"honderd|hundert|hundred|sata|sataa|εκατό|сто|yüz|száz|sto|cent|cien|cento|cem|hundra|"
    r"hundre|hundrede|simts|šimtas|sada"
)
_BECOMES_A_HUNDRED = re.compile(
    rf"(?i:(?<![\w-])(?:{_BECOMES})(?:[ \t]++[^\W\d_]{{1,12}}){{0,2}}[ \t]++)"
    rf"(?P<v>(?i:{_HUNDRED}))(?![\w-])"
    r"(?![ \t]*(?i:%|procent\w*|prozent|percent|per[ \t]*cent|pour[ \t]*cent|por[ \t]*ciento|"
    r"meter\w*|metre\w*|mètres|metros|metri|km|kilo\w*|euro\w*|dollars?|pounds?|mal|times|"
    r"fois|veces|volte|keer|gånger|ganger|kertaa|razy|krát|раз|φορές|kez|pages?|seiten|"
    r"mg|ml|g|kg|units?|einheiten)\b)"
    rf"(?!{_SPAN_OR_COUNT_AFTER})"
)

WORLD_AGE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "98 jr", "96 ani", "94 godine", "91歲".
    ("age_over_89", re.compile(rf"(?P<v>{_NUMBER})[ \t]?-?[ \t]?(?={_UNIT})")),
    ("age_over_89", _LISTED),
    ("age_over_89", _NINETY_WORDS),
    ("age_over_89", _BECOMES_A_HUNDRED),
]
