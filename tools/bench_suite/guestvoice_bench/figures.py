"""The insight figures, asked of guestvoiced and computed by PostgreSQL.

The SQL follows docs/insights.md and service/insights/voice_stats.cc exactly:
each (hotel, voice) pair counts once, with its mean over its items (or its
mentions of an aspect); a figure is the mean of those means. A voice is
positive when its fixed-point sum >= 50000 * n, negative when <= -50000 * n;
a top issue's negative voice has at least one mention <= -0.05. Intervals map
per hotel to whole local days (first day: the local day of start; last day:
that of the last microsecond before end), and the previous interval is the
same number of days before. Both sides return plain dicts, so R8 compares
them figure by figure.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import psycopg
from google.type import interval_pb2

from guestvoice.v1 import insight_service_pb2

Figures = dict[str, Any]

VOICE_FIELDS = ("feedback_count", "voice_count", "mean_sentiment", "positive_share",
                "neutral_share", "negative_share", "mean_rating", "rated_count",
                "rated_voice_count")
ASPECT_FIELDS = ("mention_count", "voice_count", "mean_sentiment", "negative_share")

# Each hotel's current and previous whole local days of [start, end).
_PERIODS = """
periods AS (
  SELECT h.hotel, p.period, p.first_day, p.last_day
  FROM hotels h
  CROSS JOIN LATERAL (
    SELECT (%(start)s::timestamptz AT TIME ZONE h.zone)::date AS first_day,
           ((%(end)s::timestamptz - interval '1 microsecond') AT TIME ZONE h.zone)::date
             AS last_day) d
  CROSS JOIN LATERAL (VALUES
    ('current', d.first_day, d.last_day),
    ('previous', d.first_day - (d.last_day - d.first_day + 1), d.first_day - 1)
  ) p(period, first_day, last_day)
  WHERE h.hotel = ANY(%(hotels)s) AND p.period = ANY(%(periods)s))"""

# Per (hotel, voice) totals of feedback and of aspect mentions.
_VOICES = _PERIODS + """,
voices AS (
  SELECT p.period, f.hotel, f.voice, count(*) AS n, sum(f.sentiment) AS s,
         count(f.rating) AS rated, sum(f.rating) AS rating_sum
  FROM periods p
  JOIN feedback f ON f.hotel = p.hotel AND f.local_day BETWEEN p.first_day AND p.last_day
                 AND NOT f.repeat
  GROUP BY p.period, f.hotel, f.voice)"""
_ASPECT_VOICES = _PERIODS + """,
aspect_voices AS (
  SELECT p.period, m.hotel, m.aspect, m.voice, count(*) AS n, sum(m.sentiment) AS s,
         count(*) FILTER (WHERE m.sentiment <= -50000) AS negative_mentions
  FROM periods p
  JOIN mention m ON m.hotel = p.hotel AND m.local_day BETWEEN p.first_day AND p.last_day
  GROUP BY p.period, m.hotel, m.aspect, m.voice)"""

# Voice-weighted figures over the voice rows of a group.
_VOICE_STATS = """
  sum(n), count(*), avg(s::float8 / 1e6::float8 / n),
  count(*) FILTER (WHERE s >= 50000 * n), count(*) FILTER (WHERE s <= -50000 * n),
  sum(rated), count(*) FILTER (WHERE rated > 0),
  avg(rating_sum::float8 / 1e6::float8 / rated) FILTER (WHERE rated > 0)"""
_ASPECT_STATS = """
  sum(n), count(*), avg(s::float8 / 1e6::float8 / n),
  count(*) FILTER (WHERE s <= -50000 * n), count(*) FILTER (WHERE negative_mentions > 0)"""

SUMMARY_VOICES = f"WITH {_VOICES} SELECT period, {_VOICE_STATS} FROM voices GROUP BY period"
SUMMARY_ASPECTS = (f"WITH {_ASPECT_VOICES} SELECT period, aspect, {_ASPECT_STATS} "
                   "FROM aspect_voices GROUP BY period, aspect")
TOP_ISSUES = f"""WITH {_ASPECT_VOICES}
SELECT a.aspect,
  count(*) FILTER (WHERE period = 'current' AND negative_mentions > 0) AS negative_voices,
  count(*) FILTER (WHERE period = 'previous' AND negative_mentions > 0),
  avg(s::float8 / 1e6::float8 / n) FILTER (WHERE period = 'current')
