package zen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExamplePayoutService_Create() {
	srv := zentest.NewServer() // the offline fake of api.zen.com
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production
	ctx := context.Background()

	tx, err := client.Payouts.Create(ctx, &zen.CreatePayoutRequest{
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

	if tx.Can().Capture {
		tx, err = client.Payouts.Capture(ctx, &zen.CapturePayoutRequest{
			TransactionID:         tx.ID,
			MerchantTransactionID: tx.MerchantTransactionID,
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("after capture:", tx.Status)
	}
	// Output:
	// TRT_SENDOUT AUTHORIZED 123.45 USD
	// after capture: ACCEPTED
}

func ExamplePayoutService_GetByMerchantTransactionID() {
	srv := zentest.NewServer(zentest.WithAutoCapture())
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	_, err := client.Payouts.Create(ctx, &zen.CreatePayoutRequest{
		MerchantTransactionID: "payout-2025-002",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("50.00"),
		Currency:              "EUR",
		Customer:              &types.Customer{Email: "john@example.com"},
		PaymentSpecificData: zen.CardPayoutData{
			CardToken: "1234a56b-b9ee-4a5f-828f-d498344e25b3",
			Recipient: zen.PayoutRecipient{FirstName: "Joanna", LastName: "Doe"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}

	// Later, e.g. after a restart, find the payout by your own id.
	tx, err := client.Payouts.GetByMerchantTransactionID(ctx, "payout-2025-002")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, tx.Status.IsFinal())
	// Output: ACCEPTED true
}
