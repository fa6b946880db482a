package cli

import (
	"reflect"
	"testing"
)

// The conventions of ../shared/CLI.md, at the parser: options anywhere,
// "--" ends them, a quoted argument with a space is never an option.
func TestParseArgs(t *testing.T) {
	c := &command{name: "search", flags: map[string]bool{"json": false, "limit": true}}
	for _, tc := range []struct {
		name string
		args []string
		opts opts
		pos  []string
		err  string
	}{
		{"options after arguments", []string{"budget", "--json", "--limit", "5"}, opts{"json": "", "limit": "5"}, []string{"budget"}, ""},
		{"option with =", []string{"--limit=7", "crime"}, opts{"limit": "7"}, []string{"crime"}, ""},
		{"-- ends options", []string{"--json", "--", "-police", "--limit"}, opts{"json": ""}, []string{"-police", "--limit"}, ""},
		{"a quoted query with a space", []string{"-police budget"}, opts{}, []string{"-police budget"}, ""},
		{"-h is --help", []string{"-h"}, opts{"help": ""}, nil, ""},
		{"--data anywhere", []string{"x", "--data", "/tmp/lib"}, opts{"data": "/tmp/lib"}, []string{"x"}, ""},
		{"unknown option", []string{"--jsno"}, nil, nil, "unknown option --jsno"},
		{"a switch given a value", []string{"--json=yes"}, nil, nil, "--json takes no value"},
		{"a value missing", []string{"crime", "--limit"}, nil, nil, "--limit needs a value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, pos, err := parseArgs(c, tc.args)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(o, tc.opts) || !reflect.DeepEqual(pos, tc.pos) {
				t.Errorf("parseArgs(%q) = %v, %q, %v; want %v, %q", tc.args, o, pos, err, tc.opts, tc.pos)
			}
		})
	}
}
