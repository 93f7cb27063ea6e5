package zen

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// checkoutHashes are the digests ZEN accepts in a checkout signature.
var checkoutHashes = map[string]func() hash.Hash{
	"sha224": sha256.New224,
	"sha256": sha256.New,
	"sha384": sha512.New384,
	"sha512": sha512.New,
}

var errNoPaywallSecret = errors.New("zen: empty paywall (checkout) secret")

// CheckoutSignature returns the signature ZEN expects in a hosted-checkout
// body: every non-null leaf of the JSON object body except a top-level
// "signature" is written as "path=value" (nested keys joined with '.',
// array elements as name[i]), each string lowercased (Unicode's full
// mapping, as PHP and JavaScript do: İ becomes "i̇", a word-final Σ "ς"; see
// the package's tests), the strings sorted
// bytewise and joined with '&', the secret appended unchanged, and the
// SHA-256 of that given as lowercase hex followed by ";sha256".
func CheckoutSignature(body []byte, paywallSecret string) (string, error) {
	if paywallSecret == "" {
		return "", errNoPaywallSecret
	}
	leaves, _, err := checkoutLeaves(body)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(checkoutDigest(leaves, paywallSecret, sha256.New)) + ";sha256", nil
}

// VerifyCheckoutSignature checks the "signature" member of a checkout body
// ("<hex>;<alg>", alg one of sha224, sha256, sha384, sha512) against
// paywallSecret in constant time. It returns nil when it verifies and an
// error matching ErrInvalidSignature when it is missing, malformed or wrong.
func VerifyCheckoutSignature(body []byte, paywallSecret string) error {
	if paywallSecret == "" {
		return errNoPaywallSecret
	}
	leaves, sig, err := checkoutLeaves(body)
	if err != nil {
		return err
	}
	hexSum, alg, ok := strings.Cut(sig, ";")
	newHash := checkoutHashes[strings.ToLower(alg)]
	if !ok || newHash == nil {
		return fmt.Errorf("%w: checkout signature missing or not \"<hex>;sha256\"", ErrInvalidSignature)
	}
	got, err := hex.DecodeString(hexSum)
	if err != nil || !hmac.Equal(got, checkoutDigest(leaves, paywallSecret, newHash)) {
		return fmt.Errorf("%w: checkout signature does not match", ErrInvalidSignature)
	}
	return nil
}

func checkoutDigest(leaves []string, secret string, newHash func() hash.Hash) []byte {
	h := newHash()
	_, _ = io.WriteString(h, strings.Join(leaves, "&"))
	_, _ = io.WriteString(h, secret)
	return h.Sum(nil)
}

// checkoutLeaves returns the sorted, lowercased "path=value" strings of a
// checkout body and its top-level "signature" member (when a string).
func checkoutLeaves(body []byte) (leaves []string, signature string, err error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, "", errors.New("zen: checkout body must be a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "", errors.New("zen: checkout body must be a single JSON object")
	}
	if s, ok := obj["signature"].(string); ok {
		signature = s
	}
	delete(obj, "signature")
	leaves = flattenCheckout(leaves, "", obj)
	for i, l := range leaves {
		leaves[i] = checkoutLower(l) // full Unicode mapping: see checkoutLower
	}
	sort.Strings(leaves)
	return leaves, signature, nil
}

// flattenCheckout appends one "path=value" per non-null leaf of v.
func flattenCheckout(dst []string, path string, v any) []string {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			dst = flattenCheckout(dst, p, child)
		}
	case []any:
		for i, child := range v {
			dst = flattenCheckout(dst, path+"["+strconv.Itoa(i)+"]", child)
		}
	case nil:
	case string:
		dst = append(dst, path+"="+v)
	case json.Number:
		dst = append(dst, path+"="+v.String())
	case bool:
		dst = append(dst, path+"="+strconv.FormatBool(v))
	}
	return dst
}

// CheckoutRecurringType says how a card saved by a checkout will be
// charged later.
type CheckoutRecurringType string

