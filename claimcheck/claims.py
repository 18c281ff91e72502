"""Split pasted support-group text into claims and decide which ones are checkable advice or health claims.

Choices worth knowing:

* Lines, bullets and sentences are always split. Inside a sentence, ";" splits two clauses, and "and"/"but"
  split only when the right side opens a new clause with its own subject or an imperative ("I stopped mine
  last year but you should never stop suddenly"). "stop your meds and drink water" stays one claim, and so do
  clauses that start with "it"/"they" or are elliptical ("... and you should too"): alone they mean nothing.
* An unchecked clause after a checked one is folded back into it ("stop them now, I did"), so a split never
  leaves a story fragment that hides part of the advice.
* Leading chat filler, framing and hearsay ("tbh", "my GP said", "PSA:", "someone in my group said", "> "),
  trailing emoji, closing asides ("lol", "ngl", "trust me") and who said it ("- my GP") are trimmed, and "is it
  true that X?" narrows to X; the span is then narrower than the sentence but
  `source[span.start:span.end] == span.text` always holds.
* Fewer than three words is "too short", even for an imperative ("just quit" alone cannot be checked).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from typing import BinaryIO

from pydantic import BaseModel, ConfigDict

from claimcheck.regex_cache import cached_compile, save_compiled
from claimcheck.textspeak import WORD_EMOJI, spelled_out

__all__ = [
    "ClaimSpan",
    "split_claims",
    "plain_typed",
    "plain_decoded",
    "plain_reading",
    "bounded_input",
    "MAX_CLAIM_CHARS",
    "MAX_INPUT_CHARS",
    "read_input",
    "REASON_ADVICE",
    "REASON_STATEMENT",
    "REASON_QUESTION",
    "REASON_RHETORICAL",
    "REASON_FEELING",
    "REASON_GREETING",
    "REASON_SHORT",
    "REASON_EMOJI",
    "REASON_OFF_TOPIC",
    "REASON_NEAR_CORPUS",
    "REASON_LINK",
    "REASON_SIGNPOST",
    "REASON_BOT",
    "NOT_A_CLAIM",
]

REASON_ADVICE = "advice"
REASON_STATEMENT = "statement"
REASON_QUESTION = "question"
REASON_RHETORICAL = "claim put as a question"
REASON_FEELING = "feeling or personal story"
REASON_GREETING = "greeting"
REASON_SHORT = "too short"
REASON_EMOJI = "emoji only"
REASON_OFF_TOPIC = "not about health"
REASON_LINK = "a link"
REASON_SIGNPOST = "a pointer to help services"
REASON_BOT = "an automated post"
# Reasons for spans that are not claims at all (as opposed to claims set aside: questions, personal stories);
# the renderers say "not a claim" for these rather than anything about trusted sources.
NOT_A_CLAIM = frozenset({REASON_EMOJI, REASON_GREETING, REASON_SHORT, REASON_LINK, REASON_SIGNPOST, REASON_BOT})
# Set by the pipeline, not here: a span the word lists set aside whose topic the trusted pages cover.
REASON_NEAR_CORPUS = "statement on a topic the trusted pages cover"
# A personal story the harmful-advice guard flags ("I just stopped my citalopram when I felt better"): advice by
# example, so it is checked like any other advice and can never come out supported.
REASON_BY_EXAMPLE = "advice by example"

MIN_WORDS = 3
# Bounds that hold before any model sees a claim (a 5 MB sentence once reached the tokenizer whole: 42 s, 958
# MB). A sentence longer than MAX_CLAIM_CHARS is cut into pieces at spaces, each a claim of its own, so nothing
# is dropped. A checker reads only the first MAX_INPUT_CHARS characters of one text (`bounded_input`).
MAX_CLAIM_CHARS = 300  # the longest of 12,202 claims in corpus/ is 214 characters
MAX_INPUT_CHARS = 100_000
MAX_INPUT_BYTES = 4 * (MAX_INPUT_CHARS + 1)  # enough for one character past the bound in any UTF-8 text
_UTF8_LEADS = ((7, 0), (5, 0b110), (4, 0b1110), (3, 0b11110))  # (shift, value) of a lead byte of 1-4 bytes
_GREETING_WINDOW = 80  # greetings are short; matching a bounded slice keeps trimming linear
_TAIL_WINDOW = 24  # trailing emoji / "lol" live in the last few characters


class ClaimSpan(BaseModel):
    """One claim: `text == source[start:end]`, so a UI can highlight it in the pasted text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int
    end: int
    checkable: bool
    reason: str


# --- segmentation -------------------------------------------------------------------------------------------

_LINE = cached_compile(r"[^\r\n]+")
# Quote markers and bullets at the start of a line ("> > quoted", "- item", "• item", "1. item", "- 2) item").
_LINE_PREFIX = cached_compile(r"[ \t]*(?:>[ \t]*)*(?:[-*+•·‣◦▪●–—][ \t]+)?(?:\d{1,3}[.)][ \t]+)?")

_EMOJI_CLASS = (
    "\U0001f000-\U0001faff"  # pictographs, emoticons, symbols
    "\u2600-\u27bf"  # misc symbols and dingbats (☹ ♥ ✨)
    "\u2b00-\u2bff"
    "\ufe0f\u200d\u20e3"  # variation selector, zero-width joiner, keycap
    "\U000e0020-\U000e007f"  # tag characters in flag sequences
)
_EMOJI_RUN = cached_compile(f"[{_EMOJI_CLASS}]+")
_EMOJI_TAIL = cached_compile(f"[{_EMOJI_CLASS}]+$")
# A sentence ends at terminal punctuation (plus closing quotes/brackets) before whitespace, or after an emoji
# run followed by whitespace ("thanks 😊 stop your meds").
_BOUNDARY = cached_compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)" f"|[{_EMOJI_CLASS}]+(?=\\s)")
# An emoji inside a sentence ("St John's wort 🌿 won't affect the pill") is not its end: on dev with an emoji put
# halfway through each post, 120 of 418 labels moved and three harmful posts came out supported. It is read as
# a boundary unless the word before cannot end a sentence ("with 🍷 wine"), it follows a lone word ("Exercise 💪
# helps"), or the word after can only go on one ("💊 is"; not "is it ...", a question in lower case).
_EMOJI_AFTER_WORD = cached_compile(r"([A-Za-z][A-Za-z']*)[ \t]*$")
_GOES_ON = cached_compile(
    r"\s+(?:is|are|was|were|has|have|had|helps|works|causes|makes|won'?t|isn'?t|aren'?t|doesn'?t|can'?t|than|for"
    r"|with|of|into)\b(?![ \t]+(?:it|i|you|u|they|we|he|she|this|that|there)\b)"
)
# An emoji that stands for a word ("drink 🍺 on antidepressants") also goes on before these.
_WORD_GOES_ON = cached_compile(
    r"\s+(?:on|and|or|when|if|while|to|in|at|every|each|before|after|make|makes|help|helps|can|will|won'?t"
    r"|isn'?t|doesn'?t|is|are|with|for|of|than)\b"
)
_NEVER_LAST = frozenset(
    """a an the my your ur his her their our its this these those to of with for in on at from by into about and
    or but if when because than as is are was were be am has have had can could will would should may might must
    do does don't dont doesn't isn't isnt can't cant won't wont not no very really some any every""".split()
)
_ABBREVIATIONS = frozenset("e.g eg i.e ie dr mr mrs ms st vs etc approx prof jr sr no nos fig cf mg ml al".split())
_TOKEN_BEFORE = cached_compile(r"([A-Za-z][A-Za-z.]*)$")

