"""Safe messaging: the purpose notice, the crisis banner, and redaction of method details in echoed text."""

from __future__ import annotations

import re
import unicodedata

from claimcheck.regex_cache import cached_compile, save_compiled
from claimcheck.safety.helplines import EMERGENCY, resources_for
from claimcheck.safety.models import Resource, Safety

# One-line statement of purpose that every output format carries.
NOTICE = "Information from public-health sources, not medical advice."
# Carried by every "unverified" verdict: absence of evidence is not evidence of safety.
UNVERIFIED_NOTE = "No trusted source found: this does not mean it is safe."
PLACEHOLDER = "[method detail removed]"

# Words and phrases that describe means of suicide or self-harm. No output may echo them back (checked by
# find_method_terms); redact() removes each one even when no fuller method phrase was recognised.
METHOD_TERMS: tuple[str, ...] = (
    # ligature
    "noose", "ligature", "rope", "hang myself", "hanging myself", "hang yourself", "hanging yourself",
    # weapons and blades
    "gun", "firearm", "pistol", "rifle", "shotgun", "bullet", "knife", "knives", "blade", "razor", "scalpel",
    # heights, railways, traffic
    "bridge", "ledge", "cliff", "rooftop", "train tracks", "railway line", "railway tracks", "multi-storey",
    "jump off", "jump from", "jumping off", "in front of a train",
    # cutting specifics
    "wrist", "slit", "cut deep", "cut deeper", "cut too deep",
    # poisons and gases
    "bleach", "antifreeze", "weedkiller", "carbon monoxide", "charcoal", "exhaust fumes", "helium",
    # doses and instructions
    "lethal dose", "fatal dose", "how to kill", "how to overdose", "ways to die",
)

_PILLS = (r"(?:pills?|tablets?|capsules?|meds|medication|painkillers?|paracetamol|acetaminophen|tylenol"
          r"|ibuprofen"
          r"|aspirin|co-?codamol|codeine|tramadol|insulin|antidepressants?|sertraline|fluoxetine|citalopram"
          r"|diazepam|valium|xanax|benzos?|opioids?|oxycodone|sleeping (?:pills|tablets))")
_QUANTITY = (r"(?:[1-9]\d+|a (?:whole |full |entire )?(?:bottle|box|packet|pack|strip|handful|stash|load|bag"
             r"|jar"
             r"|tub)s? of|(?:two|three|several) (?:bottles|boxes|packets|packs|strips) of|all (?:of )?(?:my"
             r"|the|his"
             r"|her|their|mum's|mom's|dad's)|enough|dozens of|loads of|lots of|a lot of|too many|so many"
             r"|hundreds of|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
             r"|a hundred)(?:[- ][a-z]+)?)")
_FIRST_PERSON_TAKING = (r"\b(?:i|i've|ive|i have|i'm|im|i am|i'll|i will|he|she|they|my \w+)\b[^.!?\n]{0,30}?"
                        r"\b(?:took|taken|take|taking|swallow\w*|down(?:ed)?|necked|saved?|saving|stockpil\w*"
                        r"|hoard\w*|collect\w*|got|have|bought|ordered|buy)\s+")

