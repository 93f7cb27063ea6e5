package zen

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptrace"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

var purchaseAnyURL = regexp.MustCompile(`.*`)

const (
	testTxID     = "497f6eca-6276-4993-bfeb-53cbbbba6f08"
	testRefundID = "8b0d3c1e-3f2a-4c55-9d6e-2a7f1b9c0d11"
	testCardPAN  = "4111111111111111"
	testCardCVV  = "987"
)

// purchaseTxJSON is a Transaction answer for the purchase built by
// cardPurchase, with the given status and extra members.
func purchaseTxJSON(status, extra string) string {
	return `{
		"id": "` + testTxID + `",
		"merchantTransactionId": "order-1001",
		"amount": "25.50",
		"currency": "PLN",
		"createdAt": "2024-12-30T20:48:22.123Z",
		"modifiedAt": "2024-12-30T20:48:23Z",
		"type": "TRT_PURCHASE",
		"status": "` + status + `",
		"paymentChannel": "PCL_CARD",
		"actions": {"refund": false, "cancel": true, "capture": true, "redirect": false, "authorization": false}` + extra + `
	}`
}

func browser() *BrowserDetails {
	return &BrowserDetails{
		AcceptHeader: "text/html", ColorDepth: "24", JavaEnabled: false, Lang: "pl-PL",
		ScreenHeight: "1080", ScreenWidth: "1920", Timezone: "-60", WindowSize: WindowSizeFullScreen,
		UserAgent: "Mozilla/5.0",
	}
}

const browserJSON = `{"acceptHeader":"text/html","colorDepth":"24","javaEnabled":false,"lang":"pl-PL",
	"screenHeight":"1080","screenWidth":"1920","timezone":"-60","windowSize":"05","userAgent":"Mozilla/5.0"}`

// cardPurchase is a purchase using every documented field.
func cardPurchase() *PurchaseCreateRequest {
	return &PurchaseCreateRequest{
		MerchantTransactionID: "order-1001",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("25.50"),
		Currency:              "PLN",
		Customer: &types.TransactionCustomer{
			ID: "23beb187-f8a3-44b8-9ef8-b31180358dd3", FirstName: "Jan", LastName: "Kowalski",
			Email: "jan@example.com", Phone: "+48123456789", IP: "203.0.113.7",
		},
		Items: []types.Item{
			types.NewItem("Mug", types.MustAmount("10.25"), 2),
			{Code: "SHIP", Type: types.ItemDigital, Name: "Shipping", Price: types.MustAmount("5.00"), Quantity: types.NewQuantity(1), LineAmountTotal: types.MustAmount("5.00")},
		},
		PaymentSpecificData: OneTimePayment{
			Card:       CardDetails{Number: testCardPAN, ExpiryDate: "0129", CVV: testCardCVV, CardHolderName: "Jan Kowalski"},
			Descriptor: "SHOP ORDER 1001",
			ThreeDSOptions: ThreeDSOptions{
				BrowserDetails:  browser(),
				ReturnVerifyURL: "https://shop.example/3ds",
			},
			SaveCard: Ptr(true),
		},
		BillingAddress:              &types.Address{FirstName: "Jan", LastName: "Kowalski", Country: "PL", Street: "Polna", City: "Rzeszow", Postcode: "35-001", Phone: "48123456789"},
		ShippingAddress:             &types.Address{Country: "PL", City: "Rzeszow", Postcode: "35-001"},
		CustomIPNURL:                "https://shop.example/zen/ipn",
		Comment:                     "first order",
		OriginMerchantTransactionID: "cart-77",
		Authorization:               &PurchaseAuthorization{Amount: types.MustAmount("6.10"), Currency: "EUR", SessionID: "sess-1"},
		FraudFields:                 map[string]any{"fingerPrintId": "ZEN;abc"},
		Source:                      &types.Source{Channel: types.SourceZenAPI, PluginName: "shop", PluginVersion: "1.2"},
	}
}

