"""Hand-maintained helpline table: crisis and emergency contacts per country, each with a check date."""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Iterable
from datetime import date

from claimcheck.regex_cache import cached_compile, save_compiled
from claimcheck.safety.models import Resource

# HOW TO MAINTAIN THIS TABLE
# - Every entry is typed in by hand from the organisation's own page (the `source` URL). Never fill it from
#   scraped or corpus text: public pages keep obsolete numbers for years (a council page still lists
#   Samaritans' 08457 90 90 90).
# - `last_verified` is the day a person last confirmed the number, hours and text keyword against `source`.
#   tests/test_safety.py fails once any entry is more than 365 days old: re-check it, then bump the date.
# - The 2026-11-25 entries were confirmed against the maintainer's record of each source page; the session
#   that wrote them had no network, so the first maintainer with a browser should open every `source` URL.
# - A number that has been retired goes into OBSOLETE_NUMBERS so no output can ever show it again.
VERIFIED = date(2026, 11, 25)
ALWAYS = "24 hours a day, every day"

# Name used for each country's emergency-services entry; `banner_text` leads urgent banners with it.
EMERGENCY = "Emergency services"

NHS_SUICIDAL = "https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/behaviours/help-for-suicidal-thoughts/"


def _entry(country: str, name: str, source: str, *, phone: str | None = None, text: str | None = None,
           url: str | None = None, hours: str = ALWAYS) -> Resource:
    return Resource(name=name, phone=phone, text=text, url=url, hours=hours, country=country,
                    last_verified=VERIFIED, source=source)


HELPLINES: dict[str, tuple[Resource, ...]] = {
    "GB": (
        _entry("GB", EMERGENCY, NHS_SUICIDAL, phone="999"),
        _entry("GB", "Samaritans", "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
               phone="116 123", url="https://www.samaritans.org"),
        _entry("GB", "NHS 111 (urgent mental health help)", NHS_SUICIDAL, phone="111", url="https://111.nhs.uk"),
        _entry("GB", "Shout", "https://giveusashout.org/get-help/", text="SHOUT to 85258",
               url="https://giveusashout.org"),
    ),
    "US": (
        _entry("US", EMERGENCY, "https://www.911.gov/", phone="911"),
        _entry("US", "988 Suicide & Crisis Lifeline", "https://988lifeline.org/", phone="988", text="988",
               url="https://988lifeline.org"),
        _entry("US", "Crisis Text Line", "https://www.crisistextline.org/", text="HOME to 741741",
               url="https://www.crisistextline.org"),
    ),
    "IE": (
        _entry("IE", EMERGENCY, "https://www2.hse.ie/mental-health/", phone="112 or 999"),
        _entry("IE", "Samaritans Ireland", "https://www.samaritans.org/ireland/how-we-can-help/contact-samaritan/",
               phone="116 123", url="https://www.samaritans.org/ireland"),
        _entry("IE", "Text 50808", "https://text50808.ie/", text="HELLO to 50808", url="https://text50808.ie"),
    ),
    "CA": (
        _entry("CA", EMERGENCY, "https://988.ca/", phone="911"),
        _entry("CA", "9-8-8 Suicide Crisis Helpline", "https://988.ca/", phone="988", text="988",
               url="https://988.ca"),
    ),
    "AU": (
        _entry("AU", EMERGENCY, "https://www.triplezero.gov.au/", phone="000"),
        _entry("AU", "Lifeline", "https://www.lifeline.org.au/", phone="13 11 14", text="0477 13 11 14",
               url="https://www.lifeline.org.au"),
    ),
    "NZ": (
        _entry("NZ", EMERGENCY, "https://1737.org.nz/", phone="111"),
        _entry("NZ", "Need to talk? 1737", "https://1737.org.nz/", phone="1737", text="1737",
               url="https://1737.org.nz"),
        _entry("NZ", "Lifeline Aotearoa", "https://www.lifeline.org.nz/", phone="0800 543 354",
               url="https://www.lifeline.org.nz"),
    ),
    "INTL": (
        _entry("INTL", EMERGENCY, "https://findahelpline.com/", phone="your local emergency number"),
        _entry("INTL", "Find A Helpline (free, confidential helplines in many countries)",
               "https://findahelpline.com/", url="https://findahelpline.com", hours="varies by service"),
    ),
}

