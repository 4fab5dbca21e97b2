// GUESTVOICE_ADDR=127.0.0.1:50051 KEY=$(cat var/guestvoice/admin-api-key)
// GUESTVOICE_PLAINTEXT=1 ./quickstart GUESTVOICE_PLAINTEXT=1 is for a server on
// loopback without TLS.
#include <cstdlib>
#include <iostream>
#include <string>

#include "quickstart.h"

int main() {
  const char* address = std::getenv("GUESTVOICE_ADDR");
  const char* key = std::getenv("KEY");
  const char* plaintext = std::getenv("GUESTVOICE_PLAINTEXT");
  guestvoice::ClientOptions options;
  options.plaintext = plaintext != nullptr && std::string(plaintext) == "1";
  guestvoice::Client client = guestvoice::Connect(
      address ? address : "127.0.0.1:50051", key ? key : "", options);
  grpc::Status status = guestvoice::examples::RunQuickstart(client, std::cout);
  if (!status.ok()) {
    std::cerr << "quickstart failed: " << status.error_message() << "\n";
    return 1;
  }
  return 0;
}
