package com.example.files;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.Part;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.reactive.function.client.WebClient;

public class DownloadController {
    private static final Path BASE = Paths.get("/srv/app/files");
    private static final Set<String> ALLOWED_HOSTS = Set.of("api.example.com");
    private final RestTemplate restTemplate = new RestTemplate();
    private final WebClient webClient = WebClient.create();

    @GetMapping("/files/{name}")
    public byte[] download(@PathVariable String name) throws IOException {
        return Files.readAllBytes(Paths.get("/srv/app/files", name)); // expect: java-path-traversal
    }

    public InputStream open(HttpServletRequest request) throws IOException {
        String file = request.getParameter("file");
        File target = new File("/srv/app/reports/" + file); // expect: java-path-traversal
        new FileOutputStream(BASE.resolve(file).toFile()); // expect: java-path-traversal
        File bare = new File("/srv/app/reports", FilenameUtils.getName(file)); // ok: java-path-traversal
        String id = request.getParameter("id");
        File byId = new File("/srv/app/reports/" + Integer.parseInt(id) + ".pdf"); // ok: java-path-traversal
        File fixed = new File("/srv/app/reports/summary.pdf"); // ok: java-path-traversal
        return new FileInputStream(target); // expect: java-path-traversal
    }

    public byte[] checked(@RequestParam("file") String file) throws IOException {
        Path resolved = BASE.resolve(file).normalize(); // ok: java-path-traversal
        if (!resolved.startsWith(BASE)) {
            throw new SecurityException("outside the files folder");
        }
        return Files.readAllBytes(resolved);
    }

    public String bareName(@RequestParam("file") String file) {
        return Paths.get(file).getFileName().toString(); // ok: java-path-traversal
    }

    public String fetch(@RequestParam("url") String url) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection(); // expect: java-ssrf
        String page = restTemplate.getForObject(url, String.class); // expect: java-ssrf
        webClient.get().uri(url).retrieve(); // expect: java-ssrf
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + url + "/status")).build(); // expect: java-ssrf
        String item = restTemplate.getForObject("https://api.example.com/items/" + URLEncoder.encode(url, StandardCharsets.UTF_8), String.class); // ok: java-ssrf
        String fixedPage = restTemplate.getForObject("https://api.example.com/health", String.class); // ok: java-ssrf
        return page + item + fixedPage + conn.getResponseCode() + req.uri();
    }

    public String fetchAllowed(@RequestParam("url") String url) throws IOException {
        URI uri = URI.create(url); // ok: java-ssrf
        if (!ALLOWED_HOSTS.contains(uri.getHost())) {
            throw new IllegalArgumentException("host not allowed");
        }
        return HttpClient.newHttpClient().toString();
    }

    @PostMapping("/upload")
    public String upload(@RequestParam("file") MultipartFile upload) throws IOException {
        upload.transferTo(new File("/srv/app/uploads/" + upload.getOriginalFilename())); // expect: java-upload-filename-path
        String original = upload.getOriginalFilename();
        Path dest = Paths.get("/srv/app/uploads").resolve(original); // expect: java-upload-filename-path
        Files.copy(upload.getInputStream(), dest);
        String stored = UUID.randomUUID() + ".bin";
        upload.transferTo(new File("/srv/app/uploads", stored)); // ok: java-upload-filename-path
        String cleaned = FilenameUtils.getName(upload.getOriginalFilename());
        upload.transferTo(new File("/srv/app/uploads", cleaned)); // ok: java-upload-filename-path
        return dest.toString();
    }

    public void savePart(Part part) throws IOException {
        part.write(new File("/srv/app/uploads", part.getSubmittedFileName()).getPath()); // expect: java-upload-filename-path
    }

    public void savePartChecked(Part part) throws IOException {
        Path root = Paths.get("/srv/app/uploads");
        Path safe = root.resolve(part.getSubmittedFileName()).normalize(); // ok: java-upload-filename-path
        if (!safe.startsWith(root)) {
            throw new SecurityException("bad name");
        }
        part.write(safe.toString());
    }

    public void tempFiles(String user) throws IOException {
        File cache = new File("/tmp/report-cache.csv"); // expect: java-temp-file-predictable
        new FileOutputStream("/tmp/" + user + ".lock"); // expect: java-temp-file-predictable
        Path p = Paths.get(System.getProperty("java.io.tmpdir"), user + ".json"); // expect: java-temp-file-predictable
        Path fresh = Files.createTempFile("report", ".csv"); // ok: java-temp-file-predictable, java-temp-file-world-readable
        File inApp = new File("/srv/app/tmp/cache.csv"); // ok: java-temp-file-predictable
        File under = new File(fresh.toFile(), "/tmp/part"); // ok: java-temp-file-predictable
        File legacy = File.createTempFile("upload", ".bin"); // expect: java-temp-file-world-readable
        File legacyNull = File.createTempFile("upload", ".bin", null); // expect: java-temp-file-world-readable
        File.createTempFile("x", ".tmp"); // expect: java-temp-file-world-readable
        File privateTmp = File.createTempFile("upload", ".bin", new File("/srv/app/private")); // ok: java-temp-file-world-readable
        File viaNio = Files.createTempFile(Paths.get("/srv/app/private"), "x", ".tmp").toFile(); // ok: java-temp-file-world-readable
    }
}
