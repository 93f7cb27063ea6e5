package zen

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/zen-go/zen/types"
)

var categorySentinels = []error{ErrDeclined, ErrAuthenticationFailed, ErrInvalidRequest, ErrWrongState,
	ErrConfiguration, ErrProviderUnavailable, ErrUnclassified}

// TestAPIErrorCarriesCatalogueCode: an error body whose code is in ZEN's
// catalogue gives the APIError its description and category, and errors.Is
// matches the category's sentinel as well as the status code's; ZEN's
// plain status codes ("400") and unknown codes match no category.
func TestAPIErrorCarriesCatalogueCode(t *testing.T) {
	cases := []struct {
		name        string
		status      int
		body        string
		code        string
		description string
		category    ErrorCategory
		sentinel    error // the category's
		statusErr   error // the status code's
	}{
		{"wrong state", 400, `{"error":{"code":"C40094","message":"Duplicate transaction"}}`,
			"C40094", "Duplicate transaction", types.CategoryWrongState, ErrWrongState, ErrValidation},
		{"invalid request", 400, `{"error":{"code":"E40199","message":"Wrong transaction type"}}`,
			"E40199", "Wrong transaction type", types.CategoryInvalidRequest, ErrInvalidRequest, ErrValidation},
		{"provider", 503, `{"errorCode":"C00008","errorMessage":"timeout"}`,
			"C00008", "Psp request timeout", types.CategoryProviderUnavailable, ErrProviderUnavailable, ErrServer},
		{"configuration", 403, `{"code":"C10001","message":"no provider"}`,
			"C10001", "Unable to determine provider", types.CategoryConfiguration, ErrConfiguration, ErrForbidden},
		{"status as code", 404, `{"error":{"code":"404","message":"Record Not Found"}}`,
			"404", "", types.CategoryUnknown, nil, ErrNotFound},
		{"unknown code", 400, `{"error":{"code":"E99999","message":"new"}}`,
			"E99999", "", types.CategoryUnknown, nil, ErrValidation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if info, ok := types.LookupErrorCode(tc.code); ok {
				// Keep the case table honest against the catalogue.
				require.Equal(t, tc.category, info.Category)
			}
			c, mock := newTestClient(t, WithMaxRetries(0))
			expectRequest(t, mock, wantRequest{Method: http.MethodGet, Path: "/v1/transactions/" + testTxID}, tc.status, tc.body)
			_, err := c.Purchases.Get(context.Background(), testTxID)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.code, ae.Code)
			assert.Equal(t, tc.description, ae.Description())
			assert.Equal(t, tc.category, ae.Category())
			assert.ErrorIs(t, err, tc.statusErr)
			for _, s := range categorySentinels {
				assert.Equal(t, s == tc.sentinel, errors.Is(err, s), "errors.Is(%v)", s)
			}
		})
	}
}

// TestRejectErrorCategoryThroughZen: a REJECTED purchase's tx.Err()
// matches zen.ErrDeclined for an insufficient-funds code and
// zen.ErrProviderUnavailable for a provider timeout.
func TestRejectErrorCategoryThroughZen(t *testing.T) {
	declined := (&types.Transaction{ID: "t1", Status: types.StatusRejected, RejectCode: types.RejectInsufficientFunds}).Err()
	assert.ErrorIs(t, declined, ErrDeclined)
	assert.ErrorIs(t, declined, ErrRejected)
	assert.NotErrorIs(t, declined, ErrProviderUnavailable)
	var re *RejectError
	require.ErrorAs(t, declined, &re)
	assert.Equal(t, "Insufficient funds", re.Description())

	later := (&types.Transaction{ID: "t2", Status: types.StatusRejected, RejectCode: "C00008"}).Err()
	assert.ErrorIs(t, later, ErrProviderUnavailable)
	assert.NotErrorIs(t, later, ErrDeclined)
}
