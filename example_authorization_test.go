package zen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

func ExampleAuthorizationService_Calculate() {
	srv := cannedZEN(map[string]string{
		"POST /v1/authorization/calculate": `[{"paymentMethod":"PME_CARD","maxFee":"1.30","channels":[
			{"paymentChannel":"PCL_CARD","authorization":{"fee":"1.30","amount":"44.47","baseAmount":"43.17",
			"currency":"PLN","rate":"4.3172916481","rateExpireAt":"2025-07-10T11:43:41Z"}}]}]`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
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
	// Output: PCL_CARD: pay 44.47 PLN (43.17 + fee 1.30) at rate 4.3172916481 until 11:43:41
}

func ExampleAuthorizationService_CalculateReversed() {
	srv := cannedZEN(map[string]string{
		"POST /v1/authorization/calculate/reversed": `{"sessionId":"sess-1","merchantTransactionId":"order-42",
			"data":[{"paymentMethod":"PME_CARD","maxFee":"0.30","channels":[{"paymentChannel":"PCL_CARD",
			"amount":"9.70","currency":"EUR","authorization":{"fee":"0.30","amount":"10.00","baseAmount":"9.70","currency":"EUR"}}]}]}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.Authorization.CalculateReversed(context.Background(), &zen.AuthorizationCalculateReversedRequest{
		SessionID:             "sess-1",
		AuthorizationAmount:   types.MustAmount("10.00"), // what the customer should pay in the end
		Currency:              "EUR",
		AuthorizationCurrency: "EUR",
		Data:                  []zen.AuthorizationTarget{{PaymentMethod: types.MethodCard}},
	})
	if err != nil {
		log.Fatal(err)
	}
	ch := res.Data[0].Channels[0]
	fmt.Println(res.MerchantTransactionID, ch.PaymentChannel, "base", ch.Amount, ch.Currency, "fee", ch.Authorization.Fee)
	// Output: order-42 PCL_CARD base 9.70 EUR fee 0.30
}
