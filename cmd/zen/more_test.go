package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func TestSubscriptionsProductsPlans(t *testing.T) {
	c := newCLI(t)
	var product zen.Product
	c.ok(&product, "subscriptions", "products", "create", "-d", `{"name":"Gold","description":"Gold membership","type":"service"}`)
	assert.Equal(t, "Gold", product.Name)
	var products types.Page[zen.Product]
	c.ok(&products, "subscriptions", "products", "list")
	require.Len(t, products.Data, 1)
	c.ok(&product, "subscriptions", "products", "update", product.ID, "-d", `{"description":"Gold club"}`)
	assert.Equal(t, "Gold club", product.Description)
	c.ok(&product, "subscriptions", "products", "get", product.ID)
	assert.Equal(t, "Gold club", product.Description)

	var plan zen.Plan
	c.ok(&plan, "subscriptions", "plans", "create", "--amount", "9.90", "--currency", "EUR",
		"-d", `{"productId":"`+product.ID+`","intervalUnit":"month","intervalCount":1}`)
	assert.Equal(t, "9.90", plan.Amount.String())
	var plans []zen.Plan
	c.ok(&plans, "subscriptions", "plans", "list", "--all")
	require.Len(t, plans, 1)
	c.ok(&plan, "subscriptions", "plans", "get", plan.ID)
	c.ok(&plan, "subscriptions", "plans", "deactivate", plan.ID)
	assert.Equal(t, zen.PlanStatus("inactive"), plan.Status)
	c.ok(&plan, "subscriptions", "plans", "activate", plan.ID)
	assert.Equal(t, zen.PlanStatus("active"), plan.Status)

	sub, err := c.srv.CreateSubscription(plan.ID, types.TransactionCustomer{Email: "jan@example.com"})
	require.NoError(t, err)
	var subs types.Page[zen.Subscription]
	c.ok(&subs, "subscriptions", "list")
	require.Len(t, subs.Data, 1)
	assert.Equal(t, sub.ID, subs.Data[0].ID)
	var got zen.Subscription
	c.ok(&got, "subscriptions", "get", sub.ID)
	assert.Equal(t, sub.ID, got.ID)
	c.ok(&got, "subscriptions", "cancel", sub.ID)
	assert.Equal(t, zen.SubscriptionStatus("canceled"), got.Status)
	c.ok(nil, "subscriptions", "delete", sub.ID)
	c.ok(nil, "subscriptions", "plans", "delete", plan.ID)
	c.ok(nil, "subscriptions", "products", "delete", product.ID)
}

func TestPaymentLinksMethodsAuthorization(t *testing.T) {
	c := newCLI(t)
	link := `{"customer":{"email":"jan@example.com","firstName":"Jan","lastName":"K"},
	 "items":[{"name":"Mug","price":"5.00","quantity":2}],"expirationDate":"` + time.Now().Add(48*time.Hour).UTC().Format(time.RFC3339) + `"}`
	var created zen.PaymentLinkCreated
	c.ok(&created, "payment-links", "create", "-d", c.file(link), "--merchant-id", "link-1", "--amount", "10.00", "--currency", "EUR")
	require.NotEmpty(t, created.ID)
	var links types.Page[zen.PaymentLink]
	c.ok(&links, "payment-links", "list")
	require.Len(t, links.Data, 1)
	var pl zen.PaymentLink
	c.ok(&pl, "payment-links", "get", created.ID)
	assert.Equal(t, "jan@example.com", pl.Customer.Email)
	c.ok(&pl, "payment-links", "update", created.ID, "-d", `{"hidden":true}`)
	assert.Equal(t, created.ID, pl.ID)

	var methods types.Page[zen.PaymentMethodInfo]
	c.ok(&methods, "payment-methods", "list", "--currency", "EUR")
	assert.NotEmpty(t, methods.Data)
	var onePage types.Page[zen.PaymentMethodInfo]
	c.ok(&onePage, "payment-methods", "list", "--limit", "1000")
	require.Greater(t, len(onePage.Data), 1, "more methods than a page of 1")
	var allMethods []zen.PaymentMethodInfo
	c.ok(&allMethods, "payment-methods", "list", "--all", "--limit", "1")
	assert.Equal(t, onePage.Data, allMethods, "--all walks every page of 1")

	var quote []zen.AuthorizationMethod
	c.ok(&quote, "authorization", "calculate", "--merchant-id", "auth-1", "--amount", "10.00", "--currency", "EUR",
		"-d", `{"authorizationCurrency":"PLN","data":[{"paymentChannel":"PCL_BLIK"}]}`)
	assert.NotEmpty(t, quote)
}

