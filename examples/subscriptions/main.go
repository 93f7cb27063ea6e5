// Command subscriptions shows recurring billing: create a product, give it
// a monthly plan with a trial, activate the plan, start a subscription with
// a card payment that names the plan, list products, plans and
// subscriptions with the All iterators, and cancel the subscription.
//
//	go run ./examples/subscriptions
package main

import (
	"context"
	"fmt"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	subs := env.Client.Subscriptions

	product, err := subs.Products.Create(ctx, &zen.ProductCreateRequest{
		Name:        "Coffee club",
		Description: "A bag of freshly roasted beans every month",
		Type:        zen.ProductTypeProduct,
		URL:         "https://shop.example/coffee-club",
	})
	if err != nil {
		return fmt.Errorf("create product: %w", err)
	}
	fmt.Printf("1. Product %q created: id=%s status=%s\n", product.Name, product.ID, product.Status)

	plan, err := subs.Plans.Create(ctx, &zen.PlanCreateRequest{
		ProductID:       product.ID,
		Amount:          types.MustAmount("19.90"),
		Currency:        "EUR",
		IntervalUnit:    zen.IntervalMonth,
		IntervalCount:   1,
		TrialPeriodDays: zen.Ptr(14),
		SetupFee:        zen.Ptr(types.MustAmount("5.00")),
		TotalCount:      zen.Ptr(12),
	})
	if err != nil {
		return fmt.Errorf("create plan: %w", err)
	}
	fmt.Println("2. Plan created:  ", describePlan(plan))

	// A new plan takes no subscriptions until it is activated.
	if plan, err = subs.Plans.Activate(ctx, plan.ID); err != nil {
		return fmt.Errorf("activate plan: %w", err)
	}
	fmt.Println("3. Plan activated:", describePlan(plan))

	// The first card payment naming the plan (and the customer's id)
	// starts the subscription; ZEN charges the saved card after that.
	order := exenv.MerchantID("signup")
	req := exenv.CardPurchase(order, zentest.CardApproved, "EUR", "", types.NewItem("Coffee club: first month", plan.Amount, 1))
	req.Customer.ID = "customer-" + order
	card := req.PaymentSpecificData.(zen.OneTimePayment)
	card.Subscription = &zen.PaymentSubscription{PlanID: plan.ID}
	req.PaymentSpecificData = card
	tx, err := env.Client.Purchases.Create(ctx, req)
	if err != nil {
		return fmt.Errorf("sign-up purchase: %w", err)
	}
	if err := tx.Err(); err != nil {
		return fmt.Errorf("sign-up purchase declined: %w", err)
	}
	fmt.Println("4. Sign-up payment:", exenv.Tx(tx))

	fmt.Println("5. Listing with the All iterators (this run's entries):")
	for p, err := range subs.Products.All(ctx, zen.ProductListParams{}) {
		if err != nil {
			return fmt.Errorf("list products: %w", err)
		}
		if p.ID == product.ID {
			fmt.Printf("   product      %s %q %s\n", p.ID, p.Name, p.Status)
		}
	}
	for p, err := range subs.Plans.All(ctx, zen.PlanListParams{}) {
		if err != nil {
			return fmt.Errorf("list plans: %w", err)
		}
		if p.ProductID == product.ID {
			fmt.Println("   plan        ", describePlan(&p))
		}
	}
	var mine *zen.Subscription
	for s, err := range subs.All(ctx, zen.SubscriptionListParams{}) {
		if err != nil {
			return fmt.Errorf("list subscriptions: %w", err)
		}
		if s.PlanID == plan.ID {
			fmt.Println("   subscription", describeSubscription(&s))
			mine = &s
		}
	}
	if mine == nil {
		if env.Fake != nil {
			return fmt.Errorf("the sign-up payment started no subscription to plan %s", plan.ID)
		}
		fmt.Println("   no subscription to the plan yet: ZEN may start it once the payment settles")
		return nil
	}

	canceled, err := subs.Cancel(ctx, mine.ID)
	if err != nil {
		return fmt.Errorf("cancel subscription: %w", err)
	}
	fmt.Println("6. Canceled:      ", describeSubscription(canceled))
	return nil
}

func describePlan(p *zen.Plan) string {
	s := fmt.Sprintf("%s %s %s every %d %s", p.ID, p.Status, p.Amount, p.IntervalCount, p.IntervalUnit)
	if p.TrialPeriodDays > 0 {
		s += fmt.Sprintf(", %d-day trial", p.TrialPeriodDays)
	}
	if p.SetupFee != nil {
		s += ", setup fee " + p.SetupFee.String()
	}
	return s + " " + p.Currency
}

func describeSubscription(s *zen.Subscription) string {
	out := fmt.Sprintf("%s %s customer=%s", s.ID, s.Status, s.CustomerID)
	if s.NextChargeDate != nil && s.Status == zen.SubscriptionActive {
		out += " next charge " + s.NextChargeDate.String()
	}
	if s.EndDate != nil {
		out += " ended " + s.EndDate.String()
	}
	return out
}
