package zentest_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

type offerJSON struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Amount    types.Amount `json:"amount"`
	Fee       types.Amount `json:"fee"`
	Currency  string       `json:"currency"`
	ExpiresAt time.Time    `json:"expiresAt"`
}

func offersOf(t *testing.T, tx *types.Transaction) []offerJSON {
	t.Helper()
	var out []offerJSON
	require.NoError(t, json.Unmarshal(tx.Extra["offers"], &out))
	return out
}

func walletPayout(mtid, amount string) *zen.PayoutCreateRequest {
	return &zen.PayoutCreateRequest{
		MerchantTransactionID: mtid, PaymentChannel: types.ChannelDragon, Amount: types.MustAmount(amount), Currency: "EUR",
		Customer:            &types.TransactionCustomer{Email: "shop@example.com"},
		Items:               []types.Item{types.NewItem("payout", types.MustAmount(amount), 1)},
		BillingAddress:      &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
		PaymentSpecificData: zen.DragonPayoutData{RecipientExternalID: "wallet-1"},
	}
}

func TestSDKPayoutOffers(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()

	p, err := c.Payouts.Create(ctx, walletPayout(newMTID(), "100.00"))
	require.NoError(t, err)
	assert.Equal(t, types.StatusPending, p.Status)
	assert.True(t, p.Can().SelectOffer)
	assert.True(t, p.Can().RenewOffers)
	assert.NotContains(t, p.Extra, "offers", "v1 answers do not carry offers")

	v2, err := c.Payouts.GetV2(ctx, p.ID)
	require.NoError(t, err)
	offers := offersOf(t, v2)
	require.Len(t, offers, 2)
	assert.Equal(t, offerJSON{
		ID: "standard-1", Name: "standard", Amount: types.MustAmount("99.50"), Fee: types.MustAmount("0.50"),
		Currency: "EUR", ExpiresAt: clock.Now().Add(15 * time.Minute),
	}, offers[0])
	assert.Equal(t, "express-1", offers[1].ID)
	assert.Equal(t, "1.50", offers[1].Fee.String())

	// An expired offer cannot be taken; refreshing gives the next ones.
	clock.Advance(20 * time.Minute)
	_, err = c.Payouts.SelectOffer(ctx, p.ID, &zen.PayoutSelectOfferRequest{OfferID: "standard-1"})
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "offerId: has expired")
	refreshed, err := c.Payouts.RefreshOffers(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"standard-2", "express-2"}, []string{offersOf(t, refreshed)[0].ID, offersOf(t, refreshed)[1].ID})
	_, err = c.Payouts.SelectOffer(ctx, p.ID, &zen.PayoutSelectOfferRequest{OfferID: "standard-1"})
	assert.Contains(t, apiMessage(t, err), "offerId: is not a current offer")

	chosen, err := c.Payouts.SelectOffer(ctx, p.ID, &zen.PayoutSelectOfferRequest{OfferID: "express-2"})
	require.NoError(t, err)
	assert.Equal(t, types.StatusAuthorized, chosen.Status)
	assert.JSONEq(t, `"express-2"`, string(chosen.Extra["selectedOfferId"]))
	assert.False(t, chosen.Can().SelectOffer)
	_, err = c.Payouts.RefreshOffers(ctx, p.ID)
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "id: the payout has no offers to refresh (status AUTHORIZED)")

	captured, err := c.Payouts.Capture(ctx, &zen.PayoutCaptureRequest{TransactionID: p.ID, MerchantTransactionID: p.MerchantTransactionID})
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, captured.Status)
}

