package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newKeysCommand(app *App) *cobra.Command {
	return group("keys", "Create, list and revoke API keys (needs an admin key)",
		newKeysCreateCommand(app), newKeysListCommand(app), newKeysRevokeCommand(app))
}

func newKeysCreateCommand(app *App) *cobra.Command {
	var scopes []string
	cmd := &cobra.Command{
		Use:     "create DISPLAY_NAME --scope SCOPE ...",
		Short:   "Create an API key; its secret is shown once",
		Example: `  gvctl keys create "front desk tablet" --scope feedback_read --scope loyalty_write`,
		Args:    exactArgs("DISPLAY_NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			key := &gv.ApiKey{DisplayName: args[0]}
			for _, scope := range scopes {
				value, ok := gv.Scope_value["SCOPE_"+strings.TrimPrefix(strings.ToUpper(scope), "SCOPE_")]
				if !ok || value == 0 {
					return usagef("--scope %q: use feedback_read, feedback_write, loyalty_read, loyalty_write, insights_read or admin", scope)
				}
				key.Scopes = append(key.Scopes, gv.Scope(value))
			}
			if len(key.Scopes) == 0 {
				return usagef("give at least one --scope")
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			created, err := client.Admin.CreateApiKey(cmd.Context(), &gv.CreateApiKeyRequest{Parent: app.Parent(), ApiKey: key, RequestId: guestvoice.NewRequestID()})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, created)
			}
			if err := app.printKeys(created); err != nil {
				return err
			}
			fmt.Fprintf(app.Stdout, "\nsecret (shown only now): %s\n", created.GetKeyString())
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&scopes, "scope", nil, "scope: feedback_read, feedback_write, loyalty_read, loyalty_write, insights_read, admin")
	return cmd
}

func newKeysListCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the organization's API keys (never their secrets)",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			var keys []*gv.ApiKey
			for key, err := range guestvoice.All(cmd.Context(), client.Admin.ListApiKeys,
				func(token string) *gv.ListApiKeysRequest {
					return &gv.ListApiKeysRequest{Parent: app.Parent(), PageSize: 1000, PageToken: token}
				},
				(*gv.ListApiKeysResponse).GetApiKeys) {
				if err != nil {
					return err
				}
				keys = append(keys, key)
			}
			if app.JSON {
				return writeJSONList(app.Stdout, keys)
			}
			return app.printKeys(keys...)
		},
	}
}

func newKeysRevokeCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "revoke KEY",
		Short: "Revoke an API key (id or resource name); calls with it fail from now on",
		Args:  exactArgs("KEY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := app.resourceName("apiKeys", args[0])
			client, err := app.Client()
			if err != nil {
				return err
			}
			revoked, err := client.Admin.RevokeApiKey(cmd.Context(), &gv.RevokeApiKeyRequest{Name: name})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, revoked)
			}
			return app.printKeys(revoked)
		},
	}
}

func (a *App) printKeys(keys ...*gv.ApiKey) error {
	t := newTable(a.Stdout, "KEY", "NAME", "SCOPES", "CREATED", "REVOKED")
	for _, key := range keys {
		var scopes []string
		for _, scope := range key.GetScopes() {
			scopes = append(scopes, strings.ToLower(strings.TrimPrefix(scope.String(), "SCOPE_")))
		}
		t.row(lastSegment(key.GetName()), key.GetDisplayName(), strings.Join(scopes, ","), when(key.GetCreateTime()), when(key.GetRevokeTime()))
	}
	return t.flush()
}
