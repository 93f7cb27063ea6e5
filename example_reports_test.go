package zen_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/zen-go/zen"
)

// reportZEN is a loopback stand-in for ZEN's report download.
func reportZEN() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/reports/rep-2025-07/file" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Content-Disposition", `attachment; filename="transactions-2025-07.csv"`)
		_, _ = io.WriteString(w, "date,amount,currency\n2025-07-01,10.00,EUR\n2025-07-02,25.50,EUR\n")
	}))
}

func ExampleReportService_DownloadTo() {
	srv := reportZEN()
	defer srv.Close()
	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	dir, err := os.MkdirTemp("", "zen-reports")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	f, err := os.Create(filepath.Join(dir, "report.part"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()

	// The file goes straight to disk as it arrives, whatever its size.
	info, err := client.Reports.DownloadTo(context.Background(), "rep-2025-07", f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.FileName, info.ContentType, info.Size, "bytes")
	// Output: transactions-2025-07.csv text/csv 63 bytes
}

func ExampleReportService_Download() {
	srv := reportZEN()
	defer srv.Close()
	client, err := zen.NewClient("terminal-api-key", zen.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	report, err := client.Reports.Download(context.Background(), "rep-2025-07")
	if err != nil {
		log.Fatal(err)
	}
	defer report.Close()
	lines := bufio.NewScanner(report) // reads the stream line by line
	for lines.Scan() {
		fmt.Println(lines.Text())
	}
	if err := lines.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// date,amount,currency
	// 2025-07-01,10.00,EUR
	// 2025-07-02,25.50,EUR
}
