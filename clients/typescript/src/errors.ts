import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema, type BadRequest, type ErrorInfo } from "./gen/google/rpc/error_details_pb.js";

/** What a failed call said, with the google.rpc details guestvoice attaches. */
export interface ErrorDetails {
  code: Code;
  message: string;
  errorInfo?: ErrorInfo;
  badRequest?: BadRequest;
  /** ErrorInfo.reason, for example "FIELD_INVALID"; "" without one. */
  reason: string;
  /** BadRequest's violations as field -> description. */
  fieldViolations: Map<string, string>;
}

/** Decodes any error thrown by a call (a ConnectError, or anything else as UNKNOWN). */
export function errorDetails(error: unknown): ErrorDetails {
  const connectError = ConnectError.from(error);
  const errorInfo = connectError.findDetails(ErrorInfoSchema)[0];
  const badRequest = connectError.findDetails(BadRequestSchema)[0];
  return {
    code: connectError.code,
    message: connectError.rawMessage,
    errorInfo,
    badRequest,
    reason: errorInfo?.reason ?? "",
    fieldViolations: new Map((badRequest?.fieldViolations ?? []).map((v) => [v.field, v.description])),
  };
}
