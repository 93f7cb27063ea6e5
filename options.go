package zen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode"
)

// checkoutConfig holds hosted-checkout credentials (see WithCheckout).
type checkoutConfig struct {
	terminalUUID string
	secret       Secret
}

type config struct {
	baseURL      string
	checkoutURL  string
	httpClient   *http.Client
	maxRetries   int
	minBackoff   time.Duration
	maxBackoff   time.Duration
	maxRetryAft  time.Duration
	logger       *slog.Logger
	userAgent    string
	newRequestID func() string
	auth         Authenticator
	timeout      time.Duration
	terminalID   string
	checkout     *checkoutConfig
	maxResponse  int64
	limiter      RateLimiter
	maxIdleConns int // idle connections kept per host; 0 until WithMaxIdleConns
}

// Option configures a Client.
type Option func(*config) error

// WithBaseURL sets the API base URL (default https://api.zen.com). It must
// be https; plain http is accepted only for loopback hosts (localhost,
// 127.0.0.0/8, ::1) so local fakes work.
func WithBaseURL(u string) Option {
	return func(c *config) error { c.baseURL = u; return nil }
}

// WithCheckoutURL sets the hosted-checkout base URL (default
// https://secure.zen.com), under the same https rule as WithBaseURL.
func WithCheckoutURL(u string) Option {
	return func(c *config) error { c.checkoutURL = u; return nil }
}

// WithSandbox points the client at ZEN's sandbox (api.zen-test.com and
// secure.zen-test.com).
func WithSandbox() Option {
	return func(c *config) error {
		c.baseURL, c.checkoutURL = SandboxURL, SandboxCheckoutURL
		return nil
	}
}

// WithHTTPClient replaces the default HTTP client (which has its own tuned
// Transport and timeouts). The SDK uses a copy of h with its own redirect
// policy (see ErrRedirect) in place of h.CheckRedirect; h's Transport, Jar
// and Timeout are used as they are, and Client.Close leaves them alone. A
// nil client is an error.
func WithHTTPClient(h *http.Client) Option {
	return func(c *config) error {
		if h == nil {
			return errors.New("zen: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = h
		return nil
	}
}

// DefaultMaxIdleConns is how many idle connections per host the default
// HTTP client keeps for reuse (see WithMaxIdleConns).
const DefaultMaxIdleConns = 256

// WithMaxIdleConns sets how many idle connections per host the client's own
// HTTP client keeps for reuse (default DefaultMaxIdleConns). Size it to the
// number of calls your server makes at once: when more calls than that
// finish together, the surplus connections are closed and later calls dial
// again, each a TCP and TLS handshake with ZEN. It applies only to the
// SDK's own HTTP client, so combining it with WithHTTPClient is an error
// (size the pool on your Transport instead); n must be at least 1.
func WithMaxIdleConns(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("zen: WithMaxIdleConns(%d): must be at least 1", n)
		}
		c.maxIdleConns = n
		return nil
	}
}

// WithMaxRetries sets how many times a call may be retried after its first
// attempt (default 2; 0 disables retries).
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 || n > 10 {
			return fmt.Errorf("zen: WithMaxRetries(%d): must be 0..10", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithBackoff sets the base and cap of the exponential backoff between
// retries (defaults 500ms and 8s) and the longest Retry-After the client
// waits for (default 60s); a longer one, or one that would outlast the
// call's deadline, is not retried early but returned at once as an
// *APIError whose RetryAfter says when to try again.
func WithBackoff(base, maxBackoff, maxRetryAfter time.Duration) Option {
	return func(c *config) error {
		if base < 0 || maxBackoff < base || maxRetryAfter < 0 {
			return errors.New("zen: WithBackoff: need 0 <= base <= max and maxRetryAfter >= 0")
		}
		c.minBackoff, c.maxBackoff, c.maxRetryAft = base, maxBackoff, maxRetryAfter
		return nil
	}
}

// WithTimeout bounds each call, retries included, when its context has no
// deadline of its own (default 80s; 0 disables). Report downloads are not
// bounded by it.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return errors.New("zen: WithTimeout: negative duration")
		}
		c.timeout = d
		return nil
	}
}

