package zentest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func TestPurchaseCaptureRefundFlow(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	mtid := newMTID()

	p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(mtid, "100.00", zentest.CardApproved)))
	assert.Equal(t, types.StatusAuthorized, p.Status)
	assert.Equal(t, types.TypePurchase, p.Type)
	assert.Equal(t, "100.00", p.Amount.String())
	assert.Equal(t, mtid, p.MerchantTransactionID)
	assert.Equal(t, types.Actions{Capture: true, Cancel: true}, p.Can())
	assert.Equal(t, clock.Now(), p.CreatedAt)
	require.NotNil(t, p.CardInfo)
	assert.Equal(t, "1111", string(p.CardInfo.LastFourDigits))

	// Capture more than authorized is refused; a partial capture is fine.
	msg := errMessage(t, call(t, srv, "POST", "/v1/transactions/capture", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": mtid, "amount": "100.01", "currency": "PLN",
	}), http.StatusBadRequest)
	assert.Contains(t, msg, "amount:")
	clock.Advance(time.Minute)
	c := tx(t, call(t, srv, "POST", "/v1/transactions/capture", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": mtid, "amount": "90.00", "currency": "PLN",
	}))
	assert.Equal(t, types.StatusAccepted, c.Status)
	assert.Equal(t, "90.00", c.Amount.String())
	assert.Equal(t, types.Actions{Refund: true}, c.Can())
	assert.Equal(t, clock.Now(), c.ModifiedAt)

	// A second capture is refused: actions.capture is false now.
	msg = errMessage(t, call(t, srv, "POST", "/v1/transactions/capture", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": mtid, "amount": "90.00", "currency": "PLN",
	}), http.StatusBadRequest)
	assert.Contains(t, msg, "ACCEPTED")

	refund := func(amount string) resp {
		return call(t, srv, "POST", "/v1/transactions/refund", map[string]any{
			"transactionId": p.ID, "merchantTransactionId": newMTID(), "amount": amount, "currency": "PLN",
		})
	}
	r1 := tx(t, refund("30.00"))
	assert.Equal(t, types.TypeRefund, r1.Type)
	assert.Equal(t, types.StatusAccepted, r1.Status)
	assert.Equal(t, p.ID, r1.ParentTransactionID)
	r2 := tx(t, refund("50.00"))

	msg = errMessage(t, refund("10.01"), http.StatusBadRequest)
	assert.Contains(t, msg, "amount: must not exceed the amount left to refund 10.00")

	got := tx(t, call(t, srv, "GET", "/v1/transactions/"+p.ID, nil))
	require.Len(t, got.Refunds, 2)
	assert.Equal(t, r1.ID, got.Refunds[0].ID)
	assert.Equal(t, r2.ID, got.Refunds[1].ID)
	assert.Equal(t, "50.00", got.Refunds[1].Amount.String())
	assert.Equal(t, "80.00", got.RefundedAmount().String())
	assert.True(t, got.Can().Refund)

	tx(t, refund("10.00"))
	got = tx(t, call(t, srv, "GET", "/v1/transactions/merchant/"+mtid, nil))
	assert.Len(t, got.Refunds, 3)
	assert.False(t, got.Can().Refund, "fully refunded")
	errMessage(t, refund("0.01"), http.StatusBadRequest)

	// The refund is a transaction of its own.
	rr := tx(t, call(t, srv, "GET", "/v1/transactions/merchant/"+r1.MerchantTransactionID, nil))
	assert.Equal(t, r1.ID, rr.ID)
}

func TestRefundRules(t *testing.T) {
	srv := newServer(t)
	p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved)))
	body := map[string]any{"transactionId": p.ID, "merchantTransactionId": newMTID(), "amount": "1.00", "currency": "PLN"}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions/refund", body), 400), "only ACCEPTED")

	require.NoError(t, srv.Settle(p.ID, types.StatusAccepted, ""))
	body["currency"] = "EUR"
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions/refund", body), 400), "currency:")
	body["currency"], body["transactionId"] = "PLN", "00000000-0000-4000-8000-000000000000"
	errMessage(t, call(t, srv, "POST", "/v1/transactions/refund", body), 404)

	// The .99 decline magic is for purchases and payouts only: a refund of
	// 9.99 goes through like any other, and uses up the refundable amount.
	body["transactionId"], body["amount"] = p.ID, "9.99"
	r := tx(t, call(t, srv, "POST", "/v1/transactions/refund", body))
	assert.Equal(t, types.StatusAccepted, r.Status)
	assert.Empty(t, r.RejectCode)
	body["merchantTransactionId"], body["amount"] = newMTID(), "0.02"
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions/refund", body), 400), "amount left to refund 0.01")
	body["amount"] = "0.01"
	assert.Equal(t, types.StatusAccepted, tx(t, call(t, srv, "POST", "/v1/transactions/refund", body)).Status)
}

