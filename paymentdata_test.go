package zen

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

func TestPaymentDataVariantsJSON(t *testing.T) {
	threeDS := ThreeDSOptions{
		BrowserDetails:              browser(),
		ThreeDSData:                 &ThreeDSData{Purchase: map[string]any{"purchaseInstalData": "1"}, ThreeDSRequestorURL: "https://shop.example"},
		AuthenticationServiceTarget: TargetRecurring,
		Subscription:                &PaymentSubscription{PlanID: "plan-1"},
		ReturnVerifyURL:             "https://shop.example/3ds",
	}
	const threeDSJSON = `"browserDetails":` + browserJSON + `,
		"threeDsData":{"purchase":{"purchaseInstalData":"1"},"threeDSRequestorURL":"https://shop.example"},
		"authenticationServiceTarget":"recurring","subscription":{"planId":"plan-1"},
		"returnVerifyUrl":"https://shop.example/3ds"`
	cvvOnly := &CardDetails{ExpiryDate: "0129", CVV: testCardCVV}
	cases := map[string]struct {
		data PaymentSpecificData
		typ  string
		want string
	}{
		"onetime": {
			OneTimePayment{Card: testCard(), Descriptor: "SHOP", ThreeDSOptions: threeDS, SaveCard: Ptr(true), AvsCheck: Ptr(false), SCAExemptions: ExemptionLowValue},
			"onetime",
			`{"type":"onetime","card":` + testCardJSON + `,"descriptor":"SHOP",` + threeDSJSON + `,
				"saveCard":true,"avsCheck":false,"scaExemptions":"LOW_VALUE_PAYMENT"}`,
		},
		"onetime minimal": {
			OneTimePayment{Card: testCard(), Descriptor: "SHOP", ThreeDSOptions: ThreeDSOptions{BrowserDetails: browser()}},
			"onetime",
			`{"type":"onetime","card":` + testCardJSON + `,"descriptor":"SHOP","browserDetails":` + browserJSON + `}`,
		},
		"auth_check": {
			AuthCheckPayment{Card: testCard(), Descriptor: "VERIFY", ThreeDSOptions: ThreeDSOptions{BrowserDetails: browser()}, SaveCard: Ptr(true)},
			"auth_check",
			`{"type":"auth_check","card":` + testCardJSON + `,"descriptor":"VERIFY","browserDetails":` + browserJSON + `,"saveCard":true}`,
		},
		"oneclick": {
			OneClickPayment{CardToken: "b5507016-7da2-4777-a161-1e8042a6a377", Descriptor: "SHOP", ThreeDSOptions: threeDS, SCAExemptions: ExemptionTransactionRiskAnalysis, Card: cvvOnly},
			"oneclick",
			`{"type":"oneclick","cardToken":"b5507016-7da2-4777-a161-1e8042a6a377","descriptor":"SHOP",` + threeDSJSON + `,
				"scaExemptions":"TRANSACTION_RISK_ANALYSIS","card":{"expiryDate":"0129","cvv":"987"}}`,
		},
		"auth_check_token": {
			AuthCheckTokenPayment{CardToken: "tok-1", Descriptor: "VERIFY", ThreeDSOptions: ThreeDSOptions{BrowserDetails: browser()}},
			"auth_check_token",
			`{"type":"auth_check_token","cardToken":"tok-1","descriptor":"VERIFY","browserDetails":` + browserJSON + `}`,
		},
		"recurring_token": {
			RecurringTokenPayment{CardToken: "tok-1", Descriptor: "SUB", FirstTransactionID: testTxID, SubscriptionID: "sub-1", SubscriptionPlanID: "plan-1", SCAExemptions: ExemptionWhitelistedMerchant},
			"recurring_token",
			`{"type":"recurring_token","cardToken":"tok-1","descriptor":"SUB","firstTransactionId":"` + testTxID + `",
				"subscriptionId":"sub-1","subscriptionPlanId":"plan-1","scaExemptions":"WHITELISTED_MERCHANT"}`,
		},
		"recurring_fulldata": {
			RecurringFullDataPayment{Card: CardDetails{Number: testCardPAN, ExpiryDate: "0129"}, Descriptor: "SUB", FirstTransactionID: testTxID},
			"recurring_fulldata",
			`{"type":"recurring_fulldata","card":{"number":"4111111111111111","expiryDate":"0129"},"descriptor":"SUB","firstTransactionId":"` + testTxID + `"}`,
		},
		"unscheduled default": {
			UnscheduledPayment{CardToken: "tok-1", Descriptor: "TOPUP", FirstTransactionID: testTxID},
			"unscheduled",
			`{"type":"unscheduled","cardToken":"tok-1","descriptor":"TOPUP","firstTransactionId":"` + testTxID + `"}`,
		},
		"unscheduled_token": {
			UnscheduledPayment{Type: UnscheduledToken, CardToken: "tok-1", Descriptor: "TOPUP", FirstTransactionID: testTxID, SCAExemptions: ExemptionLowValue},
			"unscheduled_token",
			`{"type":"unscheduled_token","cardToken":"tok-1","descriptor":"TOPUP","firstTransactionId":"` + testTxID + `","scaExemptions":"LOW_VALUE_PAYMENT"}`,
		},
		"external_payment_token": {
			ExternalTokenPayment{Token: `{"paymentData":{"version":"EC_v1"}}`, BrowserDetails: browser(), ReturnVerifyURL: "https://shop.example/3ds", Descriptor: "SHOP"},
			"external_payment_token",
			`{"type":"external_payment_token","token":"{\"paymentData\":{\"version\":\"EC_v1\"}}","browserDetails":` + browserJSON + `,
				"returnVerifyUrl":"https://shop.example/3ds","descriptor":"SHOP"}`,
		},
		"general":       {GeneralPayment{ReturnURL: "https://shop.example/back"}, "general", `{"type":"general","returnUrl":"https://shop.example/back"}`},
		"general empty": {GeneralPayment{}, "general", `{"type":"general"}`},
		"blik":          {BlikPayment{Ticket: "777111"}, "blik", `{"type":"blik","ticket":"777111"}`},
		"trustly":       {TrustlyPayment{ReturnURL: "https://shop.example/back", Locale: "sv_SE"}, "trustly", `{"type":"trustly","returnUrl":"https://shop.example/back","locale":"sv_SE"}`},
		"raw":           {RawPaymentData(`{"type":"g2apay","x":1}`), "g2apay", `{"type":"g2apay","x":1}`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.typ, tc.data.PaymentDataType())
			b, err := json.Marshal(tc.data)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(b))
			// A pointer to the variant encodes the same way.
			wrapped, err := json.Marshal(struct {
				D PaymentSpecificData `json:"d"`
			}{tc.data})
			require.NoError(t, err)
			assert.JSONEq(t, `{"d":`+tc.want+`}`, string(wrapped))
			// The SDK's engine writes a variant met inside a request from
			// its fields and tag, without its MarshalJSON: the same bytes.
			inline, err := jsonx.Marshal(&struct {
				D PaymentSpecificData `json:"d"`
			}{tc.data})
			require.NoError(t, err)
			assert.Equal(t, string(wrapped), string(inline))
			v := validate.New()
			checkPaymentData(v, tc.data, true)
			assert.NoError(t, v.Err())
		})
	}
}

