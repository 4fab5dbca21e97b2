package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/grpc/status"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// defaultPollInterval is how often a followed operation is asked for its
// progress: a re-analysis moves by batches of 100 items, several a second.
const defaultPollInterval = time.Second

func newReanalyzeCommand(app *App) *cobra.Command {
	var noWait bool
	var poll time.Duration
	cmd := &cobra.Command{
		Use:   "reanalyze",
		Short: "Re-analyse the organization's stored feedback with the server's current analyser and taxonomy (needs an admin key)",
		Long: `Re-analyses every stored feedback item of the organization with the server's
current analyser and aspect taxonomy, after an upgrade or a taxonomy edit
changed them (docs/voices.md, "Re-analysis"). Insight figures stay exact while
it runs.

Starts the re-analysis, or joins the one this server build is already running
for the organization, and follows it to the end with its progress on stderr;
then prints the outcome. With --no-wait it prints the operation and returns:
follow it later with "gvctl operations wait". Interrupting gvctl does not stop
the re-analysis on the server.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if poll <= 0 {
				return usagef("--poll-interval must be positive")
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			operation, err := client.Admin.ReanalyzeFeedback(cmd.Context(),
				&gv.ReanalyzeFeedbackRequest{Parent: app.Parent()})
			if err != nil {
				return err
			}
			if noWait {
				return app.printOperations(operation)
			}
			return app.followOperation(cmd.Context(), client, operation, poll)
		},
	}
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the operation and return at once")
	cmd.Flags().DurationVar(&poll, "poll-interval", defaultPollInterval, "how often to ask for progress")
	return cmd
}

func newOperationsCommand(app *App) *cobra.Command {
	return group("operations", "List and follow the organization's long-running operations (needs an admin key)",
		newOperationsListCommand(app), newOperationsGetCommand(app), newOperationsWaitCommand(app))
}

func newOperationsListCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the organization's operations, running and done, oldest first",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			var operations []*gv.Operation
			for operation, err := range guestvoice.All(cmd.Context(), client.Admin.ListOperations,
				func(token string) *gv.ListOperationsRequest {
					return &gv.ListOperationsRequest{Parent: app.Parent(), PageSize: 1000, PageToken: token}
				},
				(*gv.ListOperationsResponse).GetOperations) {
				if err != nil {
					return err
				}
				operations = append(operations, operation)
			}
			if app.JSON {
				return writeJSONList(app.Stdout, operations)
			}
			return app.printOperations(operations...)
		},
	}
}

func newOperationsGetCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "get OPERATION",
		Short: "Show an operation (id or resource name) and its progress",
		Args:  exactArgs("OPERATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			operation, err := client.Admin.GetOperation(cmd.Context(),
				&gv.GetOperationRequest{Name: app.resourceName("operations", args[0])})
			if err != nil {
				return err
			}
			return app.printOperations(operation)
		},
	}
}

func newOperationsWaitCommand(app *App) *cobra.Command {
	var poll time.Duration
	cmd := &cobra.Command{
		Use:   "wait OPERATION",
		Short: "Follow an operation (id or resource name) to its end, with its progress on stderr",
		Args:  exactArgs("OPERATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if poll <= 0 {
				return usagef("--poll-interval must be positive")
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			operation, err := client.Admin.GetOperation(cmd.Context(),
				&gv.GetOperationRequest{Name: app.resourceName("operations", args[0])})
			if err != nil {
				return err
			}
			return app.followOperation(cmd.Context(), client, operation, poll)
		},
	}
	cmd.Flags().DurationVar(&poll, "poll-interval", defaultPollInterval, "how often to ask for progress")
	return cmd
}

// followOperation asks for operation's progress every poll until it is done,
// printing each change on stderr, then prints the outcome; an operation that
// failed is an error with the server's status.
func (a *App) followOperation(ctx context.Context, client *guestvoice.Client, operation *gv.Operation,
	poll time.Duration) error {
	reported := ""
	for !operation.GetDone() {
		if progress := operationProgress(operation); progress != reported {
			fmt.Fprintf(a.Stderr, "%s: %s\n", lastSegment(operation.GetName()), progress)
			reported = progress
		}
		select {
		case <-ctx.Done():
			return a.stoppedFollowing(operation)
		case <-time.After(poll):
		}
		next, err := client.Admin.GetOperation(ctx, &gv.GetOperationRequest{Name: operation.GetName()})
		if ctx.Err() != nil {
			return a.stoppedFollowing(operation)
		}
		if err != nil {
			return err
		}
		operation = next
	}
	if err := a.printOperations(operation); err != nil {
		return err
	}
	if operation.GetError() != nil {
		// The server's status, so that the exit code and message say why.
		return status.FromProto(operation.GetError()).Err()
	}
	return nil
}

// stoppedFollowing is the error of a follow that Ctrl-C interrupted: the
// operation goes on without gvctl.
func (a *App) stoppedFollowing(operation *gv.Operation) error {
	return exitError{ExitInterrupted, fmt.Errorf(
		"interrupted; %s goes on on the server: follow it with gvctl operations wait %s",
		operation.GetName(), lastSegment(operation.GetName()))}
}

// operationProgress is how far operation is, for people: "running: 1200 of
// 10000 items re-analysed, 37 changed".
func operationProgress(operation *gv.Operation) string {
	state := operationState(operation)
	metadata := operation.GetReanalyzeFeedback()
	if metadata == nil {
		return state
	}
	if !operation.GetDone() && metadata.GetTotalCount() == 0 {
		// The pass counts the items before its first batch.
		return state + ": starting"
	}
	return fmt.Sprintf("%s: %d of %d items re-analysed, %d changed", state, metadata.GetProcessedCount(),
		metadata.GetTotalCount(), metadata.GetChangedCount())
}

// operationState is "running", "done" or "failed".
func operationState(operation *gv.Operation) string {
	switch {
	case !operation.GetDone():
		return "running"
	case operation.GetError() != nil:
		return "failed"
	default:
		return "done"
	}
}

func (a *App) printOperations(operations ...*gv.Operation) error {
	if a.JSON {
		for _, operation := range operations {
			if err := writeJSONLine(a.Stdout, operation); err != nil {
				return err
			}
		}
		return nil
	}
	t := newTable(a.Stdout, "OPERATION", "KIND", "STATE", "ITEMS", "CHANGED", "TAXONOMY", "STARTED", "UPDATED")
	for _, operation := range operations {
		kind, items, changed, taxonomy := "-", "-", "-", "-"
		if metadata := operation.GetReanalyzeFeedback(); metadata != nil {
			kind = "reanalyze"
			items = fmt.Sprintf("%d/%d", metadata.GetProcessedCount(), metadata.GetTotalCount())
			changed = fmt.Sprint(metadata.GetChangedCount())
			taxonomy = orDash(metadata.GetTaxonomyVersion())
		}
		t.row(lastSegment(operation.GetName()), kind, operationState(operation), items, changed, taxonomy,
			when(operation.GetCreateTime()), when(operation.GetUpdateTime()))
	}
	return t.flush()
}
