package zen

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// These tests pin the sending rules of issue 9 (ZEN's OpenAPI file and the
// current pages): each broken request is refused before the network, with
// the field path and the rule.

func strictBrowser() *BrowserDetails {
	return &BrowserDetails{AcceptHeader: "text/html", ColorDepth: "24", Lang: "en-GB", ScreenHeight: "1080",
		ScreenWidth: "1920", Timezone: "-60", WindowSize: WindowSizeFullScreen, UserAgent: "Mozilla/5.0"}
}

func strictPurchase(d PaymentSpecificData) *PurchaseCreateRequest {
	return &PurchaseCreateRequest{
		MerchantTransactionID: "strict-1", PaymentChannel: types.ChannelCard,
		Amount: types.MustAmount("10.00"), Currency: "EUR",
		Customer:            &types.TransactionCustomer{Email: "a@example.com", IP: "203.0.113.7"},
		Items:               []types.Item{types.NewItem("Mug", types.MustAmount("10.00"), 1)},
		PaymentSpecificData: d,
	}
}

func strictCard() OneTimePayment {
	return OneTimePayment{
		Card:           CardDetails{Number: "4111111111111111", ExpiryDate: "1230", CVV: "123", CardHolderName: "Ann Lee"},
		Descriptor:     "SHOP 1",
		ThreeDSOptions: ThreeDSOptions{BrowserDetails: strictBrowser()},
	}
}

func strictPayout(d PaymentSpecificData) *PayoutCreateRequest {
	return &PayoutCreateRequest{
		MerchantTransactionID: "strict-payout-1", PaymentChannel: types.ChannelCard,
		Amount: types.MustAmount("10.00"), Currency: "EUR",
		Customer:            &types.TransactionCustomer{Email: "shop@example.com"},
		Items:               []types.Item{types.NewItem("Earnings", types.MustAmount("10.00"), 1)},
		BillingAddress:      &types.Address{Country: "PL"},
		PaymentSpecificData: d,
	}
}

// purchaseWith is a call creating the strict purchase changed by mutate.
func purchaseWith(mutate func(*PurchaseCreateRequest)) func(*Client) error {
	return func(c *Client) error {
		r := strictPurchase(strictCard())
		mutate(r)
		return errOf(c.Purchases.Create(context.Background(), r))
	}
}

func cardWith(mutate func(*OneTimePayment)) func(*Client) error {
	return purchaseWith(func(r *PurchaseCreateRequest) {
		p := strictCard()
		mutate(&p)
		r.PaymentSpecificData = p
	})
}

func payoutWith(mutate func(*PayoutCreateRequest)) func(*Client) error {
	return func(c *Client) error {
		r := strictPayout(CardPayoutData{CardToken: "tok", Recipient: PayoutRecipient{FirstName: "A", LastName: "B"}})
		mutate(r)
		return errOf(c.Payouts.Create(context.Background(), r))
	}
}

