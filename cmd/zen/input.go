package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
)

// readData reads a -d value: @file, - for stdin, or the JSON itself.
func (a *app) readData(d string) ([]byte, error) {
	switch {
	case d == "-":
		return io.ReadAll(a.stdin)
	case strings.HasPrefix(d, "@"):
		b, err := os.ReadFile(d[1:])
		if err != nil {
			return nil, &inputError{err}
		}
		return b, nil
	}
	return []byte(d), nil
}

// decodeBody decodes the -d body into req (left as is when d is empty),
// refusing unknown members so a typo is not silently dropped. A
// paymentSpecificData member is sent as given (zen.RawPaymentData) through
// psd.
func (a *app) decodeBody(d string, req any, psd *zen.PaymentSpecificData) error {
	if d == "" {
		return nil
	}
	b, err := a.readData(d)
	if err != nil {
		return err
	}
	if psd != nil {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(b, &members); err != nil {
			return &inputError{err}
		}
		if raw, ok := members["paymentSpecificData"]; ok {
			*psd = zen.RawPaymentData(raw)
			delete(members, "paymentSpecificData")
			if b, err = json.Marshal(members); err != nil {
				return &inputError{err}
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(req); err != nil {
		return &inputError{err}
	}
	if dec.More() {
		return &inputError{errors.New("more than one JSON value in the body")}
	}
	return nil
}

// validate runs the SDK's own checks, so nothing invalid is sent.
func validate(req any) error {
	if v, ok := req.(interface{ Validate() error }); ok {
		return v.Validate()
	}
	return nil
}

// setAmount parses a flag amount into dst when given.
func setAmount(dst *types.Amount, s string) error {
	if s == "" {
		return nil
	}
	amt, err := types.ParseAmount(s)
	if err != nil {
		return &inputError{fmt.Errorf("--amount: %w", err)}
	}
	*dst = amt
	return nil
}

// setString sets dst to s when s is given.
func setString(dst *string, s string) {
	if s != "" {
		*dst = s
	}
}
