class Scripts {
    // A redirect is shell syntax, so this command keeps its shell: guidance only.
    fun save(dir: String): Process =
        ProcessBuilder("sh", "-c", "ls $dir > listing.txt").start()
}