FROM aspect_voices v JOIN aspects a USING (aspect)
GROUP BY a.aspect, a.ordinal
HAVING count(*) FILTER (WHERE period = 'current' AND negative_mentions > 0) > 0
ORDER BY negative_voices DESC, a.ordinal
LIMIT %(limit)s"""
# The newest three negative clauses of each top aspect in the interval.
TOP_ISSUE_QUOTES = f"""WITH {_PERIODS}
SELECT a.aspect, q.clause
FROM unnest(%(aspects)s::text[]) AS a(aspect)
CROSS JOIN LATERAL (
  SELECT m.clause FROM mention m
  JOIN periods p ON p.hotel = m.hotel AND p.period = 'current'
                AND m.local_day BETWEEN p.first_day AND p.last_day
  WHERE m.aspect = a.aspect AND m.sentiment <= -50000
  ORDER BY m.post_time DESC LIMIT 3) q"""
COMPARE_VOICES = (f"WITH {_VOICES} SELECT hotel, {_VOICE_STATS} FROM voices "
                  "GROUP BY GROUPING SETS ((hotel), ())")
COMPARE_ASPECTS = (f"WITH {_ASPECT_VOICES} SELECT hotel, aspect, {_ASPECT_STATS} "
                   "FROM aspect_voices GROUP BY GROUPING SETS ((hotel, aspect), (aspect))")

QUOTES_PER_ISSUE = 3
TOP_ISSUE_LIMIT = 10


def _voice_stats(row: tuple[Any, ...]) -> Figures:
    feedback, voices, mean, positive, negative, rated, rated_voices, mean_rating = row
    return {"feedback_count": int(feedback), "voice_count": voices, "mean_sentiment": mean,
            "positive_share": positive / voices, "negative_share": negative / voices,
            "neutral_share": (voices - positive - negative) / voices,
            "mean_rating": mean_rating or 0.0, "rated_count": int(rated),
            "rated_voice_count": rated_voices}


def _aspect_stats(row: tuple[Any, ...]) -> Figures:
    mentions, voices, mean, negative_voices, _ = row
    return {"mention_count": int(mentions), "voice_count": voices, "mean_sentiment": mean,
            "negative_share": negative_voices / voices}


class PostgresFigures:
    """The figures from PostgreSQL over [start, end)."""

    def __init__(self, connection: psycopg.Connection, hotels: list[str],
                 start: dt.datetime, end: dt.datetime) -> None:
        self._connection = connection
        self._all_hotels = hotels
        self._start = start
        self._end = end

    def _parameters(self, hotels: list[str], periods: tuple[str, ...],
                    **extra: Any) -> dict[str, Any]:
        return {"start": self._start, "end": self._end, "hotels": hotels,
                "periods": list(periods), **extra}

    def _query(self, sql: str, hotels: list[str], periods: tuple[str, ...],
               **extra: Any) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, self._parameters(hotels, periods, **extra)).fetchall()

    def hotel_summary_statements(self, hotel: str) -> list[str]:
        """The statements hotel_summary runs, their values written in, for
        a load tool (pgbench) to send."""
        cursor = psycopg.ClientCursor(self._connection)
        parameters = self._parameters([hotel], ("current", "previous"))
        return [cursor.mogrify(sql, parameters) for sql in (SUMMARY_VOICES, SUMMARY_ASPECTS)]

    def hotel_summary(self, hotel: str) -> Figures:
        both = ("current", "previous")
        summary: Figures = {period: {} for period in both}
        summary.update({f"{period}_aspects": {} for period in both})
        for period, *stats in self._query(SUMMARY_VOICES, [hotel], both):
            summary[period] = _voice_stats(tuple(stats))
        for period, aspect, *stats in self._query(SUMMARY_ASPECTS, [hotel], both):
            summary[f"{period}_aspects"][aspect] = _aspect_stats(tuple(stats))
        return summary

    def top_issues(self) -> Figures:
        issues = {aspect: {"negative_voice_count": negative, "previous_negative_voice_count":
                           previous, "mean_sentiment": mean}
                  for aspect, negative, previous, mean in self._query(
                      TOP_ISSUES, self._all_hotels, ("current", "previous"),
                      limit=TOP_ISSUE_LIMIT)}
        for aspect, clause in self._query(TOP_ISSUE_QUOTES, self._all_hotels, ("current",),
                                          aspects=list(issues)):
            issues[aspect].setdefault("quotes", []).append(clause)
        return {"order": list(issues), "issues": issues}

    def compare_hotels(self) -> Figures:
        comparison: Figures = {"hotels": {}, "organization": {}, "organization_aspects": {},
                               "hotel_aspects": {}}
        for hotel, *stats in self._query(COMPARE_VOICES, self._all_hotels, ("current",)):
            if hotel is None:
                comparison["organization"] = _voice_stats(tuple(stats))
            else:
                comparison["hotels"][hotel] = _voice_stats(tuple(stats))
        for hotel, aspect, *stats in self._query(COMPARE_ASPECTS, self._all_hotels,
                                                 ("current",)):
            if hotel is None:
                comparison["organization_aspects"][aspect] = _aspect_stats(tuple(stats))
            else:
                comparison["hotel_aspects"][(hotel, aspect)] = _aspect_stats(tuple(stats))
        return comparison


def interval(start: dt.datetime, end: dt.datetime) -> interval_pb2.Interval:
    interval = interval_pb2.Interval()
    interval.start_time.FromDatetime(start)
    interval.end_time.FromDatetime(end)
    return interval


def _message_figures(message: Any, fields: tuple[str, ...]) -> Figures:
    return {name: getattr(message, name) for name in fields}


def _aspects(stats: Any) -> Figures:
    # The service lists every aspect; PostgreSQL only those with mentions.
    return {a.aspect: _message_figures(a, ASPECT_FIELDS) for a in stats if a.voice_count > 0}


def _hotel_id(name: str) -> str:
    return name.rsplit("/", 1)[1]


def _voices(stats: Any) -> Figures:
    return _message_figures(stats, VOICE_FIELDS) if stats.voice_count > 0 else {}


class ServiceFigures:
    """The same figures asked of guestvoiced over its public API."""

    def __init__(self, insights: Any, organization: str, start: dt.datetime,
                 end: dt.datetime) -> None:
        self._insights = insights
        self._organization = organization
        self._interval = interval(start, end)

    def hotel_summary(self, hotel: str) -> Figures:
        summary = self._insights.GetHotelSummary(insight_service_pb2.GetHotelSummaryRequest(
            hotel=f"{self._organization}/hotels/{hotel}", interval=self._interval))
        return {"current": _voices(summary.current), "previous": _voices(summary.previous),
                "current_aspects": _aspects(summary.aspects),
                "previous_aspects": _aspects(summary.previous_aspects)}

    def top_issues(self) -> Figures:
        response = self._insights.ListTopIssues(insight_service_pb2.ListTopIssuesRequest(
            scope=self._organization, interval=self._interval, limit=TOP_ISSUE_LIMIT))
        issues = {issue.aspect: {"negative_voice_count": issue.negative_voice_count,
                                 "previous_negative_voice_count":
                                     issue.previous_negative_voice_count,
                                 "mean_sentiment": issue.mean_sentiment,
                                 "quotes": [quote.text for quote in issue.quotes]}
                  for issue in response.issues}
        return {"order": list(issues), "issues": issues}

    def compare_hotels(self) -> Figures:
        response = self._insights.CompareHotels(insight_service_pb2.CompareHotelsRequest(
            parent=self._organization, interval=self._interval))
        return {
            "hotels": {_hotel_id(row.hotel): _voices(row.stats)
                       for row in response.hotels if row.stats.voice_count > 0},
            "organization": _voices(response.organization),
            "organization_aspects": _aspects(response.organization_aspects),
            "hotel_aspects": {(_hotel_id(row.hotel), a.aspect): _message_figures(a, ASPECT_FIELDS)
                              for row in response.hotels for a in row.aspects
                              if a.voice_count > 0},
        }


def differences(what: str, service: Any, postgres: Any) -> tuple[int, list[str]]:
    """(figures compared, where they differ) between two nested figure dicts.

    Counts must be equal; means and shares equal up to the rounding of
    summing doubles in another order. Quotes are left out: which of two
    clauses posted in the same second is "newest" is not defined.
    """
    if isinstance(service, dict) and isinstance(postgres, dict):
        compared, found = 0, []
        for key in sorted(set(service) | set(postgres), key=str):
            if key == "quotes":
                continue
            if key not in service or key not in postgres:
                found.append(f"{what}/{key}: only in {'service' if key in service else 'PostgreSQL'}")
                continue
            count, more = differences(f"{what}/{key}", service[key], postgres[key])
            compared += count
            found += more
        return compared, found
    if isinstance(service, float) or isinstance(postgres, float):
        equal = math.isclose(service, postgres, rel_tol=1e-9, abs_tol=1e-12)
    else:
        equal = service == postgres
    return 1, [] if equal else [f"{what}: service {service!r}, PostgreSQL {postgres!r}"]
