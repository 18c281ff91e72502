"""Chrome removal, glue repair and rendering, on real captures (tests/data/raw, see SOURCES.md there)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from claimcheck.cleaning import (
    Block,
    GlueRepairer,
    Lexicon,
    clean_markdown,
    html_to_markdown,
    is_link_only,
    normalize_text,
    parse_markdown,
    remove_chrome,
    render,
    repair_glue,
    rules_for,
    strip_inline_markdown,
)
from claimcheck.corpus import read_snapshot

RAW = Path(__file__).parent / "data" / "raw"


def raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def corpus_lexicon() -> Lexicon:
    """Word and word-pair counts of the shipped snapshot, without wordfreq: the conservative mode."""
    return Lexicon.from_texts([d.text for d in read_snapshot()], use_wordfreq=False)


# ------------------------------------------------------------------------------------ chrome removal


def nhs_page():
    return clean_markdown(raw("nhs_antidepressants_overview.md"), rules=rules_for("www.nhs.uk"))


def test_nhs_capture_loses_its_chrome():
    page = nhs_page()
    text, _ = render(page.blocks)
    for chrome in (
        "Skip to main content",
        "Search the NHS website",
        "Cookies",
        "Back to",
        "Page last reviewed",
        "Next review due",
        "Support links",
        "More in",
        "Crown copyright",
        "Community content from HealthUnlocked",
        "Health A to Z",
        "Uses - Antidepressants",  # the "More in" link list
        "possible side effects of antidepressants",  # the "Read more about:" link list
    ):
        assert chrome not in text, chrome
    assert "[" not in text and "](" not in text and "**" not in text
    assert not any(line in {"Home", "Mental health", "Browse", "More"} for line in text.split("\n"))


def test_nhs_capture_keeps_its_content_verbatim():
    page = nhs_page()
    text, sections = render(page.blocks)
    assert page.title == "Overview - Antidepressants"
    lines = text.split("\n")
    assert "It's important that you do not stop taking antidepressants suddenly." in text
    assert lines[0] == "Antidepressants are a type of medicine used to treat clinical depression."
    assert (
        "Talk to your doctor before you stop taking antidepressants. It's important that you do not stop "
        "taking antidepressants suddenly." in lines
    )
    # a link list introduced as content stays, as plain list items
    assert "- obsessive compulsive disorder (OCD)" in lines
    assert "- post-traumatic stress disorder (PTSD)" in lines
    # headings are plain lines, without '#', and become sections
    headings = [s.heading for s in sections]
    assert "Coming off antidepressants" in headings
    assert "Selective serotonin reuptake inhibitors (SSRIs)" in headings
    assert "Coming off antidepressants" in lines and not any(line.startswith("#") for line in lines)


def test_sections_span_the_body_under_each_heading():
    text, sections = render(nhs_page().blocks)
    assert sections
    for n, s in enumerate(sections):
        assert 0 <= s.start <= s.end <= len(text)
        assert text[: s.start].rstrip("\n").endswith("\n" + s.heading)  # the heading line just before
        assert s.heading not in text[s.start : s.end].split("\n")
        if n + 1 < len(sections):
            assert s.end < sections[n + 1].start
    coming_off = next(s for s in sections if s.heading == "Coming off antidepressants")
    body = text[coming_off.start : coming_off.end]
    assert body.startswith("Talk to your doctor before you stop taking antidepressants.")
    assert body.endswith("as a reaction to coming off the medicine.")


def test_render_lines_and_item_prefix():
    blocks = [
        Block("paragraph", "Intro line."),
        Block("heading", "Symptoms", 2),
        Block("paragraph", "Symptoms include:"),
        Block("item", "sweating"),
        Block("heading", "Empty", 2),
        Block("heading", "Last", 2),
        Block("paragraph", "End."),
    ]
    text, sections = render(blocks)
    assert text == "Intro line.\nSymptoms\nSymptoms include:\n- sweating\nEmpty\nLast\nEnd."
    assert [(s.heading, text[s.start : s.end]) for s in sections] == [
        ("Symptoms", "Symptoms include:\n- sweating"),
        ("Empty", ""),
        ("Last", "End."),
    ]
    empty = sections[1]
    assert empty.start == empty.end == text.index("Empty\n") + len("Empty")


def test_flattened_capture_drops_its_header_toc_and_review_date():
    md = raw("nimh_anxiety_disorders.md")
    page = clean_markdown(md, rules=rules_for("www.nimh.nih.gov"), lexicon=corpus_lexicon())
    text, _ = render(page.blocks)
    assert page.title == "NIMH Anxiety"  # the capture's own header; the build script drops it
    assert "Source: NIMH" not in text and "URL:" not in text
    assert "Last Reviewed" not in text
    # the table of contents repeats the headings: gone; the headings themselves stay
    assert "- What is anxiety?" not in text.split("\n")
    assert "What is anxiety?" in text.split("\n")
    assert "- Generalized anxiety disorder" in text.split("\n")  # a real list stays
    assert "About a third of U.S. adolescents and adults experience an anxiety disorder at some point" in text


def test_link_only_lines_and_inline_markdown():
    assert is_link_only(
        "[Find a talking therapies service (England only)](https://www.nhs.uk/service-search/)"
    )
    assert is_link_only("* [Home](/)".lstrip("* "))
    assert not is_link_only("[Antidepressants](/conditions/antidepressants/) can take 2 to 4 weeks to work.")
    assert strip_inline_markdown("**Antidepressants are** [**clinical depression**](/x/)**.**") == (
        "Antidepressants are clinical depression."
    )
    assert strip_inline_markdown("[Mind: anxiety](https://www.mind.org.uk/a/#.WaACq0UrJhE) and more") == (
        "Mind: anxiety and more"
    )


def test_parse_markdown_joins_headings_and_links_split_over_lines():
    blocks = parse_markdown("[Back to \n Antidepressants](/x/) \n# \n \n Overview - Antidepressants\nBody.")
    assert blocks[0].text == "Back to Antidepressants"
    assert (blocks[1].kind, blocks[1].level, blocks[1].text) == ("heading", 1, "Overview - Antidepressants")
    assert blocks[2].text == "Body."
    assert remove_chrome(blocks) == blocks[1:]


def test_html_fragment_from_the_nhs_content_api():
    fragment = (
        "<p>Bullying can make working life miserable. You can lose all faith in yourself, "
        "you can feel ill and "
        '<a href="https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/feelings-and-symptoms/'
        'low-mood-sadness-depression/">depressed</a>, and find it hard to motivate yourself to work.</p>'
        "<p>Other forms of bullying include:</p><ul><li>excluding and ignoring people and their contribution"
        "</li><li>overloading people with work</li></ul>"
    )
    page = clean_markdown(html_to_markdown(fragment), title_from_h1=False)
    text, _ = render(page.blocks)
    assert text.split("\n") == [
        "Bullying can make working life miserable. You can lose all faith in yourself, you can feel ill and "
        "depressed, and find it hard to motivate yourself to work.",
        "Other forms of bullying include:",
        "- excluding and ignoring people and their contribution",
        "- overloading people with work",
    ]


def test_normalize_text_unicode_and_spaces():
    assert normalize_text("cafe\u0301\u00a0 au\u200b lait \n\n\n\n next") == "café au lait\n\nnext"
    assert normalize_text("“quoted” – kept") == "“quoted” – kept"


# ------------------------------------------------------------------------------------ glue repair


def test_glue_repair_on_real_medlineplus_text():
    page = clean_markdown(
        raw("medlineplus_antidepressants_excerpt.md"),
        rules=rules_for("medlineplus.gov"),
        lexicon=corpus_lexicon(),
    )
    text, _ = render(page.blocks)
    assert "Antidepressants are prescription medicines to treat depression. Depression is more than" in text
    assert "affects your mood and general mental health It can make you feel tired" in text
    assert "may prescribe antidepressants for anxiety, chronic pain, or insomnia." in text
    assert ("depression.Depressionis", "depression. Depression is") in page.repairs
    assert len(page.repairs) >= 4


def test_glue_repair_on_real_cdc_text():
    md = raw("cdc_preventing_suicide_excerpt.md")
    assert "strategies atall levels" in md
    fixed, repairs = repair_glue(md, corpus_lexicon())
    assert "Preventing suicide requires strategies at all levels of society." in fixed
    assert ("atall", "at all") in repairs


def test_glue_repair_leaves_words_names_urls_and_abbreviations_alone():
    text = (
        "Another reason: nowhere else, antidepressants cannot help you understand it. "
        "Drinkline, MedlinePlus, "
        "HealthUnlocked and the U.S. Food and Drug Administration. Visit 988lifeline.org or "
        "https://www.nhs.uk/mental-health/conditions/ or www.samhsa.gov/find-help. Take 2.5mg, e.g. daily. "
        "Samaritans, Sidran and McDonald's iPhone."
    )
    fixed, repairs = repair_glue(text, corpus_lexicon())
    assert fixed == text
    assert repairs == []


def test_split_needs_a_non_word_and_unambiguous_evidence():
    # "nowhere" is a word: never split, even when "now here" occurs in the clean text
    lex = Lexicon({"now": 5, "here": 5, "nowhere": 1, "at": 9, "all": 9}, {"now here": 3, "at all": 4})
    assert GlueRepairer(lex)("go nowhere") == "go nowhere"
    assert GlueRepairer(lex)("strategies atall levels") == "strategies at all levels"
    # unknown to the clean text and no pair evidence: left alone in the conservative mode
    assert GlueRepairer(Lexicon({"now": 5, "here": 5}, {}))("nowhere") == "nowhere"
    # two cuts with pair evidence for both: ambiguous, left alone
    amb = Lexicon({"services": 5, "service": 5, "in": 9, "sin": 3}, {"services in": 2, "service sin": 2})
    assert GlueRepairer(amb)("servicesin") == "servicesin"
    only = Lexicon({"services": 5, "service": 5, "in": 9, "sin": 3}, {"services in": 2})
    assert GlueRepairer(only)("servicesin") == "services in"


def test_split_with_general_frequencies():
    zipf = {"in": 7.3, "attention": 5.0, "inattention": 2.4, "for": 7.2, "anxiety": 4.5, "stimulant": 3.2,
            "non": 4.5}  # fmt: skip
    lex = Lexicon({}, {}, zipf)
    repair = GlueRepairer(lex)
    assert repair("foranxiety") == "for anxiety"  # never seen as one word, two frequent words
    assert repair("inattention") == "inattention"  # a rare real word: needs pair evidence
    assert repair("nonstimulant") == "nonstimulant"  # a prefix, not a word of its own
    assert repair.repairs == [("foranxiety", "for anxiety")]


def test_sentence_glue():
    repair = GlueRepairer(Lexicon({}, {}))
    assert repair("the page.Next one") == "the page. Next one"
    assert repair("(GAD).People with GAD") == "(GAD). People with GAD"
    assert repair("most?Some antidepressants") == "most? Some antidepressants"
    assert repair("include:Cognitive therapy,which") == "include: Cognitive therapy, which"
    assert repair("every 11 minutes.2The number") == "every 11 minutes.2 The number"
    assert repair("call or text the988 Lifeline") == "call or text the 988 Lifeline"
    for unchanged in ("the U.S. Army", "see e.g. Smith", "version 2.5 today", "visit nimh.nih.gov today"):
        assert repair(unchanged) == unchanged