# Method descriptions, most specific first; each is replaced whole by PLACEHOLDER.
_METHOD_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    cached_compile(p, re.I)
    for p in (
        # "how to" instructions: the rest of the clause goes
        r"\b(?:how to|ways to|methods? (?:to|of)|the (?:best|easiest|quickest|fastest|most painless"
        r"|least painful)"
        r" way to|tips (?:on|for)|instructions (?:for|on))\s+(?:kill (?:yourself|myself|themselves|himself"
        r"|herself)|die|end (?:your|my|their) life|commit suicide|overdose|od\b|self[- ]?harm|cut (?:yourself"
        r"|myself|deep\w*)|hurt (?:yourself|myself)|hide (?:your |the |my )?(?:cuts|scars|wounds"
        r"|self[- ]?harm)"
        r"|hang (?:yourself|myself)|purge|make yourself (?:sick|throw up))[^.!?\n]*",
        # quantities of medicine ("40 pills", "a whole bottle of sleeping pills", "all my tablets")
        rf"\b{_QUANTITY}\s+(?:[\w'-]+\s+){{0,2}}?{_PILLS}\b(?:\s+of\s+[\w-]+)?",
        # lethal doses
        r"\b(?:lethal|fatal|deadly|toxic) (?:dose|amount|quantity|level)s?(?: of [\w-]+)?",
        # ligatures and hanging
        r"\b(?:a |the |my )?(?:noose|ligature|rope)s?\b",
        r"\bhang(?:ing|ed)? (?:myself|yourself|himself|herself|themselves)\b",
        # jumping or stepping from heights or in front of traffic
        r"\b(?:jump(?:ing|ed)?|throw(?:ing)? (?:myself|yourself)|step(?:ping)?|walk(?:ing)?|lie|lying"
        r"|leap(?:ing)?"
        r"|fall(?:ing)?) (?:off|from|in front of|under|into) (?:the |a |an |my |that )?(?:[\w-]+ ){0,2}?"
        r"(?:multi-?storey car park|multi-?storey|car park|bridge|building|rooftop|roof|cliff|ledge|balcony"
        r"|tower|block|flats|window"
        r"|train|bus|lorry|truck|traffic|motorway|river|sea|platform)s?\b",
        r"\b(?:the |a |that )?(?:bridge|ledge|cliff|rooftop|train tracks|railway (?:line|tracks)"
        r"|multi-?storey(?: car park)?)s?\b",
        # weapons and blades
        r"\b(?:a |the |my |his |her |their |[a-z]+'s )?(?:guns?|firearms?|pistols?|rifles?|shotguns?|bullets?"
        r"|knife"
        r"|knives|razors?(?: blades?)?|blades?|scalpels?)\b",
        # cutting specifics
        r"\b(?:cut|cutting|slit|slitting|slash\w*|carv\w*)\s+(?:into\s+)?(?:my|your|his|her"
        r"|their)\s+(?:wrists?"
        r"|arms?|thighs?|legs?|throat|stomach|skin)\b",
        r"\bcut(?:ting)? (?:too |really |so )?deep(?:er|ly)?\b",
        # poisons and gases
        r"\b(?:bleach|antifreeze|weedkiller|pesticides?|carbon monoxide|charcoal|exhaust fumes|car exhaust"
        r"|helium)\b",
    )
)
# A number of milligrams etc. is a method detail when someone took, saved or plans to take it.
_DOSE_TAKEN = cached_compile(
    _FIRST_PERSON_TAKING + r"(\d+(?:\.\d+)?\s?(?:mg|milligrams?|mcg|g|grams?|ml)\b(?: of [\w-]+)?)", re.I
)
# A number of pills in the same context ("i took 8 tablets"), below the 10 that _QUANTITY catches anywhere.
_COUNT_TAKEN = cached_compile(
    _FIRST_PERSON_TAKING + rf"(\d+\s+(?:[\w'-]+\s+)?{_PILLS}\b(?:\s+of\s+[\w-]+)?)", re.I
)
_TERMS = cached_compile(
    r"(?<![a-z])(?:"
    + "|".join(re.escape(t) for t in sorted(METHOD_TERMS, key=len, reverse=True))
    + r")(?:s|es)?(?![a-z])",
    re.I,
)
_REPEATS = cached_compile(
    re.escape(PLACEHOLDER) + r"(?:\s*(?:,|and|with|or|of|a|the)?\s*" + re.escape(PLACEHOLDER) + ")+"
)
_INVISIBLE = cached_compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def _prepare(text: str) -> str:
    if not isinstance(text, str):
        text = str(text)
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))


def _group_out(match: re.Match[str]) -> str:
    whole = match.group(0)
    return whole[: match.start(1) - match.start(0)] + PLACEHOLDER + whole[match.end(1) - match.start(0):]


def redact(text: str) -> str:
    """Text safe to echo back: method descriptions become PLACEHOLDER and the rest stays readable."""
    try:
        out = _prepare(text)
        out = _DOSE_TAKEN.sub(_group_out, out)
        out = _COUNT_TAKEN.sub(_group_out, out)
        for pattern in _METHOD_PATTERNS:
            out = pattern.sub(PLACEHOLDER, out)
        out = _TERMS.sub(PLACEHOLDER, out)
        return _REPEATS.sub(PLACEHOLDER, out)
    except Exception:  # noqa: BLE001 - never echo text that could not be checked
        return PLACEHOLDER


def find_method_terms(text: str) -> list[str]:
    """Method terms and medicine quantities in `text`; outputs must have none (tests and eval use this)."""
    prepared = _prepare(text)
    found = [m.group(0) for m in _TERMS.finditer(prepared)]
    found += [m.group(0) for m in _METHOD_PATTERNS[1].finditer(prepared)]
    found += [m.group(1) for m in _DOSE_TAKEN.finditer(prepared)]
    found += [m.group(1) for m in _COUNT_TAKEN.finditer(prepared)]
    return found


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/")


def contact_ways(resource: Resource) -> list[tuple[str, str, bool]]:
    """How to reach a helpline, in order: (verb, what to call or text, whether it is a phone number)."""
    if resource.phone and resource.text and resource.phone == resource.text:
        return [("call or text", resource.phone, True)]
    ways = [("call", resource.phone, True)] if resource.phone else []
    return ways + ([("text", resource.text, False)] if resource.text else [])


