"""Every method, intervention and practice example named in the source documents.

The five Dutch source documents live in ``shared/seeds/`` (file prefix = document
number):

- ``000`` EigenWIJzebuurten (JUNIOR), method page
- ``001`` article on Platform31's guide for bridging citizen initiatives
  (names no individual method, so it has no rows here)
- ``002`` WijkWijzer (Platform31 / Movisie, December 2024): 8 interventions and
  13 other methodical approaches
- ``003`` KIS, "Praktijkvoorbeelden: van polarisatie naar verbinding in buurten"
- ``004`` "De aanpak Vitale Wijken in Amersfoort werkt!" (2016)

Each row is ``(document, name exactly as written in the document, slug)``; the
slug names the seed file ``seeds/templates/<slug>.yaml`` that covers the
mention. A method found in several documents has one row per document and one
shared slug. In document 003 Portiekportiers is described twice (under
"verbeteren contact" and under "positief gedrag kinderen en jongeren"); both
mentions point to the same template. Sub-projects that a practice example only
mentions as part of its own work (such as the WijkWijzer-project and Suuq de
markt op of the Ronde Tafelhuis, or the Week van de Dialoog of Utrecht in
Dialoog) are covered by that practice example and are not listed separately.
"""

SOURCE_CATALOGUE: list[tuple[str, str, str]] = [
    # 000 EigenWIJzebuurten (JUNIOR)
    ("000", "EigenWIJzebuurten (JUNIOR)", "eigenwijzebuurten"),
    # 002 WijkWijzer: interventies
    ("002", "Buurtcirkel", "buurtcirkel"),
    ("002", "Citytrainers", "citytrainers"),
    ("002", "Futsal Chabbab", "futsal-chabbab"),
    ("002", "GoldenSports", "goldensports"),
    ("002", "Resto VanHarte", "resto-vanharte"),
    ("002", "Studio BRUIS", "studio-bruis"),
    ("002", "PBS in de wijk", "pbs-in-de-wijk"),
    ("002", "Wijkacademie Opvoeden", "wijkacademie-opvoeden"),
    # 002 WijkWijzer: andere methodische aanpakken
    ("002", "ABCD-methode", "abcd-methode"),
    ("002", "Buurtreminiscentie", "buurtreminiscentie"),
    ("002", "Buurtbemiddeling", "buurtbemiddeling"),
    ("002", "Community Organising", "community-organising"),
    ("002", "Eigen Kracht-conferentie", "eigen-kracht-conferentie"),
    ("002", "Het vouchersysteem", "vouchersysteem"),
    ("002", "Moeder- en vadercentra", "moeder-en-vadercentra"),
    ("002", "Right to challenge", "right-to-challenge"),
    ("002", "Slagkracht in de wijk", "slagkracht-in-de-wijk"),
    ("002", "Thuis op Straat (TOS)", "thuis-op-straat"),
    ("002", "Wijk en Psychiatrie", "wijk-en-psychiatrie"),
    ("002", "Wijktheater", "wijktheater"),
    ("002", "7 bouwstenen voor het opstellen van een buurtagenda", "zeven-bouwstenen-buurtagenda"),
    # 003 KIS: verbeteren contact/omgang/begrip in directe woonomgeving
    ("003", "Buurtbemiddeling", "buurtbemiddeling"),
    ("003", "Portiekgesprekken, galerijgesprekken, burengesprekken", "portiekgesprekken"),
    ("003", "Samen Schoon", "samen-schoon"),
    ("003", "PortiekPortiers/BuurtBikkels", "portiekportiers"),
    (
        "003",
        "Initiatieven om nieuwe bewoners te verwelkomen in de straat of woningcomplex",
        "nieuwe-bewoners-verwelkomen",
    ),
    # 003 KIS: afspraken over gedragsregels
    ("003", "Gedragscodes", "gedragscodes"),
    ("003", "Pleingesprekken (leefregels)", "pleingesprekken"),
    # 003 KIS: ontmoeting en begrip middels dialoog
    ("003", "Dialoogtafels in de buurt", "dialoogtafels"),
    ("003", "Interculturele, interreligieuze dialoog in buurt/gemeente", "interculturele-interreligieuze-dialoog"),
    ("003", "Ronde Tafelhuis", "ronde-tafelhuis"),
    # 003 KIS: gemeenschappelijke (buurt)identiteit
    ("003", "Buurtreminiscentie", "buurtreminiscentie"),
    # 003 KIS: verbinding groepen op gemeenschappelijke belangen
    ("003", "Opzoomeren", "opzoomeren"),
    ("003", "Kulturhuske", "kulturhuske"),
    ("003", "Buurtgids-tours in een buurt", "buurtgids-tours"),
    # 003 KIS: vluchtelingen en buurtbewoners
    ("003", "Haagse Huiskamer", "haagse-huiskamer"),
    ("003", "De Voorkamer", "de-voorkamer"),
    ("003", "BOOST", "boost"),
    ("003", "Dichter bij huis", "dichter-bij-huis"),
    ("003", "Buurtpraatjes", "buurtpraatjes"),
    # 003 KIS: positief gedrag kinderen en jongeren
    ("003", "Thuis Op Straat", "thuis-op-straat"),
    ("003", "Jongeren Lossen Het Op (JOLO)", "jongeren-lossen-het-op"),
    ("003", "Portiekportiers", "portiekportiers"),
    ("003", "Straatportiers", "straatportiers"),
    ("003", "Jongeren Preventie Teams", "jongeren-preventie-teams"),
    ("003", "Inkr8", "inkr8"),
    ("003", "Zakgeldprojecten", "zakgeldprojecten"),
    ("003", "Futsal Chabbab", "futsal-chabbab"),
    ("003", "Ara Cora", "ara-cora"),
    # 003 KIS: sociale controle, collectieve weerbaarheid en basisveiligheid
    ("003", "Training omgaan met straatcultuur", "training-omgaan-met-straatcultuur"),
    ("003", "Koppelwerk", "koppelwerk"),
    ("003", "Buurtambassadeurs", "buurtambassadeurs"),
    ("003", "Buurt Bestuurt", "buurt-bestuurt"),
    ("003", "Buurtpreventieprojecten", "buurtpreventie"),
    ("003", "Buurtpreventieprojecten (sociale media)", "buurtpreventie-sociale-media"),
    ("003", "Buurtveiligheidsteams", "buurtveiligheidsteams"),
    ("003", "BuurtPraktijkTeam", "buurtpraktijkteam"),
    # 003 KIS: gemeentelijke (wijkoverstijgende) aanpakken en programma's
    ("003", "Burgertop", "burgertop"),
    ("003", "Utrecht zijn we samen", "utrecht-zijn-we-samen"),
    ("003", "Utrecht in Dialoog", "utrecht-in-dialoog"),
    ("003", "Tolerant Minds", "tolerant-minds"),
    ("003", "Programma WIJ-samenleving", "wij-samenleving"),
    ("003", "Bondgenoten", "bondgenoten"),
    ("003", "Sleutelpersonen netwerken", "sleutelpersonen-netwerken"),
    # 004 Vitale Wijken Amersfoort
    ("004", "Vitale Wijken", "vitale-wijken"),
]
