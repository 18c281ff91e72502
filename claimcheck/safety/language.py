"""Which language a crisis text is written in, so its banner can be too (function words, no model)."""

from __future__ import annotations

import re

# Distinctive everyday words per language, accent-free and lower-case as crisis.normalize() writes them.
# Words shared by several of these languages ("de", "que", "me", "a") are left out on purpose.
_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""i the and to my me you is it of want don't dont im i'm not this that have can't cant just
        so be with what no one anymore feel myself really""".split()),
    "es": frozenset("""quiero estoy yo el los las una por para con pero porque nadie tengo puedo nada solo
        todo hacer vivir matarme morir ya soy mas esta mi""".split()),
    "fr": frozenset("""je veux suis pas plus mourir j'ai ne mon ma mes c'est tout rien personne moi les des
        pour avec est et vivre envie""".split()),
    "de": frozenset("""ich nicht mehr will bin sterben mich mir und das ist mein meine habe kann keiner niemand
        ein eine nur auch leben""".split()),
    "pt": frozenset("""eu nao quero estou morrer meu minha voce tenho ninguem tudo um para com sou viver mais
        vida""".split()),
    "it": frozenset("""io non voglio sono morire piu mio mia ho nessuno niente tutto che per vivere vita
        della""".split()),
}
_TOKEN = re.compile(r"[a-z']+")


def guess_language(normalized: str) -> str:
    """'en', 'es', 'fr', 'de', 'pt' or 'it' for already-normalised text; English unless another clearly wins."""
    tokens = _TOKEN.findall(normalized[:5_000])
    if not tokens:
        return "en"
    scores = {lang: sum(t in words for t in tokens) for lang, words in _WORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    if best != "en" and scores[best] >= 2 and scores[best] > scores["en"]:
        return best
    return "en"
