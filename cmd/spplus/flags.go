package main

import (
	"errors"
	"flag"
)

// parseInterleaved parses args allowing flags after positional arguments
// ("spplus score users FILE --json"), which the flag package alone refuses.
// It returns the positional arguments, or ok=false with the exit status.
func parseInterleaved(fs *flag.FlagSet, args []string) (positional []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, 0, true
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), 0, true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
