package zen_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/zen-go/zen"
)

// customersStandIn is a loopback stand-in for api.zen.com that knows one
// customer with one saved purchase card.
func customersStandIn() *httptest.Server {
	const mcid = "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c"
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v3/customers", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, _ = w.Write(body) // ZEN answers with the saved customer
	})
	mux.HandleFunc("POST /v2/payout-profiles/card", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("external-customer-id") != mcid {
			http.Error(w, `{"message":"unknown customer"}`, http.StatusBadRequest)
			return
		}
		_, _ = io.WriteString(w, `{"id":"pc_7f3e2d1c","customerId":"`+mcid+`","organization":"visa"}`)
	})
	mux.HandleFunc("GET /v3/customers/"+mcid+"/payments/card", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"data":[{"id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","organization":"visa",
			"cardName":"Main Visa","status":"verified"}],"meta":{"page":"1","itemsPerPage":"10"}}`)
	})
	return httptest.NewServer(mux)
}

// A customer is saved under the merchant's own UUID; payout cards and saved
// cards then hang off that id.
func ExampleCustomerService() {
	srv := customersStandIn()
	defer srv.Close()
	client, err := zen.NewClient("api-key", zen.WithBaseURL(srv.URL)) // omit WithBaseURL in production
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	customer, err := client.Customers.CreateCustomer(ctx, &zen.Customer{
		ID:        "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c",
		FirstName: "Anna",
		LastName:  "Nowak",
		Email:     "anna.nowak@example.com",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("customer:", customer.ID)

	card := &zen.PayoutCardRequest{Card: &zen.Card{
		Number:         "4111111111111111",
		ExpiryDate:     "1230",
		CardHolderName: "Anna Nowak",
	}}
	fmt.Printf("request: %+v\n", *card.Card) // card data never prints
	payoutCard, err := client.Customers.AddPayoutCard(ctx, customer.ID, card)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("cardToken for payouts:", payoutCard.ID)

	for saved, err := range client.Customers.AllCards(ctx, customer.ID, zen.ListParams{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("saved card:", saved.CardName, saved.Organization, string(saved.Extra["status"]))
	}
	// Output:
	// customer: 3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c
	// request: Card{****1111}
	// cardToken for payouts: pc_7f3e2d1c
	// saved card: Main Visa visa "verified"
}
