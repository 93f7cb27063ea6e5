package zentest_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/zentest"
)

func TestHeaderRules(t *testing.T) {
	srv := newServer(t)
	body := purchase(newMTID(), "10.00", zentest.CardApproved)
	header := func(k, v string) func(*http.Request) {
		return func(r *http.Request) {
			if v == "" {
				r.Header.Del(k)
			} else {
				r.Header.Set(k, v)
			}
		}
	}
	for _, tc := range []struct {
		name   string
		edit   func(*http.Request)
		status int
		msg    string
	}{
		{"short request-id", header("request-id", strings.Repeat("a", 35)), 400, "request-id: must be 38 to 1024 characters"},
		{"long request-id", header("request-id", strings.Repeat("a", 1025)), 400, "request-id: must be 38 to 1024 characters"},
		{"request-id pattern", header("request-id", strings.Repeat("a", 40)+"!"), 400, "request-id: must match"},
		{"missing request-id", header("request-id", ""), 400, "request-id: header is required"},
		{"missing bearer", header("Authorization", ""), 401, "Unauthorized"},
		{"wrong key", header("Authorization", "Bearer nope"), 401, "Unauthorized"},
		{"raw key", header("Authorization", srv.APIKey()), 401, "Unauthorized"},
		{"text body", header("Content-Type", "text/plain"), 400, "Content-Type: must be application/json"},
		{"no content type", header("Content-Type", ""), 400, "Content-Type: must be application/json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, srv, "POST", "/v1/transactions", body, tc.edit)
			assert.Contains(t, errMessage(t, r, tc.status), tc.msg)
		})
	}
	r := call(t, srv, "GET", "/v1/transactions/x", nil, header("Authorization", ""))
	assert.JSONEq(t, `{"error":{"code":"401","message":"Unauthorized"}}`, string(r.Body))
	assert.Empty(t, srv.Transactions(), "no broken request was processed")

	// Content-Type with parameters is fine, and so is the raw key when allowed.
	tx(t, call(t, srv, "POST", "/v1/transactions", body, header("Content-Type", "application/json; charset=utf-8")))
	raw := newServer(t, zentest.WithRawAuthorization())
	errMessage(t, call(t, raw, "GET", "/v1/transactions/merchant/x", nil, header("Authorization", raw.APIKey())), 404)
}

func TestBodyRules(t *testing.T) {
	srv := newServer(t)
	for _, tc := range []struct {
		name string
		edit func(b map[string]any)
		msg  string
	}{
		{"amount as number", func(b map[string]any) { b["amount"] = 10.00 }, "amount: must be a JSON string"},
		{"amount pattern", func(b map[string]any) { b["amount"] = "10.0000000000001" }, `amount: must be a decimal string`},
		{"negative amount", func(b map[string]any) { b["amount"] = "-10.00" }, `amount: must be a decimal string`},
		{"missing amount", func(b map[string]any) { delete(b, "amount") }, "amount: is required"},
		{"currency", func(b map[string]any) { b["currency"] = "pln" }, "currency: must match ^[A-Z]{3}$"},
		{"mtid length", func(b map[string]any) { b["merchantTransactionId"] = strings.Repeat("a", 129) }, "merchantTransactionId: must be 1 to 128 characters"},
		{"mtid pattern", func(b map[string]any) { b["merchantTransactionId"] = "a<b" }, "merchantTransactionId: must match"},
		{"mtid number", func(b map[string]any) { b["merchantTransactionId"] = 12 }, "merchantTransactionId: must be a string"},
		{"channel", func(b map[string]any) { delete(b, "paymentChannel") }, "paymentChannel: is required"},
		{"email", func(b map[string]any) { delete(b["customer"].(map[string]any), "email") }, "customer.email: is required"},
		{"email format", func(b map[string]any) { b["customer"].(map[string]any)["email"] = "nope" }, "customer.email: " + validate.EmailRule},
		{"ip", func(b map[string]any) { delete(b["customer"].(map[string]any), "ip") }, "customer.ip: is required"},
		{"customer", func(b map[string]any) { delete(b, "customer") }, "customer: is required"},
		{"items sum", func(b map[string]any) { b["amount"] = "11.00" }, "items: lineAmountTotal values must add up to amount 11.00"},
		{"item line", func(b map[string]any) { b["items"].([]map[string]any)[0]["quantity"] = 2 }, "items[0].lineAmountTotal: must equal price × quantity"},
		{"item price number", func(b map[string]any) { b["items"].([]map[string]any)[0]["price"] = 10 }, "items[0].price: must be a JSON string"},
		{"payment data", func(b map[string]any) { delete(b, "paymentSpecificData") }, "paymentSpecificData: is required"},
		{"card number", func(b map[string]any) {
			b["paymentSpecificData"].(map[string]any)["card"].(map[string]any)["number"] = "4111x"
		}, "paymentSpecificData.card.number"},
		{"ipn url", func(b map[string]any) { b["customIpnUrl"] = "not a url" }, "customIpnUrl: must be an absolute http or https URL"},
		{"country", func(b map[string]any) { b["billingAddress"] = map[string]any{"country": "Poland"} }, "billingAddress.country"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := purchase(newMTID(), "10.00", zentest.CardApproved)
			tc.edit(b)
			assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400), tc.msg)
		})
	}
	// Every failing field is named at once.
	b := purchase(newMTID(), "10.00", zentest.CardApproved)
	b["amount"], b["currency"] = 10, "x"
	msg := errMessage(t, call(t, srv, "POST", "/v1/transactions", b), 400)
	assert.Contains(t, msg, "amount: ")
	assert.Contains(t, msg, "; currency: ")

	for _, raw := range []string{"[]", "{", `{"a":1} {}`, "null"} {
		assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", raw), 400), "body: must be one JSON object", raw)
	}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", nil), 400), "merchantTransactionId: is required")
	require.Empty(t, srv.Transactions())
}

// A body over 1 MiB is refused with 413 in ZEN's error shape, not cut and
// then parsed; one of exactly 1 MiB is read whole.
func TestBodySizeCap(t *testing.T) {
	srv := newServer(t)
	raw, err := json.Marshal(purchase(newMTID(), "10.00", zentest.CardApproved))
	require.NoError(t, err)
	padded := func(n int) string { return string(raw) + strings.Repeat(" ", n-len(raw)) }

	r := call(t, srv, "POST", "/v1/transactions", padded(1<<20+1))
	assert.Equal(t, "body: must be at most 1048576 bytes", errMessage(t, r, http.StatusRequestEntityTooLarge))
	r = call(t, srv, "POST", "/api/checkouts", padded(1<<20+1), func(req *http.Request) {
		req.URL, _ = url.Parse(srv.CheckoutURL + "/api/checkouts")
	})
	errMessage(t, r, http.StatusRequestEntityTooLarge)
	assert.Empty(t, srv.Transactions())

	tx(t, call(t, srv, "POST", "/v1/transactions", padded(1<<20)))
	reqs := srv.Requests()
	assert.Len(t, reqs[0].Body, 1<<20, "recorded up to the cap")
	assert.Equal(t, http.StatusRequestEntityTooLarge, reqs[0].Status)
}

// 405 carries the Allow header, as HTTP wants.
func TestMethodNotAllowedSaysAllow(t *testing.T) {
	srv := newServer(t)
	r := call(t, srv, "DELETE", "/v1/transactions", nil)
	assert.Equal(t, "Method Not Allowed", errMessage(t, r, http.StatusMethodNotAllowed))
	assert.Equal(t, "POST", r.Header.Get("Allow"))
}
