// Package zen is a typed Go client for the ZEN.COM merchant API: purchases,
// refunds, payouts, payment methods, payment links, customers and saved
// cards, authorization-fee calculation, subscriptions and reports.
//
// Create one Client per API key and share it: it is safe for concurrent use.
// Every method takes a context first, validates its request before any
// network call (returning a *ValidationError naming the field and rule),
// sends a request-id header that stays the same across retries of the call,
// and returns a *APIError for every non-2xx answer. Amounts are
// types.Amount, never floats.
//
// Every call that creates or moves money (creates, captures, cancels,
// renewals) ends in one of three outcomes: the transaction showing the
// operation; an error meaning ZEN certainly did not do it; or an
// *OutcomeUnknownError (errors.Is(err, ErrOutcomeUnknown)) when ZEN may
// have done it and reading the transaction back could not settle it. After
// any attempt whose outcome was unknown the SDK reads the transaction back
// within the call's context and returns it only when it matches the whole
// request, so a lost answer is neither a duplicate nor a false failure.
package zen

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/zen-go/zen/internal/transport"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

// Base URLs of ZEN's environments.
const (
	ProductionURL         = "https://api.zen.com"
	SandboxURL            = "https://api.zen-test.com"
	ProductionCheckoutURL = "https://secure.zen.com"
	SandboxCheckoutURL    = "https://secure.zen-test.com"
)

// Defaults used when no option overrides them.
const (
	DefaultMaxRetries = 2
	DefaultTimeout    = 80 * time.Second
)

// Client talks to the ZEN merchant API. Build it with NewClient or
// NewClientFromEnv; the zero value is not usable.
type Client struct {
	// Purchases creates and manages card and APM purchases.
	Purchases *PurchaseService
	// Refunds refunds accepted purchases.
	Refunds *RefundService
	// Payouts sends money to customers.
	Payouts *PayoutService
	// PaymentMethods lists the methods and channels a terminal offers.
	PaymentMethods *PaymentMethodService
	// PaymentLinks creates and manages pay-by-link orders.
	PaymentLinks *PaymentLinkService
	// Customers manages customers, saved cards, payout cards and recipients.
	Customers *CustomerService
	// Authorization calculates authorization fees and currency conversion.
	Authorization *AuthorizationService
	// Subscriptions manages subscription products, plans and subscriptions.
	Subscriptions *SubscriptionService
	// Reports downloads report files.
	Reports *ReportService
	// Checkouts creates signed hosted-checkout sessions.
	Checkouts *CheckoutService

	baseURL     string // parsed and checked once, in NewClient
	checkoutURL string
	// anonTransport is transport without credentials, for the hosted
	// checkout, which signs its body instead.
	anonTransport *transport.Config
	auth          Authenticator
	transport     *transport.Config
	newRequestID  func() string
	timeout       time.Duration
	terminalID    string
	checkout      *checkoutConfig
	maxResponse   int64
	// ownTransport is the Transport of the default HTTP client, which
	// Close releases; nil when the caller gave its own client.
	ownTransport *http.Transport
}

type service struct{ client *Client }

// CustomerService is the customers resource group (client.Customers); its
// fields reach the resources that belong to a customer.
type CustomerService struct {
	client *Client
	// Cards are the cards customers saved for purchases.
	Cards *CardService
	// PayoutCards are the cards a customer is paid out to.
	PayoutCards *PayoutCardService
	// PayoutProfiles are payout cards kept as payout profiles, addressed by
	// the merchant's customer id in the external-customer-id header.
	PayoutProfiles *PayoutProfileService
	// WalletRecipients are crypto-wallet ("dragon") payout recipients.
	WalletRecipients *WalletRecipientService
	// PaynowRecipients are PayNow payout recipients.
	PaynowRecipients *PaynowRecipientService
	// PayoutRecipients lists saved payout recipients.
	PayoutRecipients *PayoutRecipientService
}

// SubscriptionService is the subscriptions resource group
// (client.Subscriptions); Products and Plans reach what subscriptions are
// made of.
type SubscriptionService struct {
	client *Client
	// Products are the goods and services subscribed to.
	Products *ProductService
	// Plans are the prices and billing periods of products.
	Plans *PlanService
}

