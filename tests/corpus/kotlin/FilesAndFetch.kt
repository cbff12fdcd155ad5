package com.example.files

import io.ktor.client.HttpClient
import io.ktor.client.request.get
import io.ktor.http.content.PartData
import io.ktor.server.application.call
import io.ktor.server.response.respondFile
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import java.io.File
import java.io.FileInputStream
import java.net.URI
import java.net.URL
import java.net.URLEncoder
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.UUID
import org.apache.commons.io.FilenameUtils
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.client.RestTemplate
import org.springframework.web.multipart.MultipartFile

private val BASE: Path = Paths.get("/srv/app/files")
private val ALLOWED_HOSTS = setOf("api.example.com")

fun Route.files(client: HttpClient) {
    get("/files/{name}") {
        val name = call.parameters["name"]!!
        call.respondFile(File("/srv/app/files/$name")) // expect: kt-path-traversal
        call.respondFile(File("/srv/app/files", File(name).name)) // ok: kt-path-traversal
        val id = call.parameters["id"]!!.toInt()
        call.respondFile(File("/srv/app/files/$id.pdf")) // ok: kt-path-traversal
        call.respondFile(File("/srv/app/files/summary.pdf")) // ok: kt-path-traversal
    }
    get("/fetch") {
        val url = call.request.queryParameters["url"]!!
        client.get(url) // expect: kt-ssrf
        client.get("https://api.example.com/items/${URLEncoder.encode(url, "UTF-8")}") // ok: kt-ssrf
        client.get("https://api.example.com/health") // ok: kt-ssrf
    }
}

class DownloadController(private val restTemplate: RestTemplate) {
    @GetMapping("/files/{name}")
    fun download(@PathVariable name: String): ByteArray {
        return Files.readAllBytes(Paths.get("/srv/app/files", name)) // expect: kt-path-traversal
    }

    fun open(@RequestParam("file") file: String): FileInputStream {
        val target = BASE.resolve(file) // expect: kt-path-traversal
        return FileInputStream(target.toFile()) // expect: kt-path-traversal
    }

    fun checked(@RequestParam("file") file: String): ByteArray {
        val resolved = BASE.resolve(file).normalize() // ok: kt-path-traversal
        require(resolved.startsWith(BASE)) { "outside the files folder" }
        return Files.readAllBytes(resolved)
    }

    fun fetch(@RequestParam("url") url: String): String? {
        val conn = URL(url).openConnection() // expect: kt-ssrf
        val page = restTemplate.getForObject(url, String::class.java) // expect: kt-ssrf
        val uri = URI.create("http://$url/status") // expect: kt-ssrf
        val item = restTemplate.getForObject("https://api.example.com/items/${URLEncoder.encode(url, "UTF-8")}", String::class.java) // ok: kt-ssrf
        return page + item + conn + uri
    }

    fun fetchAllowed(@RequestParam("url") url: String): String {
        val uri = URI.create(url) // ok: kt-ssrf
        require(uri.host in ALLOWED_HOSTS) { "host not allowed" }
        return uri.toString()
    }

    @PostMapping("/upload")
    fun upload(@RequestParam("file") upload: MultipartFile): String {
        upload.transferTo(File("/srv/app/uploads/" + upload.originalFilename)) // expect: kt-upload-filename-path
        val original = upload.originalFilename!!
        val dest = Paths.get("/srv/app/uploads").resolve(original) // expect: kt-upload-filename-path
        Files.copy(upload.inputStream, dest)
        val stored = "${UUID.randomUUID()}.bin"
        upload.transferTo(File("/srv/app/uploads", stored)) // ok: kt-upload-filename-path
        val cleaned = FilenameUtils.getName(upload.originalFilename)
        upload.transferTo(File("/srv/app/uploads", cleaned)) // ok: kt-upload-filename-path
        return dest.toString()
    }

    fun savePart(part: PartData.FileItem) {
        part.streamProvider().copyTo(File("/srv/app/uploads/${part.originalFileName}").outputStream()) // expect: kt-upload-filename-path
    }

    fun savePartChecked(part: PartData.FileItem) {
        val root = Paths.get("/srv/app/uploads")
        val safe = root.resolve(part.originalFileName!!).normalize() // ok: kt-upload-filename-path
        require(safe.startsWith(root))
        part.streamProvider().copyTo(safe.toFile().outputStream())
    }

    fun tempFiles(user: String) {
        val cache = File("/tmp/report-cache.csv") // expect: kt-temp-file-predictable
        File("/tmp/$user.lock").writeText("x") // expect: kt-temp-file-predictable
        val p = Paths.get(System.getProperty("java.io.tmpdir"), "$user.json") // expect: kt-temp-file-predictable
        val fresh = Files.createTempFile("report", ".csv") // ok: kt-temp-file-predictable, kt-temp-file-world-readable
        val inApp = File("/srv/app/tmp/cache.csv") // ok: kt-temp-file-predictable
        val under = File(fresh.toFile(), "/tmp/part") // ok: kt-temp-file-predictable
        val legacy = File.createTempFile("upload", ".bin") // expect: kt-temp-file-world-readable
        val old = createTempFile("upload", ".bin") // expect: kt-temp-file-world-readable
        val oldDir = createTempDir() // expect: kt-temp-file-world-readable
        val privateTmp = File.createTempFile("upload", ".bin", File("/srv/app/private")) // ok: kt-temp-file-world-readable
        println(listOf(cache, p, inApp, under, legacy, old, oldDir, privateTmp))
    }
}
