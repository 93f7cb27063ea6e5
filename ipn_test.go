package zen

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

const testIPNSecret = "ipn-secret"

// The worked example: "order-42" + "EUR" + "10.50" + "ACCEPTED" + secret,
// hashed with sha256sum outside Go and uppercased.
const (
	ipnConcat  = "order-42EUR10.50ACCEPTEDipn-secret"
	ipnHashHex = "9D559BA0DC29A6E034364BF9DF73C0242A863C7937225723D52223F1A9683A08"
)

func TestIPNHashWorkedExample(t *testing.T) {
	sum := sha256.Sum256([]byte(ipnConcat))
	assert.Equal(t, strings.ToUpper(hex.EncodeToString(sum[:])), ipnHashHex)
	assert.Equal(t, ipnHashHex, IPNHash("order-42", "EUR", "10.50", "ACCEPTED", testIPNSecret))
	// The amount is hashed as received: "10.5" is a different message.
	assert.NotEqual(t, ipnHashHex, IPNHash("order-42", "EUR", "10.5", "ACCEPTED", testIPNSecret))
}

// ipnBody is a notification as ZEN posts it, signed with the worked example.
func ipnBody(hash string) string {
	return `{
		"type": "TRT_PURCHASE",
		"transactionId": "5f1b2c3d-0000-4000-8000-000000000001",
		"merchantTransactionId": "order-42",
		"amount": "10.50",
		"currency": "EUR",
		"status": "ACCEPTED",
		"hash": "` + hash + `",
		"paymentChannel": "PCL_CARD",
		"customer": {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "ip": "203.0.113.7"},
		"cardToken": "tok-1",
		"somethingNew": {"nested": [1, 2]}
	}`
}

func TestParseNotificationValid(t *testing.T) {
	n, err := ParseNotification([]byte(ipnBody(ipnHashHex)), testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, types.TypePurchase, n.Type)
	assert.Equal(t, "5f1b2c3d-0000-4000-8000-000000000001", n.TransactionID)
	assert.Equal(t, "order-42", n.MerchantTransactionID)
	assert.Equal(t, "10.50", n.Amount)
	assert.Equal(t, "EUR", n.Currency)
	assert.Equal(t, types.StatusAccepted, n.Status)
	assert.Equal(t, ipnHashHex, n.Hash)
	assert.Equal(t, types.ChannelCard, n.PaymentChannel)
	assert.Equal(t, "tok-1", n.CardToken)
	require.NotNil(t, n.Customer)
	assert.Equal(t, types.TransactionCustomer{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", IP: "203.0.113.7"}, *n.Customer)
	assert.JSONEq(t, ipnBody(ipnHashHex), string(n.Raw))
	amt, err := n.AmountValue()
	require.NoError(t, err)
	assert.True(t, amt.Equal(types.MustAmount("10.5")))
	assert.Nil(t, n.RejectError())
}

func TestParseNotificationLowercaseHash(t *testing.T) {
	n, err := ParseNotification([]byte(ipnBody(strings.ToLower(ipnHashHex))), testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, "order-42", n.MerchantTransactionID)
}

func TestParseNotificationAmountAsNumber(t *testing.T) {
	// ZEN's schema says string, but a number must be hashed by its literal
	// text, trailing zero included.
	body := `{"merchantTransactionId":"order-42","currency":"EUR","amount":10.50,"status":"ACCEPTED","hash":"` + ipnHashHex + `"}`
	n, err := ParseNotification([]byte(body), testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, "10.50", n.Amount)
}

func TestParseNotificationRejectsBadSignatures(t *testing.T) {
	tampered := strings.Replace(ipnBody(ipnHashHex), `"10.50"`, `"1050.00"`, 1)
	cases := map[string]struct{ body, secret string }{
		"wrong secret":    {ipnBody(ipnHashHex), "other-secret"},
		"tampered amount": {tampered, testIPNSecret},
		"tampered status": {strings.Replace(ipnBody(ipnHashHex), `"ACCEPTED"`, `"REJECTED"`, 1), testIPNSecret},
		"missing hash":    {`{"merchantTransactionId":"order-42","currency":"EUR","amount":"10.50","status":"ACCEPTED"}`, testIPNSecret},
		"hash not hex":    {ipnBody(strings.Repeat("Z", 64)), testIPNSecret},
		"hash truncated":  {ipnBody(ipnHashHex[:62]), testIPNSecret},
		"hash of old formula without status": {ipnBody(func() string {
			s := sha256.Sum256([]byte("order-42EUR10.50ipn-secret"))
			return hex.EncodeToString(s[:])
		}()), testIPNSecret},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			n, err := ParseNotification([]byte(tc.body), tc.secret)
			assert.Nil(t, n)
			assert.ErrorIs(t, err, ErrInvalidSignature)
		})
	}
}

