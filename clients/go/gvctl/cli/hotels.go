package cli

import (
	"github.com/spf13/cobra"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newHotelsCommand(app *App) *cobra.Command {
	return group("hotels", "Create, list, get and update hotels",
		newHotelsCreateCommand(app), newHotelsListCommand(app),
		newHotelsGetCommand(app), newHotelsUpdateCommand(app))
}

// hotelFields are the flags of a hotel's settable fields.
type hotelFields struct {
	displayName, timeZone, country, locality string
}

func (f *hotelFields) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.displayName, "name", "", "display name")
	cmd.Flags().StringVar(&f.timeZone, "time-zone", "", `IANA time zone, for example "Europe/Lisbon"`)
	cmd.Flags().StringVar(&f.country, "country", "", `ISO 3166-1 alpha-2 country ("PT"): phone numbers without a country code are read as this country's`)
	cmd.Flags().StringVar(&f.locality, "locality", "", "city or town")
}

func (f *hotelFields) hotel() *gv.Hotel {
	return &gv.Hotel{DisplayName: f.displayName, TimeZone: f.timeZone, RegionCode: f.country, Locality: f.locality}
}

func newHotelsCreateCommand(app *App) *cobra.Command {
	var fields hotelFields
	cmd := &cobra.Command{
		Use:     "create HOTEL_ID --name NAME --time-zone ZONE [--country CC]",
		Short:   "Create a hotel",
		Example: `  gvctl hotels create lisbon-riverside --name "Lisbon Riverside" --time-zone Europe/Lisbon --country PT`,
		Args:    exactArgs("HOTEL_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			hotel, err := client.Hotels.CreateHotel(cmd.Context(), &gv.CreateHotelRequest{
				Parent: app.Parent(), HotelId: args[0], Hotel: fields.hotel(), RequestId: guestvoice.NewRequestID(),
			})
			if err != nil {
				return err
			}
			return app.printHotels(false, hotel)
		},
	}
	fields.register(cmd)
	return cmd
}

func newHotelsListCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the organization's hotels",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			var hotels []*gv.Hotel
			for hotel, err := range guestvoice.All(cmd.Context(), client.Hotels.ListHotels,
				func(token string) *gv.ListHotelsRequest {
					return &gv.ListHotelsRequest{Parent: app.Parent(), PageSize: 1000, PageToken: token}
				},
				(*gv.ListHotelsResponse).GetHotels) {
				if err != nil {
					return err
				}
				hotels = append(hotels, hotel)
			}
			return app.printHotels(true, hotels...)
		},
	}
}

func newHotelsGetCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "get HOTEL",
		Short: "Show one hotel (by id or resource name)",
		Args:  exactArgs("HOTEL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			hotel, err := client.Hotels.GetHotel(cmd.Context(), &gv.GetHotelRequest{Name: app.HotelName(args[0])})
			if err != nil {
				return err
			}
			return app.printHotels(false, hotel)
		},
	}
}

func newHotelsUpdateCommand(app *App) *cobra.Command {
	var fields hotelFields
	cmd := &cobra.Command{
		Use:     "update HOTEL [--name ...] [--time-zone ...] [--country ...] [--locality ...]",
		Short:   "Change the fields given as flags",
		Example: `  gvctl hotels update lisbon-riverside --country PT`,
		Args:    exactArgs("HOTEL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			mask := &fieldmaskpb.FieldMask{}
			for flag, path := range map[string]string{
				"name": "display_name", "time-zone": "time_zone", "country": "region_code", "locality": "locality",
			} {
				if cmd.Flags().Changed(flag) {
					mask.Paths = append(mask.Paths, path)
				}
			}
			if len(mask.Paths) == 0 {
				return usagef("nothing to update: give --name, --time-zone, --country or --locality")
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			hotel := fields.hotel()
			hotel.Name = app.HotelName(args[0])
			updated, err := client.Hotels.UpdateHotel(cmd.Context(), &gv.UpdateHotelRequest{Hotel: hotel, UpdateMask: mask})
			if err != nil {
				return err
			}
			return app.printHotels(false, updated)
		},
	}
	fields.register(cmd)
	return cmd
}

// printHotels prints a table, or JSON: an array for a list, else an object.
func (a *App) printHotels(list bool, hotels ...*gv.Hotel) error {
	if a.JSON {
		if !list {
			return writeJSONLine(a.Stdout, hotels[0])
		}
		return writeJSONList(a.Stdout, hotels)
	}
	t := newTable(a.Stdout, "HOTEL", "NAME", "TIME ZONE", "COUNTRY", "LOCALITY")
	for _, h := range hotels {
		t.row(lastSegment(h.GetName()), h.GetDisplayName(), h.GetTimeZone(), h.GetRegionCode(), h.GetLocality())
	}
	return t.flush()
}
