package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/report"
)

// ANSI colours of the sentiment bands, used only on a terminal.
var bandColours = map[gv.SentimentBand]string{
	gv.SentimentBand_SENTIMENT_BAND_POSITIVE: "\x1b[32m",
	gv.SentimentBand_SENTIMENT_BAND_NEUTRAL:  "\x1b[33m",
	gv.SentimentBand_SENTIMENT_BAND_NEGATIVE: "\x1b[31m",
}

const colourReset = "\x1b[0m"

func newWatchCommand(app *App) *cobra.Command {
	var hotel, source, band, aspect string
	var notScored bool
	cmd := &cobra.Command{
		Use:   "watch [--hotel HOTEL] [--band negative] [--source SOURCE] [--aspect ASPECT] [--not-scored]",
		Short: "Tail new feedback as it arrives, coloured by sentiment band on a terminal (Ctrl-C stops)",
		Long: `Prints each item as it is ingested: post time, source, hotel, band, compound
and text. An item its author edited at the source comes again when the edit
arrives, its text led by "(edited TIME)".`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			request := &gv.WatchFeedbackRequest{Parent: app.Parent(), Aspect: aspect}
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
			if band != "" {
				value, ok := gv.SentimentBand_value["SENTIMENT_BAND_"+strings.ToUpper(band)]
				if !ok || value == 0 {
					return usagef("--band %q: use positive, neutral or negative", band)
				}
				request.Band = gv.SentimentBand(value)
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			stream, err := client.Feedback.WatchFeedback(cmd.Context(), request)
			if err != nil {
				return err
			}
			colour := isTerminal(app.Stdout) && !app.JSON
			for {
				message, err := stream.Recv()
				if err != nil {
					if cmd.Context().Err() != nil {
						return nil // Ctrl-C is how a watch ends
					}
					return err
				}
				if missed := message.GetMissedCount(); missed > 0 {
					fmt.Fprintf(app.Stderr, "gvctl: fell behind: %d items were not shown\n", missed)
				}
				f := message.GetFeedback()
				if f == nil {
					continue
				}
				if app.JSON {
					if err := writeJSONLine(app.Stdout, f); err != nil {
						return err
					}
					continue
				}
				// An item that could not be scored has no band or compound:
				// no 0.0 stands in for what nobody measured.
				band, compound := bandName(f.GetAnalysis().GetBand()), fmt.Sprintf("%+.2f", f.GetAnalysis().GetSentiment().GetCompound())
				if f.GetAnalysis().GetSentimentState() == gv.SentimentState_SENTIMENT_STATE_NOT_SCORED {
					band, compound = "not scored", "-"
				}
				text := ellipsis(f.GetText(), 80)
				if text == "" {
					text = "(no words: rated " + report.RatingText(f.GetRating()) + ")"
				}
				// An edit at the source comes again under its post time:
				// say when the guest changed their words.
				if edited := f.GetEditTime(); edited != nil && edited.AsTime().After(f.GetPostTime().AsTime()) {
					text = "(edited " + when(edited) + ") " + text
				}
				line := fmt.Sprintf("%s  %-10s %-18s %-10s %5s  %s", when(f.GetPostTime()), sourceName(f.GetSource()), lastSegment(f.GetHotel()),
					band, compound, text)
				if start, ok := bandColours[f.GetAnalysis().GetBand()]; colour && ok {
					line = start + line + colourReset
				}
				fmt.Fprintln(app.Stdout, line)
			}
		},
	}
	cmd.Flags().StringVar(&hotel, "hotel", "", "only this hotel's feedback")
	cmd.Flags().StringVar(&source, "source", "", "only this source's feedback")
	cmd.Flags().StringVar(&band, "band", "", "only this band: positive, neutral or negative")
	cmd.Flags().StringVar(&aspect, "aspect", "", "only feedback mentioning this aspect")
	cmd.Flags().BoolVar(&notScored, "not-scored", false, "only feedback that could not be scored (a language without an analyser, or a rating without words), to be read by a person")
	return cmd
}
