package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// The secrets of every test: none may appear in any output.
const (
	apiKey        = "sk-cli-test-SECRET-api-key-0123456789"
	ipnSecret     = "ipn-cli-test-SECRET-0123456789"
	paywallSecret = "paywall-cli-test-SECRET-0123456789"
	cardNumber    = "4111111111111111"
	cvv           = "987"
)

// cli runs the command in-process against a zentest server and checks no
// secret appears in what it printed.
type cli struct {
	t   *testing.T
	srv *zentest.Server
	env map[string]string
	tty bool
	ctx context.Context
}

type result struct {
	code        int
	out, errOut string
}

func newCLI(t *testing.T, opts ...zentest.Option) *cli {
	t.Helper()
	opts = append([]zentest.Option{zentest.WithAPIKey(apiKey), zentest.WithIPNSecret(ipnSecret), zentest.WithPaywallSecret(paywallSecret)}, opts...)
	srv := zentest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return &cli{t: t, srv: srv, ctx: context.Background(), env: map[string]string{
		"ZEN_API_KEY":        apiKey,
		"ZEN_API_URL":        srv.URL,
		"ZEN_IPN_SECRET":     ipnSecret,
		"ZEN_PAYWALL_SECRET": paywallSecret,
	}}
}

func (c *cli) runIn(stdin string, args ...string) result {
	c.t.Helper()
	if cmd, _ := lookup(args); cmd != nil {
		ran.Store(cmd.name, true)
	}
	var out, errOut lockedBuffer
	code := run(c.ctx, args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return c.env[k] }, c.tty)
	r := result{code, out.String(), errOut.String()}
	for _, secret := range []string{apiKey, ipnSecret, paywallSecret, cardNumber, `"` + cvv + `"`} {
		assert.NotContains(c.t, r.out, secret, "stdout of %q", args)
		assert.NotContains(c.t, r.errOut, secret, "stderr of %q", args)
	}
	return r
}

func (c *cli) run(args ...string) result { c.t.Helper(); return c.runIn("", args...) }

// ok runs a command that must succeed and decodes its JSON output into v.
func (c *cli) ok(v any, args ...string) {
	c.t.Helper()
	r := c.run(args...)
	require.Equal(c.t, exitOK, r.code, "%q: %s", args, r.errOut)
	if v != nil {
		require.NoError(c.t, json.Unmarshal([]byte(r.out), v), r.out)
	}
}

// file writes content to a temporary file and returns "@path".
func (c *cli) file(content string) string {
	c.t.Helper()
	p := filepath.Join(c.t.TempDir(), "body.json")
	require.NoError(c.t, os.WriteFile(p, []byte(content), 0o600))
	return "@" + p
}

// ran records the commands the tests ran.
var ran sync.Map

// TestMain fails a full run that leaves a command of the table untested.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && flagEmpty("test.run") && flagEmpty("test.skip") {
		for _, cmd := range commands {
			if _, ok := ran.Load(cmd.name); !ok {
				fmt.Fprintf(os.Stderr, "no test runs zen %s\n", cmd.name)
				code = 1
			}
		}
	}
	os.Exit(code)
}

