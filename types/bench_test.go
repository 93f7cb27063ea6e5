package types

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/zen-go/zen/internal/jsonx"
	"github.com/zen-go/zen/internal/rawtx"
)

// Benchmarks of the JSON engine against the code a merchant would write by
// hand. Run them side by side, several times, and compare medians:
//
//	go test -run '^$' -bench 'DecodeTransaction|EncodeTransaction' -benchmem -count 6 ./types
//
// sdk is the SDK's own path (the engine, keeping unknown members at every
// level and tolerating drift); sdk-stdlib is the same types reached through
// encoding/json (json.Unmarshal / json.Marshal calling the types' methods);
// raw is rawTransaction, a hand-written typed struct with the same fields
// and no unknown-member keeping, decoded and encoded by encoding/json.

func seedTransaction(b *testing.B) []byte {
	raw, err := os.ReadFile("testdata/transaction_seed.json")
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

func BenchmarkDecodeTransaction(b *testing.B) {
	raw := seedTransaction(b)
	b.Run("sdk", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(raw)))
		for i := 0; i < b.N; i++ {
			var tx Transaction
			if err := jsonx.Unmarshal(raw, &tx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sdk-stdlib", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(raw)))
		for i := 0; i < b.N; i++ {
			var tx Transaction
			if err := json.Unmarshal(raw, &tx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(raw)))
		for i := 0; i < b.N; i++ {
			var tx rawTransaction
			if err := json.Unmarshal(raw, &tx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncodeTransaction(b *testing.B) {
	raw := seedTransaction(b)
	var tx Transaction
	var rtx rawTransaction
	if jsonx.Unmarshal(raw, &tx) != nil || json.Unmarshal(raw, &rtx) != nil {
		b.Fatal("seed does not decode")
	}
	b.Run("sdk", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := jsonx.Marshal(&tx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sdk-stdlib", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := json.Marshal(&tx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := json.Marshal(&rtx); err != nil {
				b.Fatal(err)
			}
		}
	})
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

// rawTransaction is the hand-written baseline (internal/rawtx).
type rawTransaction = rawtx.Transaction
