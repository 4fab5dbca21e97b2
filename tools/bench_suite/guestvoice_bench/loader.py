"""Loads the data set into guestvoiced (ImportFeedback streams) and then, as
guestvoiced stored and analysed it, into PostgreSQL (COPY)."""

from __future__ import annotations

import itertools
import queue
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import guestvoice
import psycopg
from guestvoice.v1 import (feedback_pb2, feedback_service_pb2, hotel_pb2, hotel_service_pb2,
                           loyalty_pb2, loyalty_service_pb2)

from guestvoice_bench.dataset import Author, DataSet, Item
from guestvoice_bench.server import ORGANIZATION

IMPORT_STREAMS = 2
ITEMS_PER_STREAM_CALL = 2000


@dataclass
class LoadResult:
    items: int = 0
    seconds: float = 0.0
    failed: int = 0
    # guest index -> the guest's resource name
    guest_names: dict[int, str] = field(default_factory=dict)
    # Where the stored items disagree with the data set (repeat flags, guests,
    # failed imports): how many, and the first few.
    mismatch_count: int = 0
    mismatches: list[str] = field(default_factory=list)

    def mismatch(self, what: str) -> None:
        self.mismatch_count += 1
        if len(self.mismatches) < 20:
            self.mismatches.append(what)


def identity(author: Author) -> loyalty_pb2.Identity:
    return loyalty_pb2.Identity(kind=loyalty_pb2.IDENTITY_KIND_HANDLE, value=author.handle,
                                source=author.source)


def voice(author: Author) -> str:
    """The voice PostgreSQL groups by: the guest, or else the author."""
    if author.guest is not None:
        return f"guest:{author.guest}"
    return f"author:{author.source}:{author.handle}"


def create_hotels_and_guests(client: guestvoice.Client, data: DataSet, result: LoadResult) -> None:
    for hotel in data.hotels:
        client.hotels.CreateHotel(hotel_service_pb2.CreateHotelRequest(
            parent=ORGANIZATION, hotel_id=hotel.hotel_id,
            hotel=hotel_pb2.Hotel(display_name=hotel.display_name, time_zone=hotel.zone)))
    for index, guest in enumerate(data.guests):
        created = client.loyalty.CreateGuest(loyalty_service_pb2.CreateGuestRequest(
            parent=ORGANIZATION, guest=loyalty_pb2.Guest(display_name=guest.display_name),
            identities=[identity(guest.first_handle)],
            request_id=guestvoice.new_request_id()))
        result.guest_names[index] = created.name


def link_later_handles(client: guestvoice.Client, data: DataSet, result: LoadResult) -> None:
    """The second handles, linked after their feedback is stored: the service
    moves those authors' figures to the guest's voice."""
    for index, guest in enumerate(data.guests):
        for author in guest.later_handles:
            client.loyalty.LinkIdentity(loyalty_service_pb2.LinkIdentityRequest(
                guest=result.guest_names[index], identity=identity(author)))


def feedback_message(item: Item) -> feedback_pb2.Feedback:
    message = feedback_pb2.Feedback(
        hotel=f"{ORGANIZATION}/hotels/{item.hotel.hotel_id}", source=item.author.source,
        external_id=item.external_id, author=feedback_pb2.Author(handle=item.author.handle),
        text=item.text)
    message.post_time.FromDatetime(item.post_time)
    if item.rating is not None:
        message.rating.value = item.rating
        message.rating.scale_min = 1
        message.rating.scale_max = 5
    return message


