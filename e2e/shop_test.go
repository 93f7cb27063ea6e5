// Package e2e proves the demo shop (examples/shop) in a real browser:
// headless Chromium, driven through chromedp, buys, pays and refunds on the
// shop and on the embedded fake ZEN's checkout page, all on loopback.
//
//	cd e2e && go test ./...                      # screenshots in a temp dir
//	E2E_SCREENSHOTS=/tmp/shots go test ./...     # kept there
//
// It is its own module so the SDK's go.mod never needs chromedp.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's chromium (or another Chrome) on PATH. Without
// one the test is skipped on a developer's machine and fails in CI (CI set),
// where .ci/run installs it.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium on PATH, and CI is set: the browser test must run (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH: apt-get install chromium to run the browser test")
	return ""
}

// startShop builds examples/shop and runs it against its embedded fake ZEN
// on a free loopback port; it returns the URL the shop prints.
func startShop(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "shop")
	build := exec.Command("go", "build", "-o", bin, "./examples/shop")
	build.Dir = ".." // the SDK's module: the shop is one of its examples
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the shop: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	for _, kv := range os.Environ() { // never a real ZEN: the fake, no credentials
		if !strings.HasPrefix(kv, "ZEN_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		t.Log("shop: " + lines.Text())
		if u, ok := strings.CutPrefix(lines.Text(), "Shop open at "); ok {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return u
		}
	}
	t.Fatalf("the shop exited without printing its URL (%v)", lines.Err())
	return ""
}

func TestShopInBrowser(t *testing.T) {
	exe := chromium(t)
	shop := startShop(t)
	shots := os.Getenv("E2E_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots of each step in %s (set E2E_SCREENSHOTS to keep them)", shots)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1000, 760),
		chromedp.Flag("no-proxy-server", true),
		// Loopback only: every host but localhost and 127.0.0.1 fails to resolve.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()

	step := 0
	shot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var png []byte
			if err := chromedp.CaptureScreenshot(&png).Do(ctx); err != nil {
				return err
			}
			step++
			return os.WriteFile(filepath.Join(shots, fmt.Sprintf("%02d-%s.png", step, name)), png, 0o644)
		})
	}
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	q := chromedp.ByQuery

	// Pay: the order is marked paid when the shop's IPN handler has the
	// notification; the order page refreshes itself until then.
	var total, paidURL, status, note string
	run("open the shop and fill the cart",
		chromedp.Navigate(shop), chromedp.WaitVisible("#add-beans", q), shot("home"),
		chromedp.Click("#add-beans", q), chromedp.WaitVisible("#cart", q),
		chromedp.Click("#add-mug", q), chromedp.WaitVisible(`//table[@id="cart"]//tr[td[text()="Enamel mug"]]`),
		chromedp.Text("#total", &total, q), shot("cart"))
	if total != "34.45 EUR" {
		t.Fatalf("cart total %q, want 34.45 EUR", total)
	}
	run("check out and pay on ZEN's page",
		chromedp.Click("#checkout", q), chromedp.WaitVisible("#pay", q), shot("zen-checkout"),
		chromedp.Click("#pay", q), chromedp.WaitVisible("#status.paid", q),
		chromedp.Location(&paidURL), chromedp.Text("#note", &note, q), shot("order-paid"))
	if note != "payment confirmed by ZEN's notification: ship it" {
		t.Fatalf("paid order note %q", note)
	}
	paidID := path.Base(paidURL)

	// Decline: the fake's Decline button rejects the card (C40005).
	run("check out and decline on ZEN's page",
		chromedp.Navigate(shop), chromedp.Click("#add-grinder", q), chromedp.WaitVisible("#cart", q),
		chromedp.Click("#checkout", q), chromedp.WaitVisible("#decline", q),
		chromedp.Click("#decline", q), chromedp.WaitVisible("#status.declined", q),
		chromedp.Text("#note", &note, q), shot("order-declined"))
	if note != "payment REJECTED: C40005 Do not honor" {
		t.Fatalf("declined order note %q", note)
	}

	// Refund the paid order from the orders page.
	row := "#order-" + paidID
	run("refund from the orders page",
		chromedp.Click("#orders-link", q), chromedp.WaitVisible(row+" button.refund", q), shot("orders"),
		chromedp.Click(row+" button.refund", q), chromedp.WaitVisible(row+" td.status.refunded", q),
		chromedp.Text(row+" .note", &note, q), chromedp.Text(`tr:not(`+row+`) td.status`, &status, q), shot("refunded"))
	if want := "refund " + paidID + "-r1 ACCEPTED by ZEN"; note != want {
		t.Fatalf("refund note %q, want %q", note, want)
	}
	if status != "declined" {
		t.Fatalf("the declined order shows %q after the refund of the other", status)
	}
}
