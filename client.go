// Package zen is a typed Go client for the ZEN.COM merchant API: purchases,
// refunds, payouts, payment methods, payment links, customers and saved
// cards, authorization-fee calculation, subscriptions and reports.
//
// Create one Client per API key and share it: it is safe for concurrent use.
// Every method that calls ZEN takes a context first, validates its request
// before any network call (returning a *ValidationError naming the field
// and rule), sends a request-id header that stays the same across retries
// of the call, and returns a *APIError for every non-2xx answer. Amounts
// are types.Amount, never floats.
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
	"cmp"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

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
	newRequestID  func() string // nil: NewRequestID
	timeout       time.Duration
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

// NewClient returns a client that authenticates with apiKey (sent as
// "Authorization: Bearer <apiKey>" unless an option says otherwise). It
// returns an error for an empty key, a non-https base URL that is not
// loopback, or an invalid option.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	cfg := &config{
		baseURL:     ProductionURL,
		checkoutURL: ProductionCheckoutURL,
		maxRetries:  DefaultMaxRetries,
		minBackoff:  500 * time.Millisecond,
		maxBackoff:  8 * time.Second,
		maxRetryAft: 60 * time.Second,
		timeout:     DefaultTimeout,
		maxResponse: DefaultMaxResponseBytes,
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
		ka := BearerAuth(apiKey)
		if err := ka.value.Load().err; err != nil {
			return nil, err
		}
		auth = ka
	}
	hc := cfg.httpClient
	var own *http.Transport
	var headerWait time.Duration
	switch {
	case hc != nil && cfg.maxIdleConns != 0:
		return nil, errors.New("zen: WithMaxIdleConns applies to the SDK's own HTTP client, not one given WithHTTPClient (size the idle pool on its Transport)")
	case hc == nil:
		hc = defaultHTTPClient(cmp.Or(cfg.maxIdleConns, DefaultMaxIdleConns))
		own, headerWait = hc.Transport.(*http.Transport), headerTimeout
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
		checkout:     cfg.checkout,
		maxResponse:  cfg.maxResponse,
		ownTransport: own,
		transport: transport.New(transport.Config{
			HTTPClient:    hc,
			MaxRetries:    cfg.maxRetries,
			MinBackoff:    cfg.minBackoff,
			MaxBackoff:    cfg.maxBackoff,
			MaxRetryAfter: cfg.maxRetryAft,
			UserAgent:     ua,
			Logger:        cfg.logger,
			Authenticate:  auth.Authenticate,
			Limiter:       cfg.limiter,
			HeaderTimeout: headerWait,
			TerminalID:    cfg.terminalID,
		}),
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

// headerTimeout bounds the wait for response headers of an attempt of the
// SDK's own HTTP client that has no deadline (report downloads, calls
// WithTimeout(0) without a context deadline).
const headerTimeout = 60 * time.Second

// defaultHTTPClient is tuned for many concurrent calls to one host: a
// private Transport (never http.DefaultTransport, so Close can release its
// connections), perHost idle connections per host (twice that in all: the
// API and the hosted checkout are two hosts), and dial and TLS timeouts;
// the wait for response headers is bounded by the call's deadline or, for
// an attempt without one, by headerTimeout. Redirects follow the
// transport's policy, as for any client (see ErrRedirect). Overall call time is bounded by the
// context (see WithTimeout), not by http.Client.Timeout, so report
// downloads can stream for as long as needed.
func defaultHTTPClient(perHost int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          2 * perHost,
			MaxIdleConnsPerHost:   perHost,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
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
func NewRequestID() string {
	// Every call makes one: built in place from crypto/rand, as
	// uuid.NewString would make it, in one allocation instead of three.
	var u [16]byte
	_, _ = rand.Read(u[:])  // never fails: crypto/rand crashes the program first
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	b := [43]byte{'z', 'e', 'n', '-', 'g', 'o', '-'}
	hex.Encode(b[7:15], u[0:4])
	hex.Encode(b[16:20], u[4:6])
	hex.Encode(b[21:25], u[6:8])
	hex.Encode(b[26:30], u[8:10])
	hex.Encode(b[31:43], u[10:16])
	b[15], b[20], b[25], b[30] = '-', '-', '-', '-'
	return string(b[:])
}

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
