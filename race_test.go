//go:build race

package zen

func init() { raceEnabled = true }
