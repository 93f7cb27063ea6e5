package zen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// A customer is saved under the merchant's own UUID; payout cards and
// recipients then hang off that id, and a payout card's id is the cardToken
// of a card payout.
func ExampleCustomerService() {
	srv := zentest.NewServer(zentest.WithAutoCapture()) // the offline fake of api.zen.com
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production
	ctx := context.Background()

	customer, err := client.Customers.Create(ctx, &zen.CustomerCreateRequest{
		MerchantCustomerID: "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c", // your own id for the customer
		FirstName:          "Anna",
		LastName:           "Nowak",
		Email:              "anna.nowak@example.com",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("customer:", customer.MerchantCustomerID())

	card := &zen.PayoutCardCreateRequest{Card: &zen.CardDetails{
		Number:         "4111111111111111",
		ExpiryDate:     "1230",
		CardHolderName: "Anna Nowak",
	}}
	fmt.Printf("request: %+v\n", *card.Card) // card data never prints
	payoutCard, err := client.Customers.PayoutProfiles.Create(ctx, customer.MerchantCustomerID(), card)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("payout card:", payoutCard.Organization, string(payoutCard.Extra["last4"]))

	payout, err := client.Payouts.Create(ctx, &zen.PayoutCreateRequest{
		MerchantTransactionID: "payout-anna-1",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("25.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "payouts@shop.example"}, // the sender
		Items:                 []types.Item{types.NewItem("payout", types.MustAmount("25.00"), 1)},
		BillingAddress:        &types.Address{FirstName: "Jo", LastName: "Doe", Country: "PL", City: "Warsaw", Street: "Prosta 1", Postcode: "00-001"},
		PaymentSpecificData: zen.CardPayoutData{
			CardToken: payoutCard.ID,
			Recipient: zen.PayoutRecipient{FirstName: "Anna", LastName: "Nowak"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("payout:", payout.Status, payout.Amount, payout.Currency)
	// Output:
	// customer: 3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c
	// request: CardDetails{****1111}
	// payout card: visa "1111"
	// payout: ACCEPTED 25.00 EUR
}

// Crypto-wallet payout recipients are listed per customer, optionally of
// one wallet currency.
func ExampleWalletRecipientService_All() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	const customerID = "9b2f6c1a-4d3e-4f5a-8b7c-6d5e4f3a2b1c"
	if _, err := client.Customers.Create(ctx, &zen.CustomerCreateRequest{MerchantCustomerID: customerID, Email: "ola@example.com"}); err != nil {
		log.Fatal(err)
	}
	for _, w := range []struct{ address, currency string }{
		{"1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "BTC"},
		{"0x52908400098527886E0F7030069857D2E4169EE7", "ETH"},
		{"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "BTC"},
	} {
		_, err := client.Customers.WalletRecipients.Create(ctx, customerID, &zen.WalletRecipientCreateRequest{
			WalletAddress:  w.address,
			WalletCurrency: w.currency,
			WalletAlias:    zen.Ptr("savings"), // nil sends null: no alias
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	params := zen.WalletRecipientListParams{WalletCurrency: "BTC"}
	params.ItemsPerPage = 1 // small pages, to show All fetching the next one
	for r, err := range client.Customers.WalletRecipients.All(ctx, customerID, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(r.WalletCurrency, r.WalletAddress, r.Status)
	}
	// Output:
	// BTC 1BoatSLRHtKNngkdXEeobR76b53LETtpyT unverified
	// BTC 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy unverified
}
