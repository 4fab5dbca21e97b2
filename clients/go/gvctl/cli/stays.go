package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/genproto/googleapis/type/money"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

func newStaysCommand(app *App) *cobra.Command {
	return group("stays", "Record, list, amend and cancel stays", newStaysRecordCommand(app), newStaysListCommand(app),
		newStaysUpdateCommand(app), newStaysCancelCommand(app))
}

// stayFields are the flags of a stay's details, for stays record and
// stays update.
type stayFields struct {
	hotel, arrival, spend, currency string
	nights                          int
}

func (f *stayFields) register(cmd *cobra.Command) {
	flags := cmd.Flags()
	flags.StringVar(&f.hotel, "hotel", "", "hotel id")
	flags.StringVar(&f.arrival, "arrival", "", "arrival date, YYYY-MM-DD")
	flags.IntVar(&f.nights, "nights", 0, "nights stayed")
	flags.StringVar(&f.spend, "spend", "", "qualifying spend, such as 540.10 (exact: no binary rounding)")
	flags.StringVar(&f.currency, "currency", "", "ISO 4217 currency of --spend")
}

func newStaysRecordCommand(app *App) *cobra.Command {
	var (
		fields  stayFields
		booking string
	)
	cmd := &cobra.Command{
		Use:     "record GUEST --hotel HOTEL --arrival DATE --nights N --booking REF [--spend AMOUNT --currency EUR]",
		Short:   "Record a stay (idempotent by booking reference)",
		Example: `  gvctl stays record GUEST --hotel lisbon-riverside --arrival 2026-01-10 --nights 3 --booking BK-1001 --spend 540 --currency EUR`,
		Args:    exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			arrivalDate, err := parseDateFlag("--arrival", fields.arrival)
			if err != nil {
				return err
			}
			stay := &gv.Stay{
				Hotel:            app.HotelName(fields.hotel),
				ArrivalDate:      arrivalDate,
				Nights:           int32(fields.nights),
				BookingReference: booking,
			}
			if fields.spend != "" {
				if stay.QualifyingSpend, err = parseSpendFlags(fields.spend, fields.currency); err != nil {
					return err
				}
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			recorded, err := client.Loyalty.RecordStay(cmd.Context(), &gv.RecordStayRequest{Parent: guestName(app, args[0]), Stay: stay})
			if err != nil {
				return err
			}
			return app.printStay(recorded)
		},
	}
	fields.register(cmd)
	cmd.Flags().StringVar(&booking, "booking", "", "booking reference")
	for _, required := range []string{"hotel", "arrival", "nights", "booking"} {
		_ = cmd.MarkFlagRequired(required)
	}
	return cmd
}

func newStaysUpdateCommand(app *App) *cobra.Command {
	var (
		fields  stayFields
		noSpend bool
	)
	cmd := &cobra.Command{
		Use:     "update STAY [--hotel HOTEL] [--arrival DATE] [--nights N] [--spend AMOUNT --currency EUR | --no-spend]",
		Short:   "Amend a stay as its booking was amended at the source: only the fields given change",
		Example: `  gvctl stays update organizations/default/guests/GUEST/stays/STAY --nights 4 --spend 720 --currency EUR`,
		Args:    exactArgs("STAY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			flags := cmd.Flags()
			update := &gv.Stay{Name: args[0]}
			var paths []string
			if flags.Changed("hotel") {
				update.Hotel = app.HotelName(fields.hotel)
				paths = append(paths, "hotel")
			}
			if flags.Changed("arrival") {
				arrivalDate, err := parseDateFlag("--arrival", fields.arrival)
				if err != nil {
					return err
				}
				update.ArrivalDate = arrivalDate
				paths = append(paths, "arrival_date")
			}
			if flags.Changed("nights") {
				update.Nights = int32(fields.nights)
				paths = append(paths, "nights")
			}
			switch {
			case noSpend && flags.Changed("spend"):
				return usagef("give --spend or --no-spend, not both")
			case flags.Changed("currency") && !flags.Changed("spend"):
				return usagef("--currency goes with --spend")
			case noSpend:
				paths = append(paths, "qualifying_spend")
			case flags.Changed("spend"):
				amount, err := parseSpendFlags(fields.spend, fields.currency)
				if err != nil {
					return err
				}
				update.QualifyingSpend = amount
				paths = append(paths, "qualifying_spend")
			}
			if len(paths) == 0 {
				return usagef("give at least one of --hotel, --arrival, --nights, --spend, --no-spend")
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			amended, err := client.Loyalty.UpdateStay(cmd.Context(), &gv.UpdateStayRequest{Stay: update, UpdateMask: &fieldmaskpb.FieldMask{Paths: paths}})
			if err != nil {
				return err
			}
			return app.printStay(amended)
		},
	}
	fields.register(cmd)
	cmd.Flags().BoolVar(&noSpend, "no-spend", false, "the stay has no qualifying spend")
	return cmd
}

// parseDateFlag reads a YYYY-MM-DD flag value.
func parseDateFlag(flag, value string) (*date.Date, error) {
	day, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return nil, usagef("%s %q is not a date such as 2026-01-31", flag, value)
	}
	return &date.Date{Year: int32(day.Year()), Month: int32(day.Month()), Day: int32(day.Day())}, nil
}

