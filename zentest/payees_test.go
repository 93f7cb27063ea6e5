package zentest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

const unknownID = "00000000-0000-4000-8000-000000000000"

// newCustomer saves a customer through the SDK and returns its id.
func newCustomer(t *testing.T, c *zen.Client) string {
	t.Helper()
	id := uuid.NewString()
	_, err := c.Customers.Create(context.Background(), &zen.CustomerCreateRequest{MerchantCustomerID: id, Email: "ann@example.com", FirstName: "Ann"})
	require.NoError(t, err)
	return id
}

func payoutCardReq(number, expiry string) *zen.PayoutCardCreateRequest {
	return &zen.PayoutCardCreateRequest{Card: &zen.CardDetails{Number: number, ExpiryDate: expiry, CardHolderName: "Ann Lee"}}
}

// extra returns a member the SDK keeps in Extra, decoded as a string.
func extra(t *testing.T, m map[string]json.RawMessage, key string) string {
	t.Helper()
	var s string
	require.NoError(t, json.Unmarshal(m[key], &s), "%s: %s", key, m[key])
	return s
}

func TestSDKPayoutCardsV2(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	ann, bob := newCustomer(t, c), newCustomer(t, c)

	card, err := c.Customers.PayoutProfiles.Create(ctx, ann, payoutCardReq(zentest.CardApproved, "1230"))
	require.NoError(t, err)
	assert.Equal(t, ann, card.CustomerID)
	assert.Equal(t, "visa", card.Organization)
	assert.Equal(t, "Ann Lee", card.CardHolderName)
	assert.Equal(t, "1111", extra(t, card.Extra, "last4"))
	assert.Equal(t, "12", extra(t, card.Extra, "expMonth"))
	assert.Equal(t, "2030", extra(t, card.Extra, "expYear"))
	assert.Equal(t, "unverified", extra(t, card.Extra, "status"))
	assert.Equal(t, "Bearer [REDACTED]", srv.Requests()[len(srv.Requests())-1].Header.Get("Authorization"))
	assert.Equal(t, ann, srv.Requests()[len(srv.Requests())-1].Header.Get("external-customer-id"))
	_, err = c.Customers.PayoutProfiles.Create(ctx, ann, payoutCardReq("5555555555554444", "0131"))
	require.NoError(t, err)
	_, err = c.Customers.PayoutProfiles.Create(ctx, bob, payoutCardReq("4242424242424242", "0228"))
	require.NoError(t, err)
	_, err = c.Customers.PayoutProfiles.Create(ctx, unknownID, payoutCardReq(zentest.CardApproved, "1230"))
	require.ErrorIs(t, err, zen.ErrNotFound)

	page, err := c.Customers.PayoutProfiles.List(ctx, ann, zen.PayoutProfileListParams{ListParams: zen.ListParams{}})
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, card.ID, page.Data[0].ID)
	assert.Equal(t, "mastercard", page.Data[1].Organization)
	page, err = c.Customers.PayoutProfiles.List(ctx, "", zen.PayoutProfileListParams{ListParams: zen.ListParams{Page: 2, ItemsPerPage: 2}})
	require.NoError(t, err)
	require.Len(t, page.Data, 1, "every customer's cards without the header")
	assert.Equal(t, bob, page.Data[0].CustomerID)
	assert.Equal(t, types.PageMeta{Page: 2, ItemsPerPage: 2, Direction: types.Asc, SortBy: "createdAt"}, page.Meta)
	var all []string
	for pc, err := range c.Customers.PayoutProfiles.All(ctx, "", zen.PayoutProfileListParams{ListParams: zen.ListParams{ItemsPerPage: 1}}) {
		require.NoError(t, err)
		all = append(all, pc.CustomerID)
	}
	assert.Equal(t, []string{ann, ann, bob}, all)

	upd, err := c.Customers.PayoutProfiles.Update(ctx, card.ID, &zen.PayoutCardCreateRequest{Card: &zen.CardDetails{ExpiryDate: "0332", CardHolderName: "Ann B Lee"}})
	require.NoError(t, err)
	assert.Equal(t, "Ann B Lee", upd.CardHolderName)
	assert.Equal(t, "2032", extra(t, upd.Extra, "expYear"))
	assert.Equal(t, "1111", extra(t, upd.Extra, "last4"))
	_, err = c.Customers.PayoutProfiles.Update(ctx, unknownID, &zen.PayoutCardCreateRequest{Card: &zen.CardDetails{CardHolderName: "X"}})
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = c.Customers.PayoutProfiles.Update(ctx, card.ID, &zen.PayoutCardCreateRequest{Card: &zen.CardDetails{}, Extra: map[string]any{"nickname": "x"}})
	require.ErrorIs(t, err, zen.ErrValidation)
	msg := apiMessage(t, err)
	assert.Contains(t, msg, "card: must set number, expiryDate or cardHolderName")
	assert.Contains(t, msg, "nickname: cannot be updated")

	require.NoError(t, c.Customers.PayoutProfiles.Delete(ctx, card.ID))
	err = c.Customers.PayoutProfiles.Delete(ctx, card.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
}

