package zen

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

const (
	testTerminalUUID  = "3F2504E0-4F89-41D3-9A0C-0305E82C3301"
	testPaywallSecret = "PayWall-Secret" // capitals: the secret is never lowercased
)

// handSignature is the expected signature of a flattened string written out
// by hand: sha256(flat + secret) in lowercase hex plus ";sha256".
func handSignature(flat, secret string) string {
	sum := sha256.Sum256([]byte(flat + secret))
	return hex.EncodeToString(sum[:]) + ";sha256"
}

func TestCheckoutSignatureHyperswitchShape(t *testing.T) {
	body := `{"terminalUuid":"` + testTerminalUUID + `","amount":"10.00","currency":"EUR","merchantTransactionId":"ABC-1",
		"customIpnUrl":"https://shop.example/IPN","items":[{"name":"X","price":"10.00","quantity":1,"lineAmountTotal":"10.00"}],
		"specifiedPaymentChannel":"PCL_APPLEPAY","urlRedirect":"https://shop.example/return?a=1&b=2","signature":"stale;sha256"}`
	flat := "amount=10.00&currency=eur&customipnurl=https://shop.example/ipn" +
		"&items[0].lineamounttotal=10.00&items[0].name=x&items[0].price=10.00&items[0].quantity=1" +
		"&merchanttransactionid=abc-1&specifiedpaymentchannel=pcl_applepay" +
		"&terminaluuid=3f2504e0-4f89-41d3-9a0c-0305e82c3301&urlredirect=https://shop.example/return?a=1&b=2"
	got, err := CheckoutSignature([]byte(body), testPaywallSecret)
	require.NoError(t, err)
	assert.Equal(t, handSignature(flat, testPaywallSecret), got)
	assert.NotEqual(t, handSignature(flat, strings.ToLower(testPaywallSecret)), got, "secret appended as-is")
}

// flattenExample exercises every flattening rule: nested objects, arrays of
// objects past index 9, scalar arrays, booleans, numbers kept as written,
// nulls and empty containers skipped, keys lowercased before sorting.
const flattenExample = `{
	"amount": "1.50",
	"Beta": "X",
	"customer": {"email": "Ada@Example.com", "firstName": "Ada", "phone": null},
	"items": [{"name":"i0"},{"name":"i1"},{"name":"i2"},{"name":"i3"},{"name":"i4"},{"name":"i5"},
		{"name":"i6"},{"name":"i7"},{"name":"i8"},{"name":"i9"},{"name":"i10"}],
	"tags": ["B", "a"],
	"saveCard": true,
	"weight": 1.50,
	"empty": {},
	"none": null,
	"nested": {"deep": {"x": false}},
	"signature": "ignored;sha256"
}`

const flattenExampleString = "amount=1.50&beta=x&customer.email=ada@example.com&customer.firstname=ada" +
	"&items[0].name=i0&items[10].name=i10&items[1].name=i1&items[2].name=i2&items[3].name=i3" +
	"&items[4].name=i4&items[5].name=i5&items[6].name=i6&items[7].name=i7&items[8].name=i8&items[9].name=i9" +
	"&nested.deep.x=false&savecard=true&tags[0]=b&tags[1]=a&weight=1.50"

func TestCheckoutSignatureFlatteningRules(t *testing.T) {
	got, err := CheckoutSignature([]byte(flattenExample), testPaywallSecret)
	require.NoError(t, err)
	assert.Equal(t, handSignature(flattenExampleString, testPaywallSecret), got)

	leaves, sig, err := checkoutLeaves([]byte(flattenExample))
	require.NoError(t, err)
	assert.Equal(t, flattenExampleString, strings.Join(leaves, "&"))
	assert.Equal(t, "ignored;sha256", sig)
}

