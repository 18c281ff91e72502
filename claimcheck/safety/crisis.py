"""Crisis detection: finds risk disclosures in pasted text and grades them urgent, concern or none."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from claimcheck.regex_cache import cached_compile, save_compiled
from claimcheck.safety.helplines import HELPLINES, resolve_country, resources_for
from claimcheck.safety.language import guess_language
from claimcheck.safety.models import CATEGORIES, Safety, Tier

# ---------------------------------------------------------------------------------------------------------
# Normalisation: every pattern below runs on lower-case ASCII-ish text with single spaces, so obfuscated
# writing (HTML, entities, zero-width characters, fullwidth or maths letters, look-alike Cyrillic letters,
# accents, emoji between words, leetspeak, s p a c e d letters, loooong letters) reads like plain text.
# ---------------------------------------------------------------------------------------------------------

_SCRIPT_STYLE = cached_compile(r"<(script|style)\b[^>]{0,2000}>.*?</\1\s*>", re.S | re.I)
_COMMENT = cached_compile(r"<!--.*?-->", re.S)
_BLOCK_TAG = cached_compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|header|footer|hr|pre|dd|dt)"
    r"\b[^>]{0,2000}>",
    re.I,
)
_CELL_TAG = cached_compile(r"</?(?:td|th)\b[^>]{0,2000}>", re.I)
_TAG = cached_compile(r"</?[a-zA-Z][^<>]{0,2000}>")

# Invisible characters people (or editors) put inside words: soft hyphen, zero-width joiners, direction
# marks, word joiners, variation selectors, byte-order marks, Hangul fillers.
_INVISIBLE = cached_compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u3164\ufeff\uffa0\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufe00-\ufe0f]+"
)

# Cyrillic and Greek letters that look like Latin ones, the apostrophes phones type, and dashes.
_LOOKALIKE_MAP = (
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
        "к": "k", "м": "m", "ԁ": "d", "ɩ": "i", "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
        "υ": "u", "ρ": "p", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
    }
)
_LOOKALIKES = cached_compile("[" + "".join(_LOOKALIKE_MAP) + "]")

_COMBINING = cached_compile(r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_CONTROL = cached_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SYMBOLS = cached_compile(
    r"[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u2500-\u27bf\u2900-\u297f\u2b00-\u2bff"
    r"\U0001f000-\U0001faff\U0001fc00-\U0001ffff]+"
)
# Leetspeak only inside words that start with a letter (k1ll, mys3lf, su!c!de, $uicide), never in numbers
# such as "40 pills" or "116 123".
_LEET_TOKEN = cached_compile(r"(?<![\w@$])(?:[a-z][a-z0-9@$!|]*[0-9@$!|][a-z0-9@$!|]*|[@$][a-z][a-z0-9@$!|]*)")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a",
                       "$": "s", "!": "i", "|": "l"})
_SPACED = cached_compile(r"(?<![a-z])(?:[a-z][ .\-_*]){3,}[a-z](?![a-z])")
_ELONGATED = cached_compile(r"([a-z])\1{2,}")
_PARAGRAPH = cached_compile(r"\n[ \t\r\f\v]*\n\s*")
_SPACES = cached_compile(r"\s{2,}|[\t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _strip_html(text: str) -> str:
    """Removes markup so '<b>die</b>' and '&#100;ie' read as words; block tags become line breaks."""
    for _ in range(2):  # twice: entity-encoded markup (&lt;b&gt;) becomes markup after unescaping
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _COMMENT.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _CELL_TAG.sub(" ", text)
        text = _TAG.sub("", text)
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


def _deleet(match: re.Match[str]) -> str:
    token = match.group(0)
    core = token.rstrip("!|")
    return core.translate(_LEET) + token[len(core):]


def normalize(text: str) -> str:
    """The text as the rules see it: plain, lower-case, accent-free, single-spaced, de-obfuscated."""
    if not isinstance(text, str):
        text = text.decode("utf-8", "replace") if isinstance(text, bytes | bytearray) else str(text)
    if "<" in text or "&" in text:
        text = _strip_html(text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _LOOKALIKES.sub(lambda m: _LOOKALIKE_MAP[m.group(0)], text)
    text = _CONTROL.sub(" ", text)
    text = _SYMBOLS.sub(" ", text)
    text = _LEET_TOKEN.sub(_deleet, text)
    text = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    text = _ELONGATED.sub(r"\1\1", text)
    text = _PARAGRAPH.sub(" . ", text)
    return _SPACES.sub(" ", text).strip()


# ---------------------------------------------------------------------------------------------------------
# Building blocks. Patterns are written with single literal spaces (the text is single-spaced) and these
# <TOKENS>, expanded before compiling.
# ---------------------------------------------------------------------------------------------------------

_TOKENS: dict[str, str] = {
    # Where a first-person statement can start: "i ...", a new sentence or clause, or a chatty opener.
    "S": r"(?:\bi |(?:^|(?<=[.!?,;:(\"*/\-]))\s?|\b(?:and|but|tbh|ngl|lol|lmao|ugh|idk|omg|hey|seriously"
         r"|sometimes"
         r"|cause|because|cos|bc|now) )",
    # Softeners that may sit between subject and verb; negations are deliberately absent ("i don't want").
    "FILL": r"(?:(?:really|just|honestly|literally|lowkey|kinda|kind of|sort of|sometimes|often|still"
            r"|seriously"
            r"|actually|so|truly|genuinely|always|constantly|legit|fr|even|also|again|already|definitely"
            r"|finally"
            r"|totally|deadass|kind of|think i|feel like i|think i'm|am|'m|m|do|have|'ve|keep|kept) )*",
    # One word that is not a negation, for short gaps.
    "W": r"(?:(?!(?:not|never|no|don't|dont|didn't|didnt|won't|wont|wouldn't|wouldnt|isn't|isnt|wasn't|wasnt"
         r"|doesn't|doesnt|nor|hardly|barely|can't|cant|cannot)\b)[\w']+ )",
    "SELF": r"(?:my ?sel+f+|me ?self)",
    "SELF3": r"(?:himself|herself|themselves|themself|his (?:own )?life|her (?:own )?life"
             r"|their (?:own )?life)",
    "SUI": r"(?:su[iy]?[cs]+[iy]?de)",
    "SUICIDAL": r"(?:su[iy]?[cs]+[iy]?d[aei]?l+e?)",
    "TO": r"(?:to|2|t)",
    "IM": r"(?:\bi'm|\bim|\bi am)",
    "IVE": r"(?:\bi've|\bive|\bi have|\bi)",
    "IWILL": r"(?:\bi'm|\bim|\bi am|\bi'll|\bill|\bi will|\bi)",
    # People whose risk someone may report: "my friend said she wants to ...".
    "REL": r"(?:friend|best friend|bestie|mate|flatmate|roommate|sister|brother|sibling|son|daughter|kid"
           r"|child"
           r"|teen|teenager|partner|husband|wife|boyfriend|girlfriend|bf|gf|mum|mom|mother|dad|father|cousin"
           r"|niece|nephew|aunt|uncle|colleague|coworker|co-worker|classmate|student|client|neighbou?r"
           r"|grandson"
           r"|granddaughter|fiance|fiancee|ex|other half)",
    # People who may be abusing the writer.
    "ABUSER": r"(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|ex-partner|ex-husband|ex-boyfriend"
              r"|ex-wife|ex-girlfriend|fiance|fiancee|dad|father|stepdad|step-dad|stepfather|mum|mom|mother"
              r"|stepmum|stepmom|stepmother|parents?|uncle|aunt|brother|step-?brother|sister|cousin"
              r"|grand(?:ad|pa"
              r"|father|ma|mother)|carer|caregiver|teacher|coach|boss|landlord|flatmate|roommate|son|daughter"
              r"|family|mum's boyfriend|mom's boyfriend|foster \w+)",
    "PILL": r"(?:pills?|tablets?|capsules?|meds|medications?|medicines?|painkillers?|pain killers|paracetamol|methadone"
            r"|acetaminophen|tylenol|ibuprofen|aspirin|co-?codamol|codeine|tramadol|sleeping (?:pills"
            r"|tablets)"
            r"|antidepressants?|sertraline|fluoxetine|citalopram|escitalopram|paroxetine|mirtazapine|venlafaxine"
            r"|amitriptyline|propranolol|zopiclone|olanzapine|pregabalin|gabapentin|lorazepam|clonazepam"
            r"|quetiapine|lithium|insulin|benzos?|xanax"
            r"|diazepam|valium|oxy\w*|opioids?|prescription|my script)",
    "DRUG": r"(?:heroin|cocaine|coke|crack|meth|crystal|fentanyl|ketamine|ket|mdma|molly|ecstasy|pills|spice"
            r"|ghb|lean|xanax|benzos?|opioids?|oxy\w*|painkillers|drugs|tramadol|codeine|speed"
            r"|amphetamines?)",
    "ALC": r"(?:alcohol|drink|drinks|drinking|booze|vodka|wine|beer|spirits|whiske?y|gin|rum)",
    "PAST": r"(?:last (?:year|month|week|time|summer|winter|spring|autumn|fall)|before|years ago|months ago"
            r"|in (?:19|20)\d\d|when i was|once|in the past|twice|at \d+|as a (?:teen|teenager|kid|child))",
}

# A goodbye letter or note that is not addressed to a team or class, nor written on retiring, leaving or moving.
_TOKENS["NOTLEAVING"] = (
    r"(?! to (?:the |my |our )?(?:team|students|class|colleagues|staff|pupils|customers|clients|patients"
    r"|followers|readers|crew|members))(?![^!?]{0,80}\b(?:retir\w*|leaving for|leave for|new (?:school|job|role"
    r"|post)|last day|moving (?:to|into|house))\b)"
)

_TOKEN_RE = cached_compile(r"<([A-Z0-9]+)>")


def _expand(pattern: str) -> str:
    for _ in range(3):  # tokens may contain tokens
        pattern = _TOKEN_RE.sub(lambda m: _TOKENS[m.group(1)], pattern)
    return pattern


# Actively ending one's life, in plain words and slang: "kill myself", "kms", "unalive myself", "end it all".
_TOKENS["KILLSELF"] = (
    r"(?:(?:kill|kil+|murder|unalive|off|top|neck|end) <SELF>|(?:killing|unaliving|ending|offing) <SELF>|kms"
    r"|do myself in|self[- ]?delete|commit (?:<SUI>|sewer ?slide|die)|sewer ?slide"
    r"|end (?:it all|my (?:own )?life|everything|things(?! with| between| off))|take my (?:own )?life"
    r"|ending (?:it all|my (?:own )?life|everything)|taking my (?:own )?life|unalive)\b"
)
# Wishing to be dead: the active forms plus "die", "not exist", "never wake up" (minus idioms such as
# "die of embarrassment", "die laughing", "dye my hair" misspelt, "dying to see").
_TOKENS["DIE"] = (
    r"(?:<KILLSELF>|di+e\b(?! (?:of|from) (?:embarrassment|shame|cringe|boredom|laughter|laughing|old age)"
    r"| laughing| happy| old| (?:my|your|her|his|the) (?:hair|clothes|shirt|jeans|beard|eyebrows|roots))"
    r"|dying\b(?! (?:to|for|of laughter|laughing|inside lol))|be dead\b|not be alive|not exist|not be here"
    r"|not wake up|never wake up|disappear (?:forever|for good)|go to sleep and (?:never|not) wake up)"
)


@dataclass(frozen=True)
class Rule:
    """One readable pattern: which category and tier it signals, and why it exists."""

    category: str
    tier: Tier
    pattern: re.Pattern[str]
    note: str


def _rule(category: str, tier: Tier, pattern: str, note: str) -> Rule:
    return Rule(category, tier, cached_compile(_expand(pattern)), note)


# ---------------------------------------------------------------------------------------------------------
# SUICIDE
# ---------------------------------------------------------------------------------------------------------
_SUICIDE = [
    # Urgent: stated intent ("i'm going to kill myself", "gonna kms tonight", "i will end it all").
    _rule("suicide", "urgent",
          r"(?:<IM>|\bi) (?:<FILL>)(?:going to|gonna|about to|planning to|planning on|finally going to"
          r"|am going to try to|going to try to) <KILLSELF>",
          "intent to kill oneself"),
    _rule("suicide", "urgent",
          r"\b(?:i'll|i will|i shall|i'm gonna|imma|ima) (?:<FILL>)<KILLSELF>(?! if| unless| when)",
          "i'll kill myself"),
    _rule("suicide", "urgent",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:decided|made up my mind|made the decision|ready) (?:<TO> )?(?:<DIE>)",
          "decided / ready to die"),
    _rule("suicide", "urgent",
          r"(?:^|(?<=[.!?,;:]) ?)(?:gonna|going to|about to|planning to|ready to|tonight i(?:'m| will|'ll)?)"
          r" <KILLSELF>",
          "intent with the subject left out"),
    # Urgent: a time attached to a wish or intent ("i want to die tonight", "kms after everyone's asleep").
    _rule("suicide", "urgent",
          r"(?:<KILLSELF>|(?:want|wanna|going|gonna|planning|ready|about|need) (?:<TO> )?(?:<DIE>|end it"
          r"|do it))"
          r" (?:<W>){0,2}(?:tonight|today|right now|this weekend|tomorrow|after (?:work|school|everyone"
          r"(?:'s| is) asleep|they(?:'re| are) asleep))\b",
          "a time attached"),
    _rule("suicide", "urgent",
          r"<IM> (?:<FILL>)ending (?:it|it all|everything|my life) (?:<W>){0,2}(?:tonight|today|tomorrow"
          r"|this weekend"
          r"|soon)\b|\btonight(?:'s| is) it\b",
          "ending it soon"),
    # Urgent: a plan, or the preparations that come with one.
    _rule("suicide", "urgent",
          r"<IVE> (?:<FILL>)(?:got|made|have|make|working on|come up with|making) (?:a |my |the )?plans? "
          r"(?:to|for|of) (?:how to |when to |when i'll )?(?:<DIE>|<SUI>|dying|ending it|end it|do it)",
          "a plan"),
    _rule("suicide", "urgent",
          r"\bi know (?:how|when|where) (?:i(?:'m| am) going to|i'll|i will|to) (?:do it|end it|<DIE>)",
          "a plan (how / when)"),
    _rule("suicide", "urgent",
          r"(?:<IVE>|<IM>|\bi(?:'ve)? just) (?:<FILL>)(?:written|wrote|writing|left|finished|drafted"
          r"|drafting)"
          r" (?:my |a |the |all my |some )?(?:goodbye|suicide|final|last|farewell) (?:letters?|notes?"
          r"|messages?"
          r"|texts?|emails?)<NOTLEAVING>",
          "goodbye letters"),
    _rule("suicide", "urgent", r"\b(?:my|a|the) (?:<SUI>|goodbye) (?:note|letter)s?\b(?! (?:from|in"
                               r"|of) (?:the|a|his|her))<NOTLEAVING>",
          "suicide / goodbye note"),
    _rule("suicide", "urgent",
          r"<IVE> (?:<FILL>)(?:said|been saying|say) (?:my )?(?:goodbyes|goodbye to (?:everyone|everybody|my "
          r"(?:family|friends|kids|cat|dog)))",
          "saying goodbyes"),
    _rule("suicide", "urgent",
          r"<IVE> (?:<FILL>)(?:given|giving|gave) away (?:all )?(?:my |of my )?(?:stuff|things|belongings"
          r"|possessions|pets?|cat|dog)",
          "giving possessions away"),
    # Written after reading the misses of the sixth and seventh fresh sets (seventh session).
    _rule("suicide", "urgent",
          r"\b(?:putting|put|set|setting|keeping|kept|hiding|hid) (?:my |the |all my )?(?:<W>){0,1}<PILL> (?:aside|away"
          r"|back)\b[^.!?]{0,60}\b(?:instead of taking|for (?:months|weeks)|got enough|have enough|enough now)"
          r"|(?:<PILL>|\bpills|\bchemists?|\bpharmac\w+|\bampoules?|\bpocketing|\bstash\w*|\bcollecting)[^!?]{0,80}"
          r"\b(?:got|have|i've got|ive got) enough (?:now|saved|put aside|stored up)\b"
          r"|\b(?:got|have|i've got|ive got) enough (?:now|saved|saved up|put aside|stored up)(?: now)?\b[^!?]{0,60}"
          r"\b(?:waiting for|the right (?:night|time|day|moment)|tonight|it's time|that's it|say it somewhere|bye)",
          "medicine put aside until there is enough"),
    _rule("suicide", "urgent",
          r"\b(?:not|never|won't be|wont be|i'm not|im not) climbing back (?:over|down|in)\b"
          r"|\bsee (?:u|you|ya) never\b",
          "over the railing, or a farewell for ever"),
    _rule("self_harm", "urgent",
          r"\b(?:cut|blade|razor|wound|deep|bleeding)\b[^!?]{0,60}\b(?:can see|could see|seeing) (?:the |some )?"
          r"(?:yellow (?:stuff|fat|bits|layer)|fat|bone|tendons?)\b|\b(?:cut|went|sliced) (?:too )?deep this time\b",
          "a wound deep enough to need care"),
    _rule("abuse", "urgent",
          r"\b(?:going to|gonna|will) kill (?:us|me|my (?:mum|mom|mother|brother|sister))\b[^!?]{0,120}"
          r"\b(?:hiding|hide|locked (?:in|ourselves|myself)|in the bathroom|barricaded|smashing|breaking)"
          r"|\b(?:hiding|locked (?:in|ourselves|myself)|barricaded)\b[^!?]{0,120}\b(?:going to|gonna|will) kill"
          r" (?:us|me)\b",
          "threatened with death at home, hiding now"),
    _rule("suicide", "concern",
          r"\b(?:if i got|if i get|getting|to get) hit by a (?:car|bus|train|lorry|truck)\b[^.!?]{0,40}\b(?:relieved"
          r"|relief|wouldn't mind|would be nice|fine with it|ok with it|okay with it)"
          r"|\ba (?:car crash|crash|car accident|accident) would be (?:a )?(?:nice|relief|welcome|holiday|break"
          r"|blessing)",
          "passive wish to be hurt in an accident"),
    _rule("self_harm", "concern",
          r"\bself[- ]?harm\w*\b[^.!?]{0,40}\b(?:it's what i do|its what i do|is how i cope|is what i do|i do it)"
          r"|\b(?:burnt|burned|cut|scratched) (?:myself|my (?:arm|wrist|thigh|leg|skin|stomach)s?)\b"
          r"(?! (?:shaving|cooking|chopping|on (?:a|the)|by accident|accidentally|in the kitchen|at work))[^.!?]{0,60}"
          r"\b(?:feel something|first time in|again|relapse\w*|annoyed at myself|last night|after the match)",
          "self-harm told as one's own"),
    _rule("suicide", "concern",
          r"\b(?:switched|changed|upped|increased|started|moved) (?:from |to |on |my )?[^.!?]{0,60}\b(?:dark thoughts"
          r"|bad thoughts|the thoughts|suicidal thoughts)\b (?:are |have been |got |)(?:getting )?(?:louder|worse"
          r"|stronger|back|more)",
          "darker thoughts after a change of medicine"),
    # From the misses of the eighth fresh set (a development set once scored).
    _rule("suicide", "urgent",
          r"\b(?:bought|got|have|i've got|ive got) (?:the |some |a bottle of )?poison\b(?! for (?:the )?(?:rats?|mice"
          r"|slugs|weeds|garden|wasps|ants|pests|moles))"
          r"|\b(?:finished|done) writing (?:to|for) (?:my |the )?(?:mother|mum|mom|dad|father|family|kids|children"
          r"|wife|husband|partner|sister|brother)\b",
          "poison bought, a last letter finished"),
    _rule("suicide", "urgent",
          r"\b(?:every|all the|all my) (?:pill|pills|tablet|tablets|meds)(?: in the house)?\b[^.!?]{0,20}\b(?:lined"
          r" up|laid out|counted out|in a pile|on the (?:bathroom )?floor)",
          "medicine laid out"),
    _rule("suicide", "urgent",
          r"\b(?:pipe|hose|hosepipe|tube)(?:'s| is)? (?:in|through) the (?:car |back )?window\b",
          "car exhaust piped in"),
    _rule("suicide", "urgent",
          r"\b(?:mum|mom|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|friend)(?:'s| has| is"
          r"| have)? (?:been )?(?:saving up|stockpiling|hoarding|stashing|saving) (?:her|his|their) (?:<W>){0,1}<PILL>",
          "someone else's medicine saved up"),
    _rule("suicide", "urgent",
          r"\b(?:cleaned|loaded|got out|took out) (?:my|the|dad's|his) (?:service )?(?:pistol|gun|rifle|shotgun"
          r"|revolver)\b[^!?]{0,80}\b(?:loaded it|goodbye|bye|i get it now|for the last time)",
          "a gun readied"),
    _rule("self_harm", "urgent",
          r"\b(?:cut|cutting|bleed\w*|blood)\b[^!?]{0,80}\b(?:towel|towels|tissues?|bandage|t-?shirt|sheets?)"
          r"(?:'s| is| are)? (?:soaked|drenched|soaking)(?: through)?\b",
          "bleeding through a towel"),
    _rule("overdose_drugs", "urgent",
          r"(?<!se )(?<!se ele )(?<!se ela )(?<!caso )\b(?:acabou de tomar|tomou) (?:um monte|uma caixa|varios|todos os"
          r"|todo o) (?:de )?(?:remedio|remedios"
          r"|comprimidos|pilulas)\b",
          "pt: someone has just taken a lot of medicine"),
    _rule("eating_disorder", "concern",
          r"\b(?:trying to|want to|need to|have to|going to) get (?:under|below|down to) \d{2,3} ?(?:kg|kilos|lbs"
          r"|pounds)\b|\bdown to \d{3} (?:a day|calories|cals|kcal)\b|\bskipping (?:lunch|breakfast|dinner|meals)"
          r"\b[^.!?]{0,30}\bby saying\b",
          "a weight or calorie target, meals hidden"),
    _rule("self_harm", "concern",
          r"\b(?:cutting|self[- ]?harm\w*|hurting myself|burning myself)\b[^.!?]{0,30}\b(?:is the only thing|only"
          r" thing that (?:works|helps)|is what works)\b[^.!?]{0,10}\bfor me\b",
          "self-harm as the only thing that works"),
    # From the misses of the ninth fresh set (a development set once scored).
    _rule("overdose_drugs", "urgent",
          r"\bj'ai (?:avale|pris) (?:toute? (?:ma|la|une) boite|tous mes|toutes mes|la boite)\b",
          "fr: a whole box swallowed"),
    _rule("suicide", "urgent",
          r"(?:<IM>|\bi) (?:<FILL>)(?:sat|sitting|stood|standing|lying|laying|lay) on the (?:railway |train )?(?:tracks"
          r"|line|rails)\b"
          r"|\bso (?:somebody|someone|people|you all|they|everyone) knows? it (?:wasn't|was not|wasnt) an accident\b",
          "on the tracks now, or 'so somebody knows it wasn't an accident'"),
    _rule("suicide", "urgent",
          r"\bon the roof of (?:the|a) (?:multi-?storey|multistorey|car park|carpark|building|hospital|block|flats"
          r"|tower)\b[^!?]{0,80}\b(?:wanted (?:someone|somebody|you|you all) to know|bye|goodbye|phone's on|level \d)",
          "on a roof, saying so"),
    _rule("eating_disorder", "urgent",
          r"\b(?:skipped|skipping|stopped|not taking) (?:my )?insulin\b[^!?]{0,80}\b(?:throwing up|can't stop"
          r" (?:throwing up|being sick)|nail polish|pear drops|hard to breathe|can't breathe|breathing)",
          "insulin skipped, now being sick or breathless"),
    _rule("eating_disorder", "concern",
          r"\b(?:skipped|skipping|stopped|not taking) (?:my )?insulin\b[^.!?]{0,40}\b(?:weight|lose|drop|thin)",
          "insulin skipped to lose weight"),
    _rule("abuse", "urgent",
          r"\b(?:is|'s|keeps) (?:hitting|beating|strangling|choking|kicking|punching|attacking) (?:my |our )?(?:mum"
          r"|mom|mother|sister|brother|nan|gran|me|her|us)\b[^!?]{0,80}\b(?:hiding|stopped (?:screaming|moving"
          r"|breathing)|stoped screaming|i am \d+|i'm \d+)"
          r"|\b(?:has|had|keeps) me locked (?:in|up)\b|\blocked me in (?:the|my|a) (?:back )?(?:room|bedroom|house"
          r"|flat|cupboard|shed)\b",
          "someone being hurt or locked in right now"),
    _rule("self_harm", "concern",
          r"\bfresh (?:marks|cuts|scars|wounds|burns) on (?:her|his|their|my \w+'s)\b"
          r"|\b(?:scratch|bite|hit)\w*(?: (?:my|your) (?:arms?|legs?|skin|wrists?|thighs?))? (?:till|until|til)"
          r" (?:it|they|i) (?:bleeds?|bled|bleed)\b",
          "fresh marks found, or injuring until bleeding"),
    _rule("suicide", "concern",
          r"\bdenke ich (?:\w+ ){0,3}daran,? (?:\w+ ){0,3}nicht mehr da (?:zu )?sein\b"
          r"|\b(?:will|mochte|wurde|ware) (?:\w+ ){0,2}nicht mehr da (?:zu )?sein\b"
          r"|\b(?:life )?insurance would (?:sort|pay|cover|help|look after)\b[^.!?]{0,40}\bif (?:he|she|i|they)"
          r" (?:wasn't|wasnt|weren't|was not|were not) (?:around|here)\b"
          r"|\b(?:wouldn't|would not|wouldnt) mind (?:just )?not waking up\b",
          "passive wish not to be here"),
    _rule("eating_disorder", "concern",
          r"(?:^|(?<=[.!?,;:] )|\bi (?:<FILL>)|\bbeen )(?:taking|using) (?:a handful of |loads of |some )?laxatives"
          r" after (?:every|each|a|the) (?:big )?(?:meal|binge|dinner)\b"
          r"|\b(?:ma fille|mon fils|ma soeur|mon frere|ma copine|mon amie?|je)\b[^.!?]{0,40}\bne mange (?:presque "
          r"|quasiment )?plus\b|\b(?:elle|il) cache (?:la |sa )?nourriture\b",
          "laxatives after meals; fr: barely eating, hiding food"),
    _rule("abuse", "concern",
          r"\bfinger-?shaped bruises\b|\bbruises? (?:on|all over) (?:his|her|their) (?:arms?|neck|back|face)\b"
          r"[^.!?]{0,60}\b(?:flinch\w*|stepdad|stepfather|dad|mum's boyfriend|mom's boyfriend|again)",
          "a child's bruises"),
    _rule("eating_disorder", "concern",
          r"(?:^|(?<=[.!?,;:] ))(?:<FILL>)(?:been |started )restricting(?: again| food| calories)?(?=[\s.,!?]|$)"
          r"(?! (?:my|the|your|our|his|her|their|access|screen|what)\b)",
          "restricting, the 'I' left out"),
    # Portuguese and German, accent-free as normalised: medicine saved up, bleeding that won't stop, on a bridge now
    _rule("suicide", "urgent",
          r"\b(?:juntei|acumulei) (?:os |todos os |as |todas as )?(?:comprimidos|remedios|pilulas)\b"
          r"|\bguardei (?:os |todos os |as |todas as )?(?:comprimidos|remedios|pilulas) (?:do mes|de (?:um|dois|tres"
          r"|varios) mes|ha (?:semanas|meses)|por (?:semanas|meses)|durante|pra tomar|para tomar)",
          "pt: medicine saved up"),
    _rule("self_harm", "urgent",
          r"\bcortou-se\b[^.!?]{0,60}\bnao para de sangrar|\bnao para de sangrar\b[^.!?]{0,60}\bcort",
          "pt: a cut that will not stop bleeding"),
    _rule("suicide", "urgent",
          r"\b(?:steht|sitzt|stehe|sitze) (?:gerade|jetzt|grade) auf (?:der|einer|dem) \w*brucke\b"
          r"(?![^.!?]{0,60}\b(?:aussicht|foto\w*|sonnenuntergang|stau|verkehr))",
          "de: on a bridge right now"),
    # Car exhaust in a closed space, with a farewell or a hose ("sitting in the garage with the engine running,
    # just wanted to say bye"); warming the car up in the garage alone is left to the learned layer.
    _rule("suicide", "urgent",
          r"\bgarage\b[^.!?]{0,40}\b(?:engine|motor|car) (?:running|on|going)\b(?! to (?:warm|defrost|heat|charge))"
          r"[^.!?]{0,60}\b(?:bye|goodbye|love you all|forgive me)\b"
          r"|\b(?:hose|hosepipe|pipe|tube) (?:to|from|on|onto|into|through) (?:the |my |his |her )?exhaust\b",
          "car exhaust in a closed garage, with a farewell"),
    # Thoughts of crashing the car on purpose: "some days I think about driving into a wall".
    _rule("suicide", "concern",
          r"\b(?:think|thinking|thought|fantasi[sz]e|fantasi[sz]ing|imagine|imagining|daydream\w*) about (?:just )?"
          r"(?:driving|crashing|steering|swerving|veering) (?:my car |the car )?(?:into|off|in front of) (?:a |the )?"
          r"(?:wall|tree|bridge|lorry|truck|oncoming|cliff|river|barrier|pillar|motorway)",
          "thoughts of crashing the car on purpose"),
    _rule("suicide", "urgent",
          r"\bi (?:won't|will not|wont) be (?:around|here|alive) (?:much longer|for much longer|for long"
          r"|by (?:tomorrow|morning|the weekend|monday|next week|christmas)|to see (?:christmas|my birthday"
          r"|tomorrow|the morning|next year|another)|after (?:tonight|today))"
          r"(?![^.!?]{0,60}\b(?:moving|travel\w*|holiday|vacation|trip|flight|abroad|offline|leave|work"
          r"|office"
          r"|shift|phone|signal|wifi|internet|exams?)\b)",
          "won't be around"),
    _rule("suicide", "urgent", r"\bby the time (?:you|anyone|someone|they|u) (?:reads?|sees?|finds?"
                               r"|gets?) this\b",
          "farewell framing"),
    _rule("suicide", "urgent",
          r"\b(?:this is|these are) (?:my )?(?:goodbye|last words|final words|final goodbye)(?! (?:to|for) "
          r"(?:my|the|this) (?:old|job|flat|house|city|team|school|year))",
          "this is goodbye"),
    _rule("suicide", "urgent", r"\btonight(?:'s| is) the night\b(?! (?:of|for|we))", "tonight is the night"),
    # Urgent: preparing means or a place (phrased generically; details are redacted on output).
    _rule("suicide", "urgent",
          r"<IVE> (?:<FILL>)(?:been )?(?:saving|stockpiling|hoarding|collecting|saved|stockpiled|hoarded"
          r"|collected|stashing|stashed) (?:up )?(?:my |all my |some |enough |a lot of |loads of "
          r"|\d+ )?<PILL>",
          "stockpiling medicine"),
    _rule("suicide", "urgent",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:been )?(?:looking at|staring at|going to|visiting|standing on"
          r"|sitting on"
          r"|standing at|sitting at|on|at|up on|researching|scoping out) (?:the |a |that )?(?:bridge|ledge"
          r"|cliff"
          r"|cliff edge|edge of the roof|rooftop|roof edge|train tracks|railway|railway line|tracks)\b",
          "at or looking at a high place / railway"),
    _rule("suicide", "urgent",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:been )?(?:googling|searching|searched|researching|researched"
          r"|looking up"
          r"|looked up|reading about) (?:for )?(?:how to|ways to|the best way to|painless ways to|methods to)"
          r" (?:<DIE>|die|od|overdose|end it)",
          "researching how to die"),
    _rule("suicide", "urgent",
          r"<IVE> (?:<FILL>)(?:bought|got|ordered|have|found) (?:a |the |some )?(?:rope|noose|gun)\b"
          r"(?:[^.!?]{0,40}\b(?:for|to) (?:myself|me|end|<DIE>|do it))?",
          "acquired means"),
    _rule("suicide", "urgent",
          r"(?:<IVE>|\bi've got|\bi have) (?:got )?(?:[1-9]\d+|a (?:whole |full )?(?:bottle|box|packet|stash"
          r"|load|jar)"
          r" of|enough|loads of|dozens of|all (?:my|of my)) (?:<W>){0,2}<PILL>\b (?:<W>){0,2}(?:saved|stashed"
          r"|stockpiled|hidden|hid|ready|put aside|collected|set aside|waiting)"
          r"|\b(?:have|got|saved|bought|collected|stockpiled|stashed) (?:<W>){0,9}?enough (?:<W>){0,2}to "
          r"(?:<DIE>|die|end it|do it|not wake up|never wake up)",
          "medicine stockpiled for a plan"),
    _rule("suicide", "urgent",
          r"(?:<IM>|\bi) (?:<FILL>)(?:going to|gonna|about to|planning to|ready to|want to|wanna|will|'ll) "
          r"(?:jump|throw myself|step|walk|drive|lie down) (?:off|from|in front of|under|into) (?:the |a "
          r"|that |my )?"
          r"(?:<W>){0,2}(?:bridge|building|roof|rooftop|cliff|ledge|balcony|car park|multi-storey|multistorey"
          r"|tower"
          r"|block|flats|train|bus|lorry|truck|motorway|overpass|traffic|river|sea)\b",
          "intent to jump or step in front of traffic"),
    # Urgent: an attempt happening now or just now.
    _rule("suicide", "urgent",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:just )?(?:tried|attempted|trying) to <KILLSELF>(?! (?:<W>){0,3}<PAST>"
          r")",
          "recent attempt"),
    _rule("suicide", "urgent", r"<IM> (?:<FILL>)(?:on|at|standing on|sitting on) (?:the )?(?:edge|ledge)\b",
          "on the edge"),
    # Concern: the wish to die or to not exist ("i want to die", "wanna kms", "i need to end it all").
    _rule("suicide", "concern",
          r"<S><FILL>(?:want|wanna|wanted|wish|need|would like|'d like|feel like|have the urge|get the urge"
          r"|keep wanting|am ready|'m ready|im ready|want nothing more than)(?: <TO>)? <DIE>",
          "wish to die"),
    _rule("suicide", "concern", r"(?:^|(?<=[.!?,;:] ))(?:want|wanna|wanted) <TO> <DIE>",
          "wish to die, subject left out"),
    # Concern: "kill myself" on its own (a fragment, a hashtag), unless negated, hyperbole or left to the
    # intent and wish rules above ("going to kill myself", "want to kill myself").
    _rule("suicide", "concern",
          r"(?<!nearly )(?<!almost )(?<!could )(?<!could've )(?<!not )(?<!never )(?<!don't )(?<!won't )"
          r"(?<!to )\b(?:kill|kil+|unalive|off|top) ?<SELF>\b(?! (?:laughing|with laughter|for (?:forgetting"
          r"|being|not|saying|doing)|tripping|falling|at the gym|at work|with work|over (?:this|that|it)|if"
          r"|unless|when))",
          "kill myself on its own"),
    _rule("suicide", "concern",
          r"\b(?:i'll|i will|i'd|i would|i might|i could) (?:<FILL>)<KILLSELF> (?:if|unless|when)\b",
          "conditional threat to kill oneself"),
    _rule("suicide", "concern", r"\b(?:kms|kys ?myself|sewer ?slide|sewerslide|self[- ]?delete)\b"
                                r"|\bunalive (?:<SELF>|me)\b",
          "slang: kms, sewer slide, unalive, self-delete"),
    _rule("suicide", "concern",
          r"(?:<IM>|\bi (?:feel|felt|get|got|go|started|start|became)|<IVE> been(?: feeling)?|(?:^"
          r"|(?<=[.!?,;:] ))"
          r"(?:feeling|felt|been feeling|getting|i'm)) (?:<FILL>)(?:so |very |really "
          r"|a bit |a little |quite |pretty |super |kind of |kinda |extremely |more "
          r"|increasingly )?<SUICIDAL>\b",
          "i'm suicidal (and misspellings)"),
    _rule("suicide", "concern",
          r"(?:^|(?<=[.!?,;:] ))(?:(?:so|very|really|feeling|felt|kinda|kind of|pretty|a bit|lowkey|low key"
          r"|super"
          r"|quite|extremely|getting|been|always|still|more) )*<SUICIDAL>(?: (?:again|today|tonight|af|rn"
          r"|lately|atm|right now|these days|all the time|every day|tbh|ngl)){0,2}(?= ?[.!?,]|$)",
          "a bare 'suicidal' as a message"),
    _rule("suicide", "concern",
          r"(?:<IVE>|\bi get|<IM> having|\bmy|\bi keep having|<IVE> been having|\bi struggle with"
          r"|<IM> struggling"
          r" with|\bi still have|\bi had|(?:^|(?<=[.!?,;:] ))(?:having|been having)) (?:<FILL>)(?:some "
          r"|these |a lot of |lots of |constant |"
          r"bad |dark |intrusive |recurring |more )?(?:<SUICIDAL> (?:thoughts|ideation|feelings|urges|idea)|"
          r"thoughts (?:of|about) (?:<SUI>|dying|death|<DIE>))",
          "suicidal thoughts"),
    _rule("suicide", "concern",
          r"\b(?:thinking|thought|think|considering|considered|contemplating|fantasi[sz]ing|obsessing"
          r"|dreaming"
          r"|planning) (?:about |of |on )?(?:killing <SELF>|ending (?:it all|my (?:own )?life)"
          r"|taking my (?:own )?life"
          r"|<KILLSELF>)",
          "thinking about killing myself"),
    _rule("suicide", "concern",
          r"(?:\bi |<IM> |<IVE> been |\bbeen |\bkeep |\bcan't stop |\bcant stop |(?:^|(?<=[.!?,;:] ))can'?t stop )"
          r"(?:<FILL>)(?:thinking|think|thought"
          r"|fantasi[sz]ing|obsessing) (?:about|of) (?:using|taking|buying|getting|jumping|walking|stepping"
          r"|crashing|driving) (?:<W>){0,4}(?:gun|rope|pills|tablets|bridge|cliff|train|lorry|truck|bus|car into"
          r"|off (?:a|the))",
          "thinking about means"),
    _rule("suicide", "concern",
          r"(?:\bi |<IM> |<IVE> been |\bbeen |\bkeep |\bcan't stop |\bcant stop |\bstarted )(?:<FILL>)(?:thin"
          r"king"
          r"|think|thought|considering|contemplating|fantasi[sz]ing|obsessing) (?:about |of "
          r"|on )?(?:<SUI>\b(?! (?:squad"
          r"|prevention|awareness|hotline|rates?|statistics|doors?|bomb\w*|forest|film|movie|song|scene))"
          r"|dying"
          r"|death|ending it|not being (?:here|alive|around)|not waking up|<DIE>)",
          "i keep thinking about suicide or dying"),
    # Euphemisms from the published warning signs ("having no reason to live", NIMH; "thoughts about ending
    # your life", NHS), as people write them: "thoughts about ending things", "no point going on", "made my peace".
    _rule("suicide", "concern",
          r"(?:\bi |<IM> |<IVE> been |\bbeen |\bkeep |\bmy |\bstill |(?:^|(?<=[.!?,;:] ))(?:the )?)(?:<FILL>)"
          r"(?:thoughts?|thinking|think|thought|urges?) (?:of|about) (?:ending (?:it all|things|everything"
          r"|it)|not (?:being here|waking up))\b(?! (?:with|between|for (?:the|this|that)|early|on (?:a|the)))",
          "thoughts about ending things"),
    _rule("suicide", "concern",
          r"\bno (?:point|reason|use) (?:in )?(?:going on|carrying on|living|being alive|being here|to live|to go on"
          r"|to keep going|to carry on|in living)(?: (?:anymore|any more|any longer|like this))?\s*(?:[.!?,;]|$)",
          "no reason to go on"),
    _rule("suicide", "concern",
          r"(?:\b(?:i(?:'ve| have)?|i've finally|finally) |(?:^|(?<=[.!?,;:] )))made (?:my|me) peace"
          r"(?: with (?:dying|death|everyone|everything|the world|it all))?\s*(?:[.!?,;]|$)",
          "made my peace"),
    _rule("suicide", "concern",
          r"<S><FILL>(?:wish|wished) (?:that )?(?:i (?:was|were|could be) (?:dead|gone|never born)"
          r"|i (?:wasn't|weren't|was not|were not) (?:here|alive|around|born)|i could (?:just )?stop existing"
          r"|i(?: had never| hadn't|'d never| never| wasn't| had not) been born|i (?:didn't|did not"
          r"|didnt) exist|i could (?:disappear"
          r"|vanish|just disappear|fall asleep and never|go to sleep and never|sleep and never|not wake)"
          r"|i (?:wouldn't|would not|didn't|don't) wake up|i (?:could|would) just die|i (?:was"
          r"|were) not alive"
          r"|i (?:would|could) get hit by)",
          "passive wish to be dead"),
    _rule("suicide", "concern",
          r"\bi (?:<FILL>)(?:don't|dont|do not|no longer) (?:want|wanna|wish|care) (?:<TO> )?(?:live|be alive"
          r"|exist"
          r"|keep living|go on living|stay alive|be on this earth|be in this world"
          r"|(?:be here|wake up|go on|carry on|keep going|keep living|live like this) (?:anymore|any more"
          r"|any longer|ever again))",
          "not wanting to live"),
    _rule("suicide", "concern",
          r"\b(?:everyone|everybody|people|the world|my (?:family|kids|friends|partner|parents|mum|mom|dad"
          r"|children|husband|wife|boyfriend|girlfriend)|they|you all|y'all|you guys|u guys|they'd|you'd|"
          r"everyone'd) (?:would|will|'d|d)? ?(?:all )?be (?:so much |much |a lot |way )?(?:better|happier"
          r"|fine)(?: off)?"
          r" (?:without me|if i (?:was|were|wasn't|weren't|died|was gone|were gone|wasn't here|weren't here"
          r"|was dead|were dead|didn't exist|disappeared|killed myself))",
          "others better off without me"),
    _rule("suicide", "concern",
          r"\b(?:no one|nobody|noone|no-one|none of them) (?:would|will|'d) (?:even )?(?:care|notice|miss me"
          r"|cry|come to my funeral) (?:if|when) i (?:died|was gone|were gone|disappeared|wasn't here"
          r"|weren't here|was dead|killed myself|didn't wake up)",
          "no one would care if I died"),
    _rule("suicide", "concern",
          r"(?:<IM>) (?:<FILL>)(?:just |such |only |nothing but |a total |a huge |a massive )*(?:a )?(?:burde"
          r"n"
          r"(?! of proof)|waste of (?:space|oxygen|air|life))\b",
          "i'm a burden"),
    _rule("suicide", "concern",
          r"\bit (?:would|will|'d) be (?:easier|better) (?:for (?:everyone|everybody|them"
          r"|my family) )?if i (?:was|were"
          r"|wasn't|weren't) (?:gone|dead|here|around|alive)",
          "easier if I were gone"),
    # Concern: hopelessness that signals risk (worded tightly so everyday frustration does not fire).
    _rule("suicide", "concern",
          r"\b(?:there's|there is|theres|i see|i have|i've got|there's just) no (?:point|reason|purpose) "
          r"(?:in |to |for )?(?:living|going on|being alive|life|live|keep going|keeping going"
          r"|carry(?:ing)? on"
          r"|waking up|me being here|me anymore|anymore|any more|in anything anymore|of living)",
          "no point living"),
    _rule("suicide", "concern",
          r"\bwhat(?:'s| is|s) (?:even )?the point (?:of|in) (?:living|life|being alive|going on|carrying on"
          r"|waking up|anything anymore|trying anymore|me)\b",
          "what's the point of living"),
    _rule("suicide", "concern",
          r"\bi (?:<FILL>)(?:don't|dont|do not|can't|cant|no longer) see (?:the |any )?(?:point|reason"
          r"|purpose) (?:in |of |to |for )"
          r"(?:living|life|going on|being alive|being here|carrying on|waking up|anything anymore"
          r"|trying anymore"
          r"|keep(?:ing)? going|staying alive)",
          "don't see the point in living"),
    _rule("suicide", "concern",
          r"<IM> (?:<FILL>)(?:so |completely |totally |utterly |just )?(?:hopeless|done with (?:life|living"
          r"|everything|it all|this life|existing)|tired of (?:living|life|being alive|existing|everything)"
          r"|sick"
          r" of (?:living|life|being alive|existing)|exhausted (?:of|by) life)\b",
          "hopeless / tired of living"),
    _rule("suicide", "concern",
          r"\b(?:my life|life|everything) (?:is|feels|seems) (?:so |completely |totally )?(?:pointless"
          r"|hopeless"
          r"|meaningless|not worth (?:living|it anymore))|\blife (?:isn't|is not|isnt|aint"
          r"|ain't) worth living\b",
          "life not worth living"),
    _rule("suicide", "concern",
          r"\bi (?:<FILL>)(?:can't|cannot|cant) (?:go on|keep going|carry on|live like this|keep living"
          r"|do life"
          r"|take (?:it|this|life) anymore|face (?:another day|tomorrow|life))(?: like this| anymore"
          r"| any more"
          r"| any longer|$|(?= ?[.!,]))",
          "can't go on"),
    _rule("suicide", "concern",
          r"<S><FILL>(?:want|wanna|need) (?:it|everything|this|the pain|my life|life) (?:all )?<TO> "
          r"(?:end|stop|be over)(?: forever| for good| permanently)?\b(?! (?:soon|so i can|already,? this|at"
          r"|by))",
          "want it all to end"),
    _rule("suicide", "concern",
          r"\bnothing (?:will|is going to|ever|is ever going to|'s ever going to) (?:ever )?get(?:s)? better"
          r"\b|"
          r"\bno way out\b(?! of (?:the|this|that|our|my) (?:contract|deal|lease|meeting|car park|building"
          r"|maze"
          r"|room|game))",
          "nothing will get better / no way out"),
    _rule("suicide", "concern",
          r"<IVE> (?:<FILL>)(?:tried|attempted) (?:to (?:<DIE>)|<SUI>)|\bmy (?:last |previous |first )?"
          r"(?:<SUI> )?attempts?\b(?= (?:was|in|at|when|last|years))|\bi (?:survived"
          r"|have survived) (?:an? )?(?:<SUI> )?attempt",
          "past attempt"),
    # Concern: someone else at risk ("my friend said she wants to kill herself", "my son is suicidal").
    _rule("suicide", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)?\b[^.!?]{0,80}?\b(?:wants?|wanted|wanting|is going|'s going"
          r"|was going|threaten(?:s|ed|ing)?|keeps? talking about|talks? about|talked about|talking about|tried|tries"
          r"|attempted|(?:has been |'s been |is |keeps? |was )?(?:posting|posted|posts|writing|wrote|texting"
          r"|texted|messaging|messaged) (?:\w+ ){0,3}about"
          r"|is thinking about|thinks about|said (?:she|he|they|that she|that he|that they)(?:'d| would"
          r"| wants?"
          r"| was going| is going| will)|plans?|planning) (?:to )?(?:(?:kill|killing|end|ending|take|taking|shoot"
          r"|shooting|hang|hanging|drown|drowning|stab|stabbing) "
          r"(?:<SELF3>|it all)|(?:die|be dead)\b(?! (?:of|from|laughing|happy|old)\b)"
          r"(?! (?:my|your|her|his|their|the) (?:hair|clothes|roots)))",
          "a named person wants to kill themselves"),
    _rule("suicide", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)?\b[^.!?]{0,40}?\b(?:said|says|keeps saying|kept saying|told me"
          r"|texted|posted|wrote|messaged)(?: me)?(?: that)? (?:she|he|they)(?:'d| would|'s| is|'re| are)"
          r" (?:be )?better off dead\b(?! than)",
          "a named person says they would be better off dead"),
    _rule("suicide", "concern",
          r"\b(?:she|he|they)(?: (?:said|says|told me|texted|texted me|messaged|messaged me|keeps saying"
          r"|posted"
          r"|wrote)(?: that)? (?:she|he|they))?(?:'s| is| are|'re| has been|'s been| have been| seems| sounds"
          r"| feels| was) (?:really |very |so |feeling )?<SUICIDAL>\b",
          "someone is suicidal"),
    _rule("suicide", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)? (?:is|has been|'s been|seems|sounds|was|feels|might be"
          r"|may be|could be|got) (?:really |very |so |feeling |quite )?<SUICIDAL>\b",
          "a named person is suicidal"),
    _rule("suicide", "concern",
          r"\b(?:she|he|they) (?:said|says|told me|texted|keeps saying|messaged me|wrote)(?: that)? (?:she|he"
          r"|they) (?:wants?|wanted|is going|was going|'s going|are going|will|would|might|plans?) (?:to )?"
          r"(?:(?:kill|shoot|hang|drown|stab) (?:<SELF3>)|end (?:<SELF3>|it all)|die\b|take (?:<SELF3>))",
          "reported words of wanting to die"),
    # Non-English (Spanish, French, German, Portuguese, Italian), written accent-free as normalised.
    _rule("suicide", "urgent",
          r"\b(?:me voy a (?:matar|suicidar|quitar la vida)|voy a (?:matarme|suicidarme|quitarme la vida)"
          r"|esta noche me (?:mato|suicido)|(?:ya )?(?:escribi|he escrito) (?:mi|mis) cartas? de despedida)",
          "es: intent"),
    _rule("suicide", "concern",
          r"\b(?:(?:me )?quiero (?:morir(?:me)?|matarme|suicidarme|quitarme la vida|desaparecer para siempre)"
          r"|no quiero (?:seguir )?(?:vivir|viviendo|estar viv[oa])|tengo ganas de (?:morir(?:me)?|matarme)"
          r"|(?:pienso|estoy pensando|he pensado) en (?:suicidarme|matarme|el suicidio|quitarme la vida)"
          r"|pensamientos suicidas|estoy suicida|(?:todos|mi familia) (?:estarian|estaran) mejor sin mi)",
          "es: ideation"),
    _rule("suicide", "urgent",
          r"\b(?:je vais (?:me tuer|me suicider|mettre fin a (?:mes jours|ma vie)|en finir)"
          r"|j'ai (?:ecrit|prepare) (?:ma|mes) lettres? d'adieu|ce soir je (?:me tue|me suicide"
          r"|vais en finir))",
          "fr: intent"),
    _rule("suicide", "concern",
          r"\b(?:je (?:veux|voudrais|souhaite) (?:mourir|me tuer|me suicider|en finir|disparaitre)"
          r"|j'ai envie (?:de (?:mourir|me tuer|me suicider|disparaitre)|d'en finir)|je ne veux plus vivre"
          r"|je n'ai plus envie de vivre"
          r"|je pense (?:au suicide|a me suicider|a me tuer|a mourir|a en finir)|je suis suicidaire"
          r"|(?:j'ai des )?(?:idees|pensees) (?:suicidaires|noires)|tout le monde serait mieux sans moi)",
          "fr: ideation"),
    _rule("suicide", "urgent",
          r"\b(?:ich werde (?:\w+ ){0,3}?(?:mich (?:\w+ ){0,3}?umbringen|mir (?:\w+ ){0,3}?das leben nehmen"
          r"|sterben)"
          r"|ich will (?:heute|jetzt|heute nacht) (?:\w+ ){0,2}(?:mich umbringen|mir das leben nehmen"
          r"|sterben)"
          r"|ich bringe mich (?:heute |jetzt |heute nacht )?um|ich habe (?:meinen|einen) abschiedsbrief"
          r"|heute nacht (?:bringe ich mich um|sterbe ich))",
          "de: intent"),
    _rule("suicide", "concern",
          r"\b(?:ich (?:will|mochte|moechte|wurde gern|wuerde gern|will einfach) (?:nur )?(?:sterben|tot sein"
          r"|mich umbringen|mir das leben nehmen|nicht mehr leben)|ich will nicht mehr leben"
          r"|ich (?:habe|hab) (?:oft |wieder |standig )?(?:selbstmordgedanken|suizidgedanken)"
          r"|ich bin suizidal"
          r"|ich denke (?:an|uber|ueber) (?:selbstmord|suizid)|(?:alle|jeder) (?:waren|waere"
          r"|ware) besser dran ohne mich)",
          "de: ideation"),
    _rule("suicide", "urgent",
          r"\b(?:(?:eu )?vou me matar|vou (?:acabar com|tirar) (?:a )?minha (?:propria )?vida|vou me suicidar"
          r"|(?:escrevi|deixei) (?:minha|minhas) cartas? de despedida|hoje a noite eu (?:me mato"
          r"|acabo com tudo))",
          "pt: intent"),
    _rule("suicide", "concern",
          r"\b(?:(?:eu )?quero (?:morrer|me matar|me suicidar|sumir para sempre|tirar (?:a )?minha vida)"
          r"|(?:eu )?nao quero mais viver|penso em (?:me matar|suicidio|morrer|me suicidar)"
          r"|(?:estou|to|tou) pensando em (?:me matar|suicidio|me suicidar)|pensamentos suicidas"
          r"|todos (?:estariam|ficariam) melhor sem mim)",
          "pt: ideation"),
    _rule("suicide", "urgent",
          r"\b(?:stasera (?:mi (?:ammazzo|uccido)|la faccio finita)|(?:sto per|ora) (?:uccidermi|ammazzarmi"
          r"|farla finita)|ho (?:scritto|preparato) (?:la |le )?letter[ae] d'addio|mi uccidero|mi ammazzero)",
          "it: intent"),
    _rule("suicide", "concern",
          r"\b(?:(?:io )?voglio (?:morire|uccidermi|ammazzarmi|farla finita|togliermi la vita)"
          r"|(?:mi|io) voglio (?:ammazzare|uccidere)|non voglio piu vivere"
          r"|(?:penso|sto pensando) (?:al suicidio|di uccidermi|di farla finita|di ammazzarmi"
          r"|di togliermi la vita)"
          r"|pensieri suicid[ai]|tutti starebbero meglio senza di me)",
          "it: ideation"),
]

# ---------------------------------------------------------------------------------------------------------
# SELF-HARM
# ---------------------------------------------------------------------------------------------------------
# Accidents and sport are not self-harm ("i cut myself shaving", "hurt myself at the gym").
_ACCIDENT = (r"(?! (?:by accident|accidentally|on (?:a|the|my|some|an)|at (?:the|work|football|rugby|training"
             r"|practice)|(?:while|when) (?:i (?:fell|tripped|slipped|was (?:cooking|shaving|running|lifting"
             r"|playing"
             r"|moving|fixing|cleaning|gardening))|cooking|shaving|chopping|playing|running|lifting"
             r"|working out"
             r"|training|gardening|cycling|climbing|doing|moving|fixing|opening|cleaning|skating|skiing)"
             r"|playing|lifting|running|shaving|cooking|chopping|slicing|opening|in the kitchen"
             r"|with a (?:kitchen"
             r"|bread|stanley) knife while|falling|doing|gardening|climbing|skating|skiing|cycling|trying to"
             r"|moving|fixing|badly at|in a fall|in the gym))")
_SELF_HARM = [
    # Urgent: about to self-harm now, or an injury that needs emergency care.
    _rule("self_harm", "urgent",
          r"<IM> (?:<FILL>)(?:going to|gonna|about to) (?:cut|hurt|harm|burn|punish) <SELF>"
          r"(?:[^.!?]{0,40}\b(?:tonight|now|right now|today|again|badly))?",
          "intent to self-harm"),
    _rule("self_harm", "urgent",
          r"<IM> (?:<FILL>)(?:cutting|hurting|harming|burning) (?:<SELF> )?(?:right now|as we speak|as i type"
          r"|as i write this)",
          "self-harming right now"),
    _rule("self_harm", "urgent",
          r"\b(?:(?:cut|hurt|harmed|burned) <SELF>|self[- ]?harm\w*|sh|cutting|did it again"
          r"|relapsed|cut (?:again|tonight|last night|earlier|today))\b[^.!?]{0,60}"
          r"\b(?:won't|will not|wont|doesn't|does not|isn't|can't|cannot|cant) (?:stop (?:bleeding)?|stop the"
          r" bleeding|stopping)\b",
          "bleeding won't stop"),
    _rule("self_harm", "urgent",
          r"\bi (?:<FILL>)(?:cut|burned|burnt|hurt|harmed) (?:<SELF> )?(?:too deep|too deeply|really deep"
          r"|really badly"
          r"|so badly|worse than ever|deeper than)",
          "serious self-injury"),
    _rule("self_harm", "urgent", r"\b(?:think|pretty sure|probably) (?:i )?need (?:stitches|the hospital"
                                 r"|a&e)\b"
                                 r"[^.!?]{0,40}\b(?:cut|self[- ]?harm|did it again|sh)\b",
          "injury needs treatment"),
    # Concern: self-harm now or in the past ("i've been cutting again", "relapsed on sh", "sh urges").
    _rule("self_harm", "concern",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:been |started |keep |still |sometimes |often |always |began |begun )?"
          r"(?:(?:cutting|harming|hurting|burning|hitting|punching|bruising|punishing) <SELF>\b" + _ACCIDENT +
          r"|(?:self[- ]?harming|sh'?ing)\b)",
          "self-harming"),
    _rule("self_harm", "concern",
          r"\bi (?:<FILL>)(?:cut|burned|burnt|harmed|hurt|hit|punched|scratched) <SELF>\b(?: again"
          r"| on purpose"
          r"| deliberately| last night| tonight| today| yesterday| to cope| to feel| ?\.|$| ?,)" + _ACCIDENT,
          "i cut myself (not an accident)"),
    _rule("self_harm", "concern",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:been |started |keep |still )?(?:cutting|cut|slitting|slit|burning"
          r"|burned"
          r"|scratching|carving into) (?:my|into my) (?:wrists?|arms?|thighs?|legs?|stomach|skin|hips?)\b"
          + _ACCIDENT,
          "cutting own body"),
    _rule("self_harm", "concern",
          r"\b(?:scratching|cutting|hitting|punching|picking|biting|burning) (?:<W>){0,3}(?:till|until"
          r"|so) (?:they|it|i|my"
          r" \w+) (?:bleeds?|bled|bruise|bruised)\b(?![^.!?]{0,40}\b(?:eczema|itch\w*|rash|bites|hives"
          r"|psoriasis))",
          "injuring until bleeding"),
    _rule("self_harm", "concern",
          r"<S><FILL>(?:want|wanna|need|have the urge|got the urge)(?: <TO>)? (?:cut|self[- ]?harm|sh)\b"
          r"(?=$| ?[.!?,]| (?:so|again|tonight|today|rn|badly|really|right now|bad|myself))",
          "wish to cut"),
    _rule("self_harm", "concern",
          r"(?:<IVE>|<IM>|\bmy) (?:<FILL>)(?:self[- ]?harm|sh)\b(?![-*])(?! (?:is|are) (?:a|an|the) (?:common"
          r"|way))"
          r"|\bi (?:<FILL>)(?:self[- ]?harmed|sh'?d|self[- ]?harmed again)\b",
          "i self-harm / my self-harm"),
    _rule("self_harm", "concern",
          r"\b(?:relapsed?|relapsing|slipped) (?:on|with|into|back into|back to) (?:self[- ]?harm|sh|cutting"
          r"|hurting myself|harming myself)\b",
          "self-harm relapse"),
    _rule("self_harm", "concern",
          r"(?<!weaken )(?<!reduce )(?<!manage )(?<!resist )(?<!ease )(?<!lessen )(?<!managing )"
          r"(?:\bmy|\bthe|\bthese|\bthis|\bi (?:have|get|got|had|feel)|\bhaving|<IM> having|\bstrong|\bbad)"
          r" (?:urges?|craving) (?:to |for )?(?:cut|self[- ]?harm|sh|hurt myself|harm myself|burn myself"
          r"|cutting)\b"
          r"(?! (?:is|are|can|may|might|often|usually|will|isn't|is not|aren't) (?:a |an |common|normal|pass"
          r"|fade"
          r"|uncommon|rare|unusual))|\b(?:sh|self[- ]?harm|cutting) (?:urges|cravings|scars|relapse|again)\b",
          "self-harm urges, scars, relapse"),
    _rule("self_harm", "concern",
          r"\b(?:clean|free) (?:from|of) (?:self[- ]?harm|sh|cutting) (?:for )?|\b\d+ (?:days|weeks|months) "
          r"(?:clean|free) (?:from|of) (?:self[- ]?harm|sh|cutting)",
          "counting days clean from self-harm"),
    _rule("self_harm", "concern",
          r"<S><FILL>(?:want|wanna|need|feel like|have the urge|get the urge|keep wanting)(?: <TO>)? (?:cut"
          r"|hurt|harm"
          r"|burn|punish|hit) <SELF>\b",
          "wish to self-harm"),
    _rule("self_harm", "concern",
          r"<IM> (?:<FILL>)(?:trying|struggling|fighting|resisting) (?:so hard |really hard )?(?:not to"
          r"|to not|with"
          r" the urge to|the urge to|my urges? to) (?:cut|hurt|harm|burn|self[- ]?harm)\b",
          "resisting self-harm"),
    _rule("self_harm", "concern",
          r"\bi (?:<FILL>)(?:deserve|need) (?:to be (?:hurt|punished)|the pain|to suffer|to bleed|pain)\b",
          "deserving pain"),
    _rule("self_harm", "concern",
          r"\bi (?:<FILL>)(?:used to|did) (?:cut|self[- ]?harm|sh|hurt myself|harm myself)\b|\bmy (?:old )?"
          r"(?:self[- ]?harm|sh|cutting) scars\b|\bscars from (?:self[- ]?harm|cutting|sh)\b",
          "self-harm history"),
    _rule("self_harm", "concern",
          r"\bhide (?:my |the )?(?:cuts|scars|self[- ]?harm|wounds|burns) (?:from|so)\b|\bhow (?:do i|can i"
          r"|to)"
          r" hide (?:my |the )?(?:cuts|scars|self[- ]?harm|burns)",
          "hiding self-harm"),
    # Concern: someone else self-harming.
    _rule("self_harm", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)?\b[^.!?]{0,60}?\b(?:is|has been|'s been|was|keeps|started"
          r"|has"
          r" started|admitted|told me (?:she|he|they)(?:'s| is| are| has been| have been)?) (?:been )?"
          r"(?:self[- ]?harming|cutting (?:<SELF3>|again)|hurting (?:<SELF3>)|harming (?:<SELF3>)"
          r"|burning (?:<SELF3>))",
          "a named person self-harms"),
    _rule("self_harm", "concern",
          r"\b(?:she|he|they) (?:cuts|cut|self[- ]?harms|hurts|burns) (?:himself|herself|themselves"
          r"|themself)\b"
          r"(?! (?:on|while|by accident|accidentally|shaving|cooking))",
          "someone self-harms"),
    # Non-English.
    _rule("self_harm", "concern",
          r"\b(?:me (?:corto|autolesiono|lastimo a proposito|hago dano|estoy cortando)|(?:he vuelto|volvi) a "
          r"(?:cortarme|autolesionarme|hacerme dano)|quiero (?:cortarme|hacerme dano))",
          "es: self-harm"),
    _rule("self_harm", "concern",
          r"\b(?:je me (?:scarifie|mutile|fais du mal|suis scarifie|suis encore scarifie|coupe(?! les cheveux"
          r"| les ongles| en cuisinant| avec du papier))|je m'automutile|je veux me (?:faire du mal|scarifier"
          r"|couper)"
          r"|j'ai recommence a me (?:scarifier|couper|faire du mal))",
          "fr: self-harm"),
    _rule("self_harm", "concern",
          r"\b(?:ich (?:ritze|verletze|schneide) mich(?: selbst)?(?! beim)|ich habe mich (?:wieder |heute )?"
          r"(?:geritzt|selbst verletzt)|ich will mich (?:ritzen|verletzen|schneiden))",
          "de: self-harm"),
    _rule("self_harm", "concern",
          r"\b(?:(?:eu )?me (?:corto|machuco de proposito|automutilo)|(?:estou|to|tou) me cortando"
          r"|voltei a me (?:cortar|machucar)|quero me (?:cortar|machucar))",
          "pt: self-harm"),
    _rule("self_harm", "concern",
          r"\b(?:mi (?:taglio(?! i capelli| le unghie)|faccio del male|autolesiono)"
          r"|ho ricominciato a tagliarmi"
          r"|voglio tagliarmi|mi sono tagliat[ao] (?:di nuovo|ancora|apposta))",
          "it: self-harm"),
]

# ---------------------------------------------------------------------------------------------------------
# ABUSE / SAFEGUARDING
# ---------------------------------------------------------------------------------------------------------
_ABUSER_SUBJ = r"(?:\bmy (?:<W>){0,1}<ABUSER>|\b(?:he|she)(?!'s| is| was))"
_ABUSE = [
    # Urgent: threats to kill, strangulation, attacks happening now, being unsafe at home.
    _rule("abuse", "urgent",
          r"\b(?:threaten(?:s|ed|ing)?|tried|tries|trying|swore|promised|said (?:he|she|they)(?:'d| would"
          r"| will"
          r"|'ll| was going to| is going to| is gonna)) (?:to )?kill me\b",
          "threats to kill"),
    _rule("abuse", "urgent",
          r"\b(?:scared|afraid|terrified|frightened|worried|fear|think|convinced|sure)\b[^.!?]{0,30}\b(?:he"
          r"|she"
          r"|they|my <ABUSER>)(?:'s| is|'ll| will| is going to|'s going to| might| could| would|'d|'s gonna"
          r"| is gonna)"
          r" (?:going to |gonna |actually |really )?(?:kill|seriously hurt|really hurt|hurt) (?:me|my (?:kids"
          r"|children|baby|son|daughter))\b",
          "afraid of being killed or hurt"),
    _rule("abuse", "urgent",
          r"\b(?:fear|scared|afraid|terrified|frightened) (?:for )?my (?:life|safety|kids' safety"
          r"|children's safety)\b",
          "fear for life"),
    _rule("abuse", "urgent",
          r"\b(?:choked|strangled|chokes|strangles|choking|strangling|suffocated|suffocates|smothered) me\b"
          r"|\b(?:hands|hand) (?:around|round) my (?:neck|throat)\b",
          "strangulation (a lethality marker)"),
    _rule("abuse", "urgent",
          r"\b(?:he|she|they|my <ABUSER>)(?:'s| is|'re| are) (?:hitting|beating|hurting|attacking|kicking"
          r"|punching|raping|choking|strangling|threatening) me (?:right now|now|as i type|again tonight)\b"
          r"|\b(?:he|she|they|my <ABUSER>)(?:'s| is|'re| are) (?:outside|at the door|banging on the door"
          r"|breaking"
          r" (?:in|the door)|trying to get in)\b[^.!?]{0,60}\b(?:scared|afraid|help|hiding|terrified|police)",
          "attack happening now"),
    _rule("abuse", "urgent",
          r"<IM> (?:<FILL>)(?:hiding|locked) (?:in (?:the |my |a )?\w+ )?from (?:him|her|them|my <ABUSER>)\b"
          r"|\b(?:locked|locks|locking) me (?:in|up|out)\b(?! of (?:my account|the app|the system))",
          "hiding or locked in"),
    _rule("abuse", "urgent",
          r"(?:(?:<IM>|\bi feel|\bit's|\bit is|\bits) (?:<FILL>)(?:not |never |un)safe|\bi (?:don't|do not"
          r"|dont"
          r"|never) feel safe|\bit (?:isn't|isnt|is not|'s not) safe(?: for me)?) (?:at home|to go home"
          r"|in my (?:own )?"
          r"(?:home|house)|where i (?:am|live)|with (?:him|her|them|my <ABUSER>)|around (?:him|her"
          r"|my <ABUSER>))"
          r"|\b(?:scared|afraid|terrified|frightened) (?:to go|of going) home\b",
          "not safe at home"),
    _rule("abuse", "urgent",
          _ABUSER_SUBJ + r" (?:<FILL>)(?:rapes|molests) me\b|" + _ABUSER_SUBJ + r" (?:<FILL>)(?:touches|keeps"
          r" touching) me (?:inappropriately|down there|where|in (?:places|private)|when (?:mum|mom|dad"
          r"|no one"
          r"|nobody|we're alone)|at night|under)|" + _ABUSER_SUBJ + r" (?:<FILL>)(?:comes|keeps coming|came) "
          r"(?:into|in) my (?:room|bed) (?:at night|when)|\b(?:makes|forces|made|forced) me (?:to )?(?:touch"
          r" (?:him|her)|do sexual|have sex|send (?:nudes|photos of myself|naked)|watch porn)",
          "ongoing sexual abuse"),
    # Concern: abuse disclosed without immediate danger, past abuse, coercive control.
    _rule("abuse", "concern",
          _ABUSER_SUBJ + r" (?:<FILL>)(?:touched|used to touch|molested|abused|used to abuse|raped) me\b"
          r"(?= (?:when i was|as a (?:kid|child|teen|teenager)|inappropriately|down there|in places|for years"
          r"|growing up|at night|when no one|until i was)|[.!?,]|$)",
          "past sexual abuse"),
    _rule("abuse", "concern",
          _ABUSER_SUBJ + r" (?:<FILL>)(?:still |always |sometimes |often |keeps |constantly |regularly "
                         r"|used to"
          r" |has |had |started |starts )?(?:hits?|hitting|beats?|beating|kicks?|kicked|kicking|punch(?:es|ed"
          r"|ing)?"
          r"|slaps?|slapped|slapping|shoves?|shoved|pushed|pushes|throws? things at|threw things at|bites?"
          r"|bit"
          r"|burns?|burned|burnt|grabbed|grabs|abused|abuses|abusing|raped|molested|assaulted|hurts) me\b"
          r"(?! (?:at (?:chess|cards|tennis|squash|pool|darts|golf|football|fifa|scrabble|monopoly"
          r"|mario ?kart|uno"
          r"|poker|video games|games|the game|sports|running|everything|it)|in (?:the|a) (?:race|game|match"
          r"|final"
          r"|quiz|exam|test|round|argument|debate)|to (?:it|the)|up|back|off|round|by \d|every time we play"
          r"|with (?!(?:a |his |her |the |my )?(?:belt|fist|hand|stick|bottle|shoe|chair|phone|remote|cable"
          r"|cup|plate|knife|bat))))(?![^.!?]{0,40}\b(?:as a joke|jokingly|playfully|play ?fight\w*"
          r"|messing about"
          r"|messing around|for fun|in the game))",
          "abuse by someone close"),
    _rule("abuse", "concern",
          r"(?:<IM>|\bi was|\bi've been|\bi have been|\bive been|\bi got|\bi get|\bi keep getting)"
          r" (?:<FILL>)(?:being |been |getting )?"
          r"(?:abused|hit at home|beaten (?:at home|by|up by my)|raped|sexually (?:abused|assaulted)|molested"
          r"|groomed|assaulted by my|attacked by my|trafficked|in an abusive|in a violent"
          r"|in a controlling)\b",
          "i was / am being abused"),
    _rule("abuse", "concern",
          r"\bmy (?:<W>){0,1}<ABUSER> (?:is|was|has been|'s|gets|can be) (?:<FILL>)(?:abusive|violent"
          r"|controlling"
          r"|coercive|physically aggressive)\b",
          "my partner is abusive"),
    _rule("abuse", "concern",
          r"<IM> (?:<FILL>)(?:scared|afraid|terrified|frightened) of my <ABUSER>\b|<IM> (?:<FILL>)in an (?:ab"
          r"usive"
          r"|violent|controlling) (?:relationship|marriage|home)",
          "fear of partner or family"),
    _rule("abuse", "concern",
          _ABUSER_SUBJ + r" (?:<FILL>)(?:won't|doesn't|does not|will not|never) let(?:s)? me (?:leave|go out"
                         r"|see my"
          r" (?:friends|family)|have (?:my own )?money|have a phone|use my phone|talk to)"
          r"|" + _ABUSER_SUBJ + r" (?:<FILL>)(?:controls|checks|tracks|takes) (?:all )?(?:my (?:money|phone"
          r"|messages|location|bank)|everything i do)",
          "coercive control"),
    _rule("abuse", "concern",
          r"\b(?:domestic (?:abuse|violence)|sexual abuse|child abuse)\b[^.!?]{0,30}\b(?:at home"
          r"|happening to me"
          r"|i'm (?:going through|experiencing|living with)|i experience)"
          r"|<IM> (?:<FILL>)(?:a )?(?:victim|survivor) of (?:domestic (?:abuse|violence)|abuse|rape|sexual"
          r" (?:abuse|assault)|child abuse|grooming)",
          "naming domestic or sexual abuse"),
    # Concern: someone else being abused ("my friend's boyfriend hits her").
    _rule("abuse", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)? (?:<W>){0,2}(?:<ABUSER> )?(?:hits|beats|abuses|hurts|rapes"
          r"|chokes|strangles|kicks|punches|slaps|molests|threatens to kill|touches) (?:her|him|them)\b"
          r"(?! (?:at|in|back|up) )",
          "someone else being abused"),
    _rule("abuse", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)? (?:is|was|has been|'s been|gets|got) (?:being )?(?:abused"
          r"|hit|beaten|groomed|raped|molested|assaulted)\b(?! (?:by (?:a|the) (?:ball|car|wave)|in (?:the"
          r"|a) game))",
          "someone else is being abused"),
    # Non-English.
    _rule("abuse", "urgent",
          r"\b(?:(?:me )?(?:amenaza|amenazo|ha amenazado) con matarme|tengo miedo de que me mate"
          r"|il (?:menace|a menace) de me tuer|j'ai peur qu'il me tue|er (?:droht|hat gedroht),? mich umzubri"
          r"ngen"
          r"|ich habe angst,? dass er mich umbringt|(?:ele )?(?:ameacou|ameaca) me matar"
          r"|tenho medo que ele me mate"
          r"|(?:mi )?(?:ha minacciato|minaccia) di uccidermi|ho paura che mi uccida)",
          "threats to kill (es, fr, de, pt, it)"),
    _rule("abuse", "concern",
          r"\b(?:mi (?:marido|esposo|novio|pareja|padre|padrastro|madre) me (?:pega|golpea|maltrata|viola)"
          r"|(?:mon|ma) (?:mari|copain|compagnon|pere|beau-pere|mere|conjoint) me (?:frappe|bat|viole"
          r"|maltraite)"
          r"|mein (?:mann|freund|partner|vater|stiefvater) (?:schlagt|schlaegt|misshandelt|vergewaltigt) mich"
          r"|meu (?:marido|namorado|pai|padrasto|companheiro) me (?:bate|agride|estupra|maltrata)"
          r"|(?:mio|il mio) (?:marito|ragazzo|compagno|padre|patrigno) mi (?:picchia|maltratta|violenta))",
          "abuse by someone close (es, fr, de, pt, it)"),
]

# ---------------------------------------------------------------------------------------------------------
# EATING DISORDERS
# ---------------------------------------------------------------------------------------------------------
_EAT = (r"(?:i eat|i've eaten|i ate|eating|meals?|every meal|food|dinner|lunch|breakfast|binges?|binging"
        r"|bingeing|snacks?)")
_EATING = [
    # Urgent: medical danger from restricting or purging.
    _rule("eating_disorder", "urgent",
          r"\b(?:fainted|fainting|passed out|passing out|blacked out|blacking out|collapsed|keep fainting"
          r"|dizzy"
          r" and (?:can't|cant) stand)\b[^.!?]{0,60}\b(?:not eating|haven't eaten|havent eaten|didn't eat"
          r"|starving|barely"
          r" eating|hardly eating|not eating enough|eating nothing|skipping meals|barely eaten|hardly eaten"
          r"|restricting|purging|throwing up|fasting|laxatives|no food)\b"
          r"|\b(?:not eating|haven't eaten|starving myself|restricting|purging|laxatives)\b[^.!?]{0,60}\b(?:f"
          r"ainted"
          r"|passed out|blacked out|collapsed)\b",
          "fainting from restricting or purging"),
    _rule("eating_disorder", "urgent",
          r"\b(?:throwing up|vomiting|vomited|threw up|coughing up|puking|being sick with) (?:up )?blood\b"
          r"|\bblood (?:when i (?:throw up|purge|am sick)|in my (?:vomit|sick))\b",
          "vomiting blood"),
    _rule("eating_disorder", "urgent",
          r"\b(?:heart|chest)\b[^.!?]{0,20}\b(?:racing|pounding|skipping|fluttering|hurts|pain|irregular"
          r"|beating"
          r" weird)\b[^.!?]{0,60}\b(?:purg\w*|laxatives|throwing up|not eating|fasting|starving|haven't eaten"
          r"|diet pills)\b|\b(?:purg\w*|laxatives|throwing up|not eating|fasting|starving|haven't eaten"
          r"|diet pills)\b[^.!?]{0,60}\b(?:heart|chest)\b[^.!?]{0,20}\b(?:racing|pounding|skipping|fluttering"
          r"|hurts|pain|irregular)\b",
          "heart symptoms with restricting or purging"),
    # Concern: purging ("i make myself sick after meals").
    _rule("eating_disorder", "concern",
          r"(?:\bi|<IVE>|<IM>) (?:<FILL>)(?:been |started |keep |sometimes |always |usually |often )?(?:make"
          r"|made"
          r"|making|force|forced|forcing) <SELF> (?:be )?(?:sick|throw up|vomit|puke)\b"
          r"(?! (?:with|from) (?:worry|stress|anxiety|nerves|guilt|overthinking))",
          "making oneself sick"),
    _rule("eating_disorder", "concern",
          r"(?:(?:\bi|<IVE>|<IM>) (?:<FILL>)(?:been |started |keep |sometimes |always |usually |often )?"
          r"|(?:^|(?<=[.!?,;:] ))(?:<FILL>)(?:been|started|keep|still) )"
          r"(?:purge|purging|purged|throw up|throwing up|vomit|vomiting|puke|puking|being sick) (?:after|when"
          r"|whenever|every time|once|if) (?:<W>){0,2}" + _EAT + r"\b(?![^.!?]{0,40}\b(?:bug|virus|flu|food poisoning"
          r"|norovirus|pregnan\w*|morning sickness|chemo\w*|migraines?|gastro\w*))",
          "purging after eating"),
    _rule("eating_disorder", "concern", r"(?:\bi|<IVE>|<IM>) (?:<FILL>)(?:been |started |keep )?(?:purging"
                                        r"|purge|purged)\b"
                                        r"(?! (?:my|the|old|files|emails|inbox|wardrobe|closet|data|cache))",
          "purging"),
    # Concern: restricting ("i haven't eaten in three days", "i only eat 500 calories").
    _rule("eating_disorder", "concern",
          r"\bi (?:<FILL>)(?:haven't|have not|havent|haven't really|have barely|haven't properly) (?:eaten"
          r"|had "
          r"(?:anything|any food|a (?:proper )?meal|food)|eaten anything) (?:in|for) (?:over |almost "
          r"|nearly )?"
          r"(?:\d+|two|three|four|five|six|seven|several|a few|many|multiple|a couple of) (?:days|weeks)\b"
          r"(?![^.!?]{0,40}\b(?:ramadan|fast for|religious|surgery|procedure|colonoscopy|stomach bug|flu"
          r"|virus"
          r"|food poisoning))"
          r"|\bi (?:<FILL>)(?:haven't|have not|havent) eaten (?:in|for) (?:a week|days|weeks)\b"
          r"(?![^.!?]{0,40}\b(?:ramadan|fast for|religious|surgery|procedure|colonoscopy|stomach bug|flu"
          r"|virus"
          r"|food poisoning))",
          "not eating for days"),
    _rule("eating_disorder", "concern",
          r"\bi (?:<FILL>)(?:only )?(?:eat|eating|allow myself|let myself (?:have|eat)|'ve been eating"
          r"|have been eating"
          r"|stick to|keep (?:it|myself) (?:under|below)|stay under|am at|'m at|limit myself to"
          r"|restrict (?:myself )?to)"
          r" (?:only )?(?:under |less than |below |about |around |maybe )?\d{2,4} ?(?:calories|cals|kcal)\b",
          "calorie restriction"),
    _rule("eating_disorder", "concern",
          r"(?:<IVE>|<IM>|\bi) (?:<FILL>)(?:been |keep |started )?(?:starving|restricting) (?:<SELF>|again"
          r"|my (?:food"
          r"|eating|intake|calories)|food|calories)\b|(?:<IVE>|<IM>) (?:<FILL>)(?:been )?(?:skipping"
          r"|avoiding) (?:all )?"
          r"(?:meals|food|eating) (?:for days|to lose weight|so i (?:don't|won't) gain|because i'm (?:fat"
          r"|disgusting))",
          "starving / restricting"),
    _rule("eating_disorder", "concern",
          r"(?:<IVE>|<IM>|\bi) (?:<FILL>)(?:been )?(?:fasting|not eating|skipping meals|eating nothing"
          r"|cutting out food)"
          r" (?:<W>){0,4}(?:to (?:lose weight|get thin|be thin|get skinny|punish myself)|so i (?:don't|won't"
          r"|dont"
          r"|wont) gain|because i(?:'m| am| feel) (?:fat|disgusting|huge|gross))",
          "fasting to lose weight"),
    # Concern: bingeing, laxatives, identity and relapse statements.
    _rule("eating_disorder", "concern",
          r"\bi (?:<FILL>)(?:keep |kept |can't stop |cannot stop |cant stop |have been |'ve been "
          r"|been )?(?:binge(?:ing)?"
          r"|binging|binge eating|binged)\b(?![- ]?(?:watch|watched|watching|listen|read|play|the|a show"
          r"|on (?:netflix|tv"
          r"|the (?:show|series))|(?:the )?(?:series|show|season|box set)))",
          "bingeing"),
    _rule("eating_disorder", "concern",
          r"(?:\bi|<IVE>|<IM>) (?:<FILL>)(?:been |started )?(?:take|taking|use|using|took|abuse|abusing|buy"
          r"|buying"
          r"|bought) (?:<W>){0,2}(?:laxatives|diet pills|diuretics|water pills|appetite suppressants)\b"
          r"(?! (?:for|because of|due to) (?:constipation|ibs|my (?:doctor|gp)|blood pressure|swelling|oedema"
          r"|edema|heart))",
          "laxatives or diet pills"),
    _rule("eating_disorder", "concern",
          r"<IM> (?:<FILL>)(?:anorexic|bulimic|pro[- ]?ana|pro[- ]?mia)\b|\bmy (?:anorexia|bulimia|eating"
          r" disorder|ed|binge eating disorder|arfid)\b(?: is| has| seems)? (?:back|getting worse|worse"
          r"|relapsed"
          r"|taking over|relapse|controls|won't let)"
          r"|\b(?:relapsed?|relapsing|slipped back) (?:with|into|in|on) (?:my )?(?:anorexia|bulimia|ed|eating"
          r" disorder|restricting|purging|bingeing)\b",
          "eating disorder identity or relapse"),
    _rule("eating_disorder", "concern",
          r"<IM> (?:<FILL>)(?:scared|afraid|terrified|frightened) (?:to eat|of eating|of food"
          r"|of gaining (?:any )?weight)"
          r"|\bi (?:<FILL>)(?:hate|disgust) myself (?:after|when|every time) (?:i )?(?:eat|ate)\b"
          r"|\bi (?:<FILL>)(?:feel|felt) (?:so )?(?:disgusting|huge|gross|fat|guilty) (?:after|when"
          r"|whenever) (?:i )?(?:eat|ate)\b",
          "fear and guilt around eating"),
    _rule("eating_disorder", "concern",
          r"\b(?:thinspo|thinspiration|meanspo|bonespo|pro[- ]?ana|pro[- ]?mia|ana coach|ana buddy"
          r"|skinny ?check)\b",
          "pro-eating-disorder community terms"),
    # Concern: someone else with disordered eating.
    _rule("eating_disorder", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)?\b[^.!?]{0,60}?\b(?:is|has been|'s been|keeps|started|was) "
          r"(?:been )?(?:starving (?:<SELF3>)|making (?:<SELF3>) (?:sick|throw up)|purging|not eating"
          r"|throwing up"
          r" after (?:meals|eating|every meal)|taking laxatives|restricting|bingeing and purging)\b",
          "a named person with disordered eating"),
    # Non-English.
    _rule("eating_disorder", "concern",
          r"\b(?:me provoco el vomito|vomito despues de (?:comer|cada comida)|no he comido (?:en|desde hace) "
          r"(?:\w+ )?dias|me estoy matando de hambre|me doy atracones|tomo laxantes para (?:adelgazar"
          r"|no engordar)"
          r"|je me fais vomir|je vomis apres (?:chaque repas|avoir mange|les repas)"
          r"|je n'ai (?:rien )?mange depuis"
          r" (?:\w+ )?jours|je m'affame|ich (?:breche|erbreche|kotze|ubergebe mich) nach dem essen"
          r"|ich bringe mich"
          r" zum erbrechen|ich habe seit (?:\w+ )?tagen nichts gegessen|ich hungere mich"
          r"|(?:eu )?me forco a vomitar|vomito depois de (?:comer|cada refeicao)|nao como (?:ha"
          r"|faz) (?:\w+ )?dias"
          r"|mi faccio vomitare|vomito dopo (?:ogni pasto|aver mangiato|mangiato)|non mangio da (?:\w+ )?gior"
          r"ni"
          r"|digiuno da (?:\w+ )?giorni per dimagrire)",
          "es/fr/de/pt/it: purging and restricting"),
]

# ---------------------------------------------------------------------------------------------------------
# OVERDOSE AND DANGEROUS DRUG USE
# ---------------------------------------------------------------------------------------------------------
_TAKEN = (r"(?:an overdose|an od|(?:a |the )?(?:whole|entire|full) (?:bottle|box|packet|pack|strip|load|tub"
          r"|jar)"
          r"(?: of)?(?: \w+)?|(?:a |two |three |several )?(?:bottles?|box(?:es)?|packets?|packs?|handful"
          r"|loads?"
          r"|bunch|lot|fistful|stash|strips?) of (?:<W>){0,2}<PILL>|all (?:of )?(?:my|the|her|his|their) "
          r"(?:<W>){0,2}<PILL>|too many (?:<W>){0,2}<PILL>|too many(?= ?[.!,]|$| and| now)"
          r"|way too many(?: \w+)?"
          r"|(?:(?:like|about|around|maybe|nearly|almost|over|at least|roughly) )?(?:[1-9]\d+|dozens of|loads of"
          r"|lots of|a load of|so many|twenty|thirty|forty|fifty|a hundred)"
          r" (?:<W>){0,2}<PILL>|(?:three times|ten times|five times) (?:the|my) (?:prescribed "
          r"|max(?:imum)? )?"
          r"(?:dose|amount)|a lethal dose"
          r"|enough (?:<PILL> )?to (?:die|<DIE>|not wake up))")
_OVERDOSE = [
    # Urgent: an overdose taken now or just now, by the writer.
    _rule("overdose_drugs", "urgent",
          r"(?:<IVE>|\bi've just|\bi just) (?:<FILL>)(?:just |already )?(?:taken|took|swallowed|downed|had|popped"
          r"|necked"
          r") " + _TAKEN + r"(?! (?:<W>){0,3}<PAST>)",
          "overdose taken"),
    _rule("overdose_drugs", "urgent",
          r"(?:(?:<IVE>|\bi've just|\bi just) |^|(?<=[.!?,;:] ))(?:<FILL>)(?:just |already )?(?:taken|took|swallowed"
          r"|downed|popped|necked) [^.!?]{0,50}?\band " + _TAKEN + r"(?! (?:<W>){0,3}<PAST>)",
          "overdose taken with something else ('half a bottle of vodka and a load of diazepam')"),
    _rule("overdose_drugs", "urgent",
          r"(?:^|(?<=[.!?,;:] ))(?:just |already )?(?:took|taken|swallowed|downed|necked|popped|drank) " + _TAKEN
          + r"(?![^!?]{0,80}\b(?:haven't missed|havent missed|not missed|didn't miss|as prescribed|on time"
          r"|small wins?|streak)\b)",
          "overdose taken, subject left out"),
    _rule("overdose_drugs", "urgent",
          r"\band (?:just |then )?(?:took|swallowed|downed|necked|popped) " + _TAKEN + r"(?! (?:<W>){0,3}<PAST>)"
          r"(?![^!?]{0,80}\b(?:haven't missed|havent missed|not missed|didn't miss|as prescribed|as usual|on time"
          r"|small wins?|streak)\b)",
          "overdose taken, after 'and'"),
    # "already swallowed em all w vodka", "drank my dad's methadone, the whole bottle"
    _rule("overdose_drugs", "urgent",
          r"(?:\bi |^|(?<=[.!?,;:] ))(?:<FILL>)(?:just |already )?(?:swallowed|downed|necked|popped) (?:them|em|'em"
          r"|the lot|the rest)(?: all)?\b(?! (?:to|out|home|back|in|over|down|with me)\b)"
          r"|\b(?:took|taken|swallowed|downed|drank|necked) (?:my |his |her |their |\w+'s |my \w+'s )?(?:<W>){0,1}"
          r"(?:<PILL>|<DRUG>|methadone)\b,? (?:the |a )?(?:whole|entire|full) (?:bottle|box|packet|pack|lot|strip)",
          "overdose taken: all of them, or the whole bottle"),
    _rule("overdose_drugs", "urgent",
          r"(?:<IVE>|<IM>|\bi just) (?:<FILL>)(?:just )?(?:overdosed|od'?d|od'?ed|overdosing|od'?ing)\b"
          r"(?! on (?!(?:<W>){0,2}(?:<PILL>|<DRUG>|my)))(?! (?:<W>){0,3}<PAST>)",
          "i overdosed"),
    _rule("overdose_drugs", "urgent",
          r"<IM> (?:<FILL>)(?:going to|gonna|about to|planning to) (?:take|swallow|down|od on|overdose on) "
          r"(?:all|the whole|every one of|everything|too many|enough)\b|<IM> (?:<FILL>)(?:going to|gonna"
          r"|about to"
          r"|planning to) (?:od|overdose)\b",
          "about to overdose"),
    # Someone else overdosing or unresponsive after drugs.
    _rule("overdose_drugs", "urgent",
          r"\b(?:she|he|they|my (?:<W>){0,2}<REL>(?:'s)?)(?: has| have|'s|'ve)? (?:just )?(?:taken|took"
          r"|swallowed"
          r"|downed) " + _TAKEN + r"|\b(?:she|he|they|my (?:<W>){0,2}<REL>)(?: has| have|'s|'ve)? (?:just )?"
          r"(?:overdosed|od'?d)\b(?! (?:<W>){0,3}<PAST>)",
          "someone else has overdosed"),
    _rule("overdose_drugs", "urgent",
          r"\b(?:she|he|they|my (?:<W>){0,2}<REL>)(?:'s| is|'re| are| isn't| is not| won't| will not| can't)"
          r" (?:not )?(?:breathing|unresponsive|unconscious|turning blue|waking up|wake up"
          r"|be woken)\b[^.!?]{0,80}"
          r"\b(?:took|taken|pills|drugs|drinking|drank|overdose|od|heroin|fentanyl|xanax|benzos|ketamine|ghb"
          r"|<PILL>)\b|\b(?:took|taken|pills|drugs|overdose|heroin|fentanyl|xanax|ghb)\b[^.!?]{0,80}\b(?:she"
          r"|he"
          r"|they)(?:'s| is|'re| are| isn't| won't| can't) (?:not )?(?:breathing|unresponsive|unconscious"
          r"|turning blue|waking up|wake up)\b",
          "someone unresponsive after drugs"),
    # Concern: risky use, dependence, mixing, past overdoses.
    _rule("overdose_drugs", "concern",
          r"\bi (?:<FILL>)(?:can't|cannot|cant) stop (?:drinking|using|taking (?:<W>){0,2}(?:<PILL>|<DRUG>)"
          r"|doing (?:<DRUG>)|smoking (?:crack|meth|heroin|spice))\b",
          "can't stop using"),
    _rule("overdose_drugs", "concern",
          r"(?:<IVE>|<IM>) (?:<FILL>)(?:been )?(?:drinking|using|getting (?:drunk|high|wasted|smashed)|taking"
          r" (?:<DRUG>)) (?:<W>){0,2}(?:every (?:day|night|morning)|all day|heavily|to cope|to numb|to forget"
          r"|to"
          r" get through|to sleep|alone every|until i black out|again|every weekend|and (?:can't|cant"
          r"|cannot) stop)\b",
          "drinking or using to cope"),
    _rule("overdose_drugs", "concern",
          r"<IM> (?:<FILL>)(?:addicted|hooked|dependent) (?:to|on) (?:<W>){0,1}(?:<DRUG>|<PILL>|alcohol|booze"
          r"|drinking|opiates)\b",
          "addiction"),
    _rule("overdose_drugs", "concern",
          r"\bi (?:<FILL>)(?:use|do|snort|inject|shoot up|smoke|buy|score|take|am on"
          r"|'m on) (?:<W>){0,1}(?:heroin"
          r"|cocaine|coke|crack|meth|crystal meth|fentanyl|ketamine|ket|spice|ghb|lean|street (?:xanax|benzos"
          r"|pills))\b|\bi (?:<FILL>)(?:inject|shoot up)\b",
          "illicit drug use"),
    _rule("overdose_drugs", "concern",
          r"(?:<IVE>|\bi) (?:<FILL>)(?:been )?(?:taking|take|took|using) (?:<W>){0,3}(?:more|extra"
          r"|double) (?:<W>){0,2}"
          r"(?:than (?:prescribed|i'm supposed to|i should|the (?:dose|label|doctor said))|of my (?:meds"
          r"|pills|prescription)"
          r" than)|(?:<IVE>|\bi) (?:<FILL>)(?:been )?(?:taking|take|took|taken|doubled|doubling) (?:double"
          r"|twice|triple)"
          r" (?:my|the) (?:prescribed )?dose|\bi (?:<FILL>)(?:doubled|tripled) my (?:dose|meds)",
          "taking more than prescribed"),
    _rule("overdose_drugs", "concern",
          r"(?:<IVE>|\bi) (?:<FILL>)(?:been )?(?:mixing|combining|mixed|combined|taking|took|take|had"
          r"|have) (?:my )?"
          r"(?:<W>){0,2}(?:<PILL>|<DRUG>) (?:with|and) (?:<W>){0,1}<ALC>\b|(?:<IVE>|\bi) (?:<FILL>)(?:been )?"
          r"(?:drinking|drink|drank) (?:<W>){0,3}(?:on|with) (?:my )?(?:<PILL>|<DRUG>)\b",
          "mixing medicines or drugs with alcohol"),
    _rule("overdose_drugs", "concern",
          r"\bi (?:<FILL>)(?:black|blacked) out (?:from|every|when|after) (?:drinking|i drink|using|weekend)"
          r"|\bi (?:<FILL>)drink (?:a (?:whole )?bottle|\d+ (?:bottles|cans|pints)|until i (?:black|pass) out"
          r"|every (?:night|day) (?:to|just to|until))",
          "heavy drinking"),
    _rule("overdose_drugs", "concern",
          r"\b(?:relapsed?|relapsing|using again|back on) (?:on |with |into )?(?:drinking|alcohol|heroin"
          r"|drugs"
          r"|using|coke|cocaine|meth|pills|the pills|opiates|fentanyl|crack)\b",
          "relapse into drug or alcohol use"),
    _rule("overdose_drugs", "concern",
          r"(?:<IVE>|\bi) (?:<FILL>)(?:overdosed|od'?d|taken an overdose|took an overdose) (?:<W>){0,3}<PAST"
          r">",
          "past overdose"),
    _rule("overdose_drugs", "concern",
          r"\b(?:my|our) (?:<W>){0,2}<REL>(?:'s)? (?:is|has been|'s been|keeps|started|was) (?:<W>){0,1}"
          r"(?:using|on|addicted to|hooked on|injecting|smoking|drinking|mixing) (?:<W>){0,1}(?:<DRUG>"
          r"|heavily"
          r"|every day|all day|again|pills with)\b",
          "a named person's risky use"),
    # Non-English.
    _rule("overdose_drugs", "urgent",
          r"\b(?:(?:me )?(?:tome|he tomado|me he tomado|acabo de tomar) (?:todas (?:mis|las) pastillas"
          r"|un bote"
          r" (?:entero )?de pastillas|muchas pastillas|demasiadas pastillas)|(?:tome|tuve"
          r"|hice) una sobredosis"
          r"|j'ai (?:pris|avale) (?:toutes mes|trop de|une boite (?:entiere )?de|plein de"
          r"|tous mes) (?:pilules"
          r"|medicaments|cachets|comprimes)|j'ai fait une (?:overdose|surdose)"
          r"|ich habe (?:alle|zu viele|eine ganze packung|viele) (?:meine |meiner )?(?:tabletten|pillen)"
          r" (?:genommen|geschluckt)|(?:ich habe eine )?uberdosis genommen"
          r"|(?:eu )?tomei (?:todos os|muitos|uma caixa (?:inteira )?de|varios|todos) (?:meus )?(?:comprimido"
          r"s"
          r"|remedios|pilulas)|tomei uma (?:overdose|dose enorme)"
          r"|ho preso (?:tutte le|troppe|una scatola (?:intera )?di|tutti i) (?:mie |miei )?(?:pillole"
          r"|pastiglie"
          r"|compresse|medicine|farmaci))",
          "overdose taken (es, fr, de, pt, it)"),
]

# Danger symptoms in the first person ("i can't breathe") are urgent when the writer has taken something
# nearby in the text ("i took ... xanax and drank ..."); on their own they are outside this layer's scope.
_SYMPTOMS = cached_compile(_expand(
    r"\bi (?:<FILL>)(?:can't|cannot|cant|struggling to|can barely) (?:breathe|stay awake|feel my \w+"
    r"|keep my eyes"
    r" open|wake (?:him|her|them) up)|\bmy (?:chest|heart) (?:<W>){0,1}(?:hurts|is racing|is pounding"
    r"|feels tight"
    r"|won't slow down|is beating (?:so )?(?:fast|weird))|<IM> (?:<FILL>)(?:passing out|blacking out|having a"
    r" seizure|seizing|hallucinating|shaking uncontrollably)|\bi (?:<FILL>)(?:keep|can't stop) (?:throwing up"
    r"|passing out|vomiting)|\bmy lips are (?:turning )?blue"
))
_DRUG_CONTEXT = cached_compile(_expand(
    r"\bi(?:'ve| have)? (?:just )?(?:took|taken|swallowed|mixed|drank|snorted|injected|smoked|popped|had|did"
    r"|done|used|necked|downed)\b[^.!?]{0,40}\b(?:<DRUG>|<ALC>|" + _TAKEN + r")|\bi(?:'ve| have)? (?:just )?"
    r"(?:overdosed|od'?d|taken an overdose|took an overdose)\b"
))
_SYMPTOM_RULE_NOTE = "danger symptoms after taking something"


# ---------------------------------------------------------------------------------------------------------
# WARNING SIGNS as the helplines publish them (NIMH "warning signs of suicide", NHS "help for suicidal
# thoughts", 988 Lifeline, Samaritans), in the way people post them: subjects dropped ("wrote a letter for
# each of the kids"), possessions named, medicine saved, "least painful way", new thoughts after a change of
# antidepressant. Preparation or action is urgent; the rest is concern.
# ---------------------------------------------------------------------------------------------------------
_TOKENS["SUBJ"] = r"(?:<IVE> |<IM> |(?:^|(?<=[.!?,;:\-]) ?)|\b(?:and|but|so|just|already|finally) )(?:<FILL>)"
# "can't do this anymore" and "goodbye all" in one message, minus someone leaving a group, a job or a course.
_TOKENS["CANTGOON"] = (
    r"(?:can't|cannot|cant) (?:do this|do it|go on|keep going|carry on|take (?:it|this))(?! (?:job|course|commute"
    r"|shift|class|group|chat|app|diet|degree|module|project|game))(?: ?(?:any ?more|any longer))?\b"
)
_TOKENS["BYEALL"] = r"\b(?:goodbye|bye|farewell) (?:all|everyone|everybody|guys|world|y'all)\b"
_TOKENS["LEAVING"] = (
    r"\b(?:leaving|left|moving|new job|quit\w*|group|chat|server|deleting|logging off|see you|job|work|course"
    r"|uni|school|holiday|twitter|facebook|insta|instagram|tiktok|reddit|discord|app|account|social media)\b"
)
# Letters or notes written to family: alone that is often a card or a thank-you; with "can't go on" it is a
# goodbye ("I can't go on anymore, I've written letters to my family" had got concern).
_TOKENS["LETTERS"] = (
    r"<SUBJ>(?:wrote|written|writing|left|leaving|finished) (?:a |the |my |some )?(?:letters?|notes?) (?:for|to)"
    r" (?:each of |all of |every one of )?(?:my |the )?(?:kids|children|family|everyone|everybody|mum|mom|dad"
    r"|parents|wife|husband|partner|girls|boys|sister|brother|friends|son|daughter)\b"
)
_WARNING_SIGNS = [
    _rule("suicide", "urgent",
          r"<SUBJ>(?:wrote|written|writing|left|leaving|finished) (?:a |the |my |some )?(?:letters?|notes?|cards?)"
          r" (?:for|to) (?:each of |all of |every one of )?(?:my |the )?(?:kids|children|family|everyone"
          r"|everybody|mum|mom|dad|parents|wife|husband|partner|girls|boys|sister|brother|friends|son|daughter"
          r")\b[^.!?]{0,60}\b(?:for (?:when|after) i(?:'m| am)? ?(?:gone|not here)|in (?:the|my) (?:drawer"
          r"|desk|bag|room|wallet)|to (?:read|open|find) (?:after|when|later)|explain\w*|so they (?:know"
          r"|understand)|just in case|it's time|sorted)",
          "letters or notes left for family (published warning sign: putting affairs in order)"),
    _rule("suicide", "urgent",
          r"<SUBJ>(?:gave|giving|given|give|handed|handing) (?:away )?(?:all |most )?(?:of )?my (?:\w+ ){0,2}"
          r"(?:stuff|things|belongings|possessions|clothes|games|guitar|console|ps5|xbox|books|jewellery"
          r"|jewelry|savings|money|cat|dog|pets?|plants|records|collection|bike|car)\b[^.!?]{0,60}\b(?:won't"
          r"|wont|will not|don't|dont|not going to|no longer|never) (?:need|be needing|be using|use)"
          r"\b(?![^.!?]{0,20}\b(?:for uni|at uni|abroad|after the move))",
          "giving possessions away: won't need them"),
    _rule("suicide", "urgent",
          r"\b(?:he|she|they|you|someone|somebody|they'll|he'll|she'll|you'll) (?:\w+ ){0,2}(?:need|use|have|enjoy)"
          r" (?:it|them|these|those|my \w+) (?:more than me (?:soon|where i'm going)|more than i will|when i(?:'m"
          r"| am) gone|after i(?:'m| am)? ?gone)\b",
          "possessions passed on: 'they'll need them more than me'"),
    _rule("suicide", "urgent",
          r"<SUBJ>(?:been )?(?:saving|stockpiling|hoarding|collecting|stashing|saving up|putting aside|keeping"
          r" back|holding back|not taking) (?:up )?(?:my |all my |some |enough |a lot of |loads of |a few )?"
          r"(?:<W>){0,1}<PILL>\b(?! off\b)(?! from (?:my |a |your )?(?:mate|friend|pal|flatmate|someone|somebody)\b)"
          r"(?![^.!?]{0,30}\b(?:for (?:the|my) (?:holiday|trip|travel|flight)|in case i run out|for emergencies))",
          "stockpiling medicine (subject left out)"),
    _rule("suicide", "urgent",
          r"\b(?:what(?:'s| is)|whats|which is|is there|tell me|know) (?:the |a |an )?(?:least painful|most"
          r" painless|painless|quickest|easiest|fastest|most peaceful|surest|best) (?:way|method|means)s? (?:to"
          r" |of )?(?:go|die|dying|do it|end it|end things|check out|<KILLSELF>|<SUI>|not wake up|od|overdose)",
          "asking the least painful way (published warning sign: looking for a way)"),
    _rule("suicide", "urgent",
          r"<SUBJ>(?:been )?(?:researching|looking up|googling|searching|reading up on|looked up|googled"
          r"|searched) (?:for )?(?:ways|methods|how) (?:to )?(?:die|end it|end my life|do it|go|kill|<KILLSELF>)"
          r"|\bmy search history (?:is|would)\b[^.!?]{0,40}\b(?:die|dying|<SUI>|end it|ways)",
          "researching ways to die (subject left out)"),
    _rule("suicide", "urgent",
          r"(?:<IM>|<SUBJ>)(?:standing|sat|sitting|stood|up|waiting|here|out) (?:on|at|by|near) (?:the )?(?:top"
          r" of|edge of|roof of|side of)? ?(?:the |a |this |that )?(?:bridge|roof|rooftop|ledge|cliff|car park"
          r"|multi-?storey|railway tracks|top floor|balcony|edge|river|pier|viaduct|overpass|motorway bridge)"
          r"\b[^.!?]{0,50}\b(?:right now|rn|atm|now|tonight|at the moment|again)\b"
          r"|(?:<IM>|<SUBJ>)(?:standing|sat|sitting|stood) on (?:the |a |this |that )?(?:bridge|roof|rooftop|ledge"
          r"|cliff edge|railway tracks|train tracks)\b[^!?]{0,80}\b(?:from here|(?:just )?(?:wanted|want|needed)"
          r" (?:someone|somebody|anyone|you all|you) to know|sorry|forgive me|goodbye|bye)\b",
          "at a high place or railway right now"),
    # From a new-user try (2026-12-07, fifth session): a last message, a high place now, no keeping safe.
    _rule("suicide", "urgent",
          r"\b(?:this|it|that) (?:will be|is|'s|'ll be) my (?:very )?(?:last|final) (?:post|message|text|tweet"
          r"|video|story)\b(?! (?:of|for|in|on|before|until|till) (?:the |this |today|tonight|a while|now|20\d\d))"
          r"(?![^.!?]{0,60}<LEAVING>)",
          "a last message (published warning sign: saying goodbye)"),
    _rule("suicide", "urgent",
          r"<IM> (?:<FILL>)(?:at|on|up) (?:the )?(?:top of |edge of |roof of )?(?:the |a |this )?(?:bridge|roof"
          r"|rooftop|ledge|cliff|car park|multi-?storey|top floor|balcony|viaduct|overpass|tower block)\b[^.!?]{0,60}"
          r"\b(?:really high|so high|very high|high up|long way down|looking down|the drop|over the edge|the edge)\b",
          "at a high place now, the height in mind"),
    _rule("suicide", "urgent",
          r"\b(?:i |<IM> )?(?:<FILL>)(?:can't|cant|cannot|can not|don't think i can|dont think i can|not sure i can)"
          r" keep (?:myself|me) safe\b",
          "cannot keep myself safe (the clinical phrase for imminent risk)"),
    _rule("suicide", "concern",
          r"\bi (?:<FILL>)(?:don't|dont|do not|can't|cant|cannot|no longer) see (?:a|any) (?:future|point|reason to"
          r" (?:go on|carry on|live|keep going))(?: for (?:me|myself))?(?: (?:anymore|any more|any longer))?"
          r"\s*(?:[.!?,;]|$)",
          "no future (published warning sign: feeling hopeless)"),
    _rule("suicide", "concern",
          r"<IM> (?:<FILL>)not (?:going to|gonna) be (?:here|around|alive) (?:for|by|at|on) (?:christmas|my birthday"
          r"|new year|the summer|the weekend|much longer|long)\b(?![^.!?]{0,60}\b(?:going to|visiting|travel\w*"
          r"|holiday|flying|away|abroad|in-laws|parents|work\w*|moving|staying))",
          "not going to be here for a date ahead"),
    _rule("suicide", "urgent",
          r"\b(?:won't|wont|will not|not going to) be (?:a |such a )?(?:burden|problem|bother|trouble|weight)"
          r" (?:(?:to|for) (?:anyone|anybody|you|u|them|my family|everyone|any of you|you all|y'all) )?(?:for )?"
          r"(?:much longer|long|any ?more"
          r"|anymore|after (?:tonight|today|this)|soon)\b",
          "won't be a burden much longer"),
    _rule("suicide", "urgent",
          r"<SUBJ>(?:picked|chosen|chose|set|decided on|got) (?:a |the |my )?(?:date|day|time|night)\b"
          r"(?: for it| to do it| to go| to end it| to die)?[.!]*$|\b(?:picked|chosen|set) (?:a |the |my )"
          r"(?:date|day) (?:for it|to do it|to go|to end (?:it|things|my life)|to die)\b",
          "a date chosen"),
    _rule("suicide", "urgent",
          r"<SUBJ>(?:said|saying|sent|sending|texted|texting) (?:my )?(?:goodbyes?|final goodbyes?|last"
          r" goodbyes?)\b(?![^.!?]{0,40}\b(?:funeral|airport|station|party|leaving do|graduation|before (?:she"
          r"|he|they) (?:died|passed)|at the (?:vet|vets|hospice)|hospice|moving|holiday))"
          r"(?! to (?:the|my|our) (?:van|car|house|flat|office|old|bike|boat|caravan|shop|job))"
          r"(?![^!?]{0,80}\b(?:vets?|went peacefully|put (?:him|her) down|put to sleep|passed away|rainbow bridge"
          r"|years old)\b)",
          "saying goodbyes (subject left out)"),
    _rule("suicide", "urgent",
          r"\b(?:<CANTGOON>(?:(?!<LEAVING>)[^!?]){0,60}?<BYEALL>|<BYEALL>(?:(?!<LEAVING>)[^!?]){0,60}?<CANTGOON>)"
          r"(?![^.!?]{0,60}<LEAVING>)",
          "a goodbye with 'can't go on' (published warning sign: saying goodbye)"),
    _rule("suicide", "urgent",
          r"\b(?:<CANTGOON>(?:(?!<LEAVING>)[^!?]){0,80}?<LETTERS>|<LETTERS>(?:(?!<LEAVING>)[^!?]){0,80}?<CANTGOON>)"
          r"(?![^.!?]{0,60}<LEAVING>)",
          "letters to family with 'can't go on' (published warning signs: putting affairs in order, hopelessness)"),
    _rule("suicide", "urgent",
          r"\b(?:gn|goodnight|good night|night|bye|goodbye) (?:all|everyone|everybody|guys|y'all|world)\b"
          r"(?:(?!<LEAVING>)[^!?]){0,20}\bfor (?:good|ever|the last time)(?: this time)?\b(?![^.!?]{0,60}<LEAVING>)",
          "a goodbye 'for good' (published warning sign: saying goodbye)"),
    _rule("suicide", "urgent",
          r"\bhow (?:many|much) (?:<W>){0,2}(?:<PILL>|insulin|of them|of these|of those)? ?(?:would|does|will|do"
          r" you|do i|would i|should i) (?:it )?(?:take|need)\b(?: (?:to|for|before))? (?:<DIE>|kill (?:me|<SELF>|a"
          r" person|someone)|(?:be )?(?:fatal|lethal|deadly|enough)|od|overdose|not wake up|end it)"
          r"|\b(?:looking|looked|look|been looking) up how (?:many|much) (?:<W>){0,2}(?:<PILL>|insulin)\b[^.!?]{0,20}"
          r"\b(?:it would take|would (?:it )?take|it takes|to take|would kill|is fatal|is lethal)",
          "asking how much medicine would kill (published warning sign: looking for a way)"),
    _rule("suicide", "urgent",
          r"<SUBJ>(?:bought|got|ordered|picked up|have|found) (?:the|a|some) (?:rope|noose)\b(?![^.!?]{0,60}"
          r"\b(?:swing|climb\w*|boat|camping|tent|garden|tug|skipping|dog|tow|washing|hammock|knot|craft|macrame"
          r"|sail\w*|horse|lasso|costume|halloween|prop))",
          "a means acquired (published warning sign: buying a means)"),
    _rule("suicide", "urgent",
          r"\b(?:take|have|look after|keep|feed|walk) (?:the |my |our |his |her )?(?:cats?|dogs?|pets?|kids|children"
          r"|boys|girls|rabbits?|hamsters?|fish|bird|horse)\b[^.!?]{0,30}\b(?:when|after|once) i(?:'m| am|m)?"
          r" (?:gone|not here|no longer here|not around)\b(?![^.!?]{0,40}\b(?:holiday|trip|away|hospital|surgery"
          r"|work|abroad|travel\w*|festival|wedding|weekend|week|conference))",
          "arrangements for pets or children 'when I'm gone' (published warning sign: putting affairs in order)"),
    _rule("suicide", "urgent",
          r"(?:<IVE>|<SUBJ>)(?:wrote|written|writing|finished|left) my (?:last |final )?note\b(?![^.!?]{0,40}"
          r"\b(?:teacher|school|exam|class|lecture|work|boss|landlord|doctor|gp|sick|fridge|thank|milkman"
          r"|neighbour|neighbor|parking|essay|revision|meeting|minutes|shopping|to self|for self))",
          "my note written (published warning sign: a note)"),
    _rule("suicide", "urgent",
          r"\b(?:meinen|einen|den) abschiedsbrief (?:\w+ ){0,2}(?:geschrieben|fertig|verfasst|hinterlegt)"
          r"|\b(?:sono|sto) (?:sul|sopra il) (?:ponte|tetto|binari)\b[^!?]{0,80}\b(?:non ce la faccio piu|scusate"
          r"|perdonatemi|addio)"
          r"|\b(?:estoy|estoy parad[oa]) en (?:el|un) (?:puente|tejado|techo|azotea|vias del tren)\b[^!?]{0,80}"
          r"\b(?:no puedo mas|perdon|perdonadme|perdonenme|adios)"
          r"|\bje suis sur (?:le|un) (?:pont|toit)\b[^!?]{0,80}\b(?:je n'en peux plus|pardon|pardonnez-moi|adieu)"
          r"|\bich (?:stehe|bin|sitze) auf (?:der|einer) (?:brucke|bruecke|dach)\b[^!?]{0,80}\b(?:ich kann nicht"
          r" mehr|es tut mir leid|verzeiht mir|lebt wohl)"
          r"|\b(?:estou|to|tou) (?:na|numa|em cima da) (?:ponte|telhado|linha do trem)\b[^!?]{0,80}\b(?:nao aguento"
          r" mais|desculpa|me perdoem|adeus)",
          "de/it/es/fr/pt: a farewell letter written; at a bridge or roof with 'can't go on'"),
    # Stockpiling medicine, and means kept beside a wish to die, in the other languages the rules read.
    _rule("suicide", "urgent",
          r"\b(?:(?:he|estoy|llevo) (?:\w+ )?(?:acumulado|acumulando|juntado|juntando|ahorrado|ahorrando)"
          r" (?:\w+ ){0,2}pastillas"
          r"|ich (?:habe|hab) (?:\w+ ){0,3}(?:tabletten|pillen|medikamente) (?:gesammelt|gehortet|gebunkert"
          r"|zur seite gelegt)|ich (?:sammle|horte|bunkere) (?:\w+ ){0,2}(?:tabletten|pillen|medikamente)"
          r"|j'ai (?:accumule|stocke|amasse|mis de cote|garde de cote) (?:\w+ ){0,2}(?:medicaments|cachets"
          r"|comprimes|pilules)"
          r"|(?:juntei|acumulei|tenho juntado|tenho acumulado|estou juntando|estou acumulando) (?:\w+ ){0,2}"
          r"(?:remedios|comprimidos|pilulas)"
          r"|ho (?:accumulato|messo da parte|messo via|conservato da parte) (?:\w+ ){0,2}(?:pastiglie|pillole"
          r"|compresse|farmaci))\b",
          "es/de/fr/pt/it: stockpiling medicine"),
    _rule("suicide", "urgent",
          r"\b(?:si me muero|me quiero morir|quiero morir(?:me)?)\b[^!?]{0,80}\b(?:ya )?tengo (?:las |mis |unas"
          r" |suficientes |bastantes |todas las )?pastillas"
          r"|\b(?:ya )?tengo (?:las |mis |unas |suficientes |bastantes |todas las )?pastillas\b[^!?]{0,80}\b(?:si me"
          r" muero|me quiero morir|quiero morir(?:me)?|para (?:morir|matarme|acabar))\b",
          "es: pills kept beside a wish to die"),
    _rule("suicide", "concern",
          r"\b(?:si me (?:muero|muriera|mato)|si (?:desaparezco|desapareciera)),? (?:nadie|ninguno) (?:lo |me )?"
          r"(?:notaria|noto|echaria de menos|extranaria)"
          r"|\bnadie (?:lo )?notaria si (?:me muero|me muriera|desaparezco|desapareciera|no estuviera)",
          "es: nobody would notice if I died"),
    # Concern: new suicidal or self-harm thoughts after starting or changing an antidepressant (the leaflets
    # say to contact a doctor or go to A&E at once).
    _rule("suicide", "concern",
          r"\b(?:since|after|started|starting|upped|upping|increased|increasing|changed|changing|switched"
          r"|switching|new|went up|going up|on)\b[^.!?]{0,60}\b(?:sertraline|zoloft|lustral|fluoxetine|prozac"
          r"|citalopram|escitalopram|lexapro|cipralex|paroxetine|seroxat|venlafaxine|effexor|mirtazapine"
          r"|duloxetine|cymbalta|vortioxetine|bupropion|wellbutrin|antidepressants?|ssris?|snris?|meds|dose)"
          r"\b[^.!?]{0,80}\b(?:thoughts? (?:of|about) (?:<DIE>|dying|death|<SUI>|hurting <SELF>|self[- ]?harm"
          r"|ending it|jumping (?:off|in front)|(?:i could|what if i) (?:just )?(?:end it|<DIE>|jump))|<SUICIDAL>"
          r"|urges? to (?:hurt|harm|cut|<DIE>)|want(?:ing)? to (?:<DIE>|hurt <SELF>)"
          r"|thought (?:like |that |of )?'?(?:i could|what if i) (?:just )?(?:end it|<DIE>|jump))",
          "new suicidal or self-harm thoughts after an antidepressant change"),
    _rule("suicide", "concern",
          r"(?=[^.!?]*\b(?:i|i've|ive|i'm|im|my|me)\b)(?![^.!?]*\bif you\b)"
          r"\b(?:thoughts? (?:of|about) (?:<DIE>|dying|death|<SUI>|hurting <SELF>|self[- ]?harm|ending (?:it all"
          r"|things|it|my life))|<SUICIDAL> (?:thoughts|feelings|urges)|urges? to (?:hurt|harm|cut|<DIE>))"
          r"\b[^.!?]{0,60}\b(?:since|after|when) (?:i |i've |ive |i have |i was |they )?(?:started|starting|upped"
          r"|upping|increased|changed|switched|began|went on|put me on|moved me|doubled)\b[^.!?]{0,40}"
          r"\b(?:sertraline|zoloft|lustral|fluoxetine|prozac|citalopram|escitalopram|lexapro|cipralex|paroxetine"
          r"|seroxat|venlafaxine|effexor|mirtazapine|duloxetine|cymbalta|vortioxetine|bupropion|wellbutrin"
          r"|antidepressants?|ssris?|snris?|meds|dose)\b",
          "new suicidal or self-harm thoughts after an antidepressant change, said thoughts first"),
    _rule("suicide", "concern",
          r"\bthe only (?:thing|one|reason|person)s? (?:keeping|that keeps|that's keeping|thats keeping|keeps)"
          r" me (?:here|alive|from (?:doing it|ending it))\b(?![^.!?]{0,40}\b(?:job|company|town|city|country"
          r"|work|place|uni|school|flat|house|team|club|group))",
          "the only thing keeping me here (published warning sign: no reason to live)"),
    _rule("suicide", "concern",
          r"\bif i (?:didn't|didnt|did not|don't|dont|never|do not) wake up (?:tomorrow|in the morning|one day|again)?"
          r"\b[^.!?]{0,40}\b(?:relieved|relief|fine with it|ok with it|okay with it|wouldn't mind|wouldnt mind"
          r"|would not mind|be happy|be glad|good thing|for the best)",
          "relief at the thought of not waking up"),
    _rule("self_harm", "concern",
          r"(?:^|(?<=[.!?,;:] )|\bi (?:<FILL>)?|\bi've |\bive )(?:cut (?:myself )?|(?:burned|burnt|hurt) myself )"
          r"again\b"
          r"(?! (?:my|the|his|her|our|your|their|it|them|this|that|a|an))"
          r"|\b(?:i (?:have|get|got|feel|keep getting|am getting|'m getting|am having|'m having)|i've got|ive got"
          r"|having|fighting|resisting) (?:a |an |the |this |that |such an? |these )?(?:strong |bad |massive |huge"
          r" |awful )?urges? to (?:cut|sh|self[- ]?harm|hurt myself|burn myself)\b(?! (?:my|the|her|his|your|off"
          r"|down|back|out|it|them|in|corners|costs|ties|class|school|work|hair|fringe))"
          r"|\b(?:the |my )?urges? to (?:cut|sh|self[- ]?harm|hurt myself|burn myself) (?:is|are|has been|have been"
          r"|was|keeps?|won't|wont) ",
          "self-harm again, or the urge to"),
    _rule("suicide", "concern",
          r"\b(?:sleep|go to sleep|fall asleep|close my eyes) and (?:never|not|don't|dont) (?:wake|open)"
          r"|\bwish i (?:wouldn't|wouldnt|didn't|didnt|won't|wont|would not|could just not) wake up\b"
          r"|\bhope i (?:don't|dont|do not|never) wake up\b",
          "sleep and never wake up"),
    _rule("self_harm", "concern",
          r"\burges? to (?:hurt|harm|cut|burn|hit|punish) (?:<SELF>|me)\b|\b(?:hurting|harming|cutting"
          r"|burning) <SELF> (?:again|is the only|helps|is how i cope)",
          "urges to self-harm"),
    _rule("self_harm", "concern",
          r"\b(?:cutting|self[- ]?harm(?:ing)?|sh|burning (?:myself|yourself)|hurting (?:myself|yourself)"
          r"|scratching)\b[^.!?]{0,20}\b(?:is|was|has been|'s) (?:the only thing|what|how i|my way|the best"
          r" way|the only way)\b[^.!?]{0,30}\b(?:gets?|got|helps?|helped|keeps?|kept|cope|coping|calms?|numb"
          r"|release|relief)",
          "self-harm described as a way of coping"),
    _rule("eating_disorder", "urgent",
          r"\b(?:haven't|havent|have not|not|barely|hardly) (?:eaten|eating|ate|had (?:any )?food)\b[^.!?]{0,60}"
          r"\b(?:blacking out|blacked out|passing out|passed out|fainting|fainted|collaps\w*|chest (?:pain|hurts)"
          r"|heart (?:racing|pounding|skipping|fluttering)|can't stand up|cant stand up)",
          "not eating with fainting or heart symptoms"),
    _rule("eating_disorder", "concern",
          r"\b(?:haven't|havent|have not|not) (?:eaten|eaten anything|had anything to eat) (?:in|for) (?:\w+ )?"
          r"(?:days|weeks)\b(?![^.!?]{0,40}\b(?:ramadan|fast(?:ing)? for|surgery|operation|stomach bug"
          r"|norovirus|food poisoning|flu))",
          "days without eating"),
    # Written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl) showed these published
    # warning signs missed: affairs put in order (insurance, beneficiaries, "nobody will have to clean up after
    # me"), a time set ("after the kids are asleep it ends"), vital medicine stopped on purpose, an injury that
    # needs care, and the same signs in the other languages the rules read.
    _rule("suicide", "urgent",
          r"\b(?:sorted|sorting|checked|updated|changed|arranged|set up|made sure of|paid up|topped up) (?:out )?"
          r"(?:the |my )?(?:life insurance|life cover|life policy|insurance (?:payout|policy)|beneficiar\w+)\b"
          r"[^.!?]{0,60}\bat least (?:they|she|he|the kids|my \w+) (?:get|gets|will get|'ll get|would get|have"
          r"|has) something\b|\b(?:changed|updated|sorted) (?:my |the )?beneficiar\w+\b[^!?]{0,120}\b(?:nobody"
          r" will|no one will|nothing left|clean up after me|goodbye)",
          "life insurance or beneficiaries sorted 'so they get something' (published warning sign: affairs in order)"),
    _rule("suicide", "concern",
          r"\b(?:worth more|get more|better off|be better provided for)\b[^.!?]{0,30}\b(?:from|with) (?:the |my )?"
          r"(?:life )?insurance\b[^.!?]{0,20}\b(?:than (?:from )?me|than i am|if i (?:was|were) (?:dead|gone))"
          r"|\b(?:the |my )?(?:life )?insurance (?:would|will|'d) (?:do|be) (?:more|better) (?:for them|than me)",
          "worth more to the family dead, through the insurance"),
    _rule("suicide", "urgent",
          r"\b(?:nobody|no one|no-one|noone) (?:will|'ll|is going to|gonna) (?:have to|need to) (?:clean up|tidy up"
          r"|sort (?:anything|things) out|deal with (?:anything|my (?:stuff|mess))) after me\b",
          "affairs put in order: 'nobody will have to clean up after me'"),
    _rule("suicide", "urgent",
          r"\b(?:after|when|once) (?:the |my )?(?:kids|children|house|family|everyone|they|she|he|wife|husband)"
          r" (?:are|is|go|goes|have gone|has gone|fall|falls)? ?(?:asleep|to bed|to sleep|out|gone)\b,? (?:it|it all"
          r"|everything|this) ends\b"
          r"|\b(?:it all|everything) ends (?:tonight|today|tomorrow|this weekend|this week|on (?:monday|tuesday"
          r"|wednesday|thursday|friday|saturday|sunday))\b(?![^.!?]{0,40}\b(?:season|series|show|sale|offer"
          r"|deal|contract|term|film|movie|game|match|book|trial|subscription))",
          "a time set: 'after the kids are asleep it ends'"),
    _rule("suicide", "urgent",
          r"\b(?:shan't|shant|shall not|won't|wont|will not) be (?:a |such a )?nuisance (?:to (?:anyone|anybody"
          r"|you|them|my family|the family|any of you) )?(?:for )?(?:much longer|long|any ?more|anymore)\b",
          "won't be a nuisance much longer"),
    _rule("suicide", "urgent",
          r"\b(?:stopped|stopping|quit|not taking|stopped taking|stopping taking|given up) (?:taking )?(?:my )?"
          r"(?:heart (?:tablets|pills|meds|medication|medicine)|insulin|blood thinners|warfarin|dialysis|chemo"
          r"|transplant meds|anti-?rejection (?:drugs|meds|tablets))\b[^.!?]{0,40}\b(?:on purpose|deliberately"
          r"|so i can go|so it's over|so it will be over|and (?:not|haven't) told)",
          "vital medicine stopped on purpose"),
    _rule("suicide", "urgent",
          r"\b(?:made|make) (?:up )?my mind(?: up)? for (?:monday|tuesday|wednesday|thursday|friday|saturday"
          r"|sunday|tonight|tomorrow|the weekend|next week)\b(?!'s)"
          r"|\b(?:sewerslide|unalive|suicide|kms|ctb)\b[^.!?]{0,40}\b(?:on the calendar|in the calendar"
          r"|scheduled|booked in|pencilled in|penciled in)\b",
          "a day set for it"),
    _rule("suicide", "urgent",
          r"\bi (?:won't|wont|will not) be (?:around|here) (?:after|past|beyond|by) (?:this|next|the) (?:week"
          r"|weekend|month|friday|saturday|sunday|monday|christmas|new year)\b[^!?]{0,60}\b(?:made sure of it"
          r"|sure of it)",
          "'won't be around after this week, I've made sure of it'"),
    _rule("self_harm", "urgent",
          r"(?:\b(?:hurt|cut|burn(?:ed|t)?|hit|injured) (?:myself|my (?:head|arm|arms|leg|legs|wrist|wrists))\b"
          r"[^!?]{0,60}\bon purpose|\b(?:hurt|cut|burn(?:ed|t)?) myself\b[^!?]{0,20}\bagain)\b[^!?]{0,120}"
          r"\b(?:blister\w*|gone white|won't stop"
          r" bleeding|wont stop bleeding|can't stop the bleeding|cant stop the bleeding|gaping|needs? stitches"
          r"|really deep|infected|seeing double|keep being sick|keeps? throwing up|passed out|blacking out)",
          "self-harm with an injury that needs care"),
    _rule("suicide", "urgent",
          r"\b(?:tomei|tomou|engoli) (?:todos |todas )?(?:os |as )?(?:remedios|comprimidos|pilulas)\b[^.!?]{0,40}"
          r"\b(?:juntando|guardando|acumulando|juntei|guardei|acumulei)"
          r"|\b(?:tengo|me tome|me tomé|tome) (?:las |todas las )?(?:pastillas|pildoras)\b[^.!?]{0,20}\b(?:que )?"
          r"(?:fui guardando|estaba guardando|he guardado|fui juntando|he ido guardando|guarde|junte)",
          "pt/es: the saved-up pills taken or about to be"),
    _rule("eating_disorder", "urgent",
          r"\b(?:vomitei|vomitando|vomito|vomite|vomité|vomitado) sangue\b|\b(?:vomite|vomité|vomitando|vomito"
          r"|vomitado) sangre\b|\b(?:vomi|vomis|vomit) du sang\b|\bblut (?:erbrochen|gespuckt|gekotzt)\b"
          r"|\b(?:vomitato|vomito) sangue\b",
          "pt/es/fr/de/it: vomiting blood"),
    _rule("suicide", "urgent",
          r"\bje (?:ne )?serai plus la pour (?:les |vous |te |t'|l'|lui |leur )?(?:embeter|deranger|ennuyer|peser"
          r"|gener)"
          r"|\bestoy en (?:el|un|la) (?:puente|tejado|techo|azotea|vias del tren)\b[^!?]{0,20}\b(?:ahora mismo"
          r"|ahorita)\b",
          "fr/es: 'I won't be here tomorrow'; on a bridge right now"),
    _rule("abuse", "urgent",
          r"\b(?:m'a|ma) (?:serree?|etranglee?|prise? a la gorge) (?:par|au) (?:le )?cou\b|\bm'a etranglee?\b"
          r"|\bil (?:m'a menacee? de (?:me tuer|mort)|a dit qu'il (?:allait|va) me tuer)"
          r"|\b(?:la prochaine fois|next time) (?:il|he) (?:me tue|will kill me|'ll kill me|kills me)\b",
          "fr: strangled or threatened with death by a partner"),
    _rule("suicide", "concern",
          r"\b(?:seit|nach|mit den|die neuen?)\b[^.!?]{0,60}\b(?:antidepressiv\w*|tabletten|medikament\w*"
          r"|sertralin|citalopram|escitalopram|fluoxetin|venlafaxin|mirtazapin)\b[^.!?]{0,80}\b(?:gedanken,?"
          r" (?:mir|mich) (?:was|etwas) (?:anzutun|zu tun)|mich umzubringen|suizidgedanken|selbstmordgedanken"
          r"|nicht mehr leben)",
          "de: new suicidal or self-harm thoughts after an antidepressant change"),
    _rule("self_harm", "concern",
          r"\b(?:ho ricominciato|sto ricominciando|ricomincio|ho ripreso|continuo) a farmi del male\b",
          "it: self-harm again"),
    _rule("eating_disorder", "concern",
          r"\b(?:llevo|estoy|sigo) (?:\w+ ){0,2}vomitando (?:despues de|tras) (?:comer|cada comida|las comidas)"
          r"|\bforcar o vomito\b|\bforcando o vomito\b",
          "es/pt: vomiting after eating"),
    _rule("suicide", "concern",
          r"\b(?:i have|i get|i keep having|i'm having|im having|i am having|having|i've had|ive had|constant"
          r"|daily) thoughts? (?:about|of) (?:being dead|not being (?:here|alive|around)|killing myself|ending (?:it"
          r"|my life)|dying)\b",
          "thoughts about being dead"),
    _rule("overdose_drugs", "concern",
          r"\b(?:drinking|i drink|i've been drinking|ive been drinking) (?:every|each) (?:night|day|evening)\b"
          r"[^.!?]{0,40}\b(?:to (?:sleep|cope|get through|forget|numb|switch off|blot)|just to)\b"
          r"|\b(?:popping|taking|using) (?:my |his |her |someone's |\w+'s )?(?:leftover )?(?:pain ?pills|pain"
          r" ?killers|painkillers|oxy\w*|percs?|xans?|bars)\b[^.!?]{0,30}\bto (?:get through|cope|sleep|numb"
          r"|switch off)",
          "drinking or someone else's pills to cope"),
    _rule("eating_disorder", "concern",
          r"\b(?:tips|tricks|how) (?:for|to|on) (?:hid(?:e|ing)|hiding) (?:not eating|that i'?m not eating|my"
          r" eating|skipping meals|my weight loss|throwing up|purging)\b"
          r"|\b(?:tips|tricks|how) (?:to|for) (?:stop|stopping|ignore|ignoring|suppress\w*) (?:feeling )?"
          r"hung(?:ry|er)\b"
          r"|\blaxatives?\b[^.!?]{0,60}\b(?:after (?:i|every time i) eat|after (?:meals|eating|every meal)"
          r"|work (?:the )?fastest)\b"
          r"|\b(?:barely|hardly) eating\b[^.!?]{0,60}\b(?:challenge|on track|accountab\w*|who wants in|goal"
          r" weight)",
          "hiding not eating, hunger tips, laxatives after meals"),
]

RULES: tuple[Rule, ...] = tuple(_SUICIDE + _SELF_HARM + _ABUSE + _EATING + _OVERDOSE + _WARNING_SIGNS)

_TIER_RANK = {"none": 0, "concern": 1, "urgent": 2}

# ---------------------------------------------------------------------------------------------------------
# Long pastes: every rule scans the whole text, which costs ~35 ms per rule per megabyte. Above
# FULL_SCAN_CHARS only sentences holding an anchor word (and their neighbours) are scanned. Each rule needs
# at least one of these words in its match; tests/test_safety.py checks that every probe item buried in a
# long paste is assessed exactly as on its own. When adding a rule, add its key words here.
# ---------------------------------------------------------------------------------------------------------
FULL_SCAN_CHARS = 20_000

# Whole words (short or everyday-prefix ones), grouped by category.
_ANCHOR_WORDS = frozenset("""
    die died diie dead kms kys end done sick ready around stop last plan plans live living
    cut cuts sh sh'd shing mal
    hit hits rape raped rapes raping
    eat eats ate ed ana mia meds lean meth od od'd oded odd mix spirits downed strip
    gave give giving given handed handing date day night saving stashing top sat stood waiting rn atm sleep
    ways method methods search searched searching googled googling painless painful least quickest easiest
    gn bye note notes
    matar matarme mato mate vivir viviendo pris avale tome tomado tomei comprimes comprimidos compresse
    refeicao forco misshandelt schlagt schlaegt
    """.split())

# Word beginnings, grouped by category.
_ANCHOR_PREFIXES = tuple(sorted(set("""
    dyin deat kill kil murd unal suic suis suyc sewe slid mysel life aliv exis wake waki born burd
    wast better happier poin reas purp hopeles tired exha endi ended goodb farew lett note plann deci toni
    brid
    ledg clif roof rail trac edge rope noos gun tried trie attempt cant can't cann enou jump delet
    morir muer suicid desp desap quitar mour tuer fini vivr adie disp noir mieu ster umbr lebe selb suiz absc
    bess morr vive sumi vida melh mori ucci amma addi togl megl
    cutt harm hurt burn punc brui puni scratch carv slit blee bled stit relap slipped urge crav dese scar
    hide hidi cort lasti dano scarif muti coupe ritz verl schn geri mach automut autoles tagli
    threat chok strang suffoc smot neck throat beat kick rapi lock safe unsa mole hitt slap shov
    push grab abus assa groo traffick viol coer aggr dome amen mied mena peur droh angs amea medo minacc paur
    pega golp malt frap verg bate agride estu picc
    fain blacked blacking collaps dizz eati eate starv restrict purg fast laxa food vomi puki puke diet calo
    throw threw dinner lunch breakfast snack
    cals kcal bing diur appetite anor buli arfi thinsp meansp bonesp skinny meal comi hamb atra mang affa
    erbr brec kotz uber gege hung digiun
    pill tabl caps medication medicine painkill parac acet tyle ibup aspi coda code tram antidep sert fluo
    cita quet lith insulin benz xana diaz vali oxy opio prescri script overd swal took taken popp necked bott
    packet load handful bunch fist stash leth dose drin drun dran booz alco vodk wine beer whis gin rum
    wasted smash usin addi hook dependent hero coca coke crac methamph crys fent keta mdma moll ecst spice
    drug amph inje snor ghb ket relaps pastill pastigl sobredo pilul cach surdo tablett pillen gesc remed
    farmac medicam medikam
    abschied rope noose ponte puente pont bruck brueck telhad tett keepin urge gone goodni
    insur benefic nuisan ends heart insul warf dial chemo calend sched blist stitch serai etrangl serr menac
    tue antidepressiv gedank ricomin vomit juntand guardand dying thoughts tips hung laxat barely hardly
    """.split())))

# Phrases whose words are all everyday ones.
_ANCHOR_PHRASES = cached_compile(
    r"be over|be here|without me|way out|by the time|away (?:my|all|of)|(?:jump|throw myself|step|walk|drive"
    r"|lie down) (?:off|from|in front|under|into)|into my (?:room|bed)|(?:makes|made|forces|forced) me"
    r"|let me|(?:controls|checks|tracks|takes) (?:all )?(?:my|everything)|bit me|bites me|getting high"
    r"|touch\w* me|attacking me|every one of|everything|wish (?:i|that)|(?:wasn't|weren't|not) (?:here|alive"
    r"|around)"
    r"|shoot up|black out|pass(?:ed|ing) out|water pills|(?:final|last) (?:message|text|email|words)"
    r"|no (?:point|reason)|(?:live|stay) alive|su[iy]?[cs]+[iy]?d"
)
_ANCHOR_TOKEN = cached_compile(r"[a-z0-9'@$]+")
_SENTENCE_END = cached_compile(r"(?<=[.!?]) ")
save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)
_CHUNK_WORDS, _CHUNK_OVERLAP = 200, 60  # long unpunctuated runs are cut into overlapping word chunks


def _is_anchor(token: str) -> bool:
    return token in _ANCHOR_WORDS or token.startswith(_ANCHOR_PREFIXES)


def _units(text: str) -> list[str]:
    """Sentences, with overlong ones cut into overlapping chunks so every rule span stays inside one unit."""
    units: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if len(sentence) <= 2_000:
            units.append(sentence)
            continue
        words = sentence.split(" ")
        step = _CHUNK_WORDS - _CHUNK_OVERLAP
        for i in range(0, max(1, len(words) - _CHUNK_OVERLAP), step):
            chunk = " ".join(words[i:i + _CHUNK_WORDS])
            units.append(chunk if i == 0 else "~ " + chunk)  # "~" so a chunk start is not a sentence start
    return units


def _anchored_text(text: str) -> str:
    """The distinct sentences of a long text that could hold a disclosure (rules never span sentences)."""
    kept = {
        unit: None
        for unit in dict.fromkeys(_units(text))
        if _ANCHOR_PHRASES.search(unit) or any(_is_anchor(token) for token in _ANCHOR_TOKEN.findall(unit))
    }
    return " . ".join(kept)

# Fallback used when anything at all goes wrong: help is still shown.
_FALLBACK = Safety(tier="concern", categories=(), resources=HELPLINES["INTL"])


def _first_person_drug_symptoms(text: str) -> bool:
    """Danger symptoms ("can't breathe") count only in the same sentence as taking a drug or medicine."""
    for match in _SYMPTOMS.finditer(text):
        if _DRUG_CONTEXT.search(text, max(0, match.start() - 150), match.end() + 150):
            return True
    return False


def detect(text: str) -> dict[str, Tier]:
    """The highest tier each category reached in already-normalised `text` (only categories that fired)."""
    found: dict[str, Tier] = {}
    full_text = text
    if len(text) > FULL_SCAN_CHARS:
        text = _anchored_text(text)
    for rule in RULES:
        if _TIER_RANK[found.get(rule.category, "none")] >= _TIER_RANK[rule.tier]:
            continue
        if rule.pattern.search(text):
            found[rule.category] = rule.tier
    if found.get("overdose_drugs") != "urgent" and _first_person_drug_symptoms(full_text):
        found["overdose_drugs"] = "urgent"
    return found


def explain(text: str) -> list[tuple[str, str, str]]:
    """Every (category, tier, note) whose rule fires on `text`; for debugging and the eval script."""
    norm = normalize(text)
    hits = [(r.category, r.tier, r.note) for r in RULES if r.pattern.search(norm)]
    if _first_person_drug_symptoms(norm):
        hits.append(("overdose_drugs", "urgent", _SYMPTOM_RULE_NOTE))
    return hits


def assess(text: str, country: str | None = None) -> Safety:
    """Crisis check run first on every input; never raises (falls back to 'concern' with general help)."""
    try:
        key = resolve_country(country)
        norm = normalize(text)
        found = detect(norm)
        if not found:
            return Safety(tier="none", country=key)
        tier: Tier = max(found.values(), key=_TIER_RANK.__getitem__)
        categories = tuple(c for c in CATEGORIES if c in found)
        return Safety(
            tier=tier,
            categories=categories,
            resources=resources_for(key, categories),
            country=key,
            language=guess_language(norm),
            sources=("rules",),
        )
    except Exception:  # noqa: BLE001 - the last line of defence must not fail
        try:
            key = resolve_country(country)
            return Safety(tier="concern", categories=(), resources=resources_for(key), country=key)
        except Exception:  # noqa: BLE001
            return _FALLBACK
