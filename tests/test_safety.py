"""Safety layer: crisis recall, look-alike false positives, harmful-advice guard, redaction, helplines."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck.safety as safety
from claimcheck.safety import (
    CATEGORIES,
    FAMILY_IDS,
    METHOD_TERMS,
    NOTICE,
    PLACEHOLDER,
    TIERS,
    UNVERIFIED_NOTE,
    Safety,
    all_resources,
    assess,
    banner_text,
    crisis,
    default_country,
    find_method_terms,
    find_obsolete,
    harmful_families,
    harmful_family,
    helplines,
    redact,
    resources_for,
)

PROBE = Path(__file__).parent / "data" / "safety_probe.jsonl"
ITEMS: list[dict] = [
    json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines() if line.strip()
]
KINDS = {
    "crisis",
    "lookalike",
    "harmful_advice",
    "safe_advice",
    "buried",
    "html",
    "unicode",
    "non_english",
    "method",
}
AT_RISK = [i for i in ITEMS if i["tier"] != "none"]
URGENT = [i for i in ITEMS if i["tier"] == "urgent"]
CONCERN = [i for i in ITEMS if i["tier"] == "concern"]
LOOKALIKES = [i for i in ITEMS if i["kind"] == "lookalike"]
HARMFUL = [i for i in ITEMS if i["kind"] == "harmful_advice"]
SAFE_ADVICE = [i for i in ITEMS if i["kind"] == "safe_advice"]
COUNTRIES = tuple(helplines.HELPLINES)


def _ids(items: list[dict]) -> list[str]:
    return [i["id"] for i in items]


# --- the probe set itself ---------------------------------------------------------------------------------


def test_probe_set_shape():
    assert len(ITEMS) >= 170
    assert len(set(_ids(ITEMS))) == len(ITEMS), "duplicate ids"
    for item in ITEMS:
        assert set(item) == {"id", "text", "tier", "categories", "harmful_family", "kind", "lang"}, item["id"]
        assert item["tier"] in TIERS and item["kind"] in KINDS, item["id"]
        assert set(item["categories"]) <= set(CATEGORIES), item["id"]
        assert (item["tier"] == "none") == (not item["categories"]), item["id"]
        assert (item["kind"] == "harmful_advice") == (item["harmful_family"] is not None), item["id"]
        assert item["harmful_family"] in (None, *FAMILY_IDS), item["id"]
    kinds = Counter(i["kind"] for i in ITEMS)
    assert kinds["lookalike"] >= 30
    assert kinds["method"] >= 5
    for kind in ("buried", "html", "unicode", "non_english"):
        assert kinds[kind] >= 5, kind
    assert all(len(i["text"]) >= 500 for i in ITEMS if i["kind"] == "buried")
    assert {"es", "fr", "de", "pt", "it"} <= {i["lang"] for i in ITEMS if i["kind"] == "non_english"}
    for category in CATEGORIES:
        for tier in ("urgent", "concern"):
            assert any(category in i["categories"] and i["tier"] == tier for i in ITEMS), (category, tier)
    for family in FAMILY_IDS:
        assert sum(i["harmful_family"] == family for i in HARMFUL) >= 5, family
        assert any(i["id"].startswith(f"safe-{family}-") for i in SAFE_ADVICE), family


# --- crisis detection --------------------------------------------------------------------------------------


def test_urgent_recall_is_total():
    missed = [(i["id"], assess(i["text"]).tier) for i in URGENT if assess(i["text"]).tier != "urgent"]
    assert not missed, missed


def test_concern_recall():
    """Goal >= 90%; the probe set currently reaches 100%, and no concern item is over-escalated to urgent."""
    tiers = {i["id"]: assess(i["text"]).tier for i in CONCERN}
    detected = [k for k, t in tiers.items() if t != "none"]
    assert len(detected) / len(CONCERN) >= 0.90, sorted(set(tiers) - set(detected))
    assert all(t == "concern" for t in tiers.values()), {k: t for k, t in tiers.items() if t != "concern"}


def test_categories_are_named():
    wrong = [
        (i["id"], i["categories"], assess(i["text"]).categories)
        for i in AT_RISK
        if not set(i["categories"]) <= set(assess(i["text"]).categories)
    ]
    assert not wrong, wrong


def test_lookalike_false_positive_rate():
    fired = [i["id"] for i in LOOKALIKES if assess(i["text"]).tier != "none"]
    assert len(fired) / len(LOOKALIKES) <= 0.05, fired
    advice = [i["id"] for i in HARMFUL + SAFE_ADVICE if assess(i["text"]).tier != "none"]
    assert not advice, advice


def test_resources_follow_country_and_category():
    result = assess("My husband threatened to kill me", "uk")
    assert result.tier == "urgent" and result.categories == ("abuse",)
    names = [r.name for r in result.resources]
    assert "Samaritans" in names and any("Domestic Abuse" in n for n in names)
    assert all(r.country == "GB" for r in result.resources)
    assert assess("I want to die", "DE").resources == helplines.HELPLINES["INTL"]
    assert assess("What time is the walking group?").resources == ()


NEUTRAL = (
    "Thanks everyone for the replies last week. The walking group meets on Saturdays at ten by the park "
    "gates, and the library runs a free book club on Thursday evenings. Someone asked about the bus times, "
    "so I checked and the number twelve now runs every twenty minutes until eight. Tom shared a recipe for "
    "lentil soup that freezes well. The volunteering fair is at the community centre next month. "
)


def test_buried_in_long_paste_is_assessed_like_alone():
    """Long pastes are pre-filtered by anchor words; every probe item must come through it unchanged."""
    neutral = NEUTRAL * (crisis.FULL_SCAN_CHARS // len(NEUTRAL) + 1)
    assert len(neutral) > crisis.FULL_SCAN_CHARS
    dense = " ".join(i["text"] for i in LOOKALIKES + SAFE_ADVICE)
    dense = (dense * (crisis.FULL_SCAN_CHARS // len(dense) + 2))[: crisis.FULL_SCAN_CHARS].rsplit(". ", 1)[
        0
    ] + "."
    assert assess(neutral).tier == "none" and assess(dense).tier == "none"
    diffs = []
    for n, item in enumerate(ITEMS):
        alone = assess(item["text"])
        pads = (neutral, dense) if n % 10 == 0 else (neutral,)  # the dense pad is slow: every tenth item
        for pad in pads:
            buried = assess(pad + "\n\n" + item["text"] + "\n\n" + NEUTRAL)
            if (alone.tier, alone.categories) != (buried.tier, buried.categories):
                diffs.append(item["id"])
    assert not diffs, diffs


def test_one_megabyte_input_is_fast():
    """Loose regression bound: ~0.5 s measured for a 1 MB support-group paste; fails above 1.5 s."""
    chatter = " ".join(i["text"] for i in LOOKALIKES + SAFE_ADVICE if i["lang"] == "en")
    size = 1_000_000
    text = (chatter * (size // len(chatter) + 1))[:size]
    text = text[: size // 2] + " I'm going to kill myself tonight. " + text[size // 2 :]
    assess("warm up")
    start = time.perf_counter()
    result = assess(text)
    elapsed = time.perf_counter() - start
    assert result.tier == "urgent"
    assert elapsed < 1.5, f"{elapsed:.2f}s"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    text=st.one_of(
        st.text(),
        st.binary(max_size=400).map(lambda b: b.decode("utf-8", "surrogateescape")),
        st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=200),
        st.text(alphabet="<>&;#/ab0123456789!@$|.\u200b\u00ad\uff4b", max_size=300),
    ),
    country=st.one_of(st.none(), st.text(max_size=6), st.sampled_from(["GB", "uk", "en_NZ.UTF-8", ""])),
)
def test_assess_never_raises(text, country):
    result = assess(text, country)
    assert isinstance(result, Safety) and result.tier in TIERS
    assert isinstance(redact(text), str)
    assert harmful_family(text) in (None, *FAMILY_IDS)


def test_assess_falls_back_to_concern_when_broken(monkeypatch):
    def boom(_text):
        raise RuntimeError("rule engine failed")

    monkeypatch.setattr(crisis, "detect", boom)
    result = assess("anything at all", "GB")
    assert result.tier == "concern" and result.resources == helplines.HELPLINES["GB"]
    monkeypatch.setattr(crisis, "resources_for", lambda *a, **k: 1 / 0)
    result = assess("anything at all", "GB")
    assert result.tier == "concern" and result.resources == helplines.HELPLINES["INTL"]
    assert assess(None).tier == "concern"  # type: ignore[arg-type]


def test_normalize_undoes_obfuscation():
    cases = {
        "<p>I want to <b>d</b>ie</p>": "i want to die",
        "ｋｉｌｌ ｍｙｓｅｌｆ": "kill myself",
        "ki\u200bll my\u00adself": "kill myself",
        "k1ll mys3lf": "kill myself",
        "s u i c i d a l": "suicidal",
        "kіll (Cyrillic і)": "kill (cyrillic i)",
        "Ich möchte": "ich mochte",
        "40 pills, call 116 123": "40 pills, call 116 123",
    }
    for raw, expected in cases.items():
        assert crisis.normalize(raw) == expected, raw


# --- harmful-advice guard ----------------------------------------------------------------------------------


def test_harmful_family_recall():
    missed = [
        (i["id"], harmful_families(i["text"]))
        for i in HARMFUL
        if i["harmful_family"] not in harmful_families(i["text"])
    ]
    assert (len(HARMFUL) - len(missed)) / len(HARMFUL) >= 0.95, missed
    wrong_primary = [i["id"] for i in HARMFUL if harmful_family(i["text"]) != i["harmful_family"]]
    assert not wrong_primary, wrong_primary


def test_no_false_flags_on_safe_twins():
    flagged = [(i["id"], harmful_families(i["text"])) for i in SAFE_ADVICE if harmful_families(i["text"])]
    assert not flagged, flagged


def test_disclosures_and_lookalikes_are_not_advice():
    flagged = [i["id"] for i in AT_RISK + LOOKALIKES if harmful_family(i["text"])]
    assert not flagged, flagged


# --- safe messaging ----------------------------------------------------------------------------------------


def test_redact_removes_every_method_term():
    method_items = [i for i in ITEMS if i["kind"] == "method"]
    for item in method_items:
        assert find_method_terms(item["text"]), f"{item['id']} has no method detail to remove"
    left = {i["id"]: find_method_terms(redact(i["text"])) for i in ITEMS}
    assert not {k: v for k, v in left.items() if v}
    for item in method_items:
        out = redact(item["text"])
        assert PLACEHOLDER in out and len(out.replace(PLACEHOLDER, "").split()) >= 2, out


def test_redact_leaves_ordinary_text_alone():
    for item in LOOKALIKES + SAFE_ADVICE:
        if not find_method_terms(item["text"]):
            assert redact(item["text"]) == item["text"], item["id"]
    assert redact("I have 40 pills saved up.") == f"I have {PLACEHOLDER} saved up."


def test_notices():
    assert NOTICE == "Information from public-health sources, not medical advice."
    assert UNVERIFIED_NOTE == "No trusted source found: this does not mean it is safe."
    assert not find_method_terms(NOTICE + UNVERIFIED_NOTE)
    assert all(t == t.lower() for t in METHOD_TERMS)


@pytest.mark.parametrize("country", COUNTRIES)
def test_banner_is_calm_and_leads_urgent_with_emergency_number(country):
    urgent = banner_text(assess("I'm going to kill myself tonight", country))
    concern = banner_text(assess("I want to die", country))
    emergency = helplines.emergency_number(country)
    assert (
        urgent.splitlines()[0]
        == f"If you or someone else is in immediate danger, please call {emergency} now."
    )
    assert concern.startswith("It sounds like you might be going through a lot right now.")
    for text in (urgent, concern):
        assert "!" not in text and not find_method_terms(text) and not find_obsolete(text)
        assert "alone" in text
    for resource in helplines.HELPLINES[country]:
        if resource.name != helplines.EMERGENCY:
            assert resource.name in concern
    assert banner_text(Safety(tier="none")) == ""


# --- helplines ---------------------------------------------------------------------------------------------


def test_helplines_are_fresh():
    today = date.today()
    stale = [
        (r.country, r.name, r.last_verified) for r in all_resources() if (today - r.last_verified).days > 365
    ]
    assert not stale, f"re-check these against their source and update last_verified: {stale}"
    assert all(r.source.startswith("https://") for r in all_resources())


def test_required_numbers_are_listed():
    def numbers(country: str) -> str:
        return " ".join(f"{r.phone} {r.text} {r.url}" for r in helplines.HELPLINES[country])

    expected = {
        "GB": ["116 123", "111", "999", "85258"],
        "US": ["988", "911", "741741"],
        "IE": ["116 123", "112", "999", "50808"],
        "CA": ["988", "911"],
        "AU": ["13 11 14", "000"],
        "NZ": ["1737", "0800 543 354", "111"],
        "INTL": ["findahelpline.com", "your local emergency number"],
    }
    for country, wanted in expected.items():
        for number in wanted:
            assert number in numbers(country), (country, number)


def test_no_obsolete_number_in_any_output():
    assert find_obsolete("Samaritans 08457 90 90 90") == ["08457909090"]
    assert find_obsolete("call 1-800-273-TALK") == ["18002738255"]
    assert find_obsolete("call (800) 273-8255") == ["18002738255"]
    assert find_obsolete("call 116 123 or 988") == []
    for resource in all_resources():
        assert not find_obsolete(resource.model_dump_json()), resource.name
    for country in (*COUNTRIES, None, "DE"):
        for tier in ("urgent", "concern"):
            for categories in [(), *[(c,) for c in CATEGORIES]]:
                result = Safety(
                    tier=tier, categories=categories, resources=resources_for(country, categories)
                )
                assert not find_obsolete(banner_text(result) + result.model_dump_json())


def test_default_country(monkeypatch):
    for var in ("CLAIMCHECK_COUNTRY", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(helplines.locale, "getlocale", lambda: ("C", "UTF-8"))
    assert default_country() == "INTL"
    monkeypatch.setenv("LANG", "en_NZ.UTF-8")
    assert default_country() == "NZ"
    monkeypatch.setenv("CLAIMCHECK_COUNTRY", "uk")
    assert default_country() == "GB"
    monkeypatch.setenv("CLAIMCHECK_COUNTRY", "Atlantis")
    assert default_country() == "NZ"
    assert resources_for("en_AU") == helplines.HELPLINES["AU"]


def test_public_api_is_exported():
    for name in safety.__all__:
        assert hasattr(safety, name), name


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("you can stop taking your depression medicine without talking to your provider first", "stop_medication"),
        ("you can stop taking your antidepressants without talking to your doctor", "stop_medication"),
        ("stop your meds before talking to your doctor, they will just say no", "stop_medication"),
        ("don't stop taking your depression medicine without talking to your provider first", None),
        ("it is important not to stop your sertraline without speaking to your GP", None),
        ("only come off your meds after talking to your GP", None),
        ("you cant get addicted to benzos if you only take them at night", "stop_medication"),
        ("you dont get addicted to xanax, thats a myth", "stop_medication"),
        ("you can't get hooked on diazepam in a week", None),
        ("exercise is as good as antidepressants for mild depression", None),
        ("talking therapies work as well as antidepressants for mild depression", None),
        ("turmeric is as good as sertraline", "miracle_cure"),
        ("does anyone know if it's ok to drink on mirtazapine?", None),
        ("is it ok to drink on sertraline?", None),
        ("I take mirtazapine. My mate says a few beers is fine.", "mix_substances"),
        ("a few beers is fine.", None),
        ("benzos are safe long term if your doctor prescribed them", "stop_medication"),
        ("diazepam is not safe long term", None),
        ("paracetamol overdose isn't dangerous if you feel fine the next day", "skip_emergency"),
        ("an overdose is always dangerous, go to A&E even if you feel fine", None),
        ("going to A&E for self harm is a waste of their time", "skip_emergency"),
        ("go to A&E straight away", None),
        ("if you miss a dose of lithium just double up the next day", "stop_medication"),
        ("if you miss a dose of lithium, don't take two to make up for it", None),
        ("you're not really sick until your bmi is under 15", "pro_eating_disorder"),
        ("you are sick even if your bmi is normal, eating disorders come at any weight", None),
        ("a couple of joints won't mess with your lithium", "mix_substances"),
        ("a couple of joints can mess with your lithium levels", None),
        ("burning is safer than cutting if you really need to", "self_harm_encouragement"),
        ("cutting is not better than talking to someone", None),
        ("skip your evening dose if you're going out drinking", "stop_medication"),
        ("don't skip your dose if you're going out, just don't drink much", None),
        # a double dose to catch up, the missed dose named in an earlier message; a remedy swapped in for a medicine
        ("just take double tomorrow to catch up, thats what i do", "stop_medication"),
        ("never double up to catch up, ring 111 or ask your pharmacist", None),
        ("also st johns wort is a good natural swap if you want off them", "miracle_cure"),
        ("just swap your sertraline for st johns wort", "miracle_cure"),
        ("is st johns wort a natural alternative if you want off them?", None),
        ("dont swap your meds for supplements", None),
        ("nobody should swap lithium for keto", None),
        ("I swapped my tablets for the liquid form", None),
        ("switched my lithium for the slow release version", None),
        # seventh session: the catch-up dose as "take 2", alcohol or cannabis to take the edge off
        ("if u miss a dose of ur antidepressant just take 2 next time", "stop_medication"),
        ("If you miss a dose, don't take 2 next time, just carry on", None),
        ("if ur feeling low just drink a few beers to take the edge off", "self_medicate"),
        ("smoke a joint when the anxiety gets bad", "self_medicate"),
        ("don't drink a few beers to take the edge off, it backfires", None),
        ("Some people drink alcohol to cope, but it makes things worse.", None),
        ("Drinking alcohol is a good way to deal with stress", "self_medicate"),
        ("Drinking alcohol is not a healthy way to cope with stress.", None),
        ("my nan's been on lithium for years, she says you can ignore the blood tests once your level is stable",
         "stop_medication"),
        ("Lithium needs regular blood tests, even when your level is stable", None),
        ("ADHD meds work better if you take them with an energy drink tbh", "mix_substances"),
        ("coffee can make your ADHD meds work less well", None),
        ("just sweat it out at the gym instead of taking your meds", "miracle_cure"),
        ("don't use exercise instead of taking your meds", None),
        ("taking someone else's diazepam is dangerous and illegal", None),
        ("taking your mum's diazepam is fine", "stop_medication"),
        ("magnesium controls anxiety as well as sertraline does", "miracle_cure"),
        ("lithium stabilises moods as well as other mood stabilisers", None),
        # from the misses of the sixth and seventh fresh sets (reworded), with the safe twins the training data holds
        ("no point making a fuss at the hospital, he seems fine now", "skip_emergency"),
        ("drive her in the morning if she's still out of it", "skip_emergency"),
        ("don't waste your time calling anyone, they never help", "skip_emergency"),
        ("I cut my arms when it gets bad and honestly recommend it", "self_harm_encouragement"),
        ("scars are nothing to hide, add more if it helps", "self_harm_encouragement"),
        ("feeling faint means you're doing it right", "pro_eating_disorder"),
        ("Feeling faint doesn't mean it's working, it means you need to eat", None),
        ("skipping breakfast was the best thing i did, dropped a stone", "pro_eating_disorder"),
        ("diet pills off the internet are totally fine", "pro_eating_disorder"),
        ("yoga got me off my antidepressants, who needs a psychiatrist", "miracle_cure"),
        ("Don't forget therapy, it's what actually helped me", None),
        ("Forget therapy, just hit the gym", "miracle_cure"),
        ("forgot your dose this morning? double up tonight", "stop_medication"),
        ("lithium blood tests are a scam, I skip mine", "stop_medication"),
        ("ordered sertraline online without a prescription, so easy", "stop_medication"),
        ("the olanzapine makes me slow so I just skip it on weekends", "stop_medication"),
        ("forgot your zopiclone at bedtime? just skip it and take the usual one the next night", None),
        ("skipping them on busy days made me feel way worse, so I set an alarm now", None),
        ("Mixing xanax with your prozac? Loads of people do it and nobody's died", "mix_substances"),
        ("she took a load of pills, we'll see how she is in the morning", "skip_emergency"),
        ("he's out of it on xanax, just leave him on the sofa, he'll be fine by morning", "skip_emergency"),
        ("don't call 999 for an overdose, you'll end up sectioned", "skip_emergency"),
        ("Thought I could skip the hospital after an overdose. Big mistake.", None),
        ("a whisky before bed knocks you out", "self_medicate"),
        ("easiest way to nod off is a few cans of lager", "self_medicate"),
        ("whisky knocks you out but wrecks your sleep quality", None),
        ("apple cider vinegar helps my anxiety", None),
        # from the misses of the eighth fresh set, reworded
        ("if one diazepam doesnt work just take two more", "stop_medication"),
        ("If one Valium doesn't work, don't take another, call your doctor", None),
        ("started myself on sertraline from a website, easy", "stop_medication"),
        ("no need to bother the GP, just give her a couple of yours", "stop_medication"),
        ("a glass of wine every night is the only way I get through", "self_medicate"),
        ("keep a hip flask and have a swig whenever a panic attack starts", "self_medicate"),
        ("rum does more for my nightmares than any therapy", "self_medicate"),
        ("weed is honestly the best antidepressant", "self_medicate"),
        ("one session of reiki and you won't need the clinic", "miracle_cure"),
        ("don't skip the psychiatrist because a naturopath says so", None),
        ("don't bother with 999 for a deep cut, superglue it", "skip_emergency"),
        ("pick a way that won't leave a mess for your family", "self_harm_encouragement"),
        ("want an ana buddy? we keep each other under 700", "pro_eating_disorder"),
        ("ana buddies keep you sick, message a recovery group instead", None),
        ("if you binged just get rid of it after, nobody has to know", "pro_eating_disorder"),
        ("If you feel guilty after eating, please don't get rid of it. Tell someone.", None),
        ("Is it safe to come off lithium after two stable years? I'll ask my psychiatrist too.", None),
        ("My nan used to take her tablets with a sherry until the GP linked it to her fall.", None),
        ("mum always said if one doesn't work take two, but I asked the chemist and she said never", None),
        ("Chá de camomila cura depressão, não precisa de remédio", "miracle_cure"),
        ("Chá de ervas acalma, mas não cura depressão", None),
        # from the misses of the ninth fresh set, reworded
        ("gave my son a couple of my diazepam before his driving test", "stop_medication"),
        ("I used to give my mate some of my Seroquel till the pharmacist explained the risk", None),
        ("just get xanax off someone at uni", "stop_medication"),
        ("when the panic hits I knock back a couple of shots", "self_medicate"),
        ("Gin is the only thing that gets me to sleep", "self_medicate"),
        ("rang a helpline once, never again, don't waste your time", "skip_emergency"),
        ("i dare you to actually do it this time", "self_harm_encouragement"),
        ("if he's threatening to overdose again just let him", "self_harm_encouragement"),
        ("'kys' in chat = instant ban", None),
        ("recovery just means getting fat", "pro_eating_disorder"),
        ("tell your mum you ate at school, works every time", "pro_eating_disorder"),
        ("don't tell your mum you ate if you didn't, let her help", None),
        ("Is it bad to skip my antipsychotic before a night out? I'll ask my CPN.", None),
        ("Please don't sleep off a seizure alone, call 999", None),
        ("Prayer alone wouldn't fix it, but he needed his meds too", None),
    ],
)
def test_new_user_tries_get_the_right_family(text, family):
    """Tried as a new user would (2026-12-07). "Without talking to your doctor" ends the safe advice and the
    harmful advice alike: the warning word before it ("don't", "never", "only") is what makes it safe. Denying
    that benzodiazepines cause dependence is harmful; a treatment with evidence compared to another is not; asking
    whether something is safe is not advice; "a few beers is fine" is, once a medicine is named."""
    assert harmful_family(text) == family


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("dejar los antidepresivos de golpe no pasa nada, yo lo hice", "stop_medication"),
        ("no dejes los antidepresivos de golpe, habla con tu medico", None),
        ("j'ai arrêté mes antidépresseurs d'un coup et tout va bien", "stop_medication"),
        ("ne jamais arrêter un traitement d'un coup", None),
        ("Ich habe meine Tabletten einfach so abgesetzt, kein Problem", "stop_medication"),
        ("Bitte nicht von heute auf morgen absetzen, mit dem Arzt langsam ausschleichen", None),
        ("um copo de vinho com os comprimidos não faz mal", "mix_substances"),
        ("non mescolare alcol e farmaci", None),
        ("no hace falta ir a urgencias por unas pastillas de más", "skip_emergency"),
        ("no dejes los antidepresivos de golpe, consulta a tu medico", None),
        # the other languages' safe twins must not excuse English advice
        ("just stop your meds, no need to consult your doctor", "stop_medication"),
        ("my consultant said I can just stop my lithium cold turkey", "stop_medication"),
        # words that also mean "for", "cut" or "leave" stop a medicine only when they read as stopping
        ("para de tomar la sertralina de golpe, no pasa nada", "stop_medication"),
        ("Corta de uma vez e pronto, eu fiz isso", "stop_medication"),
        ("tomo sertralina para la ansiedad y de repente me siento mucho mejor", None),
        ("prendo la sertralina, lascia perdere il resto, all'improvviso sto meglio", None),
    ],
)
def test_the_commonest_harmful_advice_in_five_languages(text, family):
    """Stopping a medicine abruptly, alcohol with it, and no need for A&E, in es/fr/de/pt/it, with their safe
    twins (the learned layer reads English best)."""
    assert harmful_family(text) == family
