"""Keep members' personal data out of reports: stable pseudonyms for names and handles; phones, emails, profiles,
other people's names, dates of birth and postcodes out.

How a member's name is found in text (`Pseudonyms.scrub`), and why:

- Matching ignores case and accents ("alice", "ALICE", "Zoë", "ZOE", "Zoe" + combining diaeresis are one name),
  and only whole words count: "Tom" is never found inside "Tomorrow".
- The whole name is found with any separators between its parts ("Tom Okafor", "tom.okafor", "TOM_OKAFOR").
  A name made only of everyday words is found only where it is written as a name, not as prose: every part
  with a capital ("Never Give Up", "Stay Strong"), in capitals too if it starts with a given name ("BOB JONES",
  "Will Power"), in any case joined like a handle ("never_give_up"); so "you should never give up" stays. A
  one-word name that is an everyday word ("Hope", "Up") is found only with a capital in mid-sentence.
- A part of a longer name is replaced on its own only where it is a name:
  - a given name that is not also an everyday word (Alice, Priya, Dave): in any case and accent form;
  - another part written with a capital in the name (a surname: Okafor, Whitfield): in any case too;
  - a given name that is also an everyday word (Hope, Grace, Will, Mark): only where written with a capital
    in mid-sentence or called to ("thanks Grace", "Grace, ..." but not "by grace", "Hope this helps", "I hope");
  - never an everyday word ("the", "never", "give", "up", "rave"), a part of one or two letters, or a part of a
    lower-case handle that is not a known given name ("rave" in dave_the_rave, "owl" in calm_owl_22).
  Everyday words are the 10,000 most frequent English words (claimcheck/data/common_words.txt) with the given
  names that are also words (`claimcheck.privacy.AMBIGUOUS_NAMES`). Given names are the ones the pre-share
  privacy check knows (claimcheck/data/first_names.txt).
- People who never post, dates of birth, addresses and postcodes are found by `claimcheck.privacy` (names after
  "my friend", "Dr", "I'm", a known given name with a capital, a given name and a surname; UK postcodes, ZIPs
  after a state or "zip"), plus bare US ZIP+4 codes and a name called to at the start of a sentence ("Jade,"
  or "Jade please ...", where Jade is a word too). Names it does not know, written without a cue, stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

PHONE_REMOVED = "[phone removed]"
EMAIL_REMOVED = "[email removed]"
PROFILE_REMOVED = "[profile link removed]"
POSTCODE_REMOVED = "[postcode removed]"
NAME_REMOVED = "[name]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PROFILE = re.compile(
    r"(?:https?://)?(?:(?:www|m|mobile|web|old|new)\.)?"
    r"(?:facebook\.com|fb\.com|fb\.me|instagram\.com|twitter\.com|x\.com|tiktok\.com|linkedin\.com/in|threads\.net"
    r"|reddit\.com/u(?:ser)?|t\.me|wa\.me|discord(?:app)?\.com/users|youtube\.com/@|snapchat\.com/add|bsky\.app/profile"
    r"|wa\.me)/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
# Seven or more digits, optionally with +, spaces, dots, dashes or brackets between them: phone numbers.
_PHONE = re.compile(r"(?<![\w+])(?!\d{4}-\d\d-\d\d(?!\d))\+?\(?\d(?:[\s().\-\u00a0\u202f]{0,2}\d){6,14}(?![\w])")
_ZIP4 = re.compile(r"(?<![\w-])\d{5}-\d{4}(?![\w-])")  # before phones: "90210-1234" is a place, not a number
_HANDLE = re.compile(r"(?<![\w@/])(?:@|/?u/)([A-Za-z0-9_][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9_])")
_KEEP_HANDLES = frozenset({"everyone", "here", "channel", "all"})
_TOKEN = re.compile(r"[^\W_]+")  # a word: letters and digits; "_" and punctuation separate words
_JOIN = re.compile(r"[\s._\-~'’]{1,3}")  # what may stand between the parts of a name written out
_CAMEL = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")  # "TomOkafor", "ZoëMartin": a name written as one word
_SENTENCE_END = '.!?\n:;"“(…'
_PRIVACY_KINDS = frozenset({"name", "full_name", "child", "date_of_birth", "postcode", "address"})
_CALLING = re.compile(r",|\s+(?:please|pls|plz)\b")  # after a name at the start of a sentence: someone called to
_CALLED = re.compile(r"(?<!\w)([^\W\d_]{2,})(?=" + _CALLING.pattern + ")")  # "Jade, ..." / "Jade please ..."
# Letters NFKD leaves whole, as a reader would match them without their mark.
_PLAIN = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"})

ANY, NAME_CASE, CAPITALISED, MID_SENTENCE = "any", "name case", "capitalised", "mid-sentence"


@cache
def _fold_char(ch: str) -> str:
    out = unicodedata.normalize("NFKD", ch).casefold().translate(_PLAIN)
    return "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """`text` without case or accents: "Zoë", "ZOE" and "zoe" fold alike."""
    return "".join(_fold_char(ch) for ch in text)


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the character of `text` it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        parts.append(f)
        offsets.extend([i] * len(f))
    return "".join(parts), offsets


@cache
def ordinary_words() -> frozenset[str]:
    """Everyday English words (folded), never replaced on their own; the data file says where they come from."""
    from importlib import resources

    from claimcheck.privacy import AMBIGUOUS_NAMES

    raw = (resources.files("claimcheck") / "data" / "common_words.txt").read_text(encoding="utf-8")
    words = {w for line in raw.splitlines() if line and not line.startswith("#") for w in line.split()}
    return frozenset(fold(w) for w in words | AMBIGUOUS_NAMES)


@cache
def given_names() -> frozenset[str]:
    """The given names the privacy check knows, folded."""
    from claimcheck.privacy import first_names

    return frozenset(fold(n) for n in first_names())


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lstrip("@~ ").removeprefix("u/").casefold()


def _capitalised(word: str) -> bool:
    """Written as a name: "Grace", not "grace" nor shouted "GRACE"."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in _SENTENCE_END or before.endswith(("-", "—"))