# Joints are found by their word and widened by hand, which keeps the scan to one pass over the sentence.
_CONJ = cached_compile(r";|\b(?:and|but)\b", re.IGNORECASE)
# Pronouns like "it"/"they" are left out: "...but they're not dangerous" needs its left side to mean anything.
_CLAUSE_START = cached_compile(
    r"(?:i|im|ive|you|youre|u|ur|we|people|everyone|everybody|nobody|no one|doctors|your (?:gp|doctor|doc)|"
    r"don't|don’t|dont|do not|never|always|just|try|make sure|please)\b",
    re.IGNORECASE,
)
# "... and you'll feel better" is a consequence of the advice, not a second claim.
_CONSEQUENCE = cached_compile(r"(?:you|it|that|things)(?:'ll|’ll| will| would)\b", re.IGNORECASE)
# "... and you should too" only makes sense with the story it follows, so it stays attached.
_ELLIPTICAL = cached_compile(
    r"(?:i|you|we|they|he|she)\s+(?:should|shouldn't|do|did|can|could|will|would|must|need to|have to)"
    r"(?:\s+(?:too|as well|also|either|the same))?\s*[.!?…]*$",
    re.IGNORECASE,
)

# --- trimming -----------------------------------------------------------------------------------------------

_FILLER = cached_compile(
    r"(?:"
    r"(?:tbh|tbf|honestly|lol+|lmao|imo|imho|ngl|fwiw|btw|tldr|tl;dr|ok(?:ay)?|so|well|um+|uh+|also|plus|anyway|and|but|"
    r"anyways|basically|literally|seriously|trust me|edit|update|p\.?s\.?|psa|fyi|unpopular opinion|hot take|"
    r"fun fact|(?:friendly |quick )?reminder(?: that)?|just saying|(?:pro|top) ?tip|life ?hack|real talk|heads up|"
    r"not gonna lie|(?:tip|fact|truth)(?=\s*[:\-–—]))\b"
    r"|(?:yes|yeah|yep|no|nope|nah)(?=\s*[,!.:])"
    r"|(?:my|our|the|a)\s+(?:gp|doctor|doc|dr|psychiatrist|therapist|counsell?or|pharmacist|nurse|mum|mom|dad|"
    r"friend|mate|sister|brother|partner|wife|husband)\s+(?:said|says|told me|tells me|reckons|thinks|"
    r"recommended|swears)(?:\s+that)?\b"
    r"|(?:someone|somebody|people|everyone|a (?:guy|girl|woman|man|lady|friend|mate|member|mum|mom)|this (?:guy"
    r"|girl|woman|man|lady))(?:\s+(?:in|on|from|at)\s+(?:my|our|the|a|this)\s+[\w-]+(?:\s+[\w-]+)?)?\s+(?:said|says"
    r"|told me|tell me|tells me|reckons|posted|wrote|claims|swears)(?:\s+that)?\b"
    r"|(?:i\s+)?(?:saw|seen|read)\s+(?:a|this|some|an|the)\s+(?:post|tweet|video|tiktok|reel|thread|comment"
    r"|article|meme)(?:\s+[\w-]+){0,3}?\s+(?:saying|that said|says|claiming|that says)(?:\s+that)?\b"
    r"|(?:i\s+)?read\s+(?:somewhere|online|on\s+[\w-]+)(?:\s+that)?\b|apparently\b"
    r"|i\s+(?:think|reckon|believe|heard|read|was told|guess)(?:\s+that)?\b"
    r"|i(?:'|’)ve\s+(?:heard|read|been told)(?:\s+that)?\b"
    # a disclaimer in front ("not a doctor but", "I'm no expert, but", "not medical advice but"): on dev so
    # introduced, 38 of 418 labels moved and four harmful posts came out supported
    r"|(?:disclaimer\s*:?\s*)?(?:(?:i(?:'|’)?m|i\s+am)\s+(?:no|not|def(?:initely)?\s+not|obviously\s+not)"
    r"|not|def(?:initely)?\s+not|obviously\s+not)\s+"
    r"(?:a\s+|an\s+)?(?:medical\s+|health\s+|mental\s+health\s+)?(?:doctor|doc|dr|expert|professional|nurse"
    r"|pharmacist|psychiatrist|therapist|medic|scientist)\b(?:\s+(?:or\s+anything|btw|obviously|lol))?"
    r"(?:\s*[,!]\s*(?:but|however|though)?|\s+(?:but|however|though))\b"
    r"|(?:this\s+is\s+|this\s+isn(?:'|’)?t\s+)?not\s+(?:medical|professional)\s+advice(?:\s*[,.!]?\s*but\b)?"
    r"|ianad(?:\s+but\b)?"
    r"|[>\-–—:,;.\s]+"
    r")[\s,:;\-–—>]*",
    re.IGNORECASE,
)
# "Is it true that X?", "true or false: X": the person asks whether X holds, so X is the claim to check; "did
# you know (that) X?" tells X (on dev so asked, 89 of 418 labels moved: every post set aside as a question).
# "Did you know if/whether/about ..." asks, and stays a question.
_TRUTH_QUESTION = cached_compile(
    r"(?:is it (?:really |actually )?(?:true|right|correct|a fact|a myth|accurate)(?:\s+that)?\b"
    r"|(?:true or false|fact or (?:fiction|myth)|myth or (?:fact|truth))\s*[:?\-–—]"
    r"|(?:did|didn['’]?t|do|don['’]?t)\s+(?:you|u|ya|y['’]?all|you all|you guys|people|everyone)\s+"
    r"(?:even\s+|actually\s+|all\s+|guys\s+)?know\b(?:\s+that\b)?"
    r"(?!\s*(?:if|whether|what|how|where|who|why|when|which|any|anything|about|of|this|that)\b|\s*[?.!,]))"
    r"[\s,:]*",
    re.IGNORECASE,
)
_GREETING = cached_compile(
    r"(?:hi|hello|hey|hiya|heya|morning|evening|dear all|welcome|thanks|thank you|thankyou|thx|ty|cheers|"
    r"hugs|big hugs|sending (?:you )?(?:love|hugs|strength)|love you all|good luck|take care|stay strong|"
    r"you(?:['’]re| are) not alone|here for you|hope (?:this|that|it|you)|you(?:['’]ve| have) got this|"
    r"bless you|much love|xo+|x+)\b"
    r"(?:[\s,!.]*(?:to you all|to all|to you|all|everyone|everybody|guys|folks|friends|lovely|lovelies|"
    r"so much|again|hun|hon|x+)\b)*"
    r"[\s,!.:;\-–—]*",
    re.IGNORECASE,
)
_EMOTICON_TAIL = cached_compile(r"(?::-?[()DPp/]|<3+)$")
_TRAILING_WORDS = cached_compile(r"(?:lol+|lmao|tbh|tbf|imo|imho|ngl|fr|smh|x+|xo+)", re.IGNORECASE)
# Who said it, after the claim ("... - my GP", "..., according to my psychiatrist", "... (my nurse told me this)"):
# on dev so signed, 53 of 418 labels moved and supported precision fell from 0.95 to 0.90. Only people: "- the
# hard part" is not a signature. Possessive spaces: a run of blanks is read once, not split every way.
_PERSON = (
    r"(?:gp|doctor|doc|dr|psychiatrist|psych|therapist|counsell?or|pharmacist|chemist|nurse|midwife|consultant"
    r"|health visitor|cpn|key ?worker|support worker|sponsor|mum|mom|dad|aunt|auntie|uncle|nan|nana|gran|grandma"
    r"|granny|friend|mate|sister|brother|cousin|partner|wife|husband|boyfriend|girlfriend|teacher)"
)
_BODIES = ("nhs", "nimh", "cdc", "who", "samhsa", "mind", "nice", "medlineplus", "fda", "mhra", "nih", "rethink",
           "samaritans")
