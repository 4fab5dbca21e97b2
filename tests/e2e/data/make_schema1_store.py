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
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

binary = sys.argv[1]
out = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp()
data = os.path.join(work, "data")
log = open(os.path.join(work, "log"), "w+")
proc = subprocess.Popen([binary, "--listen=127.0.0.1:0", "--metrics_listen=",
                         f"--data_dir={data}"], stdout=log, stderr=subprocess.STDOUT)
port = None
for _ in range(100):
    log.seek(0); m = re.search(r"listening on port (\d+)", log.read())
    if m: port = m.group(1); break
    time.sleep(0.1)
key = open(os.path.join(data, "admin-api-key")).read().strip()
def call(method, body):
    r = subprocess.run(["grpcurl", "-plaintext", "-H", f"authorization: Bearer {key}", "-d", json.dumps(body),
                        f"127.0.0.1:{port}", method], capture_output=True, text=True)
    if r.returncode: raise SystemExit(f"{method}: {r.stderr}")
    return json.loads(r.stdout or "{}")
org = "organizations/default"
call("guestvoice.v1.HotelService/CreateHotel", {"parent": org, "hotel_id": "lisbon", "hotel": {"display_name": "Lisbon", "time_zone": "Europe/Lisbon"}})
call("guestvoice.v1.HotelService/CreateHotel", {"parent": org, "hotel_id": "tokyo", "hotel": {"display_name": "Tokyo", "time_zone": "Asia/Tokyo"}})
texts = ["The room was spotless and the staff were lovely.", "Breakfast was cold and the wifi kept dropping.",
         "Terrible noise at night, the bed was uncomfortable.", "Great location, friendly front desk, fast check-in.",
         "The pool was dirty but the spa was wonderful.", "Rude staff at reception and the room smelled of smoke.",
         "Excellent breakfast and a very comfortable bed!", "Parking was expensive and the elevator was broken."]
rnd = random.Random(7)
for i in range(120):
    day = rnd.randrange(0, 70)  # 2026-09-20 .. 2026-11-28: spans month boundaries
    t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1789862400 + day * 86400 + rnd.randrange(86400)))
    fb = {"hotel": f"{org}/hotels/" + rnd.choice(["lisbon", "lisbon", "tokyo"]), "source": "SOURCE_TWITTER",
          "external_id": f"x{i}", "author": {"handle": f"user{rnd.randrange(15)}"}, "text": rnd.choice(texts), "post_time": t}
    if i % 3 == 0: fb["rating"] = {"value": rnd.randrange(1, 6), "scale_min": 1, "scale_max": 5}
    call("guestvoice.v1.FeedbackService/IngestFeedback", {"parent": org, "feedback": fb})
# Two guests claim authors: their feedback is re-attributed.
call("guestvoice.v1.LoyaltyService/CreateGuest", {"parent": org, "guest": {"display_name": "Ana"},
     "identities": [{"kind": "IDENTITY_KIND_HANDLE", "value": "user1", "source": "SOURCE_TWITTER"},
                    {"kind": "IDENTITY_KIND_HANDLE", "value": "user2", "source": "SOURCE_TWITTER"}]})
call("guestvoice.v1.LoyaltyService/CreateGuest", {"parent": org, "guest": {"display_name": "Ben"},
     "identities": [{"kind": "IDENTITY_KIND_HANDLE", "value": "user3", "source": "SOURCE_TWITTER"}]})
interval = {"start_time": "2026-09-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}
queries = {
    "summary_lisbon": ("InsightService/GetHotelSummary", {"hotel": f"{org}/hotels/lisbon", "interval": {"start_time": "2026-10-15T00:00:00Z", "end_time": "2026-11-20T00:00:00Z"}}),
    "summary_tokyo": ("InsightService/GetHotelSummary", {"hotel": f"{org}/hotels/tokyo", "interval": interval}),
    "top_issues": ("InsightService/ListTopIssues", {"scope": org, "interval": interval, "limit": 5}),
    "compare": ("InsightService/CompareHotels", {"parent": org, "interval": interval}),
    "trend_week": ("InsightService/GetSentimentTrend", {"scope": org, "interval": interval, "granularity": "GRANULARITY_WEEK"}),
    "trend_month_aspect": ("InsightService/GetSentimentTrend", {"scope": f"{org}/hotels/lisbon", "interval": interval, "granularity": "GRANULARITY_MONTH", "aspect": "staff_service"}),
    "loyalty": ("InsightService/GetLoyaltyInsights", {"scope": org, "interval": interval}),
}
answers = {name: {"method": f"guestvoice.v1.{method}", "request": request,
                  "response": call(f"guestvoice.v1.{method}", request)}
           for name, (method, request) in queries.items()}
proc.send_signal(signal.SIGTERM); proc.wait()
os.remove(os.path.join(data, "LOCK"))
subprocess.run(["tar", "-C", work, "--sort=name", "--owner=0", "--group=0", "-czf",
                os.path.join(out, "schema1_store.tar.gz"), "data"], check=True)
with open(os.path.join(out, "schema1_insights.json"), "w") as f:
    json.dump(answers, f, indent=1, sort_keys=True)