func TestPendingRefundsSettle(t *testing.T) {
	srv := newServer(t, zentest.WithPendingRefunds(), zentest.WithAutoCapture())
	p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved)))
	require.Equal(t, types.StatusAccepted, p.Status)
	r := tx(t, call(t, srv, "POST", "/v1/transactions/refund", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": newMTID(), "amount": "10.00", "currency": "PLN",
	}))
	assert.Equal(t, types.StatusPending, r.Status)
	assert.ErrorContains(t, srv.Settle(r.ID, types.StatusAuthorized, ""), "refund "+r.ID+" cannot be AUTHORIZED")
	require.NoError(t, srv.Settle(r.ID, types.StatusRejected, "E12345"))
	got, ok := srv.Transaction(p.ID)
	require.True(t, ok)
	assert.Equal(t, types.StatusRejected, got.Refunds[0].Status)
	assert.True(t, got.Can().Refund, "a rejected refund frees the amount")
	rr, _ := srv.Transaction(r.ID)
	assert.Equal(t, types.RejectCode("E12345"), rr.RejectCode)

	got.Customer.Email, got.Items[0].Name = "changed@example.com", "changed"
	again, _ := srv.Transaction(p.ID)
	assert.Equal(t, "buyer@example.com", again.Customer.Email, "Transaction returns a copy")
	assert.Equal(t, "Book", again.Items[0].Name)
	assert.Equal(t, "buyer@example.com", srv.Transactions()[0].Customer.Email)
}

func TestMagicOutcomes(t *testing.T) {
	srv := newServer(t)
	declined := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardDeclined)))
	assert.Equal(t, types.StatusRejected, declined.Status)
	assert.Equal(t, types.RejectCode("C40005"), declined.RejectCode)
	assert.Equal(t, "Do not honor", declined.RejectReason, "the catalogue's description")
	assert.Equal(t, types.Actions{}, declined.Can())
	var re *zen.RejectError
	require.True(t, errors.As(declined.Err(), &re))
	assert.ErrorIs(t, declined.Err(), zen.ErrDeclined)

	cents := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.99", zentest.CardApproved)))
	assert.Equal(t, types.StatusRejected, cents.Status)
	assert.Equal(t, types.RejectCode("C40051"), cents.RejectCode)
	assert.Equal(t, "Insufficient funds", cents.RejectReason)
	assert.ErrorIs(t, cents.Err(), zen.ErrDeclined)

	threeDS := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.Card3DS)))
	assert.Equal(t, types.StatusPending, threeDS.Status)
	require.NotNil(t, threeDS.MerchantAction)
	assert.Equal(t, types.ActionRedirect, threeDS.MerchantAction.Action)
	assert.Equal(t, srv.CheckoutURL+"/authorize/"+threeDS.ID, threeDS.MerchantAction.RedirectURL)
	assert.Equal(t, threeDS.MerchantAction.RedirectURL, threeDS.RedirectURL)
	assert.Equal(t, types.Actions{Cancel: true, Redirect: true}, threeDS.Can())

	canceled := tx(t, call(t, srv, "POST", "/v1/transactions/cancel", map[string]any{"transactionId": threeDS.ID, "merchantTransactionId": threeDS.MerchantTransactionID}))
	assert.Equal(t, types.StatusCanceled, canceled.Status)
	assert.Nil(t, canceled.MerchantAction)
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions/cancel", map[string]any{"transactionId": threeDS.ID}), 400), "CANCELED")

	auto := newServer(t, zentest.WithAutoCapture())
	assert.Equal(t, types.StatusAccepted, tx(t, call(t, auto, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved))).Status)
}