func flagEmpty(name string) bool {
	f := flag.Lookup(name)
	return f == nil || f.Value.String() == ""
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const order = `{"paymentChannel":"PCL_CARD","customer":{"email":"jan@example.com","ip":"10.1.2.3"},
 "paymentSpecificData":{"type":"onetime","card":{"number":"` + cardNumber + `","expiryDate":"1230","cvv":"` + cvv + `","cardHolderName":"Jan Kowalski"}}}`

func (c *cli) purchase(mtid, amount string) types.Transaction {
	c.t.Helper()
	var tx types.Transaction
	c.ok(&tx, "purchases", "create", "-d", c.file(order), "--merchant-id", mtid, "--amount", amount, "--currency", "EUR", "--verbose")
	return tx
}

func TestPurchasesAndRefunds(t *testing.T) {
	c := newCLI(t)
	tx := c.purchase("order-1", "10.00")
	assert.Equal(t, types.StatusAuthorized, tx.Status)
	assert.Equal(t, "order-1", tx.MerchantTransactionID)
	assert.Equal(t, "10.00", tx.Amount.String())

	// The request sent carried the body's card and the flags' fields.
	reqs := c.srv.Requests()
	var sent map[string]any
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &sent))
	assert.Equal(t, "order-1", sent["merchantTransactionId"])
	assert.Equal(t, "EUR", sent["currency"])
	assert.Equal(t, cardNumber, sent["paymentSpecificData"].(map[string]any)["card"].(map[string]any)["number"])

	var got types.Transaction
	c.ok(&got, "purchases", "get", tx.ID)
	assert.Equal(t, tx.ID, got.ID)
	c.ok(&got, "purchases", "get", "--merchant-id", "order-1", "--json")
	assert.Equal(t, tx.ID, got.ID)

	// capture fills the merchant id, amount and currency from ZEN.
	c.ok(&got, "purchases", "capture", tx.ID)
	assert.Equal(t, types.StatusAccepted, got.Status)

	var refund types.Transaction
	c.ok(&refund, "refunds", "create", "--transaction", tx.ID, "--amount", "4.00", "--merchant-id", "refund-1")
	assert.Equal(t, types.TransactionType("TRT_REFUND"), refund.Type)
	assert.Equal(t, "4.00", refund.Amount.String())
	assert.Equal(t, "EUR", refund.Currency, "read from the purchase")
	assert.Equal(t, "refund-1", refund.MerchantTransactionID)

	other := c.purchase("order-2", "5.00")
	c.ok(&got, "purchases", "cancel", other.ID, "--comment", "customer asked")
	assert.Equal(t, types.StatusCanceled, got.Status)

	// A declined BLIK code, renewed with a new one.
	var blik types.Transaction
	c.ok(&blik, "purchases", "create", "--merchant-id", "order-3", "--amount", "3.00", "--currency", "PLN", "--email", "a@example.com", "--ip", "10.0.0.1",
		"-d", `{"paymentChannel":"PCL_BLIK","paymentSpecificData":{"type":"blik","ticket":"000000"}}`)
	require.Equal(t, types.StatusRejected, blik.Status)
	c.ok(&got, "purchases", "renew", blik.ID, "-d", `{"paymentSpecificData":{"type":"blik","ticket":"123456"}}`)
	assert.Equal(t, types.StatusAccepted, got.Status)
}

const payoutBody = `{"paymentChannel":"PCL_CARD","customer":{"email":"shop@example.com"},
 "items":[{"name":"prize","price":"20.00","quantity":1,"lineAmountTotal":"20.00"}],
 "billingAddress":{"firstName":"Jo","lastName":"Doe","address1":"Main 1","city":"Warsaw","postcode":"00-001","country":"PL"},
 "paymentSpecificData":{"type":"cardpayout","cardToken":"1234a56b-b9ee-4a5f-828f-d498344e25b3","recipient":{"firstName":"Joanna","lastName":"Doe"}}}`

func TestPayouts(t *testing.T) {
	c := newCLI(t)
	payout := payoutBody
	var tx, got types.Transaction
	c.ok(&tx, "payouts", "create", "-d", c.file(payout), "--merchant-id", "payout-1", "--amount", "20.00", "--currency", "EUR")
	assert.Equal(t, types.TransactionType("TRT_SENDOUT"), tx.Type)
	assert.Equal(t, types.StatusAuthorized, tx.Status)
	c.ok(&got, "payouts", "get", tx.ID)
	assert.Equal(t, "payout-1", got.MerchantTransactionID)
	c.ok(&got, "payouts", "get", "--merchant-id", "payout-1")
	assert.Equal(t, tx.ID, got.ID)
	c.ok(&got, "payouts", "capture", tx.ID)
	assert.Equal(t, types.StatusAccepted, got.Status)

	c.ok(&tx, "payouts", "create", "-d", c.file(payout), "--merchant-id", "payout-2", "--amount", "20.00", "--currency", "EUR")
	c.ok(&got, "payouts", "cancel", tx.ID)
	assert.Equal(t, types.StatusCanceled, got.Status)

	declined := strings.ReplaceAll(payout, `"20.00"`, `"20.99"`) // the fake declines .99
	r := c.run("payouts", "create", "-d", c.file(declined), "--merchant-id", "payout-3", "--amount", "20.99", "--currency", "EUR")
	require.Equal(t, exitOK, r.code, "ZEN answered: the decline is in the output")
	require.NoError(t, json.Unmarshal([]byte(r.out), &tx))
	require.Equal(t, types.StatusRejected, tx.Status)
	assert.Contains(t, r.errOut, "zen: note: ZEN rejected payout-3: ")
	assert.Contains(t, r.errOut, "C40051")
	c.ok(&got, "payouts", "renew", tx.ID)
	assert.Equal(t, "payout-3", got.MerchantTransactionID)
}

