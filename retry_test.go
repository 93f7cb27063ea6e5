package zen

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// keyedBody is a POST body carrying a merchantTransactionId, so the core
// treats it as safe to resend.
type keyedBody struct {
	MerchantTransactionID string       `json:"merchantTransactionId"`
	Amount                types.Amount `json:"amount"`
	Items                 []struct{}   `json:"items,omitempty"`
}

func (k keyedBody) idempotencyKey() string { return k.MerchantTransactionID }

// waits records backoff durations instead of sleeping.
func recordWaits(c *Client) *[]time.Duration {
	var mu sync.Mutex
	var got []time.Duration
	c.transport.After = func(d time.Duration) <-chan time.Time {
		mu.Lock()
		got = append(got, d)
		mu.Unlock()
		ch := make(chan time.Time, 1)
		ch <- time.Now()
		return ch
	}
	return &got
}

func runScript(t *testing.T, method string, in any, steps ...func(*http.Request) (*http.Response, error)) (*script, *[]time.Duration, error) {
	t.Helper()
	c, mock := newTestClient(t, WithBackoff(time.Millisecond, 10*time.Millisecond, 30*time.Second))
	waits := recordWaits(c)
	s := &script{steps: steps}
	mock.RegisterNoResponder(s.responder)
	var out map[string]any
	err := c.doTest(context.Background(), method, "/v1/x", in, &out)
	return s, waits, err
}

func assertSameAttempts(t *testing.T, s *script, n int) {
	t.Helper()
	require.Len(t, s.ids, n)
	for i := 1; i < n; i++ {
		assert.Equal(t, s.ids[0], s.ids[i], "request-id of attempt %d", i+1)
		assert.True(t, bytes.Equal(s.bodies[0], s.bodies[i]), "body of attempt %d", i+1)
	}
}

func TestRetry503ThenSuccessSameRequestIDAndBody(t *testing.T) {
	in := keyedBody{MerchantTransactionID: "order-1", Amount: types.MustAmount("10.00")}
	s, _, err := runScript(t, http.MethodPost, in, status(503, `{"message":"busy"}`), status(200, `{}`))
	require.NoError(t, err)
	assertSameAttempts(t, s, 2)
	assert.JSONEq(t, `{"merchantTransactionId":"order-1","amount":"10.00"}`, string(s.bodies[1]))
}

func TestRetryDroppedConnectionThenSuccess(t *testing.T) {
	in := keyedBody{MerchantTransactionID: "order-2", Amount: types.MustAmount("1")}
	s, _, err := runScript(t, http.MethodPost, in, dropped, status(200, `{}`))
	require.NoError(t, err)
	assertSameAttempts(t, s, 2)
}

func TestRetry429HonoursRetryAfterSeconds(t *testing.T) {
	s, waits, err := runScript(t, http.MethodGet, nil, status(429, ``, "Retry-After", "7"), status(200, `{}`))
	require.NoError(t, err)
	assertSameAttempts(t, s, 2)
	assert.Equal(t, []time.Duration{7 * time.Second}, *waits)
}

func TestRetry429HonoursRetryAfterDate(t *testing.T) {
	date := time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat)
	_, waits, err := runScript(t, http.MethodGet, nil, status(429, ``, "Retry-After", date), status(200, `{}`))
	require.NoError(t, err)
	require.Len(t, *waits, 1)
	assert.InDelta(t, 20*time.Second, (*waits)[0], float64(2*time.Second))
}

func TestRetryAfterBeyondCapIsHandedBack(t *testing.T) {
	date := time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat)
	s, waits, err := runScript(t, http.MethodPost, keyedBody{MerchantTransactionID: "a", Amount: types.MustAmount("1")},
		status(503, `{"message":"maintenance"}`, "Retry-After", date))
	assert.Len(t, s.ids, 1, "no resend sooner than ZEN allows")
	assert.Empty(t, *waits, "no waiting past the cap")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.True(t, errors.Is(err, ErrServer))
	assert.InDelta(t, 2*time.Hour, ae.RetryAfter, float64(2*time.Second))
}

func TestRetryGives429AfterMaxRetries(t *testing.T) {
	s, _, err := runScript(t, http.MethodGet, nil,
		status(429, `{"statusCode":429,"code":"RATE","message":"slow down"}`, "Retry-After", "1"),
		status(429, `{"statusCode":429,"code":"RATE","message":"slow down"}`, "Retry-After", "1"),
		status(429, `{"statusCode":429,"code":"RATE","message":"slow down"}`, "Retry-After", "1"))
	require.ErrorIs(t, err, ErrRateLimited)
	assertSameAttempts(t, s, 3)
	var ae *APIError
	require.True(t, errors.As(err, &ae))
	assert.True(t, errors.Is(err, ErrRateLimited))
	assert.Equal(t, time.Second, ae.RetryAfter)
	assert.Equal(t, "RATE", ae.Code)
	assert.Equal(t, s.ids[0], ae.RequestID)
}

