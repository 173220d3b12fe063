package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// CheckFont tells whether fpdf can embed a font file: TrueType outlines
// (glyf), not CFF (OpenType .otf) nor a collection (.ttc), with a Unicode
// character map of format 4, the only one fpdf reads.
func CheckFont(data []byte) error {
	if len(data) < 12 {
		return errors.New("not a font file")
	}
	switch tag := string(data[:4]); {
	case tag == "OTTO":
		return errors.New("CFF (PostScript) outlines, which fpdf cannot embed: use a TrueType (glyf) font")
	case tag == "ttcf":
		return errors.New("a font collection (.ttc), which fpdf cannot embed: use a single TrueType font")
	case tag != "\x00\x01\x00\x00" && tag != "true":
		return errors.New("not a TrueType font file")
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return errors.New("truncated table directory")
		}
		off, size := binary.BigEndian.Uint32(data[rec+8:]), binary.BigEndian.Uint32(data[rec+12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return fmt.Errorf("table %q lies outside the file", data[rec:rec+4])
		}
		tables[string(data[rec:rec+4])] = data[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf", "post", "name"} {
		if _, ok := tables[t]; !ok {
			return fmt.Errorf("no %q table: fpdf embeds only TrueType (glyf) fonts", t)
		}
	}
	if name := tables["name"]; len(name) < 2 || name[0] != 0 || name[1] != 0 {
		return errors.New("a name table of a format other than 0, which fpdf does not read")
	}
	cmap := tables["cmap"]
	if len(cmap) < 4 {
		return errors.New("truncated cmap table")
	}
	for i := 0; i < int(binary.BigEndian.Uint16(cmap[2:])); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if (platform == 3 && encoding == 1 || platform == 0) && off+2 <= len(cmap) &&
			bytes.Equal(cmap[off:off+2], []byte{0, 4}) {
			return nil
		}
	}
	return errors.New("no Unicode character map of format 4, the only one fpdf reads")
}
