package zen

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// These tests pin the three outcomes of a money-moving call: the
// transaction showing the operation, a definitive error, or an
// *OutcomeUnknownError — never a false failure, never someone else's
// transaction.

const (
	outcomeMTID   = "order-outcome-1"
	outcomeTxID   = "1f0b8a9e-3c4d-4e5f-8a6b-7c8d9e0f1a2b"
	outcomeTxJSON = `{"id":"` + outcomeTxID + `","merchantTransactionId":"` + outcomeMTID + `","type":"TRT_PURCHASE",` +
		`"status":"ACCEPTED","amount":"30.00","currency":"PLN","customer":{"email":"jan@example.com"},` +
		`"items":[{"name":"Mug","price":"15.00","quantity":2,"lineAmountTotal":"30.00"}]}`
)

func outcomePurchase() *PurchaseCreateRequest {
	return &PurchaseCreateRequest{
		MerchantTransactionID: outcomeMTID,
		PaymentChannel:        types.ChannelBlik,
		Amount:                types.MustAmount("30.00"),
		Currency:              "PLN",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		Items:                 []types.Item{types.NewItem("Mug", types.MustAmount("15.00"), 2)},
		PaymentSpecificData:   BlikPayment{Ticket: "777111"},
	}
}

// answer is one scripted reply (status and dropped are helpers_test.go's).
type answer = func(*http.Request) (*http.Response, error)

// truncated is a 2xx whose body stops half-way.
func truncated(body string) answer {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(http.StatusOK, "")
		resp.Body = io.NopCloser(io.MultiReader(strings.NewReader(body[:len(body)/2]), iotest.ErrReader(io.ErrUnexpectedEOF)))
		resp.ContentLength = int64(len(body))
		return resp, nil
	}
}

// script registers the POST answers in order (the last repeats) and the
// read-back GET by merchantTransactionId answering lookupStatus/lookupBody;
// it returns counters of POSTs and GETs.
func scriptMoney(t *testing.T, mock *httpmock.MockTransport, path string, answers []answer, lookupStatus int, lookupBody string) (posts, gets *atomic.Int32) {
	t.Helper()
	posts, gets = new(atomic.Int32), new(atomic.Int32)
	mock.RegisterResponder(http.MethodPost, testBase+path, func(req *http.Request) (*http.Response, error) {
		n := int(posts.Add(1)) - 1
		return answers[min(n, len(answers)-1)](req)
	})
	mock.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		if req.Method != http.MethodGet {
			t.Errorf("unexpected %s %s", req.Method, req.URL)
			return nil, errors.New("unexpected")
		}
		gets.Add(1)
		return httpmock.NewStringResponse(lookupStatus, lookupBody), nil
	})
	return posts, gets
}

