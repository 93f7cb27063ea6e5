package zen_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

func ExamplePaymentLinkService_Create() {
	srv := cannedZEN(map[string]string{
		"POST /v1/payment-links": `{"id":"0f8fad5b-d9cb-469f-a165-70867728950e",
			"url":"https://secure.zen.com/pbl/0f8fad5b-d9cb-469f-a165-70867728950e","createdAt":"2025-02-01T09:30:00Z"}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	link, err := client.PaymentLinks.Create(context.Background(), &zen.CreatePaymentLinkRequest{
		MerchantTransactionID: "order-42",
		Amount:                types.MustAmount("25.00"),
		Currency:              "EUR",
		Customer:              zen.PaymentLinkCustomer{Email: "jane@example.com", FirstName: "Jane", LastName: "Roe"},
		Items: []zen.PaymentLinkItem{
			{Name: "Mug", Price: types.MustAmount("10.00"), Quantity: 2},
			{Name: "Sticker", Price: types.MustAmount("5.00"), Quantity: 1},
		},
		ExpirationDate: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("send the customer to", link.URL)
	// Output: send the customer to https://secure.zen.com/pbl/0f8fad5b-d9cb-469f-a165-70867728950e
}

func ExamplePaymentLinkService_All() {
	srv := cannedZEN(map[string]string{
		"GET /v1/payment-links": `{"meta":{"itemsPerPage":"10","page":"1"},"data":[
			{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","status":"PAYMENT_PROCESSED","amount":{"amount":"25.00","currency":"EUR"}},
			{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","status":"EXPIRED","amount":{"amount":"9.99","currency":"EUR"}}]}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	params := zen.PaymentLinkListParams{CustomerEmail: "jane@example.com"}
	for link, err := range client.PaymentLinks.All(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(link.ID, link.Status, link.Amount.Value, link.Amount.Currency)
	}
	// Output:
	// 0f8fad5b-d9cb-469f-a165-70867728950e PAYMENT_PROCESSED 25.00 EUR
	// 7c9e6679-7425-40de-944b-e07fc1f90ae7 EXPIRED 9.99 EUR
}
