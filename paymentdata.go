package zen

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"reflect"
	"regexp"

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

// marshalVariant encodes a variant's fields (a struct type without methods)
// with its "type" member and the members of extra added; neither extra nor
// a "type" member in it can replace a modelled field or the type.
func marshalVariant(typ string, fields any, extra map[string]any) ([]byte, error) {
	all := maps.Clone(extra)
	if all == nil {
		all = make(map[string]any, 1)
	}
	all["type"] = typ
	return jsonx.MarshalExtra(fields, all)
}

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

// CardDetails is card data sent in full. It never prints its number, expiry date,
// CVV or holder name: String, GoString, every fmt verb and slog show at most
// the last four digits, while JSON encoding (the request body) keeps them.
type CardDetails struct {
	// Number is the card number (PAN), 12 to 19 digits.
	Number string `json:"number,omitempty"`
	// ExpiryDate is the expiry month and year as MMYY, e.g. "0129".
	ExpiryDate string `json:"expiryDate,omitempty"`
	// CVV is the 3 or 4 digit security code.
	CVV string `json:"cvv,omitempty"`
	// CardHolderName is the name printed on the card.
	CardHolderName string `json:"cardHolderName,omitempty"`
}

// last4 returns "****" plus the last four digits of a full-length number,
// "****" for anything shorter (which would reveal too much) and "" when
// the number is unset.
func (c CardDetails) last4() string {
	switch {
	case c.Number == "":
		return ""
	case len(c.Number) < 12:
		return "****"
	}
	return "****" + c.Number[len(c.Number)-4:]
}

// String returns "CardDetails{****1234}": the last four digits only.
func (c CardDetails) String() string { return "CardDetails{" + c.last4() + "}" }

// GoString returns `zen.CardDetails{Number:"****1234"}`, so %#v shows no card data.
func (c CardDetails) GoString() string { return fmt.Sprintf("zen.CardDetails{Number:%q}", c.last4()) }

// Format prints GoString for %#v and String for every other verb.
func (c CardDetails) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(c.GoString()))
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// LogValue makes slog log only the masked number.
func (c CardDetails) LogValue() slog.Value { return slog.GroupValue(slog.String("number", c.last4())) }

var (
	cardNumberRe = regexp.MustCompile(`^[0-9]{12,19}$`)
	expiryDateRe = regexp.MustCompile(`^(0[1-9]|1[0-2])[0-9]{2}$`)
	cvvRe        = regexp.MustCompile(`^[0-9]{3,4}$`)
	blikTicketRe = regexp.MustCompile(`^[0-9]{6}$`)
)

// check validates the card; full requires number and expiry date, cvv
// requires the CVV.
func (c *CardDetails) check(v *validate.Checker, full, cvv bool) {
	if full {
		v.Required("number", c.Number)
		v.Required("expiryDate", c.ExpiryDate)
	}
	if cvv {
		v.Required("cvv", c.CVV)
	}
	if c.Number != "" && !cardNumberRe.MatchString(c.Number) {
		v.Fail("number", "must be 12 to 19 digits")
	}
	if c.ExpiryDate != "" && !expiryDateRe.MatchString(c.ExpiryDate) {
		v.Fail("expiryDate", "must be MMYY (month 01-12, two-digit year)")
	}
	if c.CVV != "" && !cvvRe.MatchString(c.CVV) {
		v.Fail("cvv", "must be 3 or 4 digits")
	}
	v.MaxLen("cardHolderName", c.CardHolderName, 128)
}

// WindowSize is the 3-D Secure challenge window size of BrowserDetails.
type WindowSize string

// Challenge window sizes ZEN accepts.
const (
	WindowSize250x400    WindowSize = "01"
	WindowSize390x400    WindowSize = "02"
	WindowSize500x600    WindowSize = "03"
	WindowSize600x400    WindowSize = "04"
	WindowSizeFullScreen WindowSize = "05"
)

