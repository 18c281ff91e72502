"""Regenerate claimcheck/data/first_names.txt, the given-name list the privacy check ships.

The list comes from Faker's person providers (MIT licence; their English lists are drawn from the US
SSA, UK ONS and Irish CSO baby-name statistics) for the locales whose people post in English-language
support groups. It is generated once and shipped as plain text because the alternative, `names-dataset`,
is a 54 MB wheel plus `pycountry` (23 MB) that takes 13 s and 1.9 GB of memory to load, and would answer
"is Leeds a name?" with yes.

    pip install faker==40.54.0   # the `build` extra; not needed at run time
    python scripts/build_first_names.py
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

LOCALES = (
    "en_GB",
    "en_US",
    "en_IE",
    "en_NZ",
    "en_IN",
    "en_PK",
    "en_NG",
    "en_KE",
    "ga_IE",
    "pl_PL",
    "es_ES",
    "es_MX",
    "fr_FR",
    "it_IT",
    "pt_BR",
    "pt_PT",
    "ro_RO",
    "nl_NL",
    "lt_LT",
)
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
OUT = Path(__file__).resolve().parent.parent / "claimcheck" / "data" / "first_names.txt"
_NAME = re.compile(r"[^\W\d_][^\W\d_'\-]+")


def collect() -> list[str]:
    """Every given name of the chosen locales, one spelling each, sorted."""
    import faker

    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ATTRS:
            for name in getattr(provider, attr, None) or ():
                if _NAME.fullmatch(name) and name[0].isupper():
                    names.add(name)
    print(f"faker {faker.VERSION}: {len(names)} names from {len(LOCALES)} locales")
    return sorted(names)


def main() -> None:
    import faker

    header = (
        f"# Given names for claimcheck's privacy check: Faker {faker.VERSION} person providers (MIT licence),\n"
        f"# locales {', '.join(LOCALES)}. Regenerate with scripts/build_first_names.py.\n"
    )
    OUT.write_text(header + "\n".join(collect()) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
