"""The agreement table: queries and the condition each must find first, the same online (the
server's search) and offline (the installed app's, tests/browser/test_offline_search.py), on the
seed content and terms plus the conditions below, and German searches (`/de/search/`) of German
translations of five of them (the seed stays English), stemmed by Snowball German on both sides.

`add_content` is run in the test's database, or in a browser test's server by `manage.py shell`.
"""

from tests.factories import make_condition
from tests.translations import add_translation

CONDITIONS = [
    {
        "title": "Blepharospasm",
        "slug": "blepharospasm",
        "also_called": "Benign essential blepharospasm",
        "lead": "Blepharospasm makes the eyelids close on their own.",
        "sections": [
            (
                "symptoms",
                "Signs to look for",
                "Blinking more than usual is often the first sign. Bright light can make it worse.",
            ),
            (
                "initial_treatment",
                "Treatment",
                "Injections of botulinum toxin into the muscles "
                "around the eye help most people. The effect lasts about three months.",
            ),
        ],
    },
    {
        "title": "Cervical dystonia",
        "slug": "cervical-dystonia",
        "also_called": "Spasmodic torticollis",
        "lead": "The neck muscles pull the head to one side.",
        "sections": [
            (
                "initial_treatment",
                "Botulinum toxin injections",
                "Botulinum toxin injections are the usual first "
                "treatment. Physiotherapy helps too.",
            ),
            ("other", "Living with neck pain", "Heat and gentle stretching ease the pain."),
        ],
    },
    {
        "title": "Writer’s cramp",
        "slug": "writers-cramp",
        "also_called": "Focal hand dystonia",
        "lead": "The hand cramps when writing.",
        "sections": [
            (
                "symptoms",
                "Symptoms",
                "The fingers curl or the wrist bends while you write. It does not happen at rest.",
            ),
        ],
    },
    {
        "title": "Essential tremor",
        "slug": "essential-tremor",
        "lead": "Shaking of the hands that gets worse when you use them.",
        "sections": [
            ("causes", "Causes", "It often runs in families."),
            (
                "initial_treatment",
                "Treatment",
                "Some medicines reduce the tremor. Alcohol reduces it for a short time.",
            ),
        ],
    },
    {
        "title": "Night cramps in the legs",
        "slug": "leg-cramps-at-night",
        "also_called": "Nocturnal leg cramps",
        "lead": "Sudden painful cramps in the calf at night.",
        "sections": [
            (
                "other",
                "What helps",
                "Stretching the calf before bed helps many people. Drinking enough water may help.",
            ),
        ],
    },
    {
        "title": "Spasticity after a stroke",
        "slug": "spasticity-after-a-stroke",
        "lead": "Stiff muscles after a stroke.",
        "sections": [
            (
                "initial_treatment",
                "Treatment",
                "Physiotherapy and stretching keep the joints "
                "moving. Botulinum toxin can relax a stiff arm.",
            ),
        ],
    },
]

SPASMS = "severe-or-persistent-muscle-spasms"
CANNABIS = "dystonia-and-medical-cannabis"

# (query, kind, the slug found first)
AGREEMENT = [
    ("blepharospasm", "exact", "blepharospasm"),
    ("cervical dystonia", "exact", "cervical-dystonia"),
    ("essential tremor", "exact", "essential-tremor"),
    ("writer’s cramp", "exact", "writers-cramp"),
    ("spasticity", "exact", "spasticity-after-a-stroke"),
    ("dystonia", "exact", "writers-cramp"),
    ("cannabis", "exact", CANNABIS),
    ("spasm", "exact", "writers-cramp"),
    ("spasms", "plural", "writers-cramp"),
    ("cramps", "plural", "writers-cramp"),
    ("tremors", "plural", "essential-tremor"),
    ("eyelid", "plural", "blepharospasm"),
    ("injection", "plural", "cervical-dystonia"),
    ("dystnia", "typo", "writers-cramp"),
    ("blepharospsm", "typo", "blepharospasm"),
    ("torticolis", "typo", "cervical-dystonia"),
    ("tremmor", "typo", "essential-tremor"),
    ("spastisity", "typo", "spasticity-after-a-stroke"),
    ("cannbis", "typo", CANNABIS),
    ("botox", "lay word", "cervical-dystonia"),
    ("shaking", "lay word", "essential-tremor"),
    ("blinking", "lay word", "blepharospasm"),
    ("wry neck", "lay word", "cervical-dystonia"),
    ("stiffness", "lay word", "spasticity-after-a-stroke"),
    ("CBD", "lay word", CANNABIS),
    ("neck pain", "two words", "cervical-dystonia"),
    ("hand cramps", "two words", "writers-cramp"),
    ("leg cramps", "two words", "leg-cramps-at-night"),
    ("stiff stroke", "two words", "spasticity-after-a-stroke"),
    ("eye injections", "two words", "blepharospasm"),
]

