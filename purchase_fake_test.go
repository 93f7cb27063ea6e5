package zen_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// These tests run Purchases.Create and Refunds.Create against the stateful
// fake, whose FaultLoseResponse creates the transaction and then drops the
// connection: the SDK must return that transaction, not a duplicate error,
// and ZEN must end up with exactly one.

func blikPurchase(mtid string) *zen.PurchaseCreateRequest {
	return &zen.PurchaseCreateRequest{
		MerchantTransactionID: mtid,
		PaymentChannel:        types.ChannelBlik,
		Amount:                types.MustAmount("30.00"),
		Currency:              "PLN",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		PaymentSpecificData:   zen.BlikPayment{Ticket: "777111"},
	}
}

// posts counts the POSTs the fake received on path.
func posts(srv *zentest.Server, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == path {
			n++
		}
	}
	return n
}

func TestPurchaseCreateAgainstFakeSurvivesLostResponse(t *testing.T) {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client(zen.WithBackoff(0, 0, 0))
	srv.FailNextFor("POST", "/v1/transactions", 1, zentest.FaultLoseResponse)

	tx, err := client.Purchases.Create(context.Background(), blikPurchase("order-lost-1"))
	require.NoError(t, err)
	assert.Equal(t, "order-lost-1", tx.MerchantTransactionID)
	assert.Equal(t, types.StatusAccepted, tx.Status)
	assert.Equal(t, 2, posts(srv, "/v1/transactions"), "the lost attempt and its refused resend")

	again, err := client.Purchases.Get(context.Background(), tx.ID)
	require.NoError(t, err)
	assert.Equal(t, tx.ID, again.ID)
}

func TestRefundCreateAgainstFakeSurvivesLostResponse(t *testing.T) {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client(zen.WithBackoff(0, 0, 0))
	ctx := context.Background()
	purchase, err := client.Purchases.Create(ctx, blikPurchase("order-lost-2"))
	require.NoError(t, err)

	srv.FailNextFor("POST", "/v1/transactions/refund", 1, zentest.FaultLoseResponse)
	refund, err := client.Refunds.Create(ctx, &zen.RefundCreateRequest{
		TransactionID: purchase.ID, MerchantTransactionID: "order-lost-2-r1", Amount: types.MustAmount("10.00"), Currency: "PLN",
	})
	require.NoError(t, err)
	assert.Equal(t, types.TypeRefund, refund.Type)
	assert.Equal(t, purchase.ID, refund.ParentTransactionID)

	after, err := client.Purchases.Get(ctx, purchase.ID)
	require.NoError(t, err)
	require.Len(t, after.Refunds, 1, "exactly one refund")
	assert.Equal(t, "10.00", after.RefundedAmount().String())
}

// cardAuthorization creates an AUTHORIZED card purchase on the fake.
func cardAuthorization(t *testing.T, client *zen.Client, mtid string) *types.Transaction {
	t.Helper()
	tx, err := client.Purchases.Create(context.Background(), &zen.PurchaseCreateRequest{
		MerchantTransactionID: mtid,
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("40.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "ada@example.com", IP: "203.0.113.7"},
		PaymentSpecificData: zen.OneTimePayment{
			Card:           zen.CardDetails{Number: zentest.CardApproved, ExpiryDate: "1230", CVV: "123"},
			Descriptor:     "SHOP",
			ThreeDSOptions: zen.ThreeDSOptions{BrowserDetails: &zen.BrowserDetails{AcceptHeader: "text/html", ColorDepth: "24", Lang: "en", ScreenHeight: "1080", ScreenWidth: "1920", Timezone: "0", WindowSize: "05", UserAgent: "Go-http-client/1.1"}},
		},
	})
	require.NoError(t, err)
	require.Equal(t, types.StatusAuthorized, tx.Status)
	return tx
}

// A capture whose answer is lost is resent; the fake refuses the resend
// (capture is no longer allowed) and the SDK returns the captured
// transaction instead of that refusal.
func TestCaptureAndCancelAgainstFakeSurviveLostResponse(t *testing.T) {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client(zen.WithBackoff(0, 0, 0))
	ctx := context.Background()

	tx := cardAuthorization(t, client, "order-lost-capture")
	srv.FailNextFor("POST", "/v1/transactions/capture", 1, zentest.FaultLoseResponse)
	captured, err := client.Purchases.Capture(ctx, &zen.PurchaseCaptureRequest{
		TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID, Amount: tx.Amount, Currency: tx.Currency,
	})
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, captured.Status)
	assert.Equal(t, 2, posts(srv, "/v1/transactions/capture"), "the lost attempt and its refused resend")

	tx = cardAuthorization(t, client, "order-lost-cancel")
	srv.FailNextFor("POST", "/v1/transactions/cancel", 1, zentest.FaultLoseResponse)
	canceled, err := client.Purchases.Cancel(ctx, &zen.PurchaseCancelRequest{TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID})
	require.NoError(t, err)
	assert.Equal(t, types.StatusCanceled, canceled.Status)
	assert.Equal(t, 2, posts(srv, "/v1/transactions/cancel"))
}
