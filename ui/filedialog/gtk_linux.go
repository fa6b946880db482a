//go:build linux && cgo

package filedialog

// GTK 3, loaded with dlopen when a dialog is first shown, so that nothing
// links against it: a computer without it starts as before and uses the
// window's own dialogs. The few functions used are declared here with
// plain C types; GTK 3's ABI for them is stable.

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdlib.h>

typedef int gboolean;
typedef struct _GSList { void *data; struct _GSList *next; } GSList;

enum { ACTION_OPEN = 0, ACTION_SAVE = 1, ACTION_SELECT_FOLDER = 2 };
enum { RESPONSE_ACCEPT = -3, RESPONSE_CANCEL = -6 };

static void *(*pp_dialog_new)(const char *, void *, int, const char *, ...);
static void (*pp_disable_setlocale)(void);
static gboolean (*pp_init_check)(int *, char ***);
static void (*pp_set_select_multiple)(void *, gboolean);
static GSList *(*pp_get_filenames)(void *);
static char *(*pp_get_filename)(void *);
static gboolean (*pp_set_current_folder)(void *, const char *);
static void (*pp_set_current_name)(void *, const char *);
static void (*pp_set_overwrite)(void *, gboolean);
static void *(*pp_filter_new)(void);
static void (*pp_filter_set_name)(void *, const char *);
static void (*pp_filter_add_pattern)(void *, const char *);
static void (*pp_add_filter)(void *, void *);
static int (*pp_dialog_run)(void *);
static void (*pp_set_default_response)(void *, int);
static void (*pp_widget_destroy)(void *);
static gboolean (*pp_events_pending)(void);
static gboolean (*pp_main_iteration)(void);
static void (*pp_set_keep_above)(void *, gboolean);
static void (*pp_present)(void *);
static void (*pp_set_default_size)(void *, int, int);
static void (*pp_resize)(void *, int, int);
static void (*pp_g_free)(void *);
static void (*pp_g_slist_free)(GSList *);

// pp_load opens GTK 3 and starts it: 0 when it can show dialogs, 1 when
// the library is not there, 2 when a function is missing, 3 when it could
// not start (no display).
static int pp_load(void) {
	void *h = dlopen("libgtk-3.so.0", RTLD_NOW | RTLD_GLOBAL);
	if (!h) return 1;
#define SYM(var, name) if (!(*(void **)(&var) = dlsym(h, name))) return 2;
	SYM(pp_dialog_new, "gtk_file_chooser_dialog_new")
	SYM(pp_disable_setlocale, "gtk_disable_setlocale")
	SYM(pp_init_check, "gtk_init_check")
	SYM(pp_set_select_multiple, "gtk_file_chooser_set_select_multiple")
	SYM(pp_get_filenames, "gtk_file_chooser_get_filenames")
	SYM(pp_get_filename, "gtk_file_chooser_get_filename")
	SYM(pp_set_current_folder, "gtk_file_chooser_set_current_folder")
	SYM(pp_set_current_name, "gtk_file_chooser_set_current_name")
	SYM(pp_set_overwrite, "gtk_file_chooser_set_do_overwrite_confirmation")
	SYM(pp_filter_new, "gtk_file_filter_new")
	SYM(pp_filter_set_name, "gtk_file_filter_set_name")
	SYM(pp_filter_add_pattern, "gtk_file_filter_add_pattern")
	SYM(pp_add_filter, "gtk_file_chooser_add_filter")
	SYM(pp_dialog_run, "gtk_dialog_run")
	SYM(pp_set_default_response, "gtk_dialog_set_default_response")
	SYM(pp_widget_destroy, "gtk_widget_destroy")
	SYM(pp_events_pending, "gtk_events_pending")
	SYM(pp_main_iteration, "gtk_main_iteration")
	SYM(pp_set_keep_above, "gtk_window_set_keep_above")
	SYM(pp_present, "gtk_window_present")
	SYM(pp_set_default_size, "gtk_window_set_default_size")
	SYM(pp_resize, "gtk_window_resize")
	SYM(pp_g_free, "g_free")
	SYM(pp_g_slist_free, "g_slist_free")
#undef SYM
	// The window's locale stays as it is: GTK would otherwise set the
	// whole process's from the environment.
	pp_disable_setlocale();
	return pp_init_check(NULL, NULL) ? 0 : 3;
}

static void *pp_new(const char *title, int action, const char *cancel, const char *accept) {
	void *d = pp_dialog_new(title, NULL, action, cancel, RESPONSE_CANCEL, accept, RESPONSE_ACCEPT, NULL);
	pp_set_default_response(d, RESPONSE_ACCEPT);
	pp_set_keep_above(d, 1); // over the window that asked, which GTK does not know
	pp_set_default_size(d, 860, 540); // whole on a 1024x600 screen, buttons and all
	return d;
}

static void pp_add(void *d, const char *name, char **patterns, int n) {
	void *f = pp_filter_new();
	pp_filter_set_name(f, name);
	for (int i = 0; i < n; i++) pp_filter_add_pattern(f, patterns[i]);
	pp_add_filter(d, f);
}

static int pp_run(void *d) {
	pp_present(d);
	// The chooser sizes itself when it is shown (from its saved size, or
	// to most of the screen): keep it whole on a small one.
	pp_resize(d, 860, 540);
	return pp_dialog_run(d) == RESPONSE_ACCEPT;
}

