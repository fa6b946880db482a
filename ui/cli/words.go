package cli

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"syscall"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/fetch"
)

// Sentence turns an error into plain English. Known failures get a sentence
// that says what to do; others keep their context (which file, which step).
func Sentence(err error) string {
	var msg string
	switch {
	case errors.Is(err, docs.ErrEmptyFile):
		msg = "The file is empty (0 bytes). It may not have finished downloading; try again."
	case errors.Is(err, docs.ErrNotPDF):
		msg = "This file is not a PDF."
	case errors.Is(err, docs.ErrEncrypted):
		msg = "This PDF is protected by a password. Add it again with --password."
	case errors.Is(err, docs.ErrBadPassword):
		msg = "The password given does not open this PDF."
	case errors.Is(err, docs.ErrNoPages):
		msg = "This PDF has no pages."
	case errors.Is(err, docs.ErrDamaged):
		msg = "This PDF is damaged or incomplete and cannot be read. Try downloading it again."
	case errors.Is(err, fetch.ErrOffline):
		msg = "Offline — showing papers already downloaded. Try again when you are connected."
	case errors.Is(err, fetch.ErrInsecure):
		msg = "Panel Papers only downloads over a secure (https) connection, and this link is not one."
	case errors.Is(err, docs.ErrLooksHTML):
		msg = "This file is not a PDF (it looks like a web page). Check the link and try again."
	case errors.Is(err, docs.ErrFileTooLarge):
		msg = "The file is too large to add."
	case errors.Is(err, docs.ErrAlreadyOpen):
		msg = "Panel Papers is already open. Switch to its window."
	case errors.Is(err, docs.ErrBusy):
		msg = "Another copy of Panel Papers is downloading or adding this same paper at this moment. Try again when it has finished."
	case errors.Is(err, docs.ErrLocked):
		msg = "The library is busy: another copy of Panel Papers is using it. Try again in a moment."
	case errors.Is(err, docs.ErrIndexBehind):
		msg = "The paper is in the library, but search could not be brought up to date yet; it catches up the next time Panel Papers starts."
	case errors.Is(err, syscall.ENOSPC):
		msg = "The disk is full. Free some space and try again; nothing was added."
	case errors.Is(err, os.ErrNotExist):
		msg = "There is no such file."
	case errors.Is(err, os.ErrPermission):
		msg = "Panel Papers is not allowed to read or write there."
	case errors.Is(err, docs.ErrNotFound), errors.Is(err, docs.ErrAmbiguous):
		// These carry their own sentence ("no paper has the id …").
		msg = strings.TrimSuffix(strings.TrimSuffix(err.Error(), ": "+docs.ErrNotFound.Error()), ": "+docs.ErrAmbiguous.Error())
		msg = strings.ToUpper(msg[:1]) + msg[1:] + "."
	default:
		msg = err.Error()
	}
	return msg
}

// downloadSentence is sentence for what went wrong with a download, where a
// web page instead of a PDF means the council's site, not the member's file.
func downloadSentence(err error) string {
	var se *fetch.StatusError
	switch {
	case errors.Is(err, docs.ErrLooksHTML):
		return "The council's site sent a web page instead of the PDF. The paper may have moved, or the site may want you to sign in."
	case errors.As(err, &se) && (se.Code == http.StatusNotFound || se.Code == http.StatusGone):
		return fmt.Sprintf("The council's site has no paper at this address (it answered %d %s). The paper may have moved; look for it on the meeting's page.", se.Code, http.StatusText(se.Code))
	case errors.As(err, &se) && se.Code >= 500:
		return fmt.Sprintf("The council's site had a problem (it answered %d %s). Try again later.", se.Code, http.StatusText(se.Code))
	case errors.As(err, &se):
		return fmt.Sprintf("The council's site refused to send the paper (it answered %d %s).", se.Code, http.StatusText(se.Code))
	case errors.Is(err, fetch.ErrStalled):
		return "The council's site stopped responding. Try again later."
	case errors.Is(err, fetch.ErrDropped):
		return "The connection to the council's site dropped before the paper was complete. Try again later."
	}
	return Sentence(err)
}

// paperTitle is a paper's title as the command line shows it, in English: a
// standard paper by its English name whatever the language of its title
// ("Pecyn adroddiadau" and "Public reports pack" are both "Reports pack"),
// an unusual title as printed; a paper written in Welsh says so. The JSON
// output keeps the title as stored.
func paperTitle(title string) string {
	t := agenda.ReadTitle(title)
	name := t.Printed
	switch t.Name {
	case agenda.NameReportsPack:
		name = "Reports pack"
	case agenda.NameFrontsheet:
		name = "Agenda frontsheet"
	case agenda.NameAgenda:
		name = "Agenda"
	case agenda.NameSupplement:
		switch len(t.Items) {
		case 0:
			name = "Supplement"
		case 1:
			name = "Supplement: item " + t.Items[0]
		default:
			name = "Supplement: items " + strings.Join(t.Items[:len(t.Items)-1], ", ") + " and " + t.Items[len(t.Items)-1]
		}
	case agenda.NameMinutes:
		name = "Minutes"
	case agenda.NameDecisions:
		name = "Decisions"
	}
	if t.Welsh {
		name += " (in Welsh)"
	}
	return name
}