const cardPurchaseJSON = `{
	"merchantTransactionId": "order-1001",
	"paymentChannel": "PCL_CARD",
	"amount": "25.50",
	"currency": "PLN",
	"customer": {"id": "23beb187-f8a3-44b8-9ef8-b31180358dd3", "firstName": "Jan", "lastName": "Kowalski",
		"email": "jan@example.com", "phone": "+48123456789", "ip": "203.0.113.7"},
	"items": [
		{"name": "Mug", "price": "10.25", "quantity": 2, "lineAmountTotal": "20.50"},
		{"code": "SHIP", "type": "digital", "name": "Shipping", "price": "5.00", "quantity": 1, "lineAmountTotal": "5.00"}
	],
	"paymentSpecificData": {
		"type": "onetime",
		"card": {"number": "4111111111111111", "expiryDate": "0129", "cvv": "987", "cardHolderName": "Jan Kowalski"},
		"descriptor": "SHOP ORDER 1001",
		"browserDetails": ` + browserJSON + `,
		"returnVerifyUrl": "https://shop.example/3ds",
		"saveCard": true
	},
	"billingAddress": {"firstName": "Jan", "lastName": "Kowalski", "country": "PL", "street": "Polna", "city": "Rzeszow",
		"postcode": "35-001", "phone": "48123456789"},
	"shippingAddress": {"country": "PL", "city": "Rzeszow", "postcode": "35-001"},
	"customIpnUrl": "https://shop.example/zen/ipn",
	"comment": "first order",
	"originMerchantTransactionId": "cart-77",
	"authorization": {"amount": "6.10", "currency": "EUR", "sessionId": "sess-1"},
	"fraudFields": {"fingerPrintId": "ZEN;abc"},
	"source": {"channel": "PTS_ZEN_API", "pluginName": "shop", "pluginVersion": "1.2"}
}`

func TestPurchaseCreateRejectedIsATransactionWithRejectError(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: cardPurchaseJSON}, 200,
		purchaseTxJSON("REJECTED", `, "rejectCode": "C40051", "rejectReason": "Insufficient funds"`))

	tx, err := c.Purchases.Create(context.Background(), cardPurchase())
	require.NoError(t, err, "a declined purchase is a 2xx answer")
	assert.True(t, tx.IsRejected())
	txErr := tx.Err()
	var re *RejectError
	require.ErrorAs(t, txErr, &re)
	assert.Equal(t, types.RejectInsufficientFunds, re.Code)
	assert.Equal(t, "Insufficient funds", re.Reason)
	assert.Equal(t, testTxID, re.TransactionID)
	assert.ErrorIs(t, txErr, ErrRejected)
}

func TestPurchaseCreateBlikAndGeneral(t *testing.T) {
	for name, tc := range map[string]struct {
		channel types.PaymentChannel
		data    PaymentSpecificData
		want    string
	}{
		"blik":    {types.ChannelBlik, BlikPayment{Ticket: "777111"}, `{"type":"blik","ticket":"777111"}`},
		"general": {types.ChannelIdeal, GeneralPayment{ReturnURL: "https://shop.example/back"}, `{"type":"general","returnUrl":"https://shop.example/back"}`},
		"raw":     {types.ChannelUPI, RawPaymentData(`{"type":"upi","vpa":"a@b"}`), `{"type":"upi","vpa":"a@b"}`},
	} {
		t.Run(name, func(t *testing.T) {
			c, mock := newTestClient(t)
			req := &PurchaseCreateRequest{
				MerchantTransactionID: "order-2", PaymentChannel: tc.channel, Amount: types.MustAmount("10"), Currency: "PLN",
				Customer: &types.TransactionCustomer{Email: "a@example.com", IP: "2001:db8::1"}, PaymentSpecificData: tc.data,
			}
			want := `{"merchantTransactionId":"order-2","paymentChannel":"` + string(tc.channel) + `","amount":"10","currency":"PLN",
				"customer":{"email":"a@example.com","ip":"2001:db8::1"},"paymentSpecificData":` + tc.want + `}`
			expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: want}, 200,
				strings.Replace(purchaseTxJSON("PENDING", ""), "order-1001", "order-2", 1)) // ZEN echoes the merchantTransactionId
			_, err := c.Purchases.Create(context.Background(), req)
			require.NoError(t, err)
		})
	}
}

