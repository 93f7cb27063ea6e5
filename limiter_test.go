package zen

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeLimiter counts Wait calls, checks each runs within the call's
// context, and returns err.
type fakeLimiter struct {
	mu            sync.Mutex
	calls, others int
	err           error
}

type limiterCtxKey struct{}

const limitedTxID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

func (l *fakeLimiter) Wait(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	if ctx.Value(limiterCtxKey{}) != "the call" {
		l.others++
	}
	return l.err
}

func TestWithRateLimiterNilRefused(t *testing.T) {
	_, err := NewClient(testKey, WithRateLimiter(nil))
	assert.EqualError(t, err, "zen: WithRateLimiter: nil limiter")
}

// TestRateLimiterWaitedBeforeEveryAttempt: two 503s and a success make
// three waits, all within the call's context.
func TestRateLimiterWaitedBeforeEveryAttempt(t *testing.T) {
	lim := &fakeLimiter{}
	c, mock := newTestClient(t, WithRateLimiter(lim))
	s := &script{steps: []func(*http.Request) (*http.Response, error){
		status(503, `{}`), status(503, `{}`), status(200, `{"id":"`+limitedTxID+`"}`),
	}}
	mock.RegisterResponder(http.MethodGet, testBase+"/v1/transactions/"+limitedTxID, s.responder)
	ctx := context.WithValue(context.Background(), limiterCtxKey{}, "the call")
	tx, err := c.Purchases.Get(ctx, limitedTxID)
	require.NoError(t, err)
	assert.Equal(t, limitedTxID, tx.ID)
	assert.Equal(t, 3, lim.calls)
	assert.Zero(t, lim.others, "every wait used the call's context")
	assert.Len(t, s.ids, 3)
}

// TestRateLimiterErrorEndsTheCall: the limiter's own error stops the call
// before anything is sent, and is not retried.
func TestRateLimiterErrorEndsTheCall(t *testing.T) {
	boom := errors.New("shared limiter unreachable")
	lim := &fakeLimiter{err: boom}
	c, mock := newTestClient(t, WithRateLimiter(lim))
	tx, err := c.Purchases.Get(context.Background(), limitedTxID)
	assert.Nil(t, tx)
	assert.ErrorIs(t, err, boom)
	var ce *ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "/v1/transactions/"+limitedTxID, ce.Path)
	assert.Equal(t, 1, lim.calls)
	assert.Zero(t, mock.GetTotalCallCount(), "nothing sent")
}