def format_resource(resource: Resource) -> str:
    """One helpline as a line of plain text: how to reach it, when, and where to find it."""
    ways = [f"{verb} {value}" for verb, value, _phone in contact_ways(resource)]
    line = f"{resource.name}: " + (" or ".join(ways) if ways else "")
    if resource.url:
        line += (", " if ways else "") + _display_url(resource.url)
    return f"{line} ({resource.hours})"


# The banner's sentences per language ("en" first; the others are translations of it). Helpline names stay
# as their organisations write them.
BANNER_LINES: dict[str, dict[str, str]] = {
    "en": {
        "title": "You are not alone",
        "danger": "If you or someone else is in immediate danger, please call {emergency} now.",
        "urgent": "It sounds like you're going through something really painful right now. You don't have to "
        "face this alone. You can talk to someone right now, for free and in confidence:",
        "concern": "It sounds like you might be going through a lot right now. You don't have to face this alone.",
        "talk": "Talking to someone can help. These services are free and confidential:",
        "others": "If you're worried about someone else, these services can help you support them too.",
        "worse": "If things get worse, or anyone is in danger, call {emergency}.",
        "local": "your local emergency number",
        "country_intl": "These are international services, since no country with its own list here (GB, US, IE, "
        "CA, AU, NZ) was set. For one of those, use --country or the CLAIMCHECK_COUNTRY setting.",
        "country": "Helplines for {country}. Somewhere else? Choose with --country (GB, US, IE, CA, AU, NZ) or "
        "the CLAIMCHECK_COUNTRY setting.",
    },
    "es": {
        "title": "No estás solo",
        "danger": "Si tú u otra persona estáis en peligro inmediato, llama ahora al {emergency}.",
        "urgent": "Parece que estás pasando por algo muy doloroso ahora mismo. No tienes que afrontarlo solo o "
        "sola. Puedes hablar con alguien ahora, gratis y de forma confidencial:",
        "concern": "Parece que estás pasando por mucho ahora mismo. No tienes que afrontarlo solo o sola.",
        "talk": "Hablar con alguien puede ayudar. Estos servicios son gratuitos y confidenciales:",
        "others": "Si te preocupa otra persona, estos servicios también pueden ayudarte a apoyarla.",
        "worse": "Si las cosas empeoran, o alguien está en peligro, llama al {emergency}.",
        "local": "número de emergencias local",
        "country_intl": "Son servicios internacionales porque no se indicó un país con lista propia aquí (GB, "
        "US, IE, CA, AU, NZ). Para uno de ellos usa --country o CLAIMCHECK_COUNTRY.",
        "country": "Líneas de ayuda para: {country}. ¿Estás en otro país? Elige con --country o con "
        "CLAIMCHECK_COUNTRY.",
    },
    "fr": {
        "title": "Vous n'êtes pas seul",
        "danger": "Si vous ou quelqu'un d'autre êtes en danger immédiat, appelez le {emergency} maintenant.",
        "urgent": "On dirait que vous traversez quelque chose de très douloureux en ce moment. Vous n'avez pas "
        "à affronter cela seul. Vous pouvez parler à quelqu'un maintenant, gratuitement et en toute "
        "confidentialité :",
        "concern": "On dirait que vous traversez beaucoup de choses en ce moment. Vous n'avez pas à affronter "
        "cela seul.",
        "talk": "En parler peut aider. Ces services sont gratuits et confidentiels :",
        "others": "Si vous vous inquiétez pour quelqu'un, ces services peuvent aussi vous aider à le soutenir.",
        "worse": "Si la situation s'aggrave, ou si quelqu'un est en danger, appelez le {emergency}.",
        "local": "numéro d'urgence local",
        "country_intl": "Ce sont des services internationaux car aucun pays ayant sa propre liste ici (GB, US, "
        "IE, CA, AU, NZ) n'a été indiqué. Pour l'un d'eux, utilisez --country ou CLAIMCHECK_COUNTRY.",
        "country": "Lignes d'écoute pour : {country}. Ailleurs ? Choisissez avec --country ou "
        "CLAIMCHECK_COUNTRY.",
    },
    "de": {
        "title": "Du bist nicht allein",
        "danger": "Wenn du oder jemand anderes in unmittelbarer Gefahr ist, ruf bitte sofort {emergency} an.",
        "urgent": "Es klingt, als würdest du gerade etwas sehr Schmerzhaftes durchmachen. Du musst das nicht "
        "allein durchstehen. Du kannst jetzt mit jemandem sprechen, kostenlos und vertraulich:",
        "concern": "Es klingt, als hättest du gerade sehr viel zu tragen. Du musst das nicht allein "
        "durchstehen.",
        "talk": "Mit jemandem zu reden kann helfen. Diese Angebote sind kostenlos und vertraulich:",
        "others": "Wenn du dir Sorgen um jemand anderen machst, helfen dir diese Stellen auch dabei.",
        "worse": "Wenn es schlimmer wird oder jemand in Gefahr ist, ruf {emergency} an.",
        "local": "die örtliche Notrufnummer",
        "country_intl": "Das sind internationale Angebote, weil kein Land mit eigener Liste hier (GB, US, IE, CA, "
        "AU, NZ) angegeben wurde. Für eines davon nutze --country oder CLAIMCHECK_COUNTRY.",
        "country": "Hilfsangebote für: {country}. Anderswo? Wähle mit --country oder CLAIMCHECK_COUNTRY.",
    },
    "pt": {
        "title": "Você não está sozinho",
        "danger": "Se você ou outra pessoa estiver em perigo imediato, ligue agora para {emergency}.",
        "urgent": "Parece que você está passando por algo muito doloroso agora. Você não precisa enfrentar isso "
        "sozinho. Pode falar com alguém agora, de graça e com sigilo:",
        "concern": "Parece que você está passando por muita coisa agora. Você não precisa enfrentar isso "
        "sozinho.",
        "talk": "Conversar com alguém pode ajudar. Estes serviços são gratuitos e confidenciais:",
        "others": "Se você está preocupado com outra pessoa, estes serviços também podem ajudar você a apoiá-la.",
        "worse": "Se as coisas piorarem, ou alguém estiver em perigo, ligue para {emergency}.",
        "local": "o número de emergência local",
        "country_intl": "Estes são serviços internacionais porque não foi indicado um país com lista própria aqui "
        "(GB, US, IE, CA, AU, NZ). Para um deles use --country ou CLAIMCHECK_COUNTRY.",
        "country": "Linhas de apoio para: {country}. Está noutro país? Escolha com --country ou "
        "CLAIMCHECK_COUNTRY.",
    },
    "it": {
        "title": "Non sei solo",
        "danger": "Se tu o qualcun altro siete in pericolo immediato, chiama subito il {emergency}.",
        "urgent": "Sembra che tu stia attraversando qualcosa di molto doloroso in questo momento. Non devi "
        "affrontarlo da solo. Puoi parlare con qualcuno adesso, gratis e in modo riservato:",
        "concern": "Sembra che tu stia attraversando un periodo molto difficile. Non devi affrontarlo da solo.",
        "talk": "Parlarne con qualcuno può aiutare. Questi servizi sono gratuiti e riservati:",
        "others": "Se sei preoccupato per qualcun altro, questi servizi possono aiutarti a sostenerlo.",
        "worse": "Se le cose peggiorano, o qualcuno è in pericolo, chiama il {emergency}.",
        "local": "numero di emergenza locale",
        "country_intl": "Questi sono servizi internazionali perché non è stato indicato un paese con un elenco "
        "proprio qui (GB, US, IE, CA, AU, NZ). Per uno di questi usa --country o CLAIMCHECK_COUNTRY.",
        "country": "Linee di aiuto per: {country}. Sei altrove? Scegli con --country o CLAIMCHECK_COUNTRY.",
    },
}


