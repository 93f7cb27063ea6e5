package zen_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/zen-go/zen"
	"github.com/zen-go/zen/types"
	"github.com/zen-go/zen/zentest"
)

func ExampleReportService_DownloadTo() {
	srv := zentest.NewServer() // the offline fake of api.zen.com
	defer srv.Close()
	client := srv.Client() // zen.NewClient(apiKey) in production
	// The fake serves a generated 20 MiB report under this id.
	srv.AddReport("rep-2025-07", zentest.ReportFile{Size: 20 << 20})

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
	// Output: report-rep-2025-07.csv text/csv 20971520 bytes
}

func ExampleReportService_Download() {
	srv := zentest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, order := range []struct{ id, amount string }{{"order-1001", "49.00"}, {"order-1002", "12.50"}} {
		_, err := client.Purchases.Create(ctx, &zen.PurchaseCreateRequest{
			MerchantTransactionID: order.id,
			PaymentChannel:        types.ChannelBlik,
			Amount:                types.MustAmount(order.amount),
			Currency:              "PLN",
			Customer:              &types.TransactionCustomer{Email: "jan@example.com", IP: "203.0.113.7"},
			PaymentSpecificData:   zen.BlikPayment{Ticket: "777111"},
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	// The fake's default report lists its transactions.
	report, err := client.Reports.Download(ctx, zentest.DefaultReportID)
	if err != nil {
		log.Fatal(err)
	}
	defer report.Close()
	rows := csv.NewReader(report) // reads the stream row by row
	for {
		row, err := rows.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(row[1:6]) // merchantTransactionId, type, status, amount, currency
	}
	// Output:
	// [merchantTransactionId type status amount currency]
	// [order-1001 TRT_PURCHASE ACCEPTED 49.00 PLN]
	// [order-1002 TRT_PURCHASE ACCEPTED 12.50 PLN]
}
