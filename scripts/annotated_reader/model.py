"""The plain data every stage takes and returns: frozen dataclasses, standard library only.

inputs → ``Source``, ``Entry``/``Glossary``; convert → ``Document`` of ``Block``; model stage →
``Analysis`` (tokens, entities, sentences per block); match → ``AnnotatedText`` with ``Mention``
and ``Entity``; link → the same mentions with ``linked`` and ``first`` set; render → ``Page``.
Nothing here imports a third-party package, so any stage (and any test) can build these values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


# --------------------------------------------------------------------------- entry types


@dataclass(frozen=True)
class EntryType:
    """One kind of glossary entry, with every name and colour the site gives it."""

    key: str
    """The value of ``type:`` in an entry file."""
    name: str
    """Singular display name ("Organisation")."""
    plural: str
    """Heading of the group in indexes ("Organisations")."""
    colour: str
    """Fill of the entry's circles in graphs (3:1 against white at least)."""


ENTRY_TYPES: tuple[EntryType, ...] = (
    EntryType("person", "Person", "People", "#0b5f9e"),
    EntryType("state", "State", "States", "#b3470b"),
    EntryType("organization", "Organisation", "Organisations", "#0a7a5a"),
    EntryType("place", "Place", "Places", "#a3386f"),
    EntryType("concept", "Concept", "Concepts", "#8a6100"),
    EntryType("event", "Event", "Events", "#2a6f97"),
    EntryType("document", "Document", "Documents", "#555555"),
)
"""Every entry type, in the order indexes show them. The one definition of the types."""

TYPES: Mapping[str, EntryType] = {t.key: t for t in ENTRY_TYPES}
TYPE_KEYS: tuple[str, ...] = tuple(t.key for t in ENTRY_TYPES)

LINK_POLICIES: tuple[str, ...] = ("first-in-section", "first-in-text", "every-mention")
"""Which mentions become links: the first of each entry per section, per text, or every one."""


# --------------------------------------------------------------------------- glossary


def _within(years: tuple[int | None, int | None] | None, year: int | None) -> bool:
    if years is None:
        return True
    first, last = years
    if year is None:
        return last is None
    return (first is None or first <= year) and (last is None or year <= last)


@dataclass(frozen=True)
class Alias:
    """One surface form that names an entry, with optional restrictions on where it counts."""

    text: str
    case_sensitive: bool | None = None
    """Match the exact letter case; by default an alias with a capital letter is case-sensitive."""
    after_first_mention: bool = False
    """Only a mention once another form of the entry has appeared earlier in the same text."""
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    requires_in_sentence: tuple[str, ...] = ()
    metonym: bool = False
    """A place name that stands for a government: linked only where the place acts, not where it is a place."""
    period: tuple[int | None, int | None] | None = None
    """Years (first, last; None for open) in which the alias names this entry, e.g. Moscow → Soviet Union 1922–1991."""
    written: tuple[int | None, int | None] | None = None
    """Years of the *text* in which the alias names this entry, whatever years its sentence speaks of:
    writers of 1918–1941 called the First World War "the World War"."""

    def in_period(self, year: int | None) -> bool:
        """Whether the alias names this entry in ``year`` (None: undated, read as the present)."""
        return _within(self.period, year)

    def written_in(self, year: int | None) -> bool:
        """Whether a text of ``year`` (None: undated, read as the present) uses the alias for this entry."""
        return _within(self.written, year)

    @property
    def restricted(self) -> bool:
        """The alias holds only in some years (``period`` or ``written``)."""
        return self.period is not None or self.written is not None

    @property
    def is_case_sensitive(self) -> bool:
        if self.case_sensitive is not None:
            return self.case_sensitive
        return any(ch.isupper() for ch in self.text)


@dataclass(frozen=True)
class Reference:
    """A published source that supports claims of an entry."""

    title: str
    publisher: str
    url: str
    supports: str


