package validate

import (
	"strings"
	"unicode/utf8"
)

// Hand-written matchers of the Patterns (validate.go), exact equivalents of
// their regular expressions: TestMatchersAgreeWithPatterns checks each
// against regexp on every short string over the pattern's alphabet.

// charClass is a set of characters: a table for ASCII, where every
// value here spends its time, and the rune test for the rest (and the
// table's source).
type charClass struct {
	ascii [utf8.RuneSelf]bool
	other func(rune) bool
}

func newClass(in func(rune) bool) *charClass {
	c := &charClass{other: in}
	for b := range c.ascii {
		c.ascii[b] = in(rune(b))
	}
	return c
}

// The character classes of the Patterns.
var (
	requestIDChars                   = newClass(isRequestIDChar)
	merchantTransactionIDChars       = newClass(isMerchantTransactionIDChar)
	refundMerchantTransactionIDChars = newClass(isRefundMerchantTransactionIDChar)
	upperChars                       = newClass(isUpper)
	postcodeChars                    = newClass(func(r rune) bool { return isAlnum(r) || isSpace(r) || r == '-' })
	phoneChars                       = newClass(func(r rune) bool { return isDigit(r) || r == '+' })
	cardHolderChars                  = newClass(func(r rune) bool { return isAlnum(r) || isSpace(r) })
	descriptorChars                  = newClass(isDescriptorChar)
	langRegionChars                  = newClass(func(r rune) bool { return isLetter(r) || r == '-' })
)

// allOf reports whether v is non-empty and every character in it is in c.
// A byte that is not UTF-8 reads as U+FFFD, which no pattern here allows,
// as in regexp.
func allOf(v string, c *charClass) bool {
	for i := 0; i < len(v); {
		if b := v[i]; b < utf8.RuneSelf {
			if !c.ascii[b] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		if !c.other(r) {
			return false
		}
		i += size
	}
	return v != ""
}

// digits is ^[0-9]{minLen,maxLen}$.
func digits(v string, minLen, maxLen int) bool {
	if len(v) < minLen || len(v) > maxLen || v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isUpper(r rune) bool  { return r >= 'A' && r <= 'Z' }
func isLower(r rune) bool  { return r >= 'a' && r <= 'z' }
func isAlnum(r rune) bool  { return isDigit(r) || isUpper(r) || isLower(r) }
func isLetter(r rune) bool { return isUpper(r) || isLower(r) }

// isSpace is regexp's \s: [\t\n\f\r ].
func isSpace(r rune) bool { return r == '\t' || r == '\n' || r == '\f' || r == '\r' || r == ' ' }

// isRequestIDChar is [a-zA-Z0-9?&:_|\-\/=+.,#\s].
func isRequestIDChar(r rune) bool {
	switch r {
	case '?', '&', ':', '_', '|', '-', '/', '=', '+', '.', ',', '#':
		return true
	}
	return isAlnum(r) || isSpace(r)
}

// isMerchantTransactionIDChar is [a-zA-Z0-9?&:\-\/=.,#|+_$\[\]€ ].
func isMerchantTransactionIDChar(r rune) bool {
	switch r {
	case '?', '&', ':', '-', '/', '=', '.', ',', '#', '|', '+', '_', '$', '[', ']', '€', ' ':
		return true
	}
	return isAlnum(r)
}

// isRefundMerchantTransactionIDChar is [a-zA-Z0-9?&:\-\/=.,#].
func isRefundMerchantTransactionIDChar(r rune) bool {
	switch r {
	case '?', '&', ':', '-', '/', '=', '.', ',', '#':
		return true
	}
	return isAlnum(r)
}

// isPaymentChannel is ^([a-z](-?[a-z0-9])*|[A-Z](_?[A-Z0-9])*)$: a lower-case
// name with single inner hyphens or an upper-case one with single inner
// underscores, starting with a letter.
func isPaymentChannel(v string) bool {
	if v == "" {
		return false
	}
	letter, sep := isLower, byte('-')
	if isUpper(rune(v[0])) {
		letter, sep = isUpper, '_'
	}
	if !letter(rune(v[0])) || v[len(v)-1] == sep {
		return false
	}
	for i := 1; i < len(v); i++ {
		switch b := rune(v[i]); {
		case b == rune(sep):
			if v[i-1] == sep {
				return false
			}
		case !letter(b) && !isDigit(b):
			return false
		}
	}
	return true
}

// isTransactionType is ^TRT(_[A-Z0-9]+)+$.
func isTransactionType(v string) bool {
	rest, ok := strings.CutPrefix(v, "TRT")
	if !ok || rest == "" || rest[0] != '_' || rest[len(rest)-1] == '_' {
		return false
	}
	for i := 1; i < len(rest); i++ {
		switch b := rune(rest[i]); {
		case b == '_':
			if rest[i-1] == '_' {
				return false
			}
		case !isUpper(b) && !isDigit(b):
			return false
		}
	}
	return true
}

// isUUID is ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$.
func isUUID(v string) bool {
	if len(v) != 36 {
		return false
	}
	for i := 0; i < len(v); i++ {
		b := v[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if b != '-' {
				return false
			}
			continue
		}
		if !(b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F') {
			return false
		}
	}
	return true
}

// isDescriptorChar is [a-zA-Z0-9 _\-.;|].
func isDescriptorChar(r rune) bool {
	switch r {
	case ' ', '_', '-', '.', ';', '|':
		return true
	}
	return isAlnum(r)
}

// isBrowserLang is ^[A-Za-z]{2,3}(-[A-Za-z-]{2,6})?$: two or three letters,
// then nothing or a '-' and 2 to 6 letters and hyphens. A fourth letter
// can match neither part, so the letters before the first non-letter are
// the first part.
func isBrowserLang(v string) bool {
	n := 0
	for n < len(v) && isLetter(rune(v[n])) {
		n++
	}
	if n < 2 || n > 3 {
		return false
	}
	rest, ok := strings.CutPrefix(v[n:], "-")
	if !ok {
		return v[n:] == ""
	}
	return len(rest) >= 2 && len(rest) <= 6 && allOf(rest, langRegionChars)
}
