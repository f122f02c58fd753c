"""English is complete: every Dutch text in the code has a translation, placeholders survive
translation, and the language switch really shows the English texts."""

import functools
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.factories import make_neighbourhood, make_team, make_user

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "app" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}  # as `make extract-messages`
SKIPPED_DIRS = ("__pycache__", "node_modules")
# %(name)s, %(num)d, %(total)05.1f ...
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
FIX = (
    "Run `make extract-messages`, translate the new entries in app/translations/en/LC_MESSAGES/messages.po"
    " and run `make translations`."
)


def _keep_dir(path: str) -> bool:
    # Unlike pybabel's default, directories starting with "_" (app/templates/_macros) count:
    # their texts are shown too.
    name = Path(path).name
    return not name.startswith(".") and name not in SKIPPED_DIRS


@functools.cache
def _source_messages() -> dict[str, list[str]]:
    """msgid (the singular for ngettext) -> where it is used, extracted as babel.cfg says."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS, directory_filter=_keep_dir
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


@functools.cache
def _catalogue():
    with open(CATALOGUE, "rb") as po:
        return read_po(po)


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(s and s.strip() for s in strings)


@pytest.mark.no_db_transaction
def test_every_text_in_the_code_has_an_english_translation():
    catalogue = _catalogue()
    missing = {
        msgid: where
        for msgid, where in _source_messages().items()
        if (message := catalogue.get(msgid)) is None or not _translated(message)
    }
    report = "\n".join(f"  {msgid!r}  ({', '.join(where[:2])})" for msgid, where in sorted(missing.items()))
    assert not missing, (
        f"{len(missing)} text(s) without an English translation:\n{report}\n"
        + FIX
        + "\n(pybabel skips directories starting with '_' unless run with --ignore-dirs '.* __pycache__'.)"
    )


@pytest.mark.no_db_transaction
def test_the_extraction_finds_python_templates_and_macros():
    # Guards the test above against a mapping or keyword change that silently finds nothing.
    where = {w.split(":")[0] for places in _source_messages().values() for w in places}
    assert any(w.endswith(".py") for w in where)
    assert any(w.startswith("app/templates/_macros/") for w in where)
    assert len(_source_messages()) > 100


def _placeholders(text: str) -> set[str] | None:
    """The %(...)x placeholders in a text; None if a "%(" is not a complete placeholder."""
    found = PLACEHOLDER.findall(text)
    return set(found) if text.count("%(") == len(found) else None


@pytest.mark.no_db_transaction
def test_translations_keep_the_placeholders_of_the_dutch_text():
    wrong = []
    for message in _catalogue():
        if not message.id or not _translated(message):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, translation in enumerate(strings):
            source = ids[min(index, len(ids) - 1)]  # msgstr[0] ~ msgid, msgstr[1..] ~ msgid_plural
            expected, got = _placeholders(source), _placeholders(translation)
            if expected is None or expected != got:
                wrong.append(f"  {source!r} -> {translation!r}")
    assert not wrong, "Placeholders differ between Dutch and English:\n" + "\n".join(wrong)


# app/translations/GLOSSARY.md: one set of words for the money, in both languages.
NOT_DUTCH_MONEY_WORDS = re.compile(r"\b(fonds|fondsen|wijkbudget\w*|wijkfonds\w*|vouchers?|budget)\b", re.IGNORECASE)
NOT_ENGLISH_MONEY_WORDS = re.compile(
    r"\b(funds?|fund's|vouchers?|grants?|wijkbudget\w*|buurtbudget\w*)\b", re.IGNORECASE
)


def test_money_words_follow_the_glossary():
    wrong = []
    for msgid, places in _source_messages().items():
        message = _catalogue().get(msgid)
        if message is None:
            continue  # untranslated: the test above names it
        for texts, words in ((message.id, NOT_DUTCH_MONEY_WORDS), (message.string, NOT_ENGLISH_MONEY_WORDS)):
            for text in (texts,) if isinstance(texts, str) else texts:
                if found := words.findall(PLACEHOLDER.sub("", text)):
                    wrong.append(f"{places[0]}: {found} in {text[:80]!r}")
    assert not wrong, "Use the words of app/translations/GLOSSARY.md:\n" + "\n".join(wrong)


def _page(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_site_is_dutch_by_default_and_english_after_switching(client):
    page = _page(client.get("/"))
    assert '<html lang="nl">' in page
    assert "Samen maken we de buurt" in page

    response = client.get("/taal/en?next=/")
    assert response.status_code == 302
    page = _page(client.get("/"))
    assert '<html lang="en">' in page
    # If this fails while lang="en" holds, the .mo is missing or old: `make translations`.
    assert "Together we make the neighbourhood" in page
    assert "Samen maken we de buurt" not in page

    client.get("/taal/nl?next=/")
    assert "Samen maken we de buurt" in _page(client.get("/"))


def test_form_errors_are_english_after_switching(client):
    client.get("/taal/en")
    page = _page(client.post("/inloggen", {"email": "", "password": ""}))
    assert '<html lang="en">' in page
    for english in ("Something has not been filled in correctly", "Enter your email address.", "Enter your password."):
        assert english in page
    for dutch in ("Er is iets niet goed ingevuld", "Vul uw e-mailadres in.", "Vul uw wachtwoord in."):
        assert dutch not in page


def test_an_unknown_language_keeps_dutch(client):
    client.get("/taal/xx")
    assert '<html lang="nl">' in _page(client.get("/"))


def test_dutch_content_on_an_english_page_is_marked_dutch(client):
    """WCAG 3.1.2: what residents wrote stays Dutch in the English interface; marked so, a
    screen reader reads it with Dutch pronunciation. The Dutch interface needs no mark."""
    trekker = make_user("Fatima de Vries")
    team = make_team(make_neighbourhood(), trekker, name="Pruimengaarde Samen", question="Elkaar weer groeten")
    client.get("/taal/en")
    page = _page(client.get(f"/teams/{team.id}"))
    assert '<h1><span lang="nl">Pruimengaarde Samen</span></h1>' in page
    assert '<dd class="prose"><span lang="nl">Elkaar weer groeten</span></dd>' in page

    client.get("/taal/nl")
    page = _page(client.get(f"/teams/{team.id}"))
    assert "<h1>Pruimengaarde Samen</h1>" in page and 'lang="nl">Pruimengaarde' not in page
