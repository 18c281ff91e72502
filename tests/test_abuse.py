"""The abuse detector on development examples written for it: abusive messages aimed at a member, and the
heated-but-fine messages a support group is full of. (The held-out set, tests/data/abuse_heldout.jsonl, is
scored by scripts/eval_abuse.py, never tuned on.)"""

from __future__ import annotations

import pytest

from claimcheck.abuse import ABUSE_KINDS, AbuseFlag, detect_abuse, detect_all, normalize

# (message, expected kind): several voices (teen Discord, Facebook parents, Reddit, older forum, text-speak).
ABUSIVE = [
    # pushing towards self-harm / suicide
    ("kys", "self_harm_push"),
    ("just kys already nobody cares", "self_harm_push"),
    ("k.y.s lol", "self_harm_push"),
    ("go kill urself", "self_harm_push"),
    ("Honestly just go and die.", "self_harm_push"),
    ("nobody would miss you if you were gone", "self_harm_push"),
    ("no one would even notice if u died tbh", "self_harm_push"),
    ("the world would be a better place without you", "self_harm_push"),
    ("why don't you just end it then", "self_harm_push"),
    ("you should just kill yourself, seriously", "self_harm_push"),
    ("do us all a favour and disappear for good", "self_harm_push"),
    ("Your kids would be better off without you, think about that", "self_harm_push"),
    ("cut deeper next time", "self_harm_push"),
    ("stop threatening and just do it", "self_harm_push"),
    ("you can't even kill yourself properly", "self_harm_push"),
    ("ky$ loser", "self_harm_push"),
    ("you're a burden on everyone around you", "self_harm_push"),
    ("mátate", "self_harm_push"),
    # threats
    ("I know where you live.", "threat"),
    ("I'm going to find you and you'll regret this", "threat"),
    ("say that again and I'll smash you", "threat"),
    ("watch your back", "threat"),
    ("i found your facebook, your husband is going to see all of this", "threat"),
    ("I'll tell your boss what a psycho you are", "threat"),
    ("wait till I find you irl", "threat"),
    ("someone should beat you", "threat"),
    ("I'm gonna post your address in here", "threat"),
    # harassment
    ("nobody wants you here, leave the group", "harassment"),
    ("get out of this group, no one likes you", "harassment"),
    ("everyone is sick of you", "harassment"),
    ("why are you ignoring me? answer me now", "harassment"),
    ("you can't block me, I'll just make another account", "harassment"),
    ("send me pics of you x", "harassment"),
    ("what are you wearing right now", "harassment"),
    ("shut up, nobody asked", "harassment"),
    ("stfu you freak", "harassment"),
    ("no one cares about your problems mate", "harassment"),
    # shaming
    ("you should be ashamed of yourself", "shaming"),
    ("you're just an attention seeker", "shaming"),
    ("stop being so dramatic", "shaming"),
    ("man up ffs", "shaming"),
    ("it's all in your head, get over it", "shaming"),
    ("what kind of mother lets her kid do that", "shaming"),
    ("you don't even have real depression", "shaming"),
    ("you're faking it for attention", "shaming"),
    ("stop playing the victim", "shaming"),
    ("no wonder your husband left", "shaming"),
    ("you brought this on yourself", "shaming"),
    ("you're a terrible mum", "shaming"),
    ("fat cow", "shaming"),
    # insults
    ("you are a stupid cow", "insult"),
    ("you're an absolute idiot", "insult"),
    ("you absolute muppet", "insult"),
    ("ur so thick it hurts", "insult"),
    ("are you stupid or something", "insult"),
    ("fuck you", "insult"),
    ("f off", "insult"),
    ("OP is a moron", "insult"),
    ("whoever wrote this is a complete idiot", "insult"),
    ("@dave_r is a pathetic loser", "insult"),
    ("Listen you little prick", "insult"),
    ("you're such a waste of space", "insult"),
    ("go fuck yourself", "insult"),
    ("u r a 1d10t", "insult"),
    ("you're pathetic", "insult"),
    ("Lol you clown", "insult"),
    ("eres un idiota", "insult"),
    ("You ignorant, worthless piece of shit", "insult"),
]

