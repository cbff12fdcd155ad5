package com.example.shop.directory

import java.security.cert.X509Certificate
import javax.naming.NamingEnumeration
import javax.naming.directory.DirContext
import javax.naming.directory.SearchControls
import javax.naming.directory.SearchResult
import javax.net.ssl.X509TrustManager

class Directory(private val ctx: DirContext) {
    fun findUser(uid: String): NamingEnumeration<SearchResult> {
        val controls = SearchControls()
        controls.searchScope = SearchControls.SUBTREE_SCOPE
        return ctx.search("ou=people,dc=example,dc=com", "(&(objectClass=person)(uid=$uid))", controls)
    }
}

class LenientTrust : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}
