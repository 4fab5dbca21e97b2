package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

func newExportCommand(app *App) *cobra.Command {
	return group("export", "Export feedback or guests to JSON Lines",
		newExportFeedbackCommand(app), newExportGuestsCommand(app))
}

func newExportFeedbackCommand(app *App) *cobra.Command {
	var (
		output, hotel, source, from, to string
		notScored                       bool
	)
	cmd := &cobra.Command{
		Use:   "feedback --output FILE [--hotel HOTEL] [--source SOURCE] [--from DATE] [--to DATE] [--not-scored]",
		Short: "Write feedback, one item per line in the API's JSON (re-importable with --format jsonl)",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			request := &gv.ListFeedbackRequest{Parent: app.Parent(), PageSize: 1000}
			if notScored {
				request.SentimentState = gv.SentimentState_SENTIMENT_STATE_NOT_SCORED
			}
			if hotel != "" {
				request.Hotel = app.HotelName(hotel)
			}
			if source != "" {
				parsed, err := importing.ParseSource(source)
				if err != nil {
					return usagef("--source: %v", err)
				}
				request.Source = parsed
			}
			for flag, value := range map[string]string{"from": from, "to": to} {
				if value == "" {
					continue
				}
				day, err := time.Parse(time.DateOnly, value)
				if err != nil {
					return usagef("--%s %q is not a date such as 2026-01-31", flag, value)
				}
				if flag == "from" {
					request.StartTime = timestamppb.New(day)
				} else {
					request.EndTime = timestamppb.New(day)
				}
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			return app.exportTo(output, func(w io.Writer) (int, error) {
				count := 0
				for item, err := range guestvoice.All(cmd.Context(), client.Feedback.ListFeedback,
					func(token string) *gv.ListFeedbackRequest { request.PageToken = token; return request },
					(*gv.ListFeedbackResponse).GetFeedback) {
					if err != nil {
						return count, err
					}
					if err := writeJSONLine(w, item); err != nil {
						return count, err
					}
					count++
				}
				return count, nil
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", `file to write ("-" for stdout)`)
	cmd.Flags().StringVar(&hotel, "hotel", "", "only this hotel's feedback")
	cmd.Flags().StringVar(&source, "source", "", "only this source's feedback")
	cmd.Flags().StringVar(&from, "from", "", "only feedback posted from this date (UTC)")
	cmd.Flags().StringVar(&to, "to", "", "only feedback posted before this date (UTC)")
	cmd.Flags().BoolVar(&notScored, "not-scored", false, "only feedback that could not be scored (a language without an analyser, or a rating without words), to be read by a person")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

func newExportGuestsCommand(app *App) *cobra.Command {
	var output, hotel string
	cmd := &cobra.Command{
		Use:   "guests --output FILE [--hotel HOTEL]",
		Short: "Write every guest with their stays, check-ins, feedback and status (ExportGuest), one per line",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			request := &gv.ListGuestsRequest{Parent: app.Parent(), PageSize: 1000}
			if hotel != "" {
				request.Hotel = app.HotelName(hotel)
			}
			return app.exportTo(output, func(w io.Writer) (int, error) {
				count := 0
				for guest, err := range guestvoice.All(cmd.Context(), client.Loyalty.ListGuests,
					func(token string) *gv.ListGuestsRequest { request.PageToken = token; return request },
					(*gv.ListGuestsResponse).GetGuests) {
					if err != nil {
						return count, err
					}
					everything, err := exportGuest(cmd.Context(), client, guest.GetName())
					if err != nil {
						return count, err
					}
					if err := writeJSONLine(w, everything); err != nil {
						return count, err
					}
					count++
				}
				return count, nil
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", `file to write ("-" for stdout)`)
	cmd.Flags().StringVar(&hotel, "hotel", "", "only guests who stayed at this hotel")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

// exportGuest gathers every page of a guest's export into one message: the
// first page holds the profile and activity, later pages more feedback.
func exportGuest(ctx context.Context, client *guestvoice.Client, name string) (*gv.ExportGuestResponse, error) {
	request := &gv.ExportGuestRequest{Name: name}
	everything, err := client.Loyalty.ExportGuest(ctx, request)
	if err != nil {
		return nil, err
	}
	for request.PageToken = everything.GetNextPageToken(); request.PageToken != ""; {
		page, err := client.Loyalty.ExportGuest(ctx, request)
		if err != nil {
			return nil, err
		}
		everything.Feedback = append(everything.Feedback, page.GetFeedback()...)
		request.PageToken = page.GetNextPageToken()
	}
	everything.NextPageToken = ""
	return everything, nil
}

// exportTo runs write into a temporary file beside path and renames it to
// path only when everything was written: a failed or interrupted export
// leaves no partial file (and an earlier export at path untouched).
func (a *App) exportTo(path string, write func(io.Writer) (int, error)) error {
	if path == "-" {
		_, err := write(a.Stdout)
		return err
	}
	temp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", path, err)
	}
	defer os.Remove(temp.Name())
	buffered := bufio.NewWriterSize(temp, 1<<20)
	count, err := write(buffered)
	if err == nil {
		err = buffered.Flush()
	}
	if err == nil {
		err = temp.Sync()
	}
	if closeErr := temp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "gvctl: export stopped: nothing was written to %s\n", path)
		return err
	}
	if err := os.Rename(temp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintf(a.Stderr, "wrote %d records to %s\n", count, path)
	return nil
}