func TestParseNotificationExactMemberNames(t *testing.T) {
	// encoding/json would match "AMOUNT" to an amount field; the check must
	// use the member a reader of Raw sees under "amount".
	body := `{"merchantTransactionId":"order-42","currency":"EUR","AMOUNT":"10.50","status":"ACCEPTED","hash":"` + ipnHashHex + `"}`
	_, err := ParseNotification([]byte(body), testIPNSecret)
	assert.ErrorIs(t, err, ErrMalformedNotification, "no amount member: nothing to verify")

	body = `{"merchantTransactionId":"order-42","currency":"EUR","amount":"10.50","Amount":"9999","status":"ACCEPTED","hash":"` + ipnHashHex + `"}`
	n, err := ParseNotification([]byte(body), testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, "10.50", n.Amount)
}

func TestParseNotificationEmptySecretNeverValid(t *testing.T) {
	hash := IPNHash("order-42", "EUR", "10.50", "ACCEPTED", "")
	n, err := ParseNotification([]byte(ipnBody(hash)), "")
	assert.Nil(t, n)
	require.ErrorIs(t, err, errNoIPNSecret)
	assert.NotErrorIs(t, err, ErrInvalidSignature)
	assert.NotErrorIs(t, err, ErrMalformedNotification)
}

func TestParseNotificationMalformed(t *testing.T) {
	for _, body := range []string{"", "not json", "[]", "null", `{"amount":true}`, `{"status":{}}`, `{"hash":`} {
		n, err := ParseNotification([]byte(body), testIPNSecret)
		assert.Nil(t, n, body)
		assert.ErrorIs(t, err, ErrMalformedNotification, body)
	}
}

func TestParseNotificationLenientUnsignedFields(t *testing.T) {
	body := `{"merchantTransactionId":"order-42","currency":"EUR","amount":"10.50","status":"ACCEPTED","hash":"` + ipnHashHex + `",
		"customer":"not an object","paymentChannel":{"x":1},"rejectCode":40199,"cardToken":null}`
	n, err := ParseNotification([]byte(body), testIPNSecret)
	require.NoError(t, err)
	assert.Nil(t, n.Customer)
	assert.Empty(t, n.PaymentChannel)
	assert.Equal(t, types.RejectCode("40199"), n.RejectCode)
	assert.Empty(t, n.CardToken)
	assert.Contains(t, string(n.Raw), `"not an object"`)
}

func TestSignNotificationRoundTrip(t *testing.T) {
	n := &Notification{
		Type:                  types.TypePurchase,
		TransactionID:         "t-1",
		MerchantTransactionID: "order-42",
		Amount:                "10.50",
		Currency:              "EUR",
		Status:                types.StatusRejected,
		RejectCode:            types.RejectInsufficientFunds,
		RejectReason:          "Insufficient funds",
		Raw:                   json.RawMessage(`{"fee":{"amount":"0.10","currency":"EUR"},"hash":"ignored","status":"IGNORED"}`),
	}
	body, err := SignNotification(n, testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, IPNHash("order-42", "EUR", "10.50", "REJECTED", testIPNSecret), n.Hash)
	assert.JSONEq(t, `{"type":"TRT_PURCHASE","transactionId":"t-1","merchantTransactionId":"order-42","amount":"10.50",
		"currency":"EUR","status":"REJECTED","hash":"`+n.Hash+`","rejectCode":"C40051",
		"rejectReason":"Insufficient funds","fee":{"amount":"0.10","currency":"EUR"}}`, string(body))

	got, err := ParseNotification(body, testIPNSecret)
	require.NoError(t, err)
	rej := got.RejectError()
	require.NotNil(t, rej)
	assert.ErrorIs(t, rej, ErrRejected)
	assert.Equal(t, types.RejectInsufficientFunds, rej.Code)

	_, err = SignNotification(n, "")
	assert.ErrorIs(t, err, errNoIPNSecret)
	_, err = SignNotification(nil, testIPNSecret)
	assert.EqualError(t, err, "zen: SignNotification: nil notification")
	_, err = SignNotification(&Notification{Currency: "EUR", Amount: "1", Status: "ACCEPTED", Raw: json.RawMessage(`[1]`)}, testIPNSecret)
	var typeErr *json.UnmarshalTypeError
	assert.ErrorAs(t, err, &typeErr)
	assert.ErrorContains(t, err, "zen: SignNotification: Raw is not a JSON object")
}

