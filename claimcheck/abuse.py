"""Abuse flags for group admins: insults, threats, harassment, shaming and pushing someone towards self-harm.

`detect_abuse(text)` returns the strongest `AbuseFlag` in a message, or None. It is rules, not a model:
each rule needs the message to be *aimed at a person* (second person, "OP", an @handle, an imperative at
the reader), so that what a support group is full of stays unflagged: disagreement ("that advice is
wrong"), venting at a situation or a third party ("my boss is a prick", "fuck this week"), self-directed
dark humour ("I'm such an idiot lol"), admin moderation ("telling people to kys is a ban") and members
quoting abuse they received ("he called me a worthless bitch").

Profanity alone is not abuse, so no profanity model decides anything here. `alt-profanity-check` (a
linear SVM on bag-of-words that ships its model) was measured: about 1 MB on top of scikit-learn 1.9.1 and
joblib 1.6.0 (already installed, pulled in by sentence-transformers), but 1.0-1.3 s to import scikit-learn,
and its score follows swear words, not targets: "this fucking bus is late" 0.9999, "this is bullshit
advice" 1.0, while "nobody would miss you" 0.03, "kys" 0.04 and "you are a waste of space" 0.15. Every
message it would add had to pass the same "aimed at a person" rules that the insult word list below
already covers, so it bought nothing but start-up time and was left out.

Text is normalised first (NFKC, lower case, leetspeak digits inside words, letters repeated 3+ times
squeezed, zero-width characters dropped) with a map back to the original offsets, so the span points
at what the member wrote. A few self-harm pushes and insults are also matched in Spanish, French,
German, Portuguese, Italian and Polish.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claimcheck.models import TextSpan

AbuseKind = Literal["insult", "threat", "harassment", "shaming", "self_harm_push"]
ABUSE_KINDS: tuple[AbuseKind, ...] = ("insult", "threat", "harassment", "shaming", "self_harm_push")


AbuseSpan = TextSpan  # where the flagged words are in the message


class AbuseFlag(BaseModel):
    """Why an admin should look at a message: what kind of abuse, where, and how strong the rule is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: AbuseKind = Field(description="insult, threat, harassment, shaming or self_harm_push")
    span: AbuseSpan = Field(description="the words that triggered the flag")
    reason: str = Field(description="one plain sentence for the admin")
    score: float = Field(ge=0.0, le=1.0, description="strength of the rule that fired (not a calibrated probability)")


# --- normalisation with an offset map -----------------------------------------------------------------

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'", "`": "'"}


@dataclass(frozen=True)
class _Norm:
    text: str
    index: tuple[int, ...]  # for each normalised character, the offset of the original one
    ends: tuple[int, ...]  # ... and the offset just past it (past the whole run for a squeezed "uuu")

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.index[start], self.ends[end - 1]


