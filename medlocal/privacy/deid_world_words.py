"""Capitalised words of other languages that are neither names nor clinical words: the days of
the week and the labels of a form's fields (round 17). Unknown to the English dictionary, the
word scan read them as surnames ("Residenza: ..." -> "[NAME]: ...", "Am Montag 12" -> "Am
[NAME] 12").

Some are also surnames or given names ("Montag", "Freitag", "Domingo", "Sabato"): privacy first,
those are read as a day only right before a day's number or right after a preposition of time
("am Montag", "el domingo 4", "le samedi"); the others everywhere, as the clinical words of other
languages are (a title, a given name or a relation before one still makes it a surname).
"""

from __future__ import annotations

import re

# Days of the week of German, French, Spanish, Italian, Portuguese and Dutch notes, folded to
# lower case with and without their accents.
WORLD_WEEKDAYS = frozenset(
    re.findall(
        r"\S+",
        """
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
    lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi domenica
    segunda-feira terça-feira terca-feira quarta-feira quinta-feira sexta-feira
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """,
    )
)
# Labels of the address and contact fields of Italian, Spanish, Portuguese, German, French and
# Dutch forms ("Residenza:", "Domicilio:", "Anschrift:"); the field's value is read by its own
# rules, the label itself is no identifier. Walk 25: the phone, unit, reference, requester and
# result columns of a lab table, and a letter's sign-off and signature ("Atenciosamente,").
WORLD_LABELS = frozenset(
    re.findall(
        r"\S+",
        """
    residenza indirizzo domicilio recapito dirección direccion domicilio residencia
    morada endereço endereco residência residencia anschrift wohnort wohnsitz wohnadresse
    adresse domicile woonplaats woonadres
    telefone telefono téléphone telephone telefon telefoon celular móvil movil cellulare
    unidade unidad unità unita unité unite einheit eenheid
    referência referencia riferimento référence reference referenz referentie
    solicitante requisitante richiedente demandeur anforderer aanvrager
    resultado resultados risultato risultati résultat resultat ergebnis uitslag
    atenciosamente atentamente cordialmente cordialement saudações saudacoes saludos
    assinatura unterschrift handtekening
    """,
    )
)
# A preposition of time right before a day ("am Montag", "le samedi", "el domingo", "op zondag").
DAY_BEFORE = re.compile(
    r"(?i:\b(?:am|an|le|el|il|op|em|no|na|ce|al|jeden|nächsten|letzten))[ \t]+\Z"
)
# A day's number right after a day ("Montag 12", "domingo, 4").
DAY_AFTER = re.compile(r",?[ \t]+(?:[12]\d|3[01]|0?[1-9])(?:\.|º|er)?(?!\d)")
