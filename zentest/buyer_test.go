package zentest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// TestPayAndDeclineCheckoutFromGo: a test pays or declines a hosted
// checkout without scraping the page, by redirectUrl or by id; the IPN
// goes out as for the page's buttons, and a finished or unknown checkout
// is an error.
func TestPayAndDeclineCheckoutFromGo(t *testing.T) {
	recv := newReceiver(t, 0)
	srv := newServer(t, zentest.WithIPNURL(recv.URL))
	c := srv.Client()
	ctx := context.Background()

	req := checkoutRequest(newMTID())
	co, err := c.Checkouts.Create(ctx, req)
	require.NoError(t, err)
	paid, err := srv.PayCheckout(co.RedirectURL)
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, paid.Status)
	assert.Equal(t, req.MerchantTransactionID, paid.MerchantTransactionID)
	assert.Equal(t, "12.34", paid.Amount.String())
	n := recv.next(t)
	assert.Equal(t, paid.ID, n.TransactionID)
	assert.Equal(t, types.StatusAccepted, n.Status)
	_, err = srv.PayCheckout(co.RedirectURL)
	assert.EqualError(t, err, "zentest: PayCheckout: this checkout is already finished")

	req = checkoutRequest(newMTID())
	co, err = c.Checkouts.Create(ctx, req)
	require.NoError(t, err)
	id := strings.TrimPrefix(co.RedirectURL, srv.CheckoutURL+"/")
	declined, err := srv.DeclineCheckout(id)
	require.NoError(t, err)
	assert.Equal(t, types.StatusRejected, declined.Status)
	assert.Equal(t, zentest.DeclineCard, declined.RejectCode)
	assert.ErrorIs(t, declined.Err(), zen.ErrDeclined)
	assert.Equal(t, types.StatusRejected, recv.next(t).Status)

	_, err = srv.PayCheckout("no-such-checkout")
	assert.EqualError(t, err, `zentest: PayCheckout: no checkout "no-such-checkout"`)

	// A payment link's url works too.
	r := call(t, srv, "POST", "/v1/payment-links", map[string]any{
		"merchantTransactionId": newMTID(), "amount": "7.50", "currency": "EUR",
		"customer":       map[string]any{"email": "buyer@example.com", "firstName": "Ann", "lastName": "Lee"},
		"items":          []map[string]any{{"name": "Ticket", "price": "5.00", "quantity": 1.5}},
		"expirationDate": time.Now().Add(time.Hour).Format(time.RFC3339),
	})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var link struct{ URL string }
	require.NoError(t, json.Unmarshal(r.Body, &link))
	paid, err = srv.PayCheckout(link.URL)
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, paid.Status)
	assert.Equal(t, "7.50", paid.Amount.String())
	assert.Equal(t, []map[string]any{{"name": "Ticket", "price": "5.00", "quantity": json.Number("1.5"), "lineAmountTotal": "7.50"}},
		rawItems(t, mustJSON(t, paid)), "a fractional quantity is written back as sent")
}

// TestComplete3DSFromGo: Card3DS waits for the buyer; Complete3DS(ok)
// authorizes it under manual capture and accepts it under automatic
// capture, Complete3DS(!ok) rejects it with Decline3DS; a method other
// than a card declined by the buyer gets DeclineBlik.
func TestComplete3DSFromGo(t *testing.T) {
	for _, auto := range []bool{false, true} {
		opts := []zentest.Option{}
		want := types.StatusAuthorized
		if auto {
			opts, want = append(opts, zentest.WithAutoCapture()), types.StatusAccepted
		}
		srv := newServer(t, opts...)
		p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "25.00", zentest.Card3DS)))
		require.Equal(t, types.StatusPending, p.Status)
		got, err := srv.Complete3DS(p.ID, true)
		require.NoError(t, err)
		assert.Equal(t, want, got.Status, "auto capture %t", auto)
		assert.Equal(t, want == types.StatusAuthorized, got.Can().Capture)
		_, err = srv.Complete3DS(p.ID, true)
		assert.ErrorContains(t, err, "zentest: Complete3DS: transaction "+p.ID+" ("+string(want)+"): this payment is already finished")
	}

	srv := newServer(t)
	p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "25.00", zentest.Card3DS)))
	got, err := srv.Complete3DS(p.MerchantTransactionID, false)
	require.NoError(t, err)
	assert.Equal(t, types.StatusRejected, got.Status)
	assert.Equal(t, types.RejectCode("C00019"), got.RejectCode)
	assert.Equal(t, "Authentication failed", got.RejectReason)
	assert.ErrorIs(t, got.Err(), zen.ErrAuthenticationFailed)

	b := purchase(newMTID(), "25.00", "")
	b["paymentChannel"] = "PCL_IDEAL"
	b["paymentSpecificData"] = map[string]any{"type": "general", "returnUrl": "https://shop.example/back"}
	p = tx(t, call(t, srv, "POST", "/v1/transactions", b))
	got, err = srv.Complete3DS(p.ID, false)
	require.NoError(t, err)
	assert.Equal(t, types.RejectCode("E40256"), got.RejectCode)

	_, err = srv.Complete3DS("nope", true)
	assert.EqualError(t, err, `zentest: Complete3DS: no transaction "nope"`)
}

// TestCaptureOption names the two capture modes as the environment
// variable and cmd/zen-fake take them.
func TestCaptureOption(t *testing.T) {
	for mode, auto := range map[string]bool{"": false, "manual": false, "auto": true} {
		opt, err := zentest.CaptureOption(mode)
		require.NoError(t, err)
		srv := newServer(t, zentest.WithAutoCapture(), opt)
		assert.Equal(t, auto, srv.AutoCapture(), "mode %q", mode)
		p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved)))
		assert.Equal(t, auto, p.Status == types.StatusAccepted, "mode %q: %s", mode, p.Status)
	}
	_, err := zentest.CaptureOption("immediate")
	assert.EqualError(t, err, `zentest: capture mode "immediate": want auto or manual`)
}
