"""Compiled safety rules kept between runs (`claimcheck.regex_cache`) are the very patterns `re` compiles."""

from __future__ import annotations

import re

import pytest

from claimcheck import regex_cache
from claimcheck.safety.crisis import RULES
from claimcheck.safety.harmful import FAMILIES


def _rule_patterns() -> list[re.Pattern[str]]:
    """The safety rules, and the patterns other modules compile at import through the same cache."""
    from claimcheck import claims, passages, quotes, subjects
    from claimcheck.safety import helplines, messaging

    out = [r.pattern for r in RULES]
    for f in FAMILIES:
        out += [*f.harmful, *f.safe, *f.harmful_if_med]
    for module in (claims, passages, quotes, subjects, helplines, messaging):
        for value in vars(module).values():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
            out += [v for v in values if isinstance(v, re.Pattern)]
    return out


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder of its own, and the module's in-memory copy forgotten before and after."""
    monkeypatch.setenv("CLAIMCHECK_HOME", str(tmp_path))
    monkeypatch.delenv("CLAIMCHECK_NO_REGEX_CACHE", raising=False)
    monkeypatch.setattr(regex_cache, "_entries", None)
    monkeypatch.setattr(regex_cache, "_dirty", False)
    yield tmp_path
    monkeypatch.setattr(regex_cache, "_entries", None)


def test_every_safety_rule_built_from_the_cache_equals_re_compile(fresh_cache):
    patterns = _rule_patterns()
    assert len(patterns) > 250
    built = [regex_cache.cached_compile(p.pattern, p.flags) for p in patterns]
    assert built == [re.compile(p.pattern, p.flags) for p in patterns]  # Pattern.__eq__ compares compiled code
    regex_cache.save_compiled()
    path = regex_cache.cache_file()
    assert path is not None and path.is_file() and path.is_relative_to(fresh_cache)

    regex_cache._entries = None  # a new process: everything now comes from the file
    again = [regex_cache.cached_compile(p.pattern, p.flags) for p in patterns]
    assert not regex_cache._dirty, "every pattern should have been found in the cache"
    assert again == built
    text = "i have taken all my pills and written letters to my family"
    assert [bool(p.search(text)) for p in again] == [bool(p.search(text)) for p in patterns]


def test_a_damaged_cache_file_is_ignored_and_rewritten(fresh_cache):
    path = regex_cache.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal data")
    assert regex_cache.cached_compile(r"\bkms\b") == re.compile(r"\bkms\b")
    regex_cache.save_compiled()
    regex_cache._entries = None
    assert regex_cache.cached_compile(r"\bkms\b") == re.compile(r"\bkms\b")
    assert not regex_cache._dirty


def test_a_bad_entry_is_compiled_afresh_and_mended(fresh_cache):
    key = regex_cache._key(r"\bkms\b", 0)
    regex_cache._entries = {key: (32, [999, 1, 2], 0, {}, ())}  # opcodes the C engine refuses
    assert regex_cache.cached_compile(r"\bkms\b") == re.compile(r"\bkms\b")
    assert regex_cache._entries[key][1] != [999, 1, 2] and regex_cache._dirty


def test_the_cache_can_be_switched_off(fresh_cache, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_NO_REGEX_CACHE", "1")
    assert regex_cache.cache_file() is None
    assert regex_cache.cached_compile(r"\bkms\b") == re.compile(r"\bkms\b")
    regex_cache.save_compiled()
    assert not any(fresh_cache.rglob("regex-*"))
