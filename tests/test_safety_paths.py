"""Safety on every path: the right country's helplines, the banner's language, every public entry point
returning the assessment, personal stories meeting the harmful guard, batch reports putting people first."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.safety import assess, banner_text, default_country
from claimcheck.safety.helplines import locale_country
from claimcheck.safety.learned import FAMILIES_ORDER, CrisisReading, decide_tier, raise_with, read_logits

CRISIS = "i am going to kill myself tonight"


@pytest.fixture
def clean_env(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "CLAIMCHECK_COUNTRY"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("lang", "country"),
    [("C", "INTL"), ("C.UTF-8", "INTL"), ("POSIX", "INTL"), ("en_GB.UTF-8", "GB"), ("en_US.UTF-8", "US"),
     ("fr_FR.UTF-8", "INTL")],
)
def test_country_from_the_locale_never_guesses_a_territory(clean_env, lang, country):
    clean_env.setenv("LANG", lang)
    assert locale_country() == (None if country == "INTL" else country)
    assert default_country() == country
    assert assess(CRISIS).country == country


def test_lc_all_overrides_lang_and_the_setting_overrides_both(clean_env):
    clean_env.setenv("LANG", "en_US.UTF-8")
    clean_env.setenv("LC_ALL", "C")
    assert default_country() == "INTL"
    clean_env.setenv("CLAIMCHECK_COUNTRY", "uk")
    assert default_country() == "GB"


def test_cli_with_lang_c_shows_the_international_list_and_how_to_choose(clean_env):
    from claimcheck.cli import app

    clean_env.setenv("LANG", "C")
    res = CliRunner().invoke(app, ["check", "i want to end it all", "--index", "/nonexistent-index"])
    assert "findahelpline.com" in res.output
    assert "911" not in res.output and "999" not in res.output
    assert "--country" in res.output and "CLAIMCHECK_COUNTRY" in res.output


@pytest.mark.parametrize("country", [None, "ZZ"])
def test_the_international_banner_is_true_when_a_country_outside_the_table_was_set(clean_env, country):
    """LANG=fr_FR.UTF-8 or --country ZZ names a country, just not one with its own list here: the banner must not
    say that no country was set, and must name the countries that have one."""
    clean_env.setenv("LANG", "fr_FR.UTF-8")
    text = banner_text(assess(CRISIS, country))
    assert "findahelpline.com" in text
    assert "no country was set" not in text
    assert "(GB, US, IE, CA, AU, NZ)" in text and "--country" in text


def test_banner_names_the_country_it_used():
    text = banner_text(assess(CRISIS, "GB"))
    assert "116 123" in text and "the United Kingdom" in text and "--country" in text


@pytest.mark.parametrize(
    ("text", "words"),
    [("je veux mourir, je n'en peux plus", "Vous n'avez pas"), ("quiero morir, ya no puedo más", "No tienes"),
     ("ich will nicht mehr leben", "Du musst"), ("eu quero morrer, não aguento mais", "Você não precisa"),
     ("voglio morire, non ce la faccio più", "Non devi")],
)
def test_non_english_crisis_text_gets_its_banner_in_that_language(text, words):
    safety = assess(text, "INTL")
    assert safety.tier != "none"
    assert words in banner_text(safety)


def test_english_crisis_text_keeps_the_english_banner():
    assert assess("I want to die", "US").language == "en"


# --- warning signs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "wrote a letter for each of my kids, it's in the drawer",
        "been saving up my tablets for a while now",
        "what's the least painful way to go",
        "won't be a burden to anyone much longer",
        "haven't eaten in 4 days and i keep blacking out",
        "can't do this anymore. goodbye all, thanks for everything over the years x",
        "he estado juntando pastillas",
        "si me muero nadie lo notaría, ya tengo las pastillas",
        "Ich habe Tabletten gesammelt und heute Abend mache ich Schluss",
        "j'ai accumulé des médicaments depuis un mois",
        "how many paracetamol would it take to not wake up",
        "bought the rope today. felt weirdly calm at the checkout",
        "gn everyone. for good this time x",
        "wrote my note. its short. didnt know what else to say",
        "my sister will take the dog when i'm gone",
        "won't be a problem for any of you much longer",
        "this will be my last post, thank you all",
        "i'm at the top of the car park and it's really high",
        "i can't keep myself safe tonight",
        # seventh session's new-user tries: a hedged count of a named medicine, bleeding with the "I" left out
        "took like 20 of my sertraline an hour ago, feeling kinda weird",
        "cut again last night, deeper than usual, it wont stop bleeding",
        "sitting in the garage with the engine running, just wanted to say bye",
        "I've already swallowed half the bottle of vodka and a load of diazepam",
        # from the misses of the sixth and seventh fresh sets, reworded
        "necked my nan's methadone, the whole bottle",
        "already downed em all. just talk to me till i sleep",
        "been keeping my sertraline aside for weeks instead of taking it. got enough now",
        "on the railway bridge. not climbing back over this time",
        "cut deep this time, i can see fat",
        "my stepdad said he's going to kill us, we're hiding in the bathroom",
        "notes are written. see you never",
        "a minha irmã cortou-se e não pára de sangrar",
        "Meine Freundin steht gerade auf der Brücke und antwortet nicht",
        # from the misses of the eighth fresh set, reworded
        "got the poison today and finished writing to my kids",
        "all my tablets are lined up on the floor now",
        "parked up in the woods, hose through the back window",
        "my husband's been stockpiling his pregabalin, found a bag of it under the bed",
        "took out my rifle and loaded it. goodbye lads",
        "cut my arm and the towel is soaked through already",
        "o meu irmão acabou de tomar uma caixa de comprimidos",
        # from the misses of the ninth fresh set, reworded
        "had a few drinks and swallowed all my sleeping tablets",
        "j'ai avalé toute la boîte il y a une heure",
        "i'm sitting on the railway line, train's due",
        "so someone knows it wasn't an accident",
        "on the roof of the car park, just wanted someone to know",
        "skipped my insulin all week to lose weight and now I can't stop being sick",
        "he's hitting my mum again, i'm hiding under the bed",
        "my grandson keeps me locked in my room",
    ],
)
def test_preparation_and_danger_are_urgent(text):
    assert assess(text).tier == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "since upping my dose i've had urges to hurt myself that i never had before",
        "honestly cutting is the only thing that gets me through",
        "i just want to sleep and never wake up",
        "honestly the only thing keeping me here is my dog",
        "if i didnt wake up tomorrow i think id be relieved",
        "urge to cut is so bad rn",
        "the thoughts about ending things came back since i started fluoxetine last week",
        "been thinking about ending things",
        "no point going on. made my peace.",
        "there is no reason to live anymore",
        "can't stop thinking about jumping in front of a train",
        "i don't see a future for myself anymore",
        "i'm not going to be here for christmas",
        # someone else's words of wanting to die, reported by a friend or parent (seventh session's tries)
        "my friend said she wants to die",
        "My friend posted something worrying about wanting to die, should I call someone?",
        "my son has been posting about killing himself",
        "my mum keeps saying she'd be better off dead",
        "my dad said he was going to shoot himself and he has a gun in the house",
        "my brother has been talking about ending his life, should i tell someone",
        "some days I think about driving into a wall on the way to work",
        "Been purging after every meal for weeks now",
        "if i got hit by a bus tomorrow i'd honestly be relieved",
        "a car crash would be a welcome break tbh",
        "self harm is how i cope, it's what i do",
        "burnt my arm again last night, just needed to feel something",
        "changed from sertraline to mirtazapine and the dark thoughts are getting worse",
        "been restricting again and nobody's noticed",
        "need to get under 50kg before the holiday, ate a biscuit and felt sick with guilt",
        "down to 500 a day now",
        "honestly cutting is the only thing that works for me",
        "found fresh cuts on her arms and she begged me not to tell",
        "i scratch my arms till they bleed when exams get bad",
        "ich will einfach nicht mehr da sein",
        "my husband says the life insurance would sort us out if he wasn't around",
        "I wouldn't mind not waking up tomorrow",
        "been taking laxatives after every meal for a month",
        "ma fille ne mange plus depuis des semaines",
        "one of my pupils has finger-shaped bruises again",
    ],
)
def test_new_thoughts_and_self_harm_as_coping_are_concern(text):
    assert assess(text).tier == "concern"


@pytest.mark.parametrize(
    "text",
    [
        "said my goodbyes to nan at the hospice today",
        "picked a date for the wedding!",
        "standing on the platform right now, train's late again",
        "haven't eaten in 2 days because of a stomach bug",
        "saving up my pocket money for a ps5",
        "can't do this job anymore, goodbye all, off to a new company!",
        "bye everyone, see you at the meetup",
        "ya tengo las pastillas de la farmacia, gracias",
        "bought the rope for the kids' swing today",
        "wrote my note for the teacher about the trip",
        "bye everyone, deleting twitter for good",
        "Holding an ice cube can help some people ride out an urge to self-harm.",
        "the only thing keeping me here is the pension, this job is dull",
        "hurt again today, my back is killing me",
        "burned again at the beach lol",
        "my friend wants to die her hair blue",
        "my nan talks about dying a lot since grandad passed",
        "my friend says she'd be better off dead than in that job lol",
        "took like 20 minutes to fall asleep",
        "warming the car up in the garage with the engine running, freezing today",
        "Bye! left the car in the garage with the engine on to warm up, sorry running late",
        "had a few drinks and a load of fun last night",
        "I think about driving into town later",
        "my brother has been talking about his ex all week",
        "been throwing up after every meal since the stomach bug",
        "Purging after binges keeps the weight off.",
        "Took all my meds this morning, first week I haven't missed one",
        "wrote my goodbye letters to the team, retiring on friday!",
        "Said goodbye to the van today, new chapter",
        "Cut myself shaving again, razors are lethal",
        "been restricting my screen time again",
        "guardei os comprimidos na gaveta",
        "ich stehe gerade auf der Brücke, tolle Aussicht",
        "I've written my goodbye letters to the staff, retirement starts Monday",
        "got the rat poison for the shed today",
        "the towel is soaked from the pool",
        "se ele tomou um monte de remédio, liga pro SAMU agora",
        "I get why self-harm feels like the only thing that helps, but a GP can help you find other ways",
        "Said goodbye to our old dog today, the vet came to the house, he went peacefully",
        "Laxatives after a big meal don't cancel it out, please talk to someone",
        "Am Tiefpunkt dachte ich, ich will nicht mehr. Heute bin ich drei Jahre trocken.",
        "cleaned my rifle tonight for the deer season",
        "went to the chemist and took all my meds as usual",
        "I've got enough saved now for the deposit",
        "I can see fat on this steak",
        "bought some poison for the slugs",
        "what worked was asking my own GP, not taking zopiclone off my mate",
    ],
)
def test_warning_sign_look_alikes_stay_quiet(text):
    assert assess(text).tier == "none"


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("If you took too many paracetamol but feel fine a few hours later you don't need to go to A&E",
         "skip_emergency"),
        ("People who talk about suicide never actually do it", "self_harm_encouragement"),
        ("When I was on citalopram I just stopped when I felt better", "stop_medication"),
        # from tests/data/harmful_fresh.jsonl, a fresh set in new voices (see tests/data/SAFETY_FRESH.md)
        ("My friend gave me a few of her citalopram to try before I bother the GP", "stop_medication"),
        ("only take ur lexapro on bad days?? why be numb when ur already fine", "stop_medication"),
        ("mirtazapine + 4 tinnies = best sleep of your life, trust me", "mix_substances"),
        ("crisis teams are useless, dont even bother calling, they just tell you to have a bath", "skip_emergency"),
        ("Suicide threats are manipulation. Call their bluff, they never follow through",
         "self_harm_encouragement"),
        ("laxies after a binge = full reset", "pro_eating_disorder"),
    ],
)
def test_harmful_myths_from_the_issue_are_flagged(text, family):
    from claimcheck.safety import harmful_family

    assert harmful_family(text) == family


@pytest.mark.parametrize(
    "text",
    [
        "If you took too many paracetamol you need to go to A&E even if you feel fine",
        "It is a myth that people who talk about suicide never do it",
        "I stopped my sertraline gradually with my GP when I felt better",
    ],
)
def test_their_safe_twins_are_not(text):
    from claimcheck.safety import harmful_family

    assert harmful_family(text) is None


# --- the learned layer ---------------------------------------------------------------------------------------


def test_model_logits_split_into_tier_categories_and_family():
    logits = np.zeros((1, 15))
    logits[0, 2] = 9.0  # urgent
    logits[0, 3] = 9.0  # suicide
    logits[0, 8 + 2] = 9.0  # skip_emergency
    tier, cats, fams = read_logits(logits)
    assert tier.argmax() == 2 and cats[0, 0] > 0.99 and cats[0, 1] < 0.51
    assert FAMILIES_ORDER[int(fams.argmax())] == "skip_emergency"


def test_model_only_raises_and_needs_its_bars():
    assert decide_tier("urgent", 0.0, 0.0, 0.9, 0.9) == "urgent"
    assert decide_tier("none", 0.95, 0.1, 0.9, 0.9) == "concern"
    assert decide_tier("concern", 0.99, 0.95, 0.9, 0.9) == "urgent"
    assert decide_tier("none", 0.89, 0.89, 0.9, 0.9) == "none"


def test_learned_layer_only_ever_raises():
    rules = assess(CRISIS, "GB")
    assert rules.tier == "urgent"
    assert raise_with(rules, CrisisReading("none", (), 0.0, 0.0), CRISIS) is rules
    quiet = assess("lovely weather for a walk today", "GB")
    raised = raise_with(quiet, CrisisReading("concern", ("self_harm",), 0.9, 0.1), "lovely weather")
    assert raised.tier == "concern" and raised.categories == ("self_harm",)
    assert raised.sources == ("model",) and raised.resources and raised.country == "GB"


def test_shipped_model_reads_a_disclosure_the_rules_miss_and_stays_quiet_on_chat():
    from claimcheck.safety.learned import load_model

    model = load_model()
    assert model is not None, "the learned safety model is not shipped: run scripts/train_safety_model.py"
    assert 0 < model.concern_at <= 1 and 0 < model.urgent_at <= 1 and 0 < model.harmful_at <= 1
    assert model.card["dev"]["rules+model"]["crisis_recall"]
    calm = model.crisis(["lovely walk by the canal with the dog this morning"])
    assert calm.tier == "none" and calm.p_concern < 0.5
    # Same text, same reading: one text per call keeps the int8 model batch-invariant.
    text = "i dont think i can keep going much longer, everyone would be fine without me"
    assert model.crisis([text]) == model.crisis([text])
    assert model.crisis([text, "nice weather"]).p_concern == pytest.approx(model.crisis([text]).p_concern)



def test_long_lists_are_read_on_parallel_sessions_with_one_sessions_logits():
    """`Checker.verdicts` hands the learned model every claim at once; its parallel sessions must give each
    text exactly the logits the one session gives it alone."""
    from claimcheck.safety.learned import PARALLEL_MIN_TEXTS, SafetyModel, model_dir

    probe = Path(__file__).parent / "data" / "safety_probe.jsonl"
    texts = [json.loads(line)["text"] for line in probe.read_text(encoding="utf-8").splitlines() if line.strip()][:24]
    assert len(texts) > PARALLEL_MIN_TEXTS
    parallel, single = SafetyModel(model_dir()), SafetyModel(model_dir())
    together = parallel.logits(texts)
    assert parallel._workers[0] is parallel._session
    alone = np.stack([single.logits([t])[0] for t in texts])
    assert np.array_equal(together, alone)
    assert np.array_equal(parallel.logits(texts[:3]), alone[:3])  # remembered, not re-read


# --- one safety path -----------------------------------------------------------------------------------------


def test_every_public_entry_point_returns_the_safety_assessment(checker, small_index, crisis_chat):
    import claimcheck
    from claimcheck.batch import read_export
    from claimcheck.batch.run import run_batch
    from claimcheck.cli import app

    assert claimcheck.check(CRISIS, index_dir=small_index, country="GB").safety.tier == "urgent"
    result = checker.check(CRISIS, country="GB")
    assert result.safety.tier == "urgent"
    assert all(c.safety is not None for c in result.claims)
    (verdict,) = checker.verdicts([CRISIS], country="GB")
    assert verdict.safety is not None and verdict.safety.tier == "urgent" and verdict.safety.resources
    batch = run_batch(read_export([crisis_chat()]), checker, country="GB")
    assert [r.tier for r in batch.flagged] == ["urgent"]
    res = CliRunner().invoke(app, ["check", CRISIS, "--format", "json", "--index", str(small_index)])
    assert json.loads(res.stdout)["safety"]["tier"] == "urgent"


def test_personal_story_of_stopping_medicine_is_checked_and_never_supported(checker):
    result = checker.check("When I was on citalopram I just stopped when I felt better, best thing I did")
    (claim,) = [c for c in result.claims if c.harmful]
    assert claim.checkable and claim.harmful_family == "stop_medication"
    assert claim.label != "supported"


@pytest.mark.parametrize(
    "text",
    [
        "my sleepwalking started when i went on sleeping pills so im just stopping them tonight, no need to ask anyone",
        "gonna double my dose this week since its not working",
        "decided to ditch the antidepressants, I feel fine now",
    ],
)
def test_a_decision_about_medicine_announced_is_advice_by_example(text):
    """"I'm just stopping them tonight" recommends what it announces; a story whose first part matched a page
    was called supported (the claim bank's test split)."""
    from claimcheck.safety import harmful_family

    assert harmful_family(text) == "stop_medication"


def test_harmful_advice_in_text_speak_is_read_written_out():
    """The rules were written in full words; "u dont rly need ur antidepressants" says the same thing."""
    from claimcheck.safety import harmful_family

    assert harmful_family("ppl r wrong, u dont rly need ur antidepressants once u feel better") == "stop_medication"


@pytest.mark.parametrize(
    "text",
    [
        "I'm coming off my sertraline with my GP's help, tapering over 8 weeks",
        "my psychiatrist agreed, so I'm stopping my lithium",
        "I'm going to stop my antidepressants after asking my doctor",
        "I'm stopping my caffeine after 2pm, it helps my sleep",
        "I was gonna just stop my meds once I felt better, but my doctor explained the relapse risk",
    ],
)
def test_a_decision_made_with_a_clinician_is_not_flagged(text):
    from claimcheck.safety import harmful_family

    assert harmful_family(text) is None


# --- batch reports put people first -----------------------------------------------------------------------------


@pytest.fixture
def crisis_batch(checker, crisis_chat):
    from claimcheck.batch import read_export
    from claimcheck.batch.run import run_batch

    return run_batch(read_export([crisis_chat()]), checker, country="GB")


def test_html_report_opens_with_the_member_at_risk(crisis_batch):
    from claimcheck.batch.report import render

    page = render(crisis_batch, "html")
    at_risk, summary = page.index("id='at-risk'"), page.index("id='summary'")
    assert at_risk < summary < page.index("id='claims'")
    section = page[at_risk:summary]
    assert "A member may be at risk" in section and "116 123" in section and "URGENT" in section
    assert "before it" in section  # the messages just before it, for context
    assert "Jade" not in page and "7700" not in page  # pseudonymised, context included
    assert "harmful advice pattern" in page


def test_csv_and_markdown_list_flagged_messages_first(crisis_batch):
    from claimcheck.batch.report import render

    rows = list(csv.reader(io.StringIO(render(crisis_batch, "csv"), newline="")))
    assert rows[0][0] == "type" and rows[1][0] == "safety_flag" and "URGENT" in rows[1][1]
    assert any(r[0] == "claim" and r[6].startswith("harmful advice pattern") for r in rows)
    md = render(crisis_batch, "md")
    assert md.index("Members who may be at risk") < md.index("## CONTRADICTED")
    assert "Warning: harmful advice pattern" in md
    lines = [json.loads(x) for x in render(crisis_batch, "jsonl").splitlines()]
    assert [x["type"] for x in lines[:2]] == ["summary", "safety_flag"] and lines[1]["context"]


def test_admin_banner_speaks_to_the_admin(crisis_batch):
    from claimcheck.batch.report import admin_banner

    text = admin_banner(crisis_batch)
    assert text.startswith("A member may be at risk") and "reach out to them" in text
    assert "It sounds like you" not in text


ABUSE_CHAT = [
    ("Sam Reed", "does anyone else find mornings the worst"),
    ("Priya Shah", "nobody wants you here, you pathetic attention seeker"),
    ("Sam Reed", "that's utter rubbish, meds saved my life"),
    ("Alex Kim", "this fucking week has been awful"),
    ("Priya Shah", "kys honestly, the world would be better without you"),
    ("Alex Kim", "my ex called me a psycho today"),
    ("Admin Jo", "last warning, keep it civil in here"),
    ("Sam Reed", "oi, you are not a burden, stop that"),
]


def test_batch_reports_flag_both_abusive_messages_and_no_heated_but_fine_one(checker, tmp_path):
    from claimcheck.batch import read_export
    from claimcheck.batch.report import render
    from claimcheck.batch.run import run_batch

    path = tmp_path / "group.txt"
    path.write_text(
        "".join(f"12/03/2024, 10:{i:02d} - {a}: {t}\n" for i, (a, t) in enumerate(ABUSE_CHAT)), encoding="utf-8"
    )
    result = run_batch(read_export([path]), checker, country="GB")
    kinds = [r.abuse["kind"] for r in result.abusive]
    assert len(kinds) == 2 and "self_harm_push" in kinds
    assert {r.excerpt[:10] for r in result.abusive} == {"nobody wan", "kys honest"}
    page = render(result, "html")
    assert page.count("possible ") == 2 and "Priya" not in page and "in reply to (probably)" in page
    rows = list(csv.reader(io.StringIO(render(result, "csv"), newline="")))
    assert sum(r[0] == "abuse_flag" for r in rows) == 2
    assert render(result, "md").count("- **possible ") == 2
    lines = [json.loads(x) for x in render(result, "jsonl").splitlines()]
    assert sum(x["type"] == "abuse_flag" for x in lines) == 2 and lines[0]["abuse_flags"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "I eat less than 500 calories a day",  # a disclosure: the crisis check's, not advice
        "crisis teams are not useless, please do call them",
        "took my son's ritalin by accident and rang 111 straight away",
        "don't stop your sertraline suddenly, taper with your GP",
        # look-alikes of the patterns written after the second fresh set (tests/data/SAFETY_FRESH.md)
        "it's all drama at work lol",
        "If you miss the morning dose, take it when you remember",
        "I never leave my meds at home",
        "don't flush the lot, take them to a pharmacy",
        "the GP stopped my son's ritalin",
        "if you burn yourself a bit cooking, run it under cold water",
        "Buy a cheap sofa and get rid of it after the move",
        "Laxatives don't undo a binge, they just dehydrate you",
        "if he keeps saying he's gonna kms, don't just mute him, DM him after the raid",
    ],
)
def test_disclosures_and_safe_twins_of_the_new_harmful_patterns_are_not_flagged(text):
    from claimcheck.safety import harmful_family

    assert harmful_family(text) is None


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("relapsed. sorted the life insurance so at least they get something. after the kids are asleep it ends.",
         "urgent"),
        ("I shan't be a nuisance to anyone for much longer.", "urgent"),
        ("Changed my beneficiaries, paid off the card. Nobody will have to clean up after me.", "urgent"),
        ("thinking they'd get more from the insurance than from me", "concern"),
        # the same words about ordinary admin, a sale, a holiday or an accident
        ("Sorted my life insurance so my kids are covered if anything ever happens, adulting!", "none"),
        ("Changed my beneficiaries after the divorce, all sorted now.", "none"),
        ("we'd get more from the insurance than from repairing the car", "none"),
        ("Black Friday deal: it ends tonight!", "none"),
        ("hit my head again on the cupboard and now seeing double, ouch", "none"),
        ("je serai plus là demain, je pars en vacances", "none"),
        ("made up my mind for Friday's game, going with the 4-4-2", "none"),
    ],
)
def test_warning_signs_of_affairs_in_order_and_their_look_alikes(text, tier):
    """Rules written after the second fresh set: the published sign, and the same words with a safe reason."""
    from claimcheck.safety import assess

    assert assess(text).tier == tier