// pp_close takes the dialog off the screen: with no GTK main loop running,
// its events must be handled here for it to go.
static void pp_close(void *d) {
	pp_widget_destroy(d);
	while (pp_events_pending()) pp_main_iteration();
}

static void pp_set_folder(void *d, const char *dir) { pp_set_current_folder(d, dir); }
static void pp_set_name(void *d, const char *name) { pp_set_current_name(d, name); }
static void pp_multiple(void *d) { pp_set_select_multiple(d, 1); }
static void pp_confirm_overwrite(void *d) { pp_set_overwrite(d, 1); }
static char *pp_filename(void *d) { return pp_get_filename(d); }
static GSList *pp_filenames(void *d) { return pp_get_filenames(d); }
static void pp_free(void *p) { pp_g_free(p); }
static void pp_free_list(GSList *l) { pp_g_slist_free(l); }
*/
import "C"

import (
	"fmt"
	"strings"
	"unsafe"
)

// gtkState is whether GTK was loaded: 0 not yet tried, else pp_load's
// answer plus one. Only the dialogs' thread touches it.
var gtkState int

// gtk loads GTK once, or says why it cannot.
func gtk() error {
	if gtkState == 0 {
		gtkState = int(C.pp_load()) + 1
	}
	switch gtkState - 1 {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%w: GTK 3 is not installed", ErrUnavailable)
	case 2:
		return fmt.Errorf("%w: this GTK lacks a function the dialogs need", ErrUnavailable)
	}
	return fmt.Errorf("%w: GTK could not start (no display?)", ErrUnavailable)
}

// dialog makes a GTK file chooser with its filters and starting folder.
func dialog(title string, action C.int, cancel, accept, dir string, filters []Filter) unsafe.Pointer {
	ct, cc, ca := C.CString(title), C.CString(or(cancel, "Cancel")), C.CString(or(accept, "OK"))
	defer C.free(unsafe.Pointer(ct))
	defer C.free(unsafe.Pointer(cc))
	defer C.free(unsafe.Pointer(ca))
	d := C.pp_new(ct, action, cc, ca)
	for _, f := range filters {
		name := C.CString(f.Name)
		pats := make([]*C.char, len(f.Extensions))
		for i, e := range f.Extensions {
			pats[i] = C.CString(pattern(e))
		}
		var first **C.char
		if len(pats) > 0 {
			first = (**C.char)(C.malloc(C.size_t(len(pats)) * C.size_t(unsafe.Sizeof(first))))
			copy(unsafe.Slice(first, len(pats)), pats)
		}
		C.pp_add(d, name, first, C.int(len(pats)))
		C.free(unsafe.Pointer(first))
		for _, p := range pats {
			C.free(unsafe.Pointer(p))
		}
		C.free(unsafe.Pointer(name))
	}
	if dir != "" {
		cd := C.CString(dir)
		C.pp_set_folder(d, cd)
		C.free(unsafe.Pointer(cd))
	}
	return d
}

// pattern matches an extension in any case: GTK's patterns are
// case-sensitive, and "REPORT.PDF" is a PDF too.
func pattern(ext string) string {
	if ext == "*" {
		return "*"
	}
	var b strings.Builder
	b.WriteString("*.")
	for _, r := range ext {
		lo, up := strings.ToLower(string(r)), strings.ToUpper(string(r))
		if lo == up {
			b.WriteRune(r)
			continue
		}
		b.WriteString("[" + lo + up + "]")
	}
	return b.String()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// goString takes a string GTK allocated, and frees it.
func goString(p *C.char) string {
	if p == nil {
		return ""
	}
	defer C.pp_free(unsafe.Pointer(p))
	return C.GoString(p)
}

func openFiles(o Open) ([]string, error) {
	if err := gtk(); err != nil {
		return nil, err
	}
	d := dialog(o.Title, C.ACTION_OPEN, o.Cancel, o.Accept, o.Dir, o.Filters)
	defer C.pp_close(d)
	if o.Multiple {
		C.pp_multiple(d)
	}
	if C.pp_run(d) == 0 {
		return nil, nil
	}
	list := C.pp_filenames(d)
	defer C.pp_free_list(list)
	var out []string
	for l := list; l != nil; l = l.next {
		if s := goString((*C.char)(l.data)); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

func saveFile(s Save) (string, error) {
	if err := gtk(); err != nil {
		return "", err
	}
	d := dialog(s.Title, C.ACTION_SAVE, s.Cancel, s.Accept, s.Dir, s.Filters)
	defer C.pp_close(d)
	C.pp_confirm_overwrite(d)
	if s.Name != "" {
		cn := C.CString(s.Name)
		C.pp_set_name(d, cn)
		C.free(unsafe.Pointer(cn))
	}
	if C.pp_run(d) == 0 {
		return "", nil
	}
	return goString(C.pp_filename(d)), nil
}

func chooseFolder(f Folder) (string, error) {
	if err := gtk(); err != nil {
		return "", err
	}
	d := dialog(f.Title, C.ACTION_SELECT_FOLDER, f.Cancel, f.Accept, f.Dir, nil)
	defer C.pp_close(d)
	if C.pp_run(d) == 0 {
		return "", nil
	}
	return goString(C.pp_filename(d)), nil
}
