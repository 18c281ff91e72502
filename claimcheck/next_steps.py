"""What to do next, in plain words: one step per harmful-advice family and per verdict, written from the sources.

Each text paraphrases what the trusted pages in the corpus advise (NHS, NIMH, MedlinePlus); the page behind it
is named in the comment beside it. Emergency numbers are never written here: `{emergency}` is filled from
`claimcheck.safety.emergency_number(country)`, so a reader in Australia is not told to call 999.
"""

from __future__ import annotations

from claimcheck.models import ClaimVerdict

# Harmful-advice family (claimcheck.safety.harmful.FAMILIES) -> next step.
FAMILY_STEPS: dict[str, str] = {
    # NHS "Antidepressants" (side effects, stopping); NIMH "Mental Health Medications".
    "stop_medication": "Talk to your GP, prescriber or pharmacist before stopping or changing a medicine; "
    "stopping suddenly can cause withdrawal symptoms.",
    # NHS "Get urgent help for mental health": "Call 999 or go to A&E now if ... taken an overdose".
    "skip_emergency": "If someone may have taken too much of a medicine, {emergency_action} now, even if they "
    "seem fine.",
    # NHS "Antidepressants" (alcohol, other medicines, St John's wort); MedlinePlus drug pages.
    "mix_substances": "Ask a pharmacist before mixing a medicine with alcohol, recreational drugs, other "
    "medicines or herbal remedies such as St John's wort, and read the leaflet that comes with it.",
    # NHS Every Mind Matters "Sleep problems" ("Caffeine and alcohol can stop you falling asleep and prevent deep
    # sleep"); NIHSeniorHealth "Anxiety disorders" (alcohol or substance abuse "may mask anxiety symptoms or make
    # them worse"); NHS "Depression in adults" (cutting down on alcohol).
    "self_medicate": "Alcohol and drugs can make sleep, anxiety and low mood worse, not better: talk to your GP "
    "about what is keeping you awake or anxious, and about cutting down if you have come to rely on them.",
    # NHS "Clinical depression - treatment"; NIMH on unproven treatments.
    "miracle_cure": "No remedy cures a mental health condition on its own: talk to your GP before trying one, and "
    "keep taking any treatment you have been prescribed until you have spoken to them.",
    # NHS "Get urgent help for mental health"; CDC suicide prevention; the crisis banner lists the helplines.
    "self_harm_encouragement": "If you are thinking about hurting yourself, you do not have to cope alone: talk "
    "to someone you trust or a helpline, and {emergency_action} if you are in danger now.",
    # NHS "Eating disorders: overview"; NIMH "Eating Disorders".
    "pro_eating_disorder": "Eating disorders are serious and can be treated: talk to your GP, or to an eating "
    "disorder charity, as early as you can.",
}

# Verdict -> next step when no harmful family applies.
LABEL_STEPS: dict[str, str] = {
    "contradicted": "Do not act on this: follow the trusted advice quoted here, and ask a GP or pharmacist if it "
    "affects a treatment.",
    "supported": "This matches trusted advice; the page quoted has the details, and a GP or pharmacist can say "
    "whether it applies to you.",
    "unverified": "Do not rely on this until you have checked it with a GP, pharmacist or a trusted health "
    "website.",
}


def emergency_action(country: str | None) -> str:
    """'call 999 or go to A&E' for the UK, 'call 911 or go to the nearest emergency department' elsewhere."""
    from claimcheck.safety import emergency_number
    from claimcheck.safety.helplines import resolve_country

    code = resolve_country(country)
    number = emergency_number(code)
    place = "A&E" if code == "GB" else "the nearest emergency department"
    return f"call {number} or go to {place}"


def next_step(verdict: ClaimVerdict, country: str | None = None) -> str:
    """The step to take after reading this verdict ('' for spans that are not claims)."""
    if verdict.label == "not_checkable":
        return ""
    text = FAMILY_STEPS.get(verdict.harmful_family or "") if verdict.harmful else None
    text = text or LABEL_STEPS[verdict.label]
    return text.format(emergency_action=emergency_action(country)) if "{" in text else text