func TestCheckoutSignatureErrors(t *testing.T) {
	for body, want := range map[string]string{
		"": "zen: checkout body must be a JSON object", "[]": "zen: checkout body must be a JSON object",
		"null": "zen: checkout body must be a JSON object", `"x"`: "zen: checkout body must be a JSON object",
		`{"a":1} {"b":2}`: "zen: checkout body must be a single JSON object", `{"a":`: "zen: checkout body must be a JSON object",
	} {
		_, err := CheckoutSignature([]byte(body), testPaywallSecret)
		assert.EqualError(t, err, want, body)
	}
	_, err := CheckoutSignature([]byte(`{"a":"b"}`), "")
	assert.ErrorIs(t, err, errNoPaywallSecret)
}

func TestVerifyCheckoutSignature(t *testing.T) {
	withSig := func(sig string) []byte {
		return []byte(strings.Replace(flattenExample, "ignored;sha256", sig, 1))
	}
	good := handSignature(flattenExampleString, testPaywallSecret)
	require.NoError(t, VerifyCheckoutSignature(withSig(good), testPaywallSecret))
	require.NoError(t, VerifyCheckoutSignature(withSig(strings.ToUpper(good[:64])+";SHA256"), testPaywallSecret), "hex and alg case-insensitive")

	sum512 := sha512.Sum512([]byte(flattenExampleString + testPaywallSecret))
	require.NoError(t, VerifyCheckoutSignature(withSig(hex.EncodeToString(sum512[:])+";sha512"), testPaywallSecret))
	sum224 := sha256.Sum224([]byte(flattenExampleString + testPaywallSecret))
	require.NoError(t, VerifyCheckoutSignature(withSig(hex.EncodeToString(sum224[:])+";sha224"), testPaywallSecret))
	sum384 := sha512.Sum384([]byte(flattenExampleString + testPaywallSecret))
	require.NoError(t, VerifyCheckoutSignature(withSig(hex.EncodeToString(sum384[:])+";sha384"), testPaywallSecret))

	bad := map[string][]byte{
		"wrong secret":      withSig(handSignature(flattenExampleString, "other")),
		"tampered":          []byte(strings.Replace(string(withSig(good)), `"1.50"`, `"1.51"`, 1)),
		"missing":           []byte(`{"amount":"1.50"}`),
		"no algorithm":      withSig(good[:64]),
		"unknown algorithm": withSig(good[:64] + ";md5"),
		"wrong algorithm":   withSig(good[:64] + ";sha512"),
		"not hex":           withSig("zz;sha256"),
		"not a string":      []byte(`{"amount":"1.50","signature":5}`),
	}
	for name, body := range bad {
		assert.ErrorIs(t, VerifyCheckoutSignature(body, testPaywallSecret), ErrInvalidSignature, name)
	}
	assert.ErrorIs(t, VerifyCheckoutSignature(withSig(good), ""), errNoPaywallSecret)
	assert.EqualError(t, VerifyCheckoutSignature([]byte("nope"), testPaywallSecret), "zen: checkout body must be a JSON object")
}