func TestPurchaseCreateValidation(t *testing.T) {
	onetime := func(r *PurchaseCreateRequest) *OneTimePayment {
		p := r.PaymentSpecificData.(OneTimePayment)
		r.PaymentSpecificData = &p
		return &p
	}
	create := func(mutate func(*PurchaseCreateRequest)) func(*Client) error {
		return func(c *Client) error {
			r := cardPurchase()
			mutate(r)
			return errOf(c.Purchases.Create(context.Background(), r))
		}
	}
	runValidationCases(t, []validationCase{
		{name: "nil request", field: "request", call: func(c *Client) error { return errOf(c.Purchases.Create(context.Background(), nil)) }},
		{name: "mtid missing", field: "merchantTransactionId", call: create(func(r *PurchaseCreateRequest) { r.MerchantTransactionID = "" })},
		{name: "mtid too long", field: "merchantTransactionId", call: create(func(r *PurchaseCreateRequest) { r.MerchantTransactionID = strings.Repeat("a", 129) })},
		{name: "mtid pattern", field: "merchantTransactionId", call: create(func(r *PurchaseCreateRequest) { r.MerchantTransactionID = "order<1>" })},
		{name: "channel missing", field: "paymentChannel", call: create(func(r *PurchaseCreateRequest) { r.PaymentChannel = "" })},
		{name: "channel pattern", field: "paymentChannel", call: create(func(r *PurchaseCreateRequest) { r.PaymentChannel = "PCL card" })},
		{name: "amount missing", field: "amount", call: create(func(r *PurchaseCreateRequest) { r.Amount = types.Amount{}; r.Items = nil })},
		{name: "amount negative", field: "amount", call: create(func(r *PurchaseCreateRequest) { r.Amount = types.MustAmount("-1"); r.Items = nil })},
		{name: "currency", field: "currency", call: create(func(r *PurchaseCreateRequest) { r.Currency = "pln" })},
		{name: "customer missing", field: "customer", call: create(func(r *PurchaseCreateRequest) { r.Customer = nil })},
		{name: "customer email", field: "customer.email", call: create(func(r *PurchaseCreateRequest) { r.Customer.Email = "" })},
		{name: "customer ip missing", field: "customer.ip", call: create(func(r *PurchaseCreateRequest) { r.Customer.IP = "" })},
		{name: "customer ip invalid", field: "customer.ip", call: create(func(r *PurchaseCreateRequest) { r.Customer.IP = "300.1.1.1" })},
		{name: "item price", field: "items[1].price", call: create(func(r *PurchaseCreateRequest) { r.Items[1].Price = types.Amount{} })},
		{name: "item line total", field: "items[0].lineAmountTotal", call: create(func(r *PurchaseCreateRequest) { r.Items[0].LineAmountTotal = types.MustAmount("20.00") })},
		{name: "items sum", field: "items", call: create(func(r *PurchaseCreateRequest) { r.Amount = types.MustAmount("25.49") })},
		{name: "item quantity", field: "items[0].quantity", call: create(func(r *PurchaseCreateRequest) { r.Items[0].Quantity = types.Quantity{} })},
		{name: "data missing", field: "paymentSpecificData", call: create(func(r *PurchaseCreateRequest) { r.PaymentSpecificData = nil })},
		{name: "data nil pointer", field: "paymentSpecificData", call: create(func(r *PurchaseCreateRequest) { r.PaymentSpecificData = (*BlikPayment)(nil) })},
		{name: "blik ticket short", field: "paymentSpecificData.ticket", call: create(func(r *PurchaseCreateRequest) { r.PaymentSpecificData = BlikPayment{Ticket: "77711"} })},
		{name: "blik ticket letters", field: "paymentSpecificData.ticket", call: create(func(r *PurchaseCreateRequest) { r.PaymentSpecificData = BlikPayment{Ticket: "77711a"} })},
		{name: "card number", field: "paymentSpecificData.card.number", call: create(func(r *PurchaseCreateRequest) { onetime(r).Card.Number = "4111-1111" })},
		{name: "card expiry", field: "paymentSpecificData.card.expiryDate", call: create(func(r *PurchaseCreateRequest) { onetime(r).Card.ExpiryDate = "1329" })},
		{name: "card cvv missing", field: "paymentSpecificData.card.cvv", call: create(func(r *PurchaseCreateRequest) { onetime(r).Card.CVV = "" })},
		{name: "browser missing", field: "paymentSpecificData.browserDetails", call: create(func(r *PurchaseCreateRequest) { onetime(r).BrowserDetails = nil })},
		{name: "browser window", field: "paymentSpecificData.browserDetails.windowSize", call: create(func(r *PurchaseCreateRequest) { onetime(r).BrowserDetails.WindowSize = "06" })},
		{name: "descriptor", field: "paymentSpecificData.descriptor", call: create(func(r *PurchaseCreateRequest) { onetime(r).Descriptor = "" })},
		{name: "billing postcode", field: "billingAddress.postcode", call: create(func(r *PurchaseCreateRequest) { r.BillingAddress.Postcode = "35_001" })},
		{name: "billing phone", field: "billingAddress.phone", call: create(func(r *PurchaseCreateRequest) { r.BillingAddress.Phone = "+48 123" })},
		{name: "shipping country", field: "shippingAddress.country", call: create(func(r *PurchaseCreateRequest) { r.ShippingAddress.Country = "Poland" })},
		{name: "ipn url", field: "customIpnUrl", call: create(func(r *PurchaseCreateRequest) { r.CustomIPNURL = "shop.example/ipn" })},
		{name: "comment too long", field: "comment", call: create(func(r *PurchaseCreateRequest) { r.Comment = strings.Repeat("x", 513) })},
		{name: "origin mtid pattern", field: "originMerchantTransactionId", call: create(func(r *PurchaseCreateRequest) { r.OriginMerchantTransactionID = "a\nb" })},
		{name: "authorization amount", field: "authorization.amount", call: create(func(r *PurchaseCreateRequest) { r.Authorization.Amount = types.Amount{} })},
		{name: "authorization curr", field: "authorization.currency", call: create(func(r *PurchaseCreateRequest) { r.Authorization.Currency = "" })},
		{name: "authorization session", field: "authorization.sessionId", call: create(func(r *PurchaseCreateRequest) { r.Authorization.SessionID = strings.Repeat("s", 129) })},
		{name: "source channel", field: "source.channel", call: create(func(r *PurchaseCreateRequest) { r.Source.Channel = "" })},
		{name: "source plugin name", field: "source.pluginName", call: create(func(r *PurchaseCreateRequest) { r.Source.PluginName = strings.Repeat("p", 33) })},
	})
}

