package ipnstoresql_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	ipnstoresql "github.com/zen-go/zen/examples/ipnstore-sql"
	"github.com/zen-go/zen/types"
	_ "modernc.org/sqlite"
)

const ipnSecret = "ipn-secret"

// openDB opens the SQLite file at path as one server of the fleet would:
// its own connection pool, waiting for the file's write lock rather than
// failing at once.
func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Exec(ipnstoresql.Schema)
	require.NoError(t, err)
	return db
}

// fakeClock is a clock moved by hand, shared by the servers of a test.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func claim(t *testing.T, s zen.IPNStore, key, token string, lease time.Duration) zen.IPNClaimResult {
	t.Helper()
	res, err := s.Claim(context.Background(), key, token, lease)
	require.NoError(t, err)
	return res
}

func TestStoreContract(t *testing.T) {
	ctx := context.Background()
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	s := &ipnstoresql.Store{DB: openDB(t, filepath.Join(t.TempDir(), "ipn.db")), Now: clock.Now}

	assert.Equal(t, zen.IPNClaimAcquired, claim(t, s, "k", "a", time.Minute))
	assert.Equal(t, zen.IPNClaimInFlight, claim(t, s, "k", "b", time.Minute), "a second delivery in flight is not handed the key")
	require.NoError(t, s.Release(ctx, "k", "b"))
	assert.Equal(t, zen.IPNClaimInFlight, claim(t, s, "k", "b", time.Minute), "another token cannot release a claim")

	require.NoError(t, s.Release(ctx, "k", "a"))
	require.NoError(t, s.Release(ctx, "k", "a"), "release is idempotent")
	assert.Equal(t, zen.IPNClaimAcquired, claim(t, s, "k", "b", time.Minute), "released: the retry gets the key")

	require.NoError(t, s.Done(ctx, "k"))
	require.NoError(t, s.Done(ctx, "k"), "done is idempotent")
	assert.Equal(t, zen.IPNClaimDone, claim(t, s, "k", "c", time.Minute))
	require.NoError(t, s.Release(ctx, "k", "b"))
	assert.Equal(t, zen.IPNClaimDone, claim(t, s, "k", "c", time.Minute), "a release never undoes done")

	// A claim whose holder crashed is taken over when its lease ends, and
	// the stale holder can no longer release it.
	assert.Equal(t, zen.IPNClaimAcquired, claim(t, s, "k2", "crashed", time.Minute))
	clock.Add(time.Minute - time.Millisecond)
	assert.Equal(t, zen.IPNClaimInFlight, claim(t, s, "k2", "b", time.Minute))
	clock.Add(time.Millisecond)
	assert.Equal(t, zen.IPNClaimAcquired, claim(t, s, "k2", "b", time.Minute))
	require.NoError(t, s.Release(ctx, "k2", "crashed"))
	assert.Equal(t, zen.IPNClaimInFlight, claim(t, s, "k2", "c", time.Minute))

	// Done without a row (purged or never claimed) still records it.
	require.NoError(t, s.Done(ctx, "k3"))
	assert.Equal(t, zen.IPNClaimDone, claim(t, s, "k3", "a", time.Minute))

	// Purge forgets what was done before the given time, nothing else.
	clock.Add(time.Hour)
	require.NoError(t, s.Done(ctx, "k4"))
	assert.Equal(t, zen.IPNClaimAcquired, claim(t, s, "k5", "a", time.Hour))
	n, err := s.Purge(ctx, clock.Now())
	require.NoError(t, err)
	assert.EqualValues(t, 2, n, "k and k3")
	assert.Equal(t, zen.IPNClaimAcquired, claim(t, s, "k", "d", time.Minute))
	assert.Equal(t, zen.IPNClaimDone, claim(t, s, "k4", "a", time.Minute))
	assert.Equal(t, zen.IPNClaimInFlight, claim(t, s, "k5", "b", time.Hour), "a live claim is not purged")
}

func TestStoreConcurrentClaimsOneWinner(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ipn.db")
	servers := []*ipnstoresql.Store{{DB: openDB(t, path)}, {DB: openDB(t, path)}}
	var acquired, inFlight atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := servers[i%2].Claim(context.Background(), "k", fmt.Sprint("t", i), time.Minute)
			assert.NoError(t, err)
			switch res {
			case zen.IPNClaimAcquired:
				acquired.Add(1)
			case zen.IPNClaimInFlight:
				inFlight.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 1, acquired.Load())
	assert.EqualValues(t, 15, inFlight.Load())
}

// fleet is two merchant servers sharing one database file, each with its
// own connection pool and IPN handler, as behind a load balancer.
type fleet struct {
	urls  [2]string
	clock *fakeClock
}

