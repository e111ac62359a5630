"""Every Dutch text of the interface, at B1 level (short sentences, common words)."""

from rag.prompts import AI_NOTICE, REFUSAL, REFUSAL_NEXT_STEP, SUGGESTIONS_INTRO

__all__ = ["AI_NOTICE", "REFUSAL", "REFUSAL_NEXT_STEP", "SUGGESTIONS_INTRO"]

TITLE = "Naober"
TAGLINE = "Vragen over zorg en welzijn in Drenthe. Met bij elk antwoord de bron."
NOTICE_HEADING = "Let op: u praat met een AI-systeem"
NOTICE_EXTRA = (
    "Naober zoekt alleen in de documenten op het tabblad **Documenten**. "
    "Het is geen mens en geen hulpverlener. Bij spoed belt u 112, voor advies uw huisarts."
)

AUDIENCE_LABEL = "Ik ben"
AUDIENCE_CHOICES = [("Inwoner", "inwoner"), ("Professional", "professional")]
AUDIENCE_INFO = "Professionals kunnen filteren en zien meer passages met scores."

TAB_ASK = "Vraag het"
TAB_DOCS = "Documenten"
CHAT_LABEL = "Gesprek met Naober"
CHAT_PLACEHOLDER = "Stel hieronder uw vraag. Naober zoekt het antwoord in de documenten en laat de bron zien."
QUESTION_LABEL = "Uw vraag"
QUESTION_PLACEHOLDER = "Typ hier uw vraag, bijvoorbeeld: waar kan ik terecht als ik me eenzaam voel?"
ASK_BUTTON = "Vraag"
NEW_CHAT = "Nieuw gesprek"
STARTERS_LABEL = "Voorbeeldvragen"

STARTERS = {
    "inwoner": (
        "Ik voel me eenzaam, waar kan ik terecht?",
        "Ik zorg voor mijn moeder. Wie kan mij helpen?",
        "Wat doet Drenthe voor ouderen in kleine dorpen?",
    ),
    "professional": (
        "Wie zijn de initiatiefnemers van de versterking van de eerstelijn?",
        "Hoe wordt de aanpak gefinancierd?",
        "Welke afspraken zijn er over mentale gezondheid?",
    ),
}

FILTERS_HEADING = "Filters voor professionals"
FILTER_DOCS = "Document"
FILTER_YEARS = "Jaar"
FILTER_THEMES = "Thema"

SOURCES_HEADING = "Bronnen"
SOURCE_PAGE = "pagina {page}"
SOURCE_LINES = "regels {start}–{end}"
SOURCE_MORE = "Lees de tekst eromheen"
SOURCE_OPEN = "Open het document op deze plek"
SOURCE_NEW_TAB = "(opent in een nieuw tabblad)"
PASSAGES_HEADING = "Alle gevonden passages (met score)"
SCORE_LABELS = "score {score:.4f} · gelijkenis {dense} · trefwoorden {lexical}"
REFUSAL_HEADING = "Geen antwoord gevonden"

STATUS_EMPTY = "Typ eerst een vraag."
STATUS_ANSWER = "Antwoord gegeven, met {n} bron(nen). Het antwoord staat in het gesprek."
STATUS_REFUSED = "Naober vond geen antwoord in de documenten."
STATUS_ERROR = "Er ging iets mis: {message}"
STATUS_FAILED = "Er ging iets mis. Probeer het later nog eens."
STATUS_THANKS_UP = "Bedankt! U vond dit antwoord goed. Dat is opgeslagen."
STATUS_THANKS_DOWN = "Bedankt! U vond dit antwoord niet goed. Dat is opgeslagen."
STATUS_NO_FEEDBACK = "Uw reactie kon niet worden opgeslagen."

DOCS_INTRO = "Naober geeft alleen antwoord uit deze documenten."
DOCS_COLUMNS = ("Titel", "Uitgever", "Jaar", "Soort", "Omvang", "")
DOCS_OPEN = "Open"
DOCS_SIZE_PAGES = "{n} pagina's"
DOCS_SIZE_LINES = "{n} regels"
DOC_PAGE_BACK = "Terug naar Naober"
DOC_PAGE_SECTIONS = "Inhoud"
DOC_PAGE_CITED = "Naar de geciteerde tekst"

TAB_KAART = "Sociale kaart"
KAART_INTRO = (
    "Hier staan de inspanningen en initiatieven uit de documenten. "
    "Kies een thema, typ een organisatie of zoek op een woord. Bij elke inspanning ziet u waar het staat."
)
KAART_FILTER_THEME = "Thema"
KAART_ALL_THEMES = "Alle thema's"
KAART_FILTER_ORG = "Organisatie"
KAART_FILTER_ORG_HINT = "Bijvoorbeeld: GGD Drenthe"
KAART_FILTER_TEXT = "Zoek op woord"
KAART_FILTER_TEXT_HINT = "Bijvoorbeeld: mantelzorg"
KAART_SEARCH = "Zoek"
KAART_PICK = "Kies een inspanning om alles te zien"
KAART_PICK_HINT = "Kies hierboven een inspanning. Dan ziet u hier alle gegevens en de bron."
KAART_COUNT = "{n} inspanningen gevonden."
KAART_COUNT_ONE = "1 inspanning gevonden."
KAART_NONE = "Geen inspanningen gevonden. Probeer een ander thema of een ander woord."
KAART_CSV = "Download deze lijst als CSV-bestand (voor Excel)"
KAART_COLUMNS = ("Titel", "Thema", "Initiatiefnemer", "Planning", "Document")
KAART_THEME = "Thema"
KAART_DOCUMENT = "Document"
KAART_SECTION = "Onderdeel"
KAART_DESCRIPTION = "Wat is het?"
KAART_LEAD = "Initiatiefnemer"
KAART_PARTNERS = "Betrokken partijen"
KAART_TARGET = "Doelgroep"
KAART_PLANNING = "Planning"
KAART_FINANCING = "Financiering"
KAART_SCALE = "Schaal of focus"
KAART_STATUS = "Stand van zaken"
KAART_SOURCE = "Bron"
KAART_EMPTY = "Staat niet in het document"
KAART_OPEN_SOURCE = "Open de bron op deze plek"
