#!/usr/bin/env python3
"""Writes schemaN_store.tar.gz and schemaN_answers.json next to this script.

Run once with a guestvoiced built from the last commit to write schema N:
make_cases_store.py N GUESTVOICED
(3: commit 02892f9, which kept a case-index entry for every open item; 4:
commit 975b353, which had no attention index). Needs grpcurl. The store holds 60 feedback items from 12 authors at two hotels
over 40 days, a third of them negative enough for the attention queue; 6 cases
were acknowledged, 6 resolved and one acknowledged, then resolved. The JSON
holds the queries that read cases (ListFeedback by case state, the attention
queue) and a summary, with the answers that build gave; tests/e2e checks that
an upgraded store gives the same ones. The store's admin key file is kept: it
opens only this test store.
"""
import random
import sys
import time

from old_store_maker import ORG, OldServer

schema, binary = sys.argv[1:3]
server = OldServer(binary)
server.create_lisbon_and_tokyo()
texts = ["The room was spotless and the staff were lovely.", "Breakfast was cold and the wifi kept dropping.",
         "Terrible noise at night, the bed was awful and the room was filthy.", "Great location, friendly front desk, fast check-in.",
         "The pool was dirty but the spa was wonderful.", "Rude staff at reception and the room smelled of smoke. Horrible.",
         "Excellent breakfast and a very comfortable bed!", "Parking was expensive and the elevator was broken."]
rnd = random.Random(11)
names = []
for i in range(60):
    day = rnd.randrange(0, 40)  # 2026-10-10 .. 2026-11-18
    t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1791590400 + day * 86400 + rnd.randrange(86400)))
    fb = {"hotel": f"{ORG}/hotels/" + rnd.choice(["lisbon", "lisbon", "tokyo"]), "source": "SOURCE_TWITTER",
          "external_id": f"c{i}", "author": {"handle": f"writer{rnd.randrange(12)}"}, "text": rnd.choice(texts), "post_time": t}
    names.append(server.call("FeedbackService/IngestFeedback", {"parent": ORG, "feedback": fb})["name"])
def set_state(name, state):
    server.call("FeedbackService/UpdateFeedback",
                {"feedback": {"name": name, "case": {"state": state}}, "update_mask": {"paths": ["case.state"]}})
for i in range(0, 24, 4):
    set_state(names[i], "CASE_STATE_ACKNOWLEDGED")
    set_state(names[i + 1], "CASE_STATE_RESOLVED")
set_state(names[30], "CASE_STATE_ACKNOWLEDGED")
set_state(names[30], "CASE_STATE_RESOLVED")
queries = {}
for state in ["OPEN", "ACKNOWLEDGED", "RESOLVED"]:
    queries[f"list_{state.lower()}"] = ("FeedbackService/ListFeedback", {"parent": ORG, "page_size": 100, "case_state": f"CASE_STATE_{state}"})
queries["list_open_page"] = ("FeedbackService/ListFeedback", {"parent": ORG, "page_size": 5, "case_state": "CASE_STATE_OPEN"})
queries["attention"] = ("InsightService/ListAttentionItems", {"scope": ORG, "page_size": 100})
queries["attention_page"] = ("InsightService/ListAttentionItems", {"scope": ORG, "page_size": 5})
queries["attention_lisbon"] = ("InsightService/ListAttentionItems", {"scope": f"{ORG}/hotels/lisbon", "page_size": 100})
queries["summary_lisbon"] = ("InsightService/GetHotelSummary", {"hotel": f"{ORG}/hotels/lisbon", "interval": {"start_time": "2026-10-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}})
server.save(queries, f"schema{schema}_store.tar.gz", f"schema{schema}_answers.json")
