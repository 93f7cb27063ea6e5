package zentest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func checkoutRequest(mtid string) *zen.CheckoutCreateRequest {
	return &zen.CheckoutCreateRequest{
		Amount:                types.MustAmount("12.34"),
		Currency:              "PLN",
		MerchantTransactionID: mtid,
		Customer:              &types.TransactionCustomer{Email: "buyer@example.com", FirstName: "Ann", LastName: "Lee"},
		Items:                 []types.Item{types.NewItem("Mug", types.MustAmount("6.17"), 2)},
		URLSuccess:            "https://shop.example/ok",
		URLFailure:            "https://shop.example/failed",
	}
}

func TestCheckoutPayFlow(t *testing.T) {
	recv := newReceiver(t, 0)
	srv := newServer(t)
	c := srv.Client()
	mtid := newMTID()
	req := checkoutRequest(mtid)
	req.CustomIPNURL = recv.URL

	co, err := c.Checkouts.Create(context.Background(), req)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(co.RedirectURL, srv.CheckoutURL+"/"), co.RedirectURL)
	id := strings.TrimPrefix(co.RedirectURL, srv.CheckoutURL+"/")
	assert.Equal(t, []zentest.Checkout{{ID: id, MerchantTransactionID: mtid}}, srv.Checkouts())

	// The checkout holds its merchantTransactionId: an API purchase cannot
	// take it before the buyer pays.
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions", purchase(mtid, "12.34", zentest.CardApproved)), 400),
		"merchantTransactionId: must be unique")

	page := send(t, mustRequest(t, "GET", co.RedirectURL))
	require.Equal(t, http.StatusOK, page.Status)
	html := string(page.Body)
	assert.Contains(t, html, "12.34 PLN")
	assert.Contains(t, html, mtid)
	assert.Contains(t, html, `action="/`+id+`/pay"`)
	assert.Contains(t, html, `action="/`+id+`/decline"`)

	paid := send(t, mustRequest(t, "POST", co.RedirectURL+"/pay"))
	assert.Equal(t, http.StatusSeeOther, paid.Status)
	assert.Equal(t, "https://shop.example/ok", paid.Header.Get("Location"))

	n := recv.next(t)
	assert.Equal(t, types.StatusAccepted, n.Status)
	assert.Equal(t, mtid, n.MerchantTransactionID)
	assert.Equal(t, "12.34", n.Amount)

	got := tx(t, call(t, srv, "GET", "/v1/transactions/merchant/"+mtid, nil))
	assert.Equal(t, types.StatusAccepted, got.Status)
	assert.Equal(t, types.TypePurchase, got.Type)
	assert.Equal(t, types.ChannelCard, got.PaymentChannel)
	assert.True(t, got.Can().Refund)
	assert.Equal(t, got.ID, srv.Checkouts()[0].TransactionID)

	page = send(t, mustRequest(t, "GET", co.RedirectURL))
	assert.Contains(t, string(page.Body), "Status: ACCEPTED")
	assert.NotContains(t, string(page.Body), "<form")
	assert.Equal(t, http.StatusConflict, send(t, mustRequest(t, "POST", co.RedirectURL+"/pay")).Status)

	// The checkout host's requests are recorded too, without the API rules.
	var checkoutPaths []string
	for _, r := range srv.Requests() {
		if r.Checkout {
			checkoutPaths = append(checkoutPaths, r.Method+" "+r.Path)
		}
	}
	assert.Equal(t, []string{"POST /api/checkouts", "GET /" + id, "POST /" + id + "/pay", "GET /" + id, "POST /" + id + "/pay"}, checkoutPaths)
}

