// Command zen-fake runs the fake ZEN server of package zentest as a
// program, for developing a ZEN integration offline: a stateful fake of
// api.zen.com and of the hosted checkout, on loopback. It is the same
// command as "zen fake" (see cmd/zen).
//
//	go run ./cmd/zen-fake -addr 127.0.0.1:8089 [-capture auto|manual]
//
// It prints the API and checkout URLs and the credentials to use, and
// stops on SIGINT or SIGTERM. Notifications (IPN) go only to loopback URLs:
// the -ipn-url default or each transaction's customIpnUrl.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/zen-go/zen/cmd/zen-fake/fakecmd"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := fakecmd.Run(ctx, "zen-fake", os.Args[1:], os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "zen-fake:", err)
		os.Exit(2)
	}
}
