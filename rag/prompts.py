"""Every Dutch sentence Naober says on its own, and the prompts for optional chat models."""

REFUSAL = "Dat kan ik niet vinden in de documenten die ik ken. Ik geef alleen antwoord als ik de bron kan laten zien."
REFUSAL_NEXT_STEP = "Zoekt u hulp? Uw gemeente (het Wmo-loket of sociaal team) of uw huisarts kan u verder helpen."
SUGGESTIONS_INTRO = "Misschien bedoelt u:"
INSPANNING_PREFIX = "Over de inspanning ‘{title}’ ({theme}):"
AI_NOTICE = (
    "Naober is een AI-systeem. Het geeft antwoorden uit een vaste lijst beleidsdocumenten over "
    "zorg en welzijn in Drenthe, en laat altijd de bron zien. Controleer belangrijke informatie."
)
