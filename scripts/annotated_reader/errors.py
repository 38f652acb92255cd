"""Every message the reader gives about a problem, in one place, each with a code and the fix.

A problem is reported as ``file:line: [E123] what is wrong; how to fix it``, with a real
location or none (``[E401] …`` alone when no file is at fault). Stages raise ``ReaderError``
carrying every problem they found; the command line prints them all and exits non-zero, and
nothing a build writes replaces the previous site. Tests assert codes, not wording.

Codes by area: E1xx reading any input file and its front matter, E2xx glossary entries,
E3xx sources, E4xx the model and the pipeline, E5xx the site and its engine, E6xx tools.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class E(Enum):
    """Message templates: (code, problem, fix). Fill them with ``E.X.at(path, line, **values)``."""

    # E1xx: input files, YAML front matter, plain-text fields
    UNREADABLE = ("E101", "cannot read the file ({reason})", "check that it exists and is readable")
    TOO_LARGE = ("E102", "the file is over the {limit:,}-byte limit",
                 "shorten it; an entry or a text this long is almost certainly a mistake")
    NOT_UTF8 = ("E103", "the file is not valid UTF-8 (byte {byte})", "save the file as UTF-8")
    NUL = ("E104", "the file contains a NUL character", "remove it; the file must be plain text")
    EMPTY = ("E105", "the file is empty", "fill it in (see {guide}) or delete the file")
    NO_FRONT_MATTER = ("E106", "the file does not start with a '---' front matter line",
                       "begin the file with '---', the metadata, and a closing '---'")
    UNCLOSED = ("E107", "the front matter is never closed", "add a line '---' after the metadata")
    YAML_SYNTAX = ("E108", "invalid YAML: {detail}", "fix the YAML syntax (quote values that contain ':', '#' or quotes)")
    NOT_MAPPING = ("E109", "the front matter is not a set of 'key: value' lines", "write one 'key: value' per line")
    YAML_VALUE = ("E110", "invalid YAML value: {detail}", "fix the value")
    YAML_TOO_BIG = ("E111", "the front matter expands to more than {limit:,} values",
                    "write the metadata out plainly, without YAML anchors and aliases")
    YAML_TOO_DEEP = ("E112", "the front matter is nested too deeply", "write the metadata out plainly")
    KEY_NOT_WORD = ("E113", "a key must be a plain word", "write the key as a simple name")
    DUPLICATE_KEY = ("E114", "duplicate key '{key}' (YAML would silently keep only the last one)",
                     "keep a single '{key}:' line and merge the values")
    MISSING_KEY = ("E115", "missing required key '{key}'", "{fix}")
    UNKNOWN_KEY = ("E116", "unknown key '{key}'", "{fix}")
    BAD_CHOICE = ("E117", "'{value}' is not a valid {key}", "use one of: {choices}")
    BAD_VALUE = ("E118", "{key}: {detail}", "{fix}")
    PLAIN_TEXT = ("E119", "{key}: {detail}", "write plain text (see {guide}); use typographic quotes “ ” instead of \"")
    BAD_ID = ("E120", "'{name}' is not a valid {what} id", "{fix}")
    SYMLINK = ("E121", "the file is a symbolic link", "replace the link by a regular file inside {folder}/")
    MISSING_DIRECTORY = ("E122", "the {what} directory does not exist", "create it or pass {option} DIR")
    NOT_REGULAR = ("E123", "the file is {kind}, not a regular file", "replace it by a regular file inside {folder}/")
    LINE_TOO_LONG = ("E124", "the line has {length:,} characters, over the limit of {limit:,} for a line (one paragraph)",
                     "split the paragraph at a sentence end into several lines, or remove it; a paragraph this long is "
                     "almost certainly a mistake of copying")
    WORD_TOO_LONG = ("E125", "the line has a run of {length:,} characters without a space, over the limit of {limit}",
                     "break it with spaces or remove it; no word or web address is this long")
    RESERVED_NAME = ("E126", "the name '{name}' is taken by a page the site generates ({page})",
                     "rename the file; every {what} needs its own page")
    INVISIBLE_CHARACTER = ("E127", "{key}: contains the invisible or control character {character}",
                           "delete it (retype the text around it if you cannot see it)")

    # E2xx: glossary entries
    BODY_UNSAFE = ("E201", "the body contains {what}", "{fix}")
    BODY_CONTROL = ("E202", "the body contains a control character", "remove it")
    NO_BODY = ("E203", "the entry has no body", "write a short explanation after the closing '---'")
    BODY_LENGTH = ("E204", "the body has {words} words, outside {low}–{high}",
                   "write an explanation of {low} to {high} words (see CONTRIBUTING.md)")
    PLACEHOLDER = ("E205", "{where} contains the placeholder '{text}'",
                   "replace it with finished text (see CONTRIBUTING.md); a skeleton entry cannot be merged")
    SEE_ALSO_NOT_ID = ("E206", "see_also names '{ref}', which is not an entry id", "use the id of an entry: its file name without .md")
    SEE_ALSO_MISSING = ("E207", "see_also names '{ref}', but there is no glossary/{ref}.md", "correct the id or add that entry")
    SEE_ALSO_SELF = ("E208", "see_also names the entry itself", "remove it from see_also")
    NAME_CLAIMED = ("E209", "'{form}' is also claimed by {other}",
                    "keep the name in one entry only, or restrict it there (see CONTRIBUTING.md)")
    NOT_MARKDOWN = ("E210", "only .md files belong in the glossary directory", "rename it to <id>.md or move it elsewhere")
    SUMMARY_LONG = ("E211", "the summary has {words} words, more than {limit}", "shorten the summary to {limit} words")
    REFERENCE_URL = ("E212", "references: {detail}", "give the full https:// address of the source")
    REFERENCE_TWICE = ("E213", "references: {url} names the same page as an earlier reference",
                       "list each source once (http and https, www. and a trailing slash count as the same page)")
    RELATION_MISSING = ("E215", "relations names '{ref}', but there is no glossary/{ref}.md", "correct the id or add that entry")
    FEW_REFERENCES = ("E214", "the entry lists {count} reference{s}; {kind} entries need at least {need}",
                      "add published sources under references: (see CONTRIBUTING.md, 'Sources')")
    NAME_LOOKALIKE = ("E220", "'{form}' looks the same as '{other_form}', claimed by {other}",
                      "names may not differ only in look-alike letters (Cyrillic 'Р' for Latin 'P') or invisible "
                      "characters: write the name in the ordinary letters, and keep it in one entry only")
    SEE_ALSO_NOT_ENTRY = ("E221", "see_also names '{ref}', but glossary/{ref}.md is {what}, not an entry",
                          "name an entry: a regular .md file of the glossary, by its file name without .md")
    DATE_FORMAT = ("E230", "{key}: '{value}' is not a date written YYYY, YYYY-MM or YYYY-MM-DD ({detail})",
                   "write the date only as precisely as you are sure of it, e.g. 1945, 1945-02 or 1945-02-04")
    DATE_AND_SPAN = ("E231", "the entry gives both date and {other}",
                     "use date for a single day, month or year, or start and end for a span, not both")
    END_WITHOUT_START = ("E232", "end is given without start", "add start: (when it began), or use date: for a single moment")
    END_BEFORE_START = ("E233", "end ({end}) is before start ({start})", "correct one of the two dates")
    DATE_NOT_TIMED = ("E234", "{key} is given for a {kind}; only events and documents are placed on the timeline",
                      "remove {key}, or check the entry's type")

    # E3xx: sources
    QUOTED_LINE_MISSING = ("E301", "{key} quotes '{quoted}', but no line of the text is exactly that",
                           "copy the line exactly as it appears in the text, or remove it")
    NO_TEXT = ("E302", "the source has no text after its metadata", "paste the text after the closing '---'")
    FORMER_ID_TARGET = ("E304", "former_ids sends '{former}' to '{current}', which is no block of this text",
                        "use the current id of the paragraph, shown in its ¶ link")
    FORMER_ID_TAKEN = ("E305", "former_ids lists '{former}', which is the id of a block of this text now",
                       "remove it: the anchor already exists")
    NO_SOURCES = ("E303", "there are no texts (*.txt) in the sources directory",
                  "add one (see sources/README.md) or pass --sources DIR")

    # E4xx: the model and the pipeline
    MODEL_MISSING = ("E401", "cannot load the spaCy pipeline '{model}' ({detail})",
                     "install it (make site installs the default) or set --model / READER_MODEL")
    MODEL_NO_NER = ("E402", "the pipeline '{model}' has no component {missing}", "choose a pipeline with a named-entity recogniser")

    # E5xx: the site and its engine
    ENGINE_FAILED = ("E501", "the site build failed: {detail}", "fix the page or configuration named in the message")
    ENGINE_WARNING = ("E502", "the site engine warned: {detail}", "fix the cause of the warning")
    FOREIGN_SCRIPT = ("E504", "the page has an inline script that is not the theme's own ({start}…)",
                      "remove it, or move the code into a file under assets/ loaded with extra_javascript")
    POLICY_PRESENT = ("E505", "the page already has a Content-Security-Policy element",
                      "remove it from the template or content that adds it; the build adds one policy to every page")
    NO_HEAD = ("E506", "the page has no <head> element to hold its Content-Security-Policy", "check the theme templates")
    PAGE_COLLISION = ("E507", "{first} and {second} would both be written to the page {page}",
                      "rename one of them; every page of the site has one source")
    OUTPUT_IS_LINK = ("E508", "the {what} directory is a symbolic link", "pass {option} a real directory (or a new one)")
    OUTPUT_HOLDS_PROJECT = ("E509", "the {what} directory {relation} {holds}, which a build would replace",
                            "pass {option} a directory of its own, such as the default {default}")
    OUTPUT_NOT_A_BUILD = ("E510", "the {what} directory is not empty and does not look like an earlier build (no {marker})",
                          "pass {option} a new or empty directory, or remove that directory yourself if it may go")
    OUTPUT_NOT_DIRECTORY = ("E511", "the {what} path is a file, not a directory", "pass {option} a directory")
    OUTPUTS_OVERLAP = ("E512", "the site and the pages directories overlap",
                       "pass --out and --docs two separate directories (defaults: site and docs)")
    SITE_URL = ("E513", "'{url}' is not a site address", "give the full https:// address the site is published at, "
                "e.g. https://owner.github.io/reader/, or leave SITE_URL unset")
    EPOCH = ("E514", "SOURCE_DATE_EPOCH is '{value}', not a number of seconds",
             "unset it (make sets it from the last commit) or give seconds since 1970, e.g. 1700000000")
    FRONT_END_MISSING = ("E503", "cannot install the offline edition's front-end files ({detail})",
                         "install Node.js and npm, then run `npm ci` in the project directory")
    # E52x: engines other than MkDocs, and the EPUB and print editions
    UNKNOWN_ENGINE = ("E520", "'{engine}' is not a site engine", "use one of: {choices} (ENGINE= for make, --engine for the command)")
    ENGINE_CANNOT = ("E521", "{what} is not available with {engine} yet",
                     "build it with ENGINE=mkdocs, the default (README.md, 'Engines', lists what each engine does)")
    ENGINE_NOT_RUN = ("E522", "cannot run {engine} ({detail})",
                      "run `make site` once: it installs the pinned engine from requirements.lock")
    EDITION_WRITE = ("E523", "cannot write the {edition} to {path} ({detail})", "choose a place you can write to (--out FILE)")
    EDITION_FAILED = ("E524", "the {edition} could not be made: {detail}",
                      "this is a bug in the reader, not in your files: report it with this message")
    NO_PRINT_FONT = ("E525", "no font for the print edition: {detail}",
                     "install the fonts the print edition names (Debian: apt-get install fonts-dejavu-core)")
    PRINT_LIBRARIES = ("E526", "WeasyPrint cannot load its system libraries ({detail})",
                       "install Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0), or run `make test-deps`")

    # E6xx: tools
    GIT_MISSING = ("E601", "git is not installed", "install git to compare with a base revision")
    BAD_REVISION = ("E602", "cannot read the glossary at '{revision}' ({detail})",
                    "name an existing branch or commit, e.g. BASE=origin/main")
    NO_GOLD = ("E603", "no gold annotation for the text '{text_id}'", "annotate the text by hand (see evaluation/README.md)")
    GOLD_RECORD = ("E604", "{detail}", "{fix}")
    SCAFFOLD = ("E605", "{detail}", "{fix}")
    NO_EXTRACTABLE_TEXT = ("E607", "no text could be taken from the file (read as {kind})",
                           "import the page as saved from the browser (HTML), or paste its text into a .txt file")
    IMPORT_URL = ("E608", "'{url}' is not a web address", "give URL as a full https:// address, or leave it out")
    IMPORT_ID = ("E609", "the title gives no usable id ('{id}')", "pass ID=lowercase-words-joined-by-hyphens")
    IMPORT_EXISTS = ("E610", "a source with this id already exists", "edit it, or pass ID= for a different id")
    FIRST_SCORE_EXISTS = ("E606", "the first held-out score is recorded already",
                          "it is never replaced; later scores are printed beside it (annotate new held-out texts for a fresh one)")

    @property
    def code(self) -> str:
        return self.value[0]

    def at(self, path: str | Path | None, line: int | None = None, **values: object) -> "Problem":
        """This problem, located at ``path``:``line`` (either may be None), with its values filled in."""
        code, problem, fix = self.value
        shown = display_path(path) if isinstance(path, Path) else path
        return Problem(shown, line if shown is not None else None, code,
                       problem.format(**values), fix.format(**values))


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is (when a file is at fault), and the way to fix it."""

    path: str | None
    line: int | None
    code: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return _one_line(f"{where}[{self.code}] {self.message}; {self.fix}")

    def moved(self, lines: int) -> "Problem":
        """The same problem ``lines`` further down its file."""
        return Problem(self.path, None if self.line is None else self.line + lines, self.code, self.message, self.fix)

    def _key(self) -> tuple:
        return (self.path or "", self.line or 0, self.code, self.message, self.fix)

    def __lt__(self, other: "Problem") -> bool:  # files without a location sort first
        return self._key() < other._key()


_LINE_BREAKS = str.maketrans({ch: " " for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def _one_line(text: str) -> str:
    """A message on one line whatever the values quoted in it, so that no line of output starts with them."""
    return text.translate(_LINE_BREAKS)


class ReaderError(Exception):
    """Raised when inputs are invalid or a stage fails; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


def display_path(path: str | Path) -> str:
    """The path as a user would type it: relative to the working directory when it lies below it."""
    absolute = Path(os.path.abspath(path))
    here = Path(os.path.abspath(Path.cwd()))
    if here == Path(here.anchor):  # from the file-system root a relative path would read as a different place
        return absolute.as_posix()
    try:
        return absolute.relative_to(here).as_posix()
    except ValueError:
        return Path(path).as_posix()
