package files

import (
	"io"
	"log"
	"net/http"
	"os"

	"github.com/go-ldap/ldap/v3"
)

const baseDir = "/srv/files"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("file")
	data, err := os.ReadFile(baseDir + "/" + name)
	if err != nil {
		log.Printf("download of %s failed: %v", name, err)
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
	dst, err := os.Create("uploads/" + header.Filename)
	if err != nil {
		http.Error(w, "cannot store", http.StatusInternalServerError)
		return
	}
	defer dst.Close()
	io.Copy(dst, file)
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)
}

func Report() (*os.File, error) {
	return os.Create("/tmp/report.csv")
}

func FindUser(l *ldap.Conn, user string) (*ldap.SearchResult, error) {
	return l.Search(&ldap.SearchRequest{BaseDN: "dc=example,dc=org", Filter: "(uid=" + user + ")"})
}
