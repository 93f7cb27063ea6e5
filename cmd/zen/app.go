package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// app is one run of the command: its streams, configuration and the
// global flags.
type app struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	env            func(string) string
	tty            bool

	json, verbose, sandbox                   bool
	apiKey, apiURL, ipnSecret, paywallSecret string

	zc     *zen.Client // built on first use
	envErr error       // a variable that cannot be read
}

// envIPNSecret is the variable of the IPN secret, which the SDK's client
// does not read (zen.Env* are the ones it does).
const envIPNSecret = "ZEN_IPN_SECRET"

// globalFlags registers the flags every command takes; their defaults come
// from the environment, so a flag overrides its variable.
func (a *app) globalFlags(fs *flag.FlagSet) {
	fs.BoolVar(&a.json, "json", false, "print JSON (the default when stdout is not a terminal)")
	fs.BoolVar(&a.verbose, "verbose", false, "log each request's method, path, status, request-id, attempt and duration to stderr")
	// ZEN_SANDBOX read as zen.NewClientFromEnv reads it.
	var sandbox bool
	if v := a.env(zen.EnvSandbox); v != "" {
		var err error
		if sandbox, err = strconv.ParseBool(v); err != nil {
			a.envErr = fmt.Errorf("%s=%q: want true or false", zen.EnvSandbox, v)
		}
	}
	fs.BoolVar(&a.sandbox, "sandbox", sandbox, "use ZEN's sandbox (default $"+zen.EnvSandbox+")")
	fs.StringVar(&a.apiKey, "api-key", a.env(zen.EnvAPIKey), "terminal API key (default $"+zen.EnvAPIKey+")")
	fs.StringVar(&a.apiURL, "api-url", a.env(zen.EnvAPIURL), "API base URL (default $"+zen.EnvAPIURL+", else ZEN's)")
	fs.StringVar(&a.ipnSecret, "ipn-secret", a.env(envIPNSecret), "IPN secret (default $"+envIPNSecret+")")
	fs.StringVar(&a.paywallSecret, "paywall-secret", a.env(zen.EnvPaywallSecret), "paywall secret (default $"+zen.EnvPaywallSecret+")")
	// The flag package prints defaults in -h: never show a secret there.
	for _, name := range []string{"api-key", "ipn-secret", "paywall-secret"} {
		fs.Lookup(name).DefValue = ""
	}
}

// client builds the SDK client from the API key, URL and sandbox settings.
// It sets up no hosted checkout, which no command creates (checkout sign
// needs only the paywall secret), so the checkout variables cannot fail a
// command. zen.NewClientFromEnv would read them, and the process
// environment rather than a.env.
func (a *app) client() (*zen.Client, error) {
	if a.zc != nil {
		return a.zc, nil
	}
	if a.envErr != nil {
		return nil, &configError{a.envErr}
	}
	var opts []zen.Option
	if a.sandbox {
		opts = append(opts, zen.WithSandbox())
	}
	if a.apiURL != "" {
		opts = append(opts, zen.WithBaseURL(a.apiURL))
	}
	if a.verbose {
		opts = append(opts, zen.WithLogger(slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	opts = append(opts, zen.WithUserAgent("zen-cli/"+version()))
	c, err := zen.NewClient(a.apiKey, opts...)
	if err != nil {
		return nil, &configError{err}
	}
	a.zc = c
	return c, nil
}

// configError is a configuration the SDK refused (no API key, bad URL).
type configError struct{ err error }

func (e *configError) Error() string { return "configuration: " + e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

// inputError is a request body or flag value that cannot be decoded.
type inputError struct{ err error }

func (e *inputError) Error() string { return "input: " + e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// errFailedCheck is a check the user asked for that did not pass; the
// command has already said why.
var errFailedCheck = errors.New("check failed")

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "sdk " + zen.Version
}

// fail prints err on stderr and returns its exit code; lookup is the
// command's row's lookup command, for an unknown outcome.
func (a *app) fail(err error, lookup string) int {
	if err == nil {
		return exitOK
	}
	var (
		usage  *usageError
		ou     *zen.OutcomeUnknownError
		verr   *types.ValidationError
		input  *inputError
		cfg    *configError
		apiErr *zen.APIError
		resErr *zen.ResponseError
		conn   *zen.ConnectionError
	)
	code := exitFailed
	switch {
	case errors.Is(err, errFailedCheck):
		return exitFailed
	case errors.As(err, &usage):
		fmt.Fprintf(a.stderr, "zen: %s (run zen help)\n", usage.msg)
		return exitUsage
	case errors.As(err, &ou):
		fmt.Fprintf(a.stderr, "zen: outcome unknown: %s %s may or may not have happened at ZEN\n", ou.Method, ou.Path)
		fmt.Fprintf(a.stderr, "  merchantTransactionId: %s\n  request-id: %s\n  cause: %v\n", ou.MerchantTransactionID, ou.RequestID, ou.Err)
		if ou.ReadBackErr != nil {
			fmt.Fprintf(a.stderr, "  read-back: %v\n", ou.ReadBackErr)
		}
		how := "look the transaction up by its merchant id"
		if lookup != "" {
			how = "look it up (zen " + lookup + " --merchant-id ...)"
		}
		fmt.Fprintf(a.stderr, "  %s or repeat with the same merchant id; never with a new one\n", how)
		return exitUnknown
	case a.ctx.Err() != nil:
		// After the outcome check: an interrupted money call must still
		// say that money may have moved.
		fmt.Fprintln(a.stderr, "zen: interrupted:", strings.TrimPrefix(err.Error(), "zen: "))
		return exitInterrupted
	case errors.As(err, &verr), errors.As(err, &input), errors.As(err, &cfg):
		code = exitInvalid
	case errors.As(err, &apiErr):
		fmt.Fprintf(a.stderr, "zen: ZEN answered HTTP %d to %s %s\n  code: %s\n  message: %s\n", apiErr.StatusCode, apiErr.Method, apiErr.Path, apiErr.Code, apiErr.Message)
		if d := apiErr.Description(); d != "" && d != apiErr.Message {
			fmt.Fprintf(a.stderr, "  description: %s\n", d)
		}
		fmt.Fprintf(a.stderr, "  request-id: %s\n", apiErr.RequestID)
		return exitAPI
	case errors.As(err, &resErr):
		fmt.Fprintf(a.stderr, "zen: ZEN answered HTTP %d but the answer could not be read: %v\n  request-id: %s\n", resErr.StatusCode, resErr.Err, resErr.RequestID)
		return exitAPI
	case errors.As(err, &conn):
		fmt.Fprintf(a.stderr, "zen: no answer from ZEN for %s %s: %v\n  request-id: %s\n", conn.Method, conn.Path, conn.Err, conn.RequestID)
		return exitConnection
	}
	fmt.Fprintln(a.stderr, "zen:", strings.TrimPrefix(err.Error(), "zen: "))
	return code
}
