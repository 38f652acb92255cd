"""The model stage: plain output, cache keys, a corrupt cache, parallel workers, empty texts."""

import pytest

from annotated_reader.model import Block, Document, Source, SourceMeta
from annotated_reader.pipeline.annotate import DocCache, annotate, cache_key, decode, model_key
from annotated_reader.settings import Settings


def document(text_id: str, *paragraphs: str) -> Document:
    blocks = tuple(Block(f"p-{i + 1}", "paragraph", p, 0, i + 1) for i, p in enumerate(paragraphs))
    return Document(Source(text_id, SourceMeta(title=text_id), (), f"{text_id}.txt"), blocks)


DOCS = [document("a", "Vladimir Putin met Xi Jinping in Beijing.", "NATO answered."),
        document("b", "Joe Biden spoke in Washington."),
        document("c"),  # a text whose every line was furniture
        document("d", "The European Union imposed sanctions on Russia.")]


def entities(analysis) -> list[tuple[str, list[str]]]:
    """Each block's text and the surfaces of its entities, read back from the plain output."""
    out = []
    for block, output in zip(analysis.document.blocks, analysis.blocks):
        spans = [(output.tokens[s][0], output.tokens[e - 1][1]) for s, e, _ in output.entities]
        out.append((block.text, [block.text[a:b] for a, b in spans]))
    return out


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    settings = Settings(cache=tmp_path_factory.mktemp("cache"), jobs=1, progress=False)
    stats: dict = {}
    results = {a.document.id: a for a in annotate(DOCS, settings, stats)}
    return settings, results, stats


def test_every_document_comes_back_including_an_empty_one(one_process):
    _, results, stats = one_process
    assert sorted(results) == ["a", "b", "c", "d"]
    assert results["c"].blocks == ()
    assert stats["cache_misses"] == 4
    assert ("Vladimir Putin met Xi Jinping in Beijing.", ["Vladimir Putin", "Xi Jinping", "Beijing"]) in entities(results["a"])


def test_output_is_plain_offsets_that_cover_the_text(one_process):
    _, results, _ = one_process
    block, output = results["a"].document.blocks[0], results["a"].blocks[0]
    position = 0
    for start, end in output.tokens:  # in order, covering every character but the spaces between tokens
        assert start >= position and block.text[position:start].strip() == "" and end > start
        position = end
    assert position == len(block.text)
    assert output.sentence_starts[0] == 0
    assert all(isinstance(label, str) for _, _, label in output.entities)


def test_second_run_is_served_from_the_cache(one_process):
    settings, results, _ = one_process
    stats: dict = {}
    again = {a.document.id: a for a in annotate(DOCS, settings, stats)}
    assert stats == {"cache_hits": 4, "cache_misses": 0, "model_seconds": 0.0}
    assert all(again[k].cached and again[k].blocks == results[k].blocks for k in results)


def test_workers_give_the_same_output_as_one_process(one_process, tmp_path):
    _, results, _ = one_process
    settings = Settings(cache=tmp_path, jobs=2, progress=False)
    parallel = {a.document.id: a for a in annotate(DOCS, settings)}
    assert {k: v.blocks for k, v in parallel.items()} == {k: v.blocks for k, v in results.items()}


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(tmp_path):
    settings = Settings(cache=tmp_path, jobs=1, progress=False)
    [first] = list(annotate(DOCS[:1], settings))
    [path] = list(tmp_path.rglob("*.bin"))
    path.write_bytes(path.read_bytes()[:-10])
    stats: dict = {}
    [item] = list(annotate(DOCS[:1], settings, stats))
    assert stats["cache_misses"] == 1 and not item.cached and item.blocks == first.blocks
    assert decode(DocCache(tmp_path).get(path.stem)) == item.blocks
    path.write_bytes(b"not a cache file")
    assert DocCache(tmp_path).get(path.stem) is None


def test_the_cache_key_changes_with_model_components_and_text():
    base = Settings()
    keys = {model_key(base), model_key(base.with_(model="en_core_web_md")),
            model_key(base.with_(components=("ner", "tagger")))}
    assert len(keys) == 3
    assert cache_key(DOCS[0], model_key(base)) != cache_key(document("a", "Vladimir Putin met Xi Jinping."), model_key(base))
