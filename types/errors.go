package types

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrValidation matches, with errors.Is, every *ValidationError (raised by
// the SDK before any network call) and every 400/422 answer from ZEN.
var ErrValidation = errors.New("zen: validation failed")

// ErrRejected matches, with errors.Is, every *RejectError.
var ErrRejected = errors.New("zen: transaction rejected")

// ValidationError reports one request field that breaks a ZEN rule. Field is
// a JSON path such as "items[2].price", a header name such as "request-id",
// a path parameter such as "id", or "ctx" / "request" for a nil context or
// request; Rule says what the value must satisfy. The offending value is never
// included, because it may be card data or a secret.
type ValidationError struct {
	Field string
	Rule  string
}

// Error returns "zen: invalid <Field>: <Rule>".
func (e *ValidationError) Error() string {
	return fmt.Sprintf("zen: invalid %s: %s", e.Field, e.Rule)
}

// Is makes errors.Is(err, ErrValidation) true.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// RejectError is a transaction that ZEN processed and declined (HTTP 2xx,
// status REJECTED). Code is ZEN's rejectCode (for example "C40051",
// insufficient funds) and Reason ZEN's text. errors.Is matches ErrRejected
// and the sentinel of the code's category (ErrDeclined,
// ErrProviderUnavailable, ...); a code missing from the SDK's copy of ZEN's
// catalogue matches ErrRejected only.
type RejectError struct {
	Code                  RejectCode
	Reason                string
	TransactionID         string
	MerchantTransactionID string
}

// Error returns "zen: transaction <id> rejected: <code> <reason>" on one
// line, control characters printed as spaces.
func (e *RejectError) Error() string {
	id := e.TransactionID
	if id == "" {
		id = e.MerchantTransactionID
	}
	msg := "zen: transaction " + id + " rejected"
	if e.Code != "" {
		msg += ": " + string(e.Code)
	}
	if e.Reason != "" {
		msg += " " + e.Reason
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' ' // server text must not break a log line or a terminal
		}
		return r
	}, msg)
}

// Is makes errors.Is(err, ErrRejected) true, and errors.Is(err, sentinel)
// for the sentinel of the code's category.
func (e *RejectError) Is(target error) bool {
	if target == ErrRejected {
		return true
	}
	s := e.Code.Category().Sentinel()
	return s != nil && s == target
}

// Description returns ZEN's description of Code from its error-code
// catalogue, or "" when the code is not in the SDK's copy of it.
func (e *RejectError) Description() string { return e.Code.Description() }

// Category returns the SDK's category for Code (CategoryUnknown when the
// code is not in the SDK's copy of ZEN's catalogue).
func (e *RejectError) Category() ErrorCategory { return e.Code.Category() }
