package zen

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/srctest"
)

// jsonTypes are the package's types with the JSON engine's methods, each
// as a new zero value. TestJSONMethodsThroughEncodingJSON fails when a type
// with a JSONInline marker is missing here.
var jsonTypes = []any{
	&Card{}, &CardOperation{}, &CardUpdateRequest{}, &CashbackCardOrganization{}, &CashbackChannel{},
	&CashbackOffer{}, &Customer{}, &LegacyPaymentMethod{}, &Object{}, &PaymentChannelInfo{}, &PaymentLink{},
	&PaymentLinkCreated{}, &PaymentLinkCustomer{}, &PaymentLinkLine{}, &PaymentLinkUpdateRequest{},
	&PaymentMethodInfo{}, &PayoutCardCreateRequest{}, &PayoutCardUpdateRequest{}, &PayoutSelectOfferRequest{},
	&Plan{}, &PlanCreateRequest{}, &Product{}, &ProductCreateRequest{}, &ProductUpdateRequest{},
	&PurchaseCancelRequest{}, &ReversedAuthorization{}, &Subscription{}, &WalletRecipient{},
	&WalletRecipientUpdateRequest{},
	// paymentSpecificData variants: their fields and a "type" member.
	&AuthCheckPayment{}, &AuthCheckTokenPayment{}, &BitBayWithdrawalData{}, &BlikPayment{}, &CardPayoutData{},
	&DragonPayment{}, &DragonPayoutData{}, &DragonV2Payment{}, &ExternalTokenPayment{}, &G2APayPayment{},
	&GeneralPayment{}, &OneClickPayment{}, &OneTimePayment{}, &RecurringFullDataPayment{},
	&RecurringTokenPayment{}, &TrustlyPayment{}, &UnscheduledPayment{},
}

// TestJSONMethodsThroughEncodingJSON: the SDK decodes its types inline, but
// a caller may use encoding/json on them (a stored answer, a queue). Through
// encoding/json each type still keeps a member it does not model and writes
// it back: the one-line methods hand both directions to the same engine.
func TestJSONMethodsThroughEncodingJSON(t *testing.T) {
	srctest.CheckReceivers(t, ".", "JSONInline", jsonTypes)

	for _, v := range jsonTypes {
		name := reflect.TypeOf(v).Elem().Name()
		t.Run(name, func(t *testing.T) {
			if d, variant := v.(PaymentSpecificData); variant {
				// A variant: its "type" member, through encoding/json and
				// through the engine alike.
				out, err := json.Marshal(v)
				require.NoError(t, err)
				assert.Contains(t, string(out), `"type":"`+d.PaymentDataType()+`"`)
				inline, err := jsonx.Marshal(struct{ D PaymentSpecificData }{d})
				require.NoError(t, err)
				assert.Equal(t, `{"D":`+string(out)+`}`, string(inline))
				return
			}
			if _, decodes := v.(json.Unmarshaler); !decodes {
				// A request body only: its Extra (map[string]any) is written.
				extra := reflect.ValueOf(v).Elem().FieldByName("Extra")
				require.True(t, extra.IsValid(), "%s has an Extra field", name)
				extra.Set(reflect.ValueOf(map[string]any{"zzFuture": 1}))
				out, err := json.Marshal(v)
				require.NoError(t, err)
				assert.Contains(t, string(out), `"zzFuture":1`)
				return
			}
			require.NoError(t, json.Unmarshal([]byte(`{"zzFuture":{"a":[1,"2"]}}`), v))
			out, err := json.Marshal(v)
			require.NoError(t, err)
			assert.Contains(t, string(out), `"zzFuture":{"a":[1,"2"]}`)
		})
	}
}
