"""Vocabularies of the template library, after KIS's selection criteria. Keys are stored,
labels are shown; THEMES lives in app.core.vocab because teams use it too."""

from functools import cache

from flask_babel import get_locale

from app.core.i18n import lazy_gettext as _l
from app.core.vocab import THEMES

PROBLEMS = {
    "burenconflict": _l("Ruzie of ergernis tussen buren"),
    "spanningen_groepen": _l("Spanningen tussen groepen in de buurt"),
    "weinig_contact": _l("Weinig contact tussen buren"),
    "eenzaamheid": _l("Eenzaamheid"),
    "jeugdoverlast": _l("Overlast van jongeren"),
    "onveiligheid": _l("Een onveilig gevoel in de buurt"),
    "vooroordelen": _l("Vooroordelen en onbegrip"),
    "nieuwkomers": _l("Nieuwe bewoners horen er nog niet bij"),
    "vervuiling": _l("Vuil en rommel op straat"),
    "weinig_betrokkenheid": _l("Weinig bewoners doen mee"),
    "radicalisering": _l("Polarisatie en radicalisering"),
    "zorg_kwetsbaarheid": _l("Buren die zorg of steun nodig hebben"),
}

# Everyday words residents type for a problem, so "burenruzie" finds Buurtbemiddeling.
# Search is in Dutch: these are search words, not UI text, and are not translated.
PROBLEM_WORDS = {
    "burenconflict": "burenruzie ruzie conflict overlast lawaai herrie geluidsoverlast ergernis bemiddeling",
    "spanningen_groepen": "spanning spanningen ruzie conflict groepen polarisatie",
    "weinig_contact": "contact kennismaken elkaar kennen groeten anoniem",
    "eenzaamheid": "eenzaam alleen isolement",
    "jeugdoverlast": "hangjongeren jongeren overlast jeugd hangplek",
    "onveiligheid": "onveilig veiligheid criminaliteit inbraak",
    "vooroordelen": "vooroordeel discriminatie racisme begrip",
    "nieuwkomers": "nieuwkomer nieuwe bewoners verhuisd welkom statushouder vluchteling",
    "vervuiling": "vuil zwerfvuil afval rommel hondenpoep schoon",
    "weinig_betrokkenheid": "meedoen betrokken actief vrijwilliger",
    "radicalisering": "radicaal extremisme polarisatie",
    "zorg_kwetsbaarheid": "zorg mantelzorg hulp kwetsbaar steun",
}

# Everyday words for a target group, to weigh a method for the group a question names
# ("eenzame ouderen"). Not "ouder": as a stem it is both parents and older people.
GROUP_WORDS = {
    "kinderen": "kind kinderen kids",
    "jongeren": "jongeren jeugd tieners pubers",
    "ouderen": "ouderen senioren bejaarden",
    "ouders": "moeders vaders gezinnen",
    "nieuwkomers": "nieuwkomers statushouders vluchtelingen",
    "vrijwilligers": "vrijwilligers",
}

# The oldest age a target group or a search names.
MAX_AGE = 120

GROUPS = {
    "kinderen": _l("Kinderen"),
    "jongeren": _l("Jongeren"),
    "jongvolwassenen": _l("Jongvolwassenen"),
    "volwassenen": _l("Volwassenen"),
    "ouders": _l("Ouders"),
    "ouderen": _l("Ouderen"),
    "nieuwkomers": _l("Nieuwkomers"),
    "alle_bewoners": _l("Alle bewoners"),
    "vrijwilligers": _l("Vrijwilligers"),
    "professionals": _l("Professionals"),
}

LOCATIONS = {
    "woning": _l("In huis"),
    "portiek_galerij": _l("In de portiek of op de galerij"),
    "straat": _l("Op straat"),
    "plein": _l("Op een plein"),
    "buurthuis": _l("In het buurthuis"),
    "school": _l("Op school"),
    "sportveld": _l("Op het sportveld"),
    "online": _l("Online"),
    "wijk": _l("In de hele wijk"),
}

RECOGNITION = {
    "erkend_goed_beschreven": _l("Erkend: goed beschreven"),
    "erkend_goed_onderbouwd": _l("Erkend: duidelijk waarom het werkt"),
    "erkend_effectief": _l("Erkend: effectief"),
    "praktijkvoorbeeld": _l("Voorbeeld uit de praktijk"),
    "niet_beoordeeld": _l("Niet beoordeeld"),
}

FORMS = {
    "interventiebeschrijving": _l("Uitgewerkte aanpak"),
    "methodebeschrijving": _l("Beschrijving van een methode"),
    "handreiking": _l("Handreiking"),
    "praktijkvoorbeeld": _l("Voorbeeld uit de praktijk"),
    "programma": _l("Programma"),
    "werkwijze": _l("Werkwijze"),
}

# The KIS solution directions ("oplossingsrichtingen"), plus residents deciding themselves.
SOLUTION_DIRECTIONS = {
    "contact_woonomgeving": _l("Beter contact en begrip in de directe woonomgeving"),
    "gedragsregels": _l("Afspraken maken over hoe we met elkaar omgaan"),
    "dialoog": _l("Ontmoeting en begrip door dialoog"),
    "buurtidentiteit": _l("Een gezamenlijke buurtidentiteit"),
    "ontmoeting": _l("Ontmoeting en begrip in de buurt"),
    "vluchtelingen": _l("Contact tussen vluchtelingen en buurtbewoners"),
    "jeugd": _l("Positief gedrag van kinderen en jongeren"),
    "weerbaarheid": _l("Sociale controle, weerbaarheid en veiligheid"),
    "gemeentelijk": _l("Aanpak van de gemeente"),
    "bewonerskracht": _l("Bewoners organiseren en beslissen zelf"),
}


@cache
def _labels_in(_locale: str) -> dict[str, dict[str, str]]:
    named = {"PROBLEMS": PROBLEMS, "GROUPS": GROUPS, "LOCATIONS": LOCATIONS, "RECOGNITION": RECOGNITION}
    named |= {"FORMS": FORMS, "SOLUTION_DIRECTIONS": SOLUTION_DIRECTIONS, "THEMES": THEMES}
    return {name: {key: str(label) for key, label in vocabulary.items()} for name, vocabulary in named.items()}


def labels() -> dict[str, dict[str, str]]:
    """Every vocabulary by name, its labels in the request's language. Translated once per
    language rather than on every card of every page: the vocabularies are code and the
    catalogues are read at start, so nothing here changes while the app runs."""
    return _labels_in(str(get_locale()))
