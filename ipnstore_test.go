package zen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// waitingCtx reports, by closing waiting, the first time Done is called:
// MemoryIPNStore.Claim asks for Done only when it waits for another claim,
// so a test knows a duplicate is blocked without sleeping.
type waitingCtx struct {
	context.Context
	once    sync.Once
	waiting chan struct{}
}

func newWaitingCtx(parent context.Context) *waitingCtx {
	return &waitingCtx{Context: parent, waiting: make(chan struct{})}
}

func (c *waitingCtx) Done() <-chan struct{} {
	c.once.Do(func() { close(c.waiting) })
	return c.Context.Done()
}

// canceledWhenWaiting returns a context that is canceled as soon as Claim
// starts waiting on it: a Claim that would block fails with
// context.Canceled instead, and one that decides at once is unaffected.
func canceledWhenWaiting() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	w := newWaitingCtx(ctx)
	go func() { <-w.waiting; cancel() }()
	return w
}

// fakeClock is a MemoryIPNStore clock moved by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// boundedCtx ends after a generous 30s, so that a Claim that wrongly waits
// fails the test instead of hanging it.
func boundedCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func claimOK(t *testing.T, s IPNStore, ctx context.Context, key, token string, lease time.Duration) IPNClaimResult {
	t.Helper()
	res, err := s.Claim(ctx, key, token, lease)
	require.NoError(t, err)
	return res
}

func TestMemoryIPNStoreClaimDoneRelease(t *testing.T) {
	ctx := boundedCtx(t)
	s := NewMemoryIPNStore(8)

	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, "k", "a", time.Minute))
	// A second delivery of a key in flight waits for it (here until its
	// context ends): it is never handed the key too.
	_, err := s.Claim(canceledWhenWaiting(), "k", "b", time.Minute)
	assert.ErrorIs(t, err, context.Canceled)

	// Another token cannot release a claim.
	require.NoError(t, s.Release(ctx, "k", "b"))
	_, err = s.Claim(canceledWhenWaiting(), "k", "c", time.Minute)
	assert.ErrorIs(t, err, context.Canceled, "a release with the wrong token left the claim")

	// Released by its holder (fn failed): the next delivery gets the key.
	require.NoError(t, s.Release(ctx, "k", "a"))
	require.NoError(t, s.Release(ctx, "k", "a"), "release is idempotent")
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, "k", "b", time.Minute))

	// Done: every later delivery is a duplicate, and a release cannot undo it.
	require.NoError(t, s.Done(ctx, "k"))
	require.NoError(t, s.Done(ctx, "k"), "done is idempotent")
	assert.Equal(t, IPNClaimDone, claimOK(t, s, ctx, "k", "c", time.Minute))
	require.NoError(t, s.Release(ctx, "k", "b"))
	assert.Equal(t, IPNClaimDone, claimOK(t, s, ctx, "k", "d", time.Minute))

	// Keys are independent.
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, "other", "a", time.Minute))
}

func TestMemoryIPNStoreStaleClaimIsTakenOver(t *testing.T) {
	ctx := boundedCtx(t)
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	s := NewMemoryIPNStore(8)
	s.now = clock.now

	// A process claims the key and crashes: nobody settles the claim.
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, "k", "crashed", time.Minute))
	clock.add(time.Minute - time.Nanosecond)
	_, err := s.Claim(canceledWhenWaiting(), "k", "b", time.Minute)
	assert.ErrorIs(t, err, context.Canceled, "the claim holds until its lease ends")

	clock.add(time.Nanosecond)
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, "k", "b", time.Minute), "a claim past its lease is taken over")

	// The stale holder's release does not free the new claim.
	require.NoError(t, s.Release(ctx, "k", "crashed"))
	_, err = s.Claim(canceledWhenWaiting(), "k", "c", time.Minute)
	assert.ErrorIs(t, err, context.Canceled)

	// Its done, though, records that the work was done.
	require.NoError(t, s.Done(ctx, "k"))
	assert.Equal(t, IPNClaimDone, claimOK(t, s, ctx, "k", "c", time.Minute))
}

