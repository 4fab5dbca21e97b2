package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

func newGuestsCommand(app *App) *cobra.Command {
	return group("guests", "Create, list, look up, link, unlink, merge, export and erase guests; see their loyalty status",
		newGuestsCreateCommand(app), newGuestsListCommand(app), newGuestsLookupCommand(app),
		newGuestsLinkCommand(app), newGuestsUnlinkCommand(app), newGuestsMergeCommand(app),
		newGuestsStatusCommand(app), newGuestsExportCommand(app), newGuestsEraseCommand(app))
}

// identityFlags name one identity: --email, --phone, --loyalty-number or
// --handle with --source.
type identityFlags struct {
	email, phone, loyalty, handle, source, hotel string
}

func (f *identityFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.email, "email", "", "email address")
	cmd.Flags().StringVar(&f.phone, "phone", "", `phone number ("+351912345678", or national with --hotel)`)
	cmd.Flags().StringVar(&f.loyalty, "loyalty-number", "", "loyalty number")
	cmd.Flags().StringVar(&f.handle, "handle", "", "handle at --source")
	cmd.Flags().StringVar(&f.source, "source", "", "source of --handle (twitter, instagram, tripadvisor, ...)")
	cmd.Flags().StringVar(&f.hotel, "hotel", "", "hotel whose country a national phone number is of")
}

// identity is the one identity the flags name.
func (f *identityFlags) identity() (*gv.Identity, error) {
	identities, err := f.identities()
	if err != nil {
		return nil, err
	}
	if len(identities) != 1 {
		return nil, usagef("give exactly one of --email, --phone, --loyalty-number, --handle")
	}
	return identities[0], nil
}

// identities are the identities the flags name, none or several.
func (f *identityFlags) identities() ([]*gv.Identity, error) {
	var identities []*gv.Identity
	add := func(kind gv.IdentityKind, value string) {
		if value != "" {
			identities = append(identities, &gv.Identity{Kind: kind, Value: value})
		}
	}
	add(gv.IdentityKind_IDENTITY_KIND_EMAIL, f.email)
	add(gv.IdentityKind_IDENTITY_KIND_PHONE, f.phone)
	add(gv.IdentityKind_IDENTITY_KIND_LOYALTY_NUMBER, f.loyalty)
	add(gv.IdentityKind_IDENTITY_KIND_HANDLE, f.handle)
	if f.source != "" && f.handle == "" {
		return nil, usagef("--source goes with --handle")
	}
	if f.handle != "" {
		if f.source == "" {
			return nil, usagef("--handle needs --source")
		}
		source, err := importing.ParseSource(f.source)
		if err != nil {
			return nil, usagef("--source: %v", err)
		}
		identities[len(identities)-1].Source = source
	}
	return identities, nil
}

func (f *identityFlags) hotelName(app *App) string {
	if f.hotel == "" {
		return ""
	}
	return app.HotelName(f.hotel)
}

func newGuestsCreateCommand(app *App) *cobra.Command {
	var (
		displayName string
		who         identityFlags
	)
	cmd := &cobra.Command{
		Use:   "create [--name NAME] [--email E] [--phone P] [--loyalty-number N] [--handle H --source S]",
		Short: "Create a guest with the identities given; their authors' feedback becomes the guest's",
		Example: `  gvctl guests create --name "Ana Silva" --email ana.silva@example.com
  gvctl guests create --name "Ana Silva" --phone "0912 345 678" --hotel porto`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			identities, err := who.identities()
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			guest, err := client.Loyalty.CreateGuest(cmd.Context(), &gv.CreateGuestRequest{
				Parent: app.Parent(), Guest: &gv.Guest{DisplayName: displayName}, Identities: identities,
				RequestId: guestvoice.NewRequestID(), Hotel: who.hotelName(app),
			})
			if err != nil {
				return err
			}
			return app.printGuests(false, guest)
		},
	}
	cmd.Flags().StringVar(&displayName, "name", "", "the guest's display name")
	who.register(cmd)
	return cmd
}