// Recurring payment types of a hosted checkout.
const (
	CheckoutRecurring   CheckoutRecurringType = "recurring"   // on a fixed schedule
	CheckoutUnscheduled CheckoutRecurringType = "unscheduled" // merchant-initiated, at any time
)

// IsKnown reports whether t is recurring or unscheduled.
func (t CheckoutRecurringType) IsKnown() bool {
	return t == CheckoutRecurring || t == CheckoutUnscheduled
}

// CheckoutNoExpiry is the ExpiryDate ZEN recommends for recurring data
// without an end.
const CheckoutNoExpiry = "99991212"

// CheckoutRecurringData asks the checkout to save the card for later
// charges. ExpiryDate is YYYYMMDD (CheckoutNoExpiry for none); Frequency is
// the minimum number of days between charges (1..9999, ZEN suggests 1).
type CheckoutRecurringData struct {
	PaymentType CheckoutRecurringType `json:"paymentType"`
	ExpiryDate  string                `json:"expiryDate,omitempty"`
	Frequency   int                   `json:"frequency,omitempty"`
}

// CheckoutSignRequest is what Sign signs: the body Create sends.
type CheckoutSignRequest = CheckoutCreateRequest

// CheckoutCreateRequest is a hosted-checkout session. TerminalUUID may be left
// empty to use the one given to WithCheckout. URLRedirect is used when
// URLSuccess or URLFailure is absent. Extra adds members the SDK does not
// model; they are signed like the rest.
type CheckoutCreateRequest struct {
	TerminalUUID            string                     `json:"terminalUuid"`
	Amount                  types.Amount               `json:"amount"`
	Currency                string                     `json:"currency"`
	MerchantTransactionID   string                     `json:"merchantTransactionId"`
	Customer                *types.TransactionCustomer `json:"customer,omitempty"`
	Items                   []types.Item               `json:"items,omitempty"`
	BillingAddress          *types.Address             `json:"billingAddress,omitempty"`
	ShippingAddress         *types.Address             `json:"shippingAddress,omitempty"`
	RecurringData           *CheckoutRecurringData     `json:"recurringData,omitempty"`
	URLRedirect             string                     `json:"urlRedirect,omitempty"`
	URLSuccess              string                     `json:"urlSuccess,omitempty"`
	URLFailure              string                     `json:"urlFailure,omitempty"`
	CustomIPNURL            string                     `json:"customIpnUrl,omitempty"`
	SpecifiedPaymentMethod  types.PaymentMethod        `json:"specifiedPaymentMethod,omitempty"`
	SpecifiedPaymentChannel types.PaymentChannel       `json:"specifiedPaymentChannel,omitempty"`
	Language                string                     `json:"language,omitempty"`
	FraudFields             map[string]string          `json:"fraudFields,omitempty"`
	Extra                   map[string]any             `json:"-"`
}

type checkoutRequestFields CheckoutCreateRequest

// MarshalJSON writes the modelled fields followed by Extra.
func (r CheckoutCreateRequest) MarshalJSON() ([]byte, error) {
	return jsonx.MarshalExtra(checkoutRequestFields(r), r.Extra)
}

const maxCheckoutURL = 1024