@pytest.mark.parametrize(
    "text",
    [
        "thinking about ending things with my boyfriend",
        "no point going on about it",
        "no point carrying on with this diet",
        "i have made my peace with my diagnosis",
        "thoughts about work since i started my new job",
        "can't stop thinking about buying a new car for the trip",
        "thinking about getting the train to london tomorrow",
        "this is my last post before my holiday",
        "this is my last post of 2024, happy new year",
        "i'm on the roof fixing the gutter",
        "i don't see a future for us, i'm leaving him",
        "i'm not going to be here for christmas, we're visiting my in-laws",
        "i'm at the top of the tower and the view is amazing",
    ],
)
def test_the_same_words_about_other_things_stay_quiet(text):
    """The words of the warning signs said of other things: a relationship, a diet, a diagnosis, a trip, a view."""
    assert assess(text).tier == "none"


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("I can't go on anymore, I've written letters to my family.", "urgent"),
        ("I\u2019ve written letters to my kids. I can\u2019t do this any more", "urgent"),
        ("I wrote letters to my family about the wedding plans", "none"),
        ("I can't do this job anymore, I've written letters to my family saying I'm moving to Leeds", "none"),
    ],
)
def test_letters_to_family_with_cant_go_on_are_urgent(text, tier):
    """The issue's miss: letters to family beside "can't go on" got concern; alone, or about leaving a job, none."""
    assert assess(text).tier == tier