def import_items(client: guestvoice.Client, items: Iterable[Item], result: LoadResult,
                 progress: Callable[[int], None] = lambda stored: None) -> None:
    """ImportFeedback over IMPORT_STREAMS concurrent streams. An author's items
    all go through one stream, in order, so the service sees a repeat after
    the item it repeats, as the data set does."""
    lock = threading.Lock()
    failures: list[BaseException] = []
    # Generation stays at most a few calls ahead of each stream.
    queues: list[queue.Queue[list[Item] | None]] = [queue.Queue(maxsize=2)
                                                   for _ in range(IMPORT_STREAMS)]

    def send(batch: list[Item]) -> None:
        response = client.feedback.ImportFeedback(
            feedback_service_pb2.ImportFeedbackRequest(parent=ORGANIZATION,
                                                       feedback=feedback_message(item))
            for item in batch)
        with lock:
            result.items += response.ingested_count + response.duplicate_count
            result.failed += response.failed_count
            for failed in (r for r in response.results if r.status.code != 0):
                result.mismatch(f"import: {batch[failed.index].external_id}: "
                                f"{failed.status.message}")
            progress(result.items)  # under the lock: both streams report

    def sender(calls: queue.Queue[list[Item] | None]) -> None:
        while (batch := calls.get()) is not None:
            if not failures:  # after a failure, only drain
                try:
                    send(batch)
                except BaseException as error:  # re-raised by the caller
                    failures.append(error)

    senders = [threading.Thread(target=sender, args=(calls,)) for calls in queues]
    for thread in senders:
        thread.start()
    start = time.monotonic()
    batches: list[list[Item]] = [[] for _ in range(IMPORT_STREAMS)]
    for item in items:
        stream = zlib.crc32(item.author.handle.encode()) % IMPORT_STREAMS
        batches[stream].append(item)
        if len(batches[stream]) == ITEMS_PER_STREAM_CALL:
            queues[stream].put(batches[stream])
            batches[stream] = []
    for stream, calls in enumerate(queues):
        if batches[stream]:
            calls.put(batches[stream])
        calls.put(None)
    for thread in senders:
        thread.join()
    result.seconds += time.monotonic() - start
    if failures:
        raise failures[0]


def copy_to_postgres(client: guestvoice.Client, data: DataSet, repeats: set[str],
                     connection: psycopg.Connection, aspect_order: list[str],
                     result: LoadResult) -> None:
    """Every stored item, as ListFeedback returns it (with guestvoiced's
    analysis), into PostgreSQL. Voices and local days come from the data set
    and the hotels' zones, not from the service."""
    zones = {hotel.hotel_id: ZoneInfo(hotel.zone) for hotel in data.hotels}
    authors = {author.key: author for author in data.authors}
    with connection.cursor() as cursor:
        with cursor.copy("COPY hotels (hotel, zone, ordinal) FROM STDIN") as copy:
            for ordinal, hotel in enumerate(data.hotels):
                copy.write_row((hotel.hotel_id, hotel.zone, ordinal))
        with cursor.copy("COPY aspects (aspect, ordinal) FROM STDIN") as copy:
            for ordinal, aspect in enumerate(aspect_order):
                copy.write_row((aspect, ordinal))
        ids = itertools.count(1)
        listed = guestvoice.pages(client.feedback.ListFeedback, feedback_service_pb2.ListFeedbackRequest(
            parent=ORGANIZATION, page_size=1000), "feedback")
        with cursor.copy("COPY feedback (id, hotel, source, external_id, handle, voice, local_day, "
                         "post_time, sentiment, rating, repeat, text) FROM STDIN") as feedback_copy:
            mentions: list[tuple[object, ...]] = []
            for stored in listed:
                author = authors[(stored.source, stored.author.handle)]
                repeat = stored.external_id in repeats
                _check(stored, author, repeat, result)
                hotel = stored.hotel.rsplit("/", 1)[1]
                post_time = stored.post_time.ToDatetime(tzinfo=zones[hotel])
                local_day = post_time.date()
                item_id = next(ids)
                rating = (round(stored.rating.normalized_value * 1e6)
                          if stored.HasField("rating") else None)
                feedback_copy.write_row((
                    item_id, hotel, stored.source, stored.external_id, stored.author.handle,
                    voice(author), local_day, post_time,
                    round(stored.analysis.sentiment.compound * 1e6), rating, repeat, stored.text))
                if not repeat:  # repeats enter no figure
                    mentions.extend((item_id, hotel, voice(author), local_day, post_time,
                                     mention.aspect, round(mention.sentiment * 1e6), mention.text)
                                    for mention in stored.analysis.aspects)
        with cursor.copy("COPY mention (feedback_id, hotel, voice, local_day, post_time, aspect, "
                         "sentiment, clause) FROM STDIN") as copy:
            for row in mentions:
                copy.write_row(row)
        cursor.execute("SELECT setval('feedback_id_seq', (SELECT max(id) FROM feedback))")


def _check(stored: feedback_pb2.Feedback, author: Author, repeat: bool,
           result: LoadResult) -> None:
    problems = []
    if stored.repeat != repeat:
        problems.append(f"repeat {stored.repeat}, the data set says {repeat}")
    if bool(stored.guest) != (author.guest is not None):
        problems.append(f"guest {stored.guest!r}, the data set says {author.guest}")
    if problems:
        result.mismatch(f"{stored.external_id}: " + "; ".join(problems))
