package validate

import (
	"math/rand/v2"
	"net/mail"
	"strings"
	"testing"
)

// isEmailNetMail is IsEmail as it was written with net/mail.ParseAddress,
// the oracle the hand-written dot-atom check is held to.
func isEmailNetMail(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f || v[i] == '"' {
			return false
		}
	}
	local, domain, ok := strings.Cut(v, "@")
	if !ok || local == "" || len(local) > 64 || strings.Contains(domain, "@") {
		return false
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Name != "" || a.Address != v {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			b := l[i]
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-') {
				return false
			}
		}
	}
	return true
}

// TestIsEmailAgreesWithNetMail holds IsEmail to isEmailNetMail: every
// string of up to five symbols over an alphabet of atext, dots, '@' and
// RFC 5322's specials; every string of up to four of them as the local
// part or the domain of an otherwise valid address; each one-byte change
// of valid addresses; and random strings over all printable ASCII.
func TestIsEmailAgreesWithNetMail(t *testing.T) {
	alpha := []string{"a", ".", "@", "-", "(", ")", "<", ">", "\\", "[", "]", ",", ";", ":", "!", "x", "1"}
	n, accepted := 0, 0
	check := func(v string) {
		n++
		got, want := IsEmail(v), isEmailNetMail(v)
		if got != want {
			t.Fatalf("IsEmail(%q) = %v, net/mail says %v", v, got, want)
		}
		if got {
			accepted++
		}
	}
	depth := 5
	if testing.Short() {
		depth = 4
	}
	var walk func(prefix string, d int)
	walk = func(prefix string, d int) {
		check(prefix)
		if d == depth {
			return
		}
		for _, s := range alpha {
			walk(prefix+s, d+1)
		}
	}
	walk("", 0)
	var parts func(prefix string, d int)
	parts = func(prefix string, d int) {
		check(prefix + "@example.com")
		check("a.b@" + prefix)
		check("a@" + prefix + ".io")
		check("a@x." + prefix)
		if d == 4 {
			return
		}
		for _, s := range alpha {
			parts(prefix+s, d+1)
		}
	}
	parts("", 0)
	var printable []byte
	for b := byte(' '); b <= '~'; b++ {
		printable = append(printable, b)
	}
	printable = append(printable, '\t', 0x7f, 0xc3, 0xa9)
	for _, v := range []string{"jan.kowalski@example.com", "o'hara+tag@mail.example.co.uk", "!#$%&'*+-/=?^_`{|}~@x-1.example"} {
		check(v)
		for i := 0; i <= len(v); i++ {
			for _, b := range printable {
				check(v[:i] + string(b) + v[i:])
				if i < len(v) {
					check(v[:i] + string(b) + v[i+1:])
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 100000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = printable[r.IntN(len(printable))]
			if r.IntN(3) == 0 {
				b[i] = "a.@-"[r.IntN(4)]
			}
		}
		check(string(b))
	}
	if accepted < 10000 {
		t.Fatalf("only %d of %d strings were addresses: the walk must reach both answers", accepted, n)
	}
	t.Logf("%d strings, %d addresses", n, accepted)
}
