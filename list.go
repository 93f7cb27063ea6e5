package zen

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"reflect"
	"strconv"

	"github.com/zen-go/zen/internal/validate"
	"github.com/zen-go/zen/types"
)

// ListParams are the paging parameters shared by ZEN's page-numbered lists.
// Zero values are left out, so ZEN's defaults apply (page 1, 10 per page,
// ascending by createdAt).
type ListParams struct {
	Page         int             // 1-based page number
	ItemsPerPage int             // page size
	Direction    types.Direction // asc or desc
	SortBy       string          // e.g. "createdAt"
}

// Validate checks the paging values.
func (p ListParams) Validate() error {
	v := validate.New()
	p.check(v)
	return v.Err()
}

func (p ListParams) check(v *validate.Checker) {
	if p.Page < 0 {
		v.Fail("page", "must be at least 1")
	}
	if p.ItemsPerPage < 0 {
		v.Fail("itemsPerPage", "must be at least 1")
	}
	if p.Direction != "" && !p.Direction.IsKnown() {
		v.Fail("direction", "must be asc or desc")
	}
	v.Filter("sortBy", p.SortBy)
}

// encode adds the non-zero paging values to q.
func (p ListParams) encode(q url.Values) {
	if p.Page > 0 {
		q.Set("page", strconv.Itoa(p.Page))
	}
	if p.ItemsPerPage > 0 {
		q.Set("itemsPerPage", strconv.Itoa(p.ItemsPerPage))
	}
	if p.Direction != "" {
		q.Set("direction", string(p.Direction))
	}
	if p.SortBy != "" {
		q.Set("sortBy", p.SortBy)
	}
}

// listParams gives list params types that embed ListParams access to their
// paging values, for allPages.
func (p *ListParams) listParams() *ListParams { return p }

// allPages walks a page-numbered list lazily with list (see iterate);
// params is any params type embedding ListParams, copied and moved from
// page to page.
func allPages[P any, PP interface {
	*P
	listParams() *ListParams
}, T any](ctx context.Context, params P, list func(context.Context, P) (*types.Page[T], error)) iter.Seq2[T, error] {
	return iterate(ctx, params, list, func(p P, n int, meta types.PageMeta) (P, bool) {
		lp := PP(&p).listParams()
		next, more := nextPage(*lp, n, meta)
		*lp = next
		return p, more
	})
}

// defaultItemsPerPage is ZEN's documented default page size.
const defaultItemsPerPage = 10

// nextPage moves page-numbered params to the next page after one that held
// n items, or reports false when that was the last page: it held fewer
// items than a full page, or none, or meta said hasMore false.
func nextPage(p ListParams, n int, meta types.PageMeta) (ListParams, bool) {
	size := int(meta.ItemsPerPage)
	if size <= 0 {
		size = p.ItemsPerPage
	}
	if size <= 0 {
		size = defaultItemsPerPage
	}
	if n == 0 || n < size || (meta.HasMore != nil && !*meta.HasMore) {
		return p, false
	}
	if p.Page < 1 {
		p.Page = 1
	}
	p.Page++
	return p, true
}

// iterate walks a list lazily: it fetches a page only when the loop needs
// its first item, stops after the last page or when the loop breaks, and
// stops with an error when a page comes back identical to the previous one
// (a server that ignores the paging parameters would otherwise loop
// forever). P is passed by value, so the caller's params are never
// changed; advance gets the params, item count and meta of the page just
// walked and returns the params of the following page, or false after the
// last one.
func iterate[P any, T any](ctx context.Context, params P,
	fetch func(context.Context, P) (*types.Page[T], error),
	advance func(p P, n int, meta types.PageMeta) (P, bool),
) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var last []T
		if err := validate.Context(ctx); err != nil {
			yield(zero, err)
			return
		}
		p := params
		for n := 1; ; n++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			pg, err := fetch(ctx, p)
			if err != nil {
				yield(zero, err)
				return
			}
			if n > 1 && len(pg.Data) > 0 && reflect.DeepEqual(pg.Data, last) {
				yield(zero, fmt.Errorf("%w (page %d of this walk); stopping", ErrRepeatedPage, n))
				return
			}
			last = pg.Data
			for _, item := range pg.Data {
				if !yield(item, nil) {
					return
				}
			}
			next, more := advance(p, len(pg.Data), pg.Meta)
			if !more {
				return
			}
			p = next
		}
	}
}
