package zen

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blockingLimiter signals when a call waits on it and then blocks until
// the call's context ends.
type blockingLimiter struct{ reached func() }

func (l blockingLimiter) Wait(ctx context.Context) error {
	l.reached()
	<-ctx.Done()
	return ctx.Err()
}

// retryLogHandler signals when the client logs an answer it will retry,
// just before it starts waiting.
type retryLogHandler struct{ reached func() }

func (h retryLogHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h retryLogHandler) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "status" && a.Value.Int64() == http.StatusServiceUnavailable {
			h.reached()
		}
		return true
	})
	return nil
}
func (h retryLogHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h retryLogHandler) WithGroup(string) slog.Handler      { return h }

// TestCancelWinsInEveryTransportPhase cancels a call while it is stuck in
// each phase the transport owns and checks the call returns
// context.Canceled within 50 ms.
func TestCancelWinsInEveryTransportPhase(t *testing.T) {
	phases := []struct {
		name string
		// setup returns the client to use; it calls reached once the call
		// is stuck in the phase. stop releases whatever setup holds.
		setup func(t *testing.T, reached func(), stop <-chan struct{}) *Client
	}{
		{"dial", func(t *testing.T, reached func(), stop <-chan struct{}) *Client {
			c, err := NewClient(testKey, WithBaseURL("http://127.0.0.1:9"))
			require.NoError(t, err)
			sdkTransport(c).DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
				reached()
				select { // net/http may dial with a context of its own
				case <-ctx.Done():
					return nil, ctx.Err()
				case <-stop:
					return nil, net.ErrClosed
				}
			}
			return c
		}},
		{"tls handshake", func(t *testing.T, reached func(), stop <-chan struct{}) *Client {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			go func() { // accepts and never says a word
				for {
					conn, err := ln.Accept()
					if err != nil {
						return
					}
					reached()
					go func() { <-stop; conn.Close() }()
				}
			}()
			go func() { <-stop; ln.Close() }()
			c, err := NewClient(testKey, WithBaseURL("https://"+ln.Addr().String()))
			require.NoError(t, err)
			return c
		}},
		{"waiting for headers", func(t *testing.T, reached func(), stop <-chan struct{}) *Client {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reached()
				select {
				case <-r.Context().Done():
				case <-stop:
				}
			}))
			go func() { <-stop; srv.Close() }()
			c, err := NewClient(testKey, WithBaseURL(srv.URL))
			require.NoError(t, err)
			return c
		}},
		{"backoff after 503 with Retry-After", func(t *testing.T, reached func(), stop <-chan struct{}) *Client {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "30")
				w.WriteHeader(http.StatusServiceUnavailable)
			}))
			go func() { <-stop; srv.Close() }()
			c, err := NewClient(testKey, WithBaseURL(srv.URL), WithLogger(slog.New(retryLogHandler{reached})))
			require.NoError(t, err)
			return c
		}},
		{"credentials provider", func(t *testing.T, reached func(), stop <-chan struct{}) *Client {
			slow := AuthenticatorFunc(func(ctx context.Context, _ http.Header) error {
				reached()
				<-ctx.Done()
				return ctx.Err()
			})
			c, err := NewClient("", WithBaseURL("http://127.0.0.1:9"), WithAuthenticator(slow))
			require.NoError(t, err)
			return c
		}},
		{"rate limiter wait", func(t *testing.T, reached func(), stop <-chan struct{}) *Client {
			c, err := NewClient(testKey, WithBaseURL("http://127.0.0.1:9"), WithRateLimiter(blockingLimiter{reached}))
			require.NoError(t, err)
			return c
		}},
	}
	for _, ph := range phases {
		t.Run(ph.name, func(t *testing.T) {
			stop := make(chan struct{})
			defer close(stop)
			inPhase := make(chan struct{})
			var once sync.Once
			c := ph.setup(t, func() { once.Do(func() { close(inPhase) }) }, stop)
			defer c.Close()

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() {
				_, err := c.Purchases.Get(ctx, limitedTxID)
				done <- err
			}()
			select {
			case <-inPhase:
			case err := <-done:
				t.Fatalf("the call ended before reaching the phase: %v", err)
			case <-time.After(5 * time.Second):
				t.Fatal("the call never reached the phase")
			}
			time.Sleep(10 * time.Millisecond) // let it settle into the phase
			start := time.Now()
			cancel()
			select {
			case err := <-done:
				elapsed := time.Since(start)
				assert.ErrorIs(t, err, context.Canceled)
				assert.Less(t, elapsed, 50*time.Millisecond, "cancel took %v", elapsed)
			case <-time.After(5 * time.Second):
				t.Fatal("the call did not return after cancel")
			}
		})
	}
}