def normalize(text: str) -> _Norm:
    """Lower-case, de-leet and squeeze the text, remembering where each character came from."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _ZERO_WIDTH:
            continue
        ch = _QUOTES.get(ch, ch)
        folded = unicodedata.normalize("NFKC", ch).lower()
        if len(folded) != 1:
            folded = ch.lower() if len(ch.lower()) == 1 else ch
        if folded in _LEET and _letter_near(text, i):
            folded = _LEET[folded]
        chars.append(folded)
        index.append(i)
    # A letter written 3+ times in a row is written once: "stuuupid", "kysss", "diiie".
    out_chars: list[str] = []
    out_index: list[int] = []
    out_ends: list[int] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and chars[j + 1] == chars[i]:
            j += 1
        keep = 1 if chars[i].isalpha() and j - i >= 2 else j - i + 1
        out_chars.extend(chars[i : i + keep])
        out_index.extend(index[i : i + keep])
        out_ends.extend(index[k] + 1 for k in range(i, i + keep))
        if keep == 1 and j > i:
            out_ends[-1] = index[j] + 1
        i = j + 1
    return _Norm("".join(out_chars), tuple(out_index), tuple(out_ends))


def _letter_near(text: str, i: int) -> bool:
    """A digit or symbol is a disguised letter only inside a word ("1d10t", "k!ll"), never in "10 mins"."""
    j = i
    while j > 0 and text[j - 1] == text[i]:
        j -= 1  # "ky$$$": look past the run
    before = text[j - 1] if j > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "$":
        return before.isalpha()
    if text[i] in "!@" and not (before.isalpha() and after.isalpha()):
        return False
    return before.isalpha() or after.isalpha()


# --- vocabulary ------------------------------------------------------------------------------------------

_YOU = r"(?:you|u|ya|yu|yoo|youu|thou)"
_YOU_ARE = (
    r"(?:you\s*(?:are|'re|were|was)|you\s+r|you're|youre|ur(?!\s+(?:mental|own|life|kids?|family|mum|mom|dad|body))"
    r"|u\s+r|ya\s+(?:are|r)|yer|you\s+is|your(?=\s+(?:a|an|such|so|just|literally|the\s+(?:worst|biggest|dumbest))\s))"
    r"(?![a-z])"
)
_YOUR = r"(?:your|ur|yer|ya|youre|you're)"
_INTENS = (
    r"(?:(?:such|so|really|just|literally|truly|fucking|fkn|fking|effing|freaking|bloody|absolute|absolutely|complete|"
    r"completely|total|totally|utter|utterly|pure|proper|massive|huge|big|biggest|worst|little|stupid|dumb|fat|ugly|"
    r"pathetic|sad|dirty|filthy|lying|useless|worthless|disgusting|the|a|an|one|of|being|nothing but|no more than"
    r"|nothing more than|the most|piece of)\s+)*"
)
_INSULT_NOUNS = (
    r"idiots?|morons?|imbeciles?|cretins?|fools?|dumb ?ass(?:es)?|dumb ?fucks?|dipshits?|losers?|freaks?|weirdos?|"
    r"creeps?|psychos?|nutters?|nut ?jobs?|lunatics?|retards?|tards?|spaz|spastics?|mongs?|scum(?:bags?)?|"
    r"low ?lifes?|trash|garbage|waste of (?:space|oxygen|air|skin|breath|a life)|piece of (?:shit|crap|trash|"
    r"garbage|work)|pos|pricks?|dicks?|dick ?heads?|cunts?|twats?|wankers?|tossers?|bell ?ends?|knob ?heads?|knobs?|"
    r"arse ?holes?|ass ?holes?|ass|arse|jackass|bitch(?:es)?|sluts?|whores?|skanks?|hoes?|cows?|pigs?|slags?|"
    r"bastards?|muppets?|numpty|numpties|pillocks?|plonkers?|div|clowns?|joke|embarrassment|disgrace|parasites?|"
    r"leech(?:es)?|snowflakes?|cry ?bab(?:y|ies)|drama queens?|incels?|simps?|hypocrites?|frauds?|degenerates?|"
    r"failures?|sub ?human|vermin|rats?|snakes?|cowards?|nobody|nothing|dumbo|halfwits?|nitwits?|dimwits?|dunce|"
    r"oxygen thief|mouth ?breathers?|bozos?|douche(?: ?bags?)?|shit ?heads?|fuck ?heads?|fuck ?wits?|fuckers?|"
    r"mother ?fuckers?|sons? of a bitch|pieces? of shit|nonce|nonces|pervs?|perverts?|weirdo|basket ?case"
)
_INSULT_ADJ = (
    r"stupid|dumb|thick|dense|retarded|pathetic|worthless|useless|disgusting|vile|gross|ugly|fat|hideous|repulsive|"
    r"brainless|brain ?dead|delusional|deranged|unhinged|mental|psycho|crazy|insane|nuts|spineless|gutless|scum|"
    r"trash|garbage|rubbish|hopeless|unlovable|unloveable|revolting|sick in the head|a joke|evil|toxic|braindead|"
    r"moronic|idiotic|simple|slow|backward|inbred|subhuman|filthy|skanky|sad|sad little|a nobody|a nothing"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|isn'?t|aren'?t|wasn'?t|weren'?t|ain'?t|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|"
    r"shouldn'?t|couldn'?t|can'?t|cannot|nobody thinks|no one thinks|hardly|nor)\b|n't\b"
)
_PRAISE = re.compile(
    r"\b(?:amazing|awesome|brilliant|great|legend|hero|star|strong|brave|beautiful|gorgeous|lovely|wonderful|"
    r"incredible|kind|smart|clever|right|correct|best|proud|good|funny|hilarious|inspiration|inspiring|valid|"
    r"worth it|enough|loved|gem|diamond|queen|king|angel|sweetheart|babe|hun)\b"
)
# Cues that what follows is someone else's words: quoted abuse, reported speech, moderation.
_REPORTED = re.compile(
    r"\b(?:(?:he|she|they|someone|somebody|people|everyone|a guy|a girl|this guy|this girl|some guy|some girl|"
    r"my (?:ex|mum|mom|dad|mother|father|husband|wife|partner|boss|brother|sister|family|teacher|manager|bf|gf)|"
    r"kids|trolls?|a troll|a man|a woman|strangers?|his mates|her mates|the bullies|bullies|my bully|my abuser|"
    r"they all|someone online|a member|an ex|idiots)\s+(?:\w+\s+){0,4}?(?:said|says|say|told me|tell me|tells me|"
    r"called me|calls me|call me|keeps? calling me|keep saying|keeps saying|kept saying|messaged(?: me)?|"
    r"texted(?: me)?|wrote|writes|commented|posted|replied|dm'?d me|dmed me|used to (?:say|call me|tell me)|"
    r"would (?:say|call me|tell me)|screamed|shouted|yelled|laughed|sent me)|"
    r"i (?:was|got|get|been|keep getting|have been|'ve been|ve been) (?:told|called|sent|messaged)|i'm (?:being )?"
    r"called|im (?:being )?called|being called|got a (?:message|dm|text|comment|reply) (?:saying|that said|from)|"
    r"got (?:messages|dms|texts|comments) (?:saying|like)|someone (?:wrote|commented|said)|"
    r"(?:you|u) (?:said|say|wrote|write|think|thought|feel|felt|believe|keep saying|told me|tell yourself|"
    r"told yourself|feel like|felt like)|"
    r"(?:telling|tell|told|saying|say|said|calling|call|called)\s+(?:someone|somebody|anyone|anybody|people|"
    r"others|members|them|him|her|other members|a member|folks|a person|vulnerable people)|"
    r"(?:tell|telling|told|say|saying|said)\s+(?:you|u)\s+to|(?:thinking|believing|feeling\s+like|convinced|"
    r"worrying|worried)\s+(?:that\s+)?(?:you|u|ur|you're|youre)|(?:who|whoever|that|which)\s+(?:called|call|calls|said|"
    r"says|told|tells|thinks?|thought)\s+(?:you|u)|(?:no\s*one|nobody|never|don'?t|do\s+not|shouldn'?t)\s+"
    r"(?:\w+\s+){0,2}?(?:tell|telling|say|saying)|"
    r"(?:words?|phrases?|comments?|messages?|posts?|things?|stuff|replies) (?:like|such as|saying|that say)|"
    r"the (?:word|phrase)|(?:don't|do not|never|not ok to|not okay to|no) (?:say|saying|post|posting|write|writing)|"
    r"(?:we|i) (?:have )?removed|(?:has|have) been removed|will be (?:removed|banned)|is (?:a )?(?:bannable|ban)|"
    r"reminder:|rule \d|mod note|admin note|from the mods|from the admins)\b"
)
_NOT_ABOUT_MEMBER_END = re.compile(r"[.!?\n;]|\b(?:but|so|and then|because)\b")


# Words that may stand between "you" and the noun of a vocative insult ("you ignorant, worthless piece of
# shit"), but not a verb or pronoun that would make it a statement about someone else ("you think he's an idiot").
_VOCATIVE_WORD = (
    r"(?!(?:think|thought|know|knew|said|say|mean|see|saw|he|she|they|it|is|are|was|were|he's|she's|they're|it's|"
    r"that|this|the|and|called|call|calling|feel|felt|look|sound|guys|all|lot|two|both|were|have|had|got|get)\b)"
)


@dataclass(frozen=True)
class _Rule:
    kind: AbuseKind
    pattern: re.Pattern[str]
    score: float
    reason: str
    negatable: bool = True


def _rule(kind: AbuseKind, pattern: str, score: float, reason: str, negatable: bool = True) -> _Rule:
    return _Rule(kind, re.compile(pattern), score, reason, negatable)


_B = r"(?<![a-z])"
_E = r"(?![a-z])"

_RULES: tuple[_Rule, ...] = (
    # --- pushing someone towards self-harm or suicide --------------------------------------------------
    _rule(
        "self_harm_push",
        rf"{_B}(?:k\W?y\W?s|kys+|kill\s*(?:yo)?ur\s*self|kill\s+(?:yo)?u?r?\s*selves|kill\s+yourself|kill\s+yaself|"
        rf"kill\s+yoself|kms\s+{_YOU}|(?:go|pls|please|just|gonna|should|could|why\s+not|can\s+you)\s+(?:and\s+)?"
        rf"(?:kill|off|hang|neck|rope|unalive|end|shoot|drown|hurt|cut|starve)\s+(?:yo)?ur\s*self|"
        rf"(?:off|hang|neck|rope|unalive|end|delete)\s+(?:yo)?ur\s*self|(?:delete|remove|uninstall)\s+(?:{_YOUR}\s+"
        rf"(?:account|profile)\s+(?:and|&)\s+)(?:yo)?ur\s*self|slit\s+(?:yo)?ur\s+(?:wrists?|throat)|"
        rf"(?:go\s+)?jump\s+off\s+(?:a|the)\s+(?:bridge|cliff|building|roof)|drink\s+(?:some\s+)?bleach|"
        rf"(?:go|just|pls|please)\s+(?:and\s+)?die|die\s+already|drop\s+dead|(?:hope|wish)\s+(?:that\s+)?{_YOU}\s+"
        rf"(?:die|dies|died|kill\s+yourself|don'?t\s+wake\s+up|never\s+wake\s+up|succeed|do\s+it|get\s+cancer|rot)|"
        rf"cut\s+(?:yourself\s+)?deeper|(?:do\s+it|try)\s+(?:properly|right|harder)\s+next\s+time|"
        rf"can'?t\s+even\s+kill\s+(?:yo)?urself|(?:just\s+)?end\s+it\s+already|take\s+the\s+whole\s+(?:bottle|pack|box)|"
        rf"stop\s+(?:threatening|talking\s+about\s+it)\s+and\s+(?:just\s+)?do\s+it|(?:just|go\s+ahead\s+and|then)\s+"
        rf"do\s+it\s+(?:then|already|lol|lmao)|what\s+are\s+(?:you|u)\s+waiting\s+for)",
        0.97,
        "Tells someone to kill or hurt themselves.",
    ),
    _rule(
        "self_harm_push",
        rf"{_B}(?:(?:no\s*(?:one|body)|nobody|noone|not\s+(?:a\s+)?(?:single\s+)?(?:one|soul))\s+(?:would|will|is\s+going\s+to"
        rf"|gonna|is\s+gonna|'d|d)\s+(?:even\s+)?(?:miss|care\s+(?:if|when|about)|notice|cry|mourn|come\s+to)\s+"
        rf"(?:{_YOU}|{_YOUR}|if\s+{_YOU}|when\s+{_YOU})|"
        rf"(?:world|everyone|everybody|we|this\s+group|your\s+(?:family|kids|children|husband|wife|partner|friends|mum|"
        rf"mom))\s+(?:would|will|'d)\s+be\s+(?:a\s+)?(?:better|happier|better\s+off)\s+(?:place\s+)?(?:without|if)\s+"
        rf"(?:{_YOU}|{_YOUR})|(?:you'?d|you\s+would|you\s+will|you'?ll|ud|youd|u\s*d)\s+be\s+better\s+off\s+dead|"
        rf"{_YOU}\s+(?:should|shud|shld|need\s+to|ought\s+to|might\s+as\s+well|may\s+as\s+well|deserve\s+to)\s+(?:just\s+)?"
        rf"(?:die|kill\s+(?:yo)?ur\s*self|end\s+it|end\s+(?:your|ur)\s+life|not\s+exist|stop\s+existing|disappear|"
        rf"not\s+be\s+alive|do\s+(?:us|everyone|the\s+world)\s+a\s+favou?r)|"
        rf"why\s+(?:don'?t|dont|do\s*n'?t)\s+{_YOU}\s+(?:just\s+)?(?:die|kill\s+(?:yo)?ur\s*self|end\s+it|do\s+it|"
        rf"disappear|go\s+die)|why\s+are\s+{_YOU}\s+still\s+(?:alive|breathing|here|around)|"
        rf"{_YOU}\s+(?:don'?t|do\s+not|dont)\s+deserve\s+to\s+(?:live|be\s+alive|exist|breathe)|"
        rf"do\s+(?:us|everyone|the\s+world|the\s+group|yourself)\s+(?:all\s+)?a\s+favou?r\s*(?:and|,|\.|-)?\s*"
        rf"(?:die|end\s+it|kill|off|disappear|don'?t\s+wake|jump|go)|"
        rf"(?:you'?re|your|ur|you\s+are)\s+(?:just\s+)?(?:a\s+)?(?:burden|dead\s+weight)\s+(?:to|on)\s+"
        rf"(?:everyone|every1|your|ur|us|all|the\s+world|society))",
        0.95,
        "Tells someone they would not be missed or should not live: pushes them towards suicide.",
    ),
    _rule(
        "self_harm_push",
        r"(?:mátate|matate|suicídate|suicidate|muérete|muerete|ojalá te mueras|ojala te mueras|va te tuer|tue[- ]toi|"
        r"va crever|crève|creve|bring dich um|töte dich|tote dich|stirb|se mata|vai se matar|morre logo|ammazzati|"
        r"ucciditi|muori|zabij się|zabij sie|powieś się|powies sie)(?![a-z])",
        0.93,
        "Tells someone to kill themselves (not in English).",
    ),
    # --- threats --------------------------------------------------------------------------------------
    _rule(
        "threat",
        rf"{_B}(?:i|i'?ll|ill|i\s+will|i'?m\s+(?:going\s+to|gonna)|im\s+(?:going\s+to|gonna)|gonna|we'?ll|we\s+will|"
        rf"we'?re\s+gonna|i\s+swear\s+(?:i'?ll|ill|i\s+will|to\s+god\s+i'?ll)|someone\s+(?:should|will|needs\s+to|is\s+"
        rf"gonna)|i\s+want\s+to|i'?d\s+love\s+to|i'?d\s+happily|i\s+could|i\s+hope\s+someone)\s+(?:\w+\s+){{0,2}}?"
        rf"(?:kill|murder|hurt|beat|batter|smash|stab|shoot|punch|slap|strangle|choke|rape|burn|kick|deck|knock|bash|"
        rf"hit|run\s+over|break|glass|jump|attack|end)\s+{_YOU}{_E}(?!\s+(?:up\s+)?(?:some|a|an|the|with\s+kindness))",
        0.92,
        "Threatens violence against someone.",
    ),
    _rule(
        "threat",
        rf"{_B}(?:i\s+know\s+where\s+{_YOU}\s+(?:live|work|sleep|go|park)|i\s+(?:found|know|have|got)\s+{_YOUR}\s+"
        rf"(?:address|house|home|real\s+name|number|work\s*place|school|kids'?\s+school|facebook|insta|instagram|details|"
        rf"location)|watch\s+{_YOUR}\s+back|sleep\s+with\s+one\s+eye\s+open|(?<!when\s)(?<!till\s)(?<!until\s)(?<!once\s)"
        rf"(?<!if\s){_YOU_ARE}\s+(?:so\s+)?(?:dead|finished|"
        rf"done\s+for|going\s+to\s+get\s+it|gonna\s+get\s+it)(?:\s+meat)?{_E}|{_YOU}(?:'?ll|\s+will)\s+(?:regret|pay\s+for|"
        rf"be\s+sorry|get\s+what'?s\s+coming)|{_YOU}\s+won'?t\s+(?:know|see)\s+what'?s\s+coming|(?:wait|just\s+wait)\s+"
        rf"(?:till|until|til)\s+i\s+(?:find|get|see|catch)\s+{_YOU}|i'?ll\s+(?:see|find|get|catch)\s+{_YOU}\s+(?:outside|"
        rf"irl|in\s+real\s+life|after|soon)|i'?ll\s+(?:make|see\s+to\s+it)\s+(?:that\s+)?{_YOU}\s+(?:pay|regret|suffer|"
        rf"sorry|disappear)|i'?(?:ll|m\s+going\s+to|m\s+gonna)\s+(?:post|share|leak|send|publish)\s+{_YOUR}\s+"
        rf"(?:address|number|pics|photos|nudes|real\s+name|details|messages)|i'?(?:ll|m\s+going\s+to|m\s+gonna)\s+"
        rf"(?:tell|message|contact|email|call|ring)\s+{_YOUR}\s+(?:boss|employer|work|husband|wife|partner|family|kids|"
        rf"school|parents|mum|mom|dad)|i'?(?:ll|m\s+going\s+to|m\s+gonna)\s+(?:find|hunt\s+down|track\s+down|come\s+for|"
        rf"come\s+after|come\s+round|come\s+to|ruin|destroy|end|expose|dox+)\s+{_YOU}(?:\s*(?:[.!,]|$|and|irl|outside|"
        rf"online|bitch|mate|lol|\bi\b))|(?:knock|kick|smash|punch|bash|kick)\s+{_YOUR}\s+(?:teeth|face|head|lights|"
        rf"skull)\s*(?:in|out)?|make\s+{_YOUR}\s+life\s+(?:a\s+)?(?:living\s+)?(?:hell|misery|miserable)|"
        rf"(?:i'?ll|i\s+will|i'?m|im|i\s+am)\s+(?:be\s+)?(?:outside|waiting\s+outside|at|round|coming\s+(?:to|round))\s+"
        rf"{_YOUR}\s+(?:house|door|home|work|place|school|flat)|(?:hope|wish)\s+{_YOU}\s+(?:choke|suffer|burn|rot|"
        rf"get\s+(?:hit|run\s+over|attacked|raped|beaten|what'?s\s+coming))|(?:hope|wish)\s+(?:someone|somebody|you\s+get)\s+(?:\w+\s+){{0,2}}?(?:hurts|"
        rf"beats|rapes|kills|stabs|attacks|raped|beaten|stabbed|hit\s+by|run\s+over))",
        0.9,
        "Threatens someone (their safety, their home, their job, their privacy).",
    ),
    # --- harassment -----------------------------------------------------------------------------------
    _rule(
        "harassment",
        rf"{_B}(?:(?:no\s*(?:one|body)|nobody|noone)\s+(?:here\s+|in\s+(?:this|the)\s+(?:group|chat|server)\s+)?"
        rf"(?:even\s+|actually\s+|really\s+)?(?:wants|likes|loves|cares\s+about|asked|trusts|believes)\s+{_YOU}|"
        rf"(?:no\s*(?:one|body)|nobody|noone)\s+(?:here\s+)?(?:wants\s+to\s+(?:read|hear|see|listen\s+to)|gives\s+a\s+"
        rf"(?:shit|fuck|damn|toss|crap|rat'?s\s+ass)\s+about|cares\s+about)\s+{_YOUR}|"
        rf"(?:oh\s+)?look\s+(?:who'?s\s+back|the\s+\w+(?:\s+\w+)?\s+is\s+back)|"
        rf"(?:everyone|everybody|we\s+all|all\s+of\s+us)(?:\s+\w+){{0,3}}?\s+(?:thinks?|knows?)\s+{_YOU_ARE}\s+"
        rf"(?:a\s+|an\s+|just\s+|so\s+)*(?:liar|fake|fraud|joke|psycho|freak|weirdo|loser|troll|attention\s+seeker|"
        rf"faking|lying|crazy|mental|nuts)|"
        rf"(?:no\s*(?:one|body)|nobody|noone)\s+(?:asked|cares)(?:\s+(?:about\s+)?{_YOUR}\s+\w+)?(?:\s*[.!,]|\s+lol|"
        rf"\s+mate|\s+tbh|\s*$)|(?:everyone|everybody|we\s+all|all\s+of\s+us|the\s+whole\s+group)\s+(?:hates|hate|is\s+sick\s+of|"
        rf"are\s+sick\s+of|is\s+tired\s+of|laughs\s+at|laugh\s+at|talks?\s+about|thinks?\s+{_YOU_ARE})\s+{_YOU}?|"
        rf"(?:leave|get\s+out\s+of|get\s+off|fuck\s+off\s+(?:out\s+of|from)|piss\s+off\s+(?:out\s+of|from)|go\s+away\s+from)"
        rf"\s+(?:this|the|our|my)\s+(?:group|chat|server|sub|subreddit|forum|page|thread|community)|"
        rf"{_YOU}\s+(?:don'?t|do\s+not|dont)\s+belong\s+here|{_YOU_ARE}\s+not\s+welcome|{_YOU}\s+have\s+no\s+friends|"
        rf"no\s+wonder\s+(?:no\s*(?:one|body)|nobody)\s+(?:likes|loves|wants)\s+{_YOU}|"
        rf"(?:answer|reply\s+to|respond\s+to)\s+me\s+(?:now|bitch|you|u)|why\s+(?:are|r)\s+{_YOU}\s+ignoring\s+me|"
        rf"i'?(?:ll|m\s+gonna|m\s+going\s+to)\s+keep\s+(?:messaging|texting|posting|coming\s+back|calling|dming|finding)|"
        rf"{_YOU}\s+can'?t\s+(?:block|escape|get\s+rid\s+of|hide\s+from)\s+me|(?:made|make|making)\s+(?:a\s+new|"
        rf"another)\s+account\s+(?:to|just\s+to|so)|i'?(?:ll|m)\s+(?:be\s+)?watching\s+{_YOU}|i\s+saw\s+{_YOU}\s+at|"
        rf"(?:her|his|their)\s+real\s+name\s+is|here'?s\s+(?:her|his|their)\s+(?:address|number|facebook|insta|"
        rf"details)|send\s+(?:me\s+)?(?:nudes|noods|pics\s+of\s+(?:you|yourself|ur)|a\s+pic\s+of\s+(?:you|yourself|ur)|"
        rf"your\s+(?:nudes|pics|body|tits|boobs))|show\s+me\s+{_YOUR}\s+(?:tits|boobs|body|ass|dick|pussy)|"
        rf"what\s+(?:are|r)\s+{_YOU}\s+wearing|i'?d\s+(?:fuck|bang|smash|rail|do)\s+{_YOU}|sit\s+on\s+my\s+(?:face|dick|"
        rf"lap)|suck\s+my\s+(?:dick|cock)|{_YOU_ARE}\s+(?:so\s+)?(?:sexy|hot|fit|fuckable)\s+(?:dm|message|inbox|add)"
        rf"\s+me|(?:dm|message|inbox)\s+me\s+(?:sexy|babe|baby|beautiful|gorgeous)|"
        rf"(?:shut\s+(?:the\s+fuck\s+|the\s+hell\s+|tf\s+|your\s+(?:mouth|face|trap|gob)\s+)?up|stfu|shut\s+it)"
        rf"(?:\s*,?\s*(?:no\s*(?:one|body)|nobody)\s+(?:asked|cares)|\s*,?\s*(?:you|u|ya|bitch|loser|idiot|moron|"
        rf"retard|freak|cunt|twat|dickhead|snowflake)))",
        0.85,
        "Targets a member: tells them they are unwanted, pursues them, or harasses them sexually.",
    ),
    # --- shaming --------------------------------------------------------------------------------------
    _rule(
        "shaming",
        rf"{_B}(?:(?:you\s+)?should\s+be\s+(?:so\s+|really\s+)?ashamed(?:\s+of\s+yourself)?|shame\s+on\s+{_YOU}|"
        rf"{_YOU_ARE}\s+(?:just\s+|only\s+|such\s+|literally\s+|so\s+|being\s+|a\s+|an\s+)*(?:an?\s+)?(?:attention"
        rf"[\s-]*(?:seek(?:er|ing)|whore|grabbing|hungry)|drama\s+queen|faker?|faking\s+(?:it|this|for\s+attention)?|"
        rf"making\s+(?:it|this)\s+(?:all\s+)?up|doing\s+(?:it|this)\s+for\s+(?:attention|likes|sympathy)|(?:bad|terrible|"
        rf"awful|shit|crap|useless|horrible)\s+(?:mother|mum|mom|parent|father|dad|wife|husband|person)|burden|"
        rf"embarrassment|disgrace|failure|weak|lazy|pathetic|spineless|selfish\s+(?:bitch|cow|prick|cunt|twat)|"
        rf"a\s+joke|overreacting|being\s+(?:so\s+)?dramatic|so\s+dramatic|a\s+waste)(?![a-z])|"
        rf"(?:stop|quit)\s+(?:being\s+(?:so\s+)?(?:dramatic|a\s+baby|such\s+a\s+baby|pathetic|weak|a\s+snowflake)|whining|"
        rf"whinging|moaning|playing\s+the\s+victim|attention\s+seeking|feeling\s+sorry\s+for\s+yourself|faking|"
        rf"crying\s+(?:about|over|wolf)|looking\s+for\s+(?:attention|sympathy)|fishing\s+for\s+(?:attention|sympathy|"
        rf"compliments))|(?:(?:^|[.!?,]\s*)|(?:you|u)\s+(?:need\s+to|should|have\s+to|gotta|must)\s+|why\s+can'?t\s+"
        rf"(?:you|u)\s+|time\s+to\s+)(?:just\s+|so\s+|ffs\s+|mate\s+|seriously\s+|honestly\s+)?(?:man\s+up|grow\s+"
        rf"(?:up|a\s+pair)|toughen\s+up|harden\s+up|get\s+over\s+(?:it|yourself)|snap\s+out\s+of\s+it|cheer\s+up\s+"
        rf"(?:ffs|for\s+fuck'?s\s+sake))|it'?s\s+(?:all\s+)?in\s+{_YOUR}\s+head|{_YOU}\s+(?:did|brought)\s+this\s+on\s+"
        rf"yourself|{_YOU}\s+did\s+this\s+to\s+yourself|{_YOU}\s+deserve\s+(?:to\s+suffer|to\s+feel\s+(?:like\s+shit|"
        rf"bad|awful|worse|pain|alone|like\s+this)|what(?:ever)?\s+{_YOU}\s+get|everything\s+(?:bad|that\s+happens|"
        rf"{_YOU}\s+get)|all\s+of\s+it|to\s+be\s+alone|to\s+rot|the\s+pain|it\s+all)|no\s+wonder\s+(?:{_YOUR}\s+\w+|he|she|they)\s+(?:left|"
        rf"cheated|hates?|dumped|walked\s+out|took\s+the\s+kids)|what\s+kind\s+of\s+(?:mother|mum|mom|parent|person|"
        rf"father|dad|wife|husband)\s+(?:are\s+{_YOU}|would|does|lets|let)|{_YOUR}\s+(?:kids|children|son|daughter|"
        rf"baby|family)\s+(?:deserve\s+better|would\s+be\s+better\s+off|are\s+better\s+off|must\s+(?:hate|be\s+"
        rf"ashamed))|other\s+people\s+have\s+real\s+problems|(?:{_YOU}|ur)\s+(?:don'?t|dont|do\s+not)\s+(?:even\s+)?"
        rf"(?:have|has)\s+(?:real\s+|actual\s+)?(?:depression|anxiety|ptsd|problems|trauma|ocd|adhd|an\s+eating"
        rf"\s+disorder)|{_YOU_ARE}\s+not\s+(?:really|actually)\s+(?:depressed|suicidal|ill|sick|anxious|traumati[sz]ed)|"
        rf"if\s+{_YOU}\s+(?:were|was)\s+(?:really|actually|truly)\s+(?:depressed|suicidal|ill)\s+{_YOU}|"
        rf"fat\s+(?:cow|pig|slob|ass|bitch|fuck|cunt|whale|lump)|(?:lose|loose)\s+some\s+weight\s+(?:you|u|and|then)|"
        rf"no\s*(?:one|body)\s+would\s+(?:ever\s+)?(?:date|want|love|marry|fuck|touch)\s+{_YOU}|"
        rf"that'?s\s+why\s+{_YOU_ARE}\s+(?:single|alone|lonely|unemployed|depressed|fat)|"
        rf"(?:pathetic|disgusting|shameful|embarrassing)\s+(?:attempt|excuse|cry\s+for\s+attention|post)|"
        rf"{_YOUR}\s+(?:kids|children|son|daughter|family|husband|wife|partner|parents|mum|mom|dad)\s+(?:are|is|must\s+be|"
        rf"would\s+be)\s+(?:so\s+)?(?:embarrassed|ashamed|disgusted)\s+(?:of|by)\s+{_YOU}|{_YOU_ARE}\s+the\s+reason\s+"
        rf"(?:{_YOUR}|he|she|they|everyone)\s+\w+|{_YOU}\s+(?:don'?t|do\s+not|dont)\s+deserve\s+(?:{_YOUR}|to\s+have\s+)"
        rf"\s*(?:kids|children|baby|family|husband|wife|partner|job|friends)|cry\s+(?:harder|me\s+a\s+river|more)|"
        rf"typical\s+(?:snowflake|drama\s+queen|attention\s+seeker|victim))",
        0.82,
        "Shames someone for their feelings, illness, body or parenting.",
    ),
    # --- insults --------------------------------------------------------------------------------------
    _rule(
        "insult",
        rf"{_B}(?:{_YOU_ARE}|are\s+{_YOU}|(?:op|the\s+op|this\s+(?:guy|girl|person|woman|man|dude|idiot|clown)|"
        rf"whoever\s+(?:wrote|posted|said)\s+(?:this|that)|the\s+person\s+above|people\s+like\s+{_YOU}|@\w+)\s+"
        rf"(?:is|are|'s|r|was))\s+{_INTENS}(?:{_INSULT_NOUNS}|{_INSULT_ADJ}){_E}",
        0.86,
        "Calls a member names.",
    ),
    _rule(
        "insult",
        rf"(?:^|[.!?,:;\-]\s*|\b(?:and|listen|oi|shut\s+(?:up|it|your\s+(?:mouth|face|gob|trap))|look|hey|lol|lmao|haha|omg|ffs|god|christ|wow|yeah|"
        rf"right|ok|okay|sure|thanks|cheers)\s+|@\w+\s+){_YOU}\s+(?:{_VOCATIVE_WORD}[a-z'-]+\s*,?\s+){{0,3}}"
        rf"(?:{_INSULT_NOUNS}|(?:stupid|fat|ugly|dumb|pathetic|useless|worthless|disgusting|vile|nasty|horrible|"
        rf"miserable|evil|sad|thick|brainless|filthy)\s+(?:old\s+|little\s+|fat\s+|ugly\s+)*(?:woman|man|git|thing|"
        rf"prat|girl|boy|child|person|creature|bloke|lady|witch|hag|bag|sack|lump|excuse\s+for\s+a\s+\w+)){_E}",
        0.84,
        "Calls a member names.",
    ),
    _rule(
        "insult",
        rf"{_B}(?:fuck\s+(?:you|u|ya|off|right\s+off|yourself)(?![a-z'])(?!\s+(?:guys|all|so\s+much|for\s+(?:being|"
        rf"sharing|this|posting))|\s+(?:are|were|r|know|have|get|really)\b)|f\s+off|f\*+\s*(?:off|you)|"
        rf"go\s+fuck\s+(?:yo)?ur\s*self|gfy|get\s+fucked|screw\s+(?:you|u)(?![a-z])|piss\s+off|sod\s+off|bugger\s+off|"
        rf"go\s+to\s+hell|eat\s+shit|kiss\s+my\s+(?:ass|arse)|suck\s+(?:a\s+)?(?:dick|cock)|get\s+a\s+(?:brain|life)\s*"
        rf"(?:[.!,]|you|u|$)|{_YOUR}\s+(?:stupid|fat|ugly|dumb|pathetic|useless|worthless|disgusting|thick)\s+(?:face|"
        rf"ass|arse|head|self|kids?|mum|mom|mother|life|body|existence|opinion)|{_YOUR}\s+(?:mum|mom|mother)\s+"
        rf"(?:is\s+a\s+)?(?:whore|slut|bitch|should\s+have\s+aborted)|should\s+have\s+(?:been\s+)?(?:aborted|"
        rf"swallowed)\s+{_YOU}|(?:nobody|no\s*one)\s+(?:wants|needs)\s+{_YOUR}\s+(?:opinion|input|sob\s+story|"
        rf"crap|shit|whining)|{_YOU}(?:\s+people|\s+lot|\s+lot)?\s+(?:make\s+me\s+(?:sick|want\s+to\s+(?:puke|vomit|"
        rf"throw\s+up))|disgust\s+me|are\s+(?:disgusting|the\s+worst|a\s+disgrace|vile|scum))|imagine\s+being\s+"
        rf"(?:this|so|that)\s+(?:pathetic|stupid|dumb|thick|ugly|fat|sad|desperate|useless))",
        0.8,
        "Swears at or insults a member directly.",
    ),
    _rule(
        "insult",
        r"(?:eres (?:un |una )?(?:idiota|estúpid[oa]|estupid[oa]|imbécil|imbecil|inútil|inutil|pendej[oa]|gilipollas)|"
        r"t'es (?:un |une )?(?:con|conne|connard|connasse|idiot|débile|debile)|(?:espèce|espece|sale) d[e'] ?"
        r"(?:con|connard|conne|idiot|merde)|ferme ta gueule|ta gueule|du (?:bist )?(?:ein |eine )?(?:idiot|arschloch|"
        r"vollidiot|hurensohn|wichser|schlampe)|halt die fresse|halt's maul|(?:você é|voce e|vc é|vc e|tu és|tu es) "
        r"(?:um |uma )?(?:idiota|burr[oa]|lixo|otári[oa])|vai se foder|cala a boca|sei (?:un |una )?"
        r"(?:idiota|stronz[oa]|cretino|coglione)|vaffanculo|jesteś (?:idiotą|debilem|kretynem|śmieciem)|"
        r"spierdalaj)(?![a-z])",
        0.82,
        "Insults a member (not in English).",
    ),
)
_KIND_ORDER = {kind: i for i, kind in enumerate(("self_harm_push", "threat", "harassment", "shaming", "insult"))}


def _excluded(norm: str) -> list[tuple[int, int]]:
    """Stretches that are someone else's words: quotes, reported speech and moderation, to the sentence end."""
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(r'"[^"\n]{1,300}"|(?<![a-z])\'[^\'\n]{2,300}\'(?![a-z])|«[^»]{1,300}»', norm):
        ranges.append((m.start(), m.end()))
    for m in _REPORTED.finditer(norm):
        end = _NOT_ABOUT_MEMBER_END.search(norm, m.end())
        stop = end.start() if end and norm[end.start()] in ".!?\n;" else len(norm)
        if end and norm[end.start()] not in ".!?\n;":
            nxt = re.compile(r"[.!?\n;]").search(norm, m.end())
            stop = nxt.start() if nxt else len(norm)
        ranges.append((m.start(), stop))
    return ranges


