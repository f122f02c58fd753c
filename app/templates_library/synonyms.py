"""Everyday words residents use for the same thing. A search word from a group also finds
the other words of its group ("eten" finds "maaltijd"). These are Dutch search words, not UI
text, so they are not translated. Keep the groups small: a word in too many groups makes
every search find everything."""

SYNONYM_GROUPS = (
    "eten maaltijd maaltijden koken diner restaurant",
    "afval zwerfafval zwerfvuil vuil rommel troep schoon schoonmaken vies smerig",
    "ruzie burenruzie conflict conflicten overlast ergernis onenigheid",
    "lawaai herrie geluidsoverlast",
    "eenzaam eenzaamheid alleen isolement",
    "jongeren jeugd tieners pubers",
    "kinderen kind kids",
    "ouderen senioren bejaarden",
    "nieuwkomers nieuw nieuwe verhuisd statushouders vluchtelingen",
    "kennismaken kennismaking kennen ontmoeten ontmoeting",
    "praten gesprek gesprekken dialoog",
    "onveilig onveiligheid veiligheid veilig",
    "spelen sport sporten voetbal bewegen",
    "portiek portieken galerij flat trappenhuis",
    "buurthuis huiskamer ontmoetingsplek",
    "discriminatie racisme vooroordelen",
    "geld budget vouchers",
    "toneel theater voorstelling",
    "meedoen meebeslissen inspraak",
)

# Leading parts a resident may write onto a word or leave off it ("opknappen" and "knappen
# ... op", "bovenburen" and "buren"): a query word with one also searches for the rest.
SPLIT_PREFIXES = ("aan", "achter", "bij", "boven", "door", "mee", "onder", "op", "samen", "terug", "uit", "weg")
MIN_REST = 5