func TestPurchaseCreateThreeOutcomes(t *testing.T) {
	notFound := `{"error":{"code":"404","message":"Record Not Found"}}`
	dup := `{"error":{"code":"E40099","message":"duplicate merchantTransactionId"}}`
	otherOrder := strings.Replace(outcomeTxJSON, `"30.00","currency"`, `"31.00","currency"`, 1)
	otherCustomer := strings.Replace(outcomeTxJSON, "jan@example.com", "eve@example.com", 1)
	otherItems := strings.Replace(outcomeTxJSON, `"name":"Mug"`, `"name":"Cup"`, 1)

	tests := []struct {
		name         string
		answers      []answer
		lookupStatus int
		lookupBody   string
		want         string // "done", "unknown", or the sentinel/type of a definitive error
		wantPosts    int32
		wantGets     int32
	}{
		{"lost then 500: ZEN did it", []answer{dropped, status(500, `{}`)}, 200, outcomeTxJSON, "done", 3, 1},
		{"lost then 500: not found", []answer{dropped, status(500, `{}`)}, 404, notFound, "unknown", 3, 1},
		{"lost, lost, lost", []answer{dropped}, 200, outcomeTxJSON, "done", 3, 1},
		{"lost every time, not found", []answer{dropped}, 404, notFound, "unknown", 3, 1},
		{"truncated 2xx", []answer{truncated(outcomeTxJSON)}, 200, outcomeTxJSON, "done", 1, 1},
		{"truncated 2xx, read-back fails", []answer{truncated(outcomeTxJSON)}, 503, `{}`, "unknown", 1, 3},
		{"single 500", []answer{status(500, `{}`)}, 200, outcomeTxJSON, "done", 3, 1},
		{"lost then duplicate", []answer{dropped, status(400, dup)}, 200, outcomeTxJSON, "done", 2, 1},
		{"lost then duplicate of another order (amount)", []answer{dropped, status(400, dup)}, 200, otherOrder, "definitive", 2, 1},
		{"lost then duplicate of another order (customer)", []answer{dropped, status(400, dup)}, 200, otherCustomer, "definitive", 2, 1},
		{"lost then duplicate of another order (items)", []answer{dropped, status(400, dup)}, 200, otherItems, "definitive", 2, 1},
		{"lost then 500 of another order", []answer{dropped, status(500, `{}`)}, 200, otherOrder, "unknown", 3, 1},
		{"lost then 429 for good", []answer{dropped, status(429, `{}`)}, 404, notFound, "unknown", 3, 1},
		{"400 with nothing in doubt", []answer{status(400, dup)}, 200, outcomeTxJSON, "definitive", 1, 0},
		{"lost then 401", []answer{dropped, status(401, `{}`)}, 401, `{}`, "unknown", 2, 1},
		{"lost then duplicate, read-back fails", []answer{dropped, status(400, dup)}, 503, `{}`, "unknown", 2, 3},
		{"lost then duplicate, read-back not found", []answer{dropped, status(400, dup)}, 404, notFound, "unknown", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mock := newTestClient(t)
			posts, gets := scriptMoney(t, mock, epPurchaseCreate.path, tt.answers, tt.lookupStatus, tt.lookupBody)
			tx, err := c.Purchases.Create(context.Background(), outcomePurchase())
			switch tt.want {
			case "done":
				require.NoError(t, err)
				assert.Equal(t, outcomeTxID, tx.ID)
				assert.Equal(t, outcomeMTID, tx.MerchantTransactionID)
			case "unknown":
				require.ErrorIs(t, err, ErrOutcomeUnknown)
				var ou *OutcomeUnknownError
				require.ErrorAs(t, err, &ou)
				assert.Equal(t, outcomeMTID, ou.MerchantTransactionID)
				assert.Equal(t, "POST", ou.Method)
				assert.Equal(t, epPurchaseCreate.path, ou.Path)
				assert.Len(t, ou.RequestID, 43)
				assert.Contains(t, err.Error(), "outcome unknown for merchantTransactionId "+outcomeMTID)
				assert.Nil(t, tx)
			case "definitive":
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
				assert.NotErrorIs(t, err, ErrOutcomeUnknown)
				assert.Nil(t, tx)
			}
			assert.Equal(t, tt.wantPosts, posts.Load(), "POSTs")
			assert.Equal(t, tt.wantGets, gets.Load(), "read-backs")
		})
	}
}

// TestOutcomeUnknownWrapsTheLastFailure: the unknown outcome still answers
// errors.Is for what happened last, so logs and metrics keep the cause.
func TestOutcomeUnknownWrapsTheLastFailure(t *testing.T) {
	c, mock := newTestClient(t, WithMaxRetries(1))
	scriptMoney(t, mock, epPurchaseCreate.path, []answer{dropped, status(503, `{}`)}, 404, `{}`)
	_, err := c.Purchases.Create(context.Background(), outcomePurchase())
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, ErrServer)
	var ou *OutcomeUnknownError
	require.ErrorAs(t, err, &ou)
	var apiErr *APIError
	require.ErrorAs(t, ou.ReadBackErr, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
}

// TestNothingSentIsDefinitive: a refusal before the network, or a
// connection that was never made, is a definitive failure with no read-back.
func TestNothingSentIsDefinitive(t *testing.T) {
	c, mock := newTestClient(t)
	_, gets := scriptMoney(t, mock, epPurchaseCreate.path, []answer{status(200, outcomeTxJSON)}, 200, outcomeTxJSON)
	req := outcomePurchase()
	req.Currency = "EURO"
	_, err := c.Purchases.Create(context.Background(), req)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "currency", ve.Field)
	assert.Zero(t, gets.Load())

	// A client that cannot connect at all: dial refused, nothing written.
	dead, err := NewClient(testKey, WithBaseURL("http://127.0.0.1:1"), WithBackoff(0, 0, 0))
	require.NoError(t, err)
	_, err = dead.Purchases.Create(context.Background(), outcomePurchase())
	var ce *ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

