// guestvoice client for Node.js. The messages and service descriptors are
// generated into ./gen by tools/generate-clients (protobuf-es); this package
// adds only the connection set-up, page iteration, request ids and error
// details that every caller would otherwise write again.
export { connect, newRequestId, type Client, type ConnectOptions } from "./client.js";
export { errorDetails, type ErrorDetails } from "./errors.js";
export { pages } from "./pages.js";
export * from "./gen/guestvoice/v1/admin_pb.js";
export * from "./gen/guestvoice/v1/admin_service_pb.js";
export * from "./gen/guestvoice/v1/error_reason_pb.js";
export * from "./gen/guestvoice/v1/feedback_pb.js";
export * from "./gen/guestvoice/v1/feedback_service_pb.js";
export * from "./gen/guestvoice/v1/hotel_pb.js";
export * from "./gen/guestvoice/v1/hotel_service_pb.js";
export * from "./gen/guestvoice/v1/insight_service_pb.js";
export * from "./gen/guestvoice/v1/loyalty_pb.js";
export * from "./gen/guestvoice/v1/loyalty_program_pb.js";
export * from "./gen/guestvoice/v1/loyalty_service_pb.js";
export * from "./gen/guestvoice/v1/source_pb.js";
