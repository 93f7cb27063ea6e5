package validate

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// samples are, for each Pattern with a hand-written matcher, the symbols
// of its exhaustive walk (its own characters and near misses) and matching
// values whose one-symbol changes are tried.
var samples = map[*Pattern]struct {
	name  string
	alpha []string
	valid []string
}{
	RequestID:                   {"RequestID", []string{"a", "Z", "0", "?", "-", " ", "\n", "\v", "€", "\xff"}, []string{"zen-go-0b9e4ad2-8b6c-4c1e-9d7f-1a2b3c4d5e6f"}},
	MerchantTransactionID:       {"MerchantTransactionID", []string{"a", "Z", "0", "$", "]", "€", " ", "\t", "@", "\xff"}, []string{"order-2024/05#1 [x] €5"}},
	RefundMerchantTransactionID: {"RefundMerchantTransactionID", []string{"a", "Z", "0", "#", "_", "$", "€", " ", "@", "\xff"}, []string{"refund-2024/05#1?a=b&c:d.e,f"}},
	Currency:                    {"Currency", []string{"A", "Z", "a", "0", "É"}, []string{"PLN"}},
	Country:                     {"Country", []string{"A", "Z", "a", "0", "É"}, []string{"PL"}},
	Postcode:                    {"Postcode", []string{"a", "Z", "0", "-", " ", "\n", "\v", "_", "\xff"}, []string{"00-838", "SW1A 1AA"}},
	Phone:                       {"Phone", []string{"0", "9", "+", "-", " ", "a"}, []string{"+48500100200"}},
	PaymentChannel:              {"PaymentChannel", []string{"a", "Z", "0", "-", "_", "A"}, []string{"PCL_CARD", "pcl-card-2", "blik"}},
	TransactionType:             {"TransactionType", []string{"T", "R", "_", "A", "0", "a"}, []string{"TRT_PURCHASE", "TRT_A_B2"}},
	UUID:                        {"UUID", []string{"0", "f", "F", "g", "-"}, []string{"497f6eca-6276-4993-bfeb-53cbbbba6f08", "497F6ECA-6276-4993-BFEB-53CBBBBA6F08"}},
	Digits:                      {"Digits", []string{"0", "9", "a", " ", "٣"}, []string{"411111"}},
	CardHolderName:              {"CardHolderName", []string{"a", "Z", "0", " ", "\n", "\v", "-", "é", "\xff"}, []string{"Jan Kowalski", "J\tK\r\n2"}},
	Descriptor:                  {"Descriptor", []string{"a", "Z", "0", " ", "_", "-", ".", ";", "|", "\t", ",", "\xff"}, []string{"ZEN-GO SHOP", "a_b.c;d|e"}},
	BrowserLang:                 {"BrowserLang", []string{"a", "Z", "-", "0", "_"}, []string{"pl", "pl-PL", "fil-PH", "en-a-b-c", "de-Latn", "abc-zzzzzz", "ab--"}},
	ScreenSize:                  {"ScreenSize", []string{"0", "9", "-", "a", "٣"}, []string{"10", "1080", "99999"}},
	Timezone:                    {"Timezone", []string{"0", "9", "-", "+", "a"}, []string{"0", "-60", "12345", "-99999"}},
	CardNumber:                  {"CardNumber", []string{"0", "9", "a", " ", "٣"}, []string{"411111111111", "4111111111111111", "4111111111111111111"}},
	ExpiryDate:                  {"ExpiryDate", []string{"0", "1", "2", "3", "9", "a"}, []string{"0129", "1299", "1000", "0900"}},
	CVV:                         {"CVV", []string{"0", "9", "a", " "}, []string{"123", "0000"}},
	BlikTicket:                  {"BlikTicket", []string{"0", "9", "a"}, []string{"777123"}},
}

// TestMatchersAgreeWithPatterns holds the hand-written matcher of every
// Pattern declared with one (newPattern lists them, so none is missed) to
// its regular expression: every string of up to four symbols over the
// pattern's alphabet, each one-symbol change of a matching value, and
// random strings.
func TestMatchersAgreeWithPatterns(t *testing.T) {
	near := []string{"", "a", "z", "A", "Z", "0", "9", "f", "F", "g", "G", "-", "_", " ", "\t", "\n", "\r", "\f", "\v",
		"?", "&", ":", "|", "/", "=", "+", ".", ",", "#", "$", "[", "]", "€", "@", "\\", "\xff", "\u00a0", "é", "T", "R"}
	for p, tc := range samples {
		if !slices.Contains(patterns, p) {
			t.Errorf("%s has samples and no hand-written matcher", tc.name)
		}
	}
	for _, p := range patterns {
		tc, ok := samples[p]
		if !ok {
			t.Errorf("%s has a hand-written matcher and no samples", p)
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			check := func(v string) {
				if got, want := p.MatchString(v), p.re.MatchString(v); got != want {
					t.Fatalf("%q: hand-written %v, regexp %v", v, got, want)
				}
			}
			var walk func(prefix string, depth int)
			walk = func(prefix string, depth int) {
				check(prefix)
				if depth == 0 {
					return
				}
				for _, s := range tc.alpha {
					walk(prefix+s, depth-1)
				}
			}
			walk("", 4)
			for _, v := range tc.valid {
				check(v)
				for i := 0; i < len(v); i++ {
					for _, s := range near {
						check(v[:i] + s + v[i+1:]) // replaced (or removed)
						check(v[:i] + s + v[i:])   // inserted
					}
				}
			}
			r := rand.New(rand.NewPCG(1, 2))
			for range 20000 {
				b := make([]byte, 0, 40)
				for range r.IntN(40) {
					b = append(b, near[r.IntN(len(near))]...)
				}
				check(string(b))
			}
		})
	}
	// A pattern of a caller's own goes through regexp.
	other := MustCompile(`^x+$`)
	if !other.MatchString("xx") || other.MatchString("xy") || other.match != nil {
		t.Error("MustCompile's pattern must be matched by regexp")
	}
}
