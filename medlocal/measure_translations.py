"""What German, French, Spanish, Italian, Dutch and Portuguese lab reports call the analytes
MedLocal knows by their English names ("Kalium 5,9 mmol/l" is the potassium, "Leucocitos" the
white cell count), so that an English answer about a European record is checked against the
same test (medlocal/measured_things.py adds them to each analyte's names).

No maintained multilingual list of analyte names ships as a Python package (LOINC's
translations are licensed files, not a package; none is installed here), so this is a small
table of the names written on the lab reports of those languages, as their national
laboratory nomenclatures spell them (the German "Laborwerte", the French "bilan biologique",
the Spanish "analítica", the Italian "esami ematochimici", the Dutch "laboratoriumuitslagen").
Each name is written as the reports write it and, where it carries an accent, as it is typed
without one ("Hämoglobin", "Hamoglobin"). Abbreviations shared across languages ("Hb", "CRP",
"INR", "TSH") are the English table's already; short ones that are words or other things in
English ("VS", "HF", "AF", "PA") are left out, and so is German's "GOT" for AST (an English word
in notes written in capitals: "PATIENT GOT 2 UNITS"); "GPT", "ALAT" and "ASAT" count in capitals
only, and so do the vital signs' "FC", "FR" and "TA" of French, Spanish, Italian and Portuguese
charts ("FC 110 lpm", "TA 130/80"). German "RR" (Riva-Rocci) is the English respiratory rate's
symbol: a blood pressure where its value is one ("RR 130/80", rag/binding.py reads it so).

Vital signs are named as the charts of those languages head them ("Puls", "Blutdruck",
"Gewicht", "Temperatur"; "pouls", "poids"; "frecuencia cardiaca", "peso"; "Hartslag",
"Bloeddruk"), so a heart rate or weight an English answer gives is checked against theirs.
Names that are English words as well are the measured thing only with a value after them
(medlocal/measured_things.py): the conditions "azotemia", "glycemia".
"""

from __future__ import annotations

# English canonical name (a key of measured_things.MEASURES) -> the other languages' names.
TRANSLATED_NAMES: dict[str, tuple[str, ...]] = {
    "hemoglobin": (
        "hämoglobin", "hamoglobin", "hémoglobine", "hemoglobine", "hemoglobina", "emoglobina",
    ),
    "hematocrit": (
        "hämatokrit", "hamatokrit", "hématocrite", "hematocrite", "hematocrito", "ematocrito",
        "hematócrito", "hematocriet",
    ),
    "creatinine": ("kreatinin", "créatinine", "creatinina", "kreatinine"),
    "potassium": ("kalium", "potasio", "potassio", "potássio"),
    "sodium": ("natrium", "sodio", "sódio"),
    "chloride": ("chlorid", "chlorure", "chlore", "cloruro", "cloreto", "cloro"),
    "bicarbonate": ("bikarbonat", "hydrogencarbonat", "bicarbonates", "bicarbonato", "bicarbonaat"),
    "glucose": (
        "glukose", "glucosa", "glicose", "glucosio", "glicemia", "glucemia", "glycémie",
        "glycemie", "glykämie", "glykamie", "blutzucker",
    ),
    # Italian reports give the urea as "Azotemia"; Portuguese ones write "Ureia".
    "urea": ("harnstoff", "urée", "uree", "ureia", "azotemia", "ureum"),
    "troponin": ("troponine", "troponina"),
    "wbc": (
        "leukozyten", "leucocytes", "leukocyten", "leucocitos", "leucociti", "leucócitos",
        "globules blancs", "glóbulos blancos", "globulos blancos", "globuli bianchi",
    ),
    "platelets": (
        "thrombozyten", "thrombocytes", "plaquettes", "plaquetas", "piastrine", "trombociti",
        "trombocyten", "trombocitos",
    ),
    "cholesterol": ("cholesterin", "cholestérol", "colesterol", "colesterolo"),
    "ldl": ("ldl-cholesterin",),
    "hdl": ("hdl-cholesterin",),
    "triglycerides": (
        "triglyceride", "triglycérides", "triglicéridos", "trigliceridos", "trigliceridi",
        "triglyceriden", "triglicerídeos", "triglicerideos",
    ),
    "alt": ("alat", "gpt"),
    "ast": ("asat",),
    "bilirubin": ("bilirubine", "bilirrubina", "bilirubina"),
    "albumin": ("albumine", "albúmina", "albumina"),
    "lactate": ("laktat", "lactato", "lattato", "lactaat"),
    "crp": (
        "c-reaktives protein", "protéine c réactive", "proteine c reactive", "proteína c reactiva",
        "proteina c reactiva", "proteina c reattiva", "proteína c reativa", "proteina c reativa",
        "c-reactief proteïne", "c-reactief proteine",
    ),
    "magnesium": ("magnésium", "magnesio", "magnésio"),
    "calcium": ("kalzium", "calcio", "cálcio"),
    # Vital signs, as the charts head them.
    "heart rate": (
        "puls", "herzfrequenz", "pouls", "fréquence cardiaque", "frequence cardiaque",
        "frecuencia cardiaca", "frecuencia cardíaca", "frequenza cardiaca", "frequência cardíaca",
        "frequencia cardiaca", "pulso", "polso", "hartslag", "hartfrequentie", "fc",
    ),
    "blood pressure": (
        "blutdruck", "pression artérielle", "pression arterielle", "tension artérielle",
        "tension arterielle", "presión arterial", "presion arterial", "pressione arteriosa",
        "pressão arterial", "pressao arterial", "bloeddruk", "ta",
    ),
    "respiratory rate": (
        "atemfrequenz", "fréquence respiratoire", "frequence respiratoire",
        "frecuencia respiratoria", "frequenza respiratoria", "frequência respiratória",
        "frequencia respiratoria", "ademhalingsfrequentie", "fr",
    ),
    "temperature": ("temperatur", "température", "temperatura", "temperatuur", "körpertemperatur"),
    "oxygen saturation": (
        "sauerstoffsättigung", "sauerstoffsattigung", "sato2", "sat o2", "saturación",
        "saturacion", "saturazione", "saturação", "saturacao", "saturatie",
    ),
    "weight": ("gewicht", "körpergewicht", "korpergewicht", "poids", "peso"),
    "height": ("körpergröße", "korpergroße", "korpergrosse", "talla", "altezza", "altura"),
}  # fmt: skip

# Names that are English words or other things in lower case: the analyte only in capitals.
CAPITALS_ONLY = frozenset({"gpt", "alat", "asat", "fc", "fr", "ta"})
