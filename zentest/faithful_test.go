package zentest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// rawItems returns the items member of a raw answer.
func rawItems(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var m struct {
		Items []map[string]any `json:"items"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&m), "%s", body)
	return m.Items
}

// TestFractionalQuantities: ZEN documents item quantity as a number ≥ 1,
// fractions allowed; the fake takes them in purchases and payouts and
// writes them back as numbers, and still refuses a quantity under 1 or
// one sent as a string.
func TestFractionalQuantities(t *testing.T) {
	srv := newServer(t)
	b := purchase(newMTID(), "6.00", zentest.CardApproved)
	b["items"] = []map[string]any{{"name": "Cheese (kg)", "price": "4.00", "quantity": 1.5, "lineAmountTotal": "6.00"}}
	r := call(t, srv, "POST", "/v1/transactions", b)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	assert.Equal(t, []map[string]any{{"name": "Cheese (kg)", "price": "4.00", "quantity": json.Number("1.5"), "lineAmountTotal": "6.00"}},
		rawItems(t, r.Body))

	// price × quantity with more decimals than money: rounded to the
	// line's decimals (3.33 × 1.5 = 4.995 → 5.00).
	b = purchase(newMTID(), "5.00", zentest.CardApproved)
	b["items"] = []map[string]any{{"name": "Ham (kg)", "price": "3.33", "quantity": 1.5, "lineAmountTotal": "5.00"}}
	r = call(t, srv, "POST", "/v1/transactions", b)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)

	for _, tc := range []struct {
		quantity any
		msg      string
	}{
		{0.5, "items[0].quantity: must be at least 1"},
		{0, "items[0].quantity: must be at least 1"},
		{"1", "items[0].quantity: must be a JSON number"},
		{2, "items[0].lineAmountTotal: must equal price × quantity"},
	} {
		b := purchase(newMTID(), "10.00", zentest.CardApproved)
		b["items"].([]map[string]any)[0]["quantity"] = tc.quantity
		assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400), tc.msg, "quantity %v", tc.quantity)
	}

	p := payoutBody(newMTID(), "7.50")
	p["items"] = []map[string]any{{"name": "Fee", "price": "5.00", "quantity": 1.5, "lineAmountTotal": "7.50"}}
	r = call(t, srv, "POST", "/v1/payouts", p)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	assert.Equal(t, json.Number("1.5"), rawItems(t, r.Body)[0]["quantity"])
}

// TestCheckoutTakesNumbers: ZEN's own plugin sends the checkout's amount,
// prices and quantities as JSON numbers (signed as written); the hosted
// checkout takes them, while the API still wants money as strings.
func TestCheckoutTakesNumbers(t *testing.T) {
	srv := newServer(t)
	body := map[string]any{
		"terminalUuid":          srv.TerminalUUID(),
		"amount":                12.5,
		"currency":              "PLN",
		"merchantTransactionId": newMTID(),
		"customer":              map[string]any{"email": "buyer@example.com", "firstName": "Ann", "lastName": "Lee"},
		"items": []map[string]any{
			{"name": "Tea", "price": 5, "quantity": 1.5, "lineAmountTotal": 7.5},
			{"name": "Cup", "price": 5.00, "quantity": 1, "lineAmountTotal": 5},
		},
		"urlRedirect": "https://shop.example/back",
	}
	raw := mustJSON(t, body)
	sig, err := zen.CheckoutSignature(raw, srv.PaywallSecret())
	require.NoError(t, err)
	body["signature"] = sig
	req, err := http.NewRequestWithContext(context.Background(), "POST", srv.CheckoutURL+"/api/checkouts", bytes.NewReader(mustJSON(t, body)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	r := send(t, req)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var co struct {
		RedirectURL string `json:"redirectUrl"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &co))

	got, err := srv.PayCheckout(co.RedirectURL)
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, got.Status)
	assert.Equal(t, "12.5", got.Amount.String())

	// The API keeps refusing numbers for money.
	b := purchase(newMTID(), "10.00", zentest.CardApproved)
	b["amount"] = 10
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400), "amount: must be a JSON string, not a number")
}

// TestShortRequestIDAcceptedWithWarning: a bare UUID (36 characters) as
// request-id, which production clients send, is taken as ZEN takes it,
// and recorded as a warning; 35 characters are refused.
func TestShortRequestIDAcceptedWithWarning(t *testing.T) {
	srv := newServer(t)
	bare := uuid.NewString()
	setID := func(id string) func(*http.Request) { return func(r *http.Request) { r.Header.Set("request-id", id) } }
	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved), setID(bare)))
	assert.Equal(t, []zentest.Warning{{
		Method: "POST", Path: "/v1/transactions", RequestID: bare, Field: "request-id",
		Message: "36 characters: ZEN documents 38 to 1024 (accepted, as ZEN accepts a bare UUID)",
	}}, srv.Warnings())
	assert.Equal(t, "POST /v1/transactions: request-id: 36 characters: ZEN documents 38 to 1024 (accepted, as ZEN accepts a bare UUID)", srv.Warnings()[0].String())

	assert.Contains(t, errMessage(t, call(t, srv, "GET", "/v1/transactions/x", nil, setID(bare[:35])), 400), "request-id: must be 38 to 1024 characters")
	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved)))
	assert.Len(t, srv.Warnings(), 1, "the SDK's own request-ids warn of nothing")
	srv.ResetRequests()
	assert.Empty(t, srv.Warnings())
}

