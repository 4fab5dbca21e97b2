package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newOrganizationsCommand(app *App) *cobra.Command {
	return group("organizations", "Create, list and get organizations (tenants; create and list need a platform admin key)",
		newOrganizationsCreateCommand(app), newOrganizationsListCommand(app), newOrganizationsGetCommand(app))
}

// organizationName accepts an organization id or its resource name.
func organizationName(idOrName string) string {
	if strings.HasPrefix(idOrName, "organizations/") {
		return idOrName
	}
	return "organizations/" + idOrName
}

func newOrganizationsCreateCommand(app *App) *cobra.Command {
	var displayName string
	cmd := &cobra.Command{
		Use:   "create ORGANIZATION_ID --name NAME",
		Short: "Create an organization; then give it a first key with gvctl --org ID keys create",
		Example: `  gvctl organizations create aurora --name "Aurora Hotels"
  gvctl --org aurora keys create "aurora admin" --scope admin`,
		Args: exactArgs("ORGANIZATION_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "" {
				return usagef("ORGANIZATION_ID is empty")
			}
			if displayName == "" {
				return usagef("give the organization a --name")
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			organization, err := client.Admin.CreateOrganization(cmd.Context(), &gv.CreateOrganizationRequest{
				OrganizationId: args[0], Organization: &gv.Organization{DisplayName: displayName},
				RequestId: guestvoice.NewRequestID(),
			})
			if err != nil {
				return err
			}
			return app.printOrganizations(false, organization)
		},
	}
	cmd.Flags().StringVar(&displayName, "name", "", "display name")
	return cmd
}

func newOrganizationsListCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List every organization of the server",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			organizations, err := listOrganizations(cmd.Context(), client)
			if err != nil {
				return err
			}
			return app.printOrganizations(true, organizations...)
		},
	}
}

func newOrganizationsGetCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "get ORGANIZATION",
		Short: "Show an organization (id or resource name)",
		Args:  exactArgs("ORGANIZATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			organization, err := client.Admin.GetOrganization(cmd.Context(), &gv.GetOrganizationRequest{Name: organizationName(args[0])})
			if err != nil {
				return err
			}
			return app.printOrganizations(false, organization)
		},
	}
}

func (a *App) printOrganizations(list bool, organizations ...*gv.Organization) error {
	if a.JSON {
		if !list {
			return writeJSONLine(a.Stdout, organizations[0])
		}
		return writeJSONList(a.Stdout, organizations)
	}
	t := newTable(a.Stdout, "ORGANIZATION", "NAME", "CREATED")
	for _, organization := range organizations {
		t.row(lastSegment(organization.GetName()), organization.GetDisplayName(), when(organization.GetCreateTime()))
	}
	return t.flush()
}
