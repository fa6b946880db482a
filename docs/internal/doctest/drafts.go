package doctest

import "panelpapers/docs"

// DraftsFor27October are two of the member's questions for one meeting.
func DraftsFor27October() []docs.Draft {
	return []docs.Draft{
		{ID: "1", Meeting: "2023-10-27", Committee: "Dyfed-Powys Police and Crime Panel", Asker: "Jane Roberts-Jones",
			Body: "How long do callers wait on 101 in rural Powys?"},
		{ID: "2", Meeting: "2023-10-27", Committee: "Dyfed-Powys Police and Crime Panel", Asker: "Councillor Jane Roberts-Jones",
			Body: "Will the Commissioner publish the figures?\n\nPlease give them by county."},
	}
}

// SentDraft is a draft sent for a meeting.
func SentDraft(id, meeting, asker, body string) docs.Draft {
	return docs.Draft{ID: id, Meeting: meeting, Committee: "Dyfed-Powys Police and Crime Panel", Asker: asker, Body: body,
		Status: docs.DraftSent, SentOn: "2023-06-20"}
}

// The member's own wording of the two questions minuted on 14 July 2023;
// the clerk minuted the first word for word and shortened the second.
const (
	My101   = "What steps is the Commissioner taking to reduce the time callers wait for an answer on the 101 non-emergency number, particularly in rural parts of Ceredigion and Powys where residents tell me they have given up calling?"
	MyWelsh = "Will the Commissioner publish the number of officers and staff able to work through the medium of Welsh? How will the Force meet the Welsh Language Standards by 2025, and what training is planned for new recruits?"
)
