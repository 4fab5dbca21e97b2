#!/usr/bin/env python3
"""Writes schema3_store.tar.gz and schema3_answers.json next to this script.

Run once with a guestvoiced built from commit 02892f9 (the last to write schema
3, which kept a case-index entry for every open item):
make_schema3_store.py GUESTVOICED
Needs grpcurl. The store holds 60 feedback items from 12 authors at two hotels
over 40 days, a third of them negative enough for the attention queue; 6 cases
were acknowledged, 6 resolved and one acknowledged, then resolved. The JSON
holds the queries that read cases (ListFeedback by case state, the attention
queue) and a summary, with the answers that build gave; tests/e2e checks that
an upgraded store gives the same ones. The store's admin key file is kept: it
opens only this test store.
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
         "Terrible noise at night, the bed was awful and the room was filthy.", "Great location, friendly front desk, fast check-in.",
         "The pool was dirty but the spa was wonderful.", "Rude staff at reception and the room smelled of smoke. Horrible.",
         "Excellent breakfast and a very comfortable bed!", "Parking was expensive and the elevator was broken."]
rnd = random.Random(11)
names = []
for i in range(60):
    day = rnd.randrange(0, 40)  # 2026-10-10 .. 2026-11-18
    t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1791590400 + day * 86400 + rnd.randrange(86400)))
    fb = {"hotel": f"{org}/hotels/" + rnd.choice(["lisbon", "lisbon", "tokyo"]), "source": "SOURCE_TWITTER",
          "external_id": f"c{i}", "author": {"handle": f"writer{rnd.randrange(12)}"}, "text": rnd.choice(texts), "post_time": t}
    names.append(call("guestvoice.v1.FeedbackService/IngestFeedback", {"parent": org, "feedback": fb})["name"])
def set_state(name, state):
    call("guestvoice.v1.FeedbackService/UpdateFeedback",
         {"feedback": {"name": name, "case": {"state": state}}, "update_mask": {"paths": ["case.state"]}})
for i in range(0, 24, 4):
    set_state(names[i], "CASE_STATE_ACKNOWLEDGED")
    set_state(names[i + 1], "CASE_STATE_RESOLVED")
set_state(names[30], "CASE_STATE_ACKNOWLEDGED")
set_state(names[30], "CASE_STATE_RESOLVED")
queries = {}
for state in ["OPEN", "ACKNOWLEDGED", "RESOLVED"]:
    queries[f"list_{state.lower()}"] = ("FeedbackService/ListFeedback", {"parent": org, "page_size": 100, "case_state": f"CASE_STATE_{state}"})
queries["list_open_page"] = ("FeedbackService/ListFeedback", {"parent": org, "page_size": 5, "case_state": "CASE_STATE_OPEN"})
queries["attention"] = ("InsightService/ListAttentionItems", {"scope": org, "page_size": 100})
queries["attention_lisbon"] = ("InsightService/ListAttentionItems", {"scope": f"{org}/hotels/lisbon", "page_size": 100})
queries["summary_lisbon"] = ("InsightService/GetHotelSummary", {"hotel": f"{org}/hotels/lisbon", "interval": {"start_time": "2026-10-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}})
answers = {name: {"method": f"guestvoice.v1.{method}", "request": request,
                  "response": call(f"guestvoice.v1.{method}", request)}
           for name, (method, request) in queries.items()}
proc.send_signal(signal.SIGTERM); proc.wait()
os.remove(os.path.join(data, "LOCK"))
subprocess.run(["tar", "-C", work, "--sort=name", "--owner=0", "--group=0", "-czf",
                os.path.join(out, "schema3_store.tar.gz"), "data"], check=True)
with open(os.path.join(out, "schema3_answers.json"), "w") as f:
    json.dump(answers, f, indent=1, sort_keys=True)
