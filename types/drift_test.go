package types

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/zen-go/zen/internal/jsonx"
)

// TestDriftCorpus decodes each variant of ZEN's documented transaction in
// testdata/drift (unknown members at every level, numbers as strings and
// back, other date forms, nulls, empty strings, unknown enum values,
// fractional quantities, values that cannot be read at all) and checks the
// promises of the decoder: no error, every member that carried a value is
// written back (unmodelled and unreadable ones byte for byte), and decoding
// the output again gives the same transaction.
func TestDriftCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/drift/*.json")
	require.NoError(t, err)
	require.Len(t, files, 8)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			var tx, viaStdlib Transaction
			require.NoError(t, jsonx.Unmarshal(raw, &tx))
			require.NoError(t, json.Unmarshal(raw, &viaStdlib), "encoding/json callers get the same leniency")
			require.Equal(t, tx, viaStdlib)

			out, err := json.Marshal(tx)
			require.NoError(t, err)
			in, got := decodeAny(t, raw), decodeAny(t, out)
			checkKept(t, "", in, got)

			var again Transaction
			require.NoError(t, jsonx.Unmarshal(out, &again))
			out2, err := json.Marshal(again)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(out2), "the output reads back as the same transaction")

			driftExpectations[name](t, &tx, got)
		})
	}
}

// driftExpectations are the per-variant checks of values read.
var driftExpectations = map[string]func(t *testing.T, tx *Transaction, out any){
	"unknown_members": func(t *testing.T, tx *Transaction, _ any) {
		assert.True(t, tx.Actions.Has("splitRefund"), "a flag newer than the SDK is readable")
		assert.False(t, tx.Actions.Has("zzPartialCapture"))
		assert.True(t, tx.Actions.Has("capture"))
		assert.Equal(t, map[string]bool{"refund": false, "cancel": false, "capture": true, "redirect": true, "authorization": true,
			"selectOffer": true, "renewOffers": true, "splitRefund": true, "zzPartialCapture": false}, tx.Actions.Flags(),
			"a flag that is not a boolean (zzUnknown2 holds an object) is not a flag")
		assert.False(t, tx.Actions.Has("refund"))
		for name, extra := range map[string]map[string]json.RawMessage{
			"transaction": tx.Extra, "actions": tx.Actions.Extra, "fee": tx.Fee.Extra, "subsidiaryData": tx.SubsidiaryData.Extra,
			"authorization": tx.Authorization.Extra, "refund": tx.Refunds[0].Extra, "meta": tx.Meta.Extra, "threeDs": tx.Meta.ThreeDS.Extra,
			"errorData": tx.Meta.ThreeDS.ErrorData.Extra, "travelRuleData": tx.Meta.TravelRuleData.Extra, "customer": tx.Customer.Extra,
			"cardInfo": tx.CardInfo.Extra, "cardHolder": tx.CardInfo.CardHolder.Extra, "item": tx.Items[0].Extra,
			"cashback": tx.Cashback.Extra, "cashbackValue": tx.Cashback.Values[0].Extra, "cashbackClient": tx.Cashback.Client.Extra,
			"source": tx.Source.Extra, "merchantAction": tx.MerchantAction.Extra,
		} {
			want := 1
			if name == "actions" {
				want = 3 // zzUnknown2, splitRefund, zzPartialCapture
			}
			assert.Len(t, extra, want, name)
		}
		assert.Len(t, tx.BillingAddress.Extra, 1)
		assert.Equal(t, json.Number("12345678901234567891"), tx.BillingAddress.Extra["zzUnknown1"].(map[string]any)["big"])
		assert.Equal(t, "123.04", tx.Amount.String(), "modelled values are still read")
	},
	"numbers_as_strings": func(t *testing.T, tx *Transaction, _ any) {
		assert.Equal(t, "123.04", tx.Amount.String())
		assert.Equal(t, "123.04", tx.Fee.Amount.String())
		assert.Equal(t, "10", tx.SubsidiaryData.FeeAmount.String())
		assert.Equal(t, "123.04", tx.Refunds[0].Amount.String())
		assert.Equal(t, FlexString("5516"), tx.CardInfo.LastFourDigits)
		assert.Equal(t, FlexString("557516"), tx.CardInfo.Bin)
		assert.True(t, *tx.CardInfo.EEA)
		assert.False(t, *tx.CardInfo.Commercial)
		assert.Equal(t, NewQuantity(1), tx.Items[0].Quantity)
		assert.Equal(t, "123.04", tx.Items[0].Price.String())
		assert.Equal(t, int64(101), *tx.Cashback.Client.TenantID)
		assert.Equal(t, "12.5", tx.Authorization.Amount)
		assert.Equal(t, "10", tx.Meta.BtcAmount)
		assert.Equal(t, "48000000000", tx.Customer.Phone)
		assert.True(t, tx.Actions.Refund)
		assert.Nil(t, tx.Extra)
	},
	"date_forms": func(t *testing.T, tx *Transaction, _ any) {
		assert.Equal(t, time.Date(2019, 8, 24, 0, 0, 0, 0, time.UTC), tx.CreatedAt)
		assert.Equal(t, time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC), tx.ModifiedAt)
		assert.Equal(t, time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC), *tx.Refunds[0].CreatedAt)
		assert.Equal(t, time.Date(2018, 8, 8, 0, 0, 0, 0, time.UTC), *tx.CardInfo.ExpirationDate)
		assert.Equal(t, Date{2019, time.August, 24}, *tx.Meta.TravelRuleData.DateOfBirth)
	},
	"nulls": func(t *testing.T, tx *Transaction, _ any) {
		assert.Nil(t, tx.Fee)
		assert.Nil(t, tx.Actions)
		assert.Nil(t, tx.Refunds)
		assert.Nil(t, tx.CardInfo.EEA)
		assert.True(t, tx.Items[0].Price.IsZero())
		assert.Equal(t, "Multipla", tx.Items[0].Name)
		assert.Equal(t, "Rzeszow", tx.ShippingAddress.City)
		assert.Equal(t, "123.04", tx.Amount.String())
	},
	"empty_strings": func(t *testing.T, tx *Transaction, _ any) {
		assert.Nil(t, tx.Fee)
		assert.Nil(t, tx.Actions)
		assert.Nil(t, tx.Meta)
		assert.Nil(t, tx.MerchantAction)
		assert.Nil(t, tx.Refunds)
		assert.True(t, tx.CreatedAt.IsZero())
		assert.Nil(t, tx.CardInfo.EEA)
		assert.Nil(t, tx.CardInfo.ExpirationDate)
		assert.Zero(t, tx.Items[0].Quantity)
		assert.Equal(t, "557516", string(tx.CardInfo.Bin))
		assert.Nil(t, tx.Extra, "\"\" reads as unset, it is not unreadable")
	},
	"unknown_enums": func(t *testing.T, tx *Transaction, _ any) {
		assert.Equal(t, TransactionStatus("ON_HOLD"), tx.Status)
		assert.False(t, tx.Status.IsKnown())
		assert.Equal(t, TransactionType("TRT_SPLIT"), tx.Type)
		assert.Equal(t, MerchantActionType("SHOW_QR"), tx.MerchantAction.Action)
		assert.JSONEq(t, `{"qr":"abc","expiresIn":30}`, string(tx.MerchantAction.Data))
		assert.Equal(t, CardType("CDT_PREPAID_NEW"), tx.CardInfo.Type)
		assert.Equal(t, TransactionStatus("REVERSED"), tx.Refunds[0].Status)
		assert.Equal(t, RejectCode("Z99999"), tx.RejectCode)
	},
	"fractional_quantities": func(t *testing.T, tx *Transaction, out any) {
		require.Len(t, tx.Items, 4)
		assert.Equal(t, MustQuantity("1.5"), tx.Items[0].Quantity, "a fraction reads exactly")
		assert.Nil(t, tx.Items[0].Extra)
		assert.Equal(t, MustQuantity("2.5"), tx.Items[1].Quantity, "a numeric string reads too")
		assert.Equal(t, MustQuantity("1.0"), tx.Items[2].Quantity)
		assert.Equal(t, NewQuantity(3), tx.Items[3].Quantity)
		assert.Equal(t, "123.04", tx.Items[0].Price.String(), "the rest of the item is read")
		items := out.(map[string]any)["items"].([]any)
		assert.Equal(t, json.Number("1.5"), items[0].(map[string]any)["quantity"], "written back as the number received")
		assert.Equal(t, json.Number("2.5"), items[1].(map[string]any)["quantity"], "and always as a JSON number")
		assert.Equal(t, json.Number("1.0"), items[2].(map[string]any)["quantity"], "with its exact text")
	},
	"unreadable_values": func(t *testing.T, tx *Transaction, out any) {
		assert.True(t, tx.CreatedAt.IsZero())
		assert.Equal(t, json.RawMessage(`"yesterday"`), tx.Extra["createdAt"])
		assert.False(t, tx.Actions.Refund)
		assert.Equal(t, json.RawMessage(`"maybe"`), tx.Actions.Extra["refund"])
		assert.False(t, tx.Actions.Has("refund"))
		assert.True(t, tx.Items[0].Price.IsZero())
		assert.Equal(t, "Multipla", tx.Items[0].Name)
		assert.Nil(t, tx.CardInfo.EEA)
		assert.Nil(t, tx.Cashback.Client.TenantID)
		assert.True(t, tx.Fee.Amount.IsZero())
		assert.Equal(t, "EUR", tx.Fee.Currency)
		assert.Empty(t, tx.Customer.ID)
		assert.Equal(t, "a@example.com", tx.Customer.Email)
		assert.Nil(t, tx.Refunds, "a list with an item that is not an object is kept raw as a whole")
		assert.JSONEq(t, `[{"id":"r1","amount":"1.00","createdAt":"soon"},"not an object"]`, string(tx.Extra["refunds"]))
		assert.Equal(t, StatusAccepted, tx.Status, "the answer's status is still read")
		o := out.(map[string]any)
		for path, want := range map[string]string{
			"createdAt": `"yesterday"`, "actions.refund": `"maybe"`, "items.0.price": `{"value":"1.00"}`, "cardInfo.eea": `5`,
			"cashback.client.tenantId": `"abc"`, "fee.amount": `"12,50"`, "customer.id": `["not","a","string"]`,
		} {
			assert.JSONEq(t, want, string(mustJSON(t, at(o, path))), path)
		}
	},
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// at returns the value at a dotted path (list indexes as numbers).
func at(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i := 0
			for _, c := range p {
				i = i*10 + int(c-'0')
			}
			v = x[i]
		}
	}
	return v
}

// checkKept requires every member of in that carries a value (not null,
// not "") to be present in out at the same place; members the SDK does not
// model (named zz*, or splitRefund) must be byte-for-byte equal.
func checkKept(t *testing.T, path string, in, out any) {
	t.Helper()
	switch x := in.(type) {
	case map[string]any:
		o, ok := out.(map[string]any)
		if !ok {
			assert.Equal(t, mustJSON(t, in), mustJSON(t, out), "%s: an object came back as another value", path)
			return
		}
		for k, v := range x {
			if v == nil || v == "" {
				continue
			}
			ov, present := o[k]
			if !assert.True(t, present, "%s.%s was lost", path, k) {
				continue
			}
			if strings.HasPrefix(k, "zz") || k == "splitRefund" {
				assert.Equal(t, string(mustJSON(t, v)), string(mustJSON(t, ov)), "%s.%s changed", path, k)
				continue
			}
			checkKept(t, path+"."+k, v, ov)
		}
	case []any:
		o, ok := out.([]any)
		if assert.True(t, ok, "%s: a list came back as another value", path) && assert.Len(t, o, len(x), path) {
			for i := range x {
				checkKept(t, path+"[]", x[i], o[i])
			}
		}
	}
}