// Service types hang off Client; they are exported so callers can name them
// in their own interfaces for mocking.
type (
	// PurchaseService is the purchase resource group (client.Purchases).
	PurchaseService service
	// RefundService is the refund resource group (client.Refunds).
	RefundService service
	// PayoutService is the payout resource group (client.Payouts).
	PayoutService service
	// PaymentMethodService is the payment-methods resource group.
	PaymentMethodService service
	// PaymentLinkService is the payment-links resource group.
	PaymentLinkService service
	// AuthorizationService is the authorization-fee resource group.
	AuthorizationService service
	// CardService is the cards customers saved for purchases
	// (client.Customers.Cards).
	CardService service
	// PayoutCardService is the payout cards of a customer
	// (client.Customers.PayoutCards).
	PayoutCardService service
	// PayoutProfileService is the payout cards kept as payout profiles,
	// addressed by the external-customer-id header
	// (client.Customers.PayoutProfiles).
	PayoutProfileService service
	// WalletRecipientService is the crypto-wallet payout recipients of a
	// customer (client.Customers.WalletRecipients).
	WalletRecipientService service
	// PaynowRecipientService is the PayNow payout recipients of a customer
	// (client.Customers.PaynowRecipients).
	PaynowRecipientService service
	// PayoutRecipientService lists the saved payout recipients of a
	// customer (client.Customers.PayoutRecipients).
	PayoutRecipientService service
	// ProductService is the subscription products
	// (client.Subscriptions.Products).
	ProductService service
	// PlanService is the subscription plans (client.Subscriptions.Plans).
	PlanService service
	// ReportService is the reports resource group.
	ReportService service
	// CheckoutService creates hosted checkouts on secure.zen.com.
	CheckoutService service
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

// NewClient returns a client that authenticates with apiKey (sent as
// "Authorization: Bearer <apiKey>" unless an option says otherwise). It
// returns an error for an empty key, a non-https base URL that is not
// loopback, or an invalid option.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	cfg := &config{
		baseURL:      ProductionURL,
		checkoutURL:  ProductionCheckoutURL,
		maxRetries:   DefaultMaxRetries,
		minBackoff:   500 * time.Millisecond,
		maxBackoff:   8 * time.Second,
		maxRetryAft:  60 * time.Second,
		newRequestID: NewRequestID,
		timeout:      DefaultTimeout,
		maxResponse:  DefaultMaxResponseBytes,
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	base, err := parseBaseURL("base URL", cfg.baseURL)
	if err != nil {
		return nil, err
	}
	checkout, err := parseBaseURL("checkout URL", cfg.checkoutURL)
	if err != nil {
		return nil, err
	}
	auth := cfg.auth
	if auth == nil {
		if err := checkKey(apiKey); err != nil {
			return nil, err
		}
		auth = BearerAuth(apiKey)
	}
	hc := cfg.httpClient
	var own *http.Transport
	if hc == nil {
		hc = defaultHTTPClient()
		own = hc.Transport.(*http.Transport)
	}
	ua := "zen-go/" + Version + " go/" + runtime.Version()
	if cfg.userAgent != "" {
		ua += " " + cfg.userAgent
	}
	c := &Client{
		baseURL:      base.String(),
		checkoutURL:  checkout.String(),
		auth:         auth,
		newRequestID: cfg.newRequestID,
		timeout:      cfg.timeout,
		terminalID:   cfg.terminalID,
		checkout:     cfg.checkout,
		maxResponse:  cfg.maxResponse,
		ownTransport: own,
		transport: &transport.Config{
			HTTPClient:    hc,
			MaxRetries:    cfg.maxRetries,
			MinBackoff:    cfg.minBackoff,
			MaxBackoff:    cfg.maxBackoff,
			MaxRetryAfter: cfg.maxRetryAft,
			UserAgent:     ua,
			Logger:        cfg.logger,
			Authenticate:  auth.Authenticate,
			Limiter:       cfg.limiter,
		},
	}
	anon := *c.transport
	anon.Authenticate = nil
	c.anonTransport = &anon
	c.Purchases = &PurchaseService{client: c}
	c.Refunds = &RefundService{client: c}
	c.Payouts = &PayoutService{client: c}
	c.PaymentMethods = &PaymentMethodService{client: c}
	c.PaymentLinks = &PaymentLinkService{client: c}
	c.Customers = &CustomerService{
		client:           c,
		Cards:            &CardService{client: c},
		PayoutCards:      &PayoutCardService{client: c},
		PayoutProfiles:   &PayoutProfileService{client: c},
		WalletRecipients: &WalletRecipientService{client: c},
		PaynowRecipients: &PaynowRecipientService{client: c},
		PayoutRecipients: &PayoutRecipientService{client: c},
	}
	c.Authorization = &AuthorizationService{client: c}
	c.Subscriptions = &SubscriptionService{
		client:   c,
		Products: &ProductService{client: c},
		Plans:    &PlanService{client: c},
	}
	c.Reports = &ReportService{client: c}
	c.Checkouts = &CheckoutService{client: c}
	return c, nil
}

// Environment variables read by NewClientFromEnv.
const (
	EnvAPIKey        = "ZEN_API_KEY"
	EnvAPIURL        = "ZEN_API_URL"
	EnvSandbox       = "ZEN_SANDBOX"
	EnvCheckoutURL   = "ZEN_CHECKOUT_URL"
	EnvTerminalUUID  = "ZEN_TERMINAL_UUID"
	EnvPaywallSecret = "ZEN_PAYWALL_SECRET"
)

