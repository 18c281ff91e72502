"""Sentences are cut with exact offsets and carry their page and section context."""

from __future__ import annotations

from claimcheck.passages import document_passages, retrieval_text, split_sentences


def test_split_sentences_offsets_and_abbreviations():
    text = "Talk to your GP, e.g. about side effects. It's important that you do not stop suddenly! Why?"
    spans = split_sentences(text, offset=10)
    parts = [text[s - 10 : e - 10] for s, e in spans]
    assert parts == [
        "Talk to your GP, e.g. about side effects.",
        "It's important that you do not stop suddenly!",
        "Why?",
    ]


def test_passages_of_real_page_quote_exact_sentences(small_docs):
    doc = next(d for d in small_docs if "antidepressants/overview" in d.url)
    passages = document_passages(doc)
    quotes = [doc.text[p.start : p.end] for p in passages]
    assert "It's important that you do not stop taking antidepressants suddenly." in quotes
    headings = {s.heading for s in doc.sections}
    assert not headings & set(quotes), "headings must not be indexed as sentences"
    stop = passages[quotes.index("It's important that you do not stop taking antidepressants suddenly.")]
    assert stop.heading == "Coming off antidepressants"
    context = retrieval_text(doc, stop)
    assert context.startswith(doc.title) and "Coming off antidepressants" in context


def test_list_items_are_quoted_without_bullets_and_keep_their_lead_in(small_docs):
    for doc in small_docs:
        for p in document_passages(doc):
            quote = doc.text[p.start : p.end]
            assert not quote.startswith(("- ", "* ")), quote
            line_start = doc.text.rfind("\n", 0, p.start) + 1
            if doc.text.startswith("- ", line_start):
                assert len(retrieval_text(doc, p)) > len(quote)
                return
    raise AssertionError("no list item found in the small corpus")


def test_sentences_with_obsolete_helpline_numbers_are_not_indexed(snapshot_docs):
    from claimcheck.safety import find_obsolete

    doc = next(d for d in snapshot_docs if find_obsolete(d.text))
    quotes = [doc.text[p.start : p.end] for p in document_passages(doc)]
    assert quotes, "the rest of the page is still indexed"
    assert not any(find_obsolete(q) for q in quotes)


def test_markdown_headings_left_in_a_page_are_not_indexed(snapshot_docs):
    """The Every Mind Matters sleep page carries a list item "- ### Seek NHS support": a heading, not evidence."""
    doc = next(d for d in snapshot_docs if "\n- ### Seek NHS support\n" in d.text)
    quotes = [doc.text[p.start : p.end] for p in document_passages(doc)]
    assert not any("#" in q for q in quotes)
    assert any(q.startswith("If poor sleep is affecting your daily life") for q in quotes), "the next line still is"