func TestThreeDSAuthorizationPage(t *testing.T) {
	srv := newServer(t)
	body := purchase(newMTID(), "25.00", zentest.Card3DS)
	body["paymentSpecificData"].(map[string]any)["returnVerifyUrl"] = "https://shop.example/return"
	p := tx(t, call(t, srv, "POST", "/v1/transactions", body))

	page := send(t, mustRequest(t, "GET", p.RedirectURL))
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, string(page.Body), "25.00 PLN")
	assert.Contains(t, string(page.Body), `action="/authorize/`+p.ID+`/pay"`)

	done := send(t, mustRequest(t, "POST", p.RedirectURL+"/pay"))
	assert.Equal(t, http.StatusSeeOther, done.Status)
	assert.Equal(t, "https://shop.example/return", done.Header.Get("Location"))
	got := tx(t, call(t, srv, "GET", "/v1/transactions/"+p.ID, nil))
	assert.Equal(t, types.StatusAuthorized, got.Status)
	assert.Equal(t, types.Actions{Capture: true, Cancel: true}, got.Can())
	assert.Equal(t, http.StatusConflict, send(t, mustRequest(t, "POST", p.RedirectURL+"/pay")).Status)
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, nil)
	require.NoError(t, err)
	return req
}

func TestRenewAuthorizationBLIK(t *testing.T) {
	srv := newServer(t)
	p := tx(t, call(t, srv, "POST", "/v1/transactions", blikPurchase(zentest.BlikDeclined)))
	assert.Equal(t, types.StatusRejected, p.Status)
	assert.Equal(t, types.RejectCode("E40256"), p.RejectCode)
	assert.Equal(t, "Declined by user", p.RejectReason)
	assert.True(t, p.Can().Authorization)

	renew := map[string]any{"transactionId": p.ID, "merchantTransactionId": p.MerchantTransactionID,
		"paymentSpecificData": map[string]any{"type": "blik", "ticket": "777111"}}
	got := tx(t, call(t, srv, "POST", "/v1/transactions/renewAuthorization", renew))
	assert.Equal(t, types.StatusAccepted, got.Status)
	assert.Empty(t, got.RejectCode)
	assert.False(t, got.Can().Authorization)
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions/renewAuthorization", renew), 400), "cannot be renewed")

	renew["paymentSpecificData"] = map[string]any{"type": "blik", "ticket": "12345"}
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/transactions/renewAuthorization", renew), 400), "paymentSpecificData.ticket")
}

// blikPurchase returns a BLIK purchase body with this ticket.
func blikPurchase(ticket string) map[string]any {
	body := purchase(newMTID(), "15.00", "")
	body["paymentChannel"] = "PCL_BLIK"
	body["paymentSpecificData"] = map[string]any{"type": "blik", "ticket": ticket}
	return body
}

func TestSettle(t *testing.T) {
	srv := newServer(t)
	p := tx(t, call(t, srv, "POST", "/v1/transactions", blikPurchase(zentest.BlikPending)))
	assert.Equal(t, types.StatusPending, p.Status)
	assert.False(t, p.Can().Redirect)

	card := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "10.00", zentest.CardApproved)))
	assert.EqualError(t, srv.Settle(card.ID, types.StatusAuthorized, ""), "zentest: Settle: transaction "+card.ID+" is already AUTHORIZED")
	require.NoError(t, srv.Settle(p.ID, types.StatusAccepted, ""))
	assert.Equal(t, types.StatusAccepted, tx(t, call(t, srv, "GET", "/v1/transactions/"+p.ID, nil)).Status)
	assert.EqualError(t, srv.Settle(p.ID, types.StatusRejected, ""), "zentest: Settle: transaction "+p.ID+" is already ACCEPTED")
	assert.EqualError(t, srv.Settle("nope", types.StatusAccepted, ""), `zentest: Settle: no transaction "nope"`)
	assert.EqualError(t, srv.Settle(p.ID, types.StatusPending, ""), `zentest: Settle: cannot settle to "PENDING"`)
	assert.Len(t, srv.Transactions(), 2)
}

func TestNotFoundShape(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{
		"/v1/transactions/00000000-0000-4000-8000-000000000000",
		"/v1/transactions/merchant/unknown",
		"/v1/payouts/unknown",
		"/v1/payouts/merchant/unknown",
		"/v1/payment-links/unknown",
		"/v3/customers/unknown",
	} {
		r := call(t, srv, "GET", path, nil)
		assert.Equal(t, http.StatusNotFound, r.Status, path)
		assert.JSONEq(t, `{"error":{"code":"404","message":"Record Not Found"}}`, string(r.Body), path)
	}
	assert.Equal(t, "Method Not Allowed", errMessage(t, call(t, srv, "DELETE", "/v1/transactions", nil), http.StatusMethodNotAllowed))
}

