package transport

import (
	"math"
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"7", 7 * time.Second, true},
		{"172800", 48 * time.Hour, true}, // reported as sent, not cut to a day
		{"99999999999999999", time.Duration(math.MaxInt64), true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tc := range cases {
		got, ok := RetryAfter(http.Header{"Retry-After": {tc.v}}, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tc.v, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRetryAfterOverflowingSecondsSaturate(t *testing.T) {
	got, ok := RetryAfter(http.Header{"Retry-After": {"99999999999999999999999"}}, time.Now())
	if !ok || got != time.Duration(math.MaxInt64) {
		t.Fatalf("got %v, %v", got, ok)
	}
}
