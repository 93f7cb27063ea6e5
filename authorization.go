package zen

import (
	"context"
	"encoding/json"
	"net"
	"time"

	"github.com/shopspring/decimal"
	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// AuthorizationTarget is one payment method, channel or card to price in
// an authorization-fee calculation (an entry of the request's data array).
// Leave fields empty to let ZEN price every option of the broader level.
type AuthorizationTarget struct {
	PaymentMethod    types.PaymentMethod    `json:"paymentMethod,omitempty"`
	PaymentChannel   types.PaymentChannel   `json:"paymentChannel,omitempty"`
	CardOrganization types.CardOrganization `json:"cardOrganization,omitempty"`
	CardBin          string                 `json:"cardBin,omitempty"` // leading digits of the card number
	CardID           string                 `json:"cardId,omitempty"`  // UUID of a saved card
}

// AuthorizationCalculateRequest asks ZEN what the customer would pay, fee
// and currency conversion included, for Amount in Currency when charged in
// AuthorizationCurrency. TransactionType defaults to TRT_PURCHASE on ZEN's
// side when empty.
type AuthorizationCalculateRequest struct {
	MerchantTransactionID string                `json:"merchantTransactionId"`
	Amount                types.Amount          `json:"amount"`
	Currency              string                `json:"currency"`
	AuthorizationCurrency string                `json:"authorizationCurrency"`
	TransactionType       types.TransactionType `json:"transactionType,omitempty"`
	IP                    string                `json:"ip,omitempty"`
	Data                  []AuthorizationTarget `json:"data"`
}

// Validate checks the request against ZEN's rules without sending it.
func (r *AuthorizationCalculateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.MerchantTransactionID("merchantTransactionId", r.MerchantTransactionID, true)
	v.Amount("amount", r.Amount, true)
	checkAuthorizationCommon(v, r.Currency, r.AuthorizationCurrency, r.TransactionType, r.IP, r.Data)
	return v.Err()
}

// AuthorizationCalculateReversedRequest asks ZEN the reverse question for a
// checkout session: which base amounts and fees give AuthorizationAmount in
// AuthorizationCurrency. TransactionType defaults to TRT_PURCHASE on ZEN's
// side when empty.
type AuthorizationCalculateReversedRequest struct {
	SessionID             string                `json:"sessionId"`
	AuthorizationAmount   types.Amount          `json:"authorizationAmount"`
	Currency              string                `json:"currency"`
	AuthorizationCurrency string                `json:"authorizationCurrency"`
	TransactionType       types.TransactionType `json:"transactionType,omitempty"`
	IP                    string                `json:"ip,omitempty"`
	Data                  []AuthorizationTarget `json:"data"`
}

// Validate checks the request against ZEN's rules without sending it.
func (r *AuthorizationCalculateReversedRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	if v.Required("sessionId", r.SessionID) {
		v.MaxLen("sessionId", r.SessionID, 128)
	}
	v.Amount("authorizationAmount", r.AuthorizationAmount, true)
	checkAuthorizationCommon(v, r.Currency, r.AuthorizationCurrency, r.TransactionType, r.IP, r.Data)
	return v.Err()
}

// checkAuthorizationCommon checks the members both calculations share.
func checkAuthorizationCommon(v *validate.Checker, currency, authCurrency string, tt types.TransactionType, ip string, data []AuthorizationTarget) {
	v.Currency("currency", currency)
	v.Currency("authorizationCurrency", authCurrency)
	v.Match("transactionType", string(tt), validate.TransactionType)
	if ip != "" && net.ParseIP(ip) == nil {
		v.Fail("ip", "must be an IPv4 or IPv6 address")
	}
	if len(data) == 0 {
		v.Fail("data", "needs at least one entry")
	}
	for i, d := range data {
		dv := v.Index("data", i)
		dv.Match("paymentChannel", string(d.PaymentChannel), validate.PaymentChannel)
		dv.Match("cardBin", d.CardBin, validate.Digits)
		dv.UUID("cardId", d.CardID, false)
	}
}

// AuthorizationMethod is the calculated cost for one payment method: the
// highest fee over its channels and the detail per channel.
type AuthorizationMethod struct {
	PaymentMethod types.PaymentMethod    `json:"paymentMethod"`
	MaxFee        types.Amount           `json:"maxFee"`
	Channels      []AuthorizationChannel `json:"channels"`
	// Unparsed holds money members that were not plain decimals (see
	// AuthorizationQuote.Unparsed).
	Unparsed map[string]string `json:"-"`
	// Extra keeps the members this SDK does not model, and the raw text of
	// those it could not read, as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// AuthorizationChannel is the calculated cost for one payment channel, with
// a breakdown per card organization for card channels. Amount and Currency
// are filled by the reversed calculation.
type AuthorizationChannel struct {
	PaymentChannel    types.PaymentChannel        `json:"paymentChannel"`
	CardOrganizations []AuthorizationOrganization `json:"cardOrganizations,omitempty"`
	Amount            types.Amount                `json:"amount"`
	Currency          string                      `json:"currency,omitempty"`
	Authorization     *AuthorizationQuote         `json:"authorization,omitempty"`
	// Unparsed holds money members that were not plain decimals (see
	// AuthorizationQuote.Unparsed).
	Unparsed map[string]string `json:"-"`
	// Extra keeps the members this SDK does not model, and the raw text of
	// those it could not read, as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// AuthorizationOrganization is the calculated cost for one card
// organization (or one saved card, CardID) within a channel.
type AuthorizationOrganization struct {
	CardID        string                 `json:"cardId,omitempty"`
	Amount        types.Amount           `json:"amount"`
	Currency      string                 `json:"currency,omitempty"`
	Organization  types.CardOrganization `json:"organization"`
	Authorization *AuthorizationQuote    `json:"authorization,omitempty"`
	// Unparsed holds money members that were not plain decimals (see
	// AuthorizationQuote.Unparsed).
	Unparsed map[string]string `json:"-"`
	// Extra keeps the members this SDK does not model, and the raw text of
	// those it could not read, as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// AuthorizationQuote is what the customer is charged: Amount in Currency,
// made of BaseAmount plus Fee, converted at Rate until RateExpireAt.
//
// ZEN's schema types every member as a free string and its reference example
// sends the placeholder "string" for all of them, so decoding never fails on
// them: money members that are plain decimals fill the Amount fields, any
// other text leaves the field unset and is kept in Unparsed. Rate and
// RateExpireAt are kept as the exact text; Rate is not money and may carry
// more decimals than an Amount allows. Parse them with RateDecimal and
// ExpiresAt.
type AuthorizationQuote struct {
	Fee          types.Amount `json:"fee"`
	Amount       types.Amount `json:"amount"`
	BaseAmount   types.Amount `json:"baseAmount"`
	Currency     string       `json:"currency"`
	Rate         string       `json:"rate,omitempty"`
	RateExpireAt string       `json:"rateExpireAt,omitempty"`
	// Unparsed maps the JSON name of each money member that was not a plain
	// decimal to the text ZEN sent; the matching field is left unset.
	Unparsed map[string]string `json:"-"`
	// Extra keeps the members this SDK does not model, and the raw text of
	// those it could not read, as received.
	Extra map[string]json.RawMessage `json:"-"`
}

// RateDecimal parses Rate exactly; it fails when ZEN sent no rate or text
// that is not a decimal number.
func (q *AuthorizationQuote) RateDecimal() (decimal.Decimal, error) {
	return decimal.NewFromString(q.Rate)
}

// ExpiresAt parses RateExpireAt as an RFC 3339 time; it fails when ZEN sent
// none or another format.
func (q *AuthorizationQuote) ExpiresAt() (time.Time, error) {
	return time.Parse(time.RFC3339Nano, q.RateExpireAt)
}

// ReversedAuthorization is the answer of CalculateReversed: the session and
// transaction it belongs to and the cost per payment method.
type ReversedAuthorization struct {
	SessionID             string                     `json:"sessionId,omitempty"`
	MerchantTransactionID string                     `json:"merchantTransactionId,omitempty"`
	Data                  []AuthorizationMethod      `json:"data"`
	Extra                 map[string]json.RawMessage `json:"-"` // members this SDK does not model, kept as received
}

type reversedAuthorizationFields ReversedAuthorization

// MarshalJSON writes the modelled fields followed by Extra.
func (r ReversedAuthorization) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(reversedAuthorizationFields(r))
}

// UnmarshalJSON reads the fields leniently (see package types, "Reading ZEN's
// answers") and keeps unknown members in Extra.
func (r *ReversedAuthorization) UnmarshalJSON(b []byte) error {
	return jsonx.Unmarshal(b, (*reversedAuthorizationFields)(r))
}

// JSONInline marks ReversedAuthorization's JSON methods as the SDK engine's own.
func (*ReversedAuthorization) JSONInline(jsonx.Inline) {}

type authorizationQuoteFields AuthorizationQuote

// MarshalJSON writes the modelled fields followed by Extra.
func (q AuthorizationQuote) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(authorizationQuoteFields(q))
}

// UnmarshalJSON decodes leniently; see AuthorizationQuote.
func (q *AuthorizationQuote) UnmarshalJSON(b []byte) error {
	if err := jsonx.Unmarshal(b, (*authorizationQuoteFields)(q)); err != nil {
		return err
	}
	q.Unparsed = unparsedAmounts(q.Extra, "fee", "amount", "baseAmount")
	return nil
}

type authorizationOrganizationFields AuthorizationOrganization

// MarshalJSON writes the modelled fields followed by Extra.
func (o AuthorizationOrganization) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(authorizationOrganizationFields(o))
}

// UnmarshalJSON decodes leniently; see AuthorizationQuote.
func (o *AuthorizationOrganization) UnmarshalJSON(b []byte) error {
	if err := jsonx.Unmarshal(b, (*authorizationOrganizationFields)(o)); err != nil {
		return err
	}
	o.Unparsed = unparsedAmounts(o.Extra, "amount")
	return nil
}

type authorizationChannelFields AuthorizationChannel

// MarshalJSON writes the modelled fields followed by Extra.
func (c AuthorizationChannel) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(authorizationChannelFields(c))
}

