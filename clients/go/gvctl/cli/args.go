package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// exactArgs is cobra.ExactArgs whose error is a usage error (exit code 2),
// naming the arguments the command wants.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(names) == 0 && len(args) > 0 {
			return usagef("takes no arguments, got %q", args)
		}
		if len(args) != len(names) {
			return usagef("want %d argument(s): %s; got %d", len(names), strings.Join(names, " "), len(args))
		}
		return nil
	}
}

// atLeastOneArg accepts one or more arguments, each a `name`.
func atLeastOneArg(name string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("want at least one %s", name)
		}
		return nil
	}
}

// group is a command that only holds subcommands: run bare, it asks for one.
func group(use, short string, children ...*cobra.Command) *cobra.Command {
	command := &cobra.Command{
		Use:   use,
		Short: short,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q for gvctl %s: use %s", args[0], use, subcommandNames(cmd))
			}
			return usagef("gvctl %s needs a subcommand: %s", use, subcommandNames(cmd))
		},
	}
	command.AddCommand(children...)
	return command
}

func subcommandNames(cmd *cobra.Command) string {
	var names []string
	for _, child := range cmd.Commands() {
		names = append(names, child.Name())
	}
	return strings.Join(names, ", ")
}