// NewClientFromEnv builds a client from ZEN_API_KEY (required), ZEN_API_URL
// (optional base URL) and ZEN_SANDBOX (optional boolean), plus, for hosted
// checkout, ZEN_CHECKOUT_URL and ZEN_TERMINAL_UUID with ZEN_PAYWALL_SECRET
// (both or neither). Options given here are applied after the environment
// and win over it.
func NewClientFromEnv(opts ...Option) (*Client, error) {
	var envOpts []Option
	if v := os.Getenv(EnvSandbox); v != "" {
		on, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("zen: %s=%q: want true or false", EnvSandbox, v)
		}
		if on {
			envOpts = append(envOpts, WithSandbox())
		}
	}
	if v := os.Getenv(EnvAPIURL); v != "" {
		envOpts = append(envOpts, WithBaseURL(v))
	}
	if v := os.Getenv(EnvCheckoutURL); v != "" {
		envOpts = append(envOpts, WithCheckoutURL(v))
	}
	terminal, secret := os.Getenv(EnvTerminalUUID), os.Getenv(EnvPaywallSecret)
	switch {
	case terminal != "" && secret != "":
		envOpts = append(envOpts, WithCheckout(terminal, secret))
	case terminal != "" || secret != "":
		return nil, fmt.Errorf("zen: set both %s and %s for hosted checkout, or neither", EnvTerminalUUID, EnvPaywallSecret)
	}
	return NewClient(os.Getenv(EnvAPIKey), append(envOpts, opts...)...)
}

// BaseURL returns the API base URL the client sends requests to.
func (c *Client) BaseURL() string { return c.baseURL }

// String describes the client without any credential.
func (c *Client) String() string { return "zen.Client{" + c.baseURL + "}" }

// GoString is String, so %#v never prints internals.
func (c *Client) GoString() string { return c.String() }

func parseBaseURL(what, raw string) (*url.URL, error) {
	shown := hideUserInfo(raw)
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("zen: invalid %s %q: want scheme://host[/path]", what, shown)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !transport.IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("zen: %s %q: plain http is allowed only for loopback hosts; use https", what, shown)
		}
	default:
		return nil, fmt.Errorf("zen: %s %q: scheme must be https", what, shown)
	}
	return u, nil
}

// hideUserInfo returns raw for an error message with any user info (which
// may hold a password) replaced, even when raw does not parse.
func hideUserInfo(raw string) string {
	at := strings.LastIndexByte(raw, '@')
	if at < 0 {
		return raw
	}
	if i := strings.Index(raw, "://"); i >= 0 && i < at {
		return raw[:i+3] + redacted + raw[at:]
	}
	return redacted + raw[at:]
}

// defaultHTTPClient is tuned for many concurrent calls to one host: a
// private Transport (never http.DefaultTransport, so Close can release its
// connections), up to 64 idle connections per host, and dial, TLS and
// response-header timeouts. Redirects follow the transport's policy, as
// for any client (see ErrRedirect). Overall call time is bounded by the
// context (see WithTimeout), not by http.Client.Timeout, so report
// downloads can stream for as long as needed.
func defaultHTTPClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          256,
			MaxIdleConnsPerHost:   64,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 60 * time.Second,
			ExpectContinueTimeout: time.Second,
			TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		},
	}
}

// Close releases what the client owns: the idle connections of its
// default HTTP client, and the goroutines that serve them. A client built
// WithHTTPClient owns no connections, so Close leaves the caller's client
// and Transport alone. Close does not interrupt calls in flight (call it
// once they have returned); a call made after Close still works and opens
// new connections. It always returns nil.
func (c *Client) Close() error {
	if c.ownTransport != nil {
		c.ownTransport.CloseIdleConnections()
	}
	return nil
}

// NewRequestID returns a request-id for ZEN: "zen-go-" followed by a random
// UUIDv4, 43 characters in all (ZEN requires at least 38, so a bare UUID is
// too short).
func NewRequestID() string { return "zen-go-" + uuid.NewString() }

type requestIDKey struct{}

// WithRequestID returns a context that makes every call made with it send
// id as its request-id (on every attempt, and on every page an All iterator
// fetches with it), so derive a fresh one per call. The id is checked with
// ValidateRequestID before the call: 38..1024 characters of
// [a-zA-Z0-9?&:_|-/=+.,#] and inner spaces.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// ResponseInfo receives metadata about the last response of a call; see
// WithResponseInfo.
type ResponseInfo struct {
	StatusCode int
	Header     http.Header
	RequestID  string
	Attempts   int
}

type responseInfoKey struct{}

// WithResponseInfo returns a context that makes calls made with it fill
// info with the final status, headers, request-id and number of attempts,
// for callers that need them on success too.
func WithResponseInfo(ctx context.Context, info *ResponseInfo) context.Context {
	return context.WithValue(ctx, responseInfoKey{}, info)
}
