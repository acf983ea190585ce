// Command tlogverify audits a C2SP tlog-tiles log with the Go team's own
// implementation (golang.org/x/mod/sumdb/note and sumdb/tlog), independently
// of Steward's TypeScript code.
//
// Usage:
//
//	tlogverify [-old CHECKPOINT_FILE] [-proofs N] URL_PREFIX VERIFIER_KEY
//
// URL_PREFIX is where the log is published (".../log/", holding checkpoint
// and tile/...); VERIFIER_KEY is the signed-note verifier key text
// ("name+hash+base64"), or @FILE to read it from a file.
//
// It verifies the checkpoint's signature and parses its C2SP body; reads the
// hash tiles through tlog.TileHashReader (the client path Go's sumdb uses) and
// recomputes the tree hash; fetches every entry bundle and checks each entry's
// record hash against the stored hash the tiles give; rebuilds the whole tree
// from the entries with tlog.StoredHashes and compares every served hash tile
// with it; checks inclusion proofs; and with -old checks that an earlier
// checkpoint is a prefix of this one (consistency proof). On success the last
// line on stdout is "OK <origin> <size> <root>"; on failure it prints
// "FAIL: <reason>" on stderr and exits with status 1 (2 for bad usage).
//
// Build offline in GOPATH mode against Debian's golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o tlogverify ./test/independent/tlogverify
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// C2SP tlog-tiles fixes the tile height at 8 (256 hashes or entries per full tile).
const tileHeight = 8

// Limits on what a server may send us.
const (
	maxCheckpointBytes = 1 << 16
	maxTileBytes       = (1 << tileHeight) * (2 + 0xffff)
)

type checkpoint struct {
	origin string
	tree   tlog.Tree
}

func main() {
	old := flag.String("old", "", "file holding an earlier signed checkpoint of the same log: check consistency with it")
	proofs := flag.Int("proofs", 1000, "check inclusion proofs for up to this many entries, spread over the log")
	timeout := flag.Duration("timeout", 30*time.Second, "timeout of each HTTP request")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: tlogverify [-old CHECKPOINT_FILE] [-proofs N] URL_PREFIX VERIFIER_KEY|@FILE\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *old, *proofs, *timeout); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: %v\n", err)
		os.Exit(1)
	}
}

