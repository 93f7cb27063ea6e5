package types

import (
	"encoding/json"
	"os"
	"testing"
)

// BenchmarkTransactionDecode measures decoding ZEN's full example
// transaction (every nested object, unknown-member capture included).
func BenchmarkTransactionDecode(b *testing.B) {
	raw, err := os.ReadFile("testdata/transaction_seed.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for i := 0; i < b.N; i++ {
		var tx Transaction
		if err := json.Unmarshal(raw, &tx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAmountMarshal measures the amount codec on a typical value.
func BenchmarkAmountMarshal(b *testing.B) {
	a := MustAmount("1234.50")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := a.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}
