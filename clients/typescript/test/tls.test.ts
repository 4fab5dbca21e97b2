// The client's TLS path against a guestvoiced with a private authority:
// trusting it, calls go through with the key; not trusting it, the handshake
// fails and the key is never sent.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { connect } from "../src/index.js";
import { makeCertificates, rejection, startServer, type Certificates, type Server } from "./server.js";

const parent = "organizations/default";
let certificates: Certificates;
let server: Server;

before(async () => {
  certificates = await makeCertificates();
  server = await startServer(certificates.serverFlags);
});
after(async () => {
  await server.stop();
  await certificates.remove();
});

test("TLS trusting the server's authority reaches the server", async () => {
  const client = connect(server.address, server.adminKey, { ca: certificates.authority });
  const organization = await client.admin.getOrganization({ name: parent }, { timeoutMs: 5000 });
  assert.equal(organization.name, parent);
});

test("TLS without trusting the server's authority fails the handshake", async () => {
  // connect-node reports a failed handshake as INTERNAL with Node's TLS error
  // as the message (client.test.ts).
  const untrusting = connect(server.address, server.adminKey);
  const error = await rejection(untrusting.admin.getOrganization({ name: parent }, { timeoutMs: 5000 }));
  assert.equal(error.code, Code.Internal, error.message);
  assert.match(error.message, /certificate/i);
});