_BODY = "(?:" + "|".join(_BODIES) + ")"
_SITE = r"(?:\s++(?:website|site|leaflet|page|guidance|guidelines))?"
_ATTRIBUTION = cached_compile(
    rf"(?:(?:\s*+[-–—]{{1,2}}\s*+(?:according to |per )?|\s*+,\s*+(?:according to |per )|\s++according to )"
    rf"(?:my|our|a|the|his|her)\s++(?:[\w']++\s++)?{_PERSON}(?:,\s*+who\b[^.!?()]{{0,60}})?"
    rf"|(?:\s*+,\s*+|\s++)(?:my|our|a|the)\s++(?:[\w']++\s++)?{_PERSON}\s++(?:told me|said|says|reckons)"
    rf"(?:\s++(?:this|that|so))?"
    rf"|\s*+\((?:(?:according to|per|says|said)\s++)?(?:my|our|a|the)\s++(?:[\w']++\s++)?{_PERSON}"
    rf"(?:\s++(?:told me|said|says)(?:\s++(?:this|that|so))?)?\)"
    rf")$",
    re.IGNORECASE,
)
# A source named after ("(source: NHS website)", "- source: my GP", ", according to the NHS"): on dev so sourced,
# 34 of 418 labels moved. Tried only after a cheap look says it may match (`_maybe_sourced`).
_SOURCED = cached_compile(
    rf"(?:\s*+\(\s*+(?:sources?|src|via|ref)\s*+[:\-]?\s*+[^()]{{1,60}}\)"
    rf"|\s*+[-–—,]?\s*+(?:sources?|src)\s*+[:\-]\s*+[^.!?()]{{1,60}}"
    rf"|(?:\s*+(?:[-–—]{{1,2}}|,)\s*+(?:(?:according to|per|says)\s++)?|\s++(?:according to|per)\s++)"
    rf"(?:the\s++)?{_BODY}{_SITE}"
    rf"|\s*+\((?:the\s++)?{_BODY}{_SITE}\))$",
    re.IGNORECASE,
)
_SOURCE_LAST = frozenset((*_BODIES, "website", "site", "leaflet", "page", "guidance", "guidelines"))
_ATTRIBUTION_WINDOW = 90
# Closing asides of more than one word ("stop them, trust me"): what they vouch for is the claim.
_TRAILING_PHRASE = cached_compile(r"(?<!\S)(?:just saying|trust me|no cap|for real|fr fr|100 ?%)$", re.IGNORECASE)
_TRAILING_PUNCT = " \t,;:-–—"
_WORD = cached_compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_LINK = cached_compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|gov|uk|us|au|ca|nz|ie)(?:/\S*)?", re.IGNORECASE
)
# "please call 999 or Samaritans 116 123": signposting to help, not a claim (a harmful-advice match still gets
# checked: the pipeline promotes flagged spans whatever their reason).
_SIGNPOST = cached_compile(
    r"^(?:please\s+|you\s+can\s+|you\s+could\s+|just\s+)?(?:call|ring|phone|text|contact|dial)\b[^.!?]*\d{3}",
    re.IGNORECASE,
)
_BOT = cached_compile(
    r"\bi am a bot\b|\bi'm a bot\b|this action was performed automatically|\bbeep boop\b|"
    r"^(?:auto-?reply|automated message|this is an automated)",
    re.IGNORECASE,
)

# --- classification cues (matched on lower-cased text with ’ folded to ') -----------------------------------

_QUESTION_START = cached_compile(
    r"(?:"
    r"(?:is|are|am|was|were|do|does|did|have|has|had|can|could|should|would|will|shall|may|might|"
    r"isn't|aren't|doesn't|didn't|shouldn't|won't|can't|wouldn't)\s+"
    r"(?:i|you|we|they|he|she|it|anyone|anybody|someone|somebody|there|this|that|these|those|my|your|our|"
    r"their|the|a|an|any|people|everyone|others?)\b"
    r"|(?:is|are|does)\s+(?!not\b|also\b|just\b|still\b|really\b|so\b|very\b|often\b|usually\b|always\b|never\b)"
    r"[a-z0-9]"
    r"|(?:what|why|how|where|which|who|whom|whose|whats|what's|hows|how's|wheres|where's|whos|who's)\b"
    r"|when\s+(?:is|are|do|does|did|should|can|will|would|was)\b"
    r"|(?:anyone|anybody|any one)\b|any\s+(?:advice|tips|ideas|thoughts|suggestions|experience)"
    r"|(?:i\s+)?wonder(?:ing)?\s+(?:if|whether|why|how|what)|(?:i'm\s+|im\s+)?not sure (?:if|whether)"
    r"|idk (?:if|whether|what|how)"
    r")",
)
# "what helped me was..." / "how I got through it..." are statements, not questions.
_WH_STATEMENT = cached_compile(r"(?:what|how|why|who)\s+(?:helped|worked|works|i|we|my)\b")
# Questions whose point is to assert something: a myth is often posted this way ("why bother with therapy when
# depression lifts on its own?"), so they are checked like statements (the stance model reads the whole span).
# A tag after a statement ("lithium's only for severe cases, isn't it?"); the statement before it must hold
# a health word or claim verb on its own.
_TAG_QUESTION = cached_compile(
    r"^(?P<body>.+?)[\s,]+(?:(?:is|are|does|do|did|was|were|can|could|will|would|should|has|have)n'?t|ain'?t|"
    r"right|innit|yeah|yea|yeh|no|eh|aye|ay|surely|hey|correct|true|ok|okay)(?:\s+(?:it|they|you|u|ye|he|she|there|"
    r"we|i|that|this|ya|mate|though|tho))?\s*[?!.]*$"
    r"|^(?P<body2>.+?)[\s,]+(?:is|are|does|do|did|can|could|will|would|was|were|has|have)\s+"
    r"(?:it|they|you|u|ye|he|she|there|we|i|that|this)\s*\?+$"
)
# "isn't it true that...", "surely...", "why bother with X when Y", "who needs X when Y": the claim is in the
# question itself; a plain "why do SSRIs take weeks to work?" asks and stays a question.
_RHETORICAL = cached_compile(
    r"(?:isn'?t it|is it not|aren'?t they|don'?t we all know|doesn'?t everyone know)\s+"
    r"(?:true|obvious|clear|a fact|well known|common sense|just|basically|only)\b"
    r"|surely\b"
    r"|(?:why|y)\s+(?:would|should|do|does|did|on earth would|tf would|the hell would)\s+"
    r"(?:anyone|anybody|you|u|ya|people|someone|somebody|a person|parents|we|they|i)\s+"
    r"(?:ever\s+|even\s+|really\s+)?(?:bother|need|want|waste|pay|take|go|risk|trust|see|get|screen|test)\b"
    r".*\b(?:when|if)\b"
    r"|(?:why|y)\s+(?:bother|waste|pay|risk|take)\b"
    r"|who\s+(?:needs|even needs|actually needs)\b"
    r"|since when\b"
    r"|what(?:'?s| is) the point (?:of|in)\b.*\b(?:when|if)\b"
)
# "self harm is always a suicide attempt??", "ADHD isn't even real, drug companies invented it??": a statement
# thrown back with more than one question mark (or "?!") is a challenge, not a request for information.
_CHALLENGE = cached_compile(r".*(?:\?\s*){2,}$|.*\?\s*!+[?!\s]*$")
# "anyone who goes through trauma ends up with PTSD", "anyone can call 988": a statement about everyone, not a
# request for replies; only "anyone tried ...", "anyone know ..." and the like ask.
_ANYONE_STATEMENT = cached_compile(
    r"(?:anyone|anybody|any one)\s+(?:who|whos|who's|that|with|w/|can|could|should|must|will|would|needs?|has to|"
    r"knows|is|gets|ends)\b"
)
# "do the breathing exercises daily", "had a rough fortnight so my GP...": an auxiliary before a determiner,
# with no question mark, is an imperative or a story whose subject was dropped.
_AUX_STATEMENT = cached_compile(r"(?:do|did|had|have)\s+(?:a|an|the|your|my|some|this|that|these|those)\b")

