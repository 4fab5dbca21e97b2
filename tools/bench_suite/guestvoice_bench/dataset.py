"""The benchmark's data set, generated deterministically from a seed.

Real-length hotel reviews (~600 bytes, 2-4 aspects of analysis/data/aspects.tsv
each, mixed sentiment) over `days` days, Zipf-skewed over hotels and authors,
with repeats (an author posting the same text about the same hotel with the
same rating again) and loyalty guests, some
of whom own two handles: one linked when the guest is created, the other only
after the import, so that the service must move that author's figures.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from guestvoice.v1 import source_pb2

# Hotels are spread over zones on both sides of UTC, so that intervals widen
# to different local days per hotel, as they do for a real chain.
ZONES = ("Europe/Lisbon", "Europe/Paris", "America/New_York", "Asia/Tokyo",
         "America/Los_Angeles", "Australia/Sydney")
SOURCES = (source_pb2.SOURCE_GOOGLE, source_pb2.SOURCE_TRIPADVISOR,
           source_pb2.SOURCE_BOOKING_COM, source_pb2.SOURCE_EXPEDIA,
           source_pb2.SOURCE_FACEBOOK, source_pb2.SOURCE_SURVEY)

# Every figure of the benchmark is over the `days` days before this instant. A
# fixed date keeps the data set the same from run to run.
WINDOW_END = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)

REPEAT_SHARE = 0.03
RATED_SHARE = 0.7
LINKED_AUTHOR_SHARE = 0.2
TWO_HANDLE_GUEST_SHARE = 0.25
ZIPF_EXPONENT = 1.0

# Per aspect: what guests praise and what they complain about. The words are
# taxonomy terms, so every sentence mentions its aspect.
_PRAISE = {
    "cleanliness": ["The room was spotless and the bathroom sparkling clean.",
                    "Housekeeping kept everything immaculate every single day."],
    "room": ["Our room was spacious, bright and the bed was very comfortable.",
             "The suite had a lovely balcony and a huge comfy bed."],
    "staff_service": ["The staff were friendly and genuinely helpful throughout.",
                      "The concierge went out of his way to help us, wonderful service."],
    "location": ["The location is perfect, a short walk from the old town and the metro.",
                 "Great location right by the beach and close to good shops."],
    "value": ["Excellent value for money for a city like this.",
              "The price was fair and we felt it was worth every penny."],
    "food_beverage": ["Breakfast was delicious with fresh fruit and great coffee.",
                      "The restaurant served excellent dinners and the bar was fun."],
    "wifi_internet": ["The wifi was fast and reliable everywhere.",
                      "Internet worked perfectly, I could work from the room."],
    "noise_sleep": ["It was very quiet at night and we slept really well.",
                    "Peaceful and quiet, a great night's sleep."],
    "checkin_checkout": ["Check-in was quick and easy, and late checkout was no problem.",
                         "Check-in took two minutes, very smooth."],
    "facilities": ["The pool and the gym were great and well kept.",
                   "Loved the spa and the rooftop pool."],
}
_COMPLAINTS = {
    "cleanliness": ["The bathroom was dirty and there was hair in the shower.",
                    "The carpet was stained and the room smelled of mould."],
    "room": ["The room was cramped and the bed was terrible, awful mattress.",
             "Our room was tiny, dark and badly in need of renovation."],
    "staff_service": ["The staff were rude and unhelpful at the front desk.",
                      "Service was slow and the receptionist was dismissive."],
    "location": ["The location is bad, far from everything and the area felt unsafe.",
                 "Terrible location next to a busy highway."],
    "value": ["Way overpriced for what you get, poor value.",
              "Far too expensive, a rip-off for this quality."],
    "food_beverage": ["Breakfast was disappointing, cold eggs and bad coffee.",
                      "The restaurant food was bland and overpriced."],
    "wifi_internet": ["The wifi kept dropping and was useless in the evenings.",
                      "Internet was painfully slow, impossible to work."],
    "noise_sleep": ["The walls are paper thin and the noise kept us awake all night.",
                    "Very noisy, we could not sleep because of the street."],
    "checkin_checkout": ["Check-in took an hour and the queue was a nightmare.",
                         "Checkout was chaotic and they overcharged us."],
    "facilities": ["The pool was closed and the gym was broken.",
                   "The elevator was out of order for days, very frustrating."],
}
_OPENERS = ["We stayed four nights here for a family wedding.",
            "I spent a week here on a business trip in the autumn.",
            "We came for a long weekend with two friends.",
            "This was our third visit to the city and first time here.",
            "My partner and I booked this for our anniversary."]
_FILLERS = ["We arrived by train in the early afternoon.",
            "The city itself has plenty to see and do.",
            "We mostly went out exploring during the day.",
            "Our flight home was early on the last morning.",
            "We travelled with our two kids and my parents.",
            "Parking nearby was easy to find on the street.",
            "It rained for two of the days, which was a pity.",
            "We had booked months in advance through a travel agent.",
            "The museums and old churches nearby are worth a visit.",
            "On the second evening we went to a concert in town.",
            "My sister recommended the place after her own trip."]
_CLOSERS = ["Overall we would come back.", "Would I return? Probably not.",
            "Mixed feelings overall.", "Highly recommended.",
            "Hard to say if we would book again."]
TARGET_TEXT_BYTES = 600


@dataclass(frozen=True)
class Hotel:
    hotel_id: str
    display_name: str
    zone: str


@dataclass(frozen=True)
class Author:
    source: int
    handle: str
    guest: int | None  # index into DataSet.guests, when the author is linked

    @property
    def key(self) -> tuple[int, str]:
        return self.source, self.handle


@dataclass(frozen=True)
class Guest:
    display_name: str
    # Linked by CreateGuest, and linked later by LinkIdentity (may be empty).
    first_handle: Author
    later_handles: tuple[Author, ...]


@dataclass(frozen=True)
class Item:
    index: int
    hotel: Hotel
    author: Author
    external_id: str
    text: str
    rating: int | None  # 1..5
    post_time: dt.datetime
    repeat: bool  # the same author posted this very text and rating for this hotel before

    @property
    def local_day(self) -> dt.date:
        return self.post_time.astimezone(ZoneInfo(self.hotel.zone)).date()


def _zipf_cumulative(n: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, n + 1)))


@dataclass
class DataSet:
    seed: int
    hotel_count: int = 200
    author_count: int = 5000
    days: int = 90
    hotels: list[Hotel] = field(init=False)
    authors: list[Author] = field(init=False)
    guests: list[Guest] = field(init=False)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        self.hotels = [Hotel(f"h-{i:03d}", f"Hotel {i:03d}", ZONES[i % len(ZONES)])
                       for i in range(self.hotel_count)]
        linked = int(self.author_count * LINKED_AUTHOR_SHARE)
        authors: list[Author] = []
        guests: list[Guest] = []
        index = 0
        while index < self.author_count:
            if index < linked:
                guest = len(guests)
                handles = 2 if rng.random() < TWO_HANDLE_GUEST_SHARE and index + 1 < linked else 1
                mine = [Author(SOURCES[(index + k) % len(SOURCES)], f"guest{guest}.{k}", guest)
                        for k in range(handles)]
                guests.append(Guest(f"Guest {guest}", mine[0], tuple(mine[1:])))
                authors.extend(mine)
                index += handles
            else:
                authors.append(Author(SOURCES[index % len(SOURCES)], f"author{index}", None))
                index += 1
        # Which authors post most is a matter of chance, not of being a guest.
        rng.shuffle(authors)
        self.authors = authors
        self.guests = guests

    @property
    def window_start(self) -> dt.datetime:
        return WINDOW_END - dt.timedelta(days=self.days)

    def items(self, count: int, seed_offset: int = 0) -> Iterator[Item]:
        """`count` items; the same seed gives the same items."""
        rng = random.Random(self.seed * 1_000_003 + seed_offset)
        hotel_weights = _zipf_cumulative(len(self.hotels))
        author_weights = _zipf_cumulative(len(self.authors))
        # A hotel's guests are more or less happy with it: its complaint odds.
        complaint_odds = [rng.uniform(0.15, 0.6) for _ in self.hotels]
        # author -> (hotel, one of its texts, its rating)
        posted: dict[int, tuple[int, str, int | None]] = {}
        # Fingerprints of (author, text) so far: a chance repeat among
        # distinct reviews is drawn again, so `repeat` is exact.
        seen: set[bytes] = set()
        window_seconds = self.days * 86400
        for index in range(count):
            author_index = bisect.bisect_left(author_weights, rng.random() * author_weights[-1])
            post_time = self.window_start + dt.timedelta(seconds=rng.randrange(window_seconds))
            earlier = posted.get(author_index)
            if earlier is not None and rng.random() < REPEAT_SHARE:
                (hotel_index, text, rating), repeat = earlier, True
            else:
                hotel_index = bisect.bisect_left(hotel_weights, rng.random() * hotel_weights[-1])
                while True:
                    text = _review(rng, complaint_odds[hotel_index])
                    fingerprint = hashlib.blake2b(f"{author_index}\n{text}".encode(),
                                                  digest_size=12).digest()
                    if fingerprint not in seen:
                        break
                seen.add(fingerprint)
                repeat = False
                rating = rng.randint(1, 5) if rng.random() < RATED_SHARE else None
                posted[author_index] = (hotel_index, text, rating)
            yield Item(index, self.hotels[hotel_index], self.authors[author_index],
                       f"bench-{seed_offset}-{index}", text, rating, post_time, repeat)


def _review(rng: random.Random, complaint_odds: float) -> str:
    aspects = rng.sample(sorted(_PRAISE), rng.randint(2, 4))
    sentences = [rng.choice(_OPENERS)]
    for aspect in aspects:
        bank = _COMPLAINTS if rng.random() < complaint_odds else _PRAISE
        sentences.append(rng.choice(bank[aspect]))
    closer = rng.choice(_CLOSERS)
    fillers = rng.sample(_FILLERS, len(_FILLERS))
    while fillers and len(" ".join(sentences + [closer])) < TARGET_TEXT_BYTES - 30:
        sentences.insert(rng.randint(1, len(sentences)), fillers.pop())
    return " ".join(sentences + [closer])
