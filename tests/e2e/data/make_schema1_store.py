#!/usr/bin/env python3
"""Writes schema1_store.tar.gz and schema1_insights.json next to this script.

Run once with a guestvoiced built from commit 76b321b (the last to write schema
1, one aggregate key per voice and day):  make_schema1_store.py GUESTVOICED
Needs grpcurl. The store holds 120 feedback items from 15 authors at two hotels
in different time zones over 70 days that span month boundaries, a third of them
rated, repeats among them, and two guests who claimed three authors (so their
feedback was re-attributed). The JSON holds each insight query and the answer
that build gave; tests/e2e checks that an upgraded store gives the same ones.
The store's admin key file is kept: it opens only this test store.
"""
import random
import sys
import time

from old_store_maker import ORG, OldServer

server = OldServer(sys.argv[1])
server.create_lisbon_and_tokyo()
texts = ["The room was spotless and the staff were lovely.", "Breakfast was cold and the wifi kept dropping.",
         "Terrible noise at night, the bed was uncomfortable.", "Great location, friendly front desk, fast check-in.",
         "The pool was dirty but the spa was wonderful.", "Rude staff at reception and the room smelled of smoke.",
         "Excellent breakfast and a very comfortable bed!", "Parking was expensive and the elevator was broken."]
rnd = random.Random(7)
for i in range(120):
    day = rnd.randrange(0, 70)  # 2026-09-20 .. 2026-11-28: spans month boundaries
    t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1789862400 + day * 86400 + rnd.randrange(86400)))
    fb = {"hotel": f"{ORG}/hotels/" + rnd.choice(["lisbon", "lisbon", "tokyo"]), "source": "SOURCE_TWITTER",
          "external_id": f"x{i}", "author": {"handle": f"user{rnd.randrange(15)}"}, "text": rnd.choice(texts), "post_time": t}
    if i % 3 == 0: fb["rating"] = {"value": rnd.randrange(1, 6), "scale_min": 1, "scale_max": 5}
    server.call("FeedbackService/IngestFeedback", {"parent": ORG, "feedback": fb})
# Two guests claim authors: their feedback is re-attributed.
server.call("LoyaltyService/CreateGuest", {"parent": ORG, "guest": {"display_name": "Ana"},
     "identities": [{"kind": "IDENTITY_KIND_HANDLE", "value": "user1", "source": "SOURCE_TWITTER"},
                    {"kind": "IDENTITY_KIND_HANDLE", "value": "user2", "source": "SOURCE_TWITTER"}]})
server.call("LoyaltyService/CreateGuest", {"parent": ORG, "guest": {"display_name": "Ben"},
     "identities": [{"kind": "IDENTITY_KIND_HANDLE", "value": "user3", "source": "SOURCE_TWITTER"}]})
interval = {"start_time": "2026-09-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}
queries = {
    "summary_lisbon": ("InsightService/GetHotelSummary", {"hotel": f"{ORG}/hotels/lisbon", "interval": {"start_time": "2026-10-15T00:00:00Z", "end_time": "2026-11-20T00:00:00Z"}}),
    "summary_tokyo": ("InsightService/GetHotelSummary", {"hotel": f"{ORG}/hotels/tokyo", "interval": interval}),
    "top_issues": ("InsightService/ListTopIssues", {"scope": ORG, "interval": interval, "limit": 5}),
    "compare": ("InsightService/CompareHotels", {"parent": ORG, "interval": interval}),
    "trend_week": ("InsightService/GetSentimentTrend", {"scope": ORG, "interval": interval, "granularity": "GRANULARITY_WEEK"}),
    "trend_month_aspect": ("InsightService/GetSentimentTrend", {"scope": f"{ORG}/hotels/lisbon", "interval": interval, "granularity": "GRANULARITY_MONTH", "aspect": "staff_service"}),
    "loyalty": ("InsightService/GetLoyaltyInsights", {"scope": ORG, "interval": interval}),
}
server.save(queries, "schema1_store.tar.gz", "schema1_insights.json")