# Advice cues; each is only tried when a cheap substring test says it could match.
_ADVICE_YOU = cached_compile(
    r"\byou(?:'ll)?\s+(?:really\s+|definitely\s+|totally\s+|just\s+|honestly\s+|seriously\s+|absolutely\s+)?"
    r"(?:should|shouldn't|should not|must|mustn't|must not|need|needn't|don't need to|do not need to|"
    r"dont need to|have to|don't have to|dont have to|gotta|got to|ought to|can|can't|cannot|could|"
    r"might want to|may want to|want to|better)\b"
)
_ADVICE_GENERIC = cached_compile(
    r"\b(?:everyone|everybody|people|nobody|no one|anyone|one)\s+(?:should|shouldn't|must|needs? to|has to|"
    r"have to|ought to)\b"
    r"|\b(?:no need to|there's no need to|no point|it's (?:fine|ok|okay|safe|best|better|important|dangerous|"
    r"pointless) to|(?:best|better) to)\b"
)
_ADVICE_JUST = cached_compile(
    r"\bjust\s+(?:stop|quit|take|skip|drop|ditch|cut|go|ignore|double|halve|come off|wean|throw|bin|up)\b"
)
_ADVICE_AFTER_COMMA = cached_compile(r",\s*(?:just\s+)?(?:don't|dont|do not|never|always|try|stop|avoid|make sure)\b")
_IMPERATIVE_START = cached_compile(
    r"(?:(?:just|please|so|then|and|but|honestly|definitely|seriously|always|never)\s+)*"
    r"(?:don't|dont|do not|never|always|stop|start|try|avoid|keep|take|quit|skip|cut|go|get|see|talk|speak|"
    r"call|ask|make sure|remember|use|drink|eat|put|rinse|turn|give|check|tell|find|switch|double|halve|"
    r"ditch|hold|splash|sniff|chew|listen|wait|ride|let|mix|combine|come off|taper|reduce|increase|lower|"
    r"bin|stay|look|read|write|practise|practice|breathe|exercise|walk|join|book|contact|seek|consider|ignore|forget|"
    r"push|force|fight|rest|have a|be|do it|sleep|wean|swap|replace|throw|refuse|drop|flush|smoke|vape|"
    r"load up|double up|up your|lay off|steer clear|stick|give up)\b"
)
_FIRST_PERSON = cached_compile(
    r"(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|we've|our|us)\b"
    r"|(?:feeling|feel|so|really|very|just|been|having|had|another)\s+(?:so\s+|really\s+|very\s+|a\s+)?"
    r"(?:tired|exhausted|sad|low|lonely|alone|anxious|scared|down|rubbish|awful|terrible|numb|lost|hopeless|"
    r"overwhelmed|stressed|rough|bad|hard|good|better|worse)\b"
    r"|(?:can't|cant)\s+(?:sleep|cope|stop crying|do this)\b|(?:rough|bad|hard|long)\s+(?:day|night|week)\b"
)
# "what helped me was...", "the pill made me sick": a first-person word among the first four words makes a
# personal story.
_FIRST_PERSON_EARLY = cached_compile(r"(?:\S+\s+){1,3}(?:i|i'm|im|i've|me|my|mine|myself)\b")
# A chat post often drops its "I": "missed two doses and feel awful", "started citalopram last week".
_DROPPED_I = cached_compile(
    r"(?:missed|forgot|started|stopped|took|tried|switched|upped|came off|ran out of|been on|went on|got put on"
    r"|was put on)\b[^.!?]*?\b(?:my|last|today|yesterday|tonight|this morning|ago|and (?:feel|felt|now|am|i'm|im)"
    r"|for (?:a|an|the|\d+|two|three|four|six|few|couple)|\d+ (?:days?|weeks?|months?|years?|yrs?))\b"
)

_TOKEN = cached_compile(r"[a-z0-9&]+")
HEALTH_WORDS = frozenset(
    """
    meds med medication medications medicine medicines pill pills tablet tablets drug drugs dose doses dosage
    ssri ssris snri snris sertraline citalopram escitalopram fluoxetine prozac paroxetine venlafaxine
    duloxetine mirtazapine amitriptyline lithium diazepam valium xanax alprazolam zopiclone antipsychotic
    antipsychotics
    stimulant stimulants ritalin adderall methylphenidate naloxone methadone buprenorphine bupe opioid opioids
    supplement supplements vitamin vitamins herb herbs herbal cbt dbt gp gps doctor doctors nurse nurses
    hospital a&e er 999 911 988 111 crisis emergency helpline hotline anxiety anxious panic ptsd ocd bipolar
    mania manic psychosis psychotic adhd insomnia asleep anorexia bulimia cutting withdrawal booze drunk weed
    cannabis marijuana cbd caffeine coffee nicotine exercise mindfulness mood symptom symptoms diet serotonin
    dopamine brain fatigue burnout sick teeth unit units blood heart liver baby babies weight appetite
    nightmare nightmares flashback flashbacks grief ill illness disorder disorders condition conditions
    wellbeing gut inflammation focus sad health healthy overdose relapse pregnant pregnancy wort
    bpd eupd cptsd gad pnd ppd postnatal postpartum perinatal dementia alzheimer alzheimers delusions paranoia
    paranoid hallucinations tourette tourettes ect rtms tms electroconvulsive ketamine esketamine samaritans aa
    lorazepam clonazepam klonopin ativan quetiapine seroquel olanzapine aripiprazole abilify risperidone
    lamotrigine lamictal valproate pregabalin gabapentin propranolol zolpidem ambien trazodone bupropion
    wellbutrin vortioxetine lexapro zoloft atomoxetine strattera lisdexamfetamine elvanse vyvanse concerta
    dexamfetamine melatonin sedative sedatives mdma ecstasy cocaine heroin lsd psilocybin shrooms nitrous
    kratom kava ashwagandha rhodiola htp homeopathy homeopathic reiki acupuncture
    """.split()
)
_HEALTH_PREFIXES = (
    "antidep",
    "anti-dep",
    "medicat",
    "benzo",
    "therap",
    "counsel",
    "psychiat",
    "psycholog",
    "psych",
    "depress",
    "phobi",
    "trauma",
    "schizo",
    "autis",
    "sleep",
    "binge",
    "suicid",
    "self-harm",
    "selfharm",
    "addict",
    "dependen",
    "alcohol",
    "drink",
    "smok",
    "meditat",
    "stress",
    "pregnan",
    "breastfeed",
    "cure",
    "treat",
    "recover",
    "tired",
    "vomit",
    "lonel",
    "mental",
    "overdos",
    "mood",
)
_HEALTH_PHRASES = (
    "st john",
    "side effect",
    "mental health",
    "eating disorder",
    "self harm",
    "nervous system",
)
_CLAIM_WORDS = frozenset(
    """
    cure cures cause causes help helps work works treat treats prevent prevents affect affects interact
    interacts fix fixes reduce reduces increase increases lift lifts boost boosts calm calms stop stops heal
    heals common rare risk risks risky harm harms harmful addictive safe dangerous effective toxic natural
    proven
    """.split()
)