func TestPaymentDataVariantsValidation(t *testing.T) {
	bd := ThreeDSOptions{BrowserDetails: browser()}
	cases := map[string]struct {
		data  PaymentSpecificData
		field string
	}{
		"onetime number missing":   {OneTimePayment{Card: CardDetails{ExpiryDate: "0129", CVV: "123"}, Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.card.number"},
		"onetime number short":     {OneTimePayment{Card: CardDetails{Number: "41111111111", ExpiryDate: "0129", CVV: "123"}, Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.card.number"},
		"onetime expiry format":    {OneTimePayment{Card: CardDetails{Number: testCardPAN, ExpiryDate: "01/29", CVV: "123"}, Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.card.expiryDate"},
		"onetime expiry month":     {OneTimePayment{Card: CardDetails{Number: testCardPAN, ExpiryDate: "0029", CVV: "123"}, Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.card.expiryDate"},
		"onetime cvv":              {OneTimePayment{Card: CardDetails{Number: testCardPAN, ExpiryDate: "0129", CVV: "12"}, Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.card.cvv"},
		"onetime browser field":    {OneTimePayment{Card: testCard(), Descriptor: "d", ThreeDSOptions: ThreeDSOptions{BrowserDetails: &BrowserDetails{WindowSize: "01"}}}, "paymentSpecificData.browserDetails.userAgent"},
		"onetime verify url":       {OneTimePayment{Card: testCard(), Descriptor: "d", ThreeDSOptions: ThreeDSOptions{BrowserDetails: browser(), ReturnVerifyURL: "/3ds"}}, "paymentSpecificData.returnVerifyUrl"},
		"onetime subscription":     {OneTimePayment{Card: testCard(), Descriptor: "d", ThreeDSOptions: ThreeDSOptions{BrowserDetails: browser(), Subscription: &PaymentSubscription{}}}, "paymentSpecificData.subscription.planId"},
		"auth_check card":          {AuthCheckPayment{Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.card.number"},
		"oneclick token":           {OneClickPayment{Descriptor: "d", ThreeDSOptions: bd}, "paymentSpecificData.cardToken"},
		"oneclick number not sent": {OneClickPayment{CardToken: "t", Descriptor: "d", ThreeDSOptions: bd, Card: &CardDetails{Number: testCardPAN}}, "paymentSpecificData.card.number"},
		"oneclick cvv":             {OneClickPayment{CardToken: "t", Descriptor: "d", ThreeDSOptions: bd, Card: &CardDetails{CVV: "12345"}}, "paymentSpecificData.card.cvv"},
		"auth_check_token browser": {AuthCheckTokenPayment{CardToken: "t", Descriptor: "d"}, "paymentSpecificData.browserDetails"},
		"recurring_token first id": {RecurringTokenPayment{CardToken: "t", Descriptor: "d"}, "paymentSpecificData.firstTransactionId"},
		"recurring_fulldata exp":   {RecurringFullDataPayment{Card: CardDetails{Number: testCardPAN}, Descriptor: "d", FirstTransactionID: testTxID}, "paymentSpecificData.card.expiryDate"},
		"unscheduled type":         {UnscheduledPayment{Type: "scheduled", CardToken: "t", Descriptor: "d", FirstTransactionID: testTxID}, "paymentSpecificData.type"},
		"unscheduled token":        {UnscheduledPayment{Descriptor: "d", FirstTransactionID: testTxID}, "paymentSpecificData.cardToken"},
		"external token":           {ExternalTokenPayment{BrowserDetails: browser(), Descriptor: "d"}, "paymentSpecificData.token"},
		"external descriptor":      {ExternalTokenPayment{Token: "x", BrowserDetails: browser()}, "paymentSpecificData.descriptor"},
		"general url":              {GeneralPayment{ReturnURL: "ftp://x"}, "paymentSpecificData.returnUrl"},
		"blik missing":             {BlikPayment{}, "paymentSpecificData.ticket"},
		"blik seven digits":        {BlikPayment{Ticket: "7771110"}, "paymentSpecificData.ticket"},
		"trustly url":              {TrustlyPayment{ReturnURL: "back"}, "paymentSpecificData.returnUrl"},
		"raw not object":           {RawPaymentData(`[1]`), "paymentSpecificData"},
		"raw no type":              {RawPaymentData(`{"x":1}`), "paymentSpecificData.type"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			v := validate.New()
			checkPaymentData(v, tc.data, true)
			err := v.Err()
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, ErrValidation)
			assert.Contains(t, validationFields(err), tc.field)
		})
	}
}

// noTime drops slog's timestamp, whose digits could contain the test CVV.
var noTime = &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}}

// addresses matches pointers as %v prints them.
var addresses = regexp.MustCompile(`0x[0-9a-f]+`)

// TestCardDataNeverPrinted checks every way a request holding card data can
// end up in a log: fmt verbs on the card, the variant and the whole
// request, and slog's JSON and text handlers.
func TestCardDataNeverPrinted(t *testing.T) {
	card := testCard()
	onetime := OneTimePayment{Card: card, Descriptor: "SHOP", ThreeDSOptions: ThreeDSOptions{BrowserDetails: browser()}}
	req := cardPurchase()
	renew := &PurchaseRenewAuthorizationRequest{TransactionID: testTxID, MerchantTransactionID: "o", PaymentSpecificData: AuthCheckPayment(onetime)}
	values := map[string]any{
		"card":          card,
		"card pointer":  &card,
		"onetime":       onetime,
		"auth_check":    AuthCheckPayment(onetime),
		"oneclick":      OneClickPayment{CardToken: "t", Card: &CardDetails{ExpiryDate: "0129", CVV: testCardCVV}},
		"auth_token":    AuthCheckTokenPayment{CardToken: "t", Card: &CardDetails{ExpiryDate: "0129", CVV: testCardCVV}},
		"fulldata":      RecurringFullDataPayment{Card: card},
		"raw":           RawPaymentData(`{"type":"onetime","card":` + testCardJSON + `}`),
		"request":       req,
		"request value": *req,
		"renew":         renew,
	}
	secrets := []string{testCardPAN, testCardCVV, "411111", "0129", "Jan Kowalski"}
	for name, val := range values {
		t.Run(name, func(t *testing.T) {
			// Each output is checked for the secrets in the form that verb
			// would print them: %x hex-encodes strings, and %x/%d print
			// pointers as bare hex or decimal digits, in which a short
			// value like a CVV can occur by chance.
			type output struct {
				text string
				hexy bool
			}
			var outs []output
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
				outs = append(outs, output{fmt.Sprintf(verb, val), verb == "%x" || verb == "%d"})
			}
			outs = append(outs, output{fmt.Sprint(val), false}, output{fmt.Sprintln(val), false})
			var jsonBuf, textBuf bytes.Buffer
			slog.New(slog.NewJSONHandler(&jsonBuf, noTime)).Info("create", "req", val)
			slog.New(slog.NewTextHandler(&textBuf, noTime)).Info("create", "req", val)
			outs = append(outs, output{jsonBuf.String(), false}, output{textBuf.String(), false})
			for i, out := range outs {
				for _, sec := range secrets {
					if (name == "request" || name == "request value") && sec == "Jan Kowalski" {
						continue // the purchase holds other data too; only the card matters here
					}
					text := addresses.ReplaceAllString(out.text, "ADDR")
					if out.hexy {
						assert.NotContains(t, out.text, hex.EncodeToString([]byte(sec)), "output %d: %s", i, out.text)
						if len(sec) < 12 {
							continue // digits of a pointer, not card data
						}
					}
					assert.NotContains(t, text, sec, "output %d: %s", i, out.text)
				}
			}
		})
	}
}

func TestCardMaskedForms(t *testing.T) {
	card := testCard()
	assert.Equal(t, "CardDetails{****1111}", card.String())
	assert.Equal(t, `zen.CardDetails{Number:"****1111"}`, card.GoString())
	assert.Equal(t, "CardDetails{****1111}", fmt.Sprintf("%v", card))
	assert.Equal(t, `zen.CardDetails{Number:"****1111"}`, fmt.Sprintf("%#v", &card))
	assert.Equal(t, "CardDetails{****}", CardDetails{Number: "12345678"}.String(), "short numbers show no digits")
	assert.Equal(t, "CardDetails{}", CardDetails{CVV: "123"}.String())
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, noTime)).Info("x", "payment", OneTimePayment{Card: card})
	assert.Contains(t, buf.String(), `"payment":{"type":"onetime","card":{"number":"****1111"}}`)
	// JSON encoding, i.e. the request body, keeps the real data.
	b, err := json.Marshal(card)
	require.NoError(t, err)
	assert.JSONEq(t, testCardJSON, string(b))
}

func TestPurchaseRequestLogValueIsMetadataOnly(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, noTime)).Info("create", "req", cardPurchase())
	out := buf.String()
	assert.Contains(t, out, `"merchantTransactionId":"order-1001"`)
	assert.Contains(t, out, `"amount":"25.50"`)
	assert.Contains(t, out, `"paymentSpecificData":{"type":"onetime","card":{"number":"****1111"}}`)
	assert.NotContains(t, out, "jan@example.com")
	assert.NotContains(t, out, "203.0.113.7")
}

// TestOneTimeSecretsNeverPrinted checks that a BLIK code and a wallet
// token, which authorize a payment just like card data, stay out of fmt
// and slog output, alone and inside a request.
func TestOneTimeSecretsNeverPrinted(t *testing.T) {
	const ticket, token = "777111", "eyJwYXltZW50RGF0YSI6InNlY3JldCJ9"
	blik := BlikPayment{Ticket: ticket}
	wallet := ExternalTokenPayment{Token: token, Descriptor: "SHOP", BrowserDetails: browser()}
	req := &PurchaseCreateRequest{MerchantTransactionID: "o-1", PaymentChannel: types.ChannelBlik, PaymentSpecificData: blik}
	for name, val := range map[string]any{"blik": blik, "blik pointer": &blik, "wallet": wallet, "wallet pointer": &wallet, "request": req} {
		t.Run(name, func(t *testing.T) {
			var outs []string
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
				outs = append(outs, fmt.Sprintf(verb, val))
			}
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, noTime)).Info("x", "v", val)
			slog.New(slog.NewTextHandler(&buf, noTime)).Info("x", "v", val)
			outs = append(outs, fmt.Sprint(val), buf.String())
			for _, out := range outs {
				for _, sec := range []string{ticket, token} {
					assert.NotContains(t, out, sec)
					assert.NotContains(t, strings.ToLower(out), hex.EncodeToString([]byte(sec)))
				}
			}
		})
	}
	assert.Equal(t, "BlikPayment{type:blik}", blik.String())
	assert.Equal(t, "ExternalTokenPayment{type:external_payment_token}", fmt.Sprint(wallet))
}
