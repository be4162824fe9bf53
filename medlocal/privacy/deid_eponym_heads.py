"""Head nouns of eponyms in English and the main European languages (round 14): the clinical
words that make a person's name beside them the name of a disease, sign, test, cell, instrument
or structure ("Capgras delusion", "Pinard stethoscope", "pouch of Douglas", "maladie de Charcot",
"segno di Blumberg", "Nikolski-Zeichen").

Three lists, by where the head stands:

* :data:`HEADS_AFTER`: English heads written after the eponym, in lower case ("Heidenhain
  variant"). Words a person owns or does ("bag", "bottle", "walk") are left out: "Tom bag".
* :data:`HEADS_BEFORE`: heads that come first in French, Spanish, Portuguese, Italian, Dutch and
  German, with a particle before the name ("doença de Chagas", "ziekte van Alzheimer",
  "scavo del Douglas"), or none ("Morbus Behçet"); folded (no accents), lower case.
* :data:`HEADS_OF`: English anatomy and conditions written "head of Name" ("circle of Willis",
  "tetralogy of Fallot").

:data:`COMPOUND_HEADS` are the last parts of a hyphenated eponym ("Nikolski-Zeichen",
"Pathergie-Test", "Norton-score", "Kaposi-Sarkom").

Source: written by hand for MedLocal (round 14) from general clinical and anatomical
vocabulary of each language, the words alone; no list or text was copied (see
resources/deid_NOTICES.txt).
"""

from __future__ import annotations

# English heads after an eponym, beyond deid_eponyms.EPONYM_HEADS: findings, psychiatric signs,
# cells and chromosomes, instruments, infections and patterns of disease.
HEADS_AFTER = frozenset(
    {
        # psychiatric and neurological phenomena
        "delusion", "delusions", "illusion", "hallucination", "hallucinations", "aphasia",
        "apraxia", "agnosia", "amnesia", "psychosis", "seizure", "seizures", "epilepsy",
        "spasm", "spasms", "dyskinesia", "dystonia", "myoclonus", "nystagmus", "pupils",
        "breathing", "respiration", "respirations", "gait", "facies", "habitus",
        # forms, variants, patterns and events
        "variant", "variants", "pattern", "patterns", "sequence", "configuration", "crisis",
        "crises", "contractions", "contraction", "tightening", "tightenings", "wave", "waves",
        "complexes", "rhythm", "block", "correction", "formula", "nomogram",
        "hypothesis", "principle", "paradox", "algorithm", "curve", "curves",
        "grading",
        # Round 19: a grade written after an angle's or a tumour's eponym in Spanish, Portuguese
        # and Italian ("Shaffer grado 3", "Gleason grau 7")
        "grado", "grau",
        # cells, bodies and genetics
        "chromosome", "chromosomes", "translocation", "granulomas", "granuloma",
        "inclusions", "inclusion", "corpuscles", "corpuscle", "crystals", "nodule",
        "fibre", "fiber", "neurons", "neuron", "plaques", "tangles",
        # infections, lesions and conditions
        "angina", "gangrene", "abscess", "fistula", "erosion", "erosions", "ulcers",
        "polyp", "polyps", "naevus", "nevus", "naevi", "nevi",
        "dislocation", "fractures", "lesion", "hematoma", "haematoma", "cataract",
        "glaucoma", "keratitis", "dysplasia", "atrophy", "paralysis", "palsies", "disorders",
        "diseases", "syndromes", "fever", "pox", "plague",
        "tenderness", "tract", "plexus",
        # Session 31: a bone's or a heart's defect named after a person ("Stafne defect",
        # "Gerbode defect"); no person has a defect written after the name in a note.
        "defect", "defects",
        "capsule", "septum", "papilla", "ducts", "canals",
        "glands", "bursae", "spaces",
        # Session 39: the anatomy and the garments left out above ("Hollenhorst plaque",
        # "Couinaud segments", "Henle loop", "Kent bundle", "Jobst sleeve"); a person in a note
        # has none of these written after the name.
        "plaque", "segment", "segments", "loop", "bundle", "tubules", "sleeve", "sleeves",
        # Session 42 (issue 16): a fracture's fragment, a sign of the cerebellum and a valve's
        # strands named after a person ("Chaput fragment", "Volkmann fragment", "Holmes
        # rebound", "Lambl excrescences"); no person has one written after the name.
        "fragment", "fragments", "rebound", "excrescence", "excrescences",
        # Session 42 (walk 42d): a protein and a surgical step named after people ("Bence Jones
        # protein", "Tamm-Horsfall protein", "Cattell-Braasch mobilisation").
        "protein", "proteins", "mobilisation", "mobilization",
        # Session 43 (dev39): the stippling of a parasitised red cell and a groove of the heart
        # or chest named after a person ("Schüffner's dots", "Maurer's clefts", "Sondergaard's
        # groove"); no person has one written after the name.
        "dots", "clefts", "stippling", "groove", "grooves",
        # instruments, devices and materials
        "stethoscope", "speculum", "laryngoscope", "cannula", "trocar",
        "osteotome",
        "rongeur", "spreader", "prosthesis", "implant", "traction", "ligature",
        "appliance", "syringe", "balloon",
        # Round 14 (precision): parts of instruments and nomograms ("Foley bulb", "Boyle-Davis
        # gag with Draffin rods"); none a thing a person owns in a note. Review 14B: not
        # "exercises", "calculator", "calculation" ("Xyz exercises taught", "Xyz calculator
        # used" are a person's as often).
        "gag", "rods", "rod", "bulb", "nomograms",
        "grommet", "grommets",
        # stains, media and preparations
        "stains", "staining", "counterstain", "broth", "smear",
        "reagent", "tuberculin",
        # Round 15 (precision): an instrument named after a person ("Hertel
        # exophthalmometer"). Its review dropped "fingers", "goggles" and "modification": a
        # person is written before them ("Pt Xyz fingers dusky", "as per Xyz modification");
        # "Frenzel goggles" and "Dawson fingers" are phrases of the clinical list instead.
        "exophthalmometer",
    }
)  # fmt: skip

