package validate

import (
	"math/rand/v2"
	"net/url"
	"testing"
)

// isHTTPURLByParse is the URL check as it was written with url.Parse only:
// the oracle for isHTTPURL's shortcut.
func isHTTPURLByParse(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// TestIsHTTPURLAgreesWithURLParse holds isHTTPURL to url.Parse: every
// string of up to four symbols (host characters, delimiters, escapes,
// control and non-ASCII bytes) after each scheme prefix and after a plain
// URL, and random strings; it also checks that the shortcut, not the
// fallback, answers for the usual URLs.
func TestIsHTTPURLAgreesWithURLParse(t *testing.T) {
	alpha := []string{"a", "Z", "0", ".", "-", "_", "~", "/", "?", "#", ":", "@", "[", "]", "%", "%41", "%zz", " ", "\t", "\x7f", "é", "\\", "\"", "!"}
	check := func(v string) {
		// The shortcut first: isHTTPURL answers through it, so after
		// the comparison below this could not fail on its own.
		if isPlainHTTPURL(v) && !isHTTPURLByParse(v) {
			t.Fatalf("isPlainHTTPURL(%q) accepts what url.Parse refuses", v)
		}
		if got, want := isHTTPURL(v), isHTTPURLByParse(v); got != want {
			t.Fatalf("isHTTPURL(%q) = %v, url.Parse says %v", v, got, want)
		}
	}
	prefixes := []string{"", "http://", "https://", "HTTPS://", "http:", "http:/", "ftp://", "https://shop.example.com", "https://x/", "http://x?", "http://x#", "https://[::1]"}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		check(prefix)
		if depth == 0 {
			return
		}
		for _, s := range alpha {
			walk(prefix+s, depth-1)
		}
	}
	for _, p := range prefixes {
		walk(p, 3)
	}
	for _, p := range prefixes[1:3] {
		walk(p+"a", 4)
	}
	r := rand.New(rand.NewPCG(15, 16))
	for range 100000 {
		v := prefixes[r.IntN(len(prefixes))]
		for range r.IntN(20) {
			v += alpha[r.IntN(len(alpha))]
		}
		check(v)
	}
	for _, v := range []string{"https://shop.example.com/3ds/return", "https://shop.example.com/zen/ipn?order=1&x=y#top", "http://127.0.0.1/ipn", "https://a-b.example/p/a:b@c;d=e,f+g*h'i(j)k!l$m~n_o"} {
		if !isPlainHTTPURL(v) {
			t.Errorf("%q: the shortcut should answer", v)
		}
		check(v)
	}
}
