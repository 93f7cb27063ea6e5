package main

import (
	"context"
	"flag"
	"strconv"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// commands is the command table: every resource group is named like the
// SDK's service, every verb like its method.
var commands []command

func init() {
	commands = append(commands, transactionCommands()...)
	commands = append(commands, resourceCommands()...)
	commands = append(commands, customerCommands()...)
	commands = append(commands, helperCommands()...)
}

func resourceCommands() []command {
	return []command{
		{name: "payment-methods list", args: "[--all] [--currency C --amount A --transaction-type T]", help: "payment methods and channels of the terminal", nargs: 0, setup: paymentMethodsList},

		{name: "payment-links create", args: "-d @link.json [--merchant-id M --amount A --currency C]", help: "create a pay-by-link order", nargs: 0,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PaymentLinkCreateRequest) (*zen.PaymentLinkCreated, error) {
				return c.PaymentLinks.Create(ctx, r)
			}, moneyFields(func(r *zen.PaymentLinkCreateRequest) (*string, *types.Amount, *string) {
				return &r.MerchantTransactionID, &r.Amount, &r.Currency
			}))},
		{name: "payment-links list", args: "[--page N --per-page N | --all] [--customer-email E --status S --currency C ...]", help: "list payment links", nargs: 0,
			setup: listOf(paymentLinkParams, func(c *zen.Client) *zen.PaymentLinkService { return c.PaymentLinks })},
		{name: "payment-links get", args: "ID", help: "show a payment link", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.PaymentLink, error) {
				return c.PaymentLinks.Get(ctx, args[0])
			})},
		{name: "payment-links update", args: "ID -d @update.json", help: "update a payment link", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.PaymentLinkUpdateRequest) (*zen.PaymentLink, error) {
				return c.PaymentLinks.Update(ctx, args[0], r)
			}, nil)},

		{name: "subscriptions list", args: "[--page N --per-page N | --all]", help: "list subscriptions", nargs: 0,
			setup: listOf(pagedParams, func(c *zen.Client) *zen.SubscriptionService { return c.Subscriptions })},
		{name: "subscriptions get", args: "ID", help: "show a subscription", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Subscription, error) {
				return c.Subscriptions.Get(ctx, args[0])
			})},
		{name: "subscriptions cancel", args: "ID", help: "cancel a subscription", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Subscription, error) {
				return c.Subscriptions.Cancel(ctx, args[0])
			})},
		{name: "subscriptions delete", args: "ID", help: "delete a subscription", nargs: 1,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Subscriptions.Delete(ctx, args[0])
			})},

		{name: "subscriptions products list", args: "[--page N --per-page N | --all]", help: "list subscription products", nargs: 0,
			setup: listOf(pagedParams, func(c *zen.Client) *zen.ProductService { return c.Subscriptions.Products })},
		{name: "subscriptions products get", args: "ID", help: "show a product", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Product, error) {
				return c.Subscriptions.Products.Get(ctx, args[0])
			})},
		{name: "subscriptions products create", args: "-d @product.json", help: "create a product", nargs: 0,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.ProductCreateRequest) (*zen.Product, error) {
				return c.Subscriptions.Products.Create(ctx, r)
			}, nil)},
		{name: "subscriptions products update", args: "ID -d @update.json", help: "update a product", nargs: 1,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, args []string, r *zen.ProductUpdateRequest) (*zen.Product, error) {
				return c.Subscriptions.Products.Update(ctx, args[0], r)
			}, nil)},
		{name: "subscriptions products delete", args: "ID", help: "delete a product", nargs: 1,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Subscriptions.Products.Delete(ctx, args[0])
			})},

		{name: "subscriptions plans list", args: "[--page N --per-page N | --all]", help: "list subscription plans", nargs: 0,
			setup: listOf(pagedParams, func(c *zen.Client) *zen.PlanService { return c.Subscriptions.Plans })},
		{name: "subscriptions plans get", args: "ID", help: "show a plan", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Plan, error) {
				return c.Subscriptions.Plans.Get(ctx, args[0])
			})},
		{name: "subscriptions plans create", args: "-d @plan.json [--amount A --currency C]", help: "create a plan", nargs: 0,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PlanCreateRequest) (*zen.Plan, error) {
				return c.Subscriptions.Plans.Create(ctx, r)
			}, moneyFields(func(r *zen.PlanCreateRequest) (*string, *types.Amount, *string) { return nil, &r.Amount, &r.Currency }))},
		{name: "subscriptions plans activate", args: "ID", help: "activate a plan", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Plan, error) {
				return c.Subscriptions.Plans.Activate(ctx, args[0])
			})},
		{name: "subscriptions plans deactivate", args: "ID", help: "deactivate a plan", nargs: 1,
			setup: getCmd(func(ctx context.Context, c *zen.Client, args []string) (*zen.Plan, error) {
				return c.Subscriptions.Plans.Deactivate(ctx, args[0])
			})},
		{name: "subscriptions plans delete", args: "ID", help: "delete a plan", nargs: 1,
			setup: deleteCmd(func(ctx context.Context, c *zen.Client, args []string) error {
				return c.Subscriptions.Plans.Delete(ctx, args[0])
			})},

		{name: "authorization calculate", args: "-d @req.json [--merchant-id M --amount A --currency C]", help: "what the customer would pay, fees and conversion included", nargs: 0,
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.AuthorizationCalculateRequest) (*[]zen.AuthorizationMethod, error) {
				m, err := c.Authorization.Calculate(ctx, r)
				return &m, err
			}, moneyFields(func(r *zen.AuthorizationCalculateRequest) (*string, *types.Amount, *string) {
				return &r.MerchantTransactionID, &r.Amount, &r.Currency
			}))},
	}
}

