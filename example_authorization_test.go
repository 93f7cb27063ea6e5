package zen_test

import (
	"context"
	"fmt"
	"log"
	"path"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExampleAuthorizationService_Calculate() {
	clock := zentest.NewManualClock(time.Date(2025, 7, 10, 11, 28, 41, 0, time.UTC))
	srv := zentest.NewServer(zentest.WithClock(clock.Now)) // the offline fake of api.zen.com
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production

	methods, err := client.Authorization.Calculate(context.Background(), &zen.AuthorizationCalculateRequest{
		MerchantTransactionID: "order-42",
		Amount:                types.MustAmount("10.00"),
		Currency:              "EUR",
		AuthorizationCurrency: "PLN", // the customer pays in złoty
		Data:                  []zen.AuthorizationTarget{{PaymentMethod: types.MethodCard, PaymentChannel: types.ChannelCard}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range methods {
		for _, ch := range m.Channels {
			q := ch.Authorization
			expires, _ := q.ExpiresAt()
			fmt.Printf("%s: pay %s %s (%s + fee %s) at rate %s until %s\n",
				ch.PaymentChannel, q.Amount, q.Currency, q.BaseAmount, q.Fee, q.Rate, expires.Format("15:04:05"))
		}
	}
	// Output: PCL_CARD: pay 43.86 PLN (43.00 + fee 0.86) at rate 4.3 until 11:43:41
}

func ExampleAuthorizationService_CalculateReversed() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	checkout, err := client.Checkouts.Create(ctx, &zen.CheckoutCreateRequest{
		MerchantTransactionID: "order-42",
		Amount:                types.MustAmount("10.00"),
		Currency:              "EUR",
	})
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.Authorization.CalculateReversed(ctx, &zen.AuthorizationCalculateReversedRequest{
		SessionID:             path.Base(checkout.RedirectURL), // how the fake names its checkout sessions
		AuthorizationAmount:   types.MustAmount("10.00"),       // what the customer should pay in the end
		Currency:              "EUR",
		AuthorizationCurrency: "EUR",
		Data:                  []zen.AuthorizationTarget{{PaymentChannel: types.ChannelCard}},
	})
	if err != nil {
		log.Fatal(err)
	}
	ch := res.Data[0].Channels[0]
	fmt.Println(res.MerchantTransactionID, ch.PaymentChannel, "base", ch.Amount, ch.Currency, "fee", ch.Authorization.Fee)
	// Output: order-42 PCL_CARD base 9.80 EUR fee 0.20
}
