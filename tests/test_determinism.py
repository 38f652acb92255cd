"""Two builds of the same inputs give byte-identical sites (SOURCE_DATE_EPOCH fixes the dates)."""

from pathlib import Path

from annotated_reader.site.build import build
from annotated_reader.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    sites = []
    for name in ("one", "two"):
        settings = Settings(root=ROOT, docs=tmp_path / name / "docs", out=tmp_path / name / "site",
                            reports=tmp_path / name / "reports", cache=tmp_path / name / "cache", progress=False)
        build(settings)
        sites.append(files(settings.path(settings.out)))
    assert sites[0].keys() == sites[1].keys()
    different = [name for name in sites[0] if sites[0][name] != sites[1][name]]
    assert different == []
    assert len(sites[0]) > 100
