package types

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTransactionGolden decodes the full example response of ZEN's API
// reference page "Renew authorization" (copied verbatim into testdata) and
// re-encodes it with no member lost or changed in meaning. The only accepted
// difference is bin/lastFourDigits, which the example sends as numbers and
// the schema declares as strings.
func TestTransactionGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/transaction_seed.json")
	require.NoError(t, err)
	var tx Transaction
	require.NoError(t, json.Unmarshal(raw, &tx))

	// Spot-check typed decoding.
	assert.Equal(t, "497f6eca-6276-4993-bfeb-53cbbbba6f08", tx.ID)
	assert.Equal(t, "123.04", tx.Amount.String())
	assert.Equal(t, "PLN", tx.Currency)
	assert.Equal(t, TypeRefund, tx.Type)
	assert.Equal(t, StatusAccepted, tx.Status)
	assert.Equal(t, TopupAccepted, tx.TopupTransferStatus)
	assert.Equal(t, ChannelCard, tx.PaymentChannel)
	assert.Equal(t, time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC), tx.CreatedAt)
	assert.Equal(t, Actions{Capture: true, Redirect: true, Authorization: true, SelectOffer: true, RenewOffers: true}, *tx.Actions)
	require.NotNil(t, tx.MerchantAction)
	assert.Equal(t, ActionRedirect, tx.MerchantAction.Action)
	assert.Equal(t, "http://example.com", tx.MerchantAction.RedirectURL)
	assert.Equal(t, "123.04", tx.Fee.Amount.String())
	assert.Equal(t, "EUR", tx.Fee.Currency)
	assert.Equal(t, RejectWrongTransactionType, tx.RejectCode) // ZEN's example; not insufficient funds
	require.Len(t, tx.Refunds, 1)
	assert.Equal(t, "123.04", tx.Refunds[0].Amount.String())
	assert.Equal(t, FlexString("5516"), tx.CardInfo.LastFourDigits)
	assert.Equal(t, FlexString("557516"), tx.CardInfo.Bin)
	assert.Equal(t, CardTypeDebit, tx.CardInfo.Type)
	assert.True(t, *tx.CardInfo.EEA)
	assert.Equal(t, Date{2019, time.August, 24}, *tx.Meta.TravelRuleData.DateOfBirth)
	assert.Equal(t, "string", tx.Meta.ThreeDS.ErrorData.Detail)
	assert.Equal(t, "string", *tx.Meta.CaptureMode)
	assert.Equal(t, "123-45-67-890", tx.BillingAddress.TaxID)
	assert.Equal(t, int64(101), *tx.Cashback.Client.TenantID)
	assert.Equal(t, CashbackPercent, tx.Cashback.Values[0].Type)
	assert.Equal(t, NewItem("Multipla", MustAmount("123.04"), 1).LineAmountTotal, tx.Items[0].LineAmountTotal)
	assert.Equal(t, SourceZenAPI, tx.Source.Channel)
	assert.Equal(t, map[string]any{"property1": "string", "property2": "string"}, tx.FraudFields)
	assert.Nil(t, tx.Extra, "every member of the example is modelled")

	out, err := json.Marshal(tx)
	require.NoError(t, err)
	var want, got any
	require.NoError(t, json.Unmarshal(raw, &want))
	require.NoError(t, json.Unmarshal(out, &got))
	card := want.(map[string]any)["cardInfo"].(map[string]any)
	card["bin"], card["lastFourDigits"] = "557516", "5516"
	// expirationDate is a time: same instant, RFC 3339 without the zero millis.
	assert.Equal(t, "2018-08-08T00:00:00Z", got.(map[string]any)["cardInfo"].(map[string]any)["expirationDate"])
	card["expirationDate"] = "2018-08-08T00:00:00Z"
	assert.Equal(t, want, got)
}