func TestPayoutCardV2Rules(t *testing.T) {
	srv := newServer(t)
	body := map[string]any{"card": map[string]any{"number": "4111", "expiryDate": "1330", "cvv": "12"}}
	msg := errMessage(t, call(t, srv, "POST", "/v2/payout-profiles/card", body), http.StatusBadRequest)
	assert.Contains(t, msg, "external-customer-id: header is required")
	assert.Contains(t, msg, "card.number: must be 12 to 19 characters")
	assert.Contains(t, msg, "card.expiryDate: must be MMYY")
	assert.Contains(t, msg, "card.cvv:")
	msg = errMessage(t, call(t, srv, "POST", "/v2/payout-profiles/card", map[string]any{},
		func(r *http.Request) { r.Header.Set("external-customer-id", unknownID) }), http.StatusBadRequest)
	assert.Equal(t, "card: is required", msg)
}

func TestSDKPayoutCardsV3(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()
	ann, bob := newCustomer(t, c), newCustomer(t, c)

	card, err := c.Customers.PayoutCards.Create(ctx, ann, payoutCardReq(zentest.CardApproved, "1230"))
	require.NoError(t, err)
	declined, err := c.Customers.PayoutCards.Create(ctx, ann, payoutCardReq(zentest.CardDeclined, "1230"))
	require.NoError(t, err)
	old, err := c.Customers.PayoutProfiles.Create(ctx, ann, payoutCardReq(zentest.CardApproved, "0425")) // v2 and v3 share cards
	require.NoError(t, err)
	_, err = c.Customers.PayoutCards.Create(ctx, unknownID, payoutCardReq(zentest.CardApproved, "1230"))
	require.ErrorIs(t, err, zen.ErrNotFound)

	page, err := c.Customers.PayoutCards.List(ctx, ann, zen.PayoutCardListParams{ListParams: zen.ListParams{ItemsPerPage: 2, Direction: types.Desc}})
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, old.ID, page.Data[0].ID)
	_, err = c.Customers.PayoutCards.List(ctx, unknownID, zen.PayoutCardListParams{ListParams: zen.ListParams{}})
	require.ErrorIs(t, err, zen.ErrNotFound)
	n := 0
	for _, err := range c.Customers.PayoutCards.All(ctx, ann, zen.PayoutCardListParams{ListParams: zen.ListParams{ItemsPerPage: 2}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 3, n)

	got, err := c.Customers.PayoutCards.Get(ctx, ann, card.ID)
	require.NoError(t, err)
	assert.Equal(t, card.ID, got.ID)
	got, err = c.Customers.PayoutCards.GetMerchantCard(ctx, ann, card.ID)
	require.NoError(t, err)
	assert.Equal(t, ann, got.CustomerID)
	_, err = c.Customers.PayoutCards.Get(ctx, bob, card.ID)
	require.ErrorIs(t, err, zen.ErrNotFound, "another customer's card")

	renamed, err := c.Customers.PayoutCards.Update(ctx, ann, card.ID, &zen.PayoutCardUpdateRequest{Alias: "Main card"})
	require.NoError(t, err)
	assert.Equal(t, "Main card", extra(t, renamed.Extra, "alias"))
	_, err = c.Customers.PayoutCards.Update(ctx, ann, card.ID, &zen.PayoutCardUpdateRequest{Alias: strings.Repeat("x", 129)})
	require.Error(t, err, "the SDK refuses it first")
	raw := call(t, srv, "PATCH", "/v3/customers/"+ann+"/payouts/card/"+card.ID, map[string]any{"alias": 7})
	assert.Equal(t, "alias: must be a string", errMessage(t, raw, http.StatusBadRequest))

	for _, tc := range []struct {
		id   string
		want types.VerificationStatus
	}{{card.ID, types.VerificationVerified}, {declined.ID, types.VerificationInvalid}, {old.ID, types.VerificationExpired}} {
		op, err := c.Customers.PayoutCards.Verify(ctx, ann, tc.id, nil)
		require.NoError(t, err)
		assert.Equal(t, zen.CardOperation{ID: tc.id, Status: tc.want}, *op)
	}
	got, err = c.Customers.PayoutCards.Get(ctx, ann, card.ID)
	require.NoError(t, err)
	assert.Equal(t, "verified", extra(t, got.Extra, "status"))
	_, err = c.Customers.PayoutCards.Verify(ctx, ann, unknownID, &zen.Object{Extra: map[string]any{"amount": "1.00"}})
	require.ErrorIs(t, err, zen.ErrNotFound)

	err = c.Customers.PayoutCards.DeleteMerchantCard(ctx, bob, card.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
	err = c.Customers.PayoutCards.DeleteMerchantCard(ctx, ann, card.ID)
	require.NoError(t, err)
	require.NoError(t, c.Customers.PayoutCards.Delete(ctx, ann, old.ID))
	err = c.Customers.PayoutCards.Delete(ctx, ann, old.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
}

func TestSDKPayoutCardWidget(t *testing.T) {
	clock := zentest.NewManualClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	srv := newServer(t, zentest.WithClock(clock.Now))
	c := srv.Client()
	ctx := context.Background()
	ann := newCustomer(t, c)

	wg, err := c.Customers.PayoutCards.InitWidget(ctx, ann, nil)
	require.NoError(t, err)
	u := extra(t, toRaw(wg.Extra), "url")
	assert.True(t, strings.HasPrefix(u, srv.CheckoutURL+"/payout-card/"+wg.ID), u)
	page := send(t, mustRequest(t, "GET", u))
	assert.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, string(page.Body), `action="/payout-card/`+wg.ID+`/save"`)

	bad := send(t, formRequest(t, u+"/save", url.Values{"number": {"12"}}))
	assert.Equal(t, http.StatusBadRequest, bad.Status)
	assert.Contains(t, string(bad.Body), "expiryDate: is required")
	saved := send(t, formRequest(t, u+"/save", url.Values{"number": {zentest.CardApproved}, "expiryDate": {"1230"}}))
	assert.Equal(t, http.StatusOK, saved.Status)
	cards, err := c.Customers.PayoutCards.List(ctx, ann, zen.PayoutCardListParams{ListParams: zen.ListParams{}})
	require.NoError(t, err)
	require.Len(t, cards.Data, 1)
	assert.Contains(t, string(saved.Body), cards.Data[0].ID)
	assert.Contains(t, string(send(t, mustRequest(t, "GET", u)).Body), `id="saved"`, "a used session shows its card")

	// With a returnUrl the customer is sent back with the card id; an
	// expired session is gone.
	wg, err = c.Customers.PayoutCards.InitWidget(ctx, ann, &zen.Object{Extra: map[string]any{"returnUrl": "https://shop.example/cards?step=2"}})
	require.NoError(t, err)
	u = extra(t, toRaw(wg.Extra), "url")
	back := send(t, formRequest(t, u+"/save", url.Values{"number": {"5555555555554444"}, "expiryDate": {"0129"}, "cardHolderName": {"Ann"}}))
	require.Equal(t, http.StatusSeeOther, back.Status)
	loc, err := url.Parse(back.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "2", loc.Query().Get("step"))
	card, err := c.Customers.PayoutCards.Get(ctx, ann, loc.Query().Get("cardId"))
	require.NoError(t, err)
	assert.Equal(t, "mastercard", card.Organization)

	wg, err = c.Customers.PayoutCards.InitWidget(ctx, ann, nil)
	require.NoError(t, err)
	clock.Advance(31 * time.Minute)
	assert.Equal(t, http.StatusGone, send(t, mustRequest(t, "GET", extra(t, toRaw(wg.Extra), "url"))).Status)
	assert.Equal(t, http.StatusNotFound, send(t, mustRequest(t, "GET", srv.CheckoutURL+"/payout-card/"+unknownID)).Status)

	_, err = c.Customers.PayoutCards.InitWidget(ctx, unknownID, nil)
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = c.Customers.PayoutCards.InitWidget(ctx, ann, &zen.Object{Extra: map[string]any{"returnUrl": "shop"}})
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "returnUrl:")
}

