package zen_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// purchaseFakeZEN stands in for api.zen.com with canned answers: a BLIK purchase
// is accepted, a refund is pending.
func purchaseFakeZEN() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		_ = json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/transactions":
			_, _ = fmt.Fprintf(w, `{"id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","merchantTransactionId":%q,
				"amount":%q,"currency":%q,"type":"TRT_PURCHASE","status":"ACCEPTED","paymentChannel":"PCL_BLIK",
				"createdAt":"2025-01-21T10:24:30Z","modifiedAt":"2025-01-21T10:24:31Z"}`,
				in["merchantTransactionId"], in["amount"], in["currency"])
		case "/v1/transactions/refund":
			_, _ = fmt.Fprintf(w, `{"id":"8b0d3c1e-3f2a-4c55-9d6e-2a7f1b9c0d11","parentTransactionId":%q,
				"merchantTransactionId":%q,"amount":%q,"currency":%q,"type":"TRT_REFUND","status":"PENDING",
				"createdAt":"2025-01-22T08:00:00Z","modifiedAt":"2025-01-22T08:00:00Z"}`,
				in["transactionId"], in["merchantTransactionId"], in["amount"], in["currency"])
		default:
			http.Error(w, `{"message":"Record Not Found"}`, http.StatusNotFound)
		}
	}))
}

// purchaseExampleClient returns a client of purchaseFakeZEN and a function
// that stops the server.
func purchaseExampleClient() (*zen.Client, func()) {
	srv := purchaseFakeZEN()
	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return client, srv.Close
}

func ExamplePurchaseService_Create() {
	client, stop := purchaseExampleClient() // zen.NewClient(apiKey) in production
	defer stop()

	tx, err := client.Purchases.Create(context.Background(), &zen.PurchaseRequest{
		MerchantTransactionID: "order-1001",
		PaymentChannel:        types.ChannelBlik,
		Amount:                types.MustAmount("49.99"),
		Currency:              "PLN",
		Customer:              &types.Customer{Email: "jan@example.com", IP: "203.0.113.7"},
		Items:                 []types.Item{types.NewItem("Headphones", types.MustAmount("49.99"), 1)},
		PaymentSpecificData:   zen.BlikPayment{Ticket: "777111"},
	})
	if err != nil {
		fmt.Println("not processed:", err) // a *ValidationError, *APIError or connection error
		return
	}
	if err := tx.Err(); err != nil {
		var rejected *zen.RejectError
		if errors.As(err, &rejected) {
			fmt.Println("declined:", rejected.Code)
		}
		return
	}
	if tx.MerchantAction != nil {
		fmt.Println("send the buyer to", tx.MerchantAction.RedirectURL)
		return
	}
	fmt.Println(tx.Status, tx.Amount, tx.Currency, tx.ID)
	// Output:
	// ACCEPTED 49.99 PLN 497f6eca-6276-4993-bfeb-53cbbbba6f08
}

func ExampleRefundService_Create() {
	client, stop := purchaseExampleClient() // zen.NewClient(apiKey) in production
	defer stop()

	refund, err := client.Refunds.Create(context.Background(), &zen.RefundRequest{
		TransactionID:         "497f6eca-6276-4993-bfeb-53cbbbba6f08", // the purchase's ZEN id
		MerchantTransactionID: "order-1001-refund-1",                  // a new id for the refund
		Amount:                types.MustAmount("10.00"),
		Currency:              "PLN",
		Comment:               "one item returned",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := refund.Err(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(refund.Type, refund.Status, refund.Amount, "of", refund.ParentTransactionID)
	// Output:
	// TRT_REFUND PENDING 10.00 of 497f6eca-6276-4993-bfeb-53cbbbba6f08
}
