package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// reportsDownload streams a report to a file, with a progress bar on a
// terminal and plain lines otherwise; an interrupted or failed download
// removes the partial file.
func reportsDownload(fs *flag.FlagSet) action {
	out := fs.String("o", "", "file to write (default: the name ZEN sends)")
	return func(a *app, args []string) (err error) {
		c, err := a.client()
		if err != nil {
			return err
		}
		rep, err := c.Reports.Download(a.ctx, args[0])
		if err != nil {
			return err
		}
		defer rep.Close()
		name := *out
		if name == "" {
			name = rep.FileName
		}
		if name == "" {
			return usagef("ZEN sent no file name: give -o FILE")
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(name)
			}
		}()
		p := &progress{w: a.stderr, bar: a.tty, total: rep.ContentLength, start: time.Now()}
		n, err := io.Copy(f, io.TeeReader(rep, p))
		p.finish(err == nil)
		if err != nil {
			return fmt.Errorf("downloading report %s: %w (partial file removed)", args[0], err)
		}
		return a.print(map[string]any{"file": name, "bytes": n, "contentType": rep.ContentType})
	}
}

// progress reports a download: a redrawn bar with bytes, rate and time
// left on a terminal, a plain line every few seconds otherwise.
type progress struct {
	w     io.Writer
	bar   bool
	total int64 // -1 when unknown
	done  int64
	start time.Time
	last  time.Time
}

func (p *progress) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	now := time.Now()
	every := 100 * time.Millisecond
	if !p.bar {
		every = 2 * time.Second
	}
	if now.Sub(p.last) >= every {
		p.last = now
		p.draw(now)
	}
	return len(b), nil
}

func (p *progress) draw(now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	left := ""
	if p.total > 0 && rate > 0 {
		left = fmt.Sprintf("  %s left", time.Duration(float64(p.total-p.done)/rate*float64(time.Second)).Round(time.Second))
	}
	size := bytesText(p.done)
	if p.total > 0 {
		size += "/" + bytesText(p.total)
	}
	if !p.bar {
		fmt.Fprintf(p.w, "downloaded %s  %s/s%s\n", size, bytesText(int64(rate)), left)
		return
	}
	const width = 30
	bar := "" // no bar when ZEN did not say how long the file is
	if p.total > 0 {
		filled := int(width * p.done / p.total)
		bar = fmt.Sprintf("[%s%s] %3d%% ", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), 100*p.done/p.total)
	}
	fmt.Fprintf(p.w, "\r%s%s  %s/s%s\x1b[K", bar, size, bytesText(int64(rate)), left)
}

func (p *progress) finish(ok bool) {
	p.draw(time.Now())
	if p.bar {
		fmt.Fprintln(p.w)
	}
	if !ok {
		fmt.Fprintln(p.w, "download stopped")
	}
}

func bytesText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
