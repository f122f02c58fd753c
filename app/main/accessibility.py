"""What the accessibility statement says about the site, kept beside the code it describes:
the problems known today with what we do and by when, and those already solved. Change it
with the change that solves or finds a problem, and move STATEMENT_DATE along."""

from dataclasses import dataclass
from datetime import date

from flask_babel import LazyString

from app.core.i18n import lazy_gettext as _l

# When the statement was last checked against the site.
STATEMENT_DATE = date(2026, 12, 6)
# The manual evaluation (WCAG-EM) behind status B: a sample of pages and states.
EVALUATED_IN = date(2026, 12, 1)


@dataclass(frozen=True)
class Issue:
    criterion: str  # the WCAG 2.1 success criterion, number and Dutch name
    problem: LazyString
    remedy: LazyString
    by: date  # known: solved before this date; solved: the day it was


KNOWN = (
    Issue(
        "2.2.1 Timing aanpasbaar",
        _l(
            "Een formulier verloopt na 60 minuten. Na 2 uur zonder iets te doen, wordt u uitgelogd. U krijgt "
            "daarvoor geen waarschuwing, en wat u typte is dan weg."
        ),
        _l("Een verlopen formulier komt terug met wat u typte. Voor u wordt uitgelogd, krijgt u een waarschuwing."),
        date(2027, 3, 1),
    ),
    Issue(
        "1.1.1 Niet-tekstuele content",
        _l(
            "Foto's die teams vóór december 2026 toevoegden, hebben geen beschrijving. Wie ze niet kan zien, "
            "hoort alleen 'Foto 1 van de activiteit'."
        ),
        _l("Teams kunnen een beschrijving toevoegen aan een foto die er al staat. Wij vragen hun dat te doen."),
        date(2027, 3, 1),
    ),
    Issue(
        "3.1.2 Taal van onderdelen",
        _l(
            "In de Engelse versie staat Nederlandse tekst die bewoners schreven niet overal als Nederlands "
            "gemarkeerd: in de titel van een pagina, in berichten en mails, en in sommige lijsten. Een "
            "schermlezer spreekt die tekst dan uit als Engels."
        ),
        _l("Wij markeren ook die teksten als Nederlands, waar dat kan."),
        date(2027, 6, 1),
    ),
)

SOLVED = (
    Issue(
        "1.4.3 Contrast (minimum)",
        _l("De tekst van tien groene knoppen had dezelfde kleur als de knop, bijvoorbeeld 'Aanmelden'."),
        _l("De knoppen hebben weer witte tekst. De browsertests controleren nu elke knop en link op elke pagina."),
        date(2026, 12, 6),
    ),
    Issue(
        "1.4.3 Contrast (minimum)",
        _l("Met de focus van het toetsenbord was de knop 'English' en waren de links onderaan wit op geel."),
        _l("Met de focus is de tekst nu donker op geel, op elke pagina."),
        date(2026, 12, 6),
    ),
    Issue(
        "1.4.10 Reflow",
        _l("Op een telefoon stonden knoppen en bedragen in tabellen buiten het scherm."),
        _l("Op een telefoon staat elke rij van een tabel nu als een blok onder elkaar."),
        date(2026, 12, 6),
    ),
    Issue(
        "1.4.12 Tekstafstand",
        _l("Met meer ruimte tussen letters en regels paste 'Mijn account' niet op een smal scherm."),
        _l("De onderdelen van het menu lopen nu door op een volgende regel."),
        date(2026, 12, 6),
    ),
    Issue(
        "3.1.2 Taal van onderdelen",
        _l("In de Engelse versie las een schermlezer de Nederlandse teksten van teams en aanpakken als Engels."),
        _l("Teksten van teams, activiteiten en aanpakken zijn nu als Nederlands gemarkeerd."),
        date(2026, 12, 6),
    ),
    Issue(
        "1.1.1 Niet-tekstuele content",
        _l("Een foto had als tekst alleen 'Foto 1 van de activiteit'."),
        _l("Wie een foto toevoegt, beschrijft kort wat erop staat. Die beschrijving is de tekst van de foto."),
        date(2026, 12, 6),
    ),
    Issue(
        "3.3.1 Foutidentificatie",
        _l("Na een fout in een formulier bleef de focus bovenaan de pagina."),
        _l("De focus gaat naar de lijst met fouten, en de titel van de pagina begint met 'Fout:'."),
        date(2026, 12, 6),
    ),
    Issue(
        "1.3.1 Info en relaties",
        _l("Een schermlezer zei niet dat een keuze uit rondjes of vinkjes verplicht was."),
        _l("Verplichte keuzes zijn nu als verplicht gemarkeerd."),
        date(2026, 12, 6),
    ),
    Issue(
        "3.3.4 Foutpreventie",
        _l("Bij het besluit over geld was een uitkomst al gekozen. Het geld werd vastgezet zonder dat te bevestigen."),
        _l("De voorzitter kiest zelf en bevestigt het besluit voordat het geld wordt vastgezet."),
        date(2026, 12, 6),
    ),
)
