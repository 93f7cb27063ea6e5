package zen

import (
	"fmt"
	"log/slog"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
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
	v.MatchRule("number", c.Number, validate.CardNumber, "must be 12 to 19 digits")
	v.MatchRule("expiryDate", c.ExpiryDate, validate.ExpiryDate, validate.ExpiryDateRule)
	v.MatchRule("cvv", c.CVV, validate.CVV, "must be 3 or 4 digits")
	// ZEN's OpenAPI file, "Card": cardHolderName matches ^[a-zA-Z0-9\s]+$.
	if v.MaxLen("cardHolderName", c.CardHolderName, 128) {
		v.Match("cardHolderName", c.CardHolderName, validate.CardHolderName)
	}
}

// WindowSize is the 3-D Secure challenge window size of BrowserDetails.
type WindowSize string

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
	// Formats from ZEN's OpenAPI file, "BrowserDetails".
	v.Browser(b.AcceptHeader, b.ColorDepth, b.Lang, b.ScreenHeight, b.ScreenWidth, b.Timezone, b.UserAgent)
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

// IsKnown reports whether t is a documented target.
func (t AuthenticationServiceTarget) IsKnown() bool {
	return t == TargetRecurring || t == TargetUnscheduled || t == TargetOneClick
}

// SCAExemption asks for an exemption from strong customer authentication.
type SCAExemption string

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
	SCAExemptions SCAExemption `json:"scaExemptions,omitempty"`
}

// MarshalJSON writes the fields with "type":"onetime".
func (p OneTimePayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p OneTimePayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks OneTimePayment's JSON methods as the SDK engine's own.
func (*OneTimePayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type and the masked card only.
func (p OneTimePayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), &p.Card) }

func (p OneTimePayment) checkPaymentData(v *validate.Checker) {
	p.Card.check(v.At("card"), true, true)
	v.Descriptor("descriptor", p.Descriptor) // ≤ 24 and a pattern: ZEN's OpenAPI file
	p.ThreeDSOptions.check(v)
}

// AuthCheckPayment ("auth_check") verifies a card entered by the buyer
// without charging it (zero-amount authorization), usually with SaveCard.
// It has the fields of OneTimePayment.
type AuthCheckPayment OneTimePayment

// MarshalJSON writes the fields with "type":"auth_check".
func (p AuthCheckPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p AuthCheckPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks AuthCheckPayment's JSON methods as the SDK engine's own.
func (*AuthCheckPayment) JSONInline(jsonx.Inline) {}

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
	SCAExemptions SCAExemption `json:"scaExemptions,omitempty"`
	Card          *CardDetails `json:"card,omitempty"`
}

// MarshalJSON writes the fields with "type":"oneclick".
func (p OneClickPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p OneClickPayment) JSONTag(jsonx.Inline) (string, string) { return "type", p.PaymentDataType() }

// JSONInline marks OneClickPayment's JSON methods as the SDK engine's own.
func (*OneClickPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type and the masked card only.
func (p OneClickPayment) LogValue() slog.Value { return variantLogValue(p.PaymentDataType(), p.Card) }

func (p OneClickPayment) checkPaymentData(v *validate.Checker) {
	v.Required("cardToken", p.CardToken)
	v.Descriptor("descriptor", p.Descriptor) // ≤ 24 and a pattern: ZEN's OpenAPI file
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

// MarshalJSON writes the fields with "type":"auth_check_token".
func (p AuthCheckTokenPayment) MarshalJSON() ([]byte, error) { return jsonx.Marshal(p) }

// JSONTag gives the SDK's JSON engine the "type" member.
func (p AuthCheckTokenPayment) JSONTag(jsonx.Inline) (string, string) {
	return "type", p.PaymentDataType()
}

// JSONInline marks AuthCheckTokenPayment's JSON methods as the SDK engine's own.
func (*AuthCheckTokenPayment) JSONInline(jsonx.Inline) {}

// LogValue makes slog log the type and the masked card only.
func (p AuthCheckTokenPayment) LogValue() slog.Value {
	return variantLogValue(p.PaymentDataType(), p.Card)
}

func (p AuthCheckTokenPayment) checkPaymentData(v *validate.Checker) {
	OneClickPayment(p).checkPaymentData(v)
}