// TestRefusesWhatZENRefuses: an empty source (no channel), a refund
// merchantTransactionId outside the refund pattern, a paynow payout on a
// channel other than PCL_CARD, and an undocumented authorization member.
func TestRefusesWhatZENRefuses(t *testing.T) {
	srv := newServer(t)
	for _, src := range []any{map[string]any{}, map[string]any{"channel": ""}, map[string]any{"pluginName": "shop"}} {
		b := purchase(newMTID(), "10.00", zentest.CardApproved)
		b["source"] = src
		assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400), "source.channel: is required", "%v", src)
	}
	b := purchase(newMTID(), "10.00", zentest.CardApproved)
	b["source"] = map[string]any{"channel": strings.Repeat("C", 33)}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400), "source.channel: must be 1 to 32 characters")
	b["source"] = map[string]any{"channel": "PTS_ZEN_API", "pluginName": "shop"}
	p := tx(t, call(t, srv, "POST", "/v1/transactions", b))
	assert.Equal(t, &types.Source{Channel: types.SourceZenAPI, PluginName: "shop"}, p.Source)
	require.NoError(t, srv.Settle(p.ID, types.StatusAccepted, ""))

	refund := func(mtid string, source any) resp {
		body := map[string]any{"transactionId": p.ID, "merchantTransactionId": mtid, "amount": "1.00", "currency": "PLN"}
		if source != nil {
			body["source"] = source
		}
		return call(t, srv, "POST", "/v1/transactions/refund", body)
	}
	for _, mtid := range []string{"refund_1", "refund 1", "refund|1", "refund+1"} {
		assert.Contains(t, errMessage(t, refund(mtid, nil), 400), "merchantTransactionId: must match", mtid)
	}
	assert.Contains(t, errMessage(t, refund("refund-2", map[string]any{}), 400), "source.channel: is required")
	r := tx(t, refund("refund-1/a:b=c.d,e#f?g&h", map[string]any{"channel": "PTS_ZEN_API"}))
	assert.Equal(t, types.StatusAccepted, r.Status)
	assert.Equal(t, types.SourceZenAPI, r.Source.Channel)

	paynow := payoutBody(newMTID(), "10.00")
	paynow["paymentChannel"] = "PCL_BLIK"
	paynow["paymentSpecificData"] = map[string]any{"type": "paynow"}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/payouts", paynow), 400), "paymentChannel: must be PCL_CARD for a paynow payout")
	paynow["paymentChannel"] = "PCL_CARD"
	assert.Equal(t, types.StatusAuthorized, tx(t, call(t, srv, "POST", "/v1/payouts", paynow)).Status)

	b = purchase(newMTID(), "10.00", zentest.CardApproved)
	b["authorization"] = map[string]any{"amount": "10.50", "currency": "EUR", "sessionId": "s-1", "fee": "0.50", "rate": "1"}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400),
		"authorization.fee: is not a member ZEN documents here (amount, currency, sessionId); authorization.rate: is not a member")
	b["authorization"] = map[string]any{"currency": "EUR"}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400), "authorization.amount: is required")
	b["authorization"] = map[string]any{"amount": "10.50", "currency": "EUR", "sessionId": "s-1"}
	tx(t, call(t, srv, "POST", "/v1/transactions", b))
}

// TestMagicDeclinesUseCatalogueCodes: every code the fake declines with is
// in ZEN's catalogue, with the category a test would branch on.
func TestMagicDeclinesUseCatalogueCodes(t *testing.T) {
	for code, want := range map[types.RejectCode]types.ErrorCategory{
		zentest.DeclineAmount: types.CategoryDeclined,
		zentest.DeclineCard:   types.CategoryDeclined,
		zentest.DeclineBlik:   types.CategoryDeclined,
		zentest.Decline3DS:    types.CategoryAuthenticationFailed,
	} {
		assert.True(t, code.IsKnown(), code)
		assert.Equal(t, want, code.Category(), code)
	}
	assert.Equal(t, types.RejectCode("C40051"), zentest.DeclineAmount)
	assert.Equal(t, "Insufficient funds", zentest.DeclineAmount.Description())
}
