// Package fixed is exact decimal arithmetic on int64 for the amounts and
// quantities that validation adds, multiplies and compares: the common
// case costs no allocation, where shopspring/decimal goes through
// math/big. A result that does not fit in an int64 says so, and the caller
// falls back to decimals; a fixed result is never approximate.
package fixed

import "math"

// Num is a decimal as an integer count of units of 10^-scale. A Num that
// does not fit is marked by scale -1; every operation on it reports that
// it does not fit.
type Num struct {
	units int64
	scale int32
}

var overflow = Num{scale: -1}

// Parse reads a plain decimal, -?[0-9]+(\.[0-9]+)? (the text of an Amount
// or a Quantity). More than 18 digits, or any other text, do not fit.
func Parse(s string) Num {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return overflow
	}
	var f Num
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !point:
			point = true
			f.scale = int32(len(s) - i - 1)
		case c >= '0' && c <= '9':
			if digits++; digits > 18 {
				return overflow
			}
			f.units = f.units*10 + int64(c-'0')
		default:
			return overflow
		}
	}
	if neg {
		f.units = -f.units
	}
	return f
}

// Fits reports whether f holds a value (not an overflow).
func (f Num) Fits() bool { return f.scale >= 0 }

// rescale returns f's units at scale s >= f.scale.
func (f Num) rescale(s int32) (int64, bool) {
	u := f.units
	for ; f.scale < s; f.scale++ {
		if u > math.MaxInt64/10 || u < math.MinInt64/10 {
			return 0, false
		}
		u *= 10
	}
	return u, true
}

// Add returns f+g at the larger scale.
func (f Num) Add(g Num) (Num, bool) {
	if !f.Fits() || !g.Fits() {
		return overflow, false
	}
	s := max(f.scale, g.scale)
	a, okA := f.rescale(s)
	b, okB := g.rescale(s)
	if !okA || !okB || (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return overflow, false
	}
	return Num{units: a + b, scale: s}, true
}

// Mul returns the exact product f×g, at scale f.scale+g.scale.
func (f Num) Mul(g Num) (Num, bool) {
	if !f.Fits() || !g.Fits() {
		return overflow, false
	}
	p := f.units * g.units
	if f.units != 0 && (p/f.units != g.units || (f.units == -1 && g.units == math.MinInt64)) {
		return overflow, false
	}
	return Num{units: p, scale: f.scale + g.scale}, true
}

// Round returns f rounded half away from zero to s decimals (f itself when
// it has no more than s), as decimal.Decimal.Round does.
func (f Num) Round(s int32) (Num, bool) {
	if !f.Fits() || s < 0 {
		return overflow, false
	}
	if f.scale <= s {
		return f, true
	}
	drop := f.scale - s
	if drop > 18 { // 10^drop does not fit
		return overflow, false
	}
	pow := int64(1)
	for range drop {
		pow *= 10
	}
	q, r := f.units/pow, f.units%pow // both carry f's sign
	if r < 0 {
		r = -r
	}
	if r >= pow-r { // the dropped part is at least half a unit
		if f.units < 0 {
			q--
		} else {
			q++
		}
	}
	return Num{units: q, scale: s}, true
}

// Cmp compares the values of f and g and returns -1, 0 or +1; fits is
// false when it cannot tell.
func (f Num) Cmp(g Num) (cmp int, fits bool) {
	if !f.Fits() || !g.Fits() {
		return 0, false
	}
	s := max(f.scale, g.scale)
	a, okA := f.rescale(s)
	b, okB := g.rescale(s)
	if !okA || !okB {
		return 0, false
	}
	switch {
	case a < b:
		return -1, true
	case a > b:
		return 1, true
	}
	return 0, true
}