def _negated(norm: str, start: int, end: int) -> bool:
    """A rule match with "not", "never", "don't" just before or inside it ("you're not stupid", "don't kys")."""
    clause_start = max(norm.rfind(ch, 0, start) for ch in ".!?\n;,")
    before = norm[max(clause_start + 1, start - 28) : start]
    if re.search(r"why\s+(?:don'?t|dont|not)\s*$|why\s+(?:don'?t|dont)\s+(?:you|u)\s+(?:just\s+)?$", before):
        return False  # "why don't you just die" is a push, not a negation
    if _NEGATION.search(before):
        return True
    inside = norm[start:end]
    return bool(
        re.search(r"\b(?:not|never|no\s+longer)\b|n't\s+(?!deserve|even|belong|have)", inside)
    ) and not re.search(
        r"(?:won'?t|don'?t|do\s+not|not\s+(?:a\s+)?(?:single\s+)?(?:one|soul)|shouldn'?t|can'?t|not\s+welcome|no\s*(?:one|body)"
        r"|nobody)",
        inside,
    )


def _denied_after(norm: str, end: int) -> bool:
    """ "Nobody would miss you? That's not true" quotes a feeling in order to deny it."""
    after = norm[end : end + 60]
    return bool(
        re.match(
            r"[\s?!.,\"'-]*(?:that'?s|this\s+is|it'?s|is)\s+(?:not\s+true|a\s+lie|bullshit|nonsense|"
            r"the\s+depression\s+talking|your\s+(?:brain|illness|depression)\s+(?:lying|talking))"
            r"|[\s?!.,\"'-]*(?:not\s+true|so\s+not\s+true|wrong|never)",
            after,
        )
    )


