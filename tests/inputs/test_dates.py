"""Written dates: a year, a month or a day, as the span of days they stand for and as a reader says them."""

import datetime
import os

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.inputs.dates import problem, span, spoken, spoken_span
from annotated_reader.inputs.sources import load_sources

D = datetime.date


@pytest.mark.parametrize("text,first,last", [
    ("1945", D(1945, 1, 1), D(1945, 12, 31)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
    ("1945-02-04", D(1945, 2, 4), D(1945, 2, 4)),
])
def test_span(text, first, last):
    assert problem(text) is None
    assert span(text) == (first, last)


@pytest.mark.parametrize("text", ["1945-2-4", "45", "1945/02", "February 1945", "1945-00", "1945-13", "2023-02-29",
                                  "1945-02-30", "0000", "1945-02-04T10:00"])
def test_what_is_not_a_date(text):
    assert problem(text)
    with pytest.raises(ValueError):
        span(text)


@pytest.mark.parametrize("start,end,said", [
    ("1945-02-04", "1945-02-11", "4–11 February 1945"),
    ("1914-07-28", "1918-11-11", "28 July 1914 – 11 November 1918"),
    ("1945-02-04", "1945-03-11", "4 February – 11 March 1945"),
    ("2023-01", "2023-03", "January–March 2023"),
    ("1947", "1991", "1947–1991"),
    ("1947", "1991-12", "1947 – December 1991"),
    ("2014-02", None, "since February 2014"),
])
def test_spans_as_a_reader_says_them(start, end, said):
    assert spoken_span(start, end) == said


def test_single_dates_as_a_reader_says_them():
    assert [spoken(t) for t in ("2025", "2025-02", "2025-02-19")] == ["2025", "February 2025", "19 February 2025"]


def test_a_text_dated_on_a_day_that_does_not_exist_is_refused(project):
    path = next((project / "sources").glob("*.txt"))
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("date:"))
    lines[index] = 'date: "2023-02-30"'
    path.write_text("\n".join(lines), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with pytest.raises(ReaderError) as raised:
            load_sources(project / "sources")
    finally:
        os.chdir(cwd)
    assert [str(p) for p in raised.value.problems] == [
        f"sources/{path.name}:{index + 1}: [{E.DATE_FORMAT.code}] date: '2023-02-30' is not a date written YYYY, "
        "YYYY-MM or YYYY-MM-DD (February 2023 has no day 30); write the date only as precisely as you are sure of it, "
        "e.g. 1945, 1945-02 or 1945-02-04"]