// assertAPIStatus checks that a call failed with a *APIError of the given
// status and returned no transaction.
func assertAPIStatus(t *testing.T, tx *types.Transaction, err error, status int) *APIError {
	t.Helper()
	assert.Nil(t, tx)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, status, apiErr.StatusCode)
	return apiErr
}

// lostAnswer simulates a request that reached ZEN (a connection was had
// and the request written) but whose connection dropped before the answer
// arrived.
func lostAnswer(req *http.Request) (*http.Response, error) {
	if tr := httptrace.ContextClientTrace(req.Context()); tr != nil {
		if tr.GetConn != nil {
			tr.GetConn(req.URL.Host)
		}
		if tr.GotConn != nil {
			tr.GotConn(httptrace.GotConnInfo{})
		}
	}
	return nil, errors.New("read: connection reset by peer")
}

// createScript answers POSTs with steps in turn, asserting every attempt's
// wire request (same request-id each time, checked by the caller).
func createScript(t *testing.T, mock *httpmock.MockTransport, want wantRequest, steps ...httpmock.Responder) *recorded {
	rec := &recorded{}
	var n atomic.Int32
	mock.RegisterRegexpResponder(http.MethodPost, purchaseAnyURL, func(req *http.Request) (*http.Response, error) {
		assertWire(t, req, want, rec)
		i := int(n.Add(1)) - 1
		require.Less(t, i, len(steps), "unexpected extra attempt")
		return steps[i](req)
	})
	return rec
}

func TestPurchaseCreateRecoversTransactionAfterLostAnswer(t *testing.T) {
	for name, first := range map[string]httpmock.Responder{
		"connection dropped": lostAnswer,
		"gateway timeout":    httpmock.NewStringResponder(504, `{"message":"timeout"}`),
	} {
		t.Run(name, func(t *testing.T) {
			c, mock := newTestClient(t)
			posts := createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: cardPurchaseJSON},
				first,
				httpmock.NewStringResponder(400, `{"error":{"code":"DUPLICATE","message":"merchantTransactionId already used"}}`))
			gets := expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/order-1001"}, 200,
				purchaseTxJSON("ACCEPTED", ""))

			const callerID = "order-1001-request-0123456789-abcdefghijk"
			tx, err := c.Purchases.Create(WithRequestID(context.Background(), callerID), cardPurchase())
			require.NoError(t, err)
			assert.Equal(t, testTxID, tx.ID)
			assert.Equal(t, types.StatusAccepted, tx.Status)
			assert.Equal(t, []string{callerID, callerID}, posts.IDs(), "the resend carries the same request-id")
			require.Len(t, gets.IDs(), 1)
			assert.NotEqual(t, callerID, gets.IDs()[0], "the lookup is a call of its own")
		})
	}
}

func TestPurchaseCreateDoesNotRecoverAMismatchingTransaction(t *testing.T) {
	c, mock := newTestClient(t)
	createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: cardPurchaseJSON},
		lostAnswer, httpmock.NewStringResponder(400, `{"message":"duplicate merchantTransactionId"}`))
	other := strings.Replace(purchaseTxJSON("ACCEPTED", ""), `"25.50"`, `"99.00"`, 1)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/order-1001"}, 200, other)

	tx, err := c.Purchases.Create(context.Background(), cardPurchase())
	apiErr := assertAPIStatus(t, tx, err, 400)
	assert.Equal(t, "duplicate merchantTransactionId", apiErr.Message)
}

func TestPurchaseCreateDoesNotLookUpWhenTheOutcomeWasKnown(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: cardPurchaseJSON}, 400,
		`{"message":"duplicate merchantTransactionId"}`)
	tx, err := c.Purchases.Create(context.Background(), cardPurchase())
	assertAPIStatus(t, tx, err, 400)
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, 1, mock.GetTotalCallCount(), "no lookup after a first-attempt 400")
}

