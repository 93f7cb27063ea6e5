package zen

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

// unmarshalable is an item type whose JSON encoding always fails.
type unmarshalable struct{ N int }

func (unmarshalable) MarshalJSON() ([]byte, error) { return nil, errors.New("no encoding") }

// fakePages serves pages[i] for page i+1 and counts the fetches.
func fakePages[T any](pages [][]T, fetches *int) func(context.Context, ListParams) (*types.Page[T], error) {
	return func(_ context.Context, p ListParams) (*types.Page[T], error) {
		*fetches++
		i := max(p.Page, 1) - 1
		if i >= len(pages) {
			return &types.Page[T]{}, nil
		}
		return &types.Page[T]{Data: pages[i], Meta: types.PageMeta{ItemsPerPage: 2}}, nil
	}
}

// Two different pages are not "a repeated page" just because their items
// cannot be encoded as JSON.
func TestIterateRepeatCheckDoesNotNeedJSON(t *testing.T) {
	var fetches int
	pages := [][]unmarshalable{{{1}, {2}}, {{3}, {4}}, {{5}}}
	var got []int
	for v, err := range iterate(context.Background(), ListParams{}, fakePages(pages, &fetches), nextPage) {
		require.NoError(t, err)
		got = append(got, v.N)
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5}, got)
	assert.Equal(t, 3, fetches)
}

func TestIterateStopsOnRepeatedPage(t *testing.T) {
	var fetches int
	same := []json.Number{"1", "2"}
	var got []json.Number
	var errs []error
	for v, err := range iterate(context.Background(), ListParams{}, fakePages([][]json.Number{same, same, same}, &fetches), nextPage) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, v)
	}
	assert.Equal(t, same, got)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrRepeatedPage)
	assert.EqualError(t, errs[0], "zen: list page repeats the previous page (page 2 of this walk); stopping")
	assert.Equal(t, 2, fetches)
}

// A context cancelled while the loop works on a page ends the walk before
// the next fetch, with the context's error yielded once.
func TestIterateStopsWhenContextIsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var fetches int
	pages := [][]json.Number{{"1", "2"}, {"3", "4"}, {"5"}}
	var got []json.Number
	var errs []error
	for v, err := range iterate(ctx, ListParams{}, fakePages(pages, &fetches), nextPage) {
		if err != nil {
			errs = append(errs, err)
			continue // keep asking: the iterator must stop by itself
		}
		got = append(got, v)
		cancel()
	}
	assert.Equal(t, []json.Number{"1", "2"}, got)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Equal(t, 1, fetches)
}

// The walk starts from the caller's page, asks for the following ones and
// leaves the caller's params as they were.
func TestIterateAdvancesFromCallersPage(t *testing.T) {
	var asked []int
	fetch := func(_ context.Context, p ListParams) (*types.Page[int], error) {
		asked = append(asked, p.Page)
		if p.Page >= 4 {
			return &types.Page[int]{Data: []int{p.Page}}, nil
		}
		return &types.Page[int]{Data: []int{p.Page, p.Page}, Meta: types.PageMeta{ItemsPerPage: 2}}, nil
	}
	params := ListParams{Page: 2, ItemsPerPage: 2}
	var got []int
	for v, err := range iterate(context.Background(), params, fetch, nextPage) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []int{2, 3, 4}, asked)
	assert.Equal(t, []int{2, 2, 3, 3, 4}, got)
	assert.Equal(t, ListParams{Page: 2, ItemsPerPage: 2}, params)
}

func TestNextPageStopConditions(t *testing.T) {
	yes, no := Ptr(true), Ptr(false)
	for _, tc := range []struct {
		name     string
		p        ListParams
		n        int
		meta     types.PageMeta
		wantMore bool
		wantPage int
	}{
		{"empty page", ListParams{}, 0, types.PageMeta{ItemsPerPage: 10}, false, 0},
		{"short page", ListParams{}, 9, types.PageMeta{ItemsPerPage: 10}, false, 0},
		{"full page", ListParams{}, 10, types.PageMeta{ItemsPerPage: 10}, true, 2},
		{"full page, hasMore false", ListParams{}, 10, types.PageMeta{ItemsPerPage: 10, HasMore: no}, false, 0},
		{"full page, hasMore true", ListParams{Page: 3}, 10, types.PageMeta{ItemsPerPage: 10, HasMore: yes}, true, 4},
		{"size from params without meta", ListParams{ItemsPerPage: 5}, 5, types.PageMeta{}, true, 2},
		{"short against params size", ListParams{ItemsPerPage: 5}, 4, types.PageMeta{}, false, 0},
		{"ZEN's default size without meta or params", ListParams{}, 10, types.PageMeta{}, true, 2},
		{"meta size wins over params", ListParams{ItemsPerPage: 50}, 20, types.PageMeta{ItemsPerPage: 20}, true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, more := nextPage(tc.p, tc.n, tc.meta)
			assert.Equal(t, tc.wantMore, more)
			if more {
				assert.Equal(t, tc.wantPage, next.Page)
			}
		})
	}
}
