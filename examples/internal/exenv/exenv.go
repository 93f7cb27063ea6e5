// Package exenv is the shared setup of the example programs under examples/:
// a client for a real ZEN environment when ZEN_API_KEY is set with
// ZEN_API_URL or ZEN_SANDBOX=true, the embedded fake ZEN (package zentest)
// when none of the three is set, with the terminal capture mode named by
// ZEN_FAKE_CAPTURE (auto or manual, the default), plus the few
// helpers every program needs (unique merchantTransactionIds, one readable
// line per transaction, an IPN receiver).
package exenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// Optional environment variables, read only when ZEN_API_URL and
// ZEN_API_KEY point at a real ZEN environment.
const (
	// EnvTerminalUUID and EnvPaywallSecret enable hosted checkouts.
	EnvTerminalUUID  = zen.EnvTerminalUUID
	EnvPaywallSecret = zen.EnvPaywallSecret
	// EnvCheckoutURL overrides the hosted-checkout host (default: the
	// sandbox host for api.zen-test.com, else https://secure.zen.com).
	EnvCheckoutURL = zen.EnvCheckoutURL
	// EnvIPNSecret verifies notifications (Store settings → IPN in the panel).
	EnvIPNSecret = "ZEN_IPN_SECRET"
	// EnvIPNURL is a public URL that forwards to the IPN receiver (e.g. a
	// tunnel); without it ZEN cannot reach a program on your machine.
	EnvIPNURL = "ZEN_IPN_URL"
	// EnvIPNListen is the address the IPN receiver listens on behind
	// EnvIPNURL (default 127.0.0.1:8080).
	EnvIPNListen = "ZEN_IPN_LISTEN"
)

// Env is what an example program runs against.
type Env struct {
	// Client talks to ZEN or to the fake.
	Client *zen.Client
	// Fake is the embedded fake ZEN, nil against a real environment.
	Fake *zentest.Server
	// URL is the API base URL in use.
	URL string
	// IPNSecret verifies notifications; "" when unknown (real ZEN without
	// ZEN_IPN_SECRET).
	IPNSecret string
	// Checkout reports whether hosted checkouts are configured.
	Checkout bool

	ipnURL, ipnListen string
	ipn               *IPNReceiver
}

// Setup builds the environment from ZEN_API_URL (or ZEN_SANDBOX=true, for
// ZEN's sandbox) and ZEN_API_KEY, and prints the first line of the
// program's output saying which one is used. With none of them set it
// starts the embedded fake, configured by opts and then, when set, by the
// capture mode of zentest.EnvCapture; with the URL but no key, or the key but no URL,
// it returns an error naming the missing variable.
func Setup(opts ...zentest.Option) (*Env, error) { return setup(os.Stdout, opts...) }

