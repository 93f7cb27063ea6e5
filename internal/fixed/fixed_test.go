package fixed

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// dec is the decimal a Num stands for.
func dec(f Num) decimal.Decimal { return decimal.New(f.units, -f.scale) }

// randomText writes a plain decimal of up to 20 digits (so some do not
// fit), often near the int64 limit, at any scale, of either sign.
func randomText(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(3) == 0 {
		b.WriteByte('-')
	}
	n := 1 + r.IntN(20)
	if r.IntN(2) == 0 {
		n = 1 + r.IntN(4)
	}
	digits := make([]byte, n)
	for i := range digits {
		digits[i] = byte('0' + r.IntN(10))
	}
	if r.IntN(5) == 0 { // near the top: 9…9 or 5…0
		for i := range digits {
			digits[i] = "95"[r.IntN(2)]
		}
	}
	point := r.IntN(n + 1)
	if r.IntN(3) == 0 {
		point = n
	}
	b.Write(digits[:point])
	if point == 0 {
		b.WriteByte('0')
	}
	if point < n {
		b.WriteByte('.')
		b.Write(digits[point:])
	}
	return b.String()
}

func TestParse(t *testing.T) {
	for s, want := range map[string]Num{
		"0": {0, 0}, "12.50": {1250, 2}, "-0.001": {-1, 3}, "999999999999999999": {999999999999999999, 0},
		"-99999999.9999999999": {-999999999999999999, 10}, "007": {7, 0},
	} {
		if got := Parse(s); got != want {
			t.Errorf("Parse(%q) = %+v, want %+v", s, got, want)
		}
	}
	for _, s := range []string{"", "-", ".", "1.", ".5", "-.5", "1.2.3", "+1", "1e3", " 1", "1,5", "--1", "1234567890123456789", "0.0000000000000000001"} {
		if Parse(s).Fits() {
			t.Errorf("Parse(%q) fits: %+v", s, Parse(s))
		}
	}
}

// TestAgreesWithDecimal holds every operation to shopspring/decimal on
// random values: each result that fits is exact, and a result that does
// not fit is one that int64 cannot hold (or, for Round, one that drops
// more than 18 digits).
func TestAgreesWithDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	limit := decimal.NewFromInt(math.MaxInt64)
	fitsInt64 := func(d decimal.Decimal, scale int32) bool {
		return d.Shift(scale).Abs().LessThanOrEqual(limit)
	}
	var fit, overflowed int
	for range 200000 {
		sa, sb := randomText(r), randomText(r)
		a, b := Parse(sa), Parse(sb)
		da, db := decimal.RequireFromString(sa), decimal.RequireFromString(sb)
		for _, x := range []struct {
			s string
			n Num
		}{{sa, a}, {sb, b}} {
			if digits := len(strings.NewReplacer("-", "", ".", "").Replace(x.s)); x.n.Fits() != (digits <= 18) {
				t.Fatalf("Parse(%q) fits: %v", x.s, x.n.Fits())
			}
		}
		if !a.Fits() || !b.Fits() {
			continue
		}
		if !dec(a).Equal(da) || !dec(b).Equal(db) {
			t.Fatalf("Parse(%q) = %v, Parse(%q) = %v", sa, dec(a), sb, dec(b))
		}
		if sum, ok := a.Add(b); ok {
			if !dec(sum).Equal(da.Add(db)) || sum.scale != max(a.scale, b.scale) {
				t.Fatalf("%s + %s = %v at scale %d", sa, sb, dec(sum), sum.scale)
			}
		} else if fitsInt64(da.Add(db), max(a.scale, b.scale)) && fitsInt64(da, max(a.scale, b.scale)) && fitsInt64(db, max(a.scale, b.scale)) {
			t.Fatalf("%s + %s: said not to fit", sa, sb)
		}
		p, ok := a.Mul(b)
		if ok {
			fit++
			if !dec(p).Equal(da.Mul(db)) || p.scale != a.scale+b.scale {
				t.Fatalf("%s × %s = %v at scale %d", sa, sb, dec(p), p.scale)
			}
		} else {
			overflowed++
			if fitsInt64(da.Mul(db), a.scale+b.scale) {
				t.Fatalf("%s × %s: said not to fit", sa, sb)
			}
		}
		for _, x := range []Num{a, p} {
			if !x.Fits() {
				continue
			}
			s := int32(r.IntN(int(x.scale) + 2))
			rounded, ok := x.Round(s)
			if !ok {
				if x.scale-s <= 18 {
					t.Fatalf("%v.Round(%d): said not to fit", dec(x), s)
				}
				continue
			}
			if want := dec(x).Round(s); !dec(rounded).Equal(want) {
				t.Fatalf("%v.Round(%d) = %v, want %v", dec(x), s, dec(rounded), want)
			}
		}
		if cmp, ok := a.Cmp(b); ok {
			if want := da.Cmp(db); cmp != want {
				t.Fatalf("Cmp(%s, %s) = %d, want %d", sa, sb, cmp, want)
			}
		} else if s := max(a.scale, b.scale); fitsInt64(da, s) && fitsInt64(db, s) {
			t.Fatalf("Cmp(%s, %s): said not to fit", sa, sb)
		}
	}
	if fit < 1000 || overflowed < 1000 {
		t.Fatalf("products that fit: %d, that overflow: %d; both paths need exercise", fit, overflowed)
	}
}

