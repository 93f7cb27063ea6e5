// Package validate collects request-field checks into *types.ValidationError
// values so every request is checked, with field paths, before it is sent.
package validate

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zen-go/zen/types"
)

// Pattern is a regular expression a field must match, declared with a
// hand-written matcher of the same meaning (match.go) where it has one:
// the patterns run on every request, where regexp's matcher cost more than
// the rest of the check.
type Pattern struct {
	re    *regexp.Regexp
	match func(string) bool // nil: re matches
}

// patterns are the Patterns declared with a hand-written matcher, in
// declaration order, for TestMatchersAgreeWithPatterns.
var patterns []*Pattern

// newPattern compiles expr and declares match as its exact equivalent.
func newPattern(expr string, match func(string) bool) *Pattern {
	p := &Pattern{re: regexp.MustCompile(expr), match: match}
	patterns = append(patterns, p)
	return p
}

// MustCompile returns a Pattern that package regexp matches, for a rule of
// the caller's own; it panics when expr does not compile.
func MustCompile(expr string) *Pattern { return &Pattern{re: regexp.MustCompile(expr)} }

// MatchString reports whether v matches the pattern.
func (p *Pattern) MatchString(v string) bool {
	if p.match != nil {
		return p.match(v)
	}
	return p.re.MatchString(v)
}

// String returns the regular expression the pattern was declared with.
func (p *Pattern) String() string { return p.re.String() }

