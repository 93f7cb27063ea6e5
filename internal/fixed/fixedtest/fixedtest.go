// Package fixedtest makes random decimal texts for the tests that hold
// int64 arithmetic (package fixed and the checks built on it) to
// shopspring/decimal.
package fixedtest

import (
	"math/rand/v2"
	"strings"
)

// Amount returns a random text of ZEN's amount pattern,
// -?\d{1,16}(\.\d{1,12})? (a '-' one time in four when signed): half of
// them with at most three integer digits and half with at most three
// decimals, the others up to the pattern's limits, so both small values
// and products past int64 come up.
func Amount(r *rand.Rand, signed bool) string {
	var b strings.Builder
	if signed && r.IntN(4) == 0 {
		b.WriteByte('-')
	}
	intDigits := 1 + r.IntN(16)
	if r.IntN(2) == 0 {
		intDigits = 1 + r.IntN(3)
	}
	for i := range intDigits {
		d := r.IntN(10)
		if i == 0 && intDigits > 1 && d == 0 {
			d = 1
		}
		b.WriteByte(byte('0' + d))
	}
	frac := r.IntN(13)
	if r.IntN(2) == 0 {
		frac = r.IntN(4)
	}
	if frac > 0 {
		b.WriteByte('.')
		for range frac {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
	}
	return b.String()
}
