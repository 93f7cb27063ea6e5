package zentest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/zen-go/zen"
)

// Default credentials of a Server; override them with the With* options.
const (
	DefaultAPIKey        = "zentest-api-key"
	DefaultIPNSecret     = "zentest-ipn-secret"
	DefaultPaywallSecret = "zentest-paywall-secret"
	DefaultTerminalUUID  = "5c3d7a4e-2b1f-4c8e-9a6d-0f1e2d3c4b5a"
)

// Server is a stateful fake of api.zen.com and of the hosted-checkout host,
// listening on loopback. Create it with NewServer and stop it with Close.
// All methods are safe for concurrent use.
type Server struct {
	// URL is the API base URL, e.g. http://127.0.0.1:41234.
	URL string
	// CheckoutURL is the hosted-checkout base URL (a second listener).
	CheckoutURL string
	// ElsewhereURL is the base URL of the other origin the redirect faults
	// send clients to (same host, another port; see ElsewhereRequests).
	ElsewhereURL string

	cfg      config
	api      *httptest.Server
	checkout *httptest.Server

	mu        sync.Mutex
	txns      table[txn]
	mtids     map[string]string // merchantTransactionId -> transaction id
	sessions  table[session]
	links     table[paymentLink]
	customers table[customer]
	cards     table[savedCard]
	subs      subsState         // subscription products, plans and subscriptions
	reports   table[ReportFile] // report files added with AddReport
	payees    table[payee]      // payout cards and recipients (recipients.go)
	widgets   table[cardWidget] // payout-card widget sessions (cardwidget.go)
	requests  []RecordedRequest
	warnings  []Warning
	faults    faultState
	elsewhere elsewhere
	// elsewhereRequests is what the elsewhere listeners received.
	elsewhereRequests []RecordedRequest
	ipn               ipnState

	ctx    context.Context // cancelled by Close; stops IPN delivery
	stop   context.CancelFunc
	wg     sync.WaitGroup
	closed sync.Once
}

type config struct {
	apiKey          string
	ipnSecret       string
	paywallSecret   string
	terminalUUID    string
	ipnURL          string
	now             func() time.Time
	faults          Faults
	autoCapture     bool
	pendingRefunds  bool
	rawAuth         bool
	tls             bool
	ipnAttempts     int
	ipnBackoff      time.Duration
	apiListener     net.Listener
	checkoutListenr net.Listener
}

// Option configures a Server.
type Option func(*config)

