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
	assert.EqualError(t, errs[0], "zen: list page repeats the previous page (page 2); stopping")
	assert.Equal(t, 2, fetches)
}