func TestRetryClasses(t *testing.T) {
	cases := []struct {
		name     string
		method   string
		in       any
		first    func(*http.Request) (*http.Response, error)
		attempts int
	}{
		{"GET 500 retried", http.MethodGet, nil, status(500, `{}`), 2},
		{"DELETE 502 retried", http.MethodDelete, nil, status(502, `{}`), 2},
		{"keyed POST 500 retried", http.MethodPost, keyedBody{MerchantTransactionID: "a", Amount: types.MustAmount("1")}, status(500, `{}`), 2},
		{"keyed POST 504 retried", http.MethodPost, keyedBody{MerchantTransactionID: "a", Amount: types.MustAmount("1")}, status(504, `{}`), 2},
		{"unsafe POST 503 not retried", http.MethodPost, plainBody{Name: "x"}, status(503, `{}`), 1},
		{"unsafe POST dropped after write not retried", http.MethodPost, plainBody{Name: "x"}, dropped, 1},
		{"unsafe POST 429 retried", http.MethodPost, plainBody{Name: "x"}, status(429, `{}`), 2},
		{"GET 400 not retried", http.MethodGet, nil, status(400, `{}`), 1},
		{"GET 404 not retried", http.MethodGet, nil, status(404, `{}`), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _, _ := runScript(t, tc.method, tc.in, tc.first, status(200, `{}`))
			assert.Len(t, s.ids, tc.attempts)
		})
	}
}

func TestUnsafePOSTRetriedWhenNeverSent(t *testing.T) {
	// Nothing listens on 127.0.0.1:1, so the dial fails before the request is
	// written: resending even a non-idempotent POST is safe.
	c, err := NewClient(testKey, WithBaseURL("http://127.0.0.1:1"), WithBackoff(0, 0, 0), WithMaxRetries(2))
	require.NoError(t, err)
	info := &ResponseInfo{}
	err = c.doTest(WithResponseInfo(context.Background(), info), http.MethodPost, "/v1/x", plainBody{Name: "x"}, nil)
	var ce *ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 3, info.Attempts, "never sent, so every attempt was allowed")
}

func TestCancelDuringBackoffReturnsAtOnce(t *testing.T) {
	// No deadline at all, so the hour's wait is started (one that cannot
	// fit a deadline is not; see TestWaitPastDeadlineHandsBackTheAnswer).
	c, mock := newTestClient(t, WithBackoff(time.Hour, time.Hour, time.Hour), WithTimeout(0))
	ctx, cancel := context.WithCancel(context.Background())
	waiting := make(chan struct{})
	c.transport.After = func(time.Duration) <-chan time.Time {
		close(waiting)
		return nil // never fires: only the cancellation can end the wait
	}
	calls := 0
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		calls++
		return httpmock.NewStringResponse(503, ``), nil
	})
	done := make(chan error, 1)
	go func() { done <- c.doTest(ctx, http.MethodGet, "/v1/x", nil, nil) }()
	<-waiting
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1, calls)
	case <-time.After(10 * time.Second):
		t.Fatal("do did not return after cancellation")
	}
}

func TestBackoffFullJitterBounds(t *testing.T) {
	c, _ := newTestClient(t, WithBackoff(100*time.Millisecond, time.Second, time.Minute))
	for attempt := 0; attempt < 8; attempt++ {
		ceil := min(100*time.Millisecond<<attempt, time.Second)
		for i := 0; i < 200; i++ {
			d := c.transport.Backoff(attempt)
			require.GreaterOrEqual(t, d, time.Duration(0))
			require.LessOrEqual(t, d, ceil)
		}
	}
}

// TestWaitPastDeadlineHandsBackTheAnswer checks that a wait the context's
// deadline would cut short is not started: the caller gets ZEN's answer
// (429 with its RetryAfter, or the connection error) at once instead of a
// bare deadline error after waiting in vain.
func TestWaitPastDeadlineHandsBackTheAnswer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()

	c, mock := newTestClient(t, WithBackoff(time.Millisecond, time.Millisecond, 3*time.Hour))
	waits := recordWaits(c)
	s := &script{steps: []func(*http.Request) (*http.Response, error){status(429, `{"message":"slow down"}`, "Retry-After", "7200"), status(200, `{}`)}}
	mock.RegisterNoResponder(s.responder)
	err := c.doTest(ctx, http.MethodGet, "/v1/x", nil, nil)
	assert.ErrorIs(t, err, ErrRateLimited)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 2*time.Hour, ae.RetryAfter)
	assert.Len(t, s.ids, 1)
	assert.Empty(t, *waits)

	// A connection error: full jitter draws the backoff from [0, 2h], so
	// some draws fit the hour left and some do not; none may be waited for
	// in vain.
	c, mock = newTestClient(t, WithBackoff(2*time.Hour, 2*time.Hour, time.Minute))
	waits = recordWaits(c)
	for i := 0; i < 20; i++ {
		s = &script{steps: []func(*http.Request) (*http.Response, error){dropped, status(200, `{}`)}}
		mock.RegisterNoResponder(s.responder)
		before := len(*waits)
		err = c.doTest(ctx, http.MethodGet, "/v1/x", nil, nil)
		if len(s.ids) == 1 {
			var ce *ConnectionError
			assert.ErrorAs(t, err, &ce)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.Len(t, *waits, before, "no wait started")
		} else {
			assert.NoError(t, err)
			require.Len(t, *waits, before+1)
			assert.Less(t, (*waits)[before], time.Hour, "only a wait that fits the deadline")
		}
	}
}
