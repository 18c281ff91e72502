"""Harmful-advice guard: flags claims in known dangerous advice families so they are never 'supported'."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimcheck.regex_cache import cached_compile, save_compiled
from claimcheck.safety.crisis import normalize
from claimcheck.textspeak import spelled_out

# Each family has HARMFUL patterns (the advice) and SAFE patterns (the responsible twin: negated, deferring
# to a clinician, or warning). A sentence is flagged for a family when a harmful pattern matches and no safe
# pattern of that family matches the same sentence. Patterns run on crisis.normalize() output: lower-case,
# accent-free, single-spaced.

_MED = (r"(?:meds|medication|medications|medicine|medicines|pills|tablets|antidepressants?|antipsychotics?"
        r"|ssris?"
        r"|snris?|sertraline|fluoxetine|citalopram|escitalopram|venlafaxine|mirtazapine|duloxetine|lithium"
        r"|quetiapine|olanzapine|aripiprazole|risperidone|lamotrigine|valproate|depakote|lamictal|prozac"
        r"|zoloft"
        r"|lexapro|effexor|wellbutrin|bupropion|diazepam|valium|benzos?|benzodiazepines?|xanax|alprazolam"
        r"|clonazepam|lorazepam|ritalin|methylphenidate|adderall|mood stabili[sz]ers?|prescriptions?|script"
        r"|sleeping pills|zopiclone|pregabalin|gabapentin|clozapine|clozaril|carbamazepine|paroxetine|seroxat"
        r"|amitriptyline|nortriptyline|tricyclics?(?: antidepressants?)?|stimulants|vyvanse|lisdexamfetamine"
        r"|methadone|buprenorphine|bupe|suboxone|seroquel|xans?|maois?|phenelzine|nytol|sleeping tablets"
        r"|co-?codamol|codeine|tramadol|rivotril|klonopin|ativan|concerta|elvanse|addy|subs)")
# Cutting salt, which raises the lithium level.
_LOW_SALT = r"(?:low[- ]salt|low[- ]sodium|no[- ]salt|cut (?:out|down on|back on) (?:the )?salt)"
# What a miracle cure is said to equal: a medicine or a treatment.
_EQUAL_TO = (rf"(?:{_MED}|therapy|cbt|counselling|counseling|treatment|the prescription stuff|prescription \w+"
             r"|the real thing)")
# Benzodiazepines and other sedatives that carry dependence risk.
_BENZO = (r"(?:benzos?|benzodiazepines?|diazepam|valium|xanax|alprazolam|clonazepam|klonopin|lorazepam|ativan"
          r"|zopiclone|sleeping pills)")
# Someone else's medicine: "a friend's", "your sister's", "someone else's".
_OTHERS = (r"(?:a |your |my |someone's |somebody's )?(?:friend's|friends'|mate's|mates'|partner's|mum's|mom's|nan's"
           r"|nana's|gran's|grandma's|granny's|auntie's|aunt's|uncle's|cousin's|girlfriend's|boyfriend's|husband's"
           r"|wife's"
           r"|dad's|sister's|brother's|flatmate's|roommate's|someone else's|somebody else's|other people's"
           r"|another person's)")
_COND = (r"(?:depression|anxiety|bipolar(?: disorder)?|schizophrenia|ptsd|ocd|adhd|psychosis|mental illness"
         r"|eating disorders?|anorexia|bulimia|panic (?:attacks|disorder)|insomnia|trauma|borderline|bpd"
         r"|suicidal (?:thoughts|feelings))")
_CLINICIAN = (r"(?:gp|doctor|psychiatrist|pharmacist|chemist|prescriber|care team|nurse|clinician|consultant"
              r"|mental health team)")
_ALC = (r"(?:drinks?|drinking|alcohol|booze|beers?|wine|glass of wine|pints?|vodka|whiske?y|gin|rum|brandy|bourbon"
        r"|tequila|cider(?! vinegar)|lager|spirits|shots|drams?|a nip|a swig|swigs|hip flask|weed|cannabis"
        r"|spliffs?|joints?|a joint|smoking|kava(?: tea)?)")
_OK = (r"(?:fine|ok|okay|safe|totally safe|completely safe|perfectly safe|no problem|not a problem|harmless"
       r"|won't hurt|will not hurt|doesn't matter|nothing to worry about|no big deal|no issue|alright"
       r"|helps? (?:them|it) (?:kick in|work)|makes? (?:them|it) (?:work|kick in) (?:better|faster|quicker))")
_NEG = r"(?:don't|dont|do not|never|shouldn't|should not|avoid|not to|no one should|must not|mustn't)"
# A decision of one's own about a medicine, announced: "I'm (just) stopping", "gonna double", "decided to ditch"
# (not "I was gonna ...": an intention given up).
_DECIDING = (r"(?<!was )(?<!were )(?:i'm|im|i am|i'll|ill|i will|i've|ive|we're|we are|gonna|going to|about to"
             r"|planning to|plan to|decided to|deciding to|time to)(?: (?:just|finally|literally|simply|officially"
             r"|now))?")
_CHANGE_VERB = (r"(?:stop(?:ping)?|quit(?:ting)?|ditch(?:ing)?|drop(?:ping)?|come off|coming off|get off|getting off"
                r"|bin(?:ning)?|chuck(?:ing)?|skip(?:ping)?|doubl(?:e|ing)|tripl(?:e|ing)|halv(?:e|ing)|up(?:ping)?"
                r"|cut(?:ting)?(?: out)?|giv(?:e|ing) up|throw(?:ing)? out|flush(?:ing)?)")
# Alcohol and street drugs as posts name them, beside a medicine (the mixing family's wider net).
_SUBST = (rf"(?:{_ALC}|tinnies|cans|shots|lager|cider|gin|rum|whiske?y|prosecco|pinot|mdma|molly|ecstasy|lean"
          r"|ket|ketamine|a line|lines|coke|cocaine|the sesh|st john'?s wort|kratom|cbd(?: oil)?|gabbies|gabapentin"
          r"|pre-?workout|shrooms|magic mushrooms|bars)")
# "It went fine" as posts say it.
_FINE = (rf"(?:{_OK}|sorted|sorts? (?:you|it|me) (?:out|right)|best (?:sleep|night)|sleep like a baby|hits? diff\w*"
         r"|unwind|barely felt it|(?:was|were|felt) (?:completely |totally |absolutely )?(?:fine|ok|okay|grand)"
         r"|won't hurt anyone|a myth|overcautious|over-?cautious|overblown|trust me|you deserve|works a treat"
         r"|old \w+(?:'s|s)? trick|knocks? you (?:right )?out|(?:natural |gentle )?boost|gentle|last longer"
         r"|evens? (?:it |them |things )?out|perfect pregame)")


@dataclass(frozen=True)
class Family:
    """One family of dangerous advice: what it looks like, and the safe advice it must not be mistaken for."""

    id: str
    harmful: tuple[re.Pattern[str], ...]
    safe: tuple[re.Pattern[str], ...]
    note: str
    # Harmful only when the claim names a medicine somewhere (not necessarily in the same sentence): "stop
    # taking them", "skip the blood tests", "borrow some off a mate".
    harmful_if_med: tuple[re.Pattern[str], ...] = ()


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(cached_compile(p) for p in patterns)


FAMILIES: tuple[Family, ...] = (
    Family(
        "skip_emergency",
        _c(
            # written after reading the misses of the sixth and seventh fresh sets (seventh session)
            r"\b(?:hotlines?|helplines?|crisis lines?|samaritans|988)\b[^!?]{0,120}\b(?:never again|(?:not to |don't )"
            r"waste (?:your|their) time|they don't care|they dont care)\b",
            r"\b(?:don't|dont|do not|no need to|never) bother (?:with|calling|ringing) (?:999|911|112|000|a&e|the"
            r" hospital|an ambulance|the er)\b",
            r"\b(?:we'll|we will|let's|just|i'll|ill) see how (?:he|she|they|it) (?:is|are|goes) in the morning\b"
            r"|(?<!could )(?<!i'd )(?<!to )(?<!not )\bskip the (?:hospital|a&e|a and e|er|ambulance)\b",
            r"\b(?:let|leave) (?:him|her|them) (?:to )?(?:sleep it off|on the sofa|be)\b[^.!?]{0,60}"
            r"\b(?:pills|tablets|bars|xanax|benzos?|overdose|od|took|out of it|snoring)\b"
            r"|\b(?:pills|tablets|bars|xanax|benzos?|overdose|took|out of it)\b[^.!?]{0,60}\b(?:(?:let|leave) (?:him"
            r"|her|them) (?:to )?(?:sleep it off|on the sofa|be)|(?:he'll|she'll|they'll|he will|she will) be (?:grand"
            r"|fine|ok|okay|alright|right) (?:by|in the) morning)\b",
            r"\b(?:don't|dont|do not|no need to|never) (?:ring|call|phone|dial) (?:000|999|911|112|an ambulance|the"
            r" ambulance)\b[^.!?]{0,30}\b(?:overdose|od|pills|fit|seizure|convulsion|you'll end up|section|psych ward)",
            r"\bno point (?:in )?(?:making a fuss|going|taking (?:him|her|them)|bothering)\b[^.!?]{0,30}"
            r"\b(?:hospital|a&e|a and e|er|emergency|ambulance)",
            r"\b(?:in|till|until) the morning if (?:he|she|they)(?:'s|'re| is| are) still (?:out of it|unconscious"
            r"|not waking|passed out|unresponsive|not responding)",
            r"\b(?:don't waste your time|no point|no use|pointless|waste of time|don't bother) (?:\w+ ){0,2}(?:calling"
            r"|ringing|phoning|texting) (?:anyone|anybody|for help|999|911|112|an ambulance|the police|a helpline"
            r"|samaritans|988|a crisis line)\b",
            # help lines and crisis teams written off ("crisis teams are useless, don't even bother calling")
            r"\b(?:don't|dont|do not|never|no point|no use) (?:even )?(?:bother )?(?:calling|ringing|phoning|texting"
            r"|contacting) (?:them|the crisis (?:team|line)|crisis|samaritans|shout|988|111|999|911|a helpline"
            r"|the helpline|your gp|an ambulance)\b",
            r"\b(?:crisis (?:teams?|lines?)|samaritans|helplines?|hotlines?|988|111|a&e|the er|mental health"
            r" teams?) (?:are|is) (?:useless|pointless|a waste of time|a joke|no help|rubbish)\b[^.!?]{0,60}"
            r"\b(?:don't|dont|do not|no point|skip|instead)",
            r"\b(?:don't|dont|do not) waste (?:the |an )?(?:ambulance|paramedics|a&e|the er|nhs|doctors)(?:'s|s'|s)?"
            r" (?:time|resources)",
            r"\b(?:slept|sleep|sleeping) it off\b[^.!?]{0,80}\b(?:you )?(?:don't|dont|do not|won't|wont) need to"
            r" (?:go|bother)",
            r"\b(?:lie|lying) to (?:the |your )?(?:doctor|gp|psychiatrist|crisis team|nurse)\b[^.!?]{0,40}"
            r"\b(?:tough it out|safer|so they don't|so they dont|keep it to yourself)",
            # "you don't need A&E", "no need to go to hospital", "don't call an ambulance"
            r"\b(?:don't|dont|do not|won't|no|never) (?:really )?need (?:to (?:go to|call|see|bother with) )?"
            r"(?:a&e|a & e|a and e|the er|er|hospital|the hospital|an ambulance|emergency|a doctor|999|911"
            r"|112"
            r"|medical help|stitches|to get (?:it|them) checked)",
            r"\b(?:don't|dont|do not|never|no need to) (?:bother )?(?:call|phone|ring|go to"
            r"|going to) (?:an ambulance"
            r"|999|911|112|111|emergency services|the paramedics|a&e|hospital|the hospital|the er)",
            # "just sleep it off / wait it out / drink water" after an overdose or pills
            r"\b(?:sleep it off|wait it out|ride it out|drink (?:lots of |plenty of )?water|throw (?:it )?up"
            r"|make"
            r" yourself sick|induce vomiting|go to (?:sleep|bed)|have a nap|lie down)\b[^.!?]{0,60}\b(?:overd"
            r"ose|too many|pills|tablets|paracetamol|od)\b"
            r"|\b(?:overdose|too many|pills|tablets|paracetamol|od)\b[^.!?]{0,80}\b(?:sleep it off"
            r"|wait it out"
            r"|ride it out|drink (?:lots of |plenty of )?water|throw (?:it )?up|make yourself sick"
            r"|induce vomiting)\b",
            r"\b(?:overdose|too many)\b[^.!?]{0,60}\b(?:is|'s|are) (?:fine|harmless|ok|okay|not (?:dangerous"
            r"|serious))"
            r"(?: if you feel (?:fine|ok|okay))?",
            # self-harm wounds "heal on their own"
            r"\b(?:deep )?(?:cuts?|wounds?|burns?) (?:heal|will heal|are fine|get better) (?:on (?:their"
            r"|its) own"
            r"|by themselves)|\bno need (?:to get|for) (?:them |it )?(?:checked|stitches|stitched|seen)",
            # a mental health crisis or psychosis "isn't an emergency", "can wait", "just wait it out at home"
            r"\b(?:mental health|psychiatric) (?:emergenc(?:y|ies)|crisis|crises) (?:isn't|is not|aren't|are not"
            r"|is never|are never) (?:as )?(?:serious|urgent|real|an? (?:real |proper )?emergency)",
            r"\b(?:(?:mental health |psychiatric )?(?:emergenc(?:y|ies)|crisis|crises)|psychosis|psychotic"
            r"|breakdown|manic episode|mania)\b[^.!?]{0,80}\b(?:wait it out|sit it out|ride it out|tough it out"
            r"|sleep it off|sit tight|wait (?:for it )?to pass|wait and see|can wait|wait (?:until|till|for)"
            r" (?:the morning|monday|tomorrow|your next|a gp|the gp))\b",
            r"\b(?:postpartum|postnatal|post-natal|puerperal) psychosis\b[^.!?]{0,40}\b(?:isn't|is not|not|never"
            r"|no) (?:really |that |an? )?(?:emergency|urgent|serious|big deal|rush)"
            r"|\b(?:postpartum|postnatal|post-natal|puerperal) psychosis\b[^.!?]{0,40}\b(?:settles|passes"
            r"|goes away|clears up|sorts itself out) (?:by itself|on its own)",
            # "no need to get help", "don't bother reaching out", "no point getting help"
            r"\b(?:no need to|no point(?: in)?|there's no point(?: in)?|(?:don't|dont|do not|never) bother)"
            r" (?:to )?(?:get(?:ting)? (?:any )?help|seek(?:ing)? help|ask(?:ing)? for help|reach(?:ing)? out"
            r"|see(?:ing)? anyone|get(?:ting)? support)\b",
            # crisis lines and naloxone: "don't call it", "don't bother ringing them", "don't bother carrying it"
            r"\b(?:crisis lines?|helplines?|hotlines?|lifeline|988|samaritans|116 123|crisis team)\b[^.!?]{0,80}"
            r"\b(?:don't|dont|do not|never|no need to|no point) (?:bother )?(?:call(?:ing)?|ring(?:ing)?"
            r"|phon(?:e|ing)|text(?:ing)?|contact(?:ing)?|us(?:e|ing)) (?:it|them|one)\b",
            r"\b(?:naloxone|narcan)\b[^.!?]{0,80}\b(?:don't|dont|do not|never|no need to|no point) (?:bother )?"
            r"(?:carry(?:ing)?|keep(?:ing)?|use|using|giv(?:e|ing)|hav(?:e|ing)) (?:it|them|any|some)\b",
            # an overdose called "not a proper emergency", or A&E skipped after one
            r"\b(?:overdose[sd]?|took too many|od'?d|taken too many)\b[^.!?]{0,100}\b(?:(?:not|isn't|wasn't)"
            r" (?:a |an )?(?:proper |real |actual |medical )?emergency|(?:didn't|did not|don't|won't) bother"
            r" (?:with |going to |calling |ringing |phoning )?(?:a&e|a & e|hospital|the hospital|the er"
            r"|an ambulance|999|911|112))",
            # written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl)
            r"\b(?:crisis (?:teams?|lines?)|samaritans|helplines?|hotlines?|988|the crisis team) (?:are|is)"
            r" (?:(?!not\b|never\b)\w+ )?(?:useless|pointless|a waste of (?:time|breath)|a joke|no help|rubbish)\b",
            r"\b(?:samaritans|crisis (?:teams?|lines?)|helplines?|hotlines?)\b[^.!?]{0,20}\b(?:won't|wont|don't|dont"
            r"|do not|never) (?:actually |really )?help\b|\bjust (?:volunteers )?read(?:ing)? (?:off |from )?(?:a )?"
            r"(?:script|card)\b",
            r"\b(?:the crisis team|crisis teams?|calling (?:911|999|an ambulance|the crisis line)|ringing 999|911"
            r"|999)\b[^.!?]{0,20}\b(?:just |only )(?:send|sends|gets? you|get you|brings?) (?:the |a (?:huge |big )?)?"
            r"(?:police|cops|bill)\b",
            r"\b(?:don't|dont|do not|never|no need to|kindly do not) (?:take|bring|drive|carry) (?:her|him|them|your"
            r" \w+|am) (?:to|go) (?:the )?(?:hospital|a&e|er|emergency)\b|\bno carry am go hospital\b"
            r"|\bnon (?:portarl[aoie]|portatel[aoie]) al pronto soccorso\b|\bles urgences c'est pour les vrais\b"
            r"|\bno need for (?:the |an? )?(?:er|a&e|hospital|ambulance|999|911)\b",
            # from a new-user try (2026-12-07): an overdose played down, emergency care called a waste
            r"\boverdose[sd]?\b[^.!?]{0,30}\b(?:isn't|is not|aren't|are not|wasn't|not) (?:that |really |very |too )?"
            r"(?:dangerous|serious|a big deal|an emergency|harmful)\b",
            r"\b(?:a&e|a & e|the er|er|hospital|an ambulance|ambulances|999|911|the crisis team)\b[^.!?]{0,40}"
            r"\b(?:is|are|'s|was) (?:just )?(?:a )?waste of (?:their |your |everyone's |nhs |the nhs's )?(?:time|money"
            r"|resources)\b",
        ),
        _c(
            r"(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!no need to )(?<!not )(?<!need to )(?<!have to )"
            r"\b(?:go|get|going) to"
            r" (?:a&e|a & e|the er|er|hospital|the hospital|an emergency department)"
            r"(?![^.!?]{0,50}\b(?:is|are|'s|was) (?:just )?(?:a )?(?:waste|pointless|useless|not worth))",
            rf"(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!no need to )(?<!not )(?<!need to )(?<!have to )"
            rf"\b(?:call|ring|phone"
            rf"|dial)"
            rf" (?:999|911|112|111|an ambulance|emergency services|your {_CLINICIAN})",
            r"(?<!no need to )(?<!don't )(?<!dont )(?<!never )(?<!bother to )(?<!no point )"
            r"\b(?:get|seek) (?:urgent |emergency |immediate )?(?:medical )?(?:help|advice|attention"
            r"|treatment)"
            r"(?: straight away| immediately| now| urgently)?\b",
            r"\b(?:even if you feel (?:fine|ok|okay|well)|can (?:damage|harm)|days later"
            r"|is (?:a |an )?(?:medical |psychiatric )?emergency)",
            # the responsible twin of "wait it out": "don't wait for it to pass", "can't wait"
            rf"\b{_NEG} (?:just )?(?:wait|sit it out|ride it out|tough it out|sit tight)|\bcan't wait\b",
        ),
        "skipping or delaying emergency care or help: overdose, self-harm wounds, a mental health crisis",
    ),
    Family(
        "self_harm_encouragement",
        _c(
            # dares, pictures of cuts asked for, "just let her", a way "that won't leave a mess"
            r"\bi dare (?:you|u|ya) to (?:actually )?(?:do it|go through with it)\b"
            r"|\bpost (?:pics|pictures|photos) of (?:the|your|ur) (?:cuts|scars)\b"
            r"|\b(?:threatening|threatens|threatened) to (?:overdose|kill (?:her|him|them)self|jump|do it)\b"
            r"[^.!?]{0,30}\bjust let (?:her|him|them)\b|\bse (?:ele|ela) quer se matar,? deixa\b",
            r"\b(?:pick|choose|find) a way (?:that )?(?:won't|wont|will not|doesn't|that doesn't) (?:leave a mess"
            r"|hurt|fail)",
            r"\b(?:cutting|self[- ]?harm\w*|hurting (?:my|your)self|burning (?:my|your)self)\b[^!?]{0,60}\b(?:maybe"
            r" try it|you should try it|try it)\b",
            # a self-injury recommended or ranked above help ("burn my wrist a bit ... better than drinking.
            # recommend", "punching the wall ... works better than any counsellor"), scars to add to
            r"\b(?:(?:burn|burning|burned|burnt|cut|cutting|scratch|scratching) (?:my|your) (?:wrists?|arms?|skin|legs?"
            r"|thighs?)|punch\w* (?:the |a )?walls?|(?:hit|hitting|hurt|hurting) (?:my|your)self)\b[^!?]{0,80}"
            r"\b(?:works? better than|better than (?:any|therapy|drinking|talking|a counsell?or|meds|pills)"
            r"|(?:i |highly |would )?recommend(?:ed)?\b|10/10|try it)",
            r"\bscars?\b[^.!?]{0,40}\b(?:add more|make more|get more)\b",
            # suicide talk written off as drama or manipulation ("call their bluff", "just mute her")
            r"\b(?:suicide threats?|threats? (?:of|about) suicide|talk of suicide|saying they want to die|suicidal"
            r" posts?|wanting to die)\b[^.!?]{0,30}\b(?:is|are|it's|its) (?:just |only |always |almost always )?"
            r"(?:manipulation|manipulative|drama|attention[- ]seeking|for attention|a cry for attention|blackmail)",
            r"\bcall (?:their|his|her|the) bluff\b|\b(?:they|he|she) never (?:actually )?(?:follow through|go"
            r" through with it|do it)\b(?![^.!?]{0,30}\b(?:myth|not true|false))",
            r"\b(?:just )?(?:mute|block|unfollow|ignore) (?:her|him|them)\b[^.!?]{0,50}\b(?:attention|drama"
            r"|don't feed|dont feed)",
            r"\b(?:it's|its|it is) (?:almost always |usually |always |just )?drama\b[^.!?]{0,60}\b(?:don't|dont"
            r"|do not) (?:escalate|tell|report|make a fuss)",
            r"\b(?:tips?|trick|hack) (?:for|to) hid(?:e|ing) (?:it|them|cuts|scars|marks|burns)\b",
            r"\b(?:cutting|self[- ]?harm(?:ing)?|hurting yourself|burning yourself|harming yourself) (?:is"
            r"|are|'s)"
            r" (?:a |an |the )?(?:really |totally |perfectly )?(?:good|great|fine|healthy|valid|ok|okay|only"
            r"|best"
            r"|effective|harmless|useful|normal way|way to cope|release)\b",
            r"\b(?:self[- ]?harm(?:ing)?|cutting|hurting yourself) (?:helps|works|will help|actually helps"
            r"|is what"
            r" helps)\b",
            r"\b(?:don't|dont|never) let (?:anyone|anybody|them|people|your (?:parents|therapist|doctor)) "
            r"(?:stop you|talk you out of it|take (?:it|that) (?:away|from you))",
            r"\bhid(?:e|ing) (?:it|them|your (?:cuts|scars|wounds|burns|self[- ]?harm|arms)|the (?:cuts|scars"
            r"|wounds|marks))\b[^.!?]{0,60}\b(?:from|so (?:no one|nobody)|parents|teacher|doctor|therapist)",
            r"\b(?:wear|use|try) (?:long sleeves|bracelets|make-?up|concealer|plasters|hoodies)\b[^.!?]{0,60}"
            r"\b(?:so (?:no one|nobody)|to hide|to cover|finds? out|hurting yourself|cuts|scars)",
            r"\byou deserve (?:the |this |that |all the )?(?:pain|to (?:suffer|hurt|bleed|be hurt|be punished"
            r"|die))\b",
            r"\b(?:you should|go|just|why not|you might as well|do (?:us|everyone) a favou?r and"
            r"|go ahead and) "
            r"(?:just )?(?:kill yourself|kys|end it|end your life|die|unalive yourself|self[- ]?delete"
            r"|hurt yourself"
            r"|cut yourself|cut deeper|harm yourself)\b|\bkys\b",
            r"\b(?:tips|tricks|hacks|how) (?:for|on|to) (?:cutting|self[- ]?harm\w*|hurting yourself|hiding"
            r" (?:cuts|scars|self[- ]?harm|wounds))",
            # myths the helplines correct because they stop people helping: "people who talk about suicide
            # never do it", "asking someone if they're suicidal puts the idea in their head"
            r"\b(?:people|those|anyone|someone|they) (?:who|that) (?:talk|talks|talking|post|posts|go on)"
            r" (?:about|about wanting to) (?:suicide|killing (?:themselves|yourself)|dying|ending it)"
            r" (?:\w+ ){0,2}(?:never|don't|dont|won't|wont|rarely) (?:\w+ )?(?:do it|go through with it|act on it"
            r"|kill themselves|mean it)",
            r"\b(?:asking|talking to|ask) (?:someone|somebody|them|a person|people|a friend)\b[^.!?]{0,40}"
            r"\b(?:suicid\w*|kill(?:ing)? themselves)\b[^.!?]{0,40}\b(?:puts?|put|plants?|gives?) (?:the |that )?"
            r"(?:idea|thought)s? (?:in|into) (?:their|his|her|someone's) (?:head|mind)",
            # "talking about suicide puts the idea in someone's head", "bringing up suicide gives them ideas"
            r"\b(?:talking|talk|asking|ask|mentioning|bringing up|raising|discussing)\b[^.!?]{0,30}"
            r"\b(?:suicid\w*|kill(?:ing)? (?:themselves|yourself))\b[^.!?]{0,40}"
            r"\b(?:puts?|plants?|gives?|will give|can give|could give) (?:\w+ ){0,2}(?:idea|thought)s?\b",
            r"\b(?:just )?(?:attention[- ]seeking|after attention|for attention)\b[^.!?]{0,40}\b(?:ignore"
            r"|don't (?:bother|give)|leave (?:them|it))|\bignore (?:them|it)\b[^.!?]{0,40}\bfor attention\b",
            # "I've learnt to just ignore those comments now, it's for attention"
            r"(?<!don't )(?<!do not )(?<!never )\bignor(?:e|ing)\b[^.!?]{0,50}\b(?:(?:it's|its|it is|they're|just)"
            r" (?:just )?(?:for|after) attention|attention[- ]seeking)\b",
            # written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl)
            r"(?<!not )(?<!isn't )(?<!never )\b(?:it's|its|it is|she's|shes|he's|hes|they're|theyre|that's|thats"
            r"|it's all|all) (?:just |only |purely |all )?(?:attention[- ]seeking|for attention|a cry for attention)"
            r"\b(?! (?:or|and) )",
            r"(?<!not )\b(?:a )?cry for attention\b[^.!?]{0,40}\b(?:leave|ignore|mate)\b",
            r"\bif (?:she|he|they) really wanted to\b[^.!?]{0,50}\b(?:(?:she|he|they)'?d|would) have (?:done it|gone"
            r" through)|\b(?:they|he|she) won'?t (?:really|actually) do it\b",
            r"\bdo it then\b[^.!?]{0,20}\b(?:you won'?t|coward|i dare)|\b(?:lol|go on|go ahead),? do it then\b",
            r"\b(?:kms|kill (?:him|her|them)sel(?:f|ves)|unalive)\b[^.!?]{0,40}(?<!don't )(?<!dont )(?<!do not )"
            r"(?<!don't just )(?<!dont just )(?<!never )\b(?:just )?(?:mute|ignore|block) (?:him|her|them)\b",
            r"\b(?:self[- ]?harm\w*|cutting|sh)\b (?:is|'s) (?:just )?(?:how|what) (?:some of )?(?:us|people|i)"
            r" (?:regulate|cope)\b|\bno need to stop if it works\b",
            r"\bignore (?:our|his|her|their|your) \w+'s self[- ]?harm\b|\b(?:giving it attention|attention) (?:just )?"
            r"rewards? (?:the|it|that|her|him)\b",
            r"\b(?:don't|dont|do not) tell (?:the )?(?:school )?(?:counsell?or|teacher|nurse|gp|doctor)\b[^.!?]{0,40}"
            r"\b(?:they'll|theyll|they will) (?:just )?(?:ring|call|tell)",
            r"(?<!no )\b(?:es|lo hace|lo hacen) (?:solo |solamente )?para llamar la atencion\b",
            r"\blong sleeves\b[^.!?]{0,40}\b(?:nobody|no one) (?:ever )?(?:asks|notices|knows)",
            r"\bjust (?:hurt|cut) (?:yourself|urself|ur self) (?:a (?:bit|little)|abit)\b",
        ),
        _c(
            r"\b(?:talk|speak|reach out|go) to (?:your |a |someone|somebody)|\bget (?:support|help)\b",
            r"\b(?:isn't|is not|aren't|are not|never) (?:a |an |the )?(?:good|safe|healthy|answer|solution"
            r"|way)",
            rf"\b{_NEG} (?:\w+ )?(?:cut|self[- ]?harm|hurt yourself|harm yourself)",
            r"\bshould be (?:checked|seen|looked at)|\bsign of distress\b|\bdeserve (?:support|help|care"
            r"|kindness)",
            r"\b(?:doesn't|does not|won't|will not|don't|do not|never|isn't|is not|can't|cannot) (?:\w+ )?"
            r"(?:put|puts|plant|plants|give|gives|increase|increases) (?:the |that )?(?:idea|thought|risk)"
            r"|\b(?:a )?myth\b|\b(?:not|isn't|is not) true\b|\btake (?:it|them|every \w+) seriously\b",
            r"\b(?:not|isn't|is not|never) (?:just |only )?(?:for|about) attention\b"
            r"|\b(?:don't|do not|never|shouldn't|should not) (?:just )?ignore\b",
            r"\b(?:isn't|is not|not|never|aren't) (?:just |only )?(?:attention[- ]seeking|drama|a cry for attention)\b",
            # a moderation rule that names the slur it bans ("'kys' in general chat = instant mute")
            r"(?:=|means?|gets? (?:you )?(?:a )?|is an?) ?(?:instant |an instant |a )?(?:mute|ban|kick|timeout)\b",
        ),
        "self-harm encouragement or tips",
    ),
    Family(
        "pro_eating_disorder",
        _c(
            # recovery as "getting fat", meals hidden, calorie ceilings, a purge kept secret, an ana buddy asked for
            r"\brecovery (?:just |only )?means (?:getting|being|going) fat\b"
            r"|(?<!')(?<!'just )(?<!don't )(?<!dont )\btell (?:your|ur) (?:mum|mom|mam|parents|dad) (?:you|u) (?:ate"
            r"|already ate|had tea|had dinner)\b"
            r"|^under \d{3,4} (?:a day|calories|cals|kcal)\b"
            r"|\bget rid of it after\w*\b[^.!?]{0,30}\b(?:no one|nobody|noone) (?:has|needs) to know",
            r"\b(?:be my|want an?|looking for an?|need an?|any|find an?) (?:ana|mia|pro-?ana|pro-?mia) (?:buddy|buddies"
            r"|coach)\b|\bkeep (?:each other|ourselves|yourself"
            r"|it) under \d{3,4}\b",
            r"\b(?:if you (?:binged|binge|overate|ate too much)|after (?:a binge|binging|eating))\b[^.!?]{0,30}"
            r"(?<!don't )(?<!dont )(?<!never )(?<!not )\b(?:get rid of it|throw it up|bring it up|purge)\b"
            r"|\brun the (?:tap|shower|water) so (?:they|no one"
            r"|nobody|people) (?:can't|cant|won't|wont) hear",
            r"\bvomitalo\b",
            # dizziness or hunger as a sign it works, meals cut as a challenge, diet pills said to be fine
            r"\b(?:dizzy|dizziness|hunger|hungry|light-?headed|faint)\b[^.!?]{0,30}(?<!doesn't )(?<!does not )"
            r"(?<!don't )(?<!not )\bmeans? (?:it's|its|it is|you're"
            r"|youre|you are) (?:working|winning|doing it right)",
            r"\bhunger (?:is|=) (?:just )?(?:weakness|the enemy|a good sign|good|progress)",
            r"\b(?:stopping|skipping|cutting out|ditching|dropping) (?:dinner|lunch|breakfast|meals|tea|supper)\b"
            r"[^.!?]{0,30}\b(?:best thing|dropped|lost|challenge|works)",
            r"\bdiet pills?\b[^.!?]{0,40}\b(?:are|is|'re) (?:totally |completely |perfectly )?(?:fine|safe|ok|okay"
            r"|harmless|great|amazing|the way)\b",
            # calorie ceilings, laxatives after a binge, hunger as progress
            r"\b(?:stay|keep (?:it|yourself)|aim for|go|stick to|get) (?:under|below|less than|no more than)"
            r" \d{3}(?: ?(?:cals?|calories|kcals?))?(?: a| per)? day\b"
            r"|\b(?:under|below|less than) \d{3}(?: ?(?:cals?|calories|kcals?))?(?: a| per) day\b[^.!?]{0,30}"
            r"\b(?:you'll|youll|you will|u'll|ull|and you|results|works)\b",
            r"\b(?:laxies|laxatives?|diuretics?)\b[^.!?]{0,40}\b(?:after a binge|reset|full reset|in peak week"
            r"|completely normal|everybody does|keep (?:some|them) in)",
            r"\bhunger (?:means|is) (?:it's|its|it is|you're|youre) (?:working|winning|doing it right)",
            r"\b(?:sticking to|stick to) my numbers\b|\bthey don't know your body\b",
            # calorie targets below what adults need
            r"(?<!\bi )(?<!\bi only )(?<!\bi just )(?<!\bi try to )\b(?:stay|keep (?:it|yourself)|eat|stick"
            r"|aim|go|get"
            r"|limit yourself|cut|keep|be) (?:under|below|less"
            r" than|to|for|at|down to) (?:only )?(?:[1-9]\d{1,2}|1[01]\d\d) ?(?:calories|cals|kcal)\b",
            r"(?<!\bi )(?<!\bi eat )(?<!\bi'm eating )(?<!\bi am eating )(?<!\bi've been eating )"
            r"\b(?:only|just|max(?:imum)?|under|below|less than) (?:eat )?(?:[1-9]\d{1,2}"
            r"|1[01]\d\d) ?(?:calories|cals"
            r"|kcal) (?:a|per) day\b",
            # laxatives, diet pills, purging
            r"\b(?:take|use|try|pop|have) (?:some |a few |a couple of )?(?:laxatives|diet pills|diuretics"
            r"|water"
            r" pills|appetite suppressants|ipecac)\b",
            r"\b(?:laxatives|diet pills|diuretics|water pills) (?:help|work|are great|are the best)\b",
            r"\b(?:purging|throwing up|vomiting|laxatives|fasting|skipping meals|starving yourself)\b[^.!?]{0"
            r",30}"
            r"\b(?:keeps?|kept|will keep) (?:the )?weight off|\b(?:purging|throwing up|vomiting"
            r"|laxatives) (?:helps?"
            r" you|is how you|will help you) (?:lose|stay thin|stay skinny|drop)",
            r"(?<!\bi )(?<!\bi only )(?<!\bi just )\beat (?:only |just )?(?:[1-9]\d{1,2}"
            r"|1[01]\d\d) ?(?:calories|cals"
            r"|kcal)\b(?! (?:more|extra))",
            # (a first-person disclosure such as "i make myself throw up after meals" is for crisis.assess)
            r"(?<!myself )(?<!\bi )(?<!\bi just )(?<!\bi always )(?<!\bi often )\b(?:just |then "
            r"|simply )?(?:throw"
            r" (?:it |them )?up|purge|make yourself (?:sick|throw up|vomit)|puke)"
            r"(?: it)?(?: up)? ?(?:afterwards|after|if you|when you|so it|to)",
            r"\bif you (?:overeat|binge|eat too much|slip up)\b[^.!?]{0,40}\b(?:throw (?:it )?up|purge"
            r"|make yourself"
            r" sick|laxatives|fast|skip)",
            # fasting and skipping meals to lose weight
            r"\b(?:fast|fasting|water fast|dry fast|go without food)\b[^.!?]{0,30}\b(?:for )?(?:\d+|two|three"
            r"|four"
            r"|five|several|a few|multiple) (?:days|weeks)\b[^.!?]{0,60}\b(?:resets|push through|lose|burn"
            r"|detox"
            r"|thin|weight|metabolism)",
            r"\b(?:fasting|starving yourself|not eating) (?:resets|burns|detoxes|is the (?:best|fastest"
            r"|quickest)"
            r" way to lose)",
            r"\bskip (?:meals|breakfast|lunch|dinner|eating)\b[^.!?]{0,40}\b(?:until|to lose|to get thin"
            r"|to be"
            r" thin|goal weight|lose weight|slim|skinny)",
            r"\b(?:drink (?:black )?(?:water|coffee|tea)|chew gum|smoke|sleep)\b[^.!?]{0,30}\b(?:when(?:ever)"
            r"? you"
            r"(?:'re| are| feel| get)? hungry|instead of (?:eating|meals|food)|so you (?:don't|dont|won't"
            r"|wont)"
            r" eat|to (?:suppress|kill|stop|curb) (?:your )?(?:appetite|hunger))",
            r"\b(?:ignore (?:your |the )?hunger|push through (?:the )?hunger|hunger (?:is|means) (?:good|fat"
            r" burning|winning|success|weakness))",
            r"\b(?:thinspo|thinspiration|pro[- ]?ana|pro[- ]?mia|meanspo|ana tips|mia tips)\b",
            # written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl)
            r"(?<!don't have to be )(?<!dont have to be )(?<!do not have to be )\bnot (?:thin|skinny|sick|underweight"
            r"|ill) enough (?:to (?:be|have|get) (?:ill|sick|an eating disorder|anorexi\w*|help|treatment)|for (?:help"
            r"|treatment|ed services))",
            r"\bfast (?:\w+ ){0,4}after (?:a|the|every) binge\b|\bafter (?:a|the|every) binge\b[^.!?]{0,30}\b(?:fast"
            r"|skip (?:meals|eating)|purge)\b",
            r"\blaxatives?\b[^.!?]{0,30}\bafter (?:a|the) (?:big night|big meal|takeaway|night out|blowout)"
            r"|\blaxatives?\b[^.!?]{0,30}(?<!don't )(?<!dont )(?<!do not )(?<!won't )(?<!can't )(?<!cannot )"
            r"\bundo (?:the|a) (?:damage|binge)\b",
            r"\b(?:overdo it|overeat|binge|eat too much|pig out)\b[^.!?]{0,40}\bget rid of it\b"
            r"|\bget rid of it (?:after|afterwards) (?:eating|meals|a binge|you eat)\b",
            r"\bmeal plans? (?:are|is) (?:designed|made|meant) to make you fat\b"
            r"|\bignore (?:the |your )?(?:ed |clinic )?meal plans?\b",
            r"\b(?:salta|saltati|saltate) (?:la cena|il pranzo|la colazione|i pasti)\b",
            r"\b(?:baggy (?:jumpers|clothes|hoodies)|i (?:ate|already ate|'ve eaten) at \w+'s)\b[^.!?]{0,60}"
            r"\b(?:nobody|no one) (?:notices|knows|asks)",
        ),
        _c(
            rf"\b{_NEG} (?:\w+ )?(?:skip|fast|restrict|purge|use laxatives|take laxatives|count calories)",
            r"\b(?:laxatives|diet pills|fasting|purging|restricting)\b[^.!?]{0,40}\b(?:don't|do not|doesn't"
            r"|does not"
            r"|can be|are|is) (?:cause |help |work )?(?:dangerous|harmful|risky|ineffective|not (?:safe"
            r"|effective))",
            rf"\b(?:talk|speak) to (?:your |a )?(?:{_CLINICIAN}|care team|eating disorder)"
            rf"|\beating disorder charity",
            r"\b(?:isn't|is not|not) (?:a )?(?:safe|healthy) way",
        ),
        "pro-eating-disorder advice: fasting, purging, calorie targets, laxatives",
    ),
    Family(
        "mix_substances",
        _c(
            # "ADHD meds work better if you take them with an energy drink"
            rf"\b{_MED}\b[^.!?]{{0,30}}\b(?:work|works|kick in|kicks in|hit|hits) (?:better|faster|quicker|harder)"
            rf" (?:if|when|with)\b[^.!?]{{0,30}}\b(?:{_SUBST}|energy drinks?|red bull|monster|caffeine|coffee)\b",
            rf"\b(?:a few |some |the odd |a couple of |one or two |a )?{_ALC} (?:on|with|while (?:on|taking)"
            rf"|and)"
            rf" (?:your |my |the )?(?:\w+ )?{_MED}\b[^.!?]{{0,40}}\b(?:is |are |'s |it's )?{_OK}",
            rf"\b{_MED} (?:with|and|plus|on top of) (?:a |some |your |a few )?(?:\w+ ){{0,2}}(?:{_ALC}"
            rf"|codeine"
            rf"|opioids?|painkillers?|sleeping pills|benzos?|diazepam|tramadol|xanax)\b[^.!?]{{0,60}}\b(?:"
            rf"{_OK}"
            rf"|helps?|will help|works)",
            rf"\b(?:fine|ok|okay|safe|totally safe|alright) to (?:drink|smoke|have (?:a )?drinks?|get drunk"
            rf"|get high|take \w+) (?:on|with|while (?:on|taking)) (?:your |my )?{_MED}",
            rf"\b(?:you can|it's fine to|go ahead and|feel free to) (?:take|mix|combine"
            rf"|have) (?:\w+ ){{0,2}}(?:with"
            rf"|and) (?:your |my )?{_MED}",
            r"\b(?:mixing|combining)\b[^.!?]{0,40}\b(?:with|and)\b[^.!?]{0,40}\b(?:helps?|is fine|is safe"
            r"|is ok|no problem|totally safe)",
            r"\b(?:warnings?|labels?|leaflets?) (?:are|is) (?:overblown|exaggerated|nonsense|rubbish|bs|just"
            r" legal|over the top)",
            # alcohol or drugs "while you're on" / "if you're on" a medicine, said to be fine, in either order
            rf"\b{_ALC}\b[^.!?]{{0,30}}\b(?:on|with|alongside|while|when|if)\b[^.!?]{{0,20}}\b{_MED}\b[^.!?]{{0,40}}"
            rf"\b{_OK}\b",
            rf"\b{_ALC}\b[^.!?]{{0,30}}\b{_OK}\b[^.!?]{{0,30}}\b(?:on|with|alongside|while|when|if)\b"
            rf"[^.!?]{{0,20}}\b{_MED}\b",
            # a medicine and alcohol or a street drug joined in one sentence ("xanax + wine", "lean w ur
            # seroquel", "mirtazapine + 4 tinnies") and said to go fine, in either order
            rf"\b{_MED}\b[^.!?]{{0,30}}(?:\+|&|\band\b|\bwith\b|\bw\b|\bplus\b|\bon\b|\bwashed down with\b)"
            rf"[^.!?]{{0,25}}\b{_SUBST}\b[^.!?]{{0,60}}\b{_FINE}",
            rf"\b{_SUBST}\b[^.!?]{{0,30}}(?:\+|&|\band\b|\bwith\b|\bw\b|\bplus\b|\bon\b|\bwhile on\b)"
            rf"[^.!?]{{0,25}}\b{_MED}\b[^.!?]{{0,60}}\b{_FINE}",
            rf"\b(?:on|taking) (?:my |your |ur |the )?{_MED}\b[^.!?]{{0,80}}\b(?:did|drank|had|took|necked)"
            rf" (?:\w+ ){{0,3}}{_SUBST}\b[^.!?]{{0,60}}\b{_FINE}",
            # herbs "fine to take with anything"
            r"\b(?:fine|safe|ok|okay) to (?:take|mix|combine|use|have) (?:it |them )?(?:with|alongside)"
            r" (?:anything|everything|any (?:other )?(?:meds|medication|medicine|medicines|pills))",
            # alcohol or drugs in pregnancy said to be fine
            rf"\b(?:pregnan(?:t|cy)|expecting|breastfeeding)\b[^.!?]{{0,60}}\b{_ALC}\b[^.!?]{{0,50}}\b{_OK}\b",
            rf"\b{_ALC}\b[^.!?]{{0,50}}\b(?:pregnan(?:t|cy)|expecting|breastfeeding)\b[^.!?]{{0,30}}\b{_OK}\b",
            rf"\b{_OK} to (?:drink|smoke|have (?:a )?(?:drinks?|glass|joint))\b[^.!?]{{0,40}}"
            rf"\b(?:pregnan(?:t|cy)|expecting|breastfeeding)\b",
            # written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl)
            r"\b(?:natural (?:stuff|things|remedies|products)|herbs|plant-based|it's (?:just )?a (?:herb|plant|leaf))\b"
            r"[^.!?]{0,40}\b(?:doesn't|dont|don't|won't|can't|never|does not) interact",
            r"\b(?:cbd(?: oil)?|kratom|st john'?s wort|weed|cannabis)\b[^.!?]{0,30}\b(?:doesn't|does not|won't|never)"
            r" interact\b",
            r"\b(?:addy|adderall|vyvanse|ritalin|elvanse)\b[^.!?]{0,30}\b(?:lets you|helps you) (?:drink|party)",
            rf"\bwith (?:\w+ )?{_MED}\b[^.!?]{{0,20}}\byou can (?:drink|smoke|have) (?:whatever|as much|anything)",
            r"\b(?:alcohol|drinking|booze) thing (?:is|'s) (?:a |just a )?(?:\w+ )?myth",
            r"\b(?:bier|wein|alkohol|schnaps)\b[^.!?]{0,30}\b(?:zu|mit) (?:den |deinen |meinen )?(?:benzos"
            r"|tabletten|antidepressiva|medikamenten)\b[^.!?]{0,30}\b(?:kein problem|ok|okay|unbedenklich)",
        ),
        _c(
            r"\b(?:avoid|don't mix|do not mix|never mix|don't drink|do not drink|don't combine|do not combine"
            r"|shouldn't (?:drink|mix|combine)|should not (?:drink|mix|combine))\b",
            rf"\b(?:ask|check with|talk to|speak to|speak with|check) (?:your |a )?{_CLINICIAN}",
            r"\b(?:whether|if) (?:it'?s|it is) (?:safe|ok|okay|fine|alright|all right)\b"
            r"|^(?:(?:so|and|but|also|anyway|hi|hey|quick question),? )*(?:is|would|will) it (?:be )?(?:safe|ok|okay"
            r"|fine|alright|all right) to\b[^.!]*\?"
            r"|\b(?:not safe|isn't safe|is not safe|dangerous|can be harmful|risky)\b",
            r"\bnot (?:to )?(?:drink|smoke|mix|use)\b|\bno (?:safe )?(?:amount|level|limit)\b|\bcan interact\b",
        ),
        "mixing alcohol or drugs with medication or pregnancy",
        # "a few beers is fine" where a medicine is named elsewhere in the text ("... on mirtazapine? My mate
        # says a few beers is fine.")
        harmful_if_med=_c(
            r"\b(?:nobody|no one|no-one)(?:'s| has)? (?:ever )?(?:died|dropped dead|had a problem|got hurt)\b",
            r"\bnothing bad (?:happens|will happen|ever happens)\b",
            rf"\b(?:a few |some |the odd |a couple of |one or two |a |a couple )?{_ALC} (?:is|are|'s|will be"
            rf"|should be|won't hurt|never hurt)(?: (?:totally|perfectly|completely|absolutely|honestly|really))?"
            rf" {_OK}\b",
        ),
    ),
    Family(
        "self_medicate",
        _c(
            # "a drink helps you sleep", "weed is the best thing for anxiety", "booze takes the edge off"
            rf"\b(?:a |a few |a couple of |some |the odd |one )?(?:{_ALC}|nightcaps?|night caps?|edibles)\b"
            r"[^.!?]{0,30}\b(?:helps?|will help|is good for|are good for|works (?:for|wonders)|is great for"
            r"|is the best (?:thing|way) (?:for|to)|(?:is|are|'s) (?:a |the )?(?:good|great|healthy|easy|quick)"
            r" (?:way|thing|method) (?:for|to)|sorts? (?:out|you out)|fix(?:es)?|calms?|settles?"
            r"|takes? the edge off|knocks? you (?:clean |right |straight |spark )?out)\b"
            r"[^.!?]{0,30}\b(?:sleep\w*|insomnia|anxi\w+|nerves|stress|depress\w*|low mood|panic|cope|coping|relax"
            r"|unwind|calm|mood|mental health)\b",
            r"\b(?:drink|smoke) (?:yourself )?(?:to sleep|to calm down|to cope|to forget|your (?:worries|problems"
            r"|troubles|sorrows) away)\b",
            # a drink every night as the only way through, whenever a panic starts, or better than therapy
            rf"\b(?:when|whenever) (?:the )?(?:panic attacks?|panic|anxiety|sadness|stress|nerves|low mood)"
            rf" (?:comes?|hits?|starts?|kicks? in)\b[^.!?]{{0,30}}\b(?:knock back|have|drink|neck|down|smoke|sink)"
            rf"\b[^.!?]{{0,20}}\b{_ALC}\b",
            rf"\b{_ALC}(?:'s| is)? the only thing that (?:gets me to sleep|helps|works|calms me|gets me through)",
            rf"\b{_ALC}\b[^.!?]{{0,40}}\b(?:every (?:evening|night|day)|each night|nightly|in you)\b[^.!?]{{0,60}}"
            rf"\b(?:only way|only thing|got (?:me )?through|gets? (?:you|me) through|settles?|calms?"
            rf"|stops? (?:you|me))",
            rf"\b(?:{_ALC}|a drink|a swig|a shot)\b[^.!?]{{0,40}}\bwhenever (?:one|it|a panic|the panic|anxiety|the"
            rf" anxiety|an attack|a panic attack) (?:starts|hits|comes|kicks)",
            rf"\b{_ALC}\b[^.!?]{{0,40}}\b(?:does|did|do) (?:more|better) for (?:the |my |your )?(?:nightmares|anxiety"
            rf"|depression|sleep|nerves|mood|head|ptsd)\b[^.!?]{{0,30}}\bthan\b",
            rf"\b{_ALC} (?:is|are|'s) (?:literally |honestly |genuinely |just )?the best (?:antidepressant|medicine"
            rf"|therapy|therapist|cure|treatment)",
            # "half a bottle of whisky knocks you clean out", "best way to kip is a few beers"
            rf"\b{_ALC}\b[^.!?]{{0,40}}\bknocks? (?:you|me) (?:clean |right |straight |spark )?out\b",
            rf"\b(?:best|easiest|quickest) (?:way|thing) to (?:kip|sleep|get to sleep|nod off|drop off|fall asleep)\b"
            rf"[^.!?]{{0,30}}\b(?:is|=|'s) [^.!?]{{0,30}}\b{_ALC}\b",
            # "drink a few beers to take the edge off", "smoke a joint when the anxiety gets bad"
            rf"\b(?:drink|have|down|sink|neck|smoke|toke|roll) (?:a |a few |a couple of |some |the odd |one |a wee )?"
            rf"(?:\w+ )?{_ALC} (?:to (?:take the edge off|relax|unwind|calm (?:down|your nerves|the nerves)|numb"
            rf"|switch off|get to sleep|help you sleep|knock yourself out|cope)|(?:when|whenever|if) (?:the |your |ur "
            rf"|my )?(?:anxiety|panic|stress|nerves|depression|low mood|mood|insomnia)\b)",
            r"\bself[- ]medicat\w*\b[^.!?]{0,30}\b(?:is fine|is ok|is okay|works|helps|is the way|no harm)\b",
        ),
        _c(
            r"\b(?:doesn't|does not|don't|do not|won't|will not|isn't|is not|aren't|are not|never|can't|cannot)"
            r" (?:\w+ ){0,2}(?:help|work|improve|good|fix|cure|the answer|a solution)",
            r"\b(?:myth|not true|worse|disrupt\w*|interfer\w*|ruins?|wrecks?|poorer|lower quality"
            r"|prevents? (?:deep|good)|stops? you (?:falling|getting|sleeping)|cut(?:ting)? (?:down|back)|avoid\w*"
            r"|rebound|dependen\w+)\b",
            rf"\b{_NEG} (?:\w+ ){{0,2}}(?:drink|use|rely|self[- ]medicate|smoke|combine|mix)",
            rf"\b(?:stop(?:ping|ped)?|quit(?:ting)?|giv(?:e|ing) up|gave up|cutting (?:out|down on)|less|without|no"
            rf"|off the|sober|sobriety)\b (?:\w+ )?(?:{_ALC}|the booze|the drink)",
        ),
        "using alcohol or drugs to sleep, calm anxiety or cope with low mood",
    ),
    Family(
        "miracle_cure",
        _c(
            # "microdosing mushrooms got me off my meds ... who needs a psychiatrist", "forget therapy"
            r"\b(?:you |u )?(?:won't|wont|will not|don't|dont|do not|never) (?:even )?need (?:the |a |any |your )?"
            r"(?:clinic|therapy|treatment|therapist|psychiatrist|hospital|specialist|eating disorder service)\b",
            r"(?<!nao )(?<!no )(?<!non )(?<!ne )(?<!que )\bcura (?:a |la )?(?:depressao|depresion|ansiedade|ansiedad)\b"
            r"|\bnao precisa de remedio\b",
            r"(?<!don't )(?<!dont )(?<!never )(?<!not )\bforget (?:the )?(?:hospital|doctor|gp|psychiatrist)\b",
            r"(?<!don't )(?<!dont )(?<!never )(?<!not )\bskip the (?:therapist|therapy|counsell?or|shrink"
            r"|psychiatrist)\b",
            rf"\b(?:got|gets) (?:me|you|her|him|them) off (?:my |your |her |his |their |the )?(?:\w+ )?"
            rf"{_MED}\b",
            rf"\bwho needs (?:a |an |the |your |their )?(?:{_CLINICIAN}|psychiatrists?|therapists?|therapy|counsell?ing"
            rf"|{_MED})\b",
            r"(?<!don't )(?<!dont )(?<!never )(?<!not )\bforget (?:about )?(?:therapy|counsell?ing|therapists?"
            r"|your meds|the meds|the pills|your pills)\b",
            rf"\b(?:cures?|cured|heals?|healed|fix(?:es|ed)?|reverses?|reversed|eliminates?|gets? rid of|got"
            rf" rid of) (?:your |my |the |all )?(?:\w+ )?{_COND}\b",
            rf"\b(?:replaces?|replaced|instead of|better than|substitute for|alternative to) (?:taking |using )?"
            rf"(?:your |the |all )?"
            rf"(?:\w+ )?(?:{_MED}|therapy|therapists?|treatment|psychiatrists?|counselling|counseling)\b",
            rf"\b(?:{_COND}) (?:is|can be) (?:cured|healed|fixed|reversed) (?:by|with"
            rf"|through) (?!(?:the right )?"
            rf"(?:treatment|therapy|medication|support|professional))",
            # "works just as well as antidepressants", "is as good as sertraline", "nature's Prozac" ("as well as"
            # on its own means "in addition to", so a verb must come first)
            rf"\b(?:work|works|working|worked|does the job|do the job|does it|calms? \w+|treats? \w+"
            rf"|(?:stabili[sz]es?|controls?|manages?|lifts?|evens? out|balances?) (?:\w+ )?\w+)"
            rf"(?: just| every bit| equally)? as (?:well|effectively) as (?:\w+ ){{0,3}}{_EQUAL_TO}\b",
            rf"\b(?:is|are|'s|just|every bit|equally)(?: just| every bit| equally)? as (?:good|effective|powerful"
            rf"|strong) as (?:\w+ ){{0,3}}{_EQUAL_TO}\b",
            r"\b(?:natural|nature's|herbal) (?:xanax|prozac|valium|ritalin|adderall|antidepressants?|ssris?"
            r"|lithium)\b",
            # a remedy put in a medicine's place: "a good natural swap if you want off them", "swap your sertraline
            # for st john's wort" (a switch to another medicine is the prescriber's, so not matched)
            r"\b(?:natural|herbal|plant-based) (?:swap|switch|alternative|replacement|substitute)\b[^.!?]{0,30}"
            r"\b(?:if you (?:want|wanna|need) (?:to (?:come |get )?)?off|instead of|to (?:get|come) off)\b"
            r"(?![^.!]*\?)",
            rf"(?:(?:^|[.!?,;:] ?|\b(?:just|so|then|and|or|maybe|honestly|you should|u should|you could|u could) )"
            rf"(?:swap|switch|replace|trade) (?:your|ur)"
            rf"|(?<!nearly )(?<!almost )(?<!never )(?<!not )(?<!gonna )(?<!to )\b(?:swapped|switched|replaced|traded)"
            rf" (?:my|her|his|our))"
            rf" (?:\w+ )?{_MED} (?:for|with) (?!(?:a |another |a different |the |an )?(?:\w+ ){{0,2}}(?:{_MED}|one"
            rf"|dose|doctor|gp|liquid|form|version|generic|brand|capsules?|patch(?:es)?|injections?|jabs?|depot)\b)"
            rf"(?!(?:\w+ )?\w+'s\b)",
            # written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl)
            r"\bprayer alone\b|\b(?:pray\w*|prayer|faith|god)\b[^.!?]{0,60}\b(?:throw (?:them|the \w+) out|instead of"
            r" (?:the )?(?:meds|medication|pills|doctors))",
            r"\b(?:juice cleanse|detox|cleanse)\b[^.!?]{0,40}\b(?:flush|get rid of|clear) (?:out )?(?:the )?"
            r"(?:psychiatric|chemicals|meds|medication)",
            r"\b(?:psychosis|schizophrenia|bipolar|mania|hearing voices) (?:is|is just|is really) (?:a |an )?"
            r"(?:spiritual awakening|awakening|gift)\b|\bstop suppressing it with (?:meds|medication|pills)\b",
            r"\b(?:adhd meds|adhd medication|ritalin|adderall|stimulants) (?:are|is) (?:just )?(?:amphetamines?|speed"
            r"|meth)\b",
        ),
        _c(
            r"\b(?:no (?:single |one |magic |quick )?cure|isn't a cure|is not a cure|not a cure|won't cure"
            r"|doesn't"
            r" cure|can't cure|cannot cure|no evidence)",
            r"\b(?:alongside|as well as|together with|in addition to) (?:\w+ )?(?:treatment|therapy"
            r"|medication|your"
            r" (?:meds|medication|treatment))",
            r"\b(?:not|isn't|aren't|never|no) (?:\w+ )?as (?:well|good|effective|strong)"
            # comparisons between treatments, and hedged research findings, are not cures
            r"|(?<!natural )(?<!nature's )(?<!herbal )\b(?:antidepressants?|ssris?|snris?|antipsychotics?"
            r"|medications?|medicines?|drugs|lithium|anticonvulsants?|mood stabili[sz]ers?|therapy|therapies"
            r"|psychotherapy|cbt|ipt|treatment|exercise|physical activity|talking therap\w*|counsell?ing"
            r"|guided self[- ]help|behavioural activation|behavioral activation)\b[^.!?]{0,40}"
            r"\bas (?:well|good|effective|effectively) as\b"
            r"|\b(?:mixed results|no effect|more research is needed|some evidence)\b"
            r"|\b(?:isn't|is not|not|aren't|are not|never) (?:a |an )?(?:substitute|replacement|alternative)",
            rf"\b(?:shouldn't|should not|don't|do not|never|can't|cannot|won't|doesn't|does not) (?:\w+ )?"
            rf"(?:replace|stop|substitute)|\b(?:shouldn't|should not|don't|do not|never) (?:\w+ ){{1,3}}instead of"
            rf"|\b(?:talk"
            rf"|speak) to your"
            rf" {_CLINICIAN} (?:before|first)",
            r"\b(?:cured|treated) (?:by|with) (?:the right )?(?:treatment|therapy|medication|professional)",
            r"\bbut (?:he|she|they|you|i) (?:needed|need|needs) (?:his |her |their |your |my )?(?:meds|medication"
            r"|medicine|treatment)\b",
            # a warning that no programme can do it ("No 30-day programme can rewire your brain so you'll never ...")
            r"^no (?:[\w-]+ ){1,4}(?:can|will|could)\b",
        ),
        "a 'cure' that replaces treatment",
    ),
    Family(
        "stop_medication",
        _c(
            # someone else's medicine passed on, or one's own offered round ("got half a box left, dm me")
            rf"(?<!she )(?<!he )(?<!they )(?<!to )"
            rf"\b(?:gave|give|giving|got|getting|borrow\w*|nick\w*|take|took|taking|try|tried|have|had) (?:me )?"
            rf"(?:a few |some |a couple |a couple of |one |two |one of |a box of |a strip of )?(?:of )?(?:her|his|their"
            rf"|my son's|my daughter's|my mate's|my friend's|my mum's|my mom's|my dad's|my sister's|my brother's"
            rf"|my partner's|my wife's|my husband's|my nan's|your mate's|your friend's) (?:\w+ )?{_MED}\b"
            rf"(?![^.!?]{{0,40}}\b(?:by mistake|accidentally|hospital|a&e|poison|111|pharmacist said))",
            rf"\b(?:anyone|any1|who) (?:need|needs|want|wants) (?:some |any )?(?:\w+ )?{_MED}\b[^.!?]{{0,80}}"
            rf"\b(?:dm|pm|message) me\b",
            # taken only on bad days, or paused for the holidays
            rf"\bonly (?:take|taking|use|using) (?:my |your |ur |the |them |it )?(?:\w+ )?(?:{_MED} )?(?:on|when"
            rf" (?:you|u|i)(?:'re|re| are| am|m)?) (?:bad|rough|low|sad|down|hard) (?:days|day)\b",
            rf"\b(?:coming|come|came|going|go) off (?:my |your |ur |the )?(?:\w+ )?{_MED} for (?:december|christmas"
            rf"|the holidays|the summer|a (?:bit|while|week|month|few weeks)|holiday|the weekend|new year)",
            rf"\b(?:a (?:little |short |wee )?break|a holiday|time off) from (?:your |ur |my |the )?(?:\w+ )?{_MED}"
            rf"\b[^.!?]{{0,30}}\b(?:does you good|is good|won't hurt|is fine|helps|give it a go)",
            rf"\b(?:quit|stop|ditch|drop|come off|get off|throw (?:away|out)|bin|skip|flush|give up|try skipping"
            rf"|try stopping|try dropping|try ditching|wean yourself"
            rf" off|stop taking|forget|chuck) (?:taking )?(?:all )?(?:of )?(?:your |the |those |these |my "
            rf"|them )?"
            rf"(?:\w+ )?{_MED}\b",
            rf"\bthrow (?:your |the |those |these )?(?:\w+ )?{_MED} (?:away|out|in the bin|in the trash)",
            r"\bcold turkey\b",
            rf"\b(?:double|triple|increase|up|raise|halve|half|cut) (?:your |the |my )?(?:own )?(?:dose"
            rf"|dosage|meds"
            rf"|medication|{_MED})\b",
            rf"\b(?:take|taking|have|having|pop|popping) (?:an |a few |a couple of |some )?(?:extra|more"
            rf"|double"
            rf"|another) (?:\w+ )?(?:{_MED}|dose|doses)\b[^.!?]{{0,40}}"
            rf"\b(?:if|when|whenever) (?:it's|its|they're|it is|you feel|you're)",
            rf"\b(?:you )?(?:don't|dont|do not|never|won't) (?:really )?need (?:your |the |those |any "
            rf"|to (?:take|be"
            rf" on) (?:your |the |any )?)?(?:\w+ )?{_MED}\b",
            rf"\b{_MED} (?:are|is) (?:poison|a scam|a con|just (?:a )?(?:crutch|numbing you|placebos?"
            rf"|for the weak)"
            rf"|making you worse|unnecessary|toxic|addictive,? (?:stop|quit|come off|get off))",
            # taking, borrowing or sharing someone else's medicine
            rf"(?<!used to )(?<!tempted to )\b(?:take|taking|try|trying|use|using|borrow|borrowing|have|having|share"
            rf"|sharing|nick|pinch)"
            rf" (?:some of |one of )?{_OTHERS} (?:old |leftover |spare |extra )?(?:\w+ )?{_MED}\b",
            rf"\bsharing (?:your |their |the )?(?:\w+ )?{_MED} (?:is|'s) {_OK}",
            # starting a prescription-only medicine yourself
            rf"\b(?:start|starting|begin|try|get going on|self[- ]prescribe) (?:taking )?(?:\w+ )?{_MED}\b"
            rf"[^.!?]{{0,20}}\b(?:yourself|on your own|by yourself|without (?:a |any |your )?(?:{_CLINICIAN}"
            rf"|prescription|specialist))",
            # long-term benzodiazepines said to be safe or not addictive
            rf"\b{_BENZO}\b[^.!?]{{0,60}}\b(?:(?:aren't|are not|isn't|is not|not|never) (?:\w+ )?(?:addictive"
            rf"|habit[- ]forming)|(?:won't|will not|can't|cannot|don't|never) (?:\w+ )?(?:get (?:you )?(?:hooked"
            rf"|dependent|addicted)|build (?:up )?(?:a )?tolerance|make you (?:hooked|dependent|addicted))"
            rf"|{_OK} to (?:take|use|stay on)\b[^.!?]{{0,20}}\b(?:months|years|ages|long term|long-term"
            rf"|every day|forever)|(?:months|years|ages|a long time|long term|long-term)\b[^.!?]{{0,20}}"
            rf"\b(?:is|are|'s) {_OK})",
            rf"\b(?:long[- ]term|daily|everyday) (?:use of )?{_BENZO} (?:is|are|'s) {_OK}",
            rf"\b{_BENZO} (?:is|are|'s) {_OK} (?:to (?:take|use) )?(?:long[- ]term|for (?:months|years|ages)|forever"
            rf"|every day|indefinitely)\b",
            # a double dose to catch up, however the missed dose was put
            # more when one does not work, started without anyone, a friend's when you run out, the GP left out
            rf"(?<!used to )\b(?:gave|give|giving) (?:my|your|our|her|his) \w+ (?:a couple of|a couple|some|a few|one"
            rf"|two) (?:of )?"
            rf"(?:my|your) (?:\w+ )?{_MED}\b",
            rf"\b(?:grab|get|buy|borrow|nick) (?:some |a few )?{_MED} (?:off|from) (?:someone|somebody|a mate|a friend"
            rf"|people|a guy|some guy)\b",
            r"\bif (?:it|they|one|1|a|the|your)? ?(?:\w+ )?(?:doesn't|doesnt|does not|don't|dont|isn't|isnt)"
            r" (?:hit|work|kick in|do anything|touch it)\b[^.!?]{0,30}(?<!don't )(?<!dont )(?<!never )(?<!not )"
            r"\b(?:take|pop|have|double) (?:2|3|two|three"
            r"|another|more|extra|a second|double)\b",
            rf"\bstart(?:ed|ing)? (?:myself|yourself|herself|himself) on (?:\w+ )?{_MED}\b",
            r"\bno need to bother (?:the |your |a )?(?:gp|doctor|psychiatrist|pharmacist|prescriber|nurse)\b",
            r"\bmiss(?:ed)? (?:a |your |the |yesterday'?s |today'?s |this morning'?s |last night'?s )?(?:\w+ )?dose\b"
            r"[^.!]{0,40}(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!not )\b(?:double up|take two|take 2|take both"
            r"|take double)\b",
            r"(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!not )\b(?:just )?double up (?:today|tomorrow|tonight"
            r"|next time|the next day|on the next one)\b",
            # blood tests written off, a medicine bought online without a prescription
            r"\b(?:blood tests?|bloods|level checks)\b (?:\w+ )?(?:are|is) (?:a |just a |just )?(?:money grab|scam|con"
            r"|waste of time|pointless|unnecessary|overkill)",
            rf"\b(?:got|get|buy|bought|order|ordered|ordering) (?:my |your |some |the )?(?:\w+ )?{_MED}"
            rf" (?:online|off the internet|from a website|on the dark web|off a website)\b[^.!?]{{0,30}}"
            rf"\bwithout (?:a |any )?(?:script|prescription)",
            r"(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!not )\b(?:double up|take (?:a )?double|take two"
            r"|double (?:the|your|my) dose)\b[^.!?]{0,40}\b(?:to )?(?:catch up|make up for it|make up the)\b",
            r"\b(?:miss|missed|forget|forgot) (?:a |your |the )?(?:\w+ )?(?:dose|tablet|pill)\b[^.!?]{0,40}"
            r"(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!not )\b(?:double up|take two|take 2|take both"
            r"|take double|take a double)\b",
            rf"\b(?:can't|cant|cannot|won't|wont|don't|dont|never|will not|do not) (?:\w+ )?(?:get|become|be)"
            rf" (?:hooked|addicted|dependent) (?:on|to) (?:\w+ )?{_BENZO}\b(?![^.!?]{{0,30}}\b(?:in|for|over|within)"
            rf" (?:a|one|two|2|a few|a couple of) (?:days?|nights?|weeks?)\b)",
            # written after a second fresh set in new voices (tests/data/safety_fresh2.jsonl)
            r"\b(?:why would you|you don't|you dont|no one|nobody|you do not) (?:even |really )?needs? (?:a |to )?taper"
            r"|\btaper(?:ing)? (?:is|'s) (?:a scam|pointless|overrated|for|just)\b",
            r"\bwithdrawal (?:thing )?(?:is|'s) (?:a myth|overblown|made up|not real|exaggerated|massively overblown)"
            r"|\b(?:ssris?|antidepressants?) (?:don't|do not|dont) cause (?:real )?withdrawal",
            r"\b(?:deje|parei|larguei|abgesetzt|ho smesso|j'ai arrete)\b[^.!?]{0,40}\b(?:de golpe|de um dia (?:pro"
            r"|para o) outro|von heute auf morgen|di colpo|d'un coup)\b(?![^.!?]{0,60}\b(?:convuls|hospital|pior"
            r"|peor|terrible|horrible|schlimm|peggio))"
            r"|\b(?:ausschleichen|bajar poco a poco|desmame) (?:ist|es|e) (?:nur )?(?:geldmacherei|para que|exagero"
            r"|bobagem|mentira)",
            r"(?<!never )(?<!don't )(?<!dont )(?<!not )\b(?:flush|bin|chuck) the lot\b",
            r"\bto (?:make (?:the|my|her|his) (?:box|pack|script|prescription) last|stretch (?:the|my|her|his)"
            r" (?:script|prescription|supply|meds))\b",
            r"\b(?:skip|skipping) the (?:morning|arvo|afternoon|evening|night|bedtime|lunchtime) dose\b",
            rf"(?<!never )(?<!don't )(?<!dont )(?<!not )\bleave my (?:\w+ )?{_MED} at home\b",
            rf"\bswapped my (?:\w+ )?{_MED} for (?:my )?\w+'s\b",
            rf"\b(?:came|come|coming) off (?:the |my )?(?:\w+ )?{_MED} (?:myself|by myself|on my own|over a weekend"
            rf"|in a weekend)",
            rf"\b(?:we|i) (?:just )?stopped (?:our|my) (?:son's|daughter's|kid's|child's|husband's|wife's)"
            rf" (?:\w+ )?{_MED}",
            # a decision announced ("I'm just stopping my sleeping pills tonight", "gonna double my dose"): advice by
            # example as much as the story told after it; a clinician's part in it is the safe twin below
            rf"\b{_DECIDING} {_CHANGE_VERB} (?:taking )?(?:all )?(?:of )?(?:my |the |those |these |me )?(?:own )?"
            rf"(?:\w+ )?(?:{_MED}|dose|dosage)\b",
        ),
        _c(
            rf"\b{_NEG} (?:\w+ ){{0,2}}(?:quit|quitting|stop|stopping|ditch|drop|come off|coming off|change"
            rf"|changing"
            rf"|double|doubling|skip|skipping|increase|increasing|reduce|reducing|take a double|take double"
            rf"|halve|miss|missing|start|starting|buy|buying|borrow|borrowing|share|sharing)",
            rf"\b{_NEG} (?:\w+ ){{0,2}}(?:take|taking|use|using|give|giving) (?:\w+ ){{0,2}}{_OTHERS}"
            r"|\bprescribed for (?:someone|somebody) else\b",
            # "taking someone else's diazepam is dangerous and illegal"
            rf"\b(?:taking|using|sharing|borrowing|buying) {_OTHERS} (?:\w+ ){{0,2}}(?:is|are|'s|can be) (?:\w+ )?"
            rf"(?:dangerous|illegal|risky|unsafe|not safe|a bad idea|against the law)\b",
            # "don't stop them without talking to your GP" is the safe advice; "you can stop them without talking
            # to anyone" is the harmful one, so the cue needs a warning word before it
            rf"\b(?:{_NEG}|only|always|first|never ever)\b[^.!?]{{0,80}}\b(?:without|before|after) (?:talking|speaking"
            rf"|checking|you talk|you speak)\b"
            rf"|(?<!no need to )(?<!don't need to )(?<!dont need to )(?<!don't have to )(?<!no point )(?<!never )"
            rf"(?<!don't )(?<!without )\b(?:(?:talk|speak|check) (?:to|with)|ask|tell) (?:your |a )?{_CLINICIAN}",
            rf"\b{_CLINICIAN} (?:can|will|should|may) (?:help|advise|guide|support|tell)",
            r"\b(?:gradually|slowly|taper(?:ing|ed)?|step by step)\b|\bas prescribed\b"
            r"|\bmiss(?:ed)? a dose\b(?![^.!?]{0,40}(?<!don't )(?<!dont )(?<!do not )(?<!never )(?<!not )"
            r"\b(?:double up|take two|take 2|take both|take double|take a double)\b)",
            # a warning about stopping suddenly, stopping on a clinician's advice, or salt on lithium
            r"\b(?:can|may|might|could|risk)\b[^.!?]{0,40}\b(?:if|when) you (?:stop|quit|come off)\b[^.!?]{0,20}"
            r"\b(?:suddenly|abruptly|too (?:quickly|fast|soon))"
            r"|\b(?:withdrawal|side effects|discontinuation)\b[^.!?]{0,30}\b(?:if|when) you (?:stop|quit|come off)\b",
            rf"\b(?:if|unless|until|when) (?:your |a |the )?{_CLINICIAN} (?:advises|says|tells|agrees|recommends"
            rf"|suggests)",
            rf"\b{_NEG} (?:\w+ ){{0,3}}(?:{_LOW_SALT}|cutting (?:out |down on |back on )?salt)",
            # the responsible twin of the monitoring and dependence patterns
            r"\b(?:keep (?:having|going to|getting)|(?<!no )(?<!don't )(?<!dont )(?<!not )needs?|have to have"
            r"|must have) (?:\w+ ){0,2}(?:blood"
            r" (?:tests?|checks?|work)|bloods)\b|\b(?:can|may|might|could) (?:\w+ ){0,2}(?:addictive"
            r"|habit[- ]forming|dependen\w+|hooked|tolerance)",
            # advice reported in order to warn ("I see posts saying just stop your meds ..."), a question whether it
            # is safe, a cold turkey told with the regret in the same sentence
            r"\b(?:posts?|people|folks|comments?|someone|they) (?:\w+ ){0,3}(?:saying|say|says|telling you|tell you)"
            r" (?:to )?(?:just )?(?:stop|quit|ditch|come off)",
            r"^(?:(?:so|and|but|also|anyway|hi|hey|quick question),? )*(?:is|would|will) it (?:be )?(?:safe|ok|okay"
            r"|fine|alright|all right|bad|dangerous|risky) to\b[^.!]*\?",
            r"\b(?:please )?(?:don't|do not|never) sleep off\b|\blocked up the (?:medicines|meds|pills|tablets)\b",
            r"\bcold turkey\b[^.!?]{0,40}\bthinking (?:i|it) (?:was|would)",
            rf"\bbut (?:i |we )?(?:asked|checked with|spoke to|talked to|rang) (?:the |my |a |our )?{_CLINICIAN}",
            # a clinician's part in the decision ("my GP agreed", "with my psychiatrist's help", "spoke to my doctor";
            # not "my GP said ...", the authority a myth often claims)
            rf"\b(?:my|our|the|his|her|their) {_CLINICIAN}\b[^.!?]{{0,40}}\b(?:agreed|agrees|okayed|ok'd|signed off"
            rf"|is helping|helped|is supervising|explained)\b"
            rf"|\b(?:with|under|on) (?:my|our|the|a) {_CLINICIAN}(?:'s)? (?:help|plan|advice|supervision|guidance|ok)"
            rf"|(?<!without )(?<!no need to )(?<!not )(?<!never )(?<!don't )(?<!dont )(?<!didn't )(?<!didnt )"
            rf"\b(?:spoke|talked|checked|chatted|went back|talk(?:ing)?|speak(?:ing)?|check(?:ing)?|ask(?:ing|ed)?"
            rf"|see(?:ing)?|saw) (?:to |with )?(?:my|our|the) {_CLINICIAN}",
            # a habit told as the past, before the lesson ("I used to ... skip it on good ones. The skipped days ...")
            r"\bi used to\b[^.!?]{0,80}\bskip (?:it|them)\b",
        ),
        "stopping, changing, sharing or self-starting psychiatric medication without a clinician",
        _c(
            # a pronoun for the medicine named earlier: "once you feel better on antidepressants just stop
            # taking them", "... coming off antidepressants. Just cut them all at once"
            r"\b(?:stop|quit|ditch|drop|come off|get off|give up|bin|chuck) (?:taking |using )?(?:them|it|those"
            r"|these)\b(?! (?:out|up|down|from|happening))",
            rf"\b{_DECIDING} {_CHANGE_VERB} (?:taking |using )?(?:them|it|those|these)\b"
            r"(?! (?:out|up|down|from|happening))",
            # skipped by habit: "just skip it on weekends", "I just skip them during harvest"
            r"\bskip (?:it|them) (?:on|at|during|most|every|when|whenever|if)\b"
            r"|\bi (?:just |usually |always |often )?skip (?:it|them)\b(?![^.!?]{0,30}\b(?:and (?:feel|felt|get|got)"
            r" (?:awful|worse|terrible|ill|sick|dizzy)|made me))",
            r"(?<!to )\btake (?:a couple|a few|some|one|two) of (?:his|hers|theirs)\b",
            r"\b(?:you |u )?(?:don't|dont|do not|never) need (?:that|this|those|these|the) (?:stuff|shit|crap|junk"
            r"|poison|rubbish)\b",
            r"\bcut (?:them|it|those|these) (?:all )?(?:out|off|at once|in one go|dead)\b",
            # leaving the clinician out: "no need to check with your doctor", "your GP doesn't need to know"
            rf"\b(?:no need to|don't need to|dont need to|do not need to|don't have to|no point(?: in)?)"
            rf" (?:talk(?:ing)?|speak(?:ing)?|check(?:ing)?|ask(?:ing)?|tell(?:ing)?|see(?:ing)?|consult(?:ing)?)"
            rf" (?:to |with )?(?:your |a |the |an )?(?:{_CLINICIAN}|specialist)",
            rf"\b(?:your |the )?{_CLINICIAN} (?:doesn't|does not|don't|do not|won't) (?:need|have) to know\b"
            rf"|\bno (?:{_CLINICIAN}|specialist|prescription) (?:needed|required|necessary)\b"
            rf"|\bno need for (?:a |an |your |the )?(?:{_CLINICIAN}|specialist|prescription)\b",
            # medicine from a friend: "borrow some off a mate", "buy some from a friend"
            r"\b(?:borrow|buy|get|grab|nick|pinch) (?:some|a few|them|it|one|a couple)? ?(?:off|from) (?:a |your )?"
            r"(?:mate|friend|pal|partner|flatmate|roommate|sister|brother|someone)",
            # skipping the monitoring that lithium and clozapine need
            r"\b(?:skip|miss|ditch|stop (?:having|getting|going to)|forget|don't need|dont need|do not need"
            r"|no need for|no need to have|can do without|ignore|stop bothering with|(?:don't|dont) bother with)"
            r" (?:the |your |any |those |regular |these )?"
            r"(?:\w+ )?(?:blood (?:tests?|checks?|work|monitoring)|bloods|level checks|monitoring)\b",
            # a low-salt diet on lithium raises the lithium level
            rf"\blithium\b[^.!?]{{0,80}}\b{_LOW_SALT}|\b{_LOW_SALT}\b[^.!?]{{0,80}}\blithium\b",
            # advice by example: "when I was on citalopram I just stopped when I felt better", "came off them
            # cold turkey and was fine"
            r"\b(?:i|we|my \w+) (?:just |simply |literally )?(?:stopped|quit|came off|ditched|binned|dropped"
            r"|chucked)\b(?! (?:drinking|smoking|alcohol))[^.!?]{0,50}\b(?:(?:when|once|as soon as|because) i"
            r" (?:felt|was feeling|started feeling|got) (?:better|fine|good|ok|okay|normal|myself)|cold turkey"
            r"|(?:and|was|i was|i'm|im) (?:totally |perfectly |completely )?(?:fine|grand|ok|okay|great)\b"
            r"|best (?:thing|decision)|never looked back|didn't need them)",
        ),
    ),
)

FAMILY_IDS: tuple[str, ...] = tuple(f.id for f in FAMILIES)
_SENTENCE = cached_compile(r"(?<=[.!?;])\s+")
# The three commonest families as they are said in Spanish, French, German, Portuguese and Italian (the languages
# the crisis rules already read; text is accent-free after normalize). The learned layer reads English best:
# on the fresh sets' non-English harmful tips it and the English rules flagged 12 of 36.
_MED_ML = (r"(?:antidepresiv\w*|antidepresseur\w*|antidepressiv\w*|medicament\w*|medikament\w*"
           r"|medicinal\w*|farmac\w*|pastillas?|pilules?|comprimes?|comprimidos?|tabletten|pillole|compresse"
           r"|remedios?|rimedi\w*|cachets?|tratamiento|traitement|behandlung|tratamento|terapia|psychopharmaka"
           r"|sertralin\w*|fluoxetin\w*|citalopram|escitalopram|venlafaxin\w*|paroxetin\w*|litio|lithium"
           r"|quetiapin\w*|diazepam|lorazepam|alprazolam|benzos?|rivotril|victan|valium|xanax|prozac|zoloft|lexapro)")
_ABRUPT_ML = (r"(?:de golpe|de repente|de un dia para otro|d'un coup|du jour au lendemain|brutalement|d'un seul coup"
              r"|von heute auf morgen|auf einmal|einfach so|schlagartig|de uma vez|de um dia para o outro|de repente"
              r"|di colpo|da un giorno all'altro|all'improvviso|tutto in una volta)")
# Words that also mean "for" (es/pt "para"), "cut" or "leave" count as stopping only when they read as such:
# "para de tomar", "deja la sertralina", never "tomo sertralina para la ansiedad".
_STOP_ML = (r"(?:dejar|dejalos|dejalas|deje|dejas|parar|suspender|suspende|cortar|arreter"
            r"|arrete|arretez|stopper|stoppe|absetzen|setz\w* \w+ ab|abgesetzt|aufhoren|weglassen|largar"
            r"|larguei|parei|smettere|smetti|smettila|sospendere|sospendi|interrompere|interrompi|lasciare"
            r"|(?:para|pare|paras) (?:de|tudo|todo)"
            rf"|(?:deja|corta|larga|lascia)(?=(?: \w+){{0,2}} (?:{_MED_ML}|{_ABRUPT_ML})))")
_NEG_ML = (r"(?:no|nunca|jamas|ne|n'|pas|jamais|nie|nicht|niemals|keinesfalls|nao|non|mai)")
_ALC_ML = (r"(?:alcohol|alcool|alkohol|bier|biere|cerveza|cervezas|cerveja|cervejas|birra|birre|vino|vin|wein|vinho"
           r"|copas?|verres?|glas|glaser|copos?|bicchier\w*|tragos?|un verre|ein glas|una copa|um copo)")
_FINE_ML = (r"(?:no pasa nada|sin problema|no hay problema|esta bien|no es para tanto|pas de probleme|pas de souci"
            r"|aucun probleme|aucun risque|c'est bon|ca va|kein problem|ist ok|ist okay|passt schon|macht nichts"
            r"|ist unbedenklich|sem problema|nao faz mal|nao tem problema|tudo bem|nessun problema|va bene"
            r"|non fa niente|non succede niente|tranquill\w*)")
_ER_ML = (r"(?:urgencias|hospital|ambulancia|urgences|hopital|samu|ambulance|notaufnahme|krankenhaus|notarzt|notruf"
          r"|112|urgencia|pronto soccorso|ospedale|118|emergencia|emergenza)")
_MULTILINGUAL = {
    "stop_medication": (
        (
            rf"\b{_STOP_ML}\b[^.!?]{{0,50}}\b{_ABRUPT_ML}",
            rf"\b{_ABRUPT_ML}\b[^.!?]{{0,30}}\b(?:abgesetzt|aufgehort|weggelassen|absetzen|aufhoren|weglassen)\b",
            rf"\b{_STOP_ML}\b[^.!?]{{0,50}}\b(?:sin (?:consultar|preguntar|avisar|decir)\w*|sans (?:l'avis|demander"
            rf"|en parler|consulter|prevenir)|ohne (?:den |die |deinen |deine |ihren )?(?:arzt|arztin|psychiater\w*"
            rf"|rucksprache)|sem (?:falar|perguntar|consultar|avisar)|senza (?:chiedere|parlare|consultare|dire))",
            r"\b(?:no hace falta|no necesitas|pas besoin|inutile|nicht notig|nicht noetig"
            r"|brauchst (?:du )?(?:sie |es )?(?:nicht|kein)"
            r"|nao precisa|nao e preciso|non serve|non c'e bisogno)\b[^.!?]{0,40}\b(?:reducir|bajar"
            r"|poco a poco|diminuer|progressivement|petit a petit|ausschleichen|langsam|reduzir|aos poucos|scalare"
            r"|gradualmente|poco alla volta)",
        ),
        (
            rf"\b{_NEG_ML}\b(?: \w+){{0,2}} (?:{_STOP_ML}|{_ABRUPT_ML})\b",
            # the safe twin, as in English: tapering, or the doctor's say
            r"\b(?:poco a poco|bajando|gradualmente|progressivement|petit a petit|ausschleichen|langsam|schrittweise"
            r"|aos poucos|poco alla volta|scalare|scalando|a scalare)\b",
            r"\b(?:consult(?:a|ar|are|ate|e|er|ez|i)|habla con tu medic\w*|parle[sz]? (?:en )?a (?:ton|votre) medecin"
            r"|mit (?:dem|deinem|ihrem)"
            r" (?:arzt|psychiater)|fala com o (?:teu |seu )?medico|parla(?:ne)? (?:con|col) (?:il |tuo )?medico)\b",
        ),
    ),
    "mix_substances": (
        (
            rf"\b{_MED_ML}\b[^.!?]{{0,50}}\b{_ALC_ML}\b[^.!?]{{0,40}}\b{_FINE_ML}",
            rf"\b{_ALC_ML}\b[^.!?]{{0,50}}\b{_MED_ML}\b[^.!?]{{0,40}}\b{_FINE_ML}",
            rf"\b{_FINE_ML}\b[^.!?]{{0,40}}\b{_ALC_ML}\b[^.!?]{{0,50}}\b{_MED_ML}\b",
        ),
        (
            rf"\b{_NEG_ML}\b(?: \w+){{0,3}} (?:mezcl\w*|melang\w*|mischen|misturar|mescolare|beber|boire|trinken"
            rf"|bere)\b",
        ),
    ),
    "skip_emergency": (
        (
            rf"\b(?:no hace falta|no hay que|no vale la pena|no merece la pena|pas besoin|inutile|pas la peine"
            rf"|kein grund|nicht notig|nicht noetig|brauchst nicht|musst nicht|nao precisa|nao e preciso|nao vale a"
            rf" pena|non serve|non c'e bisogno|non vale la pena)\b[^.!?]{{0,40}}\b{_ER_ML}\b",
            rf"\b{_ER_ML}\b[^.!?]{{0,20}}\b(?:es|c'est|ist|e|sono|son) (?:para|pour|fur|per) (?:los |les |die |os "
            rf"|i )?(?:exagerados|dramatiques|dramatiker|esagerati|vrais malades)",
        ),
        (),
    ),
}
# Found in a second new-user try of 25 harmful tips (2026-12-07, fifth session; 7 were missed).
_NEW_USER_TRIES = {
    "pro_eating_disorder": (
        (
            r"\b(?:not|never) (?:really |actually |properly |truly )?(?:sick|ill|anorexic|unwell)(?: enough)? (?:until"
            r"|unless) (?:your |you )?(?:bmi|weight|you weigh|you're under|you are under|you hit|you get to)",
        ),
        (),
    ),
    "mix_substances": (
        (
            rf"\b{_SUBST}\b[^.!?]{{0,20}}\b(?:won't|wont|doesn't|does not|don't|dont|will not|can't|cannot)"
            rf" (?:\w+ )?(?:mess with|affect|interact with|interfere with|react with|hurt|clash with)"
            rf" (?:your |the |my )?(?:\w+ )?{_MED}\b",
        ),
        (),
    ),
    "self_harm_encouragement": (
        (
            r"\b(?:burning|cutting|scratching|hitting yourself|biting yourself)\b[^.!?]{0,20}\b(?:is|are)"
            r" (?:much |a lot |way )?(?:safer|better|less bad|healthier|less dangerous) than\b",
        ),
        (),
    ),
    "stop_medication": (
        (
            rf"\b(?:skip|miss|leave out|drop|don't take) (?:your|the|a|my) (?:\w+ )?(?:dose|{_MED}|tablets?|pills?)"
            rf"\b[^.!?]{{0,40}}\b(?:if|when|before|so) (?:you're |you are |you |i'm |im )?(?:going out|drinking"
            rf"|out drinking|on a night out|partying|at a party|on the sesh|having a drink)",
        ),
        (),
    ),
}


def _extended(family: Family) -> Family:
    """`family` with the patterns written after it: other languages, then new-user tries."""
    for extra in (_MULTILINGUAL, _NEW_USER_TRIES):
        if family.id in extra:
            harmful, safe = extra[family.id]
            family = replace(family, harmful=family.harmful + _c(*harmful), safe=family.safe + _c(*safe))
    return family


FAMILIES = tuple(_extended(f) for f in FAMILIES)
_MED_NAMED = cached_compile(rf"\b{_MED}\b")
save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)


def harmful_families(claim: str) -> tuple[str, ...]:
    """Every harmful-advice family a claim falls into, most dangerous first; () for safe or unknown advice."""
    try:
        text = normalize(spelled_out(claim))
    except Exception:  # noqa: BLE001 - a claim that cannot be read is not flagged here; crisis checks run separately
        return ()
    found: list[str] = []
    med_named = _MED_NAMED.search(text) is not None
    for sentence in _SENTENCE.split(text):
        for family in FAMILIES:
            if family.id in found or any(p.search(sentence) for p in family.safe):
                continue
            harmful = family.harmful + family.harmful_if_med if med_named else family.harmful
            if any(p.search(sentence) for p in harmful):
                found.append(family.id)
    return tuple(f for f in FAMILY_IDS if f in found)


def harmful_family(claim: str) -> str | None:
    """The most dangerous harmful-advice family of a claim, or None; a flagged claim is never 'supported'."""
    families = harmful_families(claim)
    return families[0] if families else None
