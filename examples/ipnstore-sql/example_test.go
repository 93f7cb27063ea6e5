package ipnstoresql_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/zen-go/zen"
	ipnstoresql "github.com/zen-go/zen/examples/ipnstore-sql"
	"github.com/zen-go/zen/types"
	_ "modernc.org/sqlite"
)

// Two servers behind a load balancer share one database: ZEN's second
// delivery of a notification reaches the other server and is acknowledged
// without handling the order twice.
func Example() {
	dir, err := os.MkdirTemp("", "ipnstore")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	const ipnSecret = "ipn-secret-from-the-zen-panel"

	var servers []*httptest.Server
	for name := range 2 {
		// In production: sql.Open("pgx", dsn) or your driver, once per server.
		db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "shop.db")+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
		if err != nil {
			fmt.Println(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec(ipnstoresql.Schema); err != nil {
			fmt.Println(err)
			return
		}
		handler := zen.NewIPNHandler(ipnSecret, func(ctx context.Context, n *zen.Notification) error {
			fmt.Printf("server %d: paid %s\n", name, n.MerchantTransactionID)
			return nil
		}, zen.WithIPNDeduplication(&ipnstoresql.Store{DB: db}))
		srv := httptest.NewServer(handler)
		defer srv.Close()
		servers = append(servers, srv)
	}

	body, err := zen.SignNotification(&zen.Notification{
		Type: types.TypePurchase, TransactionID: "8f6b1c4e-2a1d-4c1e-9d0a-3b5e7c9f1a2b",
		MerchantTransactionID: "order-42", Amount: "10.50", Currency: "EUR", Status: types.StatusAccepted,
	}, ipnSecret)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, srv := range servers { // ZEN delivers the notification twice
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	// Output:
	// server 0: paid order-42
	// 200
	// 200
}