def _fold(s: str) -> str:
    return spelled_out(plain_typed(s.lower()))


def _has_words(text: str, start: int, end: int, n: int = MIN_WORDS) -> bool:
    """True when text[start:end] holds at least `n` words; stops after `n` so long spans cost O(n)."""
    for i, _ in enumerate(_WORD.finditer(text, start, end), 1):
        if i >= n:
            return True
    return False


def _is_advice(low: str) -> bool:
    """Imperatives and "you should"-style advice; substring tests skip regexes that cannot match."""
    if _IMPERATIVE_START.match(low):
        return True
    if "you" in low and _ADVICE_YOU.search(low):
        return True
    if "just " in low and _ADVICE_JUST.search(low):
        return True
    if "," in low and _ADVICE_AFTER_COMMA.search(low):
        return True
    return any(k in low for k in (" should", " must", " need", "have to", "has to", "ought", " to")) and bool(
        _ADVICE_GENERIC.search(low)
    )


# Words of encouragement that carry no checkable content on their own.
_EMPTY_WORDS = frozenset(
    """
    a all an and are at be do does dont don t s re doing done for get go going got it its just keep keeps let
    me need needs now one ones or so stay strong that the there they this time to up we what whatever when you
    your yourself u ur day days step steps thing things way ok okay alright right well never ever always again
    give still hang in push through carry
    """.split()
)


def _says_nothing(low: str) -> bool:
    """Advice made only of words of encouragement ("do what you need to", "just keep going", "don't give up")."""
    tokens = _TOKEN.findall(low)
    return bool(tokens) and all(t in _EMPTY_WORDS for t in tokens)


def _is_health_or_claim(low: str) -> bool:
    """A cheap topical test: a health word or a claim verb ("cures", "is addictive", "won't affect")."""
    tokens = _TOKEN.findall(low)
    if not HEALTH_WORDS.isdisjoint(tokens) or not _CLAIM_WORDS.isdisjoint(tokens):
        return True
    if any(t.startswith(_HEALTH_PREFIXES) for t in tokens):
        return True
    return any(p in low for p in _HEALTH_PHRASES)


def _is_question(low: str) -> bool:
    """Ends with "?" or opens like a question ("has anyone tried...", "is it safe to...")."""
    return low.rstrip().endswith("?") or _opens_as_question(low)


def _opens_as_question(low: str) -> bool:
    """Its first words ask ("has anyone tried", "is it safe"), unlike "anyone who stops..." or "do the work"."""
    if not _QUESTION_START.match(low) or _WH_STATEMENT.match(low):
        return False
    return not (_ANYONE_STATEMENT.match(low) or _AUX_STATEMENT.match(low))


def _carries_claim(low: str) -> bool:
    """A question put to assert something: rhetorical ("why bother with therapy when...", "surely..."), or a
    statement with a tag ("it's only for severe cases, isn't it?") whose own words make a health claim."""
    if _RHETORICAL.match(low):
        return _is_health_or_claim(low)
    stripped = low.rstrip()
    if _CHALLENGE.match(stripped):
        body = stripped.rstrip(" ?!")
        return _declarative(body)
    tag = _TAG_QUESTION.match(stripped)
    if tag is None:
        return False
    return _declarative(tag.group("body") or tag.group("body2"))


def _declarative(body: str) -> bool:
    """A statement of a health claim in its own words: not itself shaped as a question, long enough, topical."""
    return not _opens_as_question(body) and _has_words(body, 0, len(body)) and _is_health_or_claim(body)


def _classify(text: str) -> tuple[bool, str]:
    """Checkable or not, with the reason shown to the user for spans that are not checked."""
    if not _WORD.search(text):
        return False, REASON_EMOJI
    low = _fold(text)
    if _BOT.search(low):
        return False, REASON_BOT
    if _LINK.search(text):
        rest = _LINK.sub(" ", low).strip(" .,!:;-–—()")
        rest_greet = _GREETING.match(rest)
        if not _has_words(rest, 0, len(rest)) or (rest_greet and rest_greet.end() >= len(rest.rstrip(" .!?"))):
            return False, REASON_LINK
    if _SIGNPOST.match(low):
        return False, REASON_SIGNPOST
    greet = _GREETING.match(low)
    if greet and greet.end() >= len(low.rstrip(" .!?")):
        return False, REASON_GREETING
    if _is_question(low):
        if not _carries_claim(low):
            return False, REASON_QUESTION
        return (True, REASON_RHETORICAL) if _has_words(text, 0, len(text)) else (False, REASON_SHORT)
    if not _has_words(text, 0, len(text)):
        return False, REASON_SHORT
    if _is_advice(low):
        # "do what you need to", "just keep going", "stay strong": encouragement with nothing to check
        return (False, REASON_OFF_TOPIC) if _says_nothing(low) else (True, REASON_ADVICE)
    if _FIRST_PERSON.match(low) or _FIRST_PERSON_EARLY.match(low) or _DROPPED_I.match(low):
        return False, REASON_FEELING
    if _is_health_or_claim(low):
        return True, REASON_STATEMENT
    return False, REASON_OFF_TOPIC


def _sign_off_start(text: str, start: int, lo: int, stop: int) -> int | None:
    """Where a "lol"/"tbh"/"x" sign-off word ending at `stop` begins (its letters read back no further than
    `lo`), or None when the word there is not one."""
    i = stop - 1
    while i > lo and text[i - 1].isalpha():
        i -= 1
    if (i == start or text[i - 1].isspace()) and _TRAILING_WORDS.fullmatch(text, i, stop):
        return i
    return None


def _signed_by(text: str, start: int, end: int) -> re.Match[str] | None:
    """A closing attribution ("... - my GP") ending at `end`, if there is one with words before it."""
    window = max(start, end - _ATTRIBUTION_WINDOW)
    m = _ATTRIBUTION.search(text, window, end)
    if m is None and _maybe_sourced(text, window, end):
        m = _SOURCED.search(text, window, end)
    return m if m is not None and _has_words(text, start, m.start()) else None


def _maybe_sourced(text: str, start: int, end: int) -> bool:
    """A cheap look at the end of a span before `_SOURCED` is tried: a closing bracket, a publisher or "website"
    as the last word, or "source" near the end."""
    if text[end - 1] == ")":
        return True
    if text[end - 1].isalpha() and text[max(start, end - 12) : end].rsplit(None, 1)[-1].lower() in _SOURCE_LAST:
        return True
    lo = max(start, end - 70)
    return text.find("ource", lo, end) >= 0 or text.find("src", lo, end) >= 0 or text.find("SRC", lo, end) >= 0


