package zen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExamplePaymentMethodService_All() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production

	params := zen.PaymentMethodListParams{
		TransactionType: types.TypePurchase,
		Amount:          types.MustAmount("100.00"),
		Currency:        "PLN",
		Limit:           1, // small pages, to show All fetching the next one
	}
	for method, err := range client.PaymentMethods.All(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		for _, ch := range method.PaymentChannels {
			fmt.Println(method.PaymentMethod, ch.PaymentChannel, ch.PaymentChannelName)
		}
	}
	// Output:
	// PME_CARD PCL_CARD Card
	// PME_CARD PCL_APPLEPAY Apple Pay
	// PME_CARD PCL_GOOGLEPAY Google Pay
	// PME_BLIK PCL_BLIK BLIK
}