// moneyFields adds --merchant-id, --amount and --currency flags for the
// request fields at returns; mtid is nil for a request without a
// merchantTransactionId (a plan), and then there is no --merchant-id.
func moneyFields[R any](at func(*R) (mtid *string, amount *types.Amount, currency *string)) fieldsFn[R] {
	return func(fs *flag.FlagSet) func(*app, []string, *R) error {
		var mtid *string
		if m, _, _ := at(new(R)); m != nil {
			mtid = fs.String("merchant-id", "", "merchantTransactionId (your unique order id)")
		}
		amount := fs.String("amount", "", "amount, e.g. 10.00")
		currency := fs.String("currency", "", "currency, e.g. EUR")
		return func(_ *app, _ []string, r *R) error {
			m, amt, cur := at(r)
			if mtid != nil {
				setString(m, *mtid)
			}
			setString(cur, *currency)
			return setAmount(amt, *amount)
		}
	}
}

func paymentMethodsList(fs *flag.FlagSet) action {
	var p zen.PaymentMethodListParams
	all := fs.Bool("all", false, "every method of every page")
	amount := fs.String("amount", "", "only methods that accept this amount")
	fs.StringVar(&p.Currency, "currency", "", "only methods that accept this currency")
	tt := fs.String("transaction-type", "", "TRT_PURCHASE, TRT_REFUND or TRT_AUTH")
	fs.IntVar(&p.Limit, "limit", 0, "page size")
	fs.IntVar(&p.Offset, "offset", 0, "methods to skip")
	return func(a *app, _ []string) error {
		p.TransactionType = types.TransactionType(*tt)
		if err := setAmount(&p.Amount, *amount); err != nil {
			return err
		}
		if err := p.Validate(); err != nil {
			return err
		}
		c, err := a.client()
		if err != nil {
			return err
		}
		return a.printPageOrAll(*all,
			func() (any, error) { return c.PaymentMethods.List(a.ctx, p) },
			func() (any, error) { return collect(c.PaymentMethods.All(a.ctx, p)) })
	}
}

// paymentLinkParams registers the paging and filters of the payment-link
// list: ZEN documents no sorting for it, so there is no --sort-by.
func paymentLinkParams(fs *flag.FlagSet) func() zen.PaymentLinkListParams {
	var p zen.PaymentLinkListParams
	pageFlags(fs, &p.Page, &p.ItemsPerPage)
	fs.StringVar(&p.CustomerEmail, "customer-email", "", "only links of this customer e-mail")
	status := fs.String("status", "", "only links in this status, e.g. NEW or PAYMENT_PROCESSED")
	fs.StringVar(&p.Currency, "currency", "", "only links in this currency")
	fs.Func("created-from", "only links created at or after this RFC 3339 time", timeFlag(&p.CreationDateFrom))
	fs.Func("created-to", "only links created at or before this RFC 3339 time", timeFlag(&p.CreationDateTo))
	fs.BoolFunc("show-hidden", "include hidden links (--show-hidden=false: exclude them; default ZEN's)", func(s string) error {
		v, err := strconv.ParseBool(s)
		p.ShowHidden = &v
		return err
	})
	return func() zen.PaymentLinkListParams {
		p.Status = zen.PaymentLinkStatus(*status)
		return p
	}
}

// timeFlag parses an RFC 3339 flag value into *t.
func timeFlag(t *time.Time) func(string) error {
	return func(s string) error {
		v, err := time.Parse(time.RFC3339, s)
		*t = v
		return err
	}
}
