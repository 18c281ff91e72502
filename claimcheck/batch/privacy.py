"""Keep members' personal data out of reports: stable pseudonyms for names and handles; phones, emails, profiles out."""

from __future__ import annotations

import re
import unicodedata

PHONE_REMOVED = "[phone removed]"
EMAIL_REMOVED = "[email removed]"
PROFILE_REMOVED = "[profile link removed]"

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
_HANDLE = re.compile(r"(?<![\w@/])(?:@|/?u/)([A-Za-z0-9_][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9_])")
_KEEP_HANDLES = frozenset({"everyone", "here", "channel", "all"})
_SPLIT = re.compile(r"[\s._\-~]+")


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().lstrip("@~ ").removeprefix("u/").casefold()


class Pseudonyms:
    """Maps each author or handle to `member-N` in order of first appearance, and scrubs text of personal data.

    With `keep=True` nothing is changed (the admin asked for real names with `--keep-names`).
    """

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self._ids: dict[str, str] = {}
        self._names: dict[str, str] = {}  # a name as written -> its pseudonym, for finding names inside text
        self._pattern: re.Pattern[str] | None = None

    def add(self, name: str) -> str:
        """The pseudonym of `name`, making a new one on first sight; '' stays 'unknown'."""
        key = _key(name)
        if not key:
            return "unknown"
        if key not in self._ids:
            self._ids[key] = f"member-{len(self._ids) + 1}"
            pseudonym = self._ids[key]
            clean = unicodedata.normalize("NFKC", name).strip().lstrip("@~ ")
            if not any(ch.isdigit() for ch in clean) or not _PHONE.fullmatch(clean):
                self._names.setdefault(clean, pseudonym)
                for part in _SPLIT.split(clean):
                    if len(part) >= 3 and part[:1].isalpha() and part not in self._names:
                        self._names[part] = pseudonym  # first or last name on its own ("thanks Zoë")
            self._pattern = None
        return self._ids[key]

    def author(self, name: str) -> str:
        if self.keep:
            return name or "unknown"
        return self.add(name)

    def _names_pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None and self._names:
            alternatives = sorted(self._names, key=len, reverse=True)
            self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)")
        return self._pattern

    def scrub(self, text: str) -> str:
        """Text with profile links, emails, phone numbers, @handles / u/handles and known member names replaced."""
        if self.keep or not text:
            return text
        text = _PROFILE.sub(PROFILE_REMOVED, text)
        text = _EMAIL.sub(EMAIL_REMOVED, text)
        text = _PHONE.sub(PHONE_REMOVED, text)
        text = _HANDLE.sub(self._handle, text)
        pattern = self._names_pattern()
        if pattern is not None:
            text = pattern.sub(lambda m: self._names[m.group(0)], text)
        return text

    def _handle(self, m: re.Match[str]) -> str:
        if m.group(1).lower() in _KEEP_HANDLES:
            return m.group(0)
        return self.add(m.group(1))