func TestSDKWalletRecipients(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	ann, bob := newCustomer(t, c), newCustomer(t, c)
	add := func(mcid, address, currency string) (*zen.WalletRecipient, error) {
		return c.Customers.WalletRecipients.Create(ctx, mcid, &zen.WalletRecipientCreateRequest{WalletAddress: address, WalletCurrency: currency})
	}

	btc, err := add(ann, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "BTC")
	require.NoError(t, err)
	assert.Equal(t, ann, btc.CustomerID)
	assert.Equal(t, types.VerificationUnverified, btc.Status)
	assert.False(t, btc.CreatedAt.IsZero())
	assert.JSONEq(t, `null`, string(mustField(t, srv.Requests()[len(srv.Requests())-1].Body, "walletAlias")), "the SDK sends walletAlias null")
	_, err = add(ann, "0xabc", "ETH")
	require.NoError(t, err)
	_, err = add(ann, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "BTC")
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "walletAddress: this wallet is already saved")
	_, err = add(ann, "x", "DOGE")
	assert.Contains(t, apiMessage(t, err), "walletCurrency: must be a wallet currency ZEN supports")
	_, err = add(unknownID, "x", "BTC")
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = add(bob, "bc1q", "BTC")
	require.NoError(t, err)

	page, err := c.Customers.WalletRecipients.List(ctx, ann, zen.WalletRecipientListParams{WalletCurrency: "ETH"})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, "0xabc", page.Data[0].WalletAddress)
	page, err = c.Customers.WalletRecipients.List(ctx, ann, zen.WalletRecipientListParams{ListParams: zen.ListParams{ItemsPerPage: 1, Page: 2}})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, types.FlexInt(2), page.Meta.Page)
	var currencies []string
	for r, err := range c.Customers.WalletRecipients.All(ctx, ann, zen.WalletRecipientListParams{ListParams: zen.ListParams{ItemsPerPage: 1}}) {
		require.NoError(t, err)
		currencies = append(currencies, r.WalletCurrency)
	}
	assert.Equal(t, []string{"BTC", "ETH"}, currencies)
	_, err = c.Customers.WalletRecipients.List(ctx, unknownID, zen.WalletRecipientListParams{})
	require.ErrorIs(t, err, zen.ErrNotFound)

	got, err := c.Customers.WalletRecipients.Get(ctx, ann, btc.ID)
	require.NoError(t, err)
	assert.Equal(t, btc.WalletAddress, got.WalletAddress)
	_, err = c.Customers.WalletRecipients.Get(ctx, bob, btc.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
	upd, err := c.Customers.WalletRecipients.Update(ctx, ann, btc.ID, &zen.WalletRecipientUpdateRequest{WalletAlias: "Savings"})
	require.NoError(t, err)
	assert.Equal(t, "Savings", upd.WalletAlias)
	_, err = c.Customers.WalletRecipients.Update(ctx, ann, btc.ID, &zen.WalletRecipientUpdateRequest{Extra: map[string]any{"walletAddress": "y"}})
	assert.Contains(t, apiMessage(t, err), "walletAddress: cannot be updated")
	require.NoError(t, c.Customers.WalletRecipients.Delete(ctx, ann, btc.ID))
	err = c.Customers.WalletRecipients.Delete(ctx, ann, btc.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
}

func TestWalletRecipientRules(t *testing.T) {
	srv := newServer(t)
	mcid := newCustomer(t, srv.Client())
	msg := errMessage(t, call(t, srv, "POST", "/v3/customers/"+mcid+"/withdrawals/dragon", map[string]any{
		"walletCurrency": 1, "customerId": "nope", "status": "great",
	}), http.StatusBadRequest)
	for _, want := range []string{"walletAddress: is required", "walletCurrency: must be a string", "customerId: must be a UUID", "walletAlias: is required", "status: must be one of"} {
		assert.Contains(t, msg, want)
	}
	msg = errMessage(t, call(t, srv, "POST", "/v3/customers/"+mcid+"/withdrawals/dragon", map[string]any{
		"walletAddress": "a", "walletCurrency": "BTC", "walletAlias": nil, "customerId": unknownID,
	}), http.StatusBadRequest)
	assert.Equal(t, "customerId: must be the merchantCustomerId of the path", msg)
	assert.Contains(t, errMessage(t, call(t, srv, "GET", "/v3/customers/"+mcid+"/withdrawals/dragon?itemsPerPage=0", nil), 400), "itemsPerPage")
}

func TestSDKPaynowAndRecipientList(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	ann := newCustomer(t, c)

	card, err := c.Customers.PayoutCards.Create(ctx, ann, payoutCardReq(zentest.CardApproved, "1230"))
	require.NoError(t, err)
	wallet, err := c.Customers.WalletRecipients.Create(ctx, ann, &zen.WalletRecipientCreateRequest{WalletAddress: "0xabc", WalletCurrency: "USDT"})
	require.NoError(t, err)
	paynow, err := c.Customers.PaynowRecipients.Create(ctx, ann, &zen.PaynowRecipient{Extra: map[string]any{"proxyType": "MOBILE", "proxyValue": "+6591234567"}})
	require.NoError(t, err)
	require.NotEmpty(t, paynow.ID)
	assert.Equal(t, "MOBILE", paynow.Extra["proxyType"])
	assert.Equal(t, ann, paynow.Extra["customerId"])
	_, err = c.Customers.PaynowRecipients.Create(ctx, ann, &zen.PaynowRecipient{})
	require.ErrorIs(t, err, zen.ErrValidation)
	assert.Contains(t, apiMessage(t, err), "body: is required")
	_, err = c.Customers.PaynowRecipients.Create(ctx, unknownID, &zen.PaynowRecipient{Extra: map[string]any{"proxyType": "UEN"}})
	require.ErrorIs(t, err, zen.ErrNotFound)

	var kinds, ids []string
	for r, err := range c.Customers.PayoutRecipients.All(ctx, ann, zen.PayoutRecipientListParams{ListParams: zen.ListParams{ItemsPerPage: 2}}) {
		require.NoError(t, err)
		kinds = append(kinds, r.Extra["type"].(string))
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"card", "dragon", "paynow"}, kinds)
	assert.Equal(t, []string{card.ID, wallet.ID, paynow.ID}, ids)
	page, err := c.Customers.PayoutRecipients.List(ctx, ann, zen.PayoutRecipientListParams{ListParams: zen.ListParams{Page: 2, ItemsPerPage: 2}})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, "+6591234567", page.Data[0].Extra["proxyValue"])
	_, err = c.Customers.PayoutRecipients.List(ctx, unknownID, zen.PayoutRecipientListParams{ListParams: zen.ListParams{}})
	require.ErrorIs(t, err, zen.ErrNotFound)

	require.NoError(t, c.Customers.PaynowRecipients.Delete(ctx, ann, paynow.ID))
	err = c.Customers.PaynowRecipients.Delete(ctx, ann, paynow.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
	err = c.Customers.PaynowRecipients.Delete(ctx, ann, wallet.ID)
	require.ErrorIs(t, err, zen.ErrNotFound, "a wallet is not a PayNow recipient")

	// Removing the customer removes its payout cards and recipients.
	err = c.Customers.Delete(ctx, ann)
	require.NoError(t, err)
	err = c.Customers.PayoutProfiles.Delete(ctx, card.ID)
	require.ErrorIs(t, err, zen.ErrNotFound)
	cards, err := c.Customers.PayoutProfiles.List(ctx, "", zen.PayoutProfileListParams{ListParams: zen.ListParams{}})
	require.NoError(t, err)
	assert.Empty(t, cards.Data)
}