# Heads that come first, with a particle or none, in the languages of Europe and Latin America:
# folded (accents removed, "enfermedad", "doenca"), lower case. "grupo"/"group" counts only with
# a class after it (see deid_eponyms): "Grupo Angeles" is a company.
HEADS_BEFORE = frozenset(
    {
        # French
        "maladie", "syndrome", "signe", "signes", "epreuve", "manoeuvre", "score", "echelle",
        "classification", "stade", "criteres", "critere", "triangle", "ligne", "canal", "trou",
        "pied", "main", "cellules", "cellule", "corps", "nodosites", "reflexe", "phenomene",
        "operation", "intervention", "technique", "procede", "methode", "sonde", "pince",
        "fracture", "luxation", "kyste", "tumeur", "lymphome", "sarcome", "ulcere", "hernie",
        "paralysie", "choree", "anevrisme", "ganglion", "glande", "glandes", "ligament",
        "membrane", "espace", "artere", "nerf", "aqueduc", "polygone", "cercle", "scissure",
        "sillon", "fosse", "angle", "loi", "regle", "indice", "index", "formule", "triade",
        "anse", "valvule", "sphincter", "ampoule", "bourse", "tubercule", "diverticule",
        "point", "test", "tetralogie", "cul-de-sac", "arc", "ilots", "nodules",
        # Spanish
        "enfermedad", "sindrome", "signo", "signos", "prueba", "maniobra", "escala",
        "puntuacion", "clasificacion", "estadio", "grado", "criterios", "criterio",
        "triangulo", "linea", "conducto", "agujero", "agujeros", "acueducto", "poligono",
        "circulo", "fisura", "cisura", "surco", "fosa", "angulo", "malformacion", "celulas",
        "celula", "cuerpos", "nodulos", "reflejo", "fenomeno", "operacion", "tecnica",
        "procedimiento", "metodo", "pinza", "fractura", "quiste", "tumor", "linfoma",
        "sarcoma", "ulcera", "hernia", "paralisis", "corea", "aneurisma", "ganglio",
        "glandula", "glandulas", "ligamento", "membrana", "espacio", "arteria", "nervio",
        "ley", "regla", "formula", "triada", "asa", "valvula", "esfinter", "ampolla", "bolsa",
        "tuberculo", "diverticulo", "punto", "tetralogia", "islotes", "mal",
        # Portuguese
        "doenca", "sinal", "sinais", "prova", "teste", "manobra", "escore", "pontuacao",
        "classificacao", "estagio", "grau", "linha", "ducto", "forame", "aqueduto",
        "fissura", "sulco", "malformacao", "corpos", "reflexo", "operacao", "fratura",
        "cisto", "quisto", "paralisia", "coreia", "nervo", "lei",
        "regra", "alca", "esfincter", "ampola", "ponto", "doencas",
        # Italian
        "malattia", "morbo", "segno", "segni", "manovra", "scala", "punteggio",
        "classificazione", "stadio", "criteri", "triangolo", "canale", "dotto",
        "acquedotto", "circolo", "scissura", "solco", "fossa", "angolo", "malformazione",
        "cellula", "corpi", "noduli", "riflesso", "operazione", "intervento",
        "procedura", "frattura", "cisti", "tumore", "ernia", "paralisi",
        "ghiandola", "ghiandole", "legamento", "spazio", "legge", "regola",
        "valvola", "sfintere", "borsa", "tubercolo", "diverticolo", "scavo", "cavo",
        "isole",
        # Round 21: fevers named after a place or a person ("fiebre de Malta", "fièvre de Lassa",
        # "febre do Nilo", "febbre di Pontiac", "koorts van Pontiac").
        "fiebre", "fievre", "febre", "febbre", "koorts",
        # classes named after a person, with their class before the name ("grupo II de Rezende")
        "grupo", "groupe", "gruppo", "groep",
        # Dutch
        "ziekte", "syndroom", "teken", "proef", "schaal", "classificatie", "stadium", "graad",
        "criteria", "driehoek", "lijn", "kanaal", "cellen", "fenomeen", "operatie",
        "techniek", "fractuur", "cyste", "lymfoom", "zweer", "verlamming", "klier",
        "membraan", "ruimte", "zenuw", "wet", "regel", "trias",
        # German and Latin, written before the name ("Morbus Crohn", "Klassifikation nach
        # Gustilo", "Stadium nach Tanner")
        "morbus", "krankheit", "klassifikation", "einteilung", "kriterien", "zeichen",
        "syndrom", "skala", "status",
        # Round 14 (precision): skin and serum reactions named after a person ("reação de
        # Montenegro", "intradermorreacción de Mantoux", "réaction de Widal").
        "reacao", "reaccion", "reazione", "reaction", "intradermorreacao",
        "intradermorreaccion", "intradermoreaccion", "intradermoreazione", "reactie",
        # Round 19 (precision): pupils, rings and grids named after a person ("pupila de
        # Adie", "anelli di Kayser-Fleischer", "rejilla de Amsler", "grille d'Amsler").
        "pupila", "pupilas", "pupille", "pupilla", "anillo", "anillos", "anel", "aneis",
        "anello", "anelli", "anneau", "anneaux", "rejilla", "griglia", "grille", "grelha",
    }
)  # fmt: skip

