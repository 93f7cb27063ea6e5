package zen_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// cannedZEN is a loopback stand-in for api.zen.com that answers
// "METHOD /escaped/path" with a canned JSON body, so the examples run
// offline.
func cannedZEN(routes map[string]string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := routes[r.Method+" "+r.URL.EscapedPath()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
}

func ExamplePayoutService_Create() {
	srv := cannedZEN(map[string]string{
		"POST /v1/payouts": `{"id":"12abcdef-1345-4842-89ba-9c698ae15637","merchantTransactionId":"payout-2025-001",
			"amount":"123.45","currency":"USD","type":"TRT_SENDOUT","status":"PENDING","paymentChannel":"PCL_CARD",
			"createdAt":"2025-01-21T10:24:30.573Z","modifiedAt":"2025-01-21T10:24:30.730Z"}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	tx, err := client.Payouts.Create(context.Background(), &zen.CreatePayoutRequest{
		MerchantTransactionID: "payout-2025-001",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("123.45"),
		Currency:              "USD",
		Customer:              &types.Customer{FirstName: "John", LastName: "Doe", Email: "john@example.com"},
		PaymentSpecificData: zen.CardPayoutData{
			CardToken: "1234a56b-b9ee-4a5f-828f-d498344e25b3", // id of the payout card added for the recipient
			Recipient: zen.PayoutRecipient{FirstName: "Joanna", LastName: "Doe"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := tx.Err(); err != nil { // ZEN processed the payout and declined it
		log.Fatal(err)
	}
	fmt.Println(tx.Type, tx.Status, tx.Amount, tx.Currency)
	// Output: TRT_SENDOUT PENDING 123.45 USD
}

func ExamplePayoutService_GetByMerchantTransactionID() {
	srv := cannedZEN(map[string]string{
		"GET /v1/payouts/merchant/payout-2025-001": `{"id":"12abcdef-1345-4842-89ba-9c698ae15637",
			"merchantTransactionId":"payout-2025-001","amount":"123.45","currency":"USD","type":"TRT_SENDOUT",
			"status":"ACCEPTED","createdAt":"2025-01-21T10:24:30Z","modifiedAt":"2025-01-21T10:30:00Z"}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	tx, err := client.Payouts.GetByMerchantTransactionID(context.Background(), "payout-2025-001")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, tx.Status.IsFinal())
	// Output: ACCEPTED true
}
