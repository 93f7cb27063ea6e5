package zen

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// sigOf is the checkout signature of a pre-image written by hand.
func sigOf(preimage, secret string) string {
	sum := sha256.Sum256([]byte(preimage + secret))
	return hex.EncodeToString(sum[:]) + ";sha256"
}

// The checkout signature lower-cases with Unicode's full mapping, as PHP's
// mb_strtolower and JavaScript's toLowerCase do (Go's strings.ToLower gives
// "i" for İ and never the final ς).
func TestCheckoutSignatureFullLowerCase(t *testing.T) {
	const secret = "paywall-secret"
	cases := []struct {
		name, body, preimage string
	}{
		{"dotted capital I", `{"name":"İSTANBUL"}`, "name=i\u0307stanbul"},
		{"final sigma", `{"name":"ΟΔΥΣΣΕΥΣ"}`, "name=οδυσσευς"},
		{"sigma inside a word", `{"name":"ΣΑΣ ΣΑΣ"}`, "name=σας σας"},
		{"final sigma before a mark and punctuation", `{"name":"ΑΣ. Β"}`, "name=ας. β"},
		{"lone sigma", `{"name":"Σ"}`, "name=σ"},
		{"sigma after a word joined by an apostrophe", `{"name":"Α'Σ"}`, "name=α'ς"},
		{"sharp s stays", `{"name":"Straße"}`, "name=straße"},
		{"capital sharp s", `{"name":"STRAẞE"}`, "name=straße"},
		{"ascii", `{"Name":"ABC","amount":"10.00"}`, "amount=10.00&name=abc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CheckoutSignature([]byte(tc.body), secret)
			require.NoError(t, err)
			assert.Equal(t, sigOf(tc.preimage, secret), got)
			signed := strings.TrimSuffix(tc.body, "}") + `,"signature":"` + got + `"}`
			assert.NoError(t, VerifyCheckoutSignature([]byte(signed), secret))
		})
	}
	// What Go alone would have signed is refused.
	goLower := sigOf("name=istanbul", secret)
	err := VerifyCheckoutSignature([]byte(`{"name":"İSTANBUL","signature":"`+goLower+`"}`), secret)
	assert.ErrorIs(t, err, ErrInvalidSignature)
}

func TestCheckoutLowerMatchesStringsToLowerElsewhere(t *testing.T) {
	for _, s := range []string{"", "abc", "ÀÉÎÕÜ", "ĲǅΩ", "ДЖ", "ǈ", "Ⅻ", "ＡＢ", "\u0130x"} {
		want := strings.ToLower(strings.ReplaceAll(s, "\u0130", "i\u0307"))
		assert.Equal(t, want, checkoutLower(s), "%q", s)
	}
}

func TestSignNotificationRefusesWhatCannotBeReadBack(t *testing.T) {
	const secret = "ipn-secret"
	_, err := SignNotification(&Notification{MerchantTransactionID: "order-\xff", Currency: "EUR", Amount: "1.00", Status: types.StatusAccepted}, secret)
	assert.ErrorContains(t, err, "merchantTransactionId is not valid UTF-8")
	_, err = SignNotification(&Notification{MerchantTransactionID: "o", Currency: "EUR", Amount: "1.00", Status: types.StatusAccepted, RejectReason: "\xc3"}, secret)
	assert.ErrorContains(t, err, "rejectReason is not valid UTF-8")

	// A Raw member does not stand in for an empty signed field.
	n := &Notification{Currency: "EUR", Amount: "1.00", Status: types.StatusAccepted,
		Raw: json.RawMessage(`{"merchantTransactionId":"other","hash":"00","extra":{"k":1}}`)}
	body, err := SignNotification(n, secret)
	require.NoError(t, err)
	got, err := ParseNotification(body, secret)
	require.NoError(t, err)
	assert.Equal(t, "", got.MerchantTransactionID)
	assert.Contains(t, string(got.Raw), `"extra":{"k":1}`)
}

// FuzzSignNotificationRoundTrip: whatever SignNotification accepts,
// ParseNotification verifies with the same secret and reads back the
// signed fields unchanged.
func FuzzSignNotificationRoundTrip(f *testing.F) {
	f.Add("order-1", "EUR", "10.00", "ACCEPTED", "secret", []byte(`{"transactionId":"t"}`))
	f.Add("order-2", "PLN", "-0.5", "REJECTED", "secret", []byte(nil))
	f.Add("order-\xff", "PLN", "1", "REJECTED", "s", []byte(nil))
	f.Add("", "", "", "", "k", []byte(`{"amount":"5","merchantTransactionId":"x"}`))
	f.Add("a\u2028b<>&", "€", "-0.5e3", "st\"", "k", []byte(`{"customer":{"email":"a@b.c"}}`))
	f.Fuzz(func(t *testing.T, mtid, currency, amount, status, secret string, raw []byte) {
		n := &Notification{MerchantTransactionID: mtid, Currency: currency, Amount: amount,
			Status: types.TransactionStatus(status), Raw: raw}
		body, err := SignNotification(n, secret)
		if err != nil {
			if secret != "" && utf8.ValidString(mtid+currency+amount+status) && json.Valid(raw) &&
				checkSignedShapes(currency, amount, status) == nil {
				var obj map[string]json.RawMessage
				if len(strings.TrimSpace(string(raw))) == 0 || json.Unmarshal(raw, &obj) == nil {
					t.Fatalf("refused a notification it can sign: %v", err)
				}
			}
			return
		}
		got, err := ParseNotification(body, secret)
		if err != nil {
			t.Fatalf("signed body does not parse: %v\n%s", err, body)
		}
		if got.MerchantTransactionID != mtid || got.Currency != currency || got.Amount != amount || string(got.Status) != status {
			t.Fatalf("signed fields changed: %+v", got)
		}
	})
}
