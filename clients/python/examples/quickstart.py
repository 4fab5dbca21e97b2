"""The guestvoice quickstart: create a hotel, ingest a feedback item, record a
stay, look up the guest's loyalty status and read the hotel summary.

    GUESTVOICE_ADDR=127.0.0.1:50051 KEY=$(cat var/guestvoice/admin-api-key) \\
    GUESTVOICE_PLAINTEXT=1 python examples/quickstart.py

GUESTVOICE_PLAINTEXT=1 is for a server on loopback without TLS.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from google.protobuf.timestamp_pb2 import Timestamp
from google.type import date_pb2, interval_pb2, money_pb2

import guestvoice
from guestvoice.v1 import (
    feedback_pb2,
    feedback_service_pb2,
    hotel_pb2,
    hotel_service_pb2,
    insight_service_pb2,
    loyalty_pb2,
    loyalty_service_pb2,
    source_pb2,
)

PARENT = "organizations/default"


def timestamp(moment: dt.datetime) -> Timestamp:
    result = Timestamp()
    result.FromDatetime(moment)
    return result


def run(client: guestvoice.Client) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    hotel = client.hotels.CreateHotel(hotel_service_pb2.CreateHotelRequest(
        parent=PARENT,
        hotel=hotel_pb2.Hotel(display_name="Lisbon Riverside", time_zone="Europe/Lisbon"),
        request_id=guestvoice.new_request_id()))
    print(f"hotel: {hotel.name}")

    email = f"ana.{uuid.uuid4().hex[:8]}@example.com"
    feedback = client.feedback.IngestFeedback(feedback_service_pb2.IngestFeedbackRequest(
        parent=PARENT,
        feedback=feedback_pb2.Feedback(
            hotel=hotel.name, source=source_pb2.SOURCE_SURVEY,
            external_id=str(uuid.uuid4()), author=feedback_pb2.Author(handle=email),
            text="The room was spotless and the staff were wonderful.",
            post_time=timestamp(now))))
    print(f"feedback: {feedback.name} sentiment "
          f"{feedback.analysis.sentiment.compound:+.3f}")

    guest = client.loyalty.CreateGuest(loyalty_service_pb2.CreateGuestRequest(
        parent=PARENT, guest=loyalty_pb2.Guest(display_name="Ana"),
        identities=[loyalty_pb2.Identity(kind=loyalty_pb2.IDENTITY_KIND_EMAIL, value=email)],
        request_id=guestvoice.new_request_id()))
    arrival = (now - dt.timedelta(days=10)).date()
    stay = client.loyalty.RecordStay(loyalty_service_pb2.RecordStayRequest(
        parent=guest.name,
        stay=loyalty_pb2.Stay(
            hotel=hotel.name, nights=3, booking_reference=str(uuid.uuid4()),
            arrival_date=date_pb2.Date(year=arrival.year, month=arrival.month, day=arrival.day),
            qualifying_spend=money_pb2.Money(currency_code="EUR", units=420))))
    print(f"stay: {stay.name}")

    status = client.loyalty.GetLoyaltyStatus(
        loyalty_service_pb2.GetLoyaltyStatusRequest(guest=guest.name))
    print(f"loyalty: tier {status.tier!r}, {status.qualifying_nights} nights, "
          f"{status.points_balance} points")

    summary = client.insights.GetHotelSummary(insight_service_pb2.GetHotelSummaryRequest(
        hotel=hotel.name,
        interval=interval_pb2.Interval(start_time=timestamp(now - dt.timedelta(days=30)),
                                       end_time=timestamp(now + dt.timedelta(minutes=1)))))
    print(f"summary: {summary.current.feedback_count} feedback from "
          f"{summary.current.voice_count} voices")


def main() -> None:
    with guestvoice.connect(os.environ.get("GUESTVOICE_ADDR", "127.0.0.1:50051"),
                            os.environ["KEY"],
                            tls=os.environ.get("GUESTVOICE_PLAINTEXT") != "1") as client:
        run(client)


if __name__ == "__main__":
    main()
