package zen

import (
	"log/slog"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
)

// Values of the "type" member of the variants known only from ZEN's
// OpenAPI file ("eCommerce Public API 1.0.0"), older than the current
// reference pages.
const (
	PaymentTypeG2APay   = "g2apay"
	PaymentTypeDragon   = "dragon"
	PaymentTypeDragonV2 = "dragon_v2"
	PaymentTypePayNow   = "paynow"
)

// G2APayPayment ("g2apay") pays through G2A Pay. ItemsURL is required.
// Source: ZEN's OpenAPI file (not on the current reference pages).
type G2APayPayment struct {
	ReturnURL string `json:"returnUrl,omitempty"`
	ItemsURL  string `json:"itemsUrl"`
}

// PaymentDataType returns "g2apay".
func (G2APayPayment) PaymentDataType() string { return PaymentTypeG2APay }

// MarshalJSON writes the fields with "type":"g2apay".
func (p G2APayPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p G2APayPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks G2APayPayment's JSON methods as the SDK engine's own.
func (*G2APayPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only.
func (p G2APayPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p G2APayPayment) checkPaymentData(v *validate.Checker) {
	v.URL("returnUrl", p.ReturnURL, 1024)
	if v.Required("itemsUrl", p.ItemsURL) { // required: ZEN's OpenAPI file
		v.URL("itemsUrl", p.ItemsURL, 1024)
	}
}

// DragonPayment ("dragon") pays in a cryptocurrency. CryptoCurrency (for
// example "BTC") is required. Source: ZEN's OpenAPI file.
type DragonPayment struct {
	ReturnURL      string `json:"returnUrl,omitempty"`
	CryptoCurrency string `json:"cryptoCurrency"`
}

// PaymentDataType returns "dragon".
func (DragonPayment) PaymentDataType() string { return PaymentTypeDragon }

// MarshalJSON writes the fields with "type":"dragon".
func (p DragonPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p DragonPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks DragonPayment's JSON methods as the SDK engine's own.
func (*DragonPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only.
func (p DragonPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p DragonPayment) checkPaymentData(v *validate.Checker) {
	v.URL("returnUrl", p.ReturnURL, 1024)
	v.Required("cryptoCurrency", p.CryptoCurrency) // required: ZEN's OpenAPI file
}

// DragonV2Payment ("dragon_v2") pays in a cryptocurrency to a given
// address. DestinationCurrency and DestinationAddress are required.
// Source: ZEN's OpenAPI file.
type DragonV2Payment struct {
	ReturnURL           string `json:"returnUrl,omitempty"`
	DestinationCurrency string `json:"destinationCurrency"`
	DestinationAddress  string `json:"destinationAddress"`
}

// PaymentDataType returns "dragon_v2".
func (DragonV2Payment) PaymentDataType() string { return PaymentTypeDragonV2 }

// MarshalJSON writes the fields with "type":"dragon_v2".
func (p DragonV2Payment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p DragonV2Payment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks DragonV2Payment's JSON methods as the SDK engine's own.
func (*DragonV2Payment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only, never the address.
func (p DragonV2Payment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p DragonV2Payment) checkPaymentData(v *validate.Checker) {
	v.URL("returnUrl", p.ReturnURL, 1024)
	// Both required: ZEN's OpenAPI file.
	v.Required("destinationCurrency", p.DestinationCurrency)
	v.Required("destinationAddress", p.DestinationAddress)
}

// PayoutInfo names the saved recipient of a "webmoney" or "dragon" payout:
// RecipientID (a UUID) is required, Title is free text. Source: ZEN's
// OpenAPI file.
type PayoutInfo struct {
	RecipientID string `json:"recipientId"`
	Title       string `json:"title,omitempty"`
}

func (p *PayoutInfo) check(v *validate.Checker) {
	v.UUID("recipientId", p.RecipientID, true) // uuid, required: ZEN's OpenAPI file
}

// PayNowPayoutData sends a payout to a PayNow recipient saved with
// client.Customers.PaynowRecipients (paymentSpecificData type "paynow").
// ZEN documents neither its members nor its rules: Fields are sent as
// given, and the payout goes on the card channel (PCL_CARD), as zentest
// requires.
type PayNowPayoutData struct {
	Fields map[string]any `json:"-"`
}

// PaymentDataType returns "paynow".
func (PayNowPayoutData) PaymentDataType() string { return PaymentTypePayNow }

// LogValue makes slog log the type only, never Fields.
func (d PayNowPayoutData) LogValue() slog.Value { return variantLogValue(d.PaymentDataType(), nil) }

func (PayNowPayoutData) checkPaymentData(*validate.Checker) {}

// MarshalJSON writes Fields with the "type" member.
func (d PayNowPayoutData) MarshalJSON() ([]byte, error) { return jsonx.MarshalExtra(d, d.Fields) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (d PayNowPayoutData) JSONTag(jsonx.Inline) (string, string) { return "type", d.PaymentDataType() }
