package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

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

	json, verbose, sandbox                bool
	apiKey, apiURL, ipnSecret             string
	paywallSecret, terminalUUID, checkout string

	zc     *zen.Client // built on first use
	envErr error       // a variable that cannot be read
}

// globalFlags registers the flags every command takes; their defaults come
// from the environment, so a flag overrides its variable.
func (a *app) globalFlags(fs *flag.FlagSet) {
	fs.BoolVar(&a.json, "json", false, "print JSON (the default when stdout is not a terminal)")
	fs.BoolVar(&a.verbose, "verbose", false, "log each request's method, path, status, request-id, attempt and duration to stderr")
	sandbox, err := strconv.ParseBool(a.env("ZEN_SANDBOX"))
	if err != nil && a.env("ZEN_SANDBOX") != "" {
		a.envErr = errors.New("ZEN_SANDBOX: want true or false")
	}
	fs.BoolVar(&a.sandbox, "sandbox", sandbox, "use ZEN's sandbox (default $ZEN_SANDBOX)")
	fs.StringVar(&a.apiKey, "api-key", a.env("ZEN_API_KEY"), "terminal API key (default $ZEN_API_KEY)")
	fs.StringVar(&a.apiURL, "api-url", a.env("ZEN_API_URL"), "API base URL (default $ZEN_API_URL, else ZEN's)")
	fs.StringVar(&a.ipnSecret, "ipn-secret", a.env("ZEN_IPN_SECRET"), "IPN secret (default $ZEN_IPN_SECRET)")
	fs.StringVar(&a.paywallSecret, "paywall-secret", a.env("ZEN_PAYWALL_SECRET"), "paywall secret (default $ZEN_PAYWALL_SECRET)")
	fs.StringVar(&a.terminalUUID, "terminal-uuid", a.env("ZEN_TERMINAL_UUID"), "terminal UUID (default $ZEN_TERMINAL_UUID)")
	fs.StringVar(&a.checkout, "checkout-url", a.env("ZEN_CHECKOUT_URL"), "hosted checkout URL (default $ZEN_CHECKOUT_URL)")
	// The flag package prints defaults in -h: never show a secret there.
	for _, name := range []string{"api-key", "ipn-secret", "paywall-secret"} {
		fs.Lookup(name).DefValue = ""
	}
}

// client builds the SDK client from the configuration, the way
// zen.NewClientFromEnv does from the process environment.
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
	if a.checkout != "" {
		opts = append(opts, zen.WithCheckoutURL(a.checkout))
	}
	if a.terminalUUID != "" && a.paywallSecret != "" {
		opts = append(opts, zen.WithCheckout(a.terminalUUID, a.paywallSecret))
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

// failedCheck is a check the user asked for that did not pass; the
// command has already said why.
var errFailedCheck = errors.New("check failed")

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "sdk " + zen.Version
}