// TestPaymentLinksListFlags: payment-links list takes ZEN's filters and
// no sorting, which ZEN documents none of for it (a --sort-by was dropped).
func TestPaymentLinksListFlags(t *testing.T) {
	c := newCLI(t)
	r := c.run("payment-links", "list", "-h")
	require.Equal(t, exitOK, r.code)
	assert.NotContains(t, r.out, "-sort-by")
	assert.NotContains(t, r.out, "-direction")
	for _, f := range []string{"-customer-email", "-status", "-currency", "-created-from", "-created-to", "-show-hidden", "-page", "-per-page", "-all"} {
		assert.Regexp(t, `(?m)^  `+f+`( |$)`, r.out)
	}
	c.srv.ResetRequests()
	r = c.run("payment-links", "list", "--sort-by", "createdAt")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.errOut, "flag provided but not defined: -sort-by")
	assert.Equal(t, exitUsage, c.run("payment-links", "list", "--created-from", "yesterday").code)
	assert.Empty(t, c.srv.Requests(), "nothing was sent")

	expires := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	for _, l := range []struct{ mtid, email, currency string }{{"link-eur", "jan@example.com", "EUR"}, {"link-pln", "ola@example.com", "PLN"}} {
		body := `{"customer":{"email":"` + l.email + `","firstName":"A","lastName":"B"},"items":[{"name":"Mug","price":"5.00","quantity":1}],"expirationDate":"` + expires + `"}`
		c.ok(nil, "payment-links", "create", "-d", body, "--merchant-id", l.mtid, "--amount", "5.00", "--currency", l.currency)
	}
	var links types.Page[zen.PaymentLink]
	c.ok(&links, "payment-links", "list", "--customer-email", "ola@example.com")
	require.Len(t, links.Data, 1)
	assert.Equal(t, "ola@example.com", links.Data[0].Customer.Email)

	c.srv.ResetRequests()
	c.ok(&links, "payment-links", "list", "--currency", "PLN", "--status", "NEW", "--show-hidden", "--page", "1", "--per-page", "5",
		"--created-from", "2020-01-02T03:04:05Z", "--created-to", "2999-01-01T00:00:00+02:00")
	require.Len(t, links.Data, 1)
	assert.Equal(t, "ola@example.com", links.Data[0].Customer.Email)
	reqs := c.srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, url.Values{
		"currency": {"PLN"}, "status": {"NEW"}, "showHidden": {"true"}, "page": {"1"}, "itemsPerPage": {"5"},
		"creationDateFrom": {"2020-01-02T03:04:05Z"}, "creationDateTo": {"2999-01-01T00:00:00+02:00"},
	}, reqs[0].Query)
}

func TestReportsDownload(t *testing.T) {
	c := newCLI(t)
	c.srv.AddReport("r-1", zentest.ReportFile{Content: []byte("id,amount\n1,10.00\n")})
	out := filepath.Join(t.TempDir(), "r.csv")

	r := c.run("reports", "download", "r-1", "-o", out)
	require.Equal(t, exitOK, r.code, r.errOut)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "id,amount\n1,10.00\n", string(b))
	var info map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &info))
	assert.Equal(t, out, info["file"])
	assert.EqualValues(t, 18, info["bytes"])
	assert.Contains(t, r.errOut, "downloaded 18 B/18 B")
	assert.NotContains(t, r.errOut, "\r", "no bar without a terminal")

	c.tty = true
	out2 := filepath.Join(t.TempDir(), "r.csv")
	r = c.run("reports", "download", "r-1", "-o", out2)
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.errOut, "\r[==============================] 100% 18 B/18 B")
	assert.Contains(t, r.errOut, "/s")
	assert.Contains(t, r.out, "bytes:")
	assert.Contains(t, r.out, "18")

	// An existing file is never overwritten.
	r = c.run("reports", "download", "r-1", "-o", out2)
	assert.Equal(t, exitFailed, r.code)
}

