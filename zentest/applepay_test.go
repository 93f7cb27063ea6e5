package zentest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

const appleURL = "https://apple-pay-gateway.apple.com/paymentservices/startSession"

func TestSDKApplePaySession(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()
	req := &zen.PurchaseValidateApplePaySessionRequest{AppleURL: appleURL, Currency: "EUR"}

	raw, err := c.Purchases.ValidateApplePaySession(ctx, req)
	require.NoError(t, err)
	var session map[string]any
	require.NoError(t, json.Unmarshal(raw, &session))
	assert.Equal(t, float64(clock.Now().UnixMilli()), session["epochTimestamp"])
	assert.Equal(t, float64(clock.Now().Add(5*time.Minute).UnixMilli()), session["expiresAt"])
	assert.Regexp(t, `^SSH[0-9A-F]{32}$`, session["merchantSessionIdentifier"])
	for _, k := range []string{"nonce", "merchantIdentifier", "signature", "displayName"} {
		assert.NotEmpty(t, session[k], k)
	}
	again, err := c.Purchases.ValidateApplePaySession(ctx, req)
	require.NoError(t, err)
	assert.JSONEq(t, string(raw), string(again), "the same request gets the same session")
	other, err := c.Purchases.ValidateApplePaySession(ctx, &zen.PurchaseValidateApplePaySessionRequest{AppleURL: appleURL, Currency: "PLN"})
	require.NoError(t, err)
	assert.NotEqual(t, string(raw), string(other))

	r := srv.Requests()[0]
	assert.Equal(t, "securebroker", r.Header.Get("checkout-version"))
	assert.JSONEq(t, `{"appleUrl":"`+appleURL+`","initiative":"webapp","currency":"EUR"}`, string(r.Body))

	_, err = c.Purchases.ValidateApplePaySession(ctx, &zen.PurchaseValidateApplePaySessionRequest{AppleURL: "https://evil.example/x", Currency: "EUR"})
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "appleUrl: must be Apple's https validation URL")
}

func TestApplePaySessionRules(t *testing.T) {
	srv := newServer(t)
	body := map[string]any{"appleUrl": appleURL, "initiative": "webapp", "currency": "EUR"}
	msg := errMessage(t, call(t, srv, "POST", "/v1/applepay/session", body), http.StatusBadRequest)
	assert.Equal(t, "checkout-version: header must be securebroker", msg)

	secure := func(r *http.Request) { r.Header.Set("checkout-version", "securebroker") }
	assert.Equal(t, http.StatusOK, call(t, srv, "POST", "/v1/applepay/session", body, secure).Status)
	msg = errMessage(t, call(t, srv, "POST", "/v1/applepay/session", map[string]any{
		"appleUrl": "http://apple-pay-gateway.apple.com/x", "initiative": "inapp", "currency": "eur",
	}, secure), http.StatusBadRequest)
	assert.Contains(t, msg, "appleUrl: must be Apple's https validation URL")
	assert.Contains(t, msg, "initiative: must be webapp")
	assert.Contains(t, msg, "currency: must match")
	msg = errMessage(t, call(t, srv, "POST", "/v1/applepay/session", map[string]any{}, secure), http.StatusBadRequest)
	assert.Contains(t, msg, "appleUrl: is required")
	assert.Contains(t, msg, "initiative: is required")
}

func TestSDKCashback(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	offers, err := c.Purchases.CalculateCashback(ctx, &zen.PurchaseCalculateCashbackRequest{
		Amount: types.MustAmount("200.00"), Currency: "PLN",
		Data: []zen.CashbackQuery{
			{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard, CardOrganization: types.CardOrgVisa},
			{PaymentMethod: "PME_BLIK", PaymentChannel: types.ChannelBlik},
			{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard, CardOrganization: types.CardOrgMastercard},
			{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelApplePay},
			{PaymentMethod: "PME_TRUSTLY", PaymentChannel: types.ChannelTrustly},
		},
	})
	require.NoError(t, err)
	require.Len(t, offers, 3)

	card := offers[0]
	assert.Equal(t, types.MethodCard, card.PaymentMethod)
	assert.Equal(t, "3.00", card.MaxCashback)
	require.Len(t, card.Channels, 2)
	assert.Equal(t, types.ChannelCard, card.Channels[0].PaymentChannel)
	assert.Equal(t, "3.00", card.Channels[0].Cashback.Amount.String(), "the best organization")
	require.Len(t, card.Channels[0].CardOrganizations, 2)
	assert.Equal(t, types.CardOrgVisa, card.Channels[0].CardOrganizations[0].Organization)
	assert.Equal(t, "2.00", card.Channels[0].CardOrganizations[0].Cashback.Amount.String())
	assert.Equal(t, "3.00", card.Channels[0].CardOrganizations[1].Cashback.Amount.String())
	assert.Equal(t, "PLN", card.Channels[0].CardOrganizations[1].Cashback.Currency)
	assert.Equal(t, "2.00", card.Channels[1].Cashback.Amount.String(), "Apple Pay 1%")
	assert.Empty(t, card.Channels[1].CardOrganizations)
	assert.Equal(t, "4.00", offers[1].Channels[0].Cashback.Amount.String(), "BLIK 2%")
	assert.Equal(t, "1.00", offers[2].Channels[0].Cashback.Amount.String(), "other channels 0.5%")

	refund, err := c.Purchases.CalculateCashback(ctx, &zen.PurchaseCalculateCashbackRequest{
		Amount: types.MustAmount("200.00"), Currency: "PLN", TransactionType: types.TypeRefund,
		Data: []zen.CashbackQuery{{PaymentMethod: "PME_BLIK", PaymentChannel: types.ChannelBlik}},
	})
	require.NoError(t, err)
	assert.Equal(t, "0.00", refund[0].Channels[0].Cashback.Amount.String(), "only purchases earn cashback")
}

func TestCashbackRules(t *testing.T) {
	srv := newServer(t)
	msg := errMessage(t, call(t, srv, "POST", "/v1/cashback/calculate", map[string]any{
		"amount": 10, "currency": "PLN", "transactionType": "purchase",
		"data": []map[string]any{{"paymentMethod": "PME_CARD", "paymentChannel": "PCL_CARD"}, {"paymentChannel": "PCL_BLIK"}},
	}), http.StatusBadRequest)
	assert.Contains(t, msg, "amount: must be a JSON string")
	assert.Contains(t, msg, "transactionType: must match")
	assert.Contains(t, msg, "data[0].cardOrganization: is required")
	assert.Contains(t, msg, "data[1].paymentMethod: is required")
	msg = errMessage(t, call(t, srv, "POST", "/v1/cashback/calculate", map[string]any{"amount": "1.00", "currency": "PLN", "data": []any{}}), http.StatusBadRequest)
	assert.Contains(t, msg, "data: must not be empty")
}

// apiMessage returns the message of a *zen.APIError.
func apiMessage(t *testing.T, err error) string {
	t.Helper()
	var apiErr *zen.APIError
	require.ErrorAs(t, err, &apiErr)
	return apiErr.Message
}
