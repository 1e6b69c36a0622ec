"""Write tests/js/fixtures/german-stems.json: the Python Snowball German stemmer's stem of each
German word the app's words, the tests' German pages and the German rules give, which
tests/js/search.test.mjs checks the app's port (search-stem-german.js) against and
tests/test_search_entries.py checks against Python. Run: .venv/bin/python scripts/german_stems.py
"""

import json
import re
from pathlib import Path

import snowballstemmer

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "js" / "fixtures" / "german-stems.json"
SOURCES = [
    "locale/de/LC_MESSAGES/django.po",
    "locale/de/LC_MESSAGES/djangojs.po",
    "tests/translations.py",
    "tests/test_search_german.py",
    "tests/search_agreement.py",
]
# Words for every rule of the algorithm, and the forms readers search.
RULES = """
Krampf Krämpfe Krämpfen Krampfes Muskel Muskeln Muskels Spastik Spastiken Lähmung Lähmungen
größer größte Übungen Übung Straße Fußballs Quelle bequem Bauer bayerisch aeusserst Mueller
Poesie System Systemen Kenntnisse Ergebnisse Ergebnissen Lehrerinnen Lehrerin Lehrern Segeln
Wanderns Bündeln planet geordnet intern internet bedeutet redet tickt wartet gebadet Bedeutung
lustig lustige möglich Freundlichkeit Möglichkeit Häufigkeiten Lustigkeit wunderbarste kleinste
meistens längst Kindes Arztes Tages Hauses Tätigkeit Dystonie Dystonien Zittern Zuckungen
Schluckbeschwerden Botulinumtoxin Spritze Spritzen Nervenbahnen Physiotherapie Dehnübungen
Wadenkrämpfe Nacken Schiefhals Lidkrampf Blepharospasmus Schreibkrampf Tremor zitternde
Medikamente Medikament Behandlung Behandlungen behandelt behandelnd Ärztin Ärzte Ärzten
schmerzhaft schmerzhafte schmerzhaften Schmerzen plötzlich plötzliche anhaltend anhaltende
eigentlich herrlich häuslich ländlich kindisch tierische Fröhlichkeit Heiterkeit Einigkeit
ueber Feuer Treue Aue euer Qual quaeken Frau Frauen Ausdauer Ja ob zu Bus Uhr
"""


def words() -> set[str]:
    found = set(RULES.split())
    for name in SOURCES:
        text = (ROOT / name).read_text()
        if name.endswith(".po"):
            text = " ".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, re.MULTILINE))
        found |= set(re.findall(r"[^\W\d_]+", text))
    return {word.lower() for word in found if len(word) > 1}


def main() -> None:
    german = snowballstemmer.stemmer("german")
    stems = {word: german.stemWord(word) for word in sorted(words())}
    FIXTURE.write_text(json.dumps(stems, ensure_ascii=False, indent=0) + "\n")
    print(f"{len(stems)} words in {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