# The fallback insult: a strong insult word in a clause whose subject is the reader ("you sound like a
# nutjob", "go cry to your therapist, weirdo", "whiny loser like you"), found by walking back from the word.
_STRONG_INSULT = re.compile(
    rf"(?<![a-z])(?:{_INSULT_NOUNS}|dumbest|stupidest|thickest|ugliest|most\s+pathetic|pathetic|disgusting|"
    rf"worthless|vile|repulsive|brainless|brain\s*dead|retarded)(?![a-z])"
)
_MILD_NOUNS = frozenset(
    "joke nothing nobody failure failures ass arse rats rat snakes snake pigs pig cows cow fools fool div trash "
    "garbage disgrace embarrassment clown clowns".split()
)
_SECOND = frozenset("you u ya yu ur your you're youre yourself urself yourselves thou yer".split())
_OTHER = frozenset(
    "i i'm im i've ive i'd me my myself mine we we're us our he he's hes she she's shes they they're theyre him "
    "her his their them someone somebody everyone people".split()
)
_DETERMINERS = frozenset("the that this those these his her their my our a_that some".split())
_CLAUSE = re.compile(r"[^.!?;\n]+")
_WORD = re.compile(r"[a-z][a-z'’]*")


def _targeted_insults(norm: str, excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans (pronoun or clause start .. insult word) of strong insults aimed at the reader."""
    spans: list[tuple[int, int]] = []
    for clause in _CLAUSE.finditer(norm):
        for m in _STRONG_INSULT.finditer(norm, clause.start(), clause.end()):
            if m.group(0) in _MILD_NOUNS or any(a <= m.start() < b for a, b in excluded):
                continue
            words = [(w.group(0), w.start()) for w in _WORD.finditer(norm, clause.start(), m.start())]
            if words and words[-1][0] in _DETERMINERS:
                copula = [w for w, _ in words[-4:-1]]
                if not (words[-1][0] == "the" and {"you're", "youre", "are", "r", "ur"} & set(copula)):
                    continue  # "that idiot", "my boss, the prick": someone else ("you are the dumbest" stays)
            target: int | None = None
            for word, pos in reversed(words):
                if word in _SECOND:
                    target = pos
                    break
                if word in _OTHER:
                    break
            if target is None:
                after = norm[m.end() : clause.end()]
                if re.match(r"\s+(?:like|such\s+as)\s+(?:you|u)(?![a-z])", after):
                    target = m.start()
                elif (
                    re.search(r",\s*$", norm[clause.start() : m.start()])
                    and not after.strip(" !?,.'\"")
                    and any(w in _SECOND for w, _ in words)
                ):
                    target = m.start()  # "..., weirdo" at the end of a clause addressed to "you"
            if target is None:
                continue
            between = norm[target : m.start()]
            if _NEGATION.search(between) or _PRAISE.search(norm[target : min(clause.end(), m.end() + 25)]):
                continue
            if re.search(r"\b(?:feel|felt|feeling|look|looks)\s+(?:like\s+)?(?:an?\s+)?$", between) and re.search(
                r"\b(?:make|made|makes)\s+me\b", between
            ):
                continue  # "you make me feel like an idiot" is about the writer
            spans.append((target, m.end()))
    return spans


def _matches(text: str) -> list[AbuseFlag]:
    norm = normalize(text)
    excluded = _excluded(norm.text)
    flags: list[AbuseFlag] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(norm.text):
            s, e = m.start(), m.end()
            while s < e and not norm.text[s].isalnum() and norm.text[s] != "@":
                s += 1  # rules may start at a punctuation anchor: the span starts at the words
            if s >= e or any(a <= s < b for a, b in excluded):
                continue
            if rule.negatable and _negated(norm.text, s, e):
                continue
            if _denied_after(norm.text, e):
                continue
            if rule.kind == "insult" and _PRAISE.search(norm.text[s : e + 20]):
                continue
            start, end = norm.span(s, e)
            flags.append(
                AbuseFlag(
                    kind=rule.kind,
                    span=AbuseSpan(start=start, end=end, text=text[start:end]),
                    reason=rule.reason,
                    score=rule.score,
                )
            )
    for s, e in _targeted_insults(norm.text, excluded):
        start, end = norm.span(s, e)
        flags.append(
            AbuseFlag(
                kind="insult",
                span=AbuseSpan(start=start, end=end, text=text[start:end]),
                reason="Calls a member names.",
                score=0.7,
            )
        )
    return flags


def detect_all(text: str) -> list[AbuseFlag]:
    """Every abusive stretch of a message, strongest first (one per span)."""
    if not isinstance(text, str):
        raise TypeError("detect_abuse() takes the message as a str")
    flags = sorted(_matches(text), key=lambda f: (-f.score, _KIND_ORDER[f.kind], f.span.start))
    chosen: list[AbuseFlag] = []
    for flag in flags:
        if not any(flag.span.start < c.span.end and c.span.start < flag.span.end for c in chosen):
            chosen.append(flag)
    return chosen


def detect_abuse(text: str) -> AbuseFlag | None:
    """The strongest abuse flag in a message, or None when it insults, threatens, harasses or shames no one."""
    flags = detect_all(text)
    return flags[0] if flags else None
