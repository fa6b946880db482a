package docs

// Corrigible lists the facts a member may correct, in the order they are
// shown: the rest of what a paper says (its items, its questions) follows
// from its text.
var Corrigible = []string{FactCommittee, FactDate, FactTime, FactVenue, FactKind, FactBody}

// Fact is the value of one of the Corrigible facts of v.
func (v *Version) Fact(name string) string {
	switch name {
	case FactCommittee:
		return v.Committee
	case FactDate:
		return v.Date
	case FactTime:
		return v.Agenda.Time
	case FactVenue:
		return v.Agenda.Venue
	case FactKind:
		return string(v.Kind)
	case FactBody:
		return v.Agenda.Body
	}
	return ""
}

// SetFact sets one of the Corrigible facts of v, in the version and in its
// agenda alike, and says where it came from (source "" when it is unknown).
func (v *Version) SetFact(name, value string, source Source) {
	switch name {
	case FactCommittee:
		v.Committee, v.Agenda.Committee = value, value
	case FactDate:
		v.Date, v.Agenda.Date = value, value
	case FactTime:
		v.Agenda.Time = value
	case FactVenue:
		v.Agenda.Venue = value
	case FactKind:
		if value == "" {
			value = string(KindOther)
		}
		v.Kind, v.Agenda.Kind = Kind(value), Kind(value)
	case FactBody:
		v.Agenda.Body = value
	default:
		return
	}
	if v.Agenda.Sources == nil {
		v.Agenda.Sources = map[string]Source{}
	}
	if source == "" {
		delete(v.Agenda.Sources, name)
	} else {
		v.Agenda.Sources[name] = source
	}
}
