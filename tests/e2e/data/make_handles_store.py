#!/usr/bin/env python3
"""Writes schema7_store.tar.gz and schema7_answers.json next to this script.

Run once with a guestvoiced built from commit f5022d2, the last that wrote
schema 7, which spelled a handle by trimming ASCII white space, dropping one
leading "@" and lower-casing ASCII letters only:
make_handles_store.py GUESTVOICED
Needs grpcurl. The store holds 9 TripAdvisor reviews of one hotel, by made-up
display handles schema 7 spelled apart and schema 8 spells alike: "José Silva"
(composed é) and, two days later, "JOSÉ SILVA" both wrote "Dirty room.", and
"Jose\u0301 Silva" (decomposed) other words: three authors and voices for
schema 7, one for schema 8, which makes the second "Dirty room." a repeat.
"Ana\u00a0B" (a no-break space) is spelled "ana b" now; "Marta" is the same in
both. Guest Élodie was created with the handle identities "Élodie M" and
"E\u0301lodie M" (schema 7: "Élodie m" and "e\u0301lodie m", both "élodie m"
now): "ÉLODIE M"'s review was hers (schema 7 spelled it "Élodie m" too), and
"élodie m"'s was not. Guests Ümit and Umay were created with "Ümit K" and
"ümit k", one person to schema 8 that the front desk kept as two: the upgrade
leaves them apart, as it leaves "ÜMIT K"'s and "ümit k"'s reviews on their
guests. The JSON holds the hotel's summary, ListFeedback and LookupGuest by
"ÉLODIE M", "ÜMIT K" and "ümit k", with the answers that build gave (it found
no guest by "élodie m"); tests/e2e checks what the upgrade changes in them.
The store's admin key file is kept: it opens only this test store.
"""
import sys

from old_store_maker import ORG, OldServer

binary = sys.argv[1]
server = OldServer(binary)
HOTEL = f"{ORG}/hotels/lisbon"
server.call("HotelService/CreateHotel", {
    "parent": ORG, "hotel_id": "lisbon",
    "hotel": {"display_name": "Lisbon", "time_zone": "Europe/Lisbon"}})


def handle(value):
    return {"kind": "IDENTITY_KIND_HANDLE", "value": value,
            "source": "SOURCE_TRIPADVISOR"}


def guest(display_name, *handles):
    return server.call("LoyaltyService/CreateGuest", {
        "parent": ORG, "guest": {"display_name": display_name},
        "identities": [handle(value) for value in handles]})["name"]


def ingest(external_id, author, text, day):
    """A TripAdvisor review by `author` posted on November `day` of 2026."""
    server.call("FeedbackService/IngestFeedback", {"parent": ORG, "feedback": {
        "hotel": HOTEL, "source": "SOURCE_TRIPADVISOR", "external_id": external_id,
        "author": {"handle": author}, "text": text,
        "post_time": f"2026-11-{day:02d}T10:00:00Z"}})


guest("Élodie M", "Élodie M", "E\u0301lodie M")
guest("Ümit K", "Ümit K")
guest("Umay K", "ümit k")
ingest("t1", "José Silva", "Dirty room.", 3)
ingest("t2", "JOSÉ SILVA", "Dirty room.", 5)
ingest("t3", "Jose\u0301 Silva", "Friendly staff and a great breakfast.", 6)
ingest("t4", "Ana\u00a0B", "Lovely view from the terrace.", 7)
ingest("t5", "Marta", "The street was noisy at night.", 8)
ingest("t6", "ÉLODIE M", "The pool was cold.", 9)
ingest("t7", "élodie m", "Great location near the river.", 10)
ingest("t8", "ÜMIT K", "Comfortable bed.", 11)
ingest("t9", "ümit k", "Check-in was slow and the lift was broken.", 12)
november = {"start_time": "2026-11-01T00:00:00Z", "end_time": "2026-12-01T00:00:00Z"}


def lookup(value):
    return ("LoyaltyService/LookupGuest", {"parent": ORG, "identity": handle(value)})


queries = {
    "summary": ("InsightService/GetHotelSummary", {"hotel": HOTEL, "interval": november}),
    "feedback": ("FeedbackService/ListFeedback", {"parent": ORG, "page_size": 100}),
    "lookup_elodie": lookup("ÉLODIE M"),
    "lookup_umit": lookup("ÜMIT K"),
    "lookup_umay": lookup("ümit k"),
}
server.save(queries, "schema7_store.tar.gz", "schema7_answers.json")