func TestCustomersAndSubResources(t *testing.T) {
	c := newCLI(t)
	const cust = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
	var customer zen.Customer
	c.ok(&customer, "customers", "create", "-d", `{"id":"`+cust+`","email":"jan@example.com","firstName":"Jan"}`)
	assert.Equal(t, cust, customer.ExternalID, "the merchant's id; ID is ZEN's")
	assert.Equal(t, cust, customer.MerchantCustomerID())
	var page types.Page[zen.Customer]
	c.ok(&page, "customers", "list")
	require.Len(t, page.Data, 1)
	assert.Equal(t, "jan@example.com", page.Data[0].Email)
	var all []zen.Customer
	c.ok(&all, "customers", "list", "--all", "--per-page", "1")
	assert.Len(t, all, 1)
	c.ok(&customer, "customers", "update", cust, "-d", `{"lastName":"Kowalski"}`)
	assert.Equal(t, "Kowalski", customer.LastName)
	c.ok(&customer, "customers", "get", cust)
	assert.Equal(t, "Jan", customer.FirstName)

	// A purchase that saves the card gives the customer a saved card.
	var tx types.Transaction
	c.ok(&tx, "purchases", "create", "--merchant-id", "save-1", "--amount", "1.00", "--currency", "EUR", "-d",
		`{"paymentChannel":"PCL_CARD","customer":{"id":"`+cust+`","email":"jan@example.com","ip":"10.1.2.3"},
		 "paymentSpecificData":{"type":"onetime","saveCard":true,"card":{"number":"`+cardNumber+`","expiryDate":"1230","cvv":"`+cvv+`"}}}`)
	var cards types.Page[zen.Card]
	c.ok(&cards, "customers", "cards", "list", cust)
	require.Len(t, cards.Data, 1)
	var card zen.Card
	c.ok(&card, "customers", "cards", "get", cust, cards.Data[0].ID)
	assert.Equal(t, cards.Data[0].ID, card.ID)
	var del deleted
	c.ok(&del, "customers", "cards", "delete", cust, card.ID)
	assert.Equal(t, deleted{ID: card.ID, Deleted: true}, del)

	cardBody := `{"card":{"number":"` + cardNumber + `","expiryDate":"1230","cvv":"` + cvv + `","cardHolderName":"Jan K"}}`
	var pc zen.PayoutCard
	c.ok(&pc, "customers", "payout-cards", "create", cust, "-d", c.file(cardBody))
	var pcs types.Page[zen.PayoutCard]
	c.ok(&pcs, "customers", "payout-cards", "list", cust)
	require.Len(t, pcs.Data, 1)
	c.ok(&pc, "customers", "payout-cards", "get", cust, pcs.Data[0].ID)
	assert.Equal(t, pcs.Data[0].ID, pc.ID)
	c.ok(nil, "customers", "payout-cards", "delete", cust, pc.ID)

	r := c.runIn(cardBody, "customers", "payout-profiles", "create", cust, "-d", "-", "--json")
	require.Equal(t, exitOK, r.code, r.errOut)
	require.NoError(t, json.Unmarshal([]byte(r.out), &pc))
	c.ok(&pcs, "customers", "payout-profiles", "list", cust)
	c.ok(nil, "customers", "payout-profiles", "delete", pc.ID)

	var w zen.WalletRecipient
	c.ok(&w, "customers", "wallet-recipients", "create", cust, "-d", `{"walletAddress":"0x52908400098527886E0F7030069857D2E4169EE7","walletCurrency":"ETH","walletAlias":null}`)
	var ws types.Page[zen.WalletRecipient]
	c.ok(&ws, "customers", "wallet-recipients", "list", cust)
	require.Len(t, ws.Data, 1)
	c.ok(&w, "customers", "wallet-recipients", "get", cust, ws.Data[0].ID)
	var recips types.Page[zen.SavedPayoutRecipient]
	c.ok(&recips, "customers", "payout-recipients", "list", cust)
	assert.Len(t, recips.Data, 1)
	c.ok(nil, "customers", "wallet-recipients", "delete", cust, ws.Data[0].ID)

	var pn zen.PaynowRecipient
	c.ok(&pn, "customers", "paynow-recipients", "create", cust, "-d", `{"proxyType":"MOBILE","proxyValue":"+6591234567"}`)
	c.ok(nil, "customers", "paynow-recipients", "delete", cust, pn.ID)

	c.ok(&del, "customers", "delete", cust)
	assert.True(t, del.Deleted)
}
