"""Annotated reader: turns a corpus of texts and a glossary into a cross-referenced static site.

Layers, each importing only the ones below it (checked by import-linter, see pyproject.toml):

- ``cli``: the command line;
- ``tools``: impact report, evaluation, entry scaffolding;
- ``site``: Markdown pages, graphs, the engine, the Content-Security-Policy, the offline edition;
- ``pipeline``: convert, model stage (spaCy), match, link, relations, candidates, ``analyse``;
- ``inputs``: reading and validating sources and glossary entries;
- ``model``, ``errors``, ``settings``: plain data, messages with codes, settings.
"""

__version__ = "0.2.0"
