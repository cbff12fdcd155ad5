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
        return ctx.search("ou=people,dc=example,dc=com", "(&(objectClass=person)(uid={0}))", arrayOf<Any?>(uid), controls)
    }
}

class LenientTrust : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {
        val factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm())
        factory.init(null as java.security.KeyStore?)
        factory.trustManagers.filterIsInstance<javax.net.ssl.X509TrustManager>().first().checkServerTrusted(chain, authType)
    }

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}
