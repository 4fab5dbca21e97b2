package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

func newGuestsCommand(app *App) *cobra.Command {
	return group("guests", "Look up, link, merge, export and erase guests; see their loyalty status",
		newGuestsLookupCommand(app), newGuestsLinkCommand(app), newGuestsMergeCommand(app),
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

func (f *identityFlags) identity() (*gv.Identity, error) {
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
	if len(identities) != 1 {
		return nil, usagef("give exactly one of --email, --phone, --loyalty-number, --handle")
	}
	if f.handle != "" {
		if f.source == "" {
			return nil, usagef("--handle needs --source")
		}
		source, err := importing.ParseSource(f.source)
		if err != nil {
			return nil, usagef("--source: %v", err)
		}
		identities[0].Source = source
	}
	return identities[0], nil
}

func (f *identityFlags) hotelName(app *App) string {
	if f.hotel == "" {
		return ""
	}
	return app.HotelName(f.hotel)
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
	var who identityFlags
	cmd := &cobra.Command{
		Use:   "link GUEST (--email E | --phone P | --loyalty-number N | --handle H --source S)",
		Short: "Link an identity to a guest; that author's feedback becomes the guest's",
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
			guest, err := client.Loyalty.LinkIdentity(cmd.Context(), &gv.LinkIdentityRequest{Guest: guestName(app, args[0]), Identity: identity, Hotel: who.hotelName(app)})
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
	return &cobra.Command{
		Use:   "status GUEST",
		Short: "A guest's loyalty tier, qualifying activity and points today",
		Args:  exactArgs("GUEST"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			status, err := client.Loyalty.GetLoyaltyStatus(cmd.Context(), &gv.GetLoyaltyStatusRequest{Guest: guestName(app, args[0])})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, status)
			}
			t := newTable(app.Stdout, "TIER", "NIGHTS", "STAYS", "CHECK-INS", "POINTS", "NEXT TIER")
			t.row(status.GetTier(), status.GetQualifyingNights(), status.GetQualifyingStays(), status.GetQualifyingCheckIns(),
				status.GetPointsBalance(), status.GetNextTier().GetTier())
			return t.flush()
		},
	}
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

func (a *App) printGuest(guest *gv.Guest) error {
	if a.JSON {
		return writeJSONLine(a.Stdout, guest)
	}
	var identities []string
	for _, identity := range guest.GetIdentities() {
		kind := strings.ToLower(strings.TrimPrefix(identity.GetKind().String(), "IDENTITY_KIND_"))
		if identity.GetSource() != gv.Source_SOURCE_UNSPECIFIED {
			kind = strings.ToLower(strings.TrimPrefix(identity.GetSource().String(), "SOURCE_"))
		}
		identities = append(identities, kind+":"+identity.GetValue())
	}
	t := newTable(a.Stdout, "GUEST", "NAME", "IDENTITIES")
	t.row(lastSegment(guest.GetName()), guest.GetDisplayName(), strings.Join(identities, " "))
	return t.flush()
}
