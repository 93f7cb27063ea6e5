package exenv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// BuyerPays plays the buyer on the fake's hosted payment page (a checkout's
// redirectUrl or a payment link's url): it opens the page, clicks Pay, and
// returns where the page sent the buyer (urlSuccess), or "" when it showed
// a result page instead. Only the fake can be paid this way.
func (e *Env) BuyerPays(ctx context.Context, pageURL string) (string, error) {
	if e.Fake == nil {
		return "", errors.New("only the fake ZEN's payment page can be paid by a program")
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page, err := visit(ctx, hc, http.MethodGet, pageURL)
	if err != nil {
		return "", err
	}
	if !strings.Contains(page.body, `id="pay"`) {
		return "", fmt.Errorf("%s shows no Pay button", pageURL)
	}
	// The page's Pay button is a form posting to <page>/pay.
	paid, err := visit(ctx, hc, http.MethodPost, strings.TrimRight(pageURL, "/")+"/pay")
	if err != nil {
		return "", err
	}
	return paid.location, nil
}

type visited struct{ body, location string }

func visit(ctx context.Context, hc *http.Client, method, url string) (visited, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return visited{}, err
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return visited{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return visited{}, err
	}
	if resp.StatusCode >= 400 {
		return visited{}, fmt.Errorf("%s %s: %s", method, url, resp.Status)
	}
	return visited{body: string(body), location: resp.Header.Get("Location")}, nil
}
