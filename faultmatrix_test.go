package zen_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// The fault matrix runs every money-moving operation against the stateful
// fake with every ordered pair of faults on its first two attempts, and
// checks the three promises: no operation done twice, none that ZEN did
// reported as a definitive failure, and no answer that is not the
// operation's own.

// moneyOp is one money-moving operation: setup prepares the fake and
// returns the call, and state reads back how many times the fake carried
// the operation out (0, 1, or more for a duplicate).
type moneyOp struct {
	name  string
	path  string
	setup func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (call func(context.Context) (*types.Transaction, error), done func() int, check func(*types.Transaction) bool)
}

// countMTID counts the fake's transactions with merchantTransactionId mtid.
func countMTID(srv *zentest.Server, mtid string) int {
	n := 0
	for _, tx := range srv.Transactions() {
		if tx.MerchantTransactionID == mtid {
			n++
		}
	}
	return n
}

// statusIs reports 1 when the fake's transaction id has status st.
func statusIs(srv *zentest.Server, id string, st ...types.TransactionStatus) func() int {
	return func() int {
		tx, ok := srv.Transaction(id)
		for _, s := range st {
			if ok && tx.Status == s {
				return 1
			}
		}
		return 0
	}
}

func matrixPayout(mtid string) *zen.PayoutCreateRequest {
	return &zen.PayoutCreateRequest{
		MerchantTransactionID: mtid,
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("25.00"),
		Currency:              "EUR",
		Items:                 []types.Item{types.NewItem("prize", types.MustAmount("25.00"), 1)},
		Customer:              &types.TransactionCustomer{FirstName: "Jo", LastName: "Doe", Email: "jo@example.com", IP: "203.0.113.9"},
		BillingAddress:        &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
		PaymentSpecificData: zen.CardPayoutData{
			CardToken: "1234A56B-B9EE-4A5F-828F-D498344E25B3",
			Recipient: zen.PayoutRecipient{FirstName: "Jo", LastName: "Doe"},
		},
	}
}

func setupPayout(t *testing.T, c *zen.Client, mtid string) *types.Transaction {
	t.Helper()
	tx, err := c.Payouts.Create(context.Background(), matrixPayout(mtid+"-p"))
	require.NoError(t, err)
	require.Equal(t, types.StatusAuthorized, tx.Status)
	return tx
}

func sameTx(id string, st ...types.TransactionStatus) func(*types.Transaction) bool {
	return func(tx *types.Transaction) bool {
		for _, s := range st {
			if tx.ID == id && tx.Status == s {
				return true
			}
		}
		return false
	}
}

