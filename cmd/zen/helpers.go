package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/cmd/zen-fake/fakecmd"
	"github.com/zen-go/zen/types"
)

func helperCommands() []command {
	return []command{
		{name: "reports download", args: "ID -o FILE", help: "download a report file, with progress", nargs: 1, setup: reportsDownload},
		{name: "ipn send", args: "--to URL --status S --merchant-id M --amount A --currency C", help: "post a signed notification to your IPN endpoint", nargs: 0, setup: ipnSend},
		{name: "ipn verify", args: "[FILE|-]", help: "check a captured notification body against " + envIPNSecret, nargs: -1, setup: ipnVerify},
		{name: "checkout sign", args: "-d @body.json", help: "sign a hosted-checkout body with " + zen.EnvPaywallSecret, nargs: 0, setup: checkoutSign},
		{name: "fake", args: "[-addr A -checkout-addr A -capture auto|manual ...]", help: "run the embedded fake ZEN and print the variables to export", nargs: -1, raw: fake},
	}
}

// fake is cmd/zen-fake's command, with its own flags.
func fake(a *app, args []string) error {
	return fakecmd.Run(a.ctx, "zen fake", args, a.stdout, a.env)
}

// ipnResult is what ipn send prints.
type ipnResult struct {
	URL        string `json:"url"`
	StatusCode int    `json:"statusCode"`
	Body       string `json:"body"`
	OK         bool   `json:"ok"` // 2xx with {"status":"ok"}: ZEN stops retrying
}

// ipnClient posts notifications; a variable so tests bound its timeout.
var ipnClient = &http.Client{Timeout: 30 * time.Second}

func ipnSend(fs *flag.FlagSet) action {
	to := fs.String("to", "", "the merchant's IPN URL")
	d := fs.String("d", "", "notification body to sign (@file, -, or JSON); flags override its fields")
	var n zen.Notification
	status := fs.String("status", "", "transaction status (default: the body's, else ACCEPTED)")
	fs.StringVar(&n.MerchantTransactionID, "merchant-id", "", "merchantTransactionId")
	fs.StringVar(&n.Amount, "amount", "", "amount, exactly as ZEN would send it")
	fs.StringVar(&n.Currency, "currency", "", "currency")
	fs.StringVar(&n.TransactionID, "transaction-id", "", "ZEN transaction id")
	typ := fs.String("type", "", "transaction type (default: the body's, else TRT_PURCHASE)")
	return func(a *app, _ []string) error {
		if *to == "" {
			return usagef("ipn send needs --to URL")
		}
		if a.ipnSecret == "" {
			return &configError{errors.New("no IPN secret (set " + envIPNSecret + " or --ipn-secret)")}
		}
		if *d != "" {
			raw, err := a.readData(*d)
			if err != nil {
				return err
			}
			var base zen.Notification
			if err := json.Unmarshal(raw, &base); err != nil {
				return &inputError{err}
			}
			base.Raw = raw
			setString(&base.MerchantTransactionID, n.MerchantTransactionID)
			setString(&base.Amount, n.Amount)
			setString(&base.Currency, n.Currency)
			setString(&base.TransactionID, n.TransactionID)
			n = base
		}
		setStatus(&n.Status, types.TransactionStatus(*status), types.StatusAccepted)
		setStatus(&n.Type, types.TransactionType(*typ), types.TypePurchase)
		if n.MerchantTransactionID == "" || n.Amount == "" || n.Currency == "" {
			return &inputError{errors.New("a notification needs --merchant-id, --amount and --currency")}
		}
		body, err := zen.SignNotification(&n, a.ipnSecret)
		if err != nil {
			return &inputError{err}
		}
		req, err := http.NewRequestWithContext(a.ctx, http.MethodPost, *to, bytes.NewReader(body))
		if err != nil {
			return usagef("--to: %v", err)
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := ipnClient.Do(req)
		if err != nil {
			return fmt.Errorf("posting the notification: %w", err)
		}
		defer res.Body.Close()
		answer, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
		var ack struct {
			Status string `json:"status"`
		}
		r := ipnResult{URL: req.URL.Redacted(), StatusCode: res.StatusCode, Body: string(answer)}
		r.OK = res.StatusCode/100 == 2 && json.Unmarshal(answer, &ack) == nil && ack.Status == "ok"
		if err := a.print(r); err != nil {
			return err
		}
		if !r.OK {
			fmt.Fprintf(a.stderr, "zen: the endpoint answered HTTP %d without {\"status\":\"ok\"}: ZEN would retry this notification\n", res.StatusCode)
			return errFailedCheck
		}
		return nil
	}
}

// setStatus sets *dst to flag when the flag was given, else to def when
// the body left it empty: flags override the body's fields.
func setStatus[T ~string](dst *T, flag, def T) {
	switch {
	case flag != "":
		*dst = flag
	case *dst == "":
		*dst = def
	}
}

func ipnVerify(*flag.FlagSet) action {
	return func(a *app, args []string) error {
		if len(args) > 1 {
			return usagef("ipn verify takes one FILE or - (stdin, the default)")
		}
		src := "-"
		if len(args) == 1 && args[0] != "-" {
			src = "@" + args[0]
		}
		if a.ipnSecret == "" {
			return &configError{errors.New("no IPN secret (set " + envIPNSecret + " or --ipn-secret)")}
		}
		body, err := a.readData(src)
		if err != nil {
			return err
		}
		n, err := zen.ParseNotification(body, a.ipnSecret)
		if err != nil {
			fmt.Fprintln(a.stderr, "zen: notification refused:", err)
			return errFailedCheck
		}
		return a.print(n)
	}
}

func checkoutSign(fs *flag.FlagSet) action {
	d := fs.String("d", "", "checkout body: @file.json, - for stdin, or the JSON itself")
	return func(a *app, _ []string) error {
		if *d == "" {
			return usagef("checkout sign needs -d")
		}
		if a.paywallSecret == "" {
			return &configError{errors.New("no paywall secret (set " + zen.EnvPaywallSecret + " or --paywall-secret)")}
		}
		body, err := a.readData(*d)
		if err != nil {
			return err
		}
		sig, err := zen.CheckoutSignature(body, a.paywallSecret)
		if err != nil {
			return &inputError{err}
		}
		return a.print(map[string]string{"signature": sig})
	}
}
