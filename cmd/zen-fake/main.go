// Command zen-fake runs the fake ZEN server of package zentest as a
// program, for developing a ZEN integration offline: a stateful fake of
// api.zen.com and of the hosted checkout, on loopback.
//
//	go run ./cmd/zen-fake -addr 127.0.0.1:8089 [-capture auto|manual]
//
// It prints the API and checkout URLs and the credentials to use, and
// stops on SIGINT or SIGTERM. Notifications (IPN) go only to loopback URLs:
// the -ipn-url default or each transaction's customIpnUrl.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/zen-go/zen/zentest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "zen-fake:", err)
		os.Exit(2)
	}
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("zen-fake", flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8089", "address of the fake API (api.zen.com)")
	checkoutAddr := fs.String("checkout-addr", "127.0.0.1:8090", "address of the fake hosted checkout (secure.zen.com)")
	apiKey := fs.String("api-key", zentest.DefaultAPIKey, "terminal API key the fake accepts")
	ipnSecret := fs.String("ipn-secret", zentest.DefaultIPNSecret, "IPN secret notifications are signed with")
	paywallSecret := fs.String("paywall-secret", zentest.DefaultPaywallSecret, "paywall secret checkouts are verified with")
	terminalUUID := fs.String("terminal-uuid", zentest.DefaultTerminalUUID, "terminal UUID checkouts must carry")
	ipnURL := fs.String("ipn-url", "", "default IPN URL (loopback only), like the one set in ZEN's panel")
	capture := fs.String("capture", os.Getenv(zentest.EnvCapture),
		"terminal capture mode: manual (card payments AUTHORIZED until captured) or auto (ACCEPTED at once); default $"+zentest.EnvCapture+", else manual")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h: the usage is printed, nothing failed
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	captureOpt, err := zentest.CaptureOption(*capture)
	if err != nil {
		return fmt.Errorf("-capture: %w", err)
	}
	if *ipnURL != "" && !loopbackURL(*ipnURL) {
		// The fake would refuse every delivery, and a program shows no
		// IPNDeliveries: say so now.
		return fmt.Errorf("-ipn-url %q: the fake sends notifications only to http(s) URLs on localhost or a loopback IP", *ipnURL)
	}
	api, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	checkout, err := net.Listen("tcp", *checkoutAddr)
	if err != nil {
		api.Close()
		return err
	}
	opts := []zentest.Option{
		zentest.WithListeners(api, checkout),
		zentest.WithAPIKey(*apiKey),
		zentest.WithIPNSecret(*ipnSecret),
		zentest.WithPaywallSecret(*paywallSecret),
		zentest.WithTerminalUUID(*terminalUUID),
		zentest.WithIPNURL(*ipnURL),
		captureOpt,
	}
	srv := zentest.NewServer(opts...)
	defer srv.Close()
	mode := "manual"
	if srv.AutoCapture() {
		mode = "auto"
	}
	fmt.Fprintf(out, "zen-fake: API on %s, hosted checkout on %s, capture mode %s\n", srv.URL, srv.CheckoutURL, mode)
	fmt.Fprintf(out, "  export %s=%s %s=%s\n", "ZEN_API_URL", srv.URL, "ZEN_API_KEY", *apiKey)
	fmt.Fprintf(out, "  export %s=%s %s=%s %s=%s %s=%s\n", "ZEN_CHECKOUT_URL", srv.CheckoutURL,
		"ZEN_TERMINAL_UUID", *terminalUUID, "ZEN_PAYWALL_SECRET", *paywallSecret, "ZEN_IPN_SECRET", *ipnSecret)
	<-ctx.Done()
	fmt.Fprintln(out, "zen-fake: stopping")
	return nil
}

// loopbackURL reports whether u is an http(s) URL whose host is localhost
// or a loopback IP, the URLs zentest delivers notifications to.
func loopbackURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return false
	}
	ip := net.ParseIP(p.Hostname())
	return strings.EqualFold(p.Hostname(), "localhost") || (ip != nil && ip.IsLoopback())
}
