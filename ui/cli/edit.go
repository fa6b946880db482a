package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"panelpapers/docs"
	"panelpapers/docs/library"
)

// correctionOf reads edit's options as a correction: a malformed one is a
// usage error, and nothing changes.
func correctionOf(o opts) (library.Correction, error) {
	c := library.Correction{Set: map[string]string{}}
	for _, fact := range docs.Corrigible {
		if o.has(fact) {
			c.Set[fact] = strings.TrimSpace(o[fact])
		}
	}
	if o.has("reset") {
		for _, f := range strings.Split(o["reset"], ",") {
			switch f = strings.TrimSpace(f); {
			case f == "all":
				c.Reset = append(c.Reset, docs.Corrigible...)
			case slices.Contains(docs.Corrigible, f):
				c.Reset = append(c.Reset, f)
			default:
				return c, fmt.Errorf("--reset takes %s or all, not %q", strings.Join(docs.Corrigible, ", "), f)
			}
		}
	}
	if len(c.Set) == 0 && len(c.Reset) == 0 {
		return c, errors.New("say what to correct (--committee, --date, --time, --venue, --kind, --body or --reset)")
	}
	if err := library.CheckCorrection(c); err != nil {
		return c, errors.New(strings.TrimPrefix(err.Error(), library.ErrBadCorrection.Error()+": "))
	}
	return c, nil
}

func cmdEdit(e *env, o opts, args []string) int {
	c, err := correctionOf(o)
	if err != nil {
		fmt.Fprintf(e.errw, "panelpapers edit: %v\n", err)
		return exitUsage
	}
	v, code := e.resolve(args[0])
	if v == nil {
		return code
	}
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	res, err := p.Correct(v.SHA256, c)
	if res == nil {
		return e.fail(err)
	}
	if err != nil {
		fmt.Fprintln(e.errw, Sentence(err))
	}
	before, after := res.Before, res.After
	changed := false
	for _, fact := range docs.Corrigible {
		if b, a := before.Fact(fact), after.Fact(fact); b != a {
			fmt.Fprintf(e.out, "%s %s: %s → %s\n", after.ID(), fact, orUnknown(b), orUnknown(a))
			changed = true
		}
	}
	if !changed {
		fmt.Fprintf(e.out, "%s unchanged\n", after.ID())
	}
	meeting := strings.TrimSpace(orUnknown(after.Committee) + ", " + dateOrUndated(after.Date))
	if res.Drafts > 0 {
		fmt.Fprintf(e.out, "moved %s to %s\n", plural(res.Drafts, "question draft", "question drafts"), meeting)
	}
	if res.Answers > 0 {
		fmt.Fprintf(e.out, "moved %s to %s\n", plural(res.Answers, "linked response", "linked responses"), meeting)
	}
	if res.Rule {
		fmt.Fprintf(e.out, "moved the deadline rule to %s\n", after.Committee)
	}
	return ExitOK
}

// plural is "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
