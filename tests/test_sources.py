"""The source registry: the shipped file, its content, and the errors a malformed registry gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.sources import (
    RegistryError,
    default_registry_path,
    get_source,
    load_sources,
    parse_sources,
    source_for_url,
)

REPO = Path(__file__).resolve().parent.parent

ENTRY = """
[[source]]
id = "{id}"
name = "NHS website"
publisher = "NHS England"
country = "GB"
kind = "{kind}"
licence = "Open Government Licence v3.0"
redistributable = true
allowed_hosts = ["www.nhs.uk"]
"""


def test_packaged_registry_is_the_corpus_registry():
    assert default_registry_path().read_bytes() == (REPO / "corpus" / "sources.toml").read_bytes()
    assert load_sources() == load_sources(REPO / "corpus" / "sources.toml")


def test_registry_content():
    sources = load_sources()
    ids = [s.id for s in sources]
    assert len(sources) >= 12 and len(ids) == len(set(ids))
    assert {s.kind for s in sources} == {"gov", "charity", "intergov"}
    assert {"GB", "US", "INT"} <= {s.country for s in sources}
    redistributable = {s.id for s in sources if s.redistributable}
    assert redistributable == {
        "nhs",
        "nimh",
        "medlineplus",
        "cdc",
        "samhsa",
        "nihseniorhealth",
        "mentalhealth-gov",
    }
    for banned in ("mind", "rethink", "samaritans", "nami", "who"):
        assert not get_source(banned).redistributable
    assert "Open Government Licence v3.0" in get_source("nhs").licence
    assert "NC" in get_source("who").licence
    for s in sources:
        assert s.allowed_hosts and all(h == h.lower() for h in s.allowed_hosts)
        assert all(seed.startswith("https://") for seed in s.seeds), s.id
        assert all(source_for_url(seed, sources) == s for seed in s.seeds), s.id


def test_source_for_url():
    assert source_for_url("https://www.nhs.uk/mental-health/conditions/").id == "nhs"
    assert source_for_url("https://medlineplus.gov/anxiety.html").id == "medlineplus"
    assert source_for_url("https://www.mind.org.uk/information-support/").id == "mind"
    assert source_for_url("https://www.yourcovidrecovery.nhs.uk/") is None


def test_get_source_unknown_id():
    with pytest.raises(RegistryError, match="unknown source 'nope'"):
        get_source("nope")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY.format(id="nhs", kind="gov") * 2, "duplicate source id 'nhs'"),
        (ENTRY.format(id="nhs", kind="ngo"), "unknown kind 'ngo'"),
        (ENTRY.format(id="nhs", kind="gov").replace('licence = "Open Government Licence v3.0"\n', ""),
         "missing field licence"),
        (ENTRY.format(id="nhs", kind="gov").replace("redistributable = true", 'redistributable = "yes"'),
         "field redistributable"),
        ("[[source]\nid = 1", "not valid TOML"),
        ("title = 'empty'", "no \\[\\[source\\]\\] tables"),
    ],
)  # fmt: skip
def test_malformed_registry(text, message, tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=message) as info:
        load_sources(path)
    assert "\n" not in str(info.value)


def test_missing_registry_file(tmp_path):
    with pytest.raises(RegistryError, match="no source registry"):
        load_sources(tmp_path / "absent.toml")


def test_parse_sources_keeps_order():
    text = ENTRY.format(id="b", kind="gov") + ENTRY.format(id="a", kind="charity")
    assert [s.id for s in parse_sources(text)] == ["b", "a"]