def banner_title(safety: Safety) -> str:
    """The banner's heading in its language."""
    return BANNER_LINES.get(safety.language, BANNER_LINES["en"])["title"]


def country_line(safety: Safety) -> str:
    """Which country's helplines are shown and how to choose another, in the banner's language."""
    from claimcheck.safety.helplines import country_name

    words = BANNER_LINES.get(safety.language, BANNER_LINES["en"])
    if safety.country == "INTL":
        return words["country_intl"]
    return words["country"].format(country=country_name(safety.country))


def banner_text(safety: Safety) -> str:
    """The calm banner shown before any verdict ('' for tier none); urgent ones lead with emergency help.

    Written in the language of the text (`safety.language`) where BANNER_LINES has it, and it ends by naming
    the country whose helplines it lists and how to choose another.
    """
    if safety.tier == "none":
        return ""
    words = BANNER_LINES.get(safety.language, BANNER_LINES["en"])
    resources = safety.resources or resources_for(None)
    emergency = next((r.phone for r in resources if r.name == EMERGENCY and r.phone), None)
    if emergency is None or emergency == BANNER_LINES["en"]["local"]:
        emergency = words["local"]
    helplines = [r for r in resources if r.name != EMERGENCY]
    if safety.tier == "urgent":
        lines = [words["danger"].format(emergency=emergency), words["urgent"]]
    else:
        lines = [words["concern"], words["talk"]]
    lines += [f"- {format_resource(r)}" for r in helplines]
    lines.append(words["others"])
    if safety.tier == "concern":
        lines.append(words["worse"].format(emergency=emergency))
    lines.append(country_line(safety))
    return "\n".join(lines)


save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)
