// Command subscriptions shows recurring billing: create a product, give it
// a monthly plan with a trial, activate the plan, start a subscription with
// a card payment that names the plan (captured when the terminal leaves
// that to the merchant), list products, plans and subscriptions with the
// All iterators, wait (boundedly) for ZEN to start the subscription, cancel
// it and read it back to see the cancel took effect.
//
//	go run ./examples/subscriptions
package main

import (
	"context"
	"fmt"
	"time"

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
	switch {
	case tx.Can().Capture:
		tx, err = env.Client.Purchases.Capture(ctx, &zen.PurchaseCaptureRequest{TransactionID: tx.ID, MerchantTransactionID: order, Amount: tx.Amount, Currency: tx.Currency})
		if err != nil {
			return fmt.Errorf("capture sign-up payment: %w", err)
		}
		fmt.Println("   captured:       ", exenv.Tx(tx))
	case tx.Status != types.StatusAccepted:
		fmt.Printf("   the payment is %s, so no subscription starts yet; stopping here\n", tx.Status)
		return nil
	}

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
	mine, err := waitForSubscription(ctx, env, plan.ID)
	if err != nil {
		return err
	}
	fmt.Println("   subscription", describeSubscription(mine))

	canceled, err := subs.Cancel(ctx, mine.ID)
	if err != nil {
		return fmt.Errorf("cancel subscription: %w", err)
	}
	fmt.Println("6. Canceled:      ", describeSubscription(canceled))
	got, err := subs.Get(ctx, mine.ID)
	if err != nil {
		return fmt.Errorf("get subscription: %w", err)
	}
	if got.Status != zen.SubscriptionCanceled {
		return fmt.Errorf("subscription %s is %s after Cancel, not %s", got.ID, got.Status, zen.SubscriptionCanceled)
	}
	fmt.Println("7. Read back:     ", describeSubscription(got))
	return nil
}

// waitForSubscription finds the subscription the sign-up payment started:
// at once on the fake, within a minute (polling every 2 seconds) on ZEN,
// which may start it only once the payment settles.
func waitForSubscription(ctx context.Context, env *exenv.Env, planID string) (*zen.Subscription, error) {
	bound, every := time.Minute, 2*time.Second
	if env.Fake != nil {
		bound = 0
	}
	deadline := time.Now().Add(bound)
	for {
		for s, err := range env.Client.Subscriptions.All(ctx, zen.SubscriptionListParams{}) {
			if err != nil {
				return nil, fmt.Errorf("list subscriptions: %w", err)
			}
			if s.PlanID == planID {
				return &s, nil
			}
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("the sign-up payment started no subscription to plan %s within %s", planID, bound)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(every):
		}
	}
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