// Patterns ZEN documents for request fields.
var (
	RequestID             = newPattern(`^[a-zA-Z0-9?&:_|\-\/=+.,#\s]+$`, func(v string) bool { return allOf(v, requestIDChars) })
	MerchantTransactionID = newPattern(`^[a-zA-Z0-9?&:\-\/=.,#|+_$\[\]€ ]+$`, func(v string) bool { return allOf(v, merchantTransactionIDChars) })
	Currency              = newPattern(`^[A-Z]{3}$`, func(v string) bool { return len(v) == 3 && allOf(v, upperChars) })
	Country               = newPattern(`^[A-Z]{2}$`, func(v string) bool { return len(v) == 2 && allOf(v, upperChars) })
	Postcode              = newPattern(`^[a-zA-Z0-9\s\-]+$`, func(v string) bool { return allOf(v, postcodeChars) })
	Phone                 = newPattern(`^[0-9\+]+$`, func(v string) bool { return allOf(v, phoneChars) })
	PaymentChannel        = newPattern(`^([a-z](-?[a-z0-9])*|[A-Z](_?[A-Z0-9])*)$`, isPaymentChannel)
	TransactionType       = newPattern(`^TRT(_[A-Z0-9]+)+$`, isTransactionType)
	UUID                  = newPattern(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`, isUUID)
	Digits                = newPattern(`^[0-9]+$`, func(v string) bool { return digits(v, 1, len(v)) })
)

// Checker accumulates validation failures under a field path. A child
// Checker (At, Index) holds its parent and its own name, not the path: the
// path is written out only when a field fails, so checking a valid request
// builds no strings, and a child that does not outlive its caller can stay
// on the stack.
type Checker struct {
	parent  *Checker // nil for the root, which holds the list
	name    string
	index   int  // the element number, when indexed
	indexed bool // the Checker is Index(name, index)
	errs    []error
}

// New returns an empty Checker.
func New() *Checker { return &Checker{} }

// At returns a Checker that writes into the same list with prefix+name as
// the path of the fields it checks ("customer" → "customer.email").
func (c *Checker) At(name string) *Checker {
	return &Checker{parent: c, name: name}
}

// Index is At for array elements: c.Index("items", 2) checks "items[2].x".
func (c *Checker) Index(name string, i int) *Checker {
	return &Checker{parent: c, name: name, index: i, indexed: true}
}

// root returns the Checker that holds the list.
func (c *Checker) root() *Checker {
	for c.parent != nil {
		c = c.parent
	}
	return c
}

// appendPath appends c's path: the names from the root down, joined by
// '.' where both sides are non-empty (an empty name adds nothing).
func (c *Checker) appendPath(b []byte) []byte {
	if c.parent == nil {
		return b
	}
	b = c.parent.appendPath(b)
	if c.indexed {
		return appendName(b, c.name, "["+strconv.Itoa(c.index)+"]")
	}
	return appendName(b, c.name, "")
}

// appendName appends the path segment name+suffix to the path b.
func appendName(b []byte, name, suffix string) []byte {
	if len(b) > 0 && (name != "" || suffix != "") {
		b = append(b, '.')
	}
	return append(append(b, name...), suffix...)
}

// Fail records that field breaks rule.
func (c *Checker) Fail(field, rule string) {
	r := c.root()
	path := appendName(c.appendPath(make([]byte, 0, 64)), field, "")
	r.errs = append(r.errs, &types.ValidationError{Field: string(path), Rule: rule})
}

// failures returns how many failures the list holds.
func (c *Checker) failures() int { return len(c.root().errs) }

// Err returns nil, the only failure, or all failures joined (each still
// reachable with errors.As).
func (c *Checker) Err() error {
	errs := c.root().errs
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// Required fails when v is empty.
func (c *Checker) Required(field, v string) bool {
	if v == "" {
		c.Fail(field, "is required")
		return false
	}
	return true
}

// Len fails when v (counted in characters) is outside [minLen, maxLen]; an
// empty optional value passes when minLen is 0.
func (c *Checker) Len(field, v string, minLen, maxLen int) bool {
	// A string has at most one character per byte and at least one per
	// four (an invalid byte counts as one, as in utf8.RuneCountInString):
	// characters are counted only when those bounds cannot decide.
	n := len(v)
	if (n+3)/4 < minLen || (maxLen > 0 && n > maxLen) {
		n = utf8.RuneCountInString(v)
	}
	if n < minLen || (maxLen > 0 && n > maxLen) {
		switch {
		case minLen == maxLen:
			c.Fail(field, fmt.Sprintf("must be exactly %d characters", minLen))
		case maxLen <= 0:
			c.Fail(field, fmt.Sprintf("must be at least %d characters", minLen))
		case minLen <= 1 && n == 0:
			c.Fail(field, "is required")
		case minLen == 0:
			c.Fail(field, fmt.Sprintf("must be at most %d characters", maxLen))
		default:
			c.Fail(field, fmt.Sprintf("must be %d to %d characters", minLen, maxLen))
		}
		return false
	}
	return true
}

// MaxLen fails when v is longer than maxLen characters.
func (c *Checker) MaxLen(field, v string, maxLen int) bool { return c.Len(field, v, 0, maxLen) }

// Match fails when a non-empty v does not match p.
func (c *Checker) Match(field, v string, p *Pattern) bool {
	if v != "" && !p.MatchString(v) {
		c.Fail(field, "must match "+p.String())
		return false
	}
	return true
}

// MatchRule is Match with a rule in the caller's words ("must be 3 or 4
// digits") instead of the pattern.
func (c *Checker) MatchRule(field, v string, p *Pattern, rule string) bool {
	if v != "" && !p.MatchString(v) {
		c.Fail(field, rule)
		return false
	}
	return true
}

// RequiredMatch combines Required and Match.
func (c *Checker) RequiredMatch(field, v string, p *Pattern) bool {
	return c.Required(field, v) && c.Match(field, v, p)
}

// MerchantTransactionID checks ZEN's 1..128 characters and pattern.
func (c *Checker) MerchantTransactionID(field, v string, required bool) {
	if v == "" && !required {
		return
	}
	if c.Len(field, v, 1, 128) {
		c.Match(field, v, MerchantTransactionID)
	}
}

// Currency checks a required ISO 4217 code (three capital letters).
func (c *Checker) Currency(field, v string) {
	if c.Required(field, v) {
		c.MatchRule(field, v, Currency, "must be an ISO 4217 code of three capital letters")
	}
}

// Amount checks an unsigned amount; an unset amount fails only when
// required.
func (c *Checker) Amount(field string, a types.Amount, required bool) {
	if a.IsZero() {
		if required {
			c.Fail(field, "is required")
		}
		return
	}
	if err := a.Validate(); err != nil {
		c.Fail(field, err.Error())
	}
}

// SignedAmount checks a required amount that may be negative.
func (c *Checker) SignedAmount(field string, a types.Amount) {
	if a.IsZero() {
		c.Fail(field, "is required")
		return
	}
	if err := a.ValidateSigned(); err != nil {
		c.Fail(field, err.Error())
	}
}

// UUID fails when a non-empty v is not a UUID; required makes empty fail.
func (c *Checker) UUID(field, v string, required bool) {
	if v == "" {
		if required {
			c.Fail(field, "is required")
		}
		return
	}
	if !isUUID(v) {
		c.Fail(field, "must be a UUID")
	}
}

// Context returns a *types.ValidationError with Field "ctx" and Rule "is
// required" when ctx is nil, so a call without a context fails before any
// network call instead of panicking inside net/http.
func Context(ctx context.Context) error {
	if ctx == nil {
		return &types.ValidationError{Field: "ctx", Rule: "is required"}
	}
	return nil
}

// MaxPathParam is our own cap (ZEN documents none) on a path parameter whose
// length ZEN does not give; the ids ZEN does document are UUIDs or at most
// 128 characters, so it only stops runaway values.
const MaxPathParam = 256

// PathParam checks a required path parameter of at most maxLen characters
// that is not a dot segment ("." and ".." survive escaping and would change
// which resource the URL names) and holds no control characters.
func (c *Checker) PathParam(field, v string, maxLen int) bool {
	if !c.Required(field, v) || !c.MaxLen(field, v, maxLen) {
		return false
	}
	switch {
	case v == "." || v == "..":
		c.Fail(field, "must not be a dot segment")
	case strings.Contains(v, "/") && slices.ContainsFunc(strings.Split(v, "/"), func(s string) bool { return s == "." || s == ".." }):
		// Escaped as %2F the slash keeps the value one segment, unless a
		// server on the way decodes it: then "../x" would name another
		// resource.
		c.Fail(field, "must not contain a dot segment")
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		c.Fail(field, "must not contain control characters")
	default:
		return true
	}
	return false
}

// Filter fails when a filter that is sent only when non-empty is blank or
// starts or ends with whitespace: ZEN, and HTTP for a header, would read a
// blank value as no filter at all, and the list would widen to everything.
func (c *Checker) Filter(field, v string) bool {
	t := strings.TrimSpace(v)
	switch {
	case v == t:
		return true
	case t == "":
		c.Fail(field, "must not be blank (leave it empty for no filter)")
	default:
		c.Fail(field, "must not start or end with whitespace")
	}
	return false
}

// MaxEmail is the longest e-mail address ZEN accepts (customer.email is at
// most 256 characters).
const MaxEmail = 256

// EmailRule is the Rule of a malformed e-mail address.
const EmailRule = "must be an e-mail address like name@example.com"

// Email fails when v is not a plain e-mail address of at most MaxEmail
// characters; an empty v fails only when required. See IsEmail.
func (c *Checker) Email(field, v string, required bool) bool {
	if v == "" {
		if required {
			c.Fail(field, "is required")
		}
		return !required
	}
	if !c.MaxLen(field, v, MaxEmail) {
		return false
	}
	if !IsEmail(v) {
		c.Fail(field, EmailRule)
		return false
	}
	return true
}

// IsEmail reports whether v is a bare address local@domain as ZEN's
// "email" format (JSON Schema's, not "idn-email") takes it: printable ASCII
// only (an international domain in its xn-- form), an unquoted dot-atom
// local part of at most 64 characters, exactly one '@', and a domain of at
// least two dot-separated labels of letters, digits and inner hyphens (no
// address literals, no dotless hosts such as "localhost").
func IsEmail(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f || v[i] == '"' {
			return false
		}
	}
	local, domain, ok := strings.Cut(v, "@")
	if !ok || local == "" || len(local) > 64 || strings.Contains(domain, "@") || !isDotAtom(local) {
		return false
	}
	for labels := 1; ; labels++ {
		l, rest, more := strings.Cut(domain, ".")
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if b := l[i]; !isAlnum(rune(b)) && b != '-' {
				return false
			}
		}
		if !more {
			return labels >= 2
		}
		domain = rest
	}
}

// isDotAtom reports whether s is an RFC 5322 dot-atom (section 3.2.3):
// 1*atext *("." 1*atext), where atext is a letter, a digit or one of
// !#$%&'*+-/=?^_`{|}~. For IsEmail's local part, which has no space,
// quote or '@', it is what net/mail.ParseAddress would add: the domain
// IsEmail accepts is a dot-atom too, and ParseAddress returns an address
// equal to its input, without a name, only when both parts are
// (TestIsEmailAgreesWithNetMail).
func isDotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '.':
			if s[i-1] == '.' {
				return false
			}
		case !isAtext(b):
			return false
		}
	}
	return true
}

