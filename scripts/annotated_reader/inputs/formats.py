"""The formats of the files people edit, as pydantic models: what a valid entry or source says.

Each model validates one front matter and turns it into the plain dataclasses of
``annotated_reader.model``. Problems are raised as ``PydanticCustomError`` named after a member
of ``annotated_reader.errors.E`` so that every message and fix lives in one place.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from .. import model
from . import dates
from .text import Name, PlainText, Prose

SUMMARY_MAX_WORDS = 40
NOTE_MAX_CHARS = 1000
"""Longest note about a source, in characters."""
BODY_WORDS = (80, 300)
"""Shortest and longest entry body, in words."""

MODEL_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
                "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
"""The entity labels of the English pipelines (OntoNotes)."""

ModelLabel = Literal["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
                     "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"]
assert ModelLabel.__args__ == MODEL_LABELS

EntryTypeKey = Literal["person", "state", "organization", "place", "concept", "event", "document"]
assert tuple(EntryTypeKey.__args__) == model.TYPE_KEYS, "EntryTypeKey must list model.ENTRY_TYPES"


class AliasFormat(BaseModel):
    """One alias: a plain string, or a mapping with restrictions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Name = Field(min_length=1, max_length=120)
    case_sensitive: bool | None = None
    after_first_mention: bool = False
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    requires_in_sentence: tuple[str, ...] = ()
    metonym: bool = False
    period: tuple[int | None, int | None] | None = None
    written: tuple[int | None, int | None] | None = None

    @field_validator("period", "written")
    @classmethod
    def _period(cls, value):
        if value is not None:
            first, last = value
            if first is None and last is None or (first is not None and last is not None and first > last):
                raise PydanticCustomError("BAD_VALUE", "{detail}", {
                    "detail": f"{list(value)} is not a period", "fix": "write [first year, last year], null for an open end"})
        return value

    def to_model(self) -> model.Alias:
        return model.Alias(self.text, self.case_sensitive, self.after_first_mention, self.not_followed_by,
                           self.not_preceded_by, self.requires_in_sentence, self.metonym, self.period, self.written)


def _written_date(value: object) -> object:
    """Before validation: YAML's dates and numbers as the text they were written as."""
    value = dates.normalise(value)
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _valid_date(value: str | None) -> str | None:
    """After validation: a year, month or day that exists, or a problem named DATE_FORMAT."""
    if value is not None:
        wrong = dates.problem(value)
        if wrong:
            raise PydanticCustomError("DATE_FORMAT", "{detail}", {"detail": wrong, "value": value})
    return value


class ReferenceFormat(BaseModel):
    """A published source that supports claims of an entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: PlainText = Field(min_length=1, max_length=300)
    publisher: PlainText = Field(min_length=1, max_length=200)
    url: str = Field(min_length=1, max_length=500)
    supports: PlainText = Field(min_length=1, max_length=400)

    @field_validator("url")
    @classmethod
    def _web(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
            raise PydanticCustomError("REFERENCE_URL", "{detail}", {"detail": f"'{value}' is not a full http(s) address"})
        if any(ch in value for ch in "<>\"\\`"):
            raise PydanticCustomError("REFERENCE_URL", "{detail}", {"detail": "the URL contains a character a web address may not"})
        return value

    def to_model(self) -> model.Reference:
        return model.Reference(self.title, self.publisher, self.url, self.supports)


def same_page(url: str) -> str:
    """The form two reference URLs are compared in: the same page under http or https, with or
    without ``www.``, a trailing slash or a #fragment, in any letter case of the host, is one source."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("https", host, parts.path.rstrip("/"), parts.query, ""))


def repeated_references(references) -> list[int]:
    """Indexes of the references that name a page listed earlier in the same list."""
    seen: set[str] = set()
    repeated = []
    for index, reference in enumerate(references):
        key = same_page(reference.url)
        if key in seen:
            repeated.append(index)
        seen.add(key)
    return repeated


