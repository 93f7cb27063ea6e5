package zen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

const (
	payoutTestID   = "12abcdef-1345-4842-89ba-9c698ae15637"
	payoutTestMTID = "22abc123-f9a5-99b8-5df8-b31180358dd3"
)

// payoutTxJSON is a payout transaction as ZEN's payout guide shows it.
func payoutTxJSON(amount, currency, status string) string {
	return fmt.Sprintf(`{
		"id": %q, "merchantTransactionId": %q,
		"amount": %q, "currency": %q,
		"createdAt": "2025-01-21T10:24:30.573Z", "modifiedAt": "2025-01-21T10:24:30.730Z",
		"type": "TRT_SENDOUT", "status": %q, "paymentChannel": "PCL_CARD",
		"actions": {"capture": false, "cancel": true, "refund": false, "redirect": false, "authorization": false, "selectOffer": true, "renewOffers": true},
		"fraudFields": {"channel": "PTS_ZEN_API", "apiIntegration": "true"},
		"customer": {"id": "99A321B0-EA00-4A21-B78D-8032D981ADBA", "firstName": "John", "lastName": "Doe", "email": "john@example.com", "country": "LT"},
		"offers": [{"id": "offer-1"}]
	}`, payoutTestID, payoutTestMTID, amount, currency, status)
}

func validCreatePayout() *PayoutCreateRequest {
	return &PayoutCreateRequest{
		MerchantTransactionID: payoutTestMTID,
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("123.45"),
		Currency:              "USD",
		CustomIPNURL:          "https://shop.example/ipn",
		Items:                 []types.Item{types.NewItem("salary", types.MustAmount("123.45"), 1)},
		Customer: &types.TransactionCustomer{
			ID: "99A321B0-EA00-4A21-B78D-8032D981ADBA", FirstName: "John", LastName: "Doe",
			Email: "john@example.com", Phone: "+48123456789", IP: "127.0.0.1",
		},
		PaymentSpecificData: CardPayoutData{
			CardToken: "1234A56B-B9EE-4A5F-828F-D498344E25B3",
			Recipient: PayoutRecipient{FirstName: "Joanna", LastName: "Doe"},
		},
		BillingAddress: &types.Address{Street: "Example street", City: "Example city", Postcode: "00-001", Country: "PL"},
		Comment:        "June salary",
	}
}

const createPayoutBody = `{
	"merchantTransactionId": "22abc123-f9a5-99b8-5df8-b31180358dd3",
	"paymentChannel": "PCL_CARD",
	"amount": "123.45",
	"currency": "USD",
	"customIpnUrl": "https://shop.example/ipn",
	"items": [{"name": "salary", "price": "123.45", "quantity": 1, "lineAmountTotal": "123.45"}],
	"customer": {"id": "99A321B0-EA00-4A21-B78D-8032D981ADBA", "firstName": "John", "lastName": "Doe",
		"email": "john@example.com", "phone": "+48123456789", "ip": "127.0.0.1"},
	"paymentSpecificData": {"type": "cardpayout", "cardToken": "1234A56B-B9EE-4A5F-828F-D498344E25B3",
		"recipient": {"firstName": "Joanna", "lastName": "Doe"}},
	"billingAddress": {"street": "Example street", "city": "Example city", "postcode": "00-001", "country": "PL"},
	"comment": "June salary"
}`

func assertPayoutTx(t *testing.T, tx *types.Transaction, status types.TransactionStatus) {
	t.Helper()
	require.NotNil(t, tx)
	assert.Equal(t, payoutTestID, tx.ID)
	assert.Equal(t, payoutTestMTID, tx.MerchantTransactionID)
	assert.Equal(t, "123.45", tx.Amount.String())
	assert.Equal(t, "USD", tx.Currency)
	assert.Equal(t, types.TypeSendout, tx.Type)
	assert.Equal(t, status, tx.Status)
	assert.Equal(t, types.ChannelCard, tx.PaymentChannel)
	assert.Equal(t, time.Date(2025, 1, 21, 10, 24, 30, 573e6, time.UTC), tx.CreatedAt)
	assert.True(t, tx.Can().SelectOffer)
	assert.Equal(t, "LT", tx.Customer.Country)
	assert.JSONEq(t, `[{"id":"offer-1"}]`, string(tx.Extra["offers"]))
}