func TestPurchaseCreateKeepsErrorWhenLookupFails(t *testing.T) {
	c, mock := newTestClient(t)
	createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: cardPurchaseJSON},
		lostAnswer, httpmock.NewStringResponder(409, `{"message":"conflict"}`))
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/order-1001"}, 404, `{"message":"Record Not Found"}`)
	tx, err := c.Purchases.Create(context.Background(), cardPurchase())
	assertAPIStatus(t, tx, err, 409)
}

func TestPurchaseGetNotFound(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/" + testTxID}, 404, `{"message":"Record Not Found"}`)
	_, err := c.Purchases.Get(context.Background(), testTxID)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestPurchaseCashbackIsRetriedLikeAGet(t *testing.T) {
	c, mock := newTestClient(t)
	var n atomic.Int32
	mock.RegisterRegexpResponder(http.MethodPost, purchaseAnyURL, func(*http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return httpmock.NewStringResponse(500, `{"message":"oops"}`), nil
		}
		return httpmock.NewStringResponse(200, `[]`), nil
	})
	offers, err := c.Purchases.CalculateCashback(context.Background(), &PurchaseCalculateCashbackRequest{
		Amount: types.MustAmount("1"), Currency: "PLN",
		Data: []CashbackQuery{{PaymentMethod: "PME_BLIK", PaymentChannel: types.ChannelBlik}},
	})
	require.NoError(t, err)
	assert.Empty(t, offers)
	assert.Equal(t, int32(2), n.Load())
}

// TestPurchaseFollowUpValidation covers every method other than Create:
// each bad input fails with the field named and no HTTP call.
func TestPurchaseFollowUpValidation(t *testing.T) {
	ctx := context.Background()
	capture := func() *PurchaseCaptureRequest {
		return &PurchaseCaptureRequest{TransactionID: testTxID, MerchantTransactionID: "order-1", Amount: types.MustAmount("1.00"), Currency: "PLN"}
	}
	runValidationCases(t, []validationCase{
		{name: "get empty id", call: func(c *Client) error { _, err := c.Purchases.Get(ctx, ""); return err }, field: "id"},
		{name: "get not uuid", call: func(c *Client) error { _, err := c.Purchases.Get(ctx, "../refund"); return err }, field: "id"},
		{name: "get by mtid empty", call: func(c *Client) error {
			_, err := c.Purchases.GetByMerchantTransactionID(ctx, "")
			return err
		}, field: "merchantTransactionId"},
		{name: "get by mtid dot segment", call: func(c *Client) error {
			_, err := c.Purchases.GetByMerchantTransactionID(ctx, "..")
			return err
		}, field: "merchantTransactionId"},
		{name: "get by mtid pattern", call: func(c *Client) error {
			_, err := c.Purchases.GetByMerchantTransactionID(ctx, "a\tb")
			return err
		}, field: "merchantTransactionId"},
		{name: "capture nil", call: func(c *Client) error { _, err := c.Purchases.Capture(ctx, nil); return err }, field: "request"},
		{name: "capture transaction id", call: func(c *Client) error {
			r := capture()
			r.TransactionID = "123"
			_, err := c.Purchases.Capture(ctx, r)
			return err
		}, field: "transactionId"},
		{name: "capture amount", call: func(c *Client) error {
			r := capture()
			r.Amount = types.Amount{}
			_, err := c.Purchases.Capture(ctx, r)
			return err
		}, field: "amount"},
		{name: "capture currency", call: func(c *Client) error {
			r := capture()
			r.Currency = "PL"
			_, err := c.Purchases.Capture(ctx, r)
			return err
		}, field: "currency"},
		{name: "capture comment", call: func(c *Client) error {
			r := capture()
			r.Comment = strings.Repeat("c", 513)
			_, err := c.Purchases.Capture(ctx, r)
			return err
		}, field: "comment"},
		{name: "cancel mtid", call: func(c *Client) error {
			_, err := c.Purchases.Cancel(ctx, &PurchaseCancelRequest{TransactionID: testTxID})
			return err
		}, field: "merchantTransactionId"},
		{name: "cancel nil", call: func(c *Client) error { _, err := c.Purchases.Cancel(ctx, nil); return err }, field: "request"},
		{name: "renew data missing", call: func(c *Client) error {
			_, err := c.Purchases.RenewAuthorization(ctx, &PurchaseRenewAuthorizationRequest{TransactionID: testTxID, MerchantTransactionID: "o"})
			return err
		}, field: "paymentSpecificData"},
		{name: "renew blik ticket", call: func(c *Client) error {
			_, err := c.Purchases.RenewAuthorization(ctx, &PurchaseRenewAuthorizationRequest{
				TransactionID: testTxID, MerchantTransactionID: "o", PaymentSpecificData: BlikPayment{Ticket: "1234567"},
			})
			return err
		}, field: "paymentSpecificData.ticket"},
		{name: "renew transaction id", call: func(c *Client) error {
			_, err := c.Purchases.RenewAuthorization(ctx, &PurchaseRenewAuthorizationRequest{
				MerchantTransactionID: "o", PaymentSpecificData: BlikPayment{Ticket: "123456"},
			})
			return err
		}, field: "transactionId"},
		{name: "apple pay url", call: func(c *Client) error {
			_, err := c.Purchases.ValidateApplePaySession(ctx, &PurchaseValidateApplePaySessionRequest{AppleURL: "not a url", Currency: "PLN"})
			return err
		}, field: "appleUrl"},
		{name: "apple pay currency", call: func(c *Client) error {
			_, err := c.Purchases.ValidateApplePaySession(ctx, &PurchaseValidateApplePaySessionRequest{AppleURL: "https://apple.example/s"})
			return err
		}, field: "currency"},
		{name: "apple pay nil", call: func(c *Client) error { _, err := c.Purchases.ValidateApplePaySession(ctx, nil); return err }, field: "request"},
		{name: "cashback data missing", call: func(c *Client) error {
			_, err := c.Purchases.CalculateCashback(ctx, &PurchaseCalculateCashbackRequest{Amount: types.MustAmount("1"), Currency: "PLN"})
			return err
		}, field: "data"},
		{name: "cashback card organization", call: func(c *Client) error {
			_, err := c.Purchases.CalculateCashback(ctx, &PurchaseCalculateCashbackRequest{Amount: types.MustAmount("1"), Currency: "PLN",
				Data: []CashbackQuery{{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelBlik}, {PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard}}})
			return err
		}, field: "data[1].cardOrganization"},
		{name: "cashback transaction type", call: func(c *Client) error {
			_, err := c.Purchases.CalculateCashback(ctx, &PurchaseCalculateCashbackRequest{Amount: types.MustAmount("1"), Currency: "PLN", TransactionType: "PURCHASE",
				Data: []CashbackQuery{{PaymentMethod: "PME_BLIK", PaymentChannel: types.ChannelBlik}}})
			return err
		}, field: "transactionType"},
		{name: "cashback method", call: func(c *Client) error {
			_, err := c.Purchases.CalculateCashback(ctx, &PurchaseCalculateCashbackRequest{Amount: types.MustAmount("1"), Currency: "PLN",
				Data: []CashbackQuery{{PaymentChannel: types.ChannelBlik}}})
			return err
		}, field: "data[0].paymentMethod"},
	})
}