func TestStrictSendingRules(t *testing.T) {
	const uuid = "8b0d3c1e-3f2a-4c55-9d6e-2a7f1b9c0d11"
	runValidationCases(t, []validationCase{
		// Create payout: items and billingAddress have no "?".
		{name: "payout without items", field: "items", ruleContains: "is required", call: payoutWith(func(r *PayoutCreateRequest) { r.Items = nil })},
		{name: "payout without billing address", field: "billingAddress", ruleContains: "is required", call: payoutWith(func(r *PayoutCreateRequest) { r.BillingAddress = nil })},
		// ZEN's OpenAPI file: descriptor ≤ 24 and ^[a-zA-Z0-9 _\-.;|]+$.
		{name: "descriptor of 25", field: "paymentSpecificData.descriptor", ruleContains: "at most 24", call: cardWith(func(p *OneTimePayment) { p.Descriptor = strings.Repeat("D", 25) })},
		{name: "descriptor pattern", field: "paymentSpecificData.descriptor", ruleContains: `^[a-zA-Z0-9 _\-.;|]+$`, call: cardWith(func(p *OneTimePayment) { p.Descriptor = "SHOP*1" })},
		{name: "token descriptor pattern", field: "paymentSpecificData.descriptor", ruleContains: "must match", call: purchaseWith(func(r *PurchaseCreateRequest) {
			r.PaymentSpecificData = RecurringTokenPayment{CardToken: "t", Descriptor: "Café", FirstTransactionID: uuid}
		})},
		// ZEN's OpenAPI file, "Card": cardHolderName ^[a-zA-Z0-9\s]+$.
		{name: "card holder name", field: "paymentSpecificData.card.cardHolderName", ruleContains: `^[a-zA-Z0-9\s]+$`, call: cardWith(func(p *OneTimePayment) { p.Card.CardHolderName = "Ann-Marie O'Neil" })},
		// ZEN's OpenAPI file, "BrowserDetails".
		{name: "color depth", field: "paymentSpecificData.browserDetails.colorDepth", ruleContains: "1, 4, 8, 15, 16, 24, 32, 48", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.ColorDepth = "30" })},
		{name: "lang pattern", field: "paymentSpecificData.browserDetails.lang", ruleContains: "must match", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.Lang = "en_GB" })},
		{name: "lang length", field: "paymentSpecificData.browserDetails.lang", ruleContains: "at most 8", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.Lang = "en-GB-oxen" })},
		{name: "screen height", field: "paymentSpecificData.browserDetails.screenHeight", ruleContains: "must match", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.ScreenHeight = "123456" })},
		{name: "screen width", field: "paymentSpecificData.browserDetails.screenWidth", ruleContains: "must match", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.ScreenWidth = "7" })},
		{name: "timezone", field: "paymentSpecificData.browserDetails.timezone", ruleContains: "must match", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.Timezone = "+60" })},
		{name: "user agent short", field: "paymentSpecificData.browserDetails.userAgent", ruleContains: "5 to 255", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.UserAgent = "Go" })},
		{name: "user agent long", field: "paymentSpecificData.browserDetails.userAgent", ruleContains: "5 to 255", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.UserAgent = strings.Repeat("u", 256) })},
		{name: "accept header", field: "paymentSpecificData.browserDetails.acceptHeader", ruleContains: "at most 2048", call: cardWith(func(p *OneTimePayment) { p.BrowserDetails.AcceptHeader = strings.Repeat("a", 2049) })},
		// ZEN's OpenAPI file, refund request: a narrower pattern.
		{name: "refund merchant id", field: "merchantTransactionId", ruleContains: `^[a-zA-Z0-9?&:\-\/=.,#]+$`, call: func(c *Client) error {
			return errOf(c.Refunds.Create(context.Background(), &RefundCreateRequest{TransactionID: uuid, MerchantTransactionID: "refund_1",
				Amount: types.MustAmount("1.00"), Currency: "EUR"}))
		}},
		// Item quantity: a number, minimum 1.
		{name: "fractional quantity below 1", field: "items[0].quantity", ruleContains: types.QuantityRule, call: purchaseWith(func(r *PurchaseCreateRequest) {
			r.Items = []types.Item{types.NewItemQuantity("Tea", types.MustAmount("20.00"), types.MustQuantity("0.5"))}
		})},
		// Payout variants (ZEN's OpenAPI file).
		{name: "bitbay fee owner", field: "paymentSpecificData.feeOwner", ruleContains: "is required", call: payoutWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = BitBayWithdrawalData{PayoutBtcAddress: "1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v"}
		})},
		{name: "webmoney payoutInfo", field: "paymentSpecificData.payoutInfo", ruleContains: "is required", call: payoutWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = WebMoneyPayoutData{Fields: map[string]any{"purse": "Z1"}}
		})},
		{name: "dragon payoutInfo recipient", field: "paymentSpecificData.payoutInfo.recipientId", ruleContains: "must be a UUID", call: payoutWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = DragonPayoutData{PayoutInfo: &PayoutInfo{RecipientID: "wallet-1"}}
		})},
		{name: "dragon without a recipient", field: "paymentSpecificData.payoutInfo", ruleContains: "is required", call: payoutWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = DragonPayoutData{}
		})},
		// Purchase variants only in ZEN's OpenAPI file.
		{name: "g2apay itemsUrl", field: "paymentSpecificData.itemsUrl", ruleContains: "is required", call: purchaseWith(func(r *PurchaseCreateRequest) {
			r.PaymentSpecificData = G2APayPayment{ReturnURL: "https://shop.example/back"}
		})},
		{name: "dragon cryptoCurrency", field: "paymentSpecificData.cryptoCurrency", ruleContains: "is required", call: purchaseWith(func(r *PurchaseCreateRequest) {
			r.PaymentSpecificData = DragonPayment{}
		})},
		{name: "dragon_v2 destinationAddress", field: "paymentSpecificData.destinationAddress", ruleContains: "is required", call: purchaseWith(func(r *PurchaseCreateRequest) {
			r.PaymentSpecificData = DragonV2Payment{DestinationCurrency: "BTC"}
		})},
	})
}