// serveIPN posts body to h (without a network) and returns the response.
func serveIPN(h http.Handler, method, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/zen/ipn", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestIPNHandlerAnswers(t *testing.T) {
	var calls atomic.Int32
	var got *Notification
	h := NewIPNHandler(testIPNSecret, func(ctx context.Context, n *Notification) error {
		calls.Add(1)
		got = n
		if n.MerchantTransactionID == "fail" {
			return errors.New("database down")
		}
		return nil
	})

	rec := serveIPN(h, http.MethodPost, ipnBody(ipnHashHex))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
	require.NotNil(t, got)
	assert.Equal(t, "order-42", got.MerchantTransactionID)
	assert.EqualValues(t, 1, calls.Load())

	rec = serveIPN(h, http.MethodPost, ipnBody(IPNHash("order-42", "EUR", "10.50", "ACCEPTED", "wrong")))
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.JSONEq(t, `{"error":"Unauthorized"}`, rec.Body.String())

	rec = serveIPN(h, http.MethodPost, `{"merchantTransactionId":`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)

	rec = serveIPN(h, http.MethodGet, "")
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, http.MethodPost, rec.Header().Get("Allow"))
	assert.EqualValues(t, 1, calls.Load(), "fn is not called for rejected requests")

	failing := &Notification{MerchantTransactionID: "fail", Currency: "EUR", Amount: "1.00", Status: types.StatusAccepted}
	body, err := SignNotification(failing, testIPNSecret)
	require.NoError(t, err)
	rec = serveIPN(h, http.MethodPost, string(body))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.NotContains(t, rec.Body.String(), "database", "fn's error text is not sent to ZEN")
	assert.EqualValues(t, 2, calls.Load())
}

func TestIPNHandlerBodyCap(t *testing.T) {
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error { return nil }, WithIPNMaxBody(64))
	rec := serveIPN(h, http.MethodPost, ipnBody(ipnHashHex))
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
}

func TestIPNHandlerEmptySecret(t *testing.T) {
	h := NewIPNHandler("", func(context.Context, *Notification) error {
		t.Error("fn must not be called without a secret")
		return nil
	})
	rec := serveIPN(h, http.MethodPost, ipnBody(IPNHash("order-42", "EUR", "10.50", "ACCEPTED", "")))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
}

func TestIPNHandlerDeduplication(t *testing.T) {
	var calls atomic.Int32
	fail := atomic.Bool{}
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error {
		calls.Add(1)
		if fail.Load() {
			return errors.New("try again")
		}
		return nil
	}, WithIPNDeduplication(NewMemoryIPNStore(1)))

	accepted := ipnBody(ipnHashHex)
	assert.Equal(t, http.StatusOK, serveIPN(h, http.MethodPost, accepted).Code)
	rec := serveIPN(h, http.MethodPost, accepted)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
	assert.EqualValues(t, 1, calls.Load(), "a repeat is acknowledged without calling fn")

	// Another status of the same transaction is a new notification; with a
	// memory of one it also pushes the first one out.
	other, err := SignNotification(&Notification{TransactionID: "5f1b2c3d-0000-4000-8000-000000000001", MerchantTransactionID: "order-42", Currency: "EUR", Amount: "10.50", Status: types.StatusRejected}, testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, serveIPN(h, http.MethodPost, string(other)).Code)
	assert.EqualValues(t, 2, calls.Load())
	assert.Equal(t, http.StatusOK, serveIPN(h, http.MethodPost, accepted).Code)
	assert.EqualValues(t, 3, calls.Load(), "evicted key is handled again")

	// A failed delivery is not remembered, so ZEN's retry reaches fn.
	fail.Store(true)
	assert.Equal(t, http.StatusInternalServerError, serveIPN(h, http.MethodPost, string(other)).Code)
	fail.Store(false)
	assert.Equal(t, http.StatusOK, serveIPN(h, http.MethodPost, string(other)).Code)
	assert.EqualValues(t, 5, calls.Load())
}

