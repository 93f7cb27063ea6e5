package zentest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

// A whole purchase, offline: create, capture, refund, and the merchant's
// IPN endpoint receiving the signed notifications.
func ExampleNewServer() {
	notifications := make(chan *zen.Notification, 4)
	ipn := httptest.NewServer(zen.NewIPNHandler(zentest.DefaultIPNSecret, func(_ context.Context, n *zen.Notification) error {
		notifications <- n
		return nil
	}))
	defer ipn.Close()

	srv := zentest.NewServer(zentest.WithIPNURL(ipn.URL))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, err := client.Purchases.Create(ctx, &zen.PurchaseCreateRequest{
		MerchantTransactionID: "order-1001",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("49.90"), // an amount ending .99 would be declined
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		PaymentSpecificData: zen.OneTimePayment{
			Card:       zen.CardDetails{Number: zentest.CardApproved, ExpiryDate: "1230", CVV: "123"},
			Descriptor: "SHOP",
			ThreeDSOptions: zen.ThreeDSOptions{BrowserDetails: &zen.BrowserDetails{
				AcceptHeader: "text/html", ColorDepth: "24", Lang: "en", ScreenHeight: "800", ScreenWidth: "600",
				Timezone: "0", WindowSize: "05", UserAgent: "Mozilla/5.0",
			}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tx.Status, tx.Amount)

	tx, err = client.Purchases.Capture(ctx, &zen.PurchaseCaptureRequest{
		TransactionID: tx.ID, MerchantTransactionID: tx.MerchantTransactionID, Amount: tx.Amount, Currency: tx.Currency,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tx.Status)
	n := <-notifications
	fmt.Println("IPN:", n.Type, n.Status, n.Amount)

	refund, err := client.Refunds.Create(ctx, &zen.RefundCreateRequest{
		TransactionID: tx.ID, MerchantTransactionID: "refund-1001", Amount: types.MustAmount("10.00"), Currency: "EUR",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(refund.Type, refund.Status)
	n = <-notifications
	fmt.Println("IPN:", n.Type, n.Status, n.Amount)
	// Output:
	// AUTHORIZED 49.90
	// ACCEPTED
	// IPN: TRT_PURCHASE ACCEPTED 49.90
	// TRT_REFUND ACCEPTED
	// IPN: TRT_REFUND ACCEPTED 10.00
}

// Scripted faults: the SDK retries a 503 by itself.
func ExampleServer_FailNext() {
	srv := zentest.NewServer()
	defer srv.Close()
	srv.FailNext(1, zentest.FaultUnavailable)

	_, err := srv.Client().Purchases.Get(context.Background(), "00000000-0000-4000-8000-000000000000")
	fmt.Println(err != nil)
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Status, r.Fault)
	}
	// Output:
	// true
	// GET 503 Unavailable
	// GET 404 None
}

// An ordered script: the first attempt is processed and its answer lost,
// the second gets a 500 without being processed, the third goes through.
func ExampleServer_ScriptFaults() {
	srv := zentest.NewServer()
	defer srv.Close()
	srv.ScriptFaults("GET", "/v1/transactions/merchant/order-1", zentest.FaultLoseResponse, zentest.FaultStatus(500))

	c := srv.HTTPClient()
	for range 3 {
		req, _ := http.NewRequest("GET", srv.URL+"/v1/transactions/merchant/order-1", nil)
		req.Header.Set("Authorization", "Bearer "+srv.APIKey())
		req.Header.Set("request-id", "example-request-0123456789abcdefghijklmnop")
		res, err := c.Do(req)
		if err != nil {
			fmt.Println("no answer")
			continue
		}
		res.Body.Close()
		fmt.Println(res.Status)
	}
	for _, r := range srv.Requests() {
		fmt.Println(r.Fault, r.Status)
	}
	// Output:
	// no answer
	// 500 Internal Server Error
	// 404 Not Found
	// LoseResponse 404
	// ServerError 500
	// None 404
}

// A redirect to another host shows what a client following it gives away:
// here net/http sends a custom key header and a Referer with the query.
func ExampleServer_ElsewhereRequests() {
	srv := zentest.NewServer()
	defer srv.Close()
	srv.FailNext(1, zentest.FaultRedirectOtherHost(302))

	req, _ := http.NewRequest("GET", srv.URL+"/v1/transactions/merchant/order-1?customerEmail=a%40example.com", nil)
	req.Header.Set("x-api-key", "secret")
	res, err := srv.HTTPClient().Do(req) // follows the redirect
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Body.Close()
	for _, r := range srv.ElsewhereRequests() {
		fmt.Println(r.Method, r.Path, r.Query.Get("customerEmail"), r.Header.Get("x-api-key"), r.Header.Get("Referer") != "")
	}
	// Output:
	// GET /v1/transactions/merchant/order-1 a@example.com secret true
}

// A test plays the buyer from Go: it pays a hosted checkout and completes
// (or fails) 3-D Secure without fetching the fake's pages.
func ExampleServer_PayCheckout() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	co, err := client.Checkouts.Create(ctx, &zen.CheckoutCreateRequest{
		Amount: types.MustAmount("20.00"), Currency: "EUR", MerchantTransactionID: "cart-77",
		Customer: &types.TransactionCustomer{Email: "jan@example.com", FirstName: "Jan", LastName: "Kowalski"},
		Items:    []types.Item{types.NewItem("Gift card", types.MustAmount("20.00"), 1)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	tx, err := srv.PayCheckout(co.RedirectURL)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tx.MerchantTransactionID, tx.Status)

	threeDS, err := client.Purchases.Create(ctx, &zen.PurchaseCreateRequest{
		MerchantTransactionID: "order-3ds",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("15.00"),
		Currency:              "EUR",
		Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
		PaymentSpecificData: zen.OneTimePayment{
			Card:       zen.CardDetails{Number: zentest.Card3DS, ExpiryDate: "1230", CVV: "123"},
			Descriptor: "SHOP",
			ThreeDSOptions: zen.ThreeDSOptions{BrowserDetails: &zen.BrowserDetails{
				AcceptHeader: "text/html", ColorDepth: "24", Lang: "en", ScreenHeight: "800", ScreenWidth: "600",
				Timezone: "0", WindowSize: "05", UserAgent: "Mozilla/5.0",
			}},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(threeDS.Status, threeDS.Can().Redirect)
	failed, err := srv.Complete3DS(threeDS.ID, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(failed.Status, failed.RejectCode, failed.RejectReason)
	// Output:
	// cart-77 ACCEPTED
	// PENDING true
	// REJECTED C00019 Authentication failed
}
