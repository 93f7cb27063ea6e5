package zentest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// receiver is a merchant's IPN endpoint built with the SDK's handler; it
// fails the first `fail` notifications.
type receiver struct {
	*httptest.Server
	calls  atomic.Int32
	got    chan *zen.Notification
	failed chan struct{} // one value per failed notification (up to 16)
}

func newReceiver(t *testing.T, fail int32) *receiver {
	t.Helper()
	r := &receiver{got: make(chan *zen.Notification, 16), failed: make(chan struct{}, 16)}
	r.Server = httptest.NewServer(zen.NewIPNHandler(zentest.DefaultIPNSecret, func(_ context.Context, n *zen.Notification) error {
		if r.calls.Add(1) <= fail {
			select {
			case r.failed <- struct{}{}:
			default:
			}
			return errors.New("database down")
		}
		r.got <- n
		return nil
	}))
	t.Cleanup(r.Close) // registered before the fake's Close, so it runs after it
	return r
}

// next returns the next notification the receiver handled, failing the
// test when none comes within waitCtx's bound instead of hanging it.
func (r *receiver) next(t *testing.T) *zen.Notification {
	t.Helper()
	select {
	case n := <-r.got:
		return n
	case <-waitCtx(t).Done():
		t.Fatal("no notification reached the receiver")
		return nil
	}
}

func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestIPNDeliveredWithValidHashAfterRetry(t *testing.T) {
	recv := newReceiver(t, 1)
	srv := newServer(t, zentest.WithIPNURL(recv.URL), zentest.WithIPNRetry(5, time.Millisecond), zentest.WithAutoCapture())
	mtid := newMTID()
	p := tx(t, call(t, srv, "POST", "/v1/transactions", purchase(mtid, "10.00", zentest.CardApproved)))
	require.Equal(t, types.StatusAccepted, p.Status)

	d, err := srv.WaitIPN(waitCtx(t))
	require.NoError(t, err)
	assert.True(t, d.Delivered)
	assert.Equal(t, 2, d.Attempts, "the first try got 500 and was retried")
	assert.Equal(t, 200, d.LastStatus)
	assert.Equal(t, p.ID, d.TransactionID)
	assert.Equal(t, recv.URL, d.URL)

	n := recv.next(t)
	assert.Equal(t, zen.IPNHash(mtid, "PLN", "10.00", "ACCEPTED", srv.IPNSecret()), n.Hash)
	assert.Equal(t, types.TypePurchase, n.Type)
	assert.Equal(t, p.ID, n.TransactionID)
	assert.Equal(t, "10.00", n.Amount)
	assert.Equal(t, "buyer@example.com", n.Customer.Email)
	parsed, err := zen.ParseNotification(d.Body, srv.IPNSecret())
	require.NoError(t, err)
	assert.Equal(t, types.StatusAccepted, parsed.Status)
	assert.Equal(t, []zentest.IPNDelivery{d}, srv.IPNDeliveries())
	d.Body[0] = 'X'
	assert.Equal(t, byte('{'), srv.IPNDeliveries()[0].Body[0], "IPNDeliveries returns copies")
}

func TestIPNForRefundsRejectionsAndCustomURL(t *testing.T) {
	def, custom := newReceiver(t, 0), newReceiver(t, 0)
	srv := newServer(t, zentest.WithIPNURL(def.URL))
	ctx := waitCtx(t)

	// AUTHORIZED sends nothing; the capture's ACCEPTED goes to customIpnUrl.
	body := purchase(newMTID(), "20.00", zentest.CardApproved)
	body["customIpnUrl"] = custom.URL
	p := tx(t, call(t, srv, "POST", "/v1/transactions", body))
	assert.Equal(t, custom.URL, p.Meta.CustomIPNURL)
	tx(t, call(t, srv, "POST", "/v1/transactions/capture", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": p.MerchantTransactionID, "amount": "20.00", "currency": "PLN",
	}))
	n := custom.next(t)
	assert.Equal(t, types.StatusAccepted, n.Status)

	r := tx(t, call(t, srv, "POST", "/v1/transactions/refund", map[string]any{
		"transactionId": p.ID, "merchantTransactionId": newMTID(), "amount": "5.00", "currency": "PLN",
	}))
	n = custom.next(t)
	assert.Equal(t, types.TypeRefund, n.Type)
	assert.Equal(t, r.ID, n.TransactionID)
	assert.Equal(t, "5.00", n.Amount)
	assert.Contains(t, string(n.Raw), `"parentTransactionId":"`+p.ID+`"`)

	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "1.00", zentest.CardDeclined)))
	n = def.next(t)
	assert.Equal(t, types.StatusRejected, n.Status)
	assert.Equal(t, zentest.DeclineCard, n.RejectCode)
	assert.Equal(t, "Do not honor", n.RejectReason)
	require.NoError(t, srv.WaitIPNIdle(ctx))
	assert.Len(t, srv.IPNDeliveries(), 3)
}