# Extra services shown only when an assessment names the matching category, after the general ones.
CATEGORY_HELPLINES: dict[tuple[str, str], tuple[Resource, ...]] = {
    ("GB", "abuse"): (
        _entry("GB", "National Domestic Abuse Helpline (Refuge)", "https://www.nationaldahelpline.org.uk/",
               phone="0808 2000 247", url="https://www.nationaldahelpline.org.uk"),
        _entry("GB", "Childline (under 19s)", "https://www.childline.org.uk/get-support/", phone="0800 1111",
               url="https://www.childline.org.uk"),
    ),
    ("GB", "eating_disorder"): (
        _entry("GB", "Beat eating disorder helpline (England)",
               "https://www.beateatingdisorders.org.uk/get-information-and-support/", phone="0808 801 0677",
               url="https://www.beateatingdisorders.org.uk", hours="see website for opening hours"),
    ),
    ("US", "abuse"): (
        _entry("US", "National Domestic Violence Hotline", "https://www.thehotline.org/",
               phone="1-800-799-7233", text="START to 88788", url="https://www.thehotline.org"),
        _entry("US", "Childhelp National Child Abuse Hotline", "https://www.childhelphotline.org/",
               phone="1-800-422-4453", url="https://www.childhelphotline.org"),
    ),
    ("US", "overdose_drugs"): (
        _entry("US", "Poison Help", "https://www.poisonhelp.org/", phone="1-800-222-1222",
               url="https://www.poisonhelp.org"),
    ),
    ("CA", "abuse"): (
        _entry("CA", "Kids Help Phone", "https://kidshelpphone.ca/", phone="1-800-668-6868",
               text="CONNECT to 686868", url="https://kidshelpphone.ca"),
    ),
    ("AU", "abuse"): (
        _entry("AU", "1800RESPECT", "https://www.1800respect.org.au/", phone="1800 737 732",
               url="https://www.1800respect.org.au"),
        _entry("AU", "Kids Helpline", "https://kidshelpline.com.au/", phone="1800 55 1800",
               url="https://kidshelpline.com.au"),
    ),
    ("AU", "eating_disorder"): (
        _entry("AU", "Butterfly National Helpline", "https://butterfly.org.au/get-support/helpline/",
               phone="1800 33 4673", url="https://butterfly.org.au", hours="see website for opening hours"),
    ),
}

# Retired numbers that must never appear in any output (digits only; matched across spaces and dashes).
OBSOLETE_NUMBERS: dict[str, str] = {
    "08457909090": "Samaritans UK's old 08457 90 90 90 (replaced by 116 123 in 2015)",
    "1850609090": "Samaritans Ireland's old 1850 60 90 90 (replaced by 116 123)",
    "18002738255": "US 1-800-273-8255 / 1-800-273-TALK (replaced by 988 as the primary line in 2022)",
    "18334564566": "Talk Suicide Canada 1-833-456-4566 (replaced by 9-8-8 in 2023)",
    "18009312237": "NEDA helpline 1-800-931-2237 (closed in 2023)",
}

# Countries people type that mean a key of HELPLINES.
_ALIASES = {
    "UK": "GB", "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB", "NORTHERN IRELAND": "GB",
    "UNITED KINGDOM": "GB", "GREAT BRITAIN": "GB", "BRITAIN": "GB",
    "USA": "US", "UNITED STATES": "US", "AMERICA": "US",
    "IRELAND": "IE", "EIRE": "IE", "CANADA": "CA", "AUSTRALIA": "AU", "NEW ZEALAND": "NZ", "AOTEAROA": "NZ",
    "INTERNATIONAL": "INTL", "WORLD": "INTL", "OTHER": "INTL",
}

_TEXT_LETTERS = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")


def _digit_pattern(digits: str) -> re.Pattern[str]:
    """Matches a number however it is spaced or dashed; North American ones with or without the leading 1."""
    sep = r"[\s\-.()/]*"
    if len(digits) == 11 and digits.startswith("1"):
        body = rf"(?:1{sep})?" + sep.join(re.escape(d) for d in digits[1:])
    else:
        body = sep.join(re.escape(d) for d in digits)
    return cached_compile(rf"(?<!\d){body}(?!\d)")


