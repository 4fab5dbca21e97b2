"""Generated from proto/guestvoice/v1 by tools/generate-clients; do not edit."""
