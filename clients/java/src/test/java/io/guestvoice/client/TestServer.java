package io.guestvoice.client;

import io.grpc.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real guestvoiced for tests: port 0, a fresh data dir, the port read from
 * its log and the first admin key from {@code <data_dir>/admin-api-key}. The
 * binary is $GUESTVOICED, by default build/release/service/guestvoiced.
 * Certificates for a server over TLS come from tools/make-test-certificates.
 */
final class TestServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("guestvoiced listening on port (\\d+) ");

  final String address;
  final String adminKey;
  private final Process process;

  private TestServer(Process process, String address, String adminKey) {
    this.process = process;
    this.address = address;
    this.adminKey = adminKey;
  }

  /** Starts guestvoiced on {@code dataDir} with {@code flags} besides the test defaults. */
  static TestServer start(Path dataDir, String... flags) throws Exception {
    String binary = System.getenv().getOrDefault("GUESTVOICED", System.getProperty("guestvoiced.default"));
    List<String> command = new ArrayList<>(List.of(binary, "--listen=127.0.0.1:0", "--metrics_listen=",
        "--data_dir=" + dataDir, "--sync_writes=false"));
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    CompletableFuture<String> port = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      // Reads to the end so the server never blocks on a full pipe.
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          Matcher match = LISTENING.matcher(line);
          if (match.find()) {
            port.complete(match.group(1));
          } else if (!port.isDone()) {
            log.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IllegalStateException("guestvoiced exited before listening:\n" + log));
    });
    reader.setDaemon(true);
    reader.start();
    try {
      String listening = port.get(30, TimeUnit.SECONDS);
      String key = Files.readString(dataDir.resolve("admin-api-key")).strip();
      return new TestServer(process, "127.0.0.1:" + listening, key);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * Makes a throwaway authority and a server certificate it signed for
   * 127.0.0.1 in {@code dir}: ca.pem, server.pem and server.key.
   */
  static Path makeCertificates(Path dir) throws Exception {
    Process process = new ProcessBuilder(System.getProperty("guestvoice.certificateTool"), dir.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("make-test-certificates failed:\n" + output);
    }
    return dir;
  }

  /** Flags that make guestvoiced serve TLS only with the server certificate in {@code certificates}. */
  static String[] tlsFlags(Path certificates) {
    return new String[] {
      "--tls_cert_file=" + certificates.resolve("server.pem"),
      "--tls_key_file=" + certificates.resolve("server.key"),
    };
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: a clean shutdown
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /**
   * Runs a call; an UNIMPLEMENTED answer aborts the test as skipped, naming
   * the RPC, so an RPC the server does not have yet is reported, never passed.
   */
  static <T> T contract(String rpc, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      Assumptions.assumeFalse(Status.fromThrowable(e).getCode() == Status.Code.UNIMPLEMENTED,
          "server answers UNIMPLEMENTED for " + rpc);
      throw e;
    }
  }
}
