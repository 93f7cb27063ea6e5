package zen

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCloseReleasesConnectionsAndGoroutines: 100 short-lived clients, each
// making a call and closing, leave no connection open on the server and no
// goroutine behind.
func TestCloseReleasesConnectionsAndGoroutines(t *testing.T) {
	srv, open := connCountingServer()
	defer srv.Close()
	baseline := settledGoroutines()

	for range 100 {
		c, err := NewClient(testKey, WithBaseURL(srv.URL))
		require.NoError(t, err)
		var out struct{ OK bool }
		require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/ping", nil, &out))
		require.True(t, out.OK)
		require.NoError(t, c.Close())
	}
	deadline := time.Now().Add(5 * time.Second)
	for (open.Load() != 0 || runtime.NumGoroutine() > baseline) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.Zero(t, open.Load(), "connections still open on the server")
	assert.LessOrEqual(t, runtime.NumGoroutine(), baseline, "goroutines left behind")
}

// TestCloseLeavesCallersClientAlone: Close does not close the idle
// connections of an http.Client the caller owns.
func TestCloseLeavesCallersClientAlone(t *testing.T) {
	srv, open := connCountingServer()
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c, err := NewClient(testKey, WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	require.NoError(t, c.doTest(context.Background(), http.MethodGet, "/v1/ping", nil, &struct{}{}))
	require.NoError(t, c.Close())
	time.Sleep(50 * time.Millisecond) // a wrongly closed connection would be seen closed by now
	assert.EqualValues(t, 1, open.Load(), "the caller's idle connection is still open")
	tr.CloseIdleConnections()
}

// connCountingServer answers {"ok":true} and counts its open connections.
func connCountingServer() (*httptest.Server, *atomic.Int64) {
	open := &atomic.Int64{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			open.Add(1)
		case http.StateClosed, http.StateHijacked:
			open.Add(-1)
		}
	}
	srv.Start()
	return srv, open
}

// settledGoroutines waits briefly for goroutines of earlier tests to end
// and returns how many are left.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 50 {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			return m
		}
		n = m
	}
	return n
}