func TestSDKPayoutOffersNotFound(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	const unknown = "00000000-0000-4000-8000-000000000000"
	_, err := c.Payouts.GetV2(ctx, unknown)
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = c.Payouts.RefreshOffers(ctx, unknown)
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = c.Payouts.SelectOffer(ctx, unknown, &zen.PayoutSelectOfferRequest{OfferID: "standard-1"})
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = c.Payouts.Renew(ctx, &zen.PayoutRenewRequest{TransactionID: unknown, MerchantTransactionID: "x"})
	require.ErrorIs(t, err, zen.ErrNotFound)

	// A purchase is not a payout.
	p, err := c.Purchases.Create(ctx, cardPurchase(newMTID(), "3.00", zentest.CardApproved))
	require.NoError(t, err)
	_, err = c.Payouts.GetV2(ctx, p.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)

	// A card payout has no offers.
	card, err := c.Payouts.Create(ctx, &zen.PayoutCreateRequest{
		MerchantTransactionID: newMTID(), PaymentChannel: types.ChannelCard, Amount: types.MustAmount("5.00"), Currency: "EUR",
		Customer:            &types.TransactionCustomer{Email: "shop@example.com"},
		Items:               []types.Item{types.NewItem("payout", types.MustAmount("5.00"), 1)},
		BillingAddress:      &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
		PaymentSpecificData: zen.CardPayoutData{CardToken: "t", Recipient: zen.PayoutRecipient{FirstName: "A", LastName: "B"}},
	})
	require.NoError(t, err)
	_, err = c.Payouts.SelectOffer(ctx, card.ID, &zen.PayoutSelectOfferRequest{OfferID: "standard-1"})
	require.ErrorIs(t, err, zen.ErrValidation)
	v2, err := c.Payouts.GetV2(ctx, card.ID)
	require.NoError(t, err)
	assert.NotContains(t, v2.Extra, "offers")
	assert.Equal(t, card.ID, v2.ID)
}

func TestSDKPayoutRenew(t *testing.T) {
	srv := newServer(t, zentest.WithAutoCapture())
	c := srv.Client()
	ctx := context.Background()

	// A payout to a wallet that the bank rejected gets a new attempt with
	// new offers.
	p, err := c.Payouts.Create(ctx, walletPayout(newMTID(), "40.00"))
	require.NoError(t, err)
	require.NoError(t, srv.Settle(p.ID, types.StatusRejected, ""))
	renewed, err := c.Payouts.Renew(ctx, &zen.PayoutRenewRequest{TransactionID: p.ID, MerchantTransactionID: p.MerchantTransactionID})
	require.NoError(t, err)
	assert.Equal(t, types.StatusPending, renewed.Status)
	assert.Empty(t, renewed.RejectCode)
	assert.Equal(t, "standard-1", offersOf(t, renewed)[0].ID)
	_, err = c.Payouts.Renew(ctx, &zen.PayoutRenewRequest{TransactionID: p.ID, MerchantTransactionID: p.MerchantTransactionID})
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "transactionId: only a REJECTED payout can be renewed (status PENDING)")

	// A .99 payout is rejected again; new payment data may change its kind,
	// but not the amount's verdict.
	d, err := c.Payouts.Create(ctx, walletPayout(newMTID(), "10.99"))
	require.NoError(t, err)
	require.Equal(t, types.StatusRejected, d.Status)
	again, err := c.Payouts.Renew(ctx, &zen.PayoutRenewRequest{TransactionID: d.ID, MerchantTransactionID: d.MerchantTransactionID,
		PaymentSpecificData: zen.CardPayoutData{CardToken: "t", Recipient: zen.PayoutRecipient{FirstName: "A", LastName: "B"}}})
	require.NoError(t, err)
	assert.Equal(t, types.StatusRejected, again.Status)

	// With WithAutoCapture a renewed card payout is ACCEPTED at once.
	require.NoError(t, srv.Settle(p.ID, types.StatusRejected, ""))
	card, err := c.Payouts.Renew(ctx, &zen.PayoutRenewRequest{TransactionID: p.ID, MerchantTransactionID: p.MerchantTransactionID,
		PaymentSpecificData: zen.CardPayoutData{CardToken: "t", Recipient: zen.PayoutRecipient{FirstName: "A", LastName: "B"}}})
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, card.Status)
	assert.NotContains(t, card.Extra, "offers")

	raw := call(t, srv, "POST", "/v1/payouts/renew", map[string]any{"transactionId": "nope", "paymentSpecificData": "x"})
	msg := errMessage(t, raw, 400)
	assert.Contains(t, msg, "transactionId: must be a UUID")
	assert.Contains(t, msg, "merchantTransactionId: is required")
	assert.Contains(t, msg, "paymentSpecificData: must be an object")
}