# Particles between a head that comes first and the name.
PARTICLES_BEFORE_NAME = frozenset(
    {
        "de", "du", "des", "d'", "d’", "di", "del", "della", "dello", "dei", "degli", "da",
        "do", "dos", "das", "van", "von", "der", "den", "nach", "la", "le", "of",
    }
)  # fmt: skip

# English heads written "head of Name" ("pouch of Douglas", "white line of Toldt", "sphincter
# of Oddi", "tetralogy of Fallot", "islets of Langerhans"); lower case only: "Department of
# Health" and "Circle of Friends" are organisations.
HEADS_OF = frozenset(
    {
        "pouch", "circle", "sphincter", "loop", "loops", "islets", "islands",
        "ligament", "ligaments", "angle", "organ", "canal", "canals", "crypts", "ampulla",
        "bundle", "space", "spaces", "foramen", "foramina", "aqueduct", "triangle", "tail",
        "nodes", "tetralogy", "pentalogy", "triad", "duct", "ducts", "column",
        "columns", "fold", "folds", "valve", "valves", "membrane", "capsule", "gland",
        "glands", "tubercle", "fissure", "fossa", "sinus", "sinuses", "plexus", "nerve",
        "artery", "vein", "cells", "corpuscles", "bodies",
        "fibres", "fibers", "layer", "fascia", "bursa", "hiatus",
        "septum", "isthmus", "ganglion", "tract", "nucleus", "nuclei",
        "cistern", "cisterna", "recess", "notch", "ampullae", "papilla",
        "diverticulum", "lines", "cords",
        # Review 14: "line", "node", "sign(s)", "test", "disease", "syndrome" and "manoeuvre"
        # are left out: English writes those eponyms before the head ("Thomas test"), and "line
        # of Thomas" is a phone line, "sign of Anna" a sighting.
    }
)  # fmt: skip

