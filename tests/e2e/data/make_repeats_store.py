#!/usr/bin/env python3
"""Writes schema6_store.tar.gz and schema6_answers.json next to this script.

Run once with a guestvoiced built from commit 1cf0944, the last to change
what schema 6 writes (commits up to 3ae2a37 changed only tools/bench), where
a repeat was the same author's same words at any hotel and with any rating:
make_repeats_store.py 6 GUESTVOICED
Needs grpcurl. The store holds 15 feedback items at two hotels: Ana's
"Excellent!" rated 5 of 5 at Lisbon, then at Tokyo, then at Lisbon again; Ben's
"Noisy room, thin walls." rated 4 of 5 and, two weeks later, 1 of 5; Cai's
"The room was filthy." at Lisbon and then at Tokyo; Dee's "Rude staff." twice at
Lisbon; guest Eve's "Great pool, friendly bar." at both hotels (her handle
linked before she posted); erased guest Fay's "Dirty bathroom." at both hotels;
and Gil's rating of 3 of 5 without words, twice. Schema 7 counts Ana's Tokyo
post, Ben's 1 of 5, Cai's and Eve's Tokyo posts, which schema 6 marked as
repeats. The JSON holds both hotels' summaries, the attention queue, the top
issues and ListFeedback, with the answers that build gave; tests/e2e checks
what the upgrade changes in them. The store's admin key file is kept: it opens
only this test store.
"""
import sys

from old_store_maker import ORG, OldServer

schema, binary = sys.argv[1:3]
server = OldServer(binary)
server.create_lisbon_and_tokyo()
ingest = server.ingest


def guest(handle):
    return server.call("LoyaltyService/CreateGuest", {
        "parent": ORG, "guest": {"display_name": handle}, "identities": [{
            "kind": "IDENTITY_KIND_HANDLE", "value": handle, "source": "SOURCE_GOOGLE"}]})["name"]


eve = guest("eve")
ingest("r1", "ana", "Excellent!", 3, (5, 5))
ingest("r2", "ana", "Excellent!", 4, (5, 5), "tokyo")
ingest("r3", "ana", "Excellent!", 5, (5, 5))
ingest("r4", "ben", "Noisy room, thin walls.", 6, (4, 5))
ingest("r5", "ben", "Noisy room, thin walls.", 20, (1, 5))
ingest("r6", "cai", "The room was filthy.", 7)
ingest("r7", "cai", "The room was filthy.", 8, None, "tokyo")
ingest("r8", "dee", "Rude staff.", 9)
ingest("r9", "dee", "Rude staff.", 10)
ingest("r10", "eve", "Great pool, friendly bar.", 11)
ingest("r11", "eve", "Great pool, friendly bar.", 12, None, "tokyo")
ingest("r12", "fay", "Dirty bathroom.", 13)
ingest("r13", "fay", "Dirty bathroom.", 14, None, "tokyo")
ingest("r14", "gil", "", 15, (3, 5))
ingest("r15", "gil", "", 16, (3, 5))
server.call("LoyaltyService/EraseGuest", {"name": guest("fay")})
november = {"start_time": "2026-11-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}
queries = {
    "summary_lisbon": ("InsightService/GetHotelSummary",
                       {"hotel": f"{ORG}/hotels/lisbon", "interval": november}),
    "summary_tokyo": ("InsightService/GetHotelSummary",
                      {"hotel": f"{ORG}/hotels/tokyo", "interval": november}),
    "attention": ("InsightService/ListAttentionItems", {"scope": ORG, "page_size": 100}),
    "top_issues": ("InsightService/ListTopIssues", {"scope": ORG, "interval": november}),
    "feedback": ("FeedbackService/ListFeedback", {"parent": ORG, "page_size": 100}),
}
server.save(queries, f"schema{schema}_store.tar.gz", f"schema{schema}_answers.json")