@dataclass(frozen=True)
class Entry:
    """A validated glossary entry."""

    id: str
    title: str
    type: str
    aliases: tuple[Alias, ...]
    summary: str
    see_also: tuple[str, ...]
    wikipedia: str | None
    body: str
    path: str
    lines: tuple[tuple[str, int], ...] = ()
    """Line of each front-matter key in the file, for messages about this entry."""
    references: tuple[Reference, ...] = ()
    labels: tuple[str, ...] = ()
    """Entity labels of the statistical model this entry's names may carry (empty: the type's defaults)."""
    demonyms: tuple[str, ...] = ()
    """Adjectives and nouns of nationality for a state ("Chinese", "Sino"): never linked, used in relation phrases."""
    relations: tuple[tuple[str, str], ...] = ()
    """For an entry about relations between states: the pairs of state entries it is about."""
    date: str | None = None
    """When an event happened or a document appeared, as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    start: str | None = None
    """When an event that lasted began (same form as ``date``)."""
    end: str | None = None
    """When it ended; None with a ``start`` means it goes on."""

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)

    @property
    def dated(self) -> bool:
        """The entry is placed in time (it has a date or a start)."""
        return self.date is not None or self.start is not None

    @property
    def surname(self) -> str | None:
        """For a person with a multi-word title, the last word: matched after the full name."""
        words = self.title.split()
        return words[-1] if self.type == "person" and len(words) > 1 else None


@dataclass(frozen=True)
class Glossary:
    """All entries, by id, sorted."""

    entries: Mapping[str, Entry]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries


# --------------------------------------------------------------------------- sources and documents


@dataclass(frozen=True)
class SourceMeta:
    """Metadata of one text. Unknown facts are "unknown" or None, never guessed."""

    title: str
    author: str = "unknown"
    translator: str | None = None
    publication: str = "unknown"
    first_published: str | None = None
    date: str | None = None
    date_note: str | None = None
    language: str = "en"
    original_language: str | None = None
    kind: str | None = None
    furniture: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    former_ids: tuple[tuple[str, str], ...] = ()
    """(former id, current id) pairs: anchors that once pointed at a block and still lead to it."""
    url: str | None = None
    """Where the text was received from, when known."""
    imported: str | None = None
    """Date of import (YYYY-MM-DD)."""
    sha256: str | None = None
    """SHA-256 of the file imported."""
    notes: tuple[str, ...] = ()
    """Notes about the text from outside it (e.g. an attribution another publisher makes), plain text."""


@dataclass(frozen=True)
class Source:
    """A validated source: id (file name), metadata, and the received lines with their file line numbers."""

    id: str
    meta: SourceMeta
    lines: tuple[tuple[int, str], ...]
    path: str
    key_lines: tuple[tuple[str, int], ...] = ()
    """Line of each metadata key in the file, for messages about this source."""

    def line_of(self, key: str) -> int:
        return dict(self.key_lines).get(key, 1)


@dataclass(frozen=True)
class Block:
    """One unit of a text: what the reader sees as a paragraph, heading, list item or note.

    The id is derived from the block's own text (``p-`` or ``h-`` and eight hex digits of its
    SHA-256), so it does not move when lines elsewhere in the text are added, removed, declared
    furniture or headings: a citation URL keeps pointing at the same words.
    """

    id: str
    kind: str
    """"heading", "paragraph", "item" (of a numbered list), "bullet" (of a bulleted list), "quote" or
    "note" (editorial, in brackets)."""
    text: str
    section: int
    line: int
    number: int = 0
    """Position in the text (1, 2, …), shown to readers as "¶ n"; unlike the id it may change."""
    former_ids: tuple[str, ...] = ()
    """Ids this block had before (kept as anchors so old citation links still land here)."""

    @property
    def linkable(self) -> bool:
        return self.kind != "heading"


@dataclass(frozen=True)
class Document:
    """A converted source: its id and metadata and its blocks in reading order."""

    source: Source
    blocks: tuple[Block, ...]

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def title(self) -> str:
        return self.source.meta.title

    @property
    def meta(self) -> SourceMeta:
        return self.source.meta


# --------------------------------------------------------------------------- model output


@dataclass(frozen=True)
class BlockAnalysis:
    """What the statistical model found in one block, as character and token offsets."""

    tokens: tuple[tuple[int, int], ...]
    """(start, end) character offsets of every token, in order."""
    entities: tuple[tuple[int, int, str], ...]
    """(first token, token after the last, label) of every entity the model found."""
    sentence_starts: tuple[int, ...]
    """Index of the first token of every sentence."""


@dataclass(frozen=True)
class Analysis:
    """A document with the model's output for each of its blocks."""

    document: Document
    blocks: tuple[BlockAnalysis, ...]
    cached: bool = False


# --------------------------------------------------------------------------- mentions and links


@dataclass(frozen=True)
class Mention:
    """A span of a block that names a glossary entry; the link stage sets ``linked`` and ``first``."""

    text_id: str
    block_id: str
    start: int
    end: int
    entry_id: str
    surface: str
    sentence_start: int
    sentence_end: int
    linked: bool = False
    """The linking policy makes this mention a link to its entry."""
    first: bool = False
    """The first linked mention of its entry in the text: the target of the "In this text" panel."""
    metonym: bool = False
    """Made by a ``metonym`` alias (a city standing for its government): less certain than a name, so
    the link goes to a name of the entry in the same section when there is one."""


@dataclass(frozen=True)
class Entity:
    """A statistical entity (or a longer name) that matched no entry: a candidate for a new entry."""

    text_id: str
    block_id: str
    start: int
    end: int
    label: str
    """The model's label, or NAME for a longer name that suppressed a glossary match."""
    surface: str
    sentence: str
    followed_by: str = ""
    """The word right after it ("" at the end of the block): tells an adjective from a noun."""
    starts_sentence: bool = False


@dataclass(frozen=True)
class AnnotatedText:
    """All mentions and unmatched entities of one document, and its sentences per block."""

    document: Document
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    sentences: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def block(self, block_id: str) -> Block:
        return self._blocks[block_id]

    @property
    def _blocks(self) -> dict[str, Block]:
        cached = self.__dict__.get("_block_index")
        if cached is None:
            cached = {b.id: b for b in self.document.blocks}
            object.__setattr__(self, "_block_index", cached)
        return cached


@dataclass(frozen=True)
class Candidate:
    """A name to consider for the glossary: how often it occurs, where, and one context sentence."""

    name: str
    labels: tuple[str, ...]
    count: int
    texts: tuple[str, ...]
    context: str
    block: str
    reviewed: str | None = None
    """Why the name is deliberately not an entry, when it has been reviewed (non-entries.yml)."""
    spellings: tuple[str, ...] = ()
    """The forms the texts write it in ("the Kremlin’s", "Kremlin")."""
    sentences: tuple[str, ...] = ()
    """A few sentences where it occurs (the first ones, at most three)."""

    def as_dict(self) -> dict:
        return {"name": self.name, "labels": list(self.labels), "count": self.count, "texts": list(self.texts),
                "context": self.context, "first": self.block, "reviewed": self.reviewed,
                "spellings": list(self.spellings), "sentences": list(self.sentences)}


@dataclass(frozen=True)
class Corpus:
    """The analysed corpus: everything the site needs."""

    glossary: Glossary
    texts: tuple[AnnotatedText, ...]
    candidates: tuple[Candidate, ...]
    stats: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """A generated file: its path below the pages directory and its content."""

    path: str
    content: str
