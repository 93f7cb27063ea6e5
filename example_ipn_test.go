package zen_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// A notification body as ZEN would post it, signed for the example with
// SignNotification (use the same helper in your own handler tests).
func exampleNotificationBody(secret string) []byte {
	body, err := zen.SignNotification(&zen.Notification{
		Type:                  types.TypePurchase,
		TransactionID:         "8f6b1c4e-2a1d-4c1e-9d0a-3b5e7c9f1a2b",
		MerchantTransactionID: "order-42",
		Amount:                "10.50",
		Currency:              "EUR",
		Status:                types.StatusAccepted,
	}, secret)
	if err != nil {
		panic(err)
	}
	return body
}

func ExampleParseNotification() {
	const ipnSecret = "ipn-secret-from-the-zen-panel"
	body := exampleNotificationBody(ipnSecret)

	n, err := zen.ParseNotification(body, ipnSecret)
	if err != nil {
		fmt.Println("rejected:", err)
		return
	}
	amount, _ := n.AmountValue()
	fmt.Println(n.MerchantTransactionID, n.Status, amount, n.Currency)

	_, err = zen.ParseNotification(body, "some-other-secret")
	fmt.Println(errors.Is(err, zen.ErrInvalidSignature))
	// Output:
	// order-42 ACCEPTED 10.50 EUR
	// true
}

func ExampleNewIPNHandler() {
	const ipnSecret = "ipn-secret-from-the-zen-panel"
	handler := zen.NewIPNHandler(ipnSecret, func(ctx context.Context, n *zen.Notification) error {
		if n.Status == types.StatusAccepted {
			fmt.Println("paid:", n.MerchantTransactionID)
		}
		return nil // an error makes the handler answer 500 so ZEN retries
	}, zen.WithIPNDeduplication(10_000))

	mux := http.NewServeMux()
	mux.Handle("/zen/ipn", handler)
	srv := httptest.NewServer(mux) // in production: your HTTPS server
	defer srv.Close()

	body := string(exampleNotificationBody(ipnSecret))
	for range 2 { // the second delivery is acknowledged without calling fn
		resp, err := http.Post(srv.URL+"/zen/ipn", "application/json", strings.NewReader(body))
		if err != nil {
			fmt.Println(err)
			return
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(answer))
	}
	// Output:
	// paid: order-42
	// 200 {"status":"ok"}
	// 200 {"status":"ok"}
}