func TestTransactionKeepsUnknownMembers(t *testing.T) {
	in := `{"merchantTransactionId":"m","amount":"1.50","currency":"EUR","createdAt":"2024-12-30T20:48:22.123Z","modifiedAt":"2024-12-30T20:48:22.123Z","type":"TRT_NEW_THING","status":"ON_HOLD","newTopLevel":{"a":[1,2]},"meta":{"futureField":"x"},"billingAddress":{"country":"DE","floor":3},"merchantAction":{"action":"SHOW_QR","data":{"qr":"abc"}}}`
	var tx Transaction
	require.NoError(t, json.Unmarshal([]byte(in), &tx))
	assert.False(t, tx.Type.IsKnown())
	assert.False(t, tx.Status.IsKnown())
	assert.False(t, tx.MerchantAction.Action.IsKnown())
	out, err := json.Marshal(tx)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

func TestTransactionHelpers(t *testing.T) {
	tx := Transaction{Amount: MustAmount("100.00"), Status: StatusAccepted, Refunds: []RefundSummary{
		{Amount: MustAmount("10.5"), Status: StatusAccepted},
		{Amount: MustAmount("20.00"), Status: StatusPending},
		{Amount: MustAmount("30.00"), Status: StatusRejected},
	}}
	assert.Equal(t, "30.50", tx.RefundedAmount().String())
	assert.False(t, tx.Can().Refund)
	assert.False(t, tx.IsRejected())
	assert.True(t, StatusCanceled.IsFinal())
	assert.False(t, StatusAuthorized.IsFinal())
}

// FuzzTransactionDecode asserts the decoder's promise: any input decodes,
// or it was not JSON; and what decodes re-encodes and reads back.
func FuzzTransactionDecode(f *testing.F) {
	seed, _ := os.ReadFile("testdata/transaction_seed.json")
	f.Add(seed)
	drift, _ := os.ReadFile("testdata/drift/unreadable_values.json")
	f.Add(drift)
	f.Add([]byte(`{"amount":1e3}`))
	f.Add([]byte(`{"cardInfo":{"bin":null,"lastFourDigits":[]}}`))
	f.Add([]byte(`{"merchantAction":{"action":"X","data":"str"}}`))
	f.Add([]byte(`{"items":[{"quantity":1.5},"x"],"createdAt":"2024-01-01","actions":{"new":true}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tx Transaction
		err := json.Unmarshal(b, &tx)
		if (err == nil) != json.Valid(b) {
			t.Fatalf("valid JSON=%v, error %v", json.Valid(b), err)
		}
		if err != nil {
			return
		}
		out, err := json.Marshal(tx)
		if err != nil {
			t.Fatalf("re-encoding a decoded transaction failed: %v", err)
		}
		var again Transaction
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("decoding our own output failed: %v\n%s", err, out)
		}
	})
}

// TestMerchantActionUnknownShapes checks the union's fallback: an action
// whose data does not have the known members' types still decodes (the
// whole transaction would fail otherwise) and round-trips unchanged, and an
// action without data is written without one.
func TestMerchantActionUnknownShapes(t *testing.T) {
	for _, in := range []string{
		`{"action":"SHOW_QR","data":{"imageUrl":{"png":"aGk=","svg":null},"redirectUrl":5}}`,
		`{"action":"REDIRECT","data":"https://example.com"}`,
		`{"action":"WAIT"}`,
		`{"action":"REDIRECT","data":{"redirectUrl":"https://example.com/3ds"}}`,
	} {
		var m MerchantAction
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		assert.JSONEq(t, in, string(out))
	}
	var m MerchantAction
	require.NoError(t, json.Unmarshal([]byte(`{"action":"SHOW_QR","data":{"imageUrl":{"png":"x"},"redirectUrl":"https://r"}}`), &m))
	assert.Equal(t, "https://r", m.RedirectURL, "members of the known types are still read")
	assert.Empty(t, m.ImageURL)

	out, err := json.Marshal(MerchantAction{Action: ActionDisplayImage, ImageURL: "https://img"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"action":"DISPLAY_IMAGE","data":{"imageUrl":"https://img"}}`, string(out))
}

// TestMerchantActionURLStrings: a plain URL is read as it is, and one with
// escapes or bytes that are not UTF-8 as encoding/json reads it.
func TestMerchantActionURLStrings(t *testing.T) {
	for raw, want := range map[string]string{
		`"https://x.example/a?b=1"`:    "https://x.example/a?b=1",
		`"https:\/\/x.example\u002fa"`: "https://x.example/a",
		"\"https://x.example/\xff\"":   "https://x.example/\ufffd",
		`""`:                           "",
		`1`:                            "",
	} {
		var m MerchantAction
		require.NoError(t, json.Unmarshal([]byte(`{"action":"REDIRECT","data":{"redirectUrl":`+raw+`}}`), &m), raw)
		assert.Equal(t, want, m.RedirectURL, raw)
	}
}

// TestMerchantActionURLsLikeAStruct: the URLs are read from data as
// encoding/json reads two string fields: the last member wins, names match
// up to case, and a value that is not a string reads as empty.
func TestMerchantActionURLsLikeAStruct(t *testing.T) {
	for _, data := range []string{
		`{"redirectUrl":"https://a.example"}`,
		`{"redirectUrl":"https://a.example","redirectUrl":"https://b.example"}`,
		`{"REDIRECTURL":"https://c.example","imageurl":"https://i.example"}`,
		`{"redirectUrl":"https://a.example","RedirectUrl":5}`,
		`{"imageUrl":{"nested":"x"},"redirectUrl":"x\u0041\/y"}`,
		`{"other":"z"}`,
		`{}`,
	} {
		var want struct {
			RedirectURL any `json:"redirectUrl"`
			ImageURL    any `json:"imageUrl"`
		}
		require.NoError(t, json.Unmarshal([]byte(data), &want), data)
		str := func(v any) string { s, _ := v.(string); return s }
		var m MerchantAction
		require.NoError(t, json.Unmarshal([]byte(`{"action":"REDIRECT","data":`+data+`}`), &m), data)
		assert.Equal(t, str(want.RedirectURL), m.RedirectURL, data)
		assert.Equal(t, str(want.ImageURL), m.ImageURL, data)
		assert.JSONEq(t, data, string(m.Data), "data is kept as received")
	}
}