// IsKnown reports whether s is one of the documented window sizes.
func (s WindowSize) IsKnown() bool { return len(s) == 2 && s >= "01" && s <= "05" }

// BrowserDetails describes the buyer's browser for 3-D Secure; every field
// is required by ZEN. Numbers are sent as strings, as ZEN's schema says.
type BrowserDetails struct {
	AcceptHeader string     `json:"acceptHeader"` // exact HTTP Accept header
	ColorDepth   string     `json:"colorDepth"`   // bits per pixel, e.g. "24"
	JavaEnabled  bool       `json:"javaEnabled"`
	Lang         string     `json:"lang"`         // e.g. "en-US"
	ScreenHeight string     `json:"screenHeight"` // pixels
	ScreenWidth  string     `json:"screenWidth"`  // pixels
	Timezone     string     `json:"timezone"`     // minutes between UTC and local time, e.g. "-120"
	WindowSize   WindowSize `json:"windowSize"`
	UserAgent    string     `json:"userAgent"` // exact HTTP User-Agent header
}

func (b *BrowserDetails) check(v *validate.Checker) {
	for _, f := range []struct{ name, val string }{
		{"acceptHeader", b.AcceptHeader}, {"colorDepth", b.ColorDepth}, {"lang", b.Lang},
		{"screenHeight", b.ScreenHeight}, {"screenWidth", b.ScreenWidth}, {"timezone", b.Timezone},
		{"userAgent", b.UserAgent},
	} {
		v.Required(f.name, f.val)
	}
	if v.Required("windowSize", string(b.WindowSize)) && !b.WindowSize.IsKnown() {
		v.Fail("windowSize", "must be one of 01, 02, 03, 04, 05")
	}
}

// ThreeDSData is optional EMV 3-D Secure data that raises the chance of a
// frictionless flow. The nested objects follow the EMV 3DS specification
// and are sent as given.
type ThreeDSData struct {
	Purchase              map[string]any `json:"purchase,omitempty"`
	Cardholder            map[string]any `json:"cardholder,omitempty"`
	CardholderAccount     map[string]any `json:"cardholderAccount,omitempty"`
	MerchantRiskIndicator map[string]any `json:"merchantRiskIndicator,omitempty"`
	ThreeDSRequestor      map[string]any `json:"threeDSRequestor,omitempty"`
	ThreeDSRequestorURL   string         `json:"threeDSRequestorURL,omitempty"`
}

// AuthenticationServiceTarget tells ZEN what later payments a 3-D Secure
// authentication prepares for.
type AuthenticationServiceTarget string

// Authentication service targets documented by ZEN.
const (
	TargetRecurring   AuthenticationServiceTarget = "recurring"
	TargetUnscheduled AuthenticationServiceTarget = "unscheduled"
	TargetOneClick    AuthenticationServiceTarget = "oneclick"
)

// IsKnown reports whether t is a documented target.
func (t AuthenticationServiceTarget) IsKnown() bool {
	return t == TargetRecurring || t == TargetUnscheduled || t == TargetOneClick
}

// SCAExemption asks for an exemption from strong customer authentication.
type SCAExemption string

// SCA exemptions documented by ZEN.
const (
	ExemptionLowValue                SCAExemption = "LOW_VALUE_PAYMENT"
	ExemptionTransactionRiskAnalysis SCAExemption = "TRANSACTION_RISK_ANALYSIS"
	ExemptionWhitelistedMerchant     SCAExemption = "WHITELISTED_MERCHANT"
)

// IsKnown reports whether e is a documented exemption.
func (e SCAExemption) IsKnown() bool {
	return e == ExemptionLowValue || e == ExemptionTransactionRiskAnalysis || e == ExemptionWhitelistedMerchant
}

// PaymentSubscription links a card payment to a subscription plan.
type PaymentSubscription struct {
	PlanID string `json:"planId"`
}