func TestEdges(t *testing.T) {
	n := func(u int64, s int32) Num { return Num{units: u, scale: s} }
	for _, tc := range []struct {
		x    Num
		s    int32
		want Num
	}{
		{n(5, 1), 0, n(1, 0)}, {n(-5, 1), 0, n(-1, 0)}, {n(4, 1), 0, n(0, 0)}, {n(-4, 1), 0, n(0, 0)},
		{n(37425, 3), 2, n(3743, 2)}, {n(-37425, 3), 2, n(-3743, 2)}, {n(37424, 3), 2, n(3742, 2)},
		{n(math.MaxInt64, 0), 0, n(math.MaxInt64, 0)}, {n(math.MaxInt64, 18), 0, n(9, 0)},
		{n(math.MinInt64, 18), 0, n(-9, 0)}, {n(math.MinInt64, 1), 0, n(math.MinInt64/10-1, 0)},
		{n(12, 1), 3, n(12, 1)},
	} {
		if got, ok := tc.x.Round(tc.s); !ok || got != tc.want {
			t.Errorf("%+v.Round(%d) = %+v, %v; want %+v", tc.x, tc.s, got, ok, tc.want)
		}
	}
	if _, ok := n(1, 19).Round(0); ok {
		t.Error("dropping 19 digits must not fit")
	}
	for _, tc := range [][2]Num{{n(math.MinInt64, 0), n(-1, 0)}, {n(-1, 0), n(math.MinInt64, 0)}, {n(1<<32, 0), n(1<<31, 0)}, {n(math.MaxInt64, 0), n(2, 0)}} {
		if p, ok := tc[0].Mul(tc[1]); ok {
			t.Errorf("%+v × %+v = %+v must not fit", tc[0], tc[1], p)
		}
	}
	if p, ok := n(math.MinInt64, 0).Mul(n(1, 0)); !ok || p.units != math.MinInt64 {
		t.Error("MinInt64 × 1 fits")
	}
	if _, ok := n(math.MaxInt64, 0).Add(n(1, 0)); ok {
		t.Error("MaxInt64 + 1 must not fit")
	}
	if _, ok := n(math.MaxInt64/10+1, 0).Cmp(n(0, 1)); ok {
		t.Error("a rescale past int64 must not fit")
	}
	if _, ok := overflow.Mul(n(1, 0)); ok {
		t.Error("an overflow stays one")
	}
	// validate.Items adds on after an overflow and asks Cmp at the end: a
	// sum past int64 must not come back into range.
	sum, _ := n(math.MaxInt64, 0).Add(n(1, 0))
	if sum, ok := sum.Add(n(-1, 0)); ok || sum.Fits() {
		t.Errorf("an overflowed sum minus 1 = %+v, %v: it must stay an overflow", sum, ok)
	}
	if _, fits := sum.Cmp(n(0, 0)); fits {
		t.Error("Cmp of an overflowed sum must not fit")
	}
}