func newGuestsListCommand(app *App) *cobra.Command {
	var hotel, tier string
	cmd := &cobra.Command{
		Use:     "list [--hotel HOTEL] [--tier TIER]",
		Short:   "List the organization's guests: those who stayed at --hotel, those holding --tier today",
		Example: "  gvctl guests list --hotel porto --tier gold",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			hotelName := ""
			if hotel != "" {
				hotelName = app.HotelName(hotel)
			}
			var guests []*gv.Guest
			for guest, err := range guestvoice.All(cmd.Context(), client.Loyalty.ListGuests,
				func(token string) *gv.ListGuestsRequest {
					return &gv.ListGuestsRequest{Parent: app.Parent(), Hotel: hotelName, Tier: tier,
						PageSize: 1000, PageToken: token}
				},
				(*gv.ListGuestsResponse).GetGuests) {
				if err != nil {
					return err
				}
				guests = append(guests, guest)
			}
			return app.printGuests(true, guests...)
		},
	}
	cmd.Flags().StringVar(&hotel, "hotel", "", "only guests with a stay at this hotel")
	cmd.Flags().StringVar(&tier, "tier", "", "only guests holding this tier id today")
	return cmd
}

func newGuestsLookupCommand(app *App) *cobra.Command {
	var who identityFlags
	cmd := &cobra.Command{
		Use:     "lookup (--email E | --phone P | --loyalty-number N | --handle H --source S)",
		Short:   "Find the guest an identity belongs to",
		Example: `  gvctl guests lookup --phone "0912 345 678" --hotel porto`,
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			identity, err := who.identity()
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			guest, err := client.Loyalty.LookupGuest(cmd.Context(), &gv.LookupGuestRequest{Parent: app.Parent(), Identity: identity, Hotel: who.hotelName(app)})
			if err != nil {
				return err
			}
			return app.printGuest(guest)
		},
	}
	who.register(cmd)
	return cmd
}

func newGuestsLinkCommand(app *App) *cobra.Command {
	return newIdentityChangeCommand(app, "link", "Link an identity to a guest; that author's feedback becomes the guest's",
		func(ctx context.Context, client *guestvoice.Client, guest string, identity *gv.Identity, hotel string) (*gv.Guest, error) {
			return client.Loyalty.LinkIdentity(ctx, &gv.LinkIdentityRequest{Guest: guest, Identity: identity, Hotel: hotel})
		})
}

func newGuestsUnlinkCommand(app *App) *cobra.Command {
	return newIdentityChangeCommand(app, "unlink", "Unlink an identity from a guest; that author's feedback is its own voice again",
		func(ctx context.Context, client *guestvoice.Client, guest string, identity *gv.Identity, hotel string) (*gv.Guest, error) {
			return client.Loyalty.UnlinkIdentity(ctx, &gv.UnlinkIdentityRequest{Guest: guest, Identity: identity, Hotel: hotel})
		})
}

// newIdentityChangeCommand is `guests VERB GUEST` with one identity's flags,
// which `change` applies to the guest; it prints the guest as it is after.
func newIdentityChangeCommand(app *App, verb, short string,
	change func(ctx context.Context, client *guestvoice.Client, guest string, identity *gv.Identity, hotel string) (*gv.Guest, error)) *cobra.Command {
	var who identityFlags
	cmd := &cobra.Command{
		Use:   verb + " GUEST (--email E | --phone P | --loyalty-number N | --handle H --source S)",
		Short: short,
		Args:  exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			identity, err := who.identity()
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			guest, err := change(cmd.Context(), client, guestName(app, args[0]), identity, who.hotelName(app))
			if err != nil {
				return err
			}
			return app.printGuest(guest)
		},
	}
	who.register(cmd)
	return cmd
}

func newGuestsMergeCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "merge SURVIVOR MERGED",
		Short: "Merge two profiles of one person into SURVIVOR; MERGED is deleted",
		Args:  exactArgs("SURVIVOR", "MERGED"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			guest, err := client.Loyalty.MergeGuests(cmd.Context(), &gv.MergeGuestsRequest{Survivor: guestName(app, args[0]), Merged: guestName(app, args[1])})
			if err != nil {
				return err
			}
			return app.printGuest(guest)
		},
	}
}

func newGuestsStatusCommand(app *App) *cobra.Command {
	var asOf string
	cmd := &cobra.Command{
		Use:     "status GUEST [--as-of DATE]",
		Short:   "A guest's loyalty tier, qualifying activity and points today, or on --as-of",
		Example: "  gvctl guests status GUEST --as-of 2026-01-31",
		Args:    exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			request := &gv.GetLoyaltyStatusRequest{Guest: guestName(app, args[0])}
			if asOf != "" {
				day, err := parseDateFlag("--as-of", asOf)
				if err != nil {
					return err
				}
				request.AsOfDate = day
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			status, err := client.Loyalty.GetLoyaltyStatus(cmd.Context(), request)
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, status)
			}
			d := status.GetAsOfDate()
			t := newTable(app.Stdout, "AS OF", "TIER", "NIGHTS", "STAYS", "CHECK-INS", "POINTS", "NEXT TIER")
			t.row(fmt.Sprintf("%04d-%02d-%02d", d.GetYear(), d.GetMonth(), d.GetDay()), status.GetTier(),
				status.GetQualifyingNights(), status.GetQualifyingStays(), status.GetQualifyingCheckIns(),
				status.GetPointsBalance(), status.GetNextTier().GetTier())
			return t.flush()
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "the date, YYYY-MM-DD (default: today)")
	return cmd
}

func newGuestsExportCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "export GUEST",
		Short: "Everything held about a guest, as JSON (a subject access request)",
		Args:  exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			everything, err := exportGuest(cmd.Context(), client, guestName(app, args[0]))
			if err != nil {
				return err
			}
			return writeJSONLine(app.Stdout, everything)
		},
	}
}

func newGuestsEraseCommand(app *App) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "erase GUEST [--yes]",
		Short: "Erase a guest and everything about them (right to erasure); asks first",
		Args:  exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := guestName(app, args[0])
			if !yes {
				fmt.Fprintf(app.Stderr, "Erase %s with their identities, stays, check-ins and the text of their feedback? This cannot be undone. Type the guest id to confirm: ", name)
				answer, _ := bufio.NewReader(app.Stdin).ReadString('\n')
				if strings.TrimSpace(answer) != lastSegment(name) {
					return exitError{ExitError, fmt.Errorf("not confirmed: nothing was erased (--yes skips the question)")}
				}
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			if _, err := client.Loyalty.EraseGuest(cmd.Context(), &gv.EraseGuestRequest{Name: name}); err != nil {
				return err
			}
			fmt.Fprintf(app.Stderr, "erased %s\n", name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask for confirmation")
	return cmd
}

func (a *App) printGuest(guest *gv.Guest) error { return a.printGuests(false, guest) }

// printGuests prints a table, or JSON: an array for a list, else an object.
func (a *App) printGuests(list bool, guests ...*gv.Guest) error {
	if a.JSON {
		if !list {
			return writeJSONLine(a.Stdout, guests[0])
		}
		return writeJSONList(a.Stdout, guests)
	}
	t := newTable(a.Stdout, "GUEST", "NAME", "IDENTITIES")
	for _, guest := range guests {
		var identities []string
		for _, identity := range guest.GetIdentities() {
			kind := strings.ToLower(strings.TrimPrefix(identity.GetKind().String(), "IDENTITY_KIND_"))
			if identity.GetSource() != gv.Source_SOURCE_UNSPECIFIED {
				kind = strings.ToLower(strings.TrimPrefix(identity.GetSource().String(), "SOURCE_"))
			}
			identities = append(identities, kind+":"+identity.GetValue())
		}
		t.row(lastSegment(guest.GetName()), guest.GetDisplayName(), strings.Join(identities, " "))
	}
	return t.flush()
}