def _trim_tail(text: str, start: int, end: int) -> int:
    """New end after dropping trailing separators, emoji, emoticons and "lol"/"tbh"/"x" sign-offs."""
    while end > start:
        while end > start and text[end - 1] in _TRAILING_PUNCT:
            end -= 1
        if end <= start:
            break
        stop = end
        while stop > start and text[stop - 1] in ".!":  # "whatever works lol." ends in a sign-off too
            stop -= 1
        if stop < end and stop > start and text[stop - 1].isalpha():
            found = _sign_off_start(text, start, start, stop)
            if found is not None:
                end = found
                continue
        last = text[end - 1]
        window = max(start, end - _TAIL_WINDOW)
        phrase = _TRAILING_PHRASE.search(text, window, end) or _signed_by(text, start, end)
        if phrase and phrase.start() > start:
            end = phrase.start()
            continue
        m = None
        if ord(last) >= 0x2000:
            m = _EMOJI_TAIL.search(text, window, end)
        elif last in ")(DPp/3":
            m = _EMOTICON_TAIL.search(text, window, end)
        elif last.isalpha():
            found = _sign_off_start(text, start, window, end)
            if found is not None:
                end = found
                continue
        if not m or m.start() <= start:
            break
        end = m.start()
    return end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) past leading chat filler and a leading greeting, and before trailing emoji; a
    question whether something is true ("is it true that X?") narrows to the X it asks about."""
    asked = False
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        m = _FILLER.match(text, start, end) or _EMOJI_RUN.match(text, start, end)
        if m and m.end() > start:
            start = m.end()
            continue
        q = None if asked else _TRUTH_QUESTION.match(text, start, min(end, start + _GREETING_WINDOW))
        if q and q.end() > start and _has_words(text, q.end(), end):
            start, asked = q.end(), True
            while end > start and text[end - 1] in "?! \t":  # "did you know X." keeps its full stop, as X. would
                end -= 1
            continue
        g = _GREETING.match(text, start, min(end, start + _GREETING_WINDOW))
        if g and g.end() > start and _has_words(text, g.end(), end):
            start = g.end()
            continue
        break
    if start < end and _WORD.search(text, start, end):  # emoji-only pieces keep their emoji
        end = _trim_tail(text, start, end)
        start, end = _quoted(text, start, end)
        if not asked and _declarative_question(text, start, end):
            end -= 1
            while end > start and text[end - 1] in " \t":
                end -= 1
    return start, end


# Someone's words in quotes after who said them ('my mum always says "a drink helps you sleep"', 'My GP said:
# "..."'): the quoted words are the claim (on dev so quoted, 35 of 418 labels moved).
_SAID_QUOTE = cached_compile(
    r"[^\"“”.!?]{0,60}?\b(?:said|says|say|told me|tells me|told us|swears|reckons|goes|posted|wrote|always says"
    r"|keeps saying|kept saying)\s*[:,]?\s*([\"“])",
    re.IGNORECASE,
)
_CLOSING_QUOTE = {'"': '"', "“": "”"}


def _quoted(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) narrowed to the quoted words when the span is a saying in quotes ("X" or 'Y says "X"')."""
    opening = start if text[start] in _CLOSING_QUOTE else None
    if opening is None and text.find('"', start, end) < 0 and text.find("“", start, end) < 0:
        return start, end  # no quotation mark: the common case, without trying the pattern
    if opening is None:
        m = _SAID_QUOTE.match(text, start, end)
        if m is None:
            return start, end
        opening = m.start(1)
    close = end
    while close > opening + 1 and text[close - 1] in ".!? \t":
        close -= 1
    if close - opening < 3 or text[close - 1] != _CLOSING_QUOTE[text[opening]]:
        return start, end
    inner = text[opening + 1 : close - 1]
    if '"' in inner or "“" in inner or "”" in inner or not _has_words(inner, 0, len(inner)):
        return start, end
    return opening + 1, close - 1


_VERB = cached_compile(r"[a-z]+(?:'[a-z]+)?")
_FINITE = frozenset(
    """is are was were be been isn't aren't wasn't weren't can can't cannot could couldn't will won't would wouldn't
    should shouldn't must mustn't may might do does did don't doesn't didn't has have had hasn't haven't makes make
    made gets get got need needs needed keeps keep takes take took leads lead means mean goes go gone comes come
    lasts last shows show showed gives give gave puts put turns turn changes change raises raise lowers lower
    ruins ruin damages damage kills kill""".split()
)


# An auxiliary first, whatever follows ("do antidepressants show up on a drug test?"): with its "?", a question.
_AUX_FIRST = cached_compile(
    r"(?:do|does|did|can|could|should|would|will|is|are|was|were|have|has|had|may|might|must|shall)"
    r"(?:n['’]?t)?\s"
)


def _asks(low: str) -> bool:
    """Opens as a question, with a question mark after it: a question word or an auxiliary first."""
    return bool(_QUESTION_START.match(low) or _AUX_FIRST.match(low))


def _declarative_question(text: str, start: int, end: int) -> bool:
    """A statement with a question mark ("sertraline makes you put on weight?"): asking whether it is true, so
    the statement is checked (on dev so typed, 68 of 418 labels moved: every post set aside as a question).
    Not a question in form ("does it ...?", "anyone ...?"), a tag ("..., right?"), a choice ("X or Y?"), a
    rhetorical question or a challenge ("??"), which keep their own readings."""
    if end - start < 2 or text[end - 1] != "?" or text[end - 2] in "?!":
        return False
    if _asks(text[start : start + 24].lower()):  # most questions: no need to read them out
        return False
    low = _fold(text[start:end])
    body = low[:-1].rstrip()
    if _asks(body) or _RHETORICAL.match(body) or _TAG_QUESTION.match(low):
        return False
    if " or " in body or not _has_words(body, 0, len(body)):
        return False
    # a verb: "side effects too much?" and "worth it?" are questions cut short, not statements
    return any(
        t in _FINITE or t in _CLAIM_WORDS or t.endswith(("'s", "'re", "'ll", "'ve")) for t in _VERB.findall(body)
    )


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line.

    Boundaries after abbreviations ("e.g.", "St.") are skipped, and so are boundaries before the sentence has
    a word, so runs of emoji or dots stay one span. `seen` tracks how far words were looked for, so each
    character is scanned once.
    """
    pos = seen = start
    has_word = False
    for m in _BOUNDARY.finditer(text, start, end):
        if not has_word:
            has_word = _WORD.search(text, seen, m.start()) is not None
            seen = m.start()
            if not has_word:
                continue
        if text[m.start()] not in ".!?…" and (
            _emoji_inside(text, pos, m.start(), m.end(), end)
            or (text[m.start()] in WORD_EMOJI and _WORD_GOES_ON.match(text, m.end(), min(end, m.end() + 40)))
        ):
            continue
        if text[m.start()] == ".":
            tok = _TOKEN_BEFORE.search(text, max(pos, m.start() - 12), m.start())
            word = tok.group(1).lower() if tok else ""
            if word.rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and word != "i"):
                continue
        yield pos, m.end()
        pos = seen = m.end()
        has_word = False
    if pos < end:
        yield pos, end


def _emoji_inside(text: str, pos: int, start: int, stop: int, end: int) -> bool:
    """True when the emoji run text[start:stop] sits inside a sentence begun at `pos` (see _GOES_ON); looks at
    most 40 characters either side, so the scan stays linear."""
    word = _EMOJI_AFTER_WORD.search(text, max(pos, start - 40), start)
    if word is None:
        return False
    if word.group(1).lower() in _NEVER_LAST or _GOES_ON.match(text, stop, min(end, stop + 40)):
        return True
    return word.start() - pos <= 40 and _WORD.search(text, pos, word.start()) is None  # a lone word before


def _clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a sentence at ';' and at 'and'/'but' where the right side opens a new clause (see module doc)."""
    pos = start
    for m in _CONJ.finditer(text, start, end):
        left, r = m.start(), m.end()
        semicolon = text[left] == ";"
        if not semicolon and (left == start or text[left - 1] not in " \t," or r >= end or text[r] not in " \t"):
            continue
        while left > pos and text[left - 1] in " \t,":
            left -= 1
        while r < end and text[r].isspace():
            r += 1
        if not _has_words(text, pos, left) or not _has_words(text, r, end):
            continue
        lead = _FILLER.match(text, pos, m.end())
        if lead is not None and lead.end() >= left:  # "not a doctor but ...": the left side is only a preamble
            continue
        if not semicolon and (
            not _CLAUSE_START.match(text, r, end) or _CONSEQUENCE.match(text, r, end) or _ELLIPTICAL.match(text, r, end)
        ):
            continue
        yield pos, left
        pos = r
    yield pos, end


