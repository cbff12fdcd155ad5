import java.io.InputStream
import java.security.MessageDigest
import javax.servlet.http.Cookie
import javax.servlet.http.HttpServletResponse
import javax.xml.parsers.SAXParserFactory

fun digest(data: ByteArray): ByteArray = MessageDigest.getInstance("SHA-1").digest(data)

fun cookies(resp: HttpServletResponse, id: String) {
    resp.addCookie(Cookie("SESSION", id))
    val off = Cookie("auth", id)
    off.isSecure = false
    resp.addCookie(off)
}

fun sax(input: InputStream) {
    val spf = SAXParserFactory.newInstance()
    spf.newSAXParser().parse(input, null)
}