// cancelOnWrite cancels a context at the first progress line and keeps
// what was written.
type cancelOnWrite struct {
	cancel context.CancelFunc
	lockedBuffer
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	w.cancel()
	return w.lockedBuffer.Write(p)
}

func TestReportsDownloadInterruptedRemovesPartialFile(t *testing.T) {
	c := newCLI(t)
	c.srv.AddReport("big", zentest.ReportFile{Size: 1 << 30})
	out := filepath.Join(t.TempDir(), "big.csv")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout strings.Builder
	stderr := &cancelOnWrite{cancel: cancel}
	code := run(ctx, []string{"reports", "download", "big", "-o", out}, strings.NewReader(""), &stdout, stderr,
		func(k string) string { return c.env[k] }, false)
	assert.Equal(t, exitInterrupted, code)
	assert.Contains(t, stderr.String(), "interrupted: downloading report big: context canceled (partial file removed)")
	_, err := os.Stat(out)
	assert.ErrorIs(t, err, os.ErrNotExist, "partial file removed")
	assert.Empty(t, stdout.String())
}

func TestIPNSendAndVerify(t *testing.T) {
	c := newCLI(t)
	var got []byte
	answer := `{"status":"ok"}`
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
		io.WriteString(w, answer)
	}))
	defer endpoint.Close()

	var res ipnResult
	c.ok(&res, "ipn", "send", "--to", endpoint.URL, "--status", "ACCEPTED", "--merchant-id", "order-1", "--amount", "10.00", "--currency", "EUR")
	assert.Equal(t, ipnResult{URL: endpoint.URL, StatusCode: 200, Body: answer, OK: true}, res)
	n, err := zen.ParseNotification(got, ipnSecret)
	require.NoError(t, err, "a correctly signed notification")
	assert.Equal(t, "order-1", n.MerchantTransactionID)
	assert.Equal(t, "10.00", n.Amount)
	assert.Equal(t, types.StatusAccepted, n.Status)

	// A body's status and type stand unless a flag overrides them.
	body := `{"merchantTransactionId":"order-2","amount":"5.00","currency":"PLN","status":"REJECTED","type":"TRT_REFUND"}`
	c.ok(&res, "ipn", "send", "--to", endpoint.URL, "-d", body)
	n, err = zen.ParseNotification(got, ipnSecret)
	require.NoError(t, err)
	assert.Equal(t, types.StatusRejected, n.Status)
	assert.Equal(t, types.TypeRefund, n.Type)
	c.ok(&res, "ipn", "send", "--to", endpoint.URL, "-d", body, "--status", "ACCEPTED", "--type", "TRT_PURCHASE")
	n, err = zen.ParseNotification(got, ipnSecret)
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, n.Status)
	assert.Equal(t, types.TypePurchase, n.Type)
	// The printed URL hides a password in it, as net/http's errors do.
	withPass := strings.Replace(endpoint.URL, "http://", "http://user:pass@", 1)
	c.ok(&res, "ipn", "send", "--to", withPass, "-d", body)
	assert.Equal(t, strings.Replace(endpoint.URL, "http://", "http://user:xxxxx@", 1), res.URL)

	answer = `{"status":"error"}`
	r := c.run("ipn", "send", "--to", endpoint.URL, "--merchant-id", "order-1", "--amount", "10.00", "--currency", "EUR")
	assert.Equal(t, exitFailed, r.code)
	assert.Contains(t, r.errOut, "ZEN would retry")

	// verify: the captured body (the last one sent) from a file or stdin.
	captured := c.file(string(got))
	var verified zen.Notification
	c.ok(&verified, "ipn", "verify", captured[1:])
	assert.Equal(t, "order-1", verified.MerchantTransactionID)
	assert.Equal(t, types.StatusAccepted, verified.Status)
	r = c.runIn(string(got), "ipn", "verify")
	assert.Equal(t, exitOK, r.code, r.errOut)
	tampered := strings.Replace(string(got), `"10.00"`, `"1000.00"`, 1)
	r = c.runIn(tampered, "ipn", "verify", "-")
	assert.Equal(t, exitFailed, r.code)
	assert.Contains(t, r.errOut, "invalid signature")

	delete(c.env, "ZEN_IPN_SECRET")
	r = c.runIn(string(got), "ipn", "verify")
	assert.Equal(t, exitInvalid, r.code)
	r = c.runIn(string(got), "ipn", "verify", "--ipn-secret", ipnSecret)
	assert.Equal(t, exitOK, r.code, "the flag gives the secret")
}

