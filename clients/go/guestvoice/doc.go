// Package guestvoice connects to the guestvoice gRPC API. The generated
// messages and stubs are in package guestvoicev1; this package adds only what
// every caller would otherwise write again: a connection with the bearer key,
// TLS and safe retries (Dial), page iteration (All), request ids
// (NewRequestID) and the google.rpc details of an error (Details).
package guestvoice
