"""Annotated reader: turns a corpus of texts and a glossary into a cross-referenced MkDocs site."""

__version__ = "0.1.0"
