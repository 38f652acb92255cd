"""The pipeline: convert → model (spaCy) → match → link, then relations and candidates.

Each stage is a module with one job, taking and returning the plain data of
``annotated_reader.model``; spaCy is imported only by ``nlp``, ``annotate`` and ``match``.
``analyse`` runs them in order and is the one analysis function every command uses.
"""
