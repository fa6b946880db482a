package ui

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"syscall"

	"fyne.io/fyne/v2/lang"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/docs/questions"
	"panelpapers/search"
)

// errorPlace is where the window shows an error, when that changes what the
// member should be told: a web page instead of a PDF is the council's
// site's doing in a download, and the member's file elsewhere.
type errorPlace int

const (
	anywhere   errorPlace = iota
	inDownload            // a download, a council's site, the settings
	inMove                // moving the library's folder
)

// errorSentence is the window's words for one kind of error.
type errorSentence struct {
	err   error            // a sentinel, matched with errors.Is
	as    func(error) bool // else an error of a kind (an answer from a site)
	place errorPlace       // anywhere, or the one place the words are for
	say   func(err error) string
}

func (s errorSentence) matches(err error) bool {
	if s.err != nil {
		return errors.Is(err, s.err)
	}
	return s.as(err)
}

// errorTable is the window's one table of errors and what it says for
// them, in the window's language: every sentinel error the domain can
// return (the Err… variables of docs, its sub-packages and search; a test
// walks their source to check), and the system's that reach the member.
// For an error shown at a place, the first entry for that place that
// matches wins, else the first for anywhere.
var errorTable = []errorSentence{
	// A download, or a council's site.
	{err: docs.ErrLooksHTML, place: inDownload, say: func(error) string {
		return lang.L("The council's site sent a web page instead of the PDF. The paper may have moved, or the site may want you to sign in: open the link in your browser to see.")
	}},
	{err: docs.ErrFileTooLarge, place: inDownload, say: func(error) string {
		return lang.L("The file is too large to be a council paper (the limit is {{.Size}}). Check the link.", tv{"Size": fetch.FormatBytes(fetch.DefaultMaxSize)})
	}},
	{err: docs.ErrNotPDF, place: inDownload, say: func(error) string {
		return lang.L("The link is not to a PDF. Copy the link of the paper itself (it usually ends in .pdf) and try again.")
	}},
	{err: docs.ErrEmptyFile, place: inDownload, say: func(error) string {
		return lang.L("The council's site sent an empty file. Try again later.")
	}},
	{as: statusIs(404), place: inDownload, say: func(error) string {
		return lang.L("The council's site has nothing at this address: the paper may have been moved or withdrawn. Check the link.")
	}},
	{as: statusIs(401, 403), place: inDownload, say: func(error) string {
		return lang.L("The council's site would not let Panel Papers download this: it may be for signed-in users only.")
	}},
	{as: statusIs(), place: inDownload, say: func(err error) string {
		var status *fetch.StatusError
		errors.As(err, &status)
		return lang.L("The council's site has a problem at the moment (it answered {{.Code}}). Try again later.", tv{"Code": status.Code})
	}},
	{as: badCertificate, place: inDownload, say: func(error) string {
		return lang.L("The council's site's security certificate is not valid, so Panel Papers did not download from it.")
	}},
	{err: context.Canceled, place: inDownload, say: func(error) string {
		return lang.L("The download was stopped.")
	}},

	// Moving the library.
	{err: docs.ErrLocked, place: inMove, say: func(error) string {
		return lang.L("The library is busy (the command line may be using it). Try again in a moment.")
	}},

	// Anywhere: the network first, as a download's failure may wrap the
	// system's error too.
	{err: fetch.ErrOffline, say: func(error) string {
		return lang.L("Panel Papers cannot reach the council's site: this computer seems to be offline. Check the connection and try again.")
	}},
	{err: fetch.ErrInsecure, say: func(error) string {
		return lang.L("Panel Papers downloads only over a secure connection: the link must start with https://.")
	}},
	{err: fetch.ErrStalled, say: func(error) string {
		return lang.L("The council's site stopped responding. Try again later.")
	}},
	{err: fetch.ErrDropped, say: func(error) string {
		return lang.L("The connection dropped before the paper was complete. Try again: the download carries on where it stopped.")
	}},
	{err: fetch.ErrBadResponse, say: notModernGov},
	{err: fetch.ErrUnknownCommittee, say: notModernGov},
	{err: fetch.ErrAmbiguousCommittee, say: func(error) string {
		return lang.L("More than one committee on this site matches. Choose the committee from the list.")
	}},

	// Files and the library.
	{err: docs.ErrDamaged, say: damaged},
	{err: docs.ErrNotPDF, say: damaged},
	{err: docs.ErrEmptyFile, say: damaged},
	{err: docs.ErrEncrypted, say: func(error) string {
		return lang.L("This PDF is protected by a password.")
	}},
	{err: docs.ErrBadPassword, say: func(error) string {
		return lang.L("That password does not open this PDF.")
	}},
	{err: docs.ErrNoPages, say: func(error) string {
		return lang.L("This PDF has no pages.")
	}},
	{err: docs.ErrPageTooLarge, say: func(error) string {
		return lang.L("This page is too large to show at this zoom. Zoom out and try again.")
	}},
	{err: docs.ErrFileTooLarge, say: func(error) string {
		return lang.L("This file is too large to be a council paper, so it was not added.")
	}},
	{err: docs.ErrLocked, say: func(error) string {
		return lang.L("The library is busy: another copy of Panel Papers is using it. Try again in a moment.")
	}},
	{err: docs.ErrPageTimeout, say: func(error) string {
		return lang.L("This page could not be drawn: it takes too long. The rest of the paper can be read.")
	}},
	{err: docs.ErrPageOutOfMemory, say: func(error) string {
		return lang.L("This page could not be drawn: it needs too much memory. The rest of the paper can be read.")
	}},
	{err: docs.ErrBusy, say: func(error) string {
		return lang.L("Another copy of Panel Papers is downloading or adding this same paper at this moment. Try again when it has finished.")
	}},
	{err: library.ErrBadCorrection, say: func(error) string {
		return lang.L("This correction cannot be made: check the date (like 2023-10-27) and the time (like 10:30).")
	}},
	{err: syscall.ENOSPC, say: func(error) string {
		return lang.L("The disk is full. Free some space and try again.")
	}},
	{err: os.ErrNotExist, say: func(error) string {
		return lang.L("The file of this paper is missing from the library folder. Add it again.")
	}},
	{err: os.ErrPermission, say: func(error) string {
		return lang.L("Panel Papers is not allowed to read this file.")
	}},
	{err: context.DeadlineExceeded, say: func(error) string {
		return lang.L("The page viewer took too long to start. Close Panel Papers and open it again.")
	}},
	{err: docs.ErrLooksHTML, say: func(error) string {
		return lang.L("This file is not a PDF (it looks like a web page). Check the link and try again.")
	}},
	{err: docs.ErrNotFound, say: func(error) string {
		return lang.L("This is no longer in the library: it may have been removed or deleted.")
	}},
	{err: docs.ErrAmbiguous, say: func(error) string {
		return lang.L("More than one paper matches. Choose the paper from the list.")
	}},
	{err: docs.ErrIndexBehind, say: func(error) string {
		return lang.L("The library was changed, but search could not be updated yet. It will catch up the next time Panel Papers starts.")
	}},
	{err: docs.ErrAlreadyOpen, say: func(error) string {
		return lang.L("Panel Papers is already open. Switch to its window.")
	}},

	// Notes.
	{err: docs.ErrQuoteNotFound, say: func(error) string {
		return lang.L("These words could not be found in the paper's text (a scanned page cannot be highlighted). Try selecting fewer words.")
	}},
	{err: docs.ErrBadNote, say: func(error) string {
		return lang.L("This note cannot be saved as it is. Check it and try again.")
	}},
	{err: docs.ErrNothingToUndo, say: func(error) string {
		return lang.L("There is nothing to undo.")
	}},
	{err: docs.ErrNotesBehind, say: func(error) string {
		return lang.L("The paper was added, but your notes on its earlier version could not all be moved to it yet. Panel Papers will try again.")
	}},
	{err: docs.ErrNoteIndexBehind, say: func(error) string {
		return lang.L("The note was saved, but search could not be updated yet. It will catch up the next time Panel Papers starts.")
	}},

	// Backups and the data folder.
	{err: library.ErrBadBackup, say: func(error) string {
		return lang.L("This file is not a Panel Papers backup, or it is damaged. Choose another file.")
	}},
	{err: library.ErrBackupTooNew, say: func(error) string {
		return lang.L("This backup was made by a newer Panel Papers. Update Panel Papers to restore it.")
	}},
	{err: library.ErrMoveOverlap, say: func(error) string {
		return lang.L("The library cannot move into its own folder, nor into a folder that holds it. Choose another folder.")
	}},
	{err: library.ErrMoveNotEmpty, say: func(error) string {
		return lang.L("That folder already has things in it. Choose an empty folder, or make a new one.")
	}},
	{err: library.ErrMoveNoSpace, say: func(error) string {
		return lang.L("There is not enough free space there for the library. Free some space or choose another place.")
	}},
	{err: library.ErrMoveNoLibrary, say: func(error) string {
		return lang.L("There is no library in this folder to move.")
	}},
	{err: library.ErrOldFolderLeft, say: func(error) string {
		return lang.L("Some files could not be removed from the old folder; you may delete them yourself.")
	}},

	// Questions and search.
	{err: questions.ErrBadRule, say: func(error) string {
		return lang.L("The deadline cannot be worked out: check this panel's deadline rules.")
	}},
	{err: search.ErrBadQuery, say: badQuery},
	{err: search.ErrDamaged, say: func(error) string {
		return lang.L("The search index is damaged. Close Panel Papers and open it again: the index is then rebuilt.")
	}},
}

