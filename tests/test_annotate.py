"""The model stage: cache keys, a corrupt cache, parallel workers, empty texts."""


import pytest
from spacy.tokens import DocBin

from reader.annotate import DOCBIN_ATTRS, DocCache, annotate, cache_key, model_key
from reader.convert import Block, Document
from reader.settings import Settings
from reader.sources import Source, SourceMeta


def document(text_id: str, *paragraphs: str) -> Document:
    meta = SourceMeta(title=text_id, author="unknown", publication="unknown")
    blocks = tuple(Block(f"p-{i + 1}", "paragraph", p, 0, i + 1) for i, p in enumerate(paragraphs))
    return Document(Source(text_id, meta, (), f"{text_id}.txt"), blocks)


DOCS = [document("a", "Vladimir Putin met Xi Jinping in Beijing.", "NATO answered."),
        document("b", "Joe Biden spoke in Washington."),
        document("c"),  # a text whose every line was furniture
        document("d", "The European Union imposed sanctions on Russia.")]


def texts_and_entities(data: bytes) -> list[tuple[str, list[str]]]:
    import spacy

    docs = DocBin(attrs=DOCBIN_ATTRS).from_bytes(data).get_docs(spacy.blank("en").vocab)
    return [(d.text, [e.text for e in d.ents]) for d in docs]


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    settings = Settings(cache=tmp_path_factory.mktemp("cache"), jobs=1, progress=False)
    stats: dict = {}
    results = {a.document.id: a for a in annotate(DOCS, settings, stats)}
    return settings, results, stats


def test_every_document_comes_back_including_an_empty_one(one_process):
    _, results, stats = one_process
    assert sorted(results) == ["a", "b", "c", "d"]
    assert texts_and_entities(results["c"].docbin) == []
    assert stats["cache_misses"] == 4
    assert ("Vladimir Putin met Xi Jinping in Beijing.", ["Vladimir Putin", "Xi Jinping", "Beijing"]) in \
        texts_and_entities(results["a"].docbin)


def test_second_run_is_served_from_the_cache(one_process):
    settings, results, _ = one_process
    stats: dict = {}
    again = {a.document.id: a for a in annotate(DOCS, settings, stats)}
    assert stats == {"cache_hits": 4, "cache_misses": 0, "model_seconds": 0.0}
    assert all(again[k].cached and again[k].docbin == results[k].docbin for k in results)


def test_workers_give_the_same_bytes_as_one_process(one_process, tmp_path):
    _, results, _ = one_process
    settings = Settings(cache=tmp_path, jobs=2, progress=False)
    parallel = {a.document.id: a for a in annotate(DOCS, settings)}
    assert {k: v.docbin for k, v in parallel.items()} == {k: v.docbin for k, v in results.items()}


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(one_process, tmp_path):
    settings = Settings(cache=tmp_path, jobs=1, progress=False)
    list(annotate(DOCS[:1], settings))
    [path] = list(tmp_path.rglob("*.spacy"))
    path.write_bytes(path.read_bytes()[:-10])
    stats: dict = {}
    [item] = list(annotate(DOCS[:1], settings, stats))
    assert stats["cache_misses"] == 1 and not item.cached
    assert DocCache(tmp_path).get(path.stem) == item.docbin
    path.write_bytes(b"not a cache file")
    assert DocCache(tmp_path).get(path.stem) is None


def test_the_cache_key_changes_with_model_components_and_text():
    base = Settings()
    keys = {model_key(base), model_key(base.with_(model="en_core_web_md")),
            model_key(base.with_(components=("ner", "tagger")))}
    assert len(keys) == 3
    assert cache_key(DOCS[0], model_key(base)) != cache_key(document("a", "Vladimir Putin met Xi Jinping."), model_key(base))
