package agenda_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"panelpapers/docs"
)

// agendaDiff lists the fields in which two agendas differ, as JSON, so that
// a failure says what is wrong rather than printing both agendas whole.
func agendaDiff(got, want docs.Agenda) string {
	var out []string
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < g.NumField(); i++ {
		gf, wf := g.Field(i).Interface(), w.Field(i).Interface()
		if reflect.DeepEqual(gf, wf) {
			continue
		}
		name := g.Type().Field(i).Name
		if name == "Items" || name == "Questions" {
			gv, wv := g.Field(i), w.Field(i)
			for k := 0; k < max(gv.Len(), wv.Len()); k++ {
				var ge, we any
				if k < gv.Len() {
					ge = gv.Index(k).Interface()
				}
				if k < wv.Len() {
					we = wv.Index(k).Interface()
				}
				if !reflect.DeepEqual(ge, we) {
					out = append(out, fmt.Sprintf("%s[%d]: got %s\n\twant %s", name, k, js(ge), js(we)))
				}
			}
			continue
		}
		out = append(out, fmt.Sprintf("%s: got %s, want %s", name, js(gf), js(wf)))
	}
	return strings.Join(out, "\n")
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
