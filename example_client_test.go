package zen_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/zentest"
)

// Build one client per API key and share it between goroutines. Without
// options it talks to production with Bearer authentication, 2 retries and
// a tuned HTTP client.
func ExampleNewClient() {
	client, err := zen.NewClient("your-terminal-api-key", zen.WithSandbox(), zen.WithUserAgent("my-shop/1.0"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	fmt.Println(client) // never prints the key

	_, err = zen.NewClient("key", zen.WithBaseURL("http://api.zen.com"))
	fmt.Println(err)
	// Output:
	// https://api.zen-test.com
	// zen.Client{https://api.zen-test.com}
	// zen: base URL "http://api.zen.com": plain http is allowed only for loopback hosts; use https
}

// NewClientFromEnv reads ZEN_API_KEY, ZEN_API_URL and ZEN_SANDBOX.
func ExampleNewClientFromEnv() {
	os.Setenv("ZEN_API_KEY", "key-from-the-environment")
	os.Setenv("ZEN_SANDBOX", "true")
	defer os.Unsetenv("ZEN_API_KEY")
	defer os.Unsetenv("ZEN_SANDBOX")
	client, err := zen.NewClientFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	// Output: https://api.zen-test.com
}

// Rotate the key on a live client after regenerating it in the ZEN panel:
// calls already in flight use the new key from their next attempt.
func ExampleClient_SetAPIKey() {
	client, _ := zen.NewClient("old-key")
	if err := client.SetAPIKey("new-key"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.SetAPIKey(""))
	// Output: zen: API key is empty (set ZEN_API_KEY or pass one to NewClient)
}

// A caller-chosen request-id is sent on every attempt of the call; it is
// checked against ZEN's rule before anything is sent.
func ExampleWithRequestID() {
	client, _ := zen.NewClient("key")
	ctx := zen.WithRequestID(context.Background(), "too-short")
	_, err := client.Purchases.Get(ctx, "497f6eca-6276-4993-bfeb-53cbbbba6f08")
	var ve *zen.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field, ve.Rule)
	// Output: true request-id must be 38 to 1024 characters
}

// Every non-2xx answer is a *zen.APIError that errors.Is matches against
// the sentinel for its status; here the embedded fake answers an unknown id
// with ZEN's 404 "Record Not Found".
func ExampleAPIError() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.Purchases.Get(context.Background(), "00000000-0000-4000-8000-000000000000")
	var apiErr *zen.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message, errors.Is(err, zen.ErrNotFound), len(apiErr.RequestID))
	}
	// Output: 404 Record Not Found true 43
}
