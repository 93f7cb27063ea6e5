package transport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestCredentialsNeverReturnAfterLeavingTheOrigin: a download redirected
// to another origin and from there back to the first one does not get its
// credentials back (net/http copies the first request's headers onto every
// hop), and every header the Authenticator set counts as a credential.
func TestCredentialsNeverReturnAfterLeavingTheOrigin(t *testing.T) {
	var mu sync.Mutex
	var seen []http.Header
	record := func(r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
	}
	var home *httptest.Server
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		http.Redirect(w, r, home.URL+"/back", http.StatusFound)
	}))
	defer other.Close()
	home = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record(r)
		if r.URL.Path == "/file" {
			http.Redirect(w, r, other.URL+"/x", http.StatusFound)
		}
	}))
	defer home.Close()
	c := New(Config{
		HTTPClient: &http.Client{},
		Authenticate: func(_ context.Context, h http.Header) error {
			h.Set("X-Signature", "sig-of-"+h.Get("Request-Id")) // reads what is already set
			h.Set("X-Api-Key", "secret")
			h["x-raw-key"] = []string{"raw"} // not canonical: Header.Del would miss it
			return nil
		},
	})
	res, err := c.Do(context.Background(), &Request{Method: http.MethodGet, URL: home.URL + "/file", RequestID: "rid", File: true})
	if err != nil {
		t.Fatal(err)
	}
	res.Response.Body.Close()
	if res.Response.StatusCode != http.StatusOK || len(seen) != 3 {
		t.Fatalf("status %d after %d requests; want 200 after 3", res.Response.StatusCode, len(seen))
	}
	if seen[0].Get("X-Signature") != "sig-of-rid" || seen[0].Get("X-Api-Key") != "secret" || seen[0].Get("X-Raw-Key") != "raw" {
		t.Fatalf("the origin did not get the credentials: %v", seen[0])
	}
	for i, h := range seen[1:] {
		for _, k := range []string{"X-Signature", "X-Api-Key", "X-Raw-Key", "Referer"} {
			if h.Get(k) != "" {
				t.Errorf("hop %d carries %s", i+1, k)
			}
		}
	}
}