// parseSpendFlags reads --spend and --currency as exact money.
func parseSpendFlags(spend, currency string) (*money.Money, error) {
	if currency == "" {
		return nil, usagef("--spend needs --currency")
	}
	amount, err := importing.ParseAmount(spend)
	if err != nil {
		return nil, usagef("--spend: %v", err)
	}
	amount.CurrencyCode = strings.ToUpper(currency)
	return amount, nil
}

func newStaysCancelCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "cancel STAY",
		Short: "Cancel a stay (its resource name); it no longer earns anything",
		Args:  exactArgs("STAY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			stay, err := client.Loyalty.CancelStay(cmd.Context(), &gv.CancelStayRequest{Name: args[0]})
			if err != nil {
				return err
			}
			return app.printStay(stay)
		},
	}
}

func newStaysListCommand(app *App) *cobra.Command {
	var booking string
	cmd := &cobra.Command{
		Use:     "list GUEST [--booking REF]",
		Short:   "A guest's stays in order of arrival, cancelled ones too",
		Example: "  gvctl stays list GUEST\n  gvctl stays list GUEST --booking BK-1001",
		Args:    exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			var stays []*gv.Stay
			for stay, err := range guestvoice.All(cmd.Context(), client.Loyalty.ListStays,
				func(token string) *gv.ListStaysRequest {
					return &gv.ListStaysRequest{Parent: guestName(app, args[0]), BookingReference: booking,
						PageSize: 1000, PageToken: token}
				},
				(*gv.ListStaysResponse).GetStays) {
				if err != nil {
					return err
				}
				stays = append(stays, stay)
			}
			return app.printStays(stays)
		},
	}
	cmd.Flags().StringVar(&booking, "booking", "", "only the stay recorded under this booking reference")
	return cmd
}

func (a *App) printStay(stay *gv.Stay) error {
	if a.JSON {
		return writeJSONLine(a.Stdout, stay)
	}
	return a.printStays([]*gv.Stay{stay})
}

// printStays writes stays as a table, or one JSON array with --json.
func (a *App) printStays(stays []*gv.Stay) error {
	if a.JSON {
		return writeJSONList(a.Stdout, stays)
	}
	t := newTable(a.Stdout, "STAY", "HOTEL", "ARRIVAL", "NIGHTS", "SPEND", "BOOKING", "CANCELLED")
	for _, stay := range stays {
		spend := "-"
		if stay.GetQualifyingSpend() != nil {
			spend = guestvoice.MoneyString(stay.GetQualifyingSpend())
		}
		t.row(stay.GetName(), lastSegment(stay.GetHotel()), guestvoice.DateString(stay.GetArrivalDate()),
			stay.GetNights(), spend, stay.GetBookingReference(), stay.GetCancelled())
	}
	return t.flush()
}

func newCheckInsCommand(app *App) *cobra.Command {
	return group("check-ins", "Record and list check-ins", newCheckInsRecordCommand(app), newCheckInsListCommand(app))
}