// The 404 body decodes through the SDK's own error path: the client's
// checkout URL points at the API host, where /api/checkouts is unknown.
func TestNotFoundThroughSDK(t *testing.T) {
	srv := newServer(t)
	c := srv.Client(zen.WithCheckoutURL(srv.URL))
	_, err := c.Checkouts.Create(context.Background(), &zen.CheckoutCreateRequest{
		Amount: types.MustAmount("1.00"), Currency: "PLN", MerchantTransactionID: newMTID(),
	})
	require.ErrorIs(t, err, zen.ErrNotFound)
	var apiErr *zen.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "404", apiErr.Code)
	assert.Equal(t, "Record Not Found", apiErr.Message)
}

func TestDuplicateMerchantTransactionID(t *testing.T) {
	srv := newServer(t)
	mtid := newMTID()
	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(mtid, "10.00", zentest.CardApproved)))
	msg := errMessage(t, call(t, srv, "POST", "/v1/transactions", purchase(mtid, "10.00", zentest.CardApproved)), http.StatusBadRequest)
	assert.Contains(t, msg, "merchantTransactionId")
	// Payouts and refunds share the namespace.
	payout := payoutBody(mtid, "5.00")
	assert.Contains(t, errMessage(t, call(t, srv, "POST", "/v1/payouts", payout), 400), "merchantTransactionId")
	assert.Len(t, srv.Transactions(), 1)
}

func payoutBody(mtid, amount string) map[string]any {
	return map[string]any{
		"merchantTransactionId": mtid,
		"paymentChannel":        "PCL_CARD",
		"amount":                amount,
		"currency":              "EUR",
		"customer":              map[string]any{"email": "shop@example.com", "firstName": "Shop"},
		"items":                 []map[string]any{{"name": "Payout", "price": amount, "quantity": 1, "lineAmountTotal": amount}},
		"billingAddress":        map[string]any{"country": "PL"},
		"paymentSpecificData": map[string]any{
			"type": "cardpayout", "cardToken": "payout-card-1",
			"recipient": map[string]any{"firstName": "Ann", "lastName": "Lee"},
		},
	}
}

func TestPayouts(t *testing.T) {
	srv := newServer(t)
	mtid := newMTID()
	p := tx(t, call(t, srv, "POST", "/v1/payouts", payoutBody(mtid, "12.50")))
	assert.Equal(t, types.TypeSendout, p.Type)
	assert.Equal(t, types.StatusAuthorized, p.Status)
	assert.Equal(t, types.Actions{Capture: true, Cancel: true}, p.Can())

	assert.Equal(t, p.ID, tx(t, call(t, srv, "GET", "/v1/payouts/"+p.ID, nil)).ID)
	assert.Equal(t, p.ID, tx(t, call(t, srv, "GET", "/v1/payouts/merchant/"+mtid, nil)).ID)
	errMessage(t, call(t, srv, "GET", "/v1/transactions/"+p.ID, nil), 404)
	errMessage(t, call(t, srv, "POST", "/v1/transactions/capture", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": mtid, "amount": "12.50", "currency": "EUR",
	}), 404)

	c := tx(t, call(t, srv, "POST", "/v1/payouts/capture", map[string]any{"transactionId": p.ID, "merchantTransactionId": mtid}))
	assert.Equal(t, types.StatusAccepted, c.Status)
	assert.Equal(t, "12.50", c.Amount.String())
	assert.Equal(t, types.Actions{}, c.Can())

	q := tx(t, call(t, srv, "POST", "/v1/payouts", payoutBody(newMTID(), "3.00")))
	assert.Equal(t, types.StatusCanceled, tx(t, call(t, srv, "POST", "/v1/payouts/cancel", map[string]any{"transactionId": q.ID})).Status)

	r := tx(t, call(t, srv, "POST", "/v1/payouts", payoutBody(newMTID(), "3.99")))
	assert.Equal(t, types.StatusRejected, r.Status)

	auto := newServer(t, zentest.WithAutoCapture())
	assert.Equal(t, types.StatusAccepted, tx(t, call(t, auto, "POST", "/v1/payouts", payoutBody(newMTID(), "1.00"))).Status)
}
