package zen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"
)

// IPNStore records which notifications the handlers of NewIPNHandler have
// handled, so that every handler sharing one store (for example a table in
// the merchant's database, behind a fleet of servers) calls fn once per
// notification however often, and wherever, ZEN delivers it. Methods are
// called concurrently, from many processes, and each must be atomic with
// respect to the others on the same key. See examples/ipnstore-sql for an
// implementation on a SQL table whose primary key is the delivery key.
//
// A key identifies one notification (transaction id, type and the signed
// merchantTransactionId, currency, amount and status) as 64 lowercase hex
// digits, fit for a CHAR(64) primary key. A token is unique to one delivery
// (a UUID string). The lease is measured on the store's clock: a store
// shared by several machines should use the database's clock, or machines
// whose clocks agree to well within the lease.
//
// A store may forget a done key once ZEN can no longer redeliver it (the
// memory store keeps the most recent n); forgetting earlier only lets a late
// redelivery reach fn again.
type IPNStore interface {
	// Claim atomically decides what to do with a delivery of key: if key is
	// marked done it returns IPNClaimDone; if key holds a claim whose lease
	// has not ended it returns IPNClaimInFlight, or waits, within ctx, for
	// that claim to be settled or to expire and decides again; otherwise
	// (key unknown, released, or its claim's lease ended because its holder
	// crashed or overran) it records the claim (key, token, now + lease),
	// replacing an expired one, and returns IPNClaimAcquired. Of any number
	// of concurrent Claims of a free key, in any process, exactly one gets
	// IPNClaimAcquired. An error makes the handler answer 500 without calling
	// fn, so ZEN delivers the notification again.
	Claim(ctx context.Context, key, token string, lease time.Duration) (IPNClaimResult, error)

	// Done marks key done after fn succeeded, whatever claim key holds, if
	// any (its claim may have expired and been taken over, or been purged),
	// so that every later Claim of key returns IPNClaimDone. It is
	// idempotent. The handler answers 200 even when Done fails (fn did its
	// work, and a retry would repeat it), and logs the error.
	Done(ctx context.Context, key string) error

	// Release removes the claim on key after fn failed or panicked, so that
	// ZEN's next delivery is handled, but only if that claim is still
	// token's and key is not done: a claim taken over after its lease, and
	// a done mark, stay. It is idempotent. When Release fails the claim
	// lapses at the end of its lease; the handler logs the error.
	Release(ctx context.Context, key, token string) error
}

// IPNClaimResult is the decision of IPNStore.Claim for one delivery.
type IPNClaimResult int

const (
	// IPNClaimAcquired means the caller holds key until the lease ends: the
	// handler calls fn, then Done if fn succeeded or Release if it failed.
	IPNClaimAcquired IPNClaimResult = iota + 1
	// IPNClaimDone means the notification was handled: the handler answers
	// 200 {"status":"ok"} without calling fn.
	IPNClaimDone
	// IPNClaimInFlight means another delivery holds an unexpired claim: the
	// handler answers 503, without calling fn, so that ZEN delivers the
	// notification again later (an ok now would lose it if that delivery's
	// fn fails).
	IPNClaimInFlight
)

// String returns the constant's name, or IPNClaimResult(n) for another value.
func (r IPNClaimResult) String() string {
	switch r {
	case IPNClaimAcquired:
		return "IPNClaimAcquired"
	case IPNClaimDone:
		return "IPNClaimDone"
	case IPNClaimInFlight:
		return "IPNClaimInFlight"
	}
	return "IPNClaimResult(" + strconv.Itoa(int(r)) + ")"
}

// DefaultIPNClaimLease is how long a claim holds unless WithIPNClaimLease
// says otherwise.
const DefaultIPNClaimLease = time.Minute

// ipnSettleTimeout bounds Done and Release, which run even when ZEN has
// hung up (a settled claim must not wait for its lease to lapse).
const ipnSettleTimeout = 10 * time.Second

// defaultMemoryIPNKeys is how many done keys NewMemoryIPNStore(0) keeps.
const defaultMemoryIPNKeys = 10_000

// ipnDeliveryKey identifies one notification: the signed fields (through
// the hash, which covers merchantTransactionId, currency, amount and status)
// plus the transaction id and type, so that a purchase and its full refund
// never collide. Hashing them gives a fixed-size key a database can index,
// free of the NUL bytes that separate the parts.
func ipnDeliveryKey(n *Notification) string {
	sum := sha256.Sum256([]byte(n.TransactionID + "\x00" + string(n.Type) + "\x00" + strings.ToUpper(n.Hash)))
	return hex.EncodeToString(sum[:])
}

// MemoryIPNStore is the IPNStore of a single process: it remembers the last
// n keys marked done, and a Claim of a key in flight in the same process
// waits for that delivery to settle (or its lease to end) instead of
// answering IPNClaimInFlight. It does not deduplicate across processes.
// Create one with NewMemoryIPNStore.
type MemoryIPNStore struct {
	mu     sync.Mutex
	max    int
	done   map[string]struct{}
	order  []string // ring of the keys in done, oldest at next
	next   int
	claims map[string]*memoryIPNClaim
	now    func() time.Time // tests move the clock
}

var _ IPNStore = (*MemoryIPNStore)(nil)

type memoryIPNClaim struct {
	token   string
	expires time.Time
	settled chan struct{} // closed when the claim leaves claims
}

// NewMemoryIPNStore returns a MemoryIPNStore that remembers the last n
// handled notifications (10,000 when n <= 0).
func NewMemoryIPNStore(n int) *MemoryIPNStore {
	if n <= 0 {
		n = defaultMemoryIPNKeys
	}
	return &MemoryIPNStore{max: n, done: map[string]struct{}{}, claims: map[string]*memoryIPNClaim{}, now: time.Now}
}

// Claim implements IPNStore.Claim, waiting for a live claim of key in this
// process; it fails only with ctx's error while it waits.
func (s *MemoryIPNStore) Claim(ctx context.Context, key, token string, lease time.Duration) (IPNClaimResult, error) {
	for {
		s.mu.Lock()
		if _, ok := s.done[key]; ok {
			s.mu.Unlock()
			return IPNClaimDone, nil
		}
		now := s.now()
		c, busy := s.claims[key]
		if !busy || !now.Before(c.expires) {
			if busy {
				close(c.settled) // the expired claim's waiters decide again
			}
			s.claims[key] = &memoryIPNClaim{token: token, expires: now.Add(lease), settled: make(chan struct{})}
			s.mu.Unlock()
			return IPNClaimAcquired, nil
		}
		s.mu.Unlock()
		t := time.NewTimer(c.expires.Sub(now))
		select {
		case <-c.settled:
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return 0, ctx.Err()
		}
		t.Stop()
	}
}

// Done implements IPNStore.Done; it never fails.
func (s *MemoryIPNStore) Done(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropClaim(key)
	if _, ok := s.done[key]; ok {
		return nil
	}
	if len(s.order) < s.max {
		s.order = append(s.order, key)
	} else {
		delete(s.done, s.order[s.next])
		s.order[s.next] = key
		s.next = (s.next + 1) % s.max
	}
	s.done[key] = struct{}{}
	return nil
}

// Release implements IPNStore.Release; it never fails.
func (s *MemoryIPNStore) Release(_ context.Context, key, token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.claims[key]; ok && c.token == token {
		s.dropClaim(key)
	}
	return nil
}

// dropClaim removes key's claim and wakes its waiters; s.mu is held.
func (s *MemoryIPNStore) dropClaim(key string) {
	if c, ok := s.claims[key]; ok {
		delete(s.claims, key)
		close(c.settled)
	}
}
