package zen

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"reflect"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
)

// PaymentSpecificData is the method-specific part of a purchase, renewal or
// payout request: a union discriminated by its "type" member. Use one of
// the variant types of this package, or RawPaymentData for a variant this
// SDK does not model yet.
type PaymentSpecificData interface {
	// PaymentDataType returns the "type" value sent to ZEN.
	PaymentDataType() string
	// LogValue shows the variant in slog without card data, tokens or
	// personal data.
	slog.LogValuer
	// checkPaymentData adds the variant's rule failures to v.
	checkPaymentData(v *validate.Checker)
}

// RawPaymentData sends a paymentSpecificData object exactly as given; it
// must contain a "type" member. Use it for variants this SDK lacks.
type RawPaymentData json.RawMessage

// PaymentDataType returns the "type" member of the raw object.
func (r RawPaymentData) PaymentDataType() string {
	var t struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(r, &t)
	return t.Type
}

func (r RawPaymentData) checkPaymentData(v *validate.Checker) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(r, &obj) != nil {
		v.Fail("", "must be a JSON object")
		return
	}
	if r.PaymentDataType() == "" {
		v.Fail("type", "is required")
	}
}

// String names the variant without its content, which may hold card data.
func (r RawPaymentData) String() string { return variantString("RawPaymentData", r.PaymentDataType()) }

// Format prints String for every verb, so fmt never shows the raw object.
func (r RawPaymentData) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, r.String()) }

// LogValue makes slog log only the variant type.
func (r RawPaymentData) LogValue() slog.Value { return variantLogValue(r.PaymentDataType(), nil) }

// MarshalJSON returns the raw object.
func (r RawPaymentData) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return json.RawMessage(r).MarshalJSON()
}

// variantString is what fmt shows for a variant whose members authorize a
// payment (raw data, a BLIK code, a wallet token): its Go type and "type".
func variantString(name, typ string) string { return name + "{type:" + typ + "}" }

// checkPaymentData validates the union member under "paymentSpecificData".
// A nil pointer in the interface fails even when the member is optional:
// omitempty does not drop it, so it would be sent as null.
func checkPaymentData(v *validate.Checker, d PaymentSpecificData, required bool) {
	switch rv := reflect.ValueOf(d); {
	case d == nil:
		if required {
			v.Fail("paymentSpecificData", "is required")
		}
	case rv.Kind() == reflect.Pointer && rv.IsNil():
		if required {
			v.Fail("paymentSpecificData", "is required")
		} else {
			v.Fail("paymentSpecificData", "is a nil pointer; leave the field nil to omit it")
		}
	default:
		d.checkPaymentData(v.At("paymentSpecificData"))
	}
}

// Values of the "type" member of the paymentSpecificData variants.
const (
	PaymentTypeOneTime              = "onetime"
	PaymentTypeOneClick             = "oneclick"
	PaymentTypeRecurringToken       = "recurring_token"
	PaymentTypeRecurringFullData    = "recurring_fulldata"
	PaymentTypeUnscheduled          = "unscheduled"
	PaymentTypeUnscheduledToken     = "unscheduled_token"
	PaymentTypeAuthCheck            = "auth_check"
	PaymentTypeAuthCheckToken       = "auth_check_token"
	PaymentTypeExternalPaymentToken = "external_payment_token"
	PaymentTypeGeneral              = "general"
	PaymentTypeBlik                 = "blik"
	PaymentTypeTrustly              = "trustly"
)

// Challenge window sizes ZEN accepts.
const (
	WindowSize250x400    WindowSize = "01"
	WindowSize390x400    WindowSize = "02"
	WindowSize500x600    WindowSize = "03"
	WindowSize600x400    WindowSize = "04"
	WindowSizeFullScreen WindowSize = "05"
)

// Authentication service targets documented by ZEN.
const (
	TargetRecurring   AuthenticationServiceTarget = "recurring"
	TargetUnscheduled AuthenticationServiceTarget = "unscheduled"
	TargetOneClick    AuthenticationServiceTarget = "oneclick"
)

// SCA exemptions documented by ZEN.
const (
	ExemptionLowValue                SCAExemption = "LOW_VALUE_PAYMENT"
	ExemptionTransactionRiskAnalysis SCAExemption = "TRANSACTION_RISK_ANALYSIS"
	ExemptionWhitelistedMerchant     SCAExemption = "WHITELISTED_MERCHANT"
)

// PaymentDataType returns "onetime".
func (OneTimePayment) PaymentDataType() string { return PaymentTypeOneTime }

// PaymentDataType returns "auth_check".
func (AuthCheckPayment) PaymentDataType() string { return PaymentTypeAuthCheck }

// PaymentDataType returns "oneclick".
func (OneClickPayment) PaymentDataType() string { return PaymentTypeOneClick }