func TestCheckoutSign(t *testing.T) {
	c := newCLI(t)
	body := `{"terminalUuid":"` + c.srv.TerminalUUID() + `","amount":"10.00","currency":"EUR","merchantTransactionId":"co-1"}`
	var out map[string]string
	c.ok(&out, "checkout", "sign", "-d", body)
	want, err := zen.CheckoutSignature([]byte(body), paywallSecret)
	require.NoError(t, err)
	assert.Equal(t, want, out["signature"])
}

func TestFake(t *testing.T) {
	c := newCLI(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // print the banner and stop
	c.ctx = ctx
	r := c.run("fake", "-addr", "127.0.0.1:0", "-checkout-addr", "127.0.0.1:0", "-api-key", "k-1")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Regexp(t, `export ZEN_API_URL=http://127\.0\.0\.1:\d+ ZEN_API_KEY=k-1`, r.out)

	// zen fake parses its own flags and prints its credentials: the help
	// says so where it promises global flags anywhere and no secrets.
	c.ctx = context.Background()
	r = c.run("fake", "--json")
	assert.NotEqual(t, exitOK, r.code)
	assert.Contains(t, r.errOut, "zen: flag provided but not defined: -json\n")
	r = c.run("help")
	assert.Contains(t, r.out, "\nglobal flags (anywhere on the line; zen fake has only its own flags):\n")
	assert.Contains(t, r.out, "\nSecrets are never printed, except by zen fake: it prints the credentials of\nthe fake it serves, to export.\n")
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	tx := c.purchase("order-1", "10.00")

	t.Run("invalid input is refused before sending", func(t *testing.T) {
		c.srv.ResetRequests()
		r := c.run("refunds", "create", "--transaction", tx.ID, "--amount", "1.00", "--currency", "eur")
		assert.Equal(t, exitInvalid, r.code)
		assert.Contains(t, r.errOut, "currency")
		r = c.run("purchases", "create", "-d", `{"merchantTransactionId":"x","amount":10}`)
		assert.Equal(t, exitInvalid, r.code, "an amount must be a string")
		r = c.run("purchases", "create", "-d", `{"merchantTransactionId":"x","amout":"10.00"}`)
		assert.Equal(t, exitInvalid, r.code, "an unknown member is a typo")
		assert.Contains(t, r.errOut, "amout")
		r = c.run("purchases", "create", "-d", order, "--merchant-id", "o-9", "--amount", "10.00")
		assert.Equal(t, exitInvalid, r.code, "no currency")
		assert.Empty(t, c.srv.Requests(), "nothing was sent")
	})
	t.Run("API error", func(t *testing.T) {
		r := c.run("purchases", "get", "0b5f6c1e-1111-4222-8333-944455566677")
		assert.Equal(t, exitAPI, r.code)
		assert.Contains(t, r.errOut, "code: 404\n")
		assert.Contains(t, r.errOut, "message: Record Not Found\n")
		assert.Regexp(t, `request-id: \S{38,}`, r.errOut)
		assert.Empty(t, r.out)
	})
	t.Run("outcome unknown", func(t *testing.T) {
		for _, tc := range []struct {
			post, lookup string
			args         []string
		}{
			{"/v1/transactions", "purchases get", []string{"purchases", "create", "-d", order, "--merchant-id", "order-lost", "--amount", "10.00", "--currency", "EUR"}},
			{"/v1/transactions/refund", "purchases get", []string{"refunds", "create", "--transaction", tx.ID, "--merchant-id", "refund-lost", "--amount", "1.00", "--currency", "EUR"}},
			{"/v1/payouts", "payouts get", []string{"payouts", "create", "-d", payoutBody, "--merchant-id", "payout-lost", "--amount", "20.00", "--currency", "EUR"}},
		} {
			lost := []zentest.Fault{zentest.FaultLoseResponse, zentest.FaultLoseResponse, zentest.FaultLoseResponse, zentest.FaultLoseResponse}
			c.srv.ScriptFaults("POST", tc.post, lost...)
			c.srv.ScriptFaults("GET", "", zentest.FaultStatus(503), zentest.FaultStatus(503), zentest.FaultStatus(503), zentest.FaultStatus(503))
			r := c.run(tc.args...)
			c.srv.ClearFaults()
			assert.Equal(t, exitUnknown, r.code, r.errOut)
			assert.Contains(t, r.errOut, "merchantTransactionId: "+tc.args[slices.Index(tc.args, "--merchant-id")+1]+"\n")
			assert.Contains(t, r.errOut, "look it up (zen "+tc.lookup+" --merchant-id ...) or repeat with the same merchant id; never with a new one\n", tc.args[:2])
		}
		// Every command that moves money names a lookup, and every lookup
		// is a command that reads by merchant id.
		for _, cmd := range commands {
			if group, verb, _ := strings.Cut(cmd.name, " "); slices.Contains([]string{"purchases", "refunds", "payouts"}, group) && verb != "get" {
				assert.NotEmpty(t, cmd.lookup, cmd.name)
			}
			if cmd.lookup != "" {
				get, rest := lookup(strings.Fields(cmd.lookup))
				require.NotNil(t, get, cmd.name)
				assert.Empty(t, rest, cmd.name)
				assert.Contains(t, get.args, "--merchant-id ORDER", cmd.name)
			}
		}
	})
	t.Run("connection failure", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		dead := "http://" + l.Addr().String()
		l.Close()
		r := c.run("purchases", "get", tx.ID, "--api-url", dead)
		assert.Equal(t, exitConnection, r.code)
		assert.Contains(t, r.errOut, "no answer from ZEN")
	})
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"purchases", "explode"}, {"purchases", "get"}, {"purchases", "get", "a", "b"}, {"customers", "get", "--nope", "x"}} {
			assert.Equal(t, exitUsage, c.run(args...).code, args)
		}
		pos, err := parseInterspersed(flag.NewFlagSet("t", flag.ContinueOnError), []string{"a", "--", "-b", "c"})
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "-b", "c"}, pos, "-- ends the flags")
		r := c.run("refunds")
		assert.Equal(t, exitUsage, r.code)
		assert.Contains(t, r.errOut, "  zen refunds create --transaction ID")
	})
	t.Run("bad ZEN_SANDBOX", func(t *testing.T) {
		c.env["ZEN_SANDBOX"] = "maybe"
		defer delete(c.env, "ZEN_SANDBOX")
		r := c.run("purchases", "get", tx.ID)
		assert.Equal(t, exitInvalid, r.code)
		assert.Contains(t, r.errOut, "ZEN_SANDBOX")
	})
	t.Run("missing key", func(t *testing.T) {
		r := c.run("purchases", "get", tx.ID, "--api-key", "")
		assert.Equal(t, exitInvalid, r.code)
		assert.Contains(t, r.errOut, "API key")
	})
}

