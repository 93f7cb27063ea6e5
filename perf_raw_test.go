package zen

import "github.com/zen-go/zen/internal/rawtx"

// rawTransaction is the hand-written baseline the benchmarks decode into,
// shared with types/bench_test.go.
type rawTransaction = rawtx.Transaction
