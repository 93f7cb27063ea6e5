package zen

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkGetTransaction measures one call through the whole request path
// (request-id, headers, auth, retry loop, decoding ZEN's full example
// transaction) with a RoundTripper that answers from memory, so only the
// SDK's own cost is counted.
func BenchmarkGetTransaction(b *testing.B) {
	body := seedBody(b)
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(string(body))), Request: r}, nil
	})
	c, err := NewClient(testKey, WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Purchases.Get(ctx, "497f6eca-6276-4993-bfeb-53cbbbba6f08"); err != nil {
			b.Fatal(err)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