func TestSDKSavedCardUpdate(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	ctx := context.Background()
	ann := newCustomer(t, c)
	save := func() string {
		req := cardPurchase(newMTID(), "5.00", zentest.CardApproved)
		req.Customer.ID = ann
		pd := req.PaymentSpecificData.(zen.OneTimePayment)
		pd.SaveCard = zen.Ptr(true)
		req.PaymentSpecificData = pd
		tx, err := c.Purchases.Create(ctx, req)
		require.NoError(t, err)
		return tx.CardInfo.Token
	}
	first, second := save(), save()

	card, err := c.Customers.Cards.Update(ctx, ann, first, &zen.CardUpdateRequest{CardName: "Main", AddressCity: "Warsaw", ExpMonth: "07", ExpYear: "2031", IsDefault: zen.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, "Main", card.CardName)
	assert.Equal(t, "Warsaw", card.AddressCity)
	assert.Equal(t, "07", extra(t, card.Extra, "expMonth"))
	assert.JSONEq(t, "true", string(card.Extra["isDefault"]))
	_, err = c.Customers.Cards.Update(ctx, ann, second, &zen.CardUpdateRequest{IsDefault: zen.Ptr(true)})
	require.NoError(t, err)
	card, err = c.Customers.Cards.Get(ctx, ann, first)
	require.NoError(t, err)
	assert.JSONEq(t, "false", string(card.Extra["isDefault"]), "one default card per customer")
	assert.Equal(t, "Main", card.CardName)

	_, err = c.Customers.Cards.Update(ctx, ann, first, &zen.CardUpdateRequest{ExpMonth: "13", Extra: map[string]any{"organization": "amex"}})
	require.ErrorIs(t, err, zen.ErrValidation)
	msg := apiMessage(t, err)
	assert.Contains(t, msg, "expMonth: must match")
	assert.Contains(t, msg, "organization: cannot be updated")
	_, err = c.Customers.Cards.Update(ctx, ann, unknownID, &zen.CardUpdateRequest{CardName: "x"})
	require.ErrorIs(t, err, zen.ErrNotFound)
	_, err = c.Customers.Cards.Update(ctx, unknownID, first, &zen.CardUpdateRequest{CardName: "x"})
	require.ErrorIs(t, err, zen.ErrNotFound)
	assert.Equal(t, "body: is required", errMessage(t, call(t, srv, "PATCH", "/v3/customers/"+ann+"/payments/card/"+first, map[string]any{}), 400))
}

func TestLegacyTerminals(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	got, err := c.PaymentMethods.ListLegacy(context.Background(), zen.PaymentMethodListLegacyParams{Currency: "PLN"})
	require.NoError(t, err)
	var channels []types.PaymentChannel
	for _, m := range got.Methods {
		assert.True(t, m.Active)
		channels = append(channels, m.PaymentChannel)
	}
	assert.Equal(t, []types.PaymentChannel{types.ChannelCard, types.ChannelApplePay, types.ChannelGooglePay, types.ChannelBlik}, channels)
	got, err = c.PaymentMethods.ListLegacy(context.Background(), zen.PaymentMethodListLegacyParams{Currency: "EUR", ItemsPerPage: 2, Page: 2})
	require.NoError(t, err)
	require.Len(t, got.Methods, 1)
	assert.Equal(t, types.ChannelGooglePay, got.Methods[0].PaymentChannel)
	assert.Contains(t, errMessage(t, call(t, srv, "GET", "/v1/terminals?currency=eur", nil), 400), "currency:")
}

func toRaw(m map[string]any) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range m {
		out[k], _ = json.Marshal(v)
	}
	return out
}

func mustField(t *testing.T, body []byte, key string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &m))
	v, ok := m[key]
	require.True(t, ok, "no %s in %s", key, body)
	return v
}

func formRequest(t *testing.T, u string, form url.Values) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, u, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}
