"""Glossary matching rules, on small texts through the real model."""

import pytest

from annotated_reader.model import Alias, Block, Document, Entry, Glossary, Source, SourceMeta
from annotated_reader.pipeline.annotate import annotate
from annotated_reader.pipeline.match import GlossaryMatcher
from annotated_reader.settings import Settings


def entry(entry_id, title, type_="person", aliases=()):
    return Entry(entry_id, title, type_, tuple(a if isinstance(a, Alias) else Alias(text=a) for a in aliases),
                 "Summary.", (), None, "Body.\n", f"glossary/{entry_id}.md")


GLOSSARY = Glossary({e.id: e for e in [
    entry("john-mearsheimer", "John Mearsheimer"),
    entry("stephen-walt", "Stephen Walt"),
    entry("donald-trump", "Donald Trump", aliases=["Trump"]),
    entry("russia", "Russia", "state", aliases=["Moscow"]),
    entry("united-states", "United States", "state",
          aliases=["US", "U.S.", Alias(text="Washington", not_followed_by=("Post",))]),
    entry("article-5", "Article V of the North Atlantic Treaty", "document",
          aliases=["Article V", "Article V of the NATO Treaty"]),
    entry("nato", "NATO", "organization"),
    entry("offshore-balancing", "Offshore balancing", "concept", aliases=["offshore balancing"]),
    entry("nineteen-eighty-four", "Nineteen Eighty-Four", "document",
          aliases=[Alias(text="1984", requires_in_sentence=("Orwell",))]),
]})


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    settings = Settings(cache=tmp_path_factory.mktemp("cache"), jobs=1, progress=False)
    matcher = GlossaryMatcher(GLOSSARY)

    def _run(*paragraphs):
        source = Source("t", SourceMeta(title="T"), (), "t.txt")
        blocks = tuple(Block(f"p-{i + 1}", "paragraph", p, 0, i + 1) for i, p in enumerate(paragraphs))
        [annotated] = list(annotate([Document(source, blocks)], settings))
        return [(m.block_id, m.surface, m.entry_id) for m in matcher.annotate(annotated).mentions]

    return _run


CASES = [
    ("possessive curly", ["Trump’s remarks were noted."], [("p-1", "Trump", "donald-trump")]),
    ("possessive straight", ["Russia's economy grew."], [("p-1", "Russia", "russia")]),
    ("surname after full name", ["John Mearsheimer wrote it.", "Later Mearsheimer said more."],
     [("p-1", "John Mearsheimer", "john-mearsheimer"), ("p-2", "Mearsheimer", "john-mearsheimer")]),
    ("surname before full name is not linked", ["Walt is a name.", "Stephen Walt wrote."],
     [("p-2", "Stephen Walt", "stephen-walt")]),
    ("longest match wins", ["Under Article V of the NATO Treaty, members act."],
     [("p-1", "Article V of the NATO Treaty", "article-5")]),
    ("shorter alias alone", ["Article V matters."], [("p-1", "Article V", "article-5")]),
    ("case-insensitive concept", ["Offshore balancing is a strategy; offshore balancing again."],
     [("p-1", "Offshore balancing", "offshore-balancing"), ("p-1", "offshore balancing", "offshore-balancing")]),
    ("case-sensitive alias ignores the pronoun", ["Let us go to the US."], [("p-1", "US", "united-states")]),
    ("restricted alias", ["The Washington Post reported that Washington agreed."],
     [("p-1", "Washington", "united-states")]),
    ("requires a word in the sentence", ["In 1984 nothing happened.", "Orwell wrote 1984 in exile."],
     [("p-2", "1984", "nineteen-eighty-four")]),
    ("glossary wins over entities", ["U.S. and NATO forces met in Moscow."],
     [("p-1", "U.S.", "united-states"), ("p-1", "NATO", "nato"), ("p-1", "Moscow", "russia")]),
]


@pytest.mark.parametrize("name,paragraphs,expected", CASES, ids=[c[0] for c in CASES])
def test_matching_rules(run, name, paragraphs, expected):
    assert run(*paragraphs) == expected


def test_the_match_cache_key_covers_the_code_matching_runs():
    """Every module of the package that match.py and rules.py import is hashed into the match cache's key,
    so an edit of any of them (a word list, the tokenizer rules) matches every text again."""
    import ast
    from pathlib import Path

    from annotated_reader.pipeline import match_cache

    package = Path(match_cache.__file__).parent.parent
    needed, todo = set(), [(package / "pipeline" / name).resolve() for name in ("match.py", "rules.py")]
    while todo:
        path = todo.pop()
        if path in needed:
            continue
        needed.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
                parts = (node.module or "").split(".") if node.module else []
                target = base.joinpath(*parts)
                names = [target.with_suffix(".py")] if parts else [base / f"{a.name}.py" for a in node.names]
                todo += [n.resolve() for n in names if n.exists() and n.name != "errors.py"]  # messages only
    hashed = {p.resolve() for p in match_cache._CODE}
    assert needed <= hashed, sorted(str(p) for p in needed - hashed)
