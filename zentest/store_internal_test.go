package zentest

import (
	"math"
	"testing"
)

func TestWindow(t *testing.T) {
	for _, tc := range []struct{ n, page, per, start, end int }{
		{25, 0, 10, 0, 10},
		{25, 2, 10, 20, 25},
		{25, 3, 10, 25, 25},
		{0, 0, 10, 0, 0},
		{5, 0, math.MaxInt, 0, 5},
		{5, math.MaxInt - 1, math.MaxInt, 5, 5},
		{5, 1 << 33, 1 << 30, 5, 5}, // page × per wraps to a negative int
	} {
		if start, end := window(tc.n, tc.page, tc.per); start != tc.start || end != tc.end {
			t.Errorf("window(%d, %d, %d) = %d, %d; want %d, %d", tc.n, tc.page, tc.per, start, end, tc.start, tc.end)
		}
	}
}
