// Package searchbench holds what the search benchmarks share: a generated
// library of realistic pages (packgen's prose mixed with sentences taken from
// the real corpus), the benchmark queries of bench/queries.txt, and
// percentiles. It is used by search's BenchmarkSearch and by the programs
// under bench/searchbench that bench/search.sh runs.
package searchbench

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"panelpapers/docs"
	"panelpapers/docs/packgen"
	"panelpapers/search"
)

// Harvest returns the sentences of the corpus PDFs in dir, as pdftotext
// reads them: whole sentences of 5 to 60 words that are mostly letters, in
// a fixed order. Without pdftotext or the folder it returns an error.
func Harvest(dir string) ([]string, error) {
	pdfs, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(pdfs) == 0 {
		return nil, fmt.Errorf("harvest sentences: no PDFs in %s", dir)
	}
	sort.Strings(pdfs)
	seen := map[string]bool{}
	var out []string
	for _, p := range pdfs {
		raw, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
		if err != nil {
			return nil, fmt.Errorf("harvest sentences from %s: %w", filepath.Base(p), err)
		}
		for _, s := range Sentences(string(raw)) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// Sentences splits extracted text into tidy sentences: lines of a
// paragraph are joined, and only sentences that read like prose are kept.
func Sentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		flat := strings.Join(strings.Fields(para), " ")
		for _, s := range splitSentences(flat) {
			if prose(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' {
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// prose: 5 to 60 words, at least three quarters letters and spaces.
func prose(s string) bool {
	n := len(strings.Fields(s))
	if n < 5 || n > 60 {
		return false
	}
	letters, all := 0, 0
	for _, r := range s {
		all++
		if unicode.IsLetter(r) || r == ' ' {
			letters++
		}
	}
	return letters*4 >= all*3
}

// Library is a generated library: current versions and their pages. It
// implements search.Source.
type Library struct {
	Versions []*docs.Version
	pages    map[string][]docs.Page
}

// CurrentVersions returns every version.
func (l *Library) CurrentVersions() ([]*docs.Version, error) { return l.Versions, nil }

// Notes and Drafts: a generated library has none.
func (l *Library) Notes(docs.NoteFilter) ([]docs.NoteEntry, error) { return nil, nil }

// Drafts is nil: a generated library has no question drafts.
func (l *Library) Drafts() ([]docs.Draft, error) { return nil, nil }

// Pages returns a version's pages.
func (l *Library) Pages(sha string) ([]docs.Page, error) {
	p, ok := l.pages[sha]
	if !ok {
		return nil, fmt.Errorf("pages of %s: %w", sha, docs.ErrNotFound)
	}
	return p, nil
}

// PageCount is how many pages the library holds.
func (l *Library) PageCount() int {
	n := 0
	for _, p := range l.pages {
		n += len(p)
	}
	return n
}

// Committees are the bodies the generated papers belong to.
var Committees = []string{
	"Dyfed-Powys Police and Crime Panel", "Cabinet", "County Council", "Planning Committee",
	"Corporate Parenting Panel", "Audit and Governance Committee", "Cyngor Cymuned Manordeilo a Salem",
	"Licensing Committee",
}

var kinds = []docs.Kind{docs.KindAgenda, docs.KindAgenda, docs.KindSupplement, docs.KindMinutes, docs.KindReport}

// PagesPerPack is how long a generated pack is.
const PagesPerPack = 200

// Generate makes a library of about pages pages in packs of PagesPerPack,
// reproducibly from seed. Each page has four or five paragraphs whose
// sentences come from packgen's prose, or, for about two in five, from
// sentences (harvested from the corpus) when there are any.
func Generate(pages int, seed uint64, sentences []string) *Library {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	p := packgen.NewProse(seed)
	l := &Library{pages: map[string][]docs.Page{}}
	// Weekly meetings from 2023, as packgen.LargePack dates the packs gen writes.
	start := time.Date(2023, time.January, 6, 0, 0, 0, 0, time.UTC)
	for n := 0; pages > 0; n++ {
		k := min(pages, PagesPerPack)
		pages -= k
		sum := sha256.Sum256([]byte(fmt.Sprintf("searchbench %d %d", seed, n)))
		v := &docs.Version{
			SHA256:    hex.EncodeToString(sum[:]),
			Committee: Committees[n%len(Committees)],
			Date:      start.AddDate(0, 0, 7*(n+1)).Format("2006-01-02"),
			Kind:      kinds[n%len(kinds)],
			Pages:     k,
		}
		v.Title = strings.ToUpper(string(v.Kind[:1])) + string(v.Kind[1:]) + " of " + v.Committee
		ps := make([]docs.Page, k)
		for i := range ps {
			ps[i] = docs.Page{
				Number:  i + 1,
				Printed: printed(i),
				Item:    strconv.Itoa(3 + i/12),
				Text:    page(r, p, sentences),
				Engine:  docs.EngineDslipak,
			}
		}
		l.Versions = append(l.Versions, v)
		l.pages[v.SHA256] = ps
	}
	return l
}

func printed(i int) string {
	if i < 2 {
		return ""
	}
	return strconv.Itoa(i - 1)
}

// page writes one page of text: paragraphs separated by a blank line, lines
// of about 90 characters as extraction gives them.
func page(r *rand.Rand, p *packgen.Prose, sentences []string) string {
	var b strings.Builder
	paras := 4 + r.IntN(2)
	for i := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		line := 0
		for j := range 3 + r.IntN(3) {
			s := ""
			if len(sentences) > 0 && r.IntN(5) < 2 {
				s = sentences[r.IntN(len(sentences))]
			} else {
				s = p.Sentence()
			}
			for k, w := range strings.Fields(s) {
				switch {
				case line == 0 && j == 0 && k == 0:
				case line+len(w) > 90:
					b.WriteByte('\n')
					line = 0
				default:
					b.WriteByte(' ')
					line++
				}
				b.WriteString(w)
				line += len(w)
			}
		}
	}
	return b.String()
}

// Query is one line of bench/queries.txt.
type Query struct {
	Class string // word, words, phrase, prefix, fuzzy, field, exclude, filtered, welsh, none
	search.Request
}

// ReadQueries reads bench/queries.txt: CLASS<TAB>QUERY[<TAB>FILTERS], where
// FILTERS is name=value pairs joined by ";" (committee, from, to, kind).
// Blank lines and lines starting with # are skipped.
func ReadQueries(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	defer f.Close()
	var out []Query
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			return nil, fmt.Errorf("read queries: %s:%d: want CLASS<TAB>QUERY", path, n)
		}
		q := Query{Class: cols[0], Request: search.Request{Query: cols[1]}}
		if len(cols) > 2 {
			for _, kv := range strings.Split(cols[2], ";") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "committee":
					q.Committee = v
				case "from":
					q.From = v
				case "to":
					q.To = v
				case "kind":
					q.Kind = v
				default:
					return nil, fmt.Errorf("read queries: %s:%d: unknown filter %q", path, n, k)
				}
			}
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// Percentile returns the p-th percentile (0–100) of sorted durations, by
// the nearest-rank method.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[max(0, min(k, len(sorted)-1))]
}

// DirSize is the bytes of the files under dir.
func DirSize(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}
