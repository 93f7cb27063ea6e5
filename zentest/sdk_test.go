package zentest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// These tests drive the fake through the SDK's own services, so the two
// are checked against each other.

var browser = &zen.BrowserDetails{
	AcceptHeader: "text/html", ColorDepth: "24", Lang: "en-US", ScreenHeight: "1080", ScreenWidth: "1920",
	Timezone: "-60", WindowSize: "05", UserAgent: "Mozilla/5.0",
}

func cardPurchase(mtid, amount, number string) *zen.PurchaseCreateRequest {
	a := types.MustAmount(amount)
	return &zen.PurchaseCreateRequest{
		MerchantTransactionID: mtid,
		PaymentChannel:        types.ChannelCard,
		Amount:                a,
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "buyer@example.com", IP: "203.0.113.7", FirstName: "Ann"},
		Items:                 []types.Item{types.NewItem("Lamp", a, 1)},
		PaymentSpecificData: zen.OneTimePayment{
			Card:           zen.CardDetails{Number: number, ExpiryDate: "1230", CVV: "123"},
			Descriptor:     "SHOP",
			ThreeDSOptions: zen.ThreeDSOptions{BrowserDetails: browser},
		},
	}
}

func TestSDKPurchaseCaptureRefunds(t *testing.T) {
	recv := newReceiver(t, 0)
	srv := newServer(t, zentest.WithIPNURL(recv.URL))
	c := srv.Client()
	ctx := context.Background()
	mtid := newMTID()

	p, err := c.Purchases.Create(ctx, cardPurchase(mtid, "100.00", zentest.CardApproved))
	require.NoError(t, err)
	require.NoError(t, p.Err())
	assert.Equal(t, types.StatusAuthorized, p.Status)
	assert.True(t, p.Can().Capture)

	p, err = c.Purchases.Capture(ctx, &zen.PurchaseCaptureRequest{
		TransactionID: p.ID, MerchantTransactionID: mtid, Amount: types.MustAmount("100.00"), Currency: "EUR",
	})
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, p.Status)

	refund := func(amount string) (*types.Transaction, error) {
		return c.Refunds.Create(ctx, &zen.RefundCreateRequest{
			TransactionID: p.ID, MerchantTransactionID: newMTID(), Amount: types.MustAmount(amount), Currency: "EUR",
		})
	}
	r1, err := refund("30.00")
	require.NoError(t, err)
	assert.Equal(t, types.TypeRefund, r1.Type)
	assert.Equal(t, p.ID, r1.ParentTransactionID)
	_, err = refund("50.00")
	require.NoError(t, err)
	_, err = refund("20.01")
	require.ErrorIs(t, err, zen.ErrValidation)
	var apiErr *zen.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "amount: must not exceed the amount left to refund 20.00")

	got, err := c.Purchases.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Len(t, got.Refunds, 2)
	assert.Equal(t, "80.00", got.RefundedAmount().String())
	byMTID, err := c.Purchases.GetByMerchantTransactionID(ctx, mtid)
	require.NoError(t, err)
	assert.Equal(t, p.ID, byMTID.ID)

	_, err = c.Purchases.Get(ctx, "00000000-0000-4000-8000-000000000000")
	require.ErrorIs(t, err, zen.ErrNotFound)

	// One IPN for the capture and one per refund, each verified by the SDK.
	seen := map[types.TransactionType]int{}
	for range 3 {
		n := recv.next(t)
		seen[n.Type]++
	}
	assert.Equal(t, map[types.TransactionType]int{types.TypePurchase: 1, types.TypeRefund: 2}, seen)
}

func TestSDKDeclinedCard(t *testing.T) {
	srv := newServer(t)
	tx, err := srv.Client().Purchases.Create(context.Background(), cardPurchase(newMTID(), "5.00", zentest.CardDeclined))
	require.NoError(t, err)
	require.ErrorIs(t, tx.Err(), zen.ErrRejected)
	assert.Equal(t, types.RejectDoNotHonor, tx.RejectError().Code)
	assert.ErrorIs(t, tx.Err(), zen.ErrDeclined)
	assert.Equal(t, "Do not honor", tx.RejectError().Description())
}

