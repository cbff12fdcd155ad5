package com.example.shop.web;

import java.io.File;
import java.io.IOException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class Uploads {
    private final File uploadDir = new File("/srv/shop/uploads");

    @PostMapping("/uploads")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        File target = new File(uploadDir, file.getOriginalFilename());
        file.transferTo(target);
        return "stored";
    }

    @GetMapping("/greeting")
    public String greeting(@RequestParam String name) {
        return "<p>Hello, " + name + "!</p>";
    }
}
