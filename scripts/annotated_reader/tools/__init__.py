"""Tools for editors and maintainers: the impact report, the evaluation, scaffolding entries."""
