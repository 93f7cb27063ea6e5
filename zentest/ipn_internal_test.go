package zentest

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

// The URL check before a try sees only the host name; the IPN client
// itself must refuse any address that is not loopback once the name is
// resolved, before connecting (a "localhost" that resolves elsewhere).
func TestIPNClientDialsOnlyLoopback(t *testing.T) {
	s := NewServer()
	t.Cleanup(s.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, u := range []string{"http://192.0.2.1:9/ipn", "https://[2001:db8::1]:9/ipn", "http://10.0.0.1/"} {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, http.NoBody)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.ipn.client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if !errors.Is(err, errNotLoopback) {
			t.Errorf("%s: got %v, want the loopback refusal", u, err)
		}
	}
}