def _piece(text: str, start: int, end: int) -> ClaimSpan | None:
    """Trim and classify one clause; a clause that is nothing but filler ("ok", "lol") is kept untrimmed."""
    a, b = _trim(text, start, end)
    if a >= b:
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            return None
    piece = text[a:b]
    if not _WORD.search(piece) and not _EMOJI_RUN.search(piece):
        return None  # stray punctuation is not a claim
    checkable, reason = _classify(piece)
    return ClaimSpan(text=piece, start=a, end=b, checkable=checkable, reason=reason)


def _sentence_claims(text: str, start: int, end: int) -> Iterator[ClaimSpan]:
    """Clauses of one sentence; an unchecked clause after a checked one stays with it ("stop them, I did")."""
    prev: ClaimSpan | None = None
    for c_start, c_end in _clauses(text, start, end):
        cur = _piece(text, c_start, c_end)
        if cur is None:
            continue
        if prev is not None and prev.checkable and not cur.checkable:
            merged = _piece(text, prev.start, cur.end)
            if merged is not None and merged.checkable:
                prev = merged
                continue
        if prev is not None:
            yield prev
        prev = cur
    if prev is not None:
        yield prev


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence as pieces of at most MAX_CLAIM_CHARS, cut at the last space or tab before the limit (or at
    the limit when the second half of the window has none), so no claim reaching a model is unbounded."""
    while end - start > MAX_CLAIM_CHARS:
        limit = start + MAX_CLAIM_CHARS
        floor = start + MAX_CLAIM_CHARS // 2
        cut = max(text.rfind(" ", floor, limit), text.rfind("\t", floor, limit))
        cut = cut if cut > start else limit
        yield start, cut
        start = cut
    yield start, end


def _spans(text: str) -> Iterator[ClaimSpan]:
    for start, end in _paragraph_lines(text):
        for s_start, s_end in _sentences(text, start, end):
            for p_start, p_end in _pieces(text, s_start, s_end):
                yield from _sentence_claims(text, p_start, p_end)


# A line cut mid-sentence goes on into the next: text wrapped at a width by an email client or a forum, Enter
# pressed mid-phrase. A line goes on when it ends with a word no sentence ends with ("your", "and") or a comma, or
# the next line starts with one no sentence starts with ("of", "than"); and every line of a paragraph of three or
# more lines of one width goes on once one of its lines is so cut (a wrapped paragraph; full stops still end its
# sentences). On dev wrapped at 40 characters a line, 81 of 418 labels moved (supported precision 0.86, three
# harmful posts supported); read so, 40 (0.93, one). One line break halfway through each post: 53 -> 43. Not more:
# posts put a sentence on each line without a full stop, and joining those reads a myth on the line after a true
# post as part of it. `scripts/eval_mixed_posts.py` (train split, 200 pairs): 87 such myths supported when every
# line without a full stop went on, 5 with the lines apart and 5 with this rule; joining every paragraph of lines
# of one width (wrapped dev 9 moved) supported 13 of 300 myths among two or three true lines, against 7 apart and
# 7 with this rule. A next line with a bullet, number or quote marker starts afresh; a list item goes on only into
# an indented line.
_LINE_GOES_ON = ",-–—&/"
# Words a line cut mid-phrase ends with. Stricter than _NEVER_LAST: informal sentences end with a particle or a
# stranded preposition ("it takes about an hour to kick in", "she's not putting it on", "til 3am"), and each of
# those joins had a myth on the next line read as part of a true post.
_LINE_NEVER_LAST = frozenset(
    "a an the my your ur his her their our every and or but because if than whereas of".split()
)
# Lower-case words a line does not start a sentence with ("than antidepressants for mild depression"); "had",
# "with", "for" and the like do ("had a rough week", "for anyone wondering").
_NEVER_FIRST = frozenset("of than into whereas which whom whose nor".split())
_FIRST_WORD = cached_compile(r"[ \t]*([A-Za-z]+)")
WRAP_MIN_CHARS = 30  # a line this long or longer may be one of a wrapped paragraph's lines
WRAP_SPREAD = 0.8  # ... if every line but the last is at least this share of the longest


def _paragraph_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line past its quote marker or bullet, lines cut mid-sentence joined (see above)."""
    block: list[tuple[int, int, int, bool]] = []  # (line start, own start, end, marker) of one paragraph
    for line in _LINE.finditer(text):
        prefix = _LINE_PREFIX.match(text, line.start(), line.end())
        own = prefix.end() if prefix else line.start()
        marker = bool(text[line.start() : own].strip())
        if block and (marker or text.count("\n", block[-1][2], line.start()) > 1):  # a marker or a blank line
            yield from _joined(text, block)
            block = []
        block.append((line.start(), own, line.end(), marker))
    if block:
        yield from _joined(text, block)


def _joined(text: str, block: list[tuple[int, int, int, bool]]) -> Iterator[tuple[int, int]]:
    """Lines of a block (the first may carry a marker, the rest do not) as joined ranges."""
    widths = [end - start for start, _, end, _ in block]
    cut = [_goes_on(text, a[1], a[2], b[1], b[2]) for a, b in zip(block, block[1:], strict=False)]
    wrapped = (
        len(block) >= 3
        and max(widths[:-1]) >= WRAP_MIN_CHARS
        and min(widths[:-1]) >= WRAP_SPREAD * max(widths[:-1])
        and widths[-1] <= max(widths[:-1])
        and any(cut)  # and a line visibly cut mid-phrase: lines of a sentence each, similar in length, stay apart
    )
    start, end = block[0][1], block[0][2]
    listed = block[0][3]
    for i, (line_start, own, line_end, _) in enumerate(block[1:]):
        if (own > line_start or not listed) and (wrapped or cut[i]):
            end = line_end
            continue
        yield start, end
        start, end, listed = own, line_end, False
    yield start, end


def _goes_on(text: str, start: int, end: int, nxt: int, nxt_end: int) -> bool:
    """Whether the line text[start:end] stops mid-sentence: it ends on a word no sentence ends with or a
    joining mark, or the next line (from `nxt`) starts with a word no sentence starts with."""
    while end > start and text[end - 1] in " \t":
        end -= 1
    if end <= start or not (text[end - 1].isalpha() or text[end - 1] in _LINE_GOES_ON):
        return False
    if text[end - 1] in _LINE_GOES_ON:
        return True
    last = _TOKEN_BEFORE.search(text, max(start, end - 12), end)
    if last is not None and last.group(1).lower() in _LINE_NEVER_LAST:
        return True
    first = _FIRST_WORD.match(text, nxt, min(nxt_end, nxt + 20))
    return first is not None and first.group(1) in _NEVER_FIRST  # lower case only: "Than" would start afresh