// TestCheckoutVariablesNotRead: no command creates a hosted checkout, so
// the command neither reads the checkout variables nor takes flags for
// them; a bad ZEN_CHECKOUT_URL failed every API command.
func TestCheckoutVariablesNotRead(t *testing.T) {
	c := newCLI(t)
	tx := c.purchase("order-1", "10.00")
	c.env[zen.EnvCheckoutURL] = "http://checkout.example" // plain http: the SDK refuses it
	c.env[zen.EnvTerminalUUID] = c.srv.TerminalUUID()
	var got types.Transaction
	c.ok(&got, "purchases", "get", tx.ID)
	assert.Equal(t, tx.ID, got.ID)

	r := c.run("purchases", "get", "-h")
	require.Equal(t, exitOK, r.code)
	assert.NotContains(t, r.out, "-terminal-uuid")
	assert.NotContains(t, r.out, "-checkout-url")
	assert.Regexp(t, `(?m)^  -paywall-secret string$`, r.out, "checkout sign still takes the secret")
	r = c.run("purchases", "get", tx.ID, "--checkout-url", "https://secure.example")
	assert.Equal(t, exitUsage, r.code)
	r = c.run("help")
	assert.NotContains(t, r.out, "--terminal-uuid")
	assert.NotContains(t, r.out, "--checkout-url")
	assert.NotContains(t, r.out, zen.EnvCheckoutURL)
	assert.NotContains(t, r.out, zen.EnvTerminalUUID)
}