func TestPayoutCreateRejectedIsNotAnError(t *testing.T) {
	c, mock := newTestClient(t)
	body := `{"id":"` + payoutTestID + `","merchantTransactionId":"` + payoutTestMTID + `","amount":"123.45","currency":"USD",
		"createdAt":"2025-01-21T10:24:30Z","modifiedAt":"2025-01-21T10:24:30Z","type":"TRT_SENDOUT","status":"REJECTED",
		"rejectCode":"C40051","rejectReason":"Insufficient funds"}`
	expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/payouts", Body: createPayoutBody}, http.StatusOK, body)
	tx, err := c.Payouts.Create(context.Background(), validCreatePayout())
	require.NoError(t, err)
	var re *RejectError
	require.ErrorAs(t, tx.Err(), &re)
	assert.Equal(t, types.RejectInsufficientFunds, re.Code)
}

func TestPayoutVariantsEncode(t *testing.T) {
	cases := []struct {
		name string
		data PaymentSpecificData
		want string
	}{
		{"cardpayout", CardPayoutData{CardToken: "tok", Recipient: PayoutRecipient{FirstName: "A", LastName: "B"}},
			`{"type":"cardpayout","cardToken":"tok","recipient":{"firstName":"A","lastName":"B"}}`},
		{"bitbay", BitBayWithdrawalData{PayoutBtcAddress: "1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v", FeeOwner: FeeOwnerPartner},
			`{"type":"bitbaywithdrawal","payoutBtcAddress":"1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v","feeOwner":"partner"}`},
		{"dragon", DragonPayoutData{RecipientExternalID: "9dbad520", Extra: map[string]any{"walletCurrency": "BTC", "type": "ignored"}},
			`{"type":"dragon","recipientExternalId":"9dbad520","walletCurrency":"BTC"}`},
		{"dragon payoutInfo", DragonPayoutData{PayoutInfo: &PayoutInfo{RecipientID: testRefundID, Title: "July"}},
			`{"type":"dragon","payoutInfo":{"recipientId":"` + testRefundID + `","title":"July"}}`},
		{"webmoney", WebMoneyPayoutData{PayoutInfo: &PayoutInfo{RecipientID: testRefundID}, Fields: map[string]any{"purse": "Z123", "type": "ignored", "payoutInfo": "ignored"}},
			`{"type":"webmoney","payoutInfo":{"recipientId":"` + testRefundID + `"},"purse":"Z123"}`},
		{"paynow", PayNowPayoutData{Fields: map[string]any{"x": 1, "type": "ignored"}}, `{"type":"paynow","x":1}`},
		{"raw", RawPaymentData(`{"type":"paynow","x":1}`), `{"type":"paynow","x":1}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.data)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
			req := validCreatePayout()
			req.PaymentSpecificData = tc.data
			assert.NoError(t, req.Validate())
		})
	}
}

func TestPayoutCreateSendsVariantOnTheWire(t *testing.T) {
	c, mock := newTestClient(t)
	req := validCreatePayout()
	req.Items = []types.Item{types.NewItemQuantity("salary", types.MustAmount("82.30"), types.MustQuantity("1.5"))}
	req.BillingAddress = &types.Address{Country: "PL"}
	req.CustomIPNURL, req.Comment = "", ""
	req.OriginMerchantTransactionID = "origin-1"
	req.FraudFields = map[string]any{"fingerPrintId": "ZEN;abc"}
	req.Source = &types.Source{Channel: types.SourceZenAPI, PluginName: "shop"}
	req.PaymentSpecificData = BitBayWithdrawalData{PayoutBtcAddress: "1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v", FeeOwner: FeeOwnerPartner}
	want := `{
		"merchantTransactionId": "22abc123-f9a5-99b8-5df8-b31180358dd3",
		"originMerchantTransactionId": "origin-1",
		"paymentChannel": "PCL_CARD", "amount": "123.45", "currency": "USD",
		"fraudFields": {"fingerPrintId": "ZEN;abc"},
		"customer": {"id": "99A321B0-EA00-4A21-B78D-8032D981ADBA", "firstName": "John", "lastName": "Doe",
			"email": "john@example.com", "phone": "+48123456789", "ip": "127.0.0.1"},
		"items": [{"name": "salary", "price": "82.30", "quantity": 1.5, "lineAmountTotal": "123.45"}],
		"billingAddress": {"country": "PL"},
		"paymentSpecificData": {"type": "bitbaywithdrawal", "payoutBtcAddress": "1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v", "feeOwner": "partner"},
		"source": {"channel": "PTS_ZEN_API", "pluginName": "shop"}
	}`
	expectRequest(t, mock, wantRequest{Method: http.MethodPost, Path: "/v1/payouts", Body: want}, http.StatusOK, payoutTxJSON("123.45", "USD", "PENDING"))
	tx, err := c.Payouts.Create(context.Background(), req)
	require.NoError(t, err)
	assertPayoutTx(t, tx, types.StatusPending)
}

func TestPayoutGetNotFound(t *testing.T) {
	c, mock := newTestClient(t)
	expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/payouts/" + payoutTestID}, http.StatusNotFound,
		`{"error":{"code":"404","message":"Record Not Found"}}`)
	tx, err := c.Payouts.Get(context.Background(), payoutTestID)
	assert.Nil(t, tx)
	require.ErrorIs(t, err, ErrNotFound)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record Not Found", apiErr.Message)
}

func TestPayoutValidation(t *testing.T) {
	ctx := context.Background()
	runValidationCases(t, []validationCase{
		{name: "create nil", call: func(c *Client) error { return errOf(c.Payouts.Create(ctx, nil)) }, field: "request"},
		{name: "create mtid", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.MerchantTransactionID = "" }), field: "merchantTransactionId"},
		{name: "create mtid pattern", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.MerchantTransactionID = "a\nb" }), field: "merchantTransactionId"},
		{name: "create origin", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.OriginMerchantTransactionID = "a\"b" }), field: "originMerchantTransactionId"},
		{name: "create channel", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.PaymentChannel = "" }), field: "paymentChannel"},
		{name: "create channel pattern", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.PaymentChannel = "PCL card" }), field: "paymentChannel"},
		{name: "create amount", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Amount = types.Amount{} }), field: "amount"},
		{name: "create negative amount", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Amount = types.MustAmount("-1"); r.Items = nil }), field: "amount"},
		{name: "create currency", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Currency = "usd" }), field: "currency"},
		{name: "create ipn url", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.CustomIPNURL = "ftp://x" }), field: "customIpnUrl"},
		{name: "create items sum", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Items[0] = types.NewItem("x", types.MustAmount("1.00"), 1) }), field: "items"},
		{name: "create customer", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Customer = nil }), field: "customer"},
		{name: "create customer email", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Customer.Email = "" }), field: "customer.email"},
		{name: "create data", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.PaymentSpecificData = nil }), field: "paymentSpecificData"},
		{name: "create card token", call: payoutCreateWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = CardPayoutData{Recipient: PayoutRecipient{FirstName: "A", LastName: "B"}}
		}), field: "paymentSpecificData.cardToken"},
		{name: "create recipient", call: payoutCreateWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = CardPayoutData{CardToken: "t", Recipient: PayoutRecipient{FirstName: "A"}}
		}), field: "paymentSpecificData.recipient.lastName"},
		{name: "create btc address", call: payoutCreateWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = BitBayWithdrawalData{PayoutBtcAddress: "0xdeadbeef"}
		}), field: "paymentSpecificData.payoutBtcAddress"},
		{name: "create fee owner", call: payoutCreateWith(func(r *PayoutCreateRequest) {
			r.PaymentSpecificData = BitBayWithdrawalData{PayoutBtcAddress: "1HB5XDDddDDdDDDj6mfBsbifRoD4miY36v", FeeOwner: "merchant"}
		}), field: "paymentSpecificData.feeOwner"},
		{name: "create raw without type", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.PaymentSpecificData = RawPaymentData(`{"x":1}`) }), field: "paymentSpecificData.type"},
		{name: "create billing postcode", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.BillingAddress.Postcode = "00_001" }), field: "billingAddress.postcode"},
		{name: "create shipping country", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.ShippingAddress = &types.Address{Country: "pl"} }), field: "shippingAddress.country"},
		{name: "create comment", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Comment = string(make([]byte, 513)) }), field: "comment"},
		{name: "create customer ip", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Customer.IP = "300.1.1.1" }), field: "customer.ip"},
		{name: "create source channel", call: payoutCreateWith(func(r *PayoutCreateRequest) { r.Source = &types.Source{PluginName: "shop"} }), field: "source.channel"},
		{name: "create source plugin", call: payoutCreateWith(func(r *PayoutCreateRequest) {
			r.Source = &types.Source{Channel: types.SourceZenAPI, PluginName: strings.Repeat("p", 33)}
		}), field: "source.pluginName"},
		{name: "get empty id", call: func(c *Client) error { return errOf(c.Payouts.Get(ctx, "")) }, field: "id"},
		{name: "get dot id", call: func(c *Client) error { return errOf(c.Payouts.Get(ctx, "..")) }, field: "id"},
		{name: "get v2 empty id", call: func(c *Client) error { return errOf(c.Payouts.GetV2(ctx, "")) }, field: "id"},
		{name: "get by mtid empty", call: func(c *Client) error {
			return errOf(c.Payouts.GetByMerchantTransactionID(ctx, ""))
		}, field: "merchantTransactionId"},
		{name: "get by mtid pattern", call: func(c *Client) error {
			return errOf(c.Payouts.GetByMerchantTransactionID(ctx, "a\tb"))
		}, field: "merchantTransactionId"},
		{name: "get by mtid too long", call: func(c *Client) error {
			return errOf(c.Payouts.GetByMerchantTransactionID(ctx, strings.Repeat("m", 129)))
		}, field: "merchantTransactionId"},
		{name: "capture nil", call: func(c *Client) error { return errOf(c.Payouts.Capture(ctx, nil)) }, field: "request"},
		{name: "capture transaction id", call: func(c *Client) error {
			return errOf(c.Payouts.Capture(ctx, &PayoutCaptureRequest{TransactionID: "nope", MerchantTransactionID: payoutTestMTID}))
		}, field: "transactionId"},
		{name: "capture amount without currency", call: func(c *Client) error {
			a := types.MustAmount("1.00")
			return errOf(c.Payouts.Capture(ctx, &PayoutCaptureRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID, Amount: &a}))
		}, field: "currency"},
		{name: "capture bad currency", call: func(c *Client) error {
			return errOf(c.Payouts.Capture(ctx, &PayoutCaptureRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID, Currency: "EURO"}))
		}, field: "currency"},
		{name: "cancel nil", call: func(c *Client) error { return errOf(c.Payouts.Cancel(ctx, nil)) }, field: "request"},
		{name: "cancel mtid", call: func(c *Client) error {
			return errOf(c.Payouts.Cancel(ctx, &PayoutCancelRequest{TransactionID: payoutTestID}))
		}, field: "merchantTransactionId"},
		{name: "renew nil", call: func(c *Client) error { return errOf(c.Payouts.Renew(ctx, nil)) }, field: "request"},
		{name: "renew data", call: func(c *Client) error {
			return errOf(c.Payouts.Renew(ctx, &PayoutRenewRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID, PaymentSpecificData: CardPayoutData{}}))
		}, field: "paymentSpecificData.cardToken"},
		{name: "renew nil pointer data", call: func(c *Client) error {
			// A typed nil in the optional field would be sent as
			// "paymentSpecificData":null.
			return errOf(c.Payouts.Renew(ctx, &PayoutRenewRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID, PaymentSpecificData: (*CardPayoutData)(nil)}))
		}, field: "paymentSpecificData"},
		{name: "refresh empty id", call: func(c *Client) error {
			return errOf(c.Payouts.RefreshOffers(ctx, ""))
		}, field: "id"},
		{name: "select empty id", call: func(c *Client) error {
			return errOf(c.Payouts.SelectOffer(ctx, "", &PayoutSelectOfferRequest{OfferID: "o"}))
		}, field: "id"},
		{name: "select nil", call: func(c *Client) error {
			return errOf(c.Payouts.SelectOffer(ctx, payoutTestID, nil))
		}, field: "request"},
		{name: "select no offer", call: func(c *Client) error {
			return errOf(c.Payouts.SelectOffer(ctx, payoutTestID, &PayoutSelectOfferRequest{}))
		}, field: "offerId"},
	})
}

// payoutCreateWith is a call creating the valid payout changed by mut.
func payoutCreateWith(mut func(*PayoutCreateRequest)) func(*Client) error {
	return func(c *Client) error {
		r := validCreatePayout()
		mut(r)
		return errOf(c.Payouts.Create(context.Background(), r))
	}
}

// payoutSequence answers the calls to one URL with the given statuses
// and bodies in turn, checking each request with assertWire.
func payoutSequence(t *testing.T, want wantRequest, rec *recorded, answers ...[2]any) (httpmock.Responder, *atomic.Int32) {
	var n atomic.Int32
	return func(req *http.Request) (*http.Response, error) {
		assertWire(t, req, want, rec)
		i := int(n.Add(1)) - 1
		if i >= len(answers) {
			i = len(answers) - 1
		}
		resp := httpmock.NewStringResponse(answers[i][0].(int), answers[i][1].(string))
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}, &n
}

func TestPayoutCreateRecoversAfterAmbiguousAttempt(t *testing.T) {
	cases := []struct {
		name      string
		answers   [][2]any
		lookup    string // lookup answer, "" for no lookup expected
		lookupSt  int
		wantTx    bool
		wantPosts int32
	}{
		{"resend refused, payout matches", [][2]any{{503, `{}`}, {400, `{"message":"merchantTransactionId already used"}`}},
			payoutTxJSON("123.45", "USD", "PENDING"), 200, true, 2},
		{"resend refused, amount differs", [][2]any{{503, `{}`}, {400, `{"message":"duplicate"}`}},
			payoutTxJSON("99.00", "USD", "PENDING"), 200, false, 2},
		{"resend refused, currency differs", [][2]any{{503, `{}`}, {400, `{"message":"duplicate"}`}},
			payoutTxJSON("123.45", "EUR", "PENDING"), 200, false, 2},
		// A purchase that reused the id is not the payout, however its
		// amount compares.
		{"resend refused, a purchase holds the id", [][2]any{{503, `{}`}, {400, `{"message":"duplicate"}`}},
			strings.Replace(payoutTxJSON("123.45", "USD", "ACCEPTED"), "TRT_SENDOUT", "TRT_PURCHASE", 1), 200, false, 2},
		{"resend refused, lookup fails", [][2]any{{503, `{}`}, {409, `{"message":"duplicate"}`}},
			`{"message":"Record Not Found"}`, 404, false, 2},
		{"plain 400 is not looked up", [][2]any{{400, `{"message":"bad"}`}}, "", 0, false, 1},
		{"final 5xx is not looked up", [][2]any{{503, `{}`}, {503, `{}`}, {503, `{}`}}, "", 0, false, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := newTestClient(t)
			postRec := &recorded{}
			resp, posts := payoutSequence(t, wantRequest{Method: http.MethodPost, Path: "/v1/payouts", Body: createPayoutBody}, postRec, tc.answers...)
			mock.RegisterResponder(http.MethodPost, testBase+"/v1/payouts", resp)
			var getRec *recorded
			if tc.lookup != "" {
				getRec = expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/payouts/merchant/" + payoutTestMTID}, tc.lookupSt, tc.lookup)
			}
			var info ResponseInfo
			ctx := WithResponseInfo(context.Background(), &info)
			tx, err := c.Payouts.Create(ctx, validCreatePayout())
			assert.Equal(t, tc.wantPosts, posts.Load())
			ids := postRec.IDs()
			for _, id := range ids {
				assert.Equal(t, ids[0], id, "every attempt carries the same request-id")
			}
			assert.Equal(t, int(tc.wantPosts), info.Attempts, "ResponseInfo describes the create call")
			if tc.lookup != "" {
				require.Len(t, getRec.IDs(), 1)
				assert.NotEqual(t, ids[0], getRec.IDs()[0], "the lookup has its own request-id")
			}
			if tc.wantTx {
				require.NoError(t, err)
				assertPayoutTx(t, tx, types.StatusPending)
				return
			}
			assert.Nil(t, tx)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "/v1/payouts", apiErr.Path, "the create's own error is returned")
		})
	}
}

func TestPayoutCreateKeepsCallerRequestIDOnCreateOnly(t *testing.T) {
	c, mock := newTestClient(t)
	const callerID = "caller-request-id-0123456789-0123456789-abc"
	postRec := &recorded{}
	resp, _ := payoutSequence(t, wantRequest{Method: http.MethodPost, Path: "/v1/payouts", Body: createPayoutBody}, postRec,
		[2]any{502, `{}`}, [2]any{400, `{}`})
	mock.RegisterResponder(http.MethodPost, testBase+"/v1/payouts", resp)
	getRec := expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/payouts/merchant/" + payoutTestMTID}, 200,
		payoutTxJSON("123.45", "USD", "PENDING"))
	tx, err := c.Payouts.Create(WithRequestID(context.Background(), callerID), validCreatePayout())
	require.NoError(t, err)
	require.NotNil(t, tx)
	assert.Equal(t, []string{callerID, callerID}, postRec.IDs())
	require.Len(t, getRec.IDs(), 1)
	assert.NotEqual(t, callerID, getRec.IDs()[0])
}

// TestPayoutRequestsLogMetadataOnly checks that slog shows a payout's ids,
// amount and variant type but never card data, a wallet token or the
// sender's and recipient's personal data (slog's JSON handler would
// otherwise encode the whole request body).
func TestPayoutRequestsLogMetadataOnly(t *testing.T) {
	card := validCreatePayout()
	card.PaymentSpecificData = OneTimePayment{Card: CardDetails{Number: testCardPAN, ExpiryDate: "0129", CVV: testCardCVV}}
	renew := &PayoutRenewRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID,
		PaymentSpecificData: ExternalTokenPayment{Token: "wallet-secret-token"}}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, noTime), slog.NewTextHandler(&buf, noTime)} {
		slog.New(h).Info("payout", "create", validCreatePayout(), "card", card, "renew", renew)
	}
	out := buf.String()
	for _, secret := range []string{testCardPAN, testCardCVV, "wallet-secret-token", "john@example.com", "Joanna", "Example street"} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"create":{"merchantTransactionId":"`+payoutTestMTID+`","paymentChannel":"PCL_CARD","amount":"123.45","currency":"USD","paymentSpecificData":{"type":"cardpayout"}}`)
	assert.Contains(t, out, `"renew":{"transactionId":"`+payoutTestID+`","merchantTransactionId":"`+payoutTestMTID+`","paymentSpecificData":{"type":"external_payment_token"}}`)
}

// payoutCases are the wire rows of PayoutService: every call answers with
// the payout transaction of ZEN's guide.
func payoutCases() []svcCase {
	amount := types.MustAmount("100.00")
	row := func(method string, call func(context.Context, *Client) (*types.Transaction, error), want wantRequest) svcCase {
		return svcCase{
			method: method,
			call:   func(ctx context.Context, c *Client) (any, error) { return call(ctx, c) },
			want:   want,
			resp:   payoutTxJSON("123.45", "USD", "ACCEPTED"),
			check:  func(t *testing.T, got any) { assertPayoutTx(t, got.(*types.Transaction), types.StatusAccepted) },
		}
	}
	return []svcCase{
		{
			method: "Create",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.Payouts.Create(ctx, validCreatePayout()) },
			want:   wantRequest{Method: http.MethodPost, Path: "/v1/payouts", Body: createPayoutBody},
			status: http.StatusCreated, resp: payoutTxJSON("123.45", "USD", "PENDING"),
			check: func(t *testing.T, got any) { assertPayoutTx(t, got.(*types.Transaction), types.StatusPending) },
		},
		row("Get", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.Get(ctx, payoutTestID)
		}, wantRequest{Method: http.MethodGet, Path: "/v1/payouts/" + payoutTestID}),
		row("GetByMerchantTransactionID", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.GetByMerchantTransactionID(ctx, "order 1/2#x")
		}, wantRequest{Method: http.MethodGet, Path: "/v1/payouts/merchant/order%201%2F2%23x"}),
		row("GetV2", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.GetV2(ctx, payoutTestID)
		}, wantRequest{Method: http.MethodGet, Path: "/v2/payouts/" + payoutTestID}),
		row("Capture", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.Capture(ctx, &PayoutCaptureRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID,
				Amount: &amount, Currency: "USD", Comment: "ok"})
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/capture",
			Body: `{"transactionId":"` + payoutTestID + `","merchantTransactionId":"` + payoutTestMTID + `","amount":"100.00","currency":"USD","comment":"ok"}`}),
		// The whole payout: no amount.
		row("Capture", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.Capture(ctx, &PayoutCaptureRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID})
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/capture",
			Body: `{"transactionId":"` + payoutTestID + `","merchantTransactionId":"` + payoutTestMTID + `"}`}),
		row("Cancel", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.Cancel(ctx, &PayoutCancelRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID, Comment: "stop"})
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/cancel",
			Body: `{"transactionId":"` + payoutTestID + `","merchantTransactionId":"` + payoutTestMTID + `","comment":"stop"}`}),
		row("Renew", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.Renew(ctx, &PayoutRenewRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID,
				PaymentSpecificData: CardPayoutData{CardToken: "tok", Recipient: PayoutRecipient{FirstName: "A", LastName: "B"}}})
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/renew",
			Body: `{"transactionId":"` + payoutTestID + `","merchantTransactionId":"` + payoutTestMTID + `",
				"paymentSpecificData":{"type":"cardpayout","cardToken":"tok","recipient":{"firstName":"A","lastName":"B"}}}`}),
		// Without payment data.
		row("Renew", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.Renew(ctx, &PayoutRenewRequest{TransactionID: payoutTestID, MerchantTransactionID: payoutTestMTID})
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/renew",
			Body: `{"transactionId":"` + payoutTestID + `","merchantTransactionId":"` + payoutTestMTID + `"}`}),
		row("RefreshOffers", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.RefreshOffers(ctx, payoutTestID)
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/" + payoutTestID + "/offers/refresh"}),
		row("SelectOffer", func(ctx context.Context, c *Client) (*types.Transaction, error) {
			return c.Payouts.SelectOffer(ctx, payoutTestID, &PayoutSelectOfferRequest{OfferID: "offer-1", Extra: map[string]any{"note": "x", "offerId": "ignored"}})
		}, wantRequest{Method: http.MethodPost, Path: "/v1/payouts/" + payoutTestID + "/offers/select", Body: `{"offerId":"offer-1","note":"x"}`}),
	}
}