func setup(out io.Writer, opts ...zentest.Option) (*Env, error) {
	url, key := os.Getenv(zen.EnvAPIURL), os.Getenv(zen.EnvAPIKey)
	sandbox := false
	if v := os.Getenv(zen.EnvSandbox); v != "" {
		var err error
		if sandbox, err = strconv.ParseBool(v); err != nil {
			return nil, fmt.Errorf("%s=%q: want true or false", zen.EnvSandbox, v)
		}
	}
	from := zen.EnvAPIURL
	if url == "" && sandbox {
		from = zen.EnvSandbox
	}
	switch {
	case url == "" && !sandbox && key == "":
		if mode := os.Getenv(zentest.EnvCapture); mode != "" {
			capture, err := zentest.CaptureOption(mode)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", zentest.EnvCapture, err)
			}
			opts = append(opts[:len(opts):len(opts)], capture)
		}
		srv := zentest.NewServer(opts...)
		mode := "manual"
		if srv.AutoCapture() {
			mode = "auto"
		}
		fmt.Fprintf(out, "Using the embedded fake ZEN at %s, capture mode %s: no credentials needed (set %s and %s to use a real ZEN environment)\n",
			srv.URL, mode, zen.EnvAPIURL, zen.EnvAPIKey)
		return &Env{Client: srv.Client(), Fake: srv, URL: srv.URL, IPNSecret: srv.IPNSecret(), Checkout: true}, nil
	case url == "" && !sandbox:
		return nil, oneOfTwo(zen.EnvAPIKey, zen.EnvAPIURL+" (or "+zen.EnvSandbox+"=true)")
	case key == "":
		return nil, oneOfTwo(from, zen.EnvAPIKey)
	}
	// NewClientFromEnv reads the checkout variables; only the sandbox API
	// URL given without ZEN_SANDBOX needs its checkout host named here.
	var copts []zen.Option
	if os.Getenv(EnvCheckoutURL) == "" && strings.TrimRight(url, "/") == zen.SandboxURL {
		copts = append(copts, zen.WithCheckoutURL(zen.SandboxCheckoutURL))
	}
	terminal, paywall := os.Getenv(EnvTerminalUUID), os.Getenv(EnvPaywallSecret)
	client, err := zen.NewClientFromEnv(copts...)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "Using ZEN at %s (from %s)\n", client.BaseURL(), from)
	listen := os.Getenv(EnvIPNListen)
	if listen == "" {
		listen = "127.0.0.1:8080"
	}
	return &Env{
		Client:    client,
		URL:       client.BaseURL(),
		IPNSecret: os.Getenv(EnvIPNSecret),
		Checkout:  terminal != "" && paywall != "",
		ipnURL:    os.Getenv(EnvIPNURL),
		ipnListen: listen,
	}, nil
}

func oneOfTwo(set, missing string) error {
	return fmt.Errorf("%s is set but %s is not: set both to use a real ZEN environment, or neither to use the embedded fake", set, missing)
}

// Close stops the fake (and its notifications in flight) and the IPN
// receiver.
func (e *Env) Close() {
	if e.Fake != nil {
		e.Fake.Close()
	}
	if e.ipn != nil {
		e.ipn.close()
	}
}

// Main runs an example program: Setup, then run with a context that ends
// after a bound (30s against the fake, 5 minutes against ZEN) or on
// Ctrl-C. It exits 1 with the error on stderr when either fails.
func Main(run func(ctx context.Context, env *Env) error, opts ...zentest.Option) {
	env, err := Setup(opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	bound := 5 * time.Minute
	if env.Fake != nil {
		bound = 30 * time.Second
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	ctx, cancel := context.WithTimeout(ctx, bound)
	err = run(ctx, env)
	cancel()
	stop()
	env.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// MerchantID returns a merchantTransactionId that is unique enough for a
// real terminal and still readable: prefix-YYYYMMDD-hhmmss-xxxx.
func MerchantID(prefix string) string {
	var b [2]byte
	_, _ = rand.Read(b[:])
	return prefix + "-" + time.Now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}

// Buyer is the customer the examples pay as (ZEN wants an email, and an IP
// for purchases).
func Buyer() *types.TransactionCustomer {
	return &types.TransactionCustomer{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", IP: "203.0.113.7"}
}

// Tx describes a transaction on one line: type, status, amount, ids, and
// the reject code with its catalogue description when declined.
func Tx(t *types.Transaction) string {
	return describe(string(t.Type), string(t.Status), t.Amount.String(), t.Currency, t.ID, t.MerchantTransactionID, t.RejectCode)
}

// Notification describes a verified notification on one line, like Tx.
func Notification(n *zen.Notification) string {
	return describe(string(n.Type), string(n.Status), n.Amount, n.Currency, n.TransactionID, n.MerchantTransactionID, n.RejectCode)
}

func describe(typ, status, amount, currency, id, mtid string, code types.RejectCode) string {
	s := fmt.Sprintf("%s %s %s %s  id=%s merchantTransactionId=%s", typ, status, amount, currency, id, mtid)
	if code != "" {
		s += " rejectCode=" + string(code)
		if d := code.Description(); d != "" {
			s += " (" + d + ")" // from the SDK's copy of ZEN's error catalogue
		}
	}
	return s
}
