package library

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"panelpapers/docs"
	"panelpapers/docs/agenda"

	bolt "go.etcd.io/bbolt"
)

// settingReading is the edition of agenda's reading the stored papers were
// read with.
const settingReading = "reading/edition"

// NeedsRereading reports whether the stored papers were read by an older
// edition of how papers are read (agenda.Reading) than this release's.
func (l *Library) NeedsRereading() (bool, error) {
	raw, err := l.Setting(settingReading)
	if err != nil {
		return false, err
	}
	n, _ := strconv.Atoi(raw)
	if n >= agenda.Reading {
		return false, nil
	}
	// A new library has nothing to read again.
	vs, err := l.Versions(true)
	if err != nil {
		return false, err
	}
	if len(vs) == 0 {
		return false, l.SetSetting(settingReading, strconv.Itoa(agenda.Reading))
	}
	return true, nil
}

// Reread reads every stored paper again from its stored pages (a PDF is
// opened only to read a Title metadata not kept yet), when the reading of
// facts has improved since they were read:
// what the council's web service said and what the member corrected stay
// (a correction keeps the new reading in Version.Read, for a reset); what
// hung on a meeting moves with a changed committee or date, as it does for
// a correction; the paper keeps its identity. The search index is brought
// in step. progress hears how many papers are done of how many.
func (im *Papers) Reread(ctx context.Context, progress func(done, total int)) error {
	vs, err := im.Lib.Versions(true)
	if err != nil {
		return fmt.Errorf("read the papers again: %w", err)
	}
	for i, v := range vs {
		if err := ctx.Err(); err != nil {
			return err
		}
		// A paper added before Titles were kept has its Title read now,
		// from its stored PDF: a file needing a password gives none.
		title := v.PDFTitle
		if title == "" {
			title = im.title(ctx, im.Lib.FilePath(v.SHA256), "")
		}
		res, pages, err := im.Lib.reread(v.SHA256, title)
		if err != nil {
			return fmt.Errorf("read %s again: %w", v.ID(), err)
		}
		if im.Index != nil && res != nil && res.After != nil && res.After.Current() {
			if err := im.Index.Add(res.After, pages); err != nil {
				return fmt.Errorf("%w: %v", docs.ErrIndexBehind, err)
			}
		}
		if progress != nil {
			progress(i+1, len(vs))
		}
	}
	return im.Lib.SetSetting(settingReading, strconv.Itoa(agenda.Reading))
}

// reread reads one version again, with its Title metadata, in one
// transaction.
func (l *Library) reread(sha, title string) (*Corrected, []docs.Page, error) {
	var res *Corrected
	var pages []docs.Page
	err := l.update(func(tx *bolt.Tx) error {
		v, err := getVersion(tx, sha)
		if err != nil {
			return err
		}
		if pages, err = pagesTx(tx, sha); err != nil || len(pages) == 0 {
			return err
		}
		before := *v
		fresh := *v
		fresh.PDFTitle = title
		setFacts(&fresh, readFacts(pages, v.SourceName, title, nil, nil), pages)
		// What the web service gave stays: a record from before sources
		// were kept says so by having come from an address.
		for _, fact := range []string{docs.FactCommittee, docs.FactDate, docs.FactTime, docs.FactVenue, docs.FactKind} {
			src := v.Agenda.Sources[fact]
			if r, ok := v.Read[fact]; ok {
				src = r.Source
			}
			if src == docs.SourceService || (v.Agenda.Sources == nil && isAddress(v.SourceName) && v.Fact(fact) != "") {
				val := v.Fact(fact)
				if r, ok := v.Read[fact]; ok {
					val = r.Value
				}
				fresh.SetFact(fact, val, docs.SourceService)
			}
		}
		if fresh.Agenda.Items == nil {
			fresh.Agenda.Items = v.Agenda.Items // a service's items, when the text has none
		}
		fresh.Read = nil
		c, err := corrections(tx, v.Document)
		if err != nil {
			return err
		}
		applyCorrections(&fresh, c, nil)
		if err := putVersion(tx, &fresh); err != nil {
			return err
		}
		b := tx.Bucket(bucketPages).Bucket([]byte(sha))
		for _, p := range pages {
			raw, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if err := b.Put(pageKey(p.Number), raw); err != nil {
				return err
			}
		}
		res = &Corrected{Before: &before, After: &fresh, Versions: []*docs.Version{&fresh}}
		if fresh.Current() {
			return moveMeeting(tx, res)
		}
		return nil
	})
	return res, pages, err
}