// ThreeDSOptions are the 3-D Secure fields shared by the card variants that
// authenticate the buyer (onetime, oneclick, auth_check, auth_check_token).
// BrowserDetails is required by ZEN for all of them.
type ThreeDSOptions struct {
	BrowserDetails              *BrowserDetails             `json:"browserDetails,omitempty"`
	ThreeDSData                 *ThreeDSData                `json:"threeDsData,omitempty"`
	AuthenticationServiceTarget AuthenticationServiceTarget `json:"authenticationServiceTarget,omitempty"`
	Subscription                *PaymentSubscription        `json:"subscription,omitempty"`
	// ReturnVerifyURL is where the buyer returns after 3-D Secure.
	ReturnVerifyURL string `json:"returnVerifyUrl,omitempty"`
}

func (o *ThreeDSOptions) check(v *validate.Checker) {
	checkBrowserDetails(v, o.BrowserDetails)
	if o.Subscription != nil {
		v.At("subscription").Required("planId", o.Subscription.PlanID)
	}
	v.URL("returnVerifyUrl", o.ReturnVerifyURL, 1024)
}

func checkBrowserDetails(v *validate.Checker, b *BrowserDetails) {
	if b == nil {
		v.Fail("browserDetails", "is required")
		return
	}
	b.check(v.At("browserDetails"))
}

// variantLogValue is what slog shows for a variant: its type and, for card
// variants, the masked card.
func variantLogValue(typ string, card *CardDetails) slog.Value {
	attrs := []slog.Attr{slog.String("type", typ)}
	if card != nil {
		attrs = append(attrs, slog.Any("card", *card))
	}
	return slog.GroupValue(attrs...)
}

// OneTimePayment ("onetime") pays with card data entered by the buyer; the
// merchant needs PCI DSS scope to send it. Card, Descriptor and
// BrowserDetails are required.
type OneTimePayment struct {
	Card CardDetails `json:"card"`
	// Descriptor is the text on the buyer's bank statement.
	Descriptor string `json:"descriptor"`
	ThreeDSOptions
	// SaveCard asks ZEN to save the card for oneclick and recurring payments.
	SaveCard *bool `json:"saveCard,omitempty"`
	// AvsCheck asks for an address verification check.
	AvsCheck      *bool        `json:"avsCheck,omitempty"`
	ScaExemptions SCAExemption `json:"scaExemptions,omitempty"`
}

type oneTimeFields OneTimePayment

// PaymentDataType returns "onetime".
func (OneTimePayment) PaymentDataType() string { return PaymentTypeOneTime }

// MarshalJSON writes the fields with "type":"onetime".
func (p OneTimePayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), oneTimeFields(p), nil)
}

// LogValue makes slog log the type and the masked card only.
func (p OneTimePayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), &p.Card) }

func (p OneTimePayment) checkPaymentData(v *validate.Checker) {
	p.Card.check(v.At("card"), true, true)
	v.Required("descriptor", p.Descriptor)
	p.ThreeDSOptions.check(v)
}

// AuthCheckPayment ("auth_check") verifies a card entered by the buyer
// without charging it (zero-amount authorization), usually with SaveCard.
// It has the fields of OneTimePayment.
type AuthCheckPayment OneTimePayment

// PaymentDataType returns "auth_check".
func (AuthCheckPayment) PaymentDataType() string { return PaymentTypeAuthCheck }

// MarshalJSON writes the fields with "type":"auth_check".
func (p AuthCheckPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), oneTimeFields(p), nil)
}

// LogValue makes slog log the type and the masked card only.
func (p AuthCheckPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), &p.Card) }

func (p AuthCheckPayment) checkPaymentData(v *validate.Checker) {
	OneTimePayment(p).checkPaymentData(v)
}