// isAtext is RFC 5322's atext: ALPHA / DIGIT / one of !#$%&'*+-/=?^_`{|}~.
func isAtext(b byte) bool {
	return isAlnum(rune(b)) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", b) >= 0
}

// Rules from ZEN's OpenAPI file ("eCommerce Public API 1.0.0"), which the
// current reference pages do not contradict.
var (
	// RefundMerchantTransactionID is the refund's merchantTransactionId
	// pattern, narrower than a purchase's (no '_', '|', '+', '$', brackets,
	// '€' or spaces). Source: ZEN's OpenAPI file, refund request.
	RefundMerchantTransactionID = newPattern(`^[a-zA-Z0-9?&:\-\/=.,#]+$`, func(v string) bool { return allOf(v, refundMerchantTransactionIDChars) })
	// Descriptor is the card variants' paymentSpecificData.descriptor
	// pattern (at most 24 characters). Source: ZEN's OpenAPI file.
	Descriptor = newPattern(`^[a-zA-Z0-9 _\-.;|]+$`, func(v string) bool { return allOf(v, descriptorChars) })
	// CardHolderName is card.cardHolderName's pattern. Source: ZEN's OpenAPI file.
	CardHolderName = newPattern(`^[a-zA-Z0-9\s]+$`, func(v string) bool { return allOf(v, cardHolderChars) })
	// BrowserLang, ScreenSize and Timezone are browserDetails patterns.
	// Source: ZEN's OpenAPI file, "BrowserDetails".
	BrowserLang = newPattern(`^[A-Za-z]{2,3}(-[A-Za-z-]{2,6})?$`, isBrowserLang)
	ScreenSize  = newPattern(`^[0-9]{2,5}$`, func(v string) bool { return digits(v, 2, 5) })
	Timezone    = newPattern(`^-?[0-9]{1,5}$`, func(v string) bool { return digits(strings.TrimPrefix(v, "-"), 1, 5) })
)

