// Package fakecmd is the command that runs the fake ZEN server of package
// zentest as a program; cmd/zen-fake and "zen fake" both run it, so the two
// never drift apart.
package fakecmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/zentest"
)

// Run serves the fake until ctx ends, printing its URLs and the variables
// to export to out; name is the command name flags are reported under.
func Run(ctx context.Context, name string, args []string, out io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:8089", "address of the fake API (api.zen.com)")
	checkoutAddr := fs.String("checkout-addr", "127.0.0.1:8090", "address of the fake hosted checkout (secure.zen.com)")
	apiKey := fs.String("api-key", zentest.DefaultAPIKey, "terminal API key the fake accepts")
	ipnSecret := fs.String("ipn-secret", zentest.DefaultIPNSecret, "IPN secret notifications are signed with")
	paywallSecret := fs.String("paywall-secret", zentest.DefaultPaywallSecret, "paywall secret checkouts are verified with")
	terminalUUID := fs.String("terminal-uuid", zentest.DefaultTerminalUUID, "terminal UUID checkouts must carry")
	ipnURL := fs.String("ipn-url", "", "default IPN URL (loopback only), like the one set in ZEN's panel")
	capture := fs.String("capture", getenv(zentest.EnvCapture),
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
	fmt.Fprintf(out, "%s: API on %s, hosted checkout on %s, capture mode %s\n", name, srv.URL, srv.CheckoutURL, mode)
	fmt.Fprintf(out, "  export %s=%s %s=%s\n", zen.EnvAPIURL, srv.URL, zen.EnvAPIKey, *apiKey)
	fmt.Fprintf(out, "  export %s=%s %s=%s %s=%s %s=%s\n", zen.EnvCheckoutURL, srv.CheckoutURL,
		zen.EnvTerminalUUID, *terminalUUID, zen.EnvPaywallSecret, *paywallSecret, "ZEN_IPN_SECRET", *ipnSecret)
	<-ctx.Done()
	fmt.Fprintln(out, name+": stopping")
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