func TestOutputOnATerminal(t *testing.T) {
	c := newCLI(t)
	tx := c.purchase("order-1", "10.00")
	c.tty = true
	r := c.run("purchases", "get", tx.ID)
	require.Equal(t, exitOK, r.code)
	assert.Regexp(t, `(?m)^id:\s+`+tx.ID+`$`, r.out)
	assert.Regexp(t, `(?m)^status:\s+AUTHORIZED$`, r.out)
	assert.Regexp(t, `(?m)^cardInfo\.lastFourDigits:\s+1111$`, r.out)

	r = c.run("purchases", "get", tx.ID, "--json")
	var got types.Transaction
	require.NoError(t, json.Unmarshal([]byte(r.out), &got), "--json wins on a terminal")

	c.ok(nil, "customers", "create", "-d", `{"id":"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f","email":"jan@example.com"}`)
	r = c.run("customers", "list")
	assert.Regexp(t, `(?m)^ID\s+EXTERNALID\s+EMAIL\s+STATUS\s+CREATEDAT$`, r.out)
	assert.Regexp(t, `(?m)^\S+\s+6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\s+jan@example.com\s+new\s+\S+Z$`, r.out)
}

// TestVerboseLogsMetadataOnly: --verbose logs each attempt, never a secret
// (the harness checks every output for the key and the card).
func TestVerboseLogsMetadataOnly(t *testing.T) {
	c := newCLI(t)
	c.srv.ScriptFaults("POST", "/v1/transactions", zentest.FaultStatus(503))
	r := c.run("purchases", "create", "-d", order, "--merchant-id", "o-v", "--amount", "10.00", "--currency", "EUR", "--verbose")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Regexp(t, `method=POST path=/v1/transactions request_id=\S+ attempt=1 duration=\S+ status=503`, r.errOut)
	assert.Regexp(t, `attempt=2 duration=\S+ status=200`, r.errOut)
}

func TestHelpListsEveryCommandAndExitCode(t *testing.T) {
	c := newCLI(t)
	r := c.run("help")
	require.Equal(t, exitOK, r.code)
	for _, cmd := range commands {
		assert.Contains(t, r.out, "  "+cmd.name+" ", cmd.name)
	}
	for _, code := range []string{"\n  2 ", "\n  3 ", "\n  4 ", "\n  5 ", "\n  64 "} {
		assert.Contains(t, r.out, code)
	}
	r = c.run("purchases", "get", "-h")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.out, "-merchant-id")
	assert.NotContains(t, r.out, apiKey)
}

// TestProgressOfUnknownLength: without a Content-Length there is no bar
// and no time left, only bytes and rate.
func TestProgressOfUnknownLength(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b, bar: true, total: -1, start: time.Now().Add(-time.Second)}
	_, _ = p.Write(make([]byte, 3<<20))
	p.finish(true)
	assert.Regexp(t, `^\r3\.0 MiB  \d+\.\d MiB/s\x1b\[K`, b.String())
	assert.NotContains(t, b.String(), "] ", "no bar")
	assert.NotContains(t, b.String(), "left")
	assert.Equal(t, "1023 B", bytesText(1023))
	assert.Equal(t, "1.5 GiB", bytesText(3<<29))
}
