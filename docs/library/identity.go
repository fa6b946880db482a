package library

import (
	"encoding/json"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"panelpapers/docs"
	"panelpapers/docs/words"

	bolt "go.etcd.io/bbolt"
)

// A paper's identity (Version.Document) is given when its first version
// arrives and never changes, whatever is read or corrected about it later:
// notes, the reading position and the search index hang on it. A new file is
// a new version of a paper already in the library only on evidence:
//
//  1. it came from the same address as one of the paper's versions (a
//     council republishing a pack at its address);
//  2. its committee and meeting date are known, and with its kind and title
//     they are the paper's (a republished pack at a new address);
//  3. it was added under the same file name as the paper's current version,
//     and most of its words are the same (a member saving a corrected
//     attachment again).
//
// Never on unknown facts: two undated papers both titled "Minutes" are two
// papers.

// sameWords is how alike (word-bag F1) two texts must be to count as
// versions of one paper added under the same file name: a republished pack
// changes a report or two, a different paper shares only common words.
const sameWords = 0.5

// documentFor returns the paper a new version v belongs to, or the identity
// of a new paper: what it is first filed as (its facts, made unique when
// they do not tell it apart).
func documentFor(tx *bolt.Tx, v *docs.Version, pages []docs.Page) (string, error) {
	var current []*docs.Version
	sameSource := ""
	err := tx.Bucket(bucketVersions).ForEach(func(_, raw []byte) error {
		o := new(docs.Version)
		if err := json.Unmarshal(raw, o); err != nil {
			return err
		}
		if o.SHA256 == v.SHA256 {
			return nil
		}
		if isAddress(v.SourceName) && o.SourceName == v.SourceName && sameSource == "" {
			sameSource = o.Document
		}
		if o.Current() {
			current = append(current, o)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if sameSource != "" {
		return sameSource, nil
	}
	sort.Slice(current, func(i, j int) bool { return current[i].Added.After(current[j].Added) })
	if v.Committee != "" && v.Date != "" {
		key := DocumentKey(v.Committee, v.Date, v.Kind, v.Title)
		for _, o := range current {
			if o.Committee != "" && o.Date != "" && DocumentKey(o.Committee, o.Date, o.Kind, o.Title) == key {
				return o.Document, nil
			}
		}
	}
	if !isAddress(v.SourceName) {
		var bag map[string]int
		for _, o := range current {
			if isAddress(o.SourceName) || fileName(o.SourceName) != fileName(v.SourceName) {
				continue
			}
			if bag == nil {
				bag = words.Bag(allText(pages))
			}
			theirs, err := pagesTx(tx, o.SHA256)
			if err != nil {
				return "", err
			}
			if words.F1(bag, words.Bag(allText(theirs))) >= sameWords {
				return o.Document, nil
			}
		}
	}
	return newDocument(tx, v), nil
}

// newDocument is the identity of a new paper: its facts as first filed,
// with the version's id added when they are unknown or already taken.
func newDocument(tx *bolt.Tx, v *docs.Version) string {
	id := DocumentKey(v.Committee, v.Date, v.Kind, v.Title)
	if v.Committee == "" || v.Date == "" || tx.Bucket(bucketDocuments).Get([]byte(id)) != nil {
		id += "#" + v.SHA256[:docs.ShortIDLen]
	}
	return id
}

// isAddress reports whether a paper's source is a web address (a download)
// rather than a file name.
func isAddress(source string) bool {
	return strings.HasPrefix(source, "https://") || strings.HasPrefix(source, "http://")
}

// fileName is the name a paper was added under, without its folder, in
// lower case ("Agenda.PDF" and "agenda.pdf" are one name).
func fileName(source string) string {
	return strings.ToLower(filepath.Base(path.Base(source)))
}

// allText is the text of a paper's pages.
func allText(pages []docs.Page) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return b.String()
}
