// Package deploy holds spplus's deployment kits: the Dockerfile, the
// compose files, the systemd unit and the Kubernetes kustomize base, with
// their example configurations (see README.md). Its only Go code is the
// test that checks them: every YAML file parses, the manifests carry the
// fields the daemon relies on (one replica, Recreate, probes, a non-root
// read-only container, the store on the volume), every example
// configuration loads and validates, and every command line uses real
// subcommands and flags of the binary.
package deploy
