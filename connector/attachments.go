package connector

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
	"github.com/spplus/spplus/rules/sheets"
)

// parsedFile is an attachment the rules read, as downloaded and parsed. It
// is kept in the snapshot (and in a small in-memory cache) by checksum, so
// an unchanged file is never downloaded twice.
type parsedFile struct {
	Name       string             `json:"name"`
	Checksum   string             `json:"checksum"`
	Scan       string             `json:"scan"`
	Unreadable string             `json:"unreadable,omitempty"`
	NotSafe    string             `json:"not_safe,omitempty"`
	Tally      *rules.SurveyTally `json:"tally,omitempty"`
	Grid       *rules.AuditGrid   `json:"grid,omitempty"`
	Central    *rules.CentralGrid `json:"central,omitempty"`
}

// input is the file as the rules see it.
func (f parsedFile) input() rules.FileInput {
	return rules.FileInput{File: f.Name, Unreadable: f.Unreadable, NotSafe: f.NotSafe}
}

// fileKind says how a field's attachment is parsed.
type fileKind int

const (
	fileUsers fileKind = iota
	fileAgents
	fileGrid
	fileCentral
)

// dataField is a champ whose attachment the rules read.
type dataField struct {
	Key  string
	Kind fileKind
	// Strict fields hold nothing but the data file: any file is parsed (a
	// PDF grid is reported unreadable). A survey champ also holds the
	// report, so only a CSV or XLSX file is taken there.
	Strict bool
}

func dataFields() []dataField {
	return []dataField{
		{config.FieldUsersSurveyReport, fileUsers, false},
		{config.FieldAgentsSurveyReport, fileAgents, false},
		{config.FieldAuditGrid, fileGrid, true},
		{config.FieldCentralGrid, fileCentral, true},
	}
}

// pickDataFile chooses the file to parse among a champ's files.
func pickDataFile(files []graphql.File, strict bool) (graphql.File, bool) {
	for _, f := range files {
		if isSheet(f) {
			return f, true
		}
	}
	if strict && len(files) > 0 {
		return files[0], true
	}
	return graphql.File{}, false
}

// isSheet tells a CSV or XLSX file by its name or content type.
func isSheet(f graphql.File) bool {
	switch strings.ToLower(path.Ext(f.Filename)) {
	case ".csv", ".xlsx", ".txt":
		return true
	}
	ct := strings.ToLower(f.ContentType)
	return strings.Contains(ct, "csv") || strings.Contains(ct, "spreadsheet")
}

// parse reads content as kind. A content error is the file's Unreadable
// reason (FILE_UNREADABLE names the file, the line or cell, and why).
func parse(kind fileKind, name string, content []byte, q rules.Questionnaires) parsedFile {
	opt := sheets.Options{Questionnaires: q}
	out := parsedFile{Name: name}
	var err error
	switch kind {
	case fileUsers:
		out.Tally, err = sheets.ParseSurvey(name, bytes.NewReader(content), rules.UsersSurvey, opt)
	case fileAgents:
		out.Tally, err = sheets.ParseSurvey(name, bytes.NewReader(content), rules.AgentsSurvey, opt)
	case fileGrid:
		var g rules.AuditGrid
		if g, err = sheets.ParseAuditGrid(name, bytes.NewReader(content), opt); err == nil {
			out.Grid = &g
		}
	case fileCentral:
		var g rules.CentralGrid
		if g, err = sheets.ParseCentralGrid(name, bytes.NewReader(content), opt); err == nil {
			out.Central = &g
		}
	}
	if err != nil {
		out.Tally, out.Grid, out.Central = nil, nil, nil
		out.Unreadable = err.Error()
	}
	return out
}

// unreadableDownload turns a refused download into the file's Unreadable
// reason when the candidate's file is at fault (too large, content not
// matching its checksum); any other error is the dossier's failure, retried
// on the next pass.
func unreadableDownload(err error) (string, bool) {
	var big *graphql.FileTooLargeError
	var sum *graphql.ChecksumError
	switch {
	case errors.As(err, &big):
		return fmt.Sprintf("le fichier dépasse la taille maximale de %d octets", big.Limit), true
	case errors.As(err, &sum):
		return "le contenu téléchargé ne correspond pas à l'empreinte du fichier déposé", true
	}
	return "", false
}

// fileCache keeps the parsed files of recent checksums in memory, bounded,
// since many dossiers share a file (a grid template, a resubmitted survey).
type fileCache struct {
	mu      sync.Mutex
	entries map[string]parsedFile
	max     int
}

func newFileCache(max int) *fileCache {
	return &fileCache{entries: map[string]parsedFile{}, max: max}
}

func (c *fileCache) get(key string) (parsedFile, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.entries[key]
	return f, ok
}

// put adds an entry; a full cache first drops one entry, whichever map
// iteration gives first: bounded, and without the thrashing of emptying it
// whole when the files in use slightly outnumber it.
func (c *fileCache) put(key string, f parsedFile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		for k := range c.entries {
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = f
}
