package types

import (
	"errors"
	"sort"
	"strings"
)

//go:generate go run ../internal/gen/errcodes -in ../internal/gen/errcodes/error-codes.tsv -out errorcodes_gen.go

// ErrorCategory is what kind of failure one of ZEN's error codes reports.
// The categories are the SDK's own classification of the descriptions on
// ZEN's error-codes page (https://www.zen.com/developer/error-codes), not
// something ZEN sends or documents; each known category matches its
// sentinel (ErrDeclined, ...) with errors.Is.
type ErrorCategory string

// Error categories. CategoryUnknown is a code missing from the SDK's copy of
// ZEN's catalogue (ZEN may add codes at any time): no sentinel matches it.
const (
	CategoryUnknown ErrorCategory = ""
	// CategoryDeclined: the buyer's bank, card issuer or payment method said
	// no (insufficient funds, do not honor, card blocked or expired, fraud
	// suspected, limits). Ask the buyer for another method; retrying the
	// same payment rarely helps.
	CategoryDeclined ErrorCategory = "declined"
	// CategoryAuthenticationFailed: 3-D Secure or another strong customer
	// authentication step failed or could not complete.
	CategoryAuthenticationFailed ErrorCategory = "authentication_failed"
	// CategoryInvalidRequest: the request was wrong (a field missing or
	// malformed, an amount or currency not allowed): fix the request.
	CategoryInvalidRequest ErrorCategory = "invalid_request"
	// CategoryWrongState: the operation is not allowed in the transaction's
	// current state (already captured, refunded, expired, not found).
	CategoryWrongState ErrorCategory = "wrong_state"
	// CategoryConfiguration: the terminal or merchant account is not set up
	// for this (method, currency or provider not configured): ask ZEN.
	CategoryConfiguration ErrorCategory = "configuration"
	// CategoryProviderUnavailable: ZEN or a provider behind it failed or
	// timed out. The one category worth retrying later.
	CategoryProviderUnavailable ErrorCategory = "provider_unavailable"
	// CategoryUnclassified: a code in ZEN's catalogue whose description does
	// not say clearly which of the other categories it belongs to.
	CategoryUnclassified ErrorCategory = "unclassified"
)

// Sentinels for errors.Is, one per ErrorCategory: a *RejectError matches the
// one for its code's category, as does a *zen.APIError whose body carries a
// catalogued code. The package zen re-exports them (zen.ErrDeclined, ...).
var (
	// ErrDeclined matches CategoryDeclined codes.
	ErrDeclined = errors.New("zen: declined by the buyer's bank or payment method")
	// ErrAuthenticationFailed matches CategoryAuthenticationFailed codes.
	ErrAuthenticationFailed = errors.New("zen: buyer authentication (3-D Secure) failed")
	// ErrInvalidRequest matches CategoryInvalidRequest codes.
	ErrInvalidRequest = errors.New("zen: invalid request")
	// ErrWrongState matches CategoryWrongState codes.
	ErrWrongState = errors.New("zen: not allowed in the transaction's state")
	// ErrConfiguration matches CategoryConfiguration codes.
	ErrConfiguration = errors.New("zen: terminal or merchant configuration")
	// ErrProviderUnavailable matches CategoryProviderUnavailable codes: try
	// again later.
	ErrProviderUnavailable = errors.New("zen: provider unavailable, try again later")
	// ErrUnclassified matches CategoryUnclassified codes.
	ErrUnclassified = errors.New("zen: unclassified ZEN error code")
)

// Sentinel returns the errors.Is sentinel of the category, or nil for
// CategoryUnknown and any value that is not one of the constants.
func (c ErrorCategory) Sentinel() error {
	switch c {
	case CategoryDeclined:
		return ErrDeclined
	case CategoryAuthenticationFailed:
		return ErrAuthenticationFailed
	case CategoryInvalidRequest:
		return ErrInvalidRequest
	case CategoryWrongState:
		return ErrWrongState
	case CategoryConfiguration:
		return ErrConfiguration
	case CategoryProviderUnavailable:
		return ErrProviderUnavailable
	case CategoryUnclassified:
		return ErrUnclassified
	}
	return nil
}

// IsKnown reports whether c is one of the categories above other than
// CategoryUnknown.
func (c ErrorCategory) IsKnown() bool { return c.Sentinel() != nil }

// ErrorCodeInfo is one entry of ZEN's error-code catalogue: the code, ZEN's
// description of it and the SDK's category for it.
type ErrorCodeInfo struct {
	Code        string
	Description string
	Category    ErrorCategory
}

// LookupErrorCode finds code (surrounding spaces and letter case ignored) in
// the SDK's copy of ZEN's error-code catalogue; ok is false for a code the
// copy does not have.
func LookupErrorCode(code string) (info ErrorCodeInfo, ok bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	i := sort.Search(len(errorCodeTable), func(i int) bool { return errorCodeTable[i].Code >= code })
	if i < len(errorCodeTable) && errorCodeTable[i].Code == code && code != "" {
		return errorCodeTable[i], true
	}
	return ErrorCodeInfo{}, false
}

// ErrorCodes returns a copy of the whole catalogue, sorted by code.
func ErrorCodes() []ErrorCodeInfo {
	return append([]ErrorCodeInfo(nil), errorCodeTable[:]...)
}

// RejectCode is ZEN's code for a declined transaction (rejectCode), e.g.
// "C40051". It is an open string: ZEN may send codes its published
// catalogue lacks, and those stay readable as they are.
type RejectCode string

// Reject codes from ZEN's catalogue that integrations meet most often.
// E40199, which ZEN's transaction example pairs with "Client doesn't have
// enough money.", is "Wrong transaction type" in the catalogue.
const (
	// RejectInsufficientFunds: "Insufficient funds" (card issuer).
	RejectInsufficientFunds RejectCode = "C40051"
	// RejectDoNotHonor: "Do not honor", the card issuer's generic refusal.
	RejectDoNotHonor RejectCode = "C40005"
	// RejectAuthenticationFailed: "Authentication failed" (3-D Secure).
	RejectAuthenticationFailed RejectCode = "C00019"
	// RejectDeclinedByUser: "Declined by user", e.g. a BLIK payment the
	// buyer refused in the bank's app.
	RejectDeclinedByUser RejectCode = "E40256"
	// RejectWrongTransactionType: "Wrong transaction type".
	RejectWrongTransactionType RejectCode = "E40199"
)

// Info returns the catalogue entry of the code; ok is false for a code the
// SDK's copy of ZEN's catalogue does not have.
func (c RejectCode) Info() (info ErrorCodeInfo, ok bool) { return LookupErrorCode(string(c)) }

// IsKnown reports whether the code is in the SDK's copy of ZEN's catalogue.
func (c RejectCode) IsKnown() bool { _, ok := c.Info(); return ok }

// Description returns ZEN's description of the code, or "" for an unknown
// code.
func (c RejectCode) Description() string { i, _ := c.Info(); return i.Description }

// Category returns the SDK's category for the code, CategoryUnknown for an
// unknown code.
func (c RejectCode) Category() ErrorCategory { i, _ := c.Info(); return i.Category }
