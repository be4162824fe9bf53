"""Recall-first de-identification: every Safe Harbor type, clinical content kept, the preview
plan (keep with a reason, add), the model line's union, and the evaluation set's targets."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fixtures.deid_corpus import CORPUS_DIR, Note, _parse_body, load, score, titles_outside

from medlocal.errors import UserInputError
from medlocal.privacy.deid_model import model_proposer, parse_proposals
from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import Shared, document_from_output, export_audited, plan_for_export

IDENTITY = PatientIdentity("Margaret Ellen Thornbury-Vale", "00482913", date(1931, 3, 14))


def redact(text: str, identity: PatientIdentity | None = None) -> str:
    return Redactor(identity, shift_days=40).redact(text)


def test_the_five_identifiers_the_issue_found_surviving() -> None:
    text = (
        "Her daughter Helen Vale came with her. Admitted to St. Brigid's Hospital from her home in "
        "Marlow Heights. She is a ninety-four-year-old woman. Pacemaker serial PZK603118H."
    )
    out = redact(text, IDENTITY)
    for survivor in ("Helen", "Vale", "Brigid", "Marlow", "Heights", "ninety", "PZK603118H"):
        assert survivor not in out, out
    assert "[FACILITY]" in out and "90+-year-old" in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Discussed with his niece Keiko Morishita.", "Keiko Morishita"),  # relative, cue
        ("Spoke with Maribel Ortiz about placement.", "Maribel Ortiz"),  # no relation cue
        ("Results called to Dana Whitlock, RN.", "Dana Whitlock"),  # clinician
        ("Follow-up at Riverbend Neurology Clinic.", "Riverbend Neurology Clinic"),  # facility
        ("Seen at Summit Ridge Gastroenterology today.", "Summit Ridge"),  # all English words
        ("She moved to Duluth last year.", "Duluth"),  # city without a ZIP
        ("Lives in Lake Placid with her son.", "Lake Placid"),
        ("A farmer in Washoe County.", "Washoe County"),  # county
        ("Found on Perkins Avenue by police.", "Perkins Avenue"),  # street without a number
        ("He is ninety-two and frail.", "ninety-two"),  # age in words
        ("A hundred and one years old.", "hundred and one"),
        ("He turned 93 during the stay.", "93"),
        ("Device serial BZQ771204R explanted.", "BZQ771204R"),
        ("Vehicle VIN 1FTFW1E58JKE37012 noted.", "1FTFW1E58JKE37012"),
        ("Ohio plate JKR 4471 left in the lot.", "JKR 4471"),
        ("Driver's licence D4471-22918-55013.", "D4471-22918-55013"),
        ("Medicare ID 1EG4-TE5-MK72 on file.", "1EG4-TE5-MK72"),
        ("Account no. 447120098 closed.", "447120098"),
        ("EMS run 2025-044718 attached.", "2025-044718"),
        ("Portal at myhealthnorth.net/notes for you.", "myhealthnorth.net"),
        ("Session from 73.162.44.201 ended.", "73.162.44.201"),
        ("Call 0161 555 0742 to book.", "0161 555 0742"),
        ("Apixaban started on 10/21 for AF.", "10/21"),
        # Second round: forms found by the wider development half.
        ("Lives at Flat 7, 3 Penrose Gardens, Falmouth.", "Flat 7"),
        ("Falmouth TR11 3QB", "TR11 3QB"),  # UK postcode
        ("Tralee, V92 X2P1", "V92 X2P1"),  # Eircode
        ("Montreal QC H2Y 2A3", "H2Y 2A3"),  # Canadian postcode
        ("Maidstone VIC 3012", "3012"),
        ("Durban, 4001\n", "4001"),  # a postcode after a place
        ("NHS number 485 777 3456.", "485 777 3456"),
        ("Medicare 4951 27830 2   DVA VX448120", "4951 27830 2"),
        ("Sample ID: SMP/25/117004", "SMP/25/117004"),
        ("Discovery Health DH 771204498.", "DH 771204498"),
        ("UDI (01)10884521145273(17)280630(10)PRK0912X.", "(17)280630"),
        ("Tablet MAC 3C:22:FB:41:0A:9E.", "3C:22:FB:41:0A:9E"),
        ("The transmitter 8KQ4X7 was replaced.", "8KQ4X7"),
        ("Serial number PZK 603118 H.", "603118"),
        ("Called at (608) 555-0119 ext. 4.", "ext. 4"),
        ("Mrs Costello, 92, lives alone.", "92"),
        ("Winston is 95 and comfortable.", "95"),
        ("CATTERMOLE, Edwina (Miss) 97Y", "97Y"),
        ("Seen on 3 Feb with her son.", "3 Feb"),
        ("Compared with the MRI of 11/2021.", "11/2021"),
        ("CXR 03/14 clear.", "03/14"),
        ("Next review booked 23/4.", "23/4"),
        ("His partner Ana van der Merwe visits.", "van der Merwe"),
        ("Faith Walker, social worker, arranged care.", "Faith Walker"),
        ("Sam will collect her.", "Sam"),
        ("He works for Summit Peak Roofing & Siding.", "Summit Peak Roofing"),
        ("Clinique Médicale du Vieux-Port", "Vieux-Port"),
        ("Born in Dingle, Co. Kerry.", "Kerry"),
        ("Discussed with Hope and Grace this morning.", "Grace"),
        ("Present: Iris, Violet and Jasmine.", "Jasmine"),
        ("NOK: Patience Walker (daughter)", "Walker"),
        ("Her cousin, Rosemary Lane, is a nurse.", "Rosemary"),
        ("Dear Jenny,", "Jenny"),
        ("Home to Rural Route 2, Wahpeton.", "Rural Route 2"),
        ("His nephew Colm Byrne visited.", "Colm"),  # "nephew" is no device maker
        ("Defibrillator model D384TRG, serial PZK 60 3118.", "PZK 60 3118"),
        ("Pump serial ending 4471.", "4471"),
        ("Referred by Specsavers Ealing Broadway.", "Ealing"),
        ("Seen by Ana Frame on the ward.", "Frame"),  # a capitalised "Frame" is a surname
        # Third round: general causes of the misses of the development data (dev and the two
        # earlier held-out halves).
        ("Rollover on State Route 2 near the exit.", "State"),  # a road's jurisdiction
        ("Found on US Highway 41 at dawn.", "US Highway"),
        ("Lives off County Road 12.", "County Road 12"),
        ("Seen at University Hospital Ballinacourty today.", "Ballinacourty"),  # generic + place
        ("Seen at University Hospital Ballinacourty today.", "University Hospital"),
        ("Transferred to Regional Hospital Mullingar.", "Regional Hospital"),
        ("Arrival by Erie County EMS Medic 7.", "EMS"),  # an all-caps facility word
        ("Picked up her tablets at Meijer.", "Meijer"),  # a store brand is a store's name
        ("Mrs Ringer's daughter called.", "Ringer"),  # a title still makes the word a name
        # Fourth round: general causes of the misses of the third development half (dev3).
        # Address parts of every country, and an address line read part by part.
        ("Lives at RR 3, Site 12, Comp 7, Kemptville.", "Site 12"),
        ("Home: Lot 14 Ridgewood Drive, Logan Reserve.", "Lot 14"),
        ("Address: H.No 12-3-45, Road No. 4, Banjara Hills.", "12-3-45"),
        ("Address: H.No 12-3-45, Road No. 4, Banjara Hills.", "Road No. 4"),
        ("Blk 123 Ang Mo Kio Ave 3 #05-67, Singapore 560123", "#05-67"),
        ("Location: Ballyheigue Road, Causeway, Co. Kerry.", "Causeway"),  # an English word
        ("Unit 3B, 2nd Floor, Trinoma Mall, EDSA cor. North Avenue.", "Trinoma"),
        ("Unit 3B, 2nd Floor, Trinoma Mall, EDSA cor. North Avenue.", "EDSA"),
        ("Discharged to #204 - 1175 Nicola St, Vancouver.", "#204"),
        ("Works at Lot 7, 24-30 Pike Street, Rydalmere.", "24-30"),
        ("Home address 3-14-2 Nishi-Shinjuku, Tokyo.", "3-14-2"),
        ("Shinjuku-ku, Tokyo 〒160-0023", "160-0023"),
        ("Write to Private Bag 3020, Hamilton.", "3020"),
        ("Quezon City 1119   Mobile", "1119"),  # a postcode before a field gap
        ("Mamelodi East, 0122   Cell", "0122"),  # after a place of two words
        ("Bengaluru 560003 with her grandson", "560003"),  # a six-digit PIN code
        ("Postcode: 4001.", "4001"),
        # Telephone numbers in national layouts.
        ("Home (07) 3555 0142 after six.", "3555 0142"),
        ("Alt 040-2355 1234.", "2355 1234"),
        ("Son-in-law Lim 6555 0123.", "6555 0123"),
        ("Case manager 1300 555 771.", "555 771"),
        ("HR contact 704-555-0166 x 3120.", "3120"),
        ("M: 0412 345 678", "345 678"),
        ("Call +44 (0)20 7946 0958.", "7946"),
        ("Or 555-0147 after hours.", "555-0147"),
        # Vehicles, cards, codes and handles.
        ("Transport van SJK 4471 B waiting.", "SJK 4471"),
        ("Vehicle LSR 447 XY (company car).", "LSR 447"),
        ("Her car (rego XYZ 889) was left.", "XYZ 889"),
        ("A blue Toyota Corolla, KDA 123X, was towed.", "KDA 123X"),
        ("Medical card 4471902K.", "4471902K"),
        ("Medicare 4412 99021 3 (IRN 2)", "IRN 2"),
        ("RxPCN MEDDADV", "MEDDADV"),
        ("Key safe 4471.", "4471"),
        ("File LUTH/OH/4471", "LUTH/OH/4471"),
        ("KMPDC A8821", "A8821"),
        ("Crew: P. Moriarty (AP, PIN 118822)", "118822"),
        ("Code AB-123-CD issued.", "AB-123-CD"),  # capitals and digits: any other code
        ("ABHA arjun.iyer1931@abdm", "arjun.iyer1931"),
        ("Review via knh.or.ke/tele next week.", "knh.or.ke"),
        # Dates and ages.
        ("Next visit Thursday 20th.", "20th"),
        ("She stopped it in June.", "June"),
        ("Date 14 Sep 25 at the scene.", "14 Sep"),
        ("Date: 2025年10月3日", "10月3日"),
        ("Sheppard Pratt, Towson, MD   7/4", "7/4"),  # a date alone in a header field
        ("Seen 14/Aug/2025 and 2025.08.14.", "14/Aug"),
        ("Seen 14/Aug/2025 and 2025.08.14.", "08.14"),
        ("Another resident, a nonagenarian, saw it.", "nonagenarian"),
        ("A centenarian on six medicines.", "centenarian"),
        ("In her late 90s and frail.", "90s"),
        ("Her 93rd birthday was on Sunday.", "93rd"),
        # People.
        ("Ex-partner Rose ended it.", "Rose"),
        ("Public defender Will Major attended.", "Major"),
        ("A bystander Con Papadopoulos helped.", "Con"),
        ("Educator; K. Moss, CDCES.", "Moss"),
        ("RN in charge Jasmine Ko, ward 4.", "Jasmine"),  # a given name and a surname
        ("Roommate J.T., reports pacing.", "J.T."),
        ('Tobias ("Toby") attended.', "Toby"),
        ("Mr Sato (佐藤 博) arrived.", "佐藤"),
        # Organisations.
        ("HAEMODIALYSIS - NKF Dialysis Centre", "NKF"),  # an acronym in a facility's name
        ("Sources: CVS Pharmacy #9921.", "CVS"),
        ("Sources: CVS Pharmacy #9921.", "9921"),
        ("Employer: Nigeria LNG Limited.", "LNG"),
        ("Seen at Lions SightFirst Eye Hospital.", "SightFirst"),
        ("Advised review at NIMHANS next month.", "NIMHANS"),
        ("Referred to AIIMS New Delhi.", "AIIMS"),
        ("Transfer to Joondalup Health Campus ED.", "Joondalup"),
        ("District: Mason City Schools.", "Mason"),
        ("She works as a barista at Daily Grind Coffee.", "Daily Grind"),
        ("Community midwife (Shirley Team).", "Shirley"),
        ("Admitted to CaroMont Regional Medical Center.", "CaroMont"),
        # Fourth round, second part: general forms beyond dev3's own.
        ("Call 07700 900412 today.", "900412"),  # a trunk zero in any grouping
        ("Or 01 555 0123.", "555 0123"),
        ("Freephone 0800 83 83 83.", "83 83"),
        ("From abroad 00 44 20 7946 0958.", "7946"),
        ("Aet. 93, frail.", "93"),
        ("F, 93, lives alone.", "93"),
        ("Woman of 91 y, frail.", "91"),
        ("In the tenth decade of life.", "tenth decade"),
        ("Seen 2025-08-14T09:30 in clinic.", "08-14"),
        ("Admitted over Boxing Day.", "Boxing"),
        ("Seen on the fourteenth of August.", "fourteenth"),
        ("Seen August the 14th.", "14th"),
        ("Hope (daughter) visited.", "Hope"),  # a relation after the name
        ("Kind regards,\nJane Frost", "Frost"),  # a closing on the line before
        ("Lives on Tannery Cres.", "Tannery"),
        ("Brought in from Heatherfield Care Home with hyponatremia.", "Care Home"),
        # Fifth round: general forms found by the fourth development half (dev4).
        ("Seen on Veterans Day, after Whit Monday.", "Veterans"),
        ("Seen on Veterans Day, after Whit Monday.", "Whit"),
        ("During the Chinese New Year holiday week.", "Chinese New Year"),
        ("Three falls since Hallowe'en.", "Hallowe"),
        ("Entrée le 14 juillet, sortie le 1er août 2025.", "juillet"),
        ("Entrée le 14 juillet, sortie le 1er août 2025.", "août"),
        ("Inpatient 3–5 May.", "3–5"),
        ("Week of 19-23 May.", "19-23"),
        ("Visit Tue 2 Sept at 10:00.", "Tue"),
        ("Admitted on the third; discharged on the fifth.", "fifth"),
        ("Age/Sex: 96 Y / M", "96"),
        ("Mrs Ormerod, aged ninety-eight (98), lives alone.", "98"),
        ("At 96 and in his tenth decade he still walks.", "96"),
        ("Southern Cross member 441 182 930.", "182 930"),
        ("Mutuelle MGEN, adhérent 0441882 209.", "0441882"),
        ("Sub ID GHP441882-01; Cert # C-0881204.", "0881204"),
        ("Medicare 2951 60413 1/3.", "1/3"),
        ("BC PHN 9 123 456 782.", "456 782"),
        ("NIR 1 32 07 31 555 042 37, mutuelle.", "042 37"),
        ("Claim ref CLM 8842 1190 03.", "8842"),
        ("Present: Dr Kaya, Sommer (breast care nurse), Winter (radiology), Jäger.", "Winter"),
        ("Present: Dr Kaya, Sommer (breast care nurse), Winter (radiology), Jäger.", "Jäger"),
        ("Midwives: Jo, Star and Blessing Okafor.", "Star"),
        ("Scrub: Jory.", "Jory"),
        ("To: Sunny Wilde; Bill Archer; Robin Hood-Parry", "Hood-Parry"),
        ("Witness: co-worker Duke Carver.", "Duke"),
        ("She lives at The Willows sheltered flats.", "The Willows"),
        ("He rang from near The Red Lion pub.", "Red Lion"),
        ("Phoned to the nurse on Cedar Ward at 16:10.", "Cedar"),
        ("Transferred to Hope Hospital Maternity.", "Maternity"),
        ("Seen at Noah's Ark Children's Hospital for Wales.", "for Wales"),
        ("Her partner works at Medtronic Galway.", "Galway"),
        ("Consultation - Hôpital de l'Enfant-Jésus, Québec.", "Enfant"),
        ("He is frail. At 96, he still walks to the shop.", "96"),
        ("Pt (93) lives alone.", "93"),
        ("An elderly lady of 97, seen at home.", "97"),
        ("She is nearly 95.", "95"),
        ("Symptoms since mid-March.", "March"),
        ("Review w/c 10/3.", "10/3"),
        ("Lab ref. M25/004471 received.", "004471"),
        ("Enc# 4471 opened.", "4471"),
        ("Insurance: Aetna W 188 442 017.", "442 017"),
        ("Cover: Bupa 88120447/01.", "88120447"),
        ("Bill and Frank came in.", "Bill"),  # a given name before a found name and "and"
        ("Rose, Ivy and Jack Smith visited.", "Rose"),
        ("Message taken by Mark (ward clerk).", "Mark"),  # a role in brackets
        ("She attends Marton Methodist Church.", "Methodist"),  # "attends" is no product here
        ("ED reg Brown happy with the plan.", "Brown"),  # abbreviated roles
        ("Escorted by PC Wood.", "Wood"),
        ("HCA Lily assisted.", "Lily"),
        ("Scribe: Amber L.", "Amber"),  # a role's field holds a person
        ("Nurse in charge: Crystal", "Crystal"),
        ("Best wishes, Bill", "Bill"),
        ("He lives in Little Haven.", "Little Haven"),  # English words after "lives in"
        ("Moved to Castle Rock in 2019.", "Castle Rock"),
        ("EDD: 1/9, LMP 12/3.", "1/9"),  # obstetric date labels
        ("Resident, 96, in room 4.", "96"),
        ("Age at death: 97", "97"),
        ("Age (yrs): 93", "93"),
        ("Please ring on 555 0147 after five.", "555 0147"),  # after a verb of calling
        ("Tel. (+353) 1 555 0123", "555 0123"),
        ("Leave between 3rd and 5th May.", "3rd"),
        (
            "ASSESSMENT - Banksia Grove Aged Care, Bendigo VIC\nAt Men's Shed Bendigo.",
            "Bendigo VIC",
        ),
    ],
)
def test_each_safe_harbor_form_is_removed(text: str, gone: str) -> None:
    assert gone not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Parkinson disease stable on carbidopa-levodopa 25/100 three times daily.",
        "Glasgow Coma Scale 14; Bruce protocol stage 3; Babinski downgoing; Romberg negative.",
        "Positive Murphy's sign; stone in Hartmann's pouch; Whipple procedure; Kocher maneuver.",
        "Bell's palsy, House-Brackmann grade III; no Ramsay Hunt features; Horner syndrome.",
        "Gleason score 3+4=7; PSA 8.2 ng/mL; CHA2DS2-VASc 4; HbA1c 6.9%; eGFR >90.",
        "Escherichia coli sensitive to ceftriaxone; Klebsiella pneumoniae ESBL.",
        "Motor power 5/5; 3/6 systolic murmur; Hemoglobin 10.8 g/dL; Ferritin 6 ng/mL.",
        "Furosemide 40 mg IV; Apixaban 5 mg twice daily; Sacubitril-valsartan held.",
        "A 67-year-old man; Jackson-Pratt drain; Foley catheter removed; Spanish interpreter.",
        "Trousseau sign positive; Mallampati class III; Cormack-Lehane grade 3.",
        "Hunt and Hess grade 2; Modified Rankin Scale 1; West Haven grade 2; Graves orbitopathy.",
        "Metzenbaum scissors, Allis clamps and a Weitlaner retractor; Lichtenstein repair.",
        "Modic type 1 changes; Schmorl nodes; Shenton line intact; Child-Turcotte-Pugh B.",
        "Anti-dsDNA 45 IU/mL; Anti-TPO 342 IU/mL; FibroScan 14.2 kPa; Vicryl 3-0.",
        "The stimulator lead sits at T8-T10; pacemaker check with V4-V6 normal; G3P2A1.",
        "Power 4/5 in the left arm; GCS 9/15; MoCA 12/30; pain 3/10; 3/24 history of cough.",
        "Discussed with Cardiology and Renal.\nDear Colleague,\nMother: Breast Cancer at 50.",
        "Pacemaker: Medtronic Advisa; Bluetooth pairing with the iPhone app; theatre; oedema.",
        "Amsler grid normal; Ishihara plates 17/17; Snellen chart; Karnofsky 80%; Neutrophils 1.1.",
        "Uses a Zimmer frame. Investigations: Lipids, Coag.",
        # Third round: general causes of the clinical terms the development data lost.
        "Septic shock: 30 mL/kg lactated Ringer's given.",  # a possessive reads as its word
        "Adenocarcinoma of the caecum, pT3 pN1b, Dukes C1.",  # a stage with a sub-stage digit
        "Gleason score 3+4=7 (Grade Group 2), 4 of 12 cores.",  # a capitalised class word
        "R-CHOP cycle 4; Pola-R-CHP and Dara-VRd discussed.",  # regimens in mixed case
        "A Lexiscan study was considered. DaTscan not needed.",  # FDA-listed brand names
        # Fourth round: the clinical value grammar around capitalised words (dev3).
        "Qb 300 mL/min, Qd 500, Kt/V 1.32, URR 71%.",  # a short abbreviation before a value
        "Coversyl 4 mg, Targin 5/2.5 bd, Panadol Osteo 1330 mg, Spiriva Respimat 2 puffs.",
        "Rh positive; Group B Strep positive; Ishihara normal.",  # a test before its result
        "Inj. Tetanus toxoid; Tab. Metformin 500 mg; Carb ratio 1:15.",
        "Location: Left Lower Lobe. Home: Lives with wife.",  # no address after the label
        "C282Y homozygous; CA-125 raised; CD117 positive; BRAF V600E; EF 55-60%.",
        "Power  4/5 and 3/5 in the legs.",
        "NYHA class II.\nNYHA class III at rest.",
        "Cutibacterium acnes and Candida auris grown; Streptococcus pyogenes.",  # genus, species
        "Movicol sachets daily; Targin SR nocte; Augmentin IV.",  # a formulation or route
        "Meckel diverticulum; Bartholin gland; Bier block; Philadelphia collar.",
        "Meds: Lasix, Coversyl, metformin. Tacrolimus levels; Holter monitor; Gram stain.",
        # Fifth round: names that are products, scales, markers, codes and trials (dev4).
        "Dressed with Aquacel Ag, Kerramax Care, Actico; alternatives Sorbsan or Urgotul.",
        "Continence: Conveen sheath. Mobility: Sara Stedy with two; Oxford hoist.",
        "Madopar dispersible; Glucagen Hypokit in the office; Trelegy Ellipta daily.",
        "Braden 13. Tinetti 14/28. Barthel 55; modified Rankin 3; Lewy body features.",
        "Score de Glasgow 15. Échelle de Norton 12. Ziekte van Parkinson.",
        "Ki-67 30%; CPT 45385; eligible for KEYNOTE-522.",
        "Bair Hugger warming; Lloyd Davies not used; McKinley T34 driver; Webster-pak weekly.",
        "Mepilex Ag, Allevyn Gentle Border, Cutimed Siltec, Tegaderm Foam.",  # product variants
        "Gustilo IIIA; Ballard 38 weeks; Finnegan 6; Perthes; Osgood-Schlatter; Impella CP.",
        "Foley 14Fr; PEG Corflo; Freka PEG; Elastoplast allergy; Scandishake.",  # sizes, products
        "Genetics: Marfan, Klinefelter, Prader-Willi. Rash: Koebner, Auspitz, Nikolsky.",
        "Fractures: Maisonneuve, Lisfranc, Chopart, Hill-Sachs, Bankart.",
    ],
)
def test_clinical_content_is_kept(text: str) -> None:
    assert Redactor(shift_days=40).preview(text) == []


# Eighth round (dev7, international records): general forms written as other countries write
# them. Each case: the identifier is gone and what replaces it reads as its kind.
@pytest.mark.parametrize(
    ("text", "gone", "replacement"),
    [
        # Text in a non-Latin script is a name, a place or an address.
        ("Patient: KIM MIN-JUN (김민준), 54.", "김민준", "([NAME])"),
        ("〒150-0002 東京都渋谷区 渋谷2-15-1 渋谷クロスタワー 5F", "渋谷", "[ADDRESS]"),
        ("Address: 人民南路四段 27号 3栋 2单元 501, 成都市 610041", "501", "[CITY] [ZIP]"),
        ("Mother: Фатима Алиева; father: محمد علي", "Алиева", "Mother: [NAME]"),
        ("Referred by अनिल शर्मा today.", "शर्मा", "by [NAME] today"),
        # East-Asian dates.
        ("Seen 令和8年10月2日 (2 Oct).", "令和", "[DATE]"),
        ("검사일 2026년 10월 2일", "10월", "[DATE]"),
        ("Issued 2026年10月2日.", "2026年", "Issued [DATE]."),
        # Masked national and identity numbers.
        ("Aadhaar: XXXX XXXX 7392", "7392", "[SSN]"),
        ("SSN of decedent ***-**-4471.", "4471", "[SSN]"),
        ("RRN: 670228-1******", "670228", "[SSN]"),
        ("SSN xxx-xx-1234 on file", "1234", "[SSN]"),
        ("Expediente: 20117734   NSS: 4317 37 1290 2", "1290", "NSS: [SSN]"),
        # Ages over 89 after a name in quotes or brackets.
        ('Pt: Winifred Ashworth ("Winnie"), 97, hosp no 2290117', "97", "90+"),
        ("Mr Okafor (Sam), 104, lives alone", "104", "90+"),
        # Dates in lower case and in other languages: a day number is always there.
        ("Next review 16 april.", "april", "Next review "),
        # Shifted, in their own language (walk 54a D3; they were "[DATE]").
        ("Date: le 8 septembre 2026", "septembre", "Date: le 18 octobre 2026"),
        ("Visto el 3 de marzo de 2026.", "marzo", "Visto el 12 de abril de 2026."),
        ("Termin am 8. September 2026.", "September", "Termin am 18. Oktober 2026."),
        ("Besök 4 maj 2026; controle 2 mei 2026.", "maj", "[DATE]"),
        ("Seen april 16 in clinic.", "april", " in clinic."),
        # Streets after a street word of another language, and their postcodes.
        ("Domicilio: Calle Zaragoza 418 Int. 3, Monterrey", "Zaragoza", "[ADDRESS]"),
        ("Adresse: 1450, rue des Érables, app. 3, Lévis", "Érables", "[ADDRESS]"),
        ("Fleminggatan 18, 3 tr, 112 26 Stockholm", "112 26", "[ADDRESS], [ZIP]"),
        ("Wohnt in der Hauptstraße 5a, Berlin.", "Hauptstraße", "[ADDRESS]"),
        ("Address: Cnoc na Gréine, 7, Annascaul", "Gréine", "[ADDRESS]"),
        ("45 Teheran-ro 8-gil, Gangnam-gu", "Teheran", "[ADDRESS]"),
        ("Via Garibaldi 12, Torino", "Garibaldi", "[ADDRESS]"),
        ("Col. Independencia, C.P. 64720", "64720", "[CITY], [ZIP]"),
        ("2F Unit 204 Ayala Tower, 118 Rizal Avenue", "2F", "[ADDRESS] [ADDRESS]"),
        ("Songshan Dist., Taipei City 105", "105", "[ZIP]"),
        # Vehicles and driving licences.
        ("found in his 1998 Ford Ranger, KY plate 227-PXB.", "227", "[ID], [ID]"),
        ("vehicle Gray 2019 Nissan Altima, plate LKV-4492", "LKV", "vehicle [ID], [ID]"),
        ("DOB 10-15-1988   DL TX 30188274", "30188274", "DL [ID]"),
        ("Driver licence DL EK448120 class 5", "EK448120", "licence [ID]"),
    ],
)
def test_international_forms_are_removed(text: str, gone: str, replacement: str) -> None:
    out = redact(text)
    assert gone not in out, out
    assert replacement in out, out


@pytest.mark.parametrize(
    "text",
    [
        "α-synuclein deposits; β-blocker started; κ light chains raised; γ-GT 80.",
        "SpO2 92, HR 97, BP 120/92, 92% on air.",
        "Pain 4/10; 2 x 3 mm lesion; XX chromosomes; Ishihara plates 17/17.",
        "The headache may 3 times a week wake her. Symptoms may recur.",
        "Kawasaki disease treated; Ford classification in 2019 notes.",
        "Follow-up in 2 weeks; review 3 months; Bristol stool type 4.",
        "SSN 12 mg; NSS score 4; City 2 of 5 sites; 2F catheter; 5F sheath.",
    ],
)
def test_international_look_alikes_are_kept(text: str) -> None:
    found = [r.original for r in Redactor(shift_days=40).preview(text)]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        ("NOTE 2026-10-05 Dr Mele Havili\nGout flare.", "2026-10-05"),
        ("VISIT 2026-10-05 14:00 seen in clinic", "2026-10-05"),
        ("DOS 10/05/2026 follow-up", "10/05/2026"),
        ("Session 2026-10-05: reviewed the plan.", "2026-10-05"),
    ],
)
def test_a_date_after_a_word_in_capitals_or_a_code_cue_is_a_shifted_date(
    text: str, date_text: str
) -> None:
    # A line opening "NOTE 2026-10-05" had its date removed as the number part of a code: the
    # export's date shift must apply to it, as to every other date.
    found = [r for r in Redactor(shift_days=40).preview(text) if r.original.startswith(date_text)]
    assert [r.kind for r in found] == ["date"]
    assert found[0].replacement not in ("[ID]", "[DATE]")


def _plan() -> RedactionPlan:
    fields = [
        ("title", "Letter about Helen Vale"),
        ("body", "Parkinson reviewed. Her friend Yvette Moreau visits; Moreau drives."),
    ]
    return RedactionPlan.build(fields, Redactor(shift_days=40))


def test_plan_numbers_spans_and_keeps_one_with_an_audited_reason() -> None:
    plan = _plan()
    assert [(it.number, it.where, it.redaction.kind) for it in plan.items] == [
        (1, "title", "name"),
        (2, "body", "name"),
        (3, "body", "name"),
    ]
    plan.keep(3, "surname also a ward name")
    assert plan.apply("body", plan.fields[1][1]).endswith("Moreau drives.")
    details = plan.audit_details()
    assert details == {
        "redactions": 2,
        "redaction_types": ["name=2"],
        "redactions_added": 0,
        "kept": ["3 name in body"],
        "kept_reasons": ["surname also a ward name"],
    }


def test_plan_refuses_a_keep_without_reason_or_with_an_unknown_number() -> None:
    plan = _plan()
    with pytest.raises(UserInputError):
        plan.keep(1, "  ")
    with pytest.raises(UserInputError):
        plan.keep(9, "why not")
    with pytest.raises(UserInputError):
        plan.keep(1, "x" * 121)  # the audit log takes short strings only


def test_plan_add_redacts_every_occurrence_and_merges_overlaps() -> None:
    plan = _plan()
    assert plan.add("reviewed") == 1
    assert plan.add("Yvette Moreau visits") == 1  # overlaps a found name: merged, not doubled
    body = plan.apply("body", plan.fields[1][1])
    assert "reviewed" not in body and "visits" not in body and "Yvette" not in body
    added = [it for it in plan.items if it.added]
    assert len(added) == 2 and plan.audit_details()["redactions_added"] == 2


def test_plan_numbers_do_not_change_when_a_text_is_added() -> None:
    """walk15 #1: an add renumbered the list, so the number read after an add named another span
    once keeps were applied (before the adds) and the audit logged the shifted number."""
    plan = _plan()
    moreau = plan.item(3).redaction.original
    assert plan.add("reviewed") == 1  # before every span of the body
    assert [(it.number, it.redaction.original) for it in plan.items] == [
        (1, "Helen Vale"),
        (4, "reviewed"),  # numbered after the rules' spans, listed where it stands
        (2, "Yvette Moreau"),
        (3, moreau),
    ]
    plan.keep(3, "surname also a ward name")
    assert plan.apply("body", plan.fields[1][1]).endswith("Moreau drives.")
    assert plan.audit_details()["kept"] == ["3 name in body"]


def test_plan_refuses_to_keep_a_span_an_added_text_absorbed() -> None:
    plan = _plan()
    plan.add("Yvette Moreau visits")  # absorbs span 2
    assert [it.number for it in plan.items] == [1, 4, 3]
    with pytest.raises(UserInputError, match="redaction 2 is now part of redaction 4"):
        plan.keep(2, "a ward name")
    with pytest.raises(UserInputError, match="a text you added"):
        plan.keep(4, "a ward name")
    with pytest.raises(UserInputError, match="lists 1, 3-4"):
        plan.keep(9, "why not")


def test_export_keeps_the_number_a_preview_with_the_adds_printed(tmp_path: Path) -> None:
    """The preview made with --add printed the numbers; the export with the same --add and a
    --keep of one of them keeps that span, whichever order the options come in, and the audit
    log records that number."""
    body = "Seen with a carer. Helen Vale saw Dr. Okafor at Larkfield Clinic on 03/12/2025."
    doc = document_from_output("Letter", "summary", body, {}, [])
    vault = _Vault()
    preview = plan_for_export(vault, 7, doc, add=["carer"], scope=Shared.output(1).scope)
    okafor = next(it for it in preview.items if "Okafor" in it.redaction.original)
    path = tmp_path / "out.md"
    export_audited(
        vault,
        Shared.output(1),
        7,
        doc,
        path,
        redact=True,
        keep=[(okafor.number, "colleague")],
        add=["carer"],
    )
    text = path.read_text()
    assert "Okafor" in text and "03/12/2025" not in text and "carer" not in text
    details = vault.events[0][1]
    assert details["kept"] == [f"{okafor.number} {okafor.redaction.kind} in body"]


def test_model_line_only_adds_and_ignores_inventions_and_clinical_terms() -> None:
    text = "Seen with Bob at the Larkfield. Parkinson disease stable. Dr. Okafor agreed."
    rules = Redactor(shift_days=40).preview(text)

    def completion(prompt: str) -> str:
        assert "Parkinson disease stable" in prompt
        return "PERSON: Bob\nORG: Larkfield\nPERSON: Nobody Here\nPERSON: Parkinson\nnoise"

    with_model = Redactor(shift_days=40, proposer=model_proposer(completion)).preview(text)
    covered = {i for r in with_model for i in range(r.start, r.end)}
    assert all(i in covered for r in rules for i in range(r.start, r.end))
    out = Redactor(shift_days=40, proposer=model_proposer(completion)).redact(text)
    assert "Bob" not in out and "Larkfield" not in out and "Parkinson disease" in out

    silent = Redactor(shift_days=40, proposer=model_proposer(lambda prompt: "NONE")).preview(text)
    assert silent == rules  # a model that finds nothing never removes a rule's span


def test_parse_proposals_reads_loose_list_formats() -> None:
    assert parse_proposals("- PERSON: Ann Lee\n* place = Troy\nORGANIZATION: Acme.\nNONE") == [
        ("name", "Ann Lee"),
        ("location", "Troy"),
        ("facility", "Acme"),
    ]


class _Vault:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def get_patient(self, patient_id: int) -> Any:
        class P:
            name, mrn, dob = "Helen Vale", "778812", "1940-01-02"

        return P()

    def date_shift_days(self, scope: str) -> int:
        return 100

    def list_documents(self, patient_id: int | None = None) -> list[Any]:
        return []

    def document_text(self, document_id: int) -> str:
        return ""

    def record_event(self, kind: str, details: dict[str, Any]) -> None:
        # The real audit log takes flat values only: numbers, flags, short strings, lists of them.
        for value in details.values():
            for item in value if isinstance(value, list) else [value]:
                assert isinstance(item, bool | int | float) or len(item) <= 128, details
        self.events.append((kind, details))


def test_export_applies_kept_and_added_spans_and_audits_reasons(tmp_path: Path) -> None:
    body = "Helen Vale saw Dr. Okafor at Larkfield Clinic. Wilson disease ruled out by Zed."
    doc = document_from_output("Letter", "summary", body, {}, [])
    vault = _Vault()
    path = tmp_path / "out.md"
    export_audited(
        vault,
        Shared.output(1),
        7,
        doc,
        path,
        redact=True,
        keep=[(2, "clinician consents")],
        add=["Zed"],
    )
    text = path.read_text()
    assert "Helen" not in text and "Larkfield" not in text and "Zed" not in text
    assert "Dr. Okafor" in text and "Wilson disease" in text
    kind, details = vault.events[0]
    assert kind == "export" and details["kept_reasons"] == ["clinician consents"]
    assert "Okafor" not in str(details) and "Helen" not in str(details)


def test_shared_names_only_an_output_or_a_document() -> None:
    assert Shared.output(3).audit_subject == {"output_id": 3}
    assert Shared.document(7).audit_subject == {"document_id": 7}
    assert Shared.output(3).scope != Shared.document(3).scope
    with pytest.raises(ValueError, match="outptu"):
        Shared("outptu", 3)  # type: ignore[arg-type]


def _figures(half: str) -> tuple[float, float]:
    """(recall, share of clinical terms redacted) of a half the rules must not be tuned on, as
    plain numbers: a failing assertion then prints no identifier or term of it."""
    result = score(load(half), _spans)
    return result.recall, 1 - result.clinical_kept


def _spans(note: Note) -> list[tuple[int, int]]:
    identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
    return [(r.start, r.end) for r in Redactor(identity, shift_days=40).preview(note.text)]


# Clinical terms of the development half the rules still damage: none since the eighth round
# ("Denver II", an eponym that is also a listed place before a grade, is a listed phrase now;
# "Pola-R-CHP" is kept since the third round: a hyphenated word mixing cases is no name).
_KNOWN_DEV_DAMAGE: list[tuple[str, str]] = []


def test_development_half_is_fully_recalled_with_clinical_terms_kept() -> None:
    result = score(load("dev"), _spans)
    assert result.missed == []
    assert result.damaged == _KNOWN_DEV_DAMAGE


def test_held_out_half_stays_at_its_measured_recall_and_precision() -> None:
    # Development data since the third round (its misses were used then). Second round: 196/197
    # (99.49%; device numbers 3/4) and 0.6% of clinical terms redacted; third round: 197/197 and
    # 0/163 (the device miss was an annotation that took in the maker and model, narrowed then
    # to the serial as everywhere else in the set). The per-type figures are in
    # benchmarks/bench_deid.py.
    result = score(load("heldout"), _spans)
    assert len(load("heldout")) >= 20 and sum(result.total.values()) >= 150
    recall = result.recall
    assert recall >= 0.995, f"held-out recall {recall:.4f}"
    clinical_redacted = 1 - result.clinical_kept
    assert clinical_redacted <= 0.02, f"held-out clinical terms redacted {clinical_redacted:.4f}"


def test_second_held_out_half_stays_at_its_measured_recall_and_precision() -> None:
    # Written after the first held-out half's misses had been seen; development data since the
    # third round. Before the second round: 322/358 (89.94%) and 5.6% of clinical terms redacted;
    # after it: 355/358 (99.16%; facilities 41/43, streets 14/15) and 2.2% (6/270); after the
    # third: 358/358 and 0.7% (2/270: a bone-cement brand, and "Newborn" at a sentence start,
    # which is a listed surname and no 1934 dictionary word); after the fifth 0.4% (1/270: the
    # bone cement is on the product list).
    notes = load("heldout2")
    result = score(notes, _spans)
    assert len(notes) >= 20 and sum(result.total.values()) >= 300
    recall = result.recall
    assert recall >= 0.995, f"second held-out recall {recall:.4f}"
    clinical_redacted = 1 - result.clinical_kept
    assert clinical_redacted <= 0.004, f"second held-out clinical redacted {clinical_redacted:.4f}"


def test_third_held_out_half_stays_at_its_measured_recall_and_precision() -> None:
    # The honest figures: written before the third round's rule changes and never used to make
    # them. Before that round 458/520 (88.08%) and 6.7% of clinical terms redacted (29/432);
    # after it 459/520 (88.27%) and 6.7%. Fourth round (changes made from dev3's misses; only
    # this half's per-type table was run, three times): 490/520 (94.23%) and 4.2% after its
    # first part, 491/520 (94.42%) and 3.9% (17/432) after its second. Fifth round (changes
    # made from dev4's misses and from probe sentences; this half's per-type table run three
    # times, before and after each): 494/520 (95.00%) and 2.8% (12/432) after the dev4
    # changes, 494/520 and 2.5% (11/432) after the probe changes: still below the targets (99%
    # overall, 95% a type, 2%). Sixth round (changes made from dev5a's misses, dev5b as its
    # validation; this half's table run once, after): 496/520 (95.38%) and 2.5% (11/432). Round 7
    # (dev6 as validation; once, after): 499/520 (95.96%), 2.5%. Round 8 (session 11: dev7's
    # misses used, dev8 as validation; the table run after the round, then once more after a
    # fix that made the statistical line a strict union): rules alone 499/520 (95.96%) and 2.3%
    # (10/432), with the statistical line 501/520 (96.35%) and 2.3%. A regression guard only,
    # not a target. Round 9 (session 12: dev9, dev10 and dev11's misses used, the line retrained
    # on them, dev8 as validation; the table run once, at the end): rules alone 502/520
    # (96.54%), with the line 504/520 (96.92%) and 2.3%. Failures print figures only, never the
    # notes' misses.
    # The figures are bound to plain floats before asserting: pytest would otherwise print the
    # whole score, misses included, on a failure.
    recall, clinical_redacted = _figures("heldout3")
    assert recall >= 0.969, f"third held-out recall {recall:.4f}"
    # Round 10 (session 13, aggregate only): 504/520 unchanged, 1.8% (8/432) of clinical terms.
    assert clinical_redacted <= 0.019, f"third held-out clinical redacted {clinical_redacted:.4f}"


def test_fourth_held_out_half_stays_at_its_measured_recall_and_precision() -> None:
    # Written in the sixth round, before its rule changes, by an author who had read neither the
    # rules nor the other halves; scored once before and once after that round's changes (the
    # per-type table only, never its misses). Before: 574/624 (91.99%), 0.9% of clinical terms
    # redacted (4/441); facility 59/84, person 130/141, street 26/29, vehicle 3/4. After:
    # 589/624 (94.39%) and 1.4% (6/441); facility 69/84, person 131/141, street 26/29. Round 7
    # (once, after): unchanged, 589/624 and 1.4%. Round 8 (as for the third half): rules alone
    # 591/624 (94.71%) and 1.1% (5/441), with the statistical line 593/624 (95.03%) and 1.1%;
    # after the review's fixes and the tagger retrained on the final features (one more table
    # run) 592/624 (94.87%); facility 70/84, person 133/141. Below the targets (99% overall, 95%
    # a type); a regression guard only. Round 9 (once, at the end): rules alone 593/624
    # (95.03%), with the line 594/624 (95.19%) and 1.1%; facility 70/84, person 133/141, street
    # 27/29. Failures print figures only.
    recall, clinical_redacted = _figures("heldout4")
    assert recall >= 0.953, f"fourth held-out recall {recall:.4f}"
    # Round 10 (session 13, aggregate only): 595/624 (95.35%), 0.9% (4/441).
    assert clinical_redacted <= 0.010, f"fourth held-out clinical redacted {clinical_redacted:.4f}"


def test_fifth_held_out_half_stays_at_its_measured_recall_and_precision() -> None:
    # Written at the start of session 11 (round 8), before any change of that session, by an
    # author who had read neither the rules nor the other halves, from a brief asking for hard,
    # varied international records (names with and without cues, in lower case and other
    # scripts, organisations without a facility word). Before the round: 637/748 (85.16%), 4.4%
    # of clinical terms redacted (19/427), person 120/181. After it (tables only, as for the
    # third half): rules alone 643/748 (85.96%) and 3.5% (15/427); with the statistical line
    # 651/748 (87.03%). A review then found over-redactions in the round's new rules (function
    # words after "by", three-letter ward names after "at", organisms after an initial, "and"
    # between two names) and their fixes cost recall here too (one more table run): rules alone
    # 640/748 (85.56%), with the line 649/748 (86.76%) and 3.3% (14/427); person 124/181,
    # facility 87/106, street 34/39. Far below the targets: the honest measure of how the rules
    # generalise. Session 12 found that 61 of its name spans broke its own convention by taking
    # in a title ("Dr. Bishop"); with the titles moved outside by tools/deid_titles_outside.py
    # (reading the markup only) the same rules score 697/748 (93.18%); person 170/181. Round 9
    # (session 12; once more mid-round by a helper in aggregate, once at the end): rules alone
    # 697/748 (93.18%), with the line 705/748 (94.25%) and 3.0% (13/427); facility 90/106,
    # person 170/181, street 35/39, date 96/101. A regression guard only.
    # Round 10 (session 13, aggregate only): 709/748 (94.79%), 3.0% (13/427).
    recall, clinical_redacted = _figures("heldout5")
    assert recall >= 0.947, f"fifth held-out recall {recall:.4f}"
    assert clinical_redacted <= 0.031, f"fifth held-out clinical redacted {clinical_redacted:.4f}"


def test_sixth_held_out_half_stays_at_its_measured_recall_and_precision() -> None:
    # Written at the start of session 12 (round 9), before any change of that session, by an
    # author who had read neither the rules nor the other halves, from a brief asking for a
    # realistic mix (half ordinary notes, half hard ones). With the session's starting rules:
    # 930/1012 (91.90%; 919, 90.81%, without the statistical line) and 3.3% of clinical terms
    # redacted. After round 9 (a helper's aggregate table mid-round, then once at the end):
    # 948/1012 (93.68%; 937, 92.59%, rules alone) and 2.8% (20/705); facility 132/156, person
    # 266/285, street 38/45, date 135/143, zip 34/36 (one fewer than before); a last fix (a
    # title line naming a person is no letterhead, a label such as "SSN" stays in view) cost one
    # more (947/1012, 93.58%; aggregate only). Round 10 (session 13, aggregate only): 949/1012
    # (93.77%), 2.8% (20/705); it had stood at 953 before the review's fixes (names no longer
    # read as foreign clinical words, initials that abbreviate something only where they sign).
    # Round 11 (session 14, aggregate only): 949/1012 (93.77%), 2.8% (20/705; the rule for a
    # day of the month alone took one more mid-round, the clinical fixes gave it back).
    # Far below the targets; a regression guard only. Failures print figures only.
    recall, clinical_redacted = _figures("heldout6")
    assert recall >= 0.937, f"sixth held-out recall {recall:.4f}"
    assert clinical_redacted <= 0.029, f"sixth held-out clinical redacted {clinical_redacted:.4f}"


def test_round_9_halves_parse_with_their_counts_and_stay_at_their_figures() -> None:
    # Written blind in session 12: dev9 (people and organisations in prose), dev10 (places,
    # addresses, dates and codes of many countries), dev11 (a realistic mix; scored unseen at
    # 904/944 before its misses were used), heldout6 (held out). The development halves' misses
    # were used and the statistical line trained on them: before their round dev9 1077/1153,
    # dev10 952/1061 (7.2% clinical), dev11 904/944 (2.7%).
    for half, count, identifiers, clinical in (
        ("dev9", 41, 1153, 516),
        ("dev10", 41, 1061, 629),
        ("dev11", 44, 944, 565),
        ("heldout6", 47, 1012, 705),
    ):
        notes, kinds = _well_formed(half, tables=True)
        assert (len(notes), sum(kinds.values())) == (count, identifiers), half
        assert sum(len(note.clinical) for note in notes) == clinical, half
    for half, recall, clinical_redacted in (
        ("dev9", 0.969, 0.012),
        ("dev10", 0.973, 0.032),
        ("dev11", 0.983, 0.002),
    ):
        result = score(load(half), _spans)
        assert result.recall >= recall, half
        assert 1 - result.clinical_kept <= clinical_redacted, half


def test_round_10_halves_parse_with_their_counts_and_stay_at_their_figures() -> None:
    # Written blind at the start of session 13, before any change of that session: heldout7
    # (held out; a realistic mix, half ordinary notes and half hard ones), dev12 (organisations
    # and streets named with plain words, names that are words), dev13 (records as exported:
    # repeated letterheads, charts signed with initials, scanned text with 0/O slips, bilingual
    # notes). Scored once with the session's starting code: heldout7 1150/1223 (94.03%; 93.21%
    # rules alone) and 1.2% of clinical terms redacted; dev12 935/1000 (93.5%; six bare years
    # then unmarked per the convention), 3.3%; dev13 1195/1302 (91.8%), 4.6%. dev12 and dev13's
    # misses were used and the statistical line trained on them; heldout7 was scored in
    # aggregate only, at the round's end: 1159/1223 (94.77%), 0.7% (5/720); facility 148/168,
    # street 77/85, person 210/225. Far below the targets; a regression guard only.
    for half, count, identifiers, clinical in (
        ("heldout7", 47, 1223, 720),
        ("dev12", 43, 994, 552),
        ("dev13", 47, 1302, 647),
    ):
        notes, kinds = _well_formed(half, tables=True)
        assert (len(notes), sum(kinds.values())) == (count, identifiers), half
        assert sum(len(note.clinical) for note in notes) == clinical, half
    recall, clinical_redacted = _figures("heldout7")
    assert recall >= 0.947, f"seventh held-out recall {recall:.4f}"
    # 0.7% until round 12; the statistical line retrained on dev17 and dev18 took two held-out 7
    # clinical terms more (6/720) for eight held-out identifiers more across the halves.
    assert clinical_redacted <= 0.009, f"seventh held-out clinical redacted {clinical_redacted:.4f}"
    for half, recall, clinical_redacted in (("dev12", 0.965, 0.024), ("dev13", 0.960, 0.022)):
        result = score(load(half), _spans)
        assert result.recall >= recall, half
        assert 1 - result.clinical_kept <= clinical_redacted, half


def test_round_11_halves_parse_with_their_counts_and_stay_at_their_figures() -> None:
    # Written blind in session 14: heldout8 (held out; a realistic mix) before any change of the
    # session, scored once with its starting code: 1117/1187 (94.10%; 93.34% rules alone), 2.8%
    # clinical. dev14 (organisations, streets and people named with plain words, reference
    # codes) scored unseen at 1068/1172 (91.13%), 1.9%; dev15 (a realistic mix) scored unseen
    # mid-round at 1117/1222 (91.41%), 2.6%; their misses were then used (the statistical line
    # was not retrained: retrained on them it took three held-out clinical terms more for one
    # identifier). dev16 (the round's validation half, aggregate only, never tuned on) was
    # scored once at the round's end: 939/1033 (90.90%; 90.22% rules alone), 2.2% (13/586).
    # heldout8 at the round's end: 1125/1187 (94.78%; 94.02% rules alone), 2.5% (16/646).
    # Far below the targets; a regression guard only. Failures print figures only.
    for half, count, identifiers, clinical in (
        ("heldout8", 49, 1187, 646),
        ("dev14", 49, 1172, 641),
        ("dev15", 48, 1222, 656),
        ("dev16", 45, 1033, 586),
    ):
        notes, kinds = _well_formed(half, tables=True)
        assert (len(notes), sum(kinds.values())) == (count, identifiers), half
        assert sum(len(note.clinical) for note in notes) == clinical, half
    for half, recall_floor, clinical_ceiling in (
        ("heldout8", 0.947, 0.025),
        ("dev16", 0.908, 0.023),
    ):
        recall, clinical_redacted = _figures(half)
        assert recall >= recall_floor, f"{half} recall {recall:.4f}"
        assert clinical_redacted <= clinical_ceiling, f"{half} clinical {clinical_redacted:.4f}"
    for half, recall, clinical_redacted in (("dev14", 0.962, 0.010), ("dev15", 0.945, 0.004)):
        result = score(load(half), _spans)
        assert result.recall >= recall, half
        assert 1 - result.clinical_kept <= clinical_redacted, half


def test_round_12_halves_parse_with_their_counts_and_stay_at_their_figures() -> None:
    # Written blind in session 15 before any change of the session, each half by two authors:
    # heldout9 (held out; a realistic mix), scored once with the starting code: 1436/1485
    # (96.70%; 96.36% rules alone), 2.3% clinical (15/641). dev17 (a realistic mix) scored
    # unseen at 1415/1486 (95.22%), 2.1%; dev18 (the hardest forms) at 1518/1624 (93.47%),
    # 2.0%; their misses were then used, and the statistical line retrained on them. heldout9 at
    # the round's end: 1445/1485 (97.31%; 96.90% rules alone), 0.6% (4/641). Below the targets
    # (99% overall, 95% a type: facilities 91.9%, streets 93.7%, the patient 94.8%); a
    # regression guard only. Failures print figures only.
    for half, count, identifiers, clinical in (
        ("heldout9", 50, 1485, 641),
        ("dev17", 50, 1486, 656),
        ("dev18", 50, 1624, 650),
    ):
        notes, kinds = _well_formed(half, tables=True)
        assert (len(notes), sum(kinds.values())) == (count, identifiers), half
        assert sum(len(note.clinical) for note in notes) == clinical, half
    recall, clinical_redacted = _figures("heldout9")
    assert recall >= 0.973, f"heldout9 recall {recall:.4f}"
    assert clinical_redacted <= 0.007, f"heldout9 clinical {clinical_redacted:.4f}"
    for half, recall, clinical_redacted in (("dev17", 0.974, 0.005), ("dev18", 0.979, 0.002)):
        result = score(load(half), _spans)
        assert result.recall >= recall, half
        assert 1 - result.clinical_kept <= clinical_redacted, half


def test_fifth_held_out_and_eighth_development_halves_parse_with_their_counts() -> None:
    for half, count, identifiers, types, clinical in (
        ("heldout5", 34, 748, 22, 427),
        ("dev8", 30, 781, 22, 471),
    ):
        notes, kinds = _well_formed(half, tables=True)
        assert len(notes) == count
        assert (sum(kinds.values()), len(kinds)) == (identifiers, types)
        assert sum(len(note.clinical) for note in notes) == clinical


def test_seventh_and_eighth_development_halves_stay_at_their_measured_recall() -> None:
    # Written in session 11 from the fifth held-out half's brief. dev7's misses were used in
    # round 8: before it 634/701 (90.44%) and 4.2% of clinical terms redacted (17/404); after it
    # and the review's fixes 684/701 (97.57%) and 1.0% (4/404), the statistical line trained on
    # it. dev8 was the round's validation half, scored in aggregate only: 709/781 (90.78%) and
    # 1.9% before, 719/781 (92.06%) and 1.9% (9/471) after (714, 91.42%, without the
    # statistical line); never trained on. Round 9's validation half (aggregate only): 727/781
    # (93.09%; 721 rules alone) and 2.1% (10/471: the retrained line takes one term more).
    # Round 10 (session 13, aggregate only): 733/781 (93.85%), 2.1%.
    notes, kinds = _well_formed("dev7", tables=True)
    assert (len(notes), sum(kinds.values())) == (33, 701)
    dev7 = score(notes, _spans)
    assert dev7.recall >= 0.975 and 1 - dev7.clinical_kept <= 0.010
    recall, clinical_redacted = _figures("dev8")
    assert recall >= 0.938, f"eighth development recall {recall:.4f}"
    assert clinical_redacted <= 0.022, f"eighth development clinical {clinical_redacted:.4f}"


def test_no_name_span_in_any_half_opens_with_a_title() -> None:
    # Every half's convention: titles stay outside a name span ("Dr {PERSON|Bishop}"). A span
    # that takes one in counts a miss the redactor did not make (heldout5 had 61).
    halves = sorted(path.stem for path in CORPUS_DIR.glob("*.txt"))
    assert len(halves) >= 14
    for half in halves:
        text = (CORPUS_DIR / f"{half}.txt").read_text(encoding="utf-8")
        assert titles_outside(text)[1] == 0, half


def test_the_score_counts_a_partly_removed_identifier_missed_and_its_words_one_by_one() -> None:
    text, idents, clinical = _parse_body(
        "Seen at {FACILITY|Riverside General Hospital} by {PERSON|Ada Quell} on [[warfarin]]."
    )
    note = Note("n1", "note", "Pat Doe", "1", date(1970, 1, 1), text, idents, clinical)
    left = text.index("Hospital")
    removed = [(idents[0].start, left - 1), (idents[1].start, idents[1].end)]
    result = score([note], lambda _note: removed)
    assert (result.recall, result.found["PERSON"], result.found["FACILITY"]) == (0.5, 1, 0)
    assert (result.words_found, result.words_total) == (4, 5)
    assert "identifier words removed: 4/5 (80.0%" in result.table()
    assert result.clinical_damaged == 0


def test_no_half_marks_a_year_alone_as_a_date() -> None:
    # Every half's convention: a year alone is kept (Safe Harbor keeps years). dev12 had marked
    # six ("biopsy {DATE|2019}"), each a miss the redactor was right not to make.
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        bare = re.findall(r"\{DATE\|(?:19|20)\d\d\}", path.read_text(encoding="utf-8"))
        assert not bare, (path.stem, bare)


def test_fourth_held_out_half_parses_with_its_counts() -> None:
    notes, kinds = _well_formed("heldout4")
    assert len(notes) == 28
    assert sum(kinds.values()) == 624 and len(kinds) == 22
    assert sum(len(note.clinical) for note in notes) == 441


# What the rules still miss or damage in the third development half, after the fourth round:
# facility names made only of English and generic words with no cue ("Lancet Centurion",
# "Mission Hospital Urology"), one whose name starts with a role word ("Physio Plus Whanganui"),
# and, until the fifth round's product list, two wound-care brands ("Prontosan", "Aquacel Ag").
_KNOWN_DEV3_MISSES = [
    ("e05", "FACILITY", "Lancet Centurion"),
    # ("e06", "Physio Plus Whanganui"): found since the seventh round (a service word opens a
    # name after a heading and a dash).
    # ("e21", "Mission Hospital Urology"): found since the fourteenth round (capitalised words
    # before a hospital head, one of them no kind word, and a department after it).
]
_KNOWN_DEV3_DAMAGE: list[tuple[str, str]] = []


def test_third_development_half_is_recalled_but_for_its_known_misses() -> None:
    # Before the fourth round: 479/566 (84.6%) and 6.1% of clinical terms redacted (20/327).
    result = score(load("dev3"), _spans)
    assert result.missed == _KNOWN_DEV3_MISSES
    assert result.damaged == _KNOWN_DEV3_DAMAGE


# What the rules still miss or damage in the fourth development half, after the fifth round:
# organisations named only by English or generic words with no cue ("Men's Shed Bendigo",
# "Lakeside Endoscopy"), a place in brackets whose ending looks like an English word
# ("Tampines"), a group code of letters only ("LA-MCD"); a polyp class after a city's name
# ("Paris 0-Is") and a scale after a hyphenated country ("Australia-modified Karnofsky").
_KNOWN_DEV4_MISSES = [
    # ("f16", "Men's Shed Bendigo"): found since the sixth round (a found place takes the rest
    # of its capitalised run).
    # ("f24", "NTUC Health Active Ageing Hub (Tampines)"): found since the fourteenth round (a
    # town in brackets goes with the facility before it).
    ("f26", "HEALTHPLAN", "LA-MCD"),
]
# "Australia-modified Karnofsky" is a listed phrase since the ninth round, the Paris classes of
# polyps ("Paris 0-Is") since the eleventh.
_KNOWN_DEV4_DAMAGE: list[tuple[str, str]] = []


def test_fourth_development_half_is_recalled_but_for_its_known_misses() -> None:
    # Before the fifth round: 443/485 (91.3%) and 17.9% of clinical terms redacted (47/262).
    result = score(load("dev4"), _spans)
    assert result.missed == _KNOWN_DEV4_MISSES
    assert result.damaged == _KNOWN_DEV4_DAMAGE


def test_patterns_anchored_at_word_starts_find_what_the_written_patterns_find() -> None:
    # Fifth round, for speed: patterns that open with a word boundary get a cheap word-start
    # test in front (deid_patterns._at_word_start). On every development note they must find
    # exactly the spans the patterns as written find.
    from medlocal.privacy import deid_patterns

    texts = [
        note.text for half in ("dev", "dev3", "dev4", "heldout", "heldout2") for note in load(half)
    ]
    texts.append(
        "He is frail. At 96, he walks.\nSocial security 123-45-6789; #204 - 1175 Nicola St."
    )
    pairs = list(zip(deid_patterns._PATTERNS, deid_patterns.UNANCHORED_PATTERNS, strict=True))
    assert any(fast is not written for (_, fast), (_, written) in pairs)
    for (_, fast), (_, written) in pairs:
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in written.finditer(text)
            ], written.pattern[:60]


def _well_formed(half: str, tables: bool = False) -> tuple[list[Note], Counter[str]]:
    """The notes of ``half``, each with no markup left and every span at its offsets, and the
    count of identifiers per type. ``tables``: the notes hold tables pasted as text, whose
    column bars are no leftover markup."""
    notes = load(half)
    leftovers = ("{", "}", "[[", "]]") if tables else ("{", "}", "[[", "]]", "|")
    for note in notes:
        assert not any(mark in note.text for mark in leftovers)
        for span in note.identifiers + note.clinical:
            assert note.text[span.start : span.end] == span.text
    return notes, Counter(span.kind for note in notes for span in note.identifiers)


def test_third_held_out_half_parses_with_its_counts() -> None:
    # Written at the start of the third round, before any rule change of that round and before
    # the rules were read: 27 notes of kinds, countries and formats the earlier halves lack.
    notes, kinds = _well_formed("heldout3")
    assert len(notes) == 27
    assert sum(kinds.values()) == 520 and len(kinds) == 22
    assert sum(len(note.clinical) for note in notes) == 432


def test_third_development_half_parses_with_its_counts() -> None:
    # Written at the start of the fourth round, as development data (its misses are used): note
    # kinds, countries and formats for the rules to learn from once the other development halves
    # were fully recalled.
    notes, kinds = _well_formed("dev3")
    assert len(notes) == 27
    assert sum(kinds.values()) == 566 and len(kinds) == 22
    assert sum(len(note.clinical) for note in notes) == 327


def test_fourth_development_half_parses_with_its_counts() -> None:
    # Written at the start of the fifth round, before its rule changes, as development data: the
    # held-out half's weakest types (ages over 89, health-plan numbers, IDs, dates, facilities,
    # people) in new forms, and clinical terms that look like names.
    notes, kinds = _well_formed("dev4")
    assert len(notes) == 27
    assert sum(kinds.values()) == 485 and len(kinds) == 18
    assert (kinds["AGE"], kinds["HEALTHPLAN"], kinds["ID"], kinds["DATE"]) == (30, 41, 28, 70)
    assert (kinds["FACILITY"], kinds["PERSON"]) == (73, 123)
    assert sum(len(note.clinical) for note in notes) == 262


def test_parts_that_share_a_name_are_planned_and_redacted_apart() -> None:
    # Two passages cited under one number (or two flags on one sentence) make two parts with
    # the same name: each keeps its own spans.
    plan = RedactionPlan.build(
        [("reference 1", "Helen Vale called."), ("reference 1", "Nothing here.")],
        Redactor(shift_days=40),
    )
    assert plan.apply("reference 1", "Helen Vale called.") == "[NAME] called."
    assert plan.apply("reference 1", "Nothing here.") == "Nothing here."
    with pytest.raises(ValueError):
        plan.apply("reference 1", "Helen Vale wrote.")  # never export a text it did not plan


def test_fifth_development_halves_parse_with_their_counts() -> None:
    # Written at the start of the sixth round (issue 16), before its rule changes: many
    # countries and genres, one-case typing, facilities without a facility word. dev5a's misses
    # were used; dev5b was the round's validation half, scored only in aggregate.
    for half, identifiers, types, clinical in (("dev5a", 285, 16, 138), ("dev5b", 246, 15, 119)):
        notes, kinds = _well_formed(half)
        assert len(notes) == 15
        assert (sum(kinds.values()), len(kinds)) == (identifiers, types)
        assert sum(len(note.clinical) for note in notes) == clinical


def test_fifth_development_halves_stay_at_their_measured_recall_and_precision() -> None:
    # Before the sixth round: dev5a 230/285 (80.7%) and 5.1% of clinical terms redacted (7/138);
    # dev5b 211/246 (85.8%) and 1.7% (2/119). After it: dev5a 276/285 (96.8%) and 1.4%; dev5b
    # 234/246 (95.1%) and 1.7% when first looked at note by note, 236/246 (95.9%) after two bugs
    # of the round's own code seen then were fixed. A regression guard only.
    for half, recall, redacted in (("dev5a", 0.95, 0.015), ("dev5b", 0.94, 0.017)):
        result = score(load(half), _spans)
        assert result.recall >= recall, f"{half} recall {result.recall:.4f}"
        assert 1 - result.clinical_kept <= redacted, f"{half} clinical {1 - result.clinical_kept}"


def test_sixth_development_half_parses_with_its_counts_and_stays_at_its_recall() -> None:
    # Written at the start of the seventh round (issue 16), before its rule changes, as the
    # round's validation half: organisations and people named with ordinary words, streets in
    # many formats, vehicles. Scored in aggregate only until the round's end: 132/142 (93.0%) and
    # 3.6% of clinical terms redacted (2/55) before; 138/142 (97.2%) and 3.6% after, unseen;
    # 139/142 (97.9%) and 1.8% after two general fixes made on its one look (a plural eponym
    # head, six-digit UK area codes). A regression guard only.
    notes, kinds = _well_formed("dev6")
    assert len(notes) == 9
    assert (sum(kinds.values()), len(kinds)) == (142, 12)
    assert sum(len(note.clinical) for note in notes) == 55
    result = score(notes, _spans)
    assert result.recall >= 0.97, f"dev6 recall {result.recall:.4f}"
    assert 1 - result.clinical_kept <= 0.019, f"dev6 clinical {1 - result.clinical_kept}"


@pytest.mark.parametrize(
    "text",
    [
        # Round 8's review: plain words and clinical abbreviations where a signature may stand.
        "Given by the nurse, signed by nurse, cc to gp, plan per pts today.",
        "Dose per BNF, per ppi, per mdt, per cxr, by abx, by tds, by hca.",
        "Stepped down from HDU to the ward. Follow-up at OPD in 6 weeks.",
        "Diet - NBM\nPlan - TDS\nRoute - PO\nMobility - FWB\nNurse: DN",
        # Organisms and words after an initial.
        "CSF: L. Monocytogenes. Sputum: M. Tuberculosis. Film: P. Falciparum. Rhythm: A. Fib.",
        "Oral C. Albicans; B. Pertussis PCR negative.",
        # A year before a word that is also a car's make.
        "MMSE: In 2019 Mini Mental State Examination 27/30. Since 2018 Mercury Amalgam Fillings.",
        "BP lying, 120 80 Standing",
        "Platelets 150 xxx 450; 3 x 4 x 5 cm; XX chromosomes.",
    ],
)
def test_round_8_rules_keep_clinical_look_alikes(text: str) -> None:
    assert Redactor(shift_days=40).preview(text) == [], Redactor(shift_days=40).redact(text)


def test_round_8_names_with_initials_signatures_and_particles() -> None:
    text = (
        "Signed: C. Obi\nchecked T. Will.\nSigned P. du Plessis, RN\nManager Stone, P. cc'd\n"
        "Copy to: Park J.H.; Dr RM\nNext visit Nov 3. — BB\nAuthorised by njoroge.\n"
        "Seen with daughters Ewa Kowalczyk and Marta Nowak today.\nMRN ****5678\n"
    )
    out = Redactor(shift_days=40).redact(text)
    for gone in ("Obi", "Will", "Plessis", "Stone", "Park", "RM", "BB", "njoroge", "Nowak", "5678"):
        assert gone not in out, out
    assert "[NAME] and [NAME] today" in out  # two people stay two: "and" is kept


def test_patient_surname_particles_and_lower_case_identity() -> None:
    particles = Redactor(PatientIdentity("Margarethe van der Berg"), shift_days=40)
    assert particles.redact("Patient: van der Berg, Margarethe. A van came.") == (
        "Patient: [NAME]. A van came."
    )
    lower = Redactor(PatientIdentity("mary ann stone"), shift_days=40)
    assert "stone" not in lower.redact("Reviewed Mary Ann Stone; stone agreed.").lower()


def test_names_in_cjk_extension_b_are_removed() -> None:
    out = Redactor(shift_days=40).redact("Patient 𠮷野 太郎 attended. Mother: 𡈽屋 花子")
    assert "𠮷" not in out and "𡈽" not in out


@dataclass(frozen=True)
class _RoundHalves:
    """The halves written blind for one round: each half's (name, notes, identifiers, clinical
    terms), the held-out half's floor of recall and ceiling of clinical terms redacted, and the
    development halves' (name, floor, ceiling). Regression guards at the figures reached, all
    below the targets (99% overall, 95% a type, at most 2% clinical)."""

    counts: tuple[tuple[str, int, int, int], ...]
    held_out: tuple[str, float, float]
    development: tuple[tuple[str, float, float], ...]


_ROUNDS = {
    # Session 16: heldout10 (a realistic mix, half long messy documents) scored once with the
    # starting code at 1763/1885 (93.53%; 92.79% rules alone), 5.4% clinical (46/847); dev19
    # (plain-word organisations and streets, nicknames, many countries' forms) unseen 90.97%.
    13: _RoundHalves(
        (("heldout10", 50, 1885, 847), ("dev19", 50, 1673, 912)),
        ("heldout10", 0.950, 0.036),
        (("dev19", 0.987, 0.003),),
    ),
    # Session 17: heldout11 (half a realistic mix, half clinical terms that look like names)
    # scored once at 1777/1878 (94.62%), 7.1% clinical (103/1450); dev21 (precision side)
    # unseen 96.8% and 9.9% clinical; dev20 14.1% clinical unseen.
    14: _RoundHalves(
        (("heldout11", 50, 1878, 1450), ("dev21", 25, 533, 832), ("dev20", 25, 525, 717)),
        ("heldout11", 0.952, 0.052),
        (("dev21", 0.994, 0.021), ("dev20", 0.990, 0.010)),
    ),
    # Session 18: heldout12 (half long messy documents, half clinical terms shaped like
    # identifiers beside identifiers of the same shapes) scored once at 1732/1812 (95.6%),
    # 6.9% clinical (59/854); dev22 (recall side) unseen 95.0%; dev23 (precision side) unseen
    # 97.0% and 9.4% clinical.
    15: _RoundHalves(
        (("heldout12", 50, 1812, 854), ("dev22", 25, 985, 357), ("dev23", 25, 675, 1085)),
        ("heldout12", 0.958, 0.058),
        (("dev22", 0.992, 0.003), ("dev23", 0.985, 0.021)),
    ),
    # Session 19: heldout13 (half everyday documents with the people and places around the
    # patient, half forms, reports, claims and exports) scored once with the starting code at
    # 1798/1895 (94.9%; 94.4% rules alone), 3.1% clinical (25/813); at the round's end
    # 1803/1895 (95.15%), 2.95% (24/813). dev24 (organisations and people in context) unseen
    # 91.9%, facilities 81.0%; at the end 96.6%.
    16: _RoundHalves(
        (("heldout13", 50, 1895, 813), ("dev24", 40, 1539, 615)),
        ("heldout13", 0.951, 0.030),
        (("dev24", 0.966, 0.012),),
    ),
    # Session 20: heldout14 (half documents of low- and middle-income, non-English-speaking and
    # remote settings, half documents dense in addresses, facilities, dates and numbers) scored
    # once with the starting code at 2072/2183 (94.9%; 94.55% rules alone), 2.3% clinical
    # (21/905); at the round's end 2074/2183 (95.0%), 2.3%. dev25 (the hardest types) unseen
    # 93.0%, 3.1% clinical; at the end 98.2%, 0.4%. dev26 (precision) unseen 8.7% clinical,
    # at the end 1.9%.
    17: _RoundHalves(
        (("heldout14", 50, 2183, 905), ("dev25", 35, 1244, 1139), ("dev26", 30, 743, 1379)),
        ("heldout14", 0.950, 0.024),
        (("dev25", 0.982, 0.005), ("dev26", 0.985, 0.019)),
    ),
    # Session 21: heldout15 (half hospital-internal documents dense in staff named every way,
    # half correspondence and administration dense in numbers, addresses and organisations)
    # scored once with the starting code at 1872/1954 (95.8%), 2.5% clinical (21/839); at the
    # round's end 1876/1954 (96.0%), 2.4% (20/839). dev27 (the hardest types) unseen 92.25%,
    # at the end 97.5%. dev28 (precision) unseen 11.05% clinical, at the end 3.55%.
    18: _RoundHalves(
        (("heldout15", 50, 1954, 839), ("dev27", 40, 1639, 520), ("dev28", 30, 837, 733)),
        ("heldout15", 0.960, 0.024),
        (("dev27", 0.974, 0.012), ("dev28", 0.979, 0.036)),
    ),
    # Session 22: heldout16 (half primary and community care, half specialist, tertiary and
    # cross-border care, many countries) scored once with the starting code at 2099/2253
    # (93.2%), 6.1% clinical (55/902); at the round's end 2104/2253 (93.4%), 5.8% (52/902).
    # dev29 (the hardest types) unseen 94.2%, at the end 98.0%. dev30 (precision) unseen 12.3%
    # clinical, at the end 4.3%.
    19: _RoundHalves(
        (("heldout16", 50, 2253, 902), ("dev29", 40, 1804, 417), ("dev30", 30, 691, 1050)),
        ("heldout16", 0.933, 0.058),
        (("dev29", 0.979, 0.022), ("dev30", 0.989, 0.043)),
    ),
    20: _RoundHalves(
        (("heldout17", 50, 2159, 738), ("dev31", 30, 1167, 577), ("dev32", 30, 1106, 694)),
        ("heldout17", 0.943, 0.024),
        (("dev31", 0.986, 0.006), ("dev32", 0.981, 0.002)),
    ),
    # Session 24: heldout18 (half outpatient, community and palliative care, half
    # administrative, legal and data documents) scored once with the starting code at 2071/2223
    # (93.16%), 9.7% clinical (61/626); at the round's end 2073/2223 (93.25%), 9.4% (59/626).
    # dev33 (facilities and people) unseen 93.3% and 5.5% clinical, at the end 97.3%, 1.4%.
    # Session 54: 60/626 (9.6%) after deid54a closed four ways names were kept (a name with an
    # English gloss, a katakana name before a dose, a CJK name on a medical ending, a surname a
    # person word points at before a dose): one clinical term of this half is the accepted cost.
    21: _RoundHalves(
        (("heldout18", 50, 2223, 626), ("dev33", 30, 999, 347)),
        ("heldout18", 0.932, 0.096),
        (("dev33", 0.972, 0.015),),
    ),
}


@pytest.mark.parametrize("number", sorted(_ROUNDS))
def test_a_rounds_halves_parse_with_their_counts_and_stay_at_their_figures(number: int) -> None:
    """Failures print figures only: a held-out half's identifiers and terms stay unread."""
    halves = _ROUNDS[number]
    for half, count, identifiers, clinical in halves.counts:
        notes, kinds = _well_formed(half, tables=True)
        assert (len(notes), sum(kinds.values())) == (count, identifiers), half
        assert sum(len(note.clinical) for note in notes) == clinical, half
    half, least_recall, most_clinical = halves.held_out
    recall, clinical_redacted = _figures(half)
    assert recall >= least_recall, f"{half} recall {recall:.4f}"
    assert clinical_redacted <= most_clinical, f"{half} clinical {clinical_redacted:.4f}"
    for half, least_recall, most_clinical in halves.development:
        result = score(load(half), _spans)
        assert result.recall >= least_recall, half
        assert 1 - result.clinical_kept <= most_clinical, half


def test_a_lettered_device_abbreviation_is_no_organisation() -> None:
    # Session 31: the model read "CRT-D" before a maker in brackets as an organisation.
    out = redact("Hx HFrEF,\nCRT-D (Boston Sci, SN 412884) - shock x1.\nS-ICD since 2019.")
    assert "CRT-D" in out and "S-ICD" in out, out
    assert "412884" not in out, out


def test_only_a_clinical_abbreviation_with_its_letter_is_kept_from_the_model() -> None:
    # A hospital's or a site's initials with a letter are no clinical abbreviation's.
    from medlocal.privacy.redact import _lettered_abbreviation

    assert _lettered_abbreviation("CRT-D") and _lettered_abbreviation("S-ICD")
    assert not _lettered_abbreviation("HVGH-A") and not _lettered_abbreviation("QEH-B")
    assert not _lettered_abbreviation("CRT-DX")
