package files

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"github.com/gin-gonic/gin"
)

const baseDir = "/srv/files"

var layouts = map[string]string{"plain": "<p>{{.}}</p>"}

func Download(w http.ResponseWriter, r *http.Request) {
	os.Open(filepath.Join(baseDir, r.URL.Query().Get("name"))) // expect: go-path-traversal
	name := r.FormValue("file")
	os.ReadFile(baseDir + "/" + name) // expect: go-path-traversal
	http.ServeFile(w, r, filepath.Join(baseDir, name)) // expect: go-path-traversal
	os.Open(filepath.Join(baseDir, filepath.Base(name))) // ok: go-path-traversal
	clean := filepath.Base(r.FormValue("doc"))
	os.ReadFile(filepath.Join(baseDir, clean)) // ok: go-path-traversal
	os.ReadFile(filepath.Join(baseDir, "index.html")) // ok: go-path-traversal
}

func Contained(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean(filepath.Join(baseDir, r.FormValue("p")))
	if !strings.HasPrefix(p, baseDir+string(os.PathSeparator)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	os.ReadFile(p) // ok: go-path-traversal
}

func GinFile(c *gin.Context) {
	c.File("./public/" + c.Param("path")) // expect: go-path-traversal
}

func Preview(w http.ResponseWriter, r *http.Request) {
	t, _ := template.New("page").Parse(r.FormValue("tpl")) // expect: go-template-injection
	t.Execute(w, nil) // expect: go-text-template-html
	body := r.PostFormValue("layout")
	tmpl := template.New("x")
	tmpl.Parse("<h1>" + body + "</h1>") // expect: go-template-injection
	page, _ := template.New("page").Parse("<p>{{.}}</p>") // ok: go-template-injection
	page.Execute(w, r.FormValue("msg")) // expect: go-text-template-html
	src, _ := os.ReadFile("templates/mail.tmpl")
	template.New("mail").Parse(string(src)) // ok: go-template-injection
	tmpl.Parse(layouts[r.FormValue("layout")]) // ok: go-template-injection
}

func GinPreview(c *gin.Context) {
	template.Must(template.New("p").Parse(c.PostForm("template"))) // expect: go-template-injection
}

func Audit(r *http.Request, c *gin.Context) {
	user := r.FormValue("user")
	log.Printf("login failed for %s", user) // expect: go-log-injection
	log.Println("search:", r.URL.Query().Get("q")) // expect: go-log-injection
	log.Printf("agent %v", c.GetHeader("User-Agent")) // expect: go-log-injection
	log.Printf("login failed for %q", user) // ok: go-log-injection
	log.Printf("login failed for %s", strconv.Quote(user)) // ok: go-log-injection
	slog.Info("login failed", "user", user) // ok: go-log-injection
	log.Printf("retry %d of %d", 1, 3) // ok: go-log-injection
	fmt.Println(user)
}

func Upload(w http.ResponseWriter, r *http.Request) {
	file, header, _ := r.FormFile("upload")
	defer file.Close()
	dst, _ := os.Create(filepath.Join("uploads", header.Filename)) // expect: go-upload-filename-path
	io.Copy(dst, file)
	name := header.Filename
	os.WriteFile("uploads/"+name, nil, 0o600) // expect: go-upload-filename-path
	safe, _ := os.Create(filepath.Join("uploads", filepath.Base(header.Filename))) // ok: go-upload-filename-path
	io.Copy(safe, file)
	os.Create(filepath.Join("uploads", strconv.FormatInt(header.Size, 10))) // ok: go-upload-filename-path
	log.Printf("stored %q", header.Filename)
}

func GinUpload(c *gin.Context) {
	f, _ := c.FormFile("file")
	c.SaveUploadedFile(f, "./uploads/"+f.Filename) // expect: go-upload-filename-path
	c.SaveUploadedFile(f, "./uploads/"+filepath.Base(f.Filename)) // ok: go-upload-filename-path
}
