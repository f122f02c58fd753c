"""Fixed vocabularies shared by teams and templates; keys are stored, labels are shown."""

from app.core.i18n import lazy_gettext as _l

# The Vitale Wijken themes, plus youth and living together (KIS).
THEMES = {
    "veiligheid": _l("Veiligheid"),
    "mantelzorg": _l("Zorg voor elkaar en mantelzorg"),
    "woonregels": _l("Huisregels en woonafspraken"),
    "ontmoeting": _l("Ontmoeting"),
    "zwerfvuil": _l("Zwerfvuil en hondenpoep"),
    "communicatie": _l("Buurtwebsite, nieuwsbrief of app"),
    "parkeren": _l("Parkeren"),
    "groen": _l("Groen"),
    "jeugd": _l("Kinderen en jongeren"),
    "samenleven": _l("Samenleven van verschillende groepen"),
}


def choices(vocabulary: dict) -> list[tuple[str, str]]:
    return list(vocabulary.items())
