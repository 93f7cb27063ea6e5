package zen_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// Helpers shared by the external (package zen_test) tests that run against
// the zentest fake.

// blikPurchase is a BLIK purchase the fake accepts, keyed by mtid.
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