// WithAPIKey sets the terminal API key the server accepts (default
// DefaultAPIKey).
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithIPNSecret sets the secret used to sign notifications (default
// DefaultIPNSecret).
func WithIPNSecret(secret string) Option { return func(c *config) { c.ipnSecret = secret } }

// WithPaywallSecret sets the secret hosted-checkout signatures are checked
// with (default DefaultPaywallSecret).
func WithPaywallSecret(secret string) Option { return func(c *config) { c.paywallSecret = secret } }

// WithTerminalUUID sets the terminal UUID hosted checkouts must carry
// (default DefaultTerminalUUID).
func WithTerminalUUID(id string) Option { return func(c *config) { c.terminalUUID = id } }

// WithIPNURL sets the notification URL used when a transaction has no
// customIpnUrl, like the IPN URL set in ZEN's panel. It must be a loopback
// URL: the fake never sends notifications anywhere else.
func WithIPNURL(u string) Option { return func(c *config) { c.ipnURL = u } }

// WithClock makes the server read the time from now (for createdAt,
// modifiedAt and payment-link expiry); see ManualClock.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithFaults injects random faults into API requests; see Faults.
func WithFaults(f Faults) Option { return func(c *config) { c.faults = f } }

// WithAutoCapture is the capture-mode switch: it makes card purchases and
// payouts that would stop at AUTHORIZED (until Capture) go on to ACCEPTED
// at once, like a terminal ZEN configured for automatic capture. Without
// it the fake captures manually. Code meant for any terminal branches on
// Transaction.Can().Capture rather than assuming either mode.
func WithAutoCapture() Option { return func(c *config) { c.autoCapture = true } }

// EnvCapture is the environment variable cmd/zen-fake and the example
// programs read the fake's capture mode from: "auto" (WithAutoCapture) or
// "manual" (the default).
const EnvCapture = "ZEN_FAKE_CAPTURE"

// CaptureOption returns the option for a capture mode named "auto" or
// "manual" ("" means manual), as EnvCapture and the -capture flag of
// cmd/zen-fake take it; any other name is an error.
func CaptureOption(mode string) (Option, error) {
	switch mode {
	case "", "manual":
		return func(c *config) { c.autoCapture = false }, nil
	case "auto":
		return WithAutoCapture(), nil
	}
	return nil, fmt.Errorf("zentest: capture mode %q: want auto or manual", mode)
}

// AutoCapture reports whether the server captures at once (WithAutoCapture).
func (s *Server) AutoCapture() bool { return s.cfg.autoCapture }

// WithPendingRefunds makes refunds start PENDING (ZEN still processing them)
// until Settle moves them on; by default they are ACCEPTED at once.
func WithPendingRefunds() Option { return func(c *config) { c.pendingRefunds = true } }

// WithRawAuthorization makes the server also accept "Authorization: <key>"
// without "Bearer ", as some ZEN integrations send it.
func WithRawAuthorization() Option { return func(c *config) { c.rawAuth = true } }

// WithIPNRetry sets how many times a notification is tried (default 5) and
// the first wait between tries, doubled after each failure (default 20ms).
func WithIPNRetry(attempts int, backoff time.Duration) Option {
	return func(c *config) { c.ipnAttempts, c.ipnBackoff = max(attempts, 1), max(backoff, 0) }
}

// WithListeners serves the API and the hosted checkout on the given
// listeners instead of fresh loopback ports (cmd/zen-fake uses it to listen
// on fixed addresses). Either may be nil.
func WithListeners(api, checkout net.Listener) Option {
	return func(c *config) { c.apiListener, c.checkoutListenr = api, checkout }
}

// NewServer starts a fake ZEN server on loopback. Call Close when done.
func NewServer(opts ...Option) *Server {
	cfg := config{
		apiKey:        DefaultAPIKey,
		ipnSecret:     DefaultIPNSecret,
		paywallSecret: DefaultPaywallSecret,
		terminalUUID:  DefaultTerminalUUID,
		now:           time.Now,
		ipnAttempts:   5,
		ipnBackoff:    20 * time.Millisecond,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{cfg: cfg, mtids: map[string]string{}}
	s.ipn.client = newIPNClient()
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.faults.reset(cfg.faults)
	// The handlers read URL and CheckoutURL, so both are set before either
	// server starts: with WithListeners a request may already be waiting.
	s.api = newUnstarted(cfg.apiListener, s.apiHandler())
	s.checkout = newUnstarted(cfg.checkoutListenr, s.checkoutHandler())
	s.URL = s.apiScheme() + "://" + s.api.Listener.Addr().String()
	s.CheckoutURL = s.apiScheme() + "://" + s.checkout.Listener.Addr().String()
	s.startElsewhere()
	s.ElsewhereURL = s.elsewhere.srv.URL
	if cfg.tls {
		startTLS(s.api)
		startTLS(s.checkout)
	} else {
		s.api.Start()
		s.checkout.Start()
	}
	return s
}

func newUnstarted(l net.Listener, h http.Handler) *httptest.Server {
	ts := httptest.NewUnstartedServer(h)
	if l != nil {
		ts.Listener.Close()
		ts.Listener = l
	}
	return ts
}

// Close stops every listener and every notification still being delivered,
// cuts requests still being read, waited on (slow faults) or answered (a
// body that never comes, a report a client stopped reading), and waits for
// all of them to finish. WaitIPN then returns an error once the finished
// notifications are used up. Calling Close again does nothing.
func (s *Server) Close() {
	s.closed.Do(func() {
		// notify checks s.ctx and calls s.wg.Add with s.mu held, so once
		// the cancel is done under s.mu no delivery can start, not even
		// from Settle racing with Close, and s.wg.Wait cannot miss one.
		s.mu.Lock()
		s.stop()
		s.mu.Unlock()
		s.api.Close()
		s.checkout.Close()
		s.elsewhere.close()
		s.wg.Wait()
		s.ipn.mu.Lock()
		s.ipn.closed = true
		s.ipn.signal() // wake WaitIPN callers
		s.ipn.mu.Unlock()
	})
}

// APIKey returns the API key the server accepts.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// IPNSecret returns the secret notifications are signed with.
func (s *Server) IPNSecret() string { return s.cfg.ipnSecret }

// PaywallSecret returns the secret hosted checkouts are verified with.
func (s *Server) PaywallSecret() string { return s.cfg.paywallSecret }

// TerminalUUID returns the terminal UUID hosted checkouts must carry.
func (s *Server) TerminalUUID() string { return s.cfg.terminalUUID }

// Now returns the server's current time (see WithClock).
func (s *Server) Now() time.Time { return s.cfg.now() }

// now is the timestamp ZEN would write: UTC, millisecond precision.
func (s *Server) now() time.Time { return s.cfg.now().UTC().Truncate(time.Millisecond) }

// Client returns a zen.Client pointed at this server: its base and checkout
// URLs, API key, terminal UUID and paywall secret, an HTTPClient (which
// trusts the WithTLS certificate), and retry waits of a few milliseconds.
// opts are applied after those. It panics if an option is invalid, as
// tests want.
func (s *Server) Client(opts ...zen.Option) *zen.Client {
	base := []zen.Option{
		zen.WithBaseURL(s.URL),
		zen.WithCheckoutURL(s.CheckoutURL),
		zen.WithCheckout(s.cfg.terminalUUID, s.cfg.paywallSecret),
		zen.WithHTTPClient(s.HTTPClient()),
		zen.WithBackoff(time.Millisecond, 5*time.Millisecond, 20*time.Millisecond),
	}
	c, err := zen.NewClient(s.cfg.apiKey, append(base, opts...)...)
	if err != nil {
		panic(fmt.Sprintf("zentest: Server.Client: %v", err))
	}
	return c
}
