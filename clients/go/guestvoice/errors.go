package guestvoice

import (
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrorDetails is what a failed call said: its code, message and the
// google.rpc details guestvoice attaches.
type ErrorDetails struct {
	Code       codes.Code
	Message    string
	ErrorInfo  *errdetails.ErrorInfo  // nil when the error has none
	BadRequest *errdetails.BadRequest // nil when no field was invalid
}

// Reason is ErrorInfo.Reason, for example "FIELD_INVALID"; "" without one.
func (d ErrorDetails) Reason() string { return d.ErrorInfo.GetReason() }

// FieldViolations maps each invalid field to its description.
func (d ErrorDetails) FieldViolations() map[string]string {
	violations := map[string]string{}
	for _, v := range d.BadRequest.GetFieldViolations() {
		violations[v.GetField()] = v.GetDescription()
	}
	return violations
}

// Details decodes err, an error returned by a guestvoice call. An error that
// is not a gRPC status gives codes.Unknown.
func Details(err error) ErrorDetails {
	s := status.Convert(err)
	details := ErrorDetails{Code: s.Code(), Message: s.Message()}
	for _, detail := range s.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			details.ErrorInfo = d
		case *errdetails.BadRequest:
			details.BadRequest = d
		}
	}
	return details
}