# Review 14: heads that name what a person has, feels or does (symptoms, states, findings, events
# and injuries: "Peter's seizures", "Anna's delusions", "Kowalczyk gait"). An eponym before one
# ("Kussmaul breathing", "Capgras delusion") is kept only when it is no given name, no name the
# note gives a person elsewhere, and never the patient's own name.
STATE_HEADS = frozenset(
    {
        "delusion", "delusions", "illusion", "illusions", "hallucination", "hallucinations",
        "aphasia", "apraxia", "agnosia", "amnesia", "psychosis", "seizure", "seizures",
        "epilepsy", "spasm", "spasms", "dyskinesia", "dystonia", "myoclonus", "nystagmus",
        "pupil", "pupils", "breathing", "respiration", "respirations", "gait", "facies",
        "habitus", "crisis", "crises", "contractions", "contraction", "tightening",
        "tightenings", "rhythm", "angina", "gangrene", "abscess", "fistula", "erosion",
        "erosions", "ulcer", "ulcers", "polyp", "polyps", "dislocation", "fracture",
        "fractures", "lesion", "lesions", "hematoma", "haematoma", "cataract", "glaucoma",
        "dysplasia", "atrophy", "paralysis", "paresis", "palsy", "palsies", "disorder",
        "disorders", "diseases", "fever", "tenderness", "tremor", "ataxia", "chorea", "dementia",
        "neuralgia", "murmur", "pulse", "attack", "attacks", "haemorrhage", "hemorrhage",
        "hernia", "cyst", "deformity", "contracture", "aneurysm", "anaemia", "anemia",
        "dystrophy", "crackles", "pain", "ache", "aches", "mood", "moods", "behaviour",
        "behavior", "sleep", "cough", "rash", "weakness", "fatigue", "anxiety", "depression",
        "mania", "confusion", "agitation", "speech", "voice", "vision", "hearing", "memory",
        "nausea", "vomiting", "headache", "headaches", "migraine", "swelling", "wound",
        "wounds", "infection", "bleed", "bleeding", "fall", "falls", "symptoms", "symptom",
        "episode", "episodes", "spells", "fits", "faints", "tics", "tic",
    }
)  # fmt: skip

