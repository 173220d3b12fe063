//go:build unix

package sqlstore

import (
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// walStamp is SQLite's changeStamp: the change counter of the WAL index
// header, in the shared-memory file SQLite keeps next to a database in WAL
// mode (DB-shm). Every connection that commits, in this process or another
// (wat admin on the same file), writes that header before its commit
// returns, counting one more change each time (iChange, a 32-bit counter at
// byte 8 of the header's first copy; https://www.sqlite.org/walformat.html):
// so the counter read is the database's state without a statement. Reading
// it maps the file's first page read-only, as SQLite's own connections map
// it, and checks on each read that the file is still the one mapped (SQLite
// deletes and remakes it when the last connection to the database closes).
// The file is never closed once mapped (walMaps says why).
type walStamp struct {
	path string
	cur  atomic.Pointer[walMap]
	mu   sync.Mutex // remapping
}

// walMap is one mapping of the -shm file.
type walMap struct {
	mem []byte
	ino uint64
	dev uint64
}

// walHeaderLen is what is mapped: the first page holds the header.
const walHeaderLen = 4096

func newWALStamp(dbPath string) *walStamp {
	return &walStamp{path: dbPath + "-shm"}
}

func (w *walStamp) now() (uint64, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(w.path, &st); err != nil || st.Size < walHeaderLen {
		return 0, false
	}
	m := w.cur.Load()
	if m == nil || m.ino != uint64(st.Ino) || m.dev != uint64(st.Dev) {
		if m = w.remap(); m == nil {
			return 0, false
		}
	}
	// The header's first copy: isInit (byte 12) is set once SQLite has
	// written it; iChange (bytes 8–11) is written whole, aligned.
	if m.mem[12] == 0 {
		return 0, false
	}
	change := atomic.LoadUint32((*uint32)(unsafe.Pointer(&m.mem[8])))
	// The mapping's identity is part of the stamp: a new file starts its
	// counter again.
	return m.ino<<32 ^ uint64(change), true
}

// remap maps the -shm file as it is now.
func (w *walStamp) remap() *walMap {
	w.mu.Lock()
	defer w.mu.Unlock()
	fd, err := syscall.Open(w.path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Size < walHeaderLen {
		// Not closed, even now (walMaps): the file was replaced by one
		// SQLite is setting up since now checked it, which is rare.
		return nil
	}
	key := [2]uint64{uint64(st.Dev), uint64(st.Ino)}
	if m, ok := walMaps.Load(key); ok {
		// Not closed either: see walMaps.
		w.cur.Store(m.(*walMap))
		return m.(*walMap)
	}
	mem, err := syscall.Mmap(fd, 0, walHeaderLen, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil // and the descriptor is kept open, as above
	}
	m := &walMap{mem: mem, ino: uint64(st.Ino), dev: uint64(st.Dev)}
	walMaps.Store(key, m)
	w.cur.Store(m)
	return m
}

// walMaps holds every -shm file this process has mapped, by device and
// inode, shared by the DBs on one database, for the life of the process,
// with its file descriptor never closed: SQLite locks the file with POSIX
// record locks, and closing any descriptor of a file drops every such lock
// the process holds on it, whatever descriptor took them — another process
// (wat admin) would then take this one's connections for gone and delete
// the file under them. A process maps one such file per database it opens
// (a page and a descriptor each), and a database's file is made anew only
// when every connection to it has closed.
var walMaps sync.Map // [2]uint64{dev, ino} -> *walMap
