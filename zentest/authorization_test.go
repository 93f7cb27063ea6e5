package zentest_test

import (
	"context"
	"net/http"
	"path"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// authQuote is a compact view of a quote for comparisons.
func authQuote(q *zen.AuthorizationQuote) [5]string {
	return [5]string{q.BaseAmount.String(), q.Fee.String(), q.Amount.String(), q.Currency, q.Rate}
}

func TestAuthorizationCalculate(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 7, 10, 11, 28, 41, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()
	req := func(amount, from, to string, data ...zen.AuthorizationTarget) *zen.AuthorizationCalculateRequest {
		return &zen.AuthorizationCalculateRequest{
			MerchantTransactionID: newMTID(), Amount: types.MustAmount(amount), Currency: from,
			AuthorizationCurrency: to, Data: data,
		}
	}

	// EUR to PLN for every card option: 10.00 EUR = 43.00 PLN, 2% fee.
	methods, err := c.Authorization.Calculate(ctx, req("10.00", "EUR", "PLN", zen.AuthorizationTarget{PaymentMethod: types.MethodCard}))
	require.NoError(t, err)
	require.Len(t, methods, 1)
	m := methods[0]
	assert.Equal(t, types.MethodCard, m.PaymentMethod)
	assert.Equal(t, "0.86", m.MaxFee.String())
	require.Len(t, m.Channels, 3)
	want := [5]string{"43.00", "0.86", "43.86", "PLN", "4.3"}
	for i, ch := range []types.PaymentChannel{types.ChannelCard, types.ChannelApplePay, types.ChannelGooglePay} {
		assert.Equal(t, ch, m.Channels[i].PaymentChannel)
		assert.Equal(t, want, authQuote(m.Channels[i].Authorization))
		assert.Empty(t, m.Channels[i].Unparsed)
	}
	card := m.Channels[0]
	require.Len(t, card.CardOrganizations, 2)
	assert.Equal(t, types.CardOrgVisa, card.CardOrganizations[0].Organization)
	assert.Equal(t, types.CardOrgMastercard, card.CardOrganizations[1].Organization)
	assert.Equal(t, want, authQuote(card.CardOrganizations[1].Authorization))
	exp, err := card.Authorization.ExpiresAt()
	require.NoError(t, err)
	assert.Equal(t, clock.Now().Add(15*time.Minute), exp)
	rate, err := card.Authorization.RateDecimal()
	require.NoError(t, err)
	assert.Equal(t, "4.3", rate.String())

	// Same currency: rate 1. A BIN narrows to its organization and the
	// card channel; BLIK takes only PLN, at 1%.
	methods, err = c.Authorization.Calculate(ctx, req("100", "PLN", "PLN",
		zen.AuthorizationTarget{CardBin: "555555"}, zen.AuthorizationTarget{PaymentChannel: types.ChannelBlik}))
	require.NoError(t, err)
	require.Len(t, methods, 2)
	require.Len(t, methods[0].Channels, 1)
	assert.Equal(t, types.ChannelCard, methods[0].Channels[0].PaymentChannel)
	require.Len(t, methods[0].Channels[0].CardOrganizations, 1)
	assert.Equal(t, types.CardOrgMastercard, methods[0].Channels[0].CardOrganizations[0].Organization)
	assert.Equal(t, [5]string{"100.00", "2.00", "102.00", "PLN", "1"}, authQuote(methods[0].Channels[0].Authorization))
	assert.Equal(t, types.PaymentMethod("PME_BLIK"), methods[1].PaymentMethod)
	assert.Equal(t, [5]string{"100.00", "1.00", "101.00", "PLN", "1"}, authQuote(methods[1].Channels[0].Authorization))
	assert.Equal(t, "1.00", methods[1].MaxFee.String())

	// Cross rates go through the euro and round half up: 12.34 GBP in USD
	// is 12.34 × 1.10/0.85 = 15.969… → 15.97; fee 0.3194 → 0.32.
	methods, err = c.Authorization.Calculate(ctx, req("12.34", "GBP", "USD",
		zen.AuthorizationTarget{PaymentChannel: types.ChannelCard, CardOrganization: types.CardOrgVisa}))
	require.NoError(t, err)
	assert.Equal(t, [5]string{"15.97", "0.32", "16.29", "USD", "1.2941176471"}, authQuote(methods[0].Channels[0].Authorization))
	assert.Len(t, methods[0].Channels[0].CardOrganizations, 1)

	// Nothing on offer: an empty list. BLIK does not take EUR.
	methods, err = c.Authorization.Calculate(ctx, req("1", "EUR", "EUR", zen.AuthorizationTarget{PaymentChannel: types.ChannelBlik}))
	require.NoError(t, err)
	assert.Empty(t, methods)

	// Server-side rules.
	_, err = c.Authorization.Calculate(ctx, req("1", "EUR", "JPY", zen.AuthorizationTarget{PaymentMethod: types.MethodCard}))
	assert.Equal(t, "authorizationCurrency: the fake has no rate from EUR (it knows EUR, GBP, PLN and USD)",
		subsAPIError(t, err, http.StatusBadRequest))
	_, err = c.Authorization.Calculate(ctx, req("1", "EUR", "EUR", zen.AuthorizationTarget{}, zen.AuthorizationTarget{CardID: uuid.NewString()}))
	assert.Equal(t, "data[1].cardId: no saved card with this id", subsAPIError(t, err, http.StatusBadRequest))
	msg := errMessage(t, call(t, srv, "POST", "/v1/authorization/calculate", map[string]any{
		"amount": 1, "currency": "eur", "transactionType": "PURCHASE", "ip": "x", "data": []any{"card"},
	}), http.StatusBadRequest)
	for _, f := range []string{"merchantTransactionId: is required", "amount: must be a JSON string", "currency: must match",
		"authorizationCurrency: is required", "transactionType: must match", "ip: must be an IPv4 or IPv6 address", "data[0]: must be an object"} {
		assert.Contains(t, msg, f)
	}
	msg = errMessage(t, call(t, srv, "POST", "/v1/authorization/calculate", map[string]any{}), http.StatusBadRequest)
	assert.Contains(t, msg, "data: is required")
}

func TestAuthorizationCalculateSavedCard(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	p := purchase(newMTID(), "10.00", "5555555555554444")
	p["customer"].(map[string]any)["id"] = uuid.NewString()
	p["paymentSpecificData"].(map[string]any)["saveCard"] = true
	cardID := tx(t, call(t, srv, "POST", "/v1/transactions", p)).CardInfo.Token

	methods, err := c.Authorization.Calculate(context.Background(), &zen.AuthorizationCalculateRequest{
		MerchantTransactionID: newMTID(), Amount: types.MustAmount("10.00"), Currency: "PLN", AuthorizationCurrency: "EUR",
		Data: []zen.AuthorizationTarget{{CardID: cardID}},
	})
	require.NoError(t, err)
	require.Len(t, methods, 1)
	orgs := methods[0].Channels[0].CardOrganizations
	require.Len(t, orgs, 1)
	assert.Equal(t, cardID, orgs[0].CardID)
	assert.Equal(t, types.CardOrgMastercard, orgs[0].Organization)
	assert.Equal(t, [5]string{"2.33", "0.05", "2.38", "EUR", "0.2325581395"}, authQuote(orgs[0].Authorization))
}

func TestAuthorizationCalculateReversed(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	mtid := newMTID()
	co, err := c.Checkouts.Create(ctx, &zen.CheckoutCreateRequest{
		Amount: types.MustAmount("10.00"), Currency: "EUR", MerchantTransactionID: mtid,
	})
	require.NoError(t, err)
	session := path.Base(co.RedirectURL)
	req := func(amount, from, to string) *zen.AuthorizationCalculateReversedRequest {
		return &zen.AuthorizationCalculateReversedRequest{
			SessionID: session, AuthorizationAmount: types.MustAmount(amount), Currency: from, AuthorizationCurrency: to,
			Data: []zen.AuthorizationTarget{{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard}},
		}
	}

	// The customer pays 10.00 EUR: base 10.00 / 1.02 = 9.80, fee 0.20.
	res, err := c.Authorization.CalculateReversed(ctx, req("10.00", "EUR", "EUR"))
	require.NoError(t, err)
	assert.Equal(t, session, res.SessionID)
	assert.Equal(t, mtid, res.MerchantTransactionID)
	require.Len(t, res.Data, 1)
	assert.Equal(t, "0.20", res.Data[0].MaxFee.String())
	ch := res.Data[0].Channels[0]
	assert.Equal(t, "9.80", ch.Amount.String())
	assert.Equal(t, "EUR", ch.Currency)
	assert.Equal(t, [5]string{"9.80", "0.20", "10.00", "EUR", "1"}, authQuote(ch.Authorization))
	require.Len(t, ch.CardOrganizations, 2)
	assert.Equal(t, "9.80", ch.CardOrganizations[0].Amount.String())
	assert.Equal(t, "EUR", ch.CardOrganizations[0].Currency)

	// Paying 43.86 PLN: base 43.00 PLN, which is 10.00 EUR for the merchant.
	res, err = c.Authorization.CalculateReversed(ctx, req("43.86", "EUR", "PLN"))
	require.NoError(t, err)
	ch = res.Data[0].Channels[0]
	assert.Equal(t, "10.00", ch.Amount.String())
	assert.Equal(t, "EUR", ch.Currency)
	assert.Equal(t, [5]string{"43.00", "0.86", "43.86", "PLN", "4.3"}, authQuote(ch.Authorization))

	_, err = c.Authorization.CalculateReversed(ctx, req("10.00", "PLN", "PLN"))
	assert.Equal(t, "currency: must be the session's currency EUR", subsAPIError(t, err, http.StatusBadRequest))
	unknown := req("10.00", "EUR", "EUR")
	unknown.SessionID = "no-such-session"
	_, err = c.Authorization.CalculateReversed(ctx, unknown)
	subsAPIError(t, err, http.StatusNotFound)
	msg := errMessage(t, call(t, srv, "POST", "/v1/authorization/calculate/reversed", map[string]any{
		"sessionId": string(make([]byte, 129)), "currency": "EUR", "authorizationCurrency": "EUR", "data": []any{map[string]any{"cardBin": "4x"}},
	}), http.StatusBadRequest)
	for _, f := range []string{"sessionId: must be 1 to 128 characters", "authorizationAmount: is required", "data[0].cardBin: must match"} {
		assert.Contains(t, msg, f)
	}
}
