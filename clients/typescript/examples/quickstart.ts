// The guestvoice quickstart: create a hotel, ingest a feedback item, record a
// stay, look up the guest's loyalty status and read the hotel summary.
//
//   GUESTVOICE_ADDR=127.0.0.1:50051 KEY=$(cat var/guestvoice/admin-api-key) \
//   GUESTVOICE_PLAINTEXT=1 npm run example
//
// GUESTVOICE_PLAINTEXT=1 is for a server on loopback without TLS.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { connect, IdentityKind, newRequestId, Source, type Client } from "../src/index.js";

const parent = "organizations/default";

export async function run(client: Client, log: (line: string) => void = console.log): Promise<void> {
  const now = new Date();
  const hotel = await client.hotels.createHotel({
    parent,
    hotel: { displayName: "Lisbon Riverside", timeZone: "Europe/Lisbon" },
    requestId: newRequestId(),
  });
  log(`hotel: ${hotel.name}`);

  const email = `ana.${randomUUID().slice(0, 8)}@example.com`;
  const feedback = await client.feedback.ingestFeedback({
    parent,
    feedback: {
      hotel: hotel.name, source: Source.SURVEY, externalId: randomUUID(), author: { handle: email },
      text: "The room was spotless and the staff were wonderful.", postTime: timestampFromDate(now),
    },
  });
  log(`feedback: ${feedback.name} sentiment ${feedback.analysis?.sentiment?.compound.toFixed(3)}`);

  const guest = await client.loyalty.createGuest({
    parent, guest: { displayName: "Ana" },
    identities: [{ kind: IdentityKind.EMAIL, value: email }], requestId: newRequestId(),
  });
  const arrival = new Date(now.getTime() - 10 * 86_400_000);
  const stay = await client.loyalty.recordStay({
    parent: guest.name,
    stay: {
      hotel: hotel.name, nights: 3, bookingReference: randomUUID(),
      arrivalDate: { year: arrival.getUTCFullYear(), month: arrival.getUTCMonth() + 1, day: arrival.getUTCDate() },
      qualifyingSpend: { currencyCode: "EUR", units: 420n },
    },
  });
  log(`stay: ${stay.name}`);

  const status = await client.loyalty.getLoyaltyStatus({ guest: guest.name });
  log(`loyalty: tier "${status.tier}", ${status.qualifyingNights} nights, ${status.pointsBalance} points`);

  const summary = await client.insights.getHotelSummary({
    hotel: hotel.name,
    interval: {
      startTime: timestampFromDate(new Date(now.getTime() - 30 * 86_400_000)),
      endTime: timestampFromDate(new Date(now.getTime() + 60_000)),
    },
  });
  log(`summary: ${summary.current?.feedbackCount ?? 0n} feedback from ${summary.current?.voiceCount ?? 0n} voices` +
      ` (since ${summary.interval?.startTime ? timestampDate(summary.interval.startTime).toISOString() : "?"})`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const client = connect(process.env.GUESTVOICE_ADDR ?? "127.0.0.1:50051", process.env.KEY ?? "", {
    plaintext: process.env.GUESTVOICE_PLAINTEXT === "1",
  });
  await run(client);
}