// PaymentDataType returns "auth_check_token".
func (AuthCheckTokenPayment) PaymentDataType() string { return PaymentTypeAuthCheckToken }

// RecurringTokenPayment ("recurring_token") charges a saved card without the
// buyer (merchant-initiated, on a schedule). FirstTransactionID is the ZEN
// id of the payment that saved the card.
type RecurringTokenPayment struct {
	CardToken          string       `json:"cardToken"`
	Descriptor         string       `json:"descriptor"`
	FirstTransactionID string       `json:"firstTransactionId"`
	SubscriptionID     string       `json:"subscriptionId,omitempty"`
	SubscriptionPlanID string       `json:"subscriptionPlanId,omitempty"`
	SCAExemptions      SCAExemption `json:"scaExemptions,omitempty"`
}

// PaymentDataType returns "recurring_token".
func (RecurringTokenPayment) PaymentDataType() string { return PaymentTypeRecurringToken }

// MarshalJSON writes the fields with "type":"recurring_token".
func (p RecurringTokenPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p RecurringTokenPayment) JSONTag(jsonx.Inline) (string, string) {
	return "type", p.PaymentDataType()
}

// JSONInline marks RecurringTokenPayment's JSON methods as the SDK engine's own.
func (*RecurringTokenPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only.
func (p RecurringTokenPayment) LogValue() slog.Value {
	return variantLogValue(p.PaymentDataType(), nil)
}

func (p RecurringTokenPayment) checkPaymentData(v *validate.Checker) {
	checkMerchantInitiated(v, p.CardToken, p.Descriptor, p.FirstTransactionID)
}

// checkMerchantInitiated checks the fields every token-based
// merchant-initiated payment needs.
func checkMerchantInitiated(v *validate.Checker, cardToken, descriptor, firstTransactionID string) {
	v.Required("cardToken", cardToken)
	v.Descriptor("descriptor", descriptor) // ≤ 24 and a pattern: ZEN's OpenAPI file
	v.Required("firstTransactionId", firstTransactionID)
}

// RecurringFullDataPayment ("recurring_fulldata") charges a card without the
// buyer using the full card data (CVV optional) instead of a token.
type RecurringFullDataPayment struct {
	Card               CardDetails  `json:"card"`
	Descriptor         string       `json:"descriptor"`
	FirstTransactionID string       `json:"firstTransactionId"`
	SCAExemptions      SCAExemption `json:"scaExemptions,omitempty"`
}

// PaymentDataType returns "recurring_fulldata".
func (RecurringFullDataPayment) PaymentDataType() string { return PaymentTypeRecurringFullData }

// MarshalJSON writes the fields with "type":"recurring_fulldata".
func (p RecurringFullDataPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p RecurringFullDataPayment) JSONTag(jsonx.Inline) (string, string) {
	return "type", p.PaymentDataType()
}

// JSONInline marks RecurringFullDataPayment's JSON methods as the SDK engine's own.
func (*RecurringFullDataPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type and the masked card only.
func (p RecurringFullDataPayment) LogValue() slog.Value {
	return variantLogValue(p.PaymentDataType(), &p.Card)
}

func (p RecurringFullDataPayment) checkPaymentData(v *validate.Checker) {
	p.Card.check(v.At("card"), true, false)
	v.Descriptor("descriptor", p.Descriptor) // ≤ 24 and a pattern: ZEN's OpenAPI file
	v.Required("firstTransactionId", p.FirstTransactionID)
}

// UnscheduledType selects the "type" string of an UnscheduledPayment: ZEN's
// reference says "unscheduled" while live integrations send
// "unscheduled_token".
type UnscheduledType string

// The two spellings of the unscheduled variant.
const (
	Unscheduled      UnscheduledType = PaymentTypeUnscheduled
	UnscheduledToken UnscheduledType = PaymentTypeUnscheduledToken
)

// UnscheduledPayment ("unscheduled" or "unscheduled_token") charges a saved
// card without the buyer at irregular times (e.g. top-ups). Type picks the
// spelling; empty means "unscheduled".
type UnscheduledPayment struct {
	Type               UnscheduledType `json:"-"`
	CardToken          string          `json:"cardToken"`
	Descriptor         string          `json:"descriptor"`
	FirstTransactionID string          `json:"firstTransactionId"`
	SCAExemptions      SCAExemption    `json:"scaExemptions,omitempty"`
}

// PaymentDataType returns Type, or "unscheduled" when Type is empty.
func (p UnscheduledPayment) PaymentDataType() string {
	if p.Type == "" {
		return PaymentTypeUnscheduled
	}
	return string(p.Type)
}

// MarshalJSON writes the fields with the selected type.
func (p UnscheduledPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p UnscheduledPayment) JSONTag(jsonx.Inline) (string, string) {
	return "type", p.PaymentDataType()
}

// JSONInline marks UnscheduledPayment's JSON methods as the SDK engine's own.
func (*UnscheduledPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only.
func (p UnscheduledPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p UnscheduledPayment) checkPaymentData(v *validate.Checker) {
	if p.Type != "" && p.Type != Unscheduled && p.Type != UnscheduledToken {
		v.Fail("type", "must be unscheduled or unscheduled_token")
	}
	checkMerchantInitiated(v, p.CardToken, p.Descriptor, p.FirstTransactionID)
}

// ExternalTokenPayment ("external_payment_token") pays with an Apple Pay or
// Google Pay token obtained in the buyer's browser.
type ExternalTokenPayment struct {
	// Token is the wallet's payment token, as the wallet returned it.
	Token           string          `json:"token"`
	BrowserDetails  *BrowserDetails `json:"browserDetails,omitempty"`
	ReturnVerifyURL string          `json:"returnVerifyUrl,omitempty"`
	Descriptor      string          `json:"descriptor"`
	SCAExemptions   SCAExemption    `json:"scaExemptions,omitempty"`
}

// PaymentDataType returns "external_payment_token".
func (ExternalTokenPayment) PaymentDataType() string { return PaymentTypeExternalPaymentToken }

// MarshalJSON writes the fields with "type":"external_payment_token".
func (p ExternalTokenPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p ExternalTokenPayment) JSONTag(jsonx.Inline) (string, string) {
	return "type", p.PaymentDataType()
}

// JSONInline marks ExternalTokenPayment's JSON methods as the SDK engine's own.
func (*ExternalTokenPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only, never the wallet token.
func (p ExternalTokenPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

// String names the variant without the wallet token.
func (p ExternalTokenPayment) String() string {
	return variantString("ExternalTokenPayment", p.PaymentDataType())
}

// Format prints String for every verb, so fmt never shows the wallet token.
func (p ExternalTokenPayment) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, p.String()) }

func (p ExternalTokenPayment) checkPaymentData(v *validate.Checker) {
	v.Required("token", p.Token)
	checkBrowserDetails(v, p.BrowserDetails)
	v.URL("returnVerifyUrl", p.ReturnVerifyURL, 1024)
	v.Descriptor("descriptor", p.Descriptor) // ≤ 24 and a pattern: ZEN's OpenAPI file
}

// GeneralPayment ("general") is used by most redirect-based methods
// (Bancontact, iDEAL, wallets, PayByZen, BoaCompra vouchers and transfers).
// ReturnURL overrides the shop's default return address.
type GeneralPayment struct {
	ReturnURL string `json:"returnUrl,omitempty"`
}

// PaymentDataType returns "general".
func (GeneralPayment) PaymentDataType() string { return PaymentTypeGeneral }

// MarshalJSON writes the fields with "type":"general".
func (p GeneralPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p GeneralPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks GeneralPayment's JSON methods as the SDK engine's own.
func (*GeneralPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only.
func (p GeneralPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p GeneralPayment) checkPaymentData(v *validate.Checker) { v.URL("returnUrl", p.ReturnURL, 1024) }

// BlikPayment ("blik") pays with a BLIK code: Ticket is the six-digit code
// the buyer reads from their banking app.
type BlikPayment struct {
	Ticket string `json:"ticket"`
}

// PaymentDataType returns "blik".
func (BlikPayment) PaymentDataType() string { return PaymentTypeBlik }

// MarshalJSON writes the fields with "type":"blik".
func (p BlikPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p BlikPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks BlikPayment's JSON methods as the SDK engine's own.
func (*BlikPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only, never the one-time code.
func (p BlikPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

// String names the variant without the one-time code.
func (p BlikPayment) String() string { return variantString("BlikPayment", p.PaymentDataType()) }

// Format prints String for every verb, so fmt never shows the one-time code.
func (p BlikPayment) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, p.String()) }

func (p BlikPayment) checkPaymentData(v *validate.Checker) {
	if v.Required("ticket", p.Ticket) {
		v.MatchRule("ticket", p.Ticket, validate.BlikTicket, "must be exactly 6 digits")
	}
}

// TrustlyPayment ("trustly") pays by bank transfer through Trustly.
type TrustlyPayment struct {
	ReturnURL string `json:"returnUrl,omitempty"`
	Locale    string `json:"locale,omitempty"`
}

// PaymentDataType returns "trustly".
func (TrustlyPayment) PaymentDataType() string { return PaymentTypeTrustly }

// MarshalJSON writes the fields with "type":"trustly".
func (p TrustlyPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p TrustlyPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks TrustlyPayment's JSON methods as the SDK engine's own.
func (*TrustlyPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type only.
func (p TrustlyPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p TrustlyPayment) checkPaymentData(v *validate.Checker) { v.URL("returnUrl", p.ReturnURL, 1024) }
