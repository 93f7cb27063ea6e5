package types

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRejectErrorPrintsOneSafeLine checks that ZEN's reject text cannot
// break a log line or a terminal: control characters print as spaces, as
// in APIError messages.
func TestRejectErrorPrintsOneSafeLine(t *testing.T) {
	e := &RejectError{Code: "C40051\n", Reason: "Insufficient\r\nfunds.\x1b[31m", TransactionID: "t1"}
	assert.Equal(t, "zen: transaction t1 rejected: C40051  Insufficient  funds. [31m", e.Error())
	assert.True(t, errors.Is(e, ErrRejected))
	assert.Equal(t, "zen: transaction m1 rejected", (&RejectError{MerchantTransactionID: "m1"}).Error())
}