var moneyOps = []moneyOp{
	{"Purchases.Create", "/v1/transactions", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		req := blikPurchase(mtid)
		return func(ctx context.Context) (*types.Transaction, error) { return c.Purchases.Create(ctx, req) },
			func() int { return countMTID(srv, mtid) },
			func(tx *types.Transaction) bool {
				return tx.MerchantTransactionID == mtid && tx.Amount.Equal(req.Amount) && tx.Type == types.TypePurchase
			}
	}},
	{"Purchases.Capture", "/v1/transactions/capture", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		tx := cardAuthorization(t, c, mtid+"-a")
		return func(ctx context.Context) (*types.Transaction, error) {
				return c.Purchases.Capture(ctx, &zen.PurchaseCaptureRequest{TransactionID: tx.ID, MerchantTransactionID: mtid, Amount: tx.Amount, Currency: tx.Currency})
			},
			statusIs(srv, tx.ID, types.StatusAccepted), sameTx(tx.ID, types.StatusAccepted)
	}},
	{"Purchases.Cancel", "/v1/transactions/cancel", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		tx := cardAuthorization(t, c, mtid+"-a")
		return func(ctx context.Context) (*types.Transaction, error) {
				return c.Purchases.Cancel(ctx, &zen.PurchaseCancelRequest{TransactionID: tx.ID, MerchantTransactionID: mtid})
			},
			statusIs(srv, tx.ID, types.StatusCanceled), sameTx(tx.ID, types.StatusCanceled)
	}},
	{"Purchases.RenewAuthorization", "/v1/transactions/renewAuthorization", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		req := blikPurchase(mtid + "-d")
		req.PaymentSpecificData = zen.BlikPayment{Ticket: zentest.BlikDeclined}
		tx, err := c.Purchases.Create(context.Background(), req)
		require.NoError(t, err)
		require.Equal(t, types.StatusRejected, tx.Status)
		return func(ctx context.Context) (*types.Transaction, error) {
				return c.Purchases.RenewAuthorization(ctx, &zen.PurchaseRenewAuthorizationRequest{TransactionID: tx.ID, MerchantTransactionID: mtid,
					PaymentSpecificData: zen.BlikPayment{Ticket: "777111"}})
			},
			statusIs(srv, tx.ID, types.StatusAccepted), sameTx(tx.ID, types.StatusAccepted)
	}},
	{"Refunds.Create", "/v1/transactions/refund", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		p, err := c.Purchases.Create(context.Background(), blikPurchase(mtid+"-p"))
		require.NoError(t, err)
		req := &zen.RefundCreateRequest{TransactionID: p.ID, MerchantTransactionID: mtid, Amount: types.MustAmount("10.00"), Currency: "PLN"}
		return func(ctx context.Context) (*types.Transaction, error) { return c.Refunds.Create(ctx, req) },
			func() int { return countMTID(srv, mtid) },
			func(tx *types.Transaction) bool {
				return tx.MerchantTransactionID == mtid && tx.Type == types.TypeRefund && tx.ParentTransactionID == p.ID
			}
	}},
	{"Payouts.Create", "/v1/payouts", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		req := matrixPayout(mtid)
		return func(ctx context.Context) (*types.Transaction, error) { return c.Payouts.Create(ctx, req) },
			func() int { return countMTID(srv, mtid) },
			func(tx *types.Transaction) bool {
				return tx.MerchantTransactionID == mtid && tx.Type == types.TypeSendout
			}
	}},
	{"Payouts.Capture", "/v1/payouts/capture", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		tx := setupPayout(t, c, mtid)
		return func(ctx context.Context) (*types.Transaction, error) {
				return c.Payouts.Capture(ctx, &zen.PayoutCaptureRequest{TransactionID: tx.ID, MerchantTransactionID: mtid})
			},
			statusIs(srv, tx.ID, types.StatusAccepted), sameTx(tx.ID, types.StatusAccepted)
	}},
	{"Payouts.Cancel", "/v1/payouts/cancel", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		tx := setupPayout(t, c, mtid)
		return func(ctx context.Context) (*types.Transaction, error) {
				return c.Payouts.Cancel(ctx, &zen.PayoutCancelRequest{TransactionID: tx.ID, MerchantTransactionID: mtid})
			},
			statusIs(srv, tx.ID, types.StatusCanceled), sameTx(tx.ID, types.StatusCanceled)
	}},
	{"Payouts.Renew", "/v1/payouts/renew", func(t *testing.T, srv *zentest.Server, c *zen.Client, mtid string) (func(context.Context) (*types.Transaction, error), func() int, func(*types.Transaction) bool) {
		tx := setupPayout(t, c, mtid)
		require.NoError(t, srv.Settle(tx.ID, types.StatusRejected, ""))
		return func(ctx context.Context) (*types.Transaction, error) {
				return c.Payouts.Renew(ctx, &zen.PayoutRenewRequest{TransactionID: tx.ID, MerchantTransactionID: mtid})
			},
			statusIs(srv, tx.ID, types.StatusAuthorized), sameTx(tx.ID, types.StatusAuthorized)
	}},
}

// matrixFaults are the faults of the matrix; matrixDeadline bounds each
// call, so an answer slower than it is an answer past the caller's deadline.
var matrixFaults = []zentest.Fault{
	zentest.FaultNone,
	zentest.FaultStatus(503),
	zentest.FaultStatus(500),
	zentest.FaultStatus(429),
	zentest.FaultDrop,
	zentest.FaultLoseResponse,
	zentest.FaultTruncate,
	zentest.FaultSlowAnswer(2 * matrixDeadline),
}

const matrixDeadline = 400 * time.Millisecond

// tally counts the outcomes of a run of money-moving calls.
type tally struct {
	done, definitive, unknown     int
	duplicates, lost, wrongAnswer int
}

