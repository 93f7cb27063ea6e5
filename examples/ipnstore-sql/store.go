// Package ipnstoresql is an example zen.IPNStore on a SQL table whose
// primary key is the delivery key, so that every server of a fleet behind a
// load balancer calls its IPN handler's fn once per notification: the
// database's unique key decides which delivery wins. It uses only
// database/sql and SQL that SQLite (3.24+) and PostgreSQL (9.5+) both
// accept; its tests run it on SQLite through modernc.org/sqlite.
//
// Copy it into your own code rather than importing it: it is an example,
// kept in its own module so the SDK does not depend on a driver.
package ipnstoresql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/zen-go/zen"
)

// Schema creates the table Store uses. A row is a claim while done_at is
// NULL (held by token until lease_until, in Unix milliseconds) and a handled
// notification once done_at is set.
const Schema = `CREATE TABLE IF NOT EXISTS zen_ipn_deliveries (
	delivery_key TEXT   PRIMARY KEY,
	token        TEXT   NOT NULL,
	lease_until  BIGINT NOT NULL,
	done_at      BIGINT
)`

// Store is a zen.IPNStore on the zen_ipn_deliveries table of DB.
type Store struct {
	DB *sql.DB
	// Now is the clock leases are measured on (time.Now when nil). Every
	// server sharing the table must agree on it to well within the lease;
	// on PostgreSQL the database's own clock (now()) avoids the question.
	Now func() time.Time
}

var _ zen.IPNStore = (*Store)(nil)

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// claimSQL inserts a claim, or takes over one whose lease has ended; a row
// that is done or whose claim is live is left alone, and then no row is
// affected. The primary key makes this atomic: of concurrent claims of a
// free key exactly one affects a row.
const claimSQL = `INSERT INTO zen_ipn_deliveries (delivery_key, token, lease_until) VALUES ($1, $2, $3)
ON CONFLICT (delivery_key) DO UPDATE SET token = excluded.token, lease_until = excluded.lease_until
WHERE zen_ipn_deliveries.done_at IS NULL AND zen_ipn_deliveries.lease_until <= $4`

// Claim implements zen.IPNStore: it returns zen.IPNClaimInFlight at once for
// a live claim (the handler answers 503 and ZEN delivers again later).
func (s *Store) Claim(ctx context.Context, key, token string, lease time.Duration) (zen.IPNClaimResult, error) {
	// The row seen by the SELECT may vanish (its holder released it) before
	// it is read; claiming again settles that, and a key that keeps
	// changing is reported in flight, which only delays it.
	for range 3 {
		now := s.now()
		res, err := s.DB.ExecContext(ctx, claimSQL, key, token, now.Add(lease).UnixMilli(), now.UnixMilli())
		if err != nil {
			return 0, fmt.Errorf("ipnstoresql: claim: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("ipnstoresql: claim: %w", err)
		}
		if n == 1 {
			return zen.IPNClaimAcquired, nil
		}
		var done bool
		err = s.DB.QueryRowContext(ctx, `SELECT done_at IS NOT NULL FROM zen_ipn_deliveries WHERE delivery_key = $1`, key).Scan(&done)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return 0, fmt.Errorf("ipnstoresql: claim: %w", err)
		case done:
			return zen.IPNClaimDone, nil
		default:
			return zen.IPNClaimInFlight, nil
		}
	}
	return zen.IPNClaimInFlight, nil
}

// Done implements zen.IPNStore: it marks key done whether its row is this
// delivery's claim, another's, or gone (an upsert rather than an UPDATE).
func (s *Store) Done(ctx context.Context, key string) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO zen_ipn_deliveries (delivery_key, token, lease_until, done_at) VALUES ($1, '', 0, $2)
ON CONFLICT (delivery_key) DO UPDATE SET token = '', done_at = excluded.done_at
WHERE zen_ipn_deliveries.done_at IS NULL`, key, s.now().UnixMilli())
	if err != nil {
		return fmt.Errorf("ipnstoresql: done: %w", err)
	}
	return nil
}

// Release implements zen.IPNStore: it deletes key's row only while it is
// token's claim, so it never frees a claim taken over after the lease nor
// forgets a done notification.
func (s *Store) Release(ctx context.Context, key, token string) error {
	_, err := s.DB.ExecContext(ctx, `DELETE FROM zen_ipn_deliveries WHERE delivery_key = $1 AND token = $2 AND done_at IS NULL`, key, token)
	if err != nil {
		return fmt.Errorf("ipnstoresql: release: %w", err)
	}
	return nil
}

// Purge forgets notifications marked done before t, and returns how many.
// Run it from time to time with t well past ZEN's redelivery window: a
// purged notification that ZEN delivers again is handled again.
func (s *Store) Purge(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.DB.ExecContext(ctx, `DELETE FROM zen_ipn_deliveries WHERE done_at IS NOT NULL AND done_at < $1`, t.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("ipnstoresql: purge: %w", err)
	}
	return res.RowsAffected()
}
