"""Full-text search of the texts as a chunked static index: a reader downloads only what a query needs.

The theme's search (the box in the header) indexes titles, headings and the glossary; the words
of the texts are searched on the page "Search the texts" (``find.md``) with these files, written
at build time below ``assets/search/``:

- ``meta.js``: the texts (title, the page of each part) and how words are spread over shards;
- ``words-<n>.js``: a shard of the word index: word → for each text, the blocks that contain it;
- ``blocks/<text id>-<n>.js``: a text's blocks (id, ¶ number, part, words) in pieces of about
  ``CHUNK_CHARACTERS``, loaded only for the results shown.

A query loads ``meta.js``, one shard per word and the pieces holding the first results, so what
it downloads does not grow with the corpus. Every file is a script calling
``READER_SEARCH_DATA(name, data)``, so the search also works from file:// (where fetch does not).
Words are folded the same way here and in ``assets/search.js``: NFKD, combining marks dropped,
lower case, runs of letters and digits.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict

from ..model import AnnotatedText, Page
from .text_page import text_parts

CHUNK_CHARACTERS = 24_000
SHARD_BYTES = 48_000
"""Aimed size of a shard of the word index (the number of shards grows with the corpus)."""
STOP_WORDS = frozenset(
    "a an and are as at be but by for from had has have he his i in is it its of on or our that the their "
    "there they this to was we were which will with".split())
"""Words too common to find anything; queries ignore them too."""
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The searchable words of a text, folded."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()
    return [w for w in _WORD.findall(folded) if w not in STOP_WORDS]


def shard_of(word: str, shards: int) -> int:
    """FNV-1a over the word's UTF-16 code units (the same in assets/search.js)."""
    value = 0x811C9DC5
    data = word.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % shards


def _script(name: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'READER_SEARCH_DATA("{name}", {payload});\n'


def search_files(texts: list[AnnotatedText]) -> list[Page]:
    """The data files of the full-text search, for texts in reading order."""
    postings: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    meta_texts, pages = [], []
    for t, text in enumerate(texts):
        document = text.document
        parts = text_parts(document)
        part_of = {block.id: n for n, (_, blocks) in enumerate(parts) for block in blocks}
        chunks: list[list] = [[]]
        size = 0
        for b, block in enumerate(document.blocks):
            for word in set(words(block.text)):
                postings[word][t].append(b)
            if chunks[-1] and size + len(block.text) > CHUNK_CHARACTERS:
                chunks.append([])
                size = 0
            chunks[-1].append([block.id, block.number, part_of[block.id], block.text])
            size += len(block.text)
        starts = []
        first = 0
        for n, chunk in enumerate(chunks):
            starts.append(first)
            first += len(chunk)
            name = f"blocks/{document.id}-{n}"
            pages.append(Page(f"assets/search/{name}.js", _script(name, chunk)))
        meta_texts.append({"id": document.id, "title": document.title, "date": document.meta.date or "",
                           "parts": [path for path, _ in parts], "chunks": starts})
    encoded = {word: [[t, *_deltas(blocks)] for t, blocks in sorted(per_text.items())]
               for word, per_text in postings.items()}
    total = sum(len(json.dumps(v, separators=(",", ":"))) + len(w) + 4 for w, v in encoded.items())
    shards = 1
    while total / shards > SHARD_BYTES:
        shards *= 2
    grouped: list[dict] = [{} for _ in range(shards)]
    for word, value in encoded.items():
        grouped[shard_of(word, shards)][word] = value
    for n, group in enumerate(grouped):
        pages.append(Page(f"assets/search/words-{n}.js", _script(f"words-{n}", group)))
    pages.append(Page("assets/search/meta.js", _script("meta", {"shards": shards, "texts": meta_texts,
                                                                 "stop": sorted(STOP_WORDS)})))
    return pages


def _deltas(numbers: list[int]) -> list[int]:
    out, last = [], 0
    for n in numbers:
        out.append(n - last)
        last = n
    return out


def search_page() -> Page:
    """The page "Search the texts": a form that assets/search.js turns into the search."""
    lines = ["---", 'title: "Search the texts"', 'description: "Find the paragraphs of the texts that use given words."',
             "search:", "  exclude: true", "---", "", "# Search the texts", "",
             "Type one or more words: the paragraphs that contain all of them are listed, in reading order. "
             "(The search box at the top finds titles, headings and glossary entries.)", "",
             '<form class="text-search" id="reader-search" role="search" action="#">'
             '<label for="reader-search-input">Words to find in the texts</label> '
             '<input type="search" id="reader-search-input" name="q" autocomplete="off"> '
             '<button type="submit">Search</button></form>', "",
             '<p class="text-search__status" id="reader-search-status" role="status" aria-live="polite"></p>', "",
             '<ol class="text-search__results" id="reader-search-results"></ol>', "",
             "<noscript>This search needs JavaScript; the glossary and the texts can be read without it.</noscript>", ""]
    return Page("find.md", "\n".join(lines))
