"""Which medicine or substance a text is about, so a verdict never rests on a sentence about another one.

Why: the stance model reads "It is possible to overdose on marijuana, if you take a very high dose" as
contradicting "you can't overdose on paracetamol if you take it over a whole day", and a sentence saying a herb
works no better than a placebo as contradicting "antidepressants are just a placebo". The label may even be
right, but the quote does not settle the claim. Groups are broad (a class with its members, brand and street
names), so "sertraline" and "antidepressants" are the same subject; only a sentence that names a *different*
group, and none of the claim's, is set aside.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.regex_cache import cached_compile, save_compiled

_GROUPS: dict[str, str] = {
    "alcohol": r"alcohol\w*|booze|beers?|wine|vodka|whisk(?:e)?y|drinks|drinking|drunk|hangovers?",
    "cannabis": r"cannabis|marijuana|weed|thc|cbd|edibles?|skunk|spliffs?",
    "cocaine": r"cocaine",
    "methamphetamine": r"methamphetamines?|crystal meth|meth",
    "opioids": r"opioids?|opiates?|heroin|fentanyl|oxycodone|morphine|codeine|methadone|buprenorphine|naloxone"
    r"|narcan|tramadol|hydrocodone|oxycontin|percocet|vicodin",
    "mdma": r"mdma|ecstasy",
    "psychedelics": r"psilocybin|magic mushrooms?|shrooms|lsd|ketamine|psychedelics?",
    "nicotine": r"nicotine|cigarettes?|vap(?:e|es|ing)|tobacco",  # not "smoking": people smoke cannabis too
    "caffeine": r"caffeine|coffee|energy drinks?",
    "paracetamol": r"paracetamol|acetaminophen|tylenol|panadol",
    "antidepressants": r"antidepressants?|ssris?|snris?|sertraline|citalopram|escitalopram|fluoxetine|paroxetine"
    r"|venlafaxine|duloxetine|mirtazapine|bupropion|amitriptyline|trazodone|vortioxetine|maois?|tricyclics?"
    r"|prozac|zoloft|lexapro|cipralex|effexor|cymbalta|wellbutrin",
    "benzodiazepines": r"benzodiazepines?|benzos?|diazepam|lorazepam|alprazolam|clonazepam|xanax|valium"
    r"|klonopin|ativan",
    "sleeping pills": r"sleeping (?:pills?|tablets?)|zopiclone|zolpidem|ambien|z-drugs?",
    "lithium": r"lithium",
    "antipsychotics": r"antipsychotics?|quetiapine|olanzapine|risperidone|aripiprazole|clozapine|haloperidol"
    r"|seroquel|abilify",
    "adhd medicines": r"stimulants?|methylphenidate|lisdexamfetamine|dexamfetamine|amphetamines?|adderall"
    r"|ritalin|concerta|vyvanse|elvanse|atomoxetine",
    "st john's wort": r"st\.? john['’]?s wort|hypericum",
    "melatonin": r"melatonin",
    "painkillers": r"ibuprofen|aspirin|nsaids?|naproxen|nurofen|advil",
    "gabapentinoids": r"gabapentin|pregabalin|lyrica|neurontin",
}
_PATTERNS = {name: cached_compile(rf"\b(?:{body})\b", re.IGNORECASE) for name, body in _GROUPS.items()}


@lru_cache(maxsize=16384)
def substances(text: str) -> frozenset[str]:
    """The groups of medicines and substances `text` names."""
    return frozenset(name for name, pattern in _PATTERNS.items() if pattern.search(text))


def in_context(title: str, heading: str | None, quote: str) -> str:
    """A sentence as its subject is read: the page title and section heading name what "they" or "it" is."""
    return f"{title}. {heading or ''}. {quote}"


def about_another(claim: str, sentence: str) -> bool:
    """True when the claim names a medicine or substance and the sentence (with its title and heading) names
    others but none of the claim's."""
    wanted = substances(claim)
    if not wanted:
        return False
    named = substances(sentence)
    return bool(named) and not (wanted & named)


save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)