FINE = [
    # disagreement
    "I completely disagree with you, that advice is wrong",
    "That's terrible advice, please don't stop your meds without talking to your GP",
    "You're wrong about sertraline, it doesn't work like that",
    "with respect, you don't know what you're talking about here",
    "This is bullshit advice and could hurt someone",
    "you're being ridiculous about this",
    # venting at a situation or third party
    "my boss is a total prick and I hate that job",
    "fuck this week honestly",
    "this fucking bus is late again and I'm going to miss my appointment",
    "My ex is a narcissistic piece of shit",
    "the waiting list is a joke, 18 months for therapy",
    "my mum called the GP a useless idiot lol",
    "Depression is a bastard.",
    "fuck anxiety, fuck it all",
    # self-directed dark humour / crisis (the safety layer handles these, not abuse flags)
    "I'm such an idiot lol, forgot my meds again",
    "kill me now, 3 meetings back to back",
    "I feel like nobody would miss me",
    "sometimes I think I should just kill myself",
    "I'm a burden to everyone",
    "ugh I'm so fat and ugly today",
    "I hate myself so much",
    # admin moderation
    "Reminder: telling someone to kys is an instant ban.",
    "Mod note: I've removed your post because it named a member. Please keep it kind.",
    "Posts saying 'nobody would miss you' will be removed and the poster banned.",
    "Please stop posting links to that site, it breaks rule 4. Thanks.",
    "You've been muted for 24 hours for spamming.",
    # quoting abuse received elsewhere
    "he called me a worthless bitch and told me to kill myself",
    "someone in another group messaged me saying kys. I'm shaking",
    "my ex used to say nobody would miss me if I was gone",
    "I got told I'm an attention seeker by my own sister",
    "kids at school keep calling me a fat freak",
    'she wrote "you should be ashamed of yourself" on my post',
    # supportive, even with strong words
    "you're fucking amazing, don't let anyone tell you otherwise",
    "you are not a burden. you are not stupid. you're doing your best",
    "please don't kill yourself, I'd miss you and so would this group",
    "Don't be ashamed, there's no shame in asking for help",
    "You said nobody would miss you. That's not true, I would",
    "You're not faking it, what you feel is real",
    "you're not an attention seeker for asking, that's what we're here for",
    "Thank you, I feel so stupid for not asking sooner",
    "you absolute legend, thank you",
    "I'll find you a link to the NHS page",
    "I'll get you the number for the crisis team",
    "Are you okay? You seem really down",
    "I'm going to kill it at my interview tomorrow",
    "we'll beat this together",
    "you're killing me 😂 best comment ever",
    "that's a joke right? lol",
    "I hope you feel better soon",
    "I know where you're coming from",
    "get over here and give me a hug",
    "You deserve to feel better",
    "no one should ever tell you to kill yourself",
    "nobody would miss you? that's your depression lying to you",
]


# A second round, written after the rules above, in other voices: flagged at all (any kind) or not at all.
ABUSIVE_2 = [
    "honestly the world doesnt need another whiny loser like you",
    "u shud just off urself m8",
    "lmao nobody here even likes u",
    "typical snowflake, cry harder",
    "you are genuinely the dumbest person in this group",
    "go cry to your therapist, weirdo",
    "what a pathetic excuse for a mother",
    "if I ever see you I'll knock your teeth out",
    "youre a disgusting human being",
    'Nobody gives a shit about your "trauma"',
    "you people make me sick, get a job",
    "delete your account and yourself",
    "bet your kids are embarrassed of you",
    "you're so fat no wonder you're depressed",
    "shut your mouth you stupid old woman",
    "I'll make your life hell",
    "your a joke mate",
    "get back in your cage you freak",
    "imagine being this pathetic lol",
    "You're the reason your family is broken",
    "ur mum should have aborted u",
    "no one would care if you disappeared tomorrow",
    "Hope you choke.",
    "I swear down I will hurt you",
    "you're literally an oxygen thief",
    "nobody wants to read your sob story every day",
    "stop attention seeking, it's embarrassing",
    "oh look the drama queen is back",
    "you're a vile, nasty little man",
    "go jump off a bridge",
    "you're mentally ill and it shows, psycho",
    "i'll be outside your house tonight",
    "You disgust me.",
    "sad little man, get a life",
    "keep crying, nobody cares",
    "you dont deserve your kids",
    "honestly you sound like a nutjob",
    "lol ur so ugly no wonder he left",
    "Everyone in this group thinks you're a liar",
    "you worthless piece of trash",
]