class _Name(NamedTuple):
    pseudonym: str
    mode: str  # ANY; NAME_CASE (each word capitalised or in capitals); CAPITALISED; MID_SENTENCE (and not first)


class _Word(NamedTuple):
    folded: str
    start: int  # offsets in the folded text
    end: int
    orig_start: int  # offsets in the original text
    orig_end: int


class Pseudonyms:
    """Maps each author or handle to `member-N` in order of first appearance, and scrubs text of personal data.

    With `keep=True` nothing is changed (the admin asked for real names with `--keep-names`).
    """

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self._ids: dict[str, str] = {}
        self._whole: dict[tuple[str, ...], _Name] = {}  # a whole name, as folded words -> its pseudonym
        self._parts: dict[str, _Name] = {}  # one part of a longer name, folded -> its pseudonym
        self._lengths: dict[str, set[int]] = {}  # first folded word -> the word counts of names starting with it
        self._cache: dict[str, str] = {}

    def add(self, name: str) -> str:
        """The pseudonym of `name`, making a new one on first sight; '' stays 'unknown'."""
        key = _key(name)
        if not key:
            return "unknown"
        if key not in self._ids:
            self._ids[key] = pseudonym = f"member-{len(self._ids) + 1}"
            clean = unicodedata.normalize("NFKC", name).strip().lstrip("@~ ").removeprefix("u/")
            placeholder = clean.startswith("[") and clean.endswith("]")  # "[deleted]" is nobody's name
            if not placeholder and not (any(ch.isdigit() for ch in clean) and _PHONE.fullmatch(clean)):
                self._register(clean, pseudonym)
            self._cache.clear()
        return self._ids[key]

    def _register(self, clean: str, pseudonym: str) -> None:
        """Make `clean` findable in text: the whole name, and those parts of it that are names on their own."""
        words = _TOKEN.findall(clean)
        if not any(ch.isalpha() for w in words for ch in w):
            return
        split = [p for w in words for p in _CAMEL.split(w) if p]  # "TomOkafor": Tom, Okafor
        ordinary = ordinary_words()
        folded = [fold(w) for w in split]
        if any(not f.isalpha() or (len(f) >= 3 and f not in ordinary) for f in folded):
            whole_mode = ANY  # not all everyday words: "Tom Okafor", "calm_owl_22", "Zoë"
        elif len(split) == 1:
            whole_mode = MID_SENTENCE  # "Hope", "Up"
        elif any(f in given_names() for f in folded):
            whole_mode = NAME_CASE  # "Bob Jones", "Will Power": "Bob Jones" or "BOB JONES", not "will power"
        else:
            whole_mode = CAPITALISED  # "Never Give Up", "Stay Strong": only written that way
        for form in {tuple(fold(w) for w in words), tuple(fold(w) for w in split)}:
            self._whole.setdefault(form, _Name(pseudonym, whole_mode))
            self._lengths.setdefault(form[0], set()).add(len(form))
        if len(split) < 2:
            return
        for word in split:
            mode = self._part_mode(word)
            if mode is not None:
                self._parts.setdefault(fold(word), _Name(pseudonym, mode))
                self._lengths.setdefault(fold(word), set()).add(1)

    @staticmethod
    def _part_mode(word: str) -> str | None:
        """How one part of a longer name may be found on its own (None: never); see the module's docstring."""
        f = fold(word)
        if not f.isalpha():
            return None
        is_given = f in given_names()
        if f in ordinary_words() or len(f) < 3:
            return MID_SENTENCE if is_given else None
        if is_given or word[:1].isupper():
            return ANY
        return None  # a lower-case handle's fragment that is not a name: "rave", "owl", "sleepless"

    def author(self, name: str) -> str:
        if self.keep:
            return name or "unknown"
        return self.add(name)

    def scrub(self, text: str) -> str:
        """Text with profile links, emails, phone numbers, @handles / u/handles, member names, other people's
        names, dates of birth, addresses and postcodes replaced."""
        if self.keep or not text:
            return text
        done = self._cache.get(text)
        if done is not None:
            return done
        out = _PROFILE.sub(PROFILE_REMOVED, text)
        out = _EMAIL.sub(EMAIL_REMOVED, out)
        out = _ZIP4.sub(POSTCODE_REMOVED, out)
        out = _PHONE.sub(PHONE_REMOVED, out)
        out = _HANDLE.sub(self._handle, out)
        out = self._members(out)
        out = _others(out)
        self._cache[text] = out
        return out

    def _handle(self, m: re.Match[str]) -> str:
        """A mention's pseudonym: a member's own ("@ingrid_holm" for Ingrid Holm, "@Zoe" for Zoë), else a new one."""
        handle = m.group(1)
        if handle.lower() in _KEEP_HANDLES:
            return m.group(0)
        words = _TOKEN.findall(handle)
        for form in (tuple(fold(w) for w in words), tuple(fold(p) for w in words for p in _CAMEL.split(w) if p)):
            name = self._whole.get(form)
            if name is not None and form:
                return name.pseudonym
        return self.add(handle)

    def _members(self, text: str) -> str:
        """`text` with every known member's name, found as the module's docstring says, replaced."""
        if not self._whole:
            return text
        folded, offsets = _folded_with_offsets(text)
        words = list(_words(text, folded, offsets))
        out: list[str] = []
        pos = i = 0
        while i < len(words):
            found = self._match(text, folded, words, i)
            if found is None:
                i += 1
                continue
            n, pseudonym = found
            out += [text[pos : words[i].orig_start], pseudonym]
            pos = words[i + n - 1].orig_end
            i += n
        return "".join(out) + text[pos:] if out else text

    def _match(self, text: str, folded: str, words: list[_Word], i: int) -> tuple[int, str] | None:
        """The longest name starting at word `i` (its word count and pseudonym), if any is written as one."""
        first = words[i]
        if first.start > 0 and folded[first.start - 1] == "_":
            return None
        for n in sorted(self._lengths.get(first.folded, ()), reverse=True):
            if i + n > len(words):
                continue
            span = words[i : i + n]
            last = span[-1]
            if last.end < len(folded) and folded[last.end] == "_":
                continue
            if any(not _JOIN.fullmatch(folded, a.end, b.start) for a, b in zip(span, span[1:], strict=False)):
                continue
            form = tuple(w.folded for w in span)
            name = self._whole.get(form) or (self._parts.get(form[0]) if n == 1 else None)
            if name is None:
                continue
            shown = [text[w.orig_start : w.orig_end] for w in span]
            joins = [folded[a.end : b.start] for a, b in zip(span, span[1:], strict=False)]
            if joins and not any(c.isspace() for j in joins for c in j):
                return n, name.pseudonym  # written as a handle ("bob.jones", "never_give_up"): not prose
            if name.mode == NAME_CASE and not all(_capitalised(s) or s.isupper() for s in shown):
                continue
            if name.mode in (CAPITALISED, MID_SENTENCE) and not all(_capitalised(s) for s in shown):
                continue
            if (
                name.mode == MID_SENTENCE
                and _sentence_start(text, first.orig_start)
                and not _CALLING.match(text, last.orig_end)
            ):
                continue  # "Hope this helps", but "Grace, you're right" calls someone by name
            return n, name.pseudonym
        return None


