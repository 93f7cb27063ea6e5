package zen

import (
	"bytes"
	"go/ast"
	"log/slog"
	"reflect"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryPaymentVariantLogsItsTypeOnly logs every paymentSpecificData
// variant, each filled with data a log must never hold (card data, tokens,
// BLIK codes, wallet and bank details), through slog's JSON handler: the
// line names the variant's type and none of that data. The table must name
// every type with a PaymentDataType method.
func TestEveryPaymentVariantLogsItsTypeOnly(t *testing.T) {
	card := CardDetails{Number: "4111111111111111", ExpiryDate: "1230", CVV: "987", CardHolderName: "Jan Kowalski"}
	info := &PayoutInfo{RecipientID: "0f8fad5b-d9cb-469f-a165-70867728950e", Title: "SECRET-1"}
	variants := []PaymentSpecificData{
		RawPaymentData(`{"type":"onetime","card":{"number":"4111111111111111","cvv":"987"}}`),
		OneTimePayment{Card: card, Descriptor: "SHOP"},
		AuthCheckPayment{Card: card},
		OneClickPayment{CardToken: "tok-SECRET-2", Card: &CardDetails{CVV: "987"}},
		AuthCheckTokenPayment{CardToken: "tok-SECRET-2", Card: &CardDetails{CVV: "987"}},
		RecurringTokenPayment{CardToken: "tok-SECRET-2"},
		RecurringFullDataPayment{Card: card},
		UnscheduledPayment{CardToken: "tok-SECRET-2"},
		ExternalTokenPayment{Token: "wallet-SECRET-3"},
		GeneralPayment{ReturnURL: "https://shop.example/r?sid=SECRET-4"},
		BlikPayment{Ticket: "123456"},
		TrustlyPayment{ReturnURL: "https://shop.example/r?sid=SECRET-4"},
		G2APayPayment{ItemsURL: "https://shop.example/i?sid=SECRET-4"},
		DragonPayment{CryptoCurrency: "BTC"},
		DragonV2Payment{DestinationAddress: "bc1-SECRET-5"},
		PayNowPayoutData{Fields: map[string]any{"account": "SECRET-6"}},
		CardPayoutData{CardToken: "tok-SECRET-2", Recipient: PayoutRecipient{FirstName: "Jan", LastName: "Kowalski"}},
		BitBayWithdrawalData{PayoutBtcAddress: "1SECRETaddr7"},
		DragonPayoutData{PayoutInfo: info, RecipientExternalID: "SECRET-8"},
		WebMoneyPayoutData{PayoutInfo: info, Fields: map[string]any{"purse": "SECRET-9"}},
	}
	secrets := []string{"4111111111111111", "987", "1230", "Kowalski", "SECRET", "123456"}

	var declared, listed []string
	for _, f := range parsePackage(t, ".") {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Name.Name == "PaymentDataType" {
				declared = append(declared, typeName(fn.Recv.List[0].Type))
			}
		}
	}
	for _, v := range variants {
		listed = append(listed, reflect.TypeOf(v).Name())
	}
	sort.Strings(declared)
	sort.Strings(listed)
	require.Equal(t, declared, listed, "the table names every paymentSpecificData variant")

	for _, v := range variants {
		t.Run(reflect.TypeOf(v).Name(), func(t *testing.T) {
			var buf bytes.Buffer
			// No time attribute: its digits could hold a short secret by chance.
			noTime := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}}
			slog.New(slog.NewJSONHandler(&buf, noTime)).Info("pay", "data", v)
			out := buf.String()
			require.NotEmpty(t, v.PaymentDataType(), "each variant in the table has a type to log")
			assert.Contains(t, out, `"type":"`+v.PaymentDataType()+`"`)
			for _, s := range secrets {
				assert.NotContains(t, out, s)
			}
		})
	}
}
