package types

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tsvCategory is the generator's mapping, restated: the tsv names a
// category in its own words, the table holds ours.
var tsvCategory = map[string]ErrorCategory{
	"declined":        CategoryDeclined,
	"authentication":  CategoryAuthenticationFailed,
	"invalid_request": CategoryInvalidRequest,
	"state":           CategoryWrongState,
	"configuration":   CategoryConfiguration,
	"provider_error":  CategoryProviderUnavailable,
	"other":           CategoryUnclassified,
}

// TestEveryCatalogueRowIsInTheTable reads the repository's copy of ZEN's
// catalogue and finds each of its rows, with its description and category,
// in the generated table, and nothing else there.
func TestEveryCatalogueRowIsInTheTable(t *testing.T) {
	f, err := os.Open("../internal/gen/errcodes/error-codes.tsv")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	require.True(t, sc.Scan(), "header")
	n := 0
	counts := map[ErrorCategory]int{}
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		require.Len(t, cols, 4, sc.Text())
		info, ok := LookupErrorCode(cols[0])
		require.True(t, ok, "code %s missing from the table", cols[0])
		want := tsvCategory[cols[3]]
		require.NotEqual(t, CategoryUnknown, want, "tsv category %q", cols[3])
		assert.Equal(t, ErrorCodeInfo{Code: cols[0], Description: cols[2], Category: want}, info)
		assert.Equal(t, cols[2], RejectCode(cols[0]).Description())
		assert.Equal(t, want, RejectCode(cols[0]).Category())
		counts[want]++
		n++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, 492, n, "REFERENCE §13.3 counts 492 codes")
	assert.Len(t, ErrorCodes(), n, "the table has exactly the tsv's rows")
	assert.Equal(t, map[ErrorCategory]int{
		CategoryInvalidRequest: 123, CategoryProviderUnavailable: 97, CategoryDeclined: 93,
		CategoryWrongState: 63, CategoryAuthenticationFailed: 47, CategoryUnclassified: 36,
		CategoryConfiguration: 33,
	}, counts)
}

// TestRejectErrorMatchesItsCategory uses one real catalogue code per
// category: errors.Is matches ErrRejected and the category's sentinel, and
// no other category's.
func TestRejectErrorMatchesItsCategory(t *testing.T) {
	sentinels := []error{ErrDeclined, ErrAuthenticationFailed, ErrInvalidRequest, ErrWrongState,
		ErrConfiguration, ErrProviderUnavailable, ErrUnclassified}
	cases := []struct {
		code        RejectCode
		description string
		category    ErrorCategory
		want        error
	}{
		{RejectInsufficientFunds, "Insufficient funds", CategoryDeclined, ErrDeclined},
		{RejectDoNotHonor, "Do not honor", CategoryDeclined, ErrDeclined},
		{RejectDeclinedByUser, "Declined by user", CategoryDeclined, ErrDeclined},
		{RejectAuthenticationFailed, "Authentication failed", CategoryAuthenticationFailed, ErrAuthenticationFailed},
		{RejectWrongTransactionType, "Wrong transaction type", CategoryInvalidRequest, ErrInvalidRequest},
		{"C00013", "Transaction not found on psp", CategoryWrongState, ErrWrongState},
		{"C10001", "Unable to determine provider", CategoryConfiguration, ErrConfiguration},
		{"C00008", "Psp request timeout", CategoryProviderUnavailable, ErrProviderUnavailable},
		{"C00010", "Conflict (409) returned by provider", CategoryUnclassified, ErrUnclassified},
	}
	for _, c := range cases {
		t.Run(string(c.code), func(t *testing.T) {
			var err error = &RejectError{Code: c.code, Reason: "text", TransactionID: "t1"}
			var re *RejectError
			require.True(t, errors.As(err, &re))
			assert.Equal(t, c.description, re.Description())
			assert.Equal(t, c.category, re.Category())
			assert.True(t, c.code.IsKnown())
			assert.True(t, c.category.IsKnown())
			assert.True(t, errors.Is(err, ErrRejected))
			for _, s := range sentinels {
				assert.Equal(t, s == c.want, errors.Is(err, s), "errors.Is(%s, %v)", c.code, s)
			}
			assert.Equal(t, c.want, c.category.Sentinel())
		})
	}
}

// TestUnknownCodeStaysReadable: a code the catalogue lacks keeps its text,
// has no description or category, and matches ErrRejected only.
func TestUnknownCodeStaysReadable(t *testing.T) {
	for _, code := range []RejectCode{"E99999", "", "not a code"} {
		e := &RejectError{Code: code, Reason: "Something new", TransactionID: "t1"}
		assert.False(t, code.IsKnown())
		assert.Equal(t, "", e.Description())
		assert.Equal(t, CategoryUnknown, e.Category())
		assert.False(t, e.Category().IsKnown())
		assert.Nil(t, e.Category().Sentinel())
		assert.True(t, errors.Is(e, ErrRejected))
		for _, s := range []error{ErrDeclined, ErrAuthenticationFailed, ErrInvalidRequest, ErrWrongState,
			ErrConfiguration, ErrProviderUnavailable, ErrUnclassified} {
			assert.False(t, errors.Is(e, s), "%q matched %v", code, s)
		}
	}
	assert.Equal(t, "zen: transaction t1 rejected: E99999 Something new", (&RejectError{Code: "E99999", Reason: "Something new", TransactionID: "t1"}).Error())
	assert.Nil(t, ErrorCategory("bogus").Sentinel())
}

// TestLookupErrorCodeIsLenient: ZEN's codes are upper case; surrounding
// spaces and lower case still find them.
func TestLookupErrorCodeIsLenient(t *testing.T) {
	info, ok := LookupErrorCode(" c40051 ")
	require.True(t, ok)
	assert.Equal(t, ErrorCodeInfo{Code: "C40051", Description: "Insufficient funds", Category: CategoryDeclined}, info)
	_, ok = LookupErrorCode("C4005")
	assert.False(t, ok)
	// ErrorCodes is a copy: changing it changes no lookup.
	all := ErrorCodes()
	all[0].Description = "changed"
	first, _ := LookupErrorCode(all[0].Code)
	assert.NotEqual(t, "changed", first.Description)
}
