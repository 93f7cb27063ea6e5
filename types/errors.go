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
// status REJECTED). Code is ZEN's E-code (for example "E40199") and Reason
// its text.
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

// Is makes errors.Is(err, ErrRejected) true.
func (e *RejectError) Is(target error) bool { return target == ErrRejected }