// Card and BLIK fields, whose failures have rules of their own words (see
// MatchRule).
var (
	// CardNumber is a card number (PAN): 12 to 19 digits.
	CardNumber = newPattern(`^[0-9]{12,19}$`, func(v string) bool { return digits(v, 12, 19) })
	// ExpiryDate is a card's expiry date as MMYY.
	ExpiryDate = newPattern(`^(0[1-9]|1[0-2])[0-9]{2}$`, func(v string) bool { return digits(v, 4, 4) && v[:2] >= "01" && v[:2] <= "12" })
	// CVV is a card's 3 or 4 digit security code.
	CVV = newPattern(`^[0-9]{3,4}$`, func(v string) bool { return digits(v, 3, 4) })
	// BlikTicket is a BLIK one-time code: 6 digits.
	BlikTicket = newPattern(`^[0-9]{6}$`, func(v string) bool { return digits(v, 6, 6) })
)

// ExpiryDateRule is the Rule of a card expiry date that is not MMYY.
const ExpiryDateRule = "must be MMYY (month 01-12, two-digit year)"

// MaxDescriptor is the longest descriptor ZEN accepts (ZEN's OpenAPI file).
const MaxDescriptor = 24

// Descriptor checks a required card descriptor: at most 24 characters
// matching Descriptor (ZEN's OpenAPI file, card payment-specific data).
func (c *Checker) Descriptor(field, v string) {
	if c.Required(field, v) && c.MaxLen(field, v, MaxDescriptor) {
		c.Match(field, v, Descriptor)
	}
}

// colorDepthKnown reports whether d is one of the colour depths ZEN's
// OpenAPI file lists for browserDetails.colorDepth.
func colorDepthKnown(d string) bool {
	switch d {
	case "1", "4", "8", "15", "16", "24", "32", "48":
		return true
	}
	return false
}

// Browser checks browserDetails members against ZEN's OpenAPI file,
// "BrowserDetails": colorDepth in {1,4,8,15,16,24,32,48}; lang
// ^[A-Za-z]{2,3}(-[A-Za-z-]{2,6})?$ and at most 8 characters;
// screenHeight and screenWidth 2 to 5 digits; timezone ^-?[0-9]{1,5}$;
// userAgent 5..255 characters; acceptHeader at most 2048. Empty values are
// left to the caller's required checks.
func (c *Checker) Browser(acceptHeader, colorDepth, lang, screenHeight, screenWidth, timezone, userAgent string) {
	if acceptHeader != "" {
		c.MaxLen("acceptHeader", acceptHeader, 2048)
	}
	if colorDepth != "" && !colorDepthKnown(colorDepth) {
		c.Fail("colorDepth", "must be one of 1, 4, 8, 15, 16, 24, 32, 48")
	}
	if lang != "" && c.MaxLen("lang", lang, 8) {
		c.Match("lang", lang, BrowserLang)
	}
	if screenHeight != "" {
		c.Match("screenHeight", screenHeight, ScreenSize)
	}
	if screenWidth != "" {
		c.Match("screenWidth", screenWidth, ScreenSize)
	}
	if timezone != "" {
		c.Match("timezone", timezone, Timezone)
	}
	if userAgent != "" {
		c.Len("userAgent", userAgent, 5, 255)
	}
}
