package main

import "os"

// lookupEnv is the only place where cmd/spplus reads the process
// environment; commands receive it through cliEnv.getenv.
func lookupEnv(key string) string { return os.Getenv(key) }
