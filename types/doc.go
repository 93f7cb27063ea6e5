// Package types holds the value types shared by every part of the ZEN SDK:
// the decimal Amount, the open enums (statuses, transaction types, payment
// methods and channels, card organizations), the Transaction object and its
// nested parts, paging envelopes, and the typed errors for validation and
// rejections.
//
// Every enum is a named string type: unknown values sent by ZEN decode
// without error and re-encode unchanged, and IsKnown reports whether a value
// is one this version of the SDK has a constant for.
//
// # Reading ZEN's answers
//
// Every object the SDK decodes (here and in package zen) keeps the members
// it does not model in its Extra field and writes them back unchanged, at
// every level. Decoding never fails because a value drifted from ZEN's
// schema; it fails only on input that is not JSON:
//   - numbers and numeric strings are read for each other (an amount 12.5
//     or "12.5", a quantity "1" or 1.0, card digits sent as numbers);
//   - "true" and "false" are read as booleans;
//   - times are read from RFC 3339, "2006-01-02 15:04:05",
//     "2006-01-02T15:04:05" (both UTC) and the date-only "2006-01-02";
//   - null, and "" where an object, list, number, boolean or time is
//     expected, read as unset;
//   - a value that still cannot be read (a quantity of "two",
//     an object where text is expected) leaves its field unset and is kept,
//     raw, in the Extra of the object that holds it, under its member name,
//     so it stays reachable and is written back as received. A list with an
//     item that is not even an object is kept raw as a whole the same way;
//     an item whose members drifted keeps its place and absorbs them.
package types
