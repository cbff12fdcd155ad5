package com.example.shop.web

import java.io.File
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController
import org.springframework.web.multipart.MultipartFile

@RestController
class Uploads {
    private val uploadDir = File("/srv/shop/uploads")

    @PostMapping("/uploads")
    fun upload(@RequestParam("file") file: MultipartFile): String {
        val target = File(uploadDir, File(file.originalFilename).name)
        file.transferTo(target)
        return "stored"
    }

    @GetMapping("/greeting")
    fun greeting(@RequestParam name: String): String {
        return "<p>Hello, " + org.springframework.web.util.HtmlUtils.htmlEscape(name) + "!</p>"
    }
}