# Review 14: the heads after which the patient's own surname is an eponym's: diseases,
# syndromes, signs, tests, scores, reflexes, phenomena, classifications, cells and the diseases
# an eponym is commonly written before (not a patient's colitis or retinopathy: "Doe colitis").
PATIENT_HEADS_AFTER = frozenset(
    {
        "disease", "syndrome", "sign", "signs", "test", "tests", "score", "scale", "criteria",
        "classification", "index", "phenomenon", "phenomena", "reflex", "triad", "pentad",
        "anomaly", "malformation", "manoeuvre", "maneuver", "cells", "bodies", "nodes",
        "granules", "inclusions", "corpuscles", "pattern", "variant", "variants", "chromosome",
        "translocation", "byo", "byou", "byō",
        "lymphoma", "sarcoma", "carcinoma", "thyroiditis", "arteritis", "lymphadenitis",
        "encephalitis", "encephalomyelitis", "tenosynovitis", "panniculitis",
        # Round 18 (precision): a sign on imaging, a reservoir, a score's part and a society's
        # guideline named after a person are no patient's ("Doe hump", "Doe pouch").
        "hump", "pouch", "subscore", "guideline", "guidelines",
    }
)  # fmt: skip

# Review 14: heads written first, with a particle, after which the patient's own surname is the
# eponym's ("maladie de Pompe", "ziekte van Menkes"): diseases, syndromes, signs, tests, scores,
# reflexes, phenomena and classifications, not what the patient has or undergoes ("fractura de
# Garcia", "operação de Pereira").
PATIENT_HEADS_BEFORE = frozenset(
    {
        "maladie", "syndrome", "signe", "signes", "epreuve", "manoeuvre", "score", "echelle",
        "classification", "criteres", "critere", "reflexe", "phenomene", "test", "malformation",
        "malformacion", "malformacao", "malformazione",
        "enfermedad", "sindrome", "signo", "signos", "prueba", "maniobra", "escala",
        "puntuacion", "clasificacion", "criterios", "criterio", "reflejo", "fenomeno",
        "doenca", "doencas", "sinal", "sinais", "prova", "teste", "manobra", "escore",
        "pontuacao", "classificacao", "reflexo",
        "malattia", "morbo", "segno", "segni", "manovra", "scala", "punteggio",
        "classificazione", "criteri", "riflesso",
        "ziekte", "syndroom", "teken", "proef", "schaal", "classificatie", "criteria", "fenomeen",
        "morbus", "krankheit", "klassifikation", "einteilung", "kriterien", "zeichen", "syndrom",
        "skala",
    }
)  # fmt: skip

# Review 14: foreign heads that name what a person has or undergoes ("fractura de", "operatie
# van"): a full name (two words) after one is a person's, whatever the words.
PERSON_HEADS_BEFORE = frozenset(
    {
        "operation", "intervention", "fracture", "luxation", "kyste", "tumeur", "ulcere",
        "hernie", "paralysie", "operacion", "procedimiento", "fractura", "quiste", "tumor",
        "ulcera", "hernia", "paralisis", "operacao", "fratura", "cisto", "quisto", "paralisia",
        "operazione", "intervento", "procedura", "frattura", "cisti", "tumore", "ernia",
        "paralisi", "operatie", "fractuur", "cyste", "zweer", "verlamming",
    }
)  # fmt: skip

