package zen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkoutLower lower-cases a checkout-signature leaf with Unicode's full
// lower-case mapping, as the other signers tried do (PHP mb_strtolower,
// JavaScript and Java toLowerCase, Rust to_lowercase, Ruby downcase), where
// Go's strings.ToLower applies the simple per-character mapping. Two rules
// differ from strings.ToLower:
//
//   - İ (U+0130) becomes "i̇" (U+0069 U+0307), the one unconditional
//     lower-case mapping of Unicode's SpecialCasing.txt that is longer than
//     one character; strings.ToLower gives "i".
//   - Σ (U+03A3) becomes the final form ς (U+03C2) at the end of a word
//     (Unicode's Final_Sigma condition), else σ. JavaScript, Java, Rust and
//     PHP 8.3 mb_strtolower do this; Ruby and Go do not. Which one ZEN's
//     server follows is not known without a sandbox; the SDK follows the
//     majority, and the choice only matters for a Σ ending a word.
//
// Language-specific rules (Turkish, Lithuanian) are not applied, as none of
// those signers applies them by default. ß stays ß and ẞ becomes ß in every
// implementation.
func checkoutLower(s string) string {
	if !strings.ContainsAny(s, "\u0130\u03a3") {
		return strings.ToLower(s) // the two rules do not apply: the same result
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i, r := range s {
		switch r {
		case '\u0130':
			b.WriteString("i\u0307")
		case '\u03a3':
			if finalSigma(s, i) {
				b.WriteRune('\u03c2')
			} else {
				b.WriteRune('\u03c3')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma reports Unicode's Final_Sigma condition for the Σ at byte i of
// s: a cased letter comes before it (skipping case-ignorable characters)
// and none comes after it (skipping case-ignorable characters).
func finalSigma(s string, i int) bool {
	before := false
	for j := i; j > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		j -= n
		if caseIgnorable(r) {
			continue
		}
		before = cased(r)
		break
	}
	if !before {
		return false
	}
	for j := i + len("\u03a3"); j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		j += n
		if caseIgnorable(r) {
			continue
		}
		return !cased(r)
	}
	return true
}

// cased is Unicode's Cased property: Lowercase, Uppercase or Lt.
func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifier letters and symbols, and the word-internal
// punctuation of Word_Break MidLetter, MidNumLet and Single_Quote.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2018', '\u2019', '\u2024', '\u2027',
		'\ufe13', '\ufe52', '\ufe55', '\uff07', '\uff0e', '\uff1a':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
