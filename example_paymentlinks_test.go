package zen_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExamplePaymentLinkService_Create() {
	now := time.Date(2025, 2, 1, 9, 30, 0, 0, time.UTC)
	srv := zentest.NewServer(zentest.WithClock(zentest.NewManualClock(now).Now))
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production

	link, err := client.PaymentLinks.Create(context.Background(), &zen.PaymentLinkCreateRequest{
		MerchantTransactionID: "order-42",
		Amount:                types.MustAmount("25.00"),
		Currency:              "EUR",
		Customer:              zen.PaymentLinkCustomer{Email: "jane@example.com", FirstName: "Jane", LastName: "Roe"},
		Items: []zen.PaymentLinkItem{
			{Name: "Mug", Price: types.MustAmount("10.00"), Quantity: types.NewQuantity(2)},
			{Name: "Sticker", Price: types.MustAmount("5.00"), Quantity: types.NewQuantity(1)},
		},
		ExpirationDate: now.Add(7 * 24 * time.Hour),
	})
	if err != nil {
		log.Fatal(err)
	}
	// Send the customer to link.URL; here we only check where it points.
	fmt.Println(strings.HasPrefix(link.URL, srv.CheckoutURL+"/"), link.CreatedAt.Equal(now))
	// Output: true true
}

func ExamplePaymentLinkService_All() {
	now := time.Date(2025, 2, 1, 9, 30, 0, 0, time.UTC)
	srv := zentest.NewServer(zentest.WithClock(zentest.NewManualClock(now).Now))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for i, amount := range []string{"25.00", "9.50"} {
		_, err := client.PaymentLinks.Create(ctx, &zen.PaymentLinkCreateRequest{
			MerchantTransactionID: fmt.Sprintf("order-%d", i+1),
			Amount:                types.MustAmount(amount),
			Currency:              "EUR",
			Customer:              zen.PaymentLinkCustomer{Email: "jane@example.com", FirstName: "Jane", LastName: "Roe"},
			Items:                 []zen.PaymentLinkItem{{Name: "Gift card", Price: types.MustAmount(amount), Quantity: types.NewQuantity(1)}},
			ExpirationDate:        now.Add(24 * time.Hour),
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	params := zen.PaymentLinkListParams{CustomerEmail: "jane@example.com", Status: zen.PaymentLinkNew}
	for link, err := range client.PaymentLinks.All(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(link.Status, link.Amount.Amount, link.Amount.Currency)
	}
	// Unordered output:
	// NEW 25.00 EUR
	// NEW 9.50 EUR
}
