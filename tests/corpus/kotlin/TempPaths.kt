package com.example.scratch

import kotlin.io.path.createTempFile
import kotlin.io.path.writeText

// kotlin.io.path.createTempFile makes the file readable by its owner only.
fun scratch(): String {
    val file = createTempFile("scratch", ".tmp") // ok: kt-temp-file-world-readable
    file.writeText("draft")
    return file.toString()
}
