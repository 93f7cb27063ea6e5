// Command paymentlinks shows pay-by-link orders: create links to send to
// customers, list them with the All iterator (which fetches pages as the
// loop goes), read one back, extend its expiry and hide another. Against
// the embedded fake it also plays the customer paying the first link, whose
// status then becomes PAYMENT_PROCESSED.
//
//	go run ./examples/paymentlinks
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	links := env.Client.PaymentLinks
	buyer := exenv.Buyer()
	start := time.Now().Add(-time.Minute) // lists below show this run's links
	week := time.Now().Add(7 * 24 * time.Hour).UTC().Truncate(time.Second)

	create := func(amount, currency string, items ...zen.PaymentLinkItem) (*zen.PaymentLinkCreated, error) {
		return links.Create(ctx, &zen.PaymentLinkCreateRequest{
			MerchantTransactionID: exenv.MerchantID("link"),
			Amount:                types.MustAmount(amount),
			Currency:              currency,
			Customer:              zen.PaymentLinkCustomer{Email: buyer.Email, FirstName: buyer.FirstName, LastName: buyer.LastName},
			Items:                 items,
			ExpirationDate:        week,
		})
	}
	invoice, err := create("60.00", "EUR",
		zen.PaymentLinkItem{Name: "Yoga class (10 entries)", Price: types.MustAmount("55.00"), Quantity: types.NewQuantity(1)},
		zen.PaymentLinkItem{Name: "Mat rental", Price: types.MustAmount("5.00"), Quantity: types.NewQuantity(1)})
	if err != nil {
		return fmt.Errorf("create link: %w", err)
	}
	fmt.Printf("1. Link created: id=%s\n   send to %s: %s\n", invoice.ID, buyer.Email, invoice.URL)
	deposit, err := create("20.00", "EUR", zen.PaymentLinkItem{Name: "Deposit", Price: types.MustAmount("20.00"), Quantity: types.NewQuantity(1)})
	if err != nil {
		return fmt.Errorf("create link: %w", err)
	}
	fmt.Printf("2. Link created: id=%s\n", deposit.ID)

	// All fetches one page (here 1 link) at a time, only as the loop asks.
	fmt.Println("3. This customer's EUR links (All, one link per page):")
	params := zen.PaymentLinkListParams{
		ItemsPerPage:     1,
		CustomerEmail:    buyer.Email,
		Currency:         "EUR",
		CreationDateFrom: start,
	}
	if err := printLinks(ctx, env, params); err != nil {
		return err
	}

	got, err := links.Get(ctx, invoice.ID)
	if err != nil {
		return fmt.Errorf("get link: %w", err)
	}
	fmt.Println("4. Read back:", describe(got))

	later := week.Add(7 * 24 * time.Hour)
	got, err = links.Update(ctx, invoice.ID, &zen.PaymentLinkUpdateRequest{ExpirationDate: &later})
	if err != nil {
		return fmt.Errorf("update link: %w", err)
	}
	fmt.Println("5. Expiry extended:", describe(got))
	got, err = links.Update(ctx, deposit.ID, &zen.PaymentLinkUpdateRequest{Hidden: zen.Ptr(true)})
	if err != nil {
		return fmt.Errorf("update link: %w", err)
	}
	fmt.Println("6. Deposit hidden:", describe(got))

	if env.Fake != nil {
		paid, err := env.Fake.PayCheckout(invoice.URL)
		if err != nil {
			return fmt.Errorf("buyer: %w", err)
		}
		fmt.Println("7. The customer paid the first link on the fake's page:", exenv.Tx(&paid))
	} else {
		fmt.Println("7. Open", invoice.URL, "to pay the first link")
	}
	fmt.Println("8. Links now (hidden ones left out by default):")
	return printLinks(ctx, env, params)
}

// printLinks prints at most 20 links matching params.
func printLinks(ctx context.Context, env *exenv.Env, params zen.PaymentLinkListParams) error {
	n := 0
	for link, err := range env.Client.PaymentLinks.All(ctx, params) {
		if err != nil {
			return fmt.Errorf("list links: %w", err)
		}
		fmt.Println("   -", describe(&link))
		if n++; n == 20 {
			break // the loop may stop early: no further page is fetched
		}
	}
	if n == 0 {
		fmt.Println("   (none)")
	}
	return nil
}

func describe(l *zen.PaymentLink) string {
	s := fmt.Sprintf("%s %s", l.ID, l.Status)
	if l.Amount != nil {
		s += fmt.Sprintf(" %s %s", l.Amount.Amount, l.Amount.Currency)
	}
	if l.ExpirationDate != nil {
		s += " expires " + l.ExpirationDate.UTC().Format(time.DateOnly)
	}
	if l.Hidden != nil && *l.Hidden {
		s += " (hidden)"
	}
	return s
}
