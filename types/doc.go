// Package types holds the value types shared by every part of the ZEN SDK:
// the decimal Amount, the open enums (statuses, transaction types, payment
// methods and channels, card organizations), the Transaction object and its
// nested parts, paging envelopes, and the typed errors for validation and
// rejections.
//
// Every enum is a named string type: unknown values sent by ZEN decode
// without error and re-encode unchanged, and IsKnown reports whether a value
// is one this version of the SDK has a constant for.
package types
