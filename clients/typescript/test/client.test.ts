// The TypeScript client against a live guestvoiced: every service, both
// stream directions, error details, and failure modes that must give a
// ConnectError with its code quickly, never a hang.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { after, before, test } from "node:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { connect, errorDetails, newRequestId, pages, Source, type Client } from "../src/index.js";
import { run as quickstart } from "../examples/quickstart.js";
import { contract, rejection, startServer, type Server } from "./server.js";

const parent = "organizations/default";
let server: Server;
let client: Client;

before(async () => {
  server = await startServer();
  client = connect(server.address, server.adminKey, { plaintext: true });
});
after(async () => server.stop());

const newHotel = (timeZone = "Europe/Lisbon", hotelId = "") =>
  client.hotels.createHotel({ parent, hotelId, hotel: { displayName: "Porto Ribeira", timeZone } });

const feedbackItem = (hotel: string, text = "Lovely breakfast, friendly staff.") => ({
  hotel, source: Source.TRIPADVISOR, externalId: randomUUID(), author: { handle: "@rui" }, text,
  postTime: timestampFromDate(new Date()),
});

test("AdminService reads the bootstrap organization", async () => {
  const organization = await client.admin.getOrganization({ name: parent });
  assert.equal(organization.name, parent);
});

test("pages iterates past the first page", async () => {
  const created = new Set<string>();
  for (let i = 0; i < 3; i++) created.add((await newHotel("Europe/Lisbon", `paged-${i}-${randomUUID().slice(0, 6)}`)).name);
  for await (const hotel of pages(client.hotels.listHotels, { parent, pageSize: 2 }, (p) => p.hotels)) {
    created.delete(hotel.name);
  }
  assert.deepEqual([...created], []);
});

test("a retry with the same request id returns the first hotel", async () => {
  const request = { parent, hotel: { displayName: "Faro Marina", timeZone: "Europe/Lisbon" }, requestId: newRequestId() };
  const first = await client.hotels.createHotel(request);
  const again = await client.hotels.createHotel(request);
  assert.equal(again.name, first.name);
});

test("an invalid field is decoded as a BadRequest", async () => {
  const details = errorDetails(await rejection(newHotel("Mars/Olympus_Mons")));
  assert.equal(details.code, Code.InvalidArgument);
  assert.equal(details.errorInfo?.domain, "guestvoice.v1");
  assert.equal(details.reason, "FIELD_INVALID");
  assert.ok(details.fieldViolations.has("hotel.time_zone"), [...details.fieldViolations.keys()].join());
});

test("an invalid key is UNAUTHENTICATED with its reason", async () => {
  const stranger = connect(server.address, "not-a-key", { plaintext: true });
  const details = errorDetails(await rejection(stranger.hotels.listHotels({ parent }, { timeoutMs: 5000 })));
  assert.equal(details.code, Code.Unauthenticated);
  assert.equal(details.reason, "API_KEY_INVALID");
});

async function silentPort(): Promise<{ port: number; close: () => void }> {
  const accepted: Socket[] = [];
  const socketServer = createServer((socket) => accepted.push(socket));
  await new Promise<void>((done) => socketServer.listen(0, "127.0.0.1", done));
  const port = (socketServer.address() as AddressInfo).port;
  return { port, close: () => { accepted.forEach((socket) => socket.destroy()); socketServer.close(); } };
}

test("a wrong address fails with UNAVAILABLE, not a hang", async () => {
  // Port 1 (tcpmux) is privileged and served by nothing here; a port taken
  // from port 0 and closed could be handed to another server meanwhile.
  const lost = connect("127.0.0.1:1", "key", { plaintext: true });
  const error = await rejection(lost.hotels.listHotels({ parent }, { timeoutMs: 5000 }));
  assert.equal(error.code, Code.Unavailable);
});

test("TLS against a plaintext server fails fast with the TLS error", async () => {
  // connect-node reports a failed handshake as INTERNAL, keeping Node's TLS
  // error as the message (grpc-js and grpc-go say UNAVAILABLE).
  const mismatched = connect(server.address, server.adminKey);
  const error = await rejection(mismatched.hotels.listHotels({ parent }, { timeoutMs: 5000 }));
  assert.equal(error.code, Code.Internal, error.message);
  assert.match(error.message, /SSL|TLS|wrong version/i);
});

test("an unresponsive server hits the deadline", async () => {
  // Accepts TCP but never speaks HTTP/2: only the deadline can end the call.
  const silent = await silentPort();
  try {
    const stalled = connect(`127.0.0.1:${silent.port}`, "key", { plaintext: true });
    const error = await rejection(stalled.hotels.listHotels({ parent }, { timeoutMs: 500 }));
    assert.equal(error.code, Code.DeadlineExceeded);
  } finally {
    silent.close();
  }
});

