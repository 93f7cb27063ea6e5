package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// harness is the shop on httptest, wired to the fake ZEN as main wires it:
// the fake notifies the shop's /zen/ipn.
type harness struct {
	t     *testing.T
	shop  *shop
	fake  *zentest.Server
	url   string
	buyer *http.Client // keeps the cart cookie, does not follow redirects
}

func newHarness(t *testing.T, opts ...zentest.Option) *harness {
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	fake := zentest.NewServer(append(opts, zentest.WithIPNURL(base+"/zen/ipn"))...)
	s := newShop(fake.Client(), base, "")
	ts.Config.Handler = s.handler(fake.IPNSecret())
	ts.Start()
	t.Cleanup(func() { fake.Close(); ts.Close() })
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	buyer := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &harness{t: t, shop: s, fake: fake, url: base, buyer: buyer}
}

// post submits a form and returns the redirect's Location.
func (h *harness) post(path string, form url.Values) string {
	resp, err := h.buyer.PostForm(h.url+path, form)
	require.NoError(h.t, err)
	resp.Body.Close()
	require.Equal(h.t, http.StatusSeeOther, resp.StatusCode, path)
	return resp.Header.Get("Location")
}

func (h *harness) get(path string) string {
	resp, err := h.buyer.Get(h.url + path)
	require.NoError(h.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(h.t, err)
	require.Equal(h.t, http.StatusOK, resp.StatusCode, path)
	return string(b)
}

// order returns a copy of the one order the shop holds.
func (h *harness) order() order {
	h.shop.mu.Lock()
	defer h.shop.mu.Unlock()
	require.Len(h.t, h.shop.orders, 1)
	for _, o := range h.shop.orders {
		return *o
	}
	return order{}
}

// waitIPN waits for the fake's next notification and requires the shop acknowledged it.
func (h *harness) waitIPN(status types.TransactionStatus) zentest.IPNDelivery {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d, err := h.fake.WaitIPN(ctx)
	require.NoError(h.t, err)
	require.True(h.t, d.Delivered, "IPN not acknowledged: %s", d.Err)
	require.Equal(h.t, status, d.Status)
	return d
}

// checkout adds two bags of beans and a mug and checks out; it returns the
// hosted checkout URL the shop sent the buyer to.
func (h *harness) checkout() string {
	for _, p := range []string{"beans", "beans", "mug"} {
		assert.Equal(h.t, "/", h.post("/cart", url.Values{"product": {p}}))
	}
	home := h.get("/")
	assert.Contains(h.t, home, "Coffee beans 1kg</td><td>× 2</td><td>49.90 EUR")
	assert.Contains(h.t, home, `<th id="total">59.40 EUR</th>`)
	return h.post("/checkout", nil)
}

func TestCartCheckoutIPNRefund(t *testing.T) {
	h := newHarness(t)
	redirect := h.checkout()
	require.True(t, strings.HasPrefix(redirect, h.fake.CheckoutURL+"/"), redirect)
	o := h.order()
	assert.Equal(t, awaiting, o.Status)
	assert.Equal(t, "59.40", o.Total.String())
	assert.Contains(t, h.get("/"), `id="empty"`, "checkout empties the cart")

	// The checkout the fake received: signed with the paywall secret, the
	// order's lines, and the buyer's way back to the order page.
	var sent []zentest.RecordedRequest
	for _, r := range h.fake.Requests() {
		if r.Checkout && r.Path == "/api/checkouts" {
			sent = append(sent, r)
		}
	}
	require.Len(t, sent, 1)
	require.NoError(t, zen.VerifyCheckoutSignature(sent[0].Body, zentest.DefaultPaywallSecret))
	var body struct {
		Amount, Currency, MerchantTransactionID, URLSuccess, URLFailure string
		Items                                                           []struct{ Name, Price, LineAmountTotal string }
	}
	require.NoError(t, json.Unmarshal(sent[0].Body, &body))
	assert.Equal(t, "59.40", body.Amount)
	assert.Equal(t, "EUR", body.Currency)
	assert.Equal(t, o.ID, body.MerchantTransactionID)
	assert.Equal(t, h.url+"/orders/"+o.ID, body.URLSuccess)
	assert.Equal(t, body.URLSuccess, body.URLFailure)
	assert.Equal(t, []struct{ Name, Price, LineAmountTotal string }{
		{"Coffee beans 1kg", "24.95", "49.90"}, {"Enamel mug", "9.50", "9.50"}}, body.Items)

	// Paying is not enough: the order is paid once the notification says so.
	_, err := h.fake.PayCheckout(redirect)
	require.NoError(t, err)
	h.waitIPN(types.StatusAccepted)
	assert.Equal(t, paid, h.order().Status)
	page := h.get("/orders/" + o.ID)
	assert.Contains(t, page, `<span id="status" class="status paid">paid</span>`)
	assert.Contains(t, h.get("/orders"), `action="/orders/`+o.ID+`/refund"`)

	assert.Equal(t, "/orders", h.post("/orders/"+o.ID+"/refund", nil))
	assert.Equal(t, refunded, h.order().Status)
	d := h.waitIPN(types.StatusAccepted)
	assert.Equal(t, o.ID+"-r1", d.MerchantTransactionID)
	assert.Equal(t, types.TypeRefund, d.Type)
	txs := h.fake.Transactions()
	require.Len(t, txs, 2)
	assert.Equal(t, "59.40", txs[1].Amount.String())
	assert.Equal(t, txs[0].ID, txs[1].ParentTransactionID)
	assert.NotContains(t, h.get("/orders"), "/refund", "no refund button once refunded")
}

func TestDeclinedCheckout(t *testing.T) {
	h := newHarness(t)
	_, err := h.fake.DeclineCheckout(h.checkout())
	require.NoError(t, err)
	h.waitIPN(types.StatusRejected)
	o := h.order()
	assert.Equal(t, declined, o.Status)
	assert.Equal(t, "payment REJECTED: C40005 Do not honor", o.Note)
	assert.NotContains(t, h.get("/orders"), "/refund")
}

// TestRefundOutcomeUnknownThenRejected: a refund ZEN may or may not have
// made keeps its id, so pressing Refund again cannot refund twice; one ZEN
// declines leaves the order paid, and the next try gets a new id.
func TestRefundOutcomeUnknownThenRejected(t *testing.T) {
	h := newHarness(t, zentest.WithPendingRefunds())
	redirect := h.checkout()
	_, err := h.fake.PayCheckout(redirect)
	require.NoError(t, err)
	h.waitIPN(types.StatusAccepted)
	id := h.order().ID

	h.fake.FailNextFor("POST", "/v1/transactions/refund", 10, zentest.FaultStatus(http.StatusInternalServerError))
	h.post("/orders/"+id+"/refund", nil)
	o := h.order()
	assert.Equal(t, paid, o.Status)
	assert.Contains(t, o.Note, "refund "+id+"-r1: outcome unknown")
	h.fake.ClearFaults()

	h.post("/orders/"+id+"/refund", nil) // the same refund id again: PENDING
	assert.Equal(t, "refund "+id+"-r1 PENDING: ZEN's notification will settle it", h.order().Note)
	txs := h.fake.Transactions()
	require.Len(t, txs, 2)
	require.Equal(t, id+"-r1", txs[1].MerchantTransactionID)

	require.NoError(t, h.fake.Settle(txs[1].ID, types.StatusRejected, ""))
	h.waitIPN(types.StatusRejected)
	o = h.order()
	assert.Equal(t, paid, o.Status)
	assert.Equal(t, "refund "+id+"-r1 REJECTED: C40005 Do not honor", o.Note)

	h.post("/orders/"+id+"/refund", nil)
	assert.Equal(t, "refund "+id+"-r2 PENDING: ZEN's notification will settle it", h.order().Note)
	require.NoError(t, h.fake.Settle(h.fake.Transactions()[2].ID, types.StatusAccepted, ""))
	h.waitIPN(types.StatusAccepted)
	assert.Equal(t, refunded, h.order().Status)
}
