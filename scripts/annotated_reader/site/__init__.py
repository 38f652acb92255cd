"""The site: Markdown pages and small static assets from the analysed corpus, then the engine.

``render`` writes plain Markdown (texts, entries, indexes, graph) that any MkDocs-compatible
engine builds; ``engine`` runs the engine; ``csp`` adds the Content-Security-Policy; ``build``
stages and swaps the output; ``offline`` makes the edition that is read from disk.
"""
