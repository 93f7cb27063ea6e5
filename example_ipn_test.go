package zen_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
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
	ipnSecret := zentest.DefaultIPNSecret // in production: the IPN secret from the ZEN panel
	handler := zen.NewIPNHandler(ipnSecret, func(ctx context.Context, n *zen.Notification) error {
		if n.Status == types.StatusAccepted {
			fmt.Println("paid:", n.MerchantTransactionID, n.Amount, n.Currency)
		}
		return nil // an error makes the handler answer 500 so ZEN retries
	}, zen.WithIPNDeduplication(zen.NewMemoryIPNStore(10_000)))

	mux := http.NewServeMux()
	mux.Handle("/zen/ipn", handler)
	shop := httptest.NewServer(mux) // in production: your HTTPS server
	defer shop.Close()

	// The fake ZEN sends its signed notifications to the shop.
	srv := zentest.NewServer(zentest.WithIPNURL(shop.URL + "/zen/ipn"))
	defer srv.Close()
	_, err := srv.Client().Purchases.Create(context.Background(), &zen.PurchaseCreateRequest{
		MerchantTransactionID: "order-42",
		PaymentChannel:        types.ChannelBlik,
		Amount:                types.MustAmount("10.50"),
		Currency:              "PLN",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		PaymentSpecificData:   zen.BlikPayment{Ticket: "777111"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	delivery, err := srv.WaitIPN(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("acknowledged:", delivery.Delivered)

	// ZEN may deliver a notification again; the repeat is acknowledged
	// without calling fn.
	resp, err := http.Post(delivery.URL, "application/json", bytes.NewReader(delivery.Body))
	if err != nil {
		fmt.Println(err)
		return
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(answer))
	// Output:
	// paid: order-42 10.50 PLN
	// acknowledged: true
	// 200 {"status":"ok"}
}
