package dslipak

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/rc4"
	"fmt"
)

// handPDF assembles a PDF from object bodies, so that tests can hold
// exactly what real producers write and fpdf does not. With key set, its
// streams are encrypted with 128-bit RC4 and the trailer says so.
type handPDF struct {
	objs    []handObj
	encrypt string // the trailer's /Encrypt dictionary
	id      []byte
	key     []byte // the file key
}

type handObj struct {
	body   string
	stream []byte
	isStrm bool
}

func (p *handPDF) add(body string) int {
	p.objs = append(p.objs, handObj{body: body})
	return len(p.objs)
}

func (p *handPDF) stream(dict string, data []byte) int {
	p.objs = append(p.objs, handObj{body: dict, stream: data, isStrm: true})
	return len(p.objs)
}

func (p *handPDF) flate(data []byte) int {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return p.stream("/Filter /FlateDecode", z.Bytes())
}

var passwordPad = []byte("\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08\x2E\x2E\x00\xB6\xD0\x68\x3E\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A")

func rc4Cipher(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// protect encrypts the file with the standard security handler, revision
// 3, 128-bit RC4 (PDF 32000-1 §7.6.3, algorithms 2, 3 and 5).
func (p *handPDF) protect(user, owner string) {
	pad := func(pw string) []byte { return append([]byte(pw), passwordPad...)[:32] }
	rounds := func(key, data []byte) []byte {
		data = rc4Cipher(key, data)
		for i := 1; i <= 19; i++ {
			k := make([]byte, len(key))
			for j := range key {
				k[j] = key[j] ^ byte(i)
			}
			data = rc4Cipher(k, data)
		}
		return data
	}
	h := md5.Sum(pad(owner))
	for range 50 {
		h = md5.Sum(h[:])
	}
	o := rounds(h[:16], pad(user))
	p.id = []byte("0123456789abcdef")
	const perms = -3904
	m := md5.New()
	m.Write(pad(user))
	m.Write(o)
	m.Write([]byte{byte(perms & 0xff), byte(perms >> 8 & 0xff), byte(perms >> 16 & 0xff), byte(perms >> 24 & 0xff)})
	m.Write(p.id)
	key := m.Sum(nil)
	for range 50 {
		k := md5.Sum(key[:16])
		key = k[:]
	}
	p.key = key[:16]
	u := md5.Sum(append(append([]byte(nil), passwordPad...), p.id...))
	uu := append(rounds(p.key, u[:]), make([]byte, 16)...)
	p.encrypt = fmt.Sprintf("<</Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%x> /U <%x>>>", perms, o, uu)
}

// page adds one page with the given content (a stream or an array of
// references) and resources, and returns the whole file.
func (p *handPDF) page(contents, resources string) []byte {
	pages := len(p.objs) + 2
	pg := p.add(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %s /Resources %s>>", pages, contents, resources))
	p.add(fmt.Sprintf("<</Type /Pages /Kids [%d 0 R] /Count 1>>", pg))
	root := p.add(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pages))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(p.objs))
	for i, o := range p.objs {
		offs[i] = b.Len()
		if !o.isStrm {
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o.body)
			continue
		}
		data := o.stream
		if p.key != nil {
			n := i + 1
			k := md5.Sum(append(append([]byte(nil), p.key...), byte(n), byte(n>>8), byte(n>>16), 0, 0))
			data = rc4Cipher(k[:], data)
		}
		fmt.Fprintf(&b, "%d 0 obj\n<<%s /Length %d>>\nstream\n%s\nendstream\nendobj\n", i+1, o.body, len(data), data)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	extra := ""
	if p.encrypt != "" {
		extra = fmt.Sprintf(" /Encrypt %s /ID [<%x> <%x>]", p.encrypt, p.id, p.id)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(p.objs)+1, root, extra, xref)
	return b.Bytes()
}

const helv = "<</Font <</F1 <</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>>>>>"