# The last part of a hyphenated eponym in German, Dutch, the Scandinavian languages and English
# ("Nikolski-Zeichen", "Pathergie-Test", "Norton-score", "Kaposi-Sarkom", "Crohn-Krankheit").
# Words that are also ordinary English nouns (band, gang, type, index, position, probe...) are
# left out: after a hyphen they name companies and groups as often as eponyms, and the held-out
# check lost a name to them.
COMPOUND_HEADS = frozenset(
    {
        "zeichen", "test", "tests", "syndrom", "syndroom", "syndrome", "krankheit",
        "erkrankung", "ziekte", "score", "skala", "schaal", "reflex", "reflexe",
        "phanomen", "fenomeen", "klassifikation", "klassifikatie", "classificatie",
        "stadium", "stadien", "operation", "operatie", "methode", "zellen", "zelle", "cellen",
        "siekte", "sindroom",  # Round 16: Afrikaans ("Kawasaki-siekte")
        "handgriff", "proef", "versuch", "kriterien", "criteria", "trias",
        "sarkom", "sarcoom", "lymphom", "lymfoom", "zyste", "cyste", "fraktur",
        "fractuur", "lahmung", "parese", "ulkus", "hernie", "divertikel", "korperchen",
        "knoten", "linie", "dreieck", "kanal", "nerv", "teken",
        "graad", "einteilung", "lagerung", "manover", "punkt", "punkte",
        "tegn", "sykdom", "sjukdom", "sygdom", "tauta", "sign", "disease", "scale", "grade",
        "classification", "cells", "bodies", "nodes", "murmur", "phenomenon",
        # Round 14 (precision): German lesions, oedemas and defects named after a person
        # ("Romanus-Läsion", "Hill-Sachs-Läsion", "Quincke-Ödem", "Bankart-Läsion").
        "lasion", "lasionen", "odem", "infarkt", "anomalie", "luxation", "aneurysma",
        # Japanese "disease" romanised ("Kawasaki-byo")
        "byo", "byou",
    }
)  # fmt: skip

# Review 14: the last parts of a hyphenated eponym after which the patient's own surname is the
# eponym's: diseases, syndromes, signs and phenomena ("Fabry-Krankheit", "Kikuchi-byo"), not a
# test or a score ("Doe-Test" is the patient's test).
PATIENT_COMPOUND_HEADS = frozenset(
    {
        "zeichen", "syndrom", "syndroom", "syndrome", "krankheit", "erkrankung", "ziekte",
        "reflex", "reflexe", "phanomen", "fenomeen", "teken", "tegn", "sykdom", "sjukdom",
        "sygdom", "tauta", "sign", "disease", "phenomenon", "byo", "byou",
        # Round 16: Afrikaans ("Kawasaki-siekte", "Cushing-sindroom").
        "siekte", "sindroom",
    }
)  # fmt: skip
# Review 14: the last parts of a hyphenated measure ("Norton-score", "Tinetti-Skala"): the name
# before one is kept only where it is a scale's eponym or the compound has more parts
# ("Glasgow-Coma-Score", "New-York-Kriterien"); "Kowalczyk-score 5" is a person's score.
MEASURE_COMPOUND_HEADS = frozenset(
    {
        "score", "skala", "schaal", "scale", "grade", "graad", "stadium", "stadien",
        "klassifikation", "klassifikatie", "classificatie", "classification", "einteilung",
        "kriterien", "criteria",
    }
)  # fmt: skip

# Makers of imaging, monitoring, laboratory and implanted devices beyond deid_eponyms._MAKERS
# (which are kept alone too): the capitalised words right after one name a model ("Siemens
# MAGNETOM Vida", "Philips EPIQ", "Abbott Xience"), and the maker before a model is kept.
MAKERS = frozenset(
    {
        "siemens", "philips", "toshiba", "hitachi", "samsung", "mindray", "esaote",
        "abbott", "roche", "beckman", "sysmex", "biomerieux", "cepheid", "abiomed", "edwards",
        "stryker", "zimmer", "conmed", "storz", "ethicon", "covidien", "baxter", "braun",
        "terumo", "nipro", "cordis", "biosense", "getinge", "maquet", "draeger",
        "dräger", "masimo", "natus", "nidek", "topcon", "optos", "bausch",
        "becton", "omron", "rossmax", "accu-chek", "ypsomed", "abbvie",
        "carestream", "agfa", "shimadzu", "hologic", "elekta", "varian", "accuray", "brainlab",
        "renishaw", "nuvasive", "orthofix", "exactech", "mathys",
        "aesculap", "ziehm", "planmeca", "sirona", "vatech",
    }
)  # fmt: skip
