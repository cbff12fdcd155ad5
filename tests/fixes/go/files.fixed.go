package files

import (
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

const baseDir = "/srv/files"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("file")
	data, err := os.ReadFile(baseDir + "/" + filepath.Base(name))
	if err != nil {
		log.Printf("download of %s failed: %v", strconv.Quote(name), err)
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func Upload(w http.ResponseWriter, r *http.Request) {
	file, header, err := r.FormFile("upload")
	if err != nil {
		http.Error(w, "bad upload", http.StatusBadRequest)
		return
	}
	defer file.Close()
	dst, err := os.Create("uploads/" + filepath.Base(header.Filename))
	if err != nil {
		http.Error(w, "cannot store", http.StatusInternalServerError)
		return
	}
	defer dst.Close()
	io.Copy(dst, file)
	http.Redirect(w, r, "/"+strings.TrimLeft(r.URL.Query().Get("next"), "/\\ \t\r\n"), http.StatusFound)
}

func Report() (*os.File, error) {
	return os.CreateTemp("/tmp", "report-*.csv")
}

func FindUser(l *ldap.Conn, user string) (*ldap.SearchResult, error) {
	return l.Search(&ldap.SearchRequest{BaseDN: "dc=example,dc=org", Filter: "(uid=" + ldap.EscapeFilter(user) + ")"})
}