func run(prefix, vkeyArg, oldFile string, maxProofs int, timeout time.Duration) error {
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	vkey := vkeyArg
	if strings.HasPrefix(vkeyArg, "@") {
		b, err := os.ReadFile(vkeyArg[1:])
		if err != nil {
			return fmt.Errorf("reading verifier key: %v", err)
		}
		vkey = string(b)
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	f := &fetcher{prefix: prefix, client: &http.Client{Timeout: timeout}, cache: map[string][]byte{}}

	// 1. The checkpoint: signature, then the C2SP body.
	cpText, err := f.get("checkpoint", maxCheckpointBytes)
	if err != nil {
		return err
	}
	cp, err := openCheckpoint(cpText, verifier)
	if err != nil {
		return fmt.Errorf("checkpoint: %v", err)
	}
	if cp.tree.N == 0 {
		return fmt.Errorf("checkpoint: the log is empty")
	}
	logf("checkpoint %s size %d root %s, signed by %s", cp.origin, cp.tree.N, cp.tree.Hash, verifier.Name())

	// 2. The hash tiles read through TileHashReader, and the tree hash they give.
	hr := tlog.TileHashReader(cp.tree, &tileReader{f: f})
	th, err := tlog.TreeHash(cp.tree.N, hr)
	if err != nil {
		return fmt.Errorf("tree hash from tiles: %v", err)
	}
	if th != cp.tree.Hash {
		return fmt.Errorf("tree hash from tiles %s != checkpoint root %s", th, cp.tree.Hash)
	}

	// 3. Every entry bundle: each entry's record hash must be the stored hash the tiles give.
	var entries [][]byte
	for k := int64(0); k*(1<<tileHeight) < cp.tree.N; k++ {
		first := k * (1 << tileHeight)
		w := cp.tree.N - first
		if w > 1<<tileHeight {
			w = 1 << tileHeight
		}
		bundle := tlog.Tile{H: tileHeight, L: -1, N: k, W: int(w)}
		data, err := f.get(c2spPath(bundle), maxTileBytes)
		if err != nil {
			return err
		}
		recs, err := splitBundle(data, int(w))
		if err != nil {
			return fmt.Errorf("%s: %v", c2spPath(bundle), err)
		}
		indexes := make([]int64, w)
		for j := range indexes {
			indexes[j] = tlog.StoredHashIndex(0, first+int64(j))
		}
		stored, err := hr.ReadHashes(indexes)
		if err != nil {
			return fmt.Errorf("reading record hashes %d..%d from the tiles: %v", first, first+w-1, err)
		}
		for j, rec := range recs {
			if got := tlog.RecordHash(rec); got != stored[j] {
				tile := tlog.Tile{H: tileHeight, L: 0, N: k, W: int(w)}
				return fmt.Errorf("entry %d: record hash %s != hash %s served in %s", first+int64(j), got, stored[j], c2spPath(tile))
			}
		}
		entries = append(entries, recs...)
	}
	logf("%d entries match their record hashes in the tiles", len(entries))

	// 4. The whole tree again from the entries alone, with Go's StoredHashes, and every hash tile
	// compared byte for byte with Go's ReadTileData over it. TileHashReader alone is not enough:
	// in x/mod's tileHashReader.ReadHashes the loop that authenticates full tiles against their
	// parents starts at len(stx), the number of subtree hashes making up the tree hash, not at the
	// number of distinct tiles they were read from. When several of those hashes share a tile
	// (size 768 or 911, say), the first full tiles after them are never checked, and a forged
	// tile/0/000 is accepted (see tilehashreader_test.go).
	mem := make(memHashes, 0, 2*len(entries))
	for i, rec := range entries {
		hs, err := tlog.StoredHashes(int64(i), rec, mem)
		if err != nil {
			return fmt.Errorf("stored hashes of entry %d: %v", i, err)
		}
		mem = append(mem, hs...)
	}
	if th, err := tlog.TreeHash(cp.tree.N, mem); err != nil || th != cp.tree.Hash {
		return fmt.Errorf("the entries hash to root %s, not the checkpoint's %s (%v)", th, cp.tree.Hash, err)
	}
	tiles, err := auditTiles(f, cp.tree.N, mem)
	if err != nil {
		return err
	}
	logf("the entries hash to the checkpoint root; %d hash tiles match the tree rebuilt from them", tiles)

	// 5. Inclusion proofs built by Go's ProveRecord from the tiles, checked with CheckRecord.
	checked := 0
	for _, i := range spread(cp.tree.N, maxProofs) {
		p, err := tlog.ProveRecord(cp.tree.N, i, hr)
		if err != nil {
			return fmt.Errorf("inclusion proof of entry %d: %v", i, err)
		}
		if err := tlog.CheckRecord(p, cp.tree.N, cp.tree.Hash, i, tlog.RecordHash(entries[i])); err != nil {
			return fmt.Errorf("inclusion proof of entry %d: %v", i, err)
		}
		checked++
	}
	logf("%d inclusion proofs verify", checked)

	// 6. Consistency with an earlier checkpoint.
	if oldFile != "" {
		oldText, err := os.ReadFile(oldFile)
		if err != nil {
			return fmt.Errorf("reading earlier checkpoint: %v", err)
		}
		oldCp, err := openCheckpoint(oldText, verifier)
		if err != nil {
			return fmt.Errorf("earlier checkpoint: %v", err)
		}
		if oldCp.origin != cp.origin {
			return fmt.Errorf("earlier checkpoint is of %q, not %q", oldCp.origin, cp.origin)
		}
		if oldCp.tree.N > cp.tree.N {
			return fmt.Errorf("earlier checkpoint has size %d, larger than the current %d", oldCp.tree.N, cp.tree.N)
		}
		if oldCp.tree.N == 0 {
			return fmt.Errorf("earlier checkpoint: the log is empty")
		}
		p, err := tlog.ProveTree(cp.tree.N, oldCp.tree.N, hr)
		if err != nil {
			return fmt.Errorf("consistency proof %d -> %d: %v", oldCp.tree.N, cp.tree.N, err)
		}
		if err := tlog.CheckTree(p, cp.tree.N, cp.tree.Hash, oldCp.tree.N, oldCp.tree.Hash); err != nil {
			return fmt.Errorf("consistency proof %d -> %d: %v", oldCp.tree.N, cp.tree.N, err)
		}
		// The same from the other side: the old root recomputed from the entries.
		oldHash, err := tlog.TreeHash(oldCp.tree.N, mem)
		if err != nil {
			return fmt.Errorf("tree hash at %d: %v", oldCp.tree.N, err)
		}
		if oldHash != oldCp.tree.Hash {
			return fmt.Errorf("the first %d entries hash to %s, not the earlier checkpoint's root %s", oldCp.tree.N, oldHash, oldCp.tree.Hash)
		}
		fmt.Printf("CONSISTENT %d %s -> %d (%d-hash proof)\n", oldCp.tree.N, oldCp.tree.Hash, cp.tree.N, len(p))
	}

	logf("%d HTTP requests", f.requests)
	fmt.Printf("OK %s %d %s\n", cp.origin, cp.tree.N, cp.tree.Hash)
	return nil
}

// openCheckpoint verifies a signed note with the log's key and parses its C2SP
// tlog-checkpoint body. tlog.ParseTree only reads go.sum's "go.sum database tree"
// header, so the body is parsed here: origin, decimal size, base64 root, then
// optional extension lines.
func openCheckpoint(text []byte, verifier note.Verifier) (checkpoint, error) {
	n, err := note.Open(text, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, err
	}
	if !strings.HasSuffix(n.Text, "\n") {
		return checkpoint{}, fmt.Errorf("body does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, fmt.Errorf("body has %d lines, want at least 3", len(lines))
	}
	origin, sizeLine, rootLine := lines[0], lines[1], lines[2]
	if origin == "" {
		return checkpoint{}, fmt.Errorf("empty origin line")
	}
	if origin != verifier.Name() {
		return checkpoint{}, fmt.Errorf("origin %q is not the key name %q", origin, verifier.Name())
	}
	for _, ext := range lines[3:] {
		if ext == "" {
			return checkpoint{}, fmt.Errorf("empty extension line")
		}
	}
	size, err := strconv.ParseInt(sizeLine, 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != sizeLine {
		return checkpoint{}, fmt.Errorf("size line %q is not a canonical decimal", sizeLine)
	}
	root, err := base64.StdEncoding.DecodeString(rootLine)
	if err != nil || len(root) != tlog.HashSize || base64.StdEncoding.EncodeToString(root) != rootLine {
		return checkpoint{}, fmt.Errorf("root line %q is not a base64 SHA-256 hash", rootLine)
	}
	var h tlog.Hash
	copy(h[:], root)
	return checkpoint{origin: origin, tree: tlog.Tree{N: size, Hash: h}}, nil
}

// c2spPath turns Go's tile path ("tile/8/0/001", "tile/8/data/001.p/5") into
// C2SP tlog-tiles' ("tile/0/001", "tile/entries/001.p/5"): C2SP fixes the
// height at 8 and leaves it out, and names entry bundles "entries".
func c2spPath(t tlog.Tile) string {
	if t.H != tileHeight {
		panic(fmt.Sprintf("tile height %d, C2SP uses %d", t.H, tileHeight))
	}
	rest := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", t.H))
	if t.L == -1 {
		rest = "entries/" + strings.TrimPrefix(rest, "data/")
	}
	return "tile/" + rest
}

// auditTiles fetches every hash tile of the tree of size n (full and partial, at
// every level) and compares it with the tile Go's ReadTileData makes from the
// stored hashes rebuilt from the entries. It returns how many tiles it checked.
func auditTiles(f *fetcher, n int64, mem memHashes) (int, error) {
	count := 0
	for level := 0; n>>(uint(level)*tileHeight) > 0; level++ {
		hashes := n >> (uint(level) * tileHeight) // hashes at tree level 8·level
		for k := int64(0); k<<tileHeight < hashes; k++ {
			w := hashes - k<<tileHeight
			if w > 1<<tileHeight {
				w = 1 << tileHeight
			}
			tile := tlog.Tile{H: tileHeight, L: level, N: k, W: int(w)}
			want, err := tlog.ReadTileData(tile, mem)
			if err != nil {
				return count, fmt.Errorf("%s: %v", c2spPath(tile), err)
			}
			got, err := f.get(c2spPath(tile), int64(len(want)))
			if err != nil {
				return count, err
			}
			if !bytes.Equal(got, want) {
				return count, fmt.Errorf("%s: served tile differs from the tree rebuilt from the entries (%s)", c2spPath(tile), firstDiff(got, want))
			}
			count++
		}
	}
	return count, nil
}

// firstDiff says which hash of a tile differs first.
func firstDiff(got, want []byte) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d bytes, want %d", len(got), len(want))
	}
	for i := 0; i < len(got); i += tlog.HashSize {
		if !bytes.Equal(got[i:i+tlog.HashSize], want[i:i+tlog.HashSize]) {
			return fmt.Sprintf("hash %d of the tile", i/tlog.HashSize)
		}
	}
	return "no difference"
}

// memHashes is a tlog.HashReader over stored hashes held in memory, by stored-hash index.
type memHashes []tlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("stored hash %d is not in the tree (%d hashes)", x, len(m))
		}
		out[i] = m[x]
	}
	return out, nil
}

