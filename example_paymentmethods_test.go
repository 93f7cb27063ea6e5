package zen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

func ExamplePaymentMethodService_All() {
	srv := cannedZEN(map[string]string{
		"GET /v3/terminals": `{"meta":{"limit":100,"offset":0,"direction":"asc","hasMore":false,"currencies":["EUR","PLN"]},
			"data":[{"paymentMethod":"PME_CARD","paymentMethodName":"Card","paymentChannels":[
				{"paymentChannel":"PCL_CARD","paymentChannelName":"Card","currencies":["EUR","PLN"],"cryptoCurrencies":[],
				 "cardOrganizations":["COR_VISA","COR_MASTERCARD"],"lastUsed":false,"hasAuthorizationFee":false,"hasCashback":true},
				{"paymentChannel":"PCL_APPLEPAY","paymentChannelName":"Apple Pay","currencies":["EUR"],"cryptoCurrencies":[],
				 "cardOrganizations":[],"lastUsed":false,"hasAuthorizationFee":false,"hasCashback":false}]}]}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	params := zen.PaymentMethodsParams{
		TransactionType: types.TypePurchase,
		Amount:          types.MustAmount("100.00"),
		Currency:        "EUR",
		Limit:           100,
	}
	for method, err := range client.PaymentMethods.All(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		for _, ch := range method.PaymentChannels {
			fmt.Println(method.PaymentMethod, ch.PaymentChannel, ch.PaymentChannelName, "cashback:", ch.HasCashback)
		}
	}
	// Output:
	// PME_CARD PCL_CARD Card cashback: true
	// PME_CARD PCL_APPLEPAY Apple Pay cashback: false
}