// OneClickPayment ("oneclick") pays with a card saved earlier (CardToken is
// Transaction.CardInfo.Token of the saving payment) while the buyer is
// present. Card may carry the expiry date and CVV when ZEN asks for them;
// its Number stays empty.
type OneClickPayment struct {
	CardToken  string `json:"cardToken"`
	Descriptor string `json:"descriptor"`
	ThreeDSOptions
	ScaExemptions SCAExemption `json:"scaExemptions,omitempty"`
	Card          *CardDetails `json:"card,omitempty"`
}

type oneClickFields OneClickPayment

// PaymentDataType returns "oneclick".
func (OneClickPayment) PaymentDataType() string { return PaymentTypeOneClick }

// MarshalJSON writes the fields with "type":"oneclick".
func (p OneClickPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), oneClickFields(p), nil)
}

// LogValue makes slog log the type and the masked card only.
func (p OneClickPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), p.Card) }

func (p OneClickPayment) checkPaymentData(v *validate.Checker) {
	v.Required("cardToken", p.CardToken)
	v.Required("descriptor", p.Descriptor)
	p.ThreeDSOptions.check(v)
	if p.Card != nil {
		c := v.At("card")
		if p.Card.Number != "" {
			c.Fail("number", "must be empty: a saved card is identified by cardToken")
		}
		p.Card.check(c, false, false)
	}
}

// AuthCheckTokenPayment ("auth_check_token") verifies a saved card without
// charging it. It has the fields of OneClickPayment.
type AuthCheckTokenPayment OneClickPayment

// PaymentDataType returns "auth_check_token".
func (AuthCheckTokenPayment) PaymentDataType() string { return PaymentTypeAuthCheckToken }

// MarshalJSON writes the fields with "type":"auth_check_token".
func (p AuthCheckTokenPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), oneClickFields(p), nil)
}

// LogValue makes slog log the type and the masked card only.
func (p AuthCheckTokenPayment) LogValue() slog.Value {
	return variantLogValue(p.PaymentDataType(), p.Card)
}

func (p AuthCheckTokenPayment) checkPaymentData(v *validate.Checker) {
	OneClickPayment(p).checkPaymentData(v)
}

// RecurringTokenPayment ("recurring_token") charges a saved card without the
// buyer (merchant-initiated, on a schedule). FirstTransactionID is the ZEN
// id of the payment that saved the card.
type RecurringTokenPayment struct {
	CardToken          string       `json:"cardToken"`
	Descriptor         string       `json:"descriptor"`
	FirstTransactionID string       `json:"firstTransactionId"`
	SubscriptionID     string       `json:"subscriptionId,omitempty"`
	SubscriptionPlanID string       `json:"subscriptionPlanId,omitempty"`
	ScaExemptions      SCAExemption `json:"scaExemptions,omitempty"`
}

type recurringTokenFields RecurringTokenPayment

// PaymentDataType returns "recurring_token".
func (RecurringTokenPayment) PaymentDataType() string { return PaymentTypeRecurringToken }

// MarshalJSON writes the fields with "type":"recurring_token".
func (p RecurringTokenPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), recurringTokenFields(p), nil)
}

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
	v.Required("descriptor", descriptor)
	v.Required("firstTransactionId", firstTransactionID)
}

// RecurringFullDataPayment ("recurring_fulldata") charges a card without the
// buyer using the full card data (CVV optional) instead of a token.
type RecurringFullDataPayment struct {
	Card               CardDetails  `json:"card"`
	Descriptor         string       `json:"descriptor"`
	FirstTransactionID string       `json:"firstTransactionId"`
	ScaExemptions      SCAExemption `json:"scaExemptions,omitempty"`
}

type recurringFullDataFields RecurringFullDataPayment

// PaymentDataType returns "recurring_fulldata".
func (RecurringFullDataPayment) PaymentDataType() string { return PaymentTypeRecurringFullData }

// MarshalJSON writes the fields with "type":"recurring_fulldata".
func (p RecurringFullDataPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), recurringFullDataFields(p), nil)
}

