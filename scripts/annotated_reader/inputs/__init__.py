"""Inputs: reading and validating the files people edit (sources, glossary entries).

Every file goes through ``files.read_input``; front matter through ``frontmatter``; the formats are
pydantic models (``formats``) that produce the plain dataclasses of ``annotated_reader.model``.
"""