# The German pages: (the original's slug, its translation's fields, its sections in order).
TRANSLATIONS = [
    (
        SPASMS,
        {
            "title": "Starke Muskelkrämpfe",
            "slug": "starke-muskelkraempfe",
            "also_called": "Anhaltende Krämpfe der Muskeln",
            "question": "",
            "summary": "Was Sie bei starken oder anhaltenden Krämpfen tun können.",
            "lead": "Krämpfe der Muskeln, die stark sind oder nicht aufhören.",
        },
        (
            ("Ursachen", "Muskeln verkrampfen bei Spastik, nach Verletzungen oder Nervenleiden."),
            ("Anzeichen", "Der Muskel wird hart und schmerzt. Manchmal folgen Lähmungen."),
            ("Übungen und Wärme", "Übungen zum Dehnen und Wärme helfen vielen Menschen."),
            (
                "Wann Sie ärztlichen Rat brauchen",
                "Gehen Sie zur Ärztin, wenn die Schmerzen größer werden oder Lähmungen auftreten.",
            ),
        ),
    ),
    (
        "leg-cramps-at-night",
        {
            "title": "Nächtliche Wadenkrämpfe",
            "slug": "naechtliche-wadenkraempfe",
            "also_called": "Krämpfe in der Nacht",
            "question": "",
            "summary": "Was nachts gegen einen Krampf in der Wade hilft.",
            "lead": "Plötzliche Krämpfe in der Wade, meist nachts.",
        },
        (
            (
                "Was hilft",
                "Dehnen der Wade vor dem Schlafen hilft vielen Menschen. "
                "Ein Krampf dauert meist nur Minuten.",
            ),
        ),
    ),
    (
        "writers-cramp",
        {
            "title": "Schreibkrampf",
            "slug": "schreibkrampf",
            "also_called": "Fokale Dystonie der Hand",
            "question": "",
            "summary": "Wenn die Hand beim Schreiben verkrampft.",
            "lead": "Die Hand verkrampft beim Schreiben.",
        },
        (("Anzeichen", "Die Finger krümmen sich beim Schreiben. In Ruhe passiert es nicht."),),
    ),
    (
        "spasticity-after-a-stroke",
        {
            "title": "Spastik nach einem Schlaganfall",
            "slug": "spastik-nach-schlaganfall",
            "also_called": "",
            "question": "",
            "summary": "Steife Muskeln nach einem Schlaganfall lockern.",
            "lead": "Steife Muskeln nach einem Schlaganfall.",
        },
        (
            (
                "Behandlung",
                "Physiotherapie und Übungen halten die Gelenke beweglich. "
                "Botulinumtoxin kann einen steifen Arm lockern.",
            ),
        ),
    ),
    (
        "essential-tremor",
        {
            "title": "Essentieller Tremor",
            "slug": "essentieller-tremor",
            "also_called": "",
            "question": "",
            "summary": "Wenn die Hände bei Bewegung zittern.",
            "lead": "Zittern der Hände, das stärker wird, wenn Sie sie benutzen.",
        },
        (("Ursachen", "Es liegt oft in der Familie."), ("Behandlung", "Medikamente helfen.")),
    ),
]

# (query, kind, the slug found first) on the German search page.
GERMAN_AGREEMENT = [
    ("Krämpfe", "German plural", "starke-muskelkraempfe"),
    ("Krampf", "German", "starke-muskelkraempfe"),
    ("Krämpfen", "German plural", "starke-muskelkraempfe"),
    ("Muskeln", "German plural", "starke-muskelkraempfe"),
    ("Muskel", "German", "starke-muskelkraempfe"),
    ("Spastik", "German", "spastik-nach-schlaganfall"),
    ("Lähmungen", "German plural", "starke-muskelkraempfe"),
    ("Lähmung", "German", "starke-muskelkraempfe"),
    ("größer", "German", "starke-muskelkraempfe"),
    ("Übungen", "German plural", "starke-muskelkraempfe"),
    ("Wade", "German", "naechtliche-wadenkraempfe"),
    ("Krämpfe nachts", "German two words", "naechtliche-wadenkraempfe"),
    ("Schreibkrampf", "German", "schreibkrampf"),
    ("Schreibkrmpf", "German typo", "schreibkrampf"),
    ("Zittern", "German", "essentieller-tremor"),
    ("Hände", "German plural", "schreibkrampf"),
]


def add_content() -> None:
    for fields in CONDITIONS:
        make_condition(**fields)
    for original, fields, sections in TRANSLATIONS:
        add_translation(original, sections=sections, **fields)
