package zentest

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestEveryEndpointServed checks that the fake routes every endpoint the
// SDK calls (the project's endpoint table, less the legacy ones the SDK
// does not offer), so an SDK method is never left without its fake route.
func TestEveryEndpointServed(t *testing.T) {
	f, err := os.Open("../testdata/endpoints.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	api, checkout := http.NewServeMux(), http.NewServeMux()
	for _, rt := range apiRoutes {
		api.Handle(rt.method+" "+rt.path, http.NotFoundHandler())
	}
	checkout.Handle("POST "+pathCheckouts, http.NotFoundHandler())
	param := regexp.MustCompile(`\{[^}]*\}`)
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	n := 0
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 4 || col[0] == "legacy" {
			continue
		}
		mux, path := api, col[3]
		if rest, ok := strings.CutPrefix(path, "https://secure.zen.com"); ok {
			mux, path = checkout, rest
		}
		path = param.ReplaceAllString(path, "3f1c2b9e-7a6d-4c1e-9b2a-5d8e7f6a1b2c")
		for _, method := range strings.Split(col[2], "|") {
			n++
			if _, pattern := mux.Handler(httptest.NewRequest(method, path, nil)); pattern == "" {
				t.Errorf("%s %s (%s) has no route in the fake", method, col[3], col[1])
			}
		}
	}
	if err := sc.Err(); err != nil || n < 60 {
		t.Fatalf("read %d endpoints: %v", n, err)
	}
}
