// Starts a real guestvoiced for a test file: port 0, a fresh data dir, the
// port read from its log and the first admin key from <data_dir>/admin-api-key.
// GUESTVOICED names the binary (default: build/release/service/guestvoiced).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import type { TestContext } from "node:test";
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";

const repo = resolve(import.meta.dirname, "../../../..");
const listening = /guestvoiced listening on port (\d+) /;
const startDeadlineMs = 30_000;

export interface Server {
  address: string;
  adminKey: string;
  stop(): Promise<void>;
}

/** Starts guestvoiced with `flags` besides the test defaults. */
export async function startServer(flags: string[] = []): Promise<Server> {
  const binary = process.env.GUESTVOICED ?? join(repo, "build/release/service/guestvoiced");
  const dir = await mkdtemp(join(tmpdir(), "guestvoice-ts-test-"));
  const dataDir = join(dir, "data");
  // No metrics endpoint: the default port would collide with servers running side by side.
  const child: ChildProcess = spawn(binary, ["--listen=127.0.0.1:0", "--metrics_listen=", `--data_dir=${dataDir}`,
    "--sync_writes=false", ...flags],
    { stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<string>((resolvePort, reject) => {
    const log: string[] = [];
    const timer = setTimeout(() => reject(new Error(`guestvoiced did not listen:\n${log.join("\n")}`)), startDeadlineMs);
    child.on("error", (error) => reject(new Error(`start ${binary} (set GUESTVOICED): ${error.message}`)));
    // Keeps reading to the end so the server never blocks on a full pipe.
    createInterface({ input: child.stderr! }).on("line", (line) => {
      const match = listening.exec(line);
      if (match) {
        clearTimeout(timer);
        resolvePort(match[1]);
      } else {
        log.push(line);
      }
    });
    child.on("exit", (code) => reject(new Error(`guestvoiced exited with ${code}:\n${log.join("\n")}`)));
  });
  const adminKey = (await readFile(join(dataDir, "admin-api-key"), "utf8")).trim();
  return {
    address: `127.0.0.1:${port}`,
    adminKey,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A throwaway authority and the server certificate it signed for 127.0.0.1. */
export interface Certificates {
  /** The authority's certificate (PEM), for a client to trust. */
  authority: string;
  /** Flags that make guestvoiced serve TLS only with the server certificate. */
  serverFlags: string[];
  remove(): Promise<void>;
}

/** Makes Certificates with tools/make-test-certificates. */
export async function makeCertificates(): Promise<Certificates> {
  const dir = await mkdtemp(join(tmpdir(), "guestvoice-ts-certificates-"));
  await promisify(execFile)(join(repo, "tools/make-test-certificates"), [dir]);
  return {
    authority: await readFile(join(dir, "ca.pem"), "utf8"),
    serverFlags: [`--tls_cert_file=${join(dir, "server.pem")}`, `--tls_key_file=${join(dir, "server.key")}`],
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs `call`; an UNIMPLEMENTED answer skips the test naming `rpc`, so an RPC
 * the server does not have yet is reported, never passed.
 */
export async function contract<T>(
  t: TestContext, rpc: string | (() => string), call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (ConnectError.from(error).code === Code.Unimplemented) {
      t.skip(`server answers UNIMPLEMENTED for ${typeof rpc === "string" ? rpc : rpc()}`);
      return undefined;
    }
    throw error;
  }
}

/** The ConnectError `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    return ConnectError.from(error);
  }
  assert.fail("the call succeeded");
}