func damaged(error) string {
	return lang.L("This PDF is damaged or incomplete and cannot be shown. Try downloading it again.")
}

func notModernGov(error) string {
	return lang.L("This site did not answer as a council's committee site (ModernGov) does. Check the address: it is the address of the council's committee pages, such as https://democracy.carmarthenshire.gov.wales.")
}

// badQuery says what is wrong with a search. Search words each mistake as
// a sentence for the member, in English (the command line shows them too):
// the English window shows that; in Welsh the window says it in general.
func badQuery(err error) string {
	var qe *search.QueryError
	if currentLanguage() == LangEnglish && errors.As(err, &qe) && qe.Msg != "" {
		return qe.Msg
	}
	return lang.L("This search cannot be understood. Check its quotes and signs (OR, NOT, *, ~), or search for plain words.")
}

// statusIs matches a site's answer with one of codes, or any answer.
func statusIs(codes ...int) func(error) bool {
	return func(err error) bool {
		var status *fetch.StatusError
		if !errors.As(err, &status) {
			return false
		}
		for _, c := range codes {
			if status.Code == c {
				return true
			}
		}
		return len(codes) == 0
	}
}

// badCertificate matches a site whose certificate does not hold.
func badCertificate(err error) bool {
	var (
		cert *tls.CertificateVerificationError
		auth x509.UnknownAuthorityError
		host x509.HostnameError
	)
	return errors.As(err, &cert) || errors.As(err, &auth) || errors.As(err, &host)
}

