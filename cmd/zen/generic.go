package main

import (
	"context"
	"flag"
	"fmt"
	"iter"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// The shapes most commands share: read by id, delete, list a page (or all
// pages), and send a body. Each command row picks one and names the SDK
// method it calls.

type (
	getFn[T any]     func(ctx context.Context, c *zen.Client, args []string) (*T, error)
	deleteFn         func(ctx context.Context, c *zen.Client, args []string) error
	sendFn[R, T any] func(ctx context.Context, c *zen.Client, args []string, req *R) (*T, error)
	// fieldsFn registers flags that set request fields and returns what
	// applies them once the -d body is decoded.
	fieldsFn[R any] func(fs *flag.FlagSet) func(a *app, args []string, req *R) error
)

// withClient runs do with the client built from the configuration.
func withClient(do func(a *app, c *zen.Client, args []string) error) func(*flag.FlagSet) action {
	return func(*flag.FlagSet) action {
		return func(a *app, args []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			return do(a, c, args)
		}
	}
}

func getCmd[T any](get getFn[T]) func(*flag.FlagSet) action {
	return withClient(func(a *app, c *zen.Client, args []string) error {
		v, err := get(a.ctx, c, args)
		if err != nil {
			return err
		}
		return a.print(v)
	})
}

// deleted is what a delete prints.
type deleted struct {
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

func deleteCmd(del deleteFn) func(*flag.FlagSet) action {
	return withClient(func(a *app, c *zen.Client, args []string) error {
		if err := del(a.ctx, c, args); err != nil {
			return err
		}
		return a.print(deleted{ID: args[len(args)-1], Deleted: true})
	})
}

// lister is a list endpoint of the SDK: one page, or every item of every
// page.
type lister[P, T any] interface {
	List(ctx context.Context, params P) (*types.Page[T], error)
	All(ctx context.Context, params P) iter.Seq2[T, error]
}

// customerLister is a list endpoint of one customer's sub-resource.
type customerLister[P, T any] interface {
	List(ctx context.Context, customerID string, params P) (*types.Page[T], error)
	All(ctx context.Context, customerID string, params P) iter.Seq2[T, error]
}

// ofCustomer is a customerLister bound to one customer.
type ofCustomer[P, T any] struct {
	l  customerLister[P, T]
	id string
}

func (o ofCustomer[P, T]) List(ctx context.Context, p P) (*types.Page[T], error) {
	return o.l.List(ctx, o.id, p)
}

func (o ofCustomer[P, T]) All(ctx context.Context, p P) iter.Seq2[T, error] {
	return o.l.All(ctx, o.id, p)
}

// paramsFn registers the flags of a list's params and returns what reads
// them once parsed.
type paramsFn[P any] func(fs *flag.FlagSet) func() P

// validator is a list's params, which the SDK checks.
type validator interface{ Validate() error }

// paged is a list's params that are its paging and nothing else.
type paged interface {
	~struct{ zen.ListParams }
	validator
}

// pageFlags registers --page and --per-page.
func pageFlags(fs *flag.FlagSet, page, perPage *int) {
	fs.IntVar(page, "page", 0, "page number (1-based; default ZEN's)")
	fs.IntVar(perPage, "per-page", 0, "items per page (default ZEN's)")
}

// pagingFlags registers --page, --per-page, --sort-by and --direction.
func pagingFlags(fs *flag.FlagSet) func() zen.ListParams {
	var p zen.ListParams
	pageFlags(fs, &p.Page, &p.ItemsPerPage)
	fs.StringVar(&p.SortBy, "sort-by", "", "member to sort by, e.g. createdAt")
	dir := fs.String("direction", "", "asc or desc")
	return func() zen.ListParams {
		p.Direction = types.Direction(*dir)
		return p
	}
}

// pagedParams is the paramsFn of every list whose params are only paging.
func pagedParams[P paged](fs *flag.FlagSet) func() P {
	paging := pagingFlags(fs)
	return func() P { return P(struct{ zen.ListParams }{paging()}) }
}

// listOf lists one page or, with --all, every item of the list svc picks
// from the client, with the flags of params (pagedParams for most).
func listOf[S lister[P, T], P validator, T any](params paramsFn[P], svc func(*zen.Client) S) func(*flag.FlagSet) action {
	return listAction(params, func(c *zen.Client, _ []string) lister[P, T] { return svc(c) })
}

// customerListOf is listOf for a sub-resource of customer args[0].
func customerListOf[S customerLister[P, T], P validator, T any](params paramsFn[P], svc func(*zen.Client) S) func(*flag.FlagSet) action {
	return listAction(params, func(c *zen.Client, args []string) lister[P, T] { return ofCustomer[P, T]{svc(c), args[0]} })
}

// listAction has the SDK validate the params (nothing is sent when they
// fail) and prints one page or, with --all, every item.
func listAction[P validator, T any](params paramsFn[P], svc func(c *zen.Client, args []string) lister[P, T]) func(*flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		get := params(fs)
		everything := fs.Bool("all", false, "every item of every page")
		return func(a *app, args []string) error {
			p := get()
			if err := p.Validate(); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			l := svc(c, args)
			return a.printPageOrAll(*everything,
				func() (any, error) { return l.List(a.ctx, p) },
				func() (any, error) { return collect(l.All(a.ctx, p)) })
		}
	}
}

// printPageOrAll prints every item (all) or one page.
func (a *app) printPageOrAll(everything bool, page, all func() (any, error)) error {
	get := page
	if everything {
		get = all
	}
	v, err := get()
	if err != nil {
		return err
	}
	return a.print(v)
}

func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	items := []T{}
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		items = append(items, v)
	}
	return items, nil
}

// sendCmd decodes -d into a new R, applies the command's field flags, has
// the SDK validate the result (nothing is sent when it fails) and sends it.
func sendCmd[R, T any](send sendFn[R, T], fields fieldsFn[R]) func(*flag.FlagSet) action {
	return func(fs *flag.FlagSet) action {
		d := fs.String("d", "", "request body: @file.json, - for stdin, or the JSON itself")
		var apply func(*app, []string, *R) error
		if fields != nil {
			apply = fields(fs)
		}
		return func(a *app, args []string) error {
			req := new(R)
			if err := a.decodeBody(*d, req, paymentData(req)); err != nil {
				return err
			}
			if apply != nil {
				if err := apply(a, args, req); err != nil {
					return err
				}
			}
			if err := validate(req); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			v, err := send(a.ctx, c, args, req)
			if err != nil {
				return err
			}
			if tx, ok := any(v).(*types.Transaction); ok && tx.IsRejected() {
				// The call succeeded (exit 0) and the output says REJECTED;
				// a person also gets the reason in words.
				fmt.Fprintf(a.stderr, "zen: note: ZEN rejected %s: %v\n", tx.MerchantTransactionID, tx.Err())
			}
			return a.print(v)
		}
	}
}

// paymentData is where a request keeps its paymentSpecificData, an
// interface the JSON decoder cannot fill by itself.
func paymentData(req any) *zen.PaymentSpecificData {
	switch r := req.(type) {
	case *zen.PurchaseCreateRequest:
		return &r.PaymentSpecificData
	case *zen.PurchaseRenewAuthorizationRequest:
		return &r.PaymentSpecificData
	case *zen.PayoutCreateRequest:
		return &r.PaymentSpecificData
	case *zen.PayoutRenewRequest:
		return &r.PaymentSpecificData
	}
	return nil
}
