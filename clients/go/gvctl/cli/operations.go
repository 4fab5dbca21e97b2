package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/grpc/status"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// pollInterval is the --poll-interval flag of a command that follows
// operations.
type pollInterval struct{ every time.Duration }

func (p *pollInterval) register(cmd *cobra.Command) {
	// A re-analysis moves by batches of 100 items, several a second.
	cmd.Flags().DurationVar(&p.every, "poll-interval", time.Second, "how often to ask for progress")
}

func (p pollInterval) check() error {
	if p.every <= 0 {
		return usagef("--poll-interval must be positive")
	}
	return nil
}

func newReanalyzeCommand(app *App) *cobra.Command {
	var noWait, allOrganizations bool
	var poll pollInterval
	cmd := &cobra.Command{
		Use:   "reanalyze",
		Short: "Re-analyse the organization's stored feedback with the server's current analyser and taxonomy (needs an admin key)",
		Long: `Re-analyses every stored feedback item of the organization with the server's
current analyser and aspect taxonomy, after an upgrade or a taxonomy edit
changed them (docs/voices.md, "Re-analysis"). Insight figures stay exact while
it runs.

Starts the re-analysis, or joins the one this server build is already running
for the organization, and follows it to the end with its progress on stderr;
then prints the outcome. With --all-organizations (a platform admin key) it
does so for every organization of the server: all are started first, and the
server runs them in turns. With --no-wait it prints the operations and
returns: follow them later with "gvctl operations wait". Interrupting gvctl
does not stop a re-analysis on the server.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := poll.check(); err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			parents := []string{app.Parent()}
			if allOrganizations {
				organizations, err := listOrganizations(cmd.Context(), client)
				if err != nil {
					return err
				}
				parents = parents[:0]
				for _, organization := range organizations {
					parents = append(parents, organization.GetName())
				}
			}
			var operations []*gv.Operation
			for _, parent := range parents {
				operation, err := client.Admin.ReanalyzeFeedback(cmd.Context(),
					&gv.ReanalyzeFeedbackRequest{Parent: parent})
				if err != nil {
					// Those started go on: say which they are.
					if len(operations) > 0 {
						if printErr := app.printOperations(true, operations...); printErr != nil {
							return printErr
						}
					}
					return err
				}
				operations = append(operations, operation)
			}
			if noWait {
				return app.printOperations(allOrganizations, operations...)
			}
			return app.followOperations(cmd.Context(), client, poll.every, allOrganizations, operations...)
		},
	}
	cmd.Flags().BoolVar(&noWait, "no-wait", false, "print the operations and return at once")
	cmd.Flags().BoolVar(&allOrganizations, "all-organizations", false,
		"every organization of the server, not only --org (needs a platform admin key)")
	poll.register(cmd)
	return cmd
}

// listOrganizations lists every organization of the server (a platform
// admin's call).
func listOrganizations(ctx context.Context, client *guestvoice.Client) ([]*gv.Organization, error) {
	var organizations []*gv.Organization
	for organization, err := range guestvoice.All(ctx, client.Admin.ListOrganizations,
		func(token string) *gv.ListOrganizationsRequest {
			return &gv.ListOrganizationsRequest{PageSize: 1000, PageToken: token}
		},
		(*gv.ListOrganizationsResponse).GetOrganizations) {
		if err != nil {
			return nil, err
		}
		organizations = append(organizations, organization)
	}
	return organizations, nil
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
			return app.printOperations(true, operations...)
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
			return app.printOperations(false, operation)
		},
	}
}

func newOperationsWaitCommand(app *App) *cobra.Command {
	var poll pollInterval
	cmd := &cobra.Command{
		Use:   "wait OPERATION...",
		Short: "Follow operations (ids or resource names) to their end, with their progress on stderr",
		Args:  atLeastOneArg("OPERATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := poll.check(); err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			operations := make([]*gv.Operation, 0, len(args))
			for _, arg := range args {
				operation, err := client.Admin.GetOperation(cmd.Context(),
					&gv.GetOperationRequest{Name: app.resourceName("operations", arg)})
				if err != nil {
					return err
				}
				operations = append(operations, operation)
			}
			return app.followOperations(cmd.Context(), client, poll.every, len(args) > 1, operations...)
		},
	}
	poll.register(cmd)
	return cmd
}

// followOperations waits for each of operations to end (awaitOperation), then
// prints them (as a list when `list`); one that failed is an error with the
// server's status (its row of the table names it).
func (a *App) followOperations(ctx context.Context, client *guestvoice.Client, poll time.Duration, list bool,
	operations ...*gv.Operation) error {
	finished := make([]*gv.Operation, 0, len(operations))
	for i, operation := range operations {
		done, err := a.awaitOperation(ctx, client, operation, poll)
		if ctx.Err() != nil {
			return stoppedFollowing(operations[i:])
		}
		if err != nil {
			return err
		}
		finished = append(finished, done)
	}
	if err := a.printOperations(list, finished...); err != nil {
		return err
	}
	for _, operation := range finished {
		if operation.GetError() != nil {
			// The server's status, so that the exit code and message say why.
			return status.FromProto(operation.GetError()).Err()
		}
	}
	return nil
}

// awaitOperation asks for operation's progress every poll until it is done,
// printing each change on stderr, and returns it done.
func (a *App) awaitOperation(ctx context.Context, client *guestvoice.Client, operation *gv.Operation,
	poll time.Duration) (*gv.Operation, error) {
	reported := ""
	for !operation.GetDone() {
		if progress := operationProgress(operation); progress != reported {
			fmt.Fprintf(a.Stderr, "%s: %s\n", operation.GetName(), progress)
			reported = progress
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
		next, err := client.Admin.GetOperation(ctx, &gv.GetOperationRequest{Name: operation.GetName()})
		if err != nil {
			return nil, err
		}
		operation = next
	}
	return operation, nil
}

// stoppedFollowing is the error of a follow that Ctrl-C interrupted: the
// operations not seen to end go on without gvctl.
func stoppedFollowing(unfinished []*gv.Operation) error {
	names := make([]string, len(unfinished))
	for i, operation := range unfinished {
		names[i] = operation.GetName()
	}
	return exitError{ExitInterrupted, fmt.Errorf(
		"interrupted; the server goes on: follow with gvctl operations wait %s", strings.Join(names, " "))}
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

// printOperations prints a table, or JSON: one Operation, or a list when
// `list` (as printHotels does).
func (a *App) printOperations(list bool, operations ...*gv.Operation) error {
	if a.JSON {
		if !list {
			return writeJSONLine(a.Stdout, operations[0])
		}
		return writeJSONList(a.Stdout, operations)
	}
	t := newTable(a.Stdout, "ORGANIZATION", "OPERATION", "KIND", "STATE", "ITEMS", "CHANGED", "TAXONOMY", "STARTED",
		"UPDATED")
	for _, operation := range operations {
		kind, items, changed, taxonomy := "-", "-", "-", "-"
		if metadata := operation.GetReanalyzeFeedback(); metadata != nil {
			kind = "reanalyze"
			items = fmt.Sprintf("%d/%d", metadata.GetProcessedCount(), metadata.GetTotalCount())
			changed = fmt.Sprint(metadata.GetChangedCount())
			taxonomy = orDash(metadata.GetTaxonomyVersion())
		}
		organization, _, _ := strings.Cut(strings.TrimPrefix(operation.GetName(), "organizations/"), "/")
		t.row(organization, lastSegment(operation.GetName()), kind, operationState(operation), items, changed, taxonomy,
			when(operation.GetCreateTime()), when(operation.GetUpdateTime()))
	}
	return t.flush()
}
