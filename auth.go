package zen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"unicode"
)

// Secret holds a credential (API key, IPN secret, paywall secret). It never
// prints its value: String, GoString, every fmt verb and slog show
// "[REDACTED]". The value sits behind a pointer, so even reflection-based
// printing of a struct that holds a Secret shows only an address.
type Secret struct{ v *string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{v: &s} }

// Reveal returns the secret text; call it only where the value is sent.
func (s Secret) Reveal() string {
	if s.v == nil {
		return ""
	}
	return *s.v
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

const redacted = "[REDACTED]"

// String returns "[REDACTED]".
func (s Secret) String() string { return redacted }

// GoString returns "zen.Secret([REDACTED])".
func (s Secret) GoString() string { return "zen.Secret(" + redacted + ")" }

// Format prints "[REDACTED]" for every verb.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue makes slog print "[REDACTED]".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText returns "[REDACTED]" so encoders never see the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Authenticator applies credentials to the headers of one attempt. The
// client calls it on every attempt, retries included, so a rotated key takes
// effect on the next attempt of calls already in flight. Implementations
// must be safe for concurrent use.
type Authenticator interface {
	Authenticate(ctx context.Context, h http.Header) error
}

// KeyAuth is the built-in Authenticator: one header carrying an API key,
// optionally after a prefix. Its key can be replaced at any time with
// SetKey, safely while requests are running.
type KeyAuth struct {
	header string
	prefix string
	value  atomic.Pointer[keyValue]
}

// keyValue is the header value a key makes (prefix and key), built once
// per key rather than on every attempt, or why the key cannot be sent.
type keyValue struct {
	header Secret
	err    error
}

// BearerAuth sends "Authorization: Bearer <key>", ZEN's documented scheme
// and the client's default.
func BearerAuth(key string) *KeyAuth { return newKeyAuth("Authorization", "Bearer ", key) }

// RawAuth sends "Authorization: <key>" with no scheme, as some ZEN
// integrations do.
func RawAuth(key string) *KeyAuth { return newKeyAuth("Authorization", "", key) }

// HeaderAuth sends the key in its own header, e.g. HeaderAuth("x-api-key",
// key) for gateways that use that convention.
func HeaderAuth(header, key string) *KeyAuth { return newKeyAuth(header, "", key) }

func newKeyAuth(header, prefix, key string) *KeyAuth {
	a := &KeyAuth{header: http.CanonicalHeaderKey(header), prefix: prefix}
	a.value.Store(a.valueOf(key)) // an invalid key is kept as its error, which every attempt returns
	return a
}

// valueOf builds what a is to send for key, checked once here.
func (a *KeyAuth) valueOf(key string) *keyValue {
	return &keyValue{header: NewSecret(a.prefix + key), err: checkKey(key)}
}

func checkKey(key string) error {
	if strings.TrimSpace(key) == "" {
		return ErrMissingAPIKey
	}
	if strings.IndexFunc(key, unicode.IsControl) >= 0 {
		return errors.New("zen: API key contains a control character")
	}
	return nil
}

// SetKey replaces the key used from the next attempt on. It rejects an empty
// key or one with control characters.
func (a *KeyAuth) SetKey(key string) error {
	v := a.valueOf(key)
	if v.err == nil {
		a.value.Store(v)
	}
	return v.err
}

// Authenticate sets the configured header.
func (a *KeyAuth) Authenticate(_ context.Context, h http.Header) error {
	v := a.value.Load()
	if v == nil || a.header == "" {
		return errors.New("zen: KeyAuth must be built with BearerAuth, RawAuth or HeaderAuth")
	}
	if v.err != nil {
		return v.err
	}
	h[a.header] = []string{v.header.Reveal()} // a.header is canonical
	return nil
}

// String describes the scheme without the key.
func (a *KeyAuth) String() string {
	return "zen.KeyAuth{" + a.header + ": " + a.prefix + redacted + "}"
}

// AuthenticatorFunc adapts a function to Authenticator, for example one
// that reads the current key from a secrets manager on every attempt.
type AuthenticatorFunc func(ctx context.Context, h http.Header) error

// Authenticate calls f.
func (f AuthenticatorFunc) Authenticate(ctx context.Context, h http.Header) error { return f(ctx, h) }

// keySetter is implemented by authenticators whose key can be rotated.
type keySetter interface{ SetKey(string) error }

// SetAPIKey rotates the API key on a live client: attempts that start after
// it returns use the new key. It fails when the client was built with a
// custom Authenticator that has no SetKey method.
func (c *Client) SetAPIKey(key string) error {
	ks, ok := c.auth.(keySetter)
	if !ok {
		return fmt.Errorf("zen: the configured authenticator %T cannot change its key", c.auth)
	}
	return ks.SetKey(key)
}
