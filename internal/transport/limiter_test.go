package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestLimiterBeforeEveryAttempt: the limiter is waited on before each
// attempt with the call's context, and its error ends the call unsent.
func TestLimiterBeforeEveryAttempt(t *testing.T) {
	var sent atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sent.Add(1) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	type key struct{}
	lim := &countingLimiter{want: key{}}
	c := New(Config{HTTPClient: &http.Client{}, MaxRetries: 2, Limiter: lim})
	ctx := context.WithValue(context.Background(), key{}, "call")
	res, err := c.Do(ctx, &Request{Method: http.MethodGet, URL: srv.URL, RequestID: "rid"})
	if err != nil {
		t.Fatal(err)
	}
	res.Response.Body.Close()
	if lim.calls != 3 || sent.Load() != 3 || lim.foreign != 0 {
		t.Fatalf("limiter waited %d times (%d with another context) for %d requests; want 3, 0, 3", lim.calls, lim.foreign, sent.Load())
	}

	boom := errors.New("limiter: over budget")
	lim.err = boom
	_, err = c.Do(ctx, &Request{Method: http.MethodGet, URL: srv.URL, RequestID: "rid"})
	var le *LimiterError
	if !errors.As(err, &le) || !errors.Is(err, boom) || sent.Load() != 3 || lim.calls != 4 {
		t.Fatalf("err %v after %d waits and %d requests; want the limiter's error, 4 waits, 3 requests", err, lim.calls, sent.Load())
	}
}

type countingLimiter struct {
	want           any
	calls, foreign int
	err            error
}

func (l *countingLimiter) Wait(ctx context.Context) error {
	l.calls++
	if ctx.Value(l.want) != "call" {
		l.foreign++
	}
	return l.err
}