// sentenceFor is the table's sentence for err shown at place, if it has
// one.
func sentenceFor(place errorPlace, err error) (string, bool) {
	if err == nil {
		return "", false
	}
	if place != anywhere {
		for _, s := range errorTable {
			if s.place == place && s.matches(err) {
				return s.say(err), true
			}
		}
	}
	for _, s := range errorTable {
		if s.place == anywhere && s.matches(err) {
			return s.say(err), true
		}
	}
	return "", false
}

// explain turns an error into a sentence for the member: the window's
// own words for the errors it knows, else the error's text.
func (u *UI) explain(err error) string { return u.explainIn(anywhere, err) }

// explainIn is explain for an error shown at place.
func (u *UI) explainIn(place errorPlace, err error) string {
	if msg, ok := sentenceFor(place, err); ok {
		return msg
	}
	return plainSentence(err)
}

// explain is the window's wording for any error: its own for those it
// knows, else the error's text made a sentence.
func explain(err error) string {
	if msg, ok := sentenceFor(anywhere, err); ok {
		return msg
	}
	return plainSentence(err)
}

// plainSentence is an error the table does not know, its text made a
// sentence.
func plainSentence(err error) string {
	msg := err.Error()
	if msg == "" {
		return lang.L("Something went wrong.")
	}
	return upperFirst(msg) + "."
}

// moveSentence says why the library could not move, and what to do: what
// moving itself refused is said alone; anything else says the library is
// still where it was, and why.
func moveSentence(err error) string {
	switch {
	case errors.Is(err, library.ErrMoveOverlap), errors.Is(err, library.ErrMoveNotEmpty),
		errors.Is(err, library.ErrMoveNoSpace), errors.Is(err, docs.ErrLocked):
		msg, _ := sentenceFor(inMove, err)
		return msg
	}
	reason := err.Error()
	if msg, ok := sentenceFor(inMove, err); ok {
		reason = msg
	}
	return lang.L("The library could not be moved, and is still where it was. ({{.Reason}})", tv{"Reason": reason})
}