_OBSOLETE_PATTERNS = {digits: _digit_pattern(digits) for digits in OBSOLETE_NUMBERS}
# Vanity spellings such as 1-800-273-TALK are caught by turning letters after a dialling prefix into digits.
_VANITY = cached_compile(r"(?:1[\s\-.]*)?\(?8[0-9]{2}\)?[\s\-.]*[0-9]{3}[\s\-.]*[A-Za-z]{4}\b")


def find_obsolete(text: str) -> list[str]:
    """Returns the retired numbers (as digits) that appear in `text`, so tests can fail on stale output."""
    if not isinstance(text, str):
        return []
    found = [digits for digits, pattern in _OBSOLETE_PATTERNS.items() if pattern.search(text)]
    for vanity in _VANITY.findall(text):
        digits = re.sub(r"\D", "", vanity.upper().translate(_TEXT_LETTERS))
        digits = digits if digits.startswith("1") else "1" + digits
        if digits in OBSOLETE_NUMBERS and digits not in found:
            found.append(digits)
    return found


def normalize_country(country: str | None) -> str | None:
    """Maps user spellings (uk, en_GB, United States) to a HELPLINES key; None when it is not one."""
    if not country or not isinstance(country, str):
        return None
    key = country.strip().upper().replace("-", "_")
    key = _ALIASES.get(key, key)
    if "_" in key:  # a locale such as EN_GB.UTF-8
        key = key.split(".")[0].split("_")[-1]
        key = _ALIASES.get(key, key)
    return key if key in HELPLINES else None


# Locales that name no territory: containers and servers run with these, and Python's locale module maps
# C.UTF-8 to en_US, which once sent a UK user in crisis to 911.
_NO_TERRITORY = frozenset({"C", "POSIX", "C.UTF-8", "C.UTF8", "C.utf8"})

COUNTRY_NAMES = {
    "GB": "the United Kingdom", "US": "the United States", "IE": "Ireland", "CA": "Canada", "AU": "Australia",
    "NZ": "New Zealand",
}


def locale_country(environ: dict[str, str] | None = None) -> str | None:
    """The HELPLINES key the locale names (LC_ALL, else LC_MESSAGES, else LANG, as POSIX reads them).

    None for C, POSIX and C.UTF-8, and for territories the table has no entry for (fr_FR): those users get
    the international list, never another country's numbers.
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            if value in _NO_TERRITORY or value.split(".")[0] in _NO_TERRITORY or "_" not in value:
                return None
            return normalize_country(value.split("@")[0])
    if os.name == "nt":  # Windows sets no locale variables; its API names the user's region
        current = locale.getlocale()[0] or ""
        return normalize_country(current) if "_" in current else None
    return None


def default_country() -> str:
    """The user's country: CLAIMCHECK_COUNTRY, else the locale's territory, else INTL (never raises)."""
    try:
        return normalize_country(os.environ.get("CLAIMCHECK_COUNTRY")) or locale_country() or "INTL"
    except Exception:  # noqa: BLE001 - the help line must still be shown
        return "INTL"


def resolve_country(country: str | None) -> str:
    """The HELPLINES key a request ends up using: a country the table lacks gets the international list."""
    if country:
        return normalize_country(country) or "INTL"
    return default_country()


def country_name(key: str) -> str:
    return COUNTRY_NAMES.get(key, key)


def resources_for(country: str | None, categories: Iterable[str] = ()) -> tuple[Resource, ...]:
    """The country's helplines (INTL when unknown), then any category-specific services for it."""
    key = resolve_country(country)
    out = list(HELPLINES[key])
    for category in categories:
        for extra in CATEGORY_HELPLINES.get((key, category), ()):
            if extra not in out:
                out.append(extra)
    return tuple(out)


def all_resources() -> tuple[Resource, ...]:
    """Every entry in the table, for freshness and obsolete-number checks."""
    general = [r for entries in HELPLINES.values() for r in entries]
    extra = [r for entries in CATEGORY_HELPLINES.values() for r in entries]
    return tuple(general + extra)


def emergency_number(country: str | None) -> str:
    """The emergency number to lead an urgent banner with."""
    for resource in resources_for(country):
        if resource.name == EMERGENCY and resource.phone:
            return resource.phone
    return "your local emergency number"


save_compiled()  # the patterns above, parsed once per Python build (claimcheck.regex_cache)
