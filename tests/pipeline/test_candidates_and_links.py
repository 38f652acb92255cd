import pytest

from annotated_reader.model import AnnotatedText, Block, Document, Entity, Mention, Source, SourceMeta
from annotated_reader.pipeline.candidates import collect, normalise
from annotated_reader.pipeline.link import link


@pytest.mark.parametrize("surface,expected", [
    ("the United States’", "United States"),
    ("Trump’s", "Trump"),
    ("Russia's", "Russia"),
    ("[Immanuel] Wallerstein", "Immanuel Wallerstein"),
    ("The Kremlin", "Kremlin"),
    ("“Global South”", "Global South"),
    ("the U.N.", "U.N."),
    ("C.J.’s", "C.J."),
    ("Washington.", "Washington"),
    ("n’t", None),
    ("un", None),
    ("’s", None),
    ("48", None),
    ("lower 48", None),
])
def test_normalise(surface, expected):
    assert normalise(surface) == expected


def test_collect_counts_and_keeps_one_context():
    def text(text_id, *entities):
        source = Source(text_id, SourceMeta(title="T"), (), f"{text_id}.txt")
        blocks = (Block("p-1", "paragraph", "x", 0, 1), Block("p-2", "paragraph", "x", 0, 2))
        return AnnotatedText(Document(source, blocks), (), entities, {})

    texts = [text("a", Entity("a", "p-1", 0, 5, "PERSON", "Trump’s", "Trump’s plan."),
                  Entity("a", "p-2", 0, 5, "ORG", "Trump", "Trump again.")),
             text("b", Entity("b", "p-1", 0, 3, "GPE", "un", "un"))]
    [candidate] = collect(texts)
    assert (candidate.name, candidate.count, candidate.labels, candidate.context) == \
        ("Trump", 2, ("ORG", "PERSON"), "Trump’s plan.")


def m(block, start, entry):
    return Mention("t", block, start, start + 1, entry, "x", 0, 1)


BLOCKS = (Block("p-1", "paragraph", "x", 0, 1), Block("h-2", "heading", "x", 1, 2),
          Block("p-3", "paragraph", "x", 1, 3), Block("p-4", "paragraph", "x", 1, 4))
MENTIONS = (m("p-1", 0, "a"), m("p-1", 5, "a"), m("h-2", 0, "a"), m("p-3", 0, "a"), m("p-4", 0, "a"), m("p-4", 3, "b"))
TEXT = AnnotatedText(Document(Source("t", SourceMeta(title="T"), (), "t.txt"), BLOCKS), MENTIONS, ())


@pytest.mark.parametrize("policy,linked,first", [
    ("first-in-section", {("p-1", 0), ("p-3", 0), ("p-4", 3)}, {("p-1", 0), ("p-4", 3)}),
    ("first-in-text", {("p-1", 0), ("p-4", 3)}, {("p-1", 0), ("p-4", 3)}),
    ("every-mention", {("p-1", 0), ("p-1", 5), ("p-3", 0), ("p-4", 0), ("p-4", 3)}, {("p-1", 0), ("p-4", 3)}),
])
def test_link_policy_never_links_headings(policy, linked, first):
    result = link(TEXT, policy)
    assert {(x.block_id, x.start) for x in result.mentions if x.linked} == linked
    assert {(x.block_id, x.start) for x in result.mentions if x.first} == first
    assert [(x.block_id, x.start) for x in result.mentions] == [(x.block_id, x.start) for x in MENTIONS]


def metonym(block, start, entry):
    return Mention("t", block, start, start + 1, entry, "x", 0, 1, metonym=True)


@pytest.mark.parametrize("mentions,linked", [
    # a name later in the section carries the link, not the city standing for the government before it
    ((metonym("p-3", 0, "a"), m("p-4", 0, "a")), {("p-4", 0)}),
    # with no name of the entry in the section, the city is linked
    ((metonym("p-3", 0, "a"), metonym("p-4", 0, "a")), {("p-3", 0)}),
    # a name in another section does not take the link away
    ((m("p-1", 0, "a"), metonym("p-3", 0, "a")), {("p-1", 0), ("p-3", 0)}),
])
def test_a_name_carries_the_link_before_a_metonym(mentions, linked):
    text = AnnotatedText(Document(Source("t", SourceMeta(title="T"), (), "t.txt"), BLOCKS), mentions, ())
    assert {(x.block_id, x.start) for x in link(text, "first-in-section").mentions if x.linked} == linked