// LogValue makes slog log the type and the masked card only.
func (p RecurringFullDataPayment) LogValue() slog.Value {
	return variantLogValue(p.PaymentDataType(), &p.Card)
}

func (p RecurringFullDataPayment) checkPaymentData(v *validate.Checker) {
	p.Card.check(v.At("card"), true, false)
	v.Required("descriptor", p.Descriptor)
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
	ScaExemptions      SCAExemption    `json:"scaExemptions,omitempty"`
}

type unscheduledFields UnscheduledPayment

// PaymentDataType returns Type, or "unscheduled" when Type is empty.
func (p UnscheduledPayment) PaymentDataType() string {
	if p.Type == "" {
		return PaymentTypeUnscheduled
	}
	return string(p.Type)
}

// MarshalJSON writes the fields with the selected type.
func (p UnscheduledPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), unscheduledFields(p), nil)
}

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
	ScaExemptions   SCAExemption    `json:"scaExemptions,omitempty"`
}

type externalTokenFields ExternalTokenPayment

// PaymentDataType returns "external_payment_token".
func (ExternalTokenPayment) PaymentDataType() string { return PaymentTypeExternalPaymentToken }

// MarshalJSON writes the fields with "type":"external_payment_token".
func (p ExternalTokenPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), externalTokenFields(p), nil)
}

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
	v.Required("descriptor", p.Descriptor)
}

// GeneralPayment ("general") is used by most redirect-based methods
// (Bancontact, iDEAL, wallets, PayByZen, BoaCompra vouchers and transfers).
// ReturnURL overrides the shop's default return address.
type GeneralPayment struct {
	ReturnURL string `json:"returnUrl,omitempty"`
}

type generalFields GeneralPayment

// PaymentDataType returns "general".
func (GeneralPayment) PaymentDataType() string { return PaymentTypeGeneral }

// MarshalJSON writes the fields with "type":"general".
func (p GeneralPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), generalFields(p), nil)
}

// LogValue makes slog log the type only.
func (p GeneralPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p GeneralPayment) checkPaymentData(v *validate.Checker) { v.URL("returnUrl", p.ReturnURL, 1024) }

// BlikPayment ("blik") pays with a BLIK code: Ticket is the six-digit code
// the buyer reads from their banking app.
type BlikPayment struct {
	Ticket string `json:"ticket"`
}

type blikFields BlikPayment

// PaymentDataType returns "blik".
func (BlikPayment) PaymentDataType() string { return PaymentTypeBlik }

// MarshalJSON writes the fields with "type":"blik".
func (p BlikPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), blikFields(p), nil)
}

// LogValue makes slog log the type only, never the one-time code.
func (p BlikPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

// String names the variant without the one-time code.
func (p BlikPayment) String() string { return variantString("BlikPayment", p.PaymentDataType()) }

// Format prints String for every verb, so fmt never shows the one-time code.
func (p BlikPayment) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, p.String()) }

func (p BlikPayment) checkPaymentData(v *validate.Checker) {
	if v.Required("ticket", p.Ticket) && !blikTicketRe.MatchString(p.Ticket) {
		v.Fail("ticket", "must be exactly 6 digits")
	}
}

// TrustlyPayment ("trustly") pays by bank transfer through Trustly.
type TrustlyPayment struct {
	ReturnURL string `json:"returnUrl,omitempty"`
	Locale    string `json:"locale,omitempty"`
}

type trustlyFields TrustlyPayment

// PaymentDataType returns "trustly".
func (TrustlyPayment) PaymentDataType() string { return PaymentTypeTrustly }

// MarshalJSON writes the fields with "type":"trustly".
func (p TrustlyPayment) MarshalJSON() ([]byte, error) {
	return marshalVariant(p.PaymentDataType(), trustlyFields(p), nil)
}

// LogValue makes slog log the type only.
func (p TrustlyPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), nil) }

func (p TrustlyPayment) checkPaymentData(v *validate.Checker) { v.URL("returnUrl", p.ReturnURL, 1024) }