class EntryFormat(BaseModel):
    """The front matter of a glossary entry (CONTRIBUTING.md documents it)."""

    model_config = ConfigDict(extra="forbid")

    title: Name = Field(min_length=1, max_length=120)
    type: EntryTypeKey
    aliases: list[AliasFormat] = []
    summary: PlainText = Field(min_length=1, max_length=400)
    see_also: list[str] = []
    wikipedia: PlainText | None = Field(default=None, max_length=200)
    references: list[ReferenceFormat] = []
    labels: list[ModelLabel] = []
    demonyms: list[Name] = []
    relations: list[tuple[str, str]] = []
    date: str | None = None
    start: str | None = None
    end: str | None = None

    _written = field_validator("date", "start", "end", mode="before")(_written_date)
    _valid = field_validator("date", "start", "end")(_valid_date)

    @field_validator("aliases", mode="before")
    @classmethod
    def _alias_strings(cls, value):
        """A plain string is shorthand for an alias with no restrictions."""
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("summary")
    @classmethod
    def _short(cls, value: str) -> str:
        words = len(value.split())
        if words > SUMMARY_MAX_WORDS:
            raise PydanticCustomError("SUMMARY_LONG", "{detail}", {"detail": "", "words": words, "limit": SUMMARY_MAX_WORDS})
        return value

    # A source listed twice is reported by the glossary loader, at the line of the repeated item
    # (``repeated_references``): the line is known there, not here.


ENTRY_KEYS = tuple(EntryFormat.model_fields)

_ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,80}$")
_BLOCK_ID = re.compile(r"^[ph]-[0-9a-f]{8}(-\d+)?$")
_LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$"


class SourceFormat(BaseModel):
    """The front matter of a source text (sources/README.md documents it)."""

    model_config = ConfigDict(extra="forbid")

    title: Prose = Field(min_length=1, max_length=300)
    author: Prose = Field(min_length=1, max_length=200)
    translator: Prose | None = None
    publication: Prose = Field(min_length=1, max_length=200)
    first_published: Prose | None = None
    date: str | None = None
    date_note: Prose | None = None
    language: str = Field(default="en", pattern=_LANGUAGE)
    original_language: str | None = Field(default=None, pattern=_LANGUAGE)
    kind: Prose | None = Field(default=None, max_length=60)
    furniture: list[str] = []
    headings: list[str] = []
    former_ids: dict[str, str] = {}
    url: str | None = Field(default=None, max_length=500)
    """Where the text was received from, when known."""
    imported: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    """The date the text was imported."""
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the file the text was imported from."""
    notes: list[Annotated[Prose, Field(min_length=1, max_length=NOTE_MAX_CHARS)]] = []
    """Notes about the text that its own words do not give (an attribution made elsewhere, with its source)."""

    @field_validator("notes", mode="before")
    @classmethod
    def _note_string(cls, value):
        """A single note may be written as a plain string."""
        return [value] if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc or any(ch in value for ch in " <>\"\\`"):
                raise PydanticCustomError("BAD_VALUE", "{detail}", {
                    "detail": f"'{value}' is not a full http(s) address", "fix": "give the page's https:// address, or leave url out"})
        return value

    @field_validator("imported", mode="before")
    @classmethod
    def _imported(cls, value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    @field_validator("former_ids")
    @classmethod
    def _ids(cls, value: dict[str, str]) -> dict[str, str]:
        for former, current in value.items():
            if not _ANCHOR.match(str(former)) or not _BLOCK_ID.match(str(current)):
                raise PydanticCustomError("BAD_VALUE", "{detail}", {
                    "detail": f"'{former}: {current}' is not a former id and a block id",
                    "fix": "write 'former-id: p-0123abcd' (the current id is shown in the page's ¶ link)"})
        return value

    _written = field_validator("date", mode="before")(_written_date)
    _valid = field_validator("date")(_valid_date)

    def to_model(self) -> model.SourceMeta:
        return model.SourceMeta(self.title, self.author, self.translator, self.publication, self.first_published,
                                self.date, self.date_note, self.language, self.original_language, self.kind,
                                tuple(self.furniture), tuple(self.headings), tuple(sorted(self.former_ids.items())),
                                self.url, self.imported, self.sha256, tuple(" ".join(n.split()) for n in self.notes))


SOURCE_KEYS = tuple(SourceFormat.model_fields)