func TestMemoryIPNStoreWaiterWakesOnSettle(t *testing.T) {
	for _, tc := range []struct {
		name   string
		settle func(s *MemoryIPNStore) error
		want   IPNClaimResult
	}{
		{"released", func(s *MemoryIPNStore) error { return s.Release(context.Background(), "k", "a") }, IPNClaimAcquired},
		{"done", func(s *MemoryIPNStore) error { return s.Done(context.Background(), "k") }, IPNClaimDone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewMemoryIPNStore(8)
			assert.Equal(t, IPNClaimAcquired, claimOK(t, s, boundedCtx(t), "k", "a", time.Hour))
			wctx := newWaitingCtx(context.Background())
			got := make(chan IPNClaimResult, 1)
			go func() {
				res, err := s.Claim(wctx, "k", "b", time.Hour)
				assert.NoError(t, err)
				got <- res
			}()
			select {
			case <-wctx.waiting:
			case res := <-got:
				t.Fatalf("Claim of a key in flight returned %v instead of waiting", res)
			}
			require.NoError(t, tc.settle(s))
			assert.Equal(t, tc.want, <-got)
		})
	}
}

func TestMemoryIPNStoreWaiterTakesOverAtLeaseEnd(t *testing.T) {
	s := NewMemoryIPNStore(8)
	// A holder that never settles; the waiter's timer fires when its lease
	// ends (real time, so the lease is short; no upper bound is asserted).
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, boundedCtx(t), "k", "stuck", 20*time.Millisecond))
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, boundedCtx(t), "k", "b", time.Hour))
}

func TestMemoryIPNStoreConcurrentClaimsOneWinner(t *testing.T) {
	s := NewMemoryIPNStore(8)
	var acquired, done atomic.Int32
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := s.Claim(context.Background(), "k", fmt.Sprint("t", i), time.Hour)
			assert.NoError(t, err)
			switch res {
			case IPNClaimAcquired:
				acquired.Add(1)
				assert.NoError(t, s.Done(context.Background(), "k"))
			case IPNClaimDone:
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 1, acquired.Load())
	assert.EqualValues(t, 31, done.Load())
}

func TestMemoryIPNStoreRemembersLastN(t *testing.T) {
	ctx := boundedCtx(t)
	s := NewMemoryIPNStore(2)
	for _, k := range []string{"k1", "k2", "k3"} {
		assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, k, "a", time.Minute))
		require.NoError(t, s.Done(ctx, k))
	}
	assert.Equal(t, IPNClaimAcquired, claimOK(t, s, ctx, "k1", "b", time.Minute), "the oldest key was forgotten")
	assert.Equal(t, IPNClaimDone, claimOK(t, s, ctx, "k2", "b", time.Minute))
	assert.Equal(t, IPNClaimDone, claimOK(t, s, ctx, "k3", "b", time.Minute))

	assert.Equal(t, defaultMemoryIPNKeys, NewMemoryIPNStore(0).max)
	assert.Equal(t, defaultMemoryIPNKeys, NewMemoryIPNStore(-1).max)
}

func TestIPNClaimResultString(t *testing.T) {
	assert.Equal(t, "IPNClaimAcquired", IPNClaimAcquired.String())
	assert.Equal(t, "IPNClaimDone", IPNClaimDone.String())
	assert.Equal(t, "IPNClaimInFlight", IPNClaimInFlight.String())
	assert.Equal(t, "IPNClaimResult(0)", IPNClaimResult(0).String())
}