func TestCheckoutDeclineAndRedirectFallback(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	req := checkoutRequest(newMTID())
	co, err := c.Checkouts.Create(context.Background(), req)
	require.NoError(t, err)
	declined := send(t, mustRequest(t, "POST", co.RedirectURL+"/decline"))
	assert.Equal(t, http.StatusSeeOther, declined.Status)
	assert.Equal(t, "https://shop.example/failed", declined.Header.Get("Location"))
	got, ok := srv.Transaction(req.MerchantTransactionID)
	require.True(t, ok)
	assert.Equal(t, types.StatusRejected, got.Status)
	assert.Equal(t, types.RejectCode("C40005"), got.RejectCode, "Decline on the checkout page: do not honor")

	req = checkoutRequest(newMTID())
	req.URLSuccess, req.URLFailure, req.URLRedirect = "", "", "https://shop.example/back"
	co, err = c.Checkouts.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, "https://shop.example/back", send(t, mustRequest(t, "POST", co.RedirectURL+"/pay")).Header.Get("Location"))

	req = checkoutRequest(newMTID())
	req.URLSuccess, req.URLFailure = "", ""
	co, err = c.Checkouts.Create(context.Background(), req)
	require.NoError(t, err)
	done := send(t, mustRequest(t, "POST", co.RedirectURL+"/pay"))
	assert.Equal(t, http.StatusOK, done.Status)
	assert.Contains(t, string(done.Body), "Status: ACCEPTED")

	assert.Equal(t, http.StatusNotFound, send(t, mustRequest(t, "GET", srv.CheckoutURL+"/unknown")).Status)
}

func TestCheckoutSignatureChecks(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	post := func(body []byte) resp {
		req, err := http.NewRequestWithContext(context.Background(), "POST", srv.CheckoutURL+"/api/checkouts", bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		return send(t, req)
	}
	signed, err := c.Checkouts.Sign(checkoutRequest(newMTID()))
	require.NoError(t, err)
	ok := post(signed)
	require.Equal(t, http.StatusOK, ok.Status, string(ok.Body))
	var out struct{ RedirectURL string }
	require.NoError(t, json.Unmarshal(ok.Body, &out))
	assert.True(t, strings.HasPrefix(out.RedirectURL, srv.CheckoutURL+"/"))
	assert.Contains(t, errMessage(t, post(signed), 400), "merchantTransactionId: must be unique")

	tampered := bytes.Replace(signed, []byte(`"12.34"`), []byte(`"1.34"`), 1)
	tampered = bytes.Replace(tampered, []byte(`"6.17"`), []byte(`"0.67"`), 1)
	tampered = bytes.Replace(tampered, []byte(`"12.34"`), []byte(`"1.34"`), 1)
	assert.Contains(t, errMessage(t, post(tampered), 401), "signature")

	wrongSecret := zentest.NewServer(zentest.WithPaywallSecret("other"))
	defer wrongSecret.Close()
	other, err := wrongSecret.Client().Checkouts.Sign(checkoutRequest(newMTID()))
	require.NoError(t, err)
	assert.Contains(t, errMessage(t, post(other), 401), "signature")

	foreign := zentest.NewServer(zentest.WithTerminalUUID("11111111-2222-4333-8444-555555555555"))
	defer foreign.Close()
	otherTerminal, err := foreign.Client().Checkouts.Sign(checkoutRequest(newMTID()))
	require.NoError(t, err)
	assert.Contains(t, errMessage(t, post(otherTerminal), 401), "terminalUuid")

	var m map[string]any
	require.NoError(t, json.Unmarshal(signed, &m))
	delete(m, "signature")
	m["merchantTransactionId"] = newMTID()
	unsigned, _ := json.Marshal(m)
	assert.Contains(t, errMessage(t, post(unsigned), 400), "signature: is required")
	m["amount"] = true
	sig, err := zen.CheckoutSignature(mustJSON(t, m), srv.PaywallSecret())
	require.NoError(t, err)
	m["signature"] = sig
	assert.Contains(t, errMessage(t, post(mustJSON(t, m)), 400), "amount: must be a JSON string or number")

	// Through the SDK, a wrong secret is ErrUnauthorized.
	_, err = wrongSecret.Client(zen.WithCheckoutURL(srv.CheckoutURL)).Checkouts.Create(context.Background(), checkoutRequest(newMTID()))
	require.ErrorIs(t, err, zen.ErrUnauthorized)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
