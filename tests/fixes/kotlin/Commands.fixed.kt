import jakarta.persistence.EntityManager
import org.springframework.jdbc.core.JdbcTemplate

class Commands(private val jdbcTemplate: JdbcTemplate, private val em: EntityManager) {
    fun ping(host: String, count: Int): Process =
        Runtime.getRuntime().exec(arrayOf("ping", "-c", "$count", host))

    fun archive(name: String, dir: String): Process =
        ProcessBuilder("tar", "-czf", "$name.tar.gz", dir).start()

    fun count(status: String): Int? =
        jdbcTemplate.queryForObject("SELECT COUNT(*) FROM orders WHERE status = ?", Int::class.java, status)

    fun owners(city: String): List<*> =
        em.createQuery("SELECT o FROM Owner o WHERE o.city = ?1").setParameter(1, city).resultList
}