func TestFollowUpsThreeOutcomes(t *testing.T) {
	authorized := strings.Replace(outcomeTxJSON, "ACCEPTED", "AUTHORIZED", 1)
	canceled := strings.Replace(outcomeTxJSON, "ACCEPTED", "CANCELED", 1)
	refund := `{"id":"2a0b8a9e-3c4d-4e5f-8a6b-7c8d9e0f1a2b","merchantTransactionId":"order-outcome-1-r1",` +
		`"parentTransactionId":"` + outcomeTxID + `","type":"TRT_REFUND","status":"ACCEPTED","amount":"10.00","currency":"PLN"}`
	otherParent := strings.Replace(refund, `"parentTransactionId":"1`, `"parentTransactionId":"9`, 1)
	ctx := context.Background()
	capture := func(c *Client) (*types.Transaction, error) {
		return c.Purchases.Capture(ctx, &PurchaseCaptureRequest{TransactionID: outcomeTxID, MerchantTransactionID: "order-outcome-1-c",
			Amount: types.MustAmount("30.00"), Currency: "PLN"})
	}
	cancel := func(c *Client) (*types.Transaction, error) {
		return c.Purchases.Cancel(ctx, &PurchaseCancelRequest{TransactionID: outcomeTxID, MerchantTransactionID: "order-outcome-1-x"})
	}
	refundCall := func(c *Client) (*types.Transaction, error) {
		return c.Refunds.Create(ctx, &RefundCreateRequest{TransactionID: outcomeTxID, MerchantTransactionID: "order-outcome-1-r1",
			Amount: types.MustAmount("10.00"), Currency: "PLN"})
	}
	renew := func(c *Client) (*types.Transaction, error) {
		return c.Purchases.RenewAuthorization(ctx, &PurchaseRenewAuthorizationRequest{TransactionID: outcomeTxID,
			MerchantTransactionID: "order-outcome-1-n", PaymentSpecificData: BlikPayment{Ticket: "777111"}})
	}
	tests := []struct {
		name    string
		path    string
		call    func(*Client) (*types.Transaction, error)
		answers []answer
		lookup  string
		want    string
	}{
		{"capture lost then 500, captured", epPurchaseCapture.path, capture, []answer{dropped, status(500, `{}`)}, outcomeTxJSON, "done"},
		{"capture lost then 500, still authorized", epPurchaseCapture.path, capture, []answer{dropped, status(500, `{}`)}, authorized, "unknown"},
		{"capture lost then refused, still authorized", epPurchaseCapture.path, capture, []answer{dropped, status(400, `{}`)}, authorized, "definitive"},
		{"cancel truncated", epPurchaseCancel.path, cancel, []answer{truncated(canceled)}, canceled, "done"},
		{"refund lost then 500, refunded", epRefundCreate.path, refundCall, []answer{dropped, status(500, `{}`)}, refund, "done"},
		{"refund of another purchase", epRefundCreate.path, refundCall, []answer{dropped, status(400, `{}`)}, otherParent, "definitive"},
		{"renew lost then refused", epPurchaseRenew.path, renew, []answer{dropped, status(400, `{}`)}, authorized, "unknown"},
		{"renew truncated", epPurchaseRenew.path, renew, []answer{truncated(authorized)}, authorized, "unknown"},
		{"renew refused outright", epPurchaseRenew.path, renew, []answer{status(400, `{}`)}, authorized, "definitive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mock := newTestClient(t)
			scriptMoney(t, mock, tt.path, tt.answers, 200, tt.lookup)
			tx, err := tt.call(c)
			switch tt.want {
			case "done":
				require.NoError(t, err)
				assert.NotEmpty(t, tx.ID)
			case "unknown":
				var ou *OutcomeUnknownError
				require.ErrorAs(t, err, &ou)
				assert.Equal(t, outcomeTxID, ou.TransactionID)
			case "definitive":
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, 400, apiErr.StatusCode)
				assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			}
		})
	}
}

