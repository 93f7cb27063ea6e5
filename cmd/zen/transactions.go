package main

import (
	"context"
	"flag"

	"github.com/google/uuid"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// txGetter reads a transaction by ZEN id or by merchantTransactionId, as
// the purchase and payout services do.
type txGetter interface {
	Get(ctx context.Context, id string) (*types.Transaction, error)
	GetByMerchantTransactionID(ctx context.Context, merchantTransactionID string) (*types.Transaction, error)
}

// purchaseTx and payoutTx pick a txGetter from the client, which is built
// only once the flags are parsed.
func purchaseTx(c *zen.Client) txGetter { return c.Purchases }
func payoutTx(c *zen.Client) txGetter   { return c.Payouts }

// getTx is "get ID" or "get --merchant-id ORDER".
func getTx(svc func(*zen.Client) txGetter) func(*flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		mtid := fs.String("merchant-id", "", "look up by merchantTransactionId instead of ZEN's id")
		return func(a *app, args []string) error {
			if (len(args) == 1) == (*mtid != "") || len(args) > 1 {
				return usagef("give either an ID or --merchant-id")
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			var tx *types.Transaction
			if *mtid != "" {
				tx, err = svc(c).GetByMerchantTransactionID(a.ctx, *mtid)
			} else {
				tx, err = svc(c).Get(a.ctx, args[0])
			}
			if err != nil {
				return err
			}
			return a.print(tx)
		}
	}
}

// txRefs points at the fields of a capture, cancel or renewal request;
// amount and currency are nil when the request has none.
type txRefs struct {
	id, mtid, comment *string
	amount            *types.Amount
	currency          *string
}

// followUp fills a capture, cancel or renewal of transaction args[0]: the
// flags win, and what they leave out (merchant id, amount, currency) is
// read from the transaction itself.
func followUp[R any](svc func(*zen.Client) txGetter, at func(*R) txRefs) fieldsFn[R] {
	return func(fs *flag.FlagSet) func(*app, []string, *R) error {
		withAmount := at(new(R)).amount != nil
		m := fs.String("merchant-id", "", "the transaction's merchantTransactionId (default: read from ZEN)")
		cmt := commentFlag(fs)
		var amt, cur *string
		if withAmount {
			amt = fs.String("amount", "", "amount (default: the transaction's)")
			cur = fs.String("currency", "", "currency (default: the transaction's)")
		}
		return func(a *app, args []string, r *R) error {
			f := at(r)
			*f.id = args[0]
			setString(f.mtid, *m)
			setString(f.comment, *cmt)
			if withAmount {
				setString(f.currency, *cur)
				if err := setAmount(f.amount, *amt); err != nil {
					return err
				}
			}
			if *f.mtid != "" && (!withAmount || (!f.amount.IsZero() && *f.currency != "")) {
				return nil
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			tx, err := svc(c).Get(a.ctx, args[0])
			if err != nil {
				return err
			}
			setString(f.mtid, tx.MerchantTransactionID)
			if withAmount {
				if f.amount.IsZero() {
					*f.amount = tx.Amount
				}
				setString(f.currency, tx.Currency)
			}
			return nil
		}
	}
}

// commentFlag adds --comment for a request's Comment.
func commentFlag(fs *flag.FlagSet) *string { return fs.String("comment", "", "comment") }

func transactionCommands() []command {
	return []command{
		{name: "purchases get", args: "ID | --merchant-id ORDER", help: "show a purchase", nargs: -1, setup: getTx(purchaseTx)},
		{name: "purchases create", args: "-d @order.json [--merchant-id M --amount A --currency C --email E --ip IP]", help: "create a purchase", nargs: 0, lookup: "purchases get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PurchaseCreateRequest) (*types.Transaction, error) {
				return c.Purchases.Create(ctx, r)
			}, buyerFields(func(r *zen.PurchaseCreateRequest) (*string, *types.Amount, *string, **types.TransactionCustomer) {
				return &r.MerchantTransactionID, &r.Amount, &r.Currency, &r.Customer
			}))},
		{name: "purchases capture", args: "ID [--amount A --currency C --merchant-id M]", help: "capture an authorized purchase (default: all of it)", nargs: 1, lookup: "purchases get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PurchaseCaptureRequest) (*types.Transaction, error) {
				return c.Purchases.Capture(ctx, r)
			}, followUp(purchaseTx, func(r *zen.PurchaseCaptureRequest) txRefs {
				return txRefs{&r.TransactionID, &r.MerchantTransactionID, &r.Comment, &r.Amount, &r.Currency}
			}))},
		{name: "purchases cancel", args: "ID [--merchant-id M]", help: "cancel (void) an authorized purchase", nargs: 1, lookup: "purchases get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PurchaseCancelRequest) (*types.Transaction, error) {
				return c.Purchases.Cancel(ctx, r)
			}, followUp(purchaseTx, func(r *zen.PurchaseCancelRequest) txRefs {
				return txRefs{&r.TransactionID, &r.MerchantTransactionID, &r.Comment, nil, nil}
			}))},
		{name: "purchases renew", args: "ID -d @payment.json [--merchant-id M]", help: "renew a purchase's authorization (body: its paymentSpecificData)", nargs: 1, lookup: "purchases get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PurchaseRenewAuthorizationRequest) (*types.Transaction, error) {
				return c.Purchases.RenewAuthorization(ctx, r)
			}, followUp(purchaseTx, func(r *zen.PurchaseRenewAuthorizationRequest) txRefs {
				return txRefs{&r.TransactionID, &r.MerchantTransactionID, &r.Comment, nil, nil}
			}))},

		{name: "refunds create", args: "--transaction ID --amount A [--currency C --merchant-id M]", help: "refund an accepted purchase", nargs: 0, lookup: "purchases get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.RefundCreateRequest) (*types.Transaction, error) {
				return c.Refunds.Create(ctx, r)
			}, refundFields)},

		{name: "payouts get", args: "ID | --merchant-id ORDER", help: "show a payout", nargs: -1, setup: getTx(payoutTx)},
		{name: "payouts create", args: "-d @payout.json [--merchant-id M --amount A --currency C]", help: "send a payout", nargs: 0, lookup: "payouts get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PayoutCreateRequest) (*types.Transaction, error) {
				return c.Payouts.Create(ctx, r)
			}, buyerFields(func(r *zen.PayoutCreateRequest) (*string, *types.Amount, *string, **types.TransactionCustomer) {
				return &r.MerchantTransactionID, &r.Amount, &r.Currency, &r.Customer
			}))},
		{name: "payouts capture", args: "ID [--merchant-id M]", help: "capture an authorized payout (all of it)", nargs: 1, lookup: "payouts get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PayoutCaptureRequest) (*types.Transaction, error) {
				return c.Payouts.Capture(ctx, r)
			}, followUp(payoutTx, func(r *zen.PayoutCaptureRequest) txRefs {
				return txRefs{&r.TransactionID, &r.MerchantTransactionID, &r.Comment, nil, nil}
			}))},
		{name: "payouts cancel", args: "ID [--merchant-id M]", help: "cancel a payout that is not final", nargs: 1, lookup: "payouts get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PayoutCancelRequest) (*types.Transaction, error) {
				return c.Payouts.Cancel(ctx, r)
			}, followUp(payoutTx, func(r *zen.PayoutCancelRequest) txRefs {
				return txRefs{&r.TransactionID, &r.MerchantTransactionID, &r.Comment, nil, nil}
			}))},
		{name: "payouts renew", args: "ID [-d @payment.json] [--merchant-id M]", help: "renew a rejected payout", nargs: 1, lookup: "payouts get",
			setup: sendCmd(func(ctx context.Context, c *zen.Client, _ []string, r *zen.PayoutRenewRequest) (*types.Transaction, error) {
				return c.Payouts.Renew(ctx, r)
			}, followUp(payoutTx, func(r *zen.PayoutRenewRequest) txRefs {
				return txRefs{&r.TransactionID, &r.MerchantTransactionID, &r.Comment, nil, nil}
			}))},
	}
}