def split_claims(text: str, max_claims: int | None = None) -> list[ClaimSpan]:
    """Split pasted text into claim spans in reading order, at most `max_claims` of them.

    Linear in the input (bounded regex windows, no rescans), so a 1 MB paste is fine; with `max_claims` it
    stops early. Ask for one more than you show to detect truncation. No span is longer than MAX_CLAIM_CHARS.
    Empty or blank input gives [].
    """
    if max_claims is not None and max_claims < 0:
        raise ValueError("max_claims must be >= 0")
    out: list[ClaimSpan] = []
    if max_claims == 0:
        return out
    decoded, entities = _unescaped(text)
    plain = plain_typed(decoded)
    retyped = plain != text
    for span in _spans(plain):
        if entities:
            start, end = _pasted_offsets(entities, span.start, span.end)
            span = span.model_copy(update={"start": start, "end": end})
        if retyped:  # read plain, but a span is the pasted text's own characters
            span = span.model_copy(update={"text": text[span.start : span.end]})
        out.append(span)
        if max_claims is not None and len(out) >= max_claims:
            break
    return out


# HTML entities: X's API and some scrapers hand over "&amp;" and "&#39;", and the splitter read the ";" as a
# clause joint ("don&#39;t stop" in two; on dev so typed, 49 of 418 labels moved and a harmful post came out
# supported). The splitter reads them decoded; spans are mapped back onto the pasted characters.
_ENTITY = cached_compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescaped(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """`text` with its HTML entities decoded, and each decoded entity as (start, length) in the decoded text
    and (start, length) in `text`; no list when `text` holds none, so plain text costs one `in` test."""
    if "&" not in text:
        return text, []
    parts: list[str] = []
    entities: list[tuple[int, int, int, int]] = []
    pos = at = 0
    for m in _ENTITY.finditer(text):
        literal = html.unescape(m.group())
        if literal == m.group():
            continue
        parts.append(text[pos : m.start()])
        at += m.start() - pos
        entities.append((at, len(literal), m.start(), m.end() - m.start()))
        parts.append(literal)
        at += len(literal)
        pos = m.end()
    if not entities:
        return text, []
    parts.append(text[pos:])
    return "".join(parts), entities


def _pasted_offsets(entities: list[tuple[int, int, int, int]], start: int, end: int) -> tuple[int, int]:
    """[start, end) in the decoded text as offsets into the pasted text; an entity is never cut in two."""

    def pasted(i: int) -> tuple[int, int]:  # where decoded character i starts and ends in the pasted text
        k = bisect.bisect_right(entities, i, key=lambda e: e[0]) - 1
        if k < 0:
            return i, i + 1
        at, length, src, src_length = entities[k]
        if i < at + length:
            return src, src + src_length
        i += src + src_length - at - length
        return i, i + 1

    return pasted(start)[0], pasted(end - 1)[1] if end > start else pasted(start)[0]


def bounded_input(text: str) -> tuple[str, bool]:
    """The part of `text` a checker reads (its first MAX_INPUT_CHARS characters) and whether that cut it.

    The crisis rules and the splitter take time in proportion to the text (a 5 MB paste took the crisis rules
    13 s); this is the bound that holds before either starts."""
    if len(text) <= MAX_INPUT_CHARS:
        return text, False
    return text[:MAX_INPUT_CHARS], True


def read_input(stream: BinaryIO) -> bytes:
    """At most MAX_INPUT_BYTES of a stream, ending on a whole UTF-8 character: a huge file or pipe is never read
    whole, and a checker still sees a character past MAX_INPUT_CHARS when there is one (so it says it cut)."""
    raw = stream.read(MAX_INPUT_BYTES + 1)
    if len(raw) <= MAX_INPUT_BYTES:
        return raw
    raw = raw[:MAX_INPUT_BYTES]
    start = len(raw) - 1  # where the last character starts: back over at most three continuation bytes
    while start > len(raw) - 4 and raw[start] & 0xC0 == 0x80:
        start -= 1
    lead = raw[start]
    need = next((n for n, (shift, mark) in enumerate(_UTF8_LEADS, 1) if lead >> shift == mark), 0)
    return raw[:start] if len(raw) - start < need else raw


# Phones and word processors type curly apostrophes and quotes ("don’t"), some keyboards a backtick or an
# acute accent, and text copied from web pages or chat exports carries no-break and thin spaces. The claim
# bank, the training pairs and every word list were written with straight quotes and plain spaces: the models
# read "don’t" as other tokens than "don't" (on the dev split typed with curly apostrophes a harmful post came
# out supported) and the splitter's " but " does not match across a no-break space. One character for one,
# so offsets into the pasted text still hold.
_PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
     "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
     **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " ")}
)  # fmt: skip


# Social-media furniture: a link, an @ or u/ handle and a closing run of hashtags say nothing a page could settle,
# yet read as words they moved 46-63 of the 418 dev labels ("@jess_m " in front: four harmful posts called
# supported). They are read as spaces of the same length; a hashtag inside a sentence keeps its word.
_LINKS = cached_compile(r"https?://\S+|\bwww\.\S+|(?<![\w@.])@\w{1,30}\b|(?<![\w/])u/[\w-]{3,20}\b")
_CLOSING_TAGS = cached_compile(r"(?:[ \t]*(?<![\w#])#[A-Za-z]\w*)+(?=[^\w\n]*$)", re.MULTILINE)
_HASH = cached_compile(r"(?<![\w#])#(?=[A-Za-z])")
# Markdown emphasis ("**never** stop"): the markers, not the words.
_EMPHASIS = cached_compile(r"\*\*|__|~~|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def plain_typed(text: str, emphasis: bool = False) -> str:
    """`text` as the splitter and the models read it, character for character: typographic quotes straight,
    unusual spaces plain, links, @handles and closing hashtags blank, the # of any other hashtag gone, and
    markdown emphasis markers blank unless `emphasis` (the learned safety layer was trained with them)."""
    text = text.translate(_PLAIN)
    if "@" in text or "#" in text or "http" in text or "www." in text or "u/" in text:
        text = _HASH.sub(" ", _CLOSING_TAGS.sub(_blank, _LINKS.sub(_blank, text)))
    if not emphasis and ("*" in text or "__" in text or "~~" in text):
        text = _EMPHASIS.sub(_blank, text)
    return text


def plain_decoded(text: str) -> str:
    """`plain_typed` after HTML entities are decoded: for readers that keep no offsets (the harmful rules)."""
    return plain_typed(_unescaped(text)[0])


_SHOUT = cached_compile(r"([!?])[!?1]+")


def plain_reading(text: str) -> str:
    """A claim as the models read it: `plain_typed`, HTML entities decoded (exports keep "&amp;"), chat
    spellings written out ("u r" as "you are": `textspeak`), emoji left out, runs of spaces made one, and a
    closing "!" or "!!!" read as "." (the stance model leans on the final mark: on dev typed with "!!!" a
    harmful benzodiazepine myth came out supported). A claim that is nothing but a link is read as typed, so
    that something is read."""
    if "&" in text:
        text = html.unescape(text)
    read = " ".join(_SHOUT.sub(r"\1", _EMOJI_RUN.sub(" ", spelled_out(plain_typed(text)))).split())
    if read.endswith("!"):
        read = read.rstrip("!").rstrip() + "."
    return read if read.strip(".") else " ".join(text.translate(_PLAIN).split())


def count_words(text: str) -> int:
    """Words as the splitter counts them: letters or digits, with inner apostrophes and hyphens ("don't", "co-op")."""
    return len(_WORD.findall(text))


save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)