// splitBundle splits a C2SP entry bundle (each entry prefixed by its 2-byte
// big-endian length) into exactly want entries, with nothing left over.
func splitBundle(data []byte, want int) ([][]byte, error) {
	var out [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, fmt.Errorf("truncated length prefix after %d entries", len(out))
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			return nil, fmt.Errorf("entry %d: length %d, only %d bytes left", len(out), n, len(data)-2)
		}
		out = append(out, data[2:2+n])
		data = data[2+n:]
	}
	if len(out) != want {
		return nil, fmt.Errorf("bundle holds %d entries, want %d", len(out), want)
	}
	return out, nil
}

// spread picks up to max record indexes from [0, n), always the first and the last.
func spread(n int64, max int) []int64 {
	if max <= 0 {
		return nil
	}
	if n <= int64(max) {
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(i)
		}
		return out
	}
	if max == 1 {
		return []int64{n - 1}
	}
	out := make([]int64, max)
	for i := range out {
		out[i] = int64(i) * (n - 1) / int64(max-1)
	}
	return out
}

// fetcher gets files under the log's URL prefix. It keeps what it fetched in
// memory: TileHashReader re-checks tile data on every read, and auditTiles
// compares each tile with the tree rebuilt from the entries.
type fetcher struct {
	prefix   string
	client   *http.Client
	cache    map[string][]byte
	requests int
}

func (f *fetcher) get(path string, limit int64) ([]byte, error) {
	if b, ok := f.cache[path]; ok {
		return b, nil
	}
	f.requests++
	resp, err := f.client.Get(f.prefix + path)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", path, resp.Status, bytes.TrimSpace(body[:min(len(body), 200)]))
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("GET %s: more than %d bytes", path, limit)
	}
	f.cache[path] = body
	return body, nil
}

// tileReader serves tlog.TileHashReader's tile requests over HTTP at C2SP paths.
type tileReader struct{ f *fetcher }

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := r.f.get(c2spPath(t), int64(t.W)*tlog.HashSize)
		if err != nil {
			return nil, err
		}
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%s: %d bytes, want %d", c2spPath(t), len(data), t.W*tlog.HashSize)
		}
		out[i] = data
	}
	return out, nil
}

// SaveTiles is where a long-lived client would persist authenticated tiles; this one keeps nothing.
func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func logf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlogverify: "+format+"\n", args...)
}