func TestIPNHandlerDeduplicationKeepsPurchaseAndRefundApart(t *testing.T) {
	var calls atomic.Int32
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error { calls.Add(1); return nil }, WithIPNDeduplication(NewMemoryIPNStore(8)))
	for _, n := range []*Notification{
		{Type: types.TypePurchase, TransactionID: "p-1", MerchantTransactionID: "order-42", Currency: "EUR", Amount: "10.50", Status: types.StatusAccepted},
		{Type: types.TypeRefund, TransactionID: "r-1", MerchantTransactionID: "order-42", Currency: "EUR", Amount: "10.50", Status: types.StatusAccepted},
	} {
		body, err := SignNotification(n, testIPNSecret)
		require.NoError(t, err)
		for range 2 {
			assert.Equal(t, http.StatusOK, serveIPN(h, http.MethodPost, string(body)).Code)
		}
	}
	assert.EqualValues(t, 2, calls.Load(), "same signed fields, different transactions: both handled, each once")
}

func TestIPNHandlerNeverLogsSecretOrBody(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error { return errors.New("boom") }, WithIPNLogger(logger))
	serveIPN(h, http.MethodPost, ipnBody("00"))
	serveIPN(h, http.MethodPost, "garbage")
	serveIPN(h, http.MethodPost, ipnBody(ipnHashHex))
	out := buf.String()
	assert.Contains(t, out, "boom")
	assert.Contains(t, out, "5f1b2c3d-0000-4000-8000-000000000001")
	for _, secret := range []string{testIPNSecret, ipnHashHex, "ada@example.com", "tok-1"} {
		assert.NotContains(t, out, secret)
	}
}

func FuzzParseNotification(f *testing.F) {
	f.Add([]byte(ipnBody(ipnHashHex)), testIPNSecret)
	f.Add([]byte(`{"amount":10.50,"hash":"`+ipnHashHex+`"}`), testIPNSecret)
	f.Add([]byte(`{"customer":[],"amount":1e400}`), "s")
	f.Add([]byte(`null`), "")
	f.Fuzz(func(t *testing.T, body []byte, secret string) {
		n, err := ParseNotification(body, secret)
		if err != nil {
			if n != nil {
				t.Fatal("notification returned with an error")
			}
			return
		}
		if secret == "" {
			t.Fatal("accepted with an empty secret")
		}
		if !strings.EqualFold(n.Hash, IPNHash(n.MerchantTransactionID, n.Currency, n.Amount, string(n.Status), secret)) {
			t.Fatalf("accepted a notification whose hash does not verify: %q", body)
		}
		_, _ = n.AmountValue()
	})
}

// TestNotificationNilReceiver checks that the helpers of a nil
// *Notification report an error or nil instead of panicking.
func TestNotificationNilReceiver(t *testing.T) {
	var n *Notification
	assert.Nil(t, n.RejectError())
	assert.NotPanics(t, func() {
		a, err := n.AmountValue()
		assert.EqualError(t, err, "zen: nil notification")
		assert.True(t, a.IsZero())
	})
}

// TestSignedFieldsKeepTheirBoundaries: the hash covers the four signed
// values run together, so a valid notification for ("order-42", "EUR",
// "10.50") must not verify with the boundaries moved, e.g. as
// ("order-42EUR1", "", "0.50"); values of a shape ZEN never sends are
// refused before the hash is checked, and SignNotification never makes them.
func TestSignedFieldsKeepTheirBoundaries(t *testing.T) {
	shifted := `{"merchantTransactionId":"order-42EUR1","currency":"","amount":"0.50","status":"ACCEPTED","hash":"` + ipnHashHex + `"}`
	n, err := ParseNotification([]byte(shifted), testIPNSecret)
	assert.Nil(t, n)
	require.ErrorIs(t, err, ErrMalformedNotification)
	assert.ErrorContains(t, err, `currency "" is not a 3-letter code`)
	for _, tc := range []struct{ currency, amount, status, want string }{
		{"EU", "10.50", "ACCEPTED", "currency"},
		{"eur", "10.50", "ACCEPTED", "currency"},
		{"EUR", "10.5.0", "ACCEPTED", "amount"},
		{"EUR", "1e3", "ACCEPTED", "amount"},
		{"EUR", "12345678901234567.00", "ACCEPTED", "amount"}, // 17 digits: AmountValue could not read it
		{"EUR", "1.1234567890123", "ACCEPTED", "amount"},
		{"EUR", "10.", "ACCEPTED", "amount"},
		{"EUR", "10.50", "", "status"},
		{"EUR", "10.50", "accepted", "status"},
	} {
		_, err := SignNotification(&Notification{MerchantTransactionID: "o", Currency: tc.currency, Amount: tc.amount,
			Status: types.TransactionStatus(tc.status)}, testIPNSecret)
		require.ErrorIs(t, err, ErrMalformedNotification, tc)
		assert.ErrorContains(t, err, tc.want)
	}
}
