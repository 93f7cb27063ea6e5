package validate

import (
	"math"

	"github.com/zen-go/zen/types"
)

// fixed is an amount as an integer count of units of 10^-scale, for exact
// arithmetic without math/big. A fixed that does not fit is marked by
// scale -1; every operation on it reports that it does not fit, and the
// caller falls back to decimals.
type fixed struct {
	units int64
	scale int32
}

var overflow = fixed{scale: -1}

// fixedOf reads an amount's text (ZEN's pattern: -?\d{1,16}(\.\d{1,12})?,
// which Amount guarantees); more than 18 digits do not fit.
func fixedOf(a types.Amount) fixed {
	s := a.String()
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var f fixed
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			f.scale = int32(len(s) - i - 1)
		case c >= '0' && c <= '9':
			if digits++; digits > 18 {
				return overflow
			}
			f.units = f.units*10 + int64(c-'0')
		default:
			return overflow // unreachable for a valid Amount
		}
	}
	if neg {
		f.units = -f.units
	}
	return f
}

// rescale returns f's units at scale s >= f.scale.
func (f fixed) rescale(s int32) (int64, bool) {
	u := f.units
	for ; f.scale < s; f.scale++ {
		if u > math.MaxInt64/10 || u < math.MinInt64/10 {
			return 0, false
		}
		u *= 10
	}
	return u, true
}

// add returns f+g at the larger scale.
func (f fixed) add(g fixed) (fixed, bool) {
	if f.scale < 0 || g.scale < 0 {
		return overflow, false
	}
	s := max(f.scale, g.scale)
	a, okA := f.rescale(s)
	b, okB := g.rescale(s)
	if !okA || !okB || (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return overflow, false
	}
	return fixed{units: a + b, scale: s}, true
}

// equal reports whether f and g have the same value; fits is false when
// it cannot tell.
func (f fixed) equal(g fixed) (equal, fits bool) {
	if f.scale < 0 || g.scale < 0 {
		return false, false
	}
	s := max(f.scale, g.scale)
	a, okA := f.rescale(s)
	b, okB := g.rescale(s)
	if !okA || !okB {
		return false, false
	}
	return a == b, true
}