// TestSuccessBodyCap: a huge answer is refused without being buffered, by
// its Content-Length or, without one, once the cap is passed.
func TestSuccessBodyCap(t *testing.T) {
	c, mock := newTestClient(t, WithMaxResponseBytes(1<<20))
	var read atomic.Int64
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, "")
		resp.Body = io.NopCloser(&countingReader{r: &endless{}, n: &read})
		resp.ContentLength = -1
		return resp, nil
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := c.Purchases.Get(context.Background(), outcomeTxID)
	runtime.ReadMemStats(&after)
	var re *ResponseError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, ErrResponseTooLarge)
	assert.Equal(t, 200, re.StatusCode)
	assert.Less(t, read.Load(), int64(2<<20), "bytes read from a 1 GiB answer")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<20), "bytes allocated")

	read.Store(0)
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, "")
		resp.Body = io.NopCloser(&countingReader{r: &endless{}, n: &read})
		resp.ContentLength = 1 << 30
		return resp, nil
	})
	_, err = c.Purchases.Get(context.Background(), outcomeTxID)
	require.ErrorIs(t, err, ErrResponseTooLarge)
	assert.LessOrEqual(t, read.Load(), int64(64<<10), "refused by Content-Length, only drained")

	// Exactly the cap still decodes; the default cap is generous.
	exact, mock2 := newTestClient(t, WithMaxResponseBytes(int64(len(outcomeTxJSON))))
	mock2.RegisterNoResponder(httpmock.NewStringResponder(200, outcomeTxJSON))
	tx, err := exact.Purchases.Get(context.Background(), outcomeTxID)
	require.NoError(t, err)
	assert.Equal(t, outcomeTxID, tx.ID)
	_, err = NewClient(testKey, WithMaxResponseBytes(-1))
	assert.EqualError(t, err, "zen: WithMaxResponseBytes: negative size")

	// 0 removes the cap: an answer announcing more than the default cap
	// is read, not refused by its Content-Length.
	uncapped, mock3 := newTestClient(t, WithMaxResponseBytes(0))
	mock3.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, outcomeTxJSON)
		resp.ContentLength = DefaultMaxResponseBytes + 1
		return resp, nil
	})
	tx, err = uncapped.Purchases.Get(context.Background(), outcomeTxID)
	require.NoError(t, err)
	assert.Equal(t, outcomeTxID, tx.ID)
}

// endless is a JSON object that never ends: {"id":"aaaa…
type endless struct{ started bool }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	if !e.started && len(p) >= 7 {
		copy(p, `{"id":"`)
		e.started = true
	}
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// blockingBody blocks its reader until ctx ends, like a stalled answer.
type blockingBody struct {
	prefix io.Reader
	ctx    context.Context
}

func (b *blockingBody) Read(p []byte) (int, error) {
	if n, _ := b.prefix.Read(p); n > 0 {
		return n, nil
	}
	<-b.ctx.Done()
	return 0, b.ctx.Err()
}

func (b *blockingBody) Close() error { return nil }

// TestCancelWinsWhileReadingAnswers: cancelling while an error body, a
// success body or the read-back is being read returns context.Canceled at
// once — for a money-moving call wrapped in the unknown outcome.
func TestCancelWinsWhileReadingAnswers(t *testing.T) {
	stalled := func(ctx context.Context, code int, prefix string) answer {
		return func(*http.Request) (*http.Response, error) {
			resp := httpmock.NewStringResponse(code, "")
			resp.Body = &blockingBody{prefix: strings.NewReader(prefix), ctx: ctx}
			return resp, nil
		}
	}
	phases := []struct {
		name    string
		answers func(ctx context.Context) []answer
		lookup  func(ctx context.Context) answer
		unknown bool
	}{
		{"error body", func(ctx context.Context) []answer { return []answer{stalled(ctx, 400, `{"error":`)} }, nil, false},
		{"success body", func(ctx context.Context) []answer { return []answer{stalled(ctx, 200, `{"id":`)} }, nil, true},
		{"read-back", func(context.Context) []answer { return []answer{dropped, status(500, `{}`)} },
			func(ctx context.Context) answer { return stalled(ctx, 200, `{"id":`) }, true},
	}
	for _, ph := range phases {
		t.Run(ph.name, func(t *testing.T) {
			c, mock := newTestClient(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			answers := ph.answers(ctx)
			var n atomic.Int32
			mock.RegisterResponder(http.MethodPost, testBase+epPurchaseCreate.path, func(req *http.Request) (*http.Response, error) {
				i := int(n.Add(1)) - 1
				return answers[min(i, len(answers)-1)](req)
			})
			mock.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
				if ph.lookup == nil {
					return nil, errors.New("no read-back expected")
				}
				return ph.lookup(ctx)(req)
			})
			time.AfterFunc(30*time.Millisecond, cancel)
			start := time.Now()
			_, err := c.Purchases.Create(ctx, outcomePurchase())
			elapsed := time.Since(start)
			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, ph.unknown, errors.Is(err, ErrOutcomeUnknown), "outcome unknown: %v", err)
			// Far below any retry wait or timeout, with room for a loaded
			// machine under -race.
			assert.Less(t, elapsed, 30*time.Millisecond+500*time.Millisecond)
		})
	}
}

