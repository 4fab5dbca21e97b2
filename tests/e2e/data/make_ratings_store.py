#!/usr/bin/env python3
"""Writes schema5_store.tar.gz and schema5_answers.json next to this script.

Run once with a guestvoiced built from commit 6194e0b, the last that wrote
schema 5, whose attention queue listed only scored texts:
make_ratings_store.py 5 GUESTVOICED
Needs grpcurl. The store holds 14 feedback items at two hotels, each a case the
queue's rule for unscored items decides: ratings without words (1 and 2 of 5,
5 of 5, 3 of 10, and a 1 of 5 whose case is resolved), Chinese text (no
analyser) with a 1 of 5 and without a rating, a Spanish complaint rated 5 of 5
(scored: the words decide), a 1 of 5 without words by a guest who was then
erased, and scored English texts; Max, who left a 1 of 5 without words and
a complaint, is Gold. The JSON holds the attention queue (whole and
paged), the loyalty insights and a summary, with the answers that build gave;
tests/e2e checks what the upgrade adds to them. The store's admin key file is
kept: it opens only this test store.
"""
import sys

from old_store_maker import ORG, OldServer

schema, binary = sys.argv[1:3]
server = OldServer(binary)
server.create_lisbon_and_tokyo()
ingest = server.ingest


ingest("r1", "ana", "The room was filthy and the staff were rude.", 3)
ingest("r2", "ben", "Lovely breakfast and a very comfortable bed!", 4)
ingest("r3", "cai", "Breakfast was cold and the wifi kept dropping.", 5, (2, 5), "tokyo")
ingest("r4", "dee", "", 6, (1, 5))
ingest("r5", "eli", "", 7, (2, 5), "tokyo")
ingest("r6", "fay", "", 8, (5, 5))
ingest("r7", "gus", "", 9, (3, 10))
resolved = ingest("r8", "hal", "", 10, (1, 5))
ingest("r9", "ivy", "房间很脏，服务员态度很差。", 11, (1, 5))
ingest("r10", "jon", "房间很脏，服务员态度很差。", 12)
ingest("r11", "kim", "La habitación estaba sucia y el personal fue muy grosero.", 13, (5, 5))
ingest("r12", "lou", "", 14, (1, 5))
ingest("r13", "max", "", 15, (1, 5), "tokyo")
ingest("r14", "max", "Noisy room, thin walls.", 16, None, "tokyo")
server.call("FeedbackService/UpdateFeedback", {
    "feedback": {"name": resolved, "case": {"state": "CASE_STATE_RESOLVED"}},
    "update_mask": {"paths": ["case.state"]}})
guests = {}
for handle in ["lou", "max"]:
    guests[handle] = server.call("LoyaltyService/CreateGuest", {
        "parent": ORG, "guest": {"display_name": handle}, "identities": [{
            "kind": "IDENTITY_KIND_HANDLE", "value": handle, "source": "SOURCE_GOOGLE"}]})["name"]
# A Gold guest's complaints make them a guest at risk.
server.call("LoyaltyService/SetManualTier", {"guest": guests["max"], "tier": "gold"})
server.call("LoyaltyService/EraseGuest", {"name": guests["lou"]})
november = {"start_time": "2026-11-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}
queries = {
    "attention": ("InsightService/ListAttentionItems", {"scope": ORG, "page_size": 100}),
    "attention_page": ("InsightService/ListAttentionItems", {"scope": ORG, "page_size": 2}),
    "loyalty": ("InsightService/GetLoyaltyInsights", {"scope": ORG, "interval": november}),
    "summary_lisbon": ("InsightService/GetHotelSummary",
                       {"hotel": f"{ORG}/hotels/lisbon", "interval": november}),
}
server.save(queries, f"schema{schema}_store.tar.gz", f"schema{schema}_answers.json")