func newCheckInsRecordCommand(app *App) *cobra.Command {
	var hotel, source, id, at string
	cmd := &cobra.Command{
		Use:   "record GUEST --hotel HOTEL --source SOURCE --id EXTERNAL_ID [--at TIME]",
		Short: "Record a check-in (idempotent by source and id)",
		Args:  exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			parsedSource, err := importing.ParseSource(source)
			if err != nil {
				return usagef("--source: %v", err)
			}
			checkInTime := time.Now()
			if at != "" {
				if checkInTime, err = time.Parse(time.RFC3339, at); err != nil {
					return usagef("--at %q is not a time such as 2026-01-31T20:00:00Z", at)
				}
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			guest := guestName(app, args[0])
			checkIn, err := client.Loyalty.RecordCheckIn(cmd.Context(), &gv.RecordCheckInRequest{
				Parent:  guest,
				CheckIn: &gv.CheckIn{Hotel: app.HotelName(hotel), Source: parsedSource, ExternalId: id, CheckInTime: timestamppb.New(checkInTime)},
			})
			if status.Code(err) == codes.AlreadyExists && at == "" {
				// "Now" is another time on every run: the command run again
				// means the check-in its first run recorded, if that is
				// the guest's at this hotel.
				if recorded := recordedCheckIn(cmd.Context(), client, guest, parsedSource, id); recorded != nil &&
					recorded.GetHotel() == app.HotelName(hotel) {
					checkIn, err = recorded, nil
				}
			}
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, checkIn)
			}
			return app.printCheckIns([]*gv.CheckIn{checkIn})
		},
	}
	flags := cmd.Flags()
	flags.StringVar(&hotel, "hotel", "", "hotel id")
	flags.StringVar(&source, "source", "foursquare", "where the check-in was made")
	flags.StringVar(&id, "id", "", "the source's id of the check-in")
	flags.StringVar(&at, "at", "", "time, RFC 3339 (default now)")
	_ = cmd.MarkFlagRequired("hotel")
	_ = cmd.MarkFlagRequired("id")
	return cmd
}

// recordedCheckIn is the guest's check-in recorded under (source, id), or
// nil when there is none or it cannot be read (a key that may only write).
func recordedCheckIn(ctx context.Context, client *guestvoice.Client, guest string, source gv.Source, id string) *gv.CheckIn {
	page, err := client.Loyalty.ListCheckIns(ctx, &gv.ListCheckInsRequest{Parent: guest, Source: source, ExternalId: id})
	if err != nil || len(page.GetCheckIns()) == 0 {
		return nil
	}
	return page.GetCheckIns()[0]
}

func newCheckInsListCommand(app *App) *cobra.Command {
	var source, id string
	cmd := &cobra.Command{
		Use:     "list GUEST [--source SOURCE --id EXTERNAL_ID]",
		Short:   "A guest's check-ins by their hotel-local day",
		Example: "  gvctl check-ins list GUEST\n  gvctl check-ins list GUEST --source foursquare --id 5e1f0c",
		Args:    exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var parsedSource gv.Source
			if id != "" {
				parsed, err := importing.ParseSource(source)
				if err != nil {
					return usagef("--source: %v", err)
				}
				parsedSource = parsed
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			var checkIns []*gv.CheckIn
			for checkIn, err := range guestvoice.All(cmd.Context(), client.Loyalty.ListCheckIns,
				func(token string) *gv.ListCheckInsRequest {
					return &gv.ListCheckInsRequest{Parent: guestName(app, args[0]), Source: parsedSource, ExternalId: id,
						PageSize: 1000, PageToken: token}
				},
				(*gv.ListCheckInsResponse).GetCheckIns) {
				if err != nil {
					return err
				}
				checkIns = append(checkIns, checkIn)
			}
			if app.JSON {
				return writeJSONList(app.Stdout, checkIns)
			}
			return app.printCheckIns(checkIns)
		},
	}
	cmd.Flags().StringVar(&source, "source", "foursquare", "with --id: where the check-in was made")
	cmd.Flags().StringVar(&id, "id", "", "only the check-in with this id at --source")
	return cmd
}

func (a *App) printCheckIns(checkIns []*gv.CheckIn) error {
	t := newTable(a.Stdout, "CHECK-IN", "HOTEL", "TIME")
	for _, checkIn := range checkIns {
		t.row(checkIn.GetName(), lastSegment(checkIn.GetHotel()), when(checkIn.GetCheckInTime()))
	}
	return t.flush()
}
