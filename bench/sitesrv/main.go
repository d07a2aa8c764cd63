// Command sitesrv serves a built site on 127.0.0.1 the way a static host
// does (gzip for text, long caching for hashed names), for the Lighthouse
// run in bench/lighthouse.sh. Not for production.
//
//	go run ./bench/sitesrv --dir public --port 8123
package main

import (
	"compress/gzip"
	"flag"
	"log"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// hashed names (js/vendor/echarts.min.<sha256>.js) never change content.
var hashed = regexp.MustCompile(`\.[0-9a-f]{32,64}\.`)

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (w gzipWriter) Write(b []byte) (int, error) { return w.gz.Write(b) }

func main() {
	dir := flag.String("dir", "public", "the built site")
	port := flag.Int("port", 8123, "port on 127.0.0.1")
	flag.Parse()
	files := http.FileServer(http.Dir(*dir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hashed.MatchString(path.Base(r.URL.Path)) {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=600")
		}
		ext := path.Ext(r.URL.Path)
		text := ext == "" || strings.HasSuffix(r.URL.Path, "/") || strings.Contains(".html.css.js.json.svg.xml.txt.csv", ext)
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	})
	addr := "127.0.0.1:" + strconv.Itoa(*port)
	log.Printf("sitesrv: serving %s on http://%s/", *dir, addr)
	log.Fatal(http.ListenAndServe(addr, h))
}
