"""Dates as the people who edit the files write them: a year, a month or a day (``1945``,
``1945-02``, ``1945-02-04``), read as the span of days they stand for."""

from __future__ import annotations

import calendar
import datetime
import re

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalise(value: object) -> object:
    """A YAML date (2025-02-19) or a year written as a number (1945) as the same ISO text; other values unchanged."""
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    return value


def problem(text: str) -> str | None:
    """What is wrong with a written date, or None when it is a year, a month or a day that exists."""
    found = PATTERN.match(text)
    if not found:
        return "use digits and hyphens only"
    year, month, day = found.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return f"there is no month {month}"
    if day is not None:
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            return f"{calendar.month_name[int(month)]} {year} has no day {day}"
    if int(year) == 0:
        return "there is no year 0000"
    return None


def span(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day a valid written date stands for (a whole year for ``1945``)."""
    found = PATTERN.match(text)
    if not found or problem(text):
        raise ValueError(f"not a date: {text!r}")
    year, month, day = (int(part) if part else None for part in found.groups())
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if day is None:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day), datetime.date(year, month, day)


def spoken(text: str) -> str:
    """A written date as a reader says it: ``1945``, ``February 1945``, ``4 February 1945``."""
    first, _ = span(text)
    parts = text.count("-")
    if parts == 0:
        return str(first.year)
    if parts == 1:
        return f"{calendar.month_name[first.month]} {first.year}"
    return f"{first.day} {calendar.month_name[first.month]} {first.year}"


def spoken_span(start: str, end: str | None) -> str:
    """A span as a reader says it, shared parts said once: ``4–11 February 1945``, ``since February 2014``."""
    if end is None:
        return f"since {spoken(start)}"
    a, b = spoken(start).split(" "), spoken(end).split(" ")
    if len(a) == len(b) == 3 and a[1:] == b[1:]:
        return f"{a[0]}–{b[0]} {a[1]} {a[2]}"
    if len(a) == len(b) == 3 and a[2] == b[2]:
        return f"{a[0]} {a[1]} – {b[0]} {b[1]} {a[2]}"
    if len(a) == len(b) == 2 and a[1] == b[1]:
        return f"{a[0]}–{b[0]} {a[1]}"
    if len(a) == len(b) == 1:
        return f"{a[0]}–{b[0]}"
    return f"{spoken(start)} – {spoken(end)}"