func TestIPNGivesUpAndRefusesNonLoopback(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"status":"maybe"}`)) // 200 without the acknowledgement
	}))
	t.Cleanup(failing.Close)
	srv := newServer(t, zentest.WithIPNURL(failing.URL), zentest.WithIPNRetry(3, time.Millisecond), zentest.WithAutoCapture())
	ctx := waitCtx(t)

	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "1.00", zentest.CardApproved)))
	d, err := srv.WaitIPN(ctx)
	require.NoError(t, err)
	assert.False(t, d.Delivered)
	assert.Equal(t, 3, d.Attempts)
	assert.Equal(t, 200, d.LastStatus)
	assert.Contains(t, d.Err, `{"status":"ok"}`)

	body := purchase(newMTID(), "1.00", zentest.CardApproved)
	body["customIpnUrl"] = "https://merchant.example.com/ipn"
	tx(t, call(t, srv, "POST", "/v1/transactions", body))
	d, err = srv.WaitIPN(ctx)
	require.NoError(t, err)
	assert.False(t, d.Delivered)
	assert.Zero(t, d.Attempts)
	assert.Contains(t, d.Err, "loopback")
}

func TestCloseStopsIPNRetries(t *testing.T) {
	recv := newReceiver(t, 1000)
	srv := zentest.NewServer(zentest.WithIPNURL(recv.URL), zentest.WithIPNRetry(5, time.Hour), zentest.WithAutoCapture())
	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "1.00", zentest.CardApproved)))
	// Wait until the first try failed: the delivery now sleeps for an hour.
	select {
	case <-recv.failed:
	case <-waitCtx(t).Done():
		t.Fatal("no IPN try")
	}
	closeWithin(t, srv, "Close did not stop the IPN retry")
	ds := srv.IPNDeliveries()
	require.Len(t, ds, 1)
	assert.False(t, ds[0].Delivered)
	assert.Contains(t, ds[0].Err, "server closed")
	_, err := srv.WaitIPN(context.Background())
	require.NoError(t, err, "finished deliveries stay readable after Close")
}

// A redirect is a failed try, never followed: the fake posts only to the
// URL it was given.
func TestIPNDoesNotFollowRedirects(t *testing.T) {
	var hit atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hit.Add(1)
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	}))
	t.Cleanup(target.Close)
	redirecting := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
	t.Cleanup(redirecting.Close)
	srv := newServer(t, zentest.WithIPNURL(redirecting.URL), zentest.WithIPNRetry(2, time.Millisecond), zentest.WithAutoCapture())

	tx(t, call(t, srv, "POST", "/v1/transactions", purchase(newMTID(), "1.00", zentest.CardApproved)))
	d, err := srv.WaitIPN(waitCtx(t))
	require.NoError(t, err)
	assert.False(t, d.Delivered)
	assert.Equal(t, 2, d.Attempts)
	assert.Equal(t, http.StatusTemporaryRedirect, d.LastStatus)
	assert.Zero(t, hit.Load(), "the redirect was followed")
}

// Close wakes a WaitIPN that would otherwise wait forever, later WaitIPN
// calls return at once, Close may be called again, and Settle after Close
// starts no delivery.
func TestWaitIPNEndsWithClose(t *testing.T) {
	recv := newReceiver(t, 0)
	srv := zentest.NewServer(zentest.WithIPNURL(recv.URL))
	p := tx(t, call(t, srv, "POST", "/v1/transactions", map[string]any{
		"merchantTransactionId": newMTID(), "paymentChannel": "PCL_BLIK", "amount": "5.00", "currency": "PLN",
		"customer":            map[string]any{"email": "buyer@example.com", "ip": "127.0.0.1"},
		"paymentSpecificData": map[string]any{"type": "blik", "ticket": zentest.BlikPending},
	}))
	require.Equal(t, types.StatusPending, p.Status)

	waited := make(chan error, 1)
	go func() {
		_, err := srv.WaitIPN(context.Background()) // nothing is final: no IPN comes
		waited <- err
	}()
	srv.Close()
	select {
	case err := <-waited:
		assert.ErrorIs(t, err, http.ErrServerClosed)
	case <-waitCtx(t).Done():
		t.Fatal("WaitIPN still waits after Close")
	}
	_, err := srv.WaitIPN(context.Background())
	assert.ErrorIs(t, err, http.ErrServerClosed)
	srv.Close()

	require.NoError(t, srv.Settle(p.ID, types.StatusAccepted, ""))
	require.NoError(t, srv.WaitIPNIdle(context.Background()))
	assert.Empty(t, srv.IPNDeliveries(), "a notification started after Close")
}
