package zen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

func ExampleSubscriptionService_AllProducts() {
	srv := cannedZEN(map[string]string{
		"GET /v1/subscriptions/products": `{"data":[
			{"id":"6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f","name":"Gold","description":"Gold membership","type":"service","status":"verified"},
			{"id":"0b7c6e2a-8d1f-4f5e-a3b2-9c8d7e6f5a4b","name":"Box","description":"Monthly box","type":"product","status":"pending"}],
			"meta":{"page":"1","itemsPerPage":"10","direction":"asc","sortBy":"createdAt"}}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	// The iterator fetches further pages only while the loop runs.
	params := zen.ProductListParams{ListParams: zen.ListParams{SortBy: "createdAt"}}
	for p, err := range client.Subscriptions.AllProducts(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.Name, p.Type, p.Status)
	}
	// Output:
	// Gold service verified
	// Box product pending
}

func ExampleSubscriptionService_CreatePlan() {
	plan := `{"id":"plan-1","productId":"6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f","status":%s,"amount":"9.99",
		"currency":"EUR","intervalUnit":"month","intervalCount":1,"trialPeriodDays":14,"setupFee":"5.00"}`
	srv := cannedZEN(map[string]string{
		"POST /v1/subscriptions/plans":                 fmt.Sprintf(plan, `false`),
		"POST /v1/subscriptions/plans/plan-1/activate": fmt.Sprintf(plan, `true`),
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	p, err := client.Subscriptions.CreatePlan(ctx, &zen.PlanCreateRequest{
		ProductID:       "6f1c1f3e-5a4b-4c3d-9e2f-1a2b3c4d5e6f",
		Amount:          types.MustAmount("9.99"),
		Currency:        "EUR",
		IntervalUnit:    zen.IntervalMonth,
		IntervalCount:   1,
		TrialPeriodDays: zen.Ptr(14),
		SetupFee:        zen.Ptr(types.MustAmount("5.00")),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.ID, p.Amount, p.Currency, "every", p.IntervalCount, p.IntervalUnit, "status", p.Status)
	if p, err = client.Subscriptions.ActivatePlan(ctx, p.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.ID, "status", p.Status)
	// Output:
	// plan-1 9.99 EUR every 1 month status inactive
	// plan-1 status active
}

func ExampleSubscriptionService_Cancel() {
	srv := cannedZEN(map[string]string{
		"POST /v1/subscriptions/sub-1/cancel": `{"id":"sub-1","planId":"plan-1","customerId":"cus-1",
			"status":"canceled","cancelReason":"customer request","startDate":"2025-01-01"}`,
	})
	defer srv.Close()

	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	s, err := client.Subscriptions.Cancel(context.Background(), "sub-1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %s (%s), started %s\n", s.ID, s.Status, s.CancelReason, s.StartDate)
	// Output: sub-1 canceled (customer request), started 2025-01-01
}
