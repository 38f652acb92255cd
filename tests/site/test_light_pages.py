"""Pages that stay light whatever the corpus: passages per sentence and bounded, long texts in parts,
the full list of passages on pages of its own, the chunked word index of the text search."""

from __future__ import annotations

import json
import re
from collections import Counter

from annotated_reader.model import AnnotatedText, Block, Document, Entry, Glossary, Mention, Source, SourceMeta
from annotated_reader.pipeline.relations import relate
from annotated_reader.site import entry_page as entry_module
from annotated_reader.site.entry_page import entry_pages, mentions_by_entry
from annotated_reader.site.passages import CONTEXT, MARKS, passage_markdown, passages
from annotated_reader.site.text_page import PART_CHARACTERS, block_pages, text_pages, text_parts
from annotated_reader.site.text_search import search_files, shard_of, words
from annotated_reader.site.urls import relative_url

ENTRY = Entry("united-states", "United States", "state", (), "A country.", (), None, "A body.", "glossary/united-states.md")
GLOSSARY = Glossary({ENTRY.id: ENTRY})


def document(text_id: str, paragraphs: list[str]) -> Document:
    source = Source(text_id, SourceMeta(title=f"Text {text_id}"), (), f"sources/{text_id}.txt")
    blocks = tuple(Block(f"p-{i:08x}", "paragraph", text, 0, i + 1, i + 1) for i, text in enumerate(paragraphs))
    return Document(source, blocks)


def annotated(text_id: str, paragraphs: list[str], word: str = "United States") -> AnnotatedText:
    """Every occurrence of ``word`` is a mention; each paragraph is one sentence."""
    doc = document(text_id, paragraphs)
    mentions = []
    for block in doc.blocks:
        for found in re.finditer(re.escape(word), block.text):
            mentions.append(Mention(text_id, block.id, found.start(), found.end(), ENTRY.id, word, 0, len(block.text),
                                    linked=True))
    return AnnotatedText(doc, tuple(mentions), (), {})


def test_a_sentence_with_two_mentions_is_one_row_with_both_marked():
    text = annotated("a", ["The United States and the United States again.", "Nothing here.", "United States."])
    found = passages(text, list(text.mentions))
    assert [len(p.mentions) for p in found] == [2, 1]
    assert passage_markdown(found[0]).count("<mark>") == 2


def test_a_pathological_sentence_is_never_shown_whole():
    filler = "word " * 30_000  # 150 KB of one sentence
    sentence = filler + "the United States " + filler + " ".join(["United States"] * 40) + " " + filler
    text = annotated("a", [sentence])
    [passage] = passages(text, list(text.mentions))
    shown = passage_markdown(passage)
    assert len(passage.mentions) == 41
    assert shown.count("<mark>") == MARKS
    assert "(and 37 more mentions in this sentence)" in shown
    assert len(shown) < MARKS * (2 * CONTEXT + 60) + 100
    assert shown.startswith("… ")


def test_a_long_text_is_split_into_parts_that_keep_every_block_once():
    paragraphs = [f"Paragraph {i} " + "text " * 400 for i in range(200)]  # about 400 KB
    doc = document("long", paragraphs)
    parts = text_parts(doc)
    assert len(parts) > 1
    assert [b.id for _, blocks in parts for b in blocks] == [b.id for b in doc.blocks]
    assert parts[0][0] == "texts/long.md" and parts[1][0] == "texts/long/part-2.md"
    assert all(sum(len(b.text) for b in blocks) <= PART_CHARACTERS for _, blocks in parts)
    pages = text_pages(annotated("long", paragraphs), GLOSSARY)
    assert [p.path for p in pages] == [path for path, _ in parts]
    assert "Part 2 of" in pages[1].content and "[← Part 1](../long.md)" in pages[1].content
    assert "[Part 2 →](long/part-2.md)" in pages[0].content


def test_entry_pages_stay_bounded_and_the_full_list_has_every_sentence_once():
    texts = tuple(annotated(f"t{i:03d}", [f"Sentence {j} about the United States." for j in range(12)]) for i in range(60))
    by_entry = mentions_by_entry(texts)
    located = {t.document.id: block_pages(t.document) for t in texts}
    pages = entry_pages(ENTRY, GLOSSARY, by_entry[ENTRY.id], relate(texts), relative_url, located.__getitem__)
    page, *full = pages
    assert page.path == "glossary/united-states.md"
    assert page.content.count("### [") == entry_module.TEXTS_SHOWN
    rows = Counter(re.findall(r"\(\.\./texts/(t\d+)\.md#p-", page.content))
    assert max(rows.values()) == entry_module.PASSAGES_SHOWN
    assert "[Every passage](../mentions/united-states/1.md)" in page.content
    listed = [re.findall(r"^- (.*) \[¶ \d+\]\((\S+) ", p.content, re.M) for p in full]
    assert all(len(rows) <= entry_module.ROWS_PER_PAGE for rows in listed)
    every = [row for rows in listed for row in rows]
    assert len(every) == len(set(every)) == 60 * 12
    assert [p.path for p in full] == [f"mentions/united-states/{n}.md" for n in range(1, len(full) + 1)]


def test_the_word_index_finds_each_block_in_its_shard():
    texts = [annotated("a", ["Treaties with Großbritannien", "Commerce and the navy."]),
             annotated("b", ["The navy grew.", "Nothing to see."])]
    files = {p.path: p.content for p in search_files(texts)}
    meta = json.loads(files["assets/search/meta.js"].split(", ", 1)[1].rsplit(");", 1)[0])
    assert [t["id"] for t in meta["texts"]] == ["a", "b"]

    def postings(word):
        shard = files[f"assets/search/words-{shard_of(word, meta['shards'])}.js"]
        return json.loads(shard.split(", ", 1)[1].rsplit(");", 1)[0]).get(word)

    assert postings("navy") == [[0, 1], [1, 0]]  # text 0 block 1, text 1 block 0
    assert postings("grossbritannien") is None and words("Großbritannien") == ["großbritannien"]
    assert postings("großbritannien") == [[0, 0]]
    assert postings("the") is None  # a stop word
