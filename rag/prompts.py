"""Every Dutch sentence Naober says on its own, and the prompts for optional chat models."""

REFUSAL = "Dat kan ik niet vinden in de documenten die ik ken. Ik geef alleen antwoord als ik de bron kan laten zien."
REFUSAL_NEXT_STEP = "Zoekt u hulp? Uw gemeente (het Wmo-loket of sociaal team) of uw huisarts kan u verder helpen."
_ASK_THE_ORGANISATION = (
    "Telefoonnummers, adressen en openingstijden staan op de website van de organisatie zelf; uw gemeente "
    "kan u ook verder helpen."
)
# A refusal's next step by the kind of answer asked for (rag.answer_type); REFUSAL_NEXT_STEP otherwise.
NEXT_STEP_BY_TYPE = {
    "advies": "Vraag dit aan uw huisarts of apotheker: zij kennen uw situatie en uw medicijnen.",
    "vergoeding": "Wat vergoed wordt, hoort u van uw zorgverzekeraar, en voor hulp uit de Wmo van uw gemeente.",
    "telefoon": _ASK_THE_ORGANISATION,
    "adres": _ASK_THE_ORGANISATION,
    "tijd": _ASK_THE_ORGANISATION,
    "contact": _ASK_THE_ORGANISATION,
}
SUGGESTIONS_INTRO = "Misschien bedoelt u:"
INSPANNING_PREFIX = "Over de inspanning ‘{title}’ ({theme}):"
AI_NOTICE = (
    "Naober is een AI-systeem. Het geeft antwoorden uit een vaste lijst beleidsdocumenten over "
    "zorg en welzijn in Drenthe, en laat altijd de bron zien. Controleer belangrijke informatie."
)

# Optional chat models (rag/generate.py). {refusal} is REFUSAL, so the model's refusal is recognisable.
GROUNDED_SYSTEM = (
    "Je bent Naober. Je beantwoordt een vraag over Drentse beleidsdocumenten over zorg en welzijn. "
    "Je krijgt genummerde passages. Gebruik alleen wat in die passages staat, nooit je eigen kennis. "
    "Schrijf in eenvoudig Nederlands (taalniveau B1). "
    "Zet achter elke zin het nummer van de passage waar die zin op steunt, bijvoorbeeld: "
    "De huiskamer is open op dinsdag [2]. "
    "Noem geen getallen of namen die niet in die passage staan. "
    "Alleen als geen enkele passage iets over de vraag zegt, antwoord je met precies deze zin: {refusal}"
)
STYLE_INWONER = "Schrijf voor een inwoner: hoogstens drie korte zinnen. Spreek de lezer aan met 'u'. Vermijd vaktaal."
STYLE_PROFESSIONAL = (
    "Schrijf voor een professional: hoogstens vier zakelijke zinnen. Noem trekkers, partijen, bedragen en "
    "jaartallen als de passages ze geven."
)
GROUNDED_PASSAGE = "[{n}] {title} › {section}\n{text}"
GROUNDED_USER = "Passages:\n\n{passages}\n\nVraag: {question}\n\nAntwoord in het Nederlands, met [n] na elke zin:"
REWRITE_SYSTEM = (
    "Herschrijf de laatste vraag van de gebruiker tot één zelfstandige vraag die zonder het gesprek te "
    "begrijpen is. Geef alleen die vraag, in het Nederlands, zonder uitleg."
)
REWRITE_USER = "Gesprek:\n{history}\n\nLaatste vraag: {question}\n\nZelfstandige vraag:"
NOTE_LLM_UNAVAILABLE = (
    "Het taalmodel is nu niet bereikbaar. Dit antwoord bestaat uit letterlijke zinnen uit de documenten."
)
NOTE_LLM_UNCHECKED = (
    "Het antwoord van het taalmodel kon niet genoeg worden gecontroleerd tegen de bronnen. Dit antwoord "
    "bestaat uit letterlijke zinnen uit de documenten."
)
NOTE_LLM_REFUSED = (
    "Het taalmodel vond het antwoord niet in de passages. Dit zijn de best passende zinnen uit de documenten."
)
NOTE_LLM_CUT = "Het taalmodel stopte te vroeg. Alleen de gecontroleerde zinnen staan hierboven."
