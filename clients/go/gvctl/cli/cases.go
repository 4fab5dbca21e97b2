package cli

import (
	"github.com/spf13/cobra"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newCasesCommand(app *App) *cobra.Command {
	return group("cases", "Handle feedback as cases: acknowledge, resolve, reply",
		newCaseUpdateCommand(app, "ack", "Acknowledge: someone is on it", gv.CaseState_CASE_STATE_ACKNOWLEDGED),
		newCaseUpdateCommand(app, "resolve", "Resolve: the guest's issue is dealt with", gv.CaseState_CASE_STATE_RESOLVED),
		newCaseReplyCommand(app))
}

func newCaseUpdateCommand(app *App, verb, short string, state gv.CaseState) *cobra.Command {
	var assignee, note string
	cmd := &cobra.Command{
		Use:   verb + " FEEDBACK [--assignee WHO] [--note TEXT]",
		Short: short,
		Args:  exactArgs("FEEDBACK"),
		RunE: func(cmd *cobra.Command, args []string) error {
			update := &gv.FeedbackCase{State: state, Assignee: assignee, InternalNote: note}
			paths := []string{"case.state"}
			if cmd.Flags().Changed("assignee") {
				paths = append(paths, "case.assignee")
			}
			if cmd.Flags().Changed("note") {
				paths = append(paths, "case.internal_note")
			}
			return app.updateCase(cmd, args[0], update, paths)
		},
	}
	cmd.Flags().StringVar(&assignee, "assignee", "", "who handles it")
	cmd.Flags().StringVar(&note, "note", "", "internal note (never shown to the guest)")
	return cmd
}

func newCaseReplyCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:     "reply FEEDBACK TEXT",
		Short:   "Record the hotel's public response to the feedback",
		Example: `  gvctl cases reply 8f3k... "Thank you, Ana: the air conditioning is fixed."`,
		Args:    exactArgs("FEEDBACK", "TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return app.updateCase(cmd, args[0], &gv.FeedbackCase{PublicResponse: args[1]}, []string{"case.public_response"})
		},
	}
}

func (a *App) updateCase(cmd *cobra.Command, feedback string, update *gv.FeedbackCase, paths []string) error {
	client, err := a.Client()
	if err != nil {
		return err
	}
	updated, err := client.Feedback.UpdateFeedback(cmd.Context(), &gv.UpdateFeedbackRequest{
		Feedback:   &gv.Feedback{Name: a.resourceName("feedback", feedback), Case: update},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: paths},
	})
	if err != nil {
		return err
	}
	if a.JSON {
		return writeJSONLine(a.Stdout, updated)
	}
	c := updated.GetCase()
	t := newTable(a.Stdout, "FEEDBACK", "STATE", "ASSIGNEE", "PUBLIC RESPONSE")
	t.row(lastSegment(updated.GetName()), caseState(c.GetState()), c.GetAssignee(), ellipsis(c.GetPublicResponse(), 60))
	return t.flush()
}