// judge checks one call's outcome against what the fake did.
func (tl *tally) judge(t *testing.T, label string, tx *types.Transaction, err error, did int, check func(*types.Transaction) bool) {
	t.Helper()
	if did > 1 {
		tl.duplicates++
		t.Errorf("%s: the operation was carried out %d times", label, did)
	}
	switch {
	case err == nil:
		tl.done++
		if did == 0 || !check(tx) {
			tl.wrongAnswer++
			t.Errorf("%s: success with a transaction that is not the operation's (did %d): %+v", label, did, tx)
		}
	case errors.Is(err, zen.ErrOutcomeUnknown):
		tl.unknown++
		var ou *zen.OutcomeUnknownError
		if !errors.As(err, &ou) || ou.RequestID == "" {
			t.Errorf("%s: outcome unknown without its details: %v", label, err)
		}
	default:
		tl.definitive++
		if did > 0 {
			tl.lost++
			t.Errorf("%s: ZEN did the operation but the call failed definitively: %v", label, err)
		}
	}
}

func TestFaultMatrix(t *testing.T) {
	for _, op := range moneyOps {
		t.Run(op.name, func(t *testing.T) {
			t.Parallel()
			var tl tally
			for i, f1 := range matrixFaults {
				for j, f2 := range matrixFaults {
					label := fmt.Sprintf("%s/%s,%s", op.name, f1, f2)
					srv := zentest.NewServer()
					c := srv.Client(zen.WithBackoff(0, 0, 0))
					mtid := fmt.Sprintf("fm-%d-%d", i, j)
					call, did, check := op.setup(t, srv, c, mtid)
					srv.ScriptFaults("POST", op.path, f1, f2)
					ctx, cancel := context.WithTimeout(context.Background(), matrixDeadline)
					tx, err := call(ctx)
					cancel()
					tl.judge(t, label, tx, err, did(), check)
					srv.Close()
				}
			}
			t.Logf("%s: %d cases: done %d, definitive %d, unknown %d; duplicates %d, lost %d, wrong %d",
				op.name, len(matrixFaults)*len(matrixFaults), tl.done, tl.definitive, tl.unknown, tl.duplicates, tl.lost, tl.wrongAnswer)
			assert.Zero(t, tl.duplicates+tl.lost+tl.wrongAnswer)
		})
	}
}

// TestLoadUnderMixedFaults sends 5,000 creates from 64 goroutines through
// one client while the fake injects every kind of fault at random, and
// checks the same three zeros as the matrix over the whole run.
func TestLoadUnderMixedFaults(t *testing.T) {
	const calls, workers = 5000, 64
	srv := zentest.NewServer(zentest.WithFaults(zentest.Faults{
		RateLimit: 0.03, Unavailable: 0.03, ServerError: 0.03, Drop: 0.03, LoseResponse: 0.04,
		Truncate: 0.03, Slow: 0.01, SlowDelay: 3 * time.Second, Seed: 7,
	}))
	defer srv.Close()
	c := srv.Client(zen.WithBackoff(0, time.Millisecond, 0), zen.WithMaxRetries(3))

	type result struct {
		mtid string
		tx   *types.Transaction
		err  error
	}
	results := make([]result, calls)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				mtid := fmt.Sprintf("load-%d", i)
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				var tx *types.Transaction
				var err error
				if i%2 == 0 {
					tx, err = c.Purchases.Create(ctx, blikPurchase(mtid))
				} else {
					tx, err = c.Payouts.Create(ctx, matrixPayout(mtid))
				}
				cancel()
				results[i] = result{mtid, tx, err}
			}
		}()
	}
	for i := range calls {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)

	counts := map[string]int{}
	for _, tx := range srv.Transactions() {
		counts[tx.MerchantTransactionID]++
	}
	var tl tally
	for _, r := range results {
		tl.judge(t, r.mtid, r.tx, r.err, counts[r.mtid], func(tx *types.Transaction) bool { return tx.MerchantTransactionID == r.mtid })
	}
	attempts := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" {
			attempts++
		}
	}
	t.Logf("%d creates from %d goroutines in %v: %d POST attempts; done %d, definitive %d, unknown %d; duplicates %d, lost %d, wrong %d",
		calls, workers, elapsed.Round(time.Millisecond), attempts, tl.done, tl.definitive, tl.unknown, tl.duplicates, tl.lost, tl.wrongAnswer)
	assert.Zero(t, tl.duplicates+tl.lost+tl.wrongAnswer)
	assert.Equal(t, calls, tl.done+tl.definitive+tl.unknown)
}
