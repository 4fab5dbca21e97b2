package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
)

// Exit codes, documented in `gvctl --help` and the README.
const (
	ExitOK          = 0   // done
	ExitError       = 1   // the server refused, or a local file could not be read or written
	ExitUsage       = 2   // bad flags or arguments
	ExitUnreachable = 3   // no server answered at the address
	ExitAuth        = 4   // the API key is missing, invalid, revoked or lacks a scope
	ExitNotFound    = 5   // a named resource does not exist
	ExitPartial     = 6   // an import finished, but some records were rejected
	ExitInterrupted = 130 // stopped by Ctrl-C; an import can be resumed
)

const exitCodesHelp = `Exit codes: 0 ok, 1 error, 2 usage, 3 server unreachable, 4 API key
refused, 5 not found, 6 import finished with rejected records,
130 interrupted (re-run an import to resume it).`

// usageError marks a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitError carries an exit code other than ExitError with its message.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// describe turns err into the line printed on stderr and the exit code: a
// failed call names the server's reason and what to do next.
func describe(err error, addr string) (string, int) {
	var usage usageError
	if errors.As(err, &usage) {
		return usage.Error() + " (see --help)", ExitUsage
	}
	var exit exitError
	if errors.As(err, &exit) {
		return exit.Error(), exit.code
	}
	if errors.Is(err, context.Canceled) {
		return "interrupted", ExitInterrupted
	}
	if _, isCall := status.FromError(err); !isCall {
		return err.Error(), ExitError
	}
	details := guestvoice.Details(err)
	message := details.Message
	if reason := details.Reason(); reason != "" {
		message = fmt.Sprintf("%s (%s)", message, reason)
	}
	violations := details.FieldViolations()
	fields := make([]string, 0, len(violations))
	for field := range violations {
		fields = append(fields, field)
	}
	sort.Strings(fields)
	for _, field := range fields {
		line := fmt.Sprintf("%s: %s", field, violations[field])
		if !strings.Contains(message, line) {
			message += "\n  " + line
		}
	}
	switch details.Code {
	case codes.Unavailable, codes.DeadlineExceeded:
		if strings.Contains(details.Message, "certificate") || strings.Contains(details.Message, "handshake") {
			return fmt.Sprintf("TLS with %s failed: %s\nIf the server's certificate is signed by a private CA, pass it with --cacert; "+
				"if the server has no TLS (on this machine only), use --plaintext.", addr, details.Message), ExitUnreachable
		}
		return fmt.Sprintf("no guestvoice server answered at %s: %s\nStart one (tools/run), or point --addr or GUESTVOICE_ADDR at it; "+
			"for a server without TLS on this machine add --plaintext.", addr, details.Message), ExitUnreachable
	case codes.Unauthenticated:
		return message + "\nSet a valid key with --api-key or GUESTVOICE_API_KEY (a new server writes its admin key to <data_dir>/admin-api-key; `gvctl keys create` makes more).", ExitAuth
	case codes.PermissionDenied:
		return message + "\nUse a key with the scope this command needs (`gvctl keys create --scope ...`); " +
			"organizations, server-info and backups need a platform admin key (the first start's).", ExitAuth
	case codes.NotFound:
		return message + "\nCheck the name (list them: `gvctl hotels list`, `gvctl guests lookup`, `gvctl operations list`, " +
			"`gvctl organizations list`).", ExitNotFound
	case codes.InvalidArgument:
		return message + "\nCorrect the fields named above and try again.", ExitError
	case codes.AlreadyExists:
		// A booking recorded before with other details names its stay.
		if resource := details.ErrorInfo.GetMetadata()["resource"]; strings.Contains(resource, "/stays/") {
			return message + "\nAmend the recorded stay with `gvctl stays update " + resource +
				" --nights N ...`, or cancel it with `gvctl stays cancel " + resource + "`.", ExitError
		}
		return message + "\nIt exists already: get it instead of creating it.", ExitError
	case codes.ResourceExhausted:
		return message + "\nThe server is at a limit; wait a moment and try again.", ExitError
	}
	return message, ExitError
}