func newFleet(t *testing.T, fn func(server int, ctx context.Context, n *zen.Notification) error) *fleet {
	path := filepath.Join(t.TempDir(), "ipn.db")
	f := &fleet{clock: &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	for i := range f.urls {
		store := &ipnstoresql.Store{DB: openDB(t, path), Now: f.clock.Now}
		h := zen.NewIPNHandler(ipnSecret, func(ctx context.Context, n *zen.Notification) error { return fn(i, ctx, n) },
			zen.WithIPNDeduplication(store), zen.WithIPNClaimLease(time.Minute))
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		f.urls[i] = srv.URL
	}
	return f
}

// deliver posts body to a server as ZEN does and returns the answer.
func (f *fleet) deliver(t testing.TB, server int, body []byte) (int, string) {
	resp, err := http.Post(f.urls[server], "application/json", strings.NewReader(string(body)))
	if !assert.NoError(t, err) {
		return 0, ""
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	assert.NoError(t, err)
	return resp.StatusCode, string(b)
}

func notification(t testing.TB, i int) []byte {
	body, err := zen.SignNotification(&zen.Notification{
		Type:                  types.TypePurchase,
		TransactionID:         fmt.Sprintf("8f6b1c4e-2a1d-4c1e-9d0a-%012d", i),
		MerchantTransactionID: fmt.Sprint("order-", i),
		Amount:                "10.50",
		Currency:              "EUR",
		Status:                types.StatusAccepted,
	}, ipnSecret)
	require.NoError(t, err)
	return body
}

func TestDuplicateInFlightOnTheOtherServerIsRetriedNotLost(t *testing.T) {
	var calls atomic.Int32
	entered, proceed := make(chan struct{}), make(chan struct{})
	f := newFleet(t, func(server int, _ context.Context, _ *zen.Notification) error {
		if calls.Add(1) == 1 {
			close(entered)
			<-proceed
		}
		return nil
	})
	body := notification(t, 1)

	first := make(chan int, 1)
	go func() { code, _ := f.deliver(t, 0, body); first <- code }()
	<-entered
	// The same notification reaches the other server while the first is
	// still in fn: answered 503, so ZEN delivers it again later.
	code, answer := f.deliver(t, 1, body)
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.JSONEq(t, `{"error":"Service Unavailable"}`, answer)
	close(proceed)
	assert.Equal(t, http.StatusOK, <-first)

	// ZEN's redelivery, to either server, is acknowledged without fn.
	for server := range 2 {
		code, answer = f.deliver(t, server, body)
		assert.Equal(t, http.StatusOK, code)
		assert.JSONEq(t, `{"status":"ok"}`, answer)
	}
	assert.EqualValues(t, 1, calls.Load())
}

func TestFleetHandlesEachNotificationOnce(t *testing.T) {
	const notifications, copies = 10, 6 // each notification delivered 6 times at once, 3 to each server
	var mu sync.Mutex
	handled := map[string]int{}
	f := newFleet(t, func(_ int, _ context.Context, n *zen.Notification) error {
		mu.Lock()
		defer mu.Unlock()
		handled[n.MerchantTransactionID]++
		return nil
	})
	var answers [600]atomic.Int32
	var wg sync.WaitGroup
	for i := range notifications {
		body := notification(t, i)
		for c := range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// As ZEN: deliver again until answered ok (bounded, so a bug
				// fails the test instead of hanging it).
				for range 2000 {
					code, _ := f.deliver(t, c%2, body)
					answers[code].Add(1)
					if code == http.StatusOK {
						return
					}
					time.Sleep(time.Millisecond)
				}
				t.Errorf("notification %d copy %d never acknowledged", i, c)
			}()
		}
	}
	wg.Wait()
	for i := range notifications {
		assert.Equal(t, 1, handled[fmt.Sprint("order-", i)], "order-%d", i)
	}
	assert.Len(t, handled, notifications)
	assert.EqualValues(t, notifications*copies, answers[http.StatusOK].Load())
	assert.Zero(t, answers[http.StatusInternalServerError].Load())
	t.Logf("answers: %d ok, %d in flight (503)", answers[http.StatusOK].Load(), answers[http.StatusServiceUnavailable].Load())
}

func TestFailedNotificationIsHandledOnRetry(t *testing.T) {
	var calls, fails atomic.Int32
	f := newFleet(t, func(server int, _ context.Context, _ *zen.Notification) error {
		calls.Add(1)
		if server == 0 {
			fails.Add(1)
			return fmt.Errorf("orders database unreachable")
		}
		return nil
	})
	body := notification(t, 1)
	code, answer := f.deliver(t, 0, body)
	assert.Equal(t, http.StatusInternalServerError, code)
	assert.NotContains(t, answer, "orders")
	// ZEN delivers it again; the load balancer picks the other server.
	code, _ = f.deliver(t, 1, body)
	assert.Equal(t, http.StatusOK, code)
	code, _ = f.deliver(t, 0, body)
	assert.Equal(t, http.StatusOK, code, "now done: acknowledged without fn")
	assert.EqualValues(t, 2, calls.Load())
	assert.EqualValues(t, 1, fails.Load())
}

func TestCrashedServersClaimIsTakenOverAfterTheLease(t *testing.T) {
	var handled atomic.Int32
	stuck, unstick := make(chan struct{}), make(chan struct{})
	f := newFleet(t, func(server int, _ context.Context, _ *zen.Notification) error {
		if server == 0 {
			close(stuck)
			<-unstick // server 0 hangs in fn, then "crashes" without doing the work
			return fmt.Errorf("crashed")
		}
		handled.Add(1)
		return nil
	})
	body := notification(t, 1)
	first := make(chan int, 1)
	go func() { code, _ := f.deliver(t, 0, body); first <- code }()
	<-stuck

	code, _ := f.deliver(t, 1, body)
	assert.Equal(t, http.StatusServiceUnavailable, code, "within the lease the claim holds")
	f.clock.Add(time.Minute)
	code, _ = f.deliver(t, 1, body)
	assert.Equal(t, http.StatusOK, code, "past the lease ZEN's retry is handled: the notification is not lost")
	assert.EqualValues(t, 1, handled.Load())

	close(unstick)
	assert.Equal(t, http.StatusInternalServerError, <-first)
	code, _ = f.deliver(t, 0, body)
	assert.Equal(t, http.StatusOK, code, "the stale holder's release did not undo done")
	assert.EqualValues(t, 1, handled.Load())
}
