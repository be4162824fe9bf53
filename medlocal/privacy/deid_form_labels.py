"""Form labels of other languages given back where they stand as labels (round 19).

A record kept in English often carries a registration form in the country's language: Malay
and Indonesian ("Alamat:" address, "Nama:" name, "Tanggal Lahir:" date of birth), Filipino
("Pangalan:", "Tirahan:"), Swahili ("Anwani:", "Umri:"). Those words are on no English list, so
the word scan takes them for names. A label is told by its place and its word: it opens a line
or follows a field gap, a colon and a value come after it, and it is one of the words below.
The words are a closed class (what a form asks), unlike names; none is a listed given name or
surname where it is given back ("Alta:" or "Jina:" open a speaker's turn as often), and
elsewhere in a sentence the word is left to the rules.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_spans import Redaction

# What a registration or referral form asks, in Malay/Indonesian, Filipino and Swahili (each
# word only where it is no English word or name in these languages' use).
FORM_LABEL_WORDS = frozenset(
    {
        # Malay / Indonesian
        "alamat", "nama", "umur", "usia", "tarikh", "tanggal", "lahir", "tempat", "jantina",
        "kelamin", "jenis", "pekerjaan", "bangsa", "warganegara", "kewarganegaraan",
        "telefon", "telepon", "nombor", "nomor", "poskod", "pesakit", "pasien", "keluhan",
        "rujukan", "waris", "hubungan", "suami", "isteri", "istri", "pendidikan", "penjamin",
        "perujuk", "wad", "katil", "darurat", "kecemasan",
        # Filipino
        "pangalan", "tirahan", "kasarian", "petsa", "kapanganakan", "trabaho", "relihiyon",
        "telepono", "asawa", "magulang", "tagapag-alaga", "lugar",
        # Swahili
        "anwani", "umri", "jinsia", "tarehe", "kuzaliwa", "simu", "kijiji", "wilaya", "mkoa",
        "mume", "mzazi", "mlezi", "kabila", "anuani",
        # The family doctor in Dutch, German and the Nordic languages (deid_cued_names reads
        # the name after it)
        "huisarts", "hausarzt", "hausärztin", "fastlege", "husläkare", "omalääkäri",
        # and staff by their role (deid_cued_names reads the name after these too)
        "aios", "anios", "verpleegkundige", "behandelaar", "oberarzt", "oberärztin",
        "assistenzarzt", "assistenzärztin", "stationsarzt", "stationsärztin", "chefarzt",
        "chefärztin", "sjuksköterska", "sykepleier", "läkare",
        # Spanish, Portuguese, Italian, French, German and Dutch registration forms (walk 22:
        # "Fecha de nacimiento:" became "[NAME] de nacimiento:")
        "fecha", "nacimiento", "nombre", "nombres", "apellido", "apellidos", "domicilio",
        "dirección", "direccion", "teléfono", "telefono", "edad", "sexo", "nascimento",
        "morada", "endereço", "endereco", "telemóvel", "telemovel", "utente", "idade",
        "nascita", "indirizzo", "cognome", "residenza", "naissance", "prénom", "prenom",
        "adresse", "téléphone", "geburtsdatum", "anschrift", "vorname", "nachname", "wohnort",
        "geboortedatum", "geboorteplaats", "achternaam", "voornaam", "woonplaats", "naam",
        # Walk 24 (a Brazilian referral: "Paciente:", "Telefone:", "Esposa:" became [NAME]):
        # the patient, the phone and the next of kin as the same forms ask for them.
        "paciente", "paziente", "patiënt", "patientin", "telefone", "telefoon",
        "celular", "móvil", "movil", "cellulare", "portable", "handy", "mobiel", "contato",
        "contacto", "contatto", "esposa", "esposo", "marido", "cônjuge", "conjuge", "cónyuge",
        "filho", "filha", "hijo", "hija", "moglie", "marito", "figlio", "figlia", "épouse",
        "epouse", "époux", "epoux", "ehefrau", "ehemann", "tochter", "sohn", "echtgenote",
        "echtgenoot", "dochter", "zoon", "responsável", "responsavel", "acompanhante",
        "cuidador", "cuidadora", "familiar", "profissão", "profissao", "profesión", "profesion",
        "naturalidade", "nacionalidade", "nacionalidad", "médico", "médica", "medico",
        "solicitante", "requerente", "unidade", "unidad", "convênio", "convenio", "cartão",
        "cartao", "tarjeta", "prontuário", "prontuario", "expediente", "cartella", "dossier",
    }
)  # fmt: skip
# A label's place: the line's start (a bullet or an indent before it) or a field gap.
_OPENS_FIELD = re.compile(r"(?:^|[ \t]{2}|\t|[;|])[ \t]*(?:[-*•][ \t]*)?\Z", re.M)
# The colon and a value after the label, on its line (a second role perhaps: "Huisarts/SO:").
_LOWER_WORDS = re.compile(r"(?:[ \t]+[^\W\d_][\w-]*){1,3}")
_COLON_VALUE = re.compile(r"(?:/[A-Za-z]{1,4})?[ \t]*:[ \t]*[^\s:]")


def form_label(text: str, red: Redaction, lex: Lexicon) -> bool:
    """Whether ``red`` (a name the scan found) is a form label of another language: every word
    a label word and no listed name, at a field's opening, a colon and a value after it."""
    if red.kind != "name":
        return False
    words = red.original.lower().split()
    if not words or len(words) > 3:
        return False
    for word in words:
        if word not in FORM_LABEL_WORDS or word in lex.given_names or word in lex.surnames:
            return False
    # The label's own lower-case words may stand before the colon ("Fecha de nacimiento:",
    # "Data di nascita:").
    after = red.end
    tail = _LOWER_WORDS.match(text, after)
    if tail is not None and tail.group().islower():
        after = tail.end()
    if _COLON_VALUE.match(text, after) is None:
        return False
    line = text.rfind("\n", 0, red.start) + 1
    return _OPENS_FIELD.search(text, line, red.start) is not None