// buyerFields adds the money flags plus --email and --ip of the customer.
func buyerFields[R any](at func(*R) (*string, *types.Amount, *string, **types.TransactionCustomer)) fieldsFn[R] {
	money := moneyFields(func(r *R) (*string, *types.Amount, *string) {
		m, amt, cur, _ := at(r)
		return m, amt, cur
	})
	return func(fs *flag.FlagSet) func(*app, []string, *R) error {
		applyMoney := money(fs)
		email := fs.String("email", "", "customer email")
		ip := fs.String("ip", "", "customer IP address")
		return func(a *app, args []string, r *R) error {
			_, _, _, cust := at(r)
			if (*email != "" || *ip != "") && *cust == nil {
				*cust = &types.TransactionCustomer{}
			}
			if *cust != nil {
				setString(&(*cust).Email, *email)
				setString(&(*cust).IP, *ip)
			}
			return applyMoney(a, args, r)
		}
	}
}

func refundFields(fs *flag.FlagSet) func(*app, []string, *zen.RefundCreateRequest) error {
	tx := fs.String("transaction", "", "ZEN id of the purchase to refund")
	money := moneyFields(func(r *zen.RefundCreateRequest) (*string, *types.Amount, *string) {
		return &r.MerchantTransactionID, &r.Amount, &r.Currency
	})(fs)
	comment := commentFlag(fs)
	return func(a *app, args []string, r *zen.RefundCreateRequest) error {
		setString(&r.TransactionID, *tx)
		setString(&r.Comment, *comment)
		if err := money(a, args, r); err != nil {
			return err
		}
		if r.MerchantTransactionID == "" {
			// A refund needs its own new merchant id; one made here is
			// printed with the result, so it can be looked up.
			r.MerchantTransactionID = "refund-" + uuid.NewString()
		}
		if r.Currency == "" && r.TransactionID != "" {
			c, err := a.client()
			if err != nil {
				return err
			}
			p, err := purchaseTx(c).Get(a.ctx, r.TransactionID)
			if err != nil {
				return err
			}
			r.Currency = p.Currency
		}
		return nil
	}
}
