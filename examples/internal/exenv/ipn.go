package exenv

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/zen-go/zen"
)

// ErrNoReceiver is returned by IPNReceiver.Wait when notifications cannot
// reach this program (real ZEN without ZEN_IPN_URL and ZEN_IPN_SECRET).
var ErrNoReceiver = errors.New("no IPN receiver: set " + EnvIPNURL + " (a public URL forwarding to " +
	EnvIPNListen + ") and " + EnvIPNSecret + " to receive notifications from ZEN")

// IPNReceiver is an HTTP server that verifies ZEN's notifications with
// zen.NewIPNHandler and keeps them for Wait.
type IPNReceiver struct {
	// URL is the customIpnUrl to send ZEN; "" when notifications cannot
	// reach this program.
	URL string

	wait    time.Duration
	srv     *http.Server
	mu      sync.Mutex
	got     []*zen.Notification
	changed chan struct{} // closed and replaced on every arrival
}

// IPNReceiver starts (once) the program's notification receiver: on a
// loopback port against the fake, on ZEN_IPN_LISTEN behind ZEN_IPN_URL
// against real ZEN. Without ZEN_IPN_URL or ZEN_IPN_SECRET against real ZEN
// it returns a receiver with an empty URL.
func (e *Env) IPNReceiver() (*IPNReceiver, error) {
	if e.ipn != nil {
		return e.ipn, nil
	}
	r := &IPNReceiver{changed: make(chan struct{}), wait: 10 * time.Second}
	addr := "127.0.0.1:0"
	if e.Fake == nil {
		r.wait = 2 * time.Minute
		if e.ipnURL == "" || e.IPNSecret == "" {
			e.ipn = r
			return r, nil
		}
		addr = e.ipnListen
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("IPN receiver: %w", err)
	}
	r.URL = e.ipnURL
	if e.Fake != nil {
		r.URL = "http://" + l.Addr().String() + "/zen/ipn"
	}
	// The handler reads the raw body, checks the hash, answers ZEN, and
	// calls the function only for verified notifications; a repeat of one
	// already handled is acknowledged without calling it again. It serves
	// every path, so a tunnel may forward any.
	h := zen.NewIPNHandler(e.IPNSecret, r.add, zen.WithIPNDeduplication(zen.NewMemoryIPNStore(256)))
	r.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = r.srv.Serve(l) }()
	e.ipn = r
	return r, nil
}

// String returns URL, or says that notifications go to the IPN URL set in
// the ZEN panel.
func (r *IPNReceiver) String() string {
	if r.URL == "" {
		return "(none: notifications go to the IPN URL set in the ZEN panel)"
	}
	return r.URL
}

func (r *IPNReceiver) add(_ context.Context, n *zen.Notification) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, n)
	close(r.changed)
	r.changed = make(chan struct{})
	return nil
}

// Wait returns the first verified notification for merchantTransactionID
// that Wait has not returned before, waiting at most 10s against the fake
// and 2 minutes against ZEN.
func (r *IPNReceiver) Wait(ctx context.Context, merchantTransactionID string) (*zen.Notification, error) {
	if r.URL == "" {
		return nil, ErrNoReceiver
	}
	ctx, cancel := context.WithTimeout(ctx, r.wait)
	defer cancel()
	for {
		r.mu.Lock()
		for i, n := range r.got {
			if n.MerchantTransactionID == merchantTransactionID {
				r.got = append(r.got[:i:i], r.got[i+1:]...)
				r.mu.Unlock()
				return n, nil
			}
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, fmt.Errorf("no notification for %s within %s: %w", merchantTransactionID, r.wait, ctx.Err())
		}
	}
}

// Print waits for the notification of merchantTransactionID and prints it.
// Without a receiver (real ZEN without ZEN_IPN_URL) it says so and returns
// nil.
func (r *IPNReceiver) Print(ctx context.Context, merchantTransactionID string) error {
	n, err := r.Wait(ctx, merchantTransactionID)
	if errors.Is(err, ErrNoReceiver) {
		fmt.Println("   IPN: not waiting for it:", err)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Println("   IPN received and verified:", Notification(n))
	return nil
}

func (r *IPNReceiver) close() {
	if r.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = r.srv.Shutdown(ctx)
}