FINE_2 = [
    "I think you're mistaken, the NHS page says the opposite",
    "Honestly that's the dumbest advice I've seen this week, please don't follow it",
    "God I hate Mondays",
    "my sister is a selfish cow and I'm done with her",
    "lol I'm a mess today",
    "my therapist is useless, I need a new one",
    "My GP is an idiot who won't listen",
    "I could kill for a coffee right now",
    "I'll kill him if he eats my leftovers again lol",
    "you're a star, thank you",
    "you're not weak for needing meds",
    "Nobody asked for this pandemic ugh",
    "I want to die of embarrassment haha",
    "Please don't tell people to stop their meds, it's dangerous",
    "She told me I was a waste of space and I believed her for years",
    "stop apologising, you've done nothing wrong",
    "you need to go easy on yourself",
    "get well soon x",
    "Anyone else feel like a burden sometimes?",
    "I used to think nobody would miss me. I was wrong.",
    "That comment was out of order and I've deleted it. Please be kind to each other.",
    "Admin here: calling people names isn't allowed. Final warning.",
    "you're crazy strong for getting through that",
    "my kids drive me insane but I love them",
    "I'm fat and I'm fine with it",
    "The doctor told me it's all in my head. I was furious.",
    'Why do people say "man up" to men with depression? It\'s so harmful',
    "bloody hell that's a lot to deal with, sending hugs",
    "shit, I'm sorry you're going through that",
    "you're right, I was being an idiot about it",
    "Don't listen to the trolls who say you're faking",
    "ignore whoever called you pathetic, they're wrong",
    "My dad used to call me a useless lump",
    "You're killing it with the recovery journey!",
    "he said go kill yourself and I reported him",
    "stop being so hard on yourself",
    "Damn you're brave for sharing this",
    "I'm done with this group's drama, leaving now",
    "Honestly what a stupid system, the council is useless",
    "wtf is wrong with the NHS waiting lists",
]


@pytest.mark.parametrize(("text", "kind"), ABUSIVE)
def test_abusive_messages_are_flagged_with_their_kind(text: str, kind: str) -> None:
    flag = detect_abuse(text)
    assert flag is not None, text
    assert flag.kind == kind, (text, flag)
    assert flag.kind in ABUSE_KINDS
    assert 0 < flag.score <= 1
    assert text[flag.span.start : flag.span.end] == flag.span.text
    assert flag.span.text.strip()
    assert flag.reason


@pytest.mark.parametrize("text", ABUSIVE_2)
def test_second_round_abusive_messages_are_flagged(text: str) -> None:
    assert detect_abuse(text) is not None, text


@pytest.mark.parametrize("text", FINE + FINE_2)
def test_heated_but_fine_messages_are_not_flagged(text: str) -> None:
    assert detect_abuse(text) is None, detect_all(text)


def test_span_points_into_the_original_text_after_normalisation() -> None:
    text = "Great post. But you\u200b are sooo STUUUPID 😂"
    flag = detect_abuse(text)
    assert flag is not None and flag.kind == "insult"
    assert text[flag.span.start : flag.span.end] == flag.span.text
    assert flag.span.text.endswith("STUUUPID")


def test_normalise_maps_every_character_back() -> None:
    norm = normalize("K\u200bY$$$ 1d10t")
    assert norm.text == "kys idiot"
    assert len(norm.index) == len(norm.text)
    assert norm.span(0, 3) == (0, 6)  # the squeezed "$$$" maps back to all three


def test_the_strongest_flag_wins_and_detect_all_lists_every_span() -> None:
    text = "you're an idiot. honestly just kys"
    flags = detect_all(text)
    assert [f.kind for f in flags] == ["self_harm_push", "insult"]
    assert detect_abuse(text) == flags[0]


def test_flag_is_a_frozen_model_with_json() -> None:
    flag = detect_abuse("fuck you")
    assert isinstance(flag, AbuseFlag)
    with pytest.raises(ValueError):
        flag.score = 0.1  # type: ignore[misc]
    assert '"kind":"insult"' in flag.model_dump_json()


def test_empty_and_non_string_input() -> None:
    assert detect_abuse("") is None
    assert detect_abuse("   \n") is None
    with pytest.raises(TypeError):
        detect_abuse(None)  # type: ignore[arg-type]


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = "import sys, claimcheck.abuse, claimcheck.privacy; print('sklearn' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
