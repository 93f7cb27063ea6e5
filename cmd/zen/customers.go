package main

import (
	"context"
	"flag"

	"github.com/zen-go/zen"
)

func customerCommands() []command {
	return []command{
		{"customers create", "-d @customer.json", "save a customer", 0,
			sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.CustomerCreateRequest) (*zen.Customer, error) {
				return c.Customers.Create(ctx, r)
			}, nil)},
		{"customers list", "[--page N --per-page N | --all]", "list customers", 0,
			listOf(pagedParams, func(c *zen.Client) *zen.CustomerService { return c.Customers })},
		{"customers get", "CUSTOMER", "show a customer", 1,
			getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Customer, error) {
				return c.Customers.Get(ctx, args[0])
			})},
		{"customers update", "CUSTOMER -d @update.json", "update a customer", 1,
			sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.CustomerUpdateRequest) (*zen.Customer, error) {
				return c.Customers.Update(ctx, args[0], r)
			}, nil)},
		{"customers delete", "CUSTOMER", "delete a customer", 1,
			deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error { return c.Customers.Delete(ctx, args[0]) })},

		{"customers cards list", "CUSTOMER [--all]", "cards a customer saved", 1,
			customerListOf(pagedParams, func(c *zen.Client) *zen.CardService { return c.Customers.Cards })},
		{"customers cards get", "CUSTOMER CARD", "show a saved card", 2,
			getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Card, error) {
				return c.Customers.Cards.Get(ctx, args[0], args[1])
			})},
		{"customers cards delete", "CUSTOMER CARD", "delete a saved card", 2,
			deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.Cards.Delete(ctx, args[0], args[1])
			})},

		{"customers payout-cards list", "CUSTOMER [--all]", "cards a customer is paid out to", 1,
			customerListOf(pagedParams, func(c *zen.Client) *zen.PayoutCardService { return c.Customers.PayoutCards })},
		{"customers payout-cards get", "CUSTOMER CARD", "show a payout card", 2,
			getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.PayoutCard, error) {
				return c.Customers.PayoutCards.Get(ctx, args[0], args[1])
			})},
		{"customers payout-cards create", "CUSTOMER -d @card.json", "save a payout card (body: {\"card\":{...}})", 1,
			sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PayoutCardCreateRequest) (*zen.PayoutCard, error) {
				return c.Customers.PayoutCards.Create(ctx, args[0], r)
			}, nil)},
		{"customers payout-cards delete", "CUSTOMER CARD", "delete a payout card", 2,
			deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.PayoutCards.Delete(ctx, args[0], args[1])
			})},

		{"customers payout-profiles list", "CUSTOMER [--all]", "payout profiles of a customer", 1,
			customerListOf(pagedParams, func(c *zen.Client) *zen.PayoutProfileService { return c.Customers.PayoutProfiles })},
		{"customers payout-profiles create", "CUSTOMER -d @card.json", "save a payout profile", 1,
			sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PayoutProfileCreateRequest) (*zen.PayoutCard, error) {
				return c.Customers.PayoutProfiles.Create(ctx, args[0], r)
			}, nil)},
		{"customers payout-profiles delete", "PROFILE", "delete a payout profile", 1,
			deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.PayoutProfiles.Delete(ctx, args[0])
			})},

		{"customers wallet-recipients list", "CUSTOMER [--all]", "crypto-wallet recipients of a customer", 1,
			customerListOf(walletRecipientParams, func(c *zen.Client) *zen.WalletRecipientService { return c.Customers.WalletRecipients })},
		{"customers wallet-recipients get", "CUSTOMER RECIPIENT", "show a wallet recipient", 2,
			getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.WalletRecipient, error) {
				return c.Customers.WalletRecipients.Get(ctx, args[0], args[1])
			})},
		{"customers wallet-recipients create", "CUSTOMER -d @wallet.json", "save a wallet recipient", 1,
			sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.WalletRecipientCreateRequest) (*zen.WalletRecipient, error) {
				return c.Customers.WalletRecipients.Create(ctx, args[0], r)
			}, nil)},
		{"customers wallet-recipients delete", "CUSTOMER RECIPIENT", "delete a wallet recipient", 2,
			deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.WalletRecipients.Delete(ctx, args[0], args[1])
			})},

		{"customers paynow-recipients create", "CUSTOMER -d @paynow.json", "save a PayNow recipient", 1,
			sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PaynowRecipientCreateRequest) (*zen.PaynowRecipient, error) {
				return c.Customers.PaynowRecipients.Create(ctx, args[0], r)
			}, nil)},
		{"customers paynow-recipients delete", "CUSTOMER RECIPIENT", "delete a PayNow recipient", 2,
			deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Customers.PaynowRecipients.Delete(ctx, args[0], args[1])
			})},

		{"customers payout-recipients list", "CUSTOMER [--all]", "every saved payout recipient of a customer", 1,
			customerListOf(pagedParams, func(c *zen.Client) *zen.PayoutRecipientService { return c.Customers.PayoutRecipients })},
	}
}

// walletRecipientParams is the paging of the wallet-recipient list.
func walletRecipientParams(fs *flag.FlagSet) func() zen.WalletRecipientListParams {
	paging := pagingFlags(fs)
	return func() zen.WalletRecipientListParams { return zen.WalletRecipientListParams{ListParams: paging()} }
}