func TestIPNDeliveryKey(t *testing.T) {
	n, err := ParseNotification([]byte(ipnBody(ipnHashHex)), testIPNSecret)
	require.NoError(t, err)
	key := ipnDeliveryKey(n)
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{64}$`), key)
	assert.NotContains(t, strings.ToUpper(key), ipnHashHex)

	lower, err := ParseNotification([]byte(ipnBody(strings.ToLower(ipnHashHex))), testIPNSecret)
	require.NoError(t, err)
	assert.Equal(t, key, ipnDeliveryKey(lower), "the hash's case does not make another notification")

	for _, change := range []func(*Notification){
		func(n *Notification) { n.TransactionID = "other" },
		func(n *Notification) { n.Type = types.TypeRefund },
		func(n *Notification) { n.Hash = IPNHash("order-42", "EUR", "10.50", "REJECTED", testIPNSecret) },
	} {
		other := *n
		change(&other)
		assert.NotEqual(t, key, ipnDeliveryKey(&other))
	}
}

// scriptedIPNStore answers Claim as told and records every call.
type scriptedIPNStore struct {
	claimResult IPNClaimResult
	claimErr    error
	doneErr     error
	releaseErr  error

	mu    sync.Mutex
	calls []string
	key   string
	token string
	lease time.Duration
	// settleCtxErr is the context error Done or Release saw.
	settleCtxErr error
}

func (s *scriptedIPNStore) Claim(_ context.Context, key, token string, lease time.Duration) (IPNClaimResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, "claim")
	s.key, s.token, s.lease = key, token, lease
	return s.claimResult, s.claimErr
}

func (s *scriptedIPNStore) Done(ctx context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, "done "+key)
	s.settleCtxErr = ctx.Err()
	return s.doneErr
}

func (s *scriptedIPNStore) Release(ctx context.Context, key, token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, "release "+key+" "+token)
	s.settleCtxErr = ctx.Err()
	return s.releaseErr
}

func TestIPNHandlerStoreAnswers(t *testing.T) {
	errStore := errors.New("store: connection refused")
	errFn := errors.New("orders: locked")
	wantKey := func() string {
		n, err := ParseNotification([]byte(ipnBody(ipnHashHex)), testIPNSecret)
		require.NoError(t, err)
		return ipnDeliveryKey(n)
	}()
	for _, tc := range []struct {
		name      string
		store     *scriptedIPNStore
		fnErr     error
		wantCode  int
		wantBody  string
		wantFn    bool
		wantCalls func(token string) []string
		wantLog   string
	}{
		{
			name: "acquired, fn succeeds: done, then ok", store: &scriptedIPNStore{claimResult: IPNClaimAcquired},
			wantCode: 200, wantBody: `{"status":"ok"}`, wantFn: true,
			wantCalls: func(string) []string { return []string{"claim", "done " + wantKey} },
		},
		{
			name: "acquired, fn fails: released, 500 so ZEN retries", store: &scriptedIPNStore{claimResult: IPNClaimAcquired}, fnErr: errFn,
			wantCode: 500, wantBody: `{"error":"Internal Server Error"}`, wantFn: true,
			wantCalls: func(token string) []string { return []string{"claim", "release " + wantKey + " " + token} },
			wantLog:   "orders: locked",
		},
		{
			name: "done: duplicate acknowledged without fn", store: &scriptedIPNStore{claimResult: IPNClaimDone},
			wantCode: 200, wantBody: `{"status":"ok"}`,
			wantCalls: func(string) []string { return []string{"claim"} },
		},
		{
			name: "in flight elsewhere: 503 so ZEN retries later", store: &scriptedIPNStore{claimResult: IPNClaimInFlight},
			wantCode: 503, wantBody: `{"error":"Service Unavailable"}`,
			wantCalls: func(string) []string { return []string{"claim"} },
			wantLog:   "in flight",
		},
		{
			name: "claim fails: 500, fn not called", store: &scriptedIPNStore{claimErr: errStore},
			wantCode: 500, wantBody: `{"error":"Internal Server Error"}`,
			wantCalls: func(string) []string { return []string{"claim"} },
			wantLog:   "store: connection refused",
		},
		{
			name: "claim answers nonsense: 500, fn not called", store: &scriptedIPNStore{claimResult: IPNClaimResult(42)},
			wantCode: 500, wantBody: `{"error":"Internal Server Error"}`,
			wantCalls: func(string) []string { return []string{"claim"} },
			wantLog:   "IPNClaimResult(42)",
		},
		{
			name: "done fails: still ok, the work was done", store: &scriptedIPNStore{claimResult: IPNClaimAcquired, doneErr: errStore},
			wantCode: 200, wantBody: `{"status":"ok"}`, wantFn: true,
			wantCalls: func(string) []string { return []string{"claim", "done " + wantKey} },
			wantLog:   "store: connection refused",
		},
		{
			name: "release fails: 500", store: &scriptedIPNStore{claimResult: IPNClaimAcquired, releaseErr: errStore}, fnErr: errFn,
			wantCode: 500, wantBody: `{"error":"Internal Server Error"}`, wantFn: true,
			wantCalls: func(token string) []string { return []string{"claim", "release " + wantKey + " " + token} },
			wantLog:   "store: connection refused",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			store := tc.store
			var called atomic.Int32
			h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error {
				called.Add(1)
				return tc.fnErr
			}, WithIPNDeduplication(store), WithIPNLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			rec := serveIPN(h, http.MethodPost, ipnBody(ipnHashHex))
			assert.Equal(t, tc.wantCode, rec.Code)
			assert.JSONEq(t, tc.wantBody, rec.Body.String())
			assert.Equal(t, tc.wantFn, called.Load() == 1, "fn called")
			assert.Equal(t, wantKey, store.key)
			assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, store.token)
			assert.Equal(t, DefaultIPNClaimLease, store.lease)
			assert.Equal(t, tc.wantCalls(store.token), store.calls)
			assert.NoError(t, store.settleCtxErr)
			if tc.wantLog != "" {
				assert.Contains(t, logs.String(), tc.wantLog)
			}
			for _, secret := range []string{testIPNSecret, ipnHashHex, strings.ToLower(ipnHashHex), "ada@example.com", "tok-1"} {
				assert.NotContains(t, logs.String(), secret)
				assert.NotContains(t, rec.Body.String(), secret)
			}
			assert.NotContains(t, rec.Body.String(), "store:", "the store's error is not sent to ZEN")
		})
	}
}

func TestIPNHandlerStoreReleasesWhenFnPanics(t *testing.T) {
	store := &scriptedIPNStore{claimResult: IPNClaimAcquired}
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error { panic("bug") }, WithIPNDeduplication(store))
	assert.PanicsWithValue(t, "bug", func() { serveIPN(h, http.MethodPost, ipnBody(ipnHashHex)) })
	assert.Equal(t, []string{"claim", "release " + store.key + " " + store.token}, store.calls)
}

func TestIPNHandlerStoreSettlesAfterZENHungUp(t *testing.T) {
	store := &scriptedIPNStore{claimResult: IPNClaimAcquired}
	ctx, cancel := context.WithCancel(context.Background())
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error {
		cancel() // ZEN gives up while fn runs; fn still finishes its work
		return nil
	}, WithIPNDeduplication(store))
	req := httptest.NewRequest(http.MethodPost, "/zen/ipn", strings.NewReader(ipnBody(ipnHashHex))).WithContext(ctx)
	h.ServeHTTP(httptest.NewRecorder(), req)
	assert.Equal(t, []string{"claim", "done " + store.key}, store.calls)
	assert.NoError(t, store.settleCtxErr, "done is recorded although the request's context ended")
}

func TestIPNHandlerFnContextEndsWithTheLease(t *testing.T) {
	store := &scriptedIPNStore{claimResult: IPNClaimAcquired}
	var deadline time.Time
	var hasDeadline bool
	h := NewIPNHandler(testIPNSecret, func(ctx context.Context, _ *Notification) error {
		deadline, hasDeadline = ctx.Deadline()
		return nil
	}, WithIPNDeduplication(store), WithIPNClaimLease(time.Hour), WithIPNClaimLease(0))
	before := time.Now()
	serveIPN(h, http.MethodPost, ipnBody(ipnHashHex))
	after := time.Now()
	assert.Equal(t, time.Hour, store.lease, "WithIPNClaimLease(0) keeps the lease set before")
	require.True(t, hasDeadline)
	assert.False(t, deadline.Before(before.Add(time.Hour)), "deadline %v", deadline)
	assert.False(t, deadline.After(after.Add(time.Hour)), "deadline %v", deadline)

	// Without a store fn's context is the request's.
	h = NewIPNHandler(testIPNSecret, func(ctx context.Context, _ *Notification) error {
		_, hasDeadline = ctx.Deadline()
		return nil
	})
	serveIPN(h, http.MethodPost, ipnBody(ipnHashHex))
	assert.False(t, hasDeadline)
}

func TestIPNHandlerMemoryStoreConcurrentDeliveries(t *testing.T) {
	const deliveries = 8
	var calls atomic.Int32
	entered, release := make(chan struct{}), make(chan struct{})
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error {
		calls.Add(1)
		close(entered) // a second call panics on the closed channel
		<-release
		return nil
	}, WithIPNDeduplication(NewMemoryIPNStore(16)))

	codes := make([]int, deliveries)
	var wg sync.WaitGroup
	finished := make(chan int, deliveries)
	serve := func(i int, ctx context.Context) {
		defer wg.Done()
		defer func() { finished <- i }()
		req := httptest.NewRequest(http.MethodPost, "/zen/ipn", strings.NewReader(ipnBody(ipnHashHex))).WithContext(ctx)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		codes[i] = rec.Code
	}
	wg.Add(1)
	go serve(0, context.Background())
	<-entered
	// Every repeat arrives while the first is in fn, and waits for it.
	for i := 1; i < deliveries; i++ {
		wctx := newWaitingCtx(context.Background())
		wg.Add(1)
		go serve(i, wctx)
		select {
		case <-wctx.waiting:
		case <-finished:
			t.Fatalf("delivery %d was answered %d while the first was in fn", i, codes[i])
		}
	}
	close(release)
	wg.Wait()
	assert.EqualValues(t, 1, calls.Load())
	for i, code := range codes {
		assert.Equal(t, http.StatusOK, code, "delivery %d", i)
	}
}

func TestIPNHandlerMemoryStoreStaleClaim(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	store := NewMemoryIPNStore(16)
	store.now = clock.now
	var calls atomic.Int32
	h := NewIPNHandler(testIPNSecret, func(context.Context, *Notification) error { calls.Add(1); return nil },
		WithIPNDeduplication(store), WithIPNClaimLease(time.Minute))
	n, err := ParseNotification([]byte(ipnBody(ipnHashHex)), testIPNSecret)
	require.NoError(t, err)
	// A delivery claimed the notification and its process died.
	assert.Equal(t, IPNClaimAcquired, claimOK(t, store, boundedCtx(t), ipnDeliveryKey(n), "crashed", time.Minute))

	serve := func(ctx context.Context) int {
		req := httptest.NewRequest(http.MethodPost, "/zen/ipn", strings.NewReader(ipnBody(ipnHashHex))).WithContext(ctx)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	assert.Equal(t, http.StatusInternalServerError, serve(canceledWhenWaiting()), "within the lease the retry waits (here: until ZEN hangs up)")
	assert.EqualValues(t, 0, calls.Load())

	clock.add(time.Minute)
	assert.Equal(t, http.StatusOK, serve(boundedCtx(t)))
	assert.EqualValues(t, 1, calls.Load(), "after the lease the retry is handled: the notification is not lost")
	assert.Equal(t, http.StatusOK, serve(boundedCtx(t)))
	assert.EqualValues(t, 1, calls.Load())
}