// fail prints err on stderr and returns its exit code.
func (a *app) fail(err error) int {
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
		fmt.Fprintln(a.stderr, "  look it up (zen purchases get --merchant-id ...) or repeat with the same merchant id; never with a new one")
		return exitUnknown
	case a.ctx.Err() != nil:
		// After the outcome check: an interrupted money call must still
		// say that money may have moved.
		fmt.Fprintln(a.stderr, "zen: interrupted:", strings.TrimPrefix(err.Error(), "zen: "))
		return exitInterrupted
	case errors.As(err, &verr), errors.As(err, &input):
		code = exitInvalid
	case errors.As(err, &cfg):
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

// wantJSON reports whether output is JSON: asked for, or not a terminal.
func (a *app) wantJSON() bool { return a.json || !a.tty }

// print writes v as indented JSON or, on a terminal, as a summary (an
// object) or a table (a list or a page of one).
func (a *app) print(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if a.wantJSON() {
		var out bytes.Buffer
		if err := json.Indent(&out, b, "", "  "); err != nil {
			return err
		}
		out.WriteByte('\n')
		_, err = a.stdout.Write(out.Bytes())
		return err
	}
	var generic any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	switch g := generic.(type) {
	case []any:
		printTable(tw, g)
	case map[string]any:
		if data, ok := g["data"].([]any); ok {
			printTable(tw, data)
			if meta, ok := g["meta"].(map[string]any); ok {
				fmt.Fprintf(tw, "\n(%s)\n", pageLine(meta))
			}
		} else {
			printSummary(tw, "", g)
		}
	default:
		fmt.Fprintln(tw, string(b))
	}
	return tw.Flush()
}

// preferred are the columns a table shows first, when its rows have them.
var preferred = []string{"id", "merchantTransactionId", "name", "email", "type", "status", "amount", "currency", "paymentChannel", "createdAt"}

func printTable(w io.Writer, rows []any) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "(none)")
		return
	}
	present := map[string]bool{}
	var scalars []string
	for _, r := range rows {
		m, ok := r.(map[string]any)
		if !ok {
			fmt.Fprintln(w, scalar(r))
			continue
		}
		for k, v := range m {
			if !present[k] && isScalar(v) {
				present[k] = true
				scalars = append(scalars, k)
			}
		}
	}
	var cols []string
	for _, c := range preferred {
		if present[c] {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		sort.Strings(scalars)
		cols = scalars[:min(6, len(scalars))]
	}
	if len(cols) == 0 {
		return
	}
	fmt.Fprintln(w, strings.ToUpper(strings.Join(cols, "\t")))
	for _, r := range rows {
		m, _ := r.(map[string]any)
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = scalar(m[c])
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
}

func pageLine(meta map[string]any) string {
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+" "+scalar(meta[k]))
	}
	return strings.Join(parts, ", ")
}

// printSummary writes an object's members as "key:\tvalue" lines, nested
// objects with dotted keys and lists as their length.
func printSummary(w io.Writer, prefix string, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		return rank(keys[i]) < rank(keys[j]) || (rank(keys[i]) == rank(keys[j]) && keys[i] < keys[j])
	})
	for _, k := range keys {
		switch v := m[k].(type) {
		case map[string]any:
			printSummary(w, prefix+k+".", v)
		case []any:
			fmt.Fprintf(w, "%s%s:\t[%d]\n", prefix, k, len(v))
		default:
			fmt.Fprintf(w, "%s%s:\t%s\n", prefix, k, scalar(v))
		}
	}
}

func rank(k string) int {
	for i, p := range preferred {
		if p == k {
			return i
		}
	}
	return len(preferred)
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

func scalar(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// readData reads a -d value: @file, - for stdin, or the JSON itself.
func (a *app) readData(d string) ([]byte, error) {
	switch {
	case d == "-":
		return io.ReadAll(a.stdin)
	case strings.HasPrefix(d, "@"):
		b, err := os.ReadFile(d[1:])
		if err != nil {
			return nil, &inputError{err}
		}
		return b, nil
	}
	return []byte(d), nil
}

// decodeBody decodes the -d body into req (left as is when d is empty),
// refusing unknown members so a typo is not silently dropped. A
// paymentSpecificData member is sent as given (zen.RawPaymentData) through
// psd.
func (a *app) decodeBody(d string, req any, psd *zen.PaymentSpecificData) error {
	if d == "" {
		return nil
	}
	b, err := a.readData(d)
	if err != nil {
		return err
	}
	if psd != nil {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(b, &members); err != nil {
			return &inputError{err}
		}
		if raw, ok := members["paymentSpecificData"]; ok {
			*psd = zen.RawPaymentData(raw)
			delete(members, "paymentSpecificData")
			if b, err = json.Marshal(members); err != nil {
				return &inputError{err}
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(req); err != nil {
		return &inputError{err}
	}
	if dec.More() {
		return &inputError{errors.New("more than one JSON value in the body")}
	}
	return nil
}

// validate runs the SDK's own checks, so nothing invalid is sent.
func validate(req any) error {
	if v, ok := req.(interface{ Validate() error }); ok {
		return v.Validate()
	}
	return nil
}

// setAmount parses a flag amount into dst when given.
func setAmount(dst *types.Amount, s string) error {
	if s == "" {
		return nil
	}
	amt, err := types.ParseAmount(s)
	if err != nil {
		return &inputError{fmt.Errorf("--amount: %w", err)}
	}
	*dst = amt
	return nil
}

// setString sets dst to s when s is given.
func setString(dst *string, s string) {
	if s != "" {
		*dst = s
	}
}
