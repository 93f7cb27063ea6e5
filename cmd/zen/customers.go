package main

import (
	"context"
	"flag"

	"github.com/zen-go/zen"
)

func customerCommands() []command {
	return []command{
		{name: "customers create", args: "-d @customer.json", help: "save a customer", nargs: 0,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.CustomerCreateRequest) (*zen.Customer, error) {
				return c.Customers.Create(ctx, r)
			}, nil)},
		{name: "customers list", args: "[--page N --per-page N | --all]", help: "list customers", nargs: 0,
			setup: listOf(pagedParams, func(c *zen.Client) *zen.CustomerService { return c.Customers })},
		{name: "customers get", args: "CUSTOMER", help: "show a customer", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Customer, error) {
				return c.Customers.Get(ctx, args[0])
			})},
		{name: "customers update", args: "CUSTOMER -d @update.json", help: "update a customer", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.CustomerUpdateRequest) (*zen.Customer, error) {
				return c.Customers.Update(ctx, args[0], r)
			}, nil)},
		{name: "customers delete", args: "CUSTOMER", help: "delete a customer", nargs: 1,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error { return c.Customers.Delete(ctx, args[0]) })},

		{name: "customers cards list", args: "CUSTOMER [--all]", help: "cards a customer saved", nargs: 1,
			setup: customerListOf(pagedParams, func(c *zen.Client) *zen.CardService { return c.Customers.Cards })},
		{name: "customers cards get", args: "CUSTOMER CARD", help: "show a saved card", nargs: 2,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Card, error) {
				return c.Customers.Cards.Get(ctx, args[0], args[1])
			})},
		{name: "customers cards delete", args: "CUSTOMER CARD", help: "delete a saved card", nargs: 2,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.Cards.Delete(ctx, args[0], args[1])
			})},

		{name: "customers payout-cards list", args: "CUSTOMER [--all]", help: "cards a customer is paid out to", nargs: 1,
			setup: customerListOf(pagedParams, func(c *zen.Client) *zen.PayoutCardService { return c.Customers.PayoutCards })},
		{name: "customers payout-cards get", args: "CUSTOMER CARD", help: "show a payout card", nargs: 2,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.PayoutCard, error) {
				return c.Customers.PayoutCards.Get(ctx, args[0], args[1])
			})},
		{name: "customers payout-cards create", args: "CUSTOMER -d @card.json", help: "save a payout card (body: {\"card\":{...}})", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PayoutCardCreateRequest) (*zen.PayoutCard, error) {
				return c.Customers.PayoutCards.Create(ctx, args[0], r)
			}, nil)},
		{name: "customers payout-cards delete", args: "CUSTOMER CARD", help: "delete a payout card", nargs: 2,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.PayoutCards.Delete(ctx, args[0], args[1])
			})},

		{name: "customers payout-profiles list", args: "CUSTOMER [--all]", help: "payout profiles of a customer", nargs: 1,
			setup: customerListOf(pagedParams, func(c *zen.Client) *zen.PayoutProfileService { return c.Customers.PayoutProfiles })},
		{name: "customers payout-profiles create", args: "CUSTOMER -d @card.json", help: "save a payout profile", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PayoutProfileCreateRequest) (*zen.PayoutCard, error) {
				return c.Customers.PayoutProfiles.Create(ctx, args[0], r)
			}, nil)},
		{name: "customers payout-profiles delete", args: "PROFILE", help: "delete a payout profile", nargs: 1,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.PayoutProfiles.Delete(ctx, args[0])
			})},

		{name: "customers wallet-recipients list", args: "CUSTOMER [--all]", help: "crypto-wallet recipients of a customer", nargs: 1,
			setup: customerListOf(walletRecipientParams, func(c *zen.Client) *zen.WalletRecipientService { return c.Customers.WalletRecipients })},
		{name: "customers wallet-recipients get", args: "CUSTOMER RECIPIENT", help: "show a wallet recipient", nargs: 2,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.WalletRecipient, error) {
				return c.Customers.WalletRecipients.Get(ctx, args[0], args[1])
			})},
		{name: "customers wallet-recipients create", args: "CUSTOMER -d @wallet.json", help: "save a wallet recipient", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.WalletRecipientCreateRequest) (*zen.WalletRecipient, error) {
				return c.Customers.WalletRecipients.Create(ctx, args[0], r)
			}, nil)},
		{name: "customers wallet-recipients delete", args: "CUSTOMER RECIPIENT", help: "delete a wallet recipient", nargs: 2,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.WalletRecipients.Delete(ctx, args[0], args[1])
			})},

		{name: "customers paynow-recipients create", args: "CUSTOMER -d @paynow.json", help: "save a PayNow recipient", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PaynowRecipientCreateRequest) (*zen.PaynowRecipient, error) {
				return c.Customers.PaynowRecipients.Create(ctx, args[0], r)
			}, nil)},
		{name: "customers paynow-recipients delete", args: "CUSTOMER RECIPIENT", help: "delete a PayNow recipient", nargs: 2,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.PaynowRecipients.Delete(ctx, args[0], args[1])
			})},

		{name: "customers payout-recipients list", args: "CUSTOMER [--all]", help: "every saved payout recipient of a customer", nargs: 1,
			setup: customerListOf(pagedParams, func(c *zen.Client) *zen.PayoutRecipientService { return c.Customers.PayoutRecipients })},
	}
}

// walletRecipientParams is the paging of the wallet-recipient list.
func walletRecipientParams(fs *flag.FlagSet) func() zen.WalletRecipientListParams {
	paging := pagingFlags(fs)
	return func() zen.WalletRecipientListParams { return zen.WalletRecipientListParams{ListParams: paging()} }
}
