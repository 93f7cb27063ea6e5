package jsonx

import (
	"encoding/json"
	"testing"
)

// TestAppendStringMatchesEncodingJSON: every byte value, alone and between
// plain text, and the runes encoding/json treats specially, are written
// exactly as json.Marshal writes them.
func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "plain", "\u2028", "\u2029", "é€𝄞", "\xff\xfe", "a\xe2\x80"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
		// At every place in and around the 8-byte words the plain-run scan
		// reads at once.
		for at := 0; at <= 17; at++ {
			b := []byte("abcdefghijklmnopq")
			cases = append(cases, string(append(b[:at:at], append([]byte{byte(c)}, b[at:]...)...)))
		}
	}
	cases = append(cases, "0123456789abcdef\u2028   and € at 8: 1234567€")
	for _, s := range cases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
		if got := appendString(nil, []byte(s)); string(got) != string(want) {
			t.Errorf("%q as []byte: got %s, want %s", s, got, want)
		}
	}
}
