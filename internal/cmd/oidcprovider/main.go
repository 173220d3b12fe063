// Command oidcprovider runs the test OpenID provider of package
// oidc/oidctest (zitadel's op) for the console's browser tests. It prints
// "issuer URL" once it serves, then reads commands on standard input, one
// a line, answering "ok" or "error: …":
//
//	client ID SECRET REDIRECT-URL   register a web client
//	person SUB USER PASSWORD EMAIL [GROUP,…]   add a person
//
// It stops when standard input ends.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/wat-dev/wat/oidc/oidctest"
)

func main() {
	flag.Parse()
	p, err := oidctest.Start(nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oidcprovider:", err)
		os.Exit(1)
	}
	defer p.Close()
	fmt.Println("issuer", p.Issuer)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		fmt.Println(command(p, strings.Fields(in.Text())))
	}
}

// command runs one line's command and returns its answer.
func command(p *oidctest.Provider, f []string) string {
	switch {
	case len(f) == 4 && f[0] == "client":
		p.AddClient(f[1], f[2], f[3])
	case (len(f) == 5 || len(f) == 6) && f[0] == "person":
		person := oidctest.Person{ID: f[1], Username: f[2], Password: f[3], Email: f[4]}
		if len(f) == 6 {
			person.Groups = strings.Split(f[5], ",")
		}
		p.AddPerson(person)
	default:
		return fmt.Sprintf("error: unknown command %q", strings.Join(f, " "))
	}
	return "ok"
}