func checkoutRequest() *CheckoutCreateRequest {
	return &CheckoutCreateRequest{
		Amount:                  types.MustAmount("10.00"),
		Currency:                "EUR",
		MerchantTransactionID:   "ABC-1",
		Customer:                &types.TransactionCustomer{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"},
		Items:                   []types.Item{types.NewItem("X", types.MustAmount("10.00"), 1)},
		RecurringData:           &CheckoutRecurringData{PaymentType: CheckoutUnscheduled, ExpiryDate: CheckoutNoExpiry, Frequency: 1},
		URLSuccess:              "https://shop.example/ok",
		URLFailure:              "https://shop.example/fail",
		CustomIPNURL:            "https://shop.example/ipn",
		SpecifiedPaymentChannel: types.ChannelCard,
		Language:                "pl",
	}
}

// The body and signature of checkoutRequest(), written out by hand.
const (
	checkoutFlat = "amount=10.00&currency=eur&customer.email=ada@example.com&customer.firstname=ada" +
		"&customer.lastname=lovelace&customipnurl=https://shop.example/ipn" +
		"&items[0].lineamounttotal=10.00&items[0].name=x&items[0].price=10.00&items[0].quantity=1" +
		"&language=pl&merchanttransactionid=abc-1" +
		"&recurringdata.expirydate=99991212&recurringdata.frequency=1&recurringdata.paymenttype=unscheduled" +
		"&specifiedpaymentchannel=pcl_card&terminaluuid=3f2504e0-4f89-41d3-9a0c-0305e82c3301" +
		"&urlfailure=https://shop.example/fail&urlsuccess=https://shop.example/ok"
	checkoutJSON = `{"terminalUuid":"` + testTerminalUUID + `","amount":"10.00","currency":"EUR","merchantTransactionId":"ABC-1",
		"customer":{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com"},
		"items":[{"name":"X","price":"10.00","quantity":1,"lineAmountTotal":"10.00"}],
		"recurringData":{"paymentType":"unscheduled","expiryDate":"99991212","frequency":1},
		"urlSuccess":"https://shop.example/ok","urlFailure":"https://shop.example/fail",
		"customIpnUrl":"https://shop.example/ipn","specifiedPaymentChannel":"PCL_CARD","language":"pl",
		"signature":"SIG"}`
)

// expectCheckout expects a hosted-checkout request with expectRequest:
// POST to host/api/checkouts, the SDK's standard headers, no
// Authorization, exactly wantBody. After the call, assertCheckoutSigned
// checks the signatures of the bodies it recorded.
func expectCheckout(t *testing.T, mock *httpmock.MockTransport, host, wantBody string, status int, respBody string) *recorded {
	t.Helper()
	want := wantRequest{Method: http.MethodPost, Path: "/api/checkouts", Host: host, NoAuth: true, Body: wantBody}
	return expectRequest(t, mock, want, status, respBody)
}

// assertCheckoutSigned checks that rec saw a request and that the
// signature of every body it saw verifies with the paywall secret.
func assertCheckoutSigned(t *testing.T, rec *recorded) {
	t.Helper()
	bodies := rec.Bodies()
	require.NotEmpty(t, bodies, "no checkout request")
	for i, body := range bodies {
		assert.NoError(t, VerifyCheckoutSignature([]byte(body), testPaywallSecret), "wire body %d verifies", i)
	}
}

func TestCheckoutCreateRetriesWithSameRequestID(t *testing.T) {
	c, mock := checkoutTestClient(t, WithSandbox())
	want := strings.Replace(checkoutJSON, "SIG", handSignature(checkoutFlat, testPaywallSecret), 1)
	rec := expectCheckout(t, mock, "secure.zen-test.com", want, http.StatusServiceUnavailable, `{"message":"busy"}`)
	_, err := c.Checkouts.Create(context.Background(), checkoutRequest())
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	assert.Equal(t, "/api/checkouts", apiErr.Path)
	ids := rec.IDs()
	require.Len(t, ids, DefaultMaxRetries+1, "keyed POST is retried on 503")
	assert.Equal(t, ids[0], ids[len(ids)-1])
	assertCheckoutSigned(t, rec)
}

func TestCheckoutCreateKeepsExplicitTerminalAndExtra(t *testing.T) {
	c, mock := checkoutTestClient(t)
	req := &CheckoutCreateRequest{
		TerminalUUID:          "00000000-0000-4000-8000-000000000000",
		Amount:                types.MustAmount("5"),
		Currency:              "PLN",
		MerchantTransactionID: "m-2",
		URLRedirect:           "https://shop.example/back",
		FraudFields:           map[string]string{"fingerPrintId": "FP-1"},
		Extra:                 map[string]any{"sourceRef": "Shop-A"},
	}
	flat := "amount=5&currency=pln&fraudfields.fingerprintid=fp-1&merchanttransactionid=m-2&sourceref=shop-a" +
		"&terminaluuid=00000000-0000-4000-8000-000000000000&urlredirect=https://shop.example/back"
	want := `{"terminalUuid":"00000000-0000-4000-8000-000000000000","amount":"5","currency":"PLN","merchantTransactionId":"m-2",
		"urlRedirect":"https://shop.example/back","fraudFields":{"fingerPrintId":"FP-1"},"sourceRef":"Shop-A",
		"signature":"` + handSignature(flat, testPaywallSecret) + `"}`
	rec := expectCheckout(t, mock, "secure.zen.com", want, http.StatusCreated, `{"redirectUrl":"https://secure.zen.com/x"}`)
	got, err := c.Checkouts.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, "https://secure.zen.com/x", got.RedirectURL)
	assertCheckoutSigned(t, rec)
}

