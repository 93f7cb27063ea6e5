package zen_test

import (
	"context"
	"encoding/json"
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

	tx, err := client.Payouts.Create(ctx, &zen.PayoutCreateRequest{
		MerchantTransactionID: "payout-2025-001",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("123.45"),
		Currency:              "USD",
		Customer:              &types.TransactionCustomer{FirstName: "John", LastName: "Doe", Email: "john@example.com"},
		Items:                 []types.Item{types.NewItem("payout", types.MustAmount("123.45"), 1)},
		BillingAddress:        &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
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
		tx, err = client.Payouts.Capture(ctx, &zen.PayoutCaptureRequest{
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

	_, err := client.Payouts.Create(ctx, &zen.PayoutCreateRequest{
		MerchantTransactionID: "payout-2025-002",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("50.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "john@example.com"},
		Items:                 []types.Item{types.NewItem("payout", types.MustAmount("50.00"), 1)},
		BillingAddress:        &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
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

// A payout to a crypto wallet waits for one of ZEN's offers to be chosen
// (the fake's offers are described in the zentest documentation).
func ExamplePayoutService_SelectOffer() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, err := client.Payouts.Create(ctx, &zen.PayoutCreateRequest{
		MerchantTransactionID: "payout-2025-003",
		PaymentChannel:        types.ChannelDragon,
		Amount:                types.MustAmount("100.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "payouts@shop.example"},
		Items:                 []types.Item{types.NewItem("payout", types.MustAmount("100.00"), 1)},
		BillingAddress:        &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
		PaymentSpecificData:   zen.DragonPayoutData{RecipientExternalID: "wallet-7"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, "select offer:", tx.Can().SelectOffer)

	// The offers are in the v2 details, kept in Extra by the SDK.
	details, err := client.Payouts.GetV2(ctx, tx.ID)
	if err != nil {
		log.Fatal(err)
	}
	var offers []struct {
		ID     string       `json:"id"`
		Amount types.Amount `json:"amount"`
		Fee    types.Amount `json:"fee"`
	}
	if err := json.Unmarshal(details.Extra["offers"], &offers); err != nil {
		log.Fatal(err)
	}
	for _, o := range offers {
		fmt.Println(o.ID, "recipient gets", o.Amount, "fee", o.Fee)
	}

	tx, err = client.Payouts.SelectOffer(ctx, tx.ID, &zen.PayoutSelectOfferRequest{OfferID: offers[0].ID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status)
	// Output:
	// PENDING select offer: true
	// standard-1 recipient gets 99.50 fee 0.50
	// express-1 recipient gets 98.50 fee 1.50
	// AUTHORIZED
}