// TestSlowAnswerLeavesTimeToReadBack: an answer slower than the caller's
// deadline (ZEN did the operation) still ends in the transaction, because
// the attempts stop early enough to read it back within the deadline.
func TestSlowAnswerLeavesTimeToReadBack(t *testing.T) {
	c, mock := newTestClient(t)
	var posts atomic.Int32
	mock.RegisterResponder(http.MethodPost, testBase+epPurchaseCreate.path, func(req *http.Request) (*http.Response, error) {
		posts.Add(1)
		<-req.Context().Done() // processed, but the answer never comes in time
		return nil, req.Context().Err()
	})
	mock.RegisterNoResponder(httpmock.NewStringResponder(200, outcomeTxJSON))
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	tx, err := c.Purchases.Create(ctx, outcomePurchase())
	require.NoError(t, err)
	assert.Equal(t, outcomeTxID, tx.ID)
	assert.Equal(t, int32(1), posts.Load())

	// Without time left for a read-back, the outcome is unknown, never a
	// plain deadline error.
	mock.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	ctx, cancel = context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = c.Purchases.Create(ctx, outcomePurchase())
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

// TestClientTimeoutLeavesTimeToReadBack: without a deadline of the
// caller's, the client's timeout bounds the call the same way — the
// attempts stop early enough to read back, and the read-back ends with the
// timeout.
func TestClientTimeoutLeavesTimeToReadBack(t *testing.T) {
	c, mock := newTestClient(t, WithTimeout(400*time.Millisecond))
	mock.RegisterResponder(http.MethodPost, testBase+epPurchaseCreate.path, func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	mock.RegisterNoResponder(httpmock.NewStringResponder(200, outcomeTxJSON))
	tx, err := c.Purchases.Create(context.Background(), outcomePurchase())
	require.NoError(t, err)
	assert.Equal(t, outcomeTxID, tx.ID)

	// httpmock may still be running a responder when the call returns
	// (it stops waiting on the context), hence the lock.
	var mu sync.Mutex
	var readBackDeadline time.Time
	mock.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		if readBackDeadline.IsZero() {
			readBackDeadline, _ = req.Context().Deadline()
		}
		mu.Unlock()
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	start := time.Now()
	_, err = c.Purchases.Create(context.Background(), outcomePurchase())
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	// The read-back has what is left of the call's timeout, not a timeout
	// of its own on top.
	mu.Lock()
	defer mu.Unlock()
	require.False(t, readBackDeadline.IsZero())
	assert.Less(t, readBackDeadline.Sub(start), 500*time.Millisecond, "the call's 400ms, not 300ms of attempts and 400ms more")
}

// TestUnreadableTopLevelIsNeverSuccess: drifted members never fail an
// answer, but a 2xx whose top level is not the object asked for is a
// *ResponseError — for a create, settled by reading the transaction back.
func TestUnreadableTopLevelIsNeverSuccess(t *testing.T) {
	for _, body := range []string{`"ok"`, `[]`, `true`, `42`} {
		c, mock := newTestClient(t)
		mock.RegisterNoResponder(httpmock.NewStringResponder(200, body))
		_, err := c.Purchases.Get(context.Background(), outcomeTxID)
		var re *ResponseError
		require.ErrorAs(t, err, &re, body)
		assert.EqualError(t, re.Err, "answer is not a JSON object")

		c, mock = newTestClient(t)
		posts, gets := scriptMoney(t, mock, epPurchaseCreate.path, []answer{status(200, body)}, 200, outcomeTxJSON)
		tx, err := c.Purchases.Create(context.Background(), outcomePurchase())
		require.NoError(t, err, body)
		assert.Equal(t, outcomeTxID, tx.ID)
		assert.Equal(t, int32(1), posts.Load())
		assert.Equal(t, int32(1), gets.Load(), "read back, not taken as an empty success")
	}
}

// TestReviewFindingsOnMoneyPaths pins the answers a cold review of the
// money paths found wrong: an empty 2xx taken as an empty success, a
// read-back missing a member taken as proof of another order, a refund
// whose merchantTransactionId finds the purchase, and a partial capture
// "shown" by a transaction captured for another amount.
func TestReviewFindingsOnMoneyPaths(t *testing.T) {
	notFound := `{"error":{"code":"404","message":"Record Not Found"}}`
	dup := `{"error":{"code":"E40099","message":"duplicate merchantTransactionId"}}`
	for _, body := range []string{``, `null`, `{}`, ` `} {
		t.Run("empty 2xx "+body, func(t *testing.T) {
			c, mock := newTestClient(t)
			posts, gets := scriptMoney(t, mock, epPurchaseCreate.path, []answer{status(200, body)}, 200, outcomeTxJSON)
			tx, err := c.Purchases.Create(context.Background(), outcomePurchase())
			require.NoError(t, err)
			assert.Equal(t, outcomeTxID, tx.ID, "read back, not an empty success")
			assert.Equal(t, int32(1), posts.Load())
			assert.Equal(t, int32(1), gets.Load())

			c, mock = newTestClient(t)
			scriptMoney(t, mock, epPurchaseCreate.path, []answer{status(200, body)}, 404, notFound)
			_, err = c.Purchases.Create(context.Background(), outcomePurchase())
			var re *ResponseError
			require.ErrorIs(t, err, ErrOutcomeUnknown)
			require.ErrorAs(t, err, &re)
			assert.Equal(t, 200, re.StatusCode)
		})
	}
	t.Run("204 to a create", func(t *testing.T) {
		c, mock := newTestClient(t)
		scriptMoney(t, mock, epPurchaseCreate.path, []answer{status(204, ``)}, 200, outcomeTxJSON)
		tx, err := c.Purchases.Create(context.Background(), outcomePurchase())
		require.NoError(t, err)
		assert.Equal(t, outcomeTxID, tx.ID)
	})
	t.Run("another transaction in the 2xx", func(t *testing.T) {
		c, mock := newTestClient(t)
		other := strings.Replace(outcomeTxJSON, `"merchantTransactionId":"`+outcomeMTID, `"merchantTransactionId":"someone-else`, 1)
		scriptMoney(t, mock, epPurchaseCreate.path, []answer{status(200, other)}, 404, notFound)
		_, err := c.Purchases.Create(context.Background(), outcomePurchase())
		require.ErrorIs(t, err, ErrOutcomeUnknown)
	})
	t.Run("read-back without item prices shows the create", func(t *testing.T) {
		c, mock := newTestClient(t)
		sparse := strings.Replace(outcomeTxJSON, `"price":"15.00",`, ``, 1)
		scriptMoney(t, mock, epPurchaseCreate.path, []answer{dropped, status(400, dup)}, 200, sparse)
		tx, err := c.Purchases.Create(context.Background(), outcomePurchase())
		require.NoError(t, err)
		assert.Equal(t, outcomeTxID, tx.ID)
	})
	t.Run("a refund's id finds the purchase", func(t *testing.T) {
		c, mock := newTestClient(t)
		purchase := strings.Replace(outcomeTxJSON, outcomeMTID, "order-outcome-1-r1", 1) // TRT_PURCHASE under the refund's id
		scriptMoney(t, mock, epRefundCreate.path, []answer{dropped, status(400, dup)}, 200, purchase)
		_, err := c.Refunds.Create(context.Background(), &RefundCreateRequest{TransactionID: outcomeTxID,
			MerchantTransactionID: "order-outcome-1-r1", Amount: types.MustAmount("10.00"), Currency: "PLN"})
		require.ErrorIs(t, err, ErrOutcomeUnknown, "the purchase neither shows nor refutes the refund")
	})
	t.Run("partial capture shown only by its amount", func(t *testing.T) {
		c, mock := newTestClient(t)
		scriptMoney(t, mock, epPurchaseCapture.path, []answer{dropped, status(400, `{}`)}, 200, outcomeTxJSON) // ACCEPTED 30.00
		_, err := c.Purchases.Capture(context.Background(), &PurchaseCaptureRequest{TransactionID: outcomeTxID,
			MerchantTransactionID: "order-outcome-1-c", Amount: types.MustAmount("20.00"), Currency: "PLN"})
		require.ErrorIs(t, err, ErrOutcomeUnknown, "ACCEPTED for 30.00 is not this 20.00 capture")

		c, mock = newTestClient(t)
		scriptMoney(t, mock, epPurchaseCapture.path, []answer{dropped, status(400, `{}`)}, 200, outcomeTxJSON)
		tx, err := c.Purchases.Capture(context.Background(), &PurchaseCaptureRequest{TransactionID: outcomeTxID,
			MerchantTransactionID: "order-outcome-1-c", Amount: types.MustAmount("30.00"), Currency: "PLN"})
		require.NoError(t, err)
		assert.Equal(t, types.StatusAccepted, tx.Status)
	})
}
