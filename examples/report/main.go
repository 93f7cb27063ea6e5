// Command report shows downloading report files without holding them in
// memory: one is streamed to a file in the temporary directory and its
// first lines shown, a large one is streamed through a byte and line
// counter to io.Discard.
//
// Against the embedded fake the first report is the fake's transactions
// report (after a few purchases made here) and the large one is 64 MiB
// generated while it is sent. Against real ZEN set ZEN_REPORT_ID to the id
// of a report from the ZEN panel; the file is kept.
//
//	go run ./examples/report
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/zen-go/zen/examples/internal/exenv"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func main() { exenv.Main(run) }

func run(ctx context.Context, env *exenv.Env) error {
	reportID, largeID := os.Getenv("ZEN_REPORT_ID"), os.Getenv("ZEN_REPORT_ID")
	if env.Fake == nil && reportID == "" {
		return errors.New("set ZEN_REPORT_ID to the id of a report file from the ZEN panel")
	}
	if env.Fake != nil {
		fmt.Println("0. Purchases for the fake's transactions report to list:")
		for _, card := range []string{zentest.CardApproved, zentest.CardApproved, zentest.CardDeclined} {
			req := exenv.CardPurchase(exenv.MerchantID("order"), card, "EUR", "", types.NewItem("Tea", types.MustAmount("12.50"), 2))
			tx, err := env.Client.Purchases.Create(ctx, req)
			if err != nil {
				return fmt.Errorf("purchase: %w", err)
			}
			fmt.Println("  ", exenv.Tx(tx))
		}
		reportID, largeID = zentest.DefaultReportID, "settlements-2026-10"
		env.Fake.AddReport(largeID, zentest.ReportFile{Size: 64 << 20, FileName: "settlements-2026-10.csv"})
	}

	// 1. To a file: DownloadTo copies the body to the file as it arrives.
	f, err := os.CreateTemp("", "zen-report-*.csv")
	if err != nil {
		return err
	}
	path := f.Name()
	info, err := env.Client.Reports.DownloadTo(ctx, reportID, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // a truncated file is worse than none
		return fmt.Errorf("download report %s: %w", reportID, err)
	}
	fmt.Printf("1. Report %q saved to %s: %d bytes, %s, ZEN's file name %q\n", reportID, path, info.Size, info.ContentType, info.FileName)
	if err := head(path, 5); err != nil {
		return err
	}
	if env.Fake != nil {
		os.Remove(path)
		fmt.Println("   (removed", filepath.Base(path)+": it came from the fake)")
	}

	// 2. As a stream: read it like any io.Reader; memory stays flat
	// whatever the size.
	report, err := env.Client.Reports.Download(ctx, largeID)
	if err != nil {
		return fmt.Errorf("download report %s: %w", largeID, err)
	}
	defer report.Close()
	var count counter
	if _, err := io.Copy(io.Discard, io.TeeReader(report, &count)); err != nil {
		return fmt.Errorf("report %s: stopped after %d bytes: %w", largeID, count.bytes, err)
	}
	fmt.Printf("2. Report %q (%s) streamed: %d bytes (%.1f MiB) in %d lines; announced %d bytes\n",
		largeID, report.FileName, count.bytes, float64(count.bytes)/(1<<20), count.lines, report.ContentLength)
	return nil
}

// head prints the first n lines of a file.
func head(path string, n int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for i := 0; i < n && lines.Scan(); i++ {
		fmt.Println("   |", lines.Text())
	}
	return lines.Err()
}

// counter counts the bytes and lines written to it.
type counter struct{ bytes, lines int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.bytes += int64(len(p))
	c.lines += int64(bytes.Count(p, []byte{'\n'}))
	return len(p), nil
}