// A create whose answer is lost is processed once: the SDK's resend is
// refused as a duplicate, and the SDK then finds the purchase by its
// merchantTransactionId.
func TestSDKCreateAfterLostResponse(t *testing.T) {
	srv := newServer(t)
	srv.FailNextFor("POST", "/v1/transactions", 1, zentest.FaultLoseResponse)
	mtid := newMTID()
	tx, err := srv.Client().Purchases.Create(context.Background(), cardPurchase(mtid, "7.00", zentest.CardApproved))
	require.NoError(t, err)
	assert.Equal(t, mtid, tx.MerchantTransactionID)
	assert.Len(t, srv.Transactions(), 1)

	var calls []string
	for _, r := range srv.Requests() {
		calls = append(calls, r.Method+" "+r.Path+" "+http.StatusText(r.Status)+" "+r.Fault.String())
	}
	assert.Equal(t, []string{
		"POST /v1/transactions OK LoseResponse",
		"POST /v1/transactions Bad Request None",
		"GET /v1/transactions/merchant/" + mtid + " OK None",
	}, calls)
}

func TestSDKRenewAuthorizationAndCancel(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	req := &zen.PurchaseCreateRequest{
		MerchantTransactionID: newMTID(), PaymentChannel: types.ChannelBlik, Amount: types.MustAmount("15.00"), Currency: "PLN",
		Customer:            &types.TransactionCustomer{Email: "buyer@example.com", IP: "203.0.113.7"},
		PaymentSpecificData: zen.BlikPayment{Ticket: zentest.BlikDeclined},
	}
	tx, err := c.Purchases.Create(ctx, req)
	require.NoError(t, err)
	require.True(t, tx.Can().Authorization)
	tx, err = c.Purchases.RenewAuthorization(ctx, &zen.PurchaseRenewAuthorizationRequest{
		TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID, PaymentSpecificData: zen.BlikPayment{Ticket: zentest.BlikPending},
	})
	require.NoError(t, err)
	assert.Equal(t, types.StatusPending, tx.Status)
	tx, err = c.Purchases.Cancel(ctx, &zen.PurchaseCancelRequest{TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID})
	require.NoError(t, err)
	assert.Equal(t, types.StatusCanceled, tx.Status)
}

func TestSDKPayouts(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	create := func(mtid string) *types.Transaction {
		tx, err := c.Payouts.Create(ctx, &zen.PayoutCreateRequest{
			MerchantTransactionID: mtid, PaymentChannel: types.ChannelCard, Amount: types.MustAmount("40.00"), Currency: "EUR",
			Customer:            &types.TransactionCustomer{Email: "shop@example.com"},
			Items:               []types.Item{types.NewItem("payout", types.MustAmount("40.00"), 1)},
			BillingAddress:      &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
			PaymentSpecificData: zen.CardPayoutData{CardToken: "payout-card-1", Recipient: zen.PayoutRecipient{FirstName: "Ann", LastName: "Lee"}},
		})
		require.NoError(t, err)
		return tx
	}
	mtid := newMTID()
	p := create(mtid)
	assert.Equal(t, types.TypeSendout, p.Type)
	assert.Equal(t, types.StatusAuthorized, p.Status)
	got, err := c.Payouts.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, mtid, got.MerchantTransactionID)
	got, err = c.Payouts.GetByMerchantTransactionID(ctx, mtid)
	require.NoError(t, err)
	assert.Equal(t, p.ID, got.ID)
	got, err = c.Payouts.Capture(ctx, &zen.PayoutCaptureRequest{TransactionID: p.ID, MerchantTransactionID: mtid})
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, got.Status)

	q := create(newMTID())
	got, err = c.Payouts.Cancel(ctx, &zen.PayoutCancelRequest{TransactionID: q.ID, MerchantTransactionID: q.MerchantTransactionID})
	require.NoError(t, err)
	assert.Equal(t, types.StatusCanceled, got.Status)
	_, err = c.Payouts.Get(ctx, "00000000-0000-4000-8000-000000000000")
	require.ErrorIs(t, err, zen.ErrNotFound)
}

func TestSDKPaymentMethods(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	var channels []types.PaymentChannel
	for m, err := range c.PaymentMethods.All(context.Background(), zen.PaymentMethodListParams{Currency: "PLN", Limit: 1}) {
		require.NoError(t, err)
		for _, ch := range m.PaymentChannels {
			channels = append(channels, ch.PaymentChannel)
		}
	}
	assert.Equal(t, []types.PaymentChannel{types.ChannelCard, types.ChannelApplePay, types.ChannelGooglePay, types.ChannelBlik}, channels)
}