// UnmarshalJSON decodes leniently; see AuthorizationQuote.
func (c *AuthorizationChannel) UnmarshalJSON(b []byte) error {
	if err := jsonx.Unmarshal(b, (*authorizationChannelFields)(c)); err != nil {
		return err
	}
	c.Unparsed = unparsedAmounts(c.Extra, "amount")
	return nil
}

type authorizationMethodFields AuthorizationMethod

// MarshalJSON writes the modelled fields followed by Extra.
func (m AuthorizationMethod) MarshalJSON() ([]byte, error) {
	return jsonx.Marshal(authorizationMethodFields(m))
}

// UnmarshalJSON decodes leniently; see AuthorizationQuote.
func (m *AuthorizationMethod) UnmarshalJSON(b []byte) error {
	if err := jsonx.Unmarshal(b, (*authorizationMethodFields)(m)); err != nil {
		return err
	}
	m.Unparsed = unparsedAmounts(m.Extra, "maxFee")
	return nil
}

// unparsedAmounts returns the text of the money members the engine could
// not read as amounts (their raw JSON stays in extra, so re-encoding keeps
// it), or nil when every amount was readable.
func unparsedAmounts(extra map[string]json.RawMessage, amounts ...string) map[string]string {
	var bad map[string]string
	for _, name := range amounts {
		raw, ok := extra[name]
		if !ok {
			continue
		}
		text := string(raw)
		if len(raw) > 0 && raw[0] == '"' {
			_ = jsonx.Unmarshal(raw, &text)
		}
		if bad == nil {
			bad = map[string]string{}
		}
		bad[name] = text
	}
	return bad
}

// Calculate returns, per payment method and channel, the fee and converted
// amount the customer would be charged for req.Amount; the merchant must
// have the authorization-fee (or DCC) feature enabled. It returns a
// *ValidationError before any network call when req breaks a rule.
//
// ZEN API: POST /v1/authorization/calculate (path confirmed)
func (s *AuthorizationService) Calculate(ctx context.Context, req *AuthorizationCalculateRequest) ([]AuthorizationMethod, error) {
	out, err := call[[]AuthorizationMethod](ctx, s.client, epAuthorizationCalc, args{body: req})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// CalculateReversed works back from the amount the customer should pay in
// a checkout session to the base amounts and fees per payment method and
// channel. A session ZEN does not know gives an *APIError matching
// ErrNotFound.
//
// ZEN API: POST /v1/authorization/calculate/reversed (path confirmed)
func (s *AuthorizationService) CalculateReversed(ctx context.Context, req *AuthorizationCalculateReversedRequest) (*ReversedAuthorization, error) {
	return call[ReversedAuthorization](ctx, s.client, epAuthorizationCalcRev, args{body: req})
}
