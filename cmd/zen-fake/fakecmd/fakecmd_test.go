package fakecmd

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunServesUntilCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-checkout-addr", "127.0.0.1:0", "-api-key", "k-123"}, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	require.True(t, lines.Scan())
	m := regexp.MustCompile(`API on (http://127\.0\.0\.1:\d+), hosted checkout on (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(lines.Text())
	require.NotNil(t, m, lines.Text())
	go func() { _, _ = io.Copy(io.Discard, pr) }()

	req, err := http.NewRequestWithContext(ctx, "GET", m[1]+"/v1/transactions/unknown", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer k-123")
	req.Header.Set("request-id", "zen-fake-test-"+strings.Repeat("0", 30))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.JSONEq(t, `{"error":{"code":"404","message":"Record Not Found"}}`, string(body))

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
}

func TestRunHelpIsNotAnError(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(context.Background(), []string{"-h"}, &out))
	assert.Contains(t, out.String(), "-ipn-url")
}

func TestRunRejectsBadFlags(t *testing.T) {
	assert.Error(t, run(context.Background(), []string{"-nope"}, io.Discard))
	assert.Error(t, run(context.Background(), []string{"extra"}, io.Discard))
	assert.Error(t, run(context.Background(), []string{"-addr", "256.0.0.1:1"}, io.Discard))
	for _, u := range []string{"https://shop.example/ipn", "ftp://127.0.0.1/ipn", "http://10.0.0.1/ipn", ":"} {
		assert.ErrorContains(t, run(context.Background(), []string{"-ipn-url", u}, io.Discard), "only to http(s) URLs on localhost", u)
	}
}

func TestLoopbackURL(t *testing.T) {
	for _, u := range []string{"http://localhost:8080/ipn", "https://127.0.0.1/ipn", "http://[::1]:1/"} {
		assert.True(t, loopbackURL(u), u)
	}
}

// TestRunCaptureMode: -capture names the terminal's capture mode, with
// $ZEN_FAKE_CAPTURE as its default, and refuses other names.
func TestRunCaptureMode(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // serve, print the banner, stop
	listen := []string{"-addr", "127.0.0.1:0", "-checkout-addr", "127.0.0.1:0"}
	var out strings.Builder
	require.NoError(t, run(ctx, listen, &out))
	assert.Contains(t, out.String(), ", capture mode manual\n")

	out.Reset()
	require.NoError(t, run(ctx, append(listen, "-capture", "auto"), &out))
	assert.Contains(t, out.String(), ", capture mode auto\n")

	t.Setenv("ZEN_FAKE_CAPTURE", "auto")
	out.Reset()
	require.NoError(t, run(ctx, listen, &out))
	assert.Contains(t, out.String(), ", capture mode auto\n")
	out.Reset()
	require.NoError(t, run(ctx, append(listen, "-capture", "manual"), &out))
	assert.Contains(t, out.String(), ", capture mode manual\n")

	assert.EqualError(t, run(ctx, append(listen, "-capture", "immediate"), io.Discard),
		`-capture: zentest: capture mode "immediate": want auto or manual`)
}

// run is Run as cmd/zen-fake calls it.
func run(ctx context.Context, args []string, out io.Writer) error {
	return Run(ctx, "zen-fake", args, out, os.Getenv)
}
