import jakarta.persistence.EntityManager
import org.springframework.jdbc.core.JdbcTemplate

class Commands(private val jdbcTemplate: JdbcTemplate, private val em: EntityManager) {
    fun ping(host: String, count: Int): Process =
        Runtime.getRuntime().exec("ping -c $count $host")

    fun archive(name: String, dir: String): Process =
        ProcessBuilder("bash", "-c", "tar -czf \"$name.tar.gz\" ${dir}").start()

    fun count(status: String): Int? =
        jdbcTemplate.queryForObject("SELECT COUNT(*) FROM orders WHERE status = '$status'", Int::class.java)

    fun owners(city: String): List<*> =
        em.createQuery("SELECT o FROM Owner o WHERE o.city = '" + city + "'").resultList
}