func TestCheckoutCreateNoRedirectURL(t *testing.T) {
	c, mock := checkoutTestClient(t)
	mock.RegisterRegexpResponder(http.MethodPost, regexp.MustCompile(`.*`), httpmock.NewStringResponder(200, `{}`))
	_, err := c.Checkouts.Create(context.Background(), checkoutRequest())
	assert.ErrorContains(t, err, "redirectUrl")
}

func TestCheckoutNeedsConfiguration(t *testing.T) {
	c, mock := newTestClient(t)
	_, err := c.Checkouts.Create(context.Background(), checkoutRequest())
	assert.ErrorContains(t, err, "WithCheckout")
	_, err = c.Checkouts.Sign(checkoutRequest())
	assert.EqualError(t, err, "zen: hosted checkout needs WithCheckout(terminalUUID, paywallSecret)")
	assertNoCalls(t, mock)
}

func TestCheckoutValidation(t *testing.T) {
	create := func(mutate func(r *CheckoutCreateRequest)) func(*Client) error {
		return func(c *Client) error {
			req := checkoutRequest()
			mutate(req)
			return errOf(c.Checkouts.Create(context.Background(), req))
		}
	}
	runValidationCases(t, []validationCase{
		{name: "nil request", field: "request", call: func(c *Client) error { return errOf(c.Checkouts.Create(context.Background(), nil)) }},
		{name: "amount missing", field: "amount", call: create(func(r *CheckoutCreateRequest) { r.Amount = types.Amount{}; r.Items = nil })},
		{name: "currency lowercase", field: "currency", call: create(func(r *CheckoutCreateRequest) { r.Currency = "eur" })},
		{name: "mtid missing", field: "merchantTransactionId", call: create(func(r *CheckoutCreateRequest) { r.MerchantTransactionID = "" })},
		{name: "mtid pattern", field: "merchantTransactionId", call: create(func(r *CheckoutCreateRequest) { r.MerchantTransactionID = "a\tb" })},
		{name: "terminal not uuid", field: "terminalUuid", call: create(func(r *CheckoutCreateRequest) { r.TerminalUUID = "terminal-1" })},
		{name: "customer email", field: "customer.email", call: create(func(r *CheckoutCreateRequest) { r.Customer.Email = "" })},
		{name: "items sum", field: "items", call: create(func(r *CheckoutCreateRequest) { r.Amount = types.MustAmount("11.00") })},
		{name: "item name", field: "items[0].name", call: create(func(r *CheckoutCreateRequest) { r.Items[0].Name = "" })},
		{name: "billing country", field: "billingAddress.country", call: create(func(r *CheckoutCreateRequest) { r.BillingAddress = &types.Address{Country: "pl"} })},
		{name: "shipping postcode", field: "shippingAddress.postcode", call: create(func(r *CheckoutCreateRequest) { r.ShippingAddress = &types.Address{Postcode: "00_01"} })},
		{name: "recurring type missing", field: "recurringData.paymentType", call: create(func(r *CheckoutCreateRequest) { r.RecurringData.PaymentType = "" })},
		{name: "recurring type unknown", field: "recurringData.paymentType", call: create(func(r *CheckoutCreateRequest) { r.RecurringData.PaymentType = "oneclick" })},
		{name: "recurring date", field: "recurringData.expiryDate", call: create(func(r *CheckoutCreateRequest) { r.RecurringData.ExpiryDate = "2030-01-01" })},
		{name: "recurring date invalid", field: "recurringData.expiryDate", call: create(func(r *CheckoutCreateRequest) { r.RecurringData.ExpiryDate = "20301301" })},
		{name: "recurring frequency", field: "recurringData.frequency", call: create(func(r *CheckoutCreateRequest) { r.RecurringData.Frequency = 10000 })},
		{name: "url relative", field: "urlSuccess", call: create(func(r *CheckoutCreateRequest) { r.URLSuccess = "/ok" })},
		{name: "url scheme", field: "urlRedirect", call: create(func(r *CheckoutCreateRequest) { r.URLRedirect = "javascript:alert(1)" })},
		{name: "ipn url", field: "customIpnUrl", call: create(func(r *CheckoutCreateRequest) { r.CustomIPNURL = "ftp://x/ipn" })},
		{name: "channel pattern", field: "specifiedPaymentChannel", call: create(func(r *CheckoutCreateRequest) { r.SpecifiedPaymentChannel = "PCL card" })},
		// Sign appends the real signature; one in Extra would make a body
		// with two "signature" members.
		{name: "signature in extra", field: "signature", call: create(func(r *CheckoutCreateRequest) { r.Extra = map[string]any{"signature": "forged;sha256"} })},
	})
}

