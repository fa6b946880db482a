// Command samplepack writes the generated sample agenda pack that `make run`
// opens, so the app never ships a real council's PDF:
//
//	go run ./docs/packgen/cmd/samplepack assets/sample-pack.pdf
package main

import (
	"fmt"
	"os"

	"panelpapers/docs/packgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: samplepack OUT.pdf")
		os.Exit(2)
	}
	if err := packgen.WriteFile(os.Args[1], packgen.SamplePack()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
