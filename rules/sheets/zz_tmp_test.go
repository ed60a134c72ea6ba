package sheets

import (
	"os"
	"io"
	"testing"
)

func BenchmarkTmpScanOnly(b *testing.B) {
	path := usersFile(b, 100_000)
	for b.Loop() {
		f, _ := os.Open(path)
		src, err := openRows(path, f, benchOptions().withDefaults())
		if err != nil { b.Fatal(err) }
		for { if _, err := src.next(); err == io.EOF { break } else if err != nil { b.Fatal(err) } }
		f.Close()
	}
}
func BenchmarkTmpScanDecode(b *testing.B) {
	path := usersFile(b, 100_000)
	for b.Loop() {
		f, _ := os.Open(path)
		opt := benchOptions().withDefaults()
		dec, _ := newAnswerDecoder(opt.Questionnaires)
		src, err := openRows(path, f, opt)
		if err != nil { b.Fatal(err) }
		for { rec, err := src.next(); if err == io.EOF { break } else if err != nil { b.Fatal(err) }
			for _, c := range rec[1:] { dec.decode(c) } }
		f.Close()
	}
}