def _words(text: str, folded: str, offsets: list[int]) -> Iterator[_Word]:
    for m in _TOKEN.finditer(folded):
        start, end = offsets[m.start()], offsets[m.end() - 1] + 1
        while end < len(text) and not _fold_char(text[end]):  # a combining mark belongs to its letter
            end += 1
        yield _Word(m.group(0), m.start(), m.end(), start, end)


def _others(text: str) -> str:
    """`text` with the names of people who are not members, dates of birth, addresses and postcodes replaced."""
    from claimcheck.privacy import REWRITE, STOP_CAPS, check_privacy

    spans: list[tuple[int, int, str]] = []
    for item in check_privacy(text).items:
        start, end, shown = item.span.start, item.span.end, item.span.text
        if item.kind not in _PRIVACY_KINDS:
            continue
        if item.kind == "child":
            if not _capitalised(shown):
                continue  # a child's age: the report may say it
            rewrite = NAME_REMOVED
        elif item.kind == "name" and fold(shown) in ordinary_words() and _sentence_start(text, start):
            continue  # "Marine life..." opens a sentence: a word, not a name
        else:
            rewrite = REWRITE[item.kind]
        spans.append((start, end, rewrite))
    for m in _CALLED.finditer(text):
        word = m.group(1)
        if (
            _capitalised(word)
            and _sentence_start(text, m.start())
            and fold(word) in given_names()
            and word not in STOP_CAPS
            and not any(s < m.end() and m.start() < e for s, e, _ in spans)
        ):
            spans.append((m.start(), m.end(), NAME_REMOVED))
    for start, end, rewrite in sorted(spans, reverse=True):
        text = text[:start] + rewrite + text[end:]
    return text