// TestStrictValidRequestsPass guards the cases above: the base requests
// themselves are valid, so each case fails for its own rule only.
func TestStrictValidRequestsPass(t *testing.T) {
	assert.NoError(t, strictPurchase(strictCard()).Validate())
	assert.NoError(t, strictPayout(CardPayoutData{CardToken: "tok", Recipient: PayoutRecipient{FirstName: "A", LastName: "B"}}).Validate())
	for _, lang := range []string{"en", "pl-PL", "zh-Hant", "fil-PH"} {
		b := strictBrowser()
		b.Lang = lang
		assert.NoError(t, strictPurchase(OneTimePayment{Card: strictCard().Card, Descriptor: "A_b-c.d;e|f 24 chars max", ThreeDSOptions: ThreeDSOptions{BrowserDetails: b}}).Validate(), lang)
	}
	assert.NoError(t, (&RefundCreateRequest{TransactionID: "8b0d3c1e-3f2a-4c55-9d6e-2a7f1b9c0d11", MerchantTransactionID: "refund-1?a=b&c:d/e.f,#g",
		Amount: types.MustAmount("1.00"), Currency: "EUR"}).Validate())
}

// TestStrictLegacyVariantsOnTheWire sends each new variant and checks the
// exact body member ZEN receives.
func TestStrictLegacyVariantsOnTheWire(t *testing.T) {
	const uuid = "8b0d3c1e-3f2a-4c55-9d6e-2a7f1b9c0d11"
	cases := []struct {
		name string
		data PaymentSpecificData
		want string
	}{
		{"g2apay", G2APayPayment{ReturnURL: "https://shop.example/back", ItemsURL: "https://shop.example/items"},
			`{"type":"g2apay","returnUrl":"https://shop.example/back","itemsUrl":"https://shop.example/items"}`},
		{"dragon", DragonPayment{CryptoCurrency: "BTC"}, `{"type":"dragon","cryptoCurrency":"BTC"}`},
		{"dragon_v2", DragonV2Payment{DestinationCurrency: "ETH", DestinationAddress: "0xabc"},
			`{"type":"dragon_v2","destinationCurrency":"ETH","destinationAddress":"0xabc"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newTestClient(t)
			var body string
			mock.RegisterResponder(http.MethodPost, "https://api.zen.com/v1/transactions", func(req *http.Request) (*http.Response, error) {
				var m map[string]json.RawMessage
				require.NoError(t, json.NewDecoder(req.Body).Decode(&m))
				body = string(m["paymentSpecificData"])
				return httpmock.NewStringResponse(http.StatusOK, `{"id":"`+uuid+`","merchantTransactionId":"strict-1","status":"PENDING","type":"TRT_PURCHASE","amount":"10.00","currency":"EUR"}`), nil
			})
			_, err := c.Purchases.Create(context.Background(), strictPurchase(tc.data))
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, body)
		})
	}
}

func TestStrictPaymentLinkListSendsOnlyDocumentedPaging(t *testing.T) {
	c, mock := newTestClient(t)
	var query string
	mock.RegisterResponder(http.MethodGet, "=~^https://api.zen.com/v1/payment-links", func(req *http.Request) (*http.Response, error) {
		query = req.URL.RawQuery
		return httpmock.NewStringResponse(http.StatusOK, `{"data":[],"meta":{}}`), nil
	})
	_, err := c.PaymentLinks.List(context.Background(), PaymentLinkListParams{Page: 3, ItemsPerPage: 5})
	require.NoError(t, err)
	assert.Equal(t, "itemsPerPage=5&page=3", query, "no direction or sortBy (ZEN's page documents neither)")
}

func TestStrictSubscriptionStatuses(t *testing.T) {
	for _, s := range []SubscriptionStatus{SubscriptionTrial, SubscriptionActive, SubscriptionChargeAttempt,
		SubscriptionCanceled, SubscriptionCompleted, SubscriptionPaused} {
		assert.True(t, s.IsKnown(), s)
	}
	assert.Equal(t, SubscriptionStatus("charge_attempt"), SubscriptionChargeAttempt)
	assert.False(t, SubscriptionStatus("frozen").IsKnown())
}

// A read-back after a lost answer matches items by value: ZEN may echo a
// quantity of 1 as 1.0.
func TestReadBackMatchesQuantitiesByValue(t *testing.T) {
	sent := []types.Item{types.NewItem("Mug", types.MustAmount("10.00"), 1)}
	echoed := []types.Item{{Name: "Mug", Price: types.MustAmount("10.0"), Quantity: types.MustQuantity("1.0"), LineAmountTotal: types.MustAmount("10")}}
	assert.True(t, sameItems(sent, echoed))
	echoed[0].Quantity = types.MustQuantity("1.5")
	assert.False(t, sameItems(sent, echoed))
}
