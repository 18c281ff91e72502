"""Safe messaging: the purpose notice, the crisis banner, and redaction of method details in echoed text."""

from __future__ import annotations

import re
import unicodedata

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
    re.compile(p, re.I)
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
_DOSE_TAKEN = re.compile(
    _FIRST_PERSON_TAKING + r"(\d+(?:\.\d+)?\s?(?:mg|milligrams?|mcg|g|grams?|ml)\b(?: of [\w-]+)?)", re.I
)
# A number of pills in the same context ("i took 8 tablets"), below the 10 that _QUANTITY catches anywhere.
_COUNT_TAKEN = re.compile(
    _FIRST_PERSON_TAKING + rf"(\d+\s+(?:[\w'-]+\s+)?{_PILLS}\b(?:\s+of\s+[\w-]+)?)", re.I
)
_TERMS = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(re.escape(t) for t in sorted(METHOD_TERMS, key=len, reverse=True))
    + r")(?:s|es)?(?![a-z])",
    re.I,
)
_REPEATS = re.compile(
    re.escape(PLACEHOLDER) + r"(?:\s*(?:,|and|with|or|of|a|the)?\s*" + re.escape(PLACEHOLDER) + ")+"
)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


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


def format_resource(resource: Resource) -> str:
    """One helpline as a line of plain text: how to reach it, when, and where to find it."""
    ways = []
    if resource.phone and resource.text and resource.phone == resource.text:
        ways.append(f"call or text {resource.phone}")
    else:
        if resource.phone:
            ways.append(f"call {resource.phone}")
        if resource.text:
            ways.append(f"text {resource.text}")
    line = f"{resource.name}: " + (" or ".join(ways) if ways else "")
    if resource.url:
        line += (", " if ways else "") + _display_url(resource.url)
    return f"{line} ({resource.hours})"


def banner_text(safety: Safety) -> str:
    """The calm banner shown before any verdict ('' for tier none); urgent ones lead with emergency help."""
    if safety.tier == "none":
        return ""
    resources = safety.resources or resources_for(None)
    emergency = next(
        (r.phone for r in resources if r.name == EMERGENCY and r.phone), "your local emergency number"
    )
    helplines = [r for r in resources if r.name != EMERGENCY]
    if safety.tier == "urgent":
        lines = [
            f"If you or someone else is in immediate danger, please call {emergency} now.",
            "It sounds like you're going through something really painful right now. You don't have to face t"
            "his"
            " alone. You can talk to someone right now, for free and in confidence:",
        ]
    else:
        lines = [
            "It sounds like you might be going through a lot right now. You don't have to face this alone.",
            "Talking to someone can help. These services are free and confidential:",
        ]
    lines += [f"- {format_resource(r)}" for r in helplines]
    lines.append("If you're worried about someone else, these services can help you support them too.")
    if safety.tier == "concern":
        lines.append(f"If things get worse, or anyone is in danger, call {emergency}.")
    return "\n".join(lines)