// WithMaxResponseBytes caps the size of a 2xx answer the client decodes
// (default DefaultMaxResponseBytes, 32 MiB; 0 removes the cap). A longer
// answer fails the call with a *ResponseError matching ErrResponseTooLarge
// without being read further. Report downloads stream and are not capped.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n < 0 {
			return errors.New("zen: WithMaxResponseBytes: negative size")
		}
		c.maxResponse = n
		return nil
	}
}

// RateLimiter paces the client's requests. A *rate.Limiter of
// golang.org/x/time/rate satisfies it, and so does any limiter shared
// between processes (e.g. one backed by Redis) with this method.
type RateLimiter interface {
	// Wait blocks until one request may be sent, or returns an error when
	// it may not (ctx ended, or the wait would outlast ctx's deadline).
	Wait(ctx context.Context) error
}

// WithRateLimiter makes every attempt of every call, retries included,
// wait on l first, within the call's context, so several clients or
// processes can share ZEN's per-key rate limit. An error from l ends the
// call without sending it: a context error as that context error, any
// other wrapped in a *ConnectionError (errors.Is finds l's error). A nil
// l is an error.
func WithRateLimiter(l RateLimiter) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("zen: WithRateLimiter: nil limiter")
		}
		c.limiter = l
		return nil
	}
}

// WithLogger logs one debug line per attempt (method, path, status,
// request-id, attempt, duration) to l. Bodies and credentials are never
// logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { c.logger = l; return nil }
}

// WithUserAgent appends s to the SDK's User-Agent ("zen-go/<v> go/<v> s").
func WithUserAgent(s string) Option {
	return func(c *config) error {
		if strings.IndexFunc(s, unicode.IsControl) >= 0 {
			return errors.New("zen: WithUserAgent: control characters")
		}
		c.userAgent = s
		return nil
	}
}

// WithRequestIDGenerator replaces the request-id generator. Each generated
// id is checked with ValidateRequestID (38..1024 characters of
// [a-zA-Z0-9?&:_|-/=+.,#] and inner spaces) before it is sent.
func WithRequestIDGenerator(gen func() string) Option {
	return func(c *config) error {
		if gen == nil {
			return errors.New("zen: WithRequestIDGenerator: nil function")
		}
		c.newRequestID = gen
		return nil
	}
}

// WithAuthenticator replaces the default "Authorization: Bearer <key>"
// scheme, e.g. with RawAuth, HeaderAuth or an AuthenticatorFunc that asks a
// secrets manager on every attempt. The key given to NewClient is then
// ignored and may be empty.
func WithAuthenticator(a Authenticator) Option {
	return func(c *config) error {
		if a == nil {
			return errors.New("zen: WithAuthenticator: nil authenticator")
		}
		c.auth = a
		return nil
	}
}

// WithTerminalID sends the legacy terminal-id header on every call. ZEN's
// current reference does not list it; use it only if ZEN asks for it.
func WithTerminalID(id string) Option {
	return func(c *config) error {
		if len(id) < 3 || len(id) > 128 || strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return errors.New("zen: WithTerminalID: must be 3..128 characters of [a-zA-Z0-9-]")
		}
		c.terminalID = id
		return nil
	}
}

// WithCheckout sets the terminal UUID and paywall (checkout) secret used to
// sign hosted checkouts (client.Checkouts).
func WithCheckout(terminalUUID, paywallSecret string) Option {
	return func(c *config) error {
		if terminalUUID == "" || paywallSecret == "" {
			return errors.New("zen: WithCheckout: terminal UUID and paywall secret are required")
		}
		c.checkout = &checkoutConfig{terminalUUID: terminalUUID, secret: NewSecret(paywallSecret)}
		return nil
	}
}
