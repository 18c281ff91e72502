"""The registry of trusted publishers (`corpus/sources.toml`, shipped as `claimcheck/data/sources.toml`)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Source

KINDS = ("gov", "charity", "intergov")
ADAPTERS = ("nhs-api", "medlineplus-xml")  # claimcheck.scrape.adapters.ADAPTERS (kept import-free here)


class RegistryError(ClaimcheckError):
    """The source registry is missing or malformed."""


def default_registry_path() -> Path:
    """The registry shipped in the package (the build script copies `corpus/sources.toml` there)."""
    return Path(str(resources.files("claimcheck") / "data" / "sources.toml"))


def parse_sources(text: str, origin: str = "registry") -> list[Source]:
    """Sources from TOML text: one `[[source]]` table each; RegistryError names the first problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{origin}: not valid TOML ({exc})") from None
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise RegistryError(f"{origin}: no [[source]] tables")
    required = [name for name, f in Source.model_fields.items() if f.is_required()]
    sources: list[Source] = []
    seen: set[str] = set()
    for n, table in enumerate(tables, start=1):
        label = f"{origin}: source #{n}" + (f" ({table.get('id')})" if table.get("id") else "")
        missing = [name for name in required if name not in table]
        if missing:
            raise RegistryError(f"{label} is missing field {', '.join(missing)}")
        if not isinstance(table.get("redistributable"), bool):
            raise RegistryError(f"{label}: field redistributable must be true or false")
        if table.get("kind") not in KINDS:
            raise RegistryError(
                f"{label} has unknown kind {table.get('kind')!r} (use one of {', '.join(KINDS)})"
            )
        try:
            source = Source.model_validate(table)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise RegistryError(f"{label}: field {where}: {err['msg']}") from None
        if source.id in seen:
            raise RegistryError(f"{origin}: duplicate source id {source.id!r}")
        if not source.allowed_hosts:
            raise RegistryError(f"{label} has no allowed_hosts")
        if source.adapter and source.adapter not in ADAPTERS:
            raise RegistryError(f"{label} has unknown adapter {source.adapter!r} (use one of {', '.join(ADAPTERS)})")
        for url in source.sitemaps:
            if (urlsplit(url).hostname or "").lower() not in source.allowed_hosts:
                raise RegistryError(f"{label}: sitemap {url} is not on one of its allowed_hosts")
        seen.add(source.id)
        sources.append(source)
    return sources


def load_sources(path: Path | None = None) -> list[Source]:
    """All sources in the registry at `path` (default: the one shipped in the package)."""
    if path is None:
        return list(_default_sources())
    return _load(Path(path))


def _load(path: Path) -> list[Source]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"no source registry at {path}") from None
    return parse_sources(text, origin=str(path))


@lru_cache(maxsize=1)
def _default_sources() -> tuple[Source, ...]:
    return tuple(_load(default_registry_path()))


def get_source(source_id: str, sources: Iterable[Source] | None = None) -> Source:
    """The source with this id; RegistryError (naming the known ids) when there is none."""
    pool = list(sources) if sources is not None else list(_default_sources())
    for source in pool:
        if source.id == source_id:
            return source
    known = ", ".join(sorted(s.id for s in pool))
    raise RegistryError(f"unknown source {source_id!r} (known: {known})")


def source_for_url(url: str, sources: Iterable[Source] | None = None) -> Source | None:
    """The source whose allowed hosts (and path prefixes, if any) cover this URL, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    pool = list(sources) if sources is not None else list(_default_sources())
    for source in pool:
        if host in source.allowed_hosts:
            if not source.path_prefixes or any(parts.path.startswith(p) for p in source.path_prefixes):
                return source
    for source in pool:  # the host alone, for pages outside the crawl prefixes (a snapshot page, say)
        if host in source.allowed_hosts:
            return source
    return None
