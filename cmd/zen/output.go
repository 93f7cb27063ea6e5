package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// wantJSON reports whether output is JSON: asked for, or not a terminal.
func (a *app) wantJSON() bool { return a.json || !a.tty }

// print writes v as indented JSON or, on a terminal, as a summary (an
// object) or a table (a list or a page of one).
func (a *app) print(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if a.wantJSON() {
		var out bytes.Buffer
		if err := json.Indent(&out, b, "", "  "); err != nil {
			return err
		}
		out.WriteByte('\n')
		_, err = a.stdout.Write(out.Bytes())
		return err
	}
	var generic any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	switch g := generic.(type) {
	case []any:
		printTable(tw, g)
	case map[string]any:
		if data, ok := g["data"].([]any); ok {
			printTable(tw, data)
			if meta, ok := g["meta"].(map[string]any); ok {
				fmt.Fprintf(tw, "\n(%s)\n", pageLine(meta))
			}
		} else {
			printSummary(tw, "", g)
		}
	default:
		fmt.Fprintln(tw, string(b))
	}
	return tw.Flush()
}

// preferred are the columns a table shows first, when its rows have them.
var preferred = []string{"id", "externalId", "merchantTransactionId", "name", "email", "type", "status", "amount", "currency", "paymentChannel", "createdAt"}

func printTable(w io.Writer, rows []any) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "(none)")
		return
	}
	present := map[string]bool{}
	var scalars []string
	for _, r := range rows {
		m, ok := r.(map[string]any)
		if !ok {
			fmt.Fprintln(w, scalar(r))
			continue
		}
		for k, v := range m {
			if !present[k] && isScalar(v) {
				present[k] = true
				scalars = append(scalars, k)
			}
		}
	}
	var cols []string
	for _, c := range preferred {
		if present[c] {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		sort.Strings(scalars)
		cols = scalars[:min(6, len(scalars))]
	}
	if len(cols) == 0 {
		return
	}
	fmt.Fprintln(w, strings.ToUpper(strings.Join(cols, "\t")))
	for _, r := range rows {
		m, _ := r.(map[string]any)
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = scalar(m[c])
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
}

func pageLine(meta map[string]any) string {
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+" "+scalar(meta[k]))
	}
	return strings.Join(parts, ", ")
}

// printSummary writes an object's members as "key:\tvalue" lines, nested
// objects with dotted keys and lists as their length.
func printSummary(w io.Writer, prefix string, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		return rank(keys[i]) < rank(keys[j]) || (rank(keys[i]) == rank(keys[j]) && keys[i] < keys[j])
	})
	for _, k := range keys {
		switch v := m[k].(type) {
		case map[string]any:
			printSummary(w, prefix+k+".", v)
		case []any:
			fmt.Fprintf(w, "%s%s:\t[%d]\n", prefix, k, len(v))
		default:
			fmt.Fprintf(w, "%s%s:\t%s\n", prefix, k, scalar(v))
		}
	}
}

func rank(k string) int {
	for i, p := range preferred {
		if p == k {
			return i
		}
	}
	return len(preferred)
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

func scalar(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
