package zen_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExampleProductService_All() {
	srv := zentest.NewServer() // the offline fake of api.zen.com
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production
	ctx := context.Background()

	for _, p := range []zen.ProductCreateRequest{
		{Name: "Gold", Description: "Gold membership", Type: zen.ProductTypeService},
		{Name: "Box", Description: "Monthly box", Type: zen.ProductTypeProduct},
		{Name: "Club", Description: "Book club", Type: zen.ProductTypeService},
	} {
		if _, err := client.Subscriptions.Products.Create(ctx, &p); err != nil {
			log.Fatal(err)
		}
	}

	// The iterator fetches further pages (two products each) only while
	// the loop runs.
	params := zen.ProductListParams{ListParams: zen.ListParams{ItemsPerPage: 2, SortBy: "createdAt"}}
	for p, err := range client.Subscriptions.Products.All(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.Name, p.Type, p.Status)
	}
	// Output:
	// Gold service verified
	// Box product verified
	// Club service verified
}

func ExamplePlanService_Create() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	p, err := client.Subscriptions.Plans.Create(ctx, &zen.PlanCreateRequest{
		ProductID:       goldProduct(ctx, client).ID,
		Amount:          types.MustAmount("9.90"),
		Currency:        "EUR",
		IntervalUnit:    zen.IntervalMonth,
		IntervalCount:   1,
		TrialPeriodDays: zen.Ptr(14),
		SetupFee:        zen.Ptr(types.MustAmount("5.00")),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Amount, p.Currency, "every", p.IntervalCount, p.IntervalUnit, "status", p.Status)
	// A new plan takes no subscriptions until it is activated.
	if p, err = client.Subscriptions.Plans.Activate(ctx, p.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println("status", p.Status)
	// Output:
	// 9.90 EUR every 1 month status inactive
	// status active
}

// A card payment naming a plan starts the subscription; later charges
// use the saved card with RecurringTokenPayment.
func ExampleSubscriptionService_Get() {
	clock := zentest.NewManualClock(time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC))
	srv := zentest.NewServer(zentest.WithClock(clock.Now))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	plan := activePlan(ctx, client)

	customer := &types.TransactionCustomer{ID: "5b1f9f3e-8c1a-4d2b-9e3f-7a6b5c4d3e2f", Email: "jane@example.com", IP: "203.0.113.7"}
	first, err := client.Purchases.Create(ctx, &zen.PurchaseCreateRequest{
		MerchantTransactionID: "gold-jane-1",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("9.90"),
		Currency:              "EUR",
		Customer:              customer,
		PaymentSpecificData: zen.OneTimePayment{
			Card:       zen.CardDetails{Number: zentest.CardApproved, ExpiryDate: "1230", CVV: "123"},
			Descriptor: "Gold membership",
			SaveCard:   zen.Ptr(true), // for the later charges
			ThreeDSOptions: zen.ThreeDSOptions{
				Subscription: &zen.PaymentSubscription{PlanID: plan.ID},
				BrowserDetails: &zen.BrowserDetails{
					AcceptHeader: "text/html", ColorDepth: "24", Lang: "en-GB", ScreenHeight: "1080",
					ScreenWidth: "1920", Timezone: "0", WindowSize: zen.WindowSizeFullScreen, UserAgent: "Mozilla/5.0",
				},
			},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	subs, err := client.Subscriptions.List(ctx, zen.SubscriptionListParams{})
	if err != nil {
		log.Fatal(err)
	}
	sub := subs.Data[0]
	fmt.Println(sub.Status, "since", sub.StartDate, "next charge", sub.NextChargeDate)

	// A month later: charge the saved card for this subscription.
	clock.Advance(31 * 24 * time.Hour)
	_, err = client.Purchases.Create(ctx, &zen.PurchaseCreateRequest{
		MerchantTransactionID: "gold-jane-2",
		PaymentChannel:        types.ChannelCard,
		Amount:                types.MustAmount("9.90"),
		Currency:              "EUR",
		Customer:              customer,
		PaymentSpecificData: zen.RecurringTokenPayment{
			CardToken:          first.CardInfo.Token,
			Descriptor:         "Gold membership",
			FirstTransactionID: first.ID,
			SubscriptionID:     sub.ID,
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.Subscriptions.Get(ctx, sub.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Status, "next charge", got.NextChargeDate)
	// Output:
	// active since 2025-03-10 next charge 2025-04-10
	// active next charge 2025-05-10
}

func ExampleSubscriptionService_Cancel() {
	clock := zentest.NewManualClock(time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC))
	srv := zentest.NewServer(zentest.WithClock(clock.Now))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// A test control of the fake starts a subscription without a payment.
	s, err := srv.CreateSubscription(activePlan(ctx, client).ID, types.TransactionCustomer{ID: "cus-1", Email: "jane@example.com"})
	if err != nil {
		log.Fatal(err)
	}

	clock.Advance(45 * 24 * time.Hour)
	canceled, err := client.Subscriptions.Cancel(ctx, s.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%s), %s to %s\n", canceled.Status, canceled.CancelReason, canceled.StartDate, canceled.EndDate)
	// Output: canceled (canceled by the merchant), 2025-01-01 to 2025-02-15
}

// goldProduct creates the subscription product of the examples.
func goldProduct(ctx context.Context, client *zen.Client) *zen.Product {
	product, err := client.Subscriptions.Products.Create(ctx, &zen.ProductCreateRequest{
		Name: "Gold", Description: "Gold membership", Type: zen.ProductTypeService,
	})
	if err != nil {
		log.Fatal(err)
	}
	return product
}

// activePlan creates a product and an active monthly plan of 9.90 EUR.
func activePlan(ctx context.Context, client *zen.Client) *zen.Plan {
	plan, err := client.Subscriptions.Plans.Create(ctx, &zen.PlanCreateRequest{
		ProductID: goldProduct(ctx, client).ID, Amount: types.MustAmount("9.90"), Currency: "EUR",
		IntervalUnit: zen.IntervalMonth, IntervalCount: 1,
	})
	if err != nil {
		log.Fatal(err)
	}
	if plan, err = client.Subscriptions.Plans.Activate(ctx, plan.ID); err != nil {
		log.Fatal(err)
	}
	return plan
}