func TestCaptureRecoversOnlyWhenTheTransactionShowsTheCapture(t *testing.T) {
	body := `{"transactionId":"` + testTxID + `","merchantTransactionId":"order-1001","amount":"25.50","currency":"PLN"}`
	req := &PurchaseCaptureRequest{TransactionID: testTxID, MerchantTransactionID: "order-1001", Amount: types.MustAmount("25.50"), Currency: "PLN"}
	for status, wantOK := range map[string]bool{"ACCEPTED": true, "AUTHORIZED": false} {
		t.Run(status, func(t *testing.T) {
			c, mock := newTestClient(t)
			createScript(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/transactions/capture", Body: body},
				lostAnswer, httpmock.NewStringResponder(400, `{"message":"capture not allowed"}`))
			gets := expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/" + testTxID}, 200, purchaseTxJSON(status, ""))
			tx, err := c.Purchases.Capture(context.Background(), req)
			require.Len(t, gets.IDs(), 1, "one lookup after the refused resend")
			if wantOK {
				require.NoError(t, err)
				assert.Equal(t, types.StatusAccepted, tx.Status)
			} else {
				assert.Equal(t, "capture not allowed", assertAPIStatus(t, tx, err, 400).Message)
			}
		})
	}
}

// TestApplePaySessionRequestInitiativeMayBeEmpty checks the documented
// default: a request without Initiative is valid (ValidateApplePaySession
// sends "webapp"), so a caller validating it first gets no error.
func TestApplePaySessionRequestInitiativeMayBeEmpty(t *testing.T) {
	req := &PurchaseValidateApplePaySessionRequest{AppleURL: "https://apple-pay-gateway.apple.com/paymentservices/startSession", Currency: "PLN"}
	assert.NoError(t, req.Validate())
}

