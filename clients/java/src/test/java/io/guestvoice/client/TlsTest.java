package io.guestvoice.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ChannelCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.guestvoice.v1.GetOrganizationRequest;
import io.guestvoice.v1.Organization;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's TLS path against a guestvoiced with a private authority:
 * trusting it, calls go through with the key; not trusting it, the handshake
 * fails and the key is never sent.
 */
class TlsTest {
  private static final String PARENT = "organizations/default";
  private static final GetOrganizationRequest GET_PARENT =
      GetOrganizationRequest.newBuilder().setName(PARENT).build();

  @TempDir static Path dir;
  private static Path certificates;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestServer.makeCertificates(dir.resolve("certificates"));
    server = TestServer.start(dir.resolve("data"), TestServer.tlsFlags(certificates));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void trustingTheServersAuthorityReachesTheServer() throws Exception {
    ChannelCredentials trusting =
        TlsChannelCredentials.newBuilder().trustManager(certificates.resolve("ca.pem").toFile()).build();
    try (GuestvoiceClient client = GuestvoiceClient.connect(server.address, server.adminKey, trusting)) {
      Organization organization = client.admin.withDeadlineAfter(5, TimeUnit.SECONDS).getOrganization(GET_PARENT);
      assertEquals(PARENT, organization.getName());
    }
  }

  @Test
  void withoutTrustingTheServersAuthorityFailsWithUnavailable() throws Exception {
    try (GuestvoiceClient client = GuestvoiceClient.connect(server.address, server.adminKey)) {
      StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
          () -> client.admin.withDeadlineAfter(5, TimeUnit.SECONDS).getOrganization(GET_PARENT));
      assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode());
    }
  }
}