test("the quickstart example runs against the server", async (t) => {
  const lines: string[] = [];
  const steps = ["CreateHotel", "IngestFeedback", "CreateGuest/RecordStay", "GetLoyaltyStatus", "GetHotelSummary"];
  const done = await contract(t, () => `the quickstart's ${steps[lines.length]}`, async () => {
    await quickstart(client, (line) => lines.push(line));
    return true;
  });
  if (!done) return;
  assert.match(lines.join("\n"), /summary: /);
});

test("ImportFeedback reports each item", async (t) => {
  const hotel = await newHotel();
  async function* items() {
    for (const text of ["Lovely breakfast.", "", "Friendly staff."]) yield { parent, feedback: feedbackItem(hotel.name, text) };
  }
  const response = await contract(t, "FeedbackService/ImportFeedback", () => client.feedback.importFeedback(items()));
  if (!response) return;
  assert.equal(response.ingestedCount, 2n);
  assert.equal(response.failedCount, 1n);
  assert.equal(response.results[1].status?.code, Code.InvalidArgument);
});

test("WatchFeedback streams newly ingested items", async (t) => {
  const hotel = await newHotel();
  const abort = new AbortController();
  const stream = client.feedback.watchFeedback({ parent, hotel: hotel.name }, { signal: abort.signal, timeoutMs: 30_000 })[Symbol.asyncIterator]();
  const next = stream.next();
  next.catch(() => {}); // its rejection is awaited below; don't report it as unhandled
  try {
    // The watch has no "registered" signal, so keep ingesting until the
    // watcher sees an item: a bounded number of attempts, not a sleep.
    for (let attempt = 0; attempt < 50; attempt++) {
      const ingested = await contract(t, "FeedbackService/IngestFeedback",
        () => client.feedback.ingestFeedback({ parent, feedback: feedbackItem(hotel.name) }));
      if (!ingested) return;
      const raced = await Promise.race([next, new Promise<null>((done) => setTimeout(done, 200, null))]);
      if (raced === null) continue;
      const message = await contract(t, "FeedbackService/WatchFeedback", async () => raced);
      if (!message) return;
      assert.equal(message.value?.feedback?.hotel, hotel.name);
      return;
    }
    assert.fail("WatchFeedback delivered nothing for 50 ingested items");
  } finally {
    abort.abort();
  }
});

test("LoyaltyService counts a recorded stay", async (t) => {
  const hotel = await newHotel();
  const guest = await contract(t, "LoyaltyService/CreateGuest",
    () => client.loyalty.createGuest({ parent, guest: { displayName: "Marta" } }));
  if (!guest) return;
  const arrival = new Date(Date.now() - 5 * 86_400_000);
  const stay = await contract(t, "LoyaltyService/RecordStay", () => client.loyalty.recordStay({
    parent: guest.name,
    stay: {
      hotel: hotel.name, nights: 2, bookingReference: randomUUID(),
      arrivalDate: { year: arrival.getUTCFullYear(), month: arrival.getUTCMonth() + 1, day: arrival.getUTCDate() },
    },
  }));
  if (!stay) return;
  const status = await contract(t, "LoyaltyService/GetLoyaltyStatus", () => client.loyalty.getLoyaltyStatus({ guest: guest.name }));
  if (!status) return;
  assert.equal(status.qualifyingNights, 2);
});

test("InsightService summarises a hotel", async (t) => {
  const hotel = await newHotel();
  const now = Date.now();
  const summary = await contract(t, "InsightService/GetHotelSummary", () => client.insights.getHotelSummary({
    hotel: hotel.name,
    interval: { startTime: timestampFromDate(new Date(now - 86_400_000)), endTime: timestampFromDate(new Date(now)) },
  }));
  if (!summary) return;
  assert.equal(summary.hotel, hotel.name);
});

test("calls over the rate limit wait their turn", async () => {
  // The server refuses calls over its limit with RESOURCE_EXHAUSTED and a
  // RetryInfo; the client sends each again after that delay.
  const limited = await startServer(["--rate_limit_calls_per_second=20", "--rate_limit_burst=1"]);
  try {
    const limitedClient = connect(limited.address, limited.adminKey, { plaintext: true });
    for (let i = 0; i < 5; i++) {
      await limitedClient.admin.getOrganization({ name: parent }, { timeoutMs: 10_000 });
    }
  } finally {
    await limited.stop();
  }
});

test("a rate-limited call without time to wait is refused", async () => {
  const limited = await startServer(["--rate_limit_calls_per_second=0.2", "--rate_limit_burst=1"]);
  try {
    const limitedClient = connect(limited.address, limited.adminKey, { plaintext: true });
    await limitedClient.admin.getOrganization({ name: parent }, { timeoutMs: 10_000 });
    const refused = await limitedClient.admin.getOrganization({ name: parent }, { timeoutMs: 2_000 }).then(
      () => assert.fail("the call over the limit succeeded"),
      (error: unknown) => errorDetails(error),
    );
    assert.equal(refused.code, Code.ResourceExhausted);
    assert.equal(refused.reason, "LIMIT_EXCEEDED");
  } finally {
    await limited.stop();
  }
});