func TestCheckoutRecurringTypeIsKnown(t *testing.T) {
	assert.True(t, CheckoutRecurring.IsKnown())
	assert.True(t, CheckoutUnscheduled.IsKnown())
	assert.False(t, CheckoutRecurringType("oneclick").IsKnown())
	assert.Equal(t, keyed, epCheckoutCreate.retry, "checkouts carry a required merchantTransactionId")
	assert.True(t, errors.Is(VerifyCheckoutSignature([]byte(`{}`), "s"), ErrInvalidSignature))
}

func FuzzCheckoutSignature(f *testing.F) {
	f.Add([]byte(flattenExample))
	f.Add([]byte(`{"a":[[1,[2]],{"b":null}],"c":1e400}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sig, err := CheckoutSignature(body, testPaywallSecret)
		if err != nil {
			return
		}
		if !strings.HasSuffix(sig, ";sha256") || len(sig) != 64+len(";sha256") {
			t.Fatalf("bad signature form %q", sig)
		}
	})
}

// checkoutCases are the wire rows of CheckoutService: Create posts to the
// hosted-checkout host, unauthenticated, the body signed with the paywall
// secret (written out by hand in checkoutJSON); Sign is offline.
func checkoutCases() []svcCase {
	signed := strings.Replace(checkoutJSON, "SIG", handSignature(checkoutFlat, testPaywallSecret), 1)
	create, sign := checkoutRequest(), checkoutRequest()
	return []svcCase{
		{
			method:   "Create",
			checkout: true,
			call:     func(ctx context.Context, c *Client) (any, error) { return c.Checkouts.Create(ctx, create) },
			want:     wantRequest{Method: http.MethodPost, Path: "/api/checkouts", NoAuth: true, Body: signed},
			resp:     `{"redirectUrl":"https://secure.zen.com/4312a1c3-1a54-4e1f-b37c-0e2242986ce1"}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "https://secure.zen.com/4312a1c3-1a54-4e1f-b37c-0e2242986ce1", got.(*Checkout).RedirectURL)
				assert.Empty(t, create.TerminalUUID, "caller's request is not modified")
			},
		},
		{
			method:   "Sign",
			checkout: true,
			offline:  "Sign returns the signed body for the caller's own form post to the checkout; it sends nothing",
			call:     func(_ context.Context, c *Client) (any, error) { return c.Checkouts.Sign(sign) },
			check: func(t *testing.T, got any) {
				body := got.([]byte)
				assert.JSONEq(t, signed, string(body))
				require.NoError(t, VerifyCheckoutSignature(body, testPaywallSecret))
				assert.Empty(t, sign.TerminalUUID, "caller's request is not modified")
			},
		},
	}
}