// TestPurchaseValidateApplePaySessionEmptyAnswer checks that a 2xx without
// a merchant session is an error, not a nil session the browser would
// choke on.
func TestPurchaseValidateApplePaySessionEmptyAnswer(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "null": "null"} {
		t.Run(name, func(t *testing.T) {
			c, mock := newTestClient(t)
			expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/applepay/session",
				Header: map[string]string{"checkout-version": "securebroker"},
				Body:   `{"appleUrl":"https://apple.example/s","initiative":"webapp","currency":"PLN"}`}, 200, body)
			out, err := c.Purchases.ValidateApplePaySession(context.Background(), &PurchaseValidateApplePaySessionRequest{AppleURL: "https://apple.example/s", Currency: "PLN"})
			assert.Nil(t, out)
			assert.ErrorContains(t, err, "no merchant session")
		})
	}
}

// purchaseCases are the wire rows of PurchaseService.
func purchaseCases() []svcCase {
	applePay := &PurchaseValidateApplePaySessionRequest{AppleURL: "https://apple-pay-gateway.apple.com/paymentservices/startSession", Currency: "PLN"}
	const session = `{"epochTimestamp":1700000000000,"merchantSessionIdentifier":"SSH1","signature":"308006","displayName":"Shop"}`
	return []svcCase{
		{
			method: "Create",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Purchases.Create(ctx, cardPurchase()) },
			want:   wantRequest{Method: http.MethodPost, Path: "/v1/transactions", Body: cardPurchaseJSON},
			resp: purchaseTxJSON("PENDING", `,
				"merchantAction": {"action": "REDIRECT", "data": {"redirectUrl": "https://acs.example/3ds"}},
				"cardInfo": {"lastFourDigits": 1111, "bin": 411111, "organization": "visa", "token": "b5507016-7da2-4777-a161-1e8042a6a377"}`),
			check: func(t *testing.T, got any) {
				tx := got.(*types.Transaction)
				assert.Equal(t, testTxID, tx.ID)
				assert.Equal(t, "order-1001", tx.MerchantTransactionID)
				assert.Equal(t, "25.50", tx.Amount.String())
				assert.Equal(t, "PLN", tx.Currency)
				assert.Equal(t, types.TypePurchase, tx.Type)
				assert.Equal(t, types.StatusPending, tx.Status)
				assert.Equal(t, types.ChannelCard, tx.PaymentChannel)
				assert.Equal(t, time.Date(2024, 12, 30, 20, 48, 22, 123e6, time.UTC), tx.CreatedAt)
				require.NotNil(t, tx.MerchantAction)
				assert.Equal(t, types.ActionRedirect, tx.MerchantAction.Action)
				assert.Equal(t, "https://acs.example/3ds", tx.MerchantAction.RedirectURL)
				require.NotNil(t, tx.CardInfo)
				assert.Equal(t, types.FlexString("1111"), tx.CardInfo.LastFourDigits)
				assert.Equal(t, "b5507016-7da2-4777-a161-1e8042a6a377", tx.CardInfo.Token)
				assert.True(t, tx.Can().Capture)
				assert.NoError(t, tx.Err())
			},
		},
		{
			method: "Capture",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Purchases.Capture(ctx, &PurchaseCaptureRequest{
					TransactionID: testTxID, MerchantTransactionID: "order-1001", Amount: types.MustAmount("20.00"), Currency: "PLN", Comment: "partial",
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/transactions/capture",
				Body: `{"transactionId":"` + testTxID + `","merchantTransactionId":"order-1001","amount":"20.00","currency":"PLN","comment":"partial"}`},
			resp: purchaseTxJSON("ACCEPTED", ""),
			check: func(t *testing.T, got any) {
				tx := got.(*types.Transaction)
				assert.Equal(t, types.StatusAccepted, tx.Status)
				assert.Equal(t, testTxID, tx.ID)
			},
		},
		{
			method: "Get",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Purchases.Get(ctx, testTxID) },
			want:   wantRequest{Method: http.MethodGet, Path: "/v1/transactions/" + testTxID},
			resp:   purchaseTxJSON("AUTHORIZED", `, "refunds": [{"id": "`+testRefundID+`", "merchantTransactionId": "refund-1", "amount": "5.00", "currency": "PLN", "status": "ACCEPTED"}]`),
			check: func(t *testing.T, got any) {
				tx := got.(*types.Transaction)
				assert.Equal(t, types.StatusAuthorized, tx.Status)
				require.Len(t, tx.Refunds, 1)
				assert.Equal(t, "5.00", tx.RefundedAmount().String())
			},
		},
		{
			// "/", " ", "#" and "?" are allowed in a merchantTransactionId and
			// must be escaped, or they would change the path or end it.
			method: "GetByMerchantTransactionID",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Purchases.GetByMerchantTransactionID(ctx, "shop/2024/1 a#x?")
			},
			want: wantRequest{Method: http.MethodGet, Path: "/v1/transactions/merchant/shop%2F2024%2F1%20a%23x%3F"},
			resp: purchaseTxJSON("ACCEPTED", ""),
			check: func(t *testing.T, got any) {
				assert.Equal(t, "order-1001", got.(*types.Transaction).MerchantTransactionID)
			},
		},
		{
			method: "Cancel",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Purchases.Cancel(ctx, &PurchaseCancelRequest{
					TransactionID: testTxID, MerchantTransactionID: "order-1001", Comment: "out of stock",
					Extra: map[string]any{"reason": "stock", "comment": "ignored: modelled fields win"},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/transactions/cancel",
				Body: `{"transactionId":"` + testTxID + `","merchantTransactionId":"order-1001","comment":"out of stock","reason":"stock"}`},
			resp:  purchaseTxJSON("CANCELED", ""),
			check: func(t *testing.T, got any) { assert.Equal(t, types.StatusCanceled, got.(*types.Transaction).Status) },
		},
		{
			// The request example of ZEN's reference page for this endpoint.
			method: "RenewAuthorization",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Purchases.RenewAuthorization(ctx, &PurchaseRenewAuthorizationRequest{
					Comment:               "string",
					TransactionID:         "75906707-8c31-479c-b354-aa805c4cefbc",
					MerchantTransactionID: "23beb187-f8a3-44b8-9ef8-b31180358dd3",
					PaymentSpecificData:   BlikPayment{Ticket: "777111"},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/transactions/renewAuthorization", Body: `{
				"comment": "string",
				"transactionId": "75906707-8c31-479c-b354-aa805c4cefbc",
				"merchantTransactionId": "23beb187-f8a3-44b8-9ef8-b31180358dd3",
				"paymentSpecificData": {"ticket": "777111", "type": "blik"}
			}`},
			resp:  purchaseTxJSON("PENDING", ""),
			check: func(t *testing.T, got any) { assert.Equal(t, types.StatusPending, got.(*types.Transaction).Status) },
		},
		{
			method: "ValidateApplePaySession",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Purchases.ValidateApplePaySession(ctx, applePay)
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/applepay/session",
				Header: map[string]string{"checkout-version": "securebroker"},
				Body:   `{"appleUrl":"https://apple-pay-gateway.apple.com/paymentservices/startSession","initiative":"webapp","currency":"PLN"}`},
			resp: session,
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, session, string(got.(json.RawMessage)))
				assert.Empty(t, applePay.Initiative, "the caller's request is not modified")
			},
		},
		{
			method: "CalculateCashback",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Purchases.CalculateCashback(ctx, &PurchaseCalculateCashbackRequest{
					Amount: types.MustAmount("100.00"), Currency: "PLN",
					Data: []CashbackQuery{
						{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard, CardOrganization: types.CardOrgVisa},
						{PaymentMethod: "PME_BLIK", PaymentChannel: types.ChannelBlik},
					},
				})
			},
			want: wantRequest{Method: http.MethodPost, Path: "/v1/cashback/calculate", Body: `{
				"amount": "100.00", "currency": "PLN",
				"data": [
					{"paymentMethod": "PME_CARD", "paymentChannel": "PCL_CARD", "cardOrganization": "COR_VISA"},
					{"paymentMethod": "PME_BLIK", "paymentChannel": "PCL_BLIK"}
				]}`},
			resp: `[{
				"paymentMethod": "PME_CARD", "maxCashback": "3.00",
				"channels": [{"paymentChannel": "PCL_CARD",
					"cardOrganizations": [{"organization": "COR_VISA", "cashback": {"amount": "3.00", "currency": "PLN"}}],
					"cashback": {"amount": "2.50", "currency": "PLN"}}]
			}]`,
			check: func(t *testing.T, got any) {
				offers := got.([]CashbackOffer)
				require.Len(t, offers, 1)
				o := offers[0]
				assert.Equal(t, types.MethodCard, o.PaymentMethod)
				assert.Equal(t, "3.00", o.MaxCashback)
				require.Len(t, o.Channels, 1)
				ch := o.Channels[0]
				assert.Equal(t, types.ChannelCard, ch.PaymentChannel)
				require.NotNil(t, ch.Cashback)
				assert.Equal(t, "2.50", ch.Cashback.Amount.String())
				require.Len(t, ch.CardOrganizations, 1)
				assert.Equal(t, types.CardOrgVisa, ch.CardOrganizations[0].Organization)
				assert.Equal(t, "3.00", ch.CardOrganizations[0].Cashback.Amount.String())
			},
		},
	}
}
