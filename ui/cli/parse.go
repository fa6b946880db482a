package cli

import (
	"fmt"
	"strings"
)

// takeFlag consumes "--name VALUE" or "--name=VALUE" at the head of args.
func takeFlag(args []string, name string, o opts) ([]string, error) {
	a := args[0]
	if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
		o[name] = v
		return args[1:], nil
	}
	if a != "--"+name || len(args) < 2 {
		return nil, fmt.Errorf("--%s needs a value", name)
	}
	o[name] = args[1]
	return args[2:], nil
}

// parseArgs splits a subcommand's arguments into options and positional
// arguments. Options may come anywhere; "--" ends them. An argument that
// starts with "-" but holds a space is a quoted query, not an option.
func parseArgs(c *command, args []string) (opts, []string, error) {
	o := opts{}
	var pos []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--":
			return o, append(pos, args[1:]...), nil
		case len(a) > 1 && a[0] == '-' && !strings.ContainsAny(a, " \t"):
			name := strings.TrimLeft(a, "-")
			if i := strings.IndexByte(name, '='); i >= 0 {
				name = name[:i]
			}
			if name == "h" {
				name = "help"
			}
			takesValue, known := c.flags[name]
			if !known && name != "help" && name != "data" {
				return nil, nil, fmt.Errorf("unknown option %s", a)
			}
			if name == "data" {
				takesValue = true
			}
			if !takesValue {
				if strings.Contains(a, "=") {
					return nil, nil, fmt.Errorf("%s takes no value", "--"+name)
				}
				o[name] = ""
				args = args[1:]
				continue
			}
			rest, err := takeFlag(append([]string{"--" + strings.TrimLeft(a, "-")}, args[1:]...), name, o)
			if err != nil {
				return nil, nil, err
			}
			args = rest
		default:
			pos = append(pos, a)
			args = args[1:]
		}
	}
	return o, pos, nil
}