// Validate checks the request against ZEN's rules: required terminalUuid,
// amount, currency and merchantTransactionId, customer and address fields,
// items adding up to amount, recurring data and absolute URLs. Extra must
// not hold "signature", which Sign adds.
func (r *CheckoutCreateRequest) Validate() error {
	if r == nil {
		return errMissingRequest()
	}
	v := validate.New()
	v.UUID("terminalUuid", r.TerminalUUID, true)
	v.Amount("amount", r.Amount, true)
	v.Currency("currency", r.Currency)
	v.MerchantTransactionID("merchantTransactionId", r.MerchantTransactionID, true)
	if r.Customer != nil {
		v.At("customer").Customer(r.Customer, true, false)
	}
	v.Items(r.Items, r.Amount)
	v.At("billingAddress").Address(r.BillingAddress)
	v.At("shippingAddress").Address(r.ShippingAddress)
	if rd := r.RecurringData; rd != nil {
		rv := v.At("recurringData")
		if rv.Required("paymentType", string(rd.PaymentType)) && !rd.PaymentType.IsKnown() {
			rv.Fail("paymentType", "must be recurring or unscheduled")
		}
		if rd.ExpiryDate != "" {
			if _, err := time.Parse("20060102", rd.ExpiryDate); err != nil || len(rd.ExpiryDate) != 8 {
				rv.Fail("expiryDate", "must be a date written YYYYMMDD")
			}
		}
		if rd.Frequency < 0 || rd.Frequency > 9999 {
			rv.Fail("frequency", "must be 1 to 9999 days")
		}
	}
	v.URL("urlRedirect", r.URLRedirect, maxCheckoutURL)
	v.URL("urlSuccess", r.URLSuccess, maxCheckoutURL)
	v.URL("urlFailure", r.URLFailure, maxCheckoutURL)
	v.URL("customIpnUrl", r.CustomIPNURL, maxCheckoutURL)
	v.MaxLen("specifiedPaymentMethod", string(r.SpecifiedPaymentMethod), 64)
	v.Match("specifiedPaymentChannel", string(r.SpecifiedPaymentChannel), validate.PaymentChannel)
	v.MaxLen("language", r.Language, 16)
	if _, ok := r.Extra["signature"]; ok {
		v.Fail("signature", "is added by Sign; do not set it in Extra")
	}
	return v.Err()
}

// Checkout is a created hosted-checkout session: send the customer to
// RedirectURL (https://secure.zen.com/<uuid>).
type Checkout struct {
	RedirectURL string `json:"redirectUrl"`
}

// signedBody posts bytes that are already encoded and signed; it keeps the
// merchantTransactionId so the call is retried as a keyed POST.
type signedBody struct {
	body json.RawMessage
	key  string
}

func (b signedBody) MarshalJSON() ([]byte, error) { return b.body, nil }

// Sign validates req (with TerminalUUID filled from WithCheckout when
// empty) and returns the signed JSON body, for merchants who post the
// checkout themselves. req is not modified. It fails when the client has no
// WithCheckout configuration.
func (s *CheckoutService) Sign(req *CheckoutSignRequest) ([]byte, error) {
	cfg := s.client.checkout
	if cfg == nil || cfg.secret.IsZero() {
		return nil, errors.New("zen: hosted checkout needs WithCheckout(terminalUUID, paywallSecret)")
	}
	if req == nil {
		return nil, errMissingRequest()
	}
	r := *req
	if r.TerminalUUID == "" {
		r.TerminalUUID = cfg.terminalUUID
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	body, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("zen: encoding checkout: %w", err)
	}
	sig, err := CheckoutSignature(body, cfg.secret.Reveal())
	if err != nil {
		return nil, err
	}
	quoted, _ := json.Marshal(sig)
	out := make([]byte, 0, len(body)+len(quoted)+16)
	out = append(out, body[:len(body)-1]...) // drop the closing brace; body has members
	out = append(out, `,"signature":`...)
	out = append(out, quoted...)
	return append(out, '}'), nil
}

// Create signs req with the paywall secret and creates a hosted checkout,
// returning the URL to send the customer to. The request goes to the
// checkout host without an Authorization header; the outcome of the payment
// arrives by IPN (see NewIPNHandler).
//
// ZEN API: POST https://secure.zen.com/api/checkouts (path confirmed)
func (s *CheckoutService) Create(ctx context.Context, req *CheckoutCreateRequest) (*Checkout, error) {
	body, err := s.Sign(req)
	if err != nil {
		return nil, err
	}
	var out Checkout
	in := signedBody{body: body, key: req.MerchantTransactionID}
	if err := s.client.do(ctx, epCheckoutCreate, epCheckoutCreate.path, in, &out, nil, nil); err != nil {
		return nil, err
	}
	if out.RedirectURL == "" {
		return nil, fmt.Errorf("zen: POST %s: response has no redirectUrl", epCheckoutCreate.path)
	}
	return &out, nil
}
